/* nolibpq.c: an LD_PRELOAD library that makes a machine without libpq (Debian's libpq5) for
 * tests/e2e/test_fleet.py: dlopen of any libpq.so fails as a missing file fails (the real
 * dlopen of a name that does not exist, so dlerror() says what the loader says), and each
 * refusal writes "nolibpq: refused NAME" to stderr, so a test also sees whether the program asked
 * for libpq at all. Every other dlopen passes through. The game is the unmodified binary. */
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
    if (file && strstr(file, "libpq.so")) {
        fprintf(stderr, "nolibpq: refused %s\n", file);
        return real("libpq-not-installed.so.5", mode);
    }
    return real(file, mode);
}
