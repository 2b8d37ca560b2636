/* fuzz_scores.c: libFuzzer harness of the score file's text format. Whatever scores_parse keeps
 * from the input, scores_serialize must write in a form that parses back with no bad line, into
 * the same entries (serialising the re-read table gives the same bytes). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "fuzz_common.h"
#include "scores.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

#define FUZZ_SCORES_MAX_DECKS 256

/* The two tables hold the same decks, and each deck the same boards. */
static void fuzz_scores_same(const scores *a, const scores *b)
{
    static const char *da[FUZZ_SCORES_MAX_DECKS], *db[FUZZ_SCORES_MAX_DECKS];
    int na = scores_decks(a, da, FUZZ_SCORES_MAX_DECKS);
    int nb = scores_decks(b, db, FUZZ_SCORES_MAX_DECKS);
    FUZZ_CHECK(na == nb);
    if (na > FUZZ_SCORES_MAX_DECKS)
        na = FUZZ_SCORES_MAX_DECKS;
    for (int i = 0; i < na; i++) {
        FUZZ_CHECK(strcmp(da[i], db[i]) == 0);
        FUZZ_CHECK(fuzz_utf8_ok(da[i]) && strlen(da[i]) < SCORES_DECK_BYTES);
        const score_entry *ea[SCORES_BOARD_SIZE], *eb[SCORES_BOARD_SIZE];
        /* the all-time board does not depend on the clock */
        int ka = scores_top(a, da[i], BOARD_ALLTIME, 0, ea, SCORES_BOARD_SIZE);
        int kb = scores_top(b, db[i], BOARD_ALLTIME, 0, eb, SCORES_BOARD_SIZE);
        FUZZ_CHECK(ka == kb && ka >= 1 && ka <= SCORES_BOARD_SIZE);
        for (int j = 0; j < ka; j++) {
            FUZZ_CHECK(strcmp(ea[j]->deck, eb[j]->deck) == 0);
            FUZZ_CHECK(strcmp(ea[j]->name, eb[j]->name) == 0);
            FUZZ_CHECK(ea[j]->score == eb[j]->score && ea[j]->right == eb[j]->right);
            FUZZ_CHECK(ea[j]->total == eb[j]->total && ea[j]->best_streak == eb[j]->best_streak);
            FUZZ_CHECK(ea[j]->when == eb[j]->when);
            /* names are sanitised: printable UTF-8, no tab, within the limit, never empty */
            FUZZ_CHECK(ea[j]->name[0] != 0 && fuzz_utf8_ok(ea[j]->name));
            FUZZ_CHECK(utf8_count(ea[j]->name) <= SCORES_NAME_MAX_CP);
            FUZZ_CHECK(strchr(ea[j]->name, '\t') == NULL && strchr(ea[j]->name, '\n') == NULL);
            /* best first: higher score, then earlier */
            if (j > 0)
                FUZZ_CHECK(ea[j - 1]->score > ea[j]->score ||
                           (ea[j - 1]->score == ea[j]->score && ea[j - 1]->when <= ea[j]->when));
        }
    }
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    /* "today" is a local day: pin the zone so a crash replays the same everywhere */
    static int tz_set;
    if (!tz_set) {
        setenv("TZ", "UTC", 1);
        tzset();
        tz_set = 1;
    }
    scores *t = scores_new();
    diag_list dl = {0};
    int bad = scores_parse(t, "fuzz.tsv", (const char *)data, size, &dl);
    fuzz_check_diags(&dl);
    FUZZ_CHECK(bad >= 0);
    /* bad lines are reported: each of the first ones, then one line saying more follow */
    FUZZ_CHECK(bad == 0 ? dl.n == 0 : dl.n >= 1 && dl.n <= bad);

    size_t len1 = 0;
    char *s1 = scores_serialize(t, &len1);
    FUZZ_CHECK(s1 != NULL);
    FUZZ_CHECK(strlen(s1) == len1);

    scores *t2 = scores_new();
    diag_list dl2 = {0};
    int bad2 = scores_parse(t2, "roundtrip.tsv", s1, len1, &dl2);
    if (bad2 != 0 || dl2.n != 0) {
        diag_print(&dl2, stderr);
        fprintf(stderr, "--- serialised:\n%s---\n", s1);
    }
    FUZZ_CHECK(bad2 == 0);
    FUZZ_CHECK(dl2.n == 0);
    FUZZ_CHECK(scores_count(t2) == scores_count(t));
    fuzz_scores_same(t, t2);

    size_t len2 = 0;
    char *s2 = scores_serialize(t2, &len2);
    FUZZ_CHECK(len2 == len1 && memcmp(s1, s2, len1) == 0);

    free(s1);
    free(s2);
    scores_free(t);
    scores_free(t2);
    diag_free(&dl);
    diag_free(&dl2);
    return 0;
}
