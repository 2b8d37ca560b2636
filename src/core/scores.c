/* scores.c: the high-score table (per deck, today and all time) and its text format.
 *
 * The file format, version 1 (UTF-8 text a person can read and repair with any editor):
 *
 *     # quizblitz scores v1
 *     # deck<TAB>name<TAB>score<TAB>right<TAB>total<TAB>best_streak<TAB>when
 *     virtualization<TAB>ALICE<TAB>12345<TAB>9<TAB>10<TAB>7<TAB>2026-11-24T06:30:00Z
 *
 * - The first line names the format and its version; a file without it is foreign (or lost its
 *   start) and counts as one bad line, but its readable entry lines are still kept.
 * - Any other line starting with '#' is a comment, and blank lines are ignored; a trailing CR
 *   (a file saved by a Windows editor) and a leading UTF-8 byte-order mark are tolerated.
 * - One entry per line, exactly seven fields separated by one tab each:
 *   deck   the deck key: valid UTF-8, no control characters, not empty, at most
 *          SCORES_DECK_BYTES-1 bytes (longer keys are cut at a character boundary);
 *   name   valid UTF-8, no control characters, re-sanitised on reading (scores_sanitize_name);
 *   score  0..100000000;  right  0..total;  total  0..1000;  best_streak  0..right
 *          (plain decimal digits, no sign);
 *   when   the end of the round in UTC as YYYY-MM-DDTHH:MM:SSZ, years 1970..9999.
 * - A line that breaks any of these rules, or is longer than SCORES_LINE_MAX bytes, is a bad
 *   line: it is reported and skipped and never takes the good lines with it.
 * Lines are written grouped by deck (byte order), best first. The text is made with our own
 * integer formatting and calendar arithmetic (no locale, no timegm, no time_t width issues), so
 * the same table gives the same bytes on every architecture and in every locale.
 *
 * In memory each deck is one group of entries kept sorted best first, so a board is a prefix
 * scan. Each entry carries its local day, computed once on insertion (the process's TZ at that
 * moment: the file holds UTC, so a file read in another time zone shows that zone's days).
 * "Today" is the local calendar day of the `now` the caller passes (the game's injected wall
 * clock); the today board shows the entries of that day only. Only an insertion prunes, and
 * only the deck it goes into; reading a file keeps every good line. */
#include "scores.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n.h"

/* Longer lines are bad lines: a score line is far shorter, and a bound keeps a damaged file
 * (one 1 MB line of garbage) from costing anything but a skip. */
#define SCORES_LINE_MAX 4096
/* Daily boards kept: a deck's this-many-plus-one most recent days with entries, and every day
 * this many days before the newest insertion or later (see prune()). */
#define SCORES_KEEP_DAYS 60
/* Bounds of the numbers in a line (anything outside is damage, not a score). */
#define SCORE_MAX 100000000
#define TOTAL_MAX 1000
/* 9999-12-31T23:59:59Z: the last time the four-digit year of the format can write. */
#define WHEN_MAX INT64_C(253402300799)
/* Reporting stops after this many bad lines: a 16 MB file of garbage must not become millions
 * of messages. The count returned is still exact. */
#define DIAG_MAX 100

static const char HEADER[] = "# quizblitz scores v";
static const char COLUMNS[] = "# deck\tname\tscore\tright\ttotal\tbest_streak\twhen";

typedef struct item {
    /* the entry as stored, already sanitised */
    score_entry e;
    /* its local calendar day as a day number (days since 1970-01-01 of that date) */
    int32_t day;
} item;

typedef struct group {
    /* normalised deck key */
    char key[SCORES_DECK_BYTES];
    /* entries, best first (rank_cmp order), never two identical */
    item *v;
    int n;
    int cap;
} group;

struct scores {
    /* one group per deck, sorted by key (strcmp) for binary search */
    group *g;
    int n;
    int cap;
    /* entries over all groups */
    int count;
};

/* ---- calendar arithmetic (proleptic Gregorian, H. Hinnant's algorithms) ---- */

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int64_t y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* Local date of a Unix time as a day number; UTC when the C library cannot convert it. */
static int32_t local_daynum(int64_t when)
{
    time_t tt = (time_t)when;
    struct tm tm;
    if ((int64_t)tt == when && localtime_r(&tt, &tm))
        return (int32_t)days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    int64_t z = when / 86400 - (when % 86400 < 0);
    return (int32_t)z;
}

static int32_t daynum_to_ymd(int32_t dn)
{
    int64_t y;
    int m, d;
    civil_from_days(dn, &y, &m, &d);
    return (int32_t)(y * 10000 + m * 100 + d);
}

int32_t scores_local_day(int64_t when)
{
    return daynum_to_ymd(local_daynum(when));
}

/* Writes v as exactly width decimal digits (zero-padded, high digits cut) and a separator;
 * hand-made so the bytes never depend on the C library or the locale. */
static char *put_num(char *o, uint32_t v, int width, char sep)
{
    for (int i = width - 1; i >= 0; i--) {
        o[i] = (char)('0' + v % 10);
        v /= 10;
    }
    o[width] = sep;
    return o + width + (sep != 0);
}

/* Writes when as 2026-11-24T06:30:00Z into out (21 bytes). when is within 0..WHEN_MAX. */
static void format_when(int64_t when, char out[21])
{
    int64_t days = when / 86400, secs = when % 86400;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    char *o = put_num(out, (uint32_t)y, 4, '-');
    o = put_num(o, (uint32_t)m, 2, '-');
    o = put_num(o, (uint32_t)d, 2, 'T');
    o = put_num(o, (uint32_t)(secs / 3600), 2, ':');
    o = put_num(o, (uint32_t)(secs / 60 % 60), 2, ':');
    o = put_num(o, (uint32_t)(secs % 60), 2, 'Z');
    *o = 0;
}

/* Reads a fixed-width run of digits; -1 when any byte is not a digit. */
static int64_t fixed_digits(const char *s, int n)
{
    int64_t v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Parses exactly YYYY-MM-DDTHH:MM:SSZ (n bytes); 0 and *out on success, -1 otherwise. */
static int parse_when(const char *s, size_t n, int64_t *out)
{
    if (n != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        s[19] != 'Z')
        return -1;
    int64_t y = fixed_digits(s, 4), mo = fixed_digits(s + 5, 2), d = fixed_digits(s + 8, 2);
    int64_t h = fixed_digits(s + 11, 2), mi = fixed_digits(s + 14, 2), se = fixed_digits(s + 17, 2);
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 ||
        se > 59)
        return -1;
    if (d > days_in_month(y, (int)mo))
        return -1;
    *out = days_from_civil(y, (int)mo, (int)d) * 86400 + h * 3600 + mi * 60 + se;
    return 0;
}

/* ---- names and deck keys ---- */

/* Decodes a valid sequence of len bytes. */
static uint32_t decode(const unsigned char *p, int len)
{
    if (len == 1)
        return p[0];
    uint32_t cp = p[0] & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (int i = 1; i < len; i++)
        cp = (cp << 6) | (p[i] & 0x3F);
    return cp;
}

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

/* Characters that draw nothing or reorder the text around them: dropped from names, so a name
 * always shows what it holds (a bidi override could make a board line read backwards). */
static int is_hidden_cp(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xFFFE || cp == 0xFFFF;
}

/* Combining marks (accents put on the character before them). */
static int is_combining_cp(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* At most this many combining marks on one character: enough for any language's letters
 * (Vietnamese puts two on one vowel); more is a stack drawn over the lines above and below. */
#define NAME_MAX_MARKS 2

void scores_sanitize_name(const char *in, char *out)
{
    const unsigned char *p = (const unsigned char *)(in ? in : "");
    size_t avail = strlen((const char *)p);
    size_t o = 0, ncp = 0;
    int pending_space = 0;
    /* marks on the last character kept; -1 = there is none to put a mark on */
    int marks = -1;
    while (avail > 0 && ncp < SCORES_NAME_MAX_CP) {
        int l = utf8_seq_len(p, avail);
        if (l == 0) {
            /* invalid byte: dropped, as the header promises */
            p++;
            avail--;
            continue;
        }
        uint32_t cp = decode(p, l);
        if (is_space_cp(cp)) {
            /* runs fold into one space, and only between words (trimmed at both ends) */
            pending_space = ncp > 0;
            marks = -1;
        } else if (is_combining_cp(cp) && (marks < 0 || marks >= NAME_MAX_MARKS || pending_space)) {
            /* a mark with no character under it, or one too many: it would not read as typed */
        } else if (!is_hidden_cp(cp)) {
            marks = is_combining_cp(cp) ? marks + 1 : 0;
            if (pending_space) {
                /* a space needs a character after it, or it would be trailing */
                if (ncp + 2 > SCORES_NAME_MAX_CP)
                    break;
                out[o++] = ' ';
                ncp++;
                pending_space = 0;
            }
            memcpy(out + o, p, (size_t)l);
            o += (size_t)l;
            ncp++;
        }
        p += l;
        avail -= (size_t)l;
    }
    out[o] = 0;
    if (o == 0)
        snprintf(out, SCORES_NAME_BYTES, "%s", SCORES_DEFAULT_NAME);
}

/* Normalises a deck key of n bytes into out: at most SCORES_DECK_BYTES-1 bytes cut at a
 * character boundary; invalid bytes become '?' and control characters '_' (so every key can be
 * written and read back); a leading '#' becomes '_' (the line would read as a comment); empty
 * becomes "_". The game passes keys cut at a byte count, so an incomplete sequence at the very
 * end is a cut character and is dropped, not replaced. Lookups normalise too, so the game's raw
 * key and the stored key always meet. */
static void norm_deck(const char *in, size_t n, char out[SCORES_DECK_BYTES])
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0, o = 0;
    while (i < n) {
        int l = utf8_seq_len(p + i, n - i);
        char sub = 0;
        if (l == 0) {
            /* a lead byte followed only by continuation bytes up to the end: a cut character */
            size_t j = i + 1;
            while (j < n && (p[j] & 0xC0) == 0x80)
                j++;
            if (j == n && p[i] >= 0xC2 && p[i] <= 0xF4 && j - i < (size_t)(p[i] >= 0xF0 ? 4 : p[i] >= 0xE0 ? 3 : 2))
                break;
            sub = '?';
            l = 1;
        } else if (l == 1 && (p[i] < 0x20 || p[i] == 0x7F)) {
            sub = '_';
        } else if (l == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0) {
            /* C1 controls: one '_' for the two bytes */
            sub = '_';
        }
        size_t w = sub ? 1 : (size_t)l;
        if (o + w > SCORES_DECK_BYTES - 1)
            break;
        if (sub) {
            out[o++] = sub;
        } else {
            memcpy(out + o, p + i, w);
            o += w;
        }
        i += (size_t)l;
    }
    out[o] = 0;
    if (o == 0)
        strcpy(out, "_");
    else if (out[0] == '#')
        out[0] = '_';
}

/* ---- the table ---- */

scores *scores_new(void)
{
    return xcalloc(1, sizeof(scores));
}

void scores_free(scores *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->n; i++)
        free(t->g[i].v);
    free(t->g);
    free(t);
}

int scores_count(const scores *t)
{
    return t ? t->count : 0;
}

/* Best first: higher score, then earlier time; the remaining fields only make the order total,
 * so identical entries (and only they) compare equal and a sort puts them side by side. */
static int rank_cmp(const score_entry *a, const score_entry *b)
{
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->when != b->when)
        return a->when < b->when ? -1 : 1;
    int c = strcmp(a->name, b->name);
    if (c)
        return c < 0 ? -1 : 1;
    if (a->right != b->right)
        return a->right > b->right ? -1 : 1;
    if (a->total != b->total)
        return a->total < b->total ? -1 : 1;
    if (a->best_streak != b->best_streak)
        return a->best_streak > b->best_streak ? -1 : 1;
    c = strcmp(a->kiosk, b->kiosk);
    return c < 0 ? -1 : c > 0;
}

static int item_cmp(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    int c = strcmp(a->e.deck, b->e.deck);
    if (c)
        return c;
    return rank_cmp(&a->e, &b->e);
}

/* Index of the deck's group, or -1. key is already normalised. */
static int find_group(const scores *t, const char *key)
{
    int lo = 0, hi = t->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(t->g[mid].key, key);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static const group *lookup(const scores *t, const char *deck)
{
    if (!t || !deck)
        return NULL;
    char key[SCORES_DECK_BYTES];
    norm_deck(deck, strlen(deck), key);
    int i = find_group(t, key);
    return i < 0 ? NULL : &t->g[i];
}

/* Descending order of days, for prune(). */
static int day_desc(const void *pa, const void *pb)
{
    int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;
    return a > b ? -1 : a < b;
}

/* Drops what no board will show, after an insertion whose local day is `present` (the entry the
 * game just saved was made "now"). An entry stays while it is in the deck's all-time top 10, or
 * in the top 10 of its own day when that day is
 *   - one of the deck's SCORES_KEEP_DAYS + 1 most recent days that have entries, or
 *   - no more than SCORES_KEEP_DAYS days before `present` (or after it).
 * The first rule alone is a function of the entries only, so a clock that once ran ahead (one
 * entry dated 2035) costs one day slot, not every daily board up to 2035 + 60 days (a window
 * anchored at the newest entry dropped every new daily entry then). The second keeps what the
 * player just saw on the "today" board when the clock went back for good (a kiosk with a dead
 * clock battery and 61 real days of history). Per deck this keeps at most 10 entries per day over
 * about 122 days plus any days the clock ran ahead: bounded whatever the play. Adding entries
 * never brings a dropped one back. Returns how many were dropped. */
static int prune(group *g, int32_t present)
{
    if (g->n <= SCORES_BOARD_SIZE)
        return 0;
    /* the distinct days, newest first, each with a count of entries seen in rank order */
    int32_t *days = xmalloc((size_t)g->n * sizeof *days);
    for (int i = 0; i < g->n; i++)
        days[i] = g->v[i].day;
    qsort(days, (size_t)g->n, sizeof *days, day_desc);
    int nd = 0;
    for (int i = 0; i < g->n; i++)
        if (nd == 0 || days[nd - 1] != days[i])
            days[nd++] = days[i];
    int32_t recent = nd > SCORES_KEEP_DAYS + 1 ? days[SCORES_KEEP_DAYS] : INT32_MIN;
    int32_t near = present > INT32_MIN + SCORES_KEEP_DAYS ? present - SCORES_KEEP_DAYS : INT32_MIN;
    int *seen = xcalloc((size_t)nd, sizeof *seen);
    int o = 0;
    for (int i = 0; i < g->n; i++) {
        int32_t day = g->v[i].day;
        /* binary search in the descending list */
        int lo = 0, hi = nd - 1;
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (days[mid] > day)
                lo = mid + 1;
            else
                hi = mid;
        }
        int kept_day = day >= recent || day >= near;
        int before = seen[lo]++;
        if (i < SCORES_BOARD_SIZE || (kept_day && before < SCORES_BOARD_SIZE))
            g->v[o++] = g->v[i];
    }
    free(seen);
    free(days);
    int dropped = g->n - o;
    g->n = o;
    return dropped;
}

/* Merges sorted, sanitised items (sorted by item_cmp) into the table, dropping exact
 * duplicates. With do_prune, the decks they go into are pruned for the day `present`; reading a
 * file never prunes (every good line it holds is kept). */
static void merge_sorted(scores *t, item *in, int n, int do_prune, int32_t present)
{
    /* groups for decks the table does not have yet, in key order (in[] is sorted by deck) */
    group *fresh = NULL;
    int nfresh = 0, capfresh = 0;
    int i = 0;
    while (i < n) {
        int j = i + 1;
        while (j < n && strcmp(in[j].e.deck, in[i].e.deck) == 0)
            j++;
        int gi = find_group(t, in[i].e.deck);
        group tmp = {{0}, NULL, 0, 0};
        group *g;
        if (gi >= 0) {
            g = &t->g[gi];
        } else {
            if (nfresh == capfresh) {
                capfresh = capfresh ? capfresh * 2 : 8;
                fresh = xrealloc(fresh, (size_t)capfresh * sizeof *fresh);
            }
            memcpy(tmp.key, in[i].e.deck, SCORES_DECK_BYTES);
            g = &tmp;
        }
        /* merge g->v and in[i..j) into one sorted run without duplicates */
        int cap = g->n + (j - i);
        item *v = xmalloc((size_t)cap * sizeof *v);
        int a = 0, b = i, o = 0;
        while (a < g->n || b < j) {
            const item *next;
            if (b >= j) {
                next = &g->v[a++];
            } else if (a >= g->n) {
                next = &in[b++];
            } else {
                int c = rank_cmp(&g->v[a].e, &in[b].e);
                if (c <= 0) {
                    next = &g->v[a++];
                    if (c == 0)
                        b++;
                } else {
                    next = &in[b++];
                }
            }
            if (o > 0 && rank_cmp(&v[o - 1].e, &next->e) == 0)
                continue;
            v[o++] = *next;
        }
        t->count -= g->n;
        free(g->v);
        g->v = v;
        g->n = o;
        g->cap = cap;
        if (do_prune)
            prune(g, present);
        t->count += g->n;
        if (gi < 0)
            fresh[nfresh++] = tmp;
        i = j;
    }
    if (nfresh > 0) {
        /* one merge of two sorted group lists instead of an insertion per new deck */
        group *all = xmalloc((size_t)(t->n + nfresh) * sizeof *all);
        int a = 0, b = 0, o = 0;
        while (a < t->n || b < nfresh) {
            if (b >= nfresh || (a < t->n && strcmp(t->g[a].key, fresh[b].key) < 0))
                all[o++] = t->g[a++];
            else
                all[o++] = fresh[b++];
        }
        free(t->g);
        t->g = all;
        t->n = t->cap = o;
    }
    free(fresh);
}

/* Fills an item from an entry: sanitised name, normalised key, numbers brought into the ranges
 * the file format accepts (so whatever the table holds can be written and read back). */
static void make_item(item *it, const score_entry *e)
{
    memset(it, 0, sizeof *it);
    char name[SCORES_NAME_BYTES];
    /* the name buffer may lack its NUL: copy it bounded first */
    char raw[SCORES_NAME_BYTES];
    memcpy(raw, e->name, sizeof raw);
    raw[sizeof raw - 1] = 0;
    scores_sanitize_name(raw, name);
    memcpy(it->e.name, name, sizeof name);
    norm_deck(e->deck, strnlen(e->deck, sizeof e->deck), it->e.deck);
    /* the kiosk's name, from a server: cut and cleaned as a deck key is (empty stays empty) */
    if (e->kiosk[0])
        norm_deck(e->kiosk, strnlen(e->kiosk, sizeof e->kiosk), it->e.kiosk);
    int32_t total = e->total < 0 ? 0 : e->total > TOTAL_MAX ? TOTAL_MAX : e->total;
    int32_t right = e->right < 0 ? 0 : e->right > total ? total : e->right;
    int32_t streak = e->best_streak < 0 ? 0 : e->best_streak > right ? right : e->best_streak;
    it->e.score = e->score < 0 ? 0 : e->score > SCORE_MAX ? SCORE_MAX : e->score;
    it->e.total = total;
    it->e.right = right;
    it->e.best_streak = streak;
    it->e.when = e->when < 0 ? 0 : e->when > WHEN_MAX ? WHEN_MAX : e->when;
    it->day = local_daynum(it->e.when);
}

int scores_insert(scores *t, const score_entry *e)
{
    item it;
    make_item(&it, e);
    merge_sorted(t, &it, 1, 1, it.day);
    int gi = find_group(t, it.e.deck);
    if (gi < 0)
        return 0;
    const group *g = &t->g[gi];
    for (int i = 0; i < g->n && i < SCORES_BOARD_SIZE; i++)
        if (rank_cmp(&g->v[i].e, &it.e) == 0)
            return i + 1;
    return 0;
}

/* 1 if (score, when) would rank above the entry e on a board. */
static int beats(int32_t score, int64_t when, const score_entry *e)
{
    return score > e->score || (score == e->score && when < e->when);
}

int scores_qualifies(const scores *t, const char *deck, int32_t score, int64_t now)
{
    const group *g = lookup(t, deck);
    if (!g || g->n < SCORES_BOARD_SIZE)
        return 1;
    if (beats(score, now, &g->v[SCORES_BOARD_SIZE - 1].e))
        return 1;
    int32_t today = local_daynum(now);
    int seen = 0;
    for (int i = 0; i < g->n; i++) {
        if (g->v[i].day != today)
            continue;
        if (++seen == SCORES_BOARD_SIZE)
            return beats(score, now, &g->v[i].e);
    }
    return 1;
}

int scores_top(const scores *t, const char *deck, score_board board, int64_t now,
               const score_entry **out, int max)
{
    const group *g = lookup(t, deck);
    if (!g)
        return 0;
    int32_t today = local_daynum(now);
    int n = 0;
    for (int i = 0; i < g->n && n < max; i++)
        if (board == BOARD_ALLTIME || g->v[i].day == today)
            out[n++] = &g->v[i].e;
    return n;
}

int scores_remove_deck(scores *t, const char *deck)
{
    const group *cg = lookup(t, deck);
    if (!cg)
        return 0;
    int gi = (int)(cg - t->g);
    int n = t->g[gi].n;
    free(t->g[gi].v);
    memmove(&t->g[gi], &t->g[gi + 1], (size_t)(t->n - gi - 1) * sizeof *t->g);
    t->n--;
    t->count -= n;
    return n;
}

int scores_decks(const scores *t, const char **out, int max)
{
    if (!t)
        return 0;
    if (!out)
        return t->n;
    int n = 0;
    for (int i = 0; i < t->n && n < max; i++)
        out[n++] = t->g[i].key;
    return n;
}

/* ---- the text format ---- */

char *scores_serialize(const scores *t, size_t *len)
{
    strbuf b = {0};
    sb_printf(&b, "%s1\n%s\n", HEADER, COLUMNS);
    for (int i = 0; t && i < t->n; i++) {
        const group *g = &t->g[i];
        for (int k = 0; k < g->n; k++) {
            const score_entry *e = &g->v[k].e;
            char when[21];
            format_when(e->when, when);
            sb_printf(&b, "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", e->deck, e->name, (int)e->score, (int)e->right,
                      (int)e->total, (int)e->best_streak, when);
        }
    }
    if (len)
        *len = b.len;
    return b.s;
}

/* 1 if the n bytes are valid UTF-8 without control characters (C0, DEL, C1). */
static int clean_text(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        int l = utf8_seq_len(p + i, n - i);
        if (l == 0)
            return 0;
        uint32_t cp = decode(p + i, l);
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return 0;
        i += (size_t)l;
    }
    return 1;
}

/* A decimal number of 1..10 plain digits within lo..hi; 0 on success. */
static int parse_num(const char *s, size_t n, int64_t lo, int64_t hi, int32_t *out)
{
    if (n == 0 || n > 10)
        return -1;
    int64_t v = fixed_digits(s, (int)n);
    if (v < lo || v > hi)
        return -1;
    *out = (int32_t)v;
    return 0;
}

/* Parses one entry line (no newline) into it; NULL on success, else what is wrong. */
static const char *parse_line(const char *s, size_t n, item *it)
{
    const char *f[7];
    size_t fl[7];
    int nf = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\t') {
            if (nf == 7)
                return "more than 7 tab-separated fields";
            f[nf] = s + start;
            fl[nf] = i - start;
            nf++;
            start = i + 1;
        }
    }
    if (nf != 7)
        return "fewer than 7 tab-separated fields";
    if (fl[0] == 0 || !clean_text(f[0], fl[0]))
        return "the deck is empty or not clean UTF-8";
    if (fl[1] >= SCORES_NAME_BYTES || !clean_text(f[1], fl[1]))
        return "the name is too long or not clean UTF-8";
    score_entry e;
    memset(&e, 0, sizeof e);
    if (parse_num(f[2], fl[2], 0, SCORE_MAX, &e.score))
        return "bad score (0..100000000)";
    if (parse_num(f[4], fl[4], 0, TOTAL_MAX, &e.total))
        return "bad total (0..1000)";
    if (parse_num(f[3], fl[3], 0, e.total, &e.right))
        return "bad right answers (0..total)";
    if (parse_num(f[5], fl[5], 0, e.right, &e.best_streak))
        return "bad best streak (0..right)";
    if (parse_when(f[6], fl[6], &e.when))
        return "bad time (want YYYY-MM-DDTHH:MM:SSZ)";
    /* the deck field may be longer than a key: cut where make_item would, without a copy */
    norm_deck(f[0], fl[0], e.deck);
    memcpy(e.name, f[1], fl[1]);
    e.name[fl[1]] = 0;
    make_item(it, &e);
    return NULL;
}

static void bad(diag_list *diags, const char *name, int line, int *nbad, const char *msg)
{
    (*nbad)++;
    if (!diags)
        return;
    if (*nbad <= DIAG_MAX)
        diag_add(diags, name, line, 1, "%s", msg);
    else if (*nbad == DIAG_MAX + 1)
        diag_add(diags, name, line, 1, "more bad lines follow (not listed)");
}

int scores_parse(scores *t, const char *name, const char *buf, size_t len, diag_list *diags)
{
    int nbad = 0;
    size_t pos = 0;
    int lineno = 0;
    item *items = NULL;
    int nitems = 0, cap = 0;
    /* an editor's byte-order mark is not damage */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    if (pos >= len)
        bad(diags, name, 0, &nbad, "empty file (no \"# quizblitz scores v1\" header)");
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        const char *s = buf + pos;
        size_t n = end - pos;
        pos = nl ? end + 1 : len;
        lineno++;
        if (n > SCORES_LINE_MAX) {
            bad(diags, name, lineno, &nbad, "line too long");
            continue;
        }
        while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' '))
            n--;
        if (lineno == 1) {
            size_t hl = sizeof HEADER - 1;
            if (n > hl && memcmp(s, HEADER, hl) == 0) {
                if (n == hl + 1 && s[hl] == '1')
                    continue;
                bad(diags, name, lineno, &nbad, "unknown version of the score file (this program reads v1)");
                continue;
            }
            bad(diags, name, lineno, &nbad, "not a quizblitz score file (no \"# quizblitz scores v1\" header)");
            /* fall through: the first line may still be an entry of a file that lost its start */
        }
        if (n == 0 || s[0] == '#')
            continue;
        if (nitems == cap) {
            cap = cap ? cap * 2 : 64;
            items = xrealloc(items, (size_t)cap * sizeof *items);
        }
        const char *why = parse_line(s, n, &items[nitems]);
        if (why)
            bad(diags, name, lineno, &nbad, why);
        else
            nitems++;
    }
    if (nitems > 0) {
        qsort(items, (size_t)nitems, sizeof *items, item_cmp);
        merge_sorted(t, items, nitems, 0, 0);
    }
    free(items);
    return nbad;
}

/* ---- boards as text (--list-scores) ---- */

/* Columns a code point takes in a terminal: 0 for combining marks and other zero-width ones,
 * 2 for East Asian wide and fullwidth characters and emoji, 1 otherwise (after Markus Kuhn's
 * wcwidth, without the C library's locale dependence). */
static int cp_width(uint32_t cp)
{
    static const uint32_t zero[][2] = {
        {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
        {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
        {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0900, 0x0902},
        {0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957},
        {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x1160, 0x11FF}, {0x1AB0, 0x1AFF},
        {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x206F}, {0x20D0, 0x20FF},
        {0x302A, 0x302D}, {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
        {0x1F3FB, 0x1F3FF}, {0xE0000, 0xE0FFF},
    };
    static const uint32_t wide[][2] = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
        {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
        {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
        {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
        {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
        {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
        {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
        {0x2E80, 0x3029}, {0x302E, 0x303E}, {0x3041, 0x3098}, {0x309B, 0x33FF}, {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x18AFF},
        {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
        {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F3FA}, {0x1F400, 0x1F64F},
        {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF},
        {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (cp >= zero[i][0] && cp <= zero[i][1])
            return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (cp >= wide[i][0] && cp <= wide[i][1])
            return 2;
    return 1;
}

/* Terminal columns of a UTF-8 string (an invalid byte counts as one column, as '?' would). */
static int text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    int w = 0;
    while (i < n) {
        int l = utf8_seq_len(p + i, n - i);
        if (l == 0) {
            w++;
            i++;
            continue;
        }
        w += cp_width(decode(p + i, l));
        i += (size_t)l;
    }
    return w;
}

static int digits(int64_t v)
{
    int n = 1;
    while (v >= 10 || v <= -10) {
        v /= 10;
        n++;
    }
    return n + (v < 0);
}

static void format_date(int64_t when, char out[11])
{
    uint32_t ymd = (uint32_t)scores_local_day(when);
    char *o = put_num(out, ymd / 10000, 4, '-');
    o = put_num(o, ymd / 100 % 100, 2, '-');
    put_num(o, ymd % 100, 2, 0);
}

/* Column widths shared by a deck's two boards, so they line up with each other. */
typedef struct widths {
    int name, score, right;
    /* the kiosk column's width; 0 = no entry names a kiosk (a local table): no column */
    int kiosk;
} widths;

static void widen(widths *w, const score_entry *const *top, int n)
{
    for (int i = 0; i < n; i++) {
        int nw = text_width(top[i]->name);
        char sc[32];
        i18n_number(sc, sizeof sc, (long)top[i]->score);
        int sw = text_width(sc);
        int rw = digits(top[i]->right) + 1 + digits(top[i]->total);
        w->name = nw > w->name ? nw : w->name;
        w->score = sw > w->score ? sw : w->score;
        w->right = rw > w->right ? rw : w->right;
        if (top[i]->kiosk[0]) {
            int kw = text_width(top[i]->kiosk);
            kw = kw < 5 ? 5 : kw; /* at least its header, "KIOSK" */
            w->kiosk = kw > w->kiosk ? kw : w->kiosk;
        }
    }
}

static void format_board(strbuf *b, const score_entry *const *top, int n, score_board board, int64_t now,
                         const widths *w)
{
    if (board == BOARD_TODAY) {
        char d[11];
        format_date(now, d);
        sb_printf(b, "  Today (%s)\n", d);
    } else {
        sb_puts(b, "  All time\n");
    }
    if (n == 0) {
        sb_puts(b, board == BOARD_TODAY ? "    no scores today\n" : "    no scores yet\n");
        return;
    }
    sb_printf(b, "    %4s  %-*s  ", "RANK", w->name, "NAME");
    if (w->kiosk)
        sb_printf(b, "%-*s  ", w->kiosk, "KIOSK");
    sb_printf(b, "%*s  %*s  %6s  %s\n", w->score, "SCORE", w->right, "RIGHT", "STREAK", "DATE");
    for (int i = 0; i < n; i++) {
        const score_entry *e = top[i];
        char d[11], rt[24], sc[32];
        format_date(e->when, d);
        /* grouped as the interface's language writes scores (12,450 / 12.450) */
        i18n_number(sc, sizeof sc, (long)e->score);
        int spad = w->score - text_width(sc);
        snprintf(rt, sizeof rt, "%d/%d", (int)e->right, (int)e->total);
        /* padded by terminal columns, not bytes: names in any script line up */
        int pad = w->name - text_width(e->name);
        sb_printf(b, "    %4d  %s%*s  ", i + 1, e->name, pad > 0 ? pad : 0, "");
        if (w->kiosk) {
            int kpad = w->kiosk - text_width(e->kiosk);
            sb_printf(b, "%s%*s  ", e->kiosk, kpad > 0 ? kpad : 0, "");
        }
        sb_printf(b, "%*s%s  %*s  %6d  %s\n", spad > 0 ? spad : 0, "", sc, w->right, rt, (int)e->best_streak, d);
    }
}

static void format_deck(strbuf *b, const scores *t, const char *key, int64_t now)
{
    const score_entry *today[SCORES_BOARD_SIZE], *all[SCORES_BOARD_SIZE];
    int nt = scores_top(t, key, BOARD_TODAY, now, today, SCORES_BOARD_SIZE);
    int na = scores_top(t, key, BOARD_ALLTIME, now, all, SCORES_BOARD_SIZE);
    widths w = {4, 5, 5, 0};
    widen(&w, today, nt);
    widen(&w, all, na);
    sb_printf(b, "%s\n", key);
    format_board(b, today, nt, BOARD_TODAY, now, &w);
    format_board(b, all, na, BOARD_ALLTIME, now, &w);
}

const char *scores_find_deck(const scores *t, const char *deck)
{
    const group *g = lookup(t, deck);
    if (!g && t && deck) {
        /* "cards/virtualization.md" means the deck whose key is "virtualization" */
        const char *base = strrchr(deck, '/');
        base = base ? base + 1 : deck;
        const char *dot = strrchr(base, '.');
        size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        char key[SCORES_DECK_BYTES];
        norm_deck(base, n, key);
        int i = find_group(t, key);
        g = i < 0 ? NULL : &t->g[i];
    }
    return g ? g->key : NULL;
}

char *scores_format_boards(const scores *t, const char *deck, int64_t now)
{
    strbuf b = {0};
    if (deck) {
        const char *key = scores_find_deck(t, deck);
        if (key) {
            format_deck(&b, t, key, now);
        } else if (!t || t->n == 0) {
            sb_printf(&b, "No deck '%s' in the table: it holds no scores yet.\n", deck);
        } else {
            sb_printf(&b, "No deck '%s' in the table; its decks: ", deck);
            for (int i = 0; i < t->n; i++)
                sb_printf(&b, "%s%s", i ? ", " : "", t->g[i].key);
            sb_puts(&b, "\n");
        }
    } else if (!t || t->n == 0) {
        sb_puts(&b, "No scores yet.\n");
    } else {
        for (int i = 0; i < t->n; i++) {
            if (i)
                sb_puts(&b, "\n");
            format_deck(&b, t, t->g[i].key, now);
        }
    }
    return b.s;
}
