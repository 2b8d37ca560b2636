/* deck_import.h: what every deck reader (Markdown, TSV, GIFT, Aiken, OpenTriviaQA) shares:
 * building cards into a deck whose strings live in one arena, line splitting, and text clean-up.
 * Private to the deck readers; the rest of the game sees only deck.h. */
#ifndef QB_DECK_IMPORT_H
#define QB_DECK_IMPORT_H

#include <stddef.h>

#include "deck.h"

/* Most errors listed for one file; the rest are counted in one closing message. */
#define DECK_MAX_DIAGS 50
/* Most tags kept per card. */
#define DECK_MAX_TAGS 16

/* A new empty deck named after path (title = file name without directory and extension). */
deck *deck_new(const char *path);

/* Copies n bytes into the deck's arena (NUL-terminated); freed with the deck. */
char *deck_strndup(deck *d, const char *s, size_t n);

/* Copies s with runs of white space (and newlines) folded to one space and the ends trimmed. */
char *deck_clean(deck *d, const char *s, size_t n);

/* Appends a zeroed card (level medium) that starts on line. The pointer is valid until the
 * next deck_add_card. */
card *deck_add_card(deck *d, int line);

/* Adds a choice (already cleaned) to the last card. */
void deck_add_choice(deck *d, card *c, const char *text, int right);
/* Adds a tag (lower-cased, trimmed; empty and repeated tags are dropped). */
void deck_add_tag(deck *d, card *c, const char *tag, size_t n);
/* Parses "easy"/"medium"/"hard" (any case). Returns 0 and sets *out, or -1. */
int deck_parse_level(const char *s, level *out);

/* Checks every card (answers, lengths, duplicates) and counts levels; problems go to diags
 * under name. Cards with errors stay in the deck but the caller returns NULL when
 * diags->errors grew. */
void deck_validate(deck *d, const char *name, diag_list *diags);

/* Line iterator over a buffer: handles LF, CRLF and lone CR. */
typedef struct line_iter {
    const char *p, *end;
    int line;
} line_iter;
void line_iter_init(line_iter *it, const char *buf, size_t len);
/* Next line (without its end); returns 0 at the end of the buffer. */
int line_next(line_iter *it, const char **s, size_t *n);

/* A deck reader: fills d from buf (valid UTF-8, NUL-terminated, no NUL bytes inside). */
typedef void (*deck_reader)(deck *d, const char *name, const char *buf, size_t len,
                            diag_list *diags);
void deck_read_md(deck *d, const char *name, const char *buf, size_t len, diag_list *diags);
void deck_read_tsv(deck *d, const char *name, const char *buf, size_t len, diag_list *diags);
/* Moodle GIFT (multiple-choice and true/false questions; other kinds are skipped with one
 * warning that counts them). */
void deck_read_gift(deck *d, const char *name, const char *buf, size_t len, diag_list *diags);
/* Moodle Aiken (question, "A) option" lines, "ANSWER: A"). */
void deck_read_aiken(deck *d, const char *name, const char *buf, size_t len, diag_list *diags);
/* OpenTriviaQA category files ("#Q question", "^ answer", "A choice" lines). */
void deck_read_otqa(deck *d, const char *name, const char *buf, size_t len, diag_list *diags);

/* Adds a diagnostic unless the file already has DECK_MAX_DIAGS of them. */
void deck_diag(diag_list *diags, const char *name, int line, int is_error, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif
