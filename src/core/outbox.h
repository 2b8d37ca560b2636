/* outbox.h: the fleet's crash-safe outbox: score entries saved locally that the fleet's server
 * has not acknowledged yet, each with a stable id, in a file beside the score file (POSIX). */
#ifndef QB_OUTBOX_H
#define QB_OUTBOX_H

#include "scores.h"
#include "util.h"

/* An entry's id: the kiosk's name, '/', 32 hex digits of randomness made by the platform. */
#define OUTBOX_ID_BYTES 128
/* A kiosk's name: 1 to this many bytes of printable UTF-8, no tab (config.c checks it). */
#define OUTBOX_KIOSK_BYTES 64
/* The outbox holds at most this many entries; past it the oldest are dropped from the outbox
 * (never from the local score file) with a message: a kiosk offline for months stays bounded. */
#define OUTBOX_MAX 100000

/* One entry waiting for the server. */
typedef struct outbox_entry {
    /* stable id: the server's primary key, so a resend is harmless */
    char id[OUTBOX_ID_BYTES];
    /* the kiosk that saved it */
    char kiosk[OUTBOX_KIOSK_BYTES];
    /* the round */
    score_entry e;
} outbox_entry;

/* The file's entries, oldest first. */
typedef struct outbox {
    outbox_entry *v;
    int n, cap;
} outbox;

void outbox_free(outbox *ob);

/* Reads the outbox file at path (a missing file is an empty outbox). Bad lines are reported in
 * diags as "PATH:LINE: what is wrong" and skipped. Returns 0, or -1 when the file exists but
 * cannot be read (*err says why; caller frees). Takes no lock. */
int outbox_load(const char *path, outbox *ob, diag_list *diags, char **err);

/* Appends entries to the file under an exclusive flock on PATH.lock: re-reads it, adds the ones
 * whose id it does not hold, writes PATH.tmp-PID, fsyncs, renames, fsyncs the directory (as the
 * score file is written). Returns 0, or -1 with *err (the file is unchanged). */
int outbox_add(const char *path, const outbox_entry *e, int n, char **err);

/* Removes the entries with these ids from the file, under the same lock and in the same way
 * (written only when something was removed). Returns 0, or -1 with *err. */
int outbox_remove(const char *path, char *const *ids, int n, char **err);

/* Reads the file under the lock into ob (emptied first); bad lines are dropped silently here (the
 * next rewrite drops them from the file). Returns 0, or -1 with *err. */
int outbox_snapshot(const char *path, outbox *ob, char **err);

/* 1 when s is a usable kiosk name (see OUTBOX_KIOSK_BYTES). */
int outbox_kiosk_name_ok(const char *s);

#endif
