/* fleet.h: a fleet of kiosks sharing boards on PostgreSQL (libpq): the worker thread that sends
 * the outbox and fetches the fleet's boards, --fleet-init and --list-scores --fleet. */
#ifndef QB_FLEET_H
#define QB_FLEET_H

#include <stdint.h>

#include "core/scores.h"

/* The schema version this build needs (the migrations in fleet.c up to it). */
#define FLEET_SCHEMA_VERSION 1

typedef struct fleet fleet;

/* At most this many new entries are named per snapshot (the --board screen's events). */
#define FLEET_ADDED_MAX 32

/* A new entry a notification named, with its id. */
typedef struct fleet_added {
    char id[128];
    score_entry e;
} fleet_added;

typedef struct scores_added {
    fleet_added v[FLEET_ADDED_MAX];
    int n;
} scores_added;

/* What the worker fetched last. */
typedef struct fleet_boards {
    /* the boards (today's and all time's top ten of each deck); NULL when the fetch failed (the
     * last table handed over stays the best there is). The taker owns it (scores_free). */
    scores *table;
    /* the entries notifications named since the last snapshot, oldest first (with
     * fleet_board_opts.added only) */
    scores_added added;
    /* 1: the fetch reached the server; 0: it failed (err says why) */
    int reachable;
    /* the snapshot's age when taken, ms (an hour at most) */
    uint64_t at_ms;
    char err[256];
} fleet_boards;

/* What a worker that fetches boards is told. */
typedef struct fleet_board_opts {
    /* the deck keys to fetch (a kiosk's decks); none: every deck (the --board screen) */
    const char *const *decks;
    int ndecks;
    /* 1: name the entries notifications announce in each snapshot (`added`: the --board screen's
     * events); 0: the boards only (a kiosk), with no read of the new rows */
    int added;
    /* called on the worker thread after each snapshot, e.g. to wake the game's loop; may be NULL */
    void (*published)(void *ud);
    void *ud;
} fleet_board_opts;

/* Starts the worker thread: it sends what the outbox at outbox_path holds (entries an earlier
 * run saved and the server never acknowledged go first; NULL: nothing to send) and, with bo,
 * fetches the fleet's boards every 15 s and at once when a notification (LISTEN qb_scores) says
 * an entry was saved. kiosk NULL or empty: the host name. Never touches the network on the
 * caller's thread. */
fleet *fleet_start(const char *url, const char *kiosk, const char *outbox_path, const fleet_board_opts *bo);

/* The game thread: takes the newest snapshot when there is one the caller has not taken
 * (returns 1), else returns 0. *held is the table the caller shows: a snapshot's new table
 * replaces it and the one before is freed (hand *held on before anything reads the old one
 * again); after a failed fetch *held stays (out->table is the new table or NULL, the caller's
 * only through *held). out->at_ms is the snapshot's age, an hour at most. Holds the worker's
 * mutex only for a copy: never waits for the network. f may be NULL (returns 0). */
int fleet_take_boards(fleet *f, scores **held, fleet_boards *out);

/* The game thread, after the local score file took the entries: gives each a stable id, adds
 * them to the outbox file (a local disk write, as the score file's; no network) and wakes the
 * worker. Returns 0, or -1 with *err (caller frees): the entries are then not on their way. */
int fleet_submit(fleet *f, const score_entry *e, int n, char **err);

/* Stops the worker: it makes one last bounded attempt (connect_timeout, statement_timeout) to
 * send what waits, then the thread is joined. What is still unsent stays in the outbox for the
 * next run. f may be NULL. */
void fleet_stop(fleet *f);

/* --fleet-init URL: applies the migrations the server lacks, each in its own transaction under
 * an advisory lock (two kiosks running it at once are safe). Prints what it did. Returns an exit
 * code. */
int fleet_init_schema(const char *url);

struct pg_conn;
/* The boards' query on an open connection (libpq's PGconn), as the worker runs it: today's and
 * all time's top ten of the decks named (deck keys joined by '\n'; NULL: every deck, 200 at
 * most) into t. Returns 0, or -1 with err filled. (The worker and --list-scores use it; so does
 * the benchmark of the query, tests/bench/fleetload.c.) */
int fleet_query_boards(struct pg_conn *c, int64_t now, const char *decks, scores *t, char *err, size_t errlen);

/* --list-scores --fleet [DECK]: the fleet's boards in --list-scores' text format. Returns an
 * exit code. */
int fleet_list_scores(const char *url, const char *deck, int64_t now);

#endif
