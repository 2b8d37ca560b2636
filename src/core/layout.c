/* layout.c: the screen geometry of every scene from the window size (see VISUAL.md:
 * everything scales with u = min(w, h) / 1080; a 2x2 grid in landscape, a column in portrait). */
#include "layout.h"

#include <stddef.h>

static int px(float u, float v)
{
    int r = (int)(u * v + 0.5f);
    return r < 1 ? 1 : r;
}

static rect mk(int x, int y, int w, int h)
{
    rect r = {x, y, w < 1 ? 1 : w, h < 1 ? 1 : h};
    return r;
}

int rect_contains(rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

rect rect_inset(rect r, int d)
{
    return mk(r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d);
}

static void question_screen(layout *l)
{
    float u = l->u;
    int m = l->margin, g = l->gap, w = l->w, h = l->h;
    int inner_w = w - 2 * m;
    if (!l->portrait) {
        int bar_h = px(u, 72);
        l->topbar = mk(m, px(u, 16), inner_w, bar_h);
        l->score = mk(w - m - px(u, 260), l->topbar.y, px(u, 260), bar_h);
        l->pill = mk(l->score.x - px(u, 320), l->topbar.y + px(u, 8), px(u, 300), bar_h - px(u, 16));
        int top = l->topbar.y + bar_h + px(u, 14);
        int avail = h - top - m;
        int card_h = (int)(avail * 0.36f);
        l->card = mk(m, top, inner_w, card_h);
        l->timer = mk(m, top + card_h + px(u, 26), inner_w, px(u, 20));
        int ctop = l->timer.y + l->timer.h + px(u, 30);
        int ch = (h - m - ctop - g) / 2;
        int cw = (inner_w - g) / 2;
        for (int i = 0; i < 4; i++)
            l->choice[i] = mk(m + (i % 2) * (cw + g), ctop + (i / 2) * (ch + g), cw, ch);
        l->reveal_choice[0] = l->choice[0];
        l->reveal_choice[1] = l->choice[1];
        l->why = mk(m, ctop + ch + g, inner_w, ch);
    } else {
        int row_h = px(u, 72);
        l->topbar = mk(m, px(u, 16), inner_w, row_h);
        l->score = mk(w - m - px(u, 300), l->topbar.y, px(u, 300), row_h);
        l->pill = mk(w - m - px(u, 300), l->topbar.y + row_h + px(u, 6), px(u, 300), row_h - px(u, 12));
        int top = l->pill.y + l->pill.h + px(u, 24);
        int avail = h - top - m;
        int card_h = (int)(avail * 0.30f);
        l->card = mk(m, top, inner_w, card_h);
        l->timer = mk(m, top + card_h + px(u, 26), inner_w, px(u, 20));
        int ctop = l->timer.y + l->timer.h + px(u, 30);
        int ch = (h - m - ctop - 3 * g) / 4;
        for (int i = 0; i < 4; i++)
            l->choice[i] = mk(m, ctop + i * (ch + g), inner_w, ch);
        l->reveal_choice[0] = l->choice[0];
        l->reveal_choice[1] = l->choice[1];
        l->why = mk(m, ctop + 2 * (ch + g), inner_w, 2 * ch + g);
    }
    /* across the question card, never over the choices: a streak is announced on the reveal,
     * where the player looks for the right answer and the points */
    int bh = px(u, 150);
    if (bh > l->card.h)
        bh = l->card.h;
    l->banner = mk(0, l->card.y + l->card.h / 2 - bh / 2, l->w, bh);
}

static void title_screen(layout *l)
{
    float u = l->u;
    int m = l->margin, g = l->gap, w = l->w, h = l->h;
    int inner_w = w - 2 * m;
    l->logo = mk(m, m / 2, inner_w, px(u, 190));
    int top = l->logo.y + l->logo.h + px(u, 16);
    int hint_h = px(u, 60);
    l->howto = mk(m, h - m / 2 - hint_h, inner_w, hint_h);
    int bottom = l->howto.y - g;
    rect list, board;
    if (!l->portrait) {
        int lw = (inner_w - g) * 55 / 100;
        list = mk(m, top, lw, bottom - top);
        board = mk(m + lw + g, top, inner_w - lw - g, bottom - top);
    } else {
        int lh = (bottom - top - g) * 45 / 100;
        list = mk(m, top, inner_w, lh);
        board = mk(m, top + lh + g, inner_w, bottom - top - lh - g);
    }
    int start_h = px(u, 110);
    l->start = mk(list.x, list.y + list.h - start_h, list.w, start_h);
    int items_h = list.h - start_h - g;
    /* room for at least three entries, so one deck does not get a giant button */
    int ih = items_h / (l->ndecks > 3 ? l->ndecks : 3);
    int max_ih = px(u, l->portrait ? 130 : 110);
    if (ih > max_ih)
        ih = max_ih;
    for (int i = 0; i < LAYOUT_MAX_DECKS; i++)
        l->deck_item[i] = mk(list.x, list.y + i * ih, list.w, ih - px(u, 10));
    l->board = board;
}

static void overlays(layout *l)
{
    float u = l->u;
    int w = l->w, h = l->h, m = l->margin;
    int pw = px(u, 720), ih = px(u, 100), g = px(u, 18);
    if (pw > w - 2 * m)
        pw = w - 2 * m;
    int ph = px(u, 130) + LAYOUT_PAUSE_ITEMS * (ih + g) + px(u, 30);
    if (ph > h - 2 * px(u, 10))
        ph = h - 2 * px(u, 10);
    l->pause_panel = mk((w - pw) / 2, (h - ph) / 2, pw, ph);
    int y = l->pause_panel.y + px(u, 130);
    ih = (l->pause_panel.y + ph - px(u, 30) - y) / LAYOUT_PAUSE_ITEMS - g;
    for (int i = 0; i < LAYOUT_PAUSE_ITEMS; i++)
        l->pause_item[i] = mk(l->pause_panel.x + px(u, 40), y + i * (ih + g), pw - px(u, 80), ih);

    /* PIN keypad: 3 columns x 4 rows under a field */
    int kp_w = px(u, 560), key = px(u, 120);
    int kp_h = px(u, 120) + px(u, 100) + 4 * (key + g);
    if (kp_h > h - 2 * px(u, 10)) {
        key = (h - 2 * px(u, 10) - px(u, 220)) / 4 - g;
        kp_h = px(u, 220) + 4 * (key + g);
    }
    if (kp_w > w - 2 * m)
        kp_w = w - 2 * m;
    l->pin_panel = mk((w - kp_w) / 2, (h - kp_h) / 2, kp_w, kp_h);
    l->pin_field = mk(l->pin_panel.x + px(u, 30), l->pin_panel.y + px(u, 100), kp_w - px(u, 60), px(u, 90));
    int kw = (kp_w - px(u, 60) - 2 * g) / 3;
    int ky = l->pin_field.y + l->pin_field.h + g;
    for (int i = 0; i < 12; i++)
        l->pin_key[i] = mk(l->pin_panel.x + px(u, 30) + (i % 3) * (kw + g), ky + (i / 3) * (key + g), kw, key);
}

static void results_screen(layout *l)
{
    float u = l->u;
    int m = l->margin, w = l->w, h = l->h, g = l->gap;
    int inner_w = w - 2 * m;
    l->res_score = mk(m, px(u, 110), inner_w, px(u, 200));
    l->res_stats = mk(m, l->res_score.y + l->res_score.h + g, inner_w, px(u, l->portrait ? 300 : 110));
    l->res_strip = mk(m, l->res_stats.y + l->res_stats.h + g, inner_w, px(u, 90));
    l->res_hint = mk(m, h - m - px(u, 56), inner_w, px(u, 56));
    int rtop = l->res_strip.y + l->res_strip.h + g;
    l->res_review = mk(m, rtop, inner_w, l->res_hint.y - g / 2 - rtop);

    /* name entry: the results in brief, then the panel */
    l->name_score = mk(m, px(u, 96), inner_w, px(u, 150));
    l->name_stats = mk(m, l->name_score.y + l->name_score.h, inner_w, px(u, 56));
    l->name_strip = mk(m, l->name_stats.y + l->name_stats.h + px(u, 10), inner_w, px(u, 64));
    int top = l->name_strip.y + l->name_strip.h + g;
    l->name_panel = mk(m, top, inner_w, h - m / 2 - top);
    int field_h = px(u, 96);
    l->name_field = mk(l->name_panel.x + px(u, 30), l->name_panel.y + px(u, 76),
                       l->name_panel.w - px(u, 60), field_h);
    int ky = l->name_field.y + field_h + px(u, 18);
    /* portrait: 7 keys a row (6 rows); landscape: 10 a row (4 rows) */
    int cols = l->portrait ? 7 : LAYOUT_OSK_COLS;
    int rows = (LAYOUT_OSK_KEYS + cols - 1) / cols;
    int kg = px(u, 10);
    int kw = (l->name_panel.w - px(u, 60) - (cols - 1) * kg) / cols;
    int kh = (l->name_panel.y + l->name_panel.h - px(u, 24) - ky - (rows - 1) * kg) / rows;
    if (kh > px(u, 120))
        kh = px(u, 120);
    if (kh > kw)
        kh = kw;
    for (int i = 0; i < LAYOUT_OSK_KEYS; i++) {
        int c = i % cols, r = i / cols;
        l->osk[i] = mk(l->name_panel.x + px(u, 30) + c * (kw + kg), ky + r * (kh + kg), kw, kh);
    }
    /* the panel ends under its last row of keys */
    rect last = l->osk[LAYOUT_OSK_KEYS - 1];
    l->name_panel.h = last.y + last.h + px(u, 24) - l->name_panel.y;

    /* high-score boards */
    int btop = px(u, 150), bbottom = h - m - px(u, 80);
    if (!l->portrait) {
        int bw = (inner_w - g) / 2;
        l->boards[0] = mk(m, btop, bw, bbottom - btop);
        l->boards[1] = mk(m + bw + g, btop, bw, bbottom - btop);
    } else {
        int bh = (bbottom - btop - g) / 2;
        l->boards[0] = mk(m, btop, inner_w, bh);
        l->boards[1] = mk(m, btop + bh + g, inner_w, bh);
    }
}

rect layout_turn(rect r, rect about)
{
    r.x = 2 * about.x + about.w - r.x - r.w;
    r.y = 2 * about.y + about.h - r.y - r.h;
    return r;
}

/* r reflected in the window's vertical centre line. */
static void flip(const layout *l, rect *r)
{
    r->x = l->w - r->x - r->w;
}

/* Every rectangle reflected (an involution), but the keys of the on-screen keyboard and the
 * PIN keypad, which keep their order and move with their centred panels. */
static void flip_all(layout *l)
{
    rect *one[] = {&l->topbar, &l->pill, &l->score, &l->card, &l->timer, &l->why, &l->logo, &l->start,
                   &l->board, &l->howto, &l->pause_panel, &l->res_score, &l->res_stats, &l->res_strip,
                   &l->res_review, &l->res_hint, &l->name_score, &l->name_stats, &l->name_strip,
                   &l->name_panel, &l->name_field, &l->pin_panel, &l->pin_field, &l->banner,
                   &l->pwhy, &l->standings, &l->join_tap};
    for (size_t i = 0; i < sizeof one / sizeof one[0]; i++)
        flip(l, one[i]);
    for (int i = 0; i < 4; i++) {
        flip(l, &l->choice[i]);
        flip(l, &l->pchoice[i]);
        for (int j = 0; j < LAYOUT_SEATS; j++) {
            flip(l, &l->pbadge[i][j]);
            flip(l, &l->pad_choice[j][i]);
        }
    }
    for (int i = 0; i < 2; i++) {
        flip(l, &l->reveal_choice[i]);
        flip(l, &l->boards[i]);
    }
    for (int i = 0; i < 3; i++)
        flip(l, &l->podium[i]);
    for (int i = 0; i < LAYOUT_SEATS; i++) {
        flip(l, &l->seat_chip[i]);
        flip(l, &l->standing_row[i]);
        flip(l, &l->pstats[i]);
        flip(l, &l->pad[i]);
    }
    for (int i = 0; i < LAYOUT_MAX_DECKS; i++)
        flip(l, &l->deck_item[i]);
    for (int i = 0; i < LAYOUT_PAUSE_ITEMS; i++)
        flip(l, &l->pause_item[i]);
}

void layout_mirror(layout *l)
{
    if (l->mirrored)
        return;
    flip_all(l);
    l->mirrored = 1;
}

/* Party mode: the seat chips, the reveal with its standings, the podium, the touch pads
 * (computed left to right; layout_party mirrors them with the rest). */
static void party_rects(layout *l, int n)
{
    float u = l->u;
    int m = l->margin, g = l->gap, w = l->w, h = l->h;
    int inner_w = w - 2 * m;
    n = n < 2 ? 2 : n > LAYOUT_SEATS ? LAYOUT_SEATS : n;
    l->seats = n;
    int cg = px(u, 12);
    /* the chips take the place of the single game's pill and score */
    rect row;
    if (!l->portrait) {
        int cw = px(u, 300);
        int total = n * cw + (n - 1) * cg;
        if (total > inner_w * 62 / 100)
            total = inner_w * 62 / 100;
        row = mk(l->topbar.x + l->topbar.w - total, l->topbar.y, total, l->topbar.h);
    } else {
        row = mk(m, l->pill.y, inner_w, l->pill.h + px(u, 12));
    }
    int cw = (row.w - (n - 1) * cg) / n;
    for (int i = 0; i < LAYOUT_SEATS; i++)
        l->seat_chip[i] = i < n ? mk(row.x + i * (cw + cg), row.y + px(u, 6), cw, row.h - px(u, 12)) : mk(0, 0, 1, 1);

    /* the reveal: the explanation over the card and the timer's row, then the choices and the
     * standings side by side (landscape) or one above the other (portrait) */
    l->pwhy = mk(l->card.x, l->card.y, l->card.w, l->card.h * (l->portrait ? 100 : 80) / 100);
    int top = l->pwhy.y + l->pwhy.h + g, bottom = h - m;
    /* the choices as a list of four rows (each picked choice's badges at its right end) */
    rect grid;
    if (!l->portrait) {
        int gw = (inner_w - g) * 60 / 100;
        grid = mk(m, top, gw, bottom - top);
        l->standings = mk(m + gw + g, top, inner_w - gw - g, bottom - top);
    } else {
        int gh = (bottom - top - g) * 52 / 100;
        grid = mk(m, top, inner_w, gh);
        l->standings = mk(m, top + gh + g, inner_w, bottom - top - gh - g);
    }
    int sg = px(u, 14);
    int ch = (grid.h - 3 * sg) / 4;
    for (int i = 0; i < 4; i++)
        l->pchoice[i] = mk(grid.x, grid.y + i * (ch + sg), grid.w, ch);
    /* badge slots, the first at the right end */
    for (int c = 0; c < 4; c++) {
        rect r = l->pchoice[c];
        int bs = r.h * 64 / 100;
        if (bs > px(u, 80))
            bs = px(u, 80);
        int bg = px(u, 8);
        for (int j = 0; j < LAYOUT_SEATS; j++)
            l->pbadge[c][j] = mk(r.x + r.w - px(u, 14) - (j + 1) * bs - j * bg, r.y + (r.h - bs) / 2, bs, bs);
    }
    {
        rect p = l->standings;
        int head = px(u, 64);
        int rh = (p.h - head - px(u, 64)) / n; /* the hint line under the rows */
        if (rh > px(u, 120))
            rh = px(u, 120);
        for (int s = 0; s < LAYOUT_SEATS; s++)
            l->standing_row[s] = s < n ? mk(p.x + px(u, 16), p.y + head + s * rh, p.w - px(u, 32), rh - px(u, 8))
                                       : mk(0, 0, 1, 1);
    }

    /* the podium: three steps, the winner's in the middle; every seat's stats under them */
    {
        int ptop = px(u, 40), hint = l->res_hint.y - g;
        int pod_h = (hint - ptop) * (l->portrait ? 48 : 58) / 100;
        int sw = (inner_w - 2 * g) / 3;
        if (sw > px(u, 420))
            sw = px(u, 420);
        int x0 = m + (inner_w - 3 * sw - 2 * g) / 2;
        static const int col[3] = {1, 0, 2}; /* 1st in the middle, 2nd left, 3rd right */
        for (int k = 0; k < 3; k++)
            l->podium[k] = mk(x0 + col[k] * (sw + g), ptop, sw, pod_h);
        int stop = ptop + pod_h + g;
        if (!l->portrait) {
            int tw = (inner_w - (n - 1) * g) / n;
            for (int s = 0; s < LAYOUT_SEATS; s++)
                l->pstats[s] = s < n ? mk(m + s * (tw + g), stop, tw, hint - stop) : mk(0, 0, 1, 1);
        } else {
            int th = (hint - stop - (n - 1) * sg) / n;
            for (int s = 0; s < LAYOUT_SEATS; s++)
                l->pstats[s] = s < n ? mk(m, stop + s * (th + sg), inner_w, th) : mk(0, 0, 1, 1);
        }
    }

    l->join_tap = mk(l->start.x + l->start.w - l->start.w * 30 / 100, l->start.y, l->start.w * 30 / 100, l->start.h);
    /* touch pads: side by side in landscape, stacked in portrait, over the choices' area */
    {
        int atop = l->choice[0].y, abot = l->choice[3].y + l->choice[3].h;
        int pg = px(u, 16);
        for (int s = 0; s < LAYOUT_SEATS; s++) {
            l->pad_turned[s] = 0;
            if (s >= n) {
                l->pad[s] = mk(0, 0, 1, 1);
                for (int c = 0; c < 4; c++)
                    l->pad_choice[s][c] = mk(0, 0, 1, 1);
                continue;
            }
            rect p;
            if (!l->portrait) {
                int pw = (inner_w - (n - 1) * g) / n;
                p = mk(m + s * (pw + g), atop, pw, abot - atop);
            } else {
                int ph = (abot - atop - (n - 1) * g) / n;
                p = mk(m, atop + s * (ph + g), inner_w, ph);
            }
            l->pad[s] = p;
            /* a strip for the seat's badge and state, then the four buttons */
            int head = p.h / 5 < px(u, 64) ? p.h / 5 : px(u, 64);
            int bw = (p.w - pg) / 2, bh = (p.h - head - pg) / 2;
            /* two players in portrait face each other across a table-top screen: the top pad
             * is turned to the player on the far side (three or four stacked pads are one
             * column of players on the same side: none turned) */
            l->pad_turned[s] = l->portrait && n == 2 && s == 0;
            for (int c = 0; c < 4; c++) {
                l->pad_choice[s][c] = mk(p.x + (c % 2) * (bw + pg), p.y + head + (c / 2) * (bh + pg), bw, bh);
                if (l->pad_turned[s])
                    l->pad_choice[s][c] = layout_turn(l->pad_choice[s][c], p);
            }
        }
    }
}

void layout_party(layout *l, int n)
{
    /* on a mirrored layout: computed from the unmirrored one, then all mirrored again */
    int mirrored = l->mirrored;
    if (mirrored)
        flip_all(l);
    party_rects(l, n);
    if (mirrored)
        flip_all(l);
}

void layout_compute(layout *l, int w, int h, int ndecks)
{
    l->mirrored = 0;
    l->ndecks = ndecks < 1 ? 1 : ndecks > LAYOUT_MAX_DECKS ? LAYOUT_MAX_DECKS : ndecks;
    if (w < 320)
        w = 320;
    if (h < 240)
        h = 240;
    l->w = w;
    l->h = h;
    l->portrait = h > w;
    int s = w < h ? w : h;
    l->u = (float)s / 1080.0f;
    l->margin = px(l->u, 48);
    l->gap = px(l->u, 24);
    question_screen(l);
    title_screen(l);
    overlays(l);
    results_screen(l);
    layout_party(l, 2); /* the game sets its own count after (game_resize) */
}
