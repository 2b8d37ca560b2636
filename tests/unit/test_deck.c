/* test_deck.c: the deck readers (Markdown, quizdown, tab-separated), validation messages with
 * file:line, the Markdown writer's round trip and escapes, white space folding, and reading
 * files, pipes and files over the size limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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

static const char *sample =
    "# Virtualization\n"
    "A short description\n"
    "on two lines.\n"
    "\n"
    "## What is the difference between a Type 1 and a Type 2 hypervisor?\n"
    "level: easy\n"
    "tags: Hypervisors, basics , hypervisors\n"
    "\n"
    "- [x] Type 1 runs on the hardware\n"
    "- [ ] Type 1 runs on a host OS\n"
    "* [ ]   Type 1 is   open source\n"
    "\n"
    "> Type 1 (bare-metal): ESXi, `KVM`.\n"
    "> Type 2: VirtualBox.\n"
    ">\n"
    "> Second paragraph.\n"
    "\n"
    "## Which is a Type 1 hypervisor?\n"
    "level: HARD\n"
    "time: 30\n"
    "\n"
    "- [x] ESXi\n"
    "- [X] Xen\n"
    "- [ ] VirtualBox\n"
    "- [ ] VMware Workstation\n";

static void md_reads_every_field(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("cards/virt.md", sample, &dl);
    assert_non_null(d);
    assert_int_equal(dl.errors, 0);
    assert_string_equal(d->title, "Virtualization");
    assert_string_equal(d->description, "A short description on two lines.");
    assert_int_equal(d->ncards, 2);
    const card *c = &d->cards[0];
    assert_string_equal(c->question,
                        "What is the difference between a Type 1 and a Type 2 hypervisor?");
    assert_int_equal(c->line, 5);
    assert_int_equal(c->level, LEVEL_EASY);
    assert_int_equal(c->ntags, 2);
    assert_string_equal(c->tags[0], "hypervisors");
    assert_string_equal(c->tags[1], "basics");
    assert_int_equal(c->nright, 1);
    assert_int_equal(c->nwrong, 2);
    assert_string_equal(c->wrong[1], "Type 1 is open source");
    assert_string_equal(c->explanation,
                        "Type 1 (bare-metal): ESXi, `KVM`. Type 2: VirtualBox.\nSecond paragraph.");
    c = &d->cards[1];
    assert_int_equal(c->level, LEVEL_HARD);
    assert_int_equal(c->time_s, 30);
    assert_int_equal(c->nright, 2);
    assert_string_equal(c->right[1], "Xen");
    assert_null(c->explanation);
    assert_int_equal(d->count[LEVEL_EASY], 1);
    assert_int_equal(d->count[LEVEL_HARD], 1);
    deck_free(d);
    diag_free(&dl);
}

static void md_errors_name_file_and_line(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "# T\n"
                       "\n"
                       "## No right answer?\n"
                       "- [ ] a\n"
                       "- [ ] b\n"
                       "\n"
                       "## Bad level?\n"
                       "level: extreme\n"
                       "- [x] a\n"
                       "- [ ] b\n"
                       "\n"
                       "## Duplicate?\n"
                       "time: 9999\n"
                       "- [x] Same\n"
                       "- [ ]  same \n"
                       "- unmarked\n";
    deck *d = parse("bad.md", text, &dl);
    assert_null(d);
    assert_true(has_diag(&dl, 3, 1, "no right answer"));
    assert_true(has_diag(&dl, 8, 1, "level must be easy, medium or hard"));
    assert_true(has_diag(&dl, 13, 1, "time must be"));
    assert_true(has_diag(&dl, 12, 1, "appears twice"));
    assert_true(has_diag(&dl, 16, 1, "needs a mark"));
    assert_string_equal(dl.items[0].file, "bad.md");
    diag_free(&dl);
}

static void empty_and_binary_decks_are_errors(void **state)
{
    (void)state;
    diag_list dl = {0};
    assert_null(parse("empty.md", "", &dl));
    assert_true(has_diag(&dl, 0, 1, "no cards found"));
    diag_free(&dl);
    diag_list dl2 = {0};
    static const char bin[] = "# x\n\n## q\n- [x] a\0\x01\x02";
    assert_null(deck_parse("bin.md", bin, sizeof bin - 1, &dl2));
    assert_true(has_diag(&dl2, 4, 1, "binary"));
    diag_free(&dl2);
}

static void limits_are_enforced(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "# T\n\n## Many?\n- [x] right\n");
    for (int i = 0; i < 200; i++)
        sb_printf(&b, "- [ ] wrong %d\n", i);
    sb_puts(&b, "\n## Long?\n- [x] ");
    for (int i = 0; i < 300; i++)
        sb_puts(&b, "long ");
    sb_puts(&b, "\n- [ ] short\n");
    diag_list dl = {0};
    assert_null(parse("limits.md", b.s, &dl));
    assert_true(has_diag(&dl, 3, 1, "201 choices; at most 64"));
    assert_true(has_diag(&dl, 206, 1, "too long: 1499 characters; at most 200"));
    sb_free(&b);
    diag_free(&dl);
}

/* Imported formats (exports of other tools) are read leniently: Windows-1252 bytes convert. */
static void windows_1252_is_converted_with_a_warning(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("cp.tsv", "ok?\tyes\nCaf\xe9 \x93quoted\x94?\tno\nthird?\tmaybe\n", &dl);
    assert_non_null(d);
    assert_string_equal(d->cards[1].question, "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d?");
    assert_true(has_diag(&dl, 2, 0, "3 bytes are not valid UTF-8"));
    deck_free(d);
    diag_free(&dl);
}

/* Our own Markdown format is UTF-8: a bad byte is an error at its line. */
static void invalid_utf8_in_markdown_is_an_error(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("cp.md", "# T\n\n## Caf\xe9 \x93quoted\x94?\n- [x] a\n- [ ] b\n", &dl);
    assert_null(d);
    assert_true(has_diag(&dl, 3, 1, "invalid UTF-8 (3 bad bytes"));
    diag_free(&dl);
}

static void quizdown_files_load(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "---\n"
                       "shuffleAnswers: true\n"
                       "---\n"
                       "\n"
                       "# What's the value of `x`?\n"
                       "\n"
                       "> Think about it\n"
                       "\n"
                       "1. [x] 2\n"
                       "1. [ ] 3\n"
                       "\n"
                       "> Because.\n"
                       "\n"
                       "# Put these in order\n"
                       "\n"
                       "1. first\n"
                       "2. second\n"
                       "\n"
                       "# Second?\r\n"
                       "- [ ] no\r\n"
                       "- [x] yes\r\n";
    deck *d = parse("decks/quiz.md", text, &dl);
    assert_non_null(d);
    assert_string_equal(d->title, "quiz");
    assert_int_equal(d->ncards, 2);
    assert_string_equal(d->cards[0].question, "What's the value of `x`?");
    assert_string_equal(d->cards[0].hint, "Think about it");
    assert_string_equal(d->cards[0].explanation, "Because.");
    assert_string_equal(d->cards[1].right[0], "yes");
    assert_true(has_diag(&dl, 14, 0, "sequence"));
    deck_free(d);
    diag_free(&dl);
}

static void tsv_with_anki_headers(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "#separator:tab\n"
                       "#html:true\n"
                       "#tags column:3\n"
                       "What does <b>KVM</b> stand for?\tKernel-based Virtual Machine\tkvm "
                       "basics\n"
                       "\"A \"\"quoted\"\"\tquestion\"\tAn&nbsp;answer &amp; more\t\n"
                       "\n"
                       "no separator here\n";
    /* an import skips the bad line with its reason and keeps the rest */
    deck *d = parse("anki.txt", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 2);
    assert_true(has_diag(&dl, 7, 0, "question skipped (one field): expected question"));
    deck_free(d);
    diag_free(&dl);
    diag_list dl2 = {0};
    d = deck_parse("anki.txt", text, strlen(text) - strlen("no separator here\n"), &dl2);
    assert_non_null(d);
    assert_int_equal(d->ncards, 2);
    assert_string_equal(d->format, "tsv");
    assert_string_equal(d->cards[0].question, "What does KVM stand for?");
    assert_int_equal(d->cards[0].ntags, 2);
    assert_string_equal(d->cards[1].question, "A \"quoted\" question");
    assert_string_equal(d->cards[1].right[0], "An answer & more");
    deck_free(d);
    diag_free(&dl2);
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

static void write_md_round_trips(void **state)
{
    (void)state;
    diag_list dl = {0};
    deck *d = parse("cards/virt.md", sample, &dl);
    assert_non_null(d);
    strbuf b = {0};
    deck_write_md(d, &b);
    deck *e = parse("out.md", b.s, &dl);
    assert_non_null(e);
    assert_int_equal(dl.errors, 0);
    assert_true(same_cards(d, e));
    /* and writing it again gives the same bytes */
    strbuf b2 = {0};
    deck_write_md(e, &b2);
    assert_string_equal(b.s, b2.s);
    sb_free(&b);
    sb_free(&b2);
    deck_free(d);
    deck_free(e);
    diag_free(&dl);
}

static void many_cards_load(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "# Big\n");
    for (int i = 0; i < 20000; i++)
        sb_printf(&b, "\n## Question %d?\nlevel: %s\n\n- [x] right %d\n- [ ] wrong %d\n- [ ] other "
                      "%d\n\n> Because %d.\n",
                  i, i % 3 == 0 ? "easy" : i % 3 == 1 ? "medium" : "hard", i, i, i, i);
    diag_list dl = {0};
    deck *d = parse("big.md", b.s, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 20000);
    assert_int_equal(d->count[LEVEL_EASY], 6667);
    assert_string_equal(d->cards[19999].explanation, "Because 19999.");
    deck_free(d);
    sb_free(&b);
    diag_free(&dl);
}

/* A closing run of # is not text; escaped with a backslash (as the writer does) it is. */
static void md_heading_closing_runs_and_escapes(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "# Title \\#\n"
                       "\\# Top 10 hits\n"
                       "\n"
                       "## Closed ##\n- [x] a\n- [ ] b\n\n"
                       "## C#\n- [x] a\n- [ ] b\n\n"
                       "## Is it C \\#\n- [x] a\n- [ ] b\n\n"
                       "## \\##\n- [x] a\n- [ ] b\n\n"
                       "## Backslash \\\\#\n- [x] a\n- [ ] b\n";
    deck *d = parse("h.md", text, &dl);
    assert_non_null(d);
    assert_int_equal(dl.n, 0);
    assert_string_equal(d->title, "Title #");
    assert_string_equal(d->description, "# Top 10 hits");
    assert_int_equal(d->ncards, 5);
    assert_string_equal(d->cards[0].question, "Closed");
    assert_string_equal(d->cards[1].question, "C#");
    assert_string_equal(d->cards[2].question, "Is it C #");
    assert_string_equal(d->cards[3].question, "##");
    assert_string_equal(d->cards[4].question, "Backslash \\#");
    deck_free(d);
    diag_free(&dl);
}

/* The quizdown test and the reader see the same fences (``` and ~~~), and HTML comments may
 * run over several lines. */
static void md_fences_and_comments(void **state)
{
    (void)state;
    diag_list dl = {0};
    const char *text = "~~~\n"
                       "## not a heading, in a fence\n"
                       "~~~\n"
                       "<!-- a comment\n"
                       "## still the comment -->\n"
                       "# What is quizdown?\n"
                       "- [x] a Markdown quiz format\n"
                       "- [ ] a database\n"
                       "# Second?\n"
                       "- [x] yes\n"
                       "- [ ] no\n";
    deck *d = parse("quiz.md", text, &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 2);
    assert_string_equal(d->cards[0].question, "What is quizdown?");
    assert_int_equal(d->cards[0].line, 6);
    deck_free(d);
    diag_free(&dl);
}

/* Each format says what a card is when it finds none. */
static void no_cards_says_what_a_card_is(void **state)
{
    (void)state;
    static const struct {
        const char *name, *text, *hint;
    } cases[] = {
        {"e.md", "", "a card is a \"## question\" heading"},
        {"e.gift", "// nothing\n", "followed by {=right ~wrong}"},
        {"e.aiken", "\n\n", "then \"ANSWER: A\""},
        {"e.tsv", "#separator:tab\n", "question<TAB>answer"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        diag_list dl = {0};
        assert_null(parse(cases[i].name, cases[i].text, &dl));
        if (!has_diag(&dl, 0, 1, cases[i].hint))
            fail_msg("%s: %s", cases[i].name, dl.n ? dl.items[0].msg : "no message");
        diag_free(&dl);
    }
}

/* deck_load reads a file in one go, a pipe in growing steps, and refuses a file over the
 * limit without reading it all into a deck. */
static void load_files_pipes_and_the_size_limit(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/qb-test-deck-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    char path[600];
    /* a pipe: 3000 cards (about 130 KB: the buffer grows twice) written by a child */
    snprintf(path, sizeof path, "%s/pipe.md", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *f = fopen(path, "w");
        fputs("# Piped\n", f);
        for (int i = 0; i < 3000; i++)
            fprintf(f, "\n## Question %d?\n- [x] right %d\n- [ ] wrong %d\n", i, i, i);
        fclose(f);
        _exit(0);
    }
    deck *d = NULL;
    diag_list dl = {0};
    assert_int_equal(deck_load(path, &d, &dl), DECK_OK);
    waitpid(pid, NULL, 0);
    assert_int_equal(d->ncards, 3000);
    assert_string_equal(d->cards[2999].wrong[0], "wrong 2999");
    deck_free(d);
    diag_free(&dl);
    unlink(path);
    /* one byte over the limit (a sparse file: nothing is written) */
    snprintf(path, sizeof path, "%s/huge.md", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)DECK_MAX_FILE_BYTES + 1), 0);
    close(fd);
    assert_int_equal(deck_load(path, &d, &dl), DECK_INVALID);
    assert_null(d);
    assert_true(has_diag(&dl, 0, 1, "larger than 64 MB; not a deck"));
    diag_free(&dl);
    unlink(path);
    /* a missing file and a directory are read errors */
    snprintf(path, sizeof path, "%s/missing.md", dir);
    assert_int_equal(deck_load(path, &d, &dl), DECK_IOERR);
    assert_int_equal(deck_load(dir, &d, &dl), DECK_IOERR);
    assert_true(has_diag(&dl, 0, 1, "cannot read: Is a directory"));
    diag_free(&dl);
    rmdir(dir);
}

/* White space folds to one space wherever it falls in the 8-byte words the cleaner checks. */
static void clean_folds_space_at_every_offset(void **state)
{
    (void)state;
    static const char *const gaps[] = {"  ", "\t", " \t ", "\xc2\xa0", " \xc2\xa0"};
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        for (int at = 1; at < 20; at++) {
            char q[64], want[64];
            snprintf(q, sizeof q, "%.*s%s%.*s?", at, "abcdefghijklmnopqrstuvwxyz", gaps[g], 5,
                     "VWXYZ");
            snprintf(want, sizeof want, "%.*s %.*s?", at, "abcdefghijklmnopqrstuvwxyz", 5, "VWXYZ");
            char text[256];
            snprintf(text, sizeof text, "# T\n\n## %s\n- [x] %s\n- [ ] b\n", q, q);
            diag_list dl = {0};
            deck *d = parse("ws.md", text, &dl);
            assert_non_null(d);
            if (strcmp(d->cards[0].question, want) || strcmp(d->cards[0].right[0], want))
                fail_msg("gap %zu at %d: \"%s\" became \"%s\"", g, at, q, d->cards[0].question);
            deck_free(d);
            diag_free(&dl);
        }
    }
}

/* deck_diff names the first thing that differs, for each thing --convert must keep. */
static void diff_names_the_difference(void **state)
{
    (void)state;
    static const char base[] = "# T\nAbout.\n\n## Q1?\n- [x] a\n- [ ] b\n\n"
                               "## Q2?\nlevel: hard\ntags: x, y\ntime: 9\n\n> hint\n\n- [x] c\n- [ ] d\n\n> why\n";
    static const struct {
        const char *from, *to, *why;
    } cases[] = {
        {"# T\n", "# U\n", "the title"},
        {"About.", "Other.", "the description"},
        {"## Q2?", "## Q3?", "card 2: the question"},
        {"level: hard", "level: easy", "card 2: the level"},
        {"time: 9", "time: 8", "card 2: the time"},
        {"- [x] c", "- [x] e", "card 2: the right choices"},
        {"- [ ] b", "- [ ] e", "card 1: the wrong choices"},
        {"tags: x, y", "tags: y, x", "card 2: the tags"},
        {"> why", "> how", "card 2: the explanation"},
        {"> hint", "> tip", "card 2: the hint"},
    };
    diag_list dl = {0};
    deck *a = parse("a.md", base, &dl);
    assert_non_null(a);
    char why[96];
    assert_int_equal(deck_diff(a, a, why, sizeof why), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        const char *at = strstr(base, cases[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - base), base, cases[i].to, at + strlen(cases[i].from));
        diag_list dl2 = {0};
        deck *b = parse("b.md", text, &dl2);
        assert_non_null(b);
        assert_int_equal(deck_diff(a, b, why, sizeof why), 1);
        assert_string_equal(why, cases[i].why);
        deck_free(b);
        diag_free(&dl2);
    }
    deck_free(a);
    diag_free(&dl);
}

/* A hint too long for the question card on a small screen is a warning (the deck still loads). */
static void long_hint_warns(void **state)
{
    (void)state;
    char text[1024], hint[200];
    memset(hint, 'h', 121);
    hint[121] = 0;
    snprintf(text, sizeof text, "# T\n\n## Short?\n\n> a short hint\n\n- [x] a\n- [ ] b\n\n"
                                "## Long?\n\n> %s\n\n- [x] a\n- [ ] b\n", hint);
    diag_list dl = {0};
    deck *d = parse("h.md", text, &dl);
    assert_non_null(d);
    assert_int_equal(dl.errors, 0);
    assert_false(has_diag(&dl, 3, 0, "hint"));
    assert_true(has_diag(&dl, 10, 0, "is 121 characters long: too long for the question card"));
    deck_free(d);
    diag_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(md_reads_every_field),
        cmocka_unit_test(md_errors_name_file_and_line),
        cmocka_unit_test(empty_and_binary_decks_are_errors),
        cmocka_unit_test(limits_are_enforced),
        cmocka_unit_test(windows_1252_is_converted_with_a_warning),
        cmocka_unit_test(invalid_utf8_in_markdown_is_an_error),
        cmocka_unit_test(quizdown_files_load),
        cmocka_unit_test(tsv_with_anki_headers),
        cmocka_unit_test(write_md_round_trips),
        cmocka_unit_test(diff_names_the_difference),
        cmocka_unit_test(long_hint_warns),
        cmocka_unit_test(many_cards_load),
        cmocka_unit_test(md_heading_closing_runs_and_escapes),
        cmocka_unit_test(md_fences_and_comments),
        cmocka_unit_test(no_cards_says_what_a_card_is),
        cmocka_unit_test(load_files_pipes_and_the_size_limit),
        cmocka_unit_test(clean_folds_space_at_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
