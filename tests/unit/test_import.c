/* test_import.c: the readers of other people's formats (Moodle GIFT and Aiken, OpenTriviaQA,
 * Anki and other tab-separated exports) against each format's rules, choosing a reader by
 * content, their file:line messages (every error listed, repeated warnings counted), CRLF,
 * Windows-1252 and damaged UTF-8 input, and a Markdown round trip from each format that keeps
 * every text, Markdown syntax included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "deck.h"
#include "deck_dir.h"

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

/* the cards, as --convert keeps them (deck_diff); the description and hints are compared too */
static int same_cards(const deck *a, const deck *b)
{
    char why[96];
    if (deck_diff(a, b, why, sizeof why)) {
        print_message("the decks differ: %s\n", why);
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
                       "Keep me too. {=a ~b}\n"                        /* 16 */
                       "\n"                                            /* 17 */
                       "// Moodle reads these as short answers too\n"  /* 18 */
                       "Capital of France? {Paris}\n"                  /* 19 */
                       "\n"                                            /* 20 */
                       "Lower case is no true/false. {true}\n"         /* 21 */
                       "\n"                                            /* 22 */
                       "One answer. {=DNS}\n";                         /* 23 */
    deck *d = parse("kinds.gift", text, &dl);
    assert_non_null(d);
    /* the shared-credit question is a card with two right answers (each round picks one) */
    assert_int_equal(d->ncards, 3);
    assert_int_equal(d->cards[1].nright, 2);
    assert_int_equal(dl.errors, 0);
    /* the first three listed with their line and reason, the rest counted in one line */
    assert_true(has_diag(&dl, 4, 0, "question skipped (short answer)"));
    assert_true(has_diag(&dl, 6, 0, "question skipped (matching)"));
    assert_true(has_diag(&dl, 8, 0, "question skipped (numerical)"));
    assert_true(has_diag(&dl, 0, 0, "... and 5 more questions skipped"));
    assert_int_equal(dl.n, 4);
    assert_int_equal(d->skipped, 8);
    assert_string_equal(d->skipped_why,
                        "4 short answer, 1 matching, 1 numerical, 1 essay, 1 description");
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
                       "Stray brace } here? =a ~b\n"              /* 16 */
                       "\n"                                       /* 17 */
                       "Empty answer? {=a ~}\n";                  /* 18 */
    deck *d = parse("bad.gift", text, &dl);
    /* each bad question is skipped with its line and why; the file loads with the rest */
    assert_non_null(d);
    assert_int_equal(dl.errors, 0);
    assert_true(has_diag(&dl, 4, 0, "question skipped (unbalanced braces): \"{\" is not closed"));
    /* Moodle reads an unclosed title as question text: a warning, and the card is read */
    assert_true(has_diag(&dl, 7, 0, "the title has no closing \"::\""));
    assert_true(has_diag(&dl, 9, 0, "question skipped (no right answer)"));
    assert_true(has_diag(&dl, 12, 0, "question skipped (two answer blocks)"));
    /* Moodle keeps text before the first ~ as an answer of no credit */
    assert_true(has_diag(&dl, 14, 0, "text before the first ~ or = is read as a wrong answer"));
    assert_true(has_diag(&dl, 0, 0, "... and 1 more questions skipped"));
    assert_int_equal(d->skipped, 4);
    assert_string_equal(d->skipped_why,
                        "2 unbalanced braces, 1 no right answer, 1 two answer blocks");
    /* Fine, Broken title, Stray text (oops, a, b), Empty answer (a, ~ dropped) */
    assert_int_equal(d->ncards, 4);
    assert_string_equal(d->cards[2].wrong[0], "oops");
    assert_int_equal(d->cards[2].nwrong, 2);
    assert_int_equal(d->cards[3].line, 18);
    assert_int_equal(d->cards[3].nwrong, 0);
    assert_true(has_diag(&dl, 18, 0, "an empty wrong choice is dropped"));
    assert_string_equal(dl.items[0].file, "bad.gift");
    deck_free(d);
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
    deck *d = parse("many.gift", b.s, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 1);
    assert_true(has_diag(&dl, 3, 0, "question skipped (too many choices): 71 answers; at most 64"));
    deck_free(d);
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
    /* every question is bad: each is said, then "no cards left" with the reasons */
    assert_null(parse("bad.aiken", text, &dl));
    assert_true(has_diag(&dl, 6, 0, "ANSWER: E, but no option has that letter (the options are "
                                    "A to D)"));
    assert_true(has_diag(&dl, 7, 0, "no \"ANSWER: X\" line after the options (line 10"));
    assert_true(has_diag(&dl, 12, 0, "letter used twice"));
    assert_true(has_diag(&dl, 0, 0, "... and 3 more questions skipped"));
    assert_true(has_diag(&dl, 0, 1,
                         "no cards left: all 6 questions were skipped (2 no such option, 2 no "
                         "ANSWER line, 1 repeated option letter, 1 no question)"));
    assert_int_equal(dl.errors, 1);
    diag_free(&dl);
    /* the same bad questions beside a good one: the good one loads */
    strbuf b = {0};
    sb_puts(&b, text);
    sb_puts(&b, "\nGood?\nA) yes\nB) no\nANSWER: A\n");
    deck *d = parse("bad.aiken", b.s, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 1);
    assert_int_equal(d->skipped, 6);
    deck_free(d);
    sb_free(&b);
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
    assert_true(has_diag(&dl, 1, 0, "no \"^ answer\" line"));
    assert_true(has_diag(&dl, 6, 0, "the answer \"Maybe\" is none of the choices"));
    assert_true(has_diag(&dl, 11, 0, "no choices"));
    assert_true(has_diag(&dl, 0, 1, "no cards left: all 3 questions were skipped"));
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
    /* three listed, the rest in one line; the summary counts them by reason */
    assert_int_equal(count_diags(&dl, "skipped"), 4);
    assert_true(has_diag(&dl, 3, 0, "question skipped (short answer)"));
    assert_true(has_diag(&dl, 0, 0, "... and 497 more questions skipped"));
    assert_int_equal(d->skipped, 500);
    assert_string_equal(d->skipped_why, "500 short answer");
    sb_free(&b);
    deck_free(d);
    diag_free(&dl);
}

/* ---- GIFT, more of Moodle's rules ---- */

static void gift_weights_follow_moodle(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text =
        "Best answer? {=best ~%50%half right ~wrong}\n"            /* 1 */
        "\n"                                                      /* 2 */
        "Full weight without =? {~%100%this ~%-25%not this ~no}\n" /* 3 */
        "\n"                                                      /* 4 */
        "Decimals? {~%33.33333%a ~%33.33333%b ~%33.33334%c ~d}\n" /* 5 */
        "\n"                                                      /* 6 */
        "Shared credit? {~%50%TCP ~%50%UDP ~%-100%IP}\n"           /* 7 */
        "\n"                                                      /* 8 */
        "Penalty beside =? {~%-50%no =yes}\n";                    /* 9 */
    deck *d = parse("w.gift", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 5);
    assert_int_equal(d->skipped, 0);
    /* beside an = answer, partial credit is neither right nor wrong for one tap: left out */
    const card *c = &d->cards[0];
    assert_int_equal(c->nright, 1);
    assert_string_equal(c->right[0], "best");
    assert_int_equal(c->nwrong, 1);
    assert_string_equal(c->wrong[0], "wrong");
    assert_true(has_diag(&dl, 1, 0, "1 partial-credit answer left out"));
    c = &d->cards[1];
    assert_int_equal(c->line, 3);
    assert_string_equal(c->right[0], "this");
    assert_int_equal(c->nwrong, 2);
    /* no = answer: Moodle's multiple-answer question; every positive weight is right */
    c = &d->cards[2];
    assert_int_equal(c->nright, 3);
    assert_string_equal(c->right[2], "c");
    assert_string_equal(c->wrong[0], "d");
    c = &d->cards[3];
    assert_int_equal(c->nright, 2);
    assert_string_equal(c->right[0], "TCP");
    assert_string_equal(c->right[1], "UDP");
    assert_string_equal(c->wrong[0], "IP");
    c = &d->cards[4];
    assert_int_equal(c->line, 9);
    assert_string_equal(c->right[0], "yes");
    assert_string_equal(c->wrong[0], "no");
    deck_free(d);
    diag_free(&dl);
}

static void gift_general_feedback_starts_at_the_last_hashes(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "One? {=a #for a ~b #for b ####first #### second}\n"
                       "\n"
                       "Escaped? {=a ~b \\#\\#\\#\\# not general}\n"
                       "\n"
                       "Sky is blue. {T####Rayleigh scattering.}\n";
    deck *d = parse("gf.gift", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 3);
    assert_string_equal(d->cards[0].explanation, "second");
    assert_string_equal(d->cards[1].wrong[0], "b #### not general");
    assert_null(d->cards[1].explanation);
    assert_string_equal(d->cards[2].right[0], "True");
    assert_string_equal(d->cards[2].explanation, "Rayleigh scattering.");
    deck_free(d);
    diag_free(&dl);
}

static void gift_comments_categories_and_lines(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "// question: 12  name: exported by Moodle\n"              /* 1 */
                       "// [tag:Networks] [tag:exam 1]\n"                         /* 2 */
                       "::Q1::[html]<p>Which layer\n"                             /* 3 */
                       "routes packets?</p>{\n"                                   /* 4 */
                       "\t=[plain]<network> #[html]Yes: <b>layer 3</b>.\n"        /* 5 */
                       "// a comment inside the block\n"                          /* 6 */
                       "\t~transport\n"                                           /* 7 */
                       "}\n"                                                      /* 8 */
                       "\n"                                                       /* 9 */
                       "$CATEGORY: $course$/top/Default for X/Protocols/Web\n"    /* 10 */
                       "\n"                                                       /* 11 */
                       "// no blank line needed after a comment\n"                /* 12 */
                       "Port of HTTP? {=80 ~443}\n";                              /* 13 */
    deck *d = parse("c.gift", text, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_int_equal(d->ncards, 2);
    const card *c = &d->cards[0];
    assert_int_equal(c->line, 3);
    assert_string_equal(c->question, "Which layer routes packets?");
    /* an answer's own [plain] keeps its angle brackets; its feedback's [html] drops tags */
    assert_string_equal(c->right[0], "<network>");
    assert_string_equal(c->explanation, "Yes: layer 3.");
    assert_int_equal(c->ntags, 2);
    assert_string_equal(c->tags[0], "networks");
    assert_string_equal(c->tags[1], "exam 1");
    c = &d->cards[1];
    assert_int_equal(c->line, 13);
    assert_int_equal(c->ntags, 2);
    assert_string_equal(c->tags[0], "protocols");
    assert_string_equal(c->tags[1], "web");
    deck_free(d);
    diag_free(&dl);
}

/* ---- Aiken, leniently ---- */

static void aiken_answer_forms(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "Capital of France?\n"  /* 1 */
                       "A) Paris\n"            /* 2 */
                       "B) Lyon\n"             /* 3 */
                       "ANSWER: A) Paris\n"    /* 4 */
                       "Red planet?\n"         /* 5 */
                       "A. Venus\n"            /* 6 */
                       "B. Mars\n"             /* 7 */
                       "ANSWER: b\n"           /* 8 */
                       "Largest?\n"            /* 9 */
                       "A) Jupiter\n"          /* 10 */
                       "B) Mars\n"             /* 11 */
                       "Answer : A.\n";        /* 12 */
    deck *d = parse("forms.aiken", text, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_int_equal(d->ncards, 3);
    assert_string_equal(d->cards[0].right[0], "Paris");
    assert_string_equal(d->cards[1].right[0], "Mars");
    assert_string_equal(d->cards[2].right[0], "Jupiter");
    deck_free(d);
    diag_free(&dl);
}

static void aiken_small_letters_are_named(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "Capital of France?\n" /* 1 */
                       "a) Paris\n"           /* 2 */
                       "b) Lyon\n"            /* 3 */
                       "ANSWER: A\n"          /* 4 */
                       "Fine?\n"              /* 5 */
                       "A) yes\n"             /* 6 */
                       "B) no\n"              /* 7 */
                       "ANSWER: A\n"          /* 8 */
                       "Options wrap?\n"      /* 9 */
                       "A) a long option\n"   /* 10 */
                       "   that wraps\n"      /* 11 */
                       "B) short\n"           /* 12 */
                       "ANSWER: B\n";         /* 13 */
    deck *d = parse("lower.aiken", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 1);
    assert_true(has_diag(&dl, 2, 0, "options start with a capital letter"));
    assert_true(has_diag(&dl, 9, 0, "line 11 starts another question; an option is one line"));
    assert_int_equal(dl.errors, 0);
    deck_free(d);
    diag_free(&dl);
}

/* ---- Anki and other tab-separated exports ---- */

static void anki_headers_as_anki_reads_them(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "#separator: Semicolon \n"                       /* 1 */
                       "#html: TRUE\n"                                 /* 2 */
                       "#tags column: 4\n"                             /* 3 */
                       "#guid column:1\n"                              /* 4 */
                       "#tags:Shared Deck::Sub\n"                      /* 5 */
                       "#columns:guid;Front;Back;Tags\n"               /* 6 */
                       "g1;What is <i>KVM</i>?;\"A hypervisor&nbsp;module\";virt linux\n" /* 7 */
                       "# a comment between the notes\n"               /* 8 */
                       "g2;\"2 &lt; 3?\";yes<br>indeed;\n";            /* 9 */
    deck *d = parse("anki.txt", text, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_string_equal(d->format, "tsv");
    assert_int_equal(d->ncards, 2);
    const card *c = &d->cards[0];
    assert_int_equal(c->line, 7);
    assert_string_equal(c->question, "What is KVM?");
    assert_string_equal(c->right[0], "A hypervisor module");
    assert_int_equal(c->ntags, 4);
    assert_string_equal(c->tags[0], "virt");
    assert_string_equal(c->tags[1], "linux");
    assert_string_equal(c->tags[2], "shared");
    assert_string_equal(c->tags[3], "deck::sub");
    c = &d->cards[1];
    assert_int_equal(c->line, 9);
    assert_string_equal(c->question, "2 < 3?");
    assert_string_equal(c->right[0], "yes indeed");
    /* every card gets the #tags: tags */
    assert_int_equal(c->ntags, 2);
    assert_string_equal(c->tags[0], "shared");
    assert_string_equal(c->tags[1], "deck::sub");
    deck_free(d);
    diag_free(&dl);
}

static void tsv_separators(void **state)
{
    (void)state;
    static const struct {
        const char *name, *text;
    } cases[] = {
        {"a.txt", "#separator:tab\nQ?\tA\nR?\tB\n"},
        {"a.txt", "#separator:Comma\nQ?,A\nR?,B\n"},
        {"a.txt", "#separator:pipe\nQ?|A\nR?|B\n"},
        {"a.txt", "#separator:colon\nQ?:A\nR?:B\n"},
        {"a.txt", "#separator:space\nQ? A\nR? B\n"},
        {"a.txt", "#separator:;\nQ?;A\nR?;B\n"},
        {"a.txt", "#separator: \nQ? A\nR? B\n"},
        /* no header: a tab when there is one, else what the first line holds */
        {"a.csv", "Q?,A\nR?,B\n"},
        {"a.txt", "Q?;A\nR?;B\n"},
        {"a.txt", "Q, really?\tA, B\nR?\tB\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        diag_list dl = {0};
        deck *d = parse(cases[i].name, cases[i].text, &dl);
        if (!d || d->ncards != 2 || dl.n)
            fail_msg("case %zu: %s", i, d ? "wrong cards" : dl.n ? dl.items[0].msg : "no deck");
        assert_string_equal(d->cards[1].right[0], "B");
        deck_free(d);
        diag_free(&dl);
    }
    diag_list dl = {0};
    deck *d = parse("u.txt", "#separator:X\nQ?\tA\nR?\tB\n", &dl);
    assert_non_null(d);
    assert_true(has_diag(&dl, 1, 0, "unknown separator \"X\""));
    deck_free(d);
    diag_free(&dl);
}

static void tsv_quoted_fields_and_lines(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "\"Say \"\"hi\"\"\tin a tab?\"\tyes\n"     /* 1 */
                       "\"Two\n"                                  /* 2 */
                       "lines?\"\t\"answer\r\n"                   /* 3 */
                       "on two\"\n"                               /* 4 */
                       "\n"                                       /* 5 */
                       "only one field\n"                         /* 6 */
                       "\tno question\n"                          /* 7 */
                       "no answer?\t  \n"                         /* 8 */
                       "fine?\tyes\n"                             /* 9 */
                       "\"never closed\tx\n"                      /* 10 */
                       "more?\tlost\n";                           /* 11 */
    /* bad lines are skipped with their line and why; a quote never closed is text */
    deck *bad = parse("q.tsv", text, &dl);
    assert_non_null(bad);
    assert_true(has_diag(&dl, 6, 0, "question skipped (one field): expected question<TAB>answer (a tab-separated line)"));
    assert_true(has_diag(&dl, 7, 0, "question skipped (empty field): the question is empty"));
    assert_true(has_diag(&dl, 8, 0, "question skipped (empty field): the answer is empty"));
    assert_true(has_diag(&dl, 10, 0, "a quoted field starts here and is never closed"));
    assert_int_equal(dl.errors, 0);
    assert_int_equal(bad->ncards, 5);
    assert_string_equal(bad->cards[3].question, "\"never closed");
    assert_string_equal(bad->cards[4].right[0], "lost");
    assert_string_equal(bad->skipped_why, "1 one field, 2 empty field");
    deck_free(bad);
    diag_free(&dl);
    /* the good lines alone */
    diag_list dl2 = {0};
    size_t good = strstr(text, "only one") - text;
    deck *d = deck_parse("q.tsv", text, good, &dl2);
    assert_non_null(d);
    assert_int_equal(d->ncards, 2);
    assert_string_equal(d->cards[0].question, "Say \"hi\" in a tab?");
    assert_int_equal(d->cards[1].line, 2);
    assert_string_equal(d->cards[1].question, "Two lines?");
    assert_string_equal(d->cards[1].right[0], "answer on two");
    deck_free(d);
    diag_free(&dl2);
    /* a comma-separated line names its separator */
    diag_list dl3 = {0};
    assert_null(parse("one.csv", "a,b\nsingle\n", &dl3));
    assert_true(has_diag(&dl3, 2, 0, "question skipped (one field): expected question,answer (a comma-separated line)"));
    diag_free(&dl3);
}

static void tsv_html_is_guessed_and_media_dropped(void **state)
{
    (void)state;
    diag_list dl = {0};
    /* no #html header: a tag in the first lines makes the file HTML, as Anki decides */
    const char *text = "What is <b>this</b>?\tA <u>test</u> [sound:beep.mp3]\n" /* 1 */
                       "<img src=\"cat.jpg\">\tcat\n"                           /* 2 */
                       "Sound?\t[sound:meow.mp3]\n"                             /* 3 */
                       "Fish &amp; chips?\tyes &#8212; &#x2014;\n";             /* 4 */
    deck *d = parse("h.txt", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 2);
    assert_string_equal(d->cards[0].question, "What is this?");
    assert_string_equal(d->cards[0].right[0], "A test");
    assert_string_equal(d->cards[1].question, "Fish & chips?");
    assert_string_equal(d->cards[1].right[0], "yes \xe2\x80\x94 \xe2\x80\x94");
    assert_true(has_diag(&dl, 2, 0, "question skipped (only an image or a sound): its question is only"));
    assert_true(has_diag(&dl, 3, 0, "question skipped (only an image or a sound): its answer is only"));
    deck_free(d);
    diag_free(&dl);
    /* #html:false keeps the text as it is */
    diag_list dl2 = {0};
    d = parse("p.txt", "#html:false\nIs <b> a tag?\tyes &amp; no\nR?\tB\n", &dl2);
    assert_non_null(d);
    assert_string_equal(d->cards[0].question, "Is <b> a tag?");
    assert_string_equal(d->cards[0].right[0], "yes &amp; no");
    deck_free(d);
    diag_free(&dl2);
}

static void anki_cloze_notes(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text =
        "#separator:tab\n"                                                              /* 1 */
        "#html:true\n"                                                                  /* 2 */
        "#notetype column:1\n"                                                          /* 3 */
        "#tags column:4\n"                                                              /* 4 */
        "Cloze\t{{c2::Paris}} is the capital of {{c1::France::country}}.\tSince 508.\tgeo\n" /* 5 */
        "Cloze\t{{c1::H}}<sub>2</sub>{{c1::O}} is water.\t\t\n"                         /* 6 */
        "Basic\tNot a cloze?\tNo.\t\n";                                                 /* 7 */
    deck *d = parse("cloze.txt", text, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_int_equal(d->ncards, 4);
    const card *c = &d->cards[0];
    assert_int_equal(c->line, 5);
    assert_string_equal(c->question, "Paris is the capital of _____ (country).");
    assert_string_equal(c->right[0], "France");
    assert_string_equal(c->explanation, "Since 508.");
    assert_int_equal(c->ntags, 1);
    c = &d->cards[1];
    assert_string_equal(c->question, "_____ is the capital of France.");
    assert_string_equal(c->right[0], "Paris");
    c = &d->cards[2];
    assert_int_equal(c->line, 6);
    assert_string_equal(c->question, "_____2_____ is water.");
    assert_string_equal(c->right[0], "H, O");
    assert_null(c->explanation);
    assert_string_equal(d->cards[3].question, "Not a cloze?");
    deck_free(d);
    diag_free(&dl);
}

/* ---- encodings ---- */

static void damaged_utf8_and_utf16(void **state)
{
    (void)state;
    diag_list dl = {0};
    /* as in OpenTriviaQA's history and literature files: a curly quote whose last byte was
     * lost to "?", a Greek letter the same way, and a real Windows-1252 e-acute with a "?" */
    const char *text = "#Q The \xe2\x80\x9c" "Badger State\xe2\x80?, and \xcf\x86\xce?\xcf\x83?\n"
                       "^ Caf\xe9?\n"
                       "A Caf\xe9?\n"
                       "B Tea\n";
    deck *d = parse("history", text, &dl);
    assert_non_null(d);
    assert_string_equal(d->cards[0].question,
                        "The \xe2\x80\x9c" "Badger State\xe2\x80\x9d, and \xcf\x86\xef\xbf\xbd\xcf\x83?");
    assert_string_equal(d->cards[0].right[0], "Caf\xc3\xa9?");
    assert_true(has_diag(&dl, 1, 0, "2 damaged UTF-8 characters"));
    assert_true(has_diag(&dl, 2, 0, "2 bytes are not valid UTF-8; read as Windows-1252"));
    deck_free(d);
    diag_free(&dl);
    diag_list dl2 = {0};
    static const char utf16[] = "\xff\xfeW\0h\0i\0c\0h\0?\0";
    assert_null(deck_parse("notepad.aiken", utf16, sizeof utf16 - 1, &dl2));
    assert_true(has_diag(&dl2, 1, 1, "UTF-16 text"));
    assert_int_equal(dl2.n, 1);
    diag_free(&dl2);
}

/* ---- messages: repeated warnings are counted, errors always listed ---- */

static void repeated_warnings_of_an_import_are_counted(void **state)
{
    (void)state;
    strbuf b = {0};
    for (int i = 0; i < 10; i++) {
        sb_printf(&b, "#Q Question %d?\n^ a\nA a\nB ", i); /* lines 4i+1 .. 4i+4 */
        for (int k = 0; k < 20; k++)
            sb_puts(&b, "long ");
        sb_puts(&b, "\n");
    }
    diag_list dl = {0};
    deck *d = parse("long", b.s, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 4);
    assert_true(has_diag(&dl, 1, 0, "is 99 characters long: too long for a button"));
    assert_true(has_diag(&dl, 5, 0, "too long for a button"));
    assert_true(has_diag(&dl, 9, 0, "too long for a button"));
    assert_true(has_diag(&dl, 0, 0, "... and 7 more choices too long for a button"));
    deck_free(d);
    diag_free(&dl);
    sb_free(&b);
}

static void markdown_lists_every_warning(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "# Long\n");
    for (int i = 0; i < 10; i++) {
        sb_printf(&b, "\n## Question %d?\n- [x] a\n- [ ] ", i);
        for (int k = 0; k < 20; k++)
            sb_puts(&b, "long ");
        sb_puts(&b, "\n");
    }
    diag_list dl = {0};
    deck *d = parse("long.md", b.s, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 10);
    assert_int_equal(count_diags(&dl, "too long for a button"), 10);
    assert_true(has_diag(&dl, 39, 0, "the choice \"long long long long long long ...\" is 99"));
    deck_free(d);
    diag_free(&dl);
    sb_free(&b);
}

static void every_error_is_listed(void **state)
{
    (void)state;
    static const char *const names[] = {"many.md", "many.gift"};
    for (int f = 0; f < 2; f++) {
        strbuf b = {0};
        for (int i = 0; i < 120; i++) {
            if (f == 0)
                sb_printf(&b, "## Q%d?\n- [ ] a\n- [ ] b\n\n", i); /* no right answer */
            else
                sb_printf(&b, "Q%d? {~a ~b}\n\n", i);
        }
        diag_list dl = {0};
        assert_null(parse(names[f], b.s, &dl));
        if (f == 0) {
            /* our format: every error listed */
            assert_int_equal(dl.errors, 120);
            assert_int_equal(dl.n, 120);
            assert_true(has_diag(&dl, 119 * 4 + 1, 1, "no right answer"));
        } else {
            /* an import skips each question (three listed, the rest counted); none is left */
            assert_int_equal(dl.errors, 1);
            assert_true(has_diag(&dl, 0, 1, "no cards left: all 120 questions were skipped (120 no right answer)"));
            assert_true(has_diag(&dl, 0, 0, "... and 117 more questions skipped"));
        }
        diag_free(&dl);
        sb_free(&b);
    }
}

/* ---- the Markdown writer keeps every text ---- */

static void assert_same_deck(const deck *a, const deck *b, const char *md)
{
    if (!same_cards(a, b))
        fail_msg("the decks differ after the round trip:\n%s", md);
}

/* Writes d, reads it back, compares, and checks a second write gives the same bytes. */
static void round_trip(const deck *d)
{
    strbuf b = {0};
    deck_write_md(d, &b);
    diag_list dl = {0};
    deck *e = parse("out.md", b.s, &dl);
    if (!e)
        fail_msg("the written deck does not load: %s\n%s", dl.n ? dl.items[0].msg : "", b.s);
    assert_int_equal(dl.errors, 0);
    assert_same_deck(d, e, b.s);
    strbuf b2 = {0};
    deck_write_md(e, &b2);
    assert_string_equal(b.s, b2.s);
    deck_free(e);
    diag_free(&dl);
    sb_free(&b);
    sb_free(&b2);
}

static void markdown_syntax_in_text_round_trips(void **state)
{
    (void)state;
    /* a TSV file holds any text in any field: each line a question, the answer, and the
     * wrong choices borrowed at play time */
    const char *text =
        "#separator:tab\n#html:false\n"
        "\"## looks like a heading\"\t- [x] looks like a choice\n"
        "level: easy\t[x] starts with a mark\n"
        "> looks like a quote\t> also a quote\n"
        "```\t~~~\n"
        "<!-- not a comment\t<!-- -->\n"
        "Is it C #\tC #\n"
        "\"#\"\tends ## \n"
        "Ends with a backslash and hashes \\#\t\\##\n"
        "- leading dash\t* leading star\n"
        "tags: a, b\ttime: 5\n"
        "`code` and \\back\\slashes\t---\n"
        "trailing spaces   \t   leading spaces\n"
        "Unicode: \xe2\x80\x9cqu\xc3\xb6tes\xe2\x80\x9d \xe5\x90\x8d \xf0\x9f\x98\x80\t"
        "\xc2\xa0non-breaking\xc2\xa0spaces\xc2\xa0\n"
        "1. looks ordered\t1) also\n";
    diag_list dl = {0};
    deck *d = parse("tricky.tsv", text, &dl);
    if (!d)
        fail_msg("%s", dl.n ? dl.items[0].msg : "no deck");
    assert_int_equal(d->ncards, 14);
    /* the "#" lines after the header are comments; "Is it C #" is a question */
    assert_string_equal(d->cards[5].question, "Is it C #");
    assert_string_equal(d->cards[12].right[0], "non-breaking spaces");
    round_trip(d);
    deck_free(d);
    diag_free(&dl);
}

static void markdown_titles_descriptions_and_hints_round_trip(void **state)
{
    (void)state;
    static const char *const descs[] = {"# not a heading", "```", "~~~ fence", "<!-- no",
                                        "--- rule", "\\# backslash first", "- [x] plain"};
    for (size_t i = 0; i < sizeof descs / sizeof descs[0]; i++) {
        strbuf b = {0};
        sb_printf(&b, "# Title ending in \\##\n\\%s\n\n## Q?\nlevel: hard\ntags: x, y\ntime: 42\n"
                      "\n> a hint\n\n- [x] a\n- [X] a2\n- [ ] b\n\n> one\n>\n> > two\n\n"
                      "## R #?\n- [x] c\n- [ ] d\n",
                  descs[i]);
        diag_list dl = {0};
        deck *d = parse("t.md", b.s, &dl);
        if (!d)
            fail_msg("case %zu: %s\n%s", i, dl.n ? dl.items[0].msg : "", b.s);
        assert_string_equal(d->title, "Title ending in ##");
        assert_string_equal(d->description, descs[i]);
        assert_string_equal(d->cards[0].hint, "a hint");
        assert_string_equal(d->cards[0].explanation, "one\n> two");
        assert_int_equal(d->cards[0].time_s, 42);
        assert_string_equal(d->cards[1].question, "R #?");
        round_trip(d);
        deck_free(d);
        diag_free(&dl);
        sb_free(&b);
    }
}

static void tags_with_commas_split(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("t.gift", "// [tag:a,b] [tag:B]\nQ? {=x ~y}\n", &dl);
    assert_non_null(d);
    assert_int_equal(d->cards[0].ntags, 2);
    assert_string_equal(d->cards[0].tags[0], "a");
    assert_string_equal(d->cards[0].tags[1], "b");
    round_trip(d);
    deck_free(d);
    diag_free(&dl);
}

/* Every import sample in tests/decks/import round-trips through Markdown. */
static void import_samples_round_trip(void **state)
{
    (void)state;
    static const char *const files[] = {"sample.gift", "sample.aiken", "otqa-excerpt",
                                        "anki.txt", "cloze.txt", "plain.csv"};
    /* from the checkout (make test runs here), else from this program's place in BUILD/tests */
    char exe[4096] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[4200];
        deck *d = NULL;
        diag_list dl = {0};
        snprintf(path, sizeof path, "tests/decks/import/%s", files[i]);
        if (access(path, R_OK) != 0)
            snprintf(path, sizeof path, "%s/../../tests/decks/import/%s", exe, files[i]);
        deck_load(path, &d, &dl);
        if (!d)
            fail_msg("%s does not load (%s)", files[i], dl.n ? dl.items[0].msg : "not found");
        round_trip(d);
        deck_free(d);
        diag_free(&dl);
    }
}

/* A directory's decks come in natural order (week2 before week10), README and LICENSE left out. */
static void directory_in_natural_order(void **state)
{
    (void)state;
    assert_true(deck_dir_compare("week2.md", "week10.md") < 0);
    assert_true(deck_dir_compare("week10.md", "week2.md") > 0);
    assert_true(deck_dir_compare("a.md", "b.md") < 0);
    assert_true(deck_dir_compare("deck007.md", "deck7.md") == 0);
    assert_true(deck_dir_compare("x9", "x9a") < 0);
    assert_true(deck_dir_compare("99999999999999999999999", "100000000000000000000000") < 0);
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/qb-dir-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    const char *names[] = {"week10.md", "README.md", "week2.md", "week1.md", "Week3.md"};
    char path[600];
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs("# T\n\n## Q?\n- [x] a\n- [ ] b\n", f);
        fclose(f);
    }
    const char *in[1] = {dir};
    int n = 0;
    char **out = deck_dir_expand(in, 1, &n);
    assert_int_equal(n, 4);
    const char *want[] = {"Week3.md", "week1.md", "week2.md", "week10.md"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, want[i]);
        assert_string_equal(out[i], path);
    }
    deck_dir_free(out, n);
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(directory_in_natural_order),
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
        cmocka_unit_test(gift_weights_follow_moodle),
        cmocka_unit_test(gift_general_feedback_starts_at_the_last_hashes),
        cmocka_unit_test(gift_comments_categories_and_lines),
        cmocka_unit_test(aiken_answer_forms),
        cmocka_unit_test(aiken_small_letters_are_named),
        cmocka_unit_test(anki_headers_as_anki_reads_them),
        cmocka_unit_test(tsv_separators),
        cmocka_unit_test(tsv_quoted_fields_and_lines),
        cmocka_unit_test(tsv_html_is_guessed_and_media_dropped),
        cmocka_unit_test(anki_cloze_notes),
        cmocka_unit_test(damaged_utf8_and_utf16),
        cmocka_unit_test(repeated_warnings_of_an_import_are_counted),
        cmocka_unit_test(markdown_lists_every_warning),
        cmocka_unit_test(every_error_is_listed),
        cmocka_unit_test(markdown_syntax_in_text_round_trips),
        cmocka_unit_test(markdown_titles_descriptions_and_hints_round_trip),
        cmocka_unit_test(tags_with_commas_split),
        cmocka_unit_test(import_samples_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
