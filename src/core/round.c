/* round.c: drawing cards for a round (Leitner-weighted, ladder ordered) and making choices. */
#include "round.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Draw weight of each Leitner box: missed cards four times as likely as well-known ones. */
static const unsigned box_weight[ROUND_BOXES] = {8, 4, 2, 1};

uint32_t round_default_time_ms(level lv)
{
    switch (lv) {
    case LEVEL_EASY: return 15000;
    case LEVEL_HARD: return 25000;
    default: return 20000;
    }
}

void round_memory_init(round_memory *m, int ncards)
{
    m->ncards = ncards;
    m->box = xmalloc((size_t)(ncards > 0 ? ncards : 1));
    memset(m->box, 1, (size_t)(ncards > 0 ? ncards : 1));
}

void round_memory_free(round_memory *m)
{
    free(m->box);
    m->box = NULL;
    m->ncards = 0;
}

void round_memory_answer(round_memory *m, int ci, int right)
{
    if (ci < 0 || ci >= m->ncards)
        return;
    if (!right)
        m->box[ci] = 0;
    else if (m->box[ci] < ROUND_BOXES - 1)
        m->box[ci]++;
}

static unsigned weight_of(const round_memory *m, int ci)
{
    if (!m || ci >= m->ncards)
        return box_weight[1];
    return box_weight[m->box[ci]];
}

/* Weighted draw without replacement of up to `want` cards among those with `taken` 0 and of
 * level lv (or any level when lv is LEVEL_COUNT). Appends to out; returns how many it drew. */
static int draw(const deck *d, const round_memory *m, rng *r, level lv, int want,
                unsigned char *taken, int *out)
{
    int got = 0;
    while (got < want) {
        uint64_t total = 0;
        for (int i = 0; i < d->ncards; i++)
            if (!taken[i] && (lv == LEVEL_COUNT || d->cards[i].level == lv))
                total += weight_of(m, i);
        if (total == 0)
            break;
        /* total fits 32 bits for any deck below 500 million cards */
        uint32_t pick = rng_below(r, (uint32_t)total);
        for (int i = 0; i < d->ncards; i++) {
            if (taken[i] || (lv != LEVEL_COUNT && d->cards[i].level != lv))
                continue;
            unsigned w = weight_of(m, i);
            if (pick < w) {
                taken[i] = 1;
                out[got++] = i;
                break;
            }
            pick -= w;
        }
    }
    return got;
}

static int has_choice(const char *const *list, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (choice_same(list[i], s))
            return 1;
    return 0;
}

static int clashes(const card *c, const char *const *chosen, int nchosen, const char *s)
{
    return has_choice((const char *const *)c->right, c->nright, s) ||
           has_choice((const char *const *)c->wrong, c->nwrong, s) ||
           has_choice(chosen, nchosen, s);
}

static int shares_tag(const card *a, const card *b)
{
    for (int i = 0; i < a->ntags; i++)
        for (int j = 0; j < b->ntags; j++)
            if (strcmp(a->tags[i], b->tags[j]) == 0)
                return 1;
    return 0;
}

/* How many candidates are weighed when a card borrows wrong choices. */
#define BORROW_POOL 48

/* Text features that make a borrowed answer look like it belongs with the right one. */
typedef struct text_kind {
    int len, words, digits, upper, code;
} text_kind;

static text_kind kind_of(const char *s)
{
    text_kind k = {0, 1, 0, 0, 0};
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80)
            k.len++;
        if (*p == ' ')
            k.words++;
        else if (*p >= '0' && *p <= '9')
            k.digits++;
        else if (*p == '`')
            k.code = 1;
    }
    k.upper = s[0] >= 'A' && s[0] <= 'Z';
    return k;
}

/* Plausibility of cand as a wrong choice next to the right answer (higher is better), as
 * Quizlet ranks its distractors: a card sharing a tag first, then the same kind of text (a
 * number for a number, a command for a command, a name for a name), then a similar length. */
static int plausibility(text_kind right, const char *cand, int shared_tag)
{
    text_kind k = kind_of(cand);
    int score = shared_tag ? 1000 : 0;
    score += ((right.digits > 0) == (k.digits > 0)) * 200;
    score += (right.code == k.code) * 150;
    score += (right.upper == k.upper) * 50;
    int dl = right.len > k.len ? right.len - k.len : k.len - right.len;
    int dw = right.words > k.words ? right.words - k.words : k.words - right.words;
    score -= dl * 4 + dw * 20;
    return score;
}

/* Borrows wrong choices from other cards' right answers, never duplicating a choice: weighs
 * up to BORROW_POOL candidates met from a random starting card (cards sharing a tag looked at
 * first) and takes the most plausible. Returns the new number of wrong choices. */
static int borrow(const deck *d, int self, const char *right, rng *r, const char **wrong, int nwrong, int want)
{
    const card *c = &d->cards[self];
    if (d->ncards <= 1)
        return nwrong;
    const char *pool[BORROW_POOL];
    int score[BORROW_POOL];
    int npool = 0;
    text_kind rk = kind_of(right);
    for (int pass = 0; pass < 2 && npool < BORROW_POOL; pass++) {
        if (pass == 1 && npool >= want - nwrong && npool >= BORROW_POOL / 4)
            break; /* enough cards sharing a tag */
        int start = (int)rng_below(r, (uint32_t)d->ncards);
        for (int k = 0; k < d->ncards && npool < BORROW_POOL; k++) {
            int i = (start + k) % d->ncards;
            if (i == self)
                continue;
            const card *o = &d->cards[i];
            int shared = shares_tag(c, o);
            if (shared != (pass == 0))
                continue;
            const char *cand = o->right[rng_below(r, (uint32_t)o->nright)];
            if (clashes(c, wrong, nwrong, cand) || has_choice(pool, npool, cand))
                continue;
            pool[npool] = cand;
            score[npool] = plausibility(rk, cand, shared);
            npool++;
        }
    }
    while (nwrong < want && npool > 0) {
        int best = 0;
        for (int i = 1; i < npool; i++)
            if (score[i] > score[best])
                best = i;
        wrong[nwrong++] = pool[best];
        pool[best] = pool[npool - 1];
        score[best] = score[npool - 1];
        npool--;
    }
    return nwrong;
}

/* 1 when a card's own choices are exactly a true/false (or yes/no) pair. */
static int is_true_false(const card *c)
{
    if (c->nright + c->nwrong != 2 || c->nright != 1)
        return 0;
    static const char *const pairs[][2] = {{"true", "false"}, {"yes", "no"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        for (int k = 0; k < 2; k++)
            if (choice_same(c->right[0], pairs[i][k]) && choice_same(c->wrong[0], pairs[i][1 - k]))
                return 1;
    return 0;
}

void round_make_question(const deck *d, int ci, const round_opts *opts, rng *r, question *q)
{
    const card *c = &d->cards[ci];
    memset(q, 0, sizeof *q);
    q->card = ci;
    q->text = c->question;
    if (opts->time_s > 0)
        q->time_ms = (uint32_t)opts->time_s * 1000u;
    else if (c->time_s > 0)
        q->time_ms = (uint32_t)c->time_s * 1000u;
    else
        q->time_ms = round_default_time_ms(c->level);

    const char *right = c->right[rng_below(r, (uint32_t)c->nright)];
    const char *wrong[ROUND_MAX_CHOICES - 1];
    int nwrong = 0;
    /* the card's own wrong answers first, a random three of them */
    int *idx = xmalloc(sizeof(int) * (size_t)(c->nwrong ? c->nwrong : 1));
    for (int i = 0; i < c->nwrong; i++)
        idx[i] = i;
    rng_shuffle_int(r, idx, c->nwrong);
    for (int i = 0; i < c->nwrong && nwrong < ROUND_MAX_CHOICES - 1; i++)
        wrong[nwrong++] = c->wrong[idx[i]];
    free(idx);
    /* a true/false question stays a two-way choice: "True / False / Paris / 1969" is nonsense */
    if (nwrong < ROUND_MAX_CHOICES - 1 && !is_true_false(c))
        nwrong = borrow(d, ci, right, r, wrong, nwrong, ROUND_MAX_CHOICES - 1);

    int order[ROUND_MAX_CHOICES];
    int n = nwrong + 1;
    for (int i = 0; i < n; i++)
        order[i] = i;
    rng_shuffle_int(r, order, n);
    for (int i = 0; i < n; i++) {
        if (order[i] == 0) {
            q->choices[i] = right;
            q->correct = i;
        } else {
            q->choices[i] = wrong[order[i] - 1];
        }
    }
    q->nchoices = n;
}

int round_build(const deck *d, const round_opts *opts, const round_memory *m, rng *r,
                question *out)
{
    int want = opts->questions;
    if (want > ROUND_MAX_QUESTIONS)
        want = ROUND_MAX_QUESTIONS;
    if (want > d->ncards)
        want = d->ncards;
    if (want <= 0)
        return 0;
    unsigned char *taken = xcalloc((size_t)d->ncards, 1);
    int *cards = xmalloc(sizeof(int) * (size_t)want);
    int n = 0;
    if (opts->order == ORDER_LADDER) {
        /* A third of each level where the deck has them; shortages filled from any level. */
        int share[LEVEL_COUNT] = {want / 3, want / 3, want - 2 * (want / 3)};
        for (int lv = 0; lv < LEVEL_COUNT; lv++)
            n += draw(d, m, r, (level)lv, share[lv], taken, cards + n);
        n += draw(d, m, r, LEVEL_COUNT, want - n, taken, cards + n);
        /* stable sort by level: easy, medium, hard */
        int k = 0;
        int *sorted = xmalloc(sizeof(int) * (size_t)n);
        for (int lv = 0; lv < LEVEL_COUNT; lv++)
            for (int i = 0; i < n; i++)
                if (d->cards[cards[i]].level == (level)lv)
                    sorted[k++] = cards[i];
        memcpy(cards, sorted, sizeof(int) * (size_t)n);
        free(sorted);
    } else {
        n = draw(d, m, r, LEVEL_COUNT, want, taken, cards);
    }
    for (int i = 0; i < n; i++)
        round_make_question(d, cards[i], opts, r, &out[i]);
    free(cards);
    free(taken);
    return n;
}
