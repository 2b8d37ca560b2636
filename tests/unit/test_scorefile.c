/* test_scorefile.c: unit tests of the score file on disk: the default path, saving through a
 * temporary file (the order of write, fsync, rename and directory fsync as the hooked system
 * calls show it; new directories synced; the temporary file's mode), merging with another
 * running copy (retries and ties), failing system calls (made to fail on demand through the I/O
 * hooks: ENOSPC, EIO, EPERM, EINTR, no hard links) that must leave the old file intact, a
 * read-only directory (as the user nobody when run as root), damaged files moved aside (by hard
 * link or copy), resets with a backup and a kept champion, symlinks and chains of them, and the
 * size limit for reading and for writing. */
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scorefile.h"
#include "scores.h"

/* 2026-11-18T11:06:40Z */
#define T0 INT64_C(1795000000)
/* the wall clock the tests hand scorefile.c: the names of kept copies and backups follow from it */
#define NOW (T0 + 86400)

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
    const char *tmp = getenv("TMPDIR");
    char *d = mkdtemp(xasprintf("%s/qb-scorefile-XXXXXX", tmp && *tmp ? tmp : "/tmp"));
    assert_non_null(d);
    *state = d;
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

/* ---- failure injection, and a log of the calls ---- */

enum { OP_WRITE, OP_FSYNC, OP_FSYNC_DIR, OP_RENAME, OP_LINK, NOPS };

/* per op: the errno to fail with (0: never), on which call (0: every call), calls seen */
static int fail_errno[NOPS];
static int fail_nth[NOPS];
static int calls[NOPS];
/* a short write at most this long (0: whole writes), so the loop that finishes partial writes
 * is exercised */
static size_t short_write = 7;

/* One call as the hooks saw it: the op, the inode of its descriptor (write, fsync, fsync_dir) or
 * of its source (rename, link), the mode of the descriptor's file, and the paths. */
typedef struct call {
    int op;
    ino_t ino;
    mode_t mode;
    char from[512];
    char to[512];
} call;
#define MAX_LOG 4096
static call calllog[MAX_LOG];
static int nlog;

static void log_fd(int op, int fd)
{
    call c;
    memset(&c, 0, sizeof c);
    c.op = op;
    struct stat fst;
    if (fstat(fd, &fst) == 0) {
        c.ino = fst.st_ino;
        c.mode = fst.st_mode & 07777;
    }
    if (nlog < MAX_LOG)
        calllog[nlog++] = c;
}

static void log_paths(int op, const char *from, const char *to)
{
    call c;
    memset(&c, 0, sizeof c);
    c.op = op;
    struct stat fst;
    if (stat(from, &fst) == 0)
        c.ino = fst.st_ino;
    snprintf(c.from, sizeof c.from, "%s", from);
    snprintf(c.to, sizeof c.to, "%s", to);
    if (nlog < MAX_LOG)
        calllog[nlog++] = c;
}

static int should_fail(int op)
{
    calls[op]++;
    return fail_errno[op] && (fail_nth[op] == 0 || calls[op] == fail_nth[op]);
}

static ssize_t hook_write(int fd, const void *buf, size_t n)
{
    log_fd(OP_WRITE, fd);
    if (should_fail(OP_WRITE)) {
        errno = fail_errno[OP_WRITE];
        return -1;
    }
    return write(fd, buf, short_write && n > short_write ? short_write : n);
}

static int hook_fsync(int fd)
{
    log_fd(OP_FSYNC, fd);
    if (should_fail(OP_FSYNC)) {
        errno = fail_errno[OP_FSYNC];
        return -1;
    }
    return fsync(fd);
}

static int hook_fsync_dir(int fd)
{
    log_fd(OP_FSYNC_DIR, fd);
    if (should_fail(OP_FSYNC_DIR)) {
        errno = fail_errno[OP_FSYNC_DIR];
        return -1;
    }
    return fsync(fd);
}

static int hook_rename(const char *from, const char *to)
{
    log_paths(OP_RENAME, from, to);
    if (should_fail(OP_RENAME)) {
        errno = fail_errno[OP_RENAME];
        return -1;
    }
    return rename(from, to);
}

static int hook_link(const char *from, const char *to)
{
    log_paths(OP_LINK, from, to);
    if (should_fail(OP_LINK)) {
        errno = fail_errno[OP_LINK];
        return -1;
    }
    return link(from, to);
}

/* Installs the hooks with nothing failing, and clears the log. */
static void hooks_on(void)
{
    memset(fail_errno, 0, sizeof fail_errno);
    memset(fail_nth, 0, sizeof fail_nth);
    memset(calls, 0, sizeof calls);
    nlog = 0;
    short_write = 7;
    scorefile_io io = {hook_write, hook_fsync, hook_fsync_dir, hook_rename, hook_link};
    scorefile_set_io_hooks(&io);
}

/* Makes op fail with err on its nth call (0: every call), and nothing else. */
static void fail_on(int op, int err, int nth)
{
    hooks_on();
    fail_errno[op] = err;
    fail_nth[op] = nth;
}

/* Makes op fail too, keeping what fail_on set. */
static void fail_also(int op, int err, int nth)
{
    fail_errno[op] = err;
    fail_nth[op] = nth;
    calls[op] = 0;
}

static ino_t ino_of(const char *path)
{
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    return st.st_ino;
}

/* Index of the first logged call of op at or after from (with inode ino unless 0), or -1. */
static int find_call(int op, ino_t ino, int from)
{
    for (int i = from < 0 ? 0 : from; i < nlog; i++)
        if (calllog[i].op == op && (!ino || calllog[i].ino == ino))
            return i;
    return -1;
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
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
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
    assert_int_equal(scorefile_load(path, u, NOW, &notice), 0);
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
    assert_int_equal(scorefile_load(path, a, NOW, &err), 0);
    assert_int_equal(scorefile_load(path, b, NOW, &err), 0);
    assert_int_equal(save_one(path, a, "d", "FROMA", 100, &err), 0);
    assert_int_equal(save_one(path, b, "d", "FROMB", 200, &err), 0);
    /* b's save re-read the file: it holds a's entry too, and so does b's table */
    assert_true(has(b, "d", "FROMA"));
    assert_true(has(b, "d", "FROMB"));
    assert_false(has(a, "d", "FROMB"));
    assert_int_equal(save_one(path, a, "e", "AGAIN", 1, &err), 0);
    assert_true(has(a, "d", "FROMB"));
    scores *c = scores_new();
    assert_int_equal(scorefile_load(path, c, NOW, &err), 0);
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
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
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
    assert_int_equal(scorefile_load(path, u, NOW, &notice), 0);
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
    expect_failure_keeps_old(state, OP_WRITE, ENOSPC, 1, strerror(ENOSPC));
}

static void test_full_disk_late_write(void **state)
{
    /* the second half of the file fails: a partial temporary file must not survive */
    expect_failure_keeps_old(state, OP_WRITE, ENOSPC, 20, strerror(ENOSPC));
}

static void test_fsync_error(void **state)
{
    expect_failure_keeps_old(state, OP_FSYNC, EIO, 1, strerror(EIO));
}

static void test_rename_error(void **state)
{
    expect_failure_keeps_old(state, OP_RENAME, EPERM, 1, strerror(EPERM));
}

static void test_dir_fsync_error_after_rename(void **state)
{
    /* the new file is in place but may not survive a power cut: say so (-1), keep the entry
     * pending; the retry finds it saved and adds no duplicate */
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    fail_on(OP_FSYNC_DIR, EIO, 1);
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "X", 5, &err), -1);
    assert_non_null(strstr(err, strerror(EIO)));
    assert_int_equal(scores_count(t), 1);
    size_t len0;
    char *saved = slurp(path, &len0);
    assert_non_null(strstr(saved, "\tX\t5\t"));
    free(err);
    err = NULL;
    /* the retry finds nothing new to write, but the rename is still not known to be durable:
     * it syncs the directory again, and fails while that fails */
    fail_on(OP_FSYNC_DIR, EIO, 0);
    assert_int_equal(save_one(path, t, "d", "X", 5, &err), -1);
    assert_non_null(strstr(err, strerror(EIO)));
    assert_non_null(strstr(err, "syncing the directory"));
    free(err);
    err = NULL;
    hooks_on();
    assert_int_equal(save_one(path, t, "d", "X", 5, &err), 0);
    assert_true(find_call(OP_FSYNC_DIR, ino_of(*state), 0) >= 0);
    /* the file was not rewritten, and holds X once */
    assert_int_equal(find_call(OP_RENAME, 0, 0), -1);
    size_t len1;
    char *again = slurp(path, &len1);
    assert_int_equal(len0, len1);
    assert_memory_equal(saved, again, len0);
    free(saved);
    free(again);
    assert_int_equal(scores_count(t), 1);
    /* a filesystem that cannot sync directories at all is not an error */
    fail_on(OP_FSYNC_DIR, EINVAL, 0);
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
    assert_int_equal(scorefile_load(path, t, NOW, &notice), -1);
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
    assert_int_equal(scorefile_load(path, t, NOW, &notice), -1);
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

/* This program's own path (argv[0]): a test that must not run as root runs it again. */
static const char *self_path;

/* Runs this program again as `test_scorefile --save-as-nobody PATH`, which saves to PATH as the
 * user nobody (root writes into read-only directories, so a test of one must not run as root;
 * a new program, not a fork, so a leak checker does not take the test's own memory for lost).
 * Returns its exit status, or -1. */
static int save_as_nobody(const char *path)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl(self_path, self_path, "--save-as-nobody", path, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The other side: 0 when the save failed with "Permission denied" and the entry is in the
 * table, 1 when it did not, 2 when the privileges could not be dropped. */
static int save_denied(const char *path)
{
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
        return 2;
    scores *t = scores_new();
    char *err = NULL;
    score_entry e = entry("d", "NEW", 5, T0);
    int rc = scorefile_add(path, t, &e, 1, &err);
    int ok = rc == -1 && err && strstr(err, strerror(EACCES)) && strstr(err, path) && has(t, "d", "NEW");
    if (!ok)
        fprintf(stderr, "save_denied: rc %d, err %s\n", rc, err ? err : "(none)");
    free(err);
    scores_free(t);
    return ok ? 0 : 1;
}

static void test_read_only_dir(void **state)
{
    /* root writes into read-only directories: then the save runs as nobody */
    size_t klen;
    char *path = known_file(state, &klen);
    char *old = slurp(path, NULL);
    assert_int_equal(chmod(*state, 0555), 0);
    assert_int_equal(chmod(path, 0644), 0);
    char *lock = xasprintf("%s.lock", path);
    assert_int_equal(chmod(lock, 0644), 0);
    assert_int_equal(save_as_nobody(path), 0);
    chmod(*state, 0700);
    char *now = slurp(path, NULL);
    assert_string_equal(old, now);
    assert_int_equal(count_names(*state, ".tmp-"), 0);
    free(lock);
    free(old);
    free(now);
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
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
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
    assert_int_equal(scorefile_load(path, u, NOW, &notice), 0);
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
        assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
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
        assert_int_equal(scorefile_load(path, u, NOW, &notice), 0);
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
    time_t now = (time_t)NOW;
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
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
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
            /* named by the time handed in (NOW), the first free suffix */
            struct tm tm;
            localtime_r(&now, &tm);
            char want[64];
            strftime(want, sizeof want, "scores.tsv.corrupt-%Y%m%d-%H%M%S-1", &tm);
            assert_string_equal(de->d_name, want);
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

/* The core reads no clock: a load names its copy by the time handed in, a save by its newest
 * entry's time, a reset its backup by the time handed in. */
static void test_copy_names_come_from_the_callers_clock(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    const struct {
        int64_t when;
        const char *kind;
    } want[] = {{NOW, "corrupt"}, {T0 + 7, "corrupt"}, {NOW + 60, "bak"}};
    char names[3][80];
    for (int i = 0; i < 3; i++) {
        time_t w = (time_t)want[i].when;
        struct tm tm;
        localtime_r(&w, &tm);
        char stamp[32];
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        snprintf(names[i], sizeof names[i], "scores.tsv.%s-%s", want[i].kind, stamp);
    }
    scores *t = scores_new();
    char *notice = NULL;
    spit(path, "junk one\n", 9);
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
    free(notice);
    spit(path, "junk two\n", 9);
    score_entry e[2] = {entry("d", "OLDER", 10, T0 + 3), entry("d", "NEWER", 20, T0 + 7)};
    char *err = NULL;
    assert_int_equal(scorefile_add(path, t, e, 2, &err), 0);
    char *bak = NULL;
    assert_int_equal(scorefile_reset(path, "d", 0, NOW + 60, &bak, &err), 2);
    for (int i = 0; i < 3; i++) {
        char *p = in_dir(state, names[i]);
        struct stat st;
        if (stat(p, &st) != 0)
            fail_msg("no %s", names[i]);
        free(p);
    }
    assert_non_null(strstr(bak, names[2]));
    assert_int_equal(count_names(*state, ".corrupt-"), 2);
    assert_int_equal(count_names(*state, ".bak-"), 1);
    free(bak);
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
    fail_on(OP_RENAME, EPERM, 0);
    for (int k = 0; k < 2; k++) {
        scores *t = scores_new();
        char *notice = NULL;
        assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
        assert_non_null(strstr(notice, "could not rewrite"));
        assert_int_equal(scores_count(t), 1);
        free(notice);
        scores_free(t);
    }
    assert_int_equal(count_names(*state, ".corrupt-"), 1);
    char *now = slurp(path, NULL);
    assert_string_equal(now, damaged);
    free(now);
    /* the copy cannot be made at all (no hard links here, and the disk is full): the file is left
     * as it is, and a save refuses to drop its bad lines */
    char *aside = find_name(*state, ".corrupt-");
    unlink(aside);
    free(aside);
    fail_on(OP_LINK, EPERM, 0);
    fail_also(OP_WRITE, ENOSPC, 0);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
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
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
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
    assert_int_equal(scorefile_reset_deck(path, "d", NOW, &err), 0);
    assert_int_equal(access(path, F_OK), -1);
    scores *t = scores_new();
    for (int i = 0; i < 3; i++)
        assert_int_equal(save_one(path, t, "virtualization", "V", 10 + i, &err), 0);
    assert_int_equal(save_one(path, t, "other", "O", 5, &err), 0);
    size_t len0;
    char *before = slurp(path, &len0);
    /* nothing to remove: no backup, no rewrite */
    assert_int_equal(scorefile_reset_deck(path, "nope", NOW, &err), 0);
    assert_int_equal(count_names(*state, ".bak-"), 0);
    /* a deck named by its file name, as a person may type it */
    assert_int_equal(scorefile_reset_deck(path, "cards/virtualization.md", NOW, &err), 3);
    assert_null(err);
    char *bak = find_name(*state, "scores.tsv.bak-");
    assert_non_null(bak);
    size_t blen;
    char *saved = slurp(bak, &blen);
    assert_int_equal(blen, len0);
    assert_memory_equal(saved, before, len0);
    scores *u = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, u, NOW, &notice), 0);
    assert_int_equal(scores_count(u), 1);
    assert_true(has(u, "other", "O"));
    /* a failing rewrite: nothing removed, and no backup of a reset that did not happen */
    fail_on(OP_WRITE, ENOSPC, 0);
    assert_int_equal(scorefile_reset_deck(path, "other", NOW, &err), -1);
    assert_non_null(strstr(err, strerror(ENOSPC)));
    assert_int_equal(count_names(*state, ".bak-"), 1);
    free(err);
    err = NULL;
    /* a failing backup (no hard links, a full disk): nothing removed */
    fail_on(OP_LINK, EPERM, 0);
    fail_also(OP_WRITE, ENOSPC, 0);
    assert_int_equal(scorefile_reset_deck(path, "other", NOW, &err), -1);
    assert_non_null(strstr(err, strerror(ENOSPC)));
    assert_int_equal(count_names(*state, ".bak-"), 1);
    scorefile_set_io_hooks(NULL);
    scores *w = scores_new();
    assert_int_equal(scorefile_load(path, w, NOW, &notice), 0);
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
    assert_int_equal(scorefile_load(target, u, NOW, &notice), 0);
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
    assert_int_equal(scorefile_load(path, t, NOW, NULL), 0);
    score_entry e = entry("d", "A", 1, T0);
    assert_int_equal(scorefile_add(path, t, &e, 1, NULL), 0);
    assert_int_equal(scorefile_reset_deck(path, "d", NOW, NULL), 1);
    fail_on(OP_WRITE, EIO, 0);
    assert_int_equal(scorefile_add(path, t, &e, 1, NULL), -1);
    scores_free(t);
    free(path);
}

/* The order of a save, as the system calls show it: every byte goes to a new file (never to the
 * old one), that file is fsynced, then renamed over the score file, then the directory is
 * fsynced; and the file in place afterwards is the one that was synced. */
static void test_sync_order(void **state)
{
    size_t klen;
    char *path = known_file(state, &klen);
    ino_t old_ino = ino_of(path);
    scores *t = scores_new();
    hooks_on();
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "ORDER", 7, &err), 0);
    ino_t new_ino = ino_of(path);
    assert_true(new_ino != old_ino);
    /* no write and no sync ever touched the old file */
    assert_int_equal(find_call(OP_WRITE, old_ino, 0), -1);
    int w = find_call(OP_WRITE, new_ino, 0);
    int f = find_call(OP_FSYNC, new_ino, 0);
    int r = find_call(OP_RENAME, new_ino, 0);
    int d = find_call(OP_FSYNC_DIR, ino_of(*state), r);
    assert_true(w >= 0 && f > w && r > f && d > r);
    /* every write to the new file came before its fsync */
    for (int i = f; i < nlog; i++)
        assert_false(calllog[i].op == OP_WRITE && calllog[i].ino == new_ino);
    assert_string_equal(calllog[r].to, path);
    assert_non_null(strstr(calllog[r].from, ".tmp-"));
    free(err);
    scores_free(t);
    free(path);
}

/* Directories a save creates are synced into their parents, so a power cut right after the
 * first save cannot lose the new directory and the file in it. */
static void test_new_dirs_synced(void **state)
{
    char *path = in_dir(state, "a/b/scores.tsv");
    char *a = in_dir(state, "a"), *b = in_dir(state, "a/b");
    scores *t = scores_new();
    hooks_on();
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "FIRST", 1, &err), 0);
    /* "a" into the test directory, "b" into "a", the file into "b" (after the rename) */
    int top = find_call(OP_FSYNC_DIR, ino_of(*state), 0);
    int mid = find_call(OP_FSYNC_DIR, ino_of(a), 0);
    int r = find_call(OP_RENAME, 0, 0);
    int low = find_call(OP_FSYNC_DIR, ino_of(b), r);
    assert_true(top >= 0 && mid > top && r > mid && low > r);
    /* and a failing sync of a new directory fails the save (the old file: none) */
    char *path2 = in_dir(state, "c/scores.tsv");
    fail_on(OP_FSYNC_DIR, EIO, 1);
    assert_int_equal(save_one(path2, t, "d", "SECOND", 2, &err), -1);
    assert_non_null(strstr(err, strerror(EIO)));
    char *c = in_dir(state, "c/scores.tsv");
    assert_int_equal(access(c, F_OK), -1);
    free(c);
    free(err);
    free(path2);
    free(a);
    free(b);
    scores_free(t);
    free(path);
}

/* The temporary file is never readable by more people than the old file while the scores go
 * in, and the new file gets the old one's mode; a first file follows the umask. */
static void test_temp_never_wider_than_old(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    char *err = NULL;
    mode_t um = umask(077);
    hooks_on();
    assert_int_equal(save_one(path, t, "d", "A", 1, &err), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    umask(022);
    assert_int_equal(chmod(path, 0640), 0);
    hooks_on();
    assert_int_equal(save_one(path, t, "d", "B", 2, &err), 0);
    int w = find_call(OP_WRITE, 0, 0);
    assert_true(w >= 0);
    /* while written: nothing for others */
    assert_int_equal(calllog[w].mode & 07, 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    /* a person made the file read-only: it is replaced all the same, and stays read-only */
    assert_int_equal(chmod(path, 0444), 0);
    assert_int_equal(save_one(path, t, "d", "C", 3, &err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0444);
    umask(um);
    free(err);
    scores_free(t);
    free(path);
}

/* A write interrupted by a signal is retried, not taken for a failure. */
static void test_write_eintr(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    fail_on(OP_WRITE, EINTR, 1);
    char *err = NULL;
    assert_int_equal(save_one(path, t, "d", "A", 1, &err), 0);
    assert_null(err);
    scorefile_set_io_hooks(NULL);
    scores *u = scores_new();
    assert_int_equal(scorefile_load(path, u, NOW, &err), 0);
    assert_true(has(u, "d", "A"));
    scores_free(u);
    scores_free(t);
    free(path);
}

/* Two running copies saving the same entry (a retry that crossed another copy's save) keep it
 * once; two players with the same score in the same second both stay. */
static void test_two_copies_same_and_tied_entries(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    scores *a = scores_new(), *b = scores_new();
    char *err = NULL;
    score_entry same = entry("d", "SAME", 500, T0);
    assert_int_equal(scorefile_add(path, a, &same, 1, &err), 0);
    assert_int_equal(scorefile_add(path, b, &same, 1, &err), 0);
    score_entry ann = entry("d", "ANN", 700, T0 + 9), ben = entry("d", "BEN", 700, T0 + 9);
    assert_int_equal(scorefile_add(path, a, &ann, 1, &err), 0);
    assert_int_equal(scorefile_add(path, b, &ben, 1, &err), 0);
    scores *c = scores_new();
    assert_int_equal(scorefile_load(path, c, NOW, &err), 0);
    assert_int_equal(scores_count(c), 3);
    assert_true(has(c, "d", "ANN"));
    assert_true(has(c, "d", "BEN"));
    char *bytes = slurp(path, NULL);
    const char *first = strstr(bytes, "\tSAME\t");
    assert_non_null(first);
    assert_null(strstr(first + 1, "\tSAME\t"));
    free(bytes);
    scores_free(a);
    scores_free(b);
    scores_free(c);
    free(path);
}

/* A damaged file is kept as a hard link (no copy of its bytes: a big foreign file given by a
 * wrong --scores costs no disk); where hard links fail (FAT), as a byte-exact copy. */
static void test_corrupt_kept_by_link_or_copy(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    size_t n = 1 << 20;
    char *junk = xmalloc(n);
    for (size_t i = 0; i < n; i++)
        junk[i] = (char)(i * 2654435761u >> 13);
    spit(path, junk, n);
    ino_t ino = ino_of(path);
    scores *t = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
    assert_non_null(strstr(notice, "moved aside"));
    char *aside = find_name(*state, ".corrupt-");
    assert_int_equal(ino_of(aside), ino);
    assert_true(ino_of(path) != ino);
    free(notice);
    free(aside);
    rm_rf(path);
    aside = find_name(*state, ".corrupt-");
    unlink(aside);
    free(aside);
    /* no hard links here: a copy, the same bytes */
    spit(path, junk, n);
    fail_on(OP_LINK, EPERM, 0);
    notice = NULL;
    assert_int_equal(scorefile_load(path, t, NOW, &notice), 0);
    assert_non_null(strstr(notice, "moved aside"));
    aside = find_name(*state, ".corrupt-");
    assert_true(ino_of(aside) != ino_of(path));
    size_t alen;
    char *kept = slurp(aside, &alen);
    assert_int_equal(alen, n);
    assert_memory_equal(kept, junk, n);
    free(kept);
    free(aside);
    free(notice);
    free(junk);
    scores_free(t);
    free(path);
}

/* A table the reader would refuse (over the size limit: it would take the rest for damage) is
 * never written; the save fails, the old file stays, the entry is kept for the retry. */
static void test_table_too_large_not_written(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    const size_t limit = (size_t)16 << 20;
    /* long lines in many decks (an insertion prunes its own deck only) */
    char name[64] = "";
    for (int i = 0; i < SCORES_NAME_MAX_CP; i++)
        strcat(name, "\xf0\x9f\x98\x80");
    strbuf b = {0};
    sb_puts(&b, "# quizblitz scores v1\n");
    for (int d = 0; b.len < limit - 2000; d++)
        for (int k = 0; k < 10; k++)
            sb_printf(&b, "deck-%07d-with-a-rather-long-name-to-fill-the-file-quickly\t%s\t%d\t1\t2\t1\t2026-11-18T11:06:40Z\n",
                      d, name, 1000 - k);
    scores *t = scores_new();
    assert_int_equal(scores_parse(t, "big", b.s, b.len, NULL), 0);
    size_t len;
    char *text = scores_serialize(t, &len);
    assert_true(len <= limit);
    spit(path, text, len);
    scores *u = scores_new();
    char *notice = NULL;
    assert_int_equal(scorefile_load(path, u, NOW, &notice), 0);
    assert_null(notice);
    /* the file is within 2000 bytes of the limit: twenty more long lines go over it */
    score_entry e[20];
    for (int i = 0; i < 20; i++) {
        char deck[SCORES_DECK_BYTES];
        snprintf(deck, sizeof deck, "zzzz-%02u-a-new-deck-with-a-long-name-to-go-over-the-limit", (unsigned)i % 100u);
        e[i] = entry(deck, name, 5, T0);
    }
    char *err = NULL;
    assert_int_equal(scorefile_add(path, u, e, 20, &err), -1);
    if (!err || !strstr(err, "larger than"))
        fail_msg("error: %s", err ? err : "(none)");
    assert_true(has(u, e[19].deck, name));
    size_t now_len;
    char *now = slurp(path, &now_len);
    assert_int_equal(now_len, len);
    assert_memory_equal(now, text, len);
    assert_int_equal(count_names(*state, ".tmp-"), 0);
    free(now);
    free(err);
    free(text);
    sb_free(&b);
    scores_free(u);
    scores_free(t);
    free(path);
}

/* A reset can keep the grand champion, and says where the backup is. */
static void test_reset_keeps_champion(void **state)
{
    char *path = in_dir(state, "scores.tsv");
    scores *t = scores_new();
    char *err = NULL;
    assert_int_equal(save_one(path, t, "virt", "CHAMP", 900, &err), 0);
    assert_int_equal(save_one(path, t, "virt", "SECOND", 800, &err), 0);
    assert_int_equal(save_one(path, t, "virt", "THIRD", 700, &err), 0);
    char *before = slurp(path, NULL);
    char *bak = NULL;
    assert_int_equal(scorefile_reset(path, "virt", 1, NOW, &bak, &err), 2);
    assert_non_null(bak);
    assert_non_null(strstr(bak, "scores.tsv.bak-"));
    char *saved = slurp(bak, NULL);
    assert_string_equal(saved, before);
    scores *u = scores_new();
    assert_int_equal(scorefile_load(path, u, NOW, &err), 0);
    assert_int_equal(scores_count(u), 1);
    assert_true(has(u, "virt", "CHAMP"));
    /* only the champion left: nothing to remove, no second backup */
    char *bak2 = (char *)"untouched";
    assert_int_equal(scorefile_reset(path, "virt", 1, NOW, &bak2, &err), 0);
    assert_null(bak2);
    assert_int_equal(count_names(*state, ".bak-"), 1);
    /* unknown deck: 0, no backup */
    assert_int_equal(scorefile_reset(path, "nope", 0, NOW, &bak2, &err), 0);
    assert_int_equal(count_names(*state, ".bak-"), 1);
    free(saved);
    free(before);
    free(bak);
    scores_free(u);
    scores_free(t);
    free(path);
}

/* A chain of symlinks is followed to the real file, which is replaced; the links stay; a
 * dangling link's target directory is created. */
static void test_symlink_chain(void **state)
{
    char *real_dir = in_dir(state, "store/deep");
    char *link1 = in_dir(state, "scores.tsv"), *link2 = in_dir(state, "middle.tsv");
    assert_int_equal(symlink("middle.tsv", link1), 0);
    assert_int_equal(symlink("store/deep/real.tsv", link2), 0);
    scores *t = scores_new();
    char *err = NULL;
    assert_int_equal(save_one(link1, t, "d", "ONE", 1, &err), 0);
    assert_int_equal(save_one(link1, t, "d", "TWO", 2, &err), 0);
    struct stat st;
    assert_int_equal(lstat(link1, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(link2, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *real = in_dir(state, "store/deep/real.tsv");
    assert_int_equal(lstat(real, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(count_names(real_dir, "real.tsv.lock"), 1);
    assert_int_equal(count_names(*state, ".lock"), 0);
    scores *u = scores_new();
    assert_int_equal(scorefile_load(real, u, NOW, &err), 0);
    assert_int_equal(scores_count(u), 2);
    scores_free(u);
    free(real);
    scores_free(t);
    free(link1);
    free(link2);
    free(real_dir);
}

#define T(f) cmocka_unit_test_setup_teardown(f, make_dir, remove_dir)

int main(int argc, char **argv)
{
    setenv("TZ", "UTC0", 1);
    tzset();
    self_path = argv[0];
    if (argc == 3 && !strcmp(argv[1], "--save-as-nobody"))
        return save_denied(argv[2]);
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
        T(test_copy_names_come_from_the_callers_clock),
        T(test_corrupt_not_rewritable),
        T(test_oversized_file),
        T(test_reset_deck),
        T(test_symlink_followed),
        T(test_mode_kept_and_stale_temps_removed),
        T(test_null_out_params),
        T(test_sync_order),
        T(test_new_dirs_synced),
        T(test_temp_never_wider_than_old),
        T(test_write_eintr),
        T(test_two_copies_same_and_tied_entries),
        T(test_corrupt_kept_by_link_or_copy),
        T(test_table_too_large_not_written),
        T(test_reset_keeps_champion),
        T(test_symlink_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
