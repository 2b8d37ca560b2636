/* paths.c: finds the data directory, so the installed binary runs from any directory. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

/* The Makefile passes -DQB_DATADIR='"$(DATADIR)"'; this is its default, for other builds. */
#ifndef QB_DATADIR
#define QB_DATADIR "/usr/local/share/games/quizblitz"
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A data directory holds cards/ and assets/ (the sounds). */
static int is_data_dir(const char *d)
{
    char *cards = xasprintf("%s/cards", d);
    char *assets = xasprintf("%s/assets", d);
    int ok = is_dir(cards) && is_dir(assets);
    free(cards);
    free(assets);
    return ok;
}

char *paths_data_dir(const char *argv0)
{
    const char *env = getenv("QUIZBLITZ_DATADIR");
    if (env && *env)
        return xstrdup(env);
    /* the binary's own path: /proc/self/exe (a PATH lookup leaves argv[0] without a slash) */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1) {
        snprintf(exe, sizeof exe, "%s", argv0 ? argv0 : "");
        n = (ssize_t)strlen(exe);
    }
    exe[n] = 0;
    /* build/quizblitz in a source tree: the tree is the data directory. An installed binary
     * ($(BINDIR)/quizblitz) has no cards/ and assets/ next to its directory and goes on to
     * the compiled-in one. */
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = 0;
        char *cand = xasprintf("%s/..", *exe ? exe : "");
        if (is_data_dir(cand))
            return cand;
        free(cand);
    }
    return xstrdup(QB_DATADIR);
}
