/* deck.c: the deck model, shared by every reader: an arena for the strings, card building,
 * messages with file:line (repeated warnings of imported files counted, not flooded),
 * validation, encoding repair, format dispatch, and the Markdown writer.
 *
 * Why an arena: a 100,000-card deck is ~700,000 small strings. One malloc each costs more in
 * headers than the text itself and makes freeing slow; the arena hands out unpadded slices of
 * 256 KiB blocks, and each card's choices and tags get one exact-size array, so a deck costs
 * little more than its text (tests/bench measures it) and frees in a few calls.
 *
 * The file itself is read into one arena block that the deck keeps, and text that is one piece
 * of it (most questions and choices are one line) is cleaned where it lies: a line the reader
 * has passed is never read again, so its bytes can hold the cleaned text and its NUL. A deck
 * then costs its file plus its cards, not its file plus a copy of all its text. */
#include "deck.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deck_import.h"

#define ARENA_BLOCK (256u * 1024u)
/* Kinds of repeated warning one file can count (more kinds are simply all listed). */
#define MAX_KINDS 16

struct deck_arena {
    /* the block allocated before this one */
    struct deck_arena *next;
    /* bytes handed out, and the size of mem */
    size_t used, cap;
    /* bytes mapped with mmap (a file's block, see new_block), 0 when malloc'd */
    size_t mapped;
    /* the bytes follow; max_align_t keeps the block aligned for pointer arrays */
    _Alignas(max_align_t) unsigned char mem[];
};

/* A growable array of strings (the open card's choices or tags). */
typedef struct str_vec {
    /* the strings (owned by the arena), n used of cap */
    char **v;
    int n, cap;
} str_vec;

struct deck_notes {
    /* where messages go */
    diag_list *diags;
    /* this file's errors so far, and the item that says "more errors not listed" (-1 none) */
    int errors;
    int overflow_item;
    /* repeated warnings by kind: the plural naming them, and how many were seen */
    struct {
        const char *what;
        int count;
    } kinds[MAX_KINDS];
    int nkinds;
    /* questions skipped, by reason (the summary; more reasons than fit are counted as the
     * last) */
    struct {
        const char *why;
        int count;
    } skips[MAX_KINDS];
    int nskips;
    /* the open card (the last one added; -1 none) and its choices and tags, copied into the
     * arena in exact-size arrays when the card is closed */
    int open;
    str_vec right, wrong, tags;
    /* the file's bytes, which the deck owns: text inside [own, own_end) may be cleaned in
     * place (own_end[0] is a spare byte for a NUL) */
    char *own, *own_end;
};

static const char *skip_reasons(deck *d);

static void *arena_alloc(deck *d, size_t n, size_t align)
{
    struct deck_arena *a = d->arena;
    size_t at = a ? (a->used + align - 1) & ~(align - 1) : 0;
    if (a && at <= a->cap && a->cap - at >= n) {
        a->used = at + n;
        return a->mem + at;
    }
    if (n > ARENA_BLOCK / 4) {
        /* a big one-off slice gets a block of its own behind the current one, which keeps
         * filling afterwards */
        struct deck_arena *b = xmalloc(sizeof *b + n);
        b->used = b->cap = n;
        b->mapped = 0;
        if (a) {
            b->next = a->next;
            a->next = b;
        } else {
            b->next = NULL;
            d->arena = b;
        }
        return b->mem;
    }
    struct deck_arena *b = xmalloc(sizeof *b + ARENA_BLOCK);
    b->used = n;
    b->cap = ARENA_BLOCK;
    b->mapped = 0;
    b->next = a;
    d->arena = b;
    return b->mem;
}

/* Gives back the tail of the last slice handed out (p, which was `had` bytes, keeps `keep`). */
static void arena_shrink(deck *d, void *p, size_t had, size_t keep)
{
    struct deck_arena *a = d->arena;
    if (a && (unsigned char *)p + had == a->mem + a->used)
        a->used -= had - keep;
}

char *deck_strndup(deck *d, const char *s, size_t n)
{
    char *p = arena_alloc(d, n + 1, 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* 1 if a space (or U+00A0) starts at s[i]; *len gets its length in bytes. */
static int space_at(const char *s, size_t i, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)s[i];
    if (is_space(c)) {
        *len = 1;
        return 1;
    }
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
        *len = 2;
        return 1;
    }
    return 0;
}

/* 1 if none of the 8 bytes of w is below 0x20 (tab, newline...) or 0xC2 (U+00A0 starts with
 * it) and no two spaces are in a row, within w or across *carry (the byte before w was a
 * space), which is updated. Exact per-byte tests, without borrows between bytes: the high bit
 * of a byte of sp is set where w has a space, and so on. */
static int word_clean(uint64_t w, uint64_t *carry)
{
    const uint64_t ones = 0x0101010101010101ull;
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t x = w ^ (ones * ' '), y = w ^ (ones * 0xC2);
    uint64_t sp = ~(((x & low7) + low7) | x | low7);
    uint64_t ctl = ~(((w & low7) + ones * (0x80 - 0x20)) | w | low7);
    uint64_t c2 = ~(((y & low7) + low7) | y | low7);
    if (ctl | c2 | (sp & (sp >> 8)) | (*carry & sp & 0x80))
        return 0;
    *carry = (sp >> 63) << 7;
    return 1;
}

/* 1 if trimmed text needs no folding. Checked 8 bytes at a time, since most text is clean; the
 * last bytes are one word that overlaps the one before (or is padded), so there is no byte
 * loop even for a 3-letter choice. */
static int is_clean(const char *s, size_t n)
{
    uint64_t w, carry = 0;
    if (n < 8) {
        unsigned char pad[8] = {'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'};
        memcpy(pad, s, n);
        memcpy(&w, pad, 8);
        return word_clean(w, &carry);
    }
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        if (!word_clean(w, &carry))
            return 0;
    }
    if (i < n) {
        /* overlapping the last word: the pair across it is inside this one */
        carry = 0;
        memcpy(&w, s + n - 8, 8);
        return word_clean(w, &carry);
    }
    return 1;
}

/* Cleans s[0..n) into out (which may be s itself: the output never runs ahead of the input);
 * returns the length written, a NUL after it. */
static size_t clean_into(char *out, const char *s, size_t n);

char *deck_clean(deck *d, const char *s, size_t n)
{
    size_t l;
    while (n && space_at(s, 0, n, &l))
        s += l, n -= l;
    for (;;) {
        if (n && is_space((unsigned char)s[n - 1]))
            n--;
        else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0)
            n -= 2;
        else
            break;
    }
    struct deck_notes *nt = d->notes;
    if (nt && nt->own && s >= nt->own && s + n <= nt->own_end) {
        /* a piece of the file the reader has passed: clean it where it lies */
        char *out = nt->own + (s - nt->own);
        if (is_clean(s, n)) {
            out[n] = 0;
            return out;
        }
        clean_into(out, s, n);
        return out;
    }
    if (is_clean(s, n))
        return deck_strndup(d, s, n);
    char *out = arena_alloc(d, n + 1, 1);
    size_t o = clean_into(out, s, n);
    arena_shrink(d, out, n + 1, o + 1);
    return out;
}

static size_t clean_into(char *out, const char *s, size_t n)
{
    size_t o = 0, l;
    if (!memchr(s, 0xC2, n)) {
        /* no U+00A0 (nearly all text): one pass without branches, which the spaces between
         * words would mispredict */
        unsigned prev = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            unsigned sp = (c == ' ') | ((unsigned)(c - '\t') < 5u);
            out[o] = sp ? ' ' : (char)c;
            o += !(sp & prev);
            prev = sp;
        }
        out[o] = 0;
        return o;
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ' && c != 0xC2) {
            out[o++] = (char)c;
            i++;
            continue;
        }
        if (space_at(s, i, n, &l)) {
            /* a run of spaces is one space; the ends were trimmed, so text follows it */
            while (i < n && space_at(s, i, n, &l))
                i += l;
            out[o++] = ' ';
            continue;
        }
        out[o++] = (char)c;
        i++;
    }
    out[o] = 0;
    return o;
}

const char *deck_excerpt(deck *d, const char *s, size_t n, size_t max_cp)
{
    size_t cps = 0, i = 0;
    while (i < n && cps < max_cp) {
        int l = utf8_seq_len((const unsigned char *)s + i, n - i);
        i += l > 0 ? (size_t)l : 1;
        cps++;
    }
    strbuf b = {0};
    sb_append(&b, s, i);
    if (i < n)
        sb_puts(&b, "...");
    /* the text may be raw input: keep the message valid UTF-8 on one line */
    char *out = arena_alloc(d, b.len + 1, 1);
    size_t o = 0;
    for (size_t k = 0; k < b.len;) {
        int l = utf8_seq_len((const unsigned char *)b.s + k, b.len - k);
        if (l <= 0 || (l == 1 && (unsigned char)b.s[k] < 0x20)) {
            out[o++] = l == 1 ? ' ' : '?';
            k++;
            continue;
        }
        memcpy(out + o, b.s + k, (size_t)l);
        o += (size_t)l;
        k += (size_t)l;
    }
    out[o] = 0;
    sb_free(&b);
    return out;
}

deck *deck_new(const char *path, diag_list *diags)
{
    deck *d = xcalloc(1, sizeof *d);
    d->path = xstrdup(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    d->title = deck_strndup(d, base, n);
    d->format = "markdown";
    d->notes = xcalloc(1, sizeof *d->notes);
    d->notes->diags = diags;
    d->notes->overflow_item = -1;
    d->notes->open = -1;
    return d;
}

static void free_block(struct deck_arena *b)
{
    if (b->mapped)
        munmap(b, b->mapped);
    else
        free(b);
}

static void free_notes(deck *d)
{
    if (!d->notes)
        return;
    free(d->notes->right.v);
    free(d->notes->wrong.v);
    free(d->notes->tags.v);
    free(d->notes);
    d->notes = NULL;
}

void deck_free(deck *d)
{
    if (!d)
        return;
    free_notes(d);
    free(d->cards);
    struct deck_arena *a = d->arena;
    while (a) {
        struct deck_arena *next = a->next;
        free_block(a);
        a = next;
    }
    free(d->path);
    free(d);
}

/* ---- cards ---- */

static void vec_push(str_vec *v, char *s)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->v = xrealloc(v->v, sizeof *v->v * (size_t)v->cap);
    }
    v->v[v->n++] = s;
}

/* Moves the open card's choices and tags into the arena, in arrays of their exact size. */
static void close_card(deck *d)
{
    struct deck_notes *nt = d->notes;
    if (!nt || nt->open < 0)
        return;
    card *c = &d->cards[nt->open];
    int nch = nt->right.n + nt->wrong.n;
    if (nch) {
        char **arr = arena_alloc(d, sizeof(char *) * (size_t)nch, _Alignof(char *));
        if (nt->right.n)
            memcpy(arr, nt->right.v, sizeof(char *) * (size_t)nt->right.n);
        if (nt->wrong.n)
            memcpy(arr + nt->right.n, nt->wrong.v, sizeof(char *) * (size_t)nt->wrong.n);
        c->right = nt->right.n ? arr : NULL;
        c->wrong = nt->wrong.n ? arr + nt->right.n : NULL;
    }
    c->nright = nt->right.n;
    c->nwrong = nt->wrong.n;
    if (nt->tags.n) {
        c->tags = arena_alloc(d, sizeof(char *) * (size_t)nt->tags.n, _Alignof(char *));
        memcpy(c->tags, nt->tags.v, sizeof(char *) * (size_t)nt->tags.n);
    }
    c->ntags = nt->tags.n;
    nt->right.n = nt->wrong.n = nt->tags.n = 0;
    nt->open = -1;
}

card *deck_add_card(deck *d, int line)
{
    close_card(d);
    if (d->ncards == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->cards = xrealloc(d->cards, sizeof(card) * (size_t)d->cap);
    }
    card *c = &d->cards[d->ncards];
    memset(c, 0, sizeof *c);
    c->level = LEVEL_MEDIUM;
    c->line = line;
    d->notes->open = d->ncards++;
    return c;
}

void deck_drop_card(deck *d)
{
    struct deck_notes *nt = d->notes;
    if (nt->open == d->ncards - 1) {
        nt->right.n = nt->wrong.n = nt->tags.n = 0;
        nt->open = -1;
    }
    if (d->ncards > 0)
        d->ncards--;
}

void deck_add_choice(deck *d, card *c, const char *text, int right)
{
    (void)c; /* always the open card */
    vec_push(right ? &d->notes->right : &d->notes->wrong, (char *)text);
}

void deck_add_tag(deck *d, card *c, const char *tag, size_t n)
{
    (void)c;
    str_vec *tags = &d->notes->tags;
    const char *end = tag + n;
    while (tag < end) {
        const char *comma = memchr(tag, ',', (size_t)(end - tag));
        const char *e = comma ? comma : end;
        if (tags->n >= DECK_MAX_TAGS)
            return;
        char *t = deck_clean(d, tag, (size_t)(e - tag));
        for (char *p = t; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        int dup = !*t;
        for (int i = 0; i < tags->n && !dup; i++)
            dup = !strcmp(tags->v[i], t);
        if (!dup)
            vec_push(tags, t);
        tag = comma ? comma + 1 : end;
    }
}

int deck_parse_level(const char *s, level *out)
{
    static const char *const names[] = {"easy", "medium", "hard"};
    for (int i = 0; i < LEVEL_COUNT; i++) {
        if (!strcasecmp(s, names[i])) {
            *out = (level)i;
            return 0;
        }
    }
    return -1;
}

const char *level_name(level lv)
{
    switch (lv) {
    case LEVEL_EASY:
        return "easy";
    case LEVEL_HARD:
        return "hard";
    default:
        return "medium";
    }
}

int choice_same(const char *a, const char *b)
{
    while (is_space((unsigned char)*a))
        a++;
    while (is_space((unsigned char)*b))
        b++;
    size_t na = strlen(a), nb = strlen(b);
    while (na && is_space((unsigned char)a[na - 1]))
        na--;
    while (nb && is_space((unsigned char)b[nb - 1]))
        nb--;
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* ---- messages ---- */

static void vnote(deck *d, int line, int is_error, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 0)))
#endif
    ;

static void vnote(deck *d, int line, int is_error, const char *fmt, va_list ap)
{
    char msg[600];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diag_add(d->notes->diags, d->path, line, is_error, "%s", msg);
}

void deck_error(deck *d, int line, const char *fmt, ...)
{
    struct deck_notes *nt = d->notes;
    nt->errors++;
    if (nt->errors > DECK_MAX_ERRORS) {
        if (nt->overflow_item < 0) {
            nt->overflow_item = nt->diags->n;
            diag_add(nt->diags, d->path, 0, 1, "more errors (not listed)");
        }
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vnote(d, line, 1, fmt, ap);
    va_end(ap);
}

void deck_warn(deck *d, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vnote(d, line, 0, fmt, ap);
    va_end(ap);
}

void deck_warn_each(deck *d, int line, const char *what, const char *fmt, ...)
{
    struct deck_notes *nt = d->notes;
    int k = 0;
    while (k < nt->nkinds && strcmp(nt->kinds[k].what, what) != 0)
        k++;
    if (k == nt->nkinds && k < MAX_KINDS) {
        nt->kinds[k].what = what;
        nt->kinds[k].count = 0;
        nt->nkinds++;
    }
    int count = k < MAX_KINDS ? ++nt->kinds[k].count : 1;
    if (count > DECK_WARN_LISTED && strcmp(d->format, "markdown") != 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vnote(d, line, 0, fmt, ap);
    va_end(ap);
}

int deck_strict(const deck *d)
{
    return !strcmp(d->format, "markdown");
}

void deck_skip(deck *d, int line, const char *why, const char *fmt, ...)
{
    struct deck_notes *nt = d->notes;
    int k = 0;
    while (k < nt->nskips && strcmp(nt->skips[k].why, why) != 0)
        k++;
    if (k == nt->nskips) {
        if (k == MAX_KINDS)
            k--;
        else
            nt->nskips++, nt->skips[k].why = why, nt->skips[k].count = 0;
    }
    nt->skips[k].count++;
    d->skipped++;
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    deck_warn_each(d, line, "questions skipped", "question skipped (%s): %s", why, msg);
}

/* The closing lines: the repeated warnings that were only counted, and the error count past
 * DECK_MAX_ERRORS. */
static void finish_notes(deck *d)
{
    struct deck_notes *nt = d->notes;
    if (strcmp(d->format, "markdown") != 0) {
        for (int k = 0; k < nt->nkinds; k++)
            if (nt->kinds[k].count > DECK_WARN_LISTED)
                deck_warn(d, 0, "... and %d more %s", nt->kinds[k].count - DECK_WARN_LISTED,
                          nt->kinds[k].what);
    }
    if (nt->nskips)
        d->skipped_why = skip_reasons(d);
    if (nt->overflow_item >= 0) {
        diag *g = &nt->diags->items[nt->overflow_item];
        free(g->msg);
        g->msg = xasprintf("%d more errors not listed (the first %d are above): is this file a "
                           "deck?",
                           nt->errors - DECK_MAX_ERRORS, DECK_MAX_ERRORS);
    }
}

/* ---- lines ---- */

void line_iter_init(line_iter *it, const char *buf, size_t len)
{
    it->p = buf;
    it->end = buf + len;
    it->line = 0;
    it->cr = memchr(buf, '\r', len);
}

/* The first '\n' in [p, end), or NULL. Deck lines are short (20-60 bytes), where a call to
 * memchr costs more than its scan: the first 64 bytes are looked at 8 at a time here (where
 * the byte order allows), the rest of a long line by memchr. */
static const char *find_nl(const char *p, const char *end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full;
    const char *stop = end - p > 64 ? p + 64 : end;
    while (stop - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t x = w ^ (ones * '\n');
        uint64_t z = ~(((x & low7) + low7) | x | low7);
        if (z)
            return p + (__builtin_ctzll(z) >> 3);
        p += 8;
    }
#endif
    return memchr(p, '\n', (size_t)(end - p));
}

int line_next(line_iter *it, const char **s, size_t *n)
{
    const char *p = it->p, *end = it->end;
    if (p >= end)
        return 0;
    /* the next \r is looked for only once passed, so a file without one costs one scan */
    const char *nl = find_nl(p, end);
    const char *e = nl ? nl : end;
    if (it->cr && it->cr < p)
        it->cr = memchr(p, '\r', (size_t)(end - p));
    const char *cr = it->cr && it->cr < e ? it->cr : NULL;
    *s = p;
    if (cr) {
        *n = (size_t)(cr - p);
        it->p = cr + 1 < end && cr[1] == '\n' ? cr + 2 : cr + 1;
    } else {
        *n = (size_t)(e - p);
        it->p = nl ? nl + 1 : end;
    }
    it->line++;
    return 1;
}

/* ---- HTML ---- */

static void put_utf8(strbuf *b, unsigned long cp)
{
    /* NUL, surrogates and out-of-range code points would make the text invalid */
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sb_append(b, u, n);
}

/* Decodes an HTML entity at s (which starts with '&'); returns its length, 0 if it is none. */
static size_t entity(const char *s, size_t n, strbuf *out)
{
    static const struct {
        const char *name;
        unsigned long cp;
    } ents[] = {
        {"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
        {"apos", '\''},     {"nbsp", 0xA0},     {"ndash", 0x2013},  {"mdash", 0x2014},
        {"hellip", 0x2026}, {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201C},
        {"rdquo", 0x201D},  {"laquo", 0xAB},    {"raquo", 0xBB},    {"copy", 0xA9},
        {"reg", 0xAE},      {"trade", 0x2122},  {"deg", 0xB0},      {"middot", 0xB7},
        {"bull", 0x2022},   {"times", 0xD7},    {"divide", 0xF7},   {"euro", 0x20AC},
        {"pound", 0xA3},    {"cent", 0xA2},     {"yen", 0xA5},      {"sect", 0xA7},
        {"shy", 0xAD},      {"minus", 0x2212},  {"plusmn", 0xB1},   {"micro", 0xB5},
        {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},   {"sup2", 0xB2},
        {"sup3", 0xB3},     {"rarr", 0x2192},   {"larr", 0x2190},   {"le", 0x2264},
        {"ge", 0x2265},     {"ne", 0x2260},     {"pi", 0x3C0},      {"alpha", 0x3B1},
        {"beta", 0x3B2},    {"gamma", 0x3B3},   {"delta", 0x3B4},   {"mu", 0x3BC},
    };
    size_t semi = 1;
    while (semi < n && semi < 12 && s[semi] != ';')
        semi++;
    if (semi >= n || s[semi] != ';' || semi < 2)
        return 0;
    if (s[1] == '#') {
        int hex = semi > 2 && (s[2] == 'x' || s[2] == 'X');
        size_t i = hex ? 3 : 2;
        if (i >= semi)
            return 0;
        unsigned long cp = 0;
        for (; i < semi; i++) {
            int c = (unsigned char)s[i], v;
            if (isdigit(c))
                v = c - '0';
            else if (hex && isxdigit(c))
                v = tolower(c) - 'a' + 10;
            else
                return 0;
            cp = cp * (hex ? 16u : 10u) + (unsigned long)v;
            if (cp > 0x10FFFF)
                cp = 0x110000; /* stays invalid without overflowing */
        }
        put_utf8(out, cp);
        return semi + 1;
    }
    for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++) {
        size_t len = strlen(ents[k].name);
        if (len == semi - 1 && !memcmp(s + 1, ents[k].name, len)) {
            put_utf8(out, ents[k].cp);
            return semi + 1;
        }
    }
    return 0;
}

/* 1 if the tag whose name starts at s breaks the line (<br>, <p>, <li>...): it must leave a
 * space between the words around it, where <b> or <i> must leave nothing ("<i>x</i>?"). */
static int block_tag(const char *s, size_t n)
{
    static const char *const tags[] = {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th",
                                       "table", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
                                       "blockquote", "pre", "img"};
    if (n && *s == '/')
        s++, n--;
    size_t len = 0;
    while (len < n && isalnum((unsigned char)s[len]))
        len++;
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
        if (len == strlen(tags[k]) && !strncasecmp(s, tags[k], len))
            return 1;
    return 0;
}

void deck_strip_html(const char *s, size_t n, strbuf *out)
{
    /* where the next '>' is, and whether a "-->" is still ahead: each is looked for once
     * and reused, so "<a<a<a..." or "<!--<!--..." stays linear */
    const char *gt = s;
    int comment_end = 1;
    for (size_t i = 0; i < n; i++) {
        /* a tag starts with a letter, / or ! ("3 < 5" is text) */
        if (s[i] == '<' && i + 1 < n &&
            (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
            if (comment_end && i + 3 < n && !memcmp(s + i, "<!--", 4)) {
                size_t j = i + 4;
                while (j + 2 < n && memcmp(s + j, "-->", 3) != 0)
                    j++;
                if (j + 2 < n) {
                    i = j + 2;
                    continue;
                }
                comment_end = 0;
            }
            if (gt && gt <= s + i)
                gt = memchr(s + i, '>', n - i);
            if (gt) {
                if (block_tag(s + i + 1, (size_t)(gt - s) - i - 1))
                    sb_append(out, " ", 1);
                i = (size_t)(gt - s);
                continue;
            }
        }
        if (s[i] == '&') {
            size_t e = entity(s + i, n - i, out);
            if (e) {
                i += e - 1;
                continue;
            }
        }
        sb_append(out, s + i, 1);
    }
}

/* ---- validation ---- */

/* A problem with one card: an error in our Markdown; in an import the card is skipped (*bad
 * set, the first problem said) and why is what the summary counts. */
static void card_problem(deck *d, int *bad, int line, const char *why, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void card_problem(deck *d, int *bad, int line, const char *why, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (deck_strict(d))
        deck_error(d, line, "%s", msg);
    else if (!*bad)
        deck_skip(d, line, why, "%s", msg);
    *bad = 1;
}

static void check_text(deck *d, int *bad, int line, const char *what, const char *s, size_t max)
{
    /* a byte count within the limit needs no counting (most text) */
    if (strlen(s) <= max)
        return;
    size_t n = utf8_count(s);
    if (n > max)
        card_problem(d, bad, line, "too long",
                     "%s is too long: %zu characters; at most %zu are allowed", what, n, max);
}

/* Same choice: equal bytes, ASCII letters in any case (choices are cleaned: no outer spaces). */
static int same_choice(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z'))
            return 0;
    }
    return 1;
}

/* What a card is in each format, for the "no cards found" error. */
static const char *card_hint(const char *format)
{
    if (!strcmp(format, "gift"))
        return "a question is its text followed by {=right ~wrong} or {T}/{F}";
    if (!strcmp(format, "aiken"))
        return "a question line, then \"A) choice\" lines, then \"ANSWER: A\"";
    if (!strcmp(format, "opentriviaqa"))
        return "\"#Q question\", then \"^ answer\", then \"A choice\" lines";
    if (!strcmp(format, "quizdown"))
        return "a question is a heading followed by \"- [x] right\" and \"- [ ] wrong\" choices";
    if (!strcmp(format, "tsv"))
        return "one card per line: question<TAB>answer";
    return "a card is a \"## question\" heading followed by \"- [x]\" and \"- [ ]\" choices; see "
           "the README";
}

/* The skip reasons so far, "2 cloze, 1 no right answer" (in the arena). */
static const char *skip_reasons(deck *d)
{
    struct deck_notes *nt = d->notes;
    strbuf b = {0};
    for (int k = 0; k < nt->nskips; k++)
        sb_printf(&b, "%s%d %s", k ? ", " : "", nt->skips[k].count, nt->skips[k].why);
    const char *r = deck_strndup(d, b.s ? b.s : "", b.len);
    sb_free(&b);
    return r;
}

/* Drops the wrong choice k of card c (an import's repeated choice). */
static void drop_wrong(card *c, int k)
{
    memmove(&c->wrong[k], &c->wrong[k + 1], sizeof *c->wrong * (size_t)(c->nwrong - k - 1));
    c->nwrong--;
}

void deck_validate(deck *d)
{
    memset(d->count, 0, sizeof d->count);
    int kept = 0;
    for (int i = 0; i < d->ncards; i++) {
        card *c = &d->cards[i];
        int line = c->line, bad = 0;
        /* an explanation or hint that came out empty (feedback of nothing but HTML tags, say)
         * is none: the Markdown writer could not tell it from an absent one */
        if (c->explanation && !*c->explanation)
            c->explanation = NULL;
        if (c->hint && !*c->hint)
            c->hint = NULL;
        if (!c->question || !*c->question)
            card_problem(d, &bad, line, "empty question", "the question is empty");
        else
            check_text(d, &bad, line, "the question", c->question, DECK_MAX_QUESTION_CP);
        if (c->explanation)
            check_text(d, &bad, line, "the explanation", c->explanation, DECK_MAX_EXPLANATION_CP);
        if (c->hint) {
            check_text(d, &bad, line, "the hint", c->hint, DECK_MAX_EXPLANATION_CP);
            size_t hl = strlen(c->hint);
            size_t cp = hl > DECK_HINT_WARN_CP ? utf8_count(c->hint) : hl;
            if (cp > DECK_HINT_WARN_CP && cp <= DECK_MAX_EXPLANATION_CP && !bad)
                deck_warn_each(d, line, "hints too long to show in full",
                               "the hint \"%s\" is %zu characters long: too long for the question "
                               "card on a small screen (keep it under %d)",
                               deck_excerpt(d, c->hint, hl, 30), cp, DECK_HINT_WARN_CP);
        }
        /* an import's repeated wrong choice (Aiken's "B) None", twice) is dropped: the card
         * still asks the same question */
        if (!deck_strict(d)) {
            int dropped = 0;
            for (int k = 0; k < c->nwrong; k++) {
                if (!*c->wrong[k]) {
                    /* "{=a ~}": an empty answer, as Moodle's editor drops a blank one */
                    deck_warn_each(d, line, "empty choices dropped", "an empty wrong choice is dropped");
                    drop_wrong(c, k--);
                    continue;
                }
                int dup = 0;
                for (int j = 0; j < c->nright && !dup; j++)
                    dup = choice_same(c->wrong[k], c->right[j]) && *c->wrong[k];
                for (int j = 0; j < k && !dup; j++)
                    dup = choice_same(c->wrong[k], c->wrong[j]);
                if (dup) {
                    if (!dropped++)
                        deck_warn_each(d, line, "repeated choices dropped",
                                       "the choice \"%s\" appears twice; the repeat is dropped",
                                       deck_excerpt(d, c->wrong[k], strlen(c->wrong[k]), 60));
                    drop_wrong(c, k--);
                }
            }
        }
        int nch = c->nright + c->nwrong;
        if (c->nright == 0) {
            card_problem(d, &bad, line, "no right answer",
                         nch ? "no right answer: mark one choice with \"- [x]\""
                             : "no choices: add \"- [x] right answer\" and \"- [ ] wrong answer\" "
                               "lines");
        }
        if (nch > DECK_MAX_CHOICES)
            card_problem(d, &bad, line, "too many choices", "%d choices; at most %d are allowed",
                         nch, DECK_MAX_CHOICES);
        size_t len[DECK_MAX_CHOICES];
        for (int k = 0; k < nch && k < DECK_MAX_CHOICES; k++) {
            const char *s = k < c->nright ? c->right[k] : c->wrong[k - c->nright];
            len[k] = strlen(s);
            /* choices are named by their text: the card keeps right ones first, so a number
             * would not match the file */
            if (!len[k]) {
                card_problem(d, &bad, line, "empty choice", "a %s choice is empty",
                             k < c->nright ? "right" : "wrong");
                continue;
            }
            size_t cp = len[k] > DECK_CHOICE_WARN_CP ? utf8_count(s) : len[k];
            if (cp > DECK_MAX_CHOICE_CP)
                card_problem(d, &bad, line, "choice too long",
                             "the choice \"%s\" is too long: %zu characters; at most %d are "
                             "allowed (put the detail in the explanation)",
                             deck_excerpt(d, s, len[k], 30), cp, DECK_MAX_CHOICE_CP);
            else if (cp > DECK_CHOICE_WARN_CP && !bad)
                deck_warn_each(d, line, "choices too long for a button",
                               "the choice \"%s\" is %zu characters long: too long for a button "
                               "(keep it under %d)",
                               deck_excerpt(d, s, len[k], 30), cp, DECK_CHOICE_WARN_CP);
            for (int j = 0; j < k; j++) {
                const char *t = j < c->nright ? c->right[j] : c->wrong[j - c->nright];
                if (len[j] == len[k] && same_choice(s, t, len[k])) {
                    card_problem(d, &bad, line, "repeated choice", "choice \"%s\" appears twice",
                                 deck_excerpt(d, s, len[k], 60));
                    break;
                }
            }
        }
        if (c->time_s < 0 || c->time_s > DECK_MAX_TIME_S)
            card_problem(d, &bad, line, "bad time", "time must be 1 to %d seconds",
                         DECK_MAX_TIME_S);
        if (bad && !deck_strict(d))
            continue;
        if ((unsigned)c->level < LEVEL_COUNT)
            d->count[c->level]++;
        if (kept != i)
            d->cards[kept] = *c;
        kept++;
    }
    d->ncards = kept;
    if (d->ncards == 0) {
        if (d->skipped)
            deck_error(d, 0, "no cards left: all %d question%s skipped (%s)", d->skipped,
                       d->skipped == 1 ? " was" : "s were", skip_reasons(d));
        else
            deck_error(d, 0, "no cards found (%s)", card_hint(d->format));
    } else if (d->ncards == 1 && d->cards[0].nwrong == 0 && d->cards[0].nright > 0) {
        deck_error(d, d->cards[0].line,
                   "no wrong choices, and no other card to borrow them from: add wrong choices "
                   "or more cards");
    }
}

/* ---- encoding ---- */

/* Windows-1252 bytes 0x80..0x9F as code points (0 = undefined, kept as U+FFFD). */
static const uint16_t cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Length of the leading run of ASCII bytes (8 at a time: most deck text is ASCII). */
static size_t ascii_run(const unsigned char *u, size_t len)
{
    size_t i = 0;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < len && u[i] < 0x80)
        i++;
    return i;
}

static int line_of(const char *buf, size_t pos)
{
    int line = 1;
    for (const char *p = buf; (p = memchr(p, '\n', (size_t)(buf + pos - p))) != NULL; p++)
        line++;
    return line;
}

/* What fix_encoding found. */
typedef struct enc_fix {
    /* bytes read as Windows-1252, and the line of the first */
    int cp1252, cp1252_line;
    /* damaged UTF-8 characters (a byte lost to "?"), and the line of the first */
    int damaged, damaged_line;
} enc_fix;

/* Returns a UTF-8 copy of buf with every byte that is not part of a valid UTF-8 sequence read
 * as Windows-1252 (real files mix the two), or NULL when buf is valid already. One kind of
 * damage is not Windows-1252 and is repaired instead: a UTF-8 character whose last byte was
 * one Windows-1252 lacks (0x81 0x8D 0x8F 0x90 0x9D) and became "?" on some round trip:
 *   - a three-byte lead, a continuation byte, "?": for E2 80 the lost byte is 0x9D, U+201D
 *     (the closing curly quote: "\xE2\x80\x9CBadger State\xE2\x80?"); any other becomes U+FFFD;
 *   - a two-byte lead and "?" amid other multi-byte characters ("\xCF\x86\xCF?\xCF\x83",
 *     Greek): U+FFFD. Beside ASCII it is Windows-1252 ("CAF\xC9?" is "CAFE?" with an accent). */
static char *fix_encoding(const char *buf, size_t len, enc_fix *fx)
{
    const unsigned char *u = (const unsigned char *)buf;
    size_t i = 0;
    for (;;) {
        i += ascii_run(u + i, len - i);
        if (i >= len)
            return NULL;
        int n = utf8_seq_len(u + i, len - i);
        if (!n)
            break;
        i += (size_t)n;
    }
    memset(fx, 0, sizeof *fx);
    strbuf b = {0};
    sb_append(&b, buf, i);
    /* the character before i was a valid multi-byte one */
    int prev_multi = i > 0 && u[i - 1] >= 0x80;
    while (i < len) {
        size_t a = ascii_run(u + i, len - i);
        if (a) {
            sb_append(&b, buf + i, a);
            i += a;
            prev_multi = 0;
            continue;
        }
        int n = utf8_seq_len(u + i, len - i);
        if (n) {
            sb_append(&b, buf + i, (size_t)n);
            i += (size_t)n;
            prev_multi = 1;
            continue;
        }
        if (u[i] >= 0xC2 && u[i] <= 0xDF && i + 1 < len && u[i + 1] == '?' &&
            (prev_multi || utf8_seq_len(u + i + 2, len - i - 2) >= 2)) {
            put_utf8(&b, 0xFFFD);
            if (!fx->damaged++)
                fx->damaged_line = line_of(buf, i);
            i += 2;
            prev_multi = 0;
            continue;
        }
        prev_multi = 0;
        /* a three-byte lead, one continuation byte, then "?" */
        if (u[i] >= 0xE0 && u[i] <= 0xEF && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
            u[i + 2] == '?') {
            unsigned char t[3] = {u[i], u[i + 1], 0x9D};
            if (u[i] == 0xE2 && u[i + 1] == 0x80)
                sb_append(&b, (const char *)t, 3);
            else
                put_utf8(&b, 0xFFFD);
            if (!fx->damaged++)
                fx->damaged_line = line_of(buf, i);
            i += 3;
            continue;
        }
        unsigned cp = u[i];
        if (cp >= 0x80 && cp < 0xA0)
            cp = cp1252[cp - 0x80] ? cp1252[cp - 0x80] : 0xFFFD;
        put_utf8(&b, cp);
        if (!fx->cp1252++)
            fx->cp1252_line = line_of(buf, i);
        i++;
    }
    return b.s;
}

/* ---- dispatch: the one table of deck formats ---- */

static const char *ext_of(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

/* Calls fn on each of the first 200 non-empty lines of buf, trimmed (t, tn) and raw (s, n),
 * until it returns nonzero; returns that value, or 0. */
typedef int (*sniff_line)(void *st, const char *t, size_t tn, const char *s, size_t n);
static int each_line(const char *buf, size_t len, sniff_line fn, void *st)
{
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    int lines = 0;
    while (line_next(&it, &s, &n) && lines < 200) {
        const char *t = s;
        size_t tn = n;
        while (tn && (*t == ' ' || *t == '\t'))
            t++, tn--;
        while (tn && (t[tn - 1] == ' ' || t[tn - 1] == '\t'))
            tn--;
        if (!tn)
            continue;
        lines++;
        int r = fn(st, t, tn, s, n);
        if (r)
            return r;
    }
    return 0;
}

/* 1 if a GIFT answer block starts at t (just after a "{"): {=right ~wrong}, {T}, {FALSE#...}. */
static int gift_answers(const char *t, size_t n)
{
    size_t i = 0;
    while (i < n && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i < n && (t[i] == '=' || t[i] == '~'))
        return 1;
    static const char *const tf[] = {"TRUE", "FALSE", "T", "F"};
    for (int k = 0; k < 4; k++) {
        size_t l = strlen(tf[k]);
        if (n - i > l && !memcmp(t + i, tf[k], l) && (t[i + l] == '}' || t[i + l] == '#'))
            return 1;
    }
    return 0;
}

/* A GIFT line: $CATEGORY:, ::title::, or an answer block. The state is "a { ended the last
 * line", whose answers start on the next line. */
static int gift_line(void *st, const char *t, size_t n, const char *s, size_t sn)
{
    int *open = st;
    (void)s, (void)sn;
    if (*open) {
        *open = 0;
        if (gift_answers(t, n))
            return 1;
    }
    if (n >= 10 && !memcmp(t, "$CATEGORY:", 10))
        return 1;
    if (n >= 4 && t[0] == ':' && t[1] == ':') {
        for (size_t i = 2; i + 1 < n; i++)
            if (t[i] == ':' && t[i + 1] == ':' && t[i - 1] != '\\')
                return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '\\') {
            i++;
            continue;
        }
        if (t[i] != '{')
            continue;
        /* an Anki cloze {{c1::x}} is no GIFT block */
        if (i + 1 < n && t[i + 1] == '{') {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && (t[j] == ' ' || t[j] == '\t'))
            j++;
        if (j == n) {
            *open = 1;
            return 0;
        }
        if (gift_answers(t + i + 1, n - i - 1))
            return 1;
    }
    return 0;
}

static int sniff_gift(const char *buf, size_t len)
{
    int open = 0;
    return each_line(buf, len, gift_line, &open);
}

/* 1 if the line is one of Anki's file headers ("#separator:tab", "#html:true", ...). */
static int anki_header(const char *s, size_t n)
{
    static const char *const keys[] = {"separator",   "html",        "tags",           "columns",
                                       "notetype",    "deck",        "tags column",    "notetype column",
                                       "deck column", "guid column", "if matches"};
    if (!n || s[0] != '#')
        return 0;
    const char *colon = memchr(s, ':', n);
    if (!colon)
        return 0;
    size_t kl = (size_t)(colon - s - 1);
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (kl == strlen(keys[k]) && !strncasecmp(s + 1, keys[k], kl))
            return 1;
    return 0;
}

/* Anki's headers: # lines at the top of the file. The state is "still in the header". */
static int anki_line(void *st, const char *t, size_t tn, const char *s, size_t n)
{
    int *header = st;
    (void)t, (void)tn;
    if (!*header || s[0] != '#')
        return *header = 0, -1;
    return anki_header(s, n);
}

static int sniff_anki(const char *buf, size_t len)
{
    int header = 1;
    return each_line(buf, len, anki_line, &header) > 0;
}

static int otqa_line(void *st, const char *t, size_t tn, const char *s, size_t n)
{
    (void)st, (void)t, (void)tn;
    return n >= 2 && s[0] == '#' && s[1] == 'Q' && (n == 2 || s[2] == ' ' || s[2] == '\t');
}

static int sniff_otqa(const char *buf, size_t len)
{
    return each_line(buf, len, otqa_line, NULL);
}

/* Aiken: an "ANSWER:" line after an option line ("A) x", "A. x", "A)x"). */
static int aiken_line(void *st, const char *t, size_t tn, const char *s, size_t n)
{
    int *options = st;
    (void)s, (void)n;
    if (tn >= 2 && t[0] >= 'A' && t[0] <= 'Z' && (t[1] == ')' || t[1] == '.') &&
        (tn == 2 || t[1] == ')' || t[2] == ' ' || t[2] == '\t')) {
        *options = 1;
        return 0;
    }
    if (*options && tn >= 7 && !strncmp(t, "ANSWER", 6)) {
        size_t i = 6;
        while (i < tn && (t[i] == ' ' || t[i] == '\t'))
            i++;
        return i < tn && t[i] == ':';
    }
    return 0;
}

static int sniff_aiken(const char *buf, size_t len)
{
    int options = 0;
    return each_line(buf, len, aiken_line, &options);
}

/* Markdown: a "## " heading or a task-list choice ("- [x]", "1. [ ]"), a quizdown fence or a
 * quizdown element of a page. */
static int md_line(void *st, const char *t, size_t tn, const char *s, size_t n)
{
    (void)st;
    if (n >= 3 && !memcmp(s, "## ", 3))
        return 1;
    size_t i = 0;
    if (tn && (t[0] == '-' || t[0] == '*' || t[0] == '+'))
        i = 1;
    else
        while (i < tn && i < 9 && isdigit((unsigned char)t[i]))
            i++;
    if (i && i < tn && (t[0] == '-' || t[0] == '*' || t[0] == '+' || t[i] == '.' || t[i] == ')')) {
        size_t j = i + (isdigit((unsigned char)t[0]) ? 1 : 0);
        if (j + 4 <= tn && t[j] == ' ' && t[j + 1] == '[' && t[j + 3] == ']' &&
            (t[j + 2] == 'x' || t[j + 2] == 'X' || t[j + 2] == ' '))
            return 1;
    }
    return deck_md_embedded(t, tn) != 0;
}

static int sniff_md(const char *buf, size_t len)
{
    return each_line(buf, len, md_line, NULL);
}

/* The deck formats, in the order their content marks are trusted when the extension does not
 * decide (the strongest first: Anki's headers are unmistakable, while a cloze {{c1::x}} or a
 * "#Q" line could pass for GIFT; "## " headings are the weakest mark). */
static const struct deck_format {
    /* the extensions that choose it, without the dot (a format may have none) */
    const char *exts[3];
    /* 1 if text of no telling extension is in this format */
    int (*sniff)(const char *buf, size_t len);
    /* its reader */
    deck_reader read;
} formats[] = {
    {{"tsv", "csv", NULL}, sniff_anki, deck_read_tsv},
    {{NULL}, sniff_otqa, deck_read_otqa},
    {{"aiken", NULL}, sniff_aiken, deck_read_aiken},
    {{"gift", NULL}, sniff_gift, deck_read_gift},
    {{"md", "markdown", NULL}, sniff_md, deck_read_md},
    {{"html", "htm", NULL}, NULL, deck_read_md},
};

/* Extensions that say "a deck, whose format the content tells" (plain text: Anki, Moodle
 * fixtures named x.gift.txt). */
static int generic_ext(const char *ext)
{
    return !strcasecmp(ext, "txt");
}

int deck_name_has_ext(const char *name)
{
    const char *ext = ext_of(name);
    if (!*ext)
        return 0;
    if (generic_ext(ext))
        return 1;
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++)
        for (int k = 0; k < 3 && formats[f].exts[k]; k++)
            if (!strcasecmp(ext, formats[f].exts[k]))
                return 1;
    return 0;
}

/* The reader for a file: by extension, else the first format whose marks the content has
 * (*marked = 1), else tab-separated (*marked = 0). */
static deck_reader pick_reader(const char *name, const char *buf, size_t len, int *marked)
{
    const char *ext = ext_of(name);
    *marked = 1;
    for (size_t f = 0; *ext && f < sizeof formats / sizeof formats[0]; f++)
        for (int k = 0; k < 3 && formats[f].exts[k]; k++)
            if (!strcasecmp(ext, formats[f].exts[k]))
                return formats[f].read;
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++)
        if (formats[f].sniff && formats[f].sniff(buf, len))
            return formats[f].read;
    *marked = 0;
    return deck_read_tsv;
}

int deck_looks_like_deck(const char *buf, size_t len)
{
    if (memchr(buf, 0, len))
        return 0;
    int marked;
    pick_reader("", buf, len, &marked);
    return marked;
}

/* A file this big is read into memory mapped in 2 MiB pages where the system has them. */
#define HUGE_BLOCK (4u * 1024u * 1024u)

/* A block for n bytes and a spare NUL, not yet in any deck. A big one (a big file) is mapped
 * and asked for transparent huge pages: its first touch then costs a few page faults instead
 * of one per 4 KiB, which was a fifth of loading a 20 MB deck. */
static struct deck_arena *new_block(size_t n)
{
    struct deck_arena *b = NULL;
    size_t bytes = sizeof *b + n + 1;
#if defined(MAP_ANONYMOUS)
    if (bytes >= HUGE_BLOCK) {
        size_t len = (bytes + (2u << 20) - 1) & ~((size_t)(2u << 20) - 1);
        void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
#if defined(MADV_HUGEPAGE)
            madvise(p, len, MADV_HUGEPAGE);
#endif
            b = p;
            b->mapped = len;
        }
    }
#endif
    if (!b) {
        b = xmalloc(bytes);
        b->mapped = 0;
    }
    b->next = NULL;
    b->used = b->cap = n + 1;
    return b;
}

/* The block b holding n bytes, grown to hold cap bytes and a spare NUL (a file that grows as
 * it is read, or a pipe). */
static struct deck_arena *grow_block(struct deck_arena *b, size_t n, size_t cap)
{
    if (!b->mapped) {
        b = xrealloc(b, sizeof *b + cap + 1);
        b->used = b->cap = cap + 1;
        return b;
    }
    struct deck_arena *g = new_block(cap);
    memcpy(g->mem, b->mem, n);
    free_block(b);
    return g;
}

/* Parses the len bytes held in block b, which the deck takes over (see the top of the file). */
static deck *parse_owned(const char *name, struct deck_arena *b, size_t len, diag_list *diags)
{
    deck *d = deck_new(name, diags);
    b->next = d->arena->next;
    d->arena->next = b;
    char *own = (char *)b->mem;
    own[len] = 0;
    d->notes->own = own;
    d->notes->own_end = own + len;
    const char *buf = own;
    const unsigned char *u = (const unsigned char *)buf;
    char *fixed = NULL;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        deck_error(d, 1, "UTF-16 text (as Windows Notepad saves \"Unicode\"): save the file as "
                         "UTF-8");
        goto done;
    }
    const char *nul = memchr(buf, 0, len);
    if (nul) {
        deck_error(d, line_of(buf, (size_t)(nul - buf)),
                   "contains a NUL byte: this is a binary file, not a deck");
        goto done;
    }
    int marked;
    deck_reader reader = pick_reader(name, buf, len, &marked);
    enc_fix fx;
    fixed = fix_encoding(buf, len, &fx);
    if (fixed && reader == deck_read_md && !deck_md_is_quizdown(buf, len)) {
        /* our own format is UTF-8, full stop: say where the author must fix it. Imported
         * formats (exports from other tools, OpenTriviaQA) are read leniently below. */
        int nbad = fx.cp1252 + fx.damaged;
        int line = fx.cp1252 && (!fx.damaged || fx.cp1252_line < fx.damaged_line)
                       ? fx.cp1252_line
                       : fx.damaged_line;
        deck_error(d, line,
                   "invalid UTF-8 (%d bad byte%s, the first on this line); save the file as UTF-8",
                   nbad, nbad == 1 ? "" : "s");
        goto done;
    }
    if (fixed) {
        if (fx.cp1252)
            deck_warn(d, fx.cp1252_line,
                      "%d byte%s not valid UTF-8; read as Windows-1252 (save the file as UTF-8)",
                      fx.cp1252, fx.cp1252 == 1 ? " is" : "s are");
        if (fx.damaged)
            deck_warn(d, fx.damaged_line,
                      "%d damaged UTF-8 character%s (its last byte replaced by \"?\"): read as "
                      "\xE2\x80\x9D where the bytes were E2 80, else as \xEF\xBF\xBD; this is the "
                      "first",
                      fx.damaged, fx.damaged == 1 ? "" : "s");
        buf = fixed;
        len = strlen(fixed);
        /* the readers' text is copied out of the converted text, which is freed below */
        d->notes->own = d->notes->own_end = NULL;
    }
    /* a UTF-8 byte order mark is not text */
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    reader(d, buf, len);
    close_card(d);
    deck_validate(d);
done:
    free(fixed);
    finish_notes(d);
    int errors = d->notes->errors;
    free_notes(d);
    if (errors) {
        deck_free(d);
        return NULL;
    }
    return d;
}

deck *deck_parse(const char *name, const char *buf, size_t len, diag_list *diags)
{
    struct deck_arena *b = new_block(len);
    memcpy(b->mem, buf, len);
    return parse_owned(name, b, len, diags);
}

/* Reads a whole file into a block of its size plus a spare byte (one read for a regular file).
 * Returns 0 or an errno value (EFBIG past DECK_MAX_FILE_BYTES). */
static int read_deck_file(const char *path, struct deck_arena **out, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;
        return e ? e : EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int e = S_ISDIR(st.st_mode) ? EISDIR : errno;
        close(fd);
        return e ? e : EIO;
    }
    /* room for the whole file and one byte more, so that the read that finds the end does not
     * have to grow the block; a file that grows meanwhile, or a pipe, grows it */
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    if (cap > DECK_MAX_FILE_BYTES + 1)
        cap = DECK_MAX_FILE_BYTES + 1;
    struct deck_arena *b = new_block(cap);
    size_t n = 0;
    int err = 0;
    for (;;) {
        if (n == cap) {
            if (cap > DECK_MAX_FILE_BYTES) {
                err = EFBIG;
                break;
            }
            cap *= 2;
            b = grow_block(b, n, cap);
        }
        ssize_t r = read(fd, (char *)b->mem + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            err = e ? e : EIO;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (!err && n > DECK_MAX_FILE_BYTES)
        err = EFBIG;
    if (err) {
        free_block(b);
        return err;
    }
    *out = b;
    *len = n;
    return 0;
}

deck_status deck_load(const char *path, deck **out, diag_list *diags)
{
    *out = NULL;
    struct deck_arena *buf = NULL;
    size_t len = 0;
    int err = read_deck_file(path, &buf, &len);
    if (err) {
        if (err == EFBIG)
            diag_add(diags, path, 0, 1, "larger than %u MB; not a deck",
                     DECK_MAX_FILE_BYTES / (1024u * 1024u));
        else
            diag_add(diags, path, 0, 1, "cannot read: %s", strerror(err));
        return err == EFBIG ? DECK_INVALID : DECK_IOERR;
    }
    deck *d = parse_owned(path, buf, len, diags);
    if (!d)
        return DECK_INVALID;
    *out = d;
    return DECK_OK;
}

/* ---- the Markdown writer ---- */

/* Writes text that must stay on one line (the readers keep none, but be safe). */
static void put_line_text(strbuf *b, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        const char *p = s;
        while (p < end && *p != '\n' && *p != '\r')
            p++;
        sb_append(b, s, (size_t)(p - s));
        if (p < end) {
            sb_append(b, " ", 1);
            p++;
        }
        s = p;
    }
}

/* Writes heading text. A run of # at its end would be read as the heading's closing sequence
 * when a space (or nothing) is before it, so it is escaped as CommonMark does: "C #" is written
 * "C \#" (and a backslash already before the run is doubled). The reader drops the backslash. */
static void put_heading_text(strbuf *b, const char *s)
{
    size_t n = strlen(s), k = n;
    while (k && s[k - 1] == '#')
        k--;
    if (k < n && (k == 0 || s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\\')) {
        put_line_text(b, s, k);
        sb_append(b, "\\", 1);
        put_line_text(b, s + k, n - k);
    } else {
        put_line_text(b, s, n);
    }
}

/* 1 if a description line starting with c would be read as something else (a heading, a code
 * fence, an HTML comment, a rule) or starts with the backslash that escapes those. */
static int desc_needs_escape(const char *s)
{
    return *s == '#' || *s == '`' || *s == '~' || *s == '<' || *s == '-' || *s == '\\';
}

static int same_str(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (!a || !strcmp(a, b));
}

static int same_list(char *const *a, int na, char *const *b, int nb)
{
    if (na != nb)
        return 0;
    for (int i = 0; i < na; i++)
        if (strcmp(a[i], b[i]) != 0)
            return 0;
    return 1;
}

int deck_diff(const deck *a, const deck *b, char *why, size_t why_size)
{
    const char *what = NULL;
    int at = 0;
    if (!same_str(a->title, b->title))
        what = "the title";
    else if (!same_str(a->description, b->description))
        what = "the description";
    else if (a->ncards != b->ncards)
        what = "the number of cards";
    for (int i = 0; !what && i < a->ncards; i++) {
        const card *x = &a->cards[i], *y = &b->cards[i];
        at = i + 1;
        if (!same_str(x->question, y->question))
            what = "the question";
        else if (x->level != y->level)
            what = "the level";
        else if (x->time_s != y->time_s)
            what = "the time";
        else if (!same_list(x->right, x->nright, y->right, y->nright))
            what = "the right choices";
        else if (!same_list(x->wrong, x->nwrong, y->wrong, y->nwrong))
            what = "the wrong choices";
        else if (!same_list(x->tags, x->ntags, y->tags, y->ntags))
            what = "the tags";
        else if (!same_str(x->explanation, y->explanation))
            what = "the explanation";
        else if (!same_str(x->hint, y->hint))
            what = "the hint";
    }
    if (!what)
        return 0;
    if (why_size) {
        if (at)
            snprintf(why, why_size, "card %d: %s", at, what);
        else
            snprintf(why, why_size, "%s", what);
    }
    return 1;
}

void deck_write_md(const deck *d, strbuf *b)
{
    sb_puts(b, "# ");
    put_heading_text(b, d->title);
    sb_puts(b, "\n");
    if (d->description && *d->description) {
        if (desc_needs_escape(d->description))
            sb_puts(b, "\\");
        put_line_text(b, d->description, strlen(d->description));
        sb_puts(b, "\n");
    }
    for (int i = 0; i < d->ncards; i++) {
        const card *c = &d->cards[i];
        sb_puts(b, "\n## ");
        put_heading_text(b, c->question);
        sb_printf(b, "\nlevel: %s\n", level_name(c->level));
        if (c->ntags) {
            sb_puts(b, "tags: ");
            for (int t = 0; t < c->ntags; t++) {
                if (t)
                    sb_puts(b, ", ");
                put_line_text(b, c->tags[t], strlen(c->tags[t]));
            }
            sb_puts(b, "\n");
        }
        if (c->time_s)
            sb_printf(b, "time: %d\n", c->time_s);
        if (c->hint) {
            sb_puts(b, "\n> ");
            put_line_text(b, c->hint, strlen(c->hint));
            sb_puts(b, "\n");
        }
        sb_puts(b, "\n");
        for (int k = 0; k < c->nright; k++) {
            sb_puts(b, "- [x] ");
            put_line_text(b, c->right[k], strlen(c->right[k]));
            sb_puts(b, "\n");
        }
        for (int k = 0; k < c->nwrong; k++) {
            sb_puts(b, "- [ ] ");
            put_line_text(b, c->wrong[k], strlen(c->wrong[k]));
            sb_puts(b, "\n");
        }
        if (c->explanation) {
            /* paragraphs are separated by "\n"; each becomes a "> " line with ">" between */
            sb_puts(b, "\n> ");
            for (const char *s = c->explanation; *s;) {
                const char *nl = strchr(s, '\n');
                size_t n = nl ? (size_t)(nl - s) : strlen(s);
                sb_append(b, s, n);
                if (!nl)
                    break;
                sb_puts(b, "\n>\n> ");
                s = nl + 1;
            }
            sb_puts(b, "\n");
        }
    }
}
