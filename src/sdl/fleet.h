/* fleet.h: a fleet of kiosks sharing boards on PostgreSQL (libpq): the worker thread that sends
 * the outbox and fetches the fleet's boards, --fleet-init and --list-scores --fleet. */
#ifndef QB_FLEET_H
#define QB_FLEET_H

#include <stdint.h>

#include "core/scores.h"

/* The schema version this build needs (the migrations in fleet.c up to it). */
#define FLEET_SCHEMA_VERSION 1

typedef struct fleet fleet;

/* Starts the worker thread: it sends what the outbox at outbox_path holds (entries an earlier
 * run saved and the server never acknowledged go first) and fetches the fleet's boards. kiosk
 * NULL or empty: the host name. Never touches the network on the caller's thread. */
fleet *fleet_start(const char *url, const char *kiosk, const char *outbox_path);

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

/* --list-scores --fleet [DECK]: the fleet's boards in --list-scores' text format. Returns an
 * exit code. */
int fleet_list_scores(const char *url, const char *deck, int64_t now);

#endif
