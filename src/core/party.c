/* party.c: party mode's per-seat rules: joining, secret locked answers scored as single play
 * scores them (score.c), time-outs and drops, the standings with shared places and movement. */
#include "party.h"

#include <string.h>

void party_clear(party *p)
{
    memset(p, 0, sizeof *p);
    for (int s = 0; s < PARTY_MAX; s++)
        p->seat[s].pick = -1;
}

int party_join(party *p, int s, int in_round)
{
    if (s < 0 || s >= PARTY_MAX)
        return 0;
    seat *t = &p->seat[s];
    if (t->state == SEAT_PLAYING || t->state == SEAT_WAITING)
        return 0;
    /* a seat that left this round comes back as a late joiner, with the score it had */
    if (t->state == SEAT_EMPTY) {
        memset(t, 0, sizeof *t);
        t->pick = -1;
    }
    t->state = in_round ? SEAT_WAITING : SEAT_PLAYING;
    t->missed = 0;
    return 1;
}

int party_seated(const party *p)
{
    int n = 0;
    for (int s = 0; s < PARTY_MAX; s++)
        n += p->seat[s].state == SEAT_PLAYING || p->seat[s].state == SEAT_WAITING;
    return n;
}

int party_playing(const party *p)
{
    int n = 0;
    for (int s = 0; s < PARTY_MAX; s++)
        n += p->seat[s].state == SEAT_PLAYING;
    return n;
}

/* Where a seat is once a round is over: who left is gone, who came late plays the next one. */
static seat_state settled(seat_state st)
{
    return st == SEAT_WAITING ? SEAT_PLAYING : st == SEAT_LEFT ? SEAT_EMPTY : st;
}

void party_round_end(party *p)
{
    for (int s = 0; s < PARTY_MAX; s++)
        p->seat[s].state = settled(p->seat[s].state);
}

void party_round_start(party *p)
{
    for (int s = 0; s < PARTY_MAX; s++) {
        seat *t = &p->seat[s];
        seat_state st = settled(t->state);
        memset(t, 0, sizeof *t);
        t->state = st;
        t->pick = -1;
        t->place = t->prev_place = 1;
    }
}

void party_question_start(party *p)
{
    for (int s = 0; s < PARTY_MAX; s++) {
        seat *t = &p->seat[s];
        if (t->state == SEAT_WAITING) {
            t->state = SEAT_PLAYING;
            /* a late joiner enters the standings at the place its score gives */
            t->place = t->prev_place = party_place_of(p, t->score);
        }
        t->locked = 0;
        t->pick = -1;
        t->ms = 0;
        t->result = SEAT_NONE;
        t->points = 0;
        t->score_from = t->score;
        if (t->state == SEAT_PLAYING)
            t->asked++;
    }
}

int party_answer(party *p, int s, int choice, int correct, const score_rules *r, level lv, uint32_t ms,
                 uint32_t limit_ms)
{
    if (s < 0 || s >= PARTY_MAX)
        return 0;
    seat *t = &p->seat[s];
    if (t->state != SEAT_PLAYING || t->locked)
        return 0;
    if (ms > limit_ms)
        ms = limit_ms;
    t->locked = 1;
    t->pick = choice;
    t->ms = ms;
    t->missed = 0;
    t->score_from = t->score;
    if (choice == correct) {
        t->streak++;
        t->right++;
        if (t->streak > t->best_streak)
            t->best_streak = t->streak;
        t->points = score_points(r, lv, ms, limit_ms, t->streak);
        t->result = SEAT_RIGHT;
    } else {
        t->streak = 0;
        t->points = 0;
        t->result = SEAT_WRONG;
    }
    t->score += t->points;
    return 1;
}

int party_all_locked(const party *p)
{
    int playing = 0;
    for (int s = 0; s < PARTY_MAX; s++) {
        const seat *t = &p->seat[s];
        if (t->state != SEAT_PLAYING)
            continue;
        playing++;
        if (!t->locked)
            return 0;
    }
    return playing > 0;
}

int party_time_out(party *p)
{
    int n = 0;
    for (int s = 0; s < PARTY_MAX; s++) {
        seat *t = &p->seat[s];
        if (t->state != SEAT_PLAYING || t->locked)
            continue;
        t->result = SEAT_TIMEOUT;
        t->pick = -1;
        t->points = 0;
        t->streak = 0;
        t->missed++;
        n++;
    }
    return n;
}

int party_drop_missing(party *p, int limit)
{
    int mask = 0;
    if (limit <= 0)
        return 0;
    for (int s = 0; s < PARTY_MAX; s++)
        if (p->seat[s].state == SEAT_PLAYING && p->seat[s].missed >= limit) {
            party_leave(p, s, 1);
            mask |= 1 << s;
        }
    return mask;
}

void party_leave(party *p, int s, int in_round)
{
    if (s < 0 || s >= PARTY_MAX)
        return;
    seat *t = &p->seat[s];
    if (t->state == SEAT_PLAYING || t->state == SEAT_WAITING)
        t->state = in_round && t->asked ? SEAT_LEFT : SEAT_EMPTY; /* never played: as if never there */
}

/* A seat is in the standings once it has played in this round, or plays now. */
static int ranked(const seat *t)
{
    return t->state == SEAT_PLAYING || (t->state == SEAT_LEFT && t->asked > 0);
}

int party_place_of(const party *p, int score)
{
    int place = 1;
    for (int s = 0; s < PARTY_MAX; s++)
        if (ranked(&p->seat[s]) && p->seat[s].score > score)
            place++;
    return place;
}

int party_standings(party *p, int out[PARTY_MAX], int remember)
{
    int n = 0;
    for (int s = 0; s < PARTY_MAX; s++)
        if (ranked(&p->seat[s]))
            out[n++] = s;
    /* insertion sort: best score first, a tie keeps seat order (stable) */
    for (int i = 1; i < n; i++) {
        int v = out[i], j = i;
        while (j > 0 && p->seat[out[j - 1]].score < p->seat[v].score) {
            out[j] = out[j - 1];
            j--;
        }
        out[j] = v;
    }
    for (int i = 0; i < n; i++) {
        seat *t = &p->seat[out[i]];
        int place = i > 0 && p->seat[out[i - 1]].score == t->score ? p->seat[out[i - 1]].place : i + 1;
        if (remember)
            t->prev_place = t->place ? t->place : place;
        t->place = place;
    }
    return n;
}
