/* deck_import.h: what every deck reader (Markdown, TSV, GIFT, Aiken, OpenTriviaQA) shares:
 * building cards into a deck whose strings live in one arena, messages with file:line, line
 * splitting, and text clean-up. Private to the deck readers; the rest of the game sees only
 * deck.h. */
#ifndef QB_DECK_IMPORT_H
#define QB_DECK_IMPORT_H

#include <stddef.h>

#include "deck.h"

/* Most tags kept per card. */
#define DECK_MAX_TAGS 16
/* How many warnings of one kind an imported file lists before it only counts them. */
#define DECK_WARN_LISTED 3
/* Most errors listed for one file: every error of a real deck is listed; this only stops a
 * file that is no deck at all (a 60 MB log) from filling memory with messages. */
#define DECK_MAX_ERRORS 10000

/* A new empty deck named after path (title = file name without directory and extension);
 * its messages go to diags under path while it is being read. */
deck *deck_new(const char *path, diag_list *diags);

/* Copies n bytes into the deck's arena (NUL-terminated); freed with the deck. */
char *deck_strndup(deck *d, const char *s, size_t n);

/* Copies s with runs of white space (newlines and U+00A0 too) folded to one space and the ends
 * trimmed. */
char *deck_clean(deck *d, const char *s, size_t n);

/* Up to max_cp code points of s (cut at a character boundary, "..." added when cut), for
 * quoting user text in a message. */
const char *deck_excerpt(deck *d, const char *s, size_t n, size_t max_cp);

/* Appends a card (level medium, no text) that starts on line. The pointer is valid until the
 * next deck_add_card or deck_drop_card; its choices and tags are added with the calls below. */
card *deck_add_card(deck *d, int line);
/* Removes the last card added (a reader found it cannot be played). */
void deck_drop_card(deck *d);
/* Adds a choice (already cleaned, in the arena) to the last card. */
void deck_add_choice(deck *d, card *c, const char *text, int right);
/* Adds tags to the last card: the text is split at commas, each part trimmed and lower-cased;
 * empty and repeated tags are dropped, and tags past DECK_MAX_TAGS. */
void deck_add_tag(deck *d, card *c, const char *tag, size_t n);
/* Parses "easy"/"medium"/"hard" (any case). Returns 0 and sets *out, or -1. */
int deck_parse_level(const char *s, level *out);

/* An error at line (0 = the whole file): always listed (up to DECK_MAX_ERRORS). */
void deck_error(deck *d, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A warning that is said once per file (a summary, an encoding note). */
void deck_warn(deck *d, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* A warning that can repeat, one per card or line. what names its kind as a plural ("choices
 * too long for a button"). An imported file lists the first DECK_WARN_LISTED of each kind and
 * deck_finish counts the rest in one line ("... and 12 more choices too long for a button"):
 * nobody edits a 5,000-question bank for them. A Markdown deck lists every one, since its
 * author can fix each line. */
void deck_warn_each(deck *d, int line, const char *what, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* A question of an imported file that cannot be played is left out: why is a short reason that
 * the summary counts ("cloze", "no right answer"), fmt the detail, said with file:line for the
 * first DECK_WARN_LISTED (then counted). The file loads with the rest; --check prints "N cards,
 * M skipped (2 cloze, 1 no right answer)". */
void deck_skip(deck *d, int line, const char *why, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* 1 when the deck is read strictly (our own Markdown: every problem is an error), 0 for an
 * import (a bad question is skipped). */
int deck_strict(const deck *d);

/* Checks every card (answers, lengths, duplicates) and counts levels. In our Markdown, cards
 * with errors stay in the deck and deck_parse returns NULL; in an import they are skipped (see
 * deck_skip), and a repeated wrong choice is dropped with a counted warning. */
void deck_validate(deck *d);

/* Line iterator over a buffer: handles LF, CRLF and lone CR. */
typedef struct line_iter {
    /* the next unread byte, and the end of the buffer */
    const char *p, *end;
    /* 1-based number of the line last returned (0 before the first) */
    int line;
    /* the next \r at or after p (lone CR and CRLF end lines too), NULL when none is left */
    const char *cr;
} line_iter;
void line_iter_init(line_iter *it, const char *buf, size_t len);
/* Next line (without its end); returns 0 at the end of the buffer. */
int line_next(line_iter *it, const char **s, size_t *n);

/* Drops HTML tags (<br>, <p>, <li>... leave a space, <b> or <i> nothing; "3 < 5" is text) and
 * decodes entities (&amp; &lt; &nbsp; &#39; &#x2014; and the common named ones), appending the
 * text to out. */
void deck_strip_html(const char *s, size_t n, strbuf *out);

/* A deck reader: fills d from buf (valid UTF-8, NUL-terminated, no NUL bytes inside), reporting
 * through deck_error and deck_warn. */
typedef void (*deck_reader)(deck *d, const char *buf, size_t len);
/* Our Markdown format and quizdown (see deck_md.c), also quizdown inside a page or a fenced
 * block. */
void deck_read_md(deck *d, const char *buf, size_t len);
/* 1 if a Markdown file is quizdown (no "## " card headings, or quizdown embedded in a page):
 * an import, read leniently. */
int deck_md_is_quizdown(const char *buf, size_t len);
/* Nonzero if the (trimmed) line opens quizdown embedded in a page or a Markdown file: a
 * ```quizdown or ```{quizdown} fence (sphinx, mkdocs), <div class="quizdown"> (HTML), or
 * {{< quizdown >}} (hugo). */
int deck_md_embedded(const char *t, size_t n);
/* Tab-separated banks and Anki's text exports (see deck_tsv.c). */
void deck_read_tsv(deck *d, const char *buf, size_t len);
/* Moodle GIFT (multiple-choice and true/false questions; other kinds are skipped with one
 * warning that counts them). */
void deck_read_gift(deck *d, const char *buf, size_t len);
/* Moodle Aiken (question, "A) option" lines, "ANSWER: A"). */
void deck_read_aiken(deck *d, const char *buf, size_t len);
/* OpenTriviaQA category files ("#Q question", "^ answer", "A choice" lines). */
void deck_read_otqa(deck *d, const char *buf, size_t len);

#endif
