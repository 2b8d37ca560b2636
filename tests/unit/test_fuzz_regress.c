/* test_fuzz_regress.c: replays every input saved under tests/fuzz/regressions/NAME/ (crashes
 * the fuzzers found, and hand-made edge cases) through the fuzz harnesses' own entry points,
 * one cmocka test per file, so `make test` (and `make check-asan`) keep them fixed.
 * The directory is $QB_FUZZ_REGRESSIONS, else tests/fuzz/regressions from the working directory,
 * else found from the program's own path (BUILD/tests/test_fuzz_regress). */
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
#if defined(__has_include)
/* once the config loader exists (its header may come first) */
#if __has_include("config.h") && __has_include("../../src/core/config.c")
#define FUZZ_ENTRY fuzz_config_one
#include "../fuzz/fuzz_config.c"
#undef FUZZ_ENTRY
#define HAVE_FUZZ_CONFIG 1
#endif
#endif

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static const struct harness {
    const char *name;
    fuzz_fn fn;
} harnesses[] = {
    {"deck", fuzz_deck_one},
    {"scores", fuzz_scores_one},
    {"script", fuzz_script_one},
#ifdef HAVE_FUZZ_CONFIG
    {"config", fuzz_config_one},
#endif
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

static char *find_root(void)
{
    const char *env = getenv("QB_FUZZ_REGRESSIONS");
    if (env && *env)
        return xstrdup(env);
    if (is_dir("tests/fuzz/regressions"))
        return xstrdup("tests/fuzz/regressions");
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        /* BUILD/tests/test_fuzz_regress: three levels up is the source tree */
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = 0;
        }
        char *p = xasprintf("%s/tests/fuzz/regressions", exe);
        if (is_dir(p))
            return p;
        free(p);
    }
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char *root = find_root();
    if (!root) {
        fprintf(stderr, "test_fuzz_regress: tests/fuzz/regressions not found (set QB_FUZZ_REGRESSIONS)\n");
        printf("[  FAILED  ] 1 test(s), listed below:\n");
        return 1;
    }
    struct CMUnitTest *tests = NULL;
    regress_case *cases = NULL;
    char **names = NULL;
    size_t ntests = 0;
    for (size_t h = 0; h < sizeof harnesses / sizeof harnesses[0]; h++) {
        char *dir = xasprintf("%s/%s", root, harnesses[h].name);
        DIR *d = opendir(dir);
        if (!d) {
            free(dir);
            continue;
        }
        char **files = NULL;
        size_t nfiles = 0;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            files = xrealloc(files, sizeof *files * (nfiles + 1));
            files[nfiles++] = xstrdup(de->d_name);
        }
        closedir(d);
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
        tests[i].test_func = replay;
        tests[i].initial_state = &cases[i];
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
