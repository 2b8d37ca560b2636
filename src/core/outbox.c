/* outbox.c: the fleet's outbox file: entries saved locally and not yet acknowledged by the
 * server. Written as the score file is (lock, temporary file, fsync, rename, directory fsync),
 * so a crash at any point leaves either the old outbox or the new one, never half of one. */
#include "outbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "safefile.h"

#define HEADER "quizblitz-outbox 1\n"
/* a file larger than this is not an outbox (OUTBOX_MAX lines of at most ~400 bytes) */
#define FILE_MAX (64u << 20)

void outbox_free(outbox *ob)
{
    free(ob->v);
    ob->v = NULL;
    ob->n = ob->cap = 0;
}

static void push(outbox *ob, const outbox_entry *e)
{
    if (ob->n == ob->cap) {
        ob->cap = ob->cap ? ob->cap * 2 : 16;
        ob->v = xrealloc(ob->v, (size_t)ob->cap * sizeof *ob->v);
    }
    ob->v[ob->n++] = *e;
}

int outbox_kiosk_name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= OUTBOX_KIOSK_BYTES || !utf8_valid(s, n))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/')
            return 0;
    return 1;
}

static int id_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= OUTBOX_ID_BYTES || !utf8_valid(s, n))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

static int parse_int(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* One line (NUL-terminated, no newline) into e; returns NULL or what is wrong. */
static const char *parse_line(char *line, outbox_entry *e)
{
    char *f[9];
    int n = 0;
    char *p = line;
    while (n < 9) {
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = 0;
        p = t + 1;
    }
    if (n != 9 || strchr(f[8], '\t'))
        return "expected 9 tab-separated fields";
    memset(e, 0, sizeof *e);
    if (!id_ok(f[0]))
        return "bad id";
    if (!outbox_kiosk_name_ok(f[1]))
        return "bad kiosk name";
    size_t dl = strlen(f[2]);
    if (dl == 0 || dl >= SCORES_DECK_BYTES || !utf8_valid(f[2], dl))
        return "bad deck key";
    long long v[5];
    if (parse_int(f[4], INT32_MIN, INT32_MAX, &v[0]) || parse_int(f[5], 0, INT32_MAX, &v[1]) ||
        parse_int(f[6], 0, INT32_MAX, &v[2]) || parse_int(f[7], 0, INT32_MAX, &v[3]) ||
        parse_int(f[8], LLONG_MIN, LLONG_MAX, &v[4]))
        return "bad number";
    snprintf(e->id, sizeof e->id, "%s", f[0]);
    snprintf(e->kiosk, sizeof e->kiosk, "%s", f[1]);
    memcpy(e->e.deck, f[2], dl + 1);
    scores_sanitize_name(f[3], e->e.name);
    e->e.score = (int32_t)v[0];
    e->e.right = (int32_t)v[1];
    e->e.total = (int32_t)v[2];
    e->e.best_streak = (int32_t)v[3];
    e->e.when = (int64_t)v[4];
    return NULL;
}

static void parse(outbox *ob, const char *name, char *buf, size_t len, diag_list *diags)
{
    size_t hl = strlen(HEADER);
    if (len < hl || memcmp(buf, HEADER, hl) != 0) {
        if (len > 0 && diags)
            diag_add(diags, name, 1, 1, "not a quizblitz outbox (its first line is not \"%.*s\")",
                     (int)hl - 1, HEADER);
        if (len > 0)
            return;
    }
    size_t pos = len < hl ? len : hl;
    int lineno = 1;
    while (pos < len) {
        lineno++;
        char *nl = memchr(buf + pos, '\n', len - pos);
        if (!nl) {
            /* a line without its newline is one a crash cut short: the rename never happens
             * then, so this is a foreign edit; refuse it */
            if (diags)
                diag_add(diags, name, lineno, 1, "last line has no newline (cut short)");
            break;
        }
        *nl = 0;
        outbox_entry e;
        const char *why = memchr(buf + pos, 0, (size_t)(nl - (buf + pos))) ? "a NUL byte"
                                                                             : parse_line(buf + pos, &e);
        if (why) {
            if (diags)
                diag_add(diags, name, lineno, 1, "%s; line skipped", why);
        } else {
            push(ob, &e);
        }
        pos = (size_t)(nl - buf) + 1;
    }
}

int outbox_load(const char *path, outbox *ob, diag_list *diags, char **err)
{
    char *buf;
    size_t len;
    int rc = read_file(path, FILE_MAX, &buf, &len);
    if (rc == ENOENT)
        return 0;
    if (rc) {
        *err = xasprintf("%s: %s", path, strerror(rc));
        return -1;
    }
    parse(ob, path, buf, len, diags);
    free(buf);
    return 0;
}

/* The directory part of path ("." when there is none); caller frees. */
/* Writes ob over path: temporary file, fsync, rename, directory fsync. */
static int write_file(const char *path, const outbox *ob, char **err)
{
    strbuf b = {0};
    sb_puts(&b, HEADER);
    for (int i = 0; i < ob->n; i++) {
        const outbox_entry *e = &ob->v[i];
        sb_printf(&b, "%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%lld\n", e->id, e->kiosk, e->e.deck, e->e.name,
                  (int)e->e.score, (int)e->e.right, (int)e->e.total, (int)e->e.best_streak,
                  (long long)e->e.when);
    }
    const char *doing = "";
    int e = safefile_replace(path, b.s, b.len, 0600, &doing);
    if (e)
        *err = xasprintf("%s: cannot write the outbox: %s (%s)", path, strerror(e), doing);
    sb_free(&b);
    return e ? -1 : 0;
}

/* The exclusive lock on PATH.lock (threads of one process exclude each other too: each call
 * opens its own descriptor). Returns the descriptor, or -1 with *err. */
static int lock(const char *path, char **err)
{
    char *lp = xasprintf("%s.lock", path);
    int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        *err = xasprintf("%s: %s", lp, strerror(errno));
        free(lp);
        return -1;
    }
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            *err = xasprintf("%s: cannot lock: %s", lp, strerror(errno));
            close(fd);
            free(lp);
            return -1;
        }
    }
    free(lp);
    return fd;
}

static void unlock(int fd)
{
    flock(fd, LOCK_UN);
    close(fd);
}

int outbox_snapshot(const char *path, outbox *ob, char **err)
{
    ob->n = 0;
    int lk = lock(path, err);
    if (lk < 0)
        return -1;
    int rc = outbox_load(path, ob, NULL, err);
    unlock(lk);
    return rc;
}

static int has_id(const outbox *ob, const char *id)
{
    for (int i = 0; i < ob->n; i++)
        if (!strcmp(ob->v[i].id, id))
            return 1;
    return 0;
}

/* Loads the outbox under its lock, lets edit change it (edit returns 1 when it did), writes it
 * back when it changed, and unlocks: the one read-modify-write of outbox_add and outbox_remove. */
static int update(const char *path, int (*edit)(outbox *ob, const void *ctx), const void *ctx, char **err)
{
    int lk = lock(path, err);
    if (lk < 0)
        return -1;
    outbox ob = {0};
    int rc = outbox_load(path, &ob, NULL, err);
    if (rc == 0 && edit(&ob, ctx))
        rc = write_file(path, &ob, err);
    outbox_free(&ob);
    unlock(lk);
    return rc;
}

typedef struct adding {
    const char *path;
    const outbox_entry *e;
    int n;
} adding;

static int add_entries(outbox *ob, const void *ctx)
{
    const adding *a = ctx;
    for (int i = 0; i < a->n; i++)
        if (!has_id(ob, a->e[i].id))
            push(ob, &a->e[i]);
    if (ob->n > OUTBOX_MAX) {
        /* the oldest go: they are still in the local score file */
        int drop = ob->n - OUTBOX_MAX;
        memmove(ob->v, ob->v + drop, (size_t)OUTBOX_MAX * sizeof *ob->v);
        ob->n = OUTBOX_MAX;
        fprintf(stderr, "quizblitz: %s: outbox full; %d oldest entr%s will not reach the fleet\n", a->path, drop,
                drop == 1 ? "y" : "ies");
    }
    return 1;
}

int outbox_add(const char *path, const outbox_entry *e, int n, char **err)
{
    adding a = {path, e, n};
    return update(path, add_entries, &a, err);
}

typedef struct removing {
    char *const *ids;
    int n;
} removing;

static int remove_acked(outbox *ob, const void *ctx)
{
    const removing *r = ctx;
    int k = 0;
    for (int i = 0; i < ob->n; i++) {
        int acked = 0;
        for (int j = 0; j < r->n && !acked; j++)
            acked = !strcmp(ob->v[i].id, r->ids[j]);
        if (!acked)
            ob->v[k++] = ob->v[i];
    }
    int changed = k != ob->n;
    ob->n = k;
    return changed;
}

int outbox_remove(const char *path, char *const *ids, int n, char **err)
{
    removing r = {ids, n};
    return update(path, remove_acked, &r, err);
}
