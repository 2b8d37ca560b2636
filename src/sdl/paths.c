/* paths.c: finds the data directory, so the installed binary runs from any directory. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

char *paths_data_dir(const char *argv0)
{
    const char *env = getenv("QUIZBLITZ_DATADIR");
    if (env && *env)
        return xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(exe, sizeof exe, "%s", argv0);
        n = (ssize_t)strlen(exe);
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = 0;
        char *cand = xasprintf("%s/..", exe);
        char *cards = xasprintf("%s/cards", cand);
        char *assets = xasprintf("%s/assets", cand);
        int ok = is_dir(cards) && is_dir(assets);
        free(cards);
        free(assets);
        if (ok)
            return cand;
        free(cand);
    }
    return xstrdup(QB_DATADIR);
}
