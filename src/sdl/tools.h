/* tools.h: the command-line tools that need no window: --check, --convert, --list-scores and
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
/* --convert IN OUT.md */
int tools_convert(const options *o);
/* --list-scores [DECK] and --reset-scores DECK */
int tools_scores(const options *o);

#endif
