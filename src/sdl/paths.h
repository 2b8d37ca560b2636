/* paths.h: where the game's data (decks, sounds) lives. */
#ifndef QB_PATHS_H
#define QB_PATHS_H

/* The data directory: $QUIZBLITZ_DATADIR, else the source tree next to the binary
 * (build/..: `make run` plays from the checkout), else the compiled-in QB_DATADIR.
 * Caller frees. */
char *paths_data_dir(const char *argv0);

#endif
