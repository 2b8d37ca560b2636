/* blocklist.c: the name blocklist: entries normalised once into a hash set, names matched by
 * looking up each of their substrings. */
#include "blocklist.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* BLOCKLIST_ENTRY_MAX as text, for messages */
#define BLOCKLIST_ENTRY_MAX_TEXT "64"
_Static_assert(BLOCKLIST_ENTRY_MAX == 64, "BLOCKLIST_ENTRY_MAX_TEXT must match");

/* After this many bad lines the rest are skipped without a diag each. */
#define MAX_DIAGS 50

/* One normalised entry. */
typedef struct entry {
    /* the normalised word (owned) and its length */
    char *word;
    size_t len;
    /* its hash (FNV-1a), kept to grow the table without rehashing the words */
    uint32_t hash;
    /* 1: "=word", matches only the whole name */
    int whole;
} entry;

struct blocklist {
    /* the entries, in file order */
    entry *items;
    int n;
    int cap;
    /* open-addressing hash set: index + 1 into items, 0 = empty; nslots is a power of two */
    int *slots;
    size_t nslots;
    /* shortest and longest entry, so matching looks only at substrings that could match */
    size_t minlen;
    size_t maxlen;
};

/* The matching form of one byte, or 0 to drop it. */
static char fold(unsigned char ch)
{
    if (ch >= 0x80)
        return (char)ch;
    if (ch >= 'A' && ch <= 'Z')
        ch = (unsigned char)(ch - 'A' + 'a');
    switch (ch) {
    case '0':
        return 'o';
    case '1':
    case '!':
    case '|':
    case 'l':
        return 'i';
    case '3':
        return 'e';
    case '4':
    case '@':
        return 'a';
    case '5':
    case '$':
        return 's';
    case '7':
        return 't';
    default:
        break;
    }
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
        return (char)ch;
    return 0;
}

size_t blocklist_normalize(const char *in, char *out, size_t outsz)
{
    size_t o = 0;
    if (!outsz)
        return 0;
    for (; *in && o + 1 < outsz; in++) {
        char f = fold((unsigned char)*in);
        if (f)
            out[o++] = f;
    }
    out[o] = 0;
    return o;
}

/* FNV-1a, one byte at a time so a substring's hash grows with it. */
#define HASH_START 2166136261u
static uint32_t hash_step(uint32_t h, unsigned char ch)
{
    return (h ^ ch) * 16777619u;
}

static uint32_t hash_of(const char *s, size_t n)
{
    uint32_t h = HASH_START;
    for (size_t i = 0; i < n; i++)
        h = hash_step(h, (unsigned char)s[i]);
    return h;
}

/* The entry equal to s[0..n) with hash h, or NULL. */
static const entry *lookup(const blocklist *b, const char *s, size_t n, uint32_t h)
{
    if (!b->nslots)
        return NULL;
    size_t mask = b->nslots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        int k = b->slots[i];
        if (!k)
            return NULL;
        const entry *e = &b->items[k - 1];
        if (e->hash == h && e->len == n && !memcmp(e->word, s, n))
            return e;
    }
}

static void place(blocklist *b, int k)
{
    size_t mask = b->nslots - 1;
    size_t i = b->items[k].hash & mask;
    while (b->slots[i])
        i = (i + 1) & mask;
    b->slots[i] = k + 1;
}

/* Adds a normalised word unless it is there already (a substring entry outranks "=word"). */
static void add(blocklist *b, const char *word, size_t n, int whole)
{
    uint32_t h = hash_of(word, n);
    entry *old = (entry *)lookup(b, word, n, h);
    if (old) {
        if (!whole)
            old->whole = 0;
        return;
    }
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->items = xrealloc(b->items, (size_t)b->cap * sizeof *b->items);
    }
    b->items[b->n] = (entry){xstrndup(word, n), n, h, whole};
    b->n++;
    if ((size_t)b->n * 2 > b->nslots) {
        free(b->slots);
        b->nslots = b->nslots ? b->nslots * 2 : 128;
        b->slots = xcalloc(b->nslots, sizeof *b->slots);
        for (int k = 0; k < b->n; k++)
            place(b, k);
    } else {
        place(b, b->n - 1);
    }
    if (b->n == 1 || n < b->minlen)
        b->minlen = n;
    if (n > b->maxlen)
        b->maxlen = n;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

blocklist *blocklist_parse(const char *text, size_t len, const char *name, diag_list *d)
{
    blocklist *b = xcalloc(1, sizeof *b);
    int lineno = 0, bad = 0;
    size_t pos = 0;
    char norm[BLOCKLIST_ENTRY_MAX + 1];
    while (pos < len) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl != NULL);
        lineno++;
        while (n && is_blank(*s)) {
            s++;
            n--;
        }
        while (n && is_blank(s[n - 1]))
            n--;
        if (!n || *s == '#')
            continue;
        const char *why = NULL;
        if (memchr(s, '\0', n))
            why = "holds a NUL byte";
        else if (!utf8_valid(s, n))
            why = "is not valid UTF-8";
        else if (n > BLOCKLIST_ENTRY_MAX)
            why = "is longer than " BLOCKLIST_ENTRY_MAX_TEXT " bytes";
        int whole = 0;
        size_t nn = 0;
        if (!why) {
            whole = *s == '=';
            char raw[BLOCKLIST_ENTRY_MAX + 1];
            memcpy(raw, s + whole, n - (size_t)whole);
            raw[n - (size_t)whole] = 0;
            nn = blocklist_normalize(raw, norm, sizeof norm);
            if (!nn)
                why = "has no letters or digits";
        }
        if (why) {
            bad++;
            if (bad <= MAX_DIAGS)
                diag_add(d, name, lineno, 1, "entry %s; it is skipped", why);
            if (bad == MAX_DIAGS)
                diag_add(d, name, lineno, 0, "further bad lines are skipped without a word");
            continue;
        }
        if (b->n >= BLOCKLIST_MAX_ENTRIES) {
            diag_add(d, name, lineno, 1, "more than %d entries; the rest are ignored",
                     BLOCKLIST_MAX_ENTRIES);
            break;
        }
        add(b, norm, nn, whole);
    }
    return b;
}

blocklist *blocklist_load(const char *path, diag_list *d)
{
    if (!path || !*path)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    int e = read_file(path, BLOCKLIST_FILE_MAX, &buf, &len);
    if (e == EFBIG) {
        diag_add(d, path, 0, 1, "the name blocklist is larger than %d MiB, so it is not used",
                 BLOCKLIST_FILE_MAX / (1024 * 1024));
        return NULL;
    }
    if (e) {
        diag_add(d, path, 0, 1, "cannot read the name blocklist: %s", strerror(e));
        return NULL;
    }
    blocklist *b = blocklist_parse(buf, len, path, d);
    free(buf);
    return b;
}

int blocklist_match(const blocklist *b, const char *name)
{
    if (!b || !name || !b->n)
        return 0;
    size_t cap = strlen(name) + 1;
    char small[256];
    char *s = cap <= sizeof small ? small : xmalloc(cap);
    size_t n = blocklist_normalize(name, s, cap);
    int found = 0;
    for (size_t i = 0; i < n && !found; i++) {
        uint32_t h = HASH_START;
        for (size_t len = 1; len <= b->maxlen && i + len <= n; len++) {
            h = hash_step(h, (unsigned char)s[i + len - 1]);
            if (len < b->minlen)
                continue;
            const entry *e = lookup(b, s + i, len, h);
            if (e && (!e->whole || (i == 0 && len == n))) {
                found = 1;
                break;
            }
        }
    }
    if (s != small)
        free(s);
    return found;
}

int blocklist_count(const blocklist *b)
{
    return b ? b->n : 0;
}

void blocklist_free(blocklist *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->n; i++)
        free(b->items[i].word);
    free(b->items);
    free(b->slots);
    free(b);
}
