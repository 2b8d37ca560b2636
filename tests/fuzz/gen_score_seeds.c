/* gen_score_seeds.c: writes small score files for the fuzzers' seed corpus (and the bad-input
 * tests) with the core's own serialiser, so the seeds follow the format wherever it goes:
 * usage: gen_score_seeds OUTDIR. Also writes damaged copies (cut, CRLF, a bad line inside). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scores.h"

static const char *outdir;

static void put(const char *name, const char *s, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(s, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "gen_score_seeds: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

static void entry(scores *t, const char *deck, const char *name, int score, int right, int total,
                  int streak, long long when)
{
    score_entry e;
    memset(&e, 0, sizeof e);
    snprintf(e.deck, sizeof e.deck, "%s", deck);
    snprintf(e.name, sizeof e.name, "%s", name);
    e.score = score;
    e.right = right;
    e.total = total;
    e.best_streak = streak;
    e.when = when;
    scores_insert(t, &e);
}

/* Writes the table, and damaged variants of it. */
static void emit(const char *base, scores *t)
{
    size_t n;
    char *s = scores_serialize(t, &n);
    char name[256];
    snprintf(name, sizeof name, "%s.tsv", base);
    put(name, s, n);
    /* cut in the middle of a line */
    snprintf(name, sizeof name, "%s-cut.tsv", base);
    put(name, s, n > 8 ? n - n / 3 : n);
    /* CRLF line ends */
    char *crlf = malloc(2 * n + 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            crlf[m++] = '\r';
        crlf[m++] = s[i];
    }
    snprintf(name, sizeof name, "%s-crlf.tsv", base);
    put(name, crlf, m);
    free(crlf);
    /* a foreign line after the first entry line */
    char *nl = memchr(s, '\n', n);
    if (nl && (size_t)(nl - s) + 1 < n) {
        char *nl2 = memchr(nl + 1, '\n', n - (size_t)(nl + 1 - s));
        size_t cut = nl2 ? (size_t)(nl2 - s) + 1 : n;
        static const char junk[] = "this line is not a score\t\t\x01\xff\n";
        char *b = malloc(n + sizeof junk);
        memcpy(b, s, cut);
        memcpy(b + cut, junk, sizeof junk - 1);
        memcpy(b + cut + sizeof junk - 1, s + cut, n - cut);
        snprintf(name, sizeof name, "%s-badline.tsv", base);
        put(name, b, n + sizeof junk - 1);
        free(b);
    }
    free(s);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_score_seeds OUTDIR\n");
        return 64;
    }
    outdir = argv[1];
    const long long day = 86400, t0 = 1767225600; /* 2026-01-01 00:00:00 UTC */

    scores *t = scores_new();
    emit("empty", t);
    scores_free(t);

    t = scores_new();
    entry(t, "virtualization", "ADA", 12345, 8, 10, 5, t0);
    emit("one", t);
    scores_free(t);

    /* more than a board: ties (earlier wins), several days, old days, several decks */
    t = scores_new();
    for (int i = 0; i < 25; i++)
        entry(t, "virtualization", i % 3 ? "BOB" : "ANN", 1000 * (i % 7), i % 11, 10, i % 6,
              t0 + (long long)(i % 4) * day + i);
    entry(t, "virtualization", "OLD", 99999, 10, 10, 10, t0 - 400 * day);
    entry(t, "networking", "Zoë Ñandú", 4200, 4, 10, 2, t0 + 3600);
    entry(t, "long-text", "名前テスト", 31000, 10, 10, 10, t0 + 7200);
    entry(t, "a-deck-key-that-is-quite-long-but-still-under-sixty-four-bytes", "Z", 1, 1, 1, 1, t0);
    emit("many", t);
    scores_free(t);

    /* extremes of every number */
    t = scores_new();
    entry(t, "x", "MAX", 2147483647, 100, 100, 100, 253402300799LL);
    entry(t, "x", "ZERO", 0, 0, 1, 0, 0);
    entry(t, "x", "    spaces   inside  ", 5, 1, 1, 1, t0);
    emit("extremes", t);
    scores_free(t);
    return 0;
}
