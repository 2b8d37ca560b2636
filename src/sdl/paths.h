/* paths.h: where the game's data (decks, sounds) lives. */
#ifndef QB_PATHS_H
#define QB_PATHS_H

/* The data directory, which holds cards/ (the bundled decks) and assets/sounds/:
 * $QUIZBLITZ_DATADIR when set and not empty (tests, a staged DESTDIR install), else the
 * source tree the binary was built in (build/..: `make run` plays from the checkout), else
 * the compiled-in QB_DATADIR ($(DATADIR) of the Makefile: /usr/share/games/quizblitz in the
 * Debian package). argv0 is the fallback when /proc/self/exe cannot be read. Caller frees. */
char *paths_data_dir(const char *argv0);
/* The directory of the translations (<dir>/<lang>/LC_MESSAGES/quizblitz.mo): $QUIZBLITZ_LOCALEDIR
 * when set and not empty, else locale/ beside the binary when there is one (build/locale, which
 * the Makefile fills: a checkout's binary finds its catalogs), else the compiled-in
 * QB_LOCALEDIR ($(LOCALEDIR): /usr/share/locale in the Debian package). Caller frees. */
char *paths_locale_dir(const char *argv0);

#endif
