/* fuzz_common.h: what the fuzz harnesses share. Each harness defines its entry point as
 * FUZZ_ENTRY (LLVMFuzzerTestOneInput unless told otherwise), so tests/unit/test_fuzz_regress.c
 * can #include every harness and replay tests/fuzz/regressions/NAME/ through the same code. */
#ifndef QB_FUZZ_COMMON_H
#define QB_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A broken invariant: say which, then abort (libFuzzer saves the input as a crash; the cmocka
 * replay reports the test as failed). */
#ifndef FUZZ_CHECK
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond);     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)
#endif

/* 1 if s is NULL or a NUL-terminated string of valid UTF-8. */
static inline int fuzz_utf8_ok(const char *s)
{
    return !s || utf8_valid(s, strlen(s));
}

/* Prints the diagnostics somewhere harmless, so diag_print's formatting runs too. */
static inline void fuzz_print_diags(const diag_list *d)
{
    static FILE *devnull;
    if (!devnull)
        devnull = fopen("/dev/null", "w");
    if (devnull)
        diag_print(d, devnull);
}

/* Every diagnostic names a file and carries a one-line message. */
static inline void fuzz_check_diags(const diag_list *d)
{
    int errors = 0;
    FUZZ_CHECK(d->n >= 0 && d->n <= d->cap);
    for (int i = 0; i < d->n; i++) {
        FUZZ_CHECK(d->items[i].file != NULL);
        FUZZ_CHECK(d->items[i].msg != NULL);
        FUZZ_CHECK(d->items[i].line >= 0);
        FUZZ_CHECK(strchr(d->items[i].msg, '\n') == NULL);
        errors += d->items[i].is_error != 0;
    }
    FUZZ_CHECK(errors == d->errors);
    fuzz_print_diags(d);
}

#endif
