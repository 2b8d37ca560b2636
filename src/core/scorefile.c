/* scorefile.c: crash-safe, lock-protected storage of the high-score table on disk (POSIX).
 *
 * The real file is never opened for writing. A save writes the whole table to PATH.tmp-PID in
 * the same directory, fsyncs it, renames it over PATH (atomic: a reader, or a crash at any
 * instant, sees the complete old or the complete new file) and fsyncs the directory (so the
 * rename itself survives a power cut). Every read-modify-write holds an exclusive flock on
 * PATH.lock, a separate file that is never renamed or deleted (deleting a lock file lets two
 * processes lock two different files), so two running copies serialise their saves and each
 * re-reads and merges what the other wrote. Plain reads take no lock: the rename makes them safe.
 *
 * A score file that is a symlink (to a shared place) is followed: the temporary file, the lock,
 * and the copies live next to the file it points to, and the link itself is left alone.
 *
 * A damaged file is "moved aside" by a hard link PATH.corrupt-YYYYMMDD-HHMMSS to it (a copy
 * where the filesystem has no hard links) and then replacing PATH with its good lines by the
 * same temp-and-rename: there is never a moment without a complete score file, and the damaged
 * bytes are kept as they were. --reset-scores keeps its PATH.bak-... the same way. The names of
 * those copies carry a time the caller hands in (this module, like the whole core, reads no
 * clock); a clock that jumps only changes their names, which never collide: -1, -2... are added.
 *
 * Nothing here exists for tests but the I/O hook table (scorefile_set_io_hooks), which only a
 * test installs. The kill -9 tests pause a save from outside: tests/tools/savepause.c is an
 * LD_PRELOAD library that holds the real binary at a rename, a write, a link or a flock.
 *
 * Crash-safety in short: the bytes of a new table are fsynced before the rename that publishes
 * them, the rename is fsynced into its directory (a retry that finds nothing new to write syncs
 * it again), new directories are synced into their parents, a table the reader would refuse
 * (over SCOREFILE_MAX_BYTES) is never written, and every failure before the rename leaves the
 * old file as it was and removes the temporary file. */
#include "scorefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "safefile.h"

/* Only this much of a score file is read; the rest counts as damage. A real file is a few tens
 * of kilobytes, and the bound keeps a wrong --scores path (a disk image) from eating memory. */
#define SCOREFILE_MAX_BYTES ((size_t)16 << 20)

static scorefile_io hooks;

void scorefile_set_io_hooks(const scorefile_io *io)
{
    if (io)
        hooks = *io;
    else
        memset(&hooks, 0, sizeof hooks);
}

static ssize_t io_write(int fd, const void *buf, size_t n)
{
    return hooks.write_fn ? hooks.write_fn(fd, buf, n) : write(fd, buf, n);
}

static int io_fsync(int fd)
{
    return hooks.fsync_fn ? hooks.fsync_fn(fd) : fsync(fd);
}

static int io_fsync_dir(int fd)
{
    return hooks.fsync_dir_fn ? hooks.fsync_dir_fn(fd) : fsync(fd);
}

static int io_rename(const char *from, const char *to)
{
    return hooks.rename_fn ? hooks.rename_fn(from, to) : rename(from, to);
}

static int io_link(const char *from, const char *to)
{
    return hooks.link_fn ? hooks.link_fn(from, to) : link(from, to);
}

/* ---- paths ---- */

/* Follows symlinks (a score file shared through a link stays a link); a dangling link resolves
 * to its target, which a save then creates. */
static char *resolve(const char *path)
{
    char *cur = xstrdup(path);
    for (int hop = 0; hop < 40; hop++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            break;
        size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 256;
        char *target = xmalloc(cap);
        ssize_t n = readlink(cur, target, cap);
        if (n < 0 || (size_t)n >= cap) {
            free(target);
            break;
        }
        target[n] = 0;
        char *next;
        if (target[0] == '/') {
            next = target;
        } else {
            char *dir = path_dir(cur);
            next = xasprintf("%s/%s", dir, target);
            free(dir);
            free(target);
        }
        free(cur);
        cur = next;
    }
    return cur;
}

static int sync_dir(const char *dir);

/* mkdir -p with mode 0700 for what it creates: the XDG base directory spec asks for 0700, and an
 * operator who shares a table between users makes its directory first. Each directory it
 * creates is made durable by syncing its parent: else a power cut after the first save could
 * lose the new directory, and the score file in it, although the file itself was synced. */
static int mkdir_p(const char *dir)
{
    char *p = xstrdup(dir);
    int err = 0;
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == 0) {
            char c = *s;
            *s = 0;
            if (mkdir(p, 0700) == 0) {
                char *parent = path_dir(p);
                err = sync_dir(parent);
                free(parent);
                if (err)
                    break;
            } else if (errno != EEXIST) {
                err = errno;
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    free(p);
    return err;
}

/* YYYYMMDD-HHMMSS of the local time `when` (Unix seconds, the caller's wall clock), for the names
 * of kept copies. */
static void stamp_of(int64_t when, char out[16])
{
    time_t t = (time_t)when;
    struct tm tm;
    if (!localtime_r(&t, &tm))
        memset(&tm, 0, sizeof tm);
    /* digit by digit: snprintf of %02d makes compilers warn about impossible widths */
    unsigned v[6] = {(unsigned)(tm.tm_year + 1900), (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday,
                     (unsigned)tm.tm_hour, (unsigned)tm.tm_min, (unsigned)tm.tm_sec};
    char *o = out;
    for (int i = 0; i < 6; i++) {
        int w = i == 0 ? 4 : 2;
        for (int k = w - 1; k >= 0; k--) {
            o[k] = (char)('0' + v[i] % 10);
            v[i] /= 10;
        }
        o += w;
        if (i == 2)
            *o++ = '-';
    }
    *o = 0;
}

/* ---- low-level I/O ---- */

static int write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = io_write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno ? errno : EIO;
        }
        if (w == 0)
            return EIO;
        buf += w;
        n -= (size_t)w;
    }
    return 0;
}

/* fsyncs a directory so a rename or a new file in it survives a power cut. Filesystems that
 * cannot sync a directory say EINVAL (or ENOTSUP); there is nothing more to do there. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errno == EACCES ? 0 : errno;
    int err = 0;
    if (io_fsync_dir(fd) != 0 && errno != EINVAL && errno != ENOTSUP)
        err = errno ? errno : EIO;
    close(fd);
    return err;
}

/* The bytes read from a score file. */
typedef struct content {
    /* NUL-terminated; NULL when the file does not exist */
    char *buf;
    size_t len;
    /* 1 when the file is longer than SCOREFILE_MAX_BYTES (buf holds the first part) */
    int over;
    /* the file's permission bits and owner, kept by the rewrite */
    mode_t mode;
    uid_t uid;
    gid_t gid;
} content;

/* Reads the score file. 0 on success (c->buf NULL when there is no file); else a message. */
static char *read_content(const char *real, const char *shown, content *c)
{
    memset(c, 0, sizeof *c);
    c->mode = 0644;
    /* O_NONBLOCK: a FIFO at the path must not hang the game */
    int fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return NULL;
        return xasprintf("%s: %s", shown, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        char *m = xasprintf("%s: %s", shown, strerror(errno));
        close(fd);
        return m;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        /* a rename over a device node or a FIFO would replace it: refuse */
        return xasprintf("%s: %s", shown, S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
    }
    c->mode = st.st_mode & 07777;
    c->uid = st.st_uid;
    c->gid = st.st_gid;
    strbuf b = {0};
    char chunk[65536];
    for (;;) {
        size_t want = sizeof chunk;
        if (b.len + want > SCOREFILE_MAX_BYTES + 1)
            want = SCOREFILE_MAX_BYTES + 1 - b.len;
        if (want == 0)
            break;
        ssize_t r = read(fd, chunk, want);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            char *m = xasprintf("%s: %s", shown, strerror(errno));
            close(fd);
            sb_free(&b);
            return m;
        }
        if (r == 0)
            break;
        sb_append(&b, chunk, (size_t)r);
    }
    close(fd);
    if (b.len > SCOREFILE_MAX_BYTES) {
        c->over = 1;
        b.len = SCOREFILE_MAX_BYTES;
        b.s[b.len] = 0;
    }
    if (!b.s)
        sb_append(&b, "", 0);
    c->buf = b.s;
    c->len = b.len;
    return NULL;
}

/* Parses what was read into t; returns the number of bad lines. The part beyond the size limit
 * is one bad "line" (and the line the limit cuts belongs to it). */
static int parse_content(scores *t, const char *shown, const content *c, diag_list *dl)
{
    size_t len = c->len;
    if (c->over) {
        while (len > 0 && c->buf[len - 1] != '\n')
            len--;
    }
    int nbad = scores_parse(t, shown, c->buf, len, dl);
    if (c->over) {
        nbad++;
        diag_add(dl, shown, 0, 1, "the file is longer than %zu MB: the rest was not read", SCOREFILE_MAX_BYTES >> 20);
    }
    return nbad;
}

/* ---- locking ---- */

/* Takes the exclusive lock on REAL.lock; returns the descriptor (closing it unlocks) or -1
 * with *why set. */
static int take_lock(const char *real, const char *shown, char **why)
{
    char *lp = xasprintf("%s.lock", real);
    int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    int first = errno;
    if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS)) {
        /* someone else's lock file, or a read-only place: flock works on a read-only descriptor */
        fd = open(lp, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        /* the first failure says why (the fallback's ENOENT would only confuse) */
        *why = xasprintf("%s: %s (creating the lock file %s)", shown, strerror(first), lp);
        free(lp);
        return -1;
    }
    while (flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR)
            continue;
        *why = xasprintf("%s: %s (locking %s)", shown, strerror(errno), lp);
        close(fd);
        free(lp);
        return -1;
    }
    free(lp);
    return fd;
}

/* Under the lock no other save is running, so any REAL.tmp-PID is left over from a copy that was
 * killed mid-save: remove it, or every crash would leave one behind. */
static void remove_stale_temps(const char *real)
{
    char *dir = path_dir(real);
    const char *base = strrchr(real, '/');
    base = base ? base + 1 : real;
    size_t bl = strlen(base);
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            const char *n = de->d_name;
            if (strncmp(n, base, bl) != 0 || strncmp(n + bl, ".tmp-", 5) != 0)
                continue;
            const char *p = n + bl + 5;
            if (!*p || strspn(p, "0123456789") != strlen(p))
                continue;
            char *full = xasprintf("%s/%s", dir, n);
            unlink(full);
            free(full);
        }
        closedir(d);
    }
    free(dir);
}

/* ---- writing ---- */

/* Puts bytes in place of REAL by temp file, fsync, rename, directory fsync. 0 on success; else
 * a message and: *renamed 0 (the old file is intact, the temp file removed) or 1 (the new file
 * is in place but its directory could not be synced). */
static char *write_table(const char *real, const char *shown, const char *bytes, size_t len,
                         const content *old, int *renamed)
{
    *renamed = 0;
    if (len > SCOREFILE_MAX_BYTES) {
        /* the reader would take the part beyond the limit for damage: never write it */
        return xasprintf("%s: the score table would be larger than the %zu MB a score file may hold",
                         shown, SCOREFILE_MAX_BYTES >> 20);
    }
    char *tmp = xasprintf("%s.tmp-%ld", real, (long)getpid());
    char *dir = path_dir(real);
    char *why = NULL;
    const char *doing = "creating the temporary file";
    int err = 0;
    unlink(tmp);
    /* never more open than the old file while its bytes go in (fchmod below sets its mode) */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, old->buf ? (old->mode & 0666) | 0600 : 0644);
    if (fd < 0) {
        err = errno;
        goto cleanup;
    }
    doing = "writing the temporary file";
    size_t half = len / 2;
    if ((err = write_all(fd, bytes, half)) != 0)
        goto cleanup;
    if ((err = write_all(fd, bytes + half, len - half)) != 0)
        goto cleanup;
    if (old->buf) {
        /* the rewrite keeps what the player set on the file: its mode and, when we run as root
         * (a kiosk service), its owner (before the fsync, so they are synced too) */
        if (geteuid() == 0 && (old->uid != 0 || old->gid != 0) && fchown(fd, old->uid, old->gid) != 0) {
            /* not fatal: the scores matter more than the owner */
        }
        if (fchmod(fd, old->mode & 0777) != 0) {
            /* not fatal either */
        }
    }
    doing = "syncing the temporary file";
    if (io_fsync(fd) != 0) {
        err = errno ? errno : EIO;
        goto cleanup;
    }
    doing = "closing the temporary file";
    int cr = close(fd);
    fd = -1;
    if (cr != 0) {
        err = errno ? errno : EIO;
        goto cleanup;
    }
    doing = "replacing the score file";
    if (io_rename(tmp, real) != 0) {
        err = errno ? errno : EIO;
        goto cleanup;
    }
    *renamed = 1;
    doing = "syncing the directory";
    err = sync_dir(dir);
cleanup:
    if (fd >= 0)
        close(fd);
    if (err) {
        why = xasprintf("%s: %s (%s)", shown, strerror(err), doing);
        if (!*renamed)
            unlink(tmp);
    }
    free(tmp);
    free(dir);
    return why;
}

/* Keeps the file REAL as a new REAL.KIND-YYYYMMDD-HHMMSS[-N]; returns that path or NULL with
 * *why set. First as a hard link: no bytes copied (a big foreign file costs no space), exactly
 * the bytes that were there, and atomic; the rename that follows replaces REAL's name only, so
 * the link keeps the old file. Where the filesystem has no hard links (FAT on a USB stick), as
 * a copy. Either way the directory (and a copy) is synced: it is the only place the old bytes
 * survive. */
static char *keep_copy(const char *real, const char *shown, const char *kind, mode_t mode, int64_t now,
                       char **why)
{
    char stamp[16];
    stamp_of(now, stamp);
    char *name = NULL;
    int fd = -1;
    for (int i = 0; i < 1000; i++) {
        free(name);
        name = i ? xasprintf("%s.%s-%s-%d", real, kind, stamp, i) : xasprintf("%s.%s-%s", real, kind, stamp);
        if (io_link(real, name) == 0) {
            char *dir = path_dir(real);
            int err = sync_dir(dir);
            free(dir);
            if (!err)
                return name;
            *why = xasprintf("%s: %s (syncing the directory of %s)", shown, strerror(err), name);
            unlink(name);
            free(name);
            return NULL;
        }
        if (errno != EEXIST)
            break;
    }
    for (int i = 0; i < 1000 && fd < 0; i++) {
        free(name);
        name = i ? xasprintf("%s.%s-%s-%d", real, kind, stamp, i) : xasprintf("%s.%s-%s", real, kind, stamp);
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        *why = xasprintf("%s: %s (creating the copy %s)", shown, strerror(errno), name);
        free(name);
        return NULL;
    }
    int src = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    int err = src < 0 ? errno : 0;
    const char *doing = "reading the score file";
    char chunk[65536];
    while (!err) {
        ssize_t r = read(src, chunk, sizeof chunk);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            err = errno;
            break;
        }
        if (r == 0)
            break;
        doing = "writing the copy";
        err = write_all(fd, chunk, (size_t)r);
    }
    if (!err) {
        doing = "syncing the copy";
        if (io_fsync(fd) != 0)
            err = errno ? errno : EIO;
    }
    if (src >= 0)
        close(src);
    if (close(fd) != 0 && !err) {
        doing = "closing the copy";
        err = errno ? errno : EIO;
    }
    if (!err) {
        char *dir = path_dir(real);
        doing = "syncing the directory";
        err = sync_dir(dir);
        free(dir);
    }
    if (err) {
        *why = xasprintf("%s: %s (%s %s)", shown, strerror(err), doing, name);
        unlink(name);
        free(name);
        return NULL;
    }
    return name;
}

/* 1 if the file at path holds exactly the bytes of the file real (of size bytes); compared in
 * chunks, and only when the sizes match. */
static int same_bytes(const char *path, const char *real, off_t size)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != size)
        return 0;
    int a = open(path, O_RDONLY | O_CLOEXEC), b = open(real, O_RDONLY | O_CLOEXEC);
    int same = a >= 0 && b >= 0;
    char ba[8192], bb[8192];
    while (same) {
        ssize_t ra = read(a, ba, sizeof ba);
        if (ra <= 0) {
            same = ra == 0 && read(b, bb, 1) == 0;
            break;
        }
        ssize_t got = 0;
        while (got < ra) {
            ssize_t rb = read(b, bb + got, (size_t)(ra - got));
            if (rb <= 0)
                break;
            got += rb;
        }
        same = got == ra && memcmp(ba, bb, (size_t)ra) == 0;
    }
    if (a >= 0)
        close(a);
    if (b >= 0)
        close(b);
    return same;
}

/* A copy of the damaged file made earlier, when the file could not be rewritten then (each
 * load would otherwise pile up one more copy of the same bytes). */
static char *find_same_copy(const char *real)
{
    struct stat st;
    if (stat(real, &st) != 0)
        return NULL;
    char *dir = path_dir(real);
    const char *base = strrchr(real, '/');
    base = base ? base + 1 : real;
    char *prefix = xasprintf("%s.corrupt-", base);
    char *found = NULL;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        while (!found && (de = readdir(d)) != NULL) {
            if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
                continue;
            char *full = xasprintf("%s/%s", dir, de->d_name);
            struct stat cs;
            if ((stat(full, &cs) == 0 && cs.st_dev == st.st_dev && cs.st_ino == st.st_ino) ||
                same_bytes(full, real, st.st_size))
                found = full;
            else
                free(full);
        }
        closedir(d);
    }
    free(prefix);
    free(dir);
    return found;
}

/* Keeps the damaged file as REAL.corrupt-...: an earlier copy of the same bytes (its rewrite
 * failed then, or a kill stopped it), or a new one. */
static char *move_aside(const char *real, const char *shown, mode_t mode, int64_t now, char **why)
{
    char *same = find_same_copy(real);
    return same ? same : keep_copy(real, shown, "corrupt", mode, now, why);
}

/* Makes t hold exactly what src holds (the file is the truth after a save). */
static void replace_table(scores *t, const scores *src)
{
    int nd = scores_decks(t, NULL, 0);
    if (nd > 0) {
        const char **keys = xmalloc((size_t)nd * sizeof *keys);
        scores_decks(t, keys, nd);
        /* from the last: removing a deck moves only the decks after it */
        for (int i = nd - 1; i >= 0; i--)
            scores_remove_deck(t, keys[i]);
        free(keys);
    }
    size_t len;
    char *text = scores_serialize(src, &len);
    scores_parse(t, "-", text, len, NULL);
    free(text);
}

static void merge_into(scores *t, const scores *src)
{
    size_t len;
    char *text = scores_serialize(src, &len);
    scores_parse(t, "-", text, len, NULL);
    free(text);
}

/* "N bad lines (first: line L: what)" for the player's one-line notice. */
static char *damage_summary(int nbad, const diag_list *dl)
{
    const diag *first = dl->n > 0 ? &dl->items[0] : NULL;
    if (!first)
        return xasprintf("%d bad line%s", nbad, nbad == 1 ? "" : "s");
    if (first->line > 0)
        return xasprintf("%d bad line%s, first at line %d: %s", nbad, nbad == 1 ? "" : "s", first->line, first->msg);
    return xasprintf("%d bad line%s: %s", nbad, nbad == 1 ? "" : "s", first->msg);
}

/* ---- the interface ---- */

char *scorefile_default_path(void)
{
    /* an empty or relative XDG_DATA_HOME is ignored, as the XDG base directory spec says */
    const char *x = getenv("XDG_DATA_HOME");
    if (x && x[0] == '/')
        return xasprintf("%s/quizblitz/scores.tsv", x);
    const char *h = getenv("HOME");
    if (h && *h)
        return xasprintf("%s/.local/share/quizblitz/scores.tsv", h);
    return NULL;
}

int scorefile_load(const char *path, scores *t, int64_t now, char **notice)
{
    if (notice)
        *notice = NULL;
    char *real = resolve(path);
    content c;
    char *why = read_content(real, path, &c);
    if (why || !c.buf) {
        free(real);
        if (notice)
            *notice = why;
        else
            free(why);
        return why ? -1 : 0;
    }
    scores *got = scores_new();
    diag_list dl = {0};
    int nbad = parse_content(got, path, &c, &dl);
    if (nbad > 0) {
        /* repair under the lock: another copy may be saving, or may have repaired it already */
        char *msg = NULL;
        int lk = take_lock(real, path, &why);
        if (lk >= 0) {
            content c2;
            char *why2 = read_content(real, path, &c2);
            if (!why2 && c2.buf) {
                scores *again = scores_new();
                diag_list dl2 = {0};
                int nbad2 = parse_content(again, path, &c2, &dl2);
                scores_free(got);
                diag_free(&dl);
                got = again;
                dl = dl2;
                nbad = nbad2;
                free(c.buf);
                c = c2;
            } else {
                free(c2.buf);
            }
            free(why2);
        }
        if (nbad > 0) {
            char *sum = damage_summary(nbad, &dl);
            char *aside = lk >= 0 ? move_aside(real, path, c.mode, now, &why) : NULL;
            if (!aside) {
                msg = xasprintf("%s: damaged score file (%s); could not keep a copy (%s), so it is left "
                                "as it is; its good entries (%d) are in use",
                                path, sum, why, scores_count(got));
            } else {
                size_t len;
                char *text = scores_serialize(got, &len);
                int renamed;
                char *werr = write_table(real, path, text, len, &c, &renamed);
                if (werr && !renamed)
                    msg = xasprintf("%s: damaged score file (%s); moved aside as %s, but could not rewrite "
                                    "it (%s); its good entries (%d) are in use",
                                    path, sum, aside, werr, scores_count(got));
                else
                    msg = xasprintf("%s: damaged score file (%s); moved aside as %s; its good entries (%d) are kept",
                                    path, sum, aside, scores_count(got));
                free(werr);
                free(text);
                free(aside);
            }
            free(sum);
        }
        free(why);
        if (lk >= 0)
            close(lk);
        if (notice)
            *notice = msg;
        else
            free(msg);
    }
    merge_into(t, got);
    scores_free(got);
    diag_free(&dl);
    free(c.buf);
    free(real);
    return 0;
}

int scorefile_add(const char *path, scores *t, const score_entry *e, int n, char **err)
{
    if (err)
        *err = NULL;
    /* the time of the save: its newest entry's (the game dates them from its wall clock) */
    int64_t now = 0;
    for (int i = 0; i < n; i++)
        if (e[i].when > now)
            now = e[i].when;
    char *real = resolve(path);
    char *dir = path_dir(real);
    char *why = NULL;
    int lk = -1, rc = -1, renamed = 0, nbad = 0;
    scores *fresh = NULL;
    content c = {0};
    char *text = NULL;
    size_t len = 0;
    diag_list dl = {0};
    int derr = mkdir_p(dir);
    if (derr) {
        why = xasprintf("%s: %s (creating the directory %s)", path, strerror(derr), dir);
        goto cleanup;
    }
    if ((lk = take_lock(real, path, &why)) < 0)
        goto cleanup;
    remove_stale_temps(real);
    if ((why = read_content(real, path, &c)) != NULL)
        goto cleanup;
    fresh = scores_new();
    nbad = c.buf ? parse_content(fresh, path, &c, &dl) : 0;
    if (nbad > 0) {
        /* the rewrite drops the bad lines: keep the damaged bytes first, or do not save */
        char *aside = move_aside(real, path, c.mode, now, &why);
        if (!aside)
            goto cleanup;
        free(aside);
    }
    for (int i = 0; i < n; i++)
        scores_insert(fresh, &e[i]);
    text = scores_serialize(fresh, &len);
    if (nbad == 0 && c.buf && c.len == len && memcmp(c.buf, text, len) == 0) {
        /* nothing new: every entry is in the file already (a retry after a save whose rename
         * went through but whose directory sync failed). No rewrite, but the directory sync
         * again: until it succeeds, the rename may not survive a power cut. */
        int serr = sync_dir(dir);
        if (serr)
            why = xasprintf("%s: %s (syncing the directory)", path, strerror(serr));
        rc = serr ? -1 : 0;
        renamed = 1;
    } else {
        why = write_table(real, path, text, len, &c, &renamed);
        rc = why ? -1 : 0;
    }
cleanup:
    if (rc == 0 || renamed)
        replace_table(t, fresh);
    else
        for (int i = 0; i < n; i++)
            scores_insert(t, &e[i]);
    if (lk >= 0)
        close(lk);
    diag_free(&dl);
    if (why) {
        if (err)
            *err = why;
        else
            free(why);
    }
    scores_free(fresh);
    free(text);
    free(c.buf);
    free(dir);
    free(real);
    return rc;
}

int scorefile_reset(const char *path, const char *deck, int keep, int64_t now, char **backup, char **err)
{
    if (err)
        *err = NULL;
    if (backup)
        *backup = NULL;
    char *real = resolve(path);
    char *why = NULL, *bak = NULL;
    int lk = -1, rc = -1, removed = 0, renamed = 0;
    scores *fresh = NULL;
    content c = {0};
    char *text = NULL;
    size_t len = 0;
    diag_list dl = {0};
    struct stat st;
    if (stat(real, &st) != 0 && errno == ENOENT) {
        /* no file, nothing to reset (and no directory to put a lock file in) */
        rc = 0;
        goto cleanup;
    }
    if ((lk = take_lock(real, path, &why)) < 0)
        goto cleanup;
    remove_stale_temps(real);
    if ((why = read_content(real, path, &c)) != NULL)
        goto cleanup;
    if (!c.buf) {
        rc = 0;
        goto cleanup;
    }
    fresh = scores_new();
    parse_content(fresh, path, &c, &dl);
    /* "cards/virtualization.md" means the deck whose key is "virtualization" */
    const char *found = scores_find_deck(fresh, deck);
    if (!found) {
        rc = 0;
        goto cleanup;
    }
    char key[SCORES_DECK_BYTES];
    snprintf(key, sizeof key, "%s", found);
    /* the grand champion (the best `keep` of all time) may stay */
    score_entry best[SCORES_BOARD_SIZE];
    const score_entry *top[SCORES_BOARD_SIZE];
    int nkeep = keep > 0 ? scores_top(fresh, key, BOARD_ALLTIME, 0, top, keep < SCORES_BOARD_SIZE ? keep : SCORES_BOARD_SIZE) : 0;
    for (int i = 0; i < nkeep; i++)
        best[i] = *top[i];
    removed = scores_remove_deck(fresh, key);
    for (int i = 0; i < nkeep; i++)
        scores_insert(fresh, &best[i]);
    removed -= nkeep;
    if (removed == 0) {
        rc = 0;
        goto cleanup;
    }
    /* the backup holds the whole file as it was, bad lines included */
    if ((bak = keep_copy(real, path, "bak", c.mode, now, &why)) == NULL)
        goto cleanup;
    text = scores_serialize(fresh, &len);
    why = write_table(real, path, text, len, &c, &renamed);
    rc = why && !renamed ? -1 : removed;
cleanup:
    if (lk >= 0)
        close(lk);
    diag_free(&dl);
    if (rc < 0 && bak)
        unlink(bak); /* the reset did not happen: no backup of it */
    if (backup && rc > 0)
        *backup = bak;
    else
        free(bak);
    if (why && rc < 0 && err)
        *err = why;
    else
        free(why);
    scores_free(fresh);
    free(text);
    free(c.buf);
    free(real);
    return rc;
}

int scorefile_reset_deck(const char *path, const char *deck, int64_t now, char **err)
{
    return scorefile_reset(path, deck, 0, now, NULL, err);
}
