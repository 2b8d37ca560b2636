/* test_game.c: unit tests of the core's rules: scoring, round building, the script parser,
 * the layout, and the game state machine driven by an injected clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "game.h"
#include "game_fixture.h"
#include "pin.h"
#include "pinlock.h"
#include "layout.h"
#include "round.h"
#include "score.h"
#include "script.h"

/* ---- a deck for the tests ---- */

/* 12 cards: 4 easy, 4 medium, 4 hard (hard cards first in file order); tags alternate "even"
 * and "odd"; each has three wrong answers except the last two, which borrow. Parsed from
 * Markdown, so the deck owns its memory as a loaded one does. */
static deck *make_deck(void)
{
    static const char *const lv_name[3] = {"easy", "medium", "hard"};
    strbuf b = {0};
    sb_puts(&b, "# Memory\n");
    for (int i = 0; i < 12; i++) {
        int lv = (11 - i) / 4;
        sb_printf(&b, "\n## Question %d?\nlevel: %s\ntags: %s\n\n- [x] Answer %d\n", i, lv_name[lv],
                  i % 2 ? "odd" : "even", i);
        if (i < 10)
            sb_puts(&b, "- [ ] wrong one\n- [ ] wrong two\n- [ ] wrong three\n");
    }
    diag_list dl = {0};
    deck *d = deck_parse("tests/decks/mem.md", b.s, b.len, &dl);
    if (!d) {
        diag_print(&dl, stderr);
        fail_msg("the test deck does not parse");
    }
    diag_free(&dl);
    sb_free(&b);
    return d;
}

/* ---- scoring ---- */

static void test_score_speed(void **state)
{
    (void)state;
    score_rules r = {1, 1};
    assert_int_equal(score_speed_points(&r, LEVEL_EASY, 0, 15000), 1000);
    assert_int_equal(score_speed_points(&r, LEVEL_EASY, SCORE_GRACE_MS, 15000), 1000);
    assert_int_equal(score_speed_points(&r, LEVEL_EASY, 15000, 15000), 500);
    assert_int_equal(score_speed_points(&r, LEVEL_HARD, 25000, 25000), 1000);
    /* halfway through the scoring span: three quarters of the base */
    assert_int_equal(score_speed_points(&r, LEVEL_MEDIUM, 500 + 9750, 20000), 1125);
    /* later answers never score more */
    int prev = 1 << 30;
    for (uint32_t t = 0; t <= 20000; t += 250) {
        int p = score_speed_points(&r, LEVEL_MEDIUM, t, 20000);
        assert_true(p <= prev);
        prev = p;
    }
    /* beyond the limit counts as the limit */
    assert_int_equal(score_speed_points(&r, LEVEL_EASY, 99999, 15000), 500);
    score_rules flat = {0, 1};
    assert_int_equal(score_speed_points(&flat, LEVEL_EASY, 14000, 15000), 1000);
}

static void test_score_streak(void **state)
{
    (void)state;
    score_rules r = {1, 1};
    assert_int_equal(score_multiplier10(&r, 0), 10);
    assert_int_equal(score_multiplier10(&r, 2), 10);
    assert_int_equal(score_multiplier10(&r, 3), 15);
    assert_int_equal(score_multiplier10(&r, 5), 20);
    assert_int_equal(score_multiplier10(&r, 9), 20);
    assert_int_equal(score_multiplier10(&r, 10), 30);
    assert_int_equal(score_multiplier10(&r, 50), 30);
    assert_int_equal(score_points(&r, LEVEL_EASY, 0, 15000, 3), 1500);
    assert_int_equal(score_points(&r, LEVEL_HARD, 0, 25000, 10), 6000);
    score_rules off = {1, 0};
    assert_int_equal(score_points(&off, LEVEL_HARD, 0, 25000, 10), 2000);
    assert_true(score_is_milestone(3));
    assert_true(score_is_milestone(5));
    assert_true(score_is_milestone(10));
    assert_true(score_is_milestone(15));
    assert_false(score_is_milestone(4));
    assert_false(score_is_milestone(11));
}

/* ---- rounds ---- */

static void test_round_ladder_no_repeats(void **state)
{
    (void)state;
    deck *d = make_deck();
    round_opts o = {10, ORDER_LADDER, 0};
    for (uint64_t seed = 1; seed < 40; seed++) {
        rng r;
        rng_seed(&r, seed);
        question qs[ROUND_MAX_QUESTIONS];
        int n = round_build(d, &o, NULL, &r, qs);
        assert_int_equal(n, 10);
        int seen[12] = {0};
        level prev = LEVEL_EASY;
        int per[LEVEL_COUNT] = {0};
        for (int i = 0; i < n; i++) {
            assert_false(seen[qs[i].card]);
            seen[qs[i].card] = 1;
            level lv = d->cards[qs[i].card].level;
            assert_true(lv >= prev); /* easy, then medium, then hard */
            prev = lv;
            per[lv]++;
        }
        /* a third of each level */
        assert_int_equal(per[LEVEL_EASY], 3);
        assert_int_equal(per[LEVEL_MEDIUM], 3);
        assert_int_equal(per[LEVEL_HARD], 4);
    }
    deck_free(d);
}

static void test_round_choices(void **state)
{
    (void)state;
    deck *d = make_deck();
    round_opts o = {12, ORDER_RANDOM, 0};
    int slot_count[4] = {0};
    for (uint64_t seed = 1; seed < 200; seed++) {
        rng r;
        rng_seed(&r, seed);
        question qs[ROUND_MAX_QUESTIONS];
        int n = round_build(d, &o, NULL, &r, qs);
        assert_int_equal(n, 12);
        for (int i = 0; i < n; i++) {
            const question *q = &qs[i];
            const card *c = &d->cards[q->card];
            assert_int_equal(q->nchoices, 4);
            assert_string_equal(q->choices[q->correct], c->right[0]);
            slot_count[q->correct]++;
            for (int a = 0; a < 4; a++)
                for (int b = a + 1; b < 4; b++)
                    assert_false(choice_same(q->choices[a], q->choices[b]));
            /* cards without wrong answers borrow other cards' right answers, same tag first */
            if (c->nwrong == 0) {
                for (int a = 0; a < 4; a++) {
                    if (a == q->correct)
                        continue;
                    assert_true(strncmp(q->choices[a], "Answer ", 7) == 0);
                    int other = atoi(q->choices[a] + 7);
                    assert_int_equal(other % 2, q->card % 2);
                }
            }
        }
    }
    /* the right answer lands in every slot about equally often (2388 questions) */
    for (int s = 0; s < 4; s++)
        assert_true(slot_count[s] > 450 && slot_count[s] < 750);
    deck_free(d);
}

/* Borrowed distractors look like the right answer: a year for a year, a word for a word. */
static void test_round_plausible_borrowing(void **state)
{
    (void)state;
    const char *tsv = "When did Apollo 11 land?\t1969\n"
                      "When did Columbus sail?\t1492\n"
                      "When was the US declaration signed?\t1776\n"
                      "When did the Berlin Wall fall?\t1989\n"
                      "Capital of France?\tParis\n"
                      "Capital of Germany?\tBerlin\n"
                      "Capital of Italy?\tRome\n"
                      "Capital of Spain?\tMadrid\n"
                      "Largest ocean?\tPacific\n"
                      "Longest river?\tNile\n";
    diag_list dl = {0};
    deck *d = deck_parse("facts.tsv", tsv, strlen(tsv), &dl);
    assert_non_null(d);
    round_opts o = {10, ORDER_RANDOM, 0};
    for (uint64_t seed = 1; seed < 50; seed++) {
        rng r;
        rng_seed(&r, seed);
        for (int ci = 0; ci < d->ncards; ci++) {
            question q;
            round_make_question(d, ci, &o, &r, &q);
            assert_int_equal(q.nchoices, 4);
            for (int a = 0; a < 4; a++) {
                int is_year = q.choices[a][0] >= '0' && q.choices[a][0] <= '9';
                /* four years in the deck: a year's choices are all years; a word's, all words */
                assert_int_equal(is_year, ci < 4);
            }
        }
    }
    deck_free(d);
    diag_free(&dl);
}

/* A true/false question keeps its two choices; others in the same deck still get four. */
static void test_round_true_false_not_padded(void **state)
{
    (void)state;
    const char *gift = "::a:: The Moon orbits the Earth. {T}\n\n"
                       "::b:: The Sun orbits the Earth. {FALSE}\n\n"
                       "::c:: Which planet is red? {=Mars ~Venus ~Jupiter ~Saturn}\n\n"
                       "::d:: Which planet is largest? {=Jupiter ~Mars}\n";
    diag_list dl = {0};
    deck *d = deck_parse("tf.gift", gift, strlen(gift), &dl);
    assert_non_null(d);
    assert_int_equal(d->ncards, 4);
    round_opts o = {4, ORDER_RANDOM, 0};
    for (uint64_t seed = 1; seed < 30; seed++) {
        rng r;
        rng_seed(&r, seed);
        for (int ci = 0; ci < 4; ci++) {
            question q;
            round_make_question(d, ci, &o, &r, &q);
            assert_int_equal(q.nchoices, ci < 2 ? 2 : 4);
        }
    }
    deck_free(d);
    diag_free(&dl);
}

static void test_round_times(void **state)
{
    (void)state;
    deck *d = make_deck();
    d->cards[0].time_s = 7;
    rng r;
    rng_seed(&r, 5);
    question q;
    round_opts o = {10, ORDER_LADDER, 0};
    round_make_question(d, 0, &o, &r, &q);
    assert_int_equal(q.time_ms, 7000);
    round_make_question(d, 11, &o, &r, &q);
    assert_int_equal(q.time_ms, 15000); /* easy */
    round_make_question(d, 5, &o, &r, &q);
    assert_int_equal(q.time_ms, 20000); /* medium */
    round_make_question(d, 1, &o, &r, &q);
    assert_int_equal(q.time_ms, 25000); /* hard */
    o.time_s = 40;
    round_make_question(d, 0, &o, &r, &q);
    assert_int_equal(q.time_ms, 40000); /* --time overrides the card */
    deck_free(d);
}

static void test_round_leitner(void **state)
{
    (void)state;
    deck *d = make_deck();
    round_memory m;
    round_memory_init(&m, d->ncards);
    round_memory_answer(&m, 3, 0); /* card 3 missed */
    for (int i = 0; i < d->ncards; i++)
        if (i != 3) {
            round_memory_answer(&m, i, 1);
            round_memory_answer(&m, i, 1);
        }
    round_opts o = {1, ORDER_RANDOM, 0};
    int hits = 0, rounds = 2000;
    for (int s = 0; s < rounds; s++) {
        rng r;
        rng_seed(&r, (uint64_t)s + 1);
        question q[ROUND_MAX_QUESTIONS];
        round_build(d, &o, &m, &r, q);
        hits += q[0].card == 3;
    }
    /* weight 8 against eleven cards of weight 1: 8/19 ≈ 42 %, far above 1/12 */
    assert_true(hits > rounds * 35 / 100 && hits < rounds * 50 / 100);
    round_memory_free(&m);
    deck_free(d);
}

/* ---- script ---- */

static void test_script_parse(void **state)
{
    (void)state;
    const char *src = "# a comment\n"
                      "wait 1000\r\n"
                      "key Return   # trailing comment\n"
                      "text héllo # kept literally\n"
                      "click 0.5 0.25\n"
                      "button a\n"
                      "screenshot out/x #1.bmp\n"
                      "resize 800 480\n"
                      "\n"
                      "quit\n";
    script s;
    diag_list dl = {0};
    assert_int_equal(script_parse(&s, "s.txt", src, strlen(src), &dl), 0);
    assert_int_equal(dl.n, 0);
    assert_int_equal(s.n, 8);
    assert_int_equal(s.cmds[0].op, SCRIPT_WAIT);
    assert_int_equal(s.cmds[0].a, 1000);
    assert_int_equal(s.cmds[0].line, 2);
    assert_string_equal(s.cmds[1].str, "Return");
    assert_string_equal(s.cmds[2].str, "héllo # kept literally");
    assert_true(s.cmds[3].x == 0.5 && s.cmds[3].y == 0.25);
    assert_string_equal(s.cmds[4].str, "a");
    assert_string_equal(s.cmds[5].str, "out/x #1.bmp");
    assert_int_equal(s.cmds[6].a, 800);
    assert_int_equal(s.cmds[6].b, 480);
    assert_int_equal(s.cmds[7].op, SCRIPT_QUIT);
    script_free(&s);
    diag_free(&dl);
}

static void test_script_errors(void **state)
{
    (void)state;
    const char *src = "wait\nwait -5\nfly away\nclick 2 0\nkey\nwait 10\nresize 10 10\n";
    script s;
    diag_list dl = {0};
    assert_int_not_equal(script_parse(&s, "bad.txt", src, strlen(src), &dl), 0);
    assert_int_equal(dl.errors, 6);
    int lines[6] = {1, 2, 3, 4, 5, 7};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(dl.items[i].line, lines[i]);
        assert_string_equal(dl.items[i].file, "bad.txt");
    }
    assert_non_null(strstr(dl.items[2].msg, "unknown command \"fly\""));
    script_free(&s);
    diag_free(&dl);
}

/* The kiosk's verbs: a finger held and lifted, a pasted string, a virtual pad. */
static void test_script_kiosk_verbs(void **state)
{
    (void)state;
    const char *src = "touchdown 0.5 0.1\ntouchup 0.5 0.1\npaste a b  c\npad plug\npad press guide\npad down  back\n"
                      "pad up back\npad unplug\npad\npad press\npad plug now\npad jump a\ntouchup 1.5 0\npaste\npad plug stick\n";
    script s;
    diag_list dl = {0};
    assert_int_not_equal(script_parse(&s, "k.txt", src, strlen(src), &dl), 0);
    assert_int_equal(s.n, 9);
    assert_int_equal(s.cmds[8].op, SCRIPT_PAD_PLUG);
    assert_int_equal(s.cmds[8].a, 1); /* a stick */
    assert_int_equal(s.cmds[3].a, 0); /* a controller */
    static const script_op ops[8] = {SCRIPT_TOUCHDOWN, SCRIPT_TOUCHUP, SCRIPT_PASTE, SCRIPT_PAD_PLUG,
                                     SCRIPT_PAD_PRESS, SCRIPT_PAD_DOWN, SCRIPT_PAD_UP, SCRIPT_PAD_UNPLUG};
    for (int i = 0; i < 8; i++)
        assert_int_equal(s.cmds[i].op, ops[i]);
    assert_true(s.cmds[0].x == 0.5 && s.cmds[0].y == 0.1);
    assert_string_equal(s.cmds[2].str, "a b  c");
    assert_string_equal(s.cmds[4].str, "guide");
    assert_string_equal(s.cmds[5].str, "back");
    /* bare pad, a press without a name, plug with one, an unknown pad verb, a finger off the
     * window, paste without text: each named by its line */
    assert_int_equal(dl.errors, 6);
    int lines[6] = {9, 10, 11, 12, 13, 14};
    for (int i = 0; i < 6; i++)
        assert_int_equal(dl.items[i].line, lines[i]);
    assert_non_null(strstr(dl.items[4].msg, "touchup needs X Y"));
    assert_non_null(strstr(dl.items[5].msg, "paste needs a string"));
    script_free(&s);
    diag_free(&dl);
}

/* ---- layout ---- */

static void test_layout_sizes(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}, {320, 240}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int nd = 1; nd <= LAYOUT_MAX_DECKS; nd += LAYOUT_MAX_DECKS - 1) {
        layout l;
        layout_compute(&l, sizes[s][0], sizes[s][1], nd);
        rect all[] = {l.topbar, l.card, l.timer, l.choice[0], l.choice[1], l.choice[2], l.choice[3], l.why,
                      l.start, l.board, l.howto, l.pause_panel, l.res_score, l.res_stats, l.res_strip,
                      l.res_review, l.res_hint, l.name_score, l.name_stats, l.name_strip, l.name_panel,
                      l.name_field, l.osk[0], l.osk[LAYOUT_OSK_KEYS - 1], l.boards[0], l.boards[1],
                      l.deck_item[nd - 1], l.pin_panel, l.pin_key[11]};
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
            assert_true(all[i].x >= 0 && all[i].y >= 0);
            assert_true(all[i].x + all[i].w <= l.w);
            assert_true(all[i].y + all[i].h <= l.h);
            assert_true(all[i].w > 0 && all[i].h > 0);
        }
        /* choices never overlap each other nor the countdown */
        for (int a = 0; a < 4; a++) {
            assert_true(l.choice[a].y >= l.timer.y + l.timer.h);
            for (int b = a + 1; b < 4; b++) {
                rect A = l.choice[a], B = l.choice[b];
                int overlap = A.x < B.x + B.w && B.x < A.x + A.w && A.y < B.y + B.h && B.y < A.y + A.h;
                assert_false(overlap);
            }
        }
        /* the deck list ends above the start button; the keys stay inside the name panel */
        assert_true(l.deck_item[nd - 1].y + l.deck_item[nd - 1].h <= l.start.y);
        for (int k = 0; k < LAYOUT_OSK_KEYS; k++) {
            assert_true(l.osk[k].y >= l.name_field.y + l.name_field.h);
            assert_true(l.osk[k].y + l.osk[k].h <= l.name_panel.y + l.name_panel.h);
        }
        assert_true(l.name_panel.y >= l.name_strip.y + l.name_strip.h);
        assert_int_equal(l.portrait, sizes[s][1] > sizes[s][0]);
        }
    }
}

/* ---- the state machine ---- */

static void feed(game *g, input_kind k, int index)
{
    input in;
    memset(&in, 0, sizeof in);
    in.kind = k;
    in.index = index;
    game_input(g, &in);
}

static void test_game_round_flow(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 4;
    o.seed = 42;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    log_buf log = {{0}, 0};
    game_set_emit(&g, collect, &log);
    game_resize(&g, 1920, 1080);
    assert_int_equal(g.scene, SCENE_TITLE);
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_QUESTION);
    assert_int_equal(g.nq, 4);
    uint32_t now = 0;
    /* during the intro answers are ignored */
    feed(&g, IN_ANSWER, g.qs[0].correct);
    assert_int_equal(g.scene, SCENE_QUESTION);
    now = run_ms(&g, now, 1100);
    /* right answer: streak 1, points near the full base */
    feed(&g, IN_ANSWER, g.qs[0].correct);
    assert_int_equal(g.scene, SCENE_REVEAL);
    assert_int_equal(g.streak, 1);
    assert_int_equal(g.outcomes[0], OUT_RIGHT);
    assert_true(g.score > 0);
    int s1 = g.score;
    /* the reveal ignores confirm during its lock-out */
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_REVEAL);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_QUESTION);
    assert_int_equal(g.qi, 1);
    now = run_ms(&g, now, 1100);
    /* wrong answer resets the streak */
    feed(&g, IN_ANSWER, (g.qs[1].correct + 1) % g.qs[1].nchoices);
    assert_int_equal(g.outcomes[1], OUT_WRONG);
    assert_int_equal(g.streak, 0);
    assert_int_equal(g.score, s1);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    /* pause freezes the countdown */
    now = run_ms(&g, now, 1100);
    feed(&g, IN_BACK, 0);
    assert_true(game_paused(&g));
    uint32_t clock = g.clock;
    now = run_ms(&g, now, 60000);
    assert_int_equal(g.clock, clock);
    assert_int_equal(g.scene, SCENE_QUESTION);
    feed(&g, IN_BACK, 0);
    assert_false(game_paused(&g));
    /* timeout */
    now = run_ms(&g, now, g.qs[2].time_ms + 100);
    assert_int_equal(g.scene, SCENE_REVEAL);
    assert_int_equal(g.outcomes[2], OUT_TIMEOUT);
    assert_int_equal(g.picked, -1);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    now = run_ms(&g, now, 1100);
    feed(&g, IN_ANSWER, g.qs[3].correct);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    /* the results come first, counting up, whatever the score */
    assert_int_equal(g.scene, SCENE_RESULTS);
    assert_true(g.qualifies);
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_RESULTS);
    now = past_lock(&g, now);
    /* a first score always makes the (empty) board: on to the name entry */
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_NAME);
    now = past_lock(&g, now);
    feed(&g, IN_TEXT, 0);
    input t;
    memset(&t, 0, sizeof t);
    t.kind = IN_TEXT;
    strcpy(t.text, "Ada");
    game_input(&g, &t);
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_SCORES);
    assert_int_equal(g.entry_rank, 1);
    const score_entry *top[10];
    assert_int_equal(scores_top(g.table, "mem", BOARD_ALLTIME, 1700000000, top, 10), 1);
    assert_string_equal(top[0]->name, "Ada");
    assert_int_equal(top[0]->right, 2);
    assert_int_equal(top[0]->total, 4);
    (void)now;
    /* the log: round_start, 4 x (question, answer), pause, resume, round_end, highscore */
    assert_int_equal(log.lines, 1 + 8 + 2 + 1 + 1);
    assert_non_null(strstr(log.b.s, "\"event\":\"pause\""));
    assert_non_null(strstr(log.b.s, "\"event\":\"answer\",\"t_ms\""));
    assert_non_null(strstr(log.b.s, "\"choice\":null"));
    assert_non_null(strstr(log.b.s, "\"event\":\"highscore\""));
    sb_free(&log.b);
    game_free(&g);
    deck_free(d);
}

static void test_game_streak_banner_and_sounds(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 6;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    feed(&g, IN_CONFIRM, 0);
    uint32_t now = 0;
    int saw_streak = 0, saw_tick = 0;
    for (int i = 0; i < 3; i++) {
        now = run_ms(&g, now, 1100);
        feed(&g, IN_ANSWER, g.qs[i].correct);
        int s[GAME_SFX_QUEUE];
        int n = game_take_sfx(&g, s, GAME_SFX_QUEUE);
        for (int k = 0; k < n; k++)
            saw_streak |= s[k] == SND_STREAK;
        now = past_lock(&g, now);
        feed(&g, IN_CONFIRM, 0);
    }
    assert_int_equal(g.streak, 3);
    assert_true(saw_streak);
    assert_non_null(strstr(g.banner, "STREAK 3"));
    /* the banner, raised on the reveal of the third answer 800 ms ago, is in its fade-out once
     * question 4 is up (it lies over the question card) */
    assert_int_equal(g.scene, SCENE_QUESTION);
    assert_true(g.now - g.banner_t0 >= ANIM_BANNER_MS * 3 / 4);
    assert_true(g.now - g.banner_t0 < ANIM_BANNER_MS);
    /* let question 4 run out: ticks in the last five seconds, then the timeout sound */
    game_take_sfx(&g, (int[GAME_SFX_QUEUE]){0}, GAME_SFX_QUEUE);
    int ticks = 0, timeout = 0;
    for (uint32_t t = 0; t < g.qs[3].time_ms + 1200; t += 16) {
        game_tick(&g, now += 16, 1700000000);
        int s[GAME_SFX_QUEUE];
        int n = game_take_sfx(&g, s, GAME_SFX_QUEUE);
        for (int k = 0; k < n; k++) {
            ticks += s[k] == SND_TICK || s[k] == SND_TICK_LAST;
            timeout += s[k] == SND_TIMEOUT;
        }
    }
    saw_tick = ticks;
    assert_int_equal(saw_tick, 5);
    assert_int_equal(timeout, 1);
    assert_int_equal(g.streak, 0);
    /* muted: nothing queued */
    feed(&g, IN_MUTE_SFX, 0);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    now = run_ms(&g, now, 1100);
    feed(&g, IN_ANSWER, g.qs[4].correct);
    assert_int_equal(game_take_sfx(&g, (int[GAME_SFX_QUEUE]){0}, GAME_SFX_QUEUE), 0);
    game_free(&g);
    deck_free(d);
}

static void test_game_pointer_and_pad(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    game_resize(&g, 1080, 1920);
    input in;
    memset(&in, 0, sizeof in);
    in.kind = IN_POINT;
    in.x = g.lay.start.x + 5;
    in.y = g.lay.start.y + 5;
    game_input(&g, &in);
    assert_int_equal(g.scene, SCENE_QUESTION);
    run_ms(&g, 0, 1100);
    /* a tap on the right choice's button answers it */
    rect r = g.lay.choice[g.qs[0].correct];
    in.x = r.x + r.w / 2;
    in.y = r.y + r.h / 2;
    game_input(&g, &in);
    assert_int_equal(g.outcomes[0], OUT_RIGHT);
    uint32_t now = past_lock(&g, 1100);
    /* controller: A moves on from the reveal, face buttons answer */
    feed(&g, IN_BUTTON, 0);
    assert_int_equal(g.qi, 1);
    run_ms(&g, now, 1100);
    feed(&g, IN_BUTTON, g.qs[1].correct);
    assert_int_equal(g.outcomes[1], OUT_RIGHT);
    game_free(&g);
    deck_free(d);
}

/* More decks than the title's list has places: it scrolls to keep the pick in view, and
 * taps and 1-4 act on the decks in view. */
/* A card's hint shows from half its countdown on, and only on cards that have one. */
static void test_game_hint_at_half_time(void **state)
{
    (void)state;
    static const char md[] = "# Hints\n\n## With a hint?\ntime: 10\n\n> think of layers\n\n"
                             "- [x] yes\n- [ ] no\n- [ ] maybe\n\n## Without?\ntime: 10\n\n"
                             "- [x] yes\n- [ ] no\n- [ ] maybe\n";
    diag_list dl = {0};
    deck *d = deck_parse("hints.md", md, strlen(md), &dl);
    assert_non_null(d);
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 2;
    o.round.order = ORDER_RANDOM;
    o.seed = 7;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    game_resize(&g, 1280, 720);
    feed(&g, IN_CONFIRM, 0);
    uint32_t now = 0;
    int seen_with = 0, seen_without = 0;
    for (int i = 0; i < 2; i++) {
        assert_int_equal(g.scene, SCENE_QUESTION);
        int has = d->cards[g.qs[g.qi].card].hint != NULL;
        assert_int_equal(g.qs[g.qi].time_ms, 10000);
        assert_false(game_hint_shown(&g));
        now = run_ms(&g, now, 1100 + 4800); /* choices shown, 4.8 s of 10 gone */
        assert_false(game_hint_shown(&g));
        now = run_ms(&g, now, 400); /* past half time */
        assert_int_equal(game_hint_shown(&g), has);
        seen_with += has;
        seen_without += !has;
        feed(&g, IN_ANSWER, g.qs[g.qi].correct);
        assert_false(game_hint_shown(&g)); /* the reveal shows the explanation instead */
        now = past_lock(&g, now);
        feed(&g, IN_CONFIRM, 0);
    }
    assert_int_equal(seen_with, 1);
    assert_int_equal(seen_without, 1);
    game_free(&g);
    deck_free(d);
    diag_free(&dl);
}

static void test_game_deck_list_scrolls(void **state)
{
    (void)state;
    enum { N = LAYOUT_MAX_DECKS + 3 };
    deck *decks[N];
    for (int i = 0; i < N; i++)
        decks[i] = make_deck();
    game_opts o;
    game_opts_default(&o);
    game g;
    game_init(&g, &o, decks, N, NULL, NULL, 0, 1700000000);
    assert_int_equal(game_decks_shown(&g), LAYOUT_MAX_DECKS);
    for (int i = 0; i < N - 1; i++)
        feed(&g, IN_DOWN, 0);
    assert_int_equal(g.deck_sel, N - 1);
    assert_int_equal(g.deck_first, N - LAYOUT_MAX_DECKS);
    feed(&g, IN_DOWN, 0); /* the end: no further */
    assert_int_equal(g.deck_sel, N - 1);
    /* "2" picks the second deck in view */
    feed(&g, IN_ANSWER, 1);
    assert_int_equal(g.deck_sel, g.deck_first + 1);
    /* a tap on the first place picks the deck shown there, a second tap starts it */
    input in;
    memset(&in, 0, sizeof in);
    in.kind = IN_POINT;
    in.x = g.lay.deck_item[0].x + 5;
    in.y = g.lay.deck_item[0].y + 5;
    game_input(&g, &in);
    assert_int_equal(g.deck_sel, N - LAYOUT_MAX_DECKS);
    assert_int_equal(g.scene, SCENE_TITLE);
    game_input(&g, &in);
    assert_int_equal(g.scene, SCENE_QUESTION);
    game_free(&g);
    /* going up scrolls back */
    game_init(&g, &o, decks, N, NULL, NULL, 0, 1700000000);
    for (int i = 0; i < N - 1; i++)
        feed(&g, IN_DOWN, 0);
    for (int i = 0; i < N - 1; i++)
        feed(&g, IN_UP, 0);
    assert_int_equal(g.deck_sel, 0);
    assert_int_equal(g.deck_first, 0);
    game_free(&g);
    for (int i = 0; i < N; i++)
        deck_free(decks[i]);
}

static void test_game_deterministic(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    char *logs[2];
    for (int k = 0; k < 2; k++) {
        game_opts o;
        game_opts_default(&o);
        o.seed = 7;
        game g;
        game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
        log_buf log = {{0}, 0};
        game_set_emit(&g, collect, &log);
        feed(&g, IN_CONFIRM, 0);
        uint32_t now = 0;
        for (int i = 0; i < 10; i++) {
            now = run_ms(&g, now, 1100 + (uint32_t)i * 300);
            feed(&g, IN_ANSWER, i % 4);
            now = past_lock(&g, now);
            feed(&g, IN_CONFIRM, 0);
        }
        logs[k] = log.b.s;
        game_free(&g);
    }
    assert_string_equal(logs[0], logs[1]);
    free(logs[0]);
    free(logs[1]);
    deck_free(d);
}

/* ---- play as people play: reading time, idle rules, the pause ---- */

/* A deck of two cards: one with a 200-character explanation, one with a 20-character one. */
static deck *make_why_deck(void)
{
    strbuf b = {0};
    sb_puts(&b, "# Why\n\n## Long?\nlevel: easy\n\n- [x] Yes\n- [ ] No\n- [ ] Maybe\n- [ ] Never\n\n> ");
    for (int i = 0; i < 20; i++)
        sb_puts(&b, "ten chars ");
    sb_puts(&b, "\n\n## Short?\nlevel: easy\n\n- [x] Yes\n- [ ] No\n- [ ] Maybe\n- [ ] Never\n\n> twenty characters..\n");
    diag_list dl = {0};
    deck *d = deck_parse("tests/decks/why.md", b.s, b.len, &dl);
    diag_free(&dl);
    sb_free(&b);
    assert_non_null(d);
    return d;
}

static void test_game_reading_time(void **state)
{
    (void)state;
    deck *d = make_why_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 2;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    feed(&g, IN_CONFIRM, 0);
    uint32_t now = run_ms(&g, 0, 1100);
    for (int k = 0; k < 2; k++) {
        const card *c = &d->cards[g.qs[g.qi].card];
        int long_one = strlen(c->explanation) > 100;
        feed(&g, IN_ANSWER, g.qs[g.qi].correct);
        assert_int_equal(g.scene, SCENE_REVEAL);
        /* 700 ms + 15 ms a character: 19 characters 985 ms; 200 characters past the 2.5 s cap */
        assert_int_equal(g.lock_ms, long_one ? 2500 : 700 + 19 * 15);
        /* while the lock runs its bar fills (the loop draws); when it ends the loop sleeps */
        now = run_ms(&g, now, ANIM_FLASH_MS + 16);
        assert_true(game_locked(&g));
        assert_int_equal(game_wake_in(&g), 0);
        feed(&g, IN_CONFIRM, 0); /* dropped: still reading */
        assert_int_equal(g.scene, SCENE_REVEAL);
        now = past_lock(&g, now);
        now = run_ms(&g, now, ANIM_SCORE_MS);
        assert_int_equal(game_wake_in(&g), UINT32_MAX);
        feed(&g, IN_CONFIRM, 0);
        if (k == 0) {
            assert_int_equal(g.scene, SCENE_QUESTION);
            now = run_ms(&g, now, 1100);
        }
    }
    assert_int_equal(g.scene, SCENE_RESULTS);
    game_free(&g);
    deck_free(d);
}

static void test_game_pause_freezes_and_idles(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.kiosk = 1;
    o.round_idle_ms = 45000;
    o.still_there_ms = 10000;
    o.attract_after_ms = 30000;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    feed(&g, IN_CONFIRM, 0);
    uint32_t now = run_ms(&g, 0, 2000);
    uint32_t clock = g.clock;
    feed(&g, IN_BACK, 0);
    assert_true(game_paused(&g));
    /* a kiosk's menu: resume, restart, quit to title (no quit game) */
    assert_int_equal(game_pause_items(&g), 3);
    feed(&g, IN_DOWN, 0);
    feed(&g, IN_DOWN, 0);
    feed(&g, IN_DOWN, 0);
    assert_int_equal(g.pause_sel, 2);
    /* the pause wakes the loop for its idle rule, not before */
    assert_true(game_wake_in(&g) > 40000 && game_wake_in(&g) <= 45000);
    now = run_ms(&g, now, 44000);
    assert_int_equal(g.clock, clock);
    assert_int_not_equal(g.overlay, OVERLAY_STILL_THERE);
    now = run_ms(&g, now, 1100);
    assert_int_equal(g.overlay, OVERLAY_STILL_THERE);
    assert_int_equal(g.overlay_under, OVERLAY_PAUSE);
    assert_true(game_auto_in(&g) <= 10000);
    now = run_ms(&g, now, 10100);
    /* abandoned (nothing scored, nothing saved) and straight into attract mode */
    assert_false(game_paused(&g));
    assert_true(game_attract(&g));
    (void)now;
    game_free(&g);
    deck_free(d);
}

static void test_game_kiosk_screens_go_on(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 1;
    o.kiosk = 1;
    o.reveal_auto_ms = 6000;
    o.screen_idle_ms = 20000;
    o.name_auto_ms = 30000;
    o.attract_after_ms = 30000;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    feed(&g, IN_CONFIRM, 0);
    uint32_t now = run_ms(&g, 0, 1500);
    feed(&g, IN_ANSWER, g.qs[0].correct);
    /* the reveal counts down to its auto-advance, on screen */
    assert_true(game_auto_in(&g) <= 6000 && game_auto_in(&g) > 5000);
    now = run_ms(&g, now, 6100);
    assert_int_equal(g.scene, SCENE_RESULTS);
    assert_true(g.qualifies);
    assert_true(game_auto_in(&g) <= 20000);
    now = run_ms(&g, now, 20100);
    assert_int_equal(g.scene, SCENE_NAME);
    now = run_ms(&g, now, 30100);
    assert_int_equal(g.scene, SCENE_SCORES);
    assert_int_equal(g.entry_rank, 1);
    now = run_ms(&g, now, 20100);
    assert_true(game_attract(&g));
    (void)now;
    game_free(&g);
    deck_free(d);
}

static void test_game_quit_asks_and_mute_says(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.attract_after_ms = 30000;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    /* Esc on a windowed game's title asks; anything else stays; Esc again quits */
    feed(&g, IN_BACK, 0);
    assert_int_equal(g.overlay, OVERLAY_QUIT_ASK);
    assert_false(g.quit);
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.overlay, OVERLAY_NONE);
    assert_false(g.quit);
    assert_int_equal(g.scene, SCENE_TITLE); /* the Enter that answered "stay" did not start a round */
    /* S and M are said on screen; attract mode gives the next player the configured sound */
    feed(&g, IN_MUTE_SFX, 0);
    assert_true(g.mute_sfx);
    assert_true(game_notice_shown(&g));
    assert_int_equal(g.notice_kind, NOTICE_INFO);
    assert_non_null(strstr(g.notice, "Sound effects off"));
    uint32_t now = run_ms(&g, 0, ANIM_INFO_MS + 20);
    assert_false(game_notice_shown(&g));
    now = run_ms(&g, now, 30000);
    assert_true(game_attract(&g));
    assert_false(g.mute_sfx);
    feed(&g, IN_OTHER, 0);
    feed(&g, IN_BACK, 0);
    feed(&g, IN_BACK, 0);
    assert_true(g.quit);
    game_free(&g);
    deck_free(d);
}

/* The how-to text is the rules in force, not a copy of the defaults. */
static void test_game_view_tells_the_rules(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    game_howto v;
    game_howto_fill(&g, &v);
    assert_int_equal(v.n, 4);
    assert_non_null(strstr(v.line[1], "Faster answers score more"));
    assert_string_equal(v.line[2], "Streaks multiply your points: \xC3\x97" "1.5 at 3, \xC3\x97" "2 at 5, \xC3\x97" "3 at 10");
    g.opts.rules.speed_bonus = 0;
    g.opts.rules.streak_bonus = 0;
    game_howto_fill(&g, &v);
    assert_null(strstr(v.line[1], "Faster"));
    assert_null(strstr(v.line[2], "multiply"));
    /* the countdown as the core counts it */
    feed(&g, IN_CONFIRM, 0);
    game_countdown c;
    game_countdown_fill(&g, &c);
    assert_int_equal(c.secs_left, -1);
    uint32_t now = run_ms(&g, 0, 1000 + 16);
    game_countdown_fill(&g, &c);
    assert_int_equal(c.secs_left, (int)(g.qs[0].time_ms / 1000));
    assert_false(c.urgent);
    now = run_ms(&g, now, g.qs[0].time_ms - 5000);
    game_countdown_fill(&g, &c);
    assert_true(c.urgent);
    assert_true(c.secs_left <= GAME_URGENT_SECS);
    game_free(&g);
    deck_free(d);
}

/* The core queues a high score; the platform writes it and says how it went. */
static void test_game_save_queue(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 1;
    game g;
    game_init(&g, &o, decks, 1, NULL, "/nonexistent/scores.tsv", 0, 1700000000);
    feed(&g, IN_CONFIRM, 0);
    uint32_t now = run_ms(&g, 0, 1100);
    feed(&g, IN_ANSWER, g.qs[0].correct);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_NAME);
    now = past_lock(&g, now);
    feed(&g, IN_CONFIRM, 0);
    /* on the board at once, in memory; the file is the platform's to write */
    assert_int_equal(g.scene, SCENE_SCORES);
    assert_int_equal(g.entry_rank, 1);
    assert_true(game_save_wanted(&g));
    assert_int_equal(g.npending, 1);
    game_save_done(&g, 0, "disk full");
    assert_false(game_save_wanted(&g));
    assert_int_equal(g.npending, 1); /* kept for the next try */
    assert_true(game_notice_shown(&g));
    assert_non_null(strstr(g.notice, "disk full"));
    /* at the end one more try; the exit is logged after it */
    game_terminate(&g, "player");
    assert_true(game_save_wanted(&g));
    game_save_done(&g, 1, NULL);
    assert_int_equal(g.npending, 0);
    (void)now;
    game_free(&g);
    deck_free(d);
}

/* ---- the operator PIN's lock-out ---- */

/* the operator's log lines, kept for the test to read */
typedef struct journal_log {
    char lines[16][256];
    int n;
} journal_log;

static void keep_line(void *ud, const char *line)
{
    journal_log *j = ud;
    if (j->n < 16)
        snprintf(j->lines[j->n], sizeof j->lines[0], "%s", line);
    j->n++;
}

static void type_pin(game *g, const char *pin)
{
    input in;
    memset(&in, 0, sizeof in);
    in.kind = IN_TEXT;
    snprintf(in.text, sizeof in.text, "%s", pin);
    game_input(g, &in);
    feed(g, IN_CONFIRM, 0);
}

/* ticks from now to now + ms in 1 s steps, the wall clock going with it */
static uint32_t run_wall(game *g, uint32_t now, uint32_t ms, int64_t wall0)
{
    for (uint32_t t = 0; t < ms; t += 1000) {
        now += 1000;
        game_tick(g, now, wall0 + now / 1000);
    }
    return now;
}

static void pin_game(game *g, deck **decks, journal_log *j, int64_t wall)
{
    game_opts o;
    game_opts_default(&o);
    o.kiosk = 1;
    snprintf(o.exit_pin, sizeof o.exit_pin, "2468");
    game_init(g, &o, decks, 1, NULL, NULL, 0, wall);
    memset(j, 0, sizeof *j);
    game_set_journal(g, keep_line, j);
}

static void test_game_pin_lockout(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game g;
    journal_log j;
    const int64_t wall0 = 1700000000;
    pin_game(&g, decks, &j, wall0);
    /* the schedule: 1 min, doubling, never over 1 h */
    static const uint32_t want[] = {60000, 120000, 240000, 480000, 960000, 1920000, 3600000, 3600000};
    for (int i = 0; i < 8; i++)
        assert_int_equal(game_pin_lock_len(&g.opts, i + 1), want[i]);
    assert_int_equal(game_pin_lock_len(&g.opts, 1000), 3600000);

    game_operator_exit(&g);
    assert_int_equal(g.overlay, OVERLAY_PIN);
    type_pin(&g, "1111");
    type_pin(&g, "2469");
    assert_false(g.quit);
    assert_int_equal(game_pin_locked_for(&g), 0);
    assert_true(game_pin_save_wanted(&g));
    game_pin_save_done(&g, 1, NULL);
    assert_int_equal(j.n, 2);
    assert_non_null(strstr(j.lines[1], "wrong (2 of 3"));
    assert_null(strstr(j.lines[1], "2468")); /* the log never holds the PIN */
    type_pin(&g, "246"); /* a prefix of the PIN is as wrong as any other */
    assert_int_equal(game_pin_locked_for(&g), 60000);
    assert_int_equal(g.overlay, OVERLAY_PIN); /* the pad says so ("try again in 1 min") */
    assert_non_null(strstr(j.lines[2], "locked for 60 s"));
    pin_state st;
    game_pin_state(&g, &st);
    assert_int_equal(st.fails, 0);
    assert_int_equal(st.locks, 1);
    assert_int_equal(st.until, wall0 + 60);
    /* while locked the right PIN does nothing and is not even counted */
    type_pin(&g, "2468");
    assert_false(g.quit);
    assert_string_equal(g.pin, "");
    assert_int_equal(j.n, 3);
    /* the pad wakes the loop for the minutes it shows */
    assert_true(game_wake_in(&g) <= 30000);
    uint32_t now = run_wall(&g, 0, 59000, wall0);
    assert_int_equal(game_pin_locked_for(&g), 1000);
    assert_int_equal(g.overlay, OVERLAY_NONE); /* the pad gave up after 30 s */
    now = run_wall(&g, now, 1000, wall0);
    assert_int_equal(game_pin_locked_for(&g), 0);
    /* three more wrong: twice as long */
    game_operator_exit(&g);
    type_pin(&g, "0000");
    type_pin(&g, "0001");
    type_pin(&g, "0002");
    assert_int_equal(game_pin_locked_for(&g), 120000);
    now = run_wall(&g, now, 120000, wall0);
    /* the right PIN exits and starts the count again */
    game_operator_exit(&g);
    type_pin(&g, "2468");
    assert_true(g.quit);
    assert_string_equal(g.exit_reason, "operator");
    game_pin_state(&g, &st);
    assert_int_equal(st.fails, 0);
    assert_int_equal(st.locks, 0);
    assert_int_equal(st.until, 0);
    assert_true(game_pin_save_wanted(&g));
    assert_non_null(strstr(j.lines[j.n - 1], "right"));
    game_free(&g);
    deck_free(d);
}

static void test_game_pin_lock_survives_restart(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game g;
    journal_log j;
    const int64_t wall0 = 1700000000;
    /* a lock with 90 s left, read back 30 s after it was written */
    pin_game(&g, decks, &j, wall0 + 30);
    pin_state st = {.fails = 0, .locks = 2, .until = wall0 + 120};
    game_pin_restore(&g, &st);
    assert_int_equal(game_pin_locked_for(&g), 90000);
    game_operator_exit(&g);
    type_pin(&g, "2468");
    assert_false(g.quit);
    game_free(&g);
    /* a wall clock set back a day cannot make the lock longer than the lock itself */
    pin_game(&g, decks, &j, wall0 - 86400);
    game_pin_restore(&g, &st);
    assert_int_equal(game_pin_locked_for(&g), 120000);
    game_free(&g);
    /* a lock over long ago: free, but the wrong PINs before the restart still count */
    pin_game(&g, decks, &j, wall0 + 3600);
    st = (pin_state){.fails = 2, .locks = 1, .until = wall0 + 60};
    game_pin_restore(&g, &st);
    assert_int_equal(game_pin_locked_for(&g), 0);
    game_operator_exit(&g);
    type_pin(&g, "1234");
    assert_int_equal(game_pin_locked_for(&g), 120000); /* the second lock: doubled */
    game_free(&g);
    deck_free(d);
}

static void test_pinlock_file(void **state)
{
    (void)state;
    const char *td = getenv("TMPDIR");
    char dir[256];
    snprintf(dir, sizeof dir, "%s/qb-pinlock-XXXXXX", td && *td ? td : "/tmp");
    assert_non_null(mkdtemp(dir));
    char sp[300], path[300], tmpd[300];
    snprintf(sp, sizeof sp, "%s/data/scores.tsv", dir);
    char *p = pinlock_path_for(sp);
    snprintf(path, sizeof path, "%s", p);
    snprintf(tmpd, sizeof tmpd, "%s/data", dir);
    assert_int_equal(strcmp(p + strlen(dir), "/data/pin-lock"), 0);
    free(p);
    char *err = NULL;
    pin_state st;
    /* no file: no lock */
    assert_int_equal(pinlock_load(path, &st, &err), 0);
    assert_int_equal(st.locks, 0);
    assert_int_equal(st.until, 0);
    /* written (the directory made), read back the same */
    pin_state w = {.fails = 2, .locks = 3, .until = 1700000240};
    assert_int_equal(pinlock_save(path, &w, &err), 0);
    assert_null(err);
    assert_int_equal(pinlock_load(path, &st, &err), 0);
    assert_int_equal(st.fails, 2);
    assert_int_equal(st.locks, 3);
    assert_int_equal(st.until, 1700000240);
    /* damaged: said with its line, and it fails closed (a lock still running) */
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("fails 1\nlocks banana\n", f);
    fclose(f);
    assert_int_equal(pinlock_load(path, &st, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "pin-lock:2: "));
    free(err);
    assert_true(st.locks >= 1);
    assert_int_equal(st.until, INT64_MAX);
    unlink(path);
    rmdir(tmpd);
    rmdir(dir);
}

static void feed_text(game *g, const char *t)
{
    input in;
    memset(&in, 0, sizeof in);
    in.kind = IN_TEXT;
    snprintf(in.text, sizeof in.text, "%s", t);
    game_input(g, &in);
}

/* Bad input at the name entry: what it shows is what the board gets, and it is bounded. */
static void test_game_name_entry_bad_input(void **state)
{
    (void)state;
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 1;
    o.kiosk = 1;
    o.reveal_auto_ms = 6000;
    o.screen_idle_ms = 20000;
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    feed(&g, IN_CONFIRM, 0);
    uint32_t now = run_ms(&g, 0, 1500);
    feed(&g, IN_ANSWER, g.qs[0].correct);
    now = run_ms(&g, now, 6100);
    now = run_ms(&g, now, 20100);
    assert_int_equal(g.scene, SCENE_NAME);
    now = past_lock(&g, now);
    /* a right-to-left override, zero-width and control characters, pasted in one go */
    feed_text(&g, "\xe2\x80\xae" "EVIL\xe2\x80\x8b\x07\x1b[2J");
    assert_string_equal(g.name, "EVIL[2J");
    /* a flood of 10,000 keystrokes and backspaces: bounded to a name's length */
    for (int i = 0; i < 10000; i++)
        feed_text(&g, i % 7 ? "W" : "\xcc\x81");
    assert_true(utf8_count(g.name) <= SCORES_NAME_MAX_CP);
    for (int i = 0; i < 10000; i++)
        feed(&g, IN_BACKSPACE, 0);
    assert_string_equal(g.name, "");
    feed_text(&g, "Ann \xe2\x81\xa6" "Lee");
    assert_string_equal(g.name, "Ann Lee");
    feed(&g, IN_CONFIRM, 0);
    assert_int_equal(g.scene, SCENE_SCORES);
    assert_string_equal(g.entry.name, "Ann Lee"); /* on the board as shown while typed */
    (void)now;
    game_free(&g);
    deck_free(d);
}

static void test_pin_hash(void **state)
{
    (void)state;
    char h[128], h2[128];
    assert_int_equal(pin_hash_make("2468", h, sizeof h), 0);
    assert_int_equal(strncmp(h, "$y$", 3), 0); /* yescrypt */
    assert_null(strstr(h, "2468"));
    assert_true(pin_hash_valid(h));
    assert_int_equal(pin_hash_make("2468", h2, sizeof h2), 0);
    assert_string_not_equal(h, h2); /* salted: the same PIN never hashes the same twice */
    assert_true(pin_matches("2468", "", h));
    assert_true(pin_matches("2468", "", h2));
    assert_false(pin_matches("2469", "", h));
    assert_false(pin_matches("246", "", h));
    assert_false(pin_matches("", "", h));
    /* the hash wins over a plain PIN set beside it */
    assert_false(pin_matches("1111", "1111", h));
    /* plain: whole PIN only; nothing set matches nothing */
    assert_true(pin_matches("1111", "1111", ""));
    assert_false(pin_matches("111", "1111", ""));
    assert_false(pin_matches("11111", "1111", ""));
    assert_false(pin_matches("", "", ""));
    assert_false(pin_hash_valid("2468"));
    assert_false(pin_hash_valid("$y$j9T$abc"));
    assert_true(pin_valid("0000") && pin_valid("12345678"));
    assert_false(pin_valid("123") || pin_valid("123456789") || pin_valid("12a4"));
    /* the game checks the hash: a right PIN typed at the pad exits */
    deck *d = make_deck();
    deck *decks[1] = {d};
    game_opts o;
    game_opts_default(&o);
    o.kiosk = 1;
    snprintf(o.exit_pin_hash, sizeof o.exit_pin_hash, "%s", h);
    game g;
    game_init(&g, &o, decks, 1, NULL, NULL, 0, 1700000000);
    game_operator_exit(&g);
    assert_int_equal(g.overlay, OVERLAY_PIN);
    type_pin(&g, "1234");
    assert_false(g.quit);
    type_pin(&g, "2468");
    assert_true(g.quit);
    game_free(&g);
    deck_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_speed),
        cmocka_unit_test(test_score_streak),
        cmocka_unit_test(test_round_ladder_no_repeats),
        cmocka_unit_test(test_round_choices),
        cmocka_unit_test(test_round_plausible_borrowing),
        cmocka_unit_test(test_round_true_false_not_padded),
        cmocka_unit_test(test_round_times),
        cmocka_unit_test(test_round_leitner),
        cmocka_unit_test(test_script_parse),
        cmocka_unit_test(test_script_errors),
        cmocka_unit_test(test_script_kiosk_verbs),
        cmocka_unit_test(test_layout_sizes),
        cmocka_unit_test(test_game_round_flow),
        cmocka_unit_test(test_game_streak_banner_and_sounds),
        cmocka_unit_test(test_game_pointer_and_pad),
        cmocka_unit_test(test_game_deck_list_scrolls),
        cmocka_unit_test(test_game_hint_at_half_time),
        cmocka_unit_test(test_game_deterministic),
        cmocka_unit_test(test_game_reading_time),
        cmocka_unit_test(test_game_pause_freezes_and_idles),
        cmocka_unit_test(test_game_kiosk_screens_go_on),
        cmocka_unit_test(test_game_quit_asks_and_mute_says),
        cmocka_unit_test(test_game_view_tells_the_rules),
        cmocka_unit_test(test_game_save_queue),
        cmocka_unit_test(test_game_pin_lockout),
        cmocka_unit_test(test_game_pin_lock_survives_restart),
        cmocka_unit_test(test_pinlock_file),
        cmocka_unit_test(test_pin_hash),
        cmocka_unit_test(test_game_name_entry_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
