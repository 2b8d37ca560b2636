/* test_party.c: unit tests of party mode: the per-seat rules of party.c (ties, locks, time-outs,
 * drops, standings) and the game state machine with seats (joining, answers in one tick, a
 * player leaving, a late joiner, the name entries one after the other). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game.h"
#include "party.h"
#include "score.h"

#include "game_fixture.h"

/* ---- a deck: 6 easy cards, answer 0 written first (the round shuffles) ---- */

static deck *make_deck(void)
{
    strbuf b = {0};
    sb_puts(&b, "# Party\n");
    for (int i = 0; i < 6; i++)
        sb_printf(&b, "\n## Question %d?\nlevel: easy\n\n- [x] Right %d\n- [ ] wrong a\n- [ ] wrong b\n- [ ] wrong c\n", i,
                  i);
    diag_list dl = {0};
    deck *d = deck_parse("tests/decks/party.md", b.s, b.len, &dl);
    if (!d) {
        diag_print(&dl, stderr);
        fail_msg("the test deck does not parse");
    }
    diag_free(&dl);
    sb_free(&b);
    return d;
}

/* Counts the lines of the log holding every one of the given fragments. */
static int count_lines(const log_buf *l, const char *a, const char *b)
{
    int n = 0;
    const char *p = l->b.s ? l->b.s : "";
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char line[2048];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        if (strstr(line, a) && (!b || strstr(line, b)))
            n++;
        p += len + (e ? 1 : 0);
    }
    return n;
}

static void seat_in(game *g, int s, input_kind k, int index, input_device dev)
{
    input in;
    memset(&in, 0, sizeof in);
    in.kind = k;
    in.index = index;
    in.seat = s;
    in.dev = dev;
    game_input(g, &in);
}

/* player 1's keys, player 2's keys (7-0), controller N's buttons */
static void key(game *g, int s, int choice)
{
    seat_in(g, s, IN_ANSWER, choice, DEV_KEYBOARD);
}

static void pad(game *g, int s, int button)
{
    seat_in(g, s, IN_BUTTON, button, DEV_PAD);
}

static void confirm(game *g)
{
    seat_in(g, 0, IN_CONFIRM, 0, DEV_KEYBOARD);
}

/* runs to the choices of the current question */
static uint32_t to_choices(game *g, uint32_t now)
{
    assert_int_equal(g->scene, SCENE_QUESTION);
    while (g->clock < g->choices_t0)
        now = run_ms(g, now, 16);
    return now;
}

static int right_of(const game *g)
{
    return g->qs[g->qi].correct;
}

static int wrong_of(const game *g)
{
    return (g->qs[g->qi].correct + 1) % g->qs[g->qi].nchoices;
}

/* A game on the test deck with its event log: what each test of the game with seats starts from. */
typedef struct table {
    game g;
    deck *d;
    log_buf log;
} table;

static game *open_table(table *t, const game_opts *o)
{
    memset(t, 0, sizeof *t);
    t->d = make_deck();
    game_init(&t->g, o, &t->d, 1, NULL, NULL, 0, 1700000000);
    game_set_emit(&t->g, collect, &t->log);
    return &t->g;
}

/* a round of 4 questions, `players` seated from the start */
static game *new_game(table *t, int players)
{
    game_opts o;
    game_opts_default(&o);
    o.round.questions = 4;
    o.players = players;
    return open_table(t, &o);
}

static void close_table(table *t)
{
    game_free(&t->g);
    deck_free(t->d);
    sb_free(&t->log.b);
}

/* runs the current question's countdown out */
static uint32_t time_out(game *g, uint32_t now)
{
    return run_ms(g, now, g->qs[g->qi].time_ms + 32);
}

/* moves on from the reveal (or the results, or a name) once its reading time is over */
static uint32_t go_on(game *g, uint32_t now)
{
    now = past_lock(g, now);
    confirm(g);
    return now;
}

/* a tap (or a click) at x, y */
static void tap(game *g, int x, int y)
{
    input in = {0};
    in.kind = IN_POINT;
    in.dev = DEV_POINTER;
    in.x = x;
    in.y = y;
    game_input(g, &in);
}

/* at a touch screen: "+ PLAYER" seats a second player, then the start button starts the party */
static void touch_two_and_start(game *g)
{
    rect j = g->lay.join_tap;
    tap(g, j.x + j.w / 2, j.y + j.h / 2);
    assert_int_equal(party_seated(&g->party), 2);
    tap(g, g->lay.start.x + 10, j.y + j.h / 2);
    assert_true(g->party_round);
    assert_true(g->party_touch);
}

/* ---- party.c alone ---- */

static void test_party_ties_share_a_place(void **state)
{
    (void)state;
    party p;
    party_clear(&p);
    score_rules r = {1, 1};
    for (int s = 0; s < 3; s++)
        assert_true(party_join(&p, s, 0));
    assert_false(party_join(&p, 1, 0)); /* taken */
    party_round_start(&p);
    party_question_start(&p);
    /* seats 1 and 2 right after the same time: the same points, the same place */
    assert_true(party_answer(&p, 0, 2, 2, &r, LEVEL_MEDIUM, 3000, 20000));
    assert_true(party_answer(&p, 1, 2, 2, &r, LEVEL_MEDIUM, 3000, 20000));
    assert_false(party_answer(&p, 1, 0, 2, &r, LEVEL_MEDIUM, 3500, 20000)); /* the first answer locks */
    assert_false(party_all_locked(&p));
    assert_true(party_answer(&p, 2, 1, 2, &r, LEVEL_MEDIUM, 1000, 20000));
    assert_true(party_all_locked(&p));
    assert_int_equal(p.seat[0].points, score_points(&r, LEVEL_MEDIUM, 3000, 20000, 1));
    assert_int_equal(p.seat[0].points, p.seat[1].points);
    assert_int_equal(p.seat[2].points, 0);
    int order[PARTY_MAX];
    assert_int_equal(party_standings(&p, order, 1), 3);
    assert_int_equal(order[0], 0);
    assert_int_equal(order[1], 1);
    assert_int_equal(order[2], 2);
    assert_int_equal(p.seat[0].place, 1);
    assert_int_equal(p.seat[1].place, 1); /* a tie shares the place */
    assert_int_equal(p.seat[2].place, 3); /* and the next place is skipped */
    assert_int_equal(p.seat[2].prev_place, 1);

    /* next question: seat 3 alone right and faster: it passes both, who tie again */
    party_question_start(&p);
    assert_int_equal(p.seat[0].score_from, p.seat[0].score);
    party_answer(&p, 2, 0, 0, &r, LEVEL_HARD, 0, 25000);
    assert_int_equal(party_time_out(&p), 2);
    assert_int_equal(p.seat[0].result, SEAT_TIMEOUT);
    assert_int_equal(p.seat[0].streak, 0);
    assert_int_equal(p.seat[0].missed, 1);
    party_standings(&p, order, 1);
    assert_int_equal(order[0], 2);
    assert_int_equal(p.seat[2].place, 1);
    assert_int_equal(p.seat[2].prev_place, 3); /* moved up */
    assert_int_equal(p.seat[0].place, 2);
    assert_int_equal(p.seat[1].place, 2);
    assert_int_equal(p.seat[0].prev_place, 1); /* moved down */
}

static void test_party_drop_and_rejoin(void **state)
{
    (void)state;
    party p;
    party_clear(&p);
    score_rules r = {1, 1};
    party_join(&p, 0, 0);
    party_join(&p, 1, 0);
    party_round_start(&p);
    for (int q = 0; q < 2; q++) {
        party_question_start(&p);
        party_answer(&p, 0, 0, 0, &r, LEVEL_EASY, 0, 15000);
        party_time_out(&p);
        assert_int_equal(party_drop_missing(&p, 0), 0); /* 0: never */
        assert_int_equal(party_drop_missing(&p, 2), q == 1 ? 2 : 0);
    }
    assert_int_equal(p.seat[1].state, SEAT_LEFT);
    assert_int_equal(party_playing(&p), 1);
    /* a seat that left stays in the standings with its score */
    int order[PARTY_MAX];
    assert_int_equal(party_standings(&p, order, 0), 2);
    /* an answer now does not count; coming back waits for the next question */
    party_question_start(&p);
    assert_false(party_answer(&p, 1, 0, 0, &r, LEVEL_EASY, 0, 15000));
    assert_true(party_join(&p, 1, 1));
    assert_int_equal(p.seat[1].state, SEAT_WAITING);
    assert_false(party_answer(&p, 1, 0, 0, &r, LEVEL_EASY, 0, 15000));
    party_question_start(&p);
    assert_true(party_answer(&p, 1, 0, 0, &r, LEVEL_EASY, 0, 15000));
    assert_int_equal(p.seat[1].missed, 0);
}

/* Leaving: on the title a seat empties; in a round a seat that played stays in the standings,
 * a late joiner yet to play leaves no trace; the round's end empties who left and seats who came
 * late, scores kept until the next round starts. */
static void test_party_leave_and_round_end(void **state)
{
    (void)state;
    party p;
    party_clear(&p);
    score_rules r = {1, 1};
    for (int s = 0; s < 3; s++)
        party_join(&p, s, 0);
    party_leave(&p, 2, 0); /* B on the title */
    assert_int_equal(p.seat[2].state, SEAT_EMPTY);
    party_round_start(&p);
    party_question_start(&p);
    party_answer(&p, 0, 0, 0, &r, LEVEL_EASY, 0, 15000);
    party_answer(&p, 1, 0, 0, &r, LEVEL_EASY, 0, 15000);
    assert_true(party_join(&p, 2, 1)); /* a late joiner */
    assert_true(party_join(&p, 3, 1));
    party_leave(&p, 1, 1);
    party_leave(&p, 2, 1);
    assert_int_equal(p.seat[1].state, SEAT_LEFT);
    assert_int_equal(p.seat[2].state, SEAT_EMPTY); /* never asked: as if never there */
    int score0 = p.seat[0].score;
    assert_true(score0 > 0);
    party_round_end(&p);
    assert_int_equal(p.seat[0].state, SEAT_PLAYING);
    assert_int_equal(p.seat[1].state, SEAT_EMPTY);
    assert_int_equal(p.seat[3].state, SEAT_PLAYING);
    assert_int_equal(p.seat[0].score, score0);
    assert_int_equal(party_seated(&p), 2);
}

/* ---- the game with seats ---- */

static void test_game_lone_player_is_single_play(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 1);
    confirm(g);
    assert_int_equal(g->scene, SCENE_QUESTION);
    assert_false(g->party_round);
    to_choices(g, 0);
    key(g, 2, right_of(g)); /* 7-0 belong to player 2: a lone game ignores them */
    assert_int_equal(g->scene, SCENE_QUESTION);
    key(g, 1, right_of(g));
    assert_int_equal(g->scene, SCENE_REVEAL);
    assert_int_equal(count_lines(&t.log, "\"event\":\"answer\"", NULL), 1);
    assert_int_equal(count_lines(&t.log, "\"player\"", NULL), 0); /* the single game's log */
    close_table(&t);
}

static void test_game_join_on_title(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 1);
    /* controller 3's A seats player 3 (and player 1, who is at the game); B leaves again */
    pad(g, 3, 0);
    assert_int_equal(g->scene, SCENE_TITLE);
    assert_int_equal(g->party.seat[0].state, SEAT_PLAYING);
    assert_int_equal(g->party.seat[2].state, SEAT_PLAYING);
    assert_int_equal(g->lay.seats, 3);
    pad(g, 3, 1);
    assert_int_equal(g->party.seat[2].state, SEAT_EMPTY);
    assert_int_equal(count_lines(&t.log, "\"event\":\"leave\"", "\"player\":3"), 1);
    /* the right keys seat player 2; A again on a seated controller starts */
    key(g, 2, 0);
    pad(g, 4, 0);
    assert_int_equal(party_seated(&g->party), 3);
    pad(g, 4, 0);
    assert_int_equal(g->scene, SCENE_QUESTION);
    assert_true(g->party_round);
    assert_int_equal(count_lines(&t.log, "\"event\":\"round_start\"", "\"players\":3"), 1);
    close_table(&t);
}

static void test_game_simultaneous_answers(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 3);
    confirm(g);
    assert_true(g->party_round);
    run_ms(g, to_choices(g, 0), 2000);
    /* three answers in one tick: no time passes between them; each locks in secretly */
    key(g, 1, right_of(g));
    assert_int_equal(g->scene, SCENE_QUESTION);
    assert_true(g->party.seat[0].locked);
    pad(g, 3, wrong_of(g));
    assert_int_equal(g->scene, SCENE_QUESTION);
    key(g, 2, right_of(g));
    /* everyone answered: the countdown ends early */
    assert_int_equal(g->scene, SCENE_REVEAL);
    assert_int_equal(g->party.seat[0].ms, g->party.seat[1].ms);
    assert_int_equal(g->party.seat[0].points, g->party.seat[1].points);
    assert_true(g->party.seat[0].points > 0);
    assert_int_equal(g->party.seat[0].place, 1);
    assert_int_equal(g->party.seat[1].place, 1);
    assert_int_equal(g->party.seat[2].place, 3);
    assert_int_equal(count_lines(&t.log, "\"event\":\"answer\"", "\"player\":1,"), 1);
    assert_int_equal(count_lines(&t.log, "\"event\":\"answer\"", "\"player\":2,"), 1);
    assert_int_equal(count_lines(&t.log, "\"event\":\"answer\"", "\"player\":3,"), 1);
    /* a second press after the lock changes nothing */
    int before = g->party.seat[2].score;
    pad(g, 3, right_of(g));
    assert_int_equal(g->party.seat[2].score, before);
    close_table(&t);
}

static void test_game_player_leaves(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 2);
    g->opts.party_drop_misses = 2;
    confirm(g);
    uint32_t now = 0;
    for (int q = 0; q < 2; q++) {
        now = to_choices(g, now);
        key(g, 1, right_of(g));
        assert_int_equal(g->scene, SCENE_QUESTION); /* player 2 has not answered */
        now = time_out(g, now);
        assert_int_equal(g->scene, SCENE_REVEAL);
        now = q == 0 ? go_on(g, now) : past_lock(g, now);
    }
    /* two questions missed: player 2 is gone, the round goes on */
    assert_int_equal(g->party.seat[1].state, SEAT_LEFT);
    assert_int_equal(count_lines(&t.log, "\"event\":\"leave\"", "\"reason\":\"missed\""), 1);
    assert_int_equal(count_lines(&t.log, "\"choice\":null", "\"player\":2,"), 2);
    confirm(g);
    assert_int_equal(g->scene, SCENE_QUESTION);
    now = to_choices(g, now);
    /* player 1 alone now: the countdown ends at their answer */
    key(g, 1, right_of(g));
    assert_int_equal(g->scene, SCENE_REVEAL);
    now = to_choices(g, go_on(g, now));
    key(g, 1, right_of(g));
    go_on(g, now);
    /* the end: player 2 is in the standings with what they had, marked as gone */
    assert_int_equal(g->scene, SCENE_RESULTS);
    assert_int_equal(count_lines(&t.log, "\"event\":\"round_end\"", "{\"player\":2,\"score\":0,\"right\":0,\"best_streak\":0,\"place\":2,\"left\":true}"), 1);
    close_table(&t);
}

static void test_game_everyone_leaves(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 2);
    g->opts.party_drop_misses = 2;
    confirm(g);
    uint32_t now = to_choices(g, 0);
    key(g, 1, right_of(g));
    now = to_choices(g, go_on(g, time_out(g, now)));
    now = to_choices(g, go_on(g, time_out(g, now)));
    time_out(g, now);
    /* nobody is left: the round ends as an unanswered "Still there?" ends one, and player 1's
     * score is saved under the default name */
    assert_int_equal(g->scene, SCENE_TITLE);
    assert_int_equal(count_lines(&t.log, "\"event\":\"round_end\"", "\"abandoned\":true"), 1);
    assert_int_equal(count_lines(&t.log, "\"event\":\"highscore\"", "\"player\":1"), 1);
    close_table(&t);
}

static void test_game_late_joiner(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 2);
    confirm(g);
    uint32_t now = to_choices(g, 0);
    /* controller 4 joins during question 1: it waits for question 2 */
    pad(g, 4, 0);
    assert_int_equal(g->party.seat[3].state, SEAT_WAITING);
    assert_int_equal(count_lines(&t.log, "\"event\":\"join\"", "\"from_question\":2"), 1);
    assert_int_equal(g->lay.seats, 4);
    pad(g, 4, right_of(g)); /* not its question: nothing */
    assert_false(g->party.seat[3].locked);
    key(g, 1, right_of(g));
    key(g, 2, wrong_of(g));
    assert_int_equal(g->scene, SCENE_REVEAL); /* the waiting seat is not waited for */
    now = go_on(g, now);
    assert_int_equal(g->party.seat[3].state, SEAT_PLAYING);
    /* it enters the standings at the place its score of 0 gives */
    assert_int_equal(g->party.seat[3].place, 2);
    to_choices(g, now);
    key(g, 1, right_of(g));
    key(g, 2, right_of(g));
    assert_int_equal(g->scene, SCENE_QUESTION); /* now it is waited for */
    pad(g, 4, right_of(g));
    assert_int_equal(g->scene, SCENE_REVEAL);
    assert_int_equal(g->party.seat[3].asked, 1);
    assert_int_equal(g->party.seat[0].asked, 2);
    close_table(&t);
}

static void test_game_names_one_after_the_other(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 2);
    confirm(g);
    uint32_t now = 0;
    for (int q = 0; q < g->nq; q++) {
        now = run_ms(g, to_choices(g, now), 1000);
        key(g, 2, right_of(g)); /* player 2 first: more points */
        now = run_ms(g, now, 1000);
        key(g, 1, right_of(g));
        now = go_on(g, now);
    }
    assert_int_equal(g->scene, SCENE_RESULTS);
    assert_true(g->qualifies);
    now = go_on(g, now);
    /* the best first */
    assert_int_equal(g->scene, SCENE_NAME);
    assert_int_equal(g->name_seat, 1);
    now = go_on(g, now);
    assert_int_equal(g->scene, SCENE_NAME);
    assert_int_equal(g->name_seat, 0);
    go_on(g, now);
    assert_int_equal(g->scene, SCENE_SCORES);
    assert_int_equal(count_lines(&t.log, "\"event\":\"highscore\"", NULL), 2);
    assert_int_equal(count_lines(&t.log, "\"event\":\"highscore\"", "\"player\":2"), 1);
    close_table(&t);
}

static void test_game_controller_unplugged(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 3);
    confirm(g);
    to_choices(g, 0);
    key(g, 1, right_of(g));
    key(g, 2, right_of(g));
    assert_int_equal(g->scene, SCENE_QUESTION);
    /* controller 3 is pulled out: nobody is left to wait for */
    uint32_t idle = g->last_input;
    seat_in(g, 3, IN_LEAVE, 0, DEV_PAD);
    assert_int_equal(g->scene, SCENE_REVEAL);
    assert_int_equal(g->party.seat[2].state, SEAT_LEFT);
    assert_int_equal(g->last_input, idle); /* not a press: no idle timer reset */
    assert_int_equal(count_lines(&t.log, "\"event\":\"leave\"", "\"reason\":\"unplugged\""), 1);
    /* the other two pulled too: the round ends where it is */
    seat_in(g, 1, IN_LEAVE, 0, DEV_PAD);
    seat_in(g, 2, IN_LEAVE, 0, DEV_PAD);
    assert_int_equal(g->scene, SCENE_TITLE);
    assert_int_equal(count_lines(&t.log, "\"event\":\"round_end\"", "\"abandoned\":true"), 1);
    close_table(&t);
}

static void test_game_touch_pads(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 1);
    game_resize(g, 1280, 720);
    touch_two_and_start(g);
    to_choices(g, 0);
    /* a tap on player 2's pad answers for player 2 */
    rect b = g->lay.pad_choice[1][right_of(g)];
    tap(g, b.x + 2, b.y + 2);
    assert_true(g->party.seat[1].locked);
    assert_false(g->party.seat[0].locked);
    assert_int_equal(g->party.seat[1].pick, right_of(g));
    b = g->lay.pad_choice[0][wrong_of(g)];
    tap(g, b.x + b.w - 2, b.y + b.h - 2);
    assert_int_equal(g->scene, SCENE_REVEAL);
    assert_int_equal(g->party.seat[0].pick, wrong_of(g));
    close_table(&t);
}

/* Two players at a portrait touch screen face each other across a table: the top pad (player 1)
 * is turned 180 degrees, its choice 1 at the screen's lower right of the pad, 4 at its upper left
 * (what render_party.c draws there), and a tap answers the choice shown under it. */
static void test_game_touch_pads_turned(void **state)
{
    (void)state;
    table t;
    game *g = new_game(&t, 1);
    game_resize(g, 1080, 1920);
    touch_two_and_start(g);
    to_choices(g, 0);
    const layout *l = &g->lay;
    assert_true(l->pad_turned[0]);
    assert_false(l->pad_turned[1]);
    rect p = l->pad[0];
    assert_true(p.y + p.h <= l->pad[1].y); /* player 1's pad is the top one */
    for (int c = 0; c < 4; c++) {
        rect r = l->pad_choice[0][c], b = l->pad_choice[1][c];
        /* inside the pad, a button as big as the other pad's */
        assert_true(r.x >= p.x && r.y >= p.y && r.x + r.w <= p.x + p.w && r.y + r.h <= p.y + p.h);
        assert_int_equal(r.w, b.w);
        assert_int_equal(r.h, b.h);
        /* the bottom pad reads 1 2 / 3 4 from its top left; the top pad, seen from our side, 4 3 / 2 1 */
        int right = r.x + r.w / 2 > p.x + p.w / 2, low = r.y + r.h / 2 > p.y + p.h / 2;
        assert_int_equal(right, c % 2 == 0);
        assert_int_equal(low, c < 2);
        assert_true(layout_turn(layout_turn(r, p), p).x == r.x && layout_turn(layout_turn(r, p), p).y == r.y);
    }
    /* the head strip (badge, PLAYER 1) along the pad's bottom edge as we see it, as tall as the
     * other pad's at its top */
    int head = l->pad_choice[1][0].y - l->pad[1].y;
    assert_true(head > 0);
    assert_int_equal(p.y + p.h - (l->pad_choice[0][0].y + l->pad_choice[0][0].h), head);
    /* the pad's upper left as we see it is player 1's choice 4 */
    int x = p.x + l->pad_choice[0][3].w / 4, y = p.y + l->pad_choice[0][3].h / 4;
    assert_true(rect_contains(l->pad_choice[0][3], x, y));
    tap(g, x, y);
    assert_true(g->party.seat[0].locked);
    assert_int_equal(g->party.seat[0].pick, 3);
    /* and the landscape pads are not turned */
    game_resize(g, 1280, 720);
    assert_false(g->lay.pad_turned[0]);
    assert_false(g->lay.pad_turned[1]);
    close_table(&t);
}

static void test_game_party_off(void **state)
{
    (void)state;
    table t;
    game_opts o;
    game_opts_default(&o);
    o.party = 0;
    o.players = 3;
    game *g = open_table(&t, &o);
    pad(g, 2, 0);
    key(g, 2, 0);
    assert_int_equal(party_seated(&g->party), 0);
    assert_int_equal(count_lines(&t.log, "\"event\":\"join\"", NULL), 0);
    confirm(g);
    assert_false(g->party_round);
    close_table(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_party_ties_share_a_place),
        cmocka_unit_test(test_party_drop_and_rejoin),
        cmocka_unit_test(test_party_leave_and_round_end),
        cmocka_unit_test(test_game_lone_player_is_single_play),
        cmocka_unit_test(test_game_join_on_title),
        cmocka_unit_test(test_game_simultaneous_answers),
        cmocka_unit_test(test_game_player_leaves),
        cmocka_unit_test(test_game_everyone_leaves),
        cmocka_unit_test(test_game_late_joiner),
        cmocka_unit_test(test_game_names_one_after_the_other),
        cmocka_unit_test(test_game_controller_unplugged),
        cmocka_unit_test(test_game_touch_pads),
        cmocka_unit_test(test_game_touch_pads_turned),
        cmocka_unit_test(test_game_party_off),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
