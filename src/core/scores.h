/* scores.h: the high-score table (per deck, today and all time) and its text format. */
#ifndef QB_SCORES_H
#define QB_SCORES_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Names: up to this many code points of printable UTF-8 (trimmed); empty becomes the default. */
#define SCORES_NAME_MAX_CP 12
#define SCORES_NAME_BYTES (SCORES_NAME_MAX_CP * 4 + 1)
#define SCORES_DEFAULT_NAME "PLAYER"
/* Deck keys (the deck file name without directory and extension) are cut to this many bytes. */
#define SCORES_DECK_BYTES 64
/* Kiosk names (a fleet's board names the screen each entry was played on) are cut to this many
 * bytes, as deck keys are. */
#define SCORES_KIOSK_BYTES 64
/* Each board shows this many entries. */
#define SCORES_BOARD_SIZE 10

/* One finished round. */
typedef struct score_entry {
    /* deck key: file name without directory and extension, e.g. "virtualization" */
    char deck[SCORES_DECK_BYTES];
    /* sanitised player name */
    char name[SCORES_NAME_BYTES];
    /* points scored */
    int32_t score;
    /* right answers and questions asked */
    int32_t right;
    int32_t total;
    /* longest run of right answers */
    int32_t best_streak;
    /* when the round ended, Unix seconds (UTC); earlier wins a tie */
    int64_t when;
    /* the kiosk that played it, on a fleet's board (from the server); empty in the local table,
     * which is this screen's own (the score file has no such column: a board of one kiosk would
     * repeat one name on every row) */
    char kiosk[SCORES_KIOSK_BYTES];
} score_entry;

/* Which board. "Today" is the local calendar day (the process's TZ, localtime_r) of the `now`
 * passed in, which the game takes from its injected wall clock; the today board holds the
 * entries whose `when` falls on that day, and nothing else. */
typedef enum score_board { BOARD_TODAY, BOARD_ALLTIME } score_board;

/* The table: every kept entry of every deck. Opaque. */
typedef struct scores scores;

scores *scores_new(void);
void scores_free(scores *t);
/* Number of entries held (all decks). */
int scores_count(const scores *t);

/* Adds an entry (its name is sanitised here; an entry equal to one already held in every field
 * is not added twice). Then prunes its deck to what a board can show: the all-time top 10, and
 * the top 10 of each local day that is one of the deck's 61 most recent days with entries or no
 * more than 60 days before the entry's own day (the entry is taken to be made "now", so the day
 * of a clock that went back is kept). Entries of other decks are left alone.
 * Returns the all-time rank the entry got (1-based) or 0 if it is not on the all-time board. */
int scores_insert(scores *t, const score_entry *e);

/* 1 if an entry with this score, ending at `now`, would enter the deck's today or all-time top 10. */
int scores_qualifies(const scores *t, const char *deck, int32_t score, int64_t now);

/* Fills out[] with up to max entries of a board, best first: higher score, then earlier `when`.
 * Returns how many. Pointers stay valid until the table changes. */
int scores_top(const scores *t, const char *deck, score_board board, int64_t now,
               const score_entry **out, int max);

/* Removes every entry of a deck; returns how many were removed. */
int scores_remove_deck(scores *t, const char *deck);

/* Distinct deck keys in the table, sorted; returns how many (pointers owned by the table).
 * With out NULL, returns the number of decks without filling anything. */
int scores_decks(const scores *t, const char **out, int max);

/* Sanitises a typed name: printable UTF-8 only (invalid bytes and control characters dropped),
 * white space trimmed and runs folded, at most SCORES_NAME_MAX_CP code points, tabs never kept;
 * empty becomes SCORES_DEFAULT_NAME. out must hold SCORES_NAME_BYTES. */
void scores_sanitize_name(const char *in, char *out);

/* Local calendar day of a Unix time as YYYYMMDD (uses the process's TZ). */
int32_t scores_local_day(int64_t when);

/* The file format (see scores.c): a versioned header line, then one line per entry.
 * Serialises the whole table; caller frees. */
char *scores_serialize(const scores *t, size_t *len);

/* Parses a file's bytes and merges every good line into t (exact duplicates once; nothing is
 * pruned: reading never drops a good line). Lines it cannot read are reported
 * in diags (file name `name`; diags may be NULL) and skipped; they never take the good lines
 * with them.
 * Returns the number of bad lines (a missing or foreign header counts as one). */
int scores_parse(scores *t, const char *name, const char *buf, size_t len, diag_list *diags);

/* The key under which the table holds a deck, or NULL when it holds no entry of it. deck may be
 * a key or a deck's file name ("cards/virtualization.md" finds "virtualization"). The pointer is
 * owned by the table and valid until it changes. */
const char *scores_find_deck(const scores *t, const char *deck);

/* The today and all-time boards as plain text for `quizblitz --list-scores [DECK]`: per deck its
 * key, then each board with a header line and rank, name, score, right/total, best streak and
 * the local date (YYYY-MM-DD), plus a KIOSK column after the name when an entry of the deck
 * names its kiosk (a fleet's boards), in columns aligned by terminal width (a wide CJK character takes
 * two columns, a combining mark none). deck NULL lists every deck in the table; a deck is found
 * as scores_find_deck does. Says "No scores yet." for an empty table, and for an unknown deck
 * says so and lists the decks there are (the caller decides the exit code). now decides which
 * day is "today". Caller frees. */
char *scores_format_boards(const scores *t, const char *deck, int64_t now);

#endif
