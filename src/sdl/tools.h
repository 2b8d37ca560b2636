/* tools.h: the command-line tools that need no window: --check, --lint, --convert, --list-scores and
 * --reset-scores; and loading the decks (shared with the game). */
#ifndef QB_TOOLS_H
#define QB_TOOLS_H

#include "core/deck.h"
#include "options.h"

/* Loads the deck files, printing every problem as FILE:LINE: error: ... on stderr (and with
 * print_summary, a "FILE: N cards (...)" line per good deck on stdout). *out gets the decks
 * that loaded. Returns the exit code the problems call for: 0, 65 (a bad deck) or 66 (a
 * missing or unreadable file). */
int tools_load_decks(char **paths, int n, deck ***out, int *nout, int print_summary);
void tools_free_decks(deck **d, int n);

/* --check FILE...: returns the exit code. */
int tools_check(const options *o);
/* --lint DECK... [--strict]: how far the decks' answers can be guessed from the choices'
 * shapes (src/core/deck_lint.c), per deck on stdout, warnings as FILE:LINE on stderr. Returns
 * 0, or with --strict 65 when a deck fails the bar; 65/66 for decks that do not load. */
int tools_lint(const options *o);
/* --convert IN OUT.md */
int tools_convert(const options *o);
/* --list-scores [DECK] and --reset-scores DECK */
int tools_scores(const options *o);

#endif
