/* blocklist.h: a word list of names a public screen must not show (kiosk name_blocklist). */
#ifndef QB_BLOCKLIST_H
#define QB_BLOCKLIST_H

#include <stddef.h>

#include "util.h"

/* At most this many entries are kept; the rest of a longer list is ignored (with a diag). */
#define BLOCKLIST_MAX_ENTRIES 100000
/* An entry longer than this many bytes (after trimming) is skipped with a diag. */
#define BLOCKLIST_ENTRY_MAX 64
/* A list file larger than this is not read. */
#define BLOCKLIST_FILE_MAX (16 * 1024 * 1024)

/* The loaded list, normalised once at load. Opaque. A NULL blocklist matches nothing.
 *
 * The game checks the name a player typed for a high score with blocklist_match; a blocked
 * name is replaced by the default name (SCORES_DEFAULT_NAME), never shown and never saved.
 *
 * File format (UTF-8): one word or phrase per line; blank lines and lines whose first
 * non-blank character is '#' are skipped; CRLF line ends are fine. Matching ignores ASCII case,
 * look-alikes and separators (see blocklist_normalize) and finds an entry anywhere in the name,
 * so "badword" blocks "xB.4-D w0rdx". An entry written "=word" blocks only a name that is
 * exactly that word (after normalising): for short words that hide inside harmless names
 * ("=ass" blocks "A$$" but not "Cassandra"). Bad lines (invalid UTF-8, a NUL byte, over
 * BLOCKLIST_ENTRY_MAX bytes, nothing left after normalising) get a diag with their line number
 * and are skipped. */
typedef struct blocklist blocklist;

/* Reads a list file. Returns NULL (with a diag, or silently when path is NULL or empty) if
 * there is nothing to read; otherwise the list of the good lines (possibly empty). */
blocklist *blocklist_load(const char *path, diag_list *d);

/* The same from bytes in memory, `name` naming them in diags; for tests and the fuzzer. */
blocklist *blocklist_parse(const char *text, size_t len, const char *name, diag_list *d);

/* 1 if name, normalised, contains an entry (or is exactly an "=word" entry); 0 otherwise,
 * also for a NULL list or name. Cost: about strlen(name) x BLOCKLIST_ENTRY_MAX hash look-ups,
 * whatever the number of entries. */
int blocklist_match(const blocklist *b, const char *name);

/* Number of entries kept (0 for NULL). */
int blocklist_count(const blocklist *b);

/* Writes the matching form of in to out (NUL-terminated, cut to outsz - 1 bytes) and returns
 * its length: ASCII letters lower-cased; look-alikes folded: 0 -> o, 1 -> i, 3 -> e, 4 -> a,
 * 5 -> s, 7 -> t, @ -> a, $ -> s, ! -> i, | -> i, and l -> i (a 1 stands for an l as often as
 * for an i, so l, i and 1 all compare equal); every other ASCII character that is not a letter
 * or digit (spaces, dots, dashes, underscores, other punctuation, control characters) is
 * dropped. Bytes of other characters (UTF-8) are kept as they are. */
size_t blocklist_normalize(const char *in, char *out, size_t outsz);

void blocklist_free(blocklist *b);

#endif
