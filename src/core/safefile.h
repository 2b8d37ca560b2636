/* safefile.h: replacing a small file so that a crash or a power cut leaves either the old file or
 * the new one, whole: a temporary file beside it, written, fsynced, renamed over it, and the
 * directory fsynced. The PIN lock-out and the fleet's outbox are written this way; the score file
 * (scorefile.c) does the same with its own lock, merge and fault-injection points. */
#ifndef QB_SAFEFILE_H
#define QB_SAFEFILE_H

#include <stddef.h>
#include <sys/types.h>

/* The directory part of path ("." for a bare name, "/" at the root). Caller frees. */
char *path_dir(const char *path);
/* Writes all of p to fd (retrying short writes and EINTR). Returns 0 or an errno value. */
int write_all_fd(int fd, const char *p, size_t n);
/* Replaces path with the len bytes of text (a new file gets `mode`; the directory is created
 * with 0700 when missing). Returns 0, or an errno value with *doing naming the step that failed
 * ("writing the temporary file", "syncing the directory", ...); the temporary file never stays
 * behind, and a failure before the rename leaves the old file as it was. */
int safefile_replace(const char *path, const char *text, size_t len, mode_t mode, const char **doing);

#endif
