/* test_import.c: the readers of other people's formats (Moodle GIFT and Aiken, OpenTriviaQA),
 * choosing a reader by content, their file:line messages, CRLF and Windows-1252 input, and a
 * Markdown round trip from each format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "deck.h"

static deck *parse(const char *name, const char *text, diag_list *dl)
{
    return deck_parse(name, text, strlen(text), dl);
}

/* 1 if some diagnostic is at line with msg containing needle. */
static int has_diag(const diag_list *dl, int line, int is_error, const char *needle)
{
    for (int i = 0; i < dl->n; i++)
        if (dl->items[i].line == line && dl->items[i].is_error == is_error &&
            strstr(dl->items[i].msg, needle))
            return 1;
    return 0;
}

/* Number of diagnostics whose message contains needle. */
static int count_diags(const diag_list *dl, const char *needle)
{
    int n = 0;
    for (int i = 0; i < dl->n; i++)
        n += strstr(dl->items[i].msg, needle) != NULL;
    return n;
}

static int has_tag(const card *c, const char *tag)
{
    for (int i = 0; i < c->ntags; i++)
        if (!strcmp(c->tags[i], tag))
            return 1;
    return 0;
}

static int same_cards(const deck *a, const deck *b)
{
    if (a->ncards != b->ncards || strcmp(a->title, b->title))
        return 0;
    for (int i = 0; i < a->ncards; i++) {
        const card *x = &a->cards[i], *y = &b->cards[i];
        if (strcmp(x->question, y->question) || x->level != y->level || x->time_s != y->time_s ||
            x->nright != y->nright || x->nwrong != y->nwrong || x->ntags != y->ntags)
            return 0;
        if ((x->explanation == NULL) != (y->explanation == NULL) ||
            (x->explanation && strcmp(x->explanation, y->explanation)))
            return 0;
        for (int k = 0; k < x->nright; k++)
            if (strcmp(x->right[k], y->right[k]))
                return 0;
        for (int k = 0; k < x->nwrong; k++)
            if (strcmp(x->wrong[k], y->wrong[k]))
                return 0;
        for (int k = 0; k < x->ntags; k++)
            if (strcmp(x->tags[k], y->tags[k]))
                return 0;
    }
    return 1;
}

/* Copies text with every "\n" turned into "\r\n" (caller frees). */
static char *crlf(const char *text)
{
    strbuf b = {0};
    for (const char *p = text; *p; p++)
        sb_append(&b, *p == '\n' ? "\r\n" : p, *p == '\n' ? 2 : 1);
    return b.s;
}

/* ---- GIFT ---- */

static const char *gift_sample =
    "// a comment\n"                                                  /* 1 */
    "$CATEGORY: $course$/top/Default for Net/Networking/Basics\n"     /* 2 */
    "\n"                                                              /* 3 */
    "::Q1 OSI:: How many layers\n"                                    /* 4 */
    "does the OSI model have? {\n"                                    /* 5 */
    "  =7 #Right.\n"                                                  /* 6 */
    "  ~5 #That is TCP/IP plus one.\n"                                /* 7 */
    "  ~4\n"                                                          /* 8 */
    "  ####Seven layers, physical to application.\n"                  /* 9 */
    "}\n"                                                             /* 10 */
    "\n"                                                              /* 11 */
    "// [tag:ports] [tag:Web]\n"                                      /* 12 */
    "::Q2:: Which port does HTTPS use? {~80 =443#Yes, 443. ~8080}\n"  /* 13 */
    "\n"                                                              /* 14 */
    "The loopback address is {=127.0.0.1 ~0.0.0.0} in IPv4.\n"        /* 15 */
    "\n"                                                              /* 16 */
    "::Only a title:: {=right ~wrong}\n"                              /* 17 */
    "\n"                                                              /* 18 */
    "::Q5:: Which forwards packets? {~%-50%Hub ~%100%Router ~Switch}\n"; /* 19 */

static void gift_reads_multiple_choice(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("decks/net.gift", gift_sample, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_string_equal(d->format, "gift");
    assert_string_equal(d->title, "net");
    assert_int_equal(d->ncards, 5);
    const card *c = &d->cards[0];
    assert_int_equal(c->line, 4);
    assert_string_equal(c->question, "How many layers does the OSI model have?");
    assert_int_equal(c->nright, 1);
    assert_string_equal(c->right[0], "7");
    assert_int_equal(c->nwrong, 2);
    assert_string_equal(c->wrong[0], "5");
    assert_string_equal(c->wrong[1], "4");
    /* the general feedback wins over the right answer's */
    assert_string_equal(c->explanation, "Seven layers, physical to application.");
    /* $CATEGORY: parts become tags, Moodle's own parts do not */
    assert_int_equal(c->ntags, 2);
    assert_string_equal(c->tags[0], "networking");
    assert_string_equal(c->tags[1], "basics");
    c = &d->cards[1];
    assert_int_equal(c->line, 13);
    assert_string_equal(c->right[0], "443");
    assert_string_equal(c->explanation, "Yes, 443.");
    assert_true(has_tag(c, "ports") && has_tag(c, "web") && has_tag(c, "basics"));
    c = &d->cards[2];
    assert_int_equal(c->line, 15);
    assert_string_equal(c->question, "The loopback address is _____ in IPv4.");
    assert_null(c->explanation);
    assert_string_equal(d->cards[3].question, "Only a title");
    /* a full weight is a right answer, a penalty a wrong one */
    c = &d->cards[4];
    assert_int_equal(c->nright, 1);
    assert_string_equal(c->right[0], "Router");
    assert_int_equal(c->nwrong, 2);
    deck_free(d);
    diag_free(&dl);
}

static void gift_escapes(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "What is a \\= b \\: c \\{ d \\} \\# e \\~ f? {\n"
                       "  =a \\~ b \\= c \\# d \\{ e \\} f \\\\ g #with \\# feedback\n"
                       "  ~two\\nlines\n"
                       "  ~C:\\\\dir\\x\n"
                       "}\n";
    deck *d = parse("esc.gift", text, &dl);
    assert_non_null(d);
    const card *c = &d->cards[0];
    assert_string_equal(c->question, "What is a = b : c { d } # e ~ f?");
    assert_string_equal(c->right[0], "a ~ b = c # d { e } f \\ g");
    assert_string_equal(c->explanation, "with # feedback");
    assert_string_equal(c->wrong[0], "two lines");
    assert_string_equal(c->wrong[1], "C:\\dir\\x");
    deck_free(d);
    diag_free(&dl);
}

static void gift_true_false(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "TCP is connectionless.{F#No: it connects first.#Yes: UDP is.}\n"
                       "\n"
                       "UDP has no handshake. {TRUE}\n"
                       "\n"
                       "DNS uses port 53. { T }\n"
                       "\n"
                       "ICMP carries user data. {FALSE#It carries control messages.}\n";
    deck *d = parse("tf.gift", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 4);
    const char *want[] = {"False", "True", "True", "False"};
    for (int i = 0; i < 4; i++) {
        const card *c = &d->cards[i];
        assert_int_equal(c->nright, 1);
        assert_int_equal(c->nwrong, 1);
        assert_string_equal(c->right[0], want[i]);
        assert_string_equal(c->wrong[0], strcmp(want[i], "True") ? "True" : "False");
    }
    /* the feedback for a right answer explains; when there is only one, it is used */
    assert_string_equal(d->cards[0].explanation, "Yes: UDP is.");
    assert_null(d->cards[1].explanation);
    assert_string_equal(d->cards[3].explanation, "It carries control messages.");
    deck_free(d);
    diag_free(&dl);
}

static void gift_format_prefixes(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "::h:: [html] Which tag makes <b>bold</b> text &amp; <i>italic</i>?<br>Pick"
                       " one. {=&lt;b&gt; &\\#38; &\\#x3C;i&\\#x3E; ~&lt;p&gt;}\n"
                       "\n"
                       "[plain] Is <b> a tag? {=yes ~no}\n"
                       "\n"
                       "::m::[markdown] What does `ls -a` show? {=hidden files ~sizes}\n"
                       "\n"
                       "Is 3 < 5 and 6 > 4? {=yes <em>really</em> ~no}\n";
    deck *d = parse("fmt.gift", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 4);
    assert_string_equal(d->cards[0].question, "Which tag makes bold text & italic? Pick one.");
    /* a # starts feedback even inside an entity, so numeric entities are written &\#38; */
    assert_string_equal(d->cards[0].right[0], "<b> & <i>");
    assert_string_equal(d->cards[1].question, "Is <b> a tag?");
    assert_string_equal(d->cards[2].question, "What does `ls -a` show?");
    /* Moodle's default format is HTML too, but "< 5" is no tag */
    assert_string_equal(d->cards[3].question, "Is 3 < 5 and 6 > 4?");
    assert_string_equal(d->cards[3].right[0], "yes really");
    deck_free(d);
    diag_free(&dl);
}

static void gift_skips_other_kinds_with_one_warning(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "Keep me. {=yes ~no}\n"                         /* 1 */
                       "\n"                                            /* 2 */
                       "// short answer\n"                             /* 3 */
                       "Name the protocol. {=DNS =domain name system}\n" /* 4 */
                       "\n"                                            /* 5 */
                       "Match. {=22 -> SSH =25 -> SMTP}\n"             /* 6 */
                       "\n"                                            /* 7 */
                       "How many bits? {#32:0}\n"                      /* 8 */
                       "\n"                                            /* 9 */
                       "Explain. {}\n"                                 /* 10 */
                       "\n"                                            /* 11 */
                       "Which? {~%50%TCP ~%50%UDP ~%-100%IP}\n"        /* 12 */
                       "\n"                                            /* 13 */
                       "Just a description.\n"                         /* 14 */
                       "\n"                                            /* 15 */
                       "Keep me too. {=a ~b}\n";                       /* 16 */
    deck *d = parse("kinds.gift", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 2);
    assert_int_equal(dl.n, 1);
    assert_true(has_diag(&dl, 4, 0, "6 questions skipped"));
    assert_true(has_diag(&dl, 4, 0,
                         "1 short answer, 1 matching, 1 numerical, 1 essay, 1 partial credit, "
                         "1 description"));
    deck_free(d);
    diag_free(&dl);
}

static void gift_errors_name_the_line(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "Fine. {=a ~b}\n"                          /* 1 */
                       "\n"                                       /* 2 */
                       "::Unclosed:: A question\n"                /* 3 */
                       "on two lines {\n"                         /* 4 */
                       "=a ~b\n"                                  /* 5 */
                       "\n"                                       /* 6 */
                       "::Broken title A? {=a ~b}\n"              /* 7 */
                       "\n"                                       /* 8 */
                       "No right answer? {~a ~b}\n"               /* 9 */
                       "\n"                                       /* 10 */
                       "First? {=a ~b}\n"                         /* 11 */
                       "Second without a blank line? {=c ~d}\n"   /* 12 */
                       "\n"                                       /* 13 */
                       "Stray text? { oops =a ~b}\n"              /* 14 */
                       "\n"                                       /* 15 */
                       "What kind? {just text}\n";                /* 16 */
    deck *d = parse("bad.gift", text, &dl);
    assert_null(d);
    assert_true(has_diag(&dl, 4, 1, "\"{\" is not closed"));
    assert_true(has_diag(&dl, 7, 1, "title is not closed"));
    assert_true(has_diag(&dl, 9, 1, "no right answer"));
    assert_true(has_diag(&dl, 12, 1, "second answer block"));
    assert_true(has_diag(&dl, 14, 1, "text before the first answer"));
    assert_true(has_diag(&dl, 16, 1, "cannot tell the kind"));
    assert_int_equal(dl.errors, 6);
    assert_string_equal(dl.items[0].file, "bad.gift");
    diag_free(&dl);
}

static void gift_too_many_answers(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "Fine? {=a ~b}\n\nMany? {=right");
    for (int i = 0; i < 70; i++)
        sb_printf(&b, " ~wrong %d", i);
    sb_puts(&b, "}\n");
    diag_list dl = {0};
    assert_null(parse("many.gift", b.s, &dl));
    assert_true(has_diag(&dl, 3, 1, "71 answers; at most 64 are allowed"));
    sb_free(&b);
    diag_free(&dl);
}

/* ---- Aiken ---- */

static const char *aiken_sample = "What is the capital of France?\n" /* 1 */
                                  "A. Paris\n"                      /* 2 */
                                  "B. Lyon\n"                       /* 3 */
                                  "C. Marseille\n"                  /* 4 */
                                  "ANSWER: A\n"                     /* 5 */
                                  "\n"                              /* 6 */
                                  "The speed of light is about\n"   /* 7 */
                                  "300,000 km/s. A light-year is\n" /* 8 */
                                  "A) a unit of time\n"             /* 9 */
                                  "  B)   a unit of distance  \n"   /* 10 */
                                  "ANSWER:B\n"                      /* 11 */
                                  "A. Lincoln was a president?\n"   /* 12 */
                                  "A) yes\n"                        /* 13 */
                                  "B) no\n"                         /* 14 */
                                  "answer : a\n";                   /* 15 */

static void aiken_reads_questions(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("quiz.aiken", aiken_sample, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_string_equal(d->format, "aiken");
    assert_string_equal(d->title, "quiz");
    assert_int_equal(d->ncards, 3);
    const card *c = &d->cards[0];
    assert_int_equal(c->line, 1);
    assert_string_equal(c->question, "What is the capital of France?");
    assert_int_equal(c->nright, 1);
    assert_string_equal(c->right[0], "Paris");
    assert_int_equal(c->nwrong, 2);
    assert_string_equal(c->wrong[1], "Marseille");
    c = &d->cards[1];
    assert_int_equal(c->line, 7);
    assert_string_equal(c->question,
                        "The speed of light is about 300,000 km/s. A light-year is");
    assert_string_equal(c->right[0], "a unit of distance");
    assert_string_equal(c->wrong[0], "a unit of time");
    /* a question that looks like an option is still the question: none came before it */
    c = &d->cards[2];
    assert_int_equal(c->line, 12);
    assert_string_equal(c->question, "A. Lincoln was a president?");
    assert_string_equal(c->right[0], "yes");
    deck_free(d);
    diag_free(&dl);
}

static void aiken_errors_name_the_line(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "Which letter is missing?\n" /* 1 */
                       "A. one\n"                   /* 2 */
                       "B. two\n"                   /* 3 */
                       "C. three\n"                 /* 4 */
                       "D. four\n"                  /* 5 */
                       "ANSWER: E\n"                /* 6 */
                       "No answer line?\n"          /* 7 */
                       "A) yes\n"                   /* 8 */
                       "B) no\n"                    /* 9 */
                       "Next question?\n"           /* 10 */
                       "A) a\n"                     /* 11 */
                       "A) b\n"                     /* 12 */
                       "ANSWER: A\n"                /* 13 */
                       "ANSWER: B\n"                /* 14 */
                       "Bad value?\n"               /* 15 */
                       "A) a\n"                     /* 16 */
                       "B) b\n"                     /* 17 */
                       "ANSWER: A or B\n"           /* 18 */
                       "Last one, cut short?\n"     /* 19 */
                       "A) a\n";                    /* 20 */
    deck *d = parse("bad.aiken", text, &dl);
    assert_null(d);
    assert_true(has_diag(&dl, 6, 1, "ANSWER: E, but no option has that letter (the options are "
                                    "A to D)"));
    assert_true(has_diag(&dl, 7, 1, "no \"ANSWER: X\" line after the options (line 10"));
    assert_true(has_diag(&dl, 12, 1, "letter used twice"));
    assert_true(has_diag(&dl, 14, 1, "ANSWER: without a question"));
    assert_true(has_diag(&dl, 18, 1, "ANSWER: must give the letter of one option"));
    assert_true(has_diag(&dl, 19, 1, "the file ends"));
    diag_free(&dl);
}

/* ---- OpenTriviaQA ---- */

static const char *otqa_sample =
    "\n"                                                         /* 1 */
    "#Q Three of these animals hibernate. Which one does not?\n" /* 2 */
    "^ Sloth\n"                                                  /* 3 */
    "A Mouse\n"                                                  /* 4 */
    "B Sloth\n"                                                  /* 5 */
    "C Frog\n"                                                   /* 6 */
    "D Snake\n"                                                  /* 7 */
    "\n"                                                         /* 8 */
    "#Q Finish the proverb:\n"                                   /* 9 */
    "\n"                                                         /* 10 */
    "Poets are born, ________.\n"                                /* 11 */
    "^ ...not made.\n"                                           /* 12 */
    "A ...not made.\n"                                           /* 13 */
    "B ...but can also be made.\n"                               /* 14 */
    "\n"                                                         /* 15 */
    "#Q Can 37 be divided into 2 evenly?\n"                      /* 16 */
    "^ false\n"                                                  /* 17 */
    "A True\n"                                                   /* 18 */
    "B False\n";                                                 /* 19 */

static void otqa_reads_questions(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("/data/opentriviaqa/categories/animals", otqa_sample, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_string_equal(d->format, "opentriviaqa");
    assert_string_equal(d->title, "animals");
    assert_int_equal(d->ncards, 3);
    const card *c = &d->cards[0];
    assert_int_equal(c->line, 2);
    assert_string_equal(c->question, "Three of these animals hibernate. Which one does not?");
    assert_int_equal(c->nright, 1);
    assert_string_equal(c->right[0], "Sloth");
    assert_int_equal(c->nwrong, 3);
    assert_string_equal(c->wrong[0], "Mouse");
    assert_string_equal(c->wrong[2], "Snake");
    c = &d->cards[1];
    assert_int_equal(c->line, 9);
    assert_string_equal(c->question, "Finish the proverb: Poets are born, ________.");
    /* true/false questions are two choices; the ^ answer matches whatever its case */
    c = &d->cards[2];
    assert_string_equal(c->right[0], "False");
    assert_string_equal(c->wrong[0], "True");
    deck_free(d);
    diag_free(&dl);
}

static void otqa_repairs_and_skips_with_one_warning_each(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "#Q Which wombat is the largest?\n"  /* 1 */
                "^ Northern Hairy-nosed Wombat\n"    /* 2 */
                "A Northern Hairy-nosed Wombat\n"    /* 3 */
                "B Northern Hairy-nosed Wombat\n"    /* 4 */
                "C Common Wombat\n"                  /* 5 */
                "D \n"                               /* 6 */
                "\n"                                 /* 7 */
                "#Q ");                              /* 8 */
    for (int i = 0; i < 100; i++)
        sb_puts(&b, "long ");
    sb_puts(&b, "\n^ a\nA a\nB b\n\n" /* 9-12 */
                "#Q Fine?\n^ b\nA a\nB b\nC b\n\n" /* 13-18 */
                "#Q Long choice?\n^ a\nA a\nB "); /* 19-22 */
    for (int i = 0; i < 50; i++)
        sb_puts(&b, "long ");
    sb_puts(&b, "\n");
    diag_list dl = {0};
    deck *d = parse("mess", b.s, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 2);
    const card *c = &d->cards[0];
    assert_int_equal(c->nright, 1);
    assert_int_equal(c->nwrong, 1);
    assert_string_equal(c->wrong[0], "Common Wombat");
    assert_int_equal(dl.n, 2);
    assert_true(has_diag(&dl, 8, 0, "2 questions skipped: longer than a card allows"));
    assert_true(has_diag(&dl, 1, 0, "2 questions had an empty or repeated choice"));
    sb_free(&b);
    deck_free(d);
    diag_free(&dl);
}

static void otqa_errors_name_the_line(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "#Q No answer line?\n" /* 1 */
                       "A yes\n"              /* 2 */
                       "B no\n"               /* 3 */
                       "\n"                   /* 4 */
                       "#Q Wrong answer?\n"   /* 5 */
                       "^ Maybe\n"            /* 6 */
                       "A Yes\n"              /* 7 */
                       "B No\n"               /* 8 */
                       "\n"                   /* 9 */
                       "#Q No choices?\n"     /* 10 */
                       "^ Yes\n";             /* 11 */
    deck *d = parse("bad", text, &dl);
    assert_null(d);
    assert_true(has_diag(&dl, 1, 1, "no \"^ answer\" line"));
    assert_true(has_diag(&dl, 6, 1, "the answer \"Maybe\" is none of the choices"));
    assert_true(has_diag(&dl, 11, 1, "no choices"));
    diag_free(&dl);
}

/* ---- all formats ---- */

/* The three samples above, with the name that picks their reader. */
static const struct {
    const char *name, *format;
} samples[] = {
    {"t.gift", "gift"},
    {"t.aiken", "aiken"},
    {"t", "opentriviaqa"},
};

static const char *sample_text(int i)
{
    return i == 0 ? gift_sample : i == 1 ? aiken_sample : otqa_sample;
}

static void crlf_reads_like_lf(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++) {
        diag_list dl = {0}, dl2 = {0};
        deck *a = parse(samples[i].name, sample_text(i), &dl);
        char *t = crlf(sample_text(i));
        deck *b = parse(samples[i].name, t, &dl2);
        assert_non_null(a);
        assert_non_null(b);
        assert_true(same_cards(a, b));
        for (int k = 0; k < a->ncards; k++)
            assert_int_equal(a->cards[k].line, b->cards[k].line);
        assert_int_equal(dl.n, dl2.n);
        free(t);
        deck_free(a);
        deck_free(b);
        diag_free(&dl);
        diag_free(&dl2);
    }
}

static void windows_1252_bytes_are_converted(void **state)
{
    (void)state;
    diag_list dl = {0};
    /* as in OpenTriviaQA's sports file: curly quotes and an accent in Windows-1252, in a file
     * that is otherwise UTF-8 (the \xc3\xbc is a real UTF-8 u-umlaut) */
    const char *text = "#Q Which team won \x93Treble\x94 in 1999?\r\n"
                       "^ Manchester United\r\n"
                       "A Manchester United\r\n"
                       "B FC Bayern M\xfcnchen\r\n"
                       "C J\xc3\xbcrgen's team\r\n";
    deck *d = parse("sports", text, &dl);
    assert_non_null(d);
    assert_string_equal(d->format, "opentriviaqa");
    assert_string_equal(d->cards[0].question,
                        "Which team won \xe2\x80\x9cTreble\xe2\x80\x9d in 1999?");
    assert_string_equal(d->cards[0].wrong[0], "FC Bayern M\xc3\xbcnchen");
    assert_string_equal(d->cards[0].wrong[1], "J\xc3\xbcrgen's team");
    assert_true(has_diag(&dl, 1, 0, "3 bytes are not valid UTF-8"));
    deck_free(d);
    diag_free(&dl);
}

static void formats_are_sniffed_by_content(void **state)
{
    (void)state;
    static const struct {
        const char *name, *text, *format;
    } cases[] = {
        {"animals", "\n#Q Which?\n^ a\nA a\nB b\n", "opentriviaqa"},
        {"bank.txt", "Which?\nA) a\nB) b\nANSWER: A\n", "aiken"},
        {"bank", "Which?\nA. a\nB. b\nANSWER : B\n", "aiken"},
        {"bank.txt", "// GIFT\nWhich? {=a ~b}\n", "gift"},
        {"bank.txt", "Which? {\n  ~a\n  =b\n}\n", "gift"},
        {"bank.txt", "::Q1:: Which?\n{=a ~b}\n", "gift"},
        {"bank.quiz", "Sky is blue. {T}\n\nGrass is red. {FALSE#No.}\n", "gift"},
        {"notes.txt", "# Notes\n\n## Which?\n- [x] a\n- [ ] b\n", "markdown"},
        {"notes", "## Which?\n- [X] a\n- [ ] b\n", "markdown"},
        {"export.txt", "Which?\ta\nWhat?\tb\n", "tsv"},
        /* an Anki cloze looks like a GIFT title and answers: the headers decide */
        {"anki.txt", "#separator:tab\n#html:true\n{{c1::Paris}} is the capital of France.\tx\n"
                     "A) {=b}\tc\n",
         "tsv"},
        /* the extension decides over the content */
        {"odd.gift", "#Q Which? {=a ~b}\n", "gift"},
        {"odd.aiken", "::T:: Which? {=x}\nA) a\nB) b\nANSWER: A\n", "aiken"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        diag_list dl = {0};
        deck *d = parse(cases[i].name, cases[i].text, &dl);
        if (!d || strcmp(d->format, cases[i].format))
            fail_msg("case %zu (%s): read as %s, not %s", i, cases[i].name,
                     d ? d->format : "nothing", cases[i].format);
        deck_free(d);
        diag_free(&dl);
    }
}

static void every_format_round_trips_through_markdown(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++) {
        diag_list dl = {0};
        deck *d = parse(samples[i].name, sample_text(i), &dl);
        assert_non_null(d);
        assert_string_equal(d->format, samples[i].format);
        strbuf b = {0};
        deck_write_md(d, &b);
        deck *e = parse("out.md", b.s, &dl);
        assert_non_null(e);
        assert_int_equal(dl.errors, 0);
        assert_string_equal(e->format, "markdown");
        if (!same_cards(d, e))
            fail_msg("%s: the cards differ after the round trip:\n%s", samples[i].name, b.s);
        strbuf b2 = {0};
        deck_write_md(e, &b2);
        assert_string_equal(b.s, b2.s);
        sb_free(&b);
        sb_free(&b2);
        deck_free(d);
        deck_free(e);
        diag_free(&dl);
    }
}

/* Text that means something to the Markdown reader must come back as text. */
static void tricky_text_round_trips(void **state)
{
    (void)state;
    const char *text = "::t:: [plain] ## Is C# a \\{ language \\} # ? {\n"
                       "  =- [x] looks like a choice\n"
                       "  ~> looks like a quote\n"
                       "  ~level\\: hard\n"
                       "  ~```\n"
                       "  #### <!-- not a comment --> and tags\\: a, b\n"
                       "}\n";
    diag_list dl = {0};
    deck *d = parse("tricky.gift", text, &dl);
    assert_non_null(d);
    strbuf b = {0};
    deck_write_md(d, &b);
    deck *e = parse("out.md", b.s, &dl);
    assert_non_null(e);
    if (!same_cards(d, e))
        fail_msg("the cards differ after the round trip:\n%s", b.s);
    sb_free(&b);
    deck_free(d);
    deck_free(e);
    diag_free(&dl);
}

/* One skipped-kinds warning per file, however many questions are skipped. */
static void many_skipped_questions_make_one_warning(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "Keep? {=a ~b}\n");
    for (int i = 0; i < 500; i++)
        sb_printf(&b, "\nShort %d? {=x%d}\n", i, i);
    diag_list dl = {0};
    deck *d = parse("many.gift", b.s, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 1);
    assert_int_equal(count_diags(&dl, "skipped"), 1);
    assert_true(has_diag(&dl, 3, 0, "500 questions skipped (500 short answer)"));
    sb_free(&b);
    deck_free(d);
    diag_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gift_reads_multiple_choice),
        cmocka_unit_test(gift_escapes),
        cmocka_unit_test(gift_true_false),
        cmocka_unit_test(gift_format_prefixes),
        cmocka_unit_test(gift_skips_other_kinds_with_one_warning),
        cmocka_unit_test(gift_errors_name_the_line),
        cmocka_unit_test(gift_too_many_answers),
        cmocka_unit_test(aiken_reads_questions),
        cmocka_unit_test(aiken_errors_name_the_line),
        cmocka_unit_test(otqa_reads_questions),
        cmocka_unit_test(otqa_repairs_and_skips_with_one_warning_each),
        cmocka_unit_test(otqa_errors_name_the_line),
        cmocka_unit_test(crlf_reads_like_lf),
        cmocka_unit_test(windows_1252_bytes_are_converted),
        cmocka_unit_test(formats_are_sniffed_by_content),
        cmocka_unit_test(every_format_round_trips_through_markdown),
        cmocka_unit_test(tricky_text_round_trips),
        cmocka_unit_test(many_skipped_questions_make_one_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
