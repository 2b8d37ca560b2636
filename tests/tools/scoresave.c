/* scoresave.c: a small command-line driver of scorefile.c for the end-to-end fault tests
 * (tests/e2e/test_scorefile.py): saves many entries one save at a time so a test can kill it
 * mid-save, run two at once, or make a system call fail on demand.
 *
 *   scoresave [OPTIONS] FILE DECK N NAMEPREFIX
 *       adds entries 0..N-1, one scorefile_add() each, printing "saved I" after each success.
 *       Entry I: deck "DECK-I" (or DECK with --same-deck), name NAMEPREFIX followed by I,
 *       score BASE+I, right I%11 of 10, best streak right/2, time WHEN+I.
 *       --same-deck       every entry in DECK
 *       --score BASE      first score (default 1000)
 *       --when T          first time, Unix seconds (default 1795000000, 2026-11-18)
 *       --batch           all N entries in one scorefile_add() call
 *       --tie             every entry the same score BASE, time WHEN, right and streak (only
 *                         the name differs: different players tying to the second)
 *       --fail OP:ERR[:NTH]  make OP (write, fsync, fsyncdir, rename, link) fail with errno ERR
 *                         (ENOSPC, EIO, EPERM, EACCES, EROFS, EINTR or a number) on its NTH
 *                         call (1-based; 0 or none = every call); may be given for several ops
 *   scoresave --list FILE     parses only (no lock, no repair): the table in the file format on
 *                             stdout, "bad N" on stderr; exit 2 when there are bad lines
 *   scoresave --load FILE     scorefile_load(): the notice on stderr, the table on stdout;
 *                             exit 1 when it fails
 *   scoresave --reset FILE DECK [KEEP]   scorefile_reset(); prints "removed N" and "backup PATH"
 * (--load and --reset hand scorefile.c the wall clock, as the game does; a save's copies are
 * named by its entries' time.)
 * Exit 1 on a failed save (the reason on stderr), 64 on a bad command line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scorefile.h"
#include "scores.h"

/* per op (write, fsync, fsyncdir, rename, link): the errno it fails with (0: it does not), on
 * which call (0 = all), and the calls seen */
static int fail_errno[5];
static long fail_nth[5];
static long calls[5];

static int should_fail(int op)
{
    calls[op]++;
    return fail_errno[op] && (fail_nth[op] == 0 || calls[op] == fail_nth[op]);
}

static ssize_t hook_write(int fd, const void *buf, size_t n)
{
    if (should_fail(0)) {
        errno = fail_errno[0];
        return -1;
    }
    return write(fd, buf, n);
}

static int hook_fsync(int fd)
{
    if (should_fail(1)) {
        errno = fail_errno[1];
        return -1;
    }
    return fsync(fd);
}

static int hook_fsync_dir(int fd)
{
    if (should_fail(2)) {
        errno = fail_errno[2];
        return -1;
    }
    return fsync(fd);
}

static int hook_rename(const char *from, const char *to)
{
    if (should_fail(3)) {
        errno = fail_errno[3];
        return -1;
    }
    return rename(from, to);
}

static int hook_link(const char *from, const char *to)
{
    if (should_fail(4)) {
        errno = fail_errno[4];
        return -1;
    }
    return link(from, to);
}

static int usage(void)
{
    fprintf(stderr, "usage: scoresave [--same-deck] [--score BASE] [--when T] [--batch] [--tie] "
                    "[--fail OP:ERR[:NTH]] FILE DECK N NAMEPREFIX\n"
                    "       scoresave --list FILE | --load FILE | --reset FILE DECK [KEEP]\n");
    return 64;
}

static int parse_fail(const char *spec)
{
    static const char *ops[5] = {"write", "fsync", "fsyncdir", "rename", "link"};
    char op[16];
    const char *colon = strchr(spec, ':');
    if (!colon || (size_t)(colon - spec) >= sizeof op)
        return -1;
    memcpy(op, spec, (size_t)(colon - spec));
    op[colon - spec] = 0;
    int fail_op = -1;
    for (int i = 0; i < 5; i++)
        if (!strcmp(op, ops[i]))
            fail_op = i;
    if (fail_op < 0)
        return -1;
    const char *e = colon + 1;
    static const struct {
        const char *name;
        int value;
    } names[] = {{"ENOSPC", ENOSPC}, {"EIO", EIO}, {"EPERM", EPERM}, {"EACCES", EACCES}, {"EROFS", EROFS}, {"EINTR", EINTR}};
    int en = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strncmp(e, names[i].name, strlen(names[i].name)))
            en = names[i].value;
    if (!en)
        en = atoi(e);
    if (en <= 0)
        return -1;
    const char *nth = strchr(e, ':');
    fail_errno[fail_op] = en;
    fail_nth[fail_op] = nth ? atol(nth + 1) : 0;
    scorefile_io io = {hook_write, hook_fsync, hook_fsync_dir, hook_rename, hook_link};
    scorefile_set_io_hooks(&io);
    return 0;
}

static void print_table(const scores *t)
{
    size_t len;
    char *text = scores_serialize(t, &len);
    fwrite(text, 1, len, stdout);
    free(text);
}

static int cmd_list(const char *file)
{
    char *buf;
    size_t len;
    int e = read_file(file, 0, &buf, &len);
    if (e) {
        fprintf(stderr, "scoresave: %s: %s\n", file, strerror(e));
        return 1;
    }
    scores *t = scores_new();
    diag_list dl = {0};
    int bad = scores_parse(t, file, buf, len, &dl);
    print_table(t);
    diag_print(&dl, stderr);
    fprintf(stderr, "bad %d\n", bad);
    diag_free(&dl);
    scores_free(t);
    free(buf);
    return bad ? 2 : 0;
}

static int cmd_load(const char *file)
{
    scores *t = scores_new();
    char *notice = NULL;
    int rc = scorefile_load(file, t, (int64_t)time(NULL), &notice);
    if (notice)
        fprintf(stderr, "%s\n", notice);
    print_table(t);
    free(notice);
    scores_free(t);
    return rc ? 1 : 0;
}

static int cmd_reset(const char *file, const char *deck, int keep)
{
    char *err = NULL, *bak = NULL;
    int n = scorefile_reset(file, deck, keep, (int64_t)time(NULL), &bak, &err);
    if (n < 0) {
        fprintf(stderr, "scoresave: %s\n", err ? err : "reset failed");
        free(err);
        return 1;
    }
    printf("removed %d\n", n);
    if (bak)
        printf("backup %s\n", bak);
    free(bak);
    return 0;
}

int main(int argc, char **argv)
{
    int same_deck = 0, batch = 0, tie = 0;
    long base = 1000;
    long long when = 1795000000LL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--list") && i + 1 < argc)
            return cmd_list(argv[i + 1]);
        if (!strcmp(a, "--load") && i + 1 < argc)
            return cmd_load(argv[i + 1]);
        if (!strcmp(a, "--reset") && i + 2 < argc)
            return cmd_reset(argv[i + 1], argv[i + 2], i + 3 < argc ? atoi(argv[i + 3]) : 0);
        if (!strcmp(a, "--same-deck")) {
            same_deck = 1;
        } else if (!strcmp(a, "--batch")) {
            batch = 1;
        } else if (!strcmp(a, "--tie")) {
            tie = 1;
        } else if (!strcmp(a, "--score") && i + 1 < argc) {
            base = atol(argv[++i]);
        } else if (!strcmp(a, "--when") && i + 1 < argc) {
            when = atoll(argv[++i]);
        } else if (!strcmp(a, "--fail") && i + 1 < argc) {
            if (parse_fail(argv[++i]) != 0)
                return usage();
        } else {
            return usage();
        }
    }
    if (argc - i != 4)
        return usage();
    const char *file = argv[i], *deck = argv[i + 1], *prefix = argv[i + 3];
    int n = atoi(argv[i + 2]);
    if (n < 0)
        return usage();
    score_entry *es = xcalloc((size_t)(n ? n : 1), sizeof *es);
    for (int k = 0; k < n; k++) {
        score_entry *e = &es[k];
        if (same_deck)
            snprintf(e->deck, sizeof e->deck, "%s", deck);
        else
            snprintf(e->deck, sizeof e->deck, "%.40s-%d", deck, k);
        snprintf(e->name, sizeof e->name, "%.6s%d", prefix, k);
        e->score = (int32_t)(base + (tie ? 0 : k));
        e->total = 10;
        e->right = tie ? 7 : k % 11;
        e->best_streak = e->right / 2;
        e->when = (int64_t)when + (tie ? 0 : k);
    }
    scores *t = scores_new();
    int rc = 0;
    for (int k = 0; k < n; k += batch ? n : 1) {
        char *err = NULL;
        if (scorefile_add(file, t, &es[k], batch ? n : 1, &err) != 0) {
            fprintf(stderr, "scoresave: %s\n", err ? err : "save failed");
            free(err);
            rc = 1;
            break;
        }
        printf("saved %d\n", batch ? n - 1 : k);
        fflush(stdout);
    }
    scores_free(t);
    free(es);
    return rc;
}
