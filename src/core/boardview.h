/* boardview.h: what the --board screen shows (a big display of the fleet's boards): which deck's
 * page, since when, which new entries animate in, and whether the boards are fresh. Pure state,
 * clock-injected like the game: the platform hands it the fetched boards and the time. */
#ifndef QB_BOARDVIEW_H
#define QB_BOARDVIEW_H

#include <stdint.h>

#include "scores.h"

/* Each deck's page shows this long before the next; a new entry holds its deck's page at least
 * this long too. */
#define BOARDVIEW_PAGE_MS 12000
/* The boards count as fresh this long after their last fetch (the worker fetches every 15 s and
 * at once on a notification); older, the screen says "offline". */
#define BOARDVIEW_FRESH_MS 45000
/* A new entry slides in over this long, then stays marked "NEW" this long. */
#define BOARDVIEW_SLIDE_MS 700
#define BOARDVIEW_NEW_MS 60000
/* New entries marked at once, at most (older ones lose their mark first). */
#define BOARDVIEW_NEW_MAX 8
/* Decks paged through, at most (the fetch reads at most 200). */
#define BOARDVIEW_DECKS 200

typedef struct board_new {
    /* the entry, as the server holds it (kiosk included) */
    score_entry e;
    /* when it arrived, on the view's clock */
    uint32_t t0;
} board_new;

typedef struct board_view {
    /* the fleet's boards (owned by the platform), NULL before the first fetch */
    const scores *table;
    /* the last fetch reached the server, and when it ended (the view's clock) */
    int reachable;
    uint32_t fetched_at;
    /* 1 once any fetch was handed over (before: "connecting", not "offline") */
    int started;
    /* the deck keys in the table, sorted (pointers into table) */
    const char *decks[BOARDVIEW_DECKS];
    int ndecks;
    /* the deck on screen (its key; kept when the table changes), since when */
    char page[SCORES_DECK_BYTES];
    uint32_t page_t0;
    /* the newest entries, oldest first */
    board_new fresh[BOARDVIEW_NEW_MAX];
    int nfresh;
    /* the view's clock (ms) and the wall clock (Unix seconds: which day is "today") */
    uint32_t now;
    int64_t wall;
    /* 1 when something changed since the last draw */
    int dirty;
} board_view;

void boardview_init(board_view *v, uint32_t now, int64_t wall);
/* A new snapshot: table (NULL: the fetch failed, the last table stays), whether it reached the
 * server, and when it ended on the view's clock. The page stays on its deck if it still exists. */
void boardview_set(board_view *v, const scores *table, int reachable, uint32_t fetched_at);
/* A new entry a notification named: its deck's page comes up at once and the entry slides in. */
void boardview_added(board_view *v, const score_entry *e);
/* Advances the clocks; pages turn. */
void boardview_tick(board_view *v, uint32_t now, int64_t wall);
/* ms until the screen changes on its own: 0 while an entry slides in. */
uint32_t boardview_wake_in(const board_view *v);
/* 1 when the boards are fresh. */
int boardview_live(const board_view *v);
/* 1 once a fetch was handed over and the boards are not fresh: the screen says "offline". */
int boardview_offline(const board_view *v);
/* The page's index among the decks (0-based), or -1 when there is no deck. */
int boardview_page_index(const board_view *v);
/* 0..1 of an entry's slide-in when it is one of the new ones (1: in place), or -1 when it is
 * not new. *age_ms gets how long ago it arrived. */
float boardview_new_phase(const board_view *v, const score_entry *e, uint32_t *age_ms);

#endif
