/* scorefile.h: crash-safe, lock-protected storage of the high-score table on disk (POSIX). */
#ifndef QB_SCOREFILE_H
#define QB_SCOREFILE_H

#include "scores.h"

/* Default path: $XDG_DATA_HOME/quizblitz/scores.tsv, an empty XDG_DATA_HOME counting as unset
 * ($HOME/.local/share). Caller frees. NULL when neither variable gives a usable path. */
char *scorefile_default_path(void);

/* Loads the table from path into t (which may already hold entries: they are kept).
 * A missing file is an empty table (returns 0). A corrupt, truncated or foreign file is moved
 * aside as PATH.corrupt-YYYYMMDD-HHMMSS, every line still readable is kept in t, and *notice gets
 * a one-line message for the player (caller frees). Returns 0 when the table is usable
 * (always, except when the path is a directory or unreadable: then -1 and *notice says why). */
int scorefile_load(const char *path, scores *t, char **notice);

/* Adds n entries to the file under an exclusive flock on PATH.lock: re-reads the file (merging
 * what another running copy saved), inserts, writes PATH.tmp-PID, fsyncs, renames over PATH,
 * fsyncs the directory. On success t holds the merged table and 0 is returned. On any failure
 * (unwritable directory, full disk, fsync error) the old file is left intact, t still gets the
 * entries (so the screen shows them), *err gets a one-line reason, and -1 is returned: keep the
 * entries and pass them again at the next save. */
int scorefile_add(const char *path, scores *t, const score_entry *e, int n, char **err);

/* Replaces the deck's entries with none, after copying the file to PATH.bak-YYYYMMDD-HHMMSS.
 * Returns the number of entries removed, or -1 with *err set. */
int scorefile_reset_deck(const char *path, const char *deck, char **err);

#endif
