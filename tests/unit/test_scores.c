/* test_scores.c: unit tests of the high-score table: name sanitising, deck keys, ranking and
 * ties, the today and all-time boards with an injected clock (local midnight, DST), pruning
 * (bounded, and safe when the clock ran ahead or went back), duplicates, merge order, the text
 * format (exact bytes, every kind of bad line, limits) and the --list-scores text (columns
 * aligned by terminal width). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rng.h"
#include "scores.h"

/* 2026-11-18T11:06:40Z */
#define T0 INT64_C(1795000000)
#define DAY INT64_C(86400)

static int set_tz(void **state)
{
    (void)state;
    /* the boards follow the local day: pin it (POSIX TZ strings need no tz database) */
    setenv("TZ", "UTC0", 1);
    tzset();
    return 0;
}

static score_entry entry(const char *deck, const char *name, int32_t score, int64_t when)
{
    score_entry e;
    memset(&e, 0, sizeof e);
    snprintf(e.deck, sizeof e.deck, "%s", deck);
    snprintf(e.name, sizeof e.name, "%s", name);
    e.score = score;
    e.right = 7;
    e.total = 10;
    e.best_streak = 4;
    e.when = when;
    return e;
}

static int add(scores *t, const char *deck, const char *name, int32_t score, int64_t when)
{
    score_entry e = entry(deck, name, score, when);
    return scores_insert(t, &e);
}

static void sanitized(const char *in, const char *want)
{
    char out[SCORES_NAME_BYTES];
    memset(out, 'x', sizeof out);
    scores_sanitize_name(in, out);
    assert_string_equal(out, want);
}

/* ---- names ---- */

static void test_sanitize_name(void **state)
{
    (void)state;
    sanitized("ALICE", "ALICE");
    sanitized("  Bob   the\tcat \n", "Bob the cat");
    sanitized("Bob the Builder", "Bob the Buil");
    sanitized("", SCORES_DEFAULT_NAME);
    sanitized(" \t\r\n ", SCORES_DEFAULT_NAME);
    sanitized("\x01\x02\x7f", SCORES_DEFAULT_NAME);
    /* tabs and newlines never survive: they would break the file's lines */
    sanitized("a\tb\nc", "a b c");
    /* invalid UTF-8 bytes are dropped, valid neighbours kept */
    sanitized("caf\xe9 ok", "caf ok");
    sanitized("\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9");
    sanitized("\xed\xa0\x80surrogate", "surrogate");
    /* C1 controls, zero-width and bidi-override characters draw nothing: dropped */
    sanitized("A\xc2\x85" "B", "A B");
    sanitized("A\xe2\x80\x8b" "B\xe2\x80\xae" "C", "ABC");
    /* a no-break space folds like a space */
    sanitized("A\xc2\xa0\xc2\xa0" "B", "A B");
    /* at most SCORES_NAME_MAX_CP code points, counted as characters, not bytes */
    sanitized("ABCDEFGHIJKLMNOP", "ABCDEFGHIJKL");
    sanitized("\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
              "\xd0\x96\xd0\x96\xd0\x96\xd0\x96",
              "\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96\xd0\x96"
              "\xd0\x96\xd0\x96");
    /* 4-byte characters at the limit fit the buffer */
    char many[128] = "";
    for (int i = 0; i < 20; i++)
        strcat(many, "\xf0\x9f\x98\x80");
    char out[SCORES_NAME_BYTES];
    scores_sanitize_name(many, out);
    assert_int_equal(strlen(out), SCORES_NAME_MAX_CP * 4);
    /* the cut never leaves a trailing space */
    sanitized("ABCDEFGHIJK LMN", "ABCDEFGHIJK");
    sanitized(NULL, SCORES_DEFAULT_NAME);
    /* combining marks: one or two on a letter stay (e + acute, Vietnamese e + circumflex + dot
     * below); a third, and any mark with no letter under it (at the start, after a space), go */
    sanitized("e\xcc\x81", "e\xcc\x81");
    sanitized("e\xcc\x82\xcc\xa3", "e\xcc\x82\xcc\xa3");
    sanitized("Z\xcc\x81\xcc\x82\xcc\x83\xcc\x84\xcc\x85", "Z\xcc\x81\xcc\x82");
    sanitized("\xcc\x81\xcc\x81" "AB", "AB");
    sanitized("A \xcc\x81" "B", "A B");
    /* every bidi control (embeddings, overrides, isolates, marks) and invisible joiner dropped:
     * "EVIL" written right to left would read "LIVE" on the board */
    sanitized("\xe2\x80\xae" "EVIL\xe2\x80\xac", "EVIL");
    sanitized("\xe2\x81\xa6" "A\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f" "B\xe2\x80\x8d" "C\xef\xbb\xbf",
              "ABC");
    /* 10,000 keystrokes (pasted text too) are bounded to a name's length */
    char *flood = malloc(10001);
    assert_non_null(flood);
    memset(flood, 'A', 10000);
    flood[10000] = 0;
    sanitized(flood, "AAAAAAAAAAAA");
    free(flood);
}

/* ---- ranking ---- */

static void test_rank_and_ties(void **state)
{
    (void)state;
    scores *t = scores_new();
    assert_int_equal(add(t, "d", "B", 500, T0 + 10), 1);
    assert_int_equal(add(t, "d", "A", 900, T0 + 20), 1);
    /* a tie goes to the earlier round */
    assert_int_equal(add(t, "d", "LATE", 500, T0 + 30), 3);
    assert_int_equal(add(t, "d", "EARLY", 500, T0 + 5), 2);
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = scores_top(t, "d", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE);
    assert_int_equal(n, 4);
    assert_string_equal(top[0]->name, "A");
    assert_string_equal(top[1]->name, "EARLY");
    assert_string_equal(top[2]->name, "B");
    assert_string_equal(top[3]->name, "LATE");
    assert_int_equal(scores_top(t, "d", BOARD_ALLTIME, T0, top, 2), 2);
    assert_int_equal(scores_top(t, "other", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 0);
    assert_int_equal(scores_top(NULL, "d", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 0);
    /* the stored name is the sanitised one */
    assert_int_equal(add(t, "d", "  Zed\t ", 1000, T0), 1);
    scores_top(t, "d", BOARD_ALLTIME, T0, top, 1);
    assert_string_equal(top[0]->name, "Zed");
    scores_free(t);
}

static void test_board_size_and_rank_zero(void **state)
{
    (void)state;
    scores *t = scores_new();
    for (int i = 0; i < 15; i++)
        assert_int_equal(add(t, "d", "P", 100 * (i + 1), T0 + i), 1);
    /* all on one day: exactly ten kept (the day's and the all-time top 10 are the same) */
    assert_int_equal(scores_count(t), SCORES_BOARD_SIZE);
    /* lower than the tenth: not on the board, and not kept */
    assert_int_equal(add(t, "d", "LOW", 50, T0 + 100), 0);
    assert_int_equal(scores_count(t), SCORES_BOARD_SIZE);
    const score_entry *top[20];
    assert_int_equal(scores_top(t, "d", BOARD_ALLTIME, T0, top, 20), SCORES_BOARD_SIZE);
    assert_int_equal(top[0]->score, 1500);
    assert_int_equal(top[9]->score, 600);
    scores_free(t);
}

static void test_today_and_alltime(void **state)
{
    (void)state;
    scores *t = scores_new();
    /* yesterday: ten great scores */
    for (int i = 0; i < 10; i++)
        add(t, "d", "OLD", 10000 + i, T0 - DAY + i);
    /* today: a modest one is not on the all-time board but tops today's */
    assert_int_equal(add(t, "d", "NEW", 50, T0), 0);
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = scores_top(t, "d", BOARD_TODAY, T0 + 60, top, SCORES_BOARD_SIZE);
    assert_int_equal(n, 1);
    assert_string_equal(top[0]->name, "NEW");
    n = scores_top(t, "d", BOARD_ALLTIME, T0 + 60, top, SCORES_BOARD_SIZE);
    assert_int_equal(n, 10);
    for (int i = 0; i < n; i++)
        assert_string_equal(top[i]->name, "OLD");
    /* yesterday's board is "today" when now is yesterday */
    n = scores_top(t, "d", BOARD_TODAY, T0 - DAY, top, SCORES_BOARD_SIZE);
    assert_int_equal(n, 10);
    assert_int_equal(scores_count(t), 11);
    scores_free(t);
}

static void test_local_day(void **state)
{
    (void)state;
    assert_int_equal(scores_local_day(T0), 20261118);
    assert_int_equal(scores_local_day(0), 19700101);
    /* 2026-11-18T23:30:00Z is already the 19th nine hours east */
    int64_t late = T0 + 12 * 3600 + 23 * 60 + 20;
    assert_int_equal(scores_local_day(late), 20261118);
    setenv("TZ", "JST-9", 1);
    tzset();
    assert_int_equal(scores_local_day(late), 20261119);
    /* the today board follows the local day too */
    scores *t = scores_new();
    add(t, "d", "A", 10, late);
    const score_entry *top[SCORES_BOARD_SIZE];
    assert_int_equal(scores_top(t, "d", BOARD_TODAY, T0 + DAY, top, SCORES_BOARD_SIZE), 1);
    assert_int_equal(scores_top(t, "d", BOARD_TODAY, T0, top, SCORES_BOARD_SIZE), 0);
    scores_free(t);
    set_tz(NULL);
}

static void test_qualifies(void **state)
{
    (void)state;
    scores *t = scores_new();
    assert_true(scores_qualifies(t, "d", 1, T0));
    for (int i = 0; i < 10; i++)
        add(t, "d", "P", 1000 + i, T0 - 5 * DAY + i);
    /* all-time full with 1000..1009, today empty: anything enters today's board */
    assert_true(scores_qualifies(t, "d", 1, T0));
    for (int i = 0; i < 10; i++)
        add(t, "d", "Q", 500 + i, T0 + i);
    /* both full: today's tenth is 500 */
    assert_false(scores_qualifies(t, "d", 400, T0 + 100));
    /* a tie with the tenth loses to the earlier round */
    assert_false(scores_qualifies(t, "d", 500, T0 + 100));
    assert_true(scores_qualifies(t, "d", 501, T0 + 100));
    /* beats the all-time tenth */
    assert_true(scores_qualifies(t, "d", 1001, T0 + 100));
    assert_true(scores_qualifies(t, "other", 0, T0));
    /* a key as the game passes it (cut at a byte count) finds its deck */
    scores_free(t);
}

/* Entries of deck d on the board of the local day of `day`. */
static int on_day(const scores *t, const char *deck, int64_t day)
{
    const score_entry *top[SCORES_BOARD_SIZE];
    return scores_top(t, deck, BOARD_TODAY, day, top, SCORES_BOARD_SIZE);
}

static void test_prune_old_days(void **state)
{
    (void)state;
    scores *t = scores_new();
    /* ten all-time entries long ago: kept forever */
    for (int i = 0; i < 10; i++)
        add(t, "d", "BEST", 90000 + i, T0 - 400 * DAY + i);
    /* a daily board 100 days ago and one 50 days ago (not all-time) */
    for (int i = 0; i < 5; i++)
        add(t, "d", "OLDDAY", 100 + i, T0 - 100 * DAY + i);
    for (int i = 0; i < 5; i++)
        add(t, "d", "MONTH", 100 + i, T0 - 50 * DAY + i);
    add(t, "d", "NOW", 1, T0);
    /* only four days have entries: each is one of the 61 most recent, all kept */
    assert_int_equal(scores_count(t), 10 + 5 + 5 + 1);
    assert_int_equal(on_day(t, "d", T0 - 100 * DAY), 5);
    /* 60 more days of play, one entry a day: the boards 100 and 50 days back are no longer
     * among the 61 most recent days with entries (those are now T0..T0+60) and lie more than
     * 60 days before the newest insertion: dropped; the all-time ten stay */
    for (int k = 1; k <= 60; k++)
        add(t, "d", "DAILY", 2, T0 + k * DAY);
    assert_int_equal(on_day(t, "d", T0 - 100 * DAY), 0);
    assert_int_equal(on_day(t, "d", T0 - 50 * DAY), 0);
    assert_int_equal(on_day(t, "d", T0 - 400 * DAY), 10);
    /* the 61 most recent days are all there */
    assert_int_equal(on_day(t, "d", T0), 1);
    for (int k = 1; k <= 60; k++)
        assert_int_equal(on_day(t, "d", T0 + k * DAY), 1);
    assert_int_equal(scores_count(t), 10 + 61);
    /* decks are pruned independently */
    add(t, "e", "OTHER", 5, T0 - 100 * DAY);
    assert_int_equal(scores_top(t, "e", BOARD_ALLTIME, T0, (const score_entry *[1]){0}, 1), 1);
    scores_free(t);
}

/* However long and however much a deck is played, what it keeps stays bounded. */
static void test_prune_bounded(void **state)
{
    (void)state;
    scores *t = scores_new();
    for (int k = 0; k < 1000; k++)
        for (int j = 0; j < 15; j++)
            add(t, "d", "P", 100 + j, T0 + k * DAY + j);
    /* the all-time ten (every day scores alike: the first ten days' 114s, ties going to the
     * earlier round) plus ten a day for the 61 most recent days */
    assert_int_equal(scores_count(t), 10 + 61 * 10);
    assert_int_equal(on_day(t, "d", T0 + 999 * DAY), 10);
    assert_int_equal(on_day(t, "d", T0 + 939 * DAY), 10);
    assert_int_equal(on_day(t, "d", T0 + 938 * DAY), 0);
    scores_free(t);
}

/* The clock once ran years ahead (a kiosk's dead clock battery, then NTP): one entry far in the
 * future must not make every later daily entry "old" (a window anchored at the newest entry
 * dropped all of them, so the today board lost each score the moment it was saved). */
static void test_clock_ran_ahead(void **state)
{
    (void)state;
    scores *t = scores_new();
    int64_t future = T0 + 9 * 365 * DAY;
    add(t, "d", "FUTURE", 50, future);
    for (int i = 0; i < 10; i++)
        add(t, "d", "GREAT", 90000 + i, T0 - 5 * DAY + i);
    /* today: modest scores, not all-time; the board shows them, also after more saves */
    for (int i = 0; i < 12; i++)
        assert_int_equal(add(t, "d", "TODAY", 100 + i, T0 + i), 0);
    assert_int_equal(on_day(t, "d", T0), 10);
    for (int k = 1; k <= 30; k++)
        add(t, "d", "LATER", 10, T0 + k * DAY);
    assert_int_equal(on_day(t, "d", T0), 10);
    assert_int_equal(on_day(t, "d", future), 1);
    scores_free(t);
}

/* The clock went back for good (a kiosk offline, its clock reset to 2000): the entry saved now,
 * on a day older than 61 days of real history, stays on that day's board, through more saves
 * and through the file (reading never prunes). */
static void test_clock_went_back(void **state)
{
    (void)state;
    scores *t = scores_new();
    for (int i = 0; i < 10; i++)
        add(t, "d", "GREAT", 90000 + i, T0 - 200 * DAY + i);
    for (int k = 0; k < 70; k++)
        add(t, "d", "REAL", 100, T0 + k * DAY);
    int64_t y2k = INT64_C(946728000); /* 2000-01-01T12:00:00Z */
    for (int i = 0; i < 3; i++)
        add(t, "d", "Y2K", 50 + i, y2k + i);
    assert_int_equal(on_day(t, "d", y2k), 3);
    size_t len;
    char *text = scores_serialize(t, &len);
    scores *u = scores_new();
    assert_int_equal(scores_parse(u, "f", text, len, NULL), 0);
    assert_int_equal(on_day(u, "d", y2k), 3);
    add(u, "d", "Y2K", 60, y2k + 60);
    assert_int_equal(on_day(u, "d", y2k), 4);
    /* a real-time save later (the clock fixed) lets the wrong day go the normal way */
    add(u, "d", "FIXED", 1, T0 + 70 * DAY);
    assert_int_equal(on_day(u, "d", y2k), 0);
    free(text);
    scores_free(u);
    scores_free(t);
}

/* Reading a file keeps every good line, also what an insertion would prune. */
static void test_parse_never_prunes(void **state)
{
    (void)state;
    strbuf b = {0};
    sb_puts(&b, "# quizblitz scores v1\n");
    for (int i = 0; i < 30; i++)
        sb_printf(&b, "d\tN%d\t%d\t1\t2\t1\t2026-11-18T11:06:%02dZ\n", i, 100 + i, i);
    scores *t = scores_new();
    assert_int_equal(scores_parse(t, "f", b.s, b.len, NULL), 0);
    assert_int_equal(scores_count(t), 30);
    /* an insertion into the deck prunes it to the day's ten */
    add(t, "d", "NEW", 1000, T0);
    assert_int_equal(scores_count(t), 10);
    sb_free(&b);
    scores_free(t);
}

static void test_duplicates(void **state)
{
    (void)state;
    scores *t = scores_new();
    score_entry e = entry("d", "SAME", 700, T0);
    assert_int_equal(scores_insert(t, &e), 1);
    assert_int_equal(scores_insert(t, &e), 1);
    assert_int_equal(scores_count(t), 1);
    /* a name that sanitises to the same one is the same entry */
    score_entry e2 = entry("d", " SAME ", 700, T0);
    scores_insert(t, &e2);
    assert_int_equal(scores_count(t), 1);
    /* one field different: a different round */
    score_entry e3 = e;
    e3.best_streak = 5;
    scores_insert(t, &e3);
    assert_int_equal(scores_count(t), 2);
    /* the same text parsed twice adds nothing */
    size_t len;
    char *text = scores_serialize(t, &len);
    assert_int_equal(scores_parse(t, "x", text, len, NULL), 0);
    assert_int_equal(scores_count(t), 2);
    free(text);
    scores_free(t);
}

/* The kept set depends only on the entries, not on the order they came in: two running copies
 * merging each other's scores in any order end with the same file. */
static void test_merge_order_independent(void **state)
{
    (void)state;
    enum { N = 300 };
    score_entry es[N];
    rng r;
    rng_seed(&r, 42);
    for (int i = 0; i < N; i++) {
        char deck[16], name[16];
        snprintf(deck, sizeof deck, "d%u", (unsigned)rng_below(&r, 3));
        snprintf(name, sizeof name, "N%d", i);
        /* days within 60 of each other: no day is old for any insertion order (an older day's
         * fate depends on what came after it, by design: see test_clock_went_back) */
        es[i] = entry(deck, name, (int32_t)rng_below(&r, 50) * 10, T0 - (int64_t)rng_below(&r, 60) * DAY);
    }
    char *first = NULL;
    for (int round = 0; round < 8; round++) {
        int order[N];
        for (int i = 0; i < N; i++)
            order[i] = i;
        rng_shuffle_int(&r, order, N);
        scores *t = scores_new();
        for (int i = 0; i < N; i++)
            scores_insert(t, &es[order[i]]);
        size_t len;
        char *text = scores_serialize(t, &len);
        if (!first) {
            first = text;
        } else {
            assert_string_equal(text, first);
            free(text);
        }
        scores_free(t);
    }
    /* and the text reads back as exactly the same table */
    scores *back = scores_new();
    assert_int_equal(scores_parse(back, "all", first, strlen(first), NULL), 0);
    char *text = scores_serialize(back, NULL);
    assert_string_equal(text, first);
    free(text);
    scores_free(back);
    free(first);
}

/* ---- deck keys ---- */

static void test_deck_keys(void **state)
{
    (void)state;
    scores *t = scores_new();
    const score_entry *top[SCORES_BOARD_SIZE];
    /* a long key of two-byte characters, cut by the game at 63 bytes, mid-character */
    const char *cyr = "\xd0\xb4\xd0\xbb\xd0\xb8\xd0\xbd\xd0\xbd\xd0\xbe\xd0\xb5-"; /* "длинное-" (15 bytes) */
    char longkey[256] = "";
    for (int i = 0; i < 8; i++)
        strcat(longkey, cyr);
    char gamekey[SCORES_DECK_BYTES];
    memcpy(gamekey, longkey, SCORES_DECK_BYTES - 1);
    gamekey[SCORES_DECK_BYTES - 1] = 0;
    score_entry e = entry(gamekey, "A", 10, T0);
    scores_insert(t, &e);
    const char *decks[4];
    assert_int_equal(scores_decks(t, decks, 4), 1);
    assert_true(strlen(decks[0]) <= SCORES_DECK_BYTES - 1);
    assert_true(utf8_valid(decks[0], strlen(decks[0])));
    assert_int_equal(strncmp(decks[0], longkey, strlen(decks[0])), 0);
    /* the game's raw key finds the stored one */
    assert_int_equal(scores_top(t, gamekey, BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 1);
    assert_int_equal(scores_top(t, longkey, BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 1);
    /* a file name that is not UTF-8 still makes a key that can be written and read back */
    score_entry l1 = entry("caf\xe9-latin1", "B", 20, T0);
    scores_insert(t, &l1);
    assert_int_equal(scores_top(t, "caf\xe9-latin1", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 1);
    /* control characters and a leading '#' (a comment in the file) are replaced */
    score_entry c = entry("#a\tb", "C", 30, T0);
    scores_insert(t, &c);
    assert_int_equal(scores_top(t, "_a_b", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 1);
    score_entry empty = entry("", "D", 40, T0);
    scores_insert(t, &empty);
    assert_int_equal(scores_top(t, "", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 1);
    /* every key survives the round trip through the text */
    size_t len;
    char *text = scores_serialize(t, &len);
    scores *u = scores_new();
    assert_int_equal(scores_parse(u, "x", text, len, NULL), 0);
    char *again = scores_serialize(u, NULL);
    assert_string_equal(text, again);
    assert_int_equal(scores_decks(u, NULL, 0), 4);
    /* sorted, byte order */
    assert_int_equal(scores_decks(u, decks, 4), 4);
    for (int i = 1; i < 4; i++)
        assert_true(strcmp(decks[i - 1], decks[i]) < 0);
    assert_int_equal(scores_decks(u, decks, 2), 2);
    free(again);
    free(text);
    scores_free(u);
    scores_free(t);
}

static void test_remove_deck(void **state)
{
    (void)state;
    scores *t = scores_new();
    for (int i = 0; i < 4; i++)
        add(t, "a", "P", 10 + i, T0 + i);
    add(t, "b", "Q", 5, T0);
    assert_int_equal(scores_remove_deck(t, "nope"), 0);
    assert_int_equal(scores_remove_deck(t, "a"), 4);
    assert_int_equal(scores_count(t), 1);
    assert_int_equal(scores_remove_deck(t, "a"), 0);
    const char *d[2];
    assert_int_equal(scores_decks(t, d, 2), 1);
    assert_string_equal(d[0], "b");
    scores_free(t);
}

/* ---- the text format ---- */

static const char GOLDEN[] = "# quizblitz scores v1\n"
                             "# deck\tname\tscore\tright\ttotal\tbest_streak\twhen\n"
                             "alpha\tZ\xc3\xa9ta\t100000000\t1000\t1000\t1000\t9999-12-31T23:59:59Z\n"
                             "alpha\tBOB\t12345\t9\t10\t7\t2026-11-18T11:06:40Z\n"
                             "alpha\tAL\t12345\t9\t10\t7\t2026-11-18T11:06:41Z\n"
                             "beta\tPLAYER\t0\t0\t0\t0\t1970-01-01T00:00:00Z\n"
                             "beta\tLEAP\t0\t0\t0\t0\t2024-02-29T12:00:00Z\n";

static void test_serialize_golden(void **state)
{
    (void)state;
    scores *t = scores_new();
    score_entry e = entry("alpha", "BOB", 12345, T0);
    e.right = 9;
    e.best_streak = 7;
    scores_insert(t, &e);
    snprintf(e.name, sizeof e.name, "AL");
    e.when = T0 + 1;
    scores_insert(t, &e);
    score_entry top = entry("alpha", "Z\xc3\xa9ta", 100000000, INT64_C(253402300799));
    top.right = top.total = top.best_streak = 1000;
    scores_insert(t, &top);
    score_entry zero = entry("beta", "", 0, 0);
    zero.right = zero.total = zero.best_streak = 0;
    scores_insert(t, &zero);
    score_entry leap = zero;
    snprintf(leap.name, sizeof leap.name, "LEAP");
    leap.when = INT64_C(1709208000);
    scores_insert(t, &leap);
    size_t len;
    char *text = scores_serialize(t, &len);
    assert_string_equal(text, GOLDEN);
    assert_int_equal(len, strlen(GOLDEN));
    /* and back, exactly */
    scores *u = scores_new();
    assert_int_equal(scores_parse(u, "g", GOLDEN, strlen(GOLDEN), NULL), 0);
    assert_int_equal(scores_count(u), 5);
    char *again = scores_serialize(u, NULL);
    assert_string_equal(again, GOLDEN);
    const score_entry *b[SCORES_BOARD_SIZE];
    assert_int_equal(scores_top(u, "alpha", BOARD_ALLTIME, T0, b, SCORES_BOARD_SIZE), 3);
    assert_int_equal(b[1]->when, T0);
    assert_int_equal(b[0]->when, INT64_C(253402300799));
    free(again);
    free(text);
    scores_free(u);
    scores_free(t);
}

static void test_serialize_clamps(void **state)
{
    (void)state;
    /* whatever the caller passes, what is stored can be written and read back */
    scores *t = scores_new();
    score_entry e = entry("d", "X", -5, -100);
    e.right = 50;
    e.total = 5000;
    e.best_streak = 99;
    scores_insert(t, &e);
    score_entry f = entry("d", "Y", 2000000000, INT64_C(999999999999));
    f.right = -1;
    scores_insert(t, &f);
    size_t len;
    char *text = scores_serialize(t, &len);
    scores *u = scores_new();
    assert_int_equal(scores_parse(u, "c", text, len, NULL), 0);
    assert_int_equal(scores_count(u), 2);
    const score_entry *b[2];
    scores_top(u, "d", BOARD_ALLTIME, 0, b, 2);
    assert_int_equal(b[0]->score, 100000000);
    assert_int_equal(b[0]->right, 0);
    assert_int_equal(b[1]->score, 0);
    assert_int_equal(b[1]->total, 1000);
    assert_int_equal(b[1]->right, 50);
    assert_int_equal(b[1]->best_streak, 50);
    assert_int_equal(b[1]->when, 0);
    free(text);
    scores_free(u);
    scores_free(t);
}

/* One bad line among good ones: the good ones stay, the bad one is reported at its line. */
static void expect_bad_len(const char *line, size_t len, const char *why_part)
{
    strbuf b = {0};
    sb_puts(&b, "# quizblitz scores v1\n");
    sb_puts(&b, "d\tGOOD1\t10\t1\t2\t1\t2026-11-18T11:06:40Z\n");
    sb_append(&b, line, len);
    sb_puts(&b, "\nd\tGOOD2\t20\t1\t2\t1\t2026-11-18T11:06:40Z\n");
    scores *t = scores_new();
    diag_list dl = {0};
    int bad = scores_parse(t, "s.tsv", b.s, b.len, &dl);
    if (bad != 1 || scores_count(t) != 2)
        fail_msg("line %s: %d bad, %d kept", line, bad, scores_count(t));
    assert_int_equal(dl.n, 1);
    assert_int_equal(dl.items[0].line, 3);
    assert_string_equal(dl.items[0].file, "s.tsv");
    if (why_part && !strstr(dl.items[0].msg, why_part))
        fail_msg("line %s: message %s lacks %s", line, dl.items[0].msg, why_part);
    diag_free(&dl);
    scores_free(t);
    sb_free(&b);
}

static void expect_bad_line(const char *line, const char *why_part)
{
    expect_bad_len(line, strlen(line), why_part);
}

static void test_parse_bad_lines(void **state)
{
    (void)state;
    expect_bad_line("d\tX\t10\t1\t2\t1", "fields");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-11-18T11:06:40Z\textra", "fields");
    expect_bad_line("garbage", "fields");
    /* NUL bytes: the length is given, a C string would stop at them */
    static const char nul1[] = "\x00\xff garbage\tline";
    static const char nul2[] = "d\tX\0\t10\t1\t2\t1\t2026-11-18T11:06:40Z";
    expect_bad_len(nul1, sizeof nul1 - 1, "fields");
    expect_bad_len(nul2, sizeof nul2 - 1, "name");
    expect_bad_line("\tX\t10\t1\t2\t1\t2026-11-18T11:06:40Z", "deck");
    expect_bad_line("d\xff\tX\t10\t1\t2\t1\t2026-11-18T11:06:40Z", "deck");
    expect_bad_line("d\tX\xc0\xaf\t10\t1\t2\t1\t2026-11-18T11:06:40Z", "name");
    expect_bad_line("d\tX\x01\t10\t1\t2\t1\t2026-11-18T11:06:40Z", "name");
    expect_bad_line("d\tXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\t10\t1\t2\t1\t2026-11-18T11:06:40Z",
                    "name");
    expect_bad_line("d\tX\t-10\t1\t2\t1\t2026-11-18T11:06:40Z", "score");
    expect_bad_line("d\tX\t+10\t1\t2\t1\t2026-11-18T11:06:40Z", "score");
    expect_bad_line("d\tX\t100000001\t1\t2\t1\t2026-11-18T11:06:40Z", "score");
    expect_bad_line("d\tX\t99999999999999999999\t1\t2\t1\t2026-11-18T11:06:40Z", "score");
    expect_bad_line("d\tX\t\t1\t2\t1\t2026-11-18T11:06:40Z", "score");
    expect_bad_line("d\tX\t1 0\t1\t2\t1\t2026-11-18T11:06:40Z", "score");
    expect_bad_line("d\tX\t10\t3\t2\t1\t2026-11-18T11:06:40Z", "right");
    expect_bad_line("d\tX\t10\t1\t1001\t1\t2026-11-18T11:06:40Z", "total");
    expect_bad_line("d\tX\t10\t1\t2\t2\t2026-11-18T11:06:40Z", "streak");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-02-29T11:06:40Z", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-11-18T24:00:00Z", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-11-18T11:06:60Z", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-13-18T11:06:40Z", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t1969-12-31T23:59:59Z", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-11-18 11:06:40", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-11-18T11:06:40+01:00", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t1795000000", "time");
    expect_bad_line("d\tX\t10\t1\t2\t1\t2026-11-1", "time");
    /* a long line is bad without being read into memory of its own */
    char *longline = xmalloc(1 << 20);
    memset(longline, 'a', (1 << 20) - 1);
    longline[(1 << 20) - 1] = 0;
    expect_bad_line(longline, "too long");
    /* just over the limit, even when it would otherwise parse */
    memset(longline, 'a', 5000);
    memcpy(longline + 5000, "\tX\t10\t1\t2\t1\t2026-11-18T11:06:40Z", 33);
    longline[5033] = 0;
    expect_bad_line(longline, "too long");
    free(longline);
}

static void test_parse_tolerates(void **state)
{
    (void)state;
    /* BOM, CRLF, comments, blank lines, a missing final newline, a long deck field, leading zeros */
    const char *text = "\xEF\xBB\xBF# quizblitz scores v1\r\n"
                       "# a comment a person wrote\r\n"
                       "\r\n"
                       "d\tA\t0010\t1\t2\t1\t2026-11-18T11:06:40Z\r\n"
                       "   \n"
                       "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\tB\t5\t0\t0\t0\t"
                       "2026-11-18T11:06:40Z\n"
                       "d\t  spaced   name \t7\t0\t0\t0\t2026-11-18T11:06:40Z";
    scores *t = scores_new();
    diag_list dl = {0};
    assert_int_equal(scores_parse(t, "t", text, strlen(text), &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(scores_count(t), 3);
    const score_entry *b[SCORES_BOARD_SIZE];
    assert_int_equal(scores_top(t, "d", BOARD_ALLTIME, T0, b, SCORES_BOARD_SIZE), 2);
    assert_int_equal(b[0]->score, 10);
    assert_string_equal(b[1]->name, "spaced name");
    const char *decks[2];
    assert_int_equal(scores_decks(t, decks, 2), 2);
    assert_int_equal(strlen(decks[1]), SCORES_DECK_BYTES - 1);
    scores_free(t);
}

static void test_parse_headers(void **state)
{
    (void)state;
    const char *line = "d\tA\t10\t1\t2\t1\t2026-11-18T11:06:40Z\n";
    char buf[256];
    struct {
        const char *head;
        int bad;
    } cases[] = {
        {"", 1},                                /* no header: foreign (the entry is still kept) */
        {"# quizblitz scores v2\n", 1},         /* a newer version */
        {"# quizblitz scores v10\n", 1},
        {"# quizblitz scores\n", 1},
        {"# some other program's file\n", 1},
        {"# quizblitz scores v1\n", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", cases[i].head, line);
        scores *t = scores_new();
        diag_list dl = {0};
        assert_int_equal(scores_parse(t, "h", buf, strlen(buf), &dl), cases[i].bad);
        assert_int_equal(scores_count(t), 1);
        assert_int_equal(dl.n, cases[i].bad);
        diag_free(&dl);
        scores_free(t);
    }
    /* empty, whitespace, binary garbage, half a line */
    const struct {
        const char *s;
        size_t n;
    } junk[] = {{"", 0}, {"\n\n", 2}, {"\x7f" "ELF\x02\x01\x01\0\0\0", 10}, {"# quizblitz sco", 15}};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        scores *t = scores_new();
        assert_true(scores_parse(t, "j", junk[i].s, junk[i].n, NULL) >= 1);
        assert_int_equal(scores_count(t), 0);
        scores_free(t);
    }
    /* header only: a good empty table */
    scores *t = scores_new();
    assert_int_equal(scores_parse(t, "e", "# quizblitz scores v1\n", 22, NULL), 0);
    assert_int_equal(scores_parse(t, "e", "# quizblitz scores v1", 21, NULL), 0);
    scores_free(t);
}

static void test_parse_many_bad_lines_bounded(void **state)
{
    (void)state;
    /* a megabyte of short garbage lines: counted exactly, reported in bounded space */
    size_t n = 1 << 20;
    char *buf = xmalloc(n);
    for (size_t i = 0; i < n; i++)
        buf[i] = (i % 2) ? '\n' : 'x';
    /* with a good header, so every line after it is one bad entry */
    memcpy(buf, "# quizblitz scores v1\n", 22);
    scores *t = scores_new();
    diag_list dl = {0};
    int bad = scores_parse(t, "g", buf, n, &dl);
    assert_int_equal(bad, (int)((n - 22) / 2));
    assert_true(dl.n <= 101);
    diag_free(&dl);
    scores_free(t);
    free(buf);
}

static void test_parse_large_table_fast(void **state)
{
    (void)state;
    /* 100000 entries over 20000 decks parse in one pass (no quadratic insertion) */
    strbuf b = {0};
    sb_puts(&b, "# quizblitz scores v1\n");
    for (int i = 0; i < 100000; i++)
        sb_printf(&b, "deck%d\tN%d\t%d\t1\t2\t1\t2026-11-%02dT11:06:40Z\n", i % 20000, i, i % 977, 1 + i % 28);
    clock_t c0 = clock();
    scores *t = scores_new();
    assert_int_equal(scores_parse(t, "big", b.s, b.len, NULL), 0);
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    assert_int_equal(scores_decks(t, NULL, 0), 20000);
    assert_int_equal(scores_count(t), 100000);
    if (secs > 5.0)
        fail_msg("parsing 100000 lines took %.1f s", secs);
    scores_free(t);
    sb_free(&b);
}

/* ---- boards as text ---- */

/* 1 if the n bytes at s hold part. */
static int holds(const char *s, size_t n, const char *part)
{
    size_t pl = strlen(part);
    for (size_t i = 0; i + pl <= n; i++)
        if (!memcmp(s + i, part, pl))
            return 1;
    return 0;
}

/* The row of the board text that holds name, from its start to its newline (caller frees). */
static char *row_of(const char *text, const char *from, const char *name)
{
    const char *p = strstr(from ? from : text, name);
    assert_non_null(p);
    while (p > text && p[-1] != '\n')
        p--;
    const char *nl = strchr(p, '\n');
    return xstrndup(p, (size_t)(nl - p));
}

/* Terminal columns up to the first occurrence of part in a row: ASCII 1, the two-byte Latin and
 * combining characters below as their width, the CJK ones 2 (only the characters used here). */
static int column_of(const char *row, const char *part)
{
    const char *end = strstr(row, part);
    assert_non_null(end);
    int col = 0;
    for (const unsigned char *p = (const unsigned char *)row; p < (const unsigned char *)end;) {
        if (*p < 0x80) {
            col++;
            p++;
        } else if (*p == 0xCC) {
            /* U+0300..U+033F, combining: no column */
            p += 2;
        } else if (*p < 0xE0) {
            col++;
            p += 2;
        } else if (*p < 0xF0) {
            /* U+4E00.. CJK: two columns */
            col += 2;
            p += 3;
        } else {
            col += 2;
            p += 4;
        }
    }
    return col;
}

/* A fleet's entries name their kiosk: two kiosks' equal rounds are two entries, the kiosk's
 * name is cut and cleaned as a deck key is, and --list-scores gets a KIOSK column (a local
 * table, whose entries name none, keeps its columns). */
static void test_kiosk_names(void **state)
{
    (void)state;
    scores *t = scores_new();
    score_entry a = entry("virtualization", "ALICE", 900, T0), b = a;
    snprintf(a.kiosk, sizeof a.kiosk, "Hall A");
    snprintf(b.kiosk, sizeof b.kiosk, "Hall\tB");
    scores_insert(t, &a);
    scores_insert(t, &b);
    scores_insert(t, &a);
    assert_int_equal(scores_count(t), 2);
    const score_entry *top[SCORES_BOARD_SIZE];
    assert_int_equal(scores_top(t, "virtualization", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 2);
    assert_string_equal(top[0]->kiosk, "Hall A");
    assert_string_equal(top[1]->kiosk, "Hall_B");
    score_entry c = entry("virtualization", "BOB", 800, T0);
    memset(c.kiosk, 'k', sizeof c.kiosk); /* no NUL: cut to the bound */
    scores_insert(t, &c);
    assert_int_equal(scores_top(t, "virtualization", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 3);
    assert_int_equal((int)strlen(top[2]->kiosk), SCORES_KIOSK_BYTES - 1);
    char *s = scores_format_boards(t, NULL, T0 + 60);
    const char *alltime = strstr(s, "  All time\n");
    assert_non_null(alltime);
    char *head = row_of(s, alltime, "RANK");
    assert_non_null(strstr(head, "NAME   KIOSK"));
    char *row = row_of(s, alltime, "Hall A");
    assert_non_null(strstr(row, "ALICE  Hall A"));
    assert_int_equal(column_of(row, "900") + 3, column_of(head, "SCORE") + 5);
    free(row);
    free(head);
    free(s);
    scores_free(t);
}

static void test_format_boards(void **state)
{
    (void)state;
    scores *t = scores_new();
    char *s = scores_format_boards(t, NULL, T0);
    assert_string_equal(s, "No scores yet.\n");
    free(s);
    s = scores_format_boards(t, "virt", T0);
    assert_non_null(strstr(s, "No deck 'virt'"));
    assert_non_null(strstr(s, "no scores yet"));
    free(s);
    score_entry e = entry("virtualization", "ALICE", 12345, T0);
    e.right = 9;
    e.best_streak = 7;
    scores_insert(t, &e);
    add(t, "virtualization", "\xc3\x89MILE", 500, T0 - 3 * DAY);
    /* three wide characters (six columns), and an e with a combining acute (one column) */
    add(t, "virtualization", "\xe6\x9d\x8e\xe5\xb0\x8f\xe9\xbe\x8d", 20000, T0 - 400 * DAY);
    add(t, "virtualization", "Ze\xcc\x81", 7, T0);
    add(t, "other", "OTTO", 77, T0);
    s = scores_format_boards(t, NULL, T0 + 60);
    /* decks in key order, each with its two boards */
    const char *other = strstr(s, "other\n"), *virt = strstr(s, "virtualization\n");
    assert_non_null(other);
    assert_non_null(virt);
    assert_true(other < virt);
    assert_non_null(strstr(virt, "  Today (2026-11-18)\n"));
    const char *alltime = strstr(virt, "  All time\n");
    assert_non_null(alltime);
    /* the today board holds today's entries only */
    const char *today = strstr(virt, "Today");
    assert_false(holds(today, (size_t)(alltime - today), "\xc3\x89MILE"));
    assert_true(holds(today, (size_t)(alltime - today), "ALICE"));
    /* every row: rank, name, score, right/total, streak, local date */
    char *alice = row_of(s, alltime, "ALICE");
    /* the score grouped as the interface's language writes it (English here: no catalog) */
    assert_string_equal(alice, "       2  ALICE   12,345   9/10       7  2026-11-18");
    char *head = row_of(s, alltime, "RANK");
    assert_string_equal(head, "    RANK  NAME     SCORE  RIGHT  STREAK  DATE");
    char *emile = row_of(s, alltime, "\xc3\x89MILE");
    char *wide = row_of(s, alltime, "\xe6\x9d\x8e");
    char *comb = row_of(s, alltime, "Ze\xcc\x81");
    assert_non_null(strstr(emile, "2026-11-15"));
    assert_non_null(strstr(wide, "2025-10-14"));
    /* aligned by terminal columns, not bytes or code points: the scores end in one column */
    int c_alice = column_of(alice, "12,345") + 6;
    assert_int_equal(column_of(emile, "500") + 3, c_alice);
    assert_int_equal(column_of(wide, "20,000") + 6, c_alice);
    assert_int_equal(column_of(comb, "7 ") + 1, c_alice);
    assert_int_equal(column_of(head, "SCORE") + 5, c_alice);
    /* and the two boards of a deck share their columns */
    char *alice_today = row_of(s, today, "ALICE");
    assert_int_equal(column_of(alice_today, "12,345"), column_of(alice, "12,345"));
    free(alice_today);
    free(alice);
    free(head);
    free(emile);
    free(wide);
    free(comb);
    free(s);
    /* one deck, by key or by its file name */
    s = scores_format_boards(t, "cards/virtualization.md", T0);
    assert_non_null(strstr(s, "ALICE"));
    assert_null(strstr(s, "OTTO"));
    free(s);
    s = scores_format_boards(t, "other", T0 + 5 * DAY);
    assert_non_null(strstr(s, "no scores today"));
    assert_non_null(strstr(s, "OTTO"));
    free(s);
    /* an unknown deck is named, with the decks there are */
    s = scores_format_boards(t, "nope", T0);
    assert_string_equal(s, "No deck 'nope' in the table; its decks: other, virtualization\n");
    free(s);
    /* long scores widen their column */
    add(t, "other", "RICH", 100000000, T0);
    s = scores_format_boards(t, "other", T0);
    char *rich = row_of(s, NULL, "RICH"), *otto = row_of(s, NULL, "OTTO");
    assert_int_equal(column_of(rich, "100,000,000") + 11, column_of(otto, "77") + 2);
    free(rich);
    free(otto);
    free(s);
    scores_free(t);
}

static void test_find_deck(void **state)
{
    (void)state;
    scores *t = scores_new();
    assert_null(scores_find_deck(t, "virtualization"));
    assert_null(scores_find_deck(NULL, "x"));
    add(t, "virtualization", "A", 1, T0);
    assert_string_equal(scores_find_deck(t, "virtualization"), "virtualization");
    assert_string_equal(scores_find_deck(t, "cards/virtualization.md"), "virtualization");
    assert_string_equal(scores_find_deck(t, "/usr/share/games/quizblitz/cards/virtualization.md"), "virtualization");
    assert_null(scores_find_deck(t, "virtual"));
    assert_null(scores_find_deck(t, NULL));
    scores_free(t);
}

/* Two players with the same score in the same second are two entries; the same round passed
 * twice is one. A later, lower score of the same player never replaces the best one. */
static void test_ties_and_same_player(void **state)
{
    (void)state;
    scores *t = scores_new();
    score_entry a = entry("d", "ANN", 500, T0), b = entry("d", "BEN", 500, T0);
    assert_int_equal(scores_insert(t, &a), 1);
    assert_int_equal(scores_insert(t, &b), 2);
    assert_int_equal(scores_insert(t, &a), 1);
    assert_int_equal(scores_count(t), 2);
    /* ANN again, later and lower: a new entry below; her 500 stays first */
    assert_int_equal(add(t, "d", "ANN", 300, T0 + 100), 3);
    const score_entry *top[SCORES_BOARD_SIZE];
    assert_int_equal(scores_top(t, "d", BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE), 3);
    assert_string_equal(top[0]->name, "ANN");
    assert_int_equal(top[0]->score, 500);
    assert_string_equal(top[1]->name, "BEN");
    assert_int_equal(top[2]->score, 300);
    scores_free(t);
}

/* "Today" is the local calendar day of the injected clock: at local midnight the board turns
 * over, in the zone TZ names, daylight saving time included. */
static void test_today_follows_local_midnight(void **state)
{
    (void)state;
    /* US Eastern, with its DST rule written out (a POSIX TZ string needs no tz database) */
    setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
    tzset();
    /* 2026-07-01 23:59:59 EDT = 2026-07-02T03:59:59Z; a minute later it is the 2nd */
    int64_t before = INT64_C(1782964799), after = before + 60;
    scores *t = scores_new();
    add(t, "d", "LATE", 10, before);
    add(t, "d", "EARLY", 20, after);
    assert_int_equal(scores_local_day(before), 20260701);
    assert_int_equal(scores_local_day(after), 20260702);
    const score_entry *top[SCORES_BOARD_SIZE];
    assert_int_equal(scores_top(t, "d", BOARD_TODAY, before - 3600, top, SCORES_BOARD_SIZE), 1);
    assert_string_equal(top[0]->name, "LATE");
    assert_int_equal(scores_top(t, "d", BOARD_TODAY, after + 3600, top, SCORES_BOARD_SIZE), 1);
    assert_string_equal(top[0]->name, "EARLY");
    /* in winter the same wall-clock midnight is an hour later in UTC (EST) */
    int64_t w_before = INT64_C(1796101199); /* 2026-11-30 23:59:59 EST = 2026-12-01T04:59:59Z */
    assert_int_equal(scores_local_day(w_before), 20261130);
    assert_int_equal(scores_local_day(w_before + 1), 20261201);
    /* a day long past or not yet come shows nothing */
    assert_int_equal(scores_top(t, "d", BOARD_TODAY, before - 2 * DAY, top, SCORES_BOARD_SIZE), 0);
    assert_int_equal(scores_top(t, "d", BOARD_TODAY, after + 2 * DAY, top, SCORES_BOARD_SIZE), 0);
    scores_free(t);
    set_tz(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanitize_name),
        cmocka_unit_test(test_rank_and_ties),
        cmocka_unit_test(test_board_size_and_rank_zero),
        cmocka_unit_test(test_today_and_alltime),
        cmocka_unit_test(test_local_day),
        cmocka_unit_test(test_qualifies),
        cmocka_unit_test(test_prune_old_days),
        cmocka_unit_test(test_prune_bounded),
        cmocka_unit_test(test_clock_ran_ahead),
        cmocka_unit_test(test_clock_went_back),
        cmocka_unit_test(test_parse_never_prunes),
        cmocka_unit_test(test_ties_and_same_player),
        cmocka_unit_test(test_today_follows_local_midnight),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_kiosk_names),
        cmocka_unit_test(test_merge_order_independent),
        cmocka_unit_test(test_deck_keys),
        cmocka_unit_test(test_remove_deck),
        cmocka_unit_test(test_serialize_golden),
        cmocka_unit_test(test_serialize_clamps),
        cmocka_unit_test(test_parse_bad_lines),
        cmocka_unit_test(test_parse_tolerates),
        cmocka_unit_test(test_parse_headers),
        cmocka_unit_test(test_parse_many_bad_lines_bounded),
        cmocka_unit_test(test_parse_large_table_fast),
        cmocka_unit_test(test_format_boards),
        cmocka_unit_test(test_find_deck),
    };
    return cmocka_run_group_tests(tests, set_tz, NULL);
}
