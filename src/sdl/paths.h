/* paths.h: where the game's data (decks, sounds) lives. */
#ifndef QB_PATHS_H
#define QB_PATHS_H

/* The data directory, which holds cards/ (the bundled decks) and assets/sounds/:
 * $QUIZBLITZ_DATADIR when set and not empty (tests, a staged DESTDIR install), else the
 * source tree the binary was built in (build/..: `make run` plays from the checkout), else
 * the compiled-in QB_DATADIR ($(DATADIR) of the Makefile: /usr/share/games/quizblitz in the
 * Debian package). argv0 is the fallback when /proc/self/exe cannot be read. Caller frees. */
char *paths_data_dir(const char *argv0);

#endif
