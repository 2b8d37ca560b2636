/* deck.c: the deck model, shared by every reader: an arena for the strings, card building,
 * validation with file:line messages, format dispatch, and the Markdown writer.
 *
 * Why an arena: a 100,000-card deck is ~700,000 small strings. One malloc each costs more in
 * headers than the text itself and makes freeing slow; the arena hands out slices of 64 KiB
 * blocks, so a deck costs little more than its text (see BENCHMARKS.md) and frees in a few calls. */
#include "deck.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_import.h"

#define ARENA_BLOCK (64u * 1024u)

struct deck_arena {
    struct deck_arena *next;
    size_t used, cap;
    /* the bytes follow; max_align_t keeps every slice aligned for pointers */
    _Alignas(max_align_t) unsigned char mem[];
};

static void *arena_alloc(deck *d, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    struct deck_arena *a = d->arena;
    if (!a || a->cap - a->used < n) {
        size_t cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
        struct deck_arena *b = xmalloc(sizeof *b + cap);
        b->used = 0;
        b->cap = cap;
        if (a && n > ARENA_BLOCK / 4) {
            /* a big one-off slice: keep filling the current block afterwards */
            b->next = a->next;
            a->next = b;
            b->used = n;
            return b->mem;
        }
        b->next = a;
        d->arena = a = b;
    }
    void *p = a->mem + a->used;
    a->used += n;
    return p;
}

/* Grows an arena array (the old copy is left in the arena: arrays here are small and grow
 * geometrically, so the waste is bounded by the final size). */
static void *arena_grow(deck *d, void *old, size_t old_bytes, size_t new_bytes)
{
    void *p = arena_alloc(d, new_bytes);
    if (old_bytes)
        memcpy(p, old, old_bytes);
    return p;
}

char *deck_strndup(deck *d, const char *s, size_t n)
{
    char *p = arena_alloc(d, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *deck_clean(deck *d, const char *s, size_t n)
{
    char *out = arena_alloc(d, n + 1);
    size_t o = 0;
    int pending = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            pending = o > 0;
            continue;
        }
        /* U+00A0 no-break space folds like a space */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            pending = o > 0;
            i++;
            continue;
        }
        if (pending)
            out[o++] = ' ';
        pending = 0;
        out[o++] = (char)c;
    }
    out[o] = 0;
    return out;
}

deck *deck_new(const char *path)
{
    deck *d = xcalloc(1, sizeof *d);
    d->path = xstrdup(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    d->title = deck_strndup(d, base, n);
    d->format = "markdown";
    return d;
}

void deck_free(deck *d)
{
    if (!d)
        return;
    free(d->cards);
    struct deck_arena *a = d->arena;
    while (a) {
        struct deck_arena *next = a->next;
        free(a);
        a = next;
    }
    free(d->path);
    free(d);
}

card *deck_add_card(deck *d, int line)
{
    if (d->ncards == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->cards = xrealloc(d->cards, sizeof(card) * (size_t)d->cap);
    }
    card *c = &d->cards[d->ncards++];
    memset(c, 0, sizeof *c);
    c->level = LEVEL_MEDIUM;
    c->line = line;
    return c;
}

/* Appends to an arena array of char* whose capacity is the next power of two >= n (min 4). */
static char **push_str(deck *d, char **arr, int n, char *s)
{
    int cap = 4;
    while (cap < n)
        cap *= 2;
    if (n == cap || n == 0) {
        int ncap = n == 0 ? 4 : cap * 2;
        arr = arena_grow(d, arr, sizeof(char *) * (size_t)n, sizeof(char *) * (size_t)ncap);
    }
    arr[n] = s;
    return arr;
}

void deck_add_choice(deck *d, card *c, const char *text, int right)
{
    char *s = (char *)text;
    if (right) {
        c->right = push_str(d, c->right, c->nright, s);
        c->nright++;
    } else {
        c->wrong = push_str(d, c->wrong, c->nwrong, s);
        c->nwrong++;
    }
}

void deck_add_tag(deck *d, card *c, const char *tag, size_t n)
{
    while (n && is_space((unsigned char)*tag))
        tag++, n--;
    while (n && is_space((unsigned char)tag[n - 1]))
        n--;
    if (!n || c->ntags >= DECK_MAX_TAGS)
        return;
    char *t = deck_clean(d, tag, n);
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    for (int i = 0; i < c->ntags; i++)
        if (!strcmp(c->tags[i], t))
            return;
    c->tags = push_str(d, c->tags, c->ntags, t);
    c->ntags++;
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

void deck_diag(diag_list *diags, const char *name, int line, int is_error, const char *fmt, ...)
{
    /* count this file's items at the end of the list */
    int mine = 0;
    for (int i = diags->n - 1; i >= 0 && !strcmp(diags->items[i].file, name); i--)
        mine++;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (mine < DECK_MAX_DIAGS) {
        diag_add(diags, name, line, is_error, "%s", msg);
    } else if (is_error) {
        /* keep the error count right (the caller decides on it) without listing more */
        if (mine == DECK_MAX_DIAGS)
            diag_add(diags, name, 0, 1, "too many problems; the rest are not listed");
        else
            diags->errors++;
    }
}

void line_iter_init(line_iter *it, const char *buf, size_t len)
{
    it->p = buf;
    it->end = buf + len;
    it->line = 0;
}

int line_next(line_iter *it, const char **s, size_t *n)
{
    if (it->p >= it->end)
        return 0;
    const char *p = it->p;
    const char *q = p;
    while (q < it->end && *q != '\n' && *q != '\r')
        q++;
    *s = p;
    *n = (size_t)(q - p);
    if (q < it->end && *q == '\r')
        q++;
    if (q < it->end && *q == '\n' && (q == p || q[-1] != '\n'))
        q++;
    it->p = q;
    it->line++;
    return 1;
}

/* ---- validation ---- */

static void check_text(const char *name, int line, const char *what, const char *s, size_t max,
                       diag_list *diags)
{
    size_t n = utf8_count(s);
    if (n > max)
        deck_diag(diags, name, line, 1, "%s is too long: %zu characters; at most %zu are allowed",
                  what, n, max);
}

void deck_validate(deck *d, const char *name, diag_list *diags)
{
    memset(d->count, 0, sizeof d->count);
    for (int i = 0; i < d->ncards; i++) {
        card *c = &d->cards[i];
        int line = c->line;
        if (!c->question || !*c->question)
            deck_diag(diags, name, line, 1, "the question is empty");
        else
            check_text(name, line, "the question", c->question, DECK_MAX_QUESTION_CP, diags);
        if (c->explanation)
            check_text(name, line, "the explanation", c->explanation, DECK_MAX_EXPLANATION_CP,
                       diags);
        if (c->hint)
            check_text(name, line, "the hint", c->hint, DECK_MAX_EXPLANATION_CP, diags);
        int nch = c->nright + c->nwrong;
        if (c->nright == 0) {
            deck_diag(diags, name, line, 1,
                      nch ? "no right answer: mark one choice with \"- [x]\""
                          : "no choices: add \"- [x] right answer\" and \"- [ ] wrong answer\" lines");
        }
        if (nch > DECK_MAX_CHOICES)
            deck_diag(diags, name, line, 1, "%d choices; at most %d are allowed", nch,
                      DECK_MAX_CHOICES);
        for (int k = 0; k < nch && k < DECK_MAX_CHOICES; k++) {
            const char *s = k < c->nright ? c->right[k] : c->wrong[k - c->nright];
            if (!*s) {
                deck_diag(diags, name, line, 1, "choice %d is empty", k + 1);
                continue;
            }
            size_t cp = utf8_count(s);
            if (cp > DECK_MAX_CHOICE_CP)
                deck_diag(diags, name, line, 1,
                          "choice %d is too long: %zu characters; at most %d are allowed (put "
                          "the detail in the explanation)",
                          k + 1, cp, DECK_MAX_CHOICE_CP);
            else if (cp > DECK_CHOICE_WARN_CP)
                deck_diag(diags, name, line, 0,
                          "choice %d is %zu characters long: too long for a button (keep it "
                          "under %d)",
                          k + 1, cp, DECK_CHOICE_WARN_CP);
            for (int j = 0; j < k; j++) {
                const char *t = j < c->nright ? c->right[j] : c->wrong[j - c->nright];
                if (choice_same(s, t)) {
                    deck_diag(diags, name, line, 1, "choice \"%.60s\" appears twice", s);
                    break;
                }
            }
        }
        if (c->time_s < 0 || c->time_s > DECK_MAX_TIME_S)
            deck_diag(diags, name, line, 1, "time must be 1 to %d seconds", DECK_MAX_TIME_S);
        if ((unsigned)c->level < LEVEL_COUNT)
            d->count[c->level]++;
    }
    if (d->ncards == 0) {
        deck_diag(diags, name, 0, 1,
                  "no cards found (a card is a \"## question\" heading followed by \"- [x]\" "
                  "and \"- [ ]\" choices; see the README)");
    } else if (d->ncards == 1 && d->cards[0].nwrong == 0 && d->cards[0].nright > 0) {
        deck_diag(diags, name, d->cards[0].line, 1,
                  "no wrong choices, and no other card to borrow them from: add \"- [ ]\" lines");
    }
}

/* ---- encoding ---- */

/* Windows-1252 bytes 0x80..0x9F as code points (0 = undefined, kept as U+FFFD). */
static const uint16_t cp1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static void put_cp(strbuf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    }
    sb_append(b, u, n);
}

/* Returns a UTF-8 copy of buf in which every byte that is not part of a valid UTF-8 sequence
 * was read as Windows-1252 (real files mix the two), or NULL when buf is valid already.
 * *first_line gets the line of the first such byte and *count how many there were. */
static char *fix_encoding(const char *buf, size_t len, int *first_line, int *count)
{
    size_t i = 0;
    int line = 1;
    const unsigned char *u = (const unsigned char *)buf;
    while (i < len) {
        if (u[i] < 0x80) {
            line += u[i] == '\n';
            i++;
            continue;
        }
        int n = utf8_seq_len(u + i, len - i);
        if (!n)
            break;
        i += (size_t)n;
    }
    if (i >= len)
        return NULL;
    *first_line = line;
    *count = 0;
    strbuf b = {0};
    sb_append(&b, buf, i);
    while (i < len) {
        int n = u[i] < 0x80 ? 1 : utf8_seq_len(u + i, len - i);
        if (n) {
            sb_append(&b, buf + i, (size_t)n);
            i += (size_t)n;
            continue;
        }
        unsigned cp = u[i];
        if (cp >= 0x80 && cp < 0xA0)
            cp = cp1252[cp - 0x80] ? cp1252[cp - 0x80] : 0xFFFD;
        put_cp(&b, cp);
        (*count)++;
        i++;
    }
    return b.s;
}

/* ---- dispatch ---- */

static const char *ext_of(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
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

/* 1 if the (trimmed) line marks a GIFT file. *open carries "a { ended the last line" over to the
 * next line, where the answers of a block written on several lines start. */
static int gift_line(const char *t, size_t n, int *open)
{
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

/* Guesses the format of text whose extension does not decide it (.txt, another or none), from
 * its first 200 non-empty lines. Each format has marks the others lack; the strongest wins:
 *   Anki's "#separator:"/"#html:" headers    tab-separated (an Anki cloze {{c1::x}} must not
 *                                            pass for GIFT)
 *   a "#Q " line                             OpenTriviaQA
 *   "ANSWER:" after "A)"/"A." option lines   Aiken
 *   ::title::, $CATEGORY:, {=right ~wrong}   GIFT (also {T}, {FALSE}, and "{" ending a line
 *                                            with the answers below)
 *   "## " headings, "- [x]"/"- [ ]" choices  Markdown
 *   anything else                            tab-separated */
static deck_reader sniff(const char *buf, size_t len, int *marked)
{
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    int lines = 0, header = 1, open = 0;
    int anki = 0, otqa = 0, options = 0, aiken = 0, gift = 0, md = 0;
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
        if (header && s[0] == '#')
            anki |= (n >= 11 && !strncasecmp(s, "#separator:", 11)) ||
                    (n >= 6 && !strncasecmp(s, "#html:", 6));
        else
            header = 0;
        if (n >= 2 && s[0] == '#' && s[1] == 'Q' && (n == 2 || s[2] == ' ' || s[2] == '\t'))
            otqa = 1;
        if (tn >= 2 && t[0] >= 'A' && t[0] <= 'Z' && (t[1] == ')' || t[1] == '.') &&
            (tn == 2 || t[2] == ' ' || t[2] == '\t'))
            options = 1;
        else if (options && tn >= 7 && !strncmp(t, "ANSWER", 6)) {
            size_t i = 6;
            while (i < tn && (t[i] == ' ' || t[i] == '\t'))
                i++;
            aiken |= i < tn && t[i] == ':';
        }
        if ((n >= 3 && !memcmp(s, "## ", 3)) ||
            (n >= 5 && (!memcmp(s, "- [x]", 5) || !memcmp(s, "- [ ]", 5) ||
                        !memcmp(s, "- [X]", 5))))
            md = 1;
        else if (!gift)
            gift = gift_line(t, tn, &open);
    }
    *marked = anki || otqa || aiken || gift || md;
    if (anki)
        return deck_read_tsv;
    if (otqa)
        return deck_read_otqa;
    if (aiken)
        return deck_read_aiken;
    if (gift)
        return deck_read_gift;
    if (md)
        return deck_read_md;
    return deck_read_tsv;
}

static deck_reader pick_reader(const char *name, const char *buf, size_t len)
{
    const char *ext = ext_of(name);
    if (!strcasecmp(ext, "md") || !strcasecmp(ext, "markdown"))
        return deck_read_md;
    if (!strcasecmp(ext, "tsv") || !strcasecmp(ext, "csv"))
        return deck_read_tsv;
    if (!strcasecmp(ext, "gift"))
        return deck_read_gift;
    if (!strcasecmp(ext, "aiken"))
        return deck_read_aiken;
    int marked;
    return sniff(buf, len, &marked);
}

int deck_looks_like_deck(const char *buf, size_t len)
{
    if (memchr(buf, 0, len))
        return 0;
    int marked;
    sniff(buf, len, &marked);
    return marked;
}

deck *deck_parse(const char *name, const char *buf, size_t len, diag_list *diags)
{
    int errors0 = diags->errors;
    const char *nul = memchr(buf, 0, len);
    if (nul) {
        int line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        deck_diag(diags, name, line, 1, "contains a NUL byte: this is a binary file, not a deck");
        return NULL;
    }
    deck_reader reader = pick_reader(name, buf, len);
    int bad_line = 0, nbad = 0;
    char *fixed = fix_encoding(buf, len, &bad_line, &nbad);
    if (fixed && reader == deck_read_md) {
        /* our own format is UTF-8, full stop: say where the author must fix it. Imported
         * formats (exports from other tools, OpenTriviaQA) are read leniently below. */
        deck_diag(diags, name, bad_line, 1,
                  "invalid UTF-8 (%d bad byte%s, the first on this line); save the file as UTF-8",
                  nbad, nbad == 1 ? "" : "s");
        free(fixed);
        return NULL;
    }
    if (fixed) {
        deck_diag(diags, name, bad_line, 0,
                  "%d byte%s not valid UTF-8; read as Windows-1252 (save the file as UTF-8)",
                  nbad, nbad == 1 ? " is" : "s are");
        buf = fixed;
        len = strlen(fixed);
    }
    /* a UTF-8 byte order mark is not text */
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    deck *d = deck_new(name);
    reader(d, name, buf, len, diags);
    free(fixed);
    deck_validate(d, name, diags);
    if (diags->errors > errors0) {
        deck_free(d);
        return NULL;
    }
    return d;
}

deck_status deck_load(const char *path, deck **out, diag_list *diags)
{
    *out = NULL;
    char *buf = NULL;
    size_t len = 0;
    int err = read_file(path, DECK_MAX_FILE_BYTES, &buf, &len);
    if (err) {
        if (err == EFBIG)
            diag_add(diags, path, 0, 1, "larger than %u MB; not a deck",
                     DECK_MAX_FILE_BYTES / (1024u * 1024u));
        else
            diag_add(diags, path, 0, 1, "cannot read: %s", strerror(err));
        return err == EFBIG ? DECK_INVALID : DECK_IOERR;
    }
    deck *d = deck_parse(path, buf, len, diags);
    free(buf);
    if (!d)
        return DECK_INVALID;
    *out = d;
    return DECK_OK;
}

/* ---- the Markdown writer ---- */

/* Writes text that must stay on one line and must not be read as Markdown syntax. */
static void put_line_text(strbuf *b, const char *s)
{
    for (; *s; s++)
        sb_append(b, *s == '\n' ? " " : s, 1);
}

void deck_write_md(const deck *d, strbuf *b)
{
    sb_puts(b, "# ");
    put_line_text(b, d->title);
    sb_puts(b, "\n");
    if (d->description) {
        put_line_text(b, d->description);
        sb_puts(b, "\n");
    }
    for (int i = 0; i < d->ncards; i++) {
        const card *c = &d->cards[i];
        sb_puts(b, "\n## ");
        put_line_text(b, c->question);
        sb_printf(b, "\nlevel: %s\n", level_name(c->level));
        if (c->ntags) {
            sb_puts(b, "tags: ");
            for (int t = 0; t < c->ntags; t++) {
                if (t)
                    sb_puts(b, ", ");
                put_line_text(b, c->tags[t]);
            }
            sb_puts(b, "\n");
        }
        if (c->time_s)
            sb_printf(b, "time: %d\n", c->time_s);
        if (c->hint) {
            sb_puts(b, "\n> ");
            put_line_text(b, c->hint);
            sb_puts(b, "\n");
        }
        sb_puts(b, "\n");
        for (int k = 0; k < c->nright; k++) {
            sb_puts(b, "- [x] ");
            put_line_text(b, c->right[k]);
            sb_puts(b, "\n");
        }
        for (int k = 0; k < c->nwrong; k++) {
            sb_puts(b, "- [ ] ");
            put_line_text(b, c->wrong[k]);
            sb_puts(b, "\n");
        }
        if (c->explanation) {
            /* paragraphs are separated by "\n"; each becomes a "> " line with "> " between */
            sb_puts(b, "\n> ");
            for (const char *s = c->explanation; *s; s++) {
                if (*s == '\n')
                    sb_puts(b, "\n>\n> ");
                else
                    sb_append(b, s, 1);
            }
            sb_puts(b, "\n");
        }
    }
}
