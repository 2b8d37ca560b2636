/* test_scorefile.c: unit tests of the score file on disk: the default path, saving through a
 * temporary file, merging with another running copy, failing system calls (made to fail on
 * demand through the I/O hooks) that must leave the old file intact, damaged files moved aside,
 * resets with a backup, symlinks, and the size limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "scorefile.h"
#include "scores.h"

/* 2026-11-18T11:06:40Z */
#define T0 INT64_C(1795000000)

/* ---- helpers ---- */

static void rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        if (d) {
            struct dirent *de;
            while ((de = readdir(d)) != NULL) {
                if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                    continue;
                char *p = xasprintf("%s/%s", path, de->d_name);
                rm_rf(p);
                free(p);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Each test gets a fresh directory in *state. */
static int make_dir(void **state)
{
    char tmpl[] = "/tmp/qb-scorefile-XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    *state = xstrdup(d);
    scorefile_set_io_hooks(NULL);
    return 0;
}

static int remove_dir(void **state)
{
    scorefile_set_io_hooks(NULL);
    rm_rf(*state);
    free(*state);
    return 0;
}

static char *in_dir(void **state, const char *name)
{
    return xasprintf("%s/%s", (const char *)*state, name);
}

static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    if (read_file(path, 0, &buf, &n) != 0)
        return NULL;
    if (len)
        *len = n;
    return buf;
}

static void spit(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Number of entries of dir whose name contains part. */
static int count_names(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strstr(de->d_name, part))
            n++;
    closedir(d);
    return n;
}

/* The name of the first entry of dir containing part (caller frees), or NULL. */
static char *find_name(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    char *found = NULL;
    struct dirent *de;
    while (!found && (de = readdir(d)) != NULL)
        if (strstr(de->d_name, part))
            found = xasprintf("%s/%s", dir, de->d_name);
    closedir(d);
    return found;
}

static score_entry entry(const char *deck, const char *name, int32_t score, int64_t when)
{
    score_entry e;
    memset(&e, 0, sizeof e);
    snprintf(e.deck, sizeof e.deck, "%s", deck);
    snprintf(e.name, sizeof e.name, "%s", name);
    e.score = score;
    e.right = 5;
    e.total = 10;
    e.best_streak = 3;
    e.when = when;
    return e;
}

/* 1 if the table holds an entry of deck with this name. */
static int has(const scores *t, const char *deck, const char *name)
{
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = scores_top(t, deck, BOARD_ALLTIME, T0, top, SCORES_BOARD_SIZE);
    for (int i = 0; i < n; i++)
        if (!strcmp(top[i]->name, name))
            return 1;
    return 0;
}

static int save_one(const char *path, scores *t, const char *deck, const char *name, int32_t score, char **err)
{
    score_entry e = entry(deck, name, score, T0);
    return scorefile_add(path, t, &e, 1, err);
}

/* A file with two good entries, for the failure tests. */
static char *known_file(void **state, size_t *len)
{
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "KNOWNA", 100, &err), 0);
    assert_int_equal(save_one(path, t, "d", "KNOWNB", 200, &err), 0);
    assert_null(err);
    scores_free(t);
    char *bytes = slurp(path, len);
    assert_non_null(bytes);
    free(bytes);
    return path;
}

/* ---- failure injection ---- */

static int fail_op = -1;
static int fail_errno;
static int fail_nth;
static int calls[4];

static int should_fail(int op)
{
    if (op != fail_op)
        return 0;
    return ++calls[op] == fail_nth || fail_nth == 0;
}

static ssize_t hook_write(int fd, const void *buf, size_t n)
{
    if (should_fail(0)) {
        errno = fail_errno;
        return -1;
    }
    /* a short write first, so the loop that finishes partial writes is exercised */
    return write(fd, buf, n > 7 ? 7 : n);
}

static int hook_fsync(int fd)
{
    if (should_fail(1)) {
        errno = fail_errno;
        return -1;
    }
    return fsync(fd);
}

static int hook_fsync_dir(int fd)
{
    if (should_fail(2)) {
        errno = fail_errno;
        return -1;
    }
    return fsync(fd);
}

static int hook_rename(const char *from, const char *to)
{
    if (should_fail(3)) {
        errno = fail_errno;
        return -1;
    }
    return rename(from, to);
}

static void fail_on(int op, int err, int nth)
{
    fail_op = op;
    fail_errno = err;
    fail_nth = nth;
    memset(calls, 0, sizeof calls);
    scorefile_io io = {hook_write, hook_fsync, hook_fsync_dir, hook_rename};
    scorefile_set_io_hooks(&io);
}

/* ---- tests ---- */

static void test_default_path(void **state)
{
    (void)state;
    char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
    char *xdg = getenv("XDG_DATA_HOME") ? xstrdup(getenv("XDG_DATA_HOME")) : NULL;
    setenv("HOME", "/home/ann", 1);
    setenv("XDG_DATA_HOME", "/data", 1);
    char *p = scorefile_default_path();
    assert_string_equal(p, "/data/quizblitz/scores.tsv");
    free(p);
    /* empty counts as unset; a relative one is ignored (XDG base directory spec) */
    setenv("XDG_DATA_HOME", "", 1);
    p = scorefile_default_path();
    assert_string_equal(p, "/home/ann/.local/share/quizblitz/scores.tsv");
    free(p);
    setenv("XDG_DATA_HOME", "rel/dir", 1);
    p = scorefile_default_path();
    assert_string_equal(p, "/home/ann/.local/share/quizblitz/scores.tsv");
    free(p);
    unsetenv("XDG_DATA_HOME");
    p = scorefile_default_path();
    assert_string_equal(p, "/home/ann/.local/share/quizblitz/scores.tsv");
    free(p);
    unsetenv("HOME");
    assert_null(scorefile_default_path());
    setenv("HOME", "", 1);
    assert_null(scorefile_default_path());
    if (home)
        setenv("HOME", home, 1);
    else
        unsetenv("HOME");
    if (xdg)
        setenv("XDG_DATA_HOME", xdg, 1);
    free(home);
    free(xdg);
}

static void test_missing_file_is_empty(void **state)
{
    char *path = in_dir(state, "none.tsv");
    scores *t = scores_new();
    char *notice = (char *)"untouched";
    assert_int_equal(scorefile_load(path, t, &notice), 0);
    assert_null(notice);
    assert_int_equal(scores_count(t), 0);
    /* a missing file is not created by reading it */
    assert_int_equal(access(path, F_OK), -1);
    scores_free(t);
    free(path);
}

static void test_save_creates_dirs_and_file(void **state)
{
    char *path = in_dir(state, "a/b/c/scores.tsv");
    scores *t = scores_new();
    char *err = NULL;
    assert_int_equal(save_one(path, t, "virt", "ALICE", 500, &err), 0);
    assert_null(err);
    assert_true(has(t, "virt", "ALICE"));
    size_t len;
    char *bytes = slurp(path, &len);
    assert_non_null(bytes);
    assert_non_null(strstr(bytes, "# quizblitz scores v1\n"));
    assert_non_null(strstr(bytes, "virt\tALICE\t500\t5\t10\t3\t2026-11-18T11:06:40Z\n"));
    /* the created directories are private */
    char *dir = in_dir(state, "a/b/c");
    struct stat st;
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    /* no temporary file left, the lock file stays (deleting it would race) */
    assert_int_equal(count_names(dir, ".tmp-"), 0);
    assert_int_equal(count_names(dir, "scores.tsv.lock"), 1);
    /* and it loads back */
    scores *u = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, u, &notice), 0);
    assert_null(notice);
    assert_true(has(u, "virt", "ALICE"));
    scores_free(u);
    free(bytes);
    free(dir);
    scores_free(t);
    free(path);
}

static void test_merge_with_other_copy(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    /* two running copies, each with the table it loaded at start */
    scores *a = scores_new(), *b = scores_new();
    char *err = NULL;
    assert_int_equal(scorefile_load(path, a, &err), 0);
    assert_int_equal(scorefile_load(path, b, &err), 0);
    assert_int_equal(save_one(path, a, "d", "FROMA", 100, &err), 0);
    assert_int_equal(save_one(path, b, "d", "FROMB", 200, &err), 0);
    /* b's save re-read the file: it holds a's entry too, and so does b's table */
    assert_true(has(b, "d", "FROMA"));
    assert_true(has(b, "d", "FROMB"));
    assert_false(has(a, "d", "FROMB"));
    assert_int_equal(save_one(path, a, "e", "AGAIN", 1, &err), 0);
    assert_true(has(a, "d", "FROMB"));
    scores *c = scores_new();
    assert_int_equal(scorefile_load(path, c, &err), 0);
    assert_int_equal(scores_count(c), 3);
    scores_free(a);
    scores_free(b);
    scores_free(c);
    free(path);
}

static void test_no_duplicates_on_retry(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    score_entry e[2] = {entry("d", "ONE", 10, T0), entry("d", "TWO", 20, T0)};
    char *err = NULL;
    assert_int_equal(scorefile_add(path, t, e, 2, &err), 0);
    size_t len1, len2;
    char *before = slurp(path, &len1);
    struct stat st1, st2;
    assert_int_equal(stat(path, &st1), 0);
    /* the same entries passed again (a retry after an uncertain failure): nothing doubles, and
     * the file is not even rewritten */
    assert_int_equal(scorefile_add(path, t, e, 2, &err), 0);
    char *after = slurp(path, &len2);
    assert_int_equal(len1, len2);
    assert_memory_equal(before, after, len1);
    assert_int_equal(stat(path, &st2), 0);
    assert_int_equal(st1.st_ino, st2.st_ino);
    assert_int_equal(scores_count(t), 2);
    free(before);
    free(after);
    scores_free(t);
    free(path);
}

/* A failing call at any step: -1, the reason (with the path and the system's words), the old
 * file byte for byte, no temporary file, the entries still in the table, and the next save
 * (with the same entries passed again) brings everything in. */
static void expect_failure_keeps_old(void **state, int op, int err_no, int nth, const char *words)
{
    size_t klen;
    char *path = known_file(state, &klen);
    size_t len0;
    char *old = slurp(path, &len0);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, &notice), 0);
    fail_on(op, err_no, nth);
    char *err = NULL;
    score_entry e = entry("d", "NEWONE", 300, T0 + 5);
    assert_int_equal(scorefile_add(path, t, &e, 1, &err), -1);
    assert_non_null(err);
    if (!strstr(err, path) || !strstr(err, words))
        fail_msg("error message \"%s\" lacks the path or \"%s\"", err, words);
    assert_null(strchr(err, '\n'));
    size_t len1;
    char *now = slurp(path, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(old, now, len0);
    assert_int_equal(count_names(*state, ".tmp-"), 0);
    assert_true(has(t, "d", "NEWONE"));
    assert_true(has(t, "d", "KNOWNA"));
    free(err);
    err = NULL;
    scorefile_set_io_hooks(NULL);
    assert_int_equal(scorefile_add(path, t, &e, 1, &err), 0);
    scores *u = scores_new();
    assert_int_equal(scorefile_load(path, u, &notice), 0);
    assert_true(has(u, "d", "NEWONE"));
    assert_true(has(u, "d", "KNOWNB"));
    assert_int_equal(scores_count(u), 3);
    scores_free(u);
    free(now);
    free(old);
    scores_free(t);
    free(path);
}

static void test_full_disk_on_write(void **state)
{
    expect_failure_keeps_old(state, 0, ENOSPC, 1, strerror(ENOSPC));
}

static void test_full_disk_late_write(void **state)
{
    /* the second half of the file fails: a partial temporary file must not survive */
    expect_failure_keeps_old(state, 0, ENOSPC, 20, strerror(ENOSPC));
}

static void test_fsync_error(void **state)
{
    expect_failure_keeps_old(state, 1, EIO, 1, strerror(EIO));
}

static void test_rename_error(void **state)
{
    expect_failure_keeps_old(state, 3, EPERM, 1, strerror(EPERM));
}

static void test_dir_fsync_error_after_rename(void **state)
{
    /* the new file is in place but may not survive a power cut: say so (-1), keep the entry
     * pending; the retry finds it saved and adds no duplicate */
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    fail_on(2, EIO, 1);
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "X", 5, &err), -1);
    assert_non_null(strstr(err, strerror(EIO)));
    free(err);
    err = NULL;
    scorefile_set_io_hooks(NULL);
    assert_int_equal(save_one(path, t, "d", "X", 5, &err), 0);
    assert_int_equal(scores_count(t), 1);
    /* a filesystem that cannot sync directories at all is not an error */
    fail_on(2, EINVAL, 0);
    assert_int_equal(save_one(path, t, "d", "Y", 6, &err), 0);
    assert_null(err);
    scores_free(t);
    free(path);
}

static void test_path_is_directory(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    assert_int_equal(mkdir(path, 0700), 0);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, &notice), -1);
    assert_non_null(notice);
    assert_non_null(strstr(notice, strerror(EISDIR)));
    assert_non_null(strstr(notice, path));
    free(notice);
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "X", 5, &err), -1);
    assert_non_null(strstr(err, strerror(EISDIR)));
    assert_true(has(t, "d", "X"));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(count_names(*state, ".tmp-"), 0);
    free(err);
    scores_free(t);
    free(path);
}

static void test_path_under_a_file(void **state)
{
    /* works as root too, where a read-only directory would not stop a write */
    char *file = in_dir(state, "plain");
    spit(file, "x", 1);
    char *path = in_dir(state, "plain/sub/scores.tsv");
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, &notice), -1);
    assert_non_null(strstr(notice, strerror(ENOTDIR)));
    free(notice);
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "X", 5, &err), -1);
    assert_non_null(strstr(err, strerror(ENOTDIR)));
    assert_non_null(strstr(err, path));
    assert_true(has(t, "d", "X"));
    free(err);
    scores_free(t);
    free(path);
    free(file);
}

static void test_read_only_dir(void **state)
{
    if (geteuid() == 0) {
        /* root writes anyway; test_rename_error and test_path_under_a_file cover the ground */
        skip();
    }
    size_t klen;
    char *path = known_file(state, &klen);
    char *old = slurp(path, NULL);
    assert_int_equal(chmod(*state, 0500), 0);
    scores *t = scores_new();
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "NEW", 5, &err), -1);
    assert_non_null(strstr(err, strerror(EACCES)));
    chmod(*state, 0700);
    char *now = slurp(path, NULL);
    assert_string_equal(old, now);
    free(err);
    free(old);
    free(now);
    scores_free(t);
    free(path);
}

static void test_corrupt_file_moved_aside(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    const char damaged[] = "# quizblitz scores v1\n"
                           "d\tGOODA\t100\t1\t2\t1\t2026-11-18T11:06:40Z\n"
                           "\x00\xff garbage\tline\n"
                           "d\tGOODB\t200\t1\t2\t1\t2026-11-18T11:06:40Z\n"
                           "d\tHALF\t12";
    spit(path, damaged, sizeof damaged - 1);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, &notice), 0);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "moved aside"));
    assert_null(strchr(notice, '\n'));
    /* the damaged bytes are kept as they were */
    char *aside = find_name(*state, "scores.tsv.corrupt-");
    assert_non_null(aside);
    assert_non_null(strstr(notice, aside));
    size_t alen;
    char *kept = slurp(aside, &alen);
    assert_int_equal(alen, sizeof damaged - 1);
    assert_memory_equal(kept, damaged, alen);
    /* every good line is in the table, and the file now holds just them */
    assert_int_equal(scores_count(t), 2);
    assert_true(has(t, "d", "GOODA"));
    assert_true(has(t, "d", "GOODB"));
    free(notice);
    notice = NULL;
    scores *u = scores_new();
    assert_int_equal(scorefile_load(path, u, &notice), 0);
    assert_null(notice);
    assert_int_equal(scores_count(u), 2);
    assert_int_equal(count_names(*state, ".corrupt-"), 1);
    assert_int_equal(count_names(*state, ".tmp-"), 0);
    free(kept);
    free(aside);
    scores_free(u);
    scores_free(t);
    free(path);
}

static void test_corrupt_kinds(void **state)
{
    /* each kind of damage: moved aside with the exact bytes, good lines kept */
    char big[5000];
    memset(big, 'z', sizeof big);
    const char good[] = "d\tGOOD\t100\t1\t2\t1\t2026-11-18T11:06:40Z\n";
    struct {
        const char *what;
        const char *head;
        size_t headlen;
        int has_good;
    } kinds[] = {
        {"empty", "", 0, 0},
        {"binary", "\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe", 12, 0},
        {"half a header", "# quizblitz sco", 15, 0},
        {"wrong version", "# quizblitz scores v9\n", 22, 1},
        {"foreign", "[section]\nkey=value\n", 20, 1},
        {"long line", big, sizeof big, 1},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char *dir = xasprintf("%s/k%zu", (const char *)*state, i);
        assert_int_equal(mkdir(dir, 0700), 0);
        char *path = xasprintf("%s/scores.tsv", dir);
        strbuf b = {0};
        sb_append(&b, kinds[i].head, kinds[i].headlen);
        if (kinds[i].has_good) {
            if (kinds[i].head == big)
                sb_puts(&b, "\n");
            sb_puts(&b, good);
        }
        spit(path, b.s ? b.s : "", b.len);
        scores *t = scores_new();
        char *notice = NULL;
        assert_int_equal(scorefile_load(path, t, &notice), 0);
        if (!notice || !strstr(notice, "moved aside"))
            fail_msg("%s: notice %s", kinds[i].what, notice ? notice : "(none)");
        assert_int_equal(scores_count(t), kinds[i].has_good);
        char *aside = find_name(dir, ".corrupt-");
        assert_non_null(aside);
        size_t alen;
        char *kept = slurp(aside, &alen);
        assert_int_equal(alen, b.len);
        if (alen)
            assert_memory_equal(kept, b.s, alen);
        /* the rewritten file loads clean */
        free(notice);
        notice = NULL;
        scores *u = scores_new();
        assert_int_equal(scorefile_load(path, u, &notice), 0);
        assert_null(notice);
        assert_int_equal(scores_count(u), kinds[i].has_good);
        scores_free(u);
        free(kept);
        free(aside);
        sb_free(&b);
        scores_free(t);
        free(path);
        free(dir);
    }
}

static void test_corrupt_copy_name_taken(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    /* occupy the names of this second and the next few */
    time_t now = time(NULL);
    for (int k = 0; k < 4; k++) {
        time_t s = now + k;
        struct tm tm;
        localtime_r(&s, &tm);
        char name[64];
        strftime(name, sizeof name, "scores.tsv.corrupt-%Y%m%d-%H%M%S", &tm);
        char *p = in_dir(state, name);
        spit(p, "older copy", 10);
        free(p);
    }
    spit(path, "junk\n", 5);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, &notice), 0);
    assert_non_null(strstr(notice, "moved aside"));
    /* the older copies are untouched, the new one has a suffix */
    assert_int_equal(count_names(*state, ".corrupt-"), 5);
    DIR *d = opendir(*state);
    assert_non_null(d);
    int older = 0, fresh = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!strstr(de->d_name, ".corrupt-"))
            continue;
        char *p = in_dir(state, de->d_name);
        char *kept = slurp(p, NULL);
        if (!strcmp(kept, "older copy")) {
            older++;
        } else {
            assert_string_equal(kept, "junk\n");
            size_t n = strlen(de->d_name);
            assert_string_equal(de->d_name + n - 2, "-1");
            fresh++;
        }
        free(kept);
        free(p);
    }
    closedir(d);
    assert_int_equal(older, 4);
    assert_int_equal(fresh, 1);
    free(notice);
    scores_free(t);
    free(path);
}

static void test_corrupt_not_rewritable(void **state)
{
    /* the copy is made but the rewrite fails: the entries are in use, the file stays, and a
     * second load does not pile up a second identical copy */
    char *path = in_dir(state, "scores.tsv");
    const char damaged[] = "# quizblitz scores v1\nd\tGOOD\t1\t0\t0\t0\t2026-11-18T11:06:40Z\njunk\n";
    spit(path, damaged, sizeof damaged - 1);
    fail_on(3, EPERM, 0);
    for (int k = 0; k < 2; k++) {
        scores *t = scores_new();
        char *notice = NULL;
        assert_int_equal(scorefile_load(path, t, &notice), 0);
        assert_non_null(strstr(notice, "could not rewrite"));
        assert_int_equal(scores_count(t), 1);
        free(notice);
        scores_free(t);
    }
    assert_int_equal(count_names(*state, ".corrupt-"), 1);
    char *now = slurp(path, NULL);
    assert_string_equal(now, damaged);
    free(now);
    /* the copy cannot be written at all: the file is left as it is, and a save refuses to drop
     * its bad lines */
    char *aside = find_name(*state, ".corrupt-");
    unlink(aside);
    free(aside);
    fail_on(0, ENOSPC, 0);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, &notice), 0);
    assert_non_null(strstr(notice, "could not keep a copy"));
    assert_int_equal(scores_count(t), 1);
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "NEW", 5, &err), -1);
    assert_non_null(strstr(err, strerror(ENOSPC)));
    now = slurp(path, NULL);
    assert_string_equal(now, damaged);
    assert_int_equal(count_names(*state, ".corrupt-"), 0);
    assert_int_equal(count_names(*state, ".tmp-"), 0);
    free(now);
    free(err);
    free(notice);
    scores_free(t);
    /* when the disk has room again, the save keeps a copy and rewrites */
    scorefile_set_io_hooks(NULL);
    t = scores_new();
    err = NULL;
    assert_int_equal(save_one(path, t, "d", "NEW", 5, &err), 0);
    assert_int_equal(scores_count(t), 2);
    assert_int_equal(count_names(*state, ".corrupt-"), 1);
    scores_free(t);
    free(path);
}

static void test_oversized_file(void **state)
{
    /* 17 MB: the first 16 MB are read, good entries in them kept, the file moved aside */
    char *path = in_dir(state, "scores.tsv");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("# quizblitz scores v1\nd\tFIRST\t10\t1\t2\t1\t2026-11-18T11:06:40Z\n", f);
    char line[128];
    memset(line, '#', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    for (int i = 0; i < (17 << 20) / (int)sizeof line; i++)
        fwrite(line, 1, sizeof line, f);
    fputs("d\tBEYOND\t10\t1\t2\t1\t2026-11-18T11:06:40Z\n", f);
    assert_int_equal(fclose(f), 0);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, &notice), 0);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "moved aside"));
    assert_non_null(strstr(notice, "16 MB"));
    assert_true(has(t, "d", "FIRST"));
    assert_false(has(t, "d", "BEYOND"));
    char *aside = find_name(*state, ".corrupt-");
    struct stat st;
    assert_int_equal(stat(aside, &st), 0);
    assert_true(st.st_size > (16 << 20));
    free(aside);
    free(notice);
    scores_free(t);
    free(path);
}

static void test_reset_deck(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    char *err = NULL;
    assert_int_equal(scorefile_reset_deck(path, "d", &err), 0);
    assert_int_equal(access(path, F_OK), -1);
    scores *t = scores_new();
    for (int i = 0; i < 3; i++)
        assert_int_equal(save_one(path, t, "virtualization", "V", 10 + i, &err), 0);
    assert_int_equal(save_one(path, t, "other", "O", 5, &err), 0);
    size_t len0;
    char *before = slurp(path, &len0);
    /* nothing to remove: no backup, no rewrite */
    assert_int_equal(scorefile_reset_deck(path, "nope", &err), 0);
    assert_int_equal(count_names(*state, ".bak-"), 0);
    /* a deck named by its file name, as a person may type it */
    assert_int_equal(scorefile_reset_deck(path, "cards/virtualization.md", &err), 3);
    assert_null(err);
    char *bak = find_name(*state, "scores.tsv.bak-");
    assert_non_null(bak);
    size_t blen;
    char *saved = slurp(bak, &blen);
    assert_int_equal(blen, len0);
    assert_memory_equal(saved, before, len0);
    scores *u = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, u, &notice), 0);
    assert_int_equal(scores_count(u), 1);
    assert_true(has(u, "other", "O"));
    /* a failing backup: nothing removed */
    fail_on(0, ENOSPC, 0);
    assert_int_equal(scorefile_reset_deck(path, "other", &err), -1);
    assert_non_null(strstr(err, strerror(ENOSPC)));
    scorefile_set_io_hooks(NULL);
    scores *w = scores_new();
    assert_int_equal(scorefile_load(path, w, &notice), 0);
    assert_int_equal(scores_count(w), 1);
    free(err);
    free(saved);
    free(bak);
    free(before);
    scores_free(w);
    scores_free(u);
    scores_free(t);
    free(path);
}

static void test_symlink_followed(void **state)
{
    char *shared = in_dir(state, "shared");
    assert_int_equal(mkdir(shared, 0700), 0);
    char *target = in_dir(state, "shared/scores.tsv");
    char *link = in_dir(state, "scores.tsv");
    /* relative link, as a person would make it */
    assert_int_equal(symlink("shared/scores.tsv", link), 0);
    scores *t = scores_new();
    char *err = NULL;
    /* a dangling link: the save creates its target */
    assert_int_equal(save_one(link, t, "d", "ONE", 1, &err), 0);
    assert_int_equal(save_one(link, t, "d", "TWO", 2, &err), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    scores *u = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(target, u, &notice), 0);
    assert_int_equal(scores_count(u), 2);
    /* the lock and temporary files live next to the real file */
    assert_int_equal(count_names(shared, "scores.tsv.lock"), 1);
    scores_free(u);
    scores_free(t);
    free(link);
    free(target);
    free(shared);
}

static void test_mode_kept_and_stale_temps_removed(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "A", 1, &err), 0);
    assert_int_equal(chmod(path, 0600), 0);
    /* left over by a copy killed mid-save */
    char *stale = in_dir(state, "scores.tsv.tmp-99999");
    spit(stale, "half", 4);
    char *other = in_dir(state, "scores.tsv.tmp-notapid");
    spit(other, "keep", 4);
    assert_int_equal(save_one(path, t, "d", "B", 2, &err), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(access(stale, F_OK), -1);
    assert_int_equal(access(other, F_OK), 0);
    free(other);
    free(stale);
    scores_free(t);
    free(path);
}

static void test_null_out_params(void **state)
{
    /* callers that do not want the messages may pass NULL */
    char *path = in_dir(state, "scores.tsv");
    spit(path, "junk\n", 5);
    scores *t = scores_new();
    assert_int_equal(scorefile_load(path, t, NULL), 0);
    score_entry e = entry("d", "A", 1, T0);
    assert_int_equal(scorefile_add(path, t, &e, 1, NULL), 0);
    assert_int_equal(scorefile_reset_deck(path, "d", NULL), 1);
    fail_on(0, EIO, 0);
    assert_int_equal(scorefile_add(path, t, &e, 1, NULL), -1);
    scores_free(t);
    free(path);
}

#define T(f) cmocka_unit_test_setup_teardown(f, make_dir, remove_dir)

int main(void)
{
    setenv("TZ", "UTC0", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_path),
        T(test_missing_file_is_empty),
        T(test_save_creates_dirs_and_file),
        T(test_merge_with_other_copy),
        T(test_no_duplicates_on_retry),
        T(test_full_disk_on_write),
        T(test_full_disk_late_write),
        T(test_fsync_error),
        T(test_rename_error),
        T(test_dir_fsync_error_after_rename),
        T(test_path_is_directory),
        T(test_path_under_a_file),
        T(test_read_only_dir),
        T(test_corrupt_file_moved_aside),
        T(test_corrupt_kinds),
        T(test_corrupt_copy_name_taken),
        T(test_corrupt_not_rewritable),
        T(test_oversized_file),
        T(test_reset_deck),
        T(test_symlink_followed),
        T(test_mode_kept_and_stale_temps_removed),
        T(test_null_out_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
