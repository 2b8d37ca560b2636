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
#ifndef QB_LOCALEDIR
#define QB_LOCALEDIR "/usr/local/share/locale"
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

/* The binary's own path: /proc/self/exe (a PATH lookup leaves argv[0] without a slash). */
static void exe_path(char exe[PATH_MAX], const char *argv0)
{
    ssize_t n = readlink("/proc/self/exe", exe, PATH_MAX - 1);
    if (n <= 0 || (size_t)n >= PATH_MAX - 1) {
        snprintf(exe, PATH_MAX, "%s", argv0 ? argv0 : "");
        n = (ssize_t)strlen(exe);
    }
    exe[n] = 0;
}

/* rel beside the binary's directory (DIR/rel for DIR/quizblitz) when ok says it is the right
 * place, else NULL. */
static char *beside_exe(const char *argv0, const char *rel, int (*ok)(const char *))
{
    char exe[PATH_MAX];
    exe_path(exe, argv0);
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    char *cand = xasprintf("%s/%s", exe, rel);
    if (ok(cand))
        return cand;
    free(cand);
    return NULL;
}

/* The environment's directory if it names one, else the binary's neighbour rel if ok, else the
 * compiled-in one. */
static char *find_dir(const char *env_name, const char *argv0, const char *rel, int (*ok)(const char *),
                      const char *compiled)
{
    const char *env = getenv(env_name);
    if (env && *env)
        return xstrdup(env);
    char *d = beside_exe(argv0, rel, ok);
    return d ? d : xstrdup(compiled);
}

char *paths_locale_dir(const char *argv0)
{
    /* build/quizblitz: build/locale. An installed $(BINDIR)/quizblitz has none beside it */
    return find_dir("QUIZBLITZ_LOCALEDIR", argv0, "locale", is_dir, QB_LOCALEDIR);
}

char *paths_data_dir(const char *argv0)
{
    /* build/quizblitz in a source tree: the tree is the data directory. An installed binary
     * ($(BINDIR)/quizblitz) has no cards/ and assets/ next to its directory and goes on to
     * the compiled-in one. */
    return find_dir("QUIZBLITZ_DATADIR", argv0, "..", is_data_dir, QB_DATADIR);
}
