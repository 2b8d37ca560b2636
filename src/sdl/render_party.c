/* render_party.c: party mode's screens (2 to 4 players on one screen): the seat chips with the
 * secret "locked" badge, the reveal with every player's pick as a badge (number, colour and
 * shape) and the standings moving, the podium; the title's seats. Drawn from render.c's kit
 * (render_draw.h) into layout.c's party rectangles. */
#include "render_party.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compose.h"
#include "core/i18n.h"
#include "render_draw.h"

/* The words of party mode's screens, in one place, through gettext (the hint lines' N_: hint_line
 * translates its own). */
#define S_LOCKED _("LOCKED")
#define S_ANSWER_KEYS_P1 _("keys 1-4")
#define S_ANSWER_KEYS_P2 _("keys 7-0")
#define S_ANSWER_PAD _("A B X Y")
#define S_ANSWER_TOUCH _("tap your pad")
#define S_WAITING _("joins next question")
#define S_LEFT _("left")
#define S_STANDINGS _("STANDINGS")
#define S_WHY _("WHY")
#define S_TIME _("time")
#define S_NEXT_KEYS N_("Enter / tap: next question")
#define S_NEXT_PAD N_("A: next question")
#define S_LAST_KEYS N_("Enter / tap: the podium")
#define S_LAST_PAD N_("A: the podium")
#define S_PLAYER _("PLAYER %d")
#define S_PLAYERS_START _("START \xC2\xB7 %d PLAYERS")
#define S_JOIN_HINT _("more players: 7-0, A on another controller, or tap + PLAYER")
#define S_ADD_PLAYER _("+ PLAYER")
#define S_WINS _("PLAYER %d WINS!")
#define S_TIE _("A TIE FOR FIRST!")
#define S_PLACE_1 _("1st")
#define S_PLACE_2 _("2nd")
#define S_PLACE_3 _("3rd")
#define S_PLACE_N _("%dth")
#define S_STATS_RIGHT _("%d/%d right")
#define S_STATS_STREAK _("best streak %d")
#define S_RES_NAMES_KEYS N_("Enter / tap: high-score names")
#define S_RES_NAMES_PAD N_("A: high-score names")
#define S_RES_DONE_KEYS N_("Enter / tap: the boards")
#define S_RES_DONE_PAD N_("A: the boards")
#define S_NAME_HEAD _("PLAYER %d \xC2\xB7 NEW HIGH SCORE!  #%d %s")
#define S_ALL_TIME _("ALL TIME")
#define S_TODAY _("TODAY")

/* Each seat's colour and shape (colour is never the only cue: the number is on the badge, and
 * the shapes differ): sky blue circle, vermillion square, yellow hexagon, white diamond, from the
 * Okabe-Ito palette and apart from the choices' own four fills. */
static const SDL_Color seat_fill[PARTY_MAX] = {{0x56, 0xB4, 0xE9, 255}, {0xD5, 0x5E, 0x00, 255},
                                               {0xF0, 0xE4, 0x42, 255}, {0xF4, 0xF6, 0xFB, 255}};
/* the number on the badge: dark on the light fills, white on vermillion (large bold: 3:1) */
static const int seat_dark_text[PARTY_MAX] = {1, 0, 1, 1};

/* A convex outline of n corners (a circle when n is 0) around cx, cy, radius r. */
static void seat_shape(int s, float cx, float cy, float r, SDL_Color c)
{
    float xy[16];
    switch (s) {
    case 0:
        compose_round(cx - r, cy - r, 2 * r, 2 * r, r, c);
        return;
    case 1: {
        float q = r * 0.86f;
        compose_round(cx - q, cy - q, 2 * q, 2 * q, q * 0.25f, c);
        return;
    }
    case 2:
        for (int i = 0; i < 6; i++) {
            float a = (float)M_PI / 6 + i * (float)M_PI / 3;
            xy[2 * i] = cx + r * cosf(a);
            xy[2 * i + 1] = cy + r * sinf(a);
        }
        compose_polygon(xy, 6, c);
        return;
    default: {
        float d = r * 1.08f;
        float t[] = {cx, cy - d, cx + d, cy, cx, cy + d, cx - d, cy};
        compose_polygon(t, 4, c);
        return;
    }
    }
}

/* A player's badge in the box r (square): a dark ring (it stands out on every choice's fill),
 * the seat's shape in its colour, its number. */
static void badge(int s, rect r, float a)
{
    float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f, rad = r.w / 2.0f;
    seat_shape(s, cx, cy, rad, alpha(C_DARK, a));
    seat_shape(s, cx, cy, rad * 0.84f, alpha(seat_fill[s], a));
    char n[12];
    snprintf(n, sizeof n, "%d", s + 1);
    int sz = (int)(r.h * (s == 3 ? 0.46f : 0.56f));
    draw_line(FACE_BOLD, sz, alpha(seat_dark_text[s] ? C_DARK : C_TEXT, a), n, (int)cx, (int)(cy - sz * 0.6f),
              ALIGN_CENTER);
}

/* The score a seat shows now: before the reveal the score from before the question (an answer
 * is secret), on the reveal counting up to the new one. */
static int seat_shown_score(const game *g, const seat *t)
{
    if (g->scene == SCENE_QUESTION)
        return t->score_from;
    return g->scene == SCENE_REVEAL ? count_up(g, t->score_from, t->score) : t->score;
}

/* What a seat answers with, for its chip before it locks in. */
static const char *seat_keys(const game *g, int s)
{
    if (g->seat_dev[s] == DEV_POINTER)
        return S_ANSWER_TOUCH;
    if (g->seat_dev[s] == DEV_PAD || s >= 2)
        return S_ANSWER_PAD;
    return s == 0 ? S_ANSWER_KEYS_P1 : S_ANSWER_KEYS_P2;
}

/* A seat's chip: badge, score, and its state (locked, how to answer, waiting, left). */
static void seat_chip(const game *g, int s, rect r)
{
    const seat *t = &g->party.seat[s];
    int locked = g->scene == SCENE_QUESTION && t->locked;
    SDL_Color bg = locked ? mix(C_CARD, seat_fill[s], 0.28f) : C_CARD;
    if (t->state == SEAT_EMPTY) {
        outline_round(r, r.h / 4, px(2) > 1 ? px(2) : 1, alpha(C_TRACK, 0.8f), C_BG);
        return;
    }
    fill_round(r, r.h / 4, bg);
    if (locked)
        outline_round(r, r.h / 4, px(4) > 2 ? px(4) : 2, seat_fill[s], bg);
    /* laid out as in English, then mirrored inside the chip: the badge at its right end, the
     * words from the right in a right-to-left interface */
    int bs = r.h * 78 / 100;
    rect br = {r.x + (r.h - bs) / 2, r.y + (r.h - bs) / 2, bs, bs};
    float a = t->state == SEAT_PLAYING ? 1.0f : 0.5f;
    badge(s, mir(r, br), a);
    int tx = br.x + bs + px(10);
    /* two lines (the score over the state) where they fit; one on a small screen */
    int two = r.h >= 2 * MIN_TEXT_PX + 8;
    rect top = {tx, r.y + 2, r.x + r.w - tx - px(10), two ? r.h * 55 / 100 - 2 : r.h - 4};
    rect bot = mir(r, (rect){tx, r.y + r.h * 52 / 100, top.w, r.h * 46 / 100});
    top = mir(r, top);
    char buf[48];
    fmt_score(buf, sizeof buf, seat_shown_score(g, t));
    if (two)
        draw_fit_line(FACE_BOLD, alpha(C_TEXT, a), buf, top, px(34), MIN_TEXT_PX, al(ALIGN_LEFT), 1);
    const char *state = t->state == SEAT_WAITING ? S_WAITING
                        : t->state == SEAT_LEFT  ? S_LEFT
                        : locked                 ? S_LOCKED
                        : g->scene == SCENE_QUESTION ? seat_keys(g, s)
                                                     : NULL;
    char pts[48];
    if (g->scene == SCENE_REVEAL && t->state == SEAT_PLAYING) {
        if (t->result == SEAT_RIGHT)
            snprintf(pts, sizeof pts, "+%d", t->points);
        else
            snprintf(pts, sizeof pts, "%s", t->result == SEAT_TIMEOUT ? S_TIME : "+0");
        state = pts;
    }
    if (!two) {
        char one[128];
        snprintf(one, sizeof one, "%s%s%s", buf, state ? "  " : "", state ? state : "");
        draw_fit_line(FACE_BOLD, alpha(C_TEXT, a), one, top, px(34), MIN_TEXT_PX, al(ALIGN_LEFT), 1);
    } else if (state) {
        draw_fit_line(FACE_BOLD, locked ? C_TEXT : C_MUTED, state, bot, px(24), MIN_TEXT_PX, al(ALIGN_LEFT), 1);
    }
}

/* The top bar: the deck and the question count on the left, a chip per seat on the right
 * (mirrored in a right-to-left interface). */
static void party_topbar(const game *g)
{
    const layout *l = &g->lay;
    char buf[96];
    int size = px(34);
    int ty = l->topbar.y + (int)((l->topbar.h - size * 1.2f) / 2);
    /* the title up to the first chip as in English (in portrait the chips have a row of their own) */
    int chips_x = l->portrait ? l->topbar.x + l->topbar.w : mir(l->topbar, l->seat_chip[0]).x;
    int left_w = chips_x - l->topbar.x - px(20);
    upper(buf, sizeof buf, g->decks[g->deck_sel]->title);
    size_t n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, "  \xC2\xB7  %d / %d", g->qi + 1, g->nq);
    rect box = mir(l->topbar, (rect){l->topbar.x, ty, left_w, size * 2});
    draw_fit_line(FACE_BOLD, C_TEXT, buf, box, size, MIN_TEXT_PX, al(ALIGN_LEFT), 0);
    for (int s = 0; s < l->seats; s++)
        seat_chip(g, s, l->seat_chip[s]);
}

/* A touch screen's party: a pad per seat, framed in the seat's colour with its badge, holding
 * the four choices (shape, colour, text); a pad that has locked in dims, showing no choice. A
 * turned pad (the top one of two in portrait: layout.c) is drawn as its player across the table
 * sees it: its buttons' rectangles turned back to that player's view, then the compositor turns
 * the whole pad (places and text) onto the screen (compose_turn), where the core's hit-test
 * finds the buttons in pad_choice. */
static void party_pads(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    for (int s = 0; s < l->seats; s++) {
        const seat *t = &g->party.seat[s];
        rect p = l->pad[s];
        if (t->state == SEAT_EMPTY)
            continue;
        int playing = t->state == SEAT_PLAYING;
        /* the buttons as the seat's player sees them */
        rect pc[4];
        for (int c = 0; c < 4; c++)
            pc[c] = l->pad_turned[s] ? layout_turn(l->pad_choice[s][c], p) : l->pad_choice[s][c];
        if (l->pad_turned[s])
            compose_turn(&(SDL_Rect){p.x, p.y, p.w, p.h});
        outline_round(rect_inset(p, -px(8)), px(20), px(5), playing ? seat_fill[s] : C_TRACK, C_BG2);
        for (int c = 0; c < q->nchoices; c++) {
            rect r = pc[c];
            float a = !playing ? 0.25f : t->locked ? 0.35f : 1.0f;
            fill_round(r, px(14), alpha(choice_fill[c], a));
            int icon = r.h * 40 / 100 < px(48) ? r.h * 40 / 100 : px(48);
            /* the shape, then the text, from the right in a right-to-left interface */
            fill_shape((enum shape)c, mirx(r, r.x + px(12) + icon / 2.0f), r.y + r.h / 2.0f, icon * 0.8f,
                       alpha(C_TEXT, a));
            rect tb = mir(r, (rect){r.x + px(24) + icon, r.y + px(6), r.w - px(34) - icon, r.h - px(12)});
            char dir[1024];
            text_align ca = ALIGN_LEFT;
            const char *txt = card_text(g, q->choices[c], dir, sizeof dir, &ca);
            draw_fit(FACE_BOLD, alpha(choice_dark_text[c] ? C_DARK : C_TEXT, a), txt, tb, px(30), MIN_TEXT_PX, ca, 1);
        }
        /* the head strip: badge, then "PLAYER N" or its state */
        int head = pc[0].y - p.y;
        int bs = head * 86 / 100;
        badge(s, mir(p, (rect){p.x, p.y + (head - bs) / 2 - px(4), bs, bs}), 1);
        char who[32];
        snprintf(who, sizeof who, S_PLAYER, s + 1);
        const char *what = t->locked ? S_LOCKED : t->state == SEAT_WAITING ? S_WAITING : t->state == SEAT_LEFT ? S_LEFT : who;
        rect tag = mir(p, (rect){p.x + bs + px(10), p.y, p.w - bs - px(10), head - px(8)});
        draw_fit_line(FACE_BOLD, t->locked ? seat_fill[s] : C_TEXT, what, tag, px(34), MIN_TEXT_PX, al(ALIGN_LEFT),
                      1);
        compose_turn(NULL);
    }
}

/* The lone game's question screen under the party's top bar; on a touch screen a pad per seat
 * instead of the choices. */
static void party_question(const game *g)
{
    party_topbar(g);
    if (!question_head(g))
        return;
    if (g->party_touch)
        party_pads(g);
    else
        question_choices(g);
}

/* Row of the standings a seat was in before this question (its previous place, ties by seat). */
static int prev_row(const game *g, const int *order, int n, int s)
{
    int row = 0;
    const seat *t = &g->party.seat[s];
    for (int i = 0; i < n; i++) {
        const seat *o = &g->party.seat[order[i]];
        if (order[i] != s && (o->prev_place < t->prev_place || (o->prev_place == t->prev_place && order[i] < s)))
            row++;
    }
    return row;
}

static void party_standings_panel(const game *g)
{
    const layout *l = &g->lay;
    rect p = l->standings;
    outline_round(p, px(18), px(3), C_TRACK, C_PANEL);
    draw_fit_line(FACE_BOLD, C_SKY, S_STANDINGS, (rect){p.x + px(24), p.y + px(14), p.w - px(48), px(40)}, px(30),
                  MIN_TEXT_PX, al(ALIGN_LEFT), 1);
    int order[PARTY_MAX];
    party cp = g->party; /* the order, without touching the game's places */
    int n = party_standings(&cp, order, 0);
    float t = ease((float)(g->clock - g->scene_t0 - (g->clock - g->scene_t0 > 300 ? 300 : g->clock - g->scene_t0)) /
                   500.0f);
    for (int i = 0; i < n && i < LAYOUT_SEATS; i++) {
        int s = order[i];
        const seat *st = &g->party.seat[s];
        rect to = l->standing_row[i], from = l->standing_row[prev_row(g, order, n, s)];
        rect r = {to.x, from.y + (int)((to.y - from.y) * t), to.w, to.h};
        fill_round(r, px(12), st->state == SEAT_LEFT ? alpha(C_CARD, 0.5f) : C_CARD);
        int h = r.h, x = r.x + px(12);
        char buf[48];
        /* place, then the arrow of the move: up green, down vermillion, a dash when it stayed;
         * each laid out as in English and mirrored inside the row (from the right in a
         * right-to-left interface) */
        snprintf(buf, sizeof buf, "%d", st->place);
        int pw = h * 60 / 100;
        draw_fit_line(FACE_BOLD, C_TEXT, buf, mir(r, (rect){x, r.y, pw, h}), h * 50 / 100, MIN_TEXT_PX, ALIGN_CENTER,
                      1);
        x += pw + px(6);
        float ax = mirx(r, x + h * 0.22f), ay = r.y + h / 2.0f, as = h * 0.2f;
        if (st->place < st->prev_place) {
            float tri[] = {ax, ay - as, ax + as, ay + as * 0.7f, ax - as, ay + as * 0.7f};
            compose_polygon(tri, 3, C_GREEN_TEXT);
        } else if (st->place > st->prev_place) {
            float tri[] = {ax - as, ay - as * 0.7f, ax + as, ay - as * 0.7f, ax, ay + as};
            compose_polygon(tri, 3, (SDL_Color){0xFF, 0x9A, 0x5C, 255});
        } else {
            fill_rect((rect){(int)(ax - as * 0.7f), (int)(ay - as * 0.15f), (int)(as * 1.4f), (int)(as * 0.3f) + 1},
                      C_MUTED);
        }
        x += (int)(h * 0.44f) + px(8);
        int bs = h * 70 / 100;
        badge(s, mir(r, (rect){x, r.y + (h - bs) / 2, bs, bs}), st->state == SEAT_LEFT ? 0.5f : 1.0f);
        x += bs + px(12);
        /* the question's points (or what went wrong), then the score */
        int right_w = (r.x + r.w - x) * 52 / 100;
        if (st->state == SEAT_LEFT)
            snprintf(buf, sizeof buf, "%s", S_LEFT);
        else if (st->result == SEAT_RIGHT)
            snprintf(buf, sizeof buf, "+%d", st->points);
        else if (st->result == SEAT_TIMEOUT)
            snprintf(buf, sizeof buf, "%s", S_TIME);
        else if (st->result == SEAT_WRONG)
            snprintf(buf, sizeof buf, "+0");
        else
            buf[0] = 0;
        int mark = h * 36 / 100;
        if (st->state == SEAT_PLAYING && st->result == SEAT_RIGHT)
            draw_check(mirx(r, x + mark / 2.0f), r.y + h / 2.0f, mark, C_GREEN_TEXT);
        else if (st->state == SEAT_PLAYING && st->result != SEAT_NONE)
            draw_cross(mirx(r, x + mark / 2.0f), r.y + h / 2.0f, mark, (SDL_Color){0xFF, 0x9A, 0x5C, 255});
        rect pb = mir(r, (rect){x + mark + px(8), r.y, r.x + r.w - x - mark - px(8) - right_w, h});
        draw_fit_line(FACE_BOLD, st->result == SEAT_RIGHT ? C_GREEN_TEXT : C_MUTED, buf, pb, h * 40 / 100, MIN_TEXT_PX,
                      al(ALIGN_LEFT), 1);
        fmt_score(buf, sizeof buf, seat_shown_score(g, st));
        rect sb = mir(r, (rect){r.x + r.w - right_w - px(14), r.y, right_w, h});
        draw_fit_line(FACE_BOLD, C_TEXT, buf, sb, h * 48 / 100, MIN_TEXT_PX, al(ALIGN_RIGHT), 1);
    }
    int last = g->qi + 1 >= g->nq;
    rect hb = {p.x + px(20), p.y + p.h - px(50), p.w - px(40), px(40)};
    hint_line(g, hb, last ? S_LAST_KEYS : S_NEXT_KEYS, last ? S_LAST_PAD : S_NEXT_PAD);
}

static void party_reveal(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    party_topbar(g);
    /* the explanation where the question was */
    rect w = l->pwhy;
    outline_round(w, px(18), px(3), C_TRACK, C_PANEL);
    int pad = px(28);
    /* the label as wide as its words (WARUM, POURQUOI), the question after it */
    int why_w, why_h;
    text_measure(FACE_BOLD, px(30), S_WHY, 0, &why_w, &why_h);
    if (why_w > w.w / 3)
        why_w = w.w / 3;
    draw_fit_line(FACE_BOLD, C_YELLOW, S_WHY, mir(w, (rect){w.x + pad, w.y + px(12), why_w + px(4), px(40)}), px(30),
                  MIN_TEXT_PX, al(ALIGN_LEFT), 1);
    rect qb = mir(w, (rect){w.x + pad + why_w + px(24), w.y + px(12), w.w - 2 * pad - why_w - px(24), px(40)});
    char dir[1024];
    text_align qa = ALIGN_LEFT;
    draw_fit_line(FACE_REGULAR, C_MUTED, card_text(g, q->text, dir, sizeof dir, &qa), qb, px(28), MIN_TEXT_PX, qa, 1);
    rect wb = {w.x + pad, w.y + px(60), w.w - 2 * pad, w.h - px(60) - px(12)};
    text_align wa;
    const char *why = why_text(g, dir, sizeof dir, &wa);
    draw_fit(FACE_REGULAR, C_TEXT, why, wb, px(32), px(14), wa, 0);
    /* the choices: the right one green with its check, the others dimmed; every player's pick
     * as a badge on the choice picked */
    float t = ease((float)(g->clock - g->scene_t0) / ANIM_SLIDE_MS);
    for (int i = 0; i < q->nchoices; i++) {
        int right = i == q->correct;
        rect r = l->pchoice[i];
        /* the players who picked it, in seat order from left to right at its right end */
        int who[PARTY_MAX], k = 0;
        for (int s = 0; s < l->seats; s++)
            if (g->party.seat[s].pick == i)
                who[k++] = s;
        /* the badges' room, from the row's end they start at (its left when mirrored) */
        rect lb = l->pbadge[i][k ? k - 1 : 0];
        int room = !k ? 0 : l->mirrored ? lb.x + lb.w - r.x : r.x + r.w - lb.x;
        /* a wrong choice somebody picked stays readable: who fell for what is the talk of it */
        draw_choice_room(g, i, r, q->choices[i], right ? 1 : 0, right ? 1.0f : k ? 0.7f : 0.4f, NULL, room);
        for (int j = 0; j < k; j++) {
            rect b = l->pbadge[i][k - 1 - j];
            int grow = (int)((1 - t) * b.w * 0.5f);
            badge(who[j], (rect){b.x - grow / 2, b.y - grow / 2, b.w + grow, b.h + grow}, 1);
        }
    }
    party_standings_panel(g);
}

/* The podium: the best three on steps (the winner's in the middle and highest), each player's
 * stats below, the count-up of each score. */
static void party_results(const game *g)
{
    const layout *l = &g->lay;
    int order[PARTY_MAX];
    party cp = g->party;
    int n = party_standings(&cp, order, 0);
    char buf[96];
    int tie = n > 1 && g->party.seat[order[1]].place == 1;
    if (n > 0 && !tie)
        snprintf(buf, sizeof buf, S_WINS, order[0] + 1);
    else
        snprintf(buf, sizeof buf, "%s", S_TIE);
    float t = ease((float)(g->clock - g->scene_t0) / 900.0f);
    for (int k = 0; k < 3 && k < n; k++) {
        int s = order[k];
        const seat *st = &g->party.seat[s];
        rect col = l->podium[k];
        int place = st->place;
        int step_h = col.h * (place == 1 ? 46 : place == 2 ? 32 : 22) / 100;
        step_h = (int)(step_h * t);
        rect step = {col.x, col.y + col.h - step_h, col.w, step_h};
        SDL_Color sc = place == 1 ? C_YELLOW : place == 2 ? (SDL_Color){0xC8, 0xCE, 0xE0, 255} : C_ORANGE;
        fill_round(step, px(14), sc);
        const char *pl = place == 1 ? S_PLACE_1 : place == 2 ? S_PLACE_2 : S_PLACE_3;
        char pbuf[16];
        if (place > 3) {
            snprintf(pbuf, sizeof pbuf, S_PLACE_N, place);
            pl = pbuf;
        }
        if (step_h > px(30))
            draw_fit_line(FACE_BOLD, C_DARK, pl, rect_inset(step, px(8)), px(56), MIN_TEXT_PX, ALIGN_CENTER, 1);
        /* above the step: the badge and the score */
        int above = col.h - step_h;
        int bs = above * 45 / 100;
        if (bs > col.w * 45 / 100)
            bs = col.w * 45 / 100;
        if (bs > px(150))
            bs = px(150);
        int sh = above * 22 / 100;
        int y = col.y + col.h - step_h - px(10) - sh - bs;
        if (y < col.y)
            y = col.y;
        badge(s, (rect){col.x + (col.w - bs) / 2, y, bs, bs}, 1);
        char sc_txt[32];
        fmt_score(sc_txt, sizeof sc_txt, count_up(g, 0, st->score));
        draw_fit_line(FACE_BOLD, C_TEXT, sc_txt, (rect){col.x, y + bs + px(4), col.w, sh}, px(54), MIN_TEXT_PX,
                      ALIGN_CENTER, 1);
    }
    /* the headline over the podium's left and right steps */
    draw_fit_line(FACE_BOLD, C_YELLOW, buf, (rect){l->margin, px(8), l->w - 2 * l->margin, px(56)}, px(48),
                  MIN_TEXT_PX, ALIGN_CENTER, 1);
    for (int i = 0; i < n && i < LAYOUT_SEATS; i++) {
        int s = order[i];
        const seat *st = &g->party.seat[s];
        rect r = l->pstats[i];
        fill_round(r, px(16), C_CARD);
        int bs = r.h * 60 / 100 < px(80) ? r.h * 60 / 100 : px(80);
        if (bs > r.w / 4)
            bs = r.w / 4;
        /* the badge, then the lines, from the right in a right-to-left interface */
        badge(s, mir(r, (rect){r.x + px(14), r.y + (r.h - bs) / 2, bs, bs}), st->state == SEAT_LEFT ? 0.5f : 1);
        int tx = r.x + px(14) + bs + px(14);
        rect tb = mir(r, (rect){tx, r.y + px(6), r.x + r.w - tx - px(10), r.h - px(12)});
        char line[160], sc_txt[32];
        fmt_score(sc_txt, sizeof sc_txt, st->score);
        char right[48], streak[48];
        snprintf(right, sizeof right, S_STATS_RIGHT, st->right, st->asked);
        snprintf(streak, sizeof streak, S_STATS_STREAK, st->best_streak);
        snprintf(line, sizeof line, "%s\n%s \xC2\xB7 %s%s%s", sc_txt, right, streak, st->state == SEAT_LEFT ? " \xC2\xB7 " : "",
                 st->state == SEAT_LEFT ? S_LEFT : "");
        draw_fit(FACE_BOLD, C_TEXT, line, tb, px(46), MIN_TEXT_PX, al(ALIGN_LEFT), 1);
    }
    int names = g->qualifies;
    hint_line(g, l->res_hint, names ? S_RES_NAMES_KEYS : S_RES_DONE_KEYS, names ? S_RES_NAMES_PAD : S_RES_DONE_PAD);
}

int render_party_scene(const game *g)
{
    if (!g->party_round)
        return 0;
    if (game_round_hidden(g) && (g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL)) {
        party_topbar(g); /* behind the pause menu: no question, no choices */
        return 1;
    }
    switch (g->scene) {
    case SCENE_QUESTION: party_question(g); return 1;
    case SCENE_REVEAL: party_reveal(g); return 1;
    case SCENE_RESULTS: party_results(g); return 1;
    default: return 0;
    }
}

int render_party_name_head(const game *g, rect head, rect stats)
{
    if (!g->party_round || g->name_seat < 0)
        return 0;
    int s = g->name_seat;
    const seat *st = &g->party.seat[s];
    int all = game_entry_place(g, BOARD_ALLTIME), today = game_entry_place(g, BOARD_TODAY);
    char buf[128];
    snprintf(buf, sizeof buf, S_NAME_HEAD, s + 1, all ? all : today, all ? S_ALL_TIME : S_TODAY);
    const layout *l = &g->lay;
    int bs = head.h * 70 / 100;
    badge(s, (rect){l->margin, head.y + (head.h - bs) / 2, bs, bs}, 1);
    draw_fit(FACE_BOLD, C_YELLOW, buf, (rect){l->margin, px(28), l->w - 2 * l->margin, px(60)}, px(44), px(16),
             ALIGN_CENTER, 1);
    char sc[32];
    fmt_score(sc, sizeof sc, st->score);
    draw_fit(FACE_BOLD, C_YELLOW, sc, head, px(150), px(30), ALIGN_CENTER, 1);
    char right[48], streak[48], line[128];
    snprintf(right, sizeof right, S_STATS_RIGHT, st->right, st->asked);
    snprintf(streak, sizeof streak, S_STATS_STREAK, st->best_streak);
    snprintf(line, sizeof line, "%s  \xC2\xB7  %s", right, streak);
    draw_fit(FACE_BOLD, C_TEXT, line, stats, px(36), px(14), ALIGN_CENTER, 1);
    return 1;
}

int render_party_start(const game *g, rect start, const char *label)
{
    if (!g->opts.party || game_attract(g))
        return 0;
    const layout *l = &g->lay;
    int seated = party_seated(&g->party);
    rect rest = start;
    if (seated < PARTY_MAX) {
        /* the touch screen's way to join: "+ PLAYER" at the button's right end */
        rect j = rect_inset(l->join_tap, px(10));
        fill_round(j, px(18), mix(C_GREEN, C_DARK, 0.35f));
        draw_fit(FACE_BOLD, C_TEXT, S_ADD_PLAYER, rect_inset(j, px(8)), px(36), MIN_TEXT_PX, ALIGN_CENTER, 1);
        rest.w = l->join_tap.x - start.x;
    }
    char buf[64];
    if (seated >= 2) {
        snprintf(buf, sizeof buf, S_PLAYERS_START, seated);
        label = buf;
    }
    int bs = rest.h * 56 / 100;
    int bx = rest.x + rest.w - px(12);
    for (int s = PARTY_MAX - 1; s >= 0 && seated >= 2; s--) {
        if (g->party.seat[s].state == SEAT_EMPTY)
            continue;
        bx -= bs;
        badge(s, (rect){bx, rest.y + (rest.h - bs) / 2, bs, bs}, 1);
        bx -= px(6);
    }
    rect tb = {rest.x + px(16), rest.y + px(10), bx - rest.x - px(24), rest.h - px(20)};
    draw_fit(FACE_BOLD, C_TEXT, label, tb, px(44), px(14), ALIGN_CENTER, 1);
    return 1;
}

const char *render_party_join_hint(const game *g)
{
    if (!g->opts.party || party_seated(&g->party) >= PARTY_MAX)
        return NULL;
    return S_JOIN_HINT;
}
