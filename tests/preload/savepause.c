/* savepause.c: an LD_PRELOAD library for the kill -9 tests of the score file
 * (tests/e2e/test_scorefile.py). It holds a real, unmodified program (build/quizblitz, or
 * scoresave, both built from the same src/core/scorefile.c) at one step of a save, so the test
 * can kill it -9 right there: the production code has no pause and no test switch in it, and
 * what the test kills is the save path players run.
 *
 * Built as a shared object (-fPIC -shared -ldl); each wrapper calls the real function found with
 * dlsym(RTLD_NEXT). Without QB_TEST_SAVE_PAUSE it only passes calls through. Settings:
 *   QB_TEST_SAVE_PAUSE=MS     how long to pause, in milliseconds
 *   QB_TEST_SAVE_PAUSE_AT=P   where (once per process):
 *     locked   flock(LOCK_EX) has succeeded: the lock is held, nothing written yet
 *     written  the first write() to a temporary file (a name holding ".tmp-") has written half
 *              of its bytes (the rest follows the pause: scorefile.c's write loop asks again)
 *     rename   before rename() of a temporary file over the score file (the default)
 *     renamed  after that rename, before the directory is fsynced
 *     aside    after link() to a ".corrupt-" name: a damaged file kept, not yet rewritten
 *     backup   after link() to a ".bak-" name: a reset's backup made, not yet rewritten
 *     outbox2  before the second rename() of a temporary file over a fleet outbox (a name ending
 *              in ".outbox"): the first added the entries, the second strikes those the server
 *              has acknowledged, so this is between the INSERT and the outbox's update
 * It writes "PAUSE\n" to stderr when it pauses. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

/* 1 once the pause has happened (it happens once per process) */
static int paused;

/* The real function `name` into the function pointer fp, or abort: a missing libc symbol is a
 * broken test setup. (memcpy: ISO C has no cast from dlsym's object pointer to a function.) */
#define REAL(fp, name)                                                                             \
    do {                                                                                           \
        void *sym_ = dlsym(RTLD_NEXT, name);                                                       \
        if (!sym_)                                                                                 \
            abort();                                                                               \
        memcpy(&(fp), &sym_, sizeof(fp));                                                          \
    } while (0)

/* 1 if the pause is set for `point` and has not happened yet. */
static int armed(const char *point)
{
    if (paused)
        return 0;
    const char *ms = getenv("QB_TEST_SAVE_PAUSE");
    if (!ms || !*ms)
        return 0;
    const char *at = getenv("QB_TEST_SAVE_PAUSE_AT");
    return strcmp(at && *at ? at : "rename", point) == 0;
}

static void pause_here(void)
{
    ssize_t (*w)(int, const void *, size_t);
    REAL(w, "write");
    paused = 1;
    long n = strtol(getenv("QB_TEST_SAVE_PAUSE"), NULL, 10);
    if (w(2, "PAUSE\n", 6) < 0)
        return;
    struct timespec ts = {n / 1000, (n % 1000) * 1000000L};
    while (n > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* 1 if fd is open on a file whose name holds `part`. */
static int fd_names(int fd, const char *part)
{
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0)
        return 0;
    path[n] = 0;
    return strstr(path, part) != NULL;
}

int flock(int fd, int op)
{
    int (*f)(int, int);
    REAL(f, "flock");
    int rc = f(fd, op);
    if (rc == 0 && (op & LOCK_EX) && armed("locked"))
        pause_here();
    return rc;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t (*f)(int, const void *, size_t);
    REAL(f, "write");
    if (n >= 2 && armed("written") && fd_names(fd, ".tmp-")) {
        ssize_t w = f(fd, buf, n / 2);
        if (w > 0)
            pause_here();
        return w;
    }
    return f(fd, buf, n);
}

int rename(const char *from, const char *to)
{
    int (*f)(const char *, const char *);
    REAL(f, "rename");
    int tmp = strstr(from, ".tmp-") != NULL;
    static int outbox_renames;
    size_t tl = strlen(to);
    if (tmp && tl > 7 && !strcmp(to + tl - 7, ".outbox") && ++outbox_renames == 2 && armed("outbox2"))
        pause_here();
    if (tmp && armed("rename"))
        pause_here();
    int rc = f(from, to);
    if (rc == 0 && tmp && armed("renamed"))
        pause_here();
    return rc;
}

int link(const char *from, const char *to)
{
    int (*f)(const char *, const char *);
    REAL(f, "link");
    int rc = f(from, to);
    if (rc == 0 && ((strstr(to, ".corrupt-") && armed("aside")) || (strstr(to, ".bak-") && armed("backup"))))
        pause_here();
    return rc;
}
