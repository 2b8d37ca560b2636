/* scorefile.h: crash-safe, lock-protected storage of the high-score table on disk (POSIX). */
#ifndef QB_SCOREFILE_H
#define QB_SCOREFILE_H

#include <stdint.h>
#include <sys/types.h>

#include "scores.h"

/* Default path: $XDG_DATA_HOME/quizblitz/scores.tsv, an empty XDG_DATA_HOME counting as unset
 * ($HOME/.local/share); a relative one is ignored too, as the XDG base directory spec says.
 * Caller frees. NULL when neither variable gives a usable path. */
char *scorefile_default_path(void);

/* Loads the table from path into t (which may already hold entries: they are kept).
 * A missing file is an empty table (returns 0). A corrupt, truncated or foreign file is moved
 * aside as PATH.corrupt-YYYYMMDD-HHMMSS (the local time of `now`, Unix seconds from the caller's
 * wall clock), every line still readable is kept in t, and *notice gets a one-line message for
 * the player (caller frees). Returns 0 when the table is usable (always, except when the path is
 * a directory or unreadable: then -1 and *notice says why). */
int scorefile_load(const char *path, scores *t, int64_t now, char **notice);

/* Adds n entries to the file under an exclusive flock on PATH.lock: re-reads the file (merging
 * what another running copy saved), inserts, writes PATH.tmp-PID, fsyncs, renames over PATH,
 * fsyncs the directory. Missing directories are created (0700, each synced into its parent).
 * On success t holds the merged table and 0 is returned. On any failure (unwritable directory,
 * full disk, fsync error, a table over the size limit) the old file is left intact, t still gets
 * the entries (so the screen shows them), *err gets a one-line reason, and -1 is returned: keep
 * the entries and pass them again at the next save. Passing an entry that is already in the
 * file adds nothing (an entry equal in every field is the same round), so a retry after an
 * uncertain failure never doubles a score; two players with the same score in the same second
 * differ by name and both stay. A retry whose entries are all in already still fsyncs the
 * directory, and fails while that fails. A damaged file found here is kept aside as in
 * scorefile_load, named by the time of the save: the newest entry's `when` (the game dates its
 * entries from the wall clock the platform hands it; this module reads no clock). */
int scorefile_add(const char *path, scores *t, const score_entry *e, int n, char **err);

/* Clears one deck's table under the lock, after keeping the whole file as it was (bad lines
 * too) as PATH.bak-YYYYMMDD-HHMMSS (a hard link, or a copy where there are none). deck is a key
 * or a deck's file name (scores_find_deck). keep > 0 keeps the deck's best `keep` entries of all
 * time (1: a kiosk's "grand champion" survives the reset). Returns the number of entries
 * removed (0: the file holds no such deck, or nothing beyond the kept ones; then no backup is
 * made and nothing written), with *backup (may be NULL; caller frees) set to the backup's path
 * when entries were removed; or -1 with *err set, the file unchanged. `now` (Unix seconds, the
 * caller's wall clock) names the backup, and a damaged file kept aside on the way. */
int scorefile_reset(const char *path, const char *deck, int keep, int64_t now, char **backup, char **err);

/* scorefile_reset(path, deck, 0, now, NULL, err). */
int scorefile_reset_deck(const char *path, const char *deck, int64_t now, char **err);

/* ---- test hooks (tests/unit/test_scorefile.c, tests/tools/scoresave.c) ----
 * The system calls whose failure must leave the old file intact, made replaceable so a test can
 * make them fail on demand (ENOSPC, EIO, EPERM) without a full disk or a broken drive. A NULL
 * member means the real call; each returns like the call it stands for, errno set. */
typedef struct scorefile_io {
    /* every byte this module writes: temporary files, corrupt-file copies, backups */
    ssize_t (*write_fn)(int fd, const void *buf, size_t n);
    /* syncs those files before they are renamed or relied on */
    int (*fsync_fn)(int fd);
    /* syncs a directory after a rename or a new copy */
    int (*fsync_dir_fn)(int fd);
    /* puts the temporary file in place of the score file */
    int (*rename_fn)(const char *from, const char *to);
    /* keeps a damaged file or a backup under a second name (EPERM where the filesystem has no
     * hard links: then a copy is written) */
    int (*link_fn)(const char *from, const char *to);
} scorefile_io;

/* Installs hooks (copied); NULL restores the real calls. Not thread-safe: tests only. */
void scorefile_set_io_hooks(const scorefile_io *io);

/* The kill -9 tests (tests/e2e/test_scorefile.py) stop a save at each of its steps with no hook
 * in this module: tests/tools/savepause.c, preloaded into the real binary, pauses it at the
 * flock, half-way through the temporary file's first write, before or after its rename, after
 * a damaged file's or a backup's link. */

#endif
