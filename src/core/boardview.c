/* boardview.c: the --board screen's state: pages through the fleet's decks, jumps to a deck when
 * a new entry arrives and lets it slide in, and knows whether the boards are fresh. No clock of
 * its own: the platform ticks it. */
#include "boardview.h"

#include <stdio.h>
#include <string.h>

static int live(const board_view *v)
{
    return v->table && v->reachable && v->now - v->fetched_at < BOARDVIEW_FRESH_MS;
}

void boardview_init(board_view *v, uint32_t now, int64_t wall)
{
    memset(v, 0, sizeof *v);
    v->now = now;
    v->wall = wall;
    v->fetched_at = now;
    v->page_t0 = now;
    v->dirty = 1;
}

static int index_of(const board_view *v, const char *key)
{
    for (int i = 0; i < v->ndecks; i++)
        if (!strcmp(v->decks[i], key))
            return i;
    return -1;
}

static void show_page(board_view *v, const char *key)
{
    snprintf(v->page, sizeof v->page, "%s", key);
    v->page_t0 = v->now;
    v->dirty = 1;
}

void boardview_set(board_view *v, const scores *table, int reachable, uint32_t fetched_at)
{
    int was_live = live(v);
    v->started = 1;
    v->reachable = reachable;
    v->fetched_at = (int32_t)(v->now - fetched_at) < 0 ? v->now : fetched_at;
    if (table) {
        v->table = table;
        v->ndecks = scores_decks(table, v->decks, BOARDVIEW_DECKS);
        if (v->ndecks > BOARDVIEW_DECKS)
            v->ndecks = BOARDVIEW_DECKS;
        v->dirty = 1;
        if (v->ndecks > 0 && index_of(v, v->page) < 0)
            show_page(v, v->decks[0]);
    }
    if (was_live != live(v))
        v->dirty = 1;
}

void boardview_added(board_view *v, const score_entry *e)
{
    if (v->nfresh == BOARDVIEW_NEW_MAX) {
        memmove(v->fresh, v->fresh + 1, sizeof v->fresh[0] * (BOARDVIEW_NEW_MAX - 1));
        v->nfresh--;
    }
    v->fresh[v->nfresh].e = *e;
    v->fresh[v->nfresh].t0 = v->now;
    v->nfresh++;
    show_page(v, e->deck);
}

void boardview_tick(board_view *v, uint32_t now, int64_t wall)
{
    int was_live = live(v);
    v->now = now;
    if (wall / 60 != v->wall / 60)
        v->dirty = 1; /* the clock on screen shows minutes */
    v->wall = wall;
    if (was_live != live(v))
        v->dirty = 1;
    /* new entries lose their mark after a while */
    int k = 0;
    for (int i = 0; i < v->nfresh; i++)
        if (now - v->fresh[i].t0 < BOARDVIEW_NEW_MS)
            v->fresh[k++] = v->fresh[i];
        else
            v->dirty = 1;
    v->nfresh = k;
    if (v->ndecks > 1 && now - v->page_t0 >= BOARDVIEW_PAGE_MS) {
        int i = index_of(v, v->page);
        show_page(v, v->decks[(i + 1) % v->ndecks]);
    }
}

uint32_t boardview_wake_in(const board_view *v)
{
    uint32_t wake = UINT32_MAX;
    for (int i = 0; i < v->nfresh; i++) {
        uint32_t age = v->now - v->fresh[i].t0;
        if (age < BOARDVIEW_SLIDE_MS)
            return 0;
        uint32_t left = BOARDVIEW_NEW_MS - age;
        wake = left < wake ? left : wake;
    }
    if (v->ndecks > 1) {
        uint32_t el = v->now - v->page_t0;
        uint32_t left = el < BOARDVIEW_PAGE_MS ? BOARDVIEW_PAGE_MS - el : 0;
        wake = left < wake ? left : wake;
    }
    if (live(v)) {
        uint32_t el = v->now - v->fetched_at;
        uint32_t left = el < BOARDVIEW_FRESH_MS ? BOARDVIEW_FRESH_MS - el : 0;
        wake = left < wake ? left : wake;
    }
    uint32_t minute = (uint32_t)(60 - v->wall % 60) * 1000u;
    return minute < wake ? minute : wake;
}

int boardview_live(const board_view *v)
{
    return live(v);
}

int boardview_offline(const board_view *v)
{
    return v->started && !live(v);
}

int boardview_page_index(const board_view *v)
{
    return v->ndecks ? index_of(v, v->page) : -1;
}

float boardview_new_phase(const board_view *v, const score_entry *e, uint32_t *age_ms)
{
    for (int i = v->nfresh - 1; i >= 0; i--) {
        const score_entry *f = &v->fresh[i].e;
        if (f->score == e->score && f->when == e->when && !strcmp(f->name, e->name) && !strcmp(f->kiosk, e->kiosk) &&
            !strcmp(f->deck, e->deck)) {
            uint32_t age = v->now - v->fresh[i].t0;
            if (age_ms)
                *age_ms = age;
            return age >= BOARDVIEW_SLIDE_MS ? 1.0f : (float)age / BOARDVIEW_SLIDE_MS;
        }
    }
    return -1;
}
