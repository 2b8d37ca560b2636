/* nomixer.c: an LD_PRELOAD library that makes a machine without SDL2_mixer (Debian's
 * libsdl2-mixer-2.0-0) for tests/e2e/test_bad_input.py: dlopen of libSDL2_mixer fails as a
 * missing file fails (the real dlopen of a name that does not exist, so dlerror() says what the
 * loader says), and each refusal writes "nomixer: refused NAME" to stderr, so a test also sees
 * that the program asked for it. Every other dlopen passes through (as tests/preload/nolibpq.c
 * does for libpq). The game is the unmodified binary. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *dlopen(const char *file, int mode)
{
    static void *(*real)(const char *, int);
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "dlopen");
        memcpy(&real, &sym, sizeof real);
    }
    if (file && strstr(file, "libSDL2_mixer")) {
        fprintf(stderr, "nomixer: refused %s\n", file);
        return real("libSDL2_mixer-not-installed.so.0", mode);
    }
    return real(file, mode);
}
