/* nolib.c: an LD_PRELOAD library that makes a machine without some shared libraries, for the
 * tests of a game that opens them with dlopen (libpq for tests/e2e/test_fleet.py, SDL2_mixer for
 * tests/e2e/test_bad_input.py). QB_NOLIB lists what is missing, as comma-separated parts of a
 * file name ("libpq.so", "libSDL2_mixer"). A dlopen of a matching name fails as a missing file
 * fails (the real dlopen of a name that does not exist, so dlerror() says what the loader says),
 * and each refusal writes "nolib: refused NAME" to stderr, so a test also sees whether the
 * program asked at all. Every other dlopen passes through. The game is the unmodified binary. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refused(const char *file)
{
    const char *list = getenv("QB_NOLIB");
    if (!file || !list)
        return 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char part[256];
        if (n > 0 && n < sizeof part) {
            memcpy(part, p, n);
            part[n] = 0;
            if (strstr(file, part))
                return 1;
        }
        p += n + (p[n] == ',');
    }
    return 0;
}

void *dlopen(const char *file, int mode)
{
    static void *(*real)(const char *, int);
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "dlopen");
        memcpy(&real, &sym, sizeof real);
    }
    if (refused(file)) {
        fprintf(stderr, "nolib: refused %s\n", file);
        return real("libquizblitz-test-not-installed.so.0", mode);
    }
    return real(file, mode);
}
