/* render.c: every scene's drawing. Geometry comes from core/layout.c, colours from the
 * Okabe-Ito palette (VISUAL.md): colour is never the only cue (shape + key label + text). */
#include "render.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "compose.h"
#include "core/i18n.h"
#include "render_draw.h"
#include "render_party.h"
#include "core/util.h"
#include "text.h"

/* ---- palette ---- */
#define RGB(r, g, b) ((SDL_Color){r, g, b, 255})
#define HEX(r, g, b) {r, g, b, 255}
const SDL_Color C_BG = HEX(0x13, 0x18, 0x33);
const SDL_Color C_BG2 = HEX(0x0B, 0x0F, 0x24);
const SDL_Color C_CARD = HEX(0x20, 0x29, 0x50);
const SDL_Color C_PANEL = HEX(0x0C, 0x10, 0x22);
const SDL_Color C_TEXT = HEX(0xF4, 0xF6, 0xFB);
const SDL_Color C_DARK = HEX(0x11, 0x14, 0x2B);
const SDL_Color C_MUTED = HEX(0xA0, 0xAA, 0xCC);
const SDL_Color C_SKY = HEX(0x56, 0xB4, 0xE9);
const SDL_Color C_YELLOW = HEX(0xF0, 0xE4, 0x42);
const SDL_Color C_VERMILLION = HEX(0xD5, 0x5E, 0x00);
const SDL_Color C_GREEN = HEX(0x00, 0x9E, 0x73);
const SDL_Color C_ORANGE = HEX(0xE6, 0x9F, 0x00);
const SDL_Color C_TRACK = HEX(0x24, 0x2D, 0x58);
/* bluish green light enough for text on the dark panels (contrast > 4.5:1) */
const SDL_Color C_GREEN_TEXT = HEX(0x3D, 0xD6, 0xA8);
/* the four choices: fill, text colour, shape */
const SDL_Color choice_fill[4] = {HEX(0x00, 0x72, 0xB2), HEX(0xE6, 0x9F, 0x00), HEX(0x00, 0x9E, 0x73),
                                         HEX(0xCC, 0x79, 0xA7)};
const int choice_dark_text[4] = {0, 1, 0, 1};

/* the layout's unit: px() scales a size given for 1920x1080 */
static float U;

int px(float v)
{
    int r = (int)(v * U + 0.5f);
    return r < 1 ? 1 : r;
}

/* ---- right to left: a mirrored layout (layout_mirror) and the same mirror inside each box ---- */

/* 1 while a mirrored layout is drawn (an interface in a right-to-left language) */
static int RTL;

rect mir(rect outer, rect inner)
{
    if (RTL)
        inner.x = 2 * outer.x + outer.w - inner.x - inner.w;
    return inner;
}

float mirx(rect outer, float x)
{
    return RTL ? 2.0f * (float)outer.x + (float)outer.w - x : x;
}

SDL_Color alpha(SDL_Color c, float a)
{
    if (a < 0)
        a = 0;
    if (a > 1)
        a = 1;
    c.a = (Uint8)(c.a * a);
    return c;
}

SDL_Color mix(SDL_Color a, SDL_Color b, float t)
{
    SDL_Color c = {(Uint8)(a.r + (b.r - a.r) * t), (Uint8)(a.g + (b.g - a.g) * t), (Uint8)(a.b + (b.b - a.b) * t),
                   (Uint8)(a.a + (b.a - a.a) * t)};
    return c;
}

float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* ease-out cubic */
float ease(float t)
{
    t = clampf(t, 0, 1);
    float s = 1 - t;
    return 1 - s * s * s;
}

/* ---- drawing: primitives of the compositor (compose.h) ---- */

void fill_rect(rect r, SDL_Color c)
{
    compose_fill((SDL_Rect){r.x, r.y, r.w, r.h}, c);
}

void render_invalidate(void)
{
    compose_invalidate();
}

void render_quit(void)
{
    compose_quit();
}

void fill_round(rect r, int rad, SDL_Color c)
{
    compose_round((float)r.x, (float)r.y, (float)r.w, (float)r.h, (float)rad, c);
}

void outline_round(rect r, int rad, int thick, SDL_Color c, SDL_Color inner)
{
    fill_round(r, rad, c);
    fill_round(rect_inset(r, thick), rad > thick ? rad - thick : 0, inner);
}

void fill_shape(enum shape s, float cx, float cy, float size, SDL_Color c)
{
    float h = size / 2;
    switch (s) {
    case SHAPE_TRIANGLE: {
        float t[] = {cx, cy - h, cx + h * 1.1f, cy + h * 0.85f, cx - h * 1.1f, cy + h * 0.85f};
        compose_polygon(t, 3, c);
        break;
    }
    case SHAPE_DIAMOND: {
        float d = h * 1.1f;
        float t[] = {cx - d, cy, cx, cy - d, cx + d, cy, cx, cy + d};
        compose_polygon(t, 4, c);
        break;
    }
    case SHAPE_CIRCLE:
        compose_round(cx - h, cy - h, 2 * h, 2 * h, h, c);
        break;
    case SHAPE_SQUARE: {
        float q = h * 0.9f;
        float t[] = {cx - q, cy - q, cx + q, cy - q, cx + q, cy + q, cx - q, cy + q};
        compose_polygon(t, 4, c);
        break;
    }
    }
}

/* A thick line as a quad. */
static void thick_line(float x0, float y0, float x1, float y1, float w, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.01f)
        return;
    float nx = -dy / len * w / 2, ny = dx / len * w / 2;
    float xy[] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    compose_polygon(xy, 4, c);
}

void draw_check(float cx, float cy, float s, SDL_Color c)
{
    float w = s * 0.2f;
    thick_line(cx - s * 0.45f, cy, cx - s * 0.12f, cy + s * 0.33f, w, c);
    thick_line(cx - s * 0.17f, cy + s * 0.33f, cx + s * 0.48f, cy - s * 0.38f, w, c);
}

void draw_cross(float cx, float cy, float s, SDL_Color c)
{
    float w = s * 0.2f, h = s * 0.38f;
    thick_line(cx - h, cy - h, cx + h, cy + h, w, c);
    thick_line(cx - h, cy + h, cx + h, cy - h, w, c);
}

/* A clock face (timeout marker): ring and two hands. */
void draw_clock(float cx, float cy, float s, SDL_Color c, SDL_Color bg)
{
    fill_shape(SHAPE_CIRCLE, cx, cy, s, c);
    fill_shape(SHAPE_CIRCLE, cx, cy, s * 0.7f, bg);
    thick_line(cx, cy, cx, cy - s * 0.26f, s * 0.1f, c);
    thick_line(cx, cy, cx + s * 0.2f, cy, s * 0.1f, c);
}

/* ---- text ---- */

text_align al(text_align a)
{
    if (!RTL || a == ALIGN_CENTER)
        return a;
    return a == ALIGN_LEFT ? ALIGN_RIGHT : ALIGN_LEFT;
}

/* Draws one line; x is the left, centre or right edge per align; y is the top. Returns width. */
int draw_line(font_face f, int size, SDL_Color c, const char *s, int x, int y, text_align a)
{
    if (size < MIN_TEXT_PX)
        size = MIN_TEXT_PX;
    const text_tex *t = text_get(f, size, (SDL_Color){c.r, c.g, c.b, 255}, s, 0, ALIGN_LEFT);
    if (!t)
        return 0;
    if (a == ALIGN_CENTER)
        x -= t->w / 2;
    else if (a == ALIGN_RIGHT)
        x -= t->w;
    compose_text(t, x, y, c.a, NULL);
    return t->w;
}

/* Draws s wrapped and shrunk to fit box (never cut off above the floor min_px).
 * valign: 0 top, 1 middle. */
int draw_fit(font_face f, SDL_Color c, const char *s, rect box, int max_px, int min_px, text_align a,
                    int valign)
{
    if (!s || !*s || box.w < 4 || box.h < 4)
        return 0;
    /* an absolute floor too: on a small screen px() alone would go below readable */
    if (min_px < MIN_TEXT_PX)
        min_px = MIN_TEXT_PX < box.h ? MIN_TEXT_PX : box.h;
    if (max_px < min_px)
        max_px = min_px;
    int size = text_fit(f, s, box.w, box.h, max_px, min_px);
    const text_tex *t = text_get(f, size, (SDL_Color){c.r, c.g, c.b, 255}, s, box.w, a);
    if (!t)
        return 0;
    SDL_Rect d = {box.x, box.y, t->w, t->h};
    if (a == ALIGN_CENTER)
        d.x = box.x + (box.w - t->w) / 2;
    else if (a == ALIGN_RIGHT)
        d.x = box.x + box.w - t->w;
    if (valign == 1 && t->h < box.h)
        d.y = box.y + (box.h - t->h) / 2;
    if (t->h > box.h) {
        /* below the floor: clip rather than spill over other boxes */
        SDL_Rect clip = {box.x, box.y, box.w, box.h};
        compose_text(t, d.x, d.y, c.a, &clip);
    } else {
        compose_text(t, d.x, d.y, c.a, NULL);
    }
    return t->w;
}

int draw_line_in(rect outer, font_face f, int size, SDL_Color c, const char *s, int x, int y, text_align a)
{
    return draw_line(f, size, c, s, (int)mirx(outer, (float)x), y, al(a));
}

/* A card's text (question, choice, hint, explanation) in the card's direction, which its
 * question's first strong letter decides: a right-to-left card is aligned right, and its text
 * that starts with a left-to-right word (`virsh` on the host, in Arabic) gets a RIGHT-TO-LEFT
 * MARK in front, so the bidi algorithm orders it as the Arabic sentence it is. */
const char *card_text(const game *g, const char *s, char *buf, size_t n, text_align *a)
{
    if (!s || !text_rtl(g->qs[g->qi].text))
        return s;
    *a = ALIGN_RIGHT;
    if (text_rtl(s))
        return s;
    int k = snprintf(buf, n, "\xE2\x80\x8F%s", s);
    return k > 0 && (size_t)k < n ? buf : s;
}

const char *why_text(const game *g, char *buf, size_t n, text_align *a)
{
    const question *q = &g->qs[g->qi];
    const char *e = g->decks[g->deck_sel]->cards[q->card].explanation;
    *a = ALIGN_LEFT;
    if (e)
        return card_text(g, e, buf, n, a); /* the deck's, in the card's direction */
    /* a sentence of ours, in the interface's direction */
    snprintf(buf, n, _("The right answer: %s"), q->choices[q->correct]);
    *a = al(ALIGN_LEFT);
    return buf;
}

/* One line that never wraps: shrunk to fit box.w down to min_px, then cut with an ellipsis.
 * valign 1 centres it in box.h. */
void draw_fit_line(font_face f, SDL_Color c, const char *s, rect box, int max_px, int min_px, text_align a,
                          int valign)
{
    if (!s || !*s || box.w < 4)
        return;
    if (min_px < MIN_TEXT_PX)
        min_px = MIN_TEXT_PX;
    if (max_px > box.h * 85 / 100 && box.h * 85 / 100 >= min_px)
        max_px = box.h * 85 / 100;
    size_t cut;
    int size = text_fit_line(f, s, box.w, max_px, min_px, &cut);
    char buf[1024];
    const char *shown = s;
    if (cut < strlen(s)) {
        snprintf(buf, sizeof buf, "%.*s\xE2\x80\xA6", (int)(cut < 1000 ? cut : 1000), s);
        shown = buf;
    }
    int y = box.y;
    if (valign == 1)
        y = box.y + (box.h - size * 117 / 100) / 2;
    int x = a == ALIGN_CENTER ? box.x + box.w / 2 : a == ALIGN_RIGHT ? box.x + box.w : box.x;
    draw_line(f, size, c, shown, x, y, a);
}

void upper(char *dst, size_t n, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        dst[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    dst[i] = 0;
}

/* ---- shared pieces ---- */

/* The background; a right answer's reveal washes it green for a moment (behind the panels,
 * not over them: one opaque gradient instead of a translucent fill over every pixel, which
 * at 3840x2160 on the software renderer cost about 4 ms a frame) */
void background(const game *g)
{
    float fl = (float)(g->clock - g->scene_t0) / ANIM_FLASH_MS, f = 0;
    if (g->scene == SCENE_REVEAL && fl < 1 && g->picked == g->qs[g->qi].correct && !game_round_hidden(g))
        f = 0.18f * (1 - fl);
    compose_gradient(g->lay.w, g->lay.h, mix(C_BG, C_GREEN, f), mix(C_BG2, C_GREEN, f));
}

int count_up(const game *g, int from, int to)
{
    float t = (float)(g->now - g->score_t0) / ANIM_SCORE_MS;
    if (t >= 1)
        return to;
    return from + (int)((to - from) * ease(t));
}

static int shown_score(const game *g)
{
    return count_up(g, g->score_from, g->score);
}

void fmt_score(char *buf, size_t n, int v)
{
    /* groups of three, as the language writes them: 12,480 / 12.480 / 12 480 */
    i18n_number(buf, n, v);
}

static void topbar(const game *g)
{
    const layout *l = &g->lay;
    const deck *d = g->decks[g->deck_sel];
    char buf[96];
    int size = px(34);
    int ty = l->topbar.y + (l->topbar.h - size * 1.2f) / 2;
    upper(buf, sizeof buf, d->title);
    rect title_box = {l->topbar.x, ty, l->portrait ? l->topbar.w / 2 - px(20) : l->topbar.w / 3, size * 2};
    draw_fit(FACE_BOLD, C_MUTED, buf, mir(l->topbar, title_box), size, px(20), al(ALIGN_LEFT), 0);
    snprintf(buf, sizeof buf, "%d / %d", g->qi + 1, g->nq);
    int cx = l->portrait ? l->topbar.x + l->topbar.w * 5 / 8 - px(40) : l->topbar.x + l->topbar.w / 2;
    draw_line_in(l->topbar, FACE_BOLD, size, C_TEXT, buf, cx, ty, ALIGN_CENTER);
    fmt_score(buf, sizeof buf, shown_score(g));
    draw_line_in(l->score, FACE_BOLD, px(44), C_TEXT, buf, l->score.x + l->score.w,
                 l->score.y + (l->score.h - px(44) * 1.2f) / 2, ALIGN_RIGHT);
    /* streak pill: shown from a streak of 2; pulses at a milestone */
    if (g->streak >= 2) {
        int m10 = score_multiplier10(&g->opts.rules, g->streak);
        char mult[32];
        i18n_tenths(mult, sizeof mult, m10);
        /* TRANSLATORS: the streak pill: the multiplier (1.5), the streak (3) */
        snprintf(buf, sizeof buf, _("x%s \xC2\xB7 streak %d"), mult, g->streak);
        float pulse = 0;
        if (g->banner[0] && g->now - g->banner_t0 < 600)
            pulse = sinf((float)(g->now - g->banner_t0) / 600.0f * (float)M_PI) * 0.12f;
        int tw, th;
        text_measure(FACE_BOLD, px(30), buf, 0, &tw, &th);
        rect p = l->pill;
        int pw = tw + px(40);
        rect pr = mir(p, (rect){p.x + p.w - pw, p.y, pw, p.h});
        pr.x -= (int)(pr.w * pulse / 2);
        pr.y -= (int)(pr.h * pulse / 2);
        pr.w += (int)(pr.w * pulse);
        pr.h += (int)(pr.h * pulse);
        fill_round(pr, pr.h / 2, m10 >= 20 ? C_YELLOW : C_ORANGE);
        draw_line(FACE_BOLD, px(30), C_DARK, buf, pr.x + pr.w / 2, pr.y + (pr.h - th) / 2, ALIGN_CENTER);
    }
}

void key_label(const game *g, int i, char *buf, size_t n)
{
    static const char *const pad[4] = {"A", "B", "X", "Y"};
    if (g->last_dev == DEV_PAD)
        snprintf(buf, n, "%s", pad[i]);
    else
        snprintf(buf, n, "%d", i + 1);
}

/* One choice button. state: 0 normal, 1 right (reveal), 2 wrong pick (reveal). */
void draw_choice(const game *g, int i, rect r, const char *text, int state, float a, const char *badge)
{
    draw_choice_room(g, i, r, text, state, a, badge, 0);
}

void draw_choice_room(const game *g, int i, rect r, const char *text, int state, float a, const char *badge,
                      int room)
{
    SDL_Color fill = state == 1 ? C_GREEN : state == 2 ? C_VERMILLION : choice_fill[i];
    int dark = state ? 0 : choice_dark_text[i];
    SDL_Color tc = dark ? C_DARK : C_TEXT;
    int rad = px(22);
    fill_round((rect){r.x, r.y + px(6), r.w, r.h}, rad, alpha(RGB(0, 0, 0), 0.35f * a));
    fill_round(r, rad, alpha(fill, a));
    if (g->scene == SCENE_QUESTION && g->cursor_shown && g->cursor == i && !state) {
        /* the keyboard's cursor: a thick white ring with a dark edge inside it, plain on every
         * button colour and from across the room */
        outline_round(rect_inset(r, -px(12)), rad + px(12), px(10), alpha(C_TEXT, a), alpha(C_DARK, a));
        outline_round(rect_inset(r, -px(2)), rad + px(2), px(2), alpha(C_DARK, a), alpha(fill, a));
    }
    int icon = r.h < px(120) ? r.h / 2 : px(64);
    if (icon > px(64))
        icon = px(64);
    /* laid out as in English, then mirrored inside the button: the shape, the key and the text
     * run from the right in a right-to-left interface */
    int x = r.x + px(28);
    float cy = r.y + r.h / 2.0f;
    float icx = mirx(r, x + icon / 2.0f);
    if (state == 1)
        draw_check(icx, cy, icon, alpha(C_TEXT, a));
    else if (state == 2)
        draw_cross(icx, cy, icon, alpha(C_TEXT, a));
    else
        fill_shape((enum shape)i, icx, cy, icon * 0.8f, alpha(C_TEXT, a));
    x += icon + px(20);
    /* key label in a white rounded square, coloured like the button */
    int ks = icon;
    rect kr = mir(r, (rect){x, (int)(cy - ks / 2.0f), ks, ks});
    fill_round(kr, px(10), alpha(C_TEXT, a));
    char kl[16];
    key_label(g, i, kl, sizeof kl);
    int ksz = ks * 62 / 100;
    draw_line(FACE_BOLD, ksz, alpha(fill, a), kl, kr.x + ks / 2, kr.y + (ks - ksz * 117 / 100) / 2, ALIGN_CENTER);
    x += ks + px(24);
    int top_pad = badge ? px(44) : px(14);
    rect tb = mir(r, (rect){x, r.y + top_pad, r.x + r.w - px(22) - room - x, r.h - top_pad - px(14)});
    char dir[1024];
    text_align ta = ALIGN_LEFT;
    text = card_text(g, text, dir, sizeof dir, &ta);
    draw_fit(FACE_BOLD, alpha(tc, a), text, tb, px(40), px(18), ta, 1);
    if (badge)
        draw_line_in(r, FACE_BOLD, px(28), alpha(tc, a), badge, r.x + r.w - px(20), r.y + px(10), ALIGN_RIGHT);
}

void question_card(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    const card *c = &g->decks[g->deck_sel]->cards[q->card];
    float t = ease((float)(g->clock - g->scene_t0) / ANIM_SLIDE_MS);
    rect r = l->card;
    fill_round(r, px(26), C_CARD);
    char meta[160];
    char lv[16];
    static const char *const levels[LEVEL_COUNT] = {N_("EASY"), N_("MEDIUM"), N_("HARD")};
    upper(lv, sizeof lv, _(levels[c->level < LEVEL_COUNT ? c->level : LEVEL_MEDIUM]));
    int k = snprintf(meta, sizeof meta, "%s", lv);
    for (int i = 0; i < c->ntags && k < (int)sizeof meta - 8; i++)
        k += snprintf(meta + k, sizeof meta - (size_t)k, "  \xC2\xB7  %s", c->tags[i]);
    rect mb = {r.x + px(40), r.y + px(28), r.w - px(80), px(34)};
    draw_fit(FACE_REGULAR, alpha(C_SKY, t), meta, mb, px(26), px(16), al(ALIGN_LEFT), 0);
    rect qb = {r.x + px(40), r.y + px(76), r.w - px(80), r.h - px(76) - px(26)};
    if (c->hint) {
        /* the card's hint: its room is kept from the start (the question never reflows); it
         * shows from half the countdown on (game_hint_shown) and on the reveal. A pill says
         * HINT, the text wraps beside it. */
        int hh = qb.h * 42 / 100;
        qb.h -= hh + px(8);
        rect hb = {qb.x, qb.y + qb.h + px(8), qb.w, hh};
        int shown = game_hint_shown(g) || g->scene == SCENE_REVEAL;
        const char *label = shown ? _("HINT") : _("HINT AT HALF TIME");
        int ph = hh < px(40) ? hh : px(40), lw, lh;
        int lsz = ph * 6 / 10 > MIN_TEXT_PX ? ph * 6 / 10 : MIN_TEXT_PX;
        if (ph < lsz + 4)
            ph = lsz + 4;
        text_measure(FACE_BOLD, lsz, label, 0, &lw, &lh);
        rect pill = {hb.x, hb.y, lw + ph, ph};
        if (pill.w > hb.w)
            pill.w = hb.w;
        rect pill_ltr = pill;
        pill = mir(hb, pill);
        fill_round(pill, ph / 2, alpha(shown ? C_ORANGE : C_TRACK, t));
        draw_fit_line(FACE_BOLD, alpha(shown ? C_DARK : C_MUTED, t), label, pill, lsz, lsz, ALIGN_CENTER, 1);
        if (shown) {
            rect tb = mir(hb, (rect){pill_ltr.x + pill_ltr.w + px(14), hb.y, hb.w - pill_ltr.w - px(14), hb.h});
            char dir[1024];
            text_align ha = ALIGN_LEFT;
            const char *hint = card_text(g, c->hint, dir, sizeof dir, &ha);
            draw_fit(FACE_REGULAR, alpha(C_TEXT, t), hint, tb, px(34), px(14), ha, 0);
        }
    }
    text_align qa = ALIGN_LEFT;
    char qdir[8];
    const char *qt = card_text(g, q->text, qdir, sizeof qdir, &qa);
    draw_fit(FACE_BOLD, alpha(C_TEXT, t), qt, qb, px(58), px(24), qa, 0);
}

void timer_bar(const game *g, float frac, int secs, int urgent)
{
    const layout *l = &g->lay;
    rect tr = l->timer;
    int label_w = px(80);
    rect track = {tr.x, tr.y, tr.w, tr.h};
    fill_round(track, tr.h / 2, C_TRACK);
    rect fill = track;
    fill.w = (int)((track.w - label_w) * clampf(frac, 0, 1));
    rect fill_ltr = fill;
    fill = mir(track, fill); /* from the right in a right-to-left interface */
    if (fill.w > 0)
        fill_round(fill, tr.h / 2, urgent ? C_VERMILLION : C_SKY);
    if (secs >= 0) {
        char buf[16];
        /* TRANSLATORS: seconds left on the countdown */
        snprintf(buf, sizeof buf, _("%d s"), secs);
        int sz = px(30);
        draw_line_in(track, FACE_BOLD, sz, urgent ? RGB(0xFF, 0x9A, 0x5C) : C_TEXT, buf, fill_ltr.x + fill_ltr.w + px(12),
                     tr.y + tr.h / 2 - sz * 6 / 10, ALIGN_LEFT);
    }
}

/* ---- scenes ---- */

int question_head(const game *g)
{
    question_card(g);
    game_countdown v;
    game_countdown_fill(g, &v);
    timer_bar(g, v.timer_frac, v.secs_left, v.urgent);
    return v.secs_left >= 0; /* before: the question alone; the bar fills up to announce the choices */
}

void question_choices(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    uint32_t el = g->clock - g->choices_t0; /* the choices' slide-in, one after another */
    for (int i = 0; i < q->nchoices; i++) {
        float t = ease((float)(el - (uint32_t)(i * 40 < (int)el ? i * 40 : (int)el)) / ANIM_SLIDE_MS);
        rect r = l->choice[i];
        r.y += (int)((1 - t) * px(60));
        draw_choice(g, i, r, q->choices[i], 0, t, NULL);
    }
}

static void scene_question(const game *g)
{
    topbar(g);
    if (question_head(g))
        question_choices(g);
}

/* The line that says what the next press does, on every screen that waits for one. While the
 * screen's lock-out runs (a reveal's reading time) the words are dim and a bar under them fills;
 * when the screen goes on by itself (a kiosk), how soon is said after them. */
void hint_line(const game *g, rect r, const char *keys, const char *pad)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%s", g->last_dev == DEV_PAD ? _(pad) : _(keys));
    uint32_t left = game_auto_in(g);
    if (left != UINT32_MAX) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, _("  \xC2\xB7  on by itself in %u s"), (unsigned)((left + 999) / 1000));
    }
    int locked = game_locked(g);
    int tw = draw_fit(FACE_REGULAR, locked ? alpha(C_MUTED, 0.45f) : C_MUTED, buf, r, px(26), px(14), al(ALIGN_RIGHT), 1);
    if (locked && g->lock_ms) {
        /* the reading time, filling up under the words it holds back */
        if (tw <= 0 || tw > r.w)
            tw = r.w;
        float f = (float)(g->clock - g->scene_t0) / (float)g->lock_ms;
        int bh = px(6) > 3 ? px(6) : 3;
        rect track = mir(r, (rect){r.x + r.w - tw, r.y + r.h - bh, tw, bh});
        fill_round(track, bh / 2, C_TRACK);
        rect done = track;
        done.w = (int)(track.w * clampf(f, 0, 1));
        done = mir(track, done);
        if (done.w > bh)
            fill_round(done, bh / 2, C_SKY);
    }
}

static void scene_reveal(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    topbar(g);
    question_card(g);
    float t = ease((float)(g->clock - g->scene_t0) / ANIM_SLIDE_MS);
    game_countdown v;
    game_countdown_fill(g, &v);
    timer_bar(g, v.timer_frac, -1, 0);
    char badge[32];
    char pts[24];
    fmt_score(pts, sizeof pts, g->points[g->qi]);
    snprintf(badge, sizeof badge, "+%s", pts);
    /* the right choice (and a wrong pick) move to the first row; the panel takes the rest */
    int slot = 0;
    int order[2] = {q->correct, g->picked >= 0 && g->picked != q->correct ? g->picked : -1};
    if (order[1] >= 0 && order[1] < q->correct) {
        order[0] = g->picked;
        order[1] = q->correct;
    }
    for (int k = 0; k < 2; k++) {
        int i = order[k];
        if (i < 0)
            continue;
        rect from = l->choice[i], to = l->reveal_choice[slot++];
        if (order[1] < 0 && !l->portrait) {
            /* alone: a wider button across the row */
            rect o = l->reveal_choice[1];
            int x0 = to.x < o.x ? to.x : o.x, x1 = to.x + to.w > o.x + o.w ? to.x + to.w : o.x + o.w;
            to.x = x0;
            to.w = x1 - x0;
        }
        rect r = {from.x + (int)((to.x - from.x) * t), from.y + (int)((to.y - from.y) * t),
                  from.w + (int)((to.w - from.w) * t), from.h + (int)((to.h - from.h) * t)};
        int right = i == q->correct;
        if (!right) {
            /* a wrong answer shakes once */
            float s = (float)(g->clock - g->scene_t0) / 400.0f;
            if (s < 1)
                r.x += (int)(sinf(s * 6 * (float)M_PI) * (1 - s) * px(14));
        }
        /* while it moves, its text keeps the layout of the narrower of the two sizes (laid out
         * and rasterized once, not once a frame); at rest, its own */
        int room = t < 1 ? r.w - (from.w < to.w ? from.w : to.w) : 0;
        draw_choice_room(g, i, r, q->choices[i], right ? 1 : 2, 1,
                         right ? (g->picked == i ? badge : _("right answer")) : _("your pick"), room > 0 ? room : 0);
    }
    /* the explanation panel */
    rect p = l->why;
    p.y += (int)((1 - t) * px(40));
    outline_round(p, px(18), px(3), C_TRACK, C_PANEL);
    int pad = px(32);
    const char *head = g->picked < 0                ? _("TIME'S UP  \xC2\xB7  WHY")
                       : g->picked == q->correct ? _("RIGHT!  \xC2\xB7  WHY")
                                                 : _("NOT QUITE  \xC2\xB7  WHY");
    draw_line_in(p, FACE_BOLD, px(30), g->picked == q->correct ? C_YELLOW : RGB(0xFF, 0x9A, 0x5C), head, p.x + pad,
                 p.y + px(20), ALIGN_LEFT);
    rect wb = {p.x + pad, p.y + px(66), p.w - 2 * pad, p.h - px(66) - px(56)};
    char buf[1024];
    text_align wa;
    const char *why = why_text(g, buf, sizeof buf, &wa);
    draw_fit(FACE_REGULAR, C_TEXT, why, wb, px(32), px(16), wa, 0);
    int last = g->qi + 1 >= g->nq;
    rect hb = {p.x + pad, p.y + p.h - px(50), p.w - 2 * pad, px(40)};
    if (g->mode != MODE_DEMO)
        hint_line(g, hb, last ? N_("Enter / tap: see results") : N_("Enter / tap: next question"),
                  last ? N_("A: see results") : N_("A: next question"));
}

/* Width of a table column: its widest value or its header, whichever is wider. */
static int col_width(font_face f, int size, const char *widest, int hsize, const char *header)
{
    int w = 0, h = 0, hw = 0;
    text_measure(f, size, widest, 0, &w, &h);
    if (*header)
        text_measure(FACE_BOLD, hsize, header, 0, &hw, &h);
    return w > hw ? w : hw;
}

/* The months' short names, translated where they are shown. */
static const char *const mon[12] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};

/* Short local date of a score: "14:05" on today's board, "1 Dec" (this year) or "1 Dec 2025". */
static void fmt_when(char *buf, size_t n, int64_t when, int64_t now, score_board which)
{
    time_t t = (time_t)when, tn = (time_t)now;
    struct tm a, b;
    if (!localtime_r(&t, &a) || !localtime_r(&tn, &b)) {
        snprintf(buf, n, "?");
        return;
    }
    if (which == BOARD_TODAY)
        snprintf(buf, n, "%02d:%02d", a.tm_hour, a.tm_min);
    else if (a.tm_year == b.tm_year) /* TRANSLATORS: a day of this year: the day, the month */
        snprintf(buf, n, _("%d %s"), a.tm_mday, _(mon[a.tm_mon]));
    else /* TRANSLATORS: a date: the day, the month, the year */
        snprintf(buf, n, _("%d %s %d"), a.tm_mday, _(mon[a.tm_mon]), a.tm_year + 1900);
}

/* The widest date of a board's column, in the language's words (sizes the column): today's
 * board shows times, the all-time board a date with the month of the longest name. */
static void widest_when(char *buf, size_t n, score_board which)
{
    if (which == BOARD_TODAY) {
        snprintf(buf, n, "00:00");
        return;
    }
    const char *longest = _(mon[0]);
    for (int i = 1; i < 12; i++)
        if (utf8_count(_(mon[i])) > utf8_count(longest))
            longest = _(mon[i]);
    snprintf(buf, n, _("%d %s %d"), 30, longest, 2025);
}

/* The top of a smaller text (size ssz) centred on a line of size sz at ty. */
static int sty_of(int ty, int sz, int ssz)
{
    return ty + (sz - ssz) / 2;
}

/* A board of the high-score table: rank, name, score, then as width allows right/total,
 * best streak and the date. highlight marks this round's entry. */
static void draw_board(const game *g, const scores *table, rect r, score_board which, const char *title,
                       int highlight, int rows)
{
    fill_round(r, px(20), C_CARD);
    int pad = px(24);
    int y = r.y + pad;
    /* with a fleet, whose boards these are: every kiosk's, or (offline) this one's own */
    const char *tag = NULL;
    if (g->fleet_on && table != g->table)
        tag = _("ALL KIOSKS");
    else if (game_fleet_offline(g) && !highlight)
        tag = _("OFFLINE \xC2\xB7 THIS KIOSK");
    int tag_w = 0;
    if (tag) {
        int th = px(40), tw, tth;
        text_measure(FACE_BOLD, px(24), tag, 0, &tw, &tth);
        tag_w = tw + px(32) < r.w - 2 * pad ? tw + px(32) : r.w - 2 * pad;
        rect pill = {r.x + r.w - pad - tag_w, r.y + px(14), tag_w, th};
        int offline = table == g->table;
        fill_round(pill, th / 2, offline ? C_VERMILLION : C_SKY);
        draw_fit_line(FACE_BOLD, offline ? C_TEXT : C_DARK, tag, rect_inset(pill, px(6)), px(24), MIN_TEXT_PX,
                      ALIGN_CENTER, 1);
        tag_w += px(16);
        y = r.y + px(70);
    }
    if (title && *title) {
        /* fitted: a long deck title shrinks, then ends in an ellipsis, never past the board */
        draw_fit_line(FACE_BOLD, C_SKY, title, mir(r, (rect){r.x + pad, r.y + px(14), r.w - 2 * pad - tag_w, px(42)}),
                      px(30), px(14), al(ALIGN_LEFT), 1);
        y = r.y + px(70);
    }
    char key[SCORES_DECK_BYTES];
    if (table == g->table)
        game_deck_key(g->decks[g->deck_sel], key, sizeof key);
    else /* the fleet knows a deck by its title */
        game_fleet_deck(g->decks[g->deck_sel], key, sizeof key);
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = scores_top(table, key, which, g->wall, top, rows);
    int avail = r.y + r.h - pad - y;
    int rh = rows ? avail * 10 / (rows * 10 + 6) : avail; /* the header takes about 0.6 row */
    if (rh > px(64))
        rh = px(64);
    int sz = rh * 56 / 100;
    if (n == 0) {
        rect e = {r.x + pad, y, r.w - 2 * pad, r.y + r.h - pad - y};
        draw_fit(FACE_BOLD, C_MUTED, which == BOARD_TODAY ? _("No scores today: be the first!") : _("No scores yet: be the first!"),
                 e, px(40), px(14), ALIGN_CENTER, 1);
        return;
    }
    /* columns from the right edge, each as wide as its widest value or its header, dropped
     * (date first) when the board is narrow; the name takes the rest */
    int inner = r.w - 2 * pad;
    int hsz = sz * 55 / 100 > MIN_TEXT_PX ? sz * 55 / 100 : MIN_TEXT_PX;
    int ssz = sz * 8 / 10 > MIN_TEXT_PX ? sz * 8 / 10 : MIN_TEXT_PX;
    int gap = sz / 2;
    int w_rank = col_width(FACE_BOLD, sz, "10", hsz, "") + gap;
    const char *h_name = _("NAME"), *h_score = _("SCORE"), *h_right = _("RIGHT"), *h_streak = _("STREAK"),
               *h_date = which == BOARD_TODAY ? _("TIME") : _("DATE");
    char widest_score[32], widest_date[64];
    fmt_score(widest_score, sizeof widest_score, 888888);
    widest_when(widest_date, sizeof widest_date, which);
    int w_score = col_width(FACE_BOLD, sz, widest_score, hsz, h_score) + gap;
    int w_right = col_width(FACE_REGULAR, ssz, "10/10", hsz, h_right) + gap;
    int w_streak = col_width(FACE_REGULAR, ssz, "10", hsz, h_streak) + gap;
    int w_date = col_width(FACE_REGULAR, ssz, widest_date, hsz, h_date) + gap;
    int w_name = sz * 5;
    int show_date = inner >= w_rank + w_name + w_score + w_right + w_streak + w_date;
    int show_streak = inner >= w_rank + w_name + w_score + w_right + w_streak;
    int show_right = inner >= w_rank + w_name + w_score + w_right;
    int x_right_edge = r.x + r.w - pad;
    int x_date = x_right_edge;
    int x_streak = show_date ? x_date - w_date : x_right_edge;
    int x_right = show_streak ? x_streak - w_streak : x_streak;
    int x_score = show_right ? x_right - w_right : x_right;
    int x_name = r.x + pad + w_rank;
    /* a fleet's board names the kiosk of each entry: a column taking 40 % of the name's room
     * (a local board's entries name none: the table is this screen's own) */
    int has_kiosk = 0;
    for (int i = 0; i < n; i++)
        has_kiosk |= top[i]->kiosk[0] != 0;
    int w_names = x_score - w_score - x_name;
    int w_kiosk = has_kiosk ? w_names * 40 / 100 : 0;
    int x_kiosk = x_name + w_names - w_kiosk + gap / 2;
    /* a header names the columns */
    draw_line_in(r, FACE_BOLD, hsz, C_MUTED, h_name, x_name, y, ALIGN_LEFT);
    if (has_kiosk)
        draw_line_in(r, FACE_BOLD, hsz, C_MUTED, _("KIOSK"), x_kiosk, y, ALIGN_LEFT);
    draw_line_in(r, FACE_BOLD, hsz, C_MUTED, h_score, x_score, y, ALIGN_RIGHT);
    if (show_right)
        draw_line_in(r, FACE_BOLD, hsz, C_MUTED, h_right, x_right, y, ALIGN_RIGHT);
    if (show_streak)
        draw_line_in(r, FACE_BOLD, hsz, C_MUTED, h_streak, x_streak, y, ALIGN_RIGHT);
    if (show_date)
        draw_line_in(r, FACE_BOLD, hsz, C_MUTED, h_date, x_date, y, ALIGN_RIGHT);
    y += hsz * 16 / 10;
    for (int i = 0; i < n; i++) {
        const score_entry *e = top[i];
        int hl = highlight && e->when == g->entry.when && e->score == g->entry.score &&
                 strcmp(e->name, g->entry.name) == 0;
        if (hl)
            fill_round((rect){r.x + pad / 2, y - rh / 12, r.w - pad, rh}, px(10), C_ORANGE);
        SDL_Color tc = hl ? C_DARK : C_TEXT, mc = hl ? C_DARK : C_MUTED;
        char buf[64];
        int ty = y + (rh - sz * 117 / 100) / 2 - rh / 12;
        snprintf(buf, sizeof buf, "%d", i + 1);
        draw_line_in(r, FACE_BOLD, sz, i == 0 && !hl ? C_YELLOW : mc, buf, x_name - sz * 6 / 10, ty, ALIGN_RIGHT);
        rect nb = mir(r, (rect){x_name, ty, w_names - w_kiosk, sz * 117 / 100});
        draw_fit_line(FACE_BOLD, tc, e->name, nb, sz, sz * 6 / 10, al(ALIGN_LEFT), 1);
        if (has_kiosk) {
            rect kb = mir(r, (rect){x_kiosk, sty_of(ty, sz, ssz), w_kiosk - gap / 2, ssz * 117 / 100});
            draw_fit_line(FACE_REGULAR, mc, e->kiosk, kb, ssz, ssz * 7 / 10, al(ALIGN_LEFT), 1);
        }
        fmt_score(buf, sizeof buf, e->score);
        draw_line_in(r, FACE_BOLD, sz, tc, buf, x_score, ty, ALIGN_RIGHT);
        int sty = sty_of(ty, sz, ssz);
        if (show_right) {
            snprintf(buf, sizeof buf, "%d/%d", e->right, e->total);
            draw_line_in(r, FACE_REGULAR, ssz, mc, buf, x_right, sty, ALIGN_RIGHT);
        }
        if (show_streak) {
            snprintf(buf, sizeof buf, "%d", e->best_streak);
            draw_line_in(r, FACE_REGULAR, ssz, mc, buf, x_streak, sty, ALIGN_RIGHT);
        }
        if (show_date) {
            fmt_when(buf, sizeof buf, e->when, g->wall, which);
            draw_line_in(r, FACE_REGULAR, ssz, mc, buf, x_date, sty, ALIGN_RIGHT);
        }
        y += rh;
    }
    /* the empty places of a full board, so a player sees there is room to climb in */
    if (highlight) {
        for (int i = n; i < rows; i++) {
            char buf[16];
            int ty = y + (rh - sz * 117 / 100) / 2 - rh / 12;
            snprintf(buf, sizeof buf, "%d", i + 1);
            draw_line_in(r, FACE_BOLD, sz, alpha(C_MUTED, 0.45f), buf, x_name - sz * 6 / 10, ty, ALIGN_RIGHT);
            draw_line_in(r, FACE_BOLD, sz, alpha(C_MUTED, 0.45f), "\xE2\x80\x94", x_name, ty, ALIGN_LEFT);
            y += rh;
        }
    }
}

static void logo(const game *g)
{
    const layout *l = &g->lay;
    static const char *const letters[] = {"Q", "U", "I", "Z", "B", "L", "I", "T", "Z"};
    int size = l->logo.h * 62 / 100;
    int maxw = l->logo.w * 85 / 100;
    int tw, th;
    text_measure(FACE_BOLD, size, "QUIZBLITZ", 0, &tw, &th);
    if (tw > maxw) {
        size = size * maxw / tw;
        text_measure(FACE_BOLD, size, "QUIZBLITZ", 0, &tw, &th);
    }
    int x = l->logo.x + (l->logo.w - tw) / 2;
    int y = l->logo.y + px(6);
    for (int i = 0; i < 9; i++) {
        /* letters bob gently in a wave on the title */
        SDL_Color c = i < 4 ? C_TEXT : choice_fill[(i - 4) % 4];
        if (i == 8)
            c = C_YELLOW;
        int w = draw_line(FACE_BOLD, size, c, letters[i], x, y, ALIGN_LEFT);
        x += w;
    }
    int ss = size / 3;
    int sy = y + th + px(4);
    rect sub = {l->logo.x, sy, l->logo.w, l->logo.y + l->logo.h - sy};
    (void)ss;
    draw_fit(FACE_REGULAR, C_MUTED, _("answer fast \xC2\xB7 build streaks \xC2\xB7 learn why"), sub, px(32), px(16), ALIGN_CENTER, 0);
}

/* Attract mode's call to play; with party mode on, how a party joins after it (in buf). */
static const char *call_to_play(const game *g, char *buf, size_t n)
{
    const char *call = _("tap or press any key to start");
    if (!g->opts.party)
        return call;
    snprintf(buf, n, "%s \xC2\xB7 %s", call, _(RENDER_PARTY_ATTRACT));
    return buf;
}

/* 0..1, slowly: the breathing of attract mode's call to play. */
static float attract_pulse(const game *g)
{
    return 0.5f + 0.5f * sinf((float)g->now / 400.0f);
}

static void scene_title(const game *g)
{
    const layout *l = &g->lay;
    logo(g);
    char buf[160];
    int shown = game_decks_shown(g);
    for (int s = 0; s < shown; s++) {
        /* slot s shows deck deck_first + s: the list scrolls to keep the pick in view */
        int i = g->deck_first + s;
        const deck *d = g->decks[i];
        rect r = l->deck_item[s];
        int sel = i == g->deck_sel;
        if (sel)
            outline_round(r, px(16), px(5), C_YELLOW, C_CARD);
        else
            fill_round(r, px(16), alpha(C_CARD, 0.6f));
        int sh = r.h * 40 / 100;
        fill_shape((enum shape)(i % 4), mirx(r, r.x + px(40)), r.y + r.h / 2.0f, sh, choice_fill[i % 4]);
        /* the deck's best score on the right, its title and size on the left */
        char key[SCORES_DECK_BYTES];
        game_board_deck(g, d, key, sizeof key);
        const score_entry *best[1];
        int right_w = 0;
        if (scores_top(game_boards(g), key, BOARD_ALLTIME, g->wall, best, 1) == 1) {
            char sc[32];
            fmt_score(sc, sizeof sc, best[0]->score);
            /* TRANSLATORS: a deck's best score on the title screen */
            snprintf(buf, sizeof buf, _("best %s"), sc);
            right_w = r.w * 30 / 100;
            rect bb = mir(r, (rect){r.x + r.w - right_w - px(20), r.y + px(8), right_w, r.h - px(16)});
            draw_fit(FACE_BOLD, C_YELLOW, buf, bb, r.h * 30 / 100, px(12), al(ALIGN_RIGHT), 1);
        }
        int tx = r.x + px(80), tw = r.x + r.w - px(20) - (right_w ? right_w + px(16) : 0) - tx;
        rect tb = mir(r, (rect){tx, r.y + r.h * 10 / 100, tw, r.h * 48 / 100});
        draw_fit_line(FACE_BOLD, C_TEXT, d->title, tb, r.h * 40 / 100, px(16), al(ALIGN_LEFT), 1);
        char cards[64];
        snprintf(cards, sizeof cards, ngettext("%d card", "%d cards", (unsigned long)d->ncards), d->ncards);
        /* TRANSLATORS: a deck's size: "12 cards", then how many of each level */
        snprintf(buf, sizeof buf, _("%s \xC2\xB7 %d easy \xC2\xB7 %d medium \xC2\xB7 %d hard"), cards,
                 d->count[LEVEL_EASY], d->count[LEVEL_MEDIUM], d->count[LEVEL_HARD]);
        rect cb = mir(r, (rect){tx, r.y + r.h * 58 / 100, tw, r.h * 32 / 100});
        int mw, mh;
        text_measure(FACE_REGULAR, MIN_TEXT_PX, buf, 0, &mw, &mh);
        if (mw > tw) /* no room for the levels: the count alone */
            snprintf(buf, sizeof buf, "%s", cards);
        draw_fit_line(FACE_REGULAR, C_MUTED, buf, cb, r.h * 24 / 100, px(12), al(ALIGN_LEFT), 1);
    }
    /* more decks than slots: a pill on the list's top and bottom edges says how many more */
    int above = g->deck_first, below = g->ndecks - g->deck_first - shown;
    for (int k = 0; k < 2; k++) {
        int more = k == 0 ? above : below;
        if (more <= 0)
            continue;
        rect r = l->deck_item[k == 0 ? 0 : shown - 1];
        /* TRANSLATORS: more decks above or below the list: an arrow, how many */
        snprintf(buf, sizeof buf, ngettext("%s %d more", "%s %d more", (unsigned long)more),
                 k == 0 ? "\xE2\x96\xB2" : "\xE2\x96\xBC", more);
        int ph = px(34), pw = r.w * 30 / 100;
        rect pill = mir(r, (rect){r.x + r.w - pw - px(24), (k == 0 ? r.y : r.y + r.h) - ph / 2, pw, ph});
        fill_round(pill, ph / 2, C_SKY);
        draw_fit_line(FACE_BOLD, C_BG, buf, rect_inset(pill, px(4)), px(24), px(12), ALIGN_CENTER, 1);
    }
    /* how to play, in the room the deck list leaves: one line per rule, each with a shape */
    int n = shown;
    int top = l->deck_item[n - 1].y + l->deck_item[n - 1].h + px(14);
    rect how = {l->start.x, top, l->start.w, l->start.y - px(24) - top};
    if (how.h > px(150)) {
        fill_round(how, px(18), alpha(C_CARD, 0.6f));
        draw_line_in(how, FACE_BOLD, px(28), C_SKY, _("HOW TO PLAY"), how.x + px(24), how.y + px(18), ALIGN_LEFT);
        game_howto v;
        game_howto_fill(g, &v); /* the rules in force, in words */
        int y0 = how.y + px(64), avail = how.y + how.h - px(14) - y0;
        int rh = avail / 4;
        if (rh > px(90))
            rh = px(90);
        for (int i = 0; i < 4; i++) {
            int y = y0 + i * rh;
            int icon = rh * 45 / 100 < px(40) ? rh * 45 / 100 : px(40);
            fill_shape((enum shape)i, mirx(how, how.x + px(24) + icon / 2.0f), y + rh / 2.0f, icon, choice_fill[i]);
            rect tb = mir(how, (rect){how.x + px(36) + icon, y, how.w - px(60) - icon, rh});
            draw_fit(FACE_REGULAR, C_TEXT, v.line[i], tb, px(30), px(13), al(ALIGN_LEFT), 1);
        }
    }
    /* start button (in attract mode it is the call to play, pulsing) */
    rect s = l->start;
    const char *start = g->last_dev == DEV_PAD ? _("START  \xC2\xB7  press A") : _("START  \xC2\xB7  Enter or tap");
    char call[256];
    if (game_attract(g)) {
        fill_round(s, px(24), alpha(C_GREEN, 0.75f + 0.25f * attract_pulse(g)));
        start = call_to_play(g, call, sizeof call);
    } else {
        fill_round(s, px(24), C_GREEN);
    }
    if (!render_party_start(g, s, start))
        draw_fit(FACE_BOLD, C_TEXT, start, rect_inset(s, px(16)), px(48), px(18), ALIGN_CENTER, 1);
    /* best scores of the selected deck */
    rect b = l->board;
    int half = (b.h - px(16)) / 2;
    /* the boards say whose they are: the picked deck's */
    char today[160], alltime[160];
    snprintf(today, sizeof today, "%s \xC2\xB7 %s", _("TODAY'S BEST"), g->decks[g->deck_sel]->title);
    snprintf(alltime, sizeof alltime, "%s \xC2\xB7 %s", _("ALL-TIME BEST"), g->decks[g->deck_sel]->title);
    draw_board(g, game_boards(g), (rect){b.x, b.y, b.w, half}, BOARD_TODAY, today, 0, 5);
    draw_board(g, game_boards(g), (rect){b.x, b.y + half + px(16), b.w, b.h - half - px(16)}, BOARD_ALLTIME, alltime, 0,
               5);
    /* the keys that work here: a kiosk has no Esc menu to quit from and no F11 */
    const char *keys = g->opts.kiosk
                           ? _("\xE2\x86\x91\xE2\x86\x93 pick a deck \xC2\xB7 1-4 or A-D answer \xC2\xB7 M music \xC2\xB7 S sound")
                           : _("\xE2\x86\x91\xE2\x86\x93 pick a deck \xC2\xB7 1-4 or A-D answer \xC2\xB7 Esc pause \xC2\xB7 M music \xC2\xB7 S sound \xC2\xB7 F11 fullscreen");
    const char *join = render_party_join_hint(g);
    char line[640];
    snprintf(line, sizeof line, "%s%s%s",
             g->last_dev == DEV_PAD ? _("D-pad: pick a deck \xC2\xB7 A/B/X/Y answer \xC2\xB7 Start: pause") : keys,
             join ? " \xC2\xB7 " : "", join ? join : "");
    draw_fit(FACE_REGULAR, C_MUTED, line, l->howto, px(26), px(12), ALIGN_CENTER, 1);
}

/* The round's stats: right answers, best streak, average answer time (timeouts not counted). */
static void results_stats(const game *g, char *right, char *streak, char *avg, size_t n)
{
    uint32_t total = 0;
    int answered = 0;
    for (int i = 0; i < g->nq; i++)
        if (g->outcomes[i] != OUT_TIMEOUT) {
            total += g->answer_ms[i];
            answered++;
        }
    /* TRANSLATORS: right answers of the round: how many, out of how many */
    snprintf(right, n, ngettext("%d / %d right", "%d / %d right", (unsigned long)g->right), g->right, g->nq);
    snprintf(streak, n, _("best streak %d"), g->best_streak);
    if (answered) {
        char secs[32];
        i18n_tenths(secs, sizeof secs, (long)((total + answered * 50u) / (answered * 100u)));
        /* TRANSLATORS: the average answer time in seconds (2.5) */
        snprintf(avg, n, _("avg %s s"), secs);
    } else {
        snprintf(avg, n, "%s", _("avg \xE2\x80\x94"));
    }
}

/* The strip: one mark per question (check = right, cross = wrong, clock = timed out). */
static void results_strip(const game *g, rect st)
{
    int n = g->nq > 0 ? g->nq : 1;
    int cell = st.w / n;
    if (cell > st.h)
        cell = st.h;
    int x0 = st.x + (st.w - cell * n) / 2;
    int gap = cell / 10 > 1 ? cell / 10 : 1;
    for (int i = 0; i < g->nq; i++) {
        /* question 1 first in reading order: at the right in a right-to-left interface */
        int slot = RTL ? n - 1 - i : i;
        rect r = {x0 + slot * cell + gap / 2, st.y + (st.h - cell) / 2, cell - gap, cell - gap};
        float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f;
        switch (g->outcomes[i]) {
        case OUT_RIGHT:
            fill_round(r, r.w / 5, C_GREEN);
            draw_check(cx, cy, r.w * 0.6f, C_TEXT);
            break;
        case OUT_WRONG:
            fill_round(r, r.w / 5, C_VERMILLION);
            draw_cross(cx, cy, r.w * 0.6f, C_TEXT);
            break;
        default:
            fill_round(r, r.w / 5, C_TRACK);
            draw_clock(cx, cy, r.w * 0.55f, C_MUTED, C_TRACK);
            break;
        }
    }
}

/* "ROUND COMPLETE" (or "NEW HIGH SCORE!") and the score counting up. */
static void results_top(const game *g, rect box, const char *head, SDL_Color head_c)
{
    const layout *l = &g->lay;
    char buf[96];
    draw_fit(FACE_BOLD, head_c, head, (rect){l->margin, px(28), l->w - 2 * l->margin, px(60)}, px(44), px(16),
             ALIGN_CENTER, 1);
    fmt_score(buf, sizeof buf, shown_score(g));
    draw_fit(FACE_BOLD, C_YELLOW, buf, box, px(180), px(40), ALIGN_CENTER, 1);
}

/* The trainer's last word: the questions missed, each with its right answer. */
static void results_review(const game *g, rect p)
{
    if (p.h < px(90))
        return;
    fill_round(p, px(20), C_PANEL);
    int pad = px(28);
    int missed = g->nq - g->right;
    char head[64];
    if (missed == 0)
        snprintf(head, sizeof head, "%s", _("PERFECT ROUND \xC2\xB7 every answer right"));
    else /* TRANSLATORS: the questions missed, to go over */
        snprintf(head, sizeof head, ngettext("REVIEW \xC2\xB7 %d to learn", "REVIEW \xC2\xB7 %d to learn", (unsigned long)missed),
                 missed);
    draw_line_in(p, FACE_BOLD, px(28), missed ? RGB(0xFF, 0x9A, 0x5C) : C_YELLOW, head, p.x + pad, p.y + px(18),
                 ALIGN_LEFT);
    int y = p.y + px(64);
    int item_h = px(g->lay.portrait ? 120 : 84);
    for (int i = 0; i < g->nq && missed; i++) {
        if (g->outcomes[i] == OUT_RIGHT)
            continue;
        if (y + item_h > p.y + p.h - px(12))
            break;
        const question *q = &g->qs[i];
        float cy = y + px(18);
        float mx = mirx(p, p.x + pad + px(14));
        if (g->outcomes[i] == OUT_WRONG)
            draw_cross(mx, cy, px(28), C_VERMILLION);
        else
            draw_clock(mx, cy, px(28), C_MUTED, C_PANEL);
        int tx = p.x + pad + px(44);
        int tw = p.x + p.w - pad - tx;
        /* a right-to-left card's question at the right, its answer after an arrow pointing left
         * (a RIGHT-TO-LEFT MARK first, so a Latin answer reads in the card's direction); the
         * boxes beside the mark, mirrored with the panel */
        int rtl = text_rtl(q->text);
        draw_fit(FACE_BOLD, C_TEXT, q->text, mir(p, (rect){tx, y, tw, item_h / 2}), px(28), px(14),
                 rtl ? ALIGN_RIGHT : ALIGN_LEFT, 0);
        char ans[DECK_MAX_CHOICE_CP * 4 + 16];
        snprintf(ans, sizeof ans, rtl ? "\xE2\x80\x8F\xE2\x86\x90 %s" : "\xE2\x86\x92 %s", q->choices[q->correct]);
        draw_fit(FACE_REGULAR, C_GREEN_TEXT, ans, mir(p, (rect){tx, y + item_h / 2, tw, item_h / 2 - px(8)}), px(28),
                 px(14), rtl ? ALIGN_RIGHT : ALIGN_LEFT, 0);
        y += item_h;
    }
}

static void scene_results(const game *g)
{
    const layout *l = &g->lay;
    results_top(g, l->res_score, g->qualifies ? _("ROUND COMPLETE  \xC2\xB7  A NEW HIGH SCORE!") : _("ROUND COMPLETE"),
                g->qualifies ? C_YELLOW : C_MUTED);
    char a[64], b[64], c[64];
    results_stats(g, a, b, c, sizeof a);
    const char *items[3] = {a, b, c};
    rect s = l->res_stats;
    for (int i = 0; i < 3; i++) {
        rect r = l->portrait ? (rect){s.x, s.y + i * s.h / 3, s.w, s.h / 3 - px(10)}
                             : (rect){s.x + i * (s.w + px(16)) / 3, s.y, (s.w - 2 * px(16)) / 3, s.h};
        r = mir(s, r);
        fill_round(r, px(18), C_CARD);
        draw_fit(FACE_BOLD, C_TEXT, items[i], rect_inset(r, px(14)), px(44), px(16), ALIGN_CENTER, 1);
    }
    results_strip(g, l->res_strip);
    results_review(g, l->res_review);
    if (g->qualifies)
        hint_line(g, l->res_hint, N_("Enter / tap: enter your name"), N_("A: enter your name"));
    else
        hint_line(g, l->res_hint, N_("Enter / tap: back to the title"), N_("A: back to the title"));
}

static void scene_name(const game *g)
{
    const layout *l = &g->lay;
    char head[64];
    int all = game_entry_place(g, BOARD_ALLTIME), today = game_entry_place(g, BOARD_TODAY);
    if (all)
        snprintf(head, sizeof head, _("NEW HIGH SCORE!  #%d ALL TIME"), all);
    else
        snprintf(head, sizeof head, _("NEW HIGH SCORE!  #%d TODAY"), today);
    if (!render_party_name_head(g, l->name_score, l->name_stats)) {
        results_top(g, l->name_score, head, C_YELLOW);
        char a[64], b[64], c[64], line[3 * 64 + 16];
        results_stats(g, a, b, c, sizeof a);
        snprintf(line, sizeof line, "%s  \xC2\xB7  %s  \xC2\xB7  %s", a, b, c);
        draw_fit(FACE_BOLD, C_TEXT, line, l->name_stats, px(36), px(14), ALIGN_CENTER, 1);
        results_strip(g, l->name_strip);
    }
    rect p = l->name_panel;
    float t = ease((float)(g->clock - g->scene_t0) / ANIM_SLIDE_MS);
    fill_round(p, px(22), C_PANEL);
    const char *prompt = g->last_dev == DEV_PAD ? _("Enter your name: \xE2\x86\x91\xE2\x86\x93 letter \xC2\xB7 A add \xC2\xB7 B delete \xC2\xB7 Y done")
                                                : _("Enter your name, then press Enter (or tap OK)");
    /* the prompt, and on the same row, how soon a kiosk takes the name as it stands */
    rect pr = {p.x + px(30), p.y + px(16), p.w - px(60), px(48)};
    uint32_t left = game_auto_in(g);
    if (left != UINT32_MAX) {
        char buf[96];
        snprintf(buf, sizeof buf, _("saved as it stands in %u s"), (unsigned)((left + 999) / 1000));
        rect cb = {pr.x + pr.w * 64 / 100, pr.y, pr.w * 36 / 100, pr.h};
        draw_fit(FACE_REGULAR, C_MUTED, buf, mir(p, cb), px(26), px(12), al(ALIGN_RIGHT), 1);
        pr.w = pr.w * 62 / 100;
    }
    draw_fit(FACE_BOLD, alpha(C_SKY, t), prompt, mir(p, pr), px(32), px(14), al(ALIGN_LEFT), 1);
    rect f = l->name_field;
    outline_round(f, px(14), px(4), C_SKY, C_CARD);
    char shown[SCORES_NAME_BYTES + 8];
    int blink = ((g->now / 500) % 2) == 0;
    if (g->last_dev == DEV_PAD)
        snprintf(shown, sizeof shown, "%s[%c]", g->name, game_pick_alphabet[g->pick_letter]);
    else
        snprintf(shown, sizeof shown, "%s%s", g->name, blink ? "_" : " ");
    /* how many characters of the most there is room for, right in the field: a name is never
     * cut without a sign */
    char count[16];
    int used = (int)utf8_count(g->name);
    snprintf(count, sizeof count, "%d/%d", used, SCORES_NAME_MAX_CP);
    int cw, ch;
    int csz = f.h * 36 / 100 > MIN_TEXT_PX ? f.h * 36 / 100 : MIN_TEXT_PX;
    text_measure(FACE_BOLD, csz, count, 0, &cw, &ch);
    rect cr = {f.x + f.w - cw - px(18), f.y + (f.h - ch) / 2, cw, ch};
    draw_line_in(f, FACE_BOLD, csz, used >= SCORES_NAME_MAX_CP ? C_ORANGE : C_MUTED, count, cr.x + cw, cr.y,
                 ALIGN_RIGHT);
    rect nf = rect_inset(f, px(14));
    nf.w = cr.x - px(10) - nf.x;
    /* at the field's start: the right in a right-to-left interface */
    draw_fit(FACE_MONO, C_TEXT, shown, mir(f, nf), px(60), px(18), al(ALIGN_LEFT), 1);
    for (int i = 0; i < LAYOUT_OSK_KEYS; i++) {
        rect k = l->osk[i];
        SDL_Color fill = i == OSK_OK ? C_GREEN : i == OSK_DEL ? C_VERMILLION : C_CARD;
        fill_round(k, px(10), fill);
        draw_fit(FACE_BOLD, C_TEXT, game_osk_label(i), rect_inset(k, px(6)), px(40), px(10), ALIGN_CENTER, 1);
    }
}

static void scene_scores(const game *g)
{
    const layout *l = &g->lay;
    char buf[128];
    snprintf(buf, sizeof buf, "%s \xC2\xB7 %s", _("HIGH SCORES"), g->decks[g->deck_sel]->title);
    draw_fit(FACE_BOLD, C_TEXT, buf, (rect){l->margin, px(30), l->w - 2 * l->margin, px(90)}, px(56), px(20),
             ALIGN_CENTER, 1);
    draw_board(g, g->table, l->boards[0], BOARD_TODAY, _("TODAY"), 1, SCORES_BOARD_SIZE);
    draw_board(g, g->table, l->boards[1], BOARD_ALLTIME, _("ALL TIME"), 1, SCORES_BOARD_SIZE);
    rect h = {l->margin, l->h - l->margin - px(60), l->w - 2 * l->margin, px(60)};
    hint_line(g, h, N_("Enter / tap: back to the title"), N_("A: back to the title"));
}

static void pause_overlay(const game *g)
{
    const layout *l = &g->lay;
    fill_rect((rect){0, 0, l->w, l->h}, alpha(RGB(0, 0, 0), 0.6f));
    int n = game_pause_items(g);
    rect p = l->pause_panel;
    /* the panel ends below its last item (a kiosk's menu has no "Quit game") */
    p.h = l->pause_item[n - 1].y + l->pause_item[n - 1].h + (p.y + p.h - l->pause_item[LAYOUT_PAUSE_ITEMS - 1].y -
                                                            l->pause_item[LAYOUT_PAUSE_ITEMS - 1].h) - p.y;
    fill_round(p, px(26), C_CARD);
    draw_line(FACE_BOLD, px(56), C_TEXT, _("PAUSED"), p.x + p.w / 2, p.y + px(36), ALIGN_CENTER);
    static const char *const items[LAYOUT_PAUSE_ITEMS] = {
        [PAUSE_RESUME] = N_("Resume"), [PAUSE_RESTART] = N_("Restart round"), [PAUSE_TITLE] = N_("Quit to title"),
        [PAUSE_QUIT] = N_("Quit game")};
    for (int i = 0; i < n; i++) {
        rect r = l->pause_item[i];
        const char *label = _(items[i]);
        if (i == g->pause_sel)
            outline_round(r, px(16), px(5), C_YELLOW, C_BG);
        else
            fill_round(r, px(16), C_BG);
        char buf[128];
        snprintf(buf, sizeof buf, "%d  %s", i + 1, label);
        draw_fit(FACE_BOLD, C_TEXT, buf, rect_inset(r, px(12)), px(40), px(16), ALIGN_CENTER, 1);
    }
}

static void banner(const game *g)
{
    if (!g->banner[0] || g->now - g->banner_t0 >= ANIM_BANNER_MS)
        return;
    float t = (float)(g->now - g->banner_t0) / ANIM_BANNER_MS;
    float in = ease(t * 5), out = t > 0.75f ? 1 - (t - 0.75f) / 0.25f : 1;
    float a = in * out;
    rect b = g->lay.banner;
    int h = (int)(b.h * (0.6f + 0.4f * in));
    rect r = {b.x, b.y + (b.h - h) / 2, b.w, h};
    fill_rect(r, alpha(C_YELLOW, 0.94f * a));
    /* the words at their final size from the first frame (they fade in as the bar opens): a
     * size growing with the bar was a new font size and a new rasterization every frame, 14 ms
     * a frame at 3840x2160 */
    int sz = (int)(b.h * 0.55f);
    draw_line(FACE_BOLD, sz, alpha(C_DARK, a), g->banner, r.x + r.w / 2, r.y + (h - sz * 117 / 100) / 2, ALIGN_CENTER);
}

static void notice(const game *g)
{
    if (!game_notice_shown(g))
        return;
    const layout *l = &g->lay;
    if (g->notice_kind == NOTICE_INFO) {
        /* a plain fact: a short pill over nothing to play: the middle of a round's top bar, or on
         * the title and attract pages (which have no top bar, and the logo there) the footer of
         * keys, whose M and S it is about */
        int on_title = g->scene == SCENE_TITLE || g->scene == SCENE_ATTRACT;
        rect bar = on_title ? l->howto : l->topbar;
        int sz = px(28), tw, th;
        text_measure(FACE_BOLD, sz, g->notice, 0, &tw, &th);
        int w = tw + px(48) < l->w - 2 * l->margin ? tw + px(48) : l->w - 2 * l->margin;
        int h = bar.h * 80 / 100 > th + px(8) ? bar.h * 80 / 100 : th + px(8);
        rect r = {(l->w - w) / 2, bar.y + (bar.h - h) / 2, w, h};
        fill_round(r, h / 2, C_SKY);
        draw_fit(FACE_BOLD, C_DARK, g->notice, rect_inset(r, px(8)), sz, px(12), ALIGN_CENTER, 1);
        return;
    }
    rect r = {l->margin, l->h - px(70), l->w - 2 * l->margin, px(56)};
    fill_round(r, px(12), alpha(C_VERMILLION, 0.95f));
    draw_fit(FACE_BOLD, C_TEXT, g->notice, rect_inset(r, px(10)), px(28), px(12), ALIGN_CENTER, 1);
}

static void attract_page_draw(const game *g)
{
    const layout *l = &g->lay;
    attract_page p = g->opts.attract_pages[g->attract_idx];
    char buf[128];
    switch (p) {
    case ATTRACT_TITLE:
        scene_title(g);
        break;
    case ATTRACT_TODAY:
    case ATTRACT_ALLTIME: {
        snprintf(buf, sizeof buf, "%s \xC2\xB7 %s", p == ATTRACT_TODAY ? _("TODAY'S BEST") : _("ALL-TIME BEST"),
                 g->decks[g->deck_sel]->title);
        draw_fit(FACE_BOLD, C_YELLOW, buf, (rect){l->margin, px(40), l->w - 2 * l->margin, px(100)}, px(64), px(20),
                 ALIGN_CENTER, 1);
        rect b = {l->margin, px(170), l->w - 2 * l->margin, l->h - px(170) - px(150)};
        draw_board(g, game_boards(g), b, p == ATTRACT_TODAY ? BOARD_TODAY : BOARD_ALLTIME, "", 0, SCORES_BOARD_SIZE);
        break;
    }
    case ATTRACT_HOWTO: {
        draw_fit(FACE_BOLD, C_YELLOW, _("HOW TO PLAY"), (rect){l->margin, px(40), l->w - 2 * l->margin, px(100)}, px(72),
                 px(20), ALIGN_CENTER, 1);
        game_howto v;
        game_howto_fill(g, &v);
        int top = px(180), bottom = l->h - px(150);
        int rh = (bottom - top) / 4;
        for (int i = 0; i < 4; i++) {
            rect r = {l->margin, top + i * rh, l->w - 2 * l->margin, rh - px(20)};
            fill_round(r, px(22), choice_fill[i]);
            int icon = r.h / 2 < px(70) ? r.h / 2 : px(70);
            fill_shape((enum shape)i, mirx(r, r.x + px(30) + icon / 2.0f), r.y + r.h / 2.0f, icon, C_TEXT);
            rect tb = mir(r, (rect){r.x + px(60) + icon, r.y + px(10), r.w - px(90) - icon, r.h - px(20)});
            draw_fit(FACE_BOLD, choice_dark_text[i] ? C_DARK : C_TEXT, v.line[i], tb, px(56), px(16), al(ALIGN_LEFT), 1);
        }
        break;
    }
    default:
        break;
    }
    /* the call to play, pulsing: the title has it on its start button; the demo round gets a
     * pill over the top bar, so the choices stay in view */
    if (p == ATTRACT_TITLE && g->mode != MODE_DEMO)
        return;
    float pulse = attract_pulse(g);
    if (g->mode == MODE_DEMO) {
        int pw = l->portrait ? l->w - 2 * l->margin : l->w * 45 / 100;
        rect pill = {(l->w - pw) / 2, l->topbar.y, pw, l->topbar.h};
        /* opaque: nothing of the top bar (the question counter) shows through */
        (void)pulse;
        fill_round(pill, pill.h / 2, C_GREEN);
        draw_fit(FACE_BOLD, C_TEXT, _("DEMO \xC2\xB7 tap or press any key"), rect_inset(pill, px(12)), px(34), px(14),
                 ALIGN_CENTER, 1);
        return;
    }
    rect cta = {l->margin, l->h - px(130), l->w - 2 * l->margin, px(100)};
    fill_round(cta, px(26), alpha(C_GREEN, 0.75f + 0.25f * pulse));
    char call[256];
    draw_fit(FACE_BOLD, C_TEXT, call_to_play(g, call, sizeof call), rect_inset(cta, px(14)), px(52), px(16),
             ALIGN_CENTER, 1);
}

static void still_there_overlay(const game *g)
{
    const layout *l = &g->lay;
    fill_rect((rect){0, 0, l->w, l->h}, alpha(RGB(0, 0, 0), 0.7f));
    rect p = l->pause_panel;
    fill_round(p, px(26), C_CARD);
    draw_fit(FACE_BOLD, C_YELLOW, _("Still there?"), (rect){p.x + px(20), p.y + px(30), p.w - px(40), px(90)}, px(64),
             px(20), ALIGN_CENTER, 1);
    int left = (int)((game_auto_in(g) + 999) / 1000);
    char buf[16];
    snprintf(buf, sizeof buf, "%d", left);
    draw_fit(FACE_BOLD, C_TEXT, buf, (rect){p.x, p.y + px(130), p.w, p.h - px(260)}, px(200), px(30), ALIGN_CENTER, 1);
    draw_fit(FACE_REGULAR, C_MUTED, _("press any key or tap to keep playing"),
             (rect){p.x + px(20), p.y + p.h - px(110), p.w - px(40), px(80)}, px(32), px(14), ALIGN_CENTER, 1);
}

static void pin_overlay(const game *g)
{
    const layout *l = &g->lay;
    fill_rect((rect){0, 0, l->w, l->h}, alpha(RGB(0, 0, 0), 0.75f));
    rect p = l->pin_panel;
    fill_round(p, px(26), C_CARD);
    draw_fit(FACE_BOLD, C_TEXT, _("Operator PIN"), (rect){p.x + px(20), p.y + px(20), p.w - px(40), px(70)}, px(48), px(16),
             ALIGN_CENTER, 1);
    outline_round(l->pin_field, px(14), px(4), C_SKY, C_BG);
    char dots[32] = "";
    size_t n = strlen(g->pin);
    for (size_t i = 0; i < n && i < 10; i++)
        strcat(dots, "\xE2\x97\x8F"); /* ● */
    uint32_t locked = game_pin_locked_for(g);
    char lock_text[128];
    snprintf(lock_text, sizeof lock_text, _("Locked, try again in %lu min"), (unsigned long)((locked + 59999) / 60000));
    if (locked) /* how long, never why: nothing about the PIN */
        draw_fit(FACE_BOLD, RGB(0xFF, 0x9A, 0x5C), lock_text, rect_inset(l->pin_field, px(12)), px(40), px(12),
                 ALIGN_CENTER, 1);
    else if (n)
        draw_fit(FACE_BOLD, C_TEXT, dots, rect_inset(l->pin_field, px(12)), px(56), px(16), ALIGN_CENTER, 1);
    else if (g->pin_wrong) /* said where the PIN goes, over nothing else */
        draw_fit(FACE_BOLD, RGB(0xFF, 0x9A, 0x5C), _("Wrong PIN \xC2\xB7 try again or Esc"), rect_inset(l->pin_field, px(12)),
                 px(40), px(12), ALIGN_CENTER, 1);
    static const char *const keys[PIN_KEYS] = {"1", "2", "3", "4", "5", "6", "7", "8", "9",
                                               [PIN_KEY_DEL] = N_("DEL"), [PIN_KEY_ZERO] = "0", [PIN_KEY_OK] = N_("OK")};
    for (int i = 0; i < PIN_KEYS; i++) {
        rect k = l->pin_key[i];
        fill_round(k, px(14), i == PIN_KEY_OK ? C_GREEN : i == PIN_KEY_DEL ? C_VERMILLION : C_BG);
        draw_fit(FACE_BOLD, C_TEXT, i == PIN_KEY_DEL || i == PIN_KEY_OK ? _(keys[i]) : keys[i], rect_inset(k, px(10)),
                 px(48), px(12), ALIGN_CENTER, 1);
    }
}

/* "Quit quizblitz?" over the title of a windowed game after Esc. */
static void quit_overlay(const game *g)
{
    const layout *l = &g->lay;
    fill_rect((rect){0, 0, l->w, l->h}, alpha(RGB(0, 0, 0), 0.7f));
    rect p = l->pause_panel;
    p.h = p.h * 6 / 10;
    p.y = (l->h - p.h) / 2;
    fill_round(p, px(26), C_CARD);
    draw_fit(FACE_BOLD, C_TEXT, _("Quit quizblitz?"), (rect){p.x + px(20), p.y + px(24), p.w - px(40), p.h / 2 - px(24)},
             px(64), px(18), ALIGN_CENTER, 1);
    draw_fit(FACE_REGULAR, C_MUTED,
             g->last_dev == DEV_PAD ? _("B: quit \xC2\xB7 any other button: stay")
                                    : _("Esc again: quit \xC2\xB7 any other key or tap: stay"),
             (rect){p.x + px(20), p.y + p.h / 2, p.w - px(40), p.h / 2 - px(24)}, px(34), px(12), ALIGN_CENTER, 1);
}

/* The operator's exit chord being held: a bar fills at the top, so they know to keep holding. */
static void operator_hold_bar(const game *g)
{
    const layout *l = &g->lay;
    int w = l->portrait ? l->w - 2 * l->margin : l->w / 3, h = px(64) > 24 ? px(64) : 24;
    rect p = {(l->w - w) / 2, l->margin / 2, w, h};
    fill_round(p, px(14), C_PANEL);
    rect t = rect_inset(p, px(8));
    int th = t.h * 35 / 100;
    draw_fit(FACE_BOLD, C_TEXT, _("Operator exit \xC2\xB7 keep holding"), (rect){t.x, t.y, t.w, t.h - th - px(4)}, px(26),
             px(12), ALIGN_CENTER, 1);
    rect track = {t.x, t.y + t.h - th, t.w, th};
    fill_round(track, th / 2, C_TRACK);
    track.w = track.w * g->operator_hold / 1000;
    if (track.w > th)
        fill_round(track, th / 2, C_YELLOW);
}

int render_frame(SDL_Renderer *r, const game *g)
{
    U = g->lay.u;
    RTL = g->lay.mirrored;
    compose_begin(r);
    background(g);
    /* behind the pause menu and "Still there?" the round's clock stands still, and so does
     * reading: the question and the choices are not shown there */
    int hide_round = game_round_hidden(g);
    if (render_party_scene(g)) {
        /* a party round's question, reveal or podium */
    } else switch (g->scene) {
    case SCENE_TITLE: scene_title(g); break;
    case SCENE_QUESTION: hide_round ? topbar(g) : scene_question(g); break;
    case SCENE_REVEAL: hide_round ? topbar(g) : scene_reveal(g); break;
    case SCENE_RESULTS: scene_results(g); break;
    case SCENE_NAME: scene_name(g); break;
    case SCENE_SCORES: scene_scores(g); break;
    case SCENE_ATTRACT: attract_page_draw(g); break;
    }
    if (g->mode == MODE_DEMO)
        attract_page_draw(g);
    if (!hide_round)
        banner(g);
    /* the overlay on top, over the pause menu when that is under it */
    if (g->overlay_under == OVERLAY_PAUSE)
        pause_overlay(g);
    switch (g->overlay) {
    case OVERLAY_NONE: break;
    case OVERLAY_PAUSE: pause_overlay(g); break;
    case OVERLAY_STILL_THERE: still_there_overlay(g); break;
    case OVERLAY_QUIT_ASK: quit_overlay(g); break;
    case OVERLAY_PIN: pin_overlay(g); break;
    }
    if (g->operator_hold > 0 && g->overlay != OVERLAY_PIN)
        operator_hold_bar(g);
    notice(g);
    return compose_end();
}
