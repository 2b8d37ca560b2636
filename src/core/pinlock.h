/* pinlock.h: the operator PIN's lock-out on disk (POSIX), so a restart of the game does not
 * give a guesser fresh tries. The core decides (game_pin_*); the platform calls these. */
#ifndef QB_PINLOCK_H
#define QB_PINLOCK_H

#include "game.h"

/* The lock-out file beside the score file: DIR/pin-lock for DIR/scores.tsv. Caller frees. */
char *pinlock_path_for(const char *scores_path);

/* Reads the lock-out. A missing file is no lock-out (0, *s zeroed). A damaged file fails
 * closed: *s holds one lock still running (game_pin_restore cuts it to that lock's length),
 * *err says `PATH:LINE: what is wrong` (caller frees) and -1 is returned. */
int pinlock_load(const char *path, pin_state *s, char **err);

/* Writes the lock-out crash-safe: PATH.tmp-PID, fsync, rename over PATH, fsync the directory
 * (created 0700 if missing, as the score file's is). 0, or -1 with *err (caller frees); the old
 * file is intact after a failure. */
int pinlock_save(const char *path, const pin_state *s, char **err);

#endif
