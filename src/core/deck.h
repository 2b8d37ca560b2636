/* deck.h: the card deck model and its loaders (our Markdown, quizdown, tab-separated and Anki
 * exports, Moodle GIFT and Aiken, OpenTriviaQA), and the Markdown writer. */
#ifndef QB_DECK_H
#define QB_DECK_H

#include <stddef.h>

#include "util.h"

/* Difficulty of a card; decides default time, base points and ladder order. */
typedef enum level { LEVEL_EASY, LEVEL_MEDIUM, LEVEL_HARD, LEVEL_COUNT } level;

/* Limits on text entering from a deck (longer input is an error, see README). */
#define DECK_MAX_FILE_BYTES (64u * 1024u * 1024u)
#define DECK_MAX_QUESTION_CP 400
#define DECK_MAX_CHOICE_CP 200
#define DECK_MAX_EXPLANATION_CP 2000
#define DECK_MAX_CHOICES 64
/* A choice longer than this many code points earns a "too long for a button" warning. */
#define DECK_CHOICE_WARN_CP 90
/* a hint longer than this is warned about: the question card shows it in a small space */
#define DECK_HINT_WARN_CP 120
#define DECK_MAX_TIME_S 600

/* One question with its answers. All strings are UTF-8, trimmed, owned by the deck. */
typedef struct card {
    /* the question text (inline `code` spans kept with their backticks) */
    char *question;
    /* shown after the answer; NULL when the deck gives none */
    char *explanation;
    /* quizdown hint (a > line before the choices); NULL when none */
    char *hint;
    /* difficulty, LEVEL_MEDIUM when not given */
    level level;
    /* tags, lower-cased and trimmed */
    char **tags;
    int ntags;
    /* seconds for this card, 0 = the default for its level */
    int time_s;
    /* right answers (at least one in a valid card); a round picks one of them */
    char **right;
    int nright;
    /* wrong answers written for this card (may be none: the round borrows others) */
    char **wrong;
    int nwrong;
    /* line of the question in the source file, for messages */
    int line;
} card;

/* A loaded deck. */
typedef struct deck {
    /* path the deck was loaded from */
    char *path;
    /* title: the first # heading, else the file name without extension */
    char *title;
    /* short description under the title; NULL when none */
    char *description;
    /* the cards, in file order */
    card *cards;
    int ncards;
    /* number of cards per level */
    int count[LEVEL_COUNT];
    /* the format it was read as: "markdown", "quizdown", "tsv", "gift", "aiken", "opentriviaqa" */
    const char *format;
    /* questions of an imported file that were left out (each said with file:line), and why, by
     * reason with counts ("2 cloze, 1 no right answer"); NULL when none */
    int skipped;
    const char *skipped_why;
    /* cards capacity, and the arena every string and array of the deck lives in (private) */
    int cap;
    struct deck_arena *arena;
    /* where messages go and how many of each kind were said, while the deck is read (private;
     * NULL once deck_parse returns) */
    struct deck_notes *notes;
} deck;

/* Result of loading a deck. */
typedef enum deck_status {
    DECK_OK = 0,      /* loaded, maybe with warnings */
    DECK_INVALID = 1, /* errors were found (listed in the diag_list); no deck returned */
    DECK_IOERR = 2,   /* missing, unreadable, or a directory */
} deck_status;

/* Parses a deck held in memory. name is used in messages and to pick the format by extension
 * (the table in deck.c: .md/.markdown: Markdown or quizdown; .html/.htm: quizdown inside a
 * page; .tsv/.csv: tab- or comma-separated; .gift: Moodle GIFT; .aiken: Aiken). Any other name
 * (.txt, another extension, none) is sniffed by content: Anki headers mean tab-separated, "#Q "
 * lines OpenTriviaQA, "ANSWER:" after "A)" lines Aiken, {=right ~wrong} blocks or ::titles::
 * GIFT, "## " or "- [x]" lines Markdown, anything else tab-separated. In the imported formats,
 * bytes that are not UTF-8 are read as Windows-1252 (one warning) and a question that cannot
 * be played is skipped with a warning that says why (counted in skipped); in our Markdown both
 * are errors. A NUL byte means a binary file (error). Every problem is added to diags (every
 * error; repeated warnings of an imported file are counted after the first few). Returns the
 * deck, or NULL when any error was found. */
deck *deck_parse(const char *name, const char *buf, size_t len, diag_list *diags);

/* 1 if text of no telling extension carries the marks of a deck format (a "#Q " line, Aiken's
 * "ANSWER:", GIFT braces, Markdown "## " or "- [x]", Anki headers): a directory's
 * extensionless files are loaded only then. Plain tab-separated text needs its extension. */
int deck_looks_like_deck(const char *buf, size_t len);

/* 1 if the file name's extension is one of a deck format's (.md .markdown .html .htm .tsv .csv
 * .txt .gift .aiken, any case): a directory loads such files without looking inside. */
int deck_name_has_ext(const char *name);

/* Reads and parses a file. On DECK_OK *out is the deck. */
deck_status deck_load(const char *path, deck **out, diag_list *diags);

void deck_free(deck *d);

/* Writes the deck in our Markdown format; reading the result gives the same cards. */
void deck_write_md(const deck *d, strbuf *out);

/* Compares two decks as --convert promises to keep them: title, description, and every card's
 * question, level, time, right and wrong choices, tags, explanation and hint (not source lines).
 * 0 when the same; else 1 with the first difference in why (e.g. "card 3: the hint"). */
int deck_diff(const deck *a, const deck *b, char *why, size_t why_size);

/* Name of a level: "easy", "medium", "hard". */
const char *level_name(level lv);

/* 1 if the two strings are the same choice (case-insensitive for ASCII, ignoring surrounding
 * white space): used to keep a card's choices distinct. */
int choice_same(const char *a, const char *b);

#endif
