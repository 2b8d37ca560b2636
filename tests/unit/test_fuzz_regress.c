/* test_fuzz_regress.c: replays every input saved under tests/fuzz/regressions/NAME/ (crashes
 * the fuzzers found, and hand-made edge cases) through the fuzz harnesses' own entry points,
 * one cmocka test per file, so `make test` (and `make check-asan`) keep them fixed.
 * The directory is $QB_FUZZ_REGRESSIONS, else QB_SOURCE_DIR/tests/fuzz/regressions (the checkout
 * the Makefile compiled this from). No guessing: if that directory, or the one of any harness,
 * is missing or empty, the run fails and names the path, so moving the inputs can never make
 * their replay quietly stop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* an invariant that breaks fails the test instead of aborting the program */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail_msg("%s:%d: fuzz invariant failed: %s", __FILE__, __LINE__, #cond);               \
    } while (0)

#define FUZZ_ENTRY fuzz_deck_one
#include "../fuzz/fuzz_deck.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_scores_one
#include "../fuzz/fuzz_scores.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_script_one
#include "../fuzz/fuzz_script.c"
#undef FUZZ_ENTRY
#define FUZZ_ENTRY fuzz_config_one
#include "../fuzz/fuzz_config.c"
#undef FUZZ_ENTRY

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static const struct harness {
    const char *name;
    fuzz_fn fn;
} harnesses[] = {
    {"deck", fuzz_deck_one},
    {"scores", fuzz_scores_one},
    {"script", fuzz_script_one},
    {"config", fuzz_config_one},
};

/* One saved input: which harness, which file. */
typedef struct regress_case {
    fuzz_fn fn;
    char *path;
} regress_case;

static void replay(void **state)
{
    const regress_case *rc = *state;
    char *buf = NULL;
    size_t len = 0;
    int err = read_file(rc->path, 0, &buf, &len);
    if (err)
        fail_msg("%s: %s", rc->path, strerror(err));
    /* an exact-size copy, as libFuzzer gives it: reading one byte past the end is caught */
    uint8_t *data = xmalloc(len ? len : 1);
    memcpy(data, buf, len);
    free(buf);
    rc->fn(data, len);
    free(data);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

#ifndef QB_SOURCE_DIR
#error "QB_SOURCE_DIR (the checkout, set by the Makefile) is needed to find tests/fuzz/regressions"
#endif

/* The regressions' directory: $QB_FUZZ_REGRESSIONS, else the checkout's. */
static char *regressions_dir(void)
{
    const char *env = getenv("QB_FUZZ_REGRESSIONS");
    if (env && *env)
        return xstrdup(env);
    return xstrdup(QB_SOURCE_DIR "/tests/fuzz/regressions");
}

/* A harness whose directory is missing or empty: one failing test that names it. */
static void missing_inputs(void **state)
{
    fail_msg("%s: no regression inputs (moved? every harness keeps at least one)", (const char *)*state);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char *root = regressions_dir();
    if (!is_dir(root)) {
        fprintf(stderr, "test_fuzz_regress: %s: not a directory (moved? set QB_FUZZ_REGRESSIONS)\n", root);
        printf("[  FAILED  ] 1 test(s), listed below:\n");
        free(root);
        return 1;
    }
    struct CMUnitTest *tests = NULL;
    regress_case *cases = NULL;
    char **names = NULL;
    size_t ntests = 0;
    for (size_t h = 0; h < sizeof harnesses / sizeof harnesses[0]; h++) {
        char *dir = xasprintf("%s/%s", root, harnesses[h].name);
        DIR *d = opendir(dir);
        char **files = NULL;
        size_t nfiles = 0;
        struct dirent *de;
        while (d && (de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            files = xrealloc(files, sizeof *files * (nfiles + 1));
            files[nfiles++] = xstrdup(de->d_name);
        }
        if (d)
            closedir(d);
        if (nfiles == 0) {
            cases = xrealloc(cases, sizeof *cases * (ntests + 1));
            names = xrealloc(names, sizeof *names * (ntests + 1));
            cases[ntests] = (regress_case){NULL, dir};
            names[ntests] = xasprintf("%s (missing)", harnesses[h].name);
            ntests++;
            continue;
        }
        qsort(files, nfiles, sizeof *files, cmp_str);
        for (size_t i = 0; i < nfiles; i++) {
            cases = xrealloc(cases, sizeof *cases * (ntests + 1));
            names = xrealloc(names, sizeof *names * (ntests + 1));
            cases[ntests] = (regress_case){harnesses[h].fn, xasprintf("%s/%s", dir, files[i])};
            names[ntests] = xasprintf("%s/%s", harnesses[h].name, files[i]);
            ntests++;
            free(files[i]);
        }
        free(files);
        free(dir);
    }
    /* cases may move while growing: point the tests at them only now */
    tests = xcalloc(ntests ? ntests : 1, sizeof *tests);
    for (size_t i = 0; i < ntests; i++) {
        tests[i].name = names[i];
        tests[i].test_func = cases[i].fn ? replay : missing_inputs;
        tests[i].initial_state = cases[i].fn ? (void *)&cases[i] : (void *)cases[i].path;
    }
    int failed = _cmocka_run_group_tests("fuzz_regressions", tests, ntests, NULL, NULL);
    for (size_t i = 0; i < ntests; i++) {
        free(cases[i].path);
        free(names[i]);
    }
    free(cases);
    free(names);
    free(tests);
    free(root);
    return failed;
}
