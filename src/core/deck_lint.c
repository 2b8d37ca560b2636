/* deck_lint.c: measures how far a deck's answers can be guessed from the shape of the choices,
 * over the game's own draw of choices (round_make_question), and finds mirrored pairs, choices
 * repeated across cards and levels out of balance. */
#include "deck_lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "round.h"

/* Words kept per text and bytes kept per word (a question is at most 400 code points). */
#define MAX_WORDS 160
#define WORD_BYTES 40

/* The words of a text: lower-cased runs of letters and digits (bytes of multi-byte UTF-8
 * count as letters), each cut at WORD_BYTES - 1 bytes. */
typedef struct words {
    char w[MAX_WORDS][WORD_BYTES];
    int n;
} words;

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static void split_words(const char *s, words *out)
{
    out->n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && out->n < MAX_WORDS) {
        while (*p && !is_word_byte(*p))
            p++;
        if (!*p)
            break;
        size_t k = 0;
        while (*p && is_word_byte(*p)) {
            if (k < WORD_BYTES - 1)
                out->w[out->n][k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
            p++;
        }
        out->w[out->n][k] = 0;
        out->n++;
    }
}

/* Function words and question words that say nothing about an answer. */
static const char *const stop_words[] = {
    "about", "after", "all", "also", "and", "any", "are", "been", "before", "being", "both", "but",
    "can", "cannot", "could", "did", "does", "doing", "done", "each", "every", "for", "from", "has",
    "have", "how", "into", "its", "just", "like", "many", "more", "most", "much", "not", "now",
    "off", "one", "only", "onto", "other", "over", "own", "per", "same", "should", "so", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "too", "two", "under", "until", "use", "used", "uses", "using", "very",
    "via", "was", "way", "were", "what", "when", "where", "which", "while", "who", "why", "will",
    "with", "without", "would", "you", "your",
};

static int is_stop_word(const char *w)
{
    for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
        if (!strcmp(w, stop_words[i]))
            return 1;
    return 0;
}

/* A word of the question worth echoing: three letters or more, not a function word. */
static int is_content_word(const char *w)
{
    return strlen(w) >= 3 && !is_stop_word(w);
}

/* Two words match when equal, or when the shorter (of four letters or more) starts the longer,
 * give or take its last letter ("shut" and "shuts" both match "shutdown"). */
static int words_match(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb && !strcmp(a, b))
        return 1;
    size_t m = la < lb ? la : lb, k = 0;
    while (k < m && a[k] == b[k])
        k++;
    return k >= 4 && k + 1 >= m;
}

/* Counts the question's content words (each once) that the choice repeats; *first gets the
 * first of them (NULL when none). */
static int echo_count(const words *q, const words *c, const char **first)
{
    int count = 0;
    if (first)
        *first = NULL;
    for (int i = 0; i < q->n; i++) {
        if (!is_content_word(q->w[i]))
            continue;
        int seen = 0;
        for (int j = 0; j < i && !seen; j++)
            seen = !strcmp(q->w[j], q->w[i]);
        if (seen)
            continue;
        for (int j = 0; j < c->n; j++) {
            if (words_match(q->w[i], c->w[j])) {
                if (first && !*first)
                    *first = q->w[i];
                count++;
                break;
            }
        }
    }
    return count;
}

int lint_echo_count(const char *stem, const char *choice)
{
    words *q = xmalloc(sizeof *q), *c = xmalloc(sizeof *c);
    split_words(stem, q);
    split_words(choice, c);
    int n = echo_count(q, c, NULL);
    free(q);
    free(c);
    return n;
}

static int cmp_word(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The words of a text as compared for a mirrored pair: without articles, plurals made
 * singular ("VMs share ..." mirrors "... each VM"). */
static void mirror_words(const char *s, words *w)
{
    split_words(s, w);
    int k = 0;
    for (int i = 0; i < w->n; i++) {
        if (!strcmp(w->w[i], "a") || !strcmp(w->w[i], "an") || !strcmp(w->w[i], "the"))
            continue;
        size_t len = strlen(w->w[i]);
        if (len >= 3 && w->w[i][len - 1] == 's' && w->w[i][len - 2] != 's')
            w->w[i][len - 1] = 0;
        if (k != i)
            memcpy(w->w[k], w->w[i], WORD_BYTES);
        k++;
    }
    w->n = k;
}

int lint_mirrored(const char *a, const char *b)
{
    words *wa = xmalloc(sizeof *wa), *wb = xmalloc(sizeof *wb);
    mirror_words(a, wa);
    mirror_words(b, wb);
    int same_order = wa->n == wb->n;
    for (int i = 0; same_order && i < wa->n; i++)
        same_order = !strcmp(wa->w[i], wb->w[i]);
    int result = 0;
    if (wa->n == wb->n && wa->n >= 2 && !same_order) {
        qsort(wa->w, (size_t)wa->n, WORD_BYTES, cmp_word);
        qsort(wb->w, (size_t)wb->n, WORD_BYTES, cmp_word);
        result = 1;
        for (int i = 0; result && i < wa->n; i++)
            result = !strcmp(wa->w[i], wb->w[i]);
    }
    free(wa);
    free(wb);
    return result;
}

int lint_visible_len(const char *s)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80 && *p != '`')
            n++;
    return n;
}

const char *lint_strategy_name(lint_strategy s)
{
    switch (s) {
    case LINT_LONGEST: return "longest";
    case LINT_SHORTEST: return "shortest";
    case LINT_MEAN: return "mean length";
    case LINT_ECHO: return "question echo";
    default: return "?";
    }
}

/* Each strategy as a guesser's rule, for messages. */
static const char *const strategy_rule[LINT_STRATEGY_COUNT] = {
    "the longest choice",
    "the shortest choice",
    "the choice closest to the mean length",
    "the choice that repeats most words of the question",
};

/* What a guesser of each strategy wins on one drawn question: 1/k when the right answer is
 * among the k choices the strategy ranks first, else 0. */
static void score_draw(const question *q, const words *qw, double win[LINT_STRATEGY_COUNT])
{
    int n = q->nchoices;
    int len[ROUND_MAX_CHOICES] = {0}, echo[ROUND_MAX_CHOICES] = {0};
    long sum = 0;
    words *cw = xmalloc(sizeof *cw);
    for (int i = 0; i < n; i++) {
        len[i] = lint_visible_len(q->choices[i]);
        sum += len[i];
        split_words(q->choices[i], cw);
        echo[i] = echo_count(qw, cw, NULL);
    }
    free(cw);
    /* key[i]: smaller is better for the strategy; the mean compared as |n*len - sum| */
    for (int s = 0; s < LINT_STRATEGY_COUNT; s++) {
        long key[ROUND_MAX_CHOICES] = {0};
        for (int i = 0; i < n; i++) {
            switch ((lint_strategy)s) {
            case LINT_LONGEST: key[i] = -len[i]; break;
            case LINT_SHORTEST: key[i] = len[i]; break;
            case LINT_MEAN: key[i] = labs((long)n * len[i] - sum); break;
            default: key[i] = -echo[i]; break;
            }
        }
        long best = key[0];
        for (int i = 1; i < n; i++)
            if (key[i] < best)
                best = key[i];
        int ties = 0;
        for (int i = 0; i < n; i++)
            ties += key[i] == best;
        win[s] = key[q->correct] == best ? 1.0 / ties : 0.0;
    }
}

/* Appends the line numbers of the cards listed, at most 12 of them, then how many more. */
static void list_lines(strbuf *b, const deck *d, const int *cards, int n)
{
    for (int i = 0; i < n && i < 12; i++)
        sb_printf(b, "%s%d", i ? ", " : "", d->cards[cards[i]].line);
    if (n > 12)
        sb_printf(b, " and %d more", n - 12);
}

static int pct(double x)
{
    return (int)(x * 100.0 + 0.5);
}

/* A choice shortened for a message. */
static const char *excerpt(const char *s, char *buf, size_t size)
{
    size_t n = utf8_prefix(s, 48);
    if (s[n] == 0 || n + 4 > size) {
        snprintf(buf, size, "%s", s);
    } else {
        memcpy(buf, s, n);
        memcpy(buf + n, "...", 4);
    }
    return buf;
}

static void lint_mirrors(const deck *d, lint_report *rep, diag_list *diags)
{
    char a[256], b[256];
    for (int ci = 0; ci < d->ncards; ci++) {
        const card *c = &d->cards[ci];
        for (int r = 0; r < c->nright; r++)
            for (int w = 0; w < c->nwrong; w++)
                if (lint_mirrored(c->right[r], c->wrong[w])) {
                    rep->mirrored++;
                    diag_add(diags, d->path, c->line, 0,
                             "mirrored pair: the right answer \"%s\" and the wrong choice \"%s\" are the same "
                             "words in another order, so a guesser knows it is one of the two",
                             excerpt(c->right[r], a, sizeof a), excerpt(c->wrong[w], b, sizeof b));
                }
    }
}

/* Choice texts written on two or more cards, and questions asked twice: said once each, at the
 * later card, naming the first. */
static void lint_duplicates(const deck *d, lint_report *rep, diag_list *diags)
{
    char a[256];
    for (int ci = 0; ci < d->ncards; ci++) {
        const card *c = &d->cards[ci];
        for (int cj = 0; cj < ci; cj++) {
            if (choice_same(c->question, d->cards[cj].question)) {
                rep->duplicate_questions++;
                diag_add(diags, d->path, c->line, 0, "the same question as the card at line %d",
                         d->cards[cj].line);
                break;
            }
        }
        int total = c->nright + c->nwrong;
        for (int k = 0; k < total; k++) {
            const char *s = k < c->nright ? c->right[k] : c->wrong[k - c->nright];
            int first = -1, earlier_here = 0;
            for (int j = 0; j < k && !earlier_here; j++)
                earlier_here = choice_same(s, j < c->nright ? c->right[j] : c->wrong[j - c->nright]);
            for (int cj = 0; cj < ci && first < 0 && !earlier_here; cj++) {
                const card *o = &d->cards[cj];
                for (int j = 0; j < o->nright + o->nwrong && first < 0; j++)
                    if (choice_same(s, j < o->nright ? o->right[j] : o->wrong[j - o->nright]))
                        first = cj;
            }
            if (first < 0)
                continue;
            /* said only where the text is met the second time, not at every later card */
            int said = 0;
            for (int cj = first + 1; cj < ci && !said; cj++) {
                const card *o = &d->cards[cj];
                for (int j = 0; j < o->nright + o->nwrong && !said; j++)
                    said = choice_same(s, j < o->nright ? o->right[j] : o->wrong[j - o->nright]);
            }
            if (said)
                continue;
            rep->duplicates++;
            diag_add(diags, d->path, c->line, 0,
                     "the choice \"%s\" is also written on the card at line %d (a player who met it "
                     "there may know it by heart)",
                     excerpt(s, a, sizeof a), d->cards[first].line);
        }
    }
}

/* How often a card of each level comes up: a round of ROUND_SHARE questions takes its shares
 * per level as round.c does (a third each, the rest hard). */
#define ROUND_SHARE 10
static void lint_levels(const deck *d, lint_report *rep, diag_list *diags)
{
    int share[LEVEL_COUNT] = {ROUND_SHARE / 3, ROUND_SHARE / 3, ROUND_SHARE - 2 * (ROUND_SHARE / 3)};
    double freq[LEVEL_COUNT];
    int lo = -1, hi = -1;
    for (int lv = 0; lv < LEVEL_COUNT; lv++) {
        int n = d->count[lv];
        if (n == 0)
            continue;
        freq[lv] = (double)(share[lv] < n ? share[lv] : n) / n;
        if (lo < 0 || freq[lv] < freq[lo])
            lo = lv;
        if (hi < 0 || freq[lv] > freq[hi])
            hi = lv;
    }
    rep->level_ratio = lo < 0 ? 1.0 : freq[hi] / freq[lo];
    if (rep->level_ratio > LINT_LEVEL_RATIO)
        diag_add(diags, d->path, 1, 0,
                 "levels out of balance (%d easy, %d medium, %d hard): a round takes about a third "
                 "of each, so %s %s card comes up %.1f times as often as %s %s one",
                 d->count[LEVEL_EASY], d->count[LEVEL_MEDIUM], d->count[LEVEL_HARD],
                 hi == LEVEL_EASY ? "an" : "a", level_name((level)hi), rep->level_ratio,
                 lo == LEVEL_EASY ? "an" : "a", level_name((level)lo));
}

void deck_lint(const deck *d, int draws, uint64_t seed, lint_report *rep, diag_list *diags)
{
    memset(rep, 0, sizeof *rep);
    if (draws <= 0)
        draws = LINT_DEFAULT_DRAWS;
    rep->ncards = d->ncards;
    int nc = d->ncards > 0 ? d->ncards : 1;
    /* per card: the share of its draws each strategy wins */
    double *card_win = xcalloc((size_t)nc * LINT_STRATEGY_COUNT, sizeof *card_win);
    double total[LINT_STRATEGY_COUNT] = {0}, chance = 0;
    round_opts opts = {1, ORDER_RANDOM, 0};
    rng r;
    rng_seed(&r, seed);
    words *qw = xmalloc(sizeof *qw);
    char a[256];
    for (int ci = 0; ci < d->ncards; ci++) {
        const card *c = &d->cards[ci];
        split_words(c->question, qw);
        double echo_alone = 0;
        const char *echoed = NULL;
        for (int k = 0; k < draws; k++) {
            question q;
            round_make_question(d, ci, &opts, &r, &q);
            double win[LINT_STRATEGY_COUNT];
            score_draw(&q, qw, win);
            for (int s = 0; s < LINT_STRATEGY_COUNT; s++) {
                card_win[(size_t)ci * LINT_STRATEGY_COUNT + (size_t)s] += win[s] / draws;
                total[s] += win[s];
            }
            chance += 1.0 / q.nchoices;
            if (win[LINT_ECHO] == 1.0) {
                /* the right answer alone repeats the question's words */
                words *cw = xmalloc(sizeof *cw);
                split_words(q.choices[q.correct], cw);
                const char *w;
                if (echo_count(qw, cw, &w) > 0) {
                    echo_alone += 1.0 / draws;
                    if (!echoed) {
                        snprintf(a, sizeof a, "%s", w);
                        echoed = a;
                    }
                }
                free(cw);
            }
        }
        if (echo_alone >= 0.5)
            diag_add(diags, d->path, c->line, 0,
                     "only the right answer repeats the question's word \"%s\" (in %d%% of draws): a "
                     "guesser picks it",
                     echoed, pct(echo_alone));
    }
    free(qw);
    rep->draws = (long)d->ncards * draws;
    if (rep->draws > 0) {
        for (int s = 0; s < LINT_STRATEGY_COUNT; s++)
            rep->win[s] = total[s] / (double)rep->draws;
        rep->chance = chance / (double)rep->draws;
    }
    rep->bar = rep->chance + LINT_MARGIN;
    int over = 0;
    int *list = xmalloc(sizeof(int) * (size_t)nc);
    for (int s = 0; s < LINT_STRATEGY_COUNT; s++) {
        if (rep->win[s] <= rep->bar + 1e-9)
            continue;
        over = 1;
        int n = 0;
        for (int ci = 0; ci < d->ncards; ci++)
            if (card_win[(size_t)ci * LINT_STRATEGY_COUNT + (size_t)s] >= 0.5)
                list[n++] = ci;
        strbuf b = {0};
        list_lines(&b, d, list, n);
        diag_add(diags, d->path, 1, 0,
                 "picking %s wins %d%% of draws (chance %d%%, at most %d%%); it wins most draws of "
                 "the cards at lines %s",
                 strategy_rule[s], pct(rep->win[s]), pct(rep->chance),
                 pct(rep->bar), b.len ? b.s : "(none alone)");
        sb_free(&b);
    }
    free(list);
    free(card_win);
    lint_mirrors(d, rep, diags);
    lint_duplicates(d, rep, diags);
    lint_levels(d, rep, diags);
    rep->pass = !over && rep->mirrored == 0;
}
