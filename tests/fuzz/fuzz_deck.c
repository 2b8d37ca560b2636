/* fuzz_deck.c: libFuzzer harness of deck_parse. The first input byte picks the file name, so
 * every loader is reached: Markdown/quizdown (.md, .markdown, .html pages), tab- and comma-separated (.tsv,
 * .csv), GIFT, Aiken, and sniffing by content (no extension, .txt), which is the only way to
 * OpenTriviaQA and to Anki's headers. The rest is the file's bytes. Every deck that loads must
 * also survive the Markdown writer: written and read back it gives the same cards, and written
 * again the same bytes. */
#include <stddef.h>
#include <stdint.h>

#include "deck.h"
#include "fuzz_common.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

/* Names the first byte chooses from (byte % count). Keep in step with tests/fuzz/seeds.sh. */
static const char *const fuzz_deck_names[] = {
    "fuzz.md", "fuzz.tsv", "fuzz.gift", "fuzz.aiken", "fuzz", "fuzz.txt", "fuzz.markdown",
    "fuzz.csv", "fuzz.html",
};
#define FUZZ_DECK_NNAMES (sizeof fuzz_deck_names / sizeof fuzz_deck_names[0])

static void fuzz_deck_check_text(const char *s, size_t max_cp)
{
    FUZZ_CHECK(s != NULL);
    FUZZ_CHECK(fuzz_utf8_ok(s));
    FUZZ_CHECK(utf8_count(s) <= max_cp);
}

static void fuzz_deck_check(const deck *d)
{
    FUZZ_CHECK(d->path != NULL && d->title != NULL);
    FUZZ_CHECK(fuzz_utf8_ok(d->title) && fuzz_utf8_ok(d->description));
    FUZZ_CHECK(d->ncards >= 1);
    int count[LEVEL_COUNT] = {0};
    for (int i = 0; i < d->ncards; i++) {
        const card *c = &d->cards[i];
        fuzz_deck_check_text(c->question, DECK_MAX_QUESTION_CP);
        FUZZ_CHECK(c->question[0] != 0);
        if (c->explanation)
            fuzz_deck_check_text(c->explanation, DECK_MAX_EXPLANATION_CP);
        FUZZ_CHECK(fuzz_utf8_ok(c->hint));
        FUZZ_CHECK(c->level >= LEVEL_EASY && c->level < LEVEL_COUNT);
        count[c->level]++;
        FUZZ_CHECK(c->time_s >= 0 && c->time_s <= DECK_MAX_TIME_S);
        FUZZ_CHECK(c->nright >= 1);
        FUZZ_CHECK(c->nwrong >= 0);
        FUZZ_CHECK(c->nright + c->nwrong <= DECK_MAX_CHOICES);
        for (int j = 0; j < c->nright; j++)
            fuzz_deck_check_text(c->right[j], DECK_MAX_CHOICE_CP);
        for (int j = 0; j < c->nwrong; j++)
            fuzz_deck_check_text(c->wrong[j], DECK_MAX_CHOICE_CP);
        FUZZ_CHECK(c->ntags >= 0);
        for (int j = 0; j < c->ntags; j++)
            FUZZ_CHECK(c->tags[j] != NULL && fuzz_utf8_ok(c->tags[j]));
        FUZZ_CHECK(c->line >= 1);
    }
    for (int l = 0; l < LEVEL_COUNT; l++)
        FUZZ_CHECK(count[l] == d->count[l]);
}

/* --convert's promise: the Markdown written for d reads back as the same cards. */
static void fuzz_deck_round_trip(const deck *d)
{
    strbuf md = {0};
    deck_write_md(d, &md);
    diag_list dl = {0};
    deck *e = deck_parse("round-trip.md", md.s, md.len, &dl);
    if (!e)
        fprintf(stderr, "the written deck does not load:\n%s\n", md.s);
    FUZZ_CHECK(e != NULL);
    FUZZ_CHECK(dl.errors == 0);
    char why[96];
    if (deck_diff(d, e, why, sizeof why))
        fprintf(stderr, "the written deck reads back different: %s\n%s\n", why, md.s);
    FUZZ_CHECK(!deck_diff(d, e, why, sizeof why));
    strbuf md2 = {0};
    deck_write_md(e, &md2);
    FUZZ_CHECK(md.len == md2.len && !memcmp(md.s, md2.s, md.len));
    sb_free(&md);
    sb_free(&md2);
    deck_free(e);
    diag_free(&dl);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *name = fuzz_deck_names[data[0] % FUZZ_DECK_NNAMES];
    diag_list dl = {0};
    /* what a directory listing asks of an extensionless file (the answer may be anything) */
    (void)deck_looks_like_deck((const char *)data + 1, size - 1);
    deck *d = deck_parse(name, (const char *)data + 1, size - 1, &dl);
    fuzz_check_diags(&dl);
    /* a deck comes back exactly when no error was found */
    FUZZ_CHECK((d != NULL) == (dl.errors == 0));
    if (d) {
        fuzz_deck_check(d);
        fuzz_deck_round_trip(d);
        for (int l = 0; l < LEVEL_COUNT; l++)
            FUZZ_CHECK(level_name((level)l) != NULL);
        deck_free(d);
    }
    diag_free(&dl);
    return 0;
}
