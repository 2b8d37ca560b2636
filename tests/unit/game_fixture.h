/* game_fixture.h: what the unit tests that drive the game state machine share: the event log
 * collected in memory and the injected clock run as the platform runs it. Include after
 * <cmocka.h> and "game.h"; everything is static, one copy per test program (test_game.c and
 * test_party.c). */
#ifndef QB_TEST_GAME_FIXTURE_H
#define QB_TEST_GAME_FIXTURE_H

#include <stdint.h>

#include "game.h"

/* the JSON event lines, one a line, as game_set_emit hands them over */
typedef struct log_buf {
    strbuf b;
    int lines;
} log_buf;

static void collect(void *ud, const char *json)
{
    log_buf *l = ud;
    sb_puts(&l->b, json);
    sb_puts(&l->b, "\n");
    l->lines++;
}

/* advance the clock in 1/60 s steps as the platform does */
static uint32_t run_ms(game *g, uint32_t now, uint32_t ms)
{
    for (uint32_t t = 0; t < ms; t += 16)
        game_tick(g, now += 16, 1700000000);
    return now;
}

/* runs the clock past the current screen's lock-out (a reveal's reading time), which is never
 * longer than 2.5 s */
static uint32_t past_lock(game *g, uint32_t now)
{
    uint32_t t0 = now;
    while (game_locked(g)) {
        now = run_ms(g, now, 16);
        assert_true(now - t0 <= 2500 + 16);
    }
    return now;
}

#endif
