/* render.c: every scene's drawing. Geometry comes from core/layout.c, colours from the
 * Okabe-Ito palette (VISUAL.md): colour is never the only cue (shape + key label + text). */
#include "render.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "text.h"

/* ---- palette ---- */
#define RGB(r, g, b) ((SDL_Color){r, g, b, 255})
#define HEX(r, g, b) {r, g, b, 255}
static const SDL_Color C_BG = HEX(0x13, 0x18, 0x33);
static const SDL_Color C_BG2 = HEX(0x0B, 0x0F, 0x24);
static const SDL_Color C_CARD = HEX(0x20, 0x29, 0x50);
static const SDL_Color C_PANEL = HEX(0x0C, 0x10, 0x22);
static const SDL_Color C_TEXT = HEX(0xF4, 0xF6, 0xFB);
static const SDL_Color C_DARK = HEX(0x11, 0x14, 0x2B);
static const SDL_Color C_MUTED = HEX(0xA0, 0xAA, 0xCC);
static const SDL_Color C_SKY = HEX(0x56, 0xB4, 0xE9);
static const SDL_Color C_YELLOW = HEX(0xF0, 0xE4, 0x42);
static const SDL_Color C_VERMILLION = HEX(0xD5, 0x5E, 0x00);
static const SDL_Color C_GREEN = HEX(0x00, 0x9E, 0x73);
static const SDL_Color C_ORANGE = HEX(0xE6, 0x9F, 0x00);
static const SDL_Color C_TRACK = HEX(0x24, 0x2D, 0x58);
/* bluish green light enough for text on the dark panels (contrast > 4.5:1) */
static const SDL_Color C_GREEN_TEXT = HEX(0x3D, 0xD6, 0xA8);
/* the four choices: fill, text colour, shape */
static const SDL_Color choice_fill[4] = {HEX(0x00, 0x72, 0xB2), HEX(0xE6, 0x9F, 0x00), HEX(0x00, 0x9E, 0x73),
                                         HEX(0xCC, 0x79, 0xA7)};
static const int choice_dark_text[4] = {0, 1, 0, 1};
enum shape { SHAPE_TRIANGLE, SHAPE_DIAMOND, SHAPE_CIRCLE, SHAPE_SQUARE };

/* no text is drawn smaller than this many pixels (unless its box is smaller still) */
#define MIN_TEXT_PX 12

static SDL_Renderer *R;
static float U;

static int px(float v)
{
    int r = (int)(v * U + 0.5f);
    return r < 1 ? 1 : r;
}

static SDL_Color alpha(SDL_Color c, float a)
{
    if (a < 0)
        a = 0;
    if (a > 1)
        a = 1;
    c.a = (Uint8)(c.a * a);
    return c;
}

static SDL_Color mix(SDL_Color a, SDL_Color b, float t)
{
    SDL_Color c = {(Uint8)(a.r + (b.r - a.r) * t), (Uint8)(a.g + (b.g - a.g) * t), (Uint8)(a.b + (b.b - a.b) * t),
                   (Uint8)(a.a + (b.a - a.a) * t)};
    return c;
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* ease-out cubic */
static float ease(float t)
{
    t = clampf(t, 0, 1);
    float s = 1 - t;
    return 1 - s * s * s;
}

/* ---- the display list ----
 *
 * Scenes do not draw directly: each primitive (a fill, a polygon, a text) is appended to a
 * list, and at the end of the frame the list is drawn. With SDL's software renderer the
 * window's pixels survive a present, so only what changed is drawn again: the list is
 * compared with the last frame's, and every primitive that is new or gone marks its box
 * dirty; in each dirty box, every primitive that touches it is drawn again, in order, clipped
 * to the box. A primitive that matched (same pixels, same place, same order among the ones
 * that matched) cannot change a pixel outside the dirty boxes, so the frame is exactly what
 * drawing everything would give. Other renderers (OpenGL) draw the whole list each frame.
 *
 * The software renderer also gets exact fast paths: the background gradient as rows of one
 * colour each, and polygons as spans computed with the same integer edge functions, pixel
 * centres and top-left rule as SDL's rasterizer (src/render/software/SDL_triangle.c), instead
 * of one temporary surface per triangle of the fan. tests/bench/pixeldiff.py checks them. */

enum op_kind { OP_GRADIENT, OP_FILL, OP_FAN, OP_COPY };

/* the most points a polygon has (a fan of FAN_MAX triangles; more are dropped) */
enum { FAN_MAX = 4 * 16 + 8 };

typedef struct op {
    int kind;
    /* colour (OP_FILL, OP_FAN), or the alpha modulation in a (OP_COPY) */
    SDL_Color c;
    /* the pixels it may change, within the screen (w == 0: none) */
    SDL_Rect box;
    /* OP_FILL: the rectangle; OP_COPY: the destination */
    SDL_Rect r;
    /* OP_COPY: its own clip rectangle, when clip_on */
    SDL_Rect clip;
    int clip_on;
    /* OP_COPY: the texture and the text cache's serial number of its pixels */
    SDL_Texture *tex;
    unsigned long serial;
    /* OP_FAN: the centre and the points, in the list's point pool (n + 1 pairs from first) */
    int first, n;
    /* hash of everything that decides its pixels */
    uint64_t key;
    /* set by the diff: new this frame (not matched with one on the screen) */
    int changed;
} op;

typedef struct dlist {
    op *ops;
    int n, cap;
    float *pts;
    int npts, cappts;
} dlist;

/* the list being built, and the one on the screen */
static dlist lists[2];
static int cur;
/* the screen's size when the list on it was drawn; 0: nothing trustworthy on the screen */
static int shown_w, shown_h, shown_valid;
/* the renderer's output, read once a frame */
static SDL_Rect screen;

static SDL_Rect isect(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect o;
    if (!SDL_IntersectRect(&a, &b, &o))
        o = (SDL_Rect){0, 0, 0, 0};
    return o;
}

/* Room for one more primitive at the end of l. */
static op *dlist_add(dlist *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->ops = xrealloc(l->ops, sizeof *l->ops * (size_t)l->cap);
    }
    return &l->ops[l->n++];
}

/* Room for np more floats at the end of l's point pool (not yet counted in npts). */
static float *dlist_pts(dlist *l, int np)
{
    if (l->npts + np > l->cappts) {
        while (l->npts + np > l->cappts)
            l->cappts = l->cappts ? l->cappts * 2 : 4096;
        l->pts = xrealloc(l->pts, sizeof *l->pts * (size_t)l->cappts);
    }
    return l->pts + l->npts;
}

static op *op_new(int kind)
{
    op *o = dlist_add(&lists[cur]);
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

static uint64_t op_key(const op *o)
{
    uint64_t h = UTIL_FNV_SEED;
    h = util_fnv(h, &o->kind, sizeof o->kind);
    h = util_fnv(h, &o->c, sizeof o->c);
    h = util_fnv(h, &o->box, sizeof o->box);
    h = util_fnv(h, &o->r, sizeof o->r);
    if (o->clip_on)
        h = util_fnv(h, &o->clip, sizeof o->clip);
    h = util_fnv(h, &o->serial, sizeof o->serial);
    return h;
}

/* SDL's software renderer truncates a vertex to whole pixels, then works in half pixels. */
static int fixed_of(float v)
{
    return (int)v * 2;
}

static void fill_rect(rect r, SDL_Color c)
{
    op *o = op_new(OP_FILL);
    o->c = c;
    o->r = (SDL_Rect){r.x, r.y, r.w, r.h};
    /* SDL draws at least one pixel each way */
    SDL_Rect b = {r.x, r.y, r.w > 1 ? r.w : 1, r.h > 1 ? r.h : 1};
    o->box = isect(b, screen);
    o->key = op_key(o);
}

/* A polygon as a triangle fan around its centre. */
static void fill_fan(float cx, float cy, const float *xy, int n, SDL_Color c)
{
    if (n > FAN_MAX)
        n = FAN_MAX;
    if (n < 1)
        return;
    dlist *l = &lists[cur];
    float *p = dlist_pts(l, 2 * (n + 1));
    op *o = op_new(OP_FAN);
    o->c = c;
    o->first = l->npts;
    o->n = n;
    p[0] = cx;
    p[1] = cy;
    memcpy(p + 2, xy, sizeof *xy * 2 * (size_t)n);
    l->npts += 2 * (n + 1);
    /* the box SDL's rasterizer walks: the vertices' whole-pixel bounds */
    int x0 = (int)p[0], x1 = x0, y0 = (int)p[1], y1 = y0;
    for (int i = 0; i <= n; i++) {
        int vx = (int)p[2 * i], vy = (int)p[2 * i + 1];
        x0 = vx < x0 ? vx : x0;
        x1 = vx > x1 ? vx : x1;
        y0 = vy < y0 ? vy : y0;
        y1 = vy > y1 ? vy : y1;
    }
    o->box = isect((SDL_Rect){x0, y0, x1 - x0, y1 - y0}, screen);
    o->key = op_key(o);
    /* the float positions decide the pixels of other renderers */
    o->key = util_fnv(o->key, p, sizeof *p * 2 * (size_t)(n + 1));
}

/* A text texture at d, with alpha modulation a, clipped to clip when clip is not NULL. */
static void copy_text(const text_tex *t, SDL_Rect d, Uint8 a, const SDL_Rect *clip)
{
    op *o = op_new(OP_COPY);
    o->tex = t->tex;
    o->serial = t->serial;
    o->r = d;
    o->c = (SDL_Color){255, 255, 255, a};
    o->box = isect(d, screen);
    if (clip) {
        o->clip = *clip;
        o->clip_on = 1;
        o->box = isect(o->box, *clip);
    }
    o->key = op_key(o);
}

static void background_op(int w, int h)
{
    op *o = op_new(OP_GRADIENT);
    o->r = (SDL_Rect){0, 0, w, h};
    o->box = isect(o->r, screen);
    o->key = op_key(o);
}

/* ---- drawing the list ---- */

/* whether the renderer keeps the pixels of the last frame (SDL's software renderer draws into
 * the window's own surface, which a present leaves as it is), and whether its coordinates
 * are the window's pixels (no scale, no viewport offset): the exact fast paths need both */
static int keeps_pixels, exact_paths;
/* the scratch texture for translucent polygons (software renderer only) */
static SDL_Texture *scratch;
static int scratch_w;
#define SCRATCH_ROWS 32
/* spans of a polygon: row, first and last pixel */
typedef struct span {
    /* row, first and last pixel, and how many triangles before this one cover it (1: the
     * first; more where a fan folds over itself, and SDL blends it once per triangle) */
    int y, x0, x1, layer;
} span;
static span *spans;
static int nspans, capspans;
static SDL_Rect *rowrects;
static int caprowrects;

static void push_span(int y, int x0, int x1, int layer)
{
    if (nspans == capspans) {
        capspans = capspans ? capspans * 2 : 1024;
        spans = xrealloc(spans, sizeof *spans * (size_t)capspans);
    }
    spans[nspans++] = (span){y, x0, x1, layer};
}

/* One triangle of a fan, as SDL_SW_FillTriangle sees it: pixel (X, Y) is filled when, for
 * each edge k, bx[k] * X + by[k] * Y + k0[k] >= 0 (the edge function at the pixel centre, in
 * half pixels, signed for the winding, plus the top-left rule's bias), within its box. */
typedef struct tri {
    long long bx[3], by[3], k0[3];
    int x0, y0, x1, y1;
} tri;
static tri *tris;
static int captris;

static int top_left(const int *a, const int *b, int clockwise)
{
    if (clockwise)
        return (a[1] == b[1] && a[0] < b[0]) || b[1] < a[1];
    return (a[1] == b[1] && b[0] < a[0]) || a[1] < b[1];
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* Sets up triangle d0 d1 d2 (half-pixel units) clipped to clip; 0 when it fills nothing. */
static int tri_setup(tri *t, const int *d0, const int *d1, const int *d2, SDL_Rect clip)
{
    long long area = (long long)(d1[0] - d0[0]) * (d2[1] - d0[1]) - (long long)(d1[1] - d0[1]) * (d2[0] - d0[0]);
    if (area == 0)
        return 0;
    int minx = d0[0], maxx = d0[0], miny = d0[1], maxy = d0[1];
    const int *d[3] = {d0, d1, d2};
    for (int i = 1; i < 3; i++) {
        minx = d[i][0] < minx ? d[i][0] : minx;
        maxx = d[i][0] > maxx ? d[i][0] : maxx;
        miny = d[i][1] < miny ? d[i][1] : miny;
        maxy = d[i][1] > maxy ? d[i][1] : maxy;
    }
    SDL_Rect bb = {minx >> 1, miny >> 1, (maxx - minx) >> 1, (maxy - miny) >> 1};
    bb = isect(bb, clip);
    if (bb.w <= 0 || bb.h <= 0)
        return 0;
    t->x0 = bb.x;
    t->y0 = bb.y;
    t->x1 = bb.x + bb.w - 1;
    t->y1 = bb.y + bb.h - 1;
    int cw = area > 0;
    long long sg = cw ? 1 : -1;
    /* the edges of w0, w1, w2 in SDL_triangle.c: (d1, d2), (d2, d0), (d0, d1) */
    const int *ea[3] = {d1, d2, d0}, *eb[3] = {d2, d0, d1};
    for (int k = 0; k < 3; k++) {
        const int *pa = ea[k], *pb = eb[k];
        long long ex = pb[0] - pa[0], ey = pb[1] - pa[1];
        /* E(px, py) = ex * (py - pa.y) - ey * (px - pa.x), at px = 2X + 1, py = 2Y + 1 */
        t->bx[k] = sg * (-2 * ey);
        t->by[k] = sg * (2 * ex);
        t->k0[k] = sg * (ex * (1 - pa[1]) - ey * (1 - pa[0])) + (top_left(pa, pb, cw) ? 0 : -1);
    }
    return 1;
}

/* The spans of fan o within clip, row by row, merged within each layer; returns the number of
 * layers (1 unless the fan folds over itself). */
static int fan_spans(const op *o, SDL_Rect clip)
{
    const float *p = lists[cur].pts + o->first;
    int c[2] = {fixed_of(p[0]), fixed_of(p[1])};
    if (o->n > captris) {
        captris = o->n + 16;
        tris = xrealloc(tris, sizeof *tris * (size_t)captris);
    }
    int nt = 0, y0 = 1 << 30, y1 = -1;
    for (int i = 0; i < o->n; i++) {
        int j = (i + 1) % o->n;
        int a[2] = {fixed_of(p[2 + 2 * i]), fixed_of(p[3 + 2 * i])};
        int b[2] = {fixed_of(p[2 + 2 * j]), fixed_of(p[3 + 2 * j])};
        if (tri_setup(&tris[nt], c, a, b, clip)) {
            y0 = tris[nt].y0 < y0 ? tris[nt].y0 : y0;
            y1 = tris[nt].y1 > y1 ? tris[nt].y1 : y1;
            nt++;
        }
    }
    nspans = 0;
    int layers = 1;
    span row[FAN_MAX];
    for (int y = y0; y <= y1; y++) {
        int nr = 0, folded = 0, reach = -1;
        for (int i = 0; i < nt; i++) {
            const tri *t = &tris[i];
            if (y < t->y0 || y > t->y1)
                continue;
            long long lo = t->x0, hi = t->x1;
            for (int k = 0; k < 3 && lo <= hi; k++) {
                long long A = t->by[k] * y + t->k0[k], B = t->bx[k];
                if (B == 0) {
                    if (A < 0)
                        hi = lo - 1;
                } else if (B > 0) {
                    long long m = -floor_div(A, B); /* X >= ceil(-A / B) */
                    if (m > lo)
                        lo = m;
                } else {
                    long long m = floor_div(A, -B); /* X <= floor(A / -B) */
                    if (m < hi)
                        hi = m;
                }
            }
            if (lo > hi)
                continue;
            /* insertion by start */
            int k = nr++;
            while (k > 0 && row[k - 1].x0 > lo) {
                row[k] = row[k - 1];
                k--;
            }
            row[k] = (span){y, (int)lo, (int)hi, 1};
        }
        for (int i = 0; i < nr; i++) {
            if (row[i].x0 <= reach)
                folded = 1;
            reach = row[i].x1 > reach ? row[i].x1 : reach;
        }
        if (!folded) {
            int first = nspans;
            for (int i = 0; i < nr; i++) {
                if (nspans > first && row[i].x0 == spans[nspans - 1].x1 + 1)
                    spans[nspans - 1].x1 = row[i].x1;
                else
                    push_span(y, row[i].x0, row[i].x1, 1);
            }
            continue;
        }
        /* a fold: count the cover of each stretch of the row, and give a stretch covered k times
         * to layers 1..k */
        int ex[2 * FAN_MAX], ed[2 * FAN_MAX], ne = 0;
        for (int i = 0; i < nr; i++) {
            ex[ne] = row[i].x0;
            ed[ne++] = 1;
            ex[ne] = row[i].x1 + 1;
            ed[ne++] = -1;
        }
        for (int i = 1; i < ne; i++)
            for (int k = i; k > 0 && ex[k - 1] > ex[k]; k--) {
                int tx = ex[k], td = ed[k];
                ex[k] = ex[k - 1];
                ed[k] = ed[k - 1];
                ex[k - 1] = tx;
                ed[k - 1] = td;
            }
        int last[FAN_MAX + 1];
        for (int l = 0; l <= nr; l++)
            last[l] = -1;
        int count = 0, prev = ne > 0 ? ex[0] : 0;
        for (int e = 0; e < ne; e++) {
            if (ex[e] > prev && count > 0) {
                for (int l = 1; l <= count; l++) {
                    if (last[l] >= 0 && spans[last[l]].x1 + 1 == prev) {
                        spans[last[l]].x1 = ex[e] - 1;
                    } else {
                        push_span(y, prev, ex[e] - 1, l);
                        last[l] = nspans - 1;
                    }
                }
                if (count > layers)
                    layers = count;
            }
            count += ed[e];
            prev = ex[e];
        }
    }
    return layers;
}

static void sdl_fan(const op *o)
{
    const float *p = lists[cur].pts + o->first;
    int n = o->n;
    SDL_Vertex v[1 + FAN_MAX];
    int idx[3 * FAN_MAX];
    v[0] = (SDL_Vertex){{p[0], p[1]}, o->c, {0, 0}};
    for (int i = 0; i < n; i++)
        v[1 + i] = (SDL_Vertex){{p[2 + 2 * i], p[3 + 2 * i]}, o->c, {0, 0}};
    for (int i = 0; i < n; i++) {
        idx[3 * i] = 0;
        idx[3 * i + 1] = 1 + i;
        idx[3 * i + 2] = 1 + (i + 1) % n;
    }
    SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(R, NULL, v, n + 1, idx, 3 * n);
}

static void ensure_rowrects(int n)
{
    if (n > caprowrects) {
        caprowrects = n + 256;
        rowrects = xrealloc(rowrects, sizeof *rowrects * (size_t)caprowrects);
    }
}

/* blending straight into the window's pixels (below) */
enum { LUT_FILL, LUT_PIXEL };
struct fill_lut;
static SDL_Surface *window_pixels(void);
static const struct fill_lut *lut_for(int kind, SDL_Color c);
static void lut_run(SDL_Surface *s, const struct fill_lut *L, int y, int x0, int x1);

/* A polygon in the software renderer, inside clip. Opaque: its spans as rectangles of one
 * colour. Translucent: the same pixel values SDL's triangle path would blend (the colour with
 * its alpha where covered, nothing elsewhere) in a scratch texture, blended by the same
 * blitter. */
static void fast_fan(const op *o, SDL_Rect clip)
{
    int layers = fan_spans(o, clip);
    if (!nspans || o->c.a == 0)
        return;
    if (o->c.a == 255) {
        /* one rectangle per run of rows with the same span (a rounded rectangle's middle is one
         * rectangle, not a rectangle per row): the same pixels, far fewer fills */
        ensure_rowrects(nspans);
        enum { OPEN_MAX = 128 };
        int open_prev[OPEN_MAX], open_cur[OPEN_MAX], nprev = 0, ncur = 0, row = -1, n = 0;
        for (int i = 0; i < nspans; i++) {
            if (spans[i].layer != 1)
                continue;
            if (spans[i].y != row) {
                memcpy(open_prev, open_cur, sizeof open_cur[0] * (size_t)ncur);
                nprev = spans[i].y == row + 1 ? ncur : 0;
                ncur = 0;
                row = spans[i].y;
            }
            int x = spans[i].x0, w = spans[i].x1 - spans[i].x0 + 1, k = -1;
            for (int j = 0; j < nprev && k < 0; j++) {
                SDL_Rect *q = &rowrects[open_prev[j]];
                if (q->x == x && q->w == w)
                    k = open_prev[j];
            }
            if (k >= 0) {
                rowrects[k].h++;
            } else {
                k = n;
                rowrects[n++] = (SDL_Rect){x, row, w, 1};
            }
            if (ncur < OPEN_MAX)
                open_cur[ncur++] = k;
        }
        SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(R, o->c.r, o->c.g, o->c.b, 255);
        SDL_RenderFillRects(R, rowrects, n);
        return;
    }
    /* straight into the window's pixels, as the scratch texture's blit would blend them (a
     * pixel two triangles cover twice) */
    const struct fill_lut *L = lut_for(LUT_PIXEL, o->c);
    SDL_Surface *ws = L ? window_pixels() : NULL;
    if (ws) {
        for (int k = 0; k < nspans; k++)
            lut_run(ws, L, spans[k].y, spans[k].x0, spans[k].x1);
        return;
    }
    /* in bands of SCRATCH_ROWS rows, through a streaming texture as wide as the screen; a layer
     * at a time, so a pixel two triangles cover is blended twice, as SDL does */
    SDL_Rect scr = screen;
    if (!scratch || scratch_w < scr.w) {
        if (scratch)
            SDL_DestroyTexture(scratch);
        scratch_w = scr.w;
        scratch = SDL_CreateTexture(R, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, scratch_w, SCRATCH_ROWS);
        if (!scratch) {
            scratch_w = 0;
            sdl_fan(o);
            return;
        }
        SDL_SetTextureBlendMode(scratch, SDL_BLENDMODE_BLEND);
    }
    Uint32 px_ = ((Uint32)o->c.a << 24) | ((Uint32)o->c.r << 16) | ((Uint32)o->c.g << 8) | o->c.b;
    for (int l = 1; l <= layers; l++) {
        int i = 0;
        while (i < nspans) {
            while (i < nspans && spans[i].layer != l)
                i++;
            if (i == nspans)
                break;
            int y0 = spans[i].y, e = i, x0 = spans[i].x0, x1 = spans[i].x1, ylast = y0;
            for (; e < nspans && spans[e].y < y0 + SCRATCH_ROWS; e++) {
                if (spans[e].layer != l)
                    continue;
                x0 = spans[e].x0 < x0 ? spans[e].x0 : x0;
                x1 = spans[e].x1 > x1 ? spans[e].x1 : x1;
                ylast = spans[e].y;
            }
            int w = x1 - x0 + 1, h = ylast - y0 + 1;
            SDL_Rect src = {0, 0, w, h}, dst = {x0, y0, w, h};
            void *pixels;
            int pitch;
            if (w > scratch_w || SDL_LockTexture(scratch, &src, &pixels, &pitch) != 0) {
                sdl_fan(o);
                return;
            }
            for (int y = 0; y < h; y++)
                memset((Uint8 *)pixels + (size_t)y * (size_t)pitch, 0, (size_t)w * 4);
            for (int k = i; k < e; k++) {
                if (spans[k].layer != l)
                    continue;
                Uint32 *row = (Uint32 *)((Uint8 *)pixels + (size_t)(spans[k].y - y0) * (size_t)pitch);
                for (int x = spans[k].x0; x <= spans[k].x1; x++)
                    row[x - x0] = px_;
            }
            SDL_UnlockTexture(scratch);
            SDL_RenderCopy(R, scratch, &src, &dst);
            i = e;
        }
    }
}

/* The colour SDL gives row y of the gradient over h2 / 2 rows (see gradient). */
static SDL_Color gradient_row(long long y, long long h2)
{
    long long t = 2 * y + 1;
    return (SDL_Color){(Uint8)(((h2 - t) * C_BG.r + t * C_BG2.r) / h2), (Uint8)(((h2 - t) * C_BG.g + t * C_BG2.g) / h2),
                       (Uint8)(((h2 - t) * C_BG.b + t * C_BG2.b) / h2), 255};
}

/* The background: C_BG at the top to C_BG2 at the bottom. */
static void gradient(const op *o, SDL_Rect clip)
{
    int w = o->r.w, h = o->r.h;
    if (!exact_paths) {
        SDL_Vertex v[4] = {
            {{0, 0}, C_BG, {0, 0}},
            {{(float)w, 0}, C_BG, {0, 0}},
            {{(float)w, (float)h}, C_BG2, {0, 0}},
            {{0, (float)h}, C_BG2, {0, 0}},
        };
        int idx[6] = {0, 1, 2, 0, 2, 3};
        SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_BLEND);
        SDL_RenderGeometry(R, NULL, v, 4, idx, 6);
        return;
    }
    /* Both triangles of the quad give every pixel of row y the same colour: SDL interpolates
     * with weights at the pixel centre (half-pixel units), which here reduce exactly to
     * ((2h - (2y + 1)) * top + (2y + 1) * bottom) / 2h, rounded down. Runs of equal rows are
     * filled as one rectangle. */
    SDL_Rect b = isect(clip, o->box);
    if (b.w <= 0 || b.h <= 0)
        return;
    long long h2 = 2LL * h;
    SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_NONE);
    int y = b.y;
    while (y < b.y + b.h) {
        SDL_Color c = gradient_row(y, h2);
        int y1 = y + 1;
        while (y1 < b.y + b.h) {
            SDL_Color u = gradient_row(y1, h2);
            if (u.r != c.r || u.g != c.g || u.b != c.b)
                break;
            y1++;
        }
        SDL_SetRenderDrawColor(R, c.r, c.g, c.b, 255);
        SDL_Rect row = {b.x, y, b.w, y1 - y};
        SDL_RenderFillRect(R, &row);
        y = y1;
    }
}

/* ---- translucent fills and faded texts straight into the window's pixels ----
 *
 * SDL's software renderer blends a translucent fill and a texture copy with an alpha
 * modulation pixel by pixel through generic code (the banner fading over the choices is most
 * of such a frame). Here the same arithmetic is done with tables that come from SDL itself, so
 * the pixels are the same by construction: a fill's result for every value of each channel is
 * read from a probe surface that a software renderer of the same pixel format filled; a faded
 * copy is SDL's formula (the texture's alpha times the modulation, the colour premultiplied by
 * it, the destination times its complement, each product rounded by SDL's one function) with
 * that function read from blits of SDL's own, and the whole formula is checked against SDL's
 * blitter on random pixels once; anything that does not match leaves the drawing to SDL. */

/* the window's pixels, when they are 32-bit XRGB and can be written directly */
static SDL_Surface *window_pixels(void)
{
    if (!exact_paths)
        return NULL;
    SDL_RenderFlush(R);
    SDL_Window *w = SDL_RenderGetWindow(R);
    SDL_Surface *s = w ? SDL_GetWindowSurface(w) : NULL;
    if (!s || !s->pixels || SDL_MUSTLOCK(s) || s->format->format != SDL_PIXELFORMAT_RGB888 || s->w < screen.w ||
        s->h < screen.h)
        return NULL;
    return s;
}

typedef struct fill_lut {
    SDL_Color c;
    /* LUT_FILL: a fill of colour c; LUT_PIXEL: a blit of one pixel of colour c (the scratch
     * texture of translucent polygons) */
    int kind;
    /* 0: not made, 1: usable, -1: SDL does something else */
    int state;
    /* red, green, blue and the fourth byte */
    Uint8 t[4][256];
} fill_lut;

/* Table L applied to pixel p. */
static Uint32 lut_px(const fill_lut *L, Uint32 p)
{
    return ((Uint32)L->t[3][p >> 24] << 24) | ((Uint32)L->t[0][(p >> 16) & 255] << 16) |
           ((Uint32)L->t[1][(p >> 8) & 255] << 8) | L->t[2][p & 255];
}

#define NFILL_LUTS 24
static fill_lut fill_luts[NFILL_LUTS];
static int fill_next;
static SDL_Surface *probe, *probe_src;
static SDL_Renderer *probe_ren;

static Uint32 probe_px(int row, int i)
{
    switch (row) {
    case 0: return ((Uint32)i << 24) | ((Uint32)i << 16) | ((Uint32)i << 8) | (Uint32)i;
    case 1: return ((Uint32)((i * 53 + 5) & 255) << 24) | ((Uint32)i << 16) | ((Uint32)(255 - i) << 8) | (Uint32)((i * 91 + 17) & 255);
    default: return ((Uint32)(255 - i) << 24) | ((Uint32)((i * 37 + 11) & 255) << 16) | ((Uint32)i << 8) | (Uint32)(255 - i);
    }
}

/* What SDL makes of every value of each channel under a fill or a one-colour blit of c, read
 * from a probe surface (and checked on two other orders of the values); NULL: not a function
 * of each channel alone. */
static const fill_lut *lut_for(int kind, SDL_Color c)
{
    for (int i = 0; i < NFILL_LUTS; i++)
        if (fill_luts[i].state && fill_luts[i].kind == kind && memcmp(&fill_luts[i].c, &c, sizeof c) == 0)
            return fill_luts[i].state > 0 ? &fill_luts[i] : NULL;
    fill_lut *L = &fill_luts[fill_next];
    fill_next = (fill_next + 1) % NFILL_LUTS;
    L->c = c;
    L->kind = kind;
    L->state = -1;
    if (!probe) {
        probe = SDL_CreateRGBSurfaceWithFormat(0, 256, 3, 32, SDL_PIXELFORMAT_RGB888);
        probe_src = SDL_CreateRGBSurfaceWithFormat(0, 256, 3, 32, SDL_PIXELFORMAT_ARGB8888);
        probe_ren = probe ? SDL_CreateSoftwareRenderer(probe) : NULL;
    }
    if (!probe_ren || !probe_src)
        return NULL;
    for (int r = 0; r < 3; r++)
        for (int i = 0; i < 256; i++)
            ((Uint32 *)((Uint8 *)probe->pixels + (size_t)r * (size_t)probe->pitch))[i] = probe_px(r, i);
    if (kind == LUT_FILL) {
        SDL_SetRenderDrawBlendMode(probe_ren, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(probe_ren, c.r, c.g, c.b, c.a);
        SDL_RenderFillRect(probe_ren, NULL);
        SDL_RenderFlush(probe_ren);
    } else {
        Uint32 px_ = ((Uint32)c.a << 24) | ((Uint32)c.r << 16) | ((Uint32)c.g << 8) | c.b;
        for (int r = 0; r < 3; r++)
            for (int i = 0; i < 256; i++)
                ((Uint32 *)((Uint8 *)probe_src->pixels + (size_t)r * (size_t)probe_src->pitch))[i] = px_;
        SDL_SetSurfaceBlendMode(probe_src, SDL_BLENDMODE_BLEND);
        SDL_SetSurfaceAlphaMod(probe_src, 255);
        SDL_SetSurfaceColorMod(probe_src, 255, 255, 255);
        SDL_SetSurfaceRLE(probe_src, 0);
        if (SDL_BlitSurface(probe_src, NULL, probe, NULL) != 0)
            return NULL;
    }
    const Uint32 *out = probe->pixels;
    for (int i = 0; i < 256; i++) {
        L->t[3][i] = (Uint8)(out[i] >> 24);
        L->t[0][i] = (Uint8)(out[i] >> 16);
        L->t[1][i] = (Uint8)(out[i] >> 8);
        L->t[2][i] = (Uint8)out[i];
    }
    for (int r = 0; r < 3; r++)
        for (int i = 0; i < 256; i++) {
            Uint32 want = lut_px(L, probe_px(r, i));
            if (((const Uint32 *)((const Uint8 *)probe->pixels + (size_t)r * (size_t)probe->pitch))[i] != want)
                return NULL;
        }
    L->state = 1;
    return L;
}

/* Applies table L to pixels x0..x1 of row y. */
static void lut_run(SDL_Surface *s, const fill_lut *L, int y, int x0, int x1)
{
    Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
    Uint32 in = ~row[x0], out = 0;
    for (int x = x0; x <= x1; x++) {
        Uint32 p = row[x];
        if (p != in) {
            in = p;
            out = lut_px(L, p);
        }
        row[x] = out;
    }
}

/* A translucent fill, as SDL's software renderer would blend it; 0: left to SDL. */
static int fast_fill(const op *o, SDL_Rect clip)
{
    if (o->c.a == 0 || o->c.a == 255 || o->r.w <= 0 || o->r.h <= 0)
        return 0;
    SDL_Rect b = isect(isect(o->r, clip), screen);
    if (b.w <= 0 || b.h <= 0)
        return 1;
    const fill_lut *L = lut_for(LUT_FILL, o->c);
    SDL_Surface *s = L ? window_pixels() : NULL;
    if (!s)
        return 0;
    for (int y = b.y; y < b.y + b.h; y++)
        lut_run(s, L, y, b.x, b.x + b.w - 1);
    return 1;
}

/* SDL's product of two bytes (x * y / 255, rounded its way), read from its blits: 0 not
 * read, 1 usable, -1 not usable */
static int mul_state;
static Uint8 mul[256][256];
static Uint32 mul_x;

static Uint32 faded_px(Uint32 s, Uint32 d, int m)
{
    Uint32 a = mul[s >> 24][m], inv = 255 - a;
    Uint32 sr = (s >> 16) & 255, sg = (s >> 8) & 255, sb = s & 255;
    if (a < 255) {
        sr = mul[sr][a];
        sg = mul[sg][a];
        sb = mul[sb][a];
    }
    Uint32 dr = mul[inv][(d >> 16) & 255] + sr, dg = mul[inv][(d >> 8) & 255] + sg, db = mul[inv][d & 255] + sb;
    return mul_x | (dr << 16) | (dg << 8) | db;
}

static int blit_probe(SDL_Surface *src, const SDL_Rect *from, SDL_Surface *dst, int m)
{
    SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_BLEND);
    SDL_SetSurfaceAlphaMod(src, (Uint8)m);
    SDL_SetSurfaceRLE(src, 0);
    return SDL_BlitSurface(src, from, dst, NULL);
}

static int mul_ready(void)
{
    if (mul_state)
        return mul_state > 0;
    mul_state = -1;
    SDL_Surface *src = SDL_CreateRGBSurfaceWithFormat(0, 256, 16, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, 256, 16, 32, SDL_PIXELFORMAT_RGB888);
    SDL_Surface *before = SDL_CreateRGBSurfaceWithFormat(0, 256, 16, 32, SDL_PIXELFORMAT_RGB888);
    SDL_Surface *row = SDL_CreateRGBSurfaceWithFormat(0, 256, 1, 32, SDL_PIXELFORMAT_RGB888);
    int ok = src && dst && row && before;
    /* black at every alpha over white, modulated by m: 255 - (alpha times m) */
    for (int m = 1; ok && m < 255; m++) {
        for (int i = 0; i < 256; i++) {
            ((Uint32 *)src->pixels)[i] = (Uint32)i << 24;
            ((Uint32 *)row->pixels)[i] = 0x00FFFFFFu;
        }
        SDL_Rect one = {0, 0, 256, 1};
        ok = blit_probe(src, &one, row, m) == 0;
        for (int i = 0; ok && i < 256; i++) {
            Uint32 p = ((Uint32 *)row->pixels)[i];
            mul[i][m] = mul[m][i] = (Uint8)(255 - (p & 255));
            if (i == 0 && m == 1)
                mul_x = p & 0xFF000000u;
        }
    }
    for (int i = 0; i < 256; i++) {
        mul[i][0] = mul[0][i] = 0;
        mul[i][255] = mul[255][i] = (Uint8)i;
    }
    /* the whole formula against SDL's blitter, random pixels at some modulations */
    static const int ms[] = {1, 2, 7, 64, 127, 128, 129, 200, 253, 254};
    Uint32 seed = 12345;
    for (size_t k = 0; ok && k < 16 * sizeof ms / sizeof ms[0]; k++) {
        for (int i = 0; i < 256 * 16; i++) {
            seed = seed * 1103515245u + 12345u;
            Uint32 s1 = seed;
            seed = seed * 1103515245u + 12345u;
            Uint32 d1 = seed ^ (seed >> 13);
            /* alpha: every value in turn; colour and destination random */
            s1 = ((Uint32)(i & 255) << 24) | (s1 >> 8);
            ((Uint32 *)((Uint8 *)src->pixels + (size_t)(i / 256) * (size_t)src->pitch))[i % 256] = s1;
            ((Uint32 *)((Uint8 *)dst->pixels + (size_t)(i / 256) * (size_t)dst->pitch))[i % 256] = d1;
            ((Uint32 *)((Uint8 *)before->pixels + (size_t)(i / 256) * (size_t)before->pitch))[i % 256] = d1;
        }
        ok = blit_probe(src, NULL, dst, ms[k / 16]) == 0;
        for (int i = 0; ok && i < 256 * 16; i++) {
            size_t y = (size_t)(i / 256), x = (size_t)(i % 256);
            Uint32 s1 = ((Uint32 *)((Uint8 *)src->pixels + y * (size_t)src->pitch))[x];
            Uint32 d0 = ((Uint32 *)((Uint8 *)before->pixels + y * (size_t)before->pitch))[x];
            Uint32 d1 = ((Uint32 *)((Uint8 *)dst->pixels + y * (size_t)dst->pitch))[x];
            ok = faded_px(s1, d0, ms[k / 16]) == d1;
        }
    }
    SDL_FreeSurface(before);
    SDL_FreeSurface(src);
    SDL_FreeSurface(dst);
    SDL_FreeSurface(row);
    mul_state = ok ? 1 : -1;
    return ok;
}

/* the pixels of texts drawn faded this frame (read back once: SDL keeps a texture's pixels
 * to itself) */
typedef struct text_px {
    unsigned long serial;
    int w, h, used;
    Uint32 *px;
} text_px;

#define NTEXT_PX 4
static text_px text_pxs[NTEXT_PX];

static text_px *find_text_px(unsigned long serial)
{
    for (int i = 0; i < NTEXT_PX; i++)
        if (text_pxs[i].px && text_pxs[i].serial == serial)
            return &text_pxs[i];
    return NULL;
}

/* whether a copy is one for the faded path: big enough to be worth it */
static int fades(const op *o)
{
    return o->kind == OP_COPY && o->c.a > 0 && o->c.a < 255 && (long)o->r.w * o->r.h >= 4096;
}

/* Reads back the pixels of text o, outside any clipping. */
static void read_text_px(const op *o)
{
    text_px *t = find_text_px(o->serial);
    if (t) {
        t->used = 1;
        return;
    }
    Uint32 fmt;
    int w, h;
    if (SDL_QueryTexture(o->tex, &fmt, NULL, &w, &h) != 0 || fmt != SDL_PIXELFORMAT_ARGB8888 || w != o->r.w ||
        h != o->r.h)
        return;
    /* memory: at most a sixteenth of the window's pixels in all (the banner's text, not a
     * question's paragraph) */
    long budget = (long)screen.w * screen.h / 16, total = (long)w * h;
    for (int i = 0; i < NTEXT_PX; i++)
        if (text_pxs[i].px && text_pxs[i].used)
            total += (long)text_pxs[i].w * text_pxs[i].h;
    if (total > budget)
        return;
    for (int i = 0; i < NTEXT_PX && !t; i++)
        if (!text_pxs[i].used)
            t = &text_pxs[i];
    if (!t)
        return;
    free(t->px);
    t->px = NULL;
    enum { BAND = 32 };
    int bh = h < BAND ? h : BAND;
    SDL_Texture *tgt = SDL_CreateTexture(R, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, bh);
    if (!tgt)
        return;
    Uint32 *px = xmalloc(sizeof *px * (size_t)w * (size_t)h);
    int ok = SDL_SetRenderTarget(R, tgt) == 0;
    if (ok) {
        /* a band of rows at a time, so only a band more is held while reading */
        SDL_SetTextureBlendMode(o->tex, SDL_BLENDMODE_NONE);
        SDL_SetTextureAlphaMod(o->tex, 255);
        for (int y = 0; ok && y < h; y += bh) {
            int n = h - y < bh ? h - y : bh;
            SDL_Rect src = {0, y, w, n}, dst = {0, 0, w, n};
            ok = SDL_RenderCopy(R, o->tex, &src, &dst) == 0 &&
                 SDL_RenderReadPixels(R, &dst, SDL_PIXELFORMAT_ARGB8888, px + (size_t)y * (size_t)w, w * 4) == 0;
        }
        SDL_SetTextureBlendMode(o->tex, SDL_BLENDMODE_BLEND);
        ok = SDL_SetRenderTarget(R, NULL) == 0 && ok;
    }
    SDL_DestroyTexture(tgt);
    if (!ok) {
        free(px);
        return;
    }
    t->px = px;
    t->serial = o->serial;
    t->w = w;
    t->h = h;
    t->used = 1;
}

static void text_px_sweep(void)
{
    for (int i = 0; i < NTEXT_PX; i++) {
        if (!text_pxs[i].used) {
            free(text_pxs[i].px);
            text_pxs[i].px = NULL;
        }
        text_pxs[i].used = 0;
    }
}

/* A text copied with an alpha modulation, as SDL's blitter would; 0: left to SDL. */
static int fast_copy(const op *o, SDL_Rect clip)
{
    if (!fades(o))
        return 0;
    const text_px *t = find_text_px(o->serial);
    if (!t || t->w != o->r.w || t->h != o->r.h || !mul_ready())
        return 0;
    SDL_Rect b = isect(isect(o->r, clip), screen);
    if (o->clip_on)
        b = isect(b, o->clip);
    if (b.w <= 0 || b.h <= 0)
        return 1;
    SDL_Surface *s = window_pixels();
    if (!s)
        return 0;
    int m = o->c.a;
    for (int y = b.y; y < b.y + b.h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch) + b.x;
        const Uint32 *src = t->px + (size_t)(y - o->r.y) * (size_t)t->w + (b.x - o->r.x);
        Uint32 ls = ~src[0], ld = 0, lo = 0;
        for (int x = 0; x < b.w; x++) {
            Uint32 sp = src[x], dp = row[x];
            if (sp != ls || dp != ld) {
                ls = sp;
                ld = dp;
                lo = faded_px(sp, dp, m);
            }
            row[x] = lo;
        }
    }
    return 1;
}

/* Draws op o, clipped to clip (the screen, or a dirty box). */
static void draw_op(const op *o, SDL_Rect clip, int clipping)
{
    switch (o->kind) {
    case OP_GRADIENT:
        gradient(o, clip);
        break;
    case OP_FILL:
        if (exact_paths && fast_fill(o, clip))
            break;
        SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(R, o->c.r, o->c.g, o->c.b, o->c.a);
        SDL_RenderFillRect(R, &o->r);
        break;
    case OP_FAN:
        if (exact_paths)
            fast_fan(o, clip);
        else
            sdl_fan(o);
        break;
    case OP_COPY:
        if (exact_paths && fast_copy(o, clip))
            break;
        SDL_SetTextureAlphaMod(o->tex, o->c.a);
        if (o->clip_on) {
            SDL_Rect c = clipping ? isect(clip, o->clip) : o->clip;
            if (c.w <= 0 || c.h <= 0)
                break;
            SDL_RenderSetClipRect(R, &c);
            SDL_RenderCopy(R, o->tex, NULL, &o->r);
            if (clipping)
                SDL_RenderSetClipRect(R, &clip);
            else
                SDL_RenderSetClipRect(R, NULL);
        } else {
            SDL_RenderCopy(R, o->tex, NULL, &o->r);
        }
        break;
    }
}

/* dirty boxes of this frame */
#define MAX_DIRTY 24
static SDL_Rect dirty[MAX_DIRTY];
static int ndirty;

static long area_of(SDL_Rect r)
{
    return (long)r.w * r.h;
}

static SDL_Rect union_of(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect o;
    SDL_UnionRect(&a, &b, &o);
    return o;
}

/* Adds a dirty box, merging it with one it overlaps or nearly touches; when there are too
 * many, the two whose union wastes least become one. */
static void add_dirty(SDL_Rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    for (int i = 0; i < ndirty; i++) {
        SDL_Rect u = union_of(dirty[i], r);
        if (area_of(u) <= area_of(dirty[i]) + area_of(r) + 4096) {
            dirty[i] = u;
            /* the bigger box may now reach others */
            SDL_Rect m = dirty[i];
            dirty[i] = dirty[--ndirty];
            add_dirty(m);
            return;
        }
    }
    if (ndirty == MAX_DIRTY) {
        int bi = 0, bj = 1;
        long best = -1;
        for (int i = 0; i < ndirty; i++)
            for (int j = i + 1; j < ndirty; j++) {
                long waste = area_of(union_of(dirty[i], dirty[j])) - area_of(dirty[i]) - area_of(dirty[j]);
                if (best < 0 || waste < best) {
                    best = waste;
                    bi = i;
                    bj = j;
                }
            }
        dirty[bi] = union_of(dirty[bi], dirty[bj]);
        dirty[bj] = dirty[--ndirty];
    }
    dirty[ndirty++] = r;
}

/* Whether two primitives draw the same pixels (their keys are equal: this rules out a
 * collision of the hashes). */
static int same_op(const dlist *la, const op *a, const dlist *lb, const op *b)
{
    if (a->key != b->key || a->kind != b->kind || memcmp(&a->c, &b->c, sizeof a->c) != 0 ||
        memcmp(&a->box, &b->box, sizeof a->box) != 0 || memcmp(&a->r, &b->r, sizeof a->r) != 0 ||
        a->clip_on != b->clip_on || (a->clip_on && memcmp(&a->clip, &b->clip, sizeof a->clip) != 0) ||
        a->serial != b->serial || a->n != b->n)
        return 0;
    return a->kind != OP_FAN ||
           memcmp(&la->pts[a->first], &lb->pts[b->first], sizeof *la->pts * 2 * (size_t)(a->n + 1)) == 0;
}

/* Matches the new list with the old one in order (a common subsequence of identical
 * primitives; any will do for correctness, a long one keeps the dirty boxes small) and marks
 * the boxes of the rest dirty. */
static void diff_lists(const dlist *old, dlist *nw)
{
    enum { LOOK = 48 };
    int i = 0, j = 0;
    while (i < old->n || j < nw->n) {
        if (i < old->n && j < nw->n && same_op(old, &old->ops[i], nw, &nw->ops[j])) {
            i++;
            j++;
            continue;
        }
        /* the nearest resynchronisation: skip a few old ones, or a few new ones */
        int si = -1, sj = -1;
        for (int d = 1; d <= LOOK && si < 0 && sj < 0; d++) {
            if (j < nw->n && i + d < old->n && same_op(old, &old->ops[i + d], nw, &nw->ops[j]))
                si = d;
            else if (i < old->n && j + d < nw->n && same_op(old, &old->ops[i], nw, &nw->ops[j + d]))
                sj = d;
        }
        if (si > 0) {
            for (int k = 0; k < si; k++)
                add_dirty(old->ops[i + k].box);
            i += si;
        } else if (sj > 0) {
            for (int k = 0; k < sj; k++) {
                add_dirty(nw->ops[j + k].box);
                nw->ops[j + k].changed = 1;
            }
            j += sj;
        } else {
            if (i < old->n)
                add_dirty(old->ops[i++].box);
            if (j < nw->n) {
                nw->ops[j].changed = 1;
                add_dirty(nw->ops[j++].box);
            }
        }
    }
}

static void list_begin(void)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(R, &w, &h);
    screen = (SDL_Rect){0, 0, w, h};
    cur = !cur;
    lists[cur].n = 0;
    lists[cur].npts = 0;
}

/* ---- cached layers ----
 *
 * What lies under something that changes frame after frame (the streak banner fading over the
 * choices, the countdown's bar over its track) is kept as pixels. When a dirty box is drawn
 * from its first primitive on, its pixels are read back just before the first primitive in it
 * that changed this frame. In a later frame, a dirty box inside that region whose primitives up
 * to that point are the same ones (compared as the diff compares them) is restored from those
 * pixels (a copy) and only the primitives after that point are drawn: the same pixels as
 * drawing them all, since a box's pixels are decided by the primitives that touch it, in
 * order. Software renderer only; at most a sixth of the window's pixels in all; a region not
 * used in a drawn frame is freed. */

#define NCACHES 8

typedef struct layer {
    SDL_Texture *tex;
    int tw, th;
    /* the region (w == 0: none) */
    SDL_Rect r;
    /* copies of the primitives drawn in it, those that touch it, in order */
    dlist under;
    int used;
} layer;

static layer caches[NCACHES];

static int touches(const op *o, SDL_Rect r)
{
    if (o->box.w <= 0 || o->box.h <= 0)
        return 0;
    SDL_Rect b = isect(o->box, r);
    return b.w > 0 && b.h > 0;
}

static int contains(SDL_Rect outer, SDL_Rect in)
{
    return in.x >= outer.x && in.y >= outer.y && in.x + in.w <= outer.x + outer.w && in.y + in.h <= outer.y + outer.h;
}

/* The cached region box d can be restored from (its primitives up to *from the same ones as
 * when it was kept; marked used), or -1. */
static int cache_find(const dlist *nw, SDL_Rect d, int *from)
{
    for (int s = 0; s < NCACHES; s++) {
        layer *c = &caches[s];
        if (c->r.w <= 0 || !c->tex || !contains(c->r, d))
            continue;
        int m = 0, split = -1, differs = 0;
        for (int i = 0; i < nw->n && split < 0 && !differs; i++) {
            const op *o = &nw->ops[i];
            if (!touches(o, c->r))
                continue;
            if (m == c->under.n)
                split = i;
            else if (same_op(&c->under, &c->under.ops[m], nw, o))
                m++;
            else
                differs = 1;
        }
        if (differs)
            continue;
        c->used = 1;
        *from = split < 0 ? nw->n : split;
        return s;
    }
    return -1;
}

static int cache_restore(int s, SDL_Rect d)
{
    layer *c = &caches[s];
    SDL_Rect src = {d.x - c->r.x, d.y - c->r.y, d.w, d.h};
    return SDL_RenderCopy(R, c->tex, &src, &d) == 0;
}

/* Where box d's pixels are worth keeping: before the first primitive in it that changed this
 * frame, when one that did not (other than the background) comes before it; -1: nowhere. */
static int cache_point(const dlist *nw, SDL_Rect d)
{
    int seen = 0;
    for (int i = 0; i < nw->n; i++) {
        const op *o = &nw->ops[i];
        if (!touches(o, d))
            continue;
        if (o->changed)
            return seen ? i : -1;
        /* the background alone is drawn again as cheaply as copied */
        if (o->kind != OP_GRADIENT)
            seen = 1;
    }
    return -1;
}

static void cache_free(layer *c)
{
    if (c->tex)
        SDL_DestroyTexture(c->tex);
    c->tex = NULL;
    c->tw = c->th = 0;
    c->r.w = 0;
}

/* Keeps box d's pixels as they are now, drawn up to primitive k. */
static void cache_take(const dlist *nw, SDL_Rect d, int k)
{
    long budget = area_of(screen) / 6;
    if (area_of(d) > budget)
        return;
    Uint32 fmt = SDL_GetWindowPixelFormat(SDL_RenderGetWindow(R));
    if (fmt == SDL_PIXELFORMAT_UNKNOWN || SDL_BYTESPERPIXEL(fmt) != 4)
        return;
    layer *c = NULL;
    for (int s = 0; s < NCACHES; s++) {
        layer *e = &caches[s];
        if (e->used)
            continue;
        /* one of the same size, else an empty one, else any */
        if (!c || (e->tex && e->tw == d.w && e->th == d.h) || (!e->tex && !(c->tex && c->tw == d.w && c->th == d.h)))
            c = e;
    }
    if (!c)
        return;
    if (c->tex && (c->tw != d.w || c->th != d.h))
        cache_free(c);
    long total = c->tex ? (long)c->tw * c->th : area_of(d);
    for (int s = 0; s < NCACHES; s++)
        if (&caches[s] != c)
            total += (long)caches[s].tw * caches[s].th;
    for (int s = 0; s < NCACHES && total > budget; s++) {
        layer *e = &caches[s];
        if (e != c && !e->used && e->tex) {
            total -= (long)e->tw * e->th;
            cache_free(e);
        }
    }
    if (total > budget)
        return;
    if (!c->tex) {
        c->tex = SDL_CreateTexture(R, fmt, SDL_TEXTUREACCESS_STREAMING, d.w, d.h);
        if (!c->tex)
            return;
        c->tw = d.w;
        c->th = d.h;
        SDL_SetTextureBlendMode(c->tex, SDL_BLENDMODE_NONE);
    }
    void *pixels;
    int pitch;
    SDL_Rect all = {0, 0, d.w, d.h};
    if (SDL_LockTexture(c->tex, &all, &pixels, &pitch) != 0) {
        cache_free(c);
        return;
    }
    int ok = SDL_RenderReadPixels(R, &d, fmt, pixels, pitch) == 0;
    SDL_UnlockTexture(c->tex);
    if (!ok) {
        cache_free(c);
        return;
    }
    dlist *u = &c->under;
    u->n = 0;
    u->npts = 0;
    for (int i = 0; i < k; i++) {
        const op *o = &nw->ops[i];
        if (!touches(o, d))
            continue;
        op *q = dlist_add(u);
        *q = *o;
        if (o->kind == OP_FAN) {
            int np = 2 * (o->n + 1);
            memcpy(dlist_pts(u, np), nw->pts + o->first, sizeof *u->pts * (size_t)np);
            q->first = u->npts;
            u->npts += np;
        }
    }
    c->r = d;
    c->used = 1;
}

/* Splits dirty box d into bands of rows, so that the first primitive that changed in a band
 * touches all of its rows (the countdown's bar changes under the top rows of the banner: the
 * rows below keep what is under the banner); appends them to out, at most max in all. */
static int split_rows(const dlist *nw, SDL_Rect d, SDL_Rect *out, int n, int max)
{
    const op *first = NULL;
    for (int i = 0; i < nw->n && !first; i++)
        if (nw->ops[i].changed && touches(&nw->ops[i], d))
            first = &nw->ops[i];
    int y0 = first ? first->box.y : d.y, y1 = first ? first->box.y + first->box.h : d.y + d.h;
    y0 = y0 > d.y ? y0 : d.y;
    y1 = y1 < d.y + d.h ? y1 : d.y + d.h;
    if ((y0 == d.y && y1 == d.y + d.h) || n + 3 > max) {
        out[n++] = d;
        return n;
    }
    if (y0 > d.y)
        n = split_rows(nw, (SDL_Rect){d.x, d.y, d.w, y0 - d.y}, out, n, max - 2);
    out[n++] = (SDL_Rect){d.x, y0, d.w, y1 - y0};
    if (y1 < d.y + d.h)
        n = split_rows(nw, (SDL_Rect){d.x, y1, d.w, d.y + d.h - y1}, out, n, max);
    return n;
}

/* End of a drawn frame: regions not used in it are freed. */
static void cache_sweep(void)
{
    for (int s = 0; s < NCACHES; s++) {
        if (!caches[s].used)
            cache_free(&caches[s]);
        caches[s].used = 0;
    }
}

/* Draws the list (the changes, or all of it); returns 0 when it is the one already drawn. */
/* Whether r is SDL's software renderer: asked once per renderer (the game draws with one for
 * its whole life), not every frame. */
static int is_software(SDL_Renderer *r)
{
    static SDL_Renderer *asked;
    static int soft;
    if (r != asked) {
        SDL_RendererInfo info;
        soft = SDL_GetRendererInfo(r, &info) == 0 && info.name && strcmp(info.name, "software") == 0;
        asked = r;
    }
    return soft;
}

static int list_draw(void)
{
    keeps_pixels = is_software(R) && !SDL_GetRenderTarget(R);
    float sx = 1, sy = 1;
    SDL_RenderGetScale(R, &sx, &sy);
    SDL_Rect vp;
    SDL_RenderGetViewport(R, &vp);
    exact_paths = keeps_pixels && sx == 1 && sy == 1 && vp.x == 0 && vp.y == 0;
    SDL_Rect scr = screen;
    dlist *nw = &lists[cur];
    const dlist *old = &lists[!cur];
    ndirty = 0;
    /* the diff says which primitives changed: the cached layers need it */
    int same_screen = shown_valid && shown_w == scr.w && shown_h == scr.h;
    int caching = same_screen && exact_paths;
    if (same_screen) {
        diff_lists(old, nw);
        if (ndirty == 0)
            return 0;
    }
    if (keeps_pixels && same_screen) {
        long total = 0;
        for (int i = 0; i < ndirty; i++)
            total += area_of(dirty[i]);
        if (total > area_of(scr) / 2) {
            ndirty = 1;
            dirty[0] = scr;
        }
    } else {
        /* everything: the screen's pixels are not known, or the renderer does not keep them */
        ndirty = 1;
        dirty[0] = scr;
    }
    if (exact_paths)
        for (int i = 0; i < nw->n; i++)
            if (fades(&nw->ops[i]))
                for (int d = 0; d < ndirty; d++)
                    if (touches(&nw->ops[i], dirty[d])) {
                        read_text_px(&nw->ops[i]);
                        break;
                    }
    SDL_Rect boxes[4 * MAX_DIRTY];
    int nboxes = 0;
    for (int d = 0; d < ndirty; d++) {
        if (caching)
            nboxes = split_rows(nw, dirty[d], boxes, nboxes, (int)(sizeof boxes / sizeof boxes[0]) - (ndirty - 1 - d));
        else
            boxes[nboxes++] = dirty[d];
    }
    /* the regions to restore from, first (so that a region kept now never takes their place) */
    int found[4 * MAX_DIRTY], froms[4 * MAX_DIRTY];
    for (int d = 0; d < nboxes; d++) {
        froms[d] = 0;
        found[d] = caching ? cache_find(nw, isect(boxes[d], scr), &froms[d]) : -1;
    }
    for (int d = 0; d < nboxes; d++) {
        SDL_Rect clip = isect(boxes[d], scr);
        if (clip.w <= 0 || clip.h <= 0)
            continue;
        int clipping = keeps_pixels;
        if (clipping)
            SDL_RenderSetClipRect(R, &clip);
        int from = 0, take = -1;
        if (found[d] >= 0 && cache_restore(found[d], clip))
            from = froms[d];
        else if (caching)
            take = cache_point(nw, clip);
        for (int i = from; i < nw->n; i++) {
            const op *o = &nw->ops[i];
            if (i == take)
                cache_take(nw, clip, i);
            if (o->box.w <= 0 || o->box.h <= 0)
                continue;
            if (clipping) {
                SDL_Rect b = isect(o->box, clip);
                if (b.w <= 0 || b.h <= 0)
                    continue;
            }
            draw_op(o, clip, clipping);
        }
        if (clipping)
            SDL_RenderSetClipRect(R, NULL);
    }
    cache_sweep();
    text_px_sweep();
    shown_valid = 1;
    shown_w = scr.w;
    shown_h = scr.h;
    return 1;
}

void render_invalidate(void)
{
    shown_valid = 0;
    for (int s = 0; s < NCACHES; s++)
        caches[s].r.w = 0;
}

static void fill_round(rect r, int rad, SDL_Color c)
{
    if (rad * 2 > r.w)
        rad = r.w / 2;
    if (rad * 2 > r.h)
        rad = r.h / 2;
    if (rad < 2) {
        fill_rect(r, c);
        return;
    }
    enum { SEG = 8 };
    float xy[2 * 4 * (SEG + 1)];
    int k = 0;
    float cxs[4] = {r.x + r.w - rad, r.x + rad, r.x + rad, r.x + r.w - rad};
    float cys[4] = {r.y + rad, r.y + rad, r.y + r.h - rad, r.y + r.h - rad};
    for (int q = 0; q < 4; q++) {
        for (int i = 0; i <= SEG; i++) {
            float a = (float)(-M_PI / 2 * q - M_PI / 2 * i / SEG);
            xy[k++] = cxs[q] + rad * cosf(a);
            xy[k++] = cys[q] + rad * sinf(a);
        }
    }
    fill_fan(r.x + r.w / 2.0f, r.y + r.h / 2.0f, xy, k / 2, c);
}

static void outline_round(rect r, int rad, int thick, SDL_Color c, SDL_Color inner)
{
    fill_round(r, rad, c);
    fill_round(rect_inset(r, thick), rad > thick ? rad - thick : 0, inner);
}

static void fill_shape(enum shape s, float cx, float cy, float size, SDL_Color c)
{
    float h = size / 2;
    float xy[64];
    switch (s) {
    case SHAPE_TRIANGLE: {
        float t[] = {cx, cy - h, cx + h * 1.1f, cy + h * 0.85f, cx - h * 1.1f, cy + h * 0.85f};
        fill_fan(cx, cy + h * 0.2f, t, 3, c);
        break;
    }
    case SHAPE_DIAMOND: {
        /* two triangles (the software renderer mis-fills a fan of this one) */
        float d = h * 1.1f;
        float top[] = {cx - d, cy, cx, cy - d, cx + d, cy};
        float bottom[] = {cx + d, cy, cx, cy + d, cx - d, cy};
        fill_fan(cx, cy - d / 2, top, 3, c);
        fill_fan(cx, cy + d / 2, bottom, 3, c);
        break;
    }
    case SHAPE_CIRCLE:
        for (int i = 0; i < 32; i++) {
            float a = (float)(2 * M_PI * i / 32);
            xy[2 * i] = cx + h * cosf(a);
            xy[2 * i + 1] = cy + h * sinf(a);
        }
        fill_fan(cx, cy, xy, 32, c);
        break;
    case SHAPE_SQUARE: {
        float q = h * 0.9f;
        float t[] = {cx - q, cy - q, cx + q, cy - q, cx + q, cy + q, cx - q, cy + q};
        fill_fan(cx, cy, t, 4, c);
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
    fill_fan((x0 + x1) / 2, (y0 + y1) / 2, xy, 4, c);
}

static void draw_check(float cx, float cy, float s, SDL_Color c)
{
    float w = s * 0.2f;
    thick_line(cx - s * 0.45f, cy, cx - s * 0.12f, cy + s * 0.33f, w, c);
    thick_line(cx - s * 0.17f, cy + s * 0.33f, cx + s * 0.48f, cy - s * 0.38f, w, c);
}

static void draw_cross(float cx, float cy, float s, SDL_Color c)
{
    float w = s * 0.2f, h = s * 0.38f;
    thick_line(cx - h, cy - h, cx + h, cy + h, w, c);
    thick_line(cx - h, cy + h, cx + h, cy - h, w, c);
}

/* A clock face (timeout marker): ring and two hands. */
static void draw_clock(float cx, float cy, float s, SDL_Color c, SDL_Color bg)
{
    fill_shape(SHAPE_CIRCLE, cx, cy, s, c);
    fill_shape(SHAPE_CIRCLE, cx, cy, s * 0.7f, bg);
    thick_line(cx, cy, cx, cy - s * 0.26f, s * 0.1f, c);
    thick_line(cx, cy, cx + s * 0.2f, cy, s * 0.1f, c);
}

/* ---- text ---- */

/* Draws one line; x is the left, centre or right edge per align; y is the top. Returns width. */
static int draw_line(font_face f, int size, SDL_Color c, const char *s, int x, int y, text_align a)
{
    if (size < MIN_TEXT_PX)
        size = MIN_TEXT_PX;
    const text_tex *t = text_get(f, size, (SDL_Color){c.r, c.g, c.b, 255}, s, 0, ALIGN_LEFT);
    if (!t || !t->tex)
        return 0;
    SDL_Rect d = {x, y, t->w, t->h};
    if (a == ALIGN_CENTER)
        d.x = x - t->w / 2;
    else if (a == ALIGN_RIGHT)
        d.x = x - t->w;
    copy_text(t, d, c.a, NULL);
    return t->w;
}

/* Draws s wrapped and shrunk to fit box (never cut off above the floor min_px).
 * valign: 0 top, 1 middle. */
static int draw_fit(font_face f, SDL_Color c, const char *s, rect box, int max_px, int min_px, text_align a,
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
    if (!t || !t->tex)
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
        copy_text(t, d, c.a, &clip);
    } else {
        copy_text(t, d, c.a, NULL);
    }
    return t->w;
}

/* One line that never wraps: shrunk to fit box.w down to min_px, then cut with an ellipsis.
 * valign 1 centres it in box.h. */
static void draw_fit_line(font_face f, SDL_Color c, const char *s, rect box, int max_px, int min_px, text_align a,
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

static void upper(char *dst, size_t n, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++)
        dst[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    dst[i] = 0;
}

/* ---- shared pieces ---- */

static void background(const game *g)
{
    background_op(g->lay.w, g->lay.h);
}

static int shown_score(const game *g)
{
    float t = (float)(g->now - g->score_t0) / ANIM_SCORE_MS;
    if (t >= 1)
        return g->score;
    return g->score_from + (int)((g->score - g->score_from) * ease(t));
}

static void fmt_score(char *buf, size_t n, int v)
{
    /* thin groups of three: 12 480 */
    char raw[32];
    snprintf(raw, sizeof raw, "%d", v < 0 ? -v : v);
    size_t len = strlen(raw), k = 0;
    if (v < 0 && k + 1 < n)
        buf[k++] = '-';
    for (size_t i = 0; i < len && k + 2 < n; i++) {
        buf[k++] = raw[i];
        if ((len - 1 - i) % 3 == 0 && i + 1 < len)
            buf[k++] = ' ';
    }
    buf[k] = 0;
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
    draw_fit(FACE_BOLD, C_MUTED, buf, title_box, size, px(20), ALIGN_LEFT, 0);
    snprintf(buf, sizeof buf, "%d / %d", g->qi + 1, g->nq);
    int cx = l->portrait ? l->topbar.x + l->topbar.w * 5 / 8 - px(40) : l->topbar.x + l->topbar.w / 2;
    draw_line(FACE_BOLD, size, C_TEXT, buf, cx, ty, ALIGN_CENTER);
    fmt_score(buf, sizeof buf, shown_score(g));
    draw_line(FACE_BOLD, px(44), C_TEXT, buf, l->score.x + l->score.w, l->score.y + (l->score.h - px(44) * 1.2f) / 2,
              ALIGN_RIGHT);
    /* streak pill: shown from a streak of 2; pulses at a milestone */
    if (g->streak >= 2) {
        int m10 = score_multiplier10(&g->opts.rules, g->streak);
        snprintf(buf, sizeof buf, "x%d.%d \xC2\xB7 streak %d", m10 / 10, m10 % 10, g->streak);
        float pulse = 0;
        if (g->banner[0] && g->now - g->banner_t0 < 600)
            pulse = sinf((float)(g->now - g->banner_t0) / 600.0f * (float)M_PI) * 0.12f;
        int tw, th;
        text_measure(FACE_BOLD, px(30), buf, 0, &tw, &th);
        rect p = l->pill;
        int pw = tw + px(40);
        rect pr = {p.x + p.w - pw, p.y, pw, p.h};
        pr.x -= (int)(pr.w * pulse / 2);
        pr.y -= (int)(pr.h * pulse / 2);
        pr.w += (int)(pr.w * pulse);
        pr.h += (int)(pr.h * pulse);
        fill_round(pr, pr.h / 2, m10 >= 20 ? C_YELLOW : C_ORANGE);
        draw_line(FACE_BOLD, px(30), C_DARK, buf, pr.x + pr.w / 2, pr.y + (pr.h - th) / 2, ALIGN_CENTER);
    }
}

static void key_label(const game *g, int i, char *buf, size_t n)
{
    static const char *const pad[4] = {"A", "B", "X", "Y"};
    if (g->last_dev == DEV_PAD)
        snprintf(buf, n, "%s", pad[i]);
    else
        snprintf(buf, n, "%d", i + 1);
}

/* One choice button. state: 0 normal, 1 right (reveal), 2 wrong pick (reveal). */
static void draw_choice(const game *g, int i, rect r, const char *text, int state, float a, const char *badge)
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
    int x = r.x + px(28);
    float cy = r.y + r.h / 2.0f;
    if (state == 1)
        draw_check(x + icon / 2.0f, cy, icon, alpha(C_TEXT, a));
    else if (state == 2)
        draw_cross(x + icon / 2.0f, cy, icon, alpha(C_TEXT, a));
    else
        fill_shape((enum shape)i, x + icon / 2.0f, cy, icon * 0.8f, alpha(C_TEXT, a));
    x += icon + px(20);
    /* key label in a white rounded square, coloured like the button */
    int ks = icon;
    rect kr = {x, (int)(cy - ks / 2.0f), ks, ks};
    fill_round(kr, px(10), alpha(C_TEXT, a));
    char kl[16];
    key_label(g, i, kl, sizeof kl);
    int ksz = ks * 62 / 100;
    draw_line(FACE_BOLD, ksz, alpha(fill, a), kl, kr.x + ks / 2, kr.y + (ks - ksz * 117 / 100) / 2, ALIGN_CENTER);
    x += ks + px(24);
    int top_pad = badge ? px(44) : px(14);
    rect tb = {x, r.y + top_pad, r.x + r.w - px(22) - x, r.h - top_pad - px(14)};
    draw_fit(FACE_BOLD, alpha(tc, a), text, tb, px(40), px(18), ALIGN_LEFT, 1);
    if (badge)
        draw_line(FACE_BOLD, px(28), alpha(tc, a), badge, r.x + r.w - px(20), r.y + px(10), ALIGN_RIGHT);
}

static void question_card(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    const card *c = &g->decks[g->deck_sel]->cards[q->card];
    float t = ease((float)(g->clock - g->scene_t0) / ANIM_SLIDE_MS);
    rect r = l->card;
    fill_round(r, px(26), C_CARD);
    char meta[160];
    char lv[16];
    upper(lv, sizeof lv, level_name(c->level));
    int k = snprintf(meta, sizeof meta, "%s", lv);
    for (int i = 0; i < c->ntags && k < (int)sizeof meta - 8; i++)
        k += snprintf(meta + k, sizeof meta - (size_t)k, "  \xC2\xB7  %s", c->tags[i]);
    rect mb = {r.x + px(40), r.y + px(28), r.w - px(80), px(34)};
    draw_fit(FACE_REGULAR, alpha(C_SKY, t), meta, mb, px(26), px(16), ALIGN_LEFT, 0);
    rect qb = {r.x + px(40), r.y + px(76), r.w - px(80), r.h - px(76) - px(26)};
    if (c->hint) {
        /* the card's hint: its room is kept from the start (the question never reflows); it
         * shows from half the countdown on (game_hint_shown) and on the reveal. A pill says
         * HINT, the text wraps beside it. */
        int hh = qb.h * 42 / 100;
        qb.h -= hh + px(8);
        rect hb = {qb.x, qb.y + qb.h + px(8), qb.w, hh};
        int shown = game_hint_shown(g) || g->scene == SCENE_REVEAL;
        const char *label = shown ? "HINT" : "HINT AT HALF TIME";
        int ph = hh < px(40) ? hh : px(40), lw, lh;
        int lsz = ph * 6 / 10 > MIN_TEXT_PX ? ph * 6 / 10 : MIN_TEXT_PX;
        if (ph < lsz + 4)
            ph = lsz + 4;
        text_measure(FACE_BOLD, lsz, label, 0, &lw, &lh);
        rect pill = {hb.x, hb.y, lw + ph, ph};
        if (pill.w > hb.w)
            pill.w = hb.w;
        fill_round(pill, ph / 2, alpha(shown ? C_ORANGE : C_TRACK, t));
        draw_fit_line(FACE_BOLD, alpha(shown ? C_DARK : C_MUTED, t), label, pill, lsz, lsz, ALIGN_CENTER, 1);
        if (shown) {
            rect tb = {pill.x + pill.w + px(14), hb.y, hb.w - pill.w - px(14), hb.h};
            draw_fit(FACE_REGULAR, alpha(C_TEXT, t), c->hint, tb, px(34), px(14), ALIGN_LEFT, 0);
        }
    }
    draw_fit(FACE_BOLD, alpha(C_TEXT, t), q->text, qb, px(58), px(24), ALIGN_LEFT, 0);
}

static void timer_bar(const game *g, float frac, int secs, int urgent)
{
    const layout *l = &g->lay;
    rect tr = l->timer;
    int label_w = px(80);
    rect track = {tr.x, tr.y, tr.w, tr.h};
    fill_round(track, tr.h / 2, C_TRACK);
    rect fill = track;
    fill.w = (int)((track.w - label_w) * clampf(frac, 0, 1));
    if (fill.w > 0)
        fill_round(fill, tr.h / 2, urgent ? C_VERMILLION : C_SKY);
    if (secs >= 0) {
        char buf[16];
        snprintf(buf, sizeof buf, "%d s", secs);
        int sz = px(30);
        draw_line(FACE_BOLD, sz, urgent ? RGB(0xFF, 0x9A, 0x5C) : C_TEXT, buf, fill.x + fill.w + px(12),
                  tr.y + tr.h / 2 - sz * 6 / 10, ALIGN_LEFT);
    }
}

/* ---- scenes ---- */

static void scene_question(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    topbar(g);
    question_card(g);
    game_view v;
    game_view_fill(g, &v);
    timer_bar(g, v.timer_frac, v.secs_left, v.urgent);
    if (v.secs_left < 0)
        return; /* the question shows alone; the bar fills up to announce the choices */
    uint32_t el = g->clock - g->choices_t0; /* the choices' slide-in */
    for (int i = 0; i < q->nchoices; i++) {
        float t = ease((float)(el - (uint32_t)(i * 40 < (int)el ? i * 40 : (int)el)) / ANIM_SLIDE_MS);
        rect r = l->choice[i];
        r.y += (int)((1 - t) * px(60));
        draw_choice(g, i, r, q->choices[i], 0, t, NULL);
    }
}

/* The line that says what the next press does, on every screen that waits for one. While the
 * screen's lock-out runs (a reveal's reading time) the words are dim and a bar under them fills;
 * when the screen goes on by itself (a kiosk), how soon is said after them. */
static void hint_line(const game *g, rect r, const char *keys, const char *pad)
{
    char buf[160];
    snprintf(buf, sizeof buf, "%s", g->last_dev == DEV_PAD ? pad : keys);
    uint32_t left = game_auto_in(g);
    if (left != UINT32_MAX) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, "  \xC2\xB7  on by itself in %u s", (unsigned)((left + 999) / 1000));
    }
    int locked = game_locked(g);
    int tw = draw_fit(FACE_REGULAR, locked ? alpha(C_MUTED, 0.45f) : C_MUTED, buf, r, px(26), px(14), ALIGN_RIGHT, 1);
    if (locked && g->lock_ms) {
        /* the reading time, filling up under the words it holds back */
        if (tw <= 0 || tw > r.w)
            tw = r.w;
        float f = (float)(g->clock - g->scene_t0) / (float)g->lock_ms;
        int bh = px(6) > 3 ? px(6) : 3;
        rect track = {r.x + r.w - tw, r.y + r.h - bh, tw, bh};
        fill_round(track, bh / 2, C_TRACK);
        track.w = (int)(track.w * clampf(f, 0, 1));
        if (track.w > bh)
            fill_round(track, bh / 2, C_SKY);
    }
}

static void scene_reveal(const game *g)
{
    const layout *l = &g->lay;
    const question *q = &g->qs[g->qi];
    const card *c = &g->decks[g->deck_sel]->cards[q->card];
    topbar(g);
    question_card(g);
    float t = ease((float)(g->clock - g->scene_t0) / ANIM_SLIDE_MS);
    game_view v;
    game_view_fill(g, &v);
    timer_bar(g, v.timer_frac, -1, 0);
    char badge[32];
    snprintf(badge, sizeof badge, "+%d", g->points[g->qi]);
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
            to.w = l->reveal_choice[1].x + l->reveal_choice[1].w - to.x;
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
        draw_choice(g, i, r, q->choices[i], right ? 1 : 2, 1, right ? (g->picked == i ? badge : "right answer") : "your pick");
    }
    /* flash over the screen on a right answer */
    float fl = (float)(g->clock - g->scene_t0) / ANIM_FLASH_MS;
    if (fl < 1 && g->picked == q->correct)
        fill_rect((rect){0, 0, l->w, l->h}, alpha(C_GREEN, 0.18f * (1 - fl)));
    /* the explanation panel */
    rect p = l->why;
    p.y += (int)((1 - t) * px(40));
    outline_round(p, px(18), px(3), C_TRACK, C_PANEL);
    int pad = px(32);
    const char *head = g->picked < 0 ? "TIME'S UP  \xC2\xB7  WHY" : g->picked == q->correct ? "RIGHT!  \xC2\xB7  WHY" : "NOT QUITE  \xC2\xB7  WHY";
    draw_line(FACE_BOLD, px(30), g->picked == q->correct ? C_YELLOW : RGB(0xFF, 0x9A, 0x5C), head, p.x + pad, p.y + px(20),
              ALIGN_LEFT);
    char fallback[256];
    snprintf(fallback, sizeof fallback, "The right answer: %s", q->choices[q->correct]);
    const char *why = c->explanation ? c->explanation : fallback;
    rect wb = {p.x + pad, p.y + px(66), p.w - 2 * pad, p.h - px(66) - px(56)};
    draw_fit(FACE_REGULAR, C_TEXT, why, wb, px(32), px(16), ALIGN_LEFT, 0);
    int last = g->qi + 1 >= g->nq;
    rect hb = {p.x + pad, p.y + p.h - px(50), p.w - 2 * pad, px(40)};
    if (g->mode != MODE_DEMO)
        hint_line(g, hb, last ? "Enter / tap: see results" : "Enter / tap: next question",
                  last ? "A: see results" : "A: next question");
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

/* Short local date of a score: "14:05" on today's board, "1 Dec" (this year) or "1 Dec 2025". */
static void fmt_when(char *buf, size_t n, int64_t when, int64_t now, score_board which)
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t = (time_t)when, tn = (time_t)now;
    struct tm a, b;
    if (!localtime_r(&t, &a) || !localtime_r(&tn, &b)) {
        snprintf(buf, n, "?");
        return;
    }
    if (which == BOARD_TODAY)
        snprintf(buf, n, "%02d:%02d", a.tm_hour, a.tm_min);
    else if (a.tm_year == b.tm_year)
        snprintf(buf, n, "%d %s", a.tm_mday, mon[a.tm_mon]);
    else
        snprintf(buf, n, "%d %s %d", a.tm_mday, mon[a.tm_mon], a.tm_year + 1900);
}

/* A board of the high-score table: rank, name, score, then as width allows right/total,
 * best streak and the date. highlight marks this round's entry. */
static void draw_board(const game *g, rect r, score_board which, const char *title, int highlight, int rows)
{
    fill_round(r, px(20), C_CARD);
    int pad = px(24);
    int y = r.y + pad;
    if (title && *title) {
        draw_line(FACE_BOLD, px(30), C_SKY, title, r.x + pad, r.y + px(18), ALIGN_LEFT);
        y = r.y + px(70);
    }
    char key[SCORES_DECK_BYTES];
    game_deck_key(g->decks[g->deck_sel], key, sizeof key);
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = scores_top(g->table, key, which, g->wall, top, rows);
    int avail = r.y + r.h - pad - y;
    int rh = rows ? avail * 10 / (rows * 10 + 6) : avail; /* the header takes about 0.6 row */
    if (rh > px(64))
        rh = px(64);
    int sz = rh * 56 / 100;
    if (n == 0) {
        rect e = {r.x + pad, y, r.w - 2 * pad, r.y + r.h - pad - y};
        draw_fit(FACE_BOLD, C_MUTED, which == BOARD_TODAY ? "No scores today: be the first!" : "No scores yet: be the first!",
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
    int w_score = col_width(FACE_BOLD, sz, "000 000", hsz, "SCORE") + gap;
    int w_right = col_width(FACE_REGULAR, ssz, "10/10", hsz, "RIGHT") + gap;
    int w_streak = col_width(FACE_REGULAR, ssz, "10", hsz, "STREAK") + gap;
    int w_date = col_width(FACE_REGULAR, ssz, which == BOARD_TODAY ? "00:00" : "30 Dec 2025", hsz, "DATE") + gap;
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
    /* a header names the columns */
    draw_line(FACE_BOLD, hsz, C_MUTED, "NAME", x_name, y, ALIGN_LEFT);
    draw_line(FACE_BOLD, hsz, C_MUTED, "SCORE", x_score, y, ALIGN_RIGHT);
    if (show_right)
        draw_line(FACE_BOLD, hsz, C_MUTED, "RIGHT", x_right, y, ALIGN_RIGHT);
    if (show_streak)
        draw_line(FACE_BOLD, hsz, C_MUTED, "STREAK", x_streak, y, ALIGN_RIGHT);
    if (show_date)
        draw_line(FACE_BOLD, hsz, C_MUTED, which == BOARD_TODAY ? "TIME" : "DATE", x_date, y, ALIGN_RIGHT);
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
        draw_line(FACE_BOLD, sz, i == 0 && !hl ? C_YELLOW : mc, buf, x_name - sz * 6 / 10, ty, ALIGN_RIGHT);
        rect nb = {x_name, ty, x_score - w_score - x_name, sz * 117 / 100};
        draw_fit_line(FACE_BOLD, tc, e->name, nb, sz, sz * 6 / 10, ALIGN_LEFT, 1);
        fmt_score(buf, sizeof buf, e->score);
        draw_line(FACE_BOLD, sz, tc, buf, x_score, ty, ALIGN_RIGHT);
        int sty = ty + (sz - ssz) / 2;
        if (show_right) {
            snprintf(buf, sizeof buf, "%d/%d", e->right, e->total);
            draw_line(FACE_REGULAR, ssz, mc, buf, x_right, sty, ALIGN_RIGHT);
        }
        if (show_streak) {
            snprintf(buf, sizeof buf, "%d", e->best_streak);
            draw_line(FACE_REGULAR, ssz, mc, buf, x_streak, sty, ALIGN_RIGHT);
        }
        if (show_date) {
            fmt_when(buf, sizeof buf, e->when, g->wall, which);
            draw_line(FACE_REGULAR, ssz, mc, buf, x_date, sty, ALIGN_RIGHT);
        }
        y += rh;
    }
    /* the empty places of a full board, so a player sees there is room to climb in */
    if (highlight) {
        for (int i = n; i < rows; i++) {
            char buf[16];
            int ty = y + (rh - sz * 117 / 100) / 2 - rh / 12;
            snprintf(buf, sizeof buf, "%d", i + 1);
            draw_line(FACE_BOLD, sz, alpha(C_MUTED, 0.45f), buf, x_name - sz * 6 / 10, ty, ALIGN_RIGHT);
            draw_line(FACE_BOLD, sz, alpha(C_MUTED, 0.45f), "\xE2\x80\x94", x_name, ty, ALIGN_LEFT);
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
    draw_fit(FACE_REGULAR, C_MUTED, "answer fast \xC2\xB7 build streaks \xC2\xB7 learn why", sub, px(32), px(16), ALIGN_CENTER, 0);
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
        fill_shape((enum shape)(i % 4), r.x + px(40), r.y + r.h / 2.0f, sh, choice_fill[i % 4]);
        /* the deck's best score on the right, its title and size on the left */
        char key[SCORES_DECK_BYTES];
        game_deck_key(d, key, sizeof key);
        const score_entry *best[1];
        int right_w = 0;
        if (scores_top(g->table, key, BOARD_ALLTIME, g->wall, best, 1) == 1) {
            char sc[32];
            fmt_score(sc, sizeof sc, best[0]->score);
            snprintf(buf, sizeof buf, "best %s", sc);
            right_w = r.w * 30 / 100;
            rect bb = {r.x + r.w - right_w - px(20), r.y + px(8), right_w, r.h - px(16)};
            draw_fit(FACE_BOLD, C_YELLOW, buf, bb, r.h * 30 / 100, px(12), ALIGN_RIGHT, 1);
        }
        int tx = r.x + px(80), tw = r.x + r.w - px(20) - (right_w ? right_w + px(16) : 0) - tx;
        rect tb = {tx, r.y + r.h * 10 / 100, tw, r.h * 48 / 100};
        draw_fit_line(FACE_BOLD, C_TEXT, d->title, tb, r.h * 40 / 100, px(16), ALIGN_LEFT, 1);
        snprintf(buf, sizeof buf, "%d card%s \xC2\xB7 %d easy \xC2\xB7 %d medium \xC2\xB7 %d hard", d->ncards,
                 d->ncards == 1 ? "" : "s", d->count[LEVEL_EASY], d->count[LEVEL_MEDIUM], d->count[LEVEL_HARD]);
        rect cb = {tx, r.y + r.h * 58 / 100, tw, r.h * 32 / 100};
        int mw, mh;
        text_measure(FACE_REGULAR, MIN_TEXT_PX, buf, 0, &mw, &mh);
        if (mw > tw) /* no room for the levels: the count alone */
            snprintf(buf, sizeof buf, "%d card%s", d->ncards, d->ncards == 1 ? "" : "s");
        draw_fit_line(FACE_REGULAR, C_MUTED, buf, cb, r.h * 24 / 100, px(12), ALIGN_LEFT, 1);
    }
    /* more decks than slots: a pill on the list's top and bottom edges says how many more */
    int above = g->deck_first, below = g->ndecks - g->deck_first - shown;
    for (int k = 0; k < 2; k++) {
        int more = k == 0 ? above : below;
        if (more <= 0)
            continue;
        rect r = l->deck_item[k == 0 ? 0 : shown - 1];
        snprintf(buf, sizeof buf, "%s %d more", k == 0 ? "\xE2\x96\xB2" : "\xE2\x96\xBC", more);
        int ph = px(34), pw = r.w * 30 / 100;
        rect pill = {r.x + r.w - pw - px(24), (k == 0 ? r.y : r.y + r.h) - ph / 2, pw, ph};
        fill_round(pill, ph / 2, C_SKY);
        draw_fit_line(FACE_BOLD, C_BG, buf, rect_inset(pill, px(4)), px(24), px(12), ALIGN_CENTER, 1);
    }
    /* how to play, in the room the deck list leaves: one line per rule, each with a shape */
    int n = shown;
    int top = l->deck_item[n - 1].y + l->deck_item[n - 1].h + px(14);
    rect how = {l->start.x, top, l->start.w, l->start.y - px(24) - top};
    if (how.h > px(150)) {
        fill_round(how, px(18), alpha(C_CARD, 0.6f));
        draw_line(FACE_BOLD, px(28), C_SKY, "HOW TO PLAY", how.x + px(24), how.y + px(18), ALIGN_LEFT);
        game_view v;
        game_view_fill(g, &v); /* the rules in force, in words */
        int y0 = how.y + px(64), avail = how.y + how.h - px(14) - y0;
        int rh = avail / 4;
        if (rh > px(90))
            rh = px(90);
        for (int i = 0; i < 4; i++) {
            int y = y0 + i * rh;
            int icon = rh * 45 / 100 < px(40) ? rh * 45 / 100 : px(40);
            fill_shape((enum shape)i, how.x + px(24) + icon / 2.0f, y + rh / 2.0f, icon, choice_fill[i]);
            rect tb = {how.x + px(36) + icon, y, how.w - px(60) - icon, rh};
            draw_fit(FACE_REGULAR, C_TEXT, v.howto[i], tb, px(30), px(13), ALIGN_LEFT, 1);
        }
    }
    /* start button (in attract mode it is the call to play, pulsing) */
    rect s = l->start;
    const char *start = g->last_dev == DEV_PAD ? "START  \xC2\xB7  press A" : "START  \xC2\xB7  Enter or tap";
    if (game_attract(g)) {
        fill_round(s, px(24), alpha(C_GREEN, 0.75f + 0.25f * attract_pulse(g)));
        start = "tap or press any key to start";
    } else {
        fill_round(s, px(24), C_GREEN);
    }
    draw_fit(FACE_BOLD, C_TEXT, start, rect_inset(s, px(16)), px(48), px(18), ALIGN_CENTER, 1);
    /* best scores of the selected deck */
    rect b = l->board;
    int half = (b.h - px(16)) / 2;
    /* the boards say whose they are: the picked deck's */
    char today[160], alltime[160];
    snprintf(today, sizeof today, "TODAY'S BEST \xC2\xB7 %s", g->decks[g->deck_sel]->title);
    snprintf(alltime, sizeof alltime, "ALL-TIME BEST \xC2\xB7 %s", g->decks[g->deck_sel]->title);
    draw_board(g, (rect){b.x, b.y, b.w, half}, BOARD_TODAY, today, 0, 5);
    draw_board(g, (rect){b.x, b.y + half + px(16), b.w, b.h - half - px(16)}, BOARD_ALLTIME, alltime, 0, 5);
    /* the keys that work here: a kiosk has no Esc menu to quit from and no F11 */
    const char *keys = g->opts.kiosk
                           ? "\xE2\x86\x91\xE2\x86\x93 pick a deck \xC2\xB7 1-4 or A-D answer \xC2\xB7 M music \xC2\xB7 S sound"
                           : "\xE2\x86\x91\xE2\x86\x93 pick a deck \xC2\xB7 1-4 or A-D answer \xC2\xB7 Esc pause \xC2\xB7 M music \xC2\xB7 S sound \xC2\xB7 F11 fullscreen";
    draw_fit(FACE_REGULAR, C_MUTED,
             g->last_dev == DEV_PAD ? "D-pad: pick a deck \xC2\xB7 A/B/X/Y answer \xC2\xB7 Start: pause" : keys, l->howto,
             px(26), px(12), ALIGN_CENTER, 1);
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
    snprintf(right, n, "%d / %d right", g->right, g->nq);
    snprintf(streak, n, "best streak %d", g->best_streak);
    if (answered)
        snprintf(avg, n, "avg %.1f s", total / 1000.0 / answered);
    else
        snprintf(avg, n, "avg \xE2\x80\x94");
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
        rect r = {x0 + i * cell + gap / 2, st.y + (st.h - cell) / 2, cell - gap, cell - gap};
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
        snprintf(head, sizeof head, "PERFECT ROUND \xC2\xB7 every answer right");
    else
        snprintf(head, sizeof head, "REVIEW \xC2\xB7 %d to learn", missed);
    draw_line(FACE_BOLD, px(28), missed ? RGB(0xFF, 0x9A, 0x5C) : C_YELLOW, head, p.x + pad, p.y + px(18), ALIGN_LEFT);
    int y = p.y + px(64);
    int item_h = px(g->lay.portrait ? 120 : 84);
    for (int i = 0; i < g->nq && missed; i++) {
        if (g->outcomes[i] == OUT_RIGHT)
            continue;
        if (y + item_h > p.y + p.h - px(12))
            break;
        const question *q = &g->qs[i];
        float cy = y + px(18);
        if (g->outcomes[i] == OUT_WRONG)
            draw_cross(p.x + pad + px(14), cy, px(28), C_VERMILLION);
        else
            draw_clock(p.x + pad + px(14), cy, px(28), C_MUTED, C_PANEL);
        int tx = p.x + pad + px(44);
        int tw = p.x + p.w - pad - tx;
        draw_fit(FACE_BOLD, C_TEXT, q->text, (rect){tx, y, tw, item_h / 2}, px(28), px(14), ALIGN_LEFT, 0);
        char ans[DECK_MAX_CHOICE_CP * 4 + 16];
        snprintf(ans, sizeof ans, "\xE2\x86\x92 %s", q->choices[q->correct]);
        draw_fit(FACE_REGULAR, C_GREEN_TEXT, ans, (rect){tx, y + item_h / 2, tw, item_h / 2 - px(8)}, px(28), px(14),
                 ALIGN_LEFT, 0);
        y += item_h;
    }
}

static void scene_results(const game *g)
{
    const layout *l = &g->lay;
    results_top(g, l->res_score, g->qualifies ? "ROUND COMPLETE  \xC2\xB7  A NEW HIGH SCORE!" : "ROUND COMPLETE",
                g->qualifies ? C_YELLOW : C_MUTED);
    char a[64], b[64], c[64];
    results_stats(g, a, b, c, sizeof a);
    const char *items[3] = {a, b, c};
    rect s = l->res_stats;
    for (int i = 0; i < 3; i++) {
        rect r = l->portrait ? (rect){s.x, s.y + i * s.h / 3, s.w, s.h / 3 - px(10)}
                             : (rect){s.x + i * (s.w + px(16)) / 3, s.y, (s.w - 2 * px(16)) / 3, s.h};
        fill_round(r, px(18), C_CARD);
        draw_fit(FACE_BOLD, C_TEXT, items[i], rect_inset(r, px(14)), px(44), px(16), ALIGN_CENTER, 1);
    }
    results_strip(g, l->res_strip);
    results_review(g, l->res_review);
    if (g->qualifies)
        hint_line(g, l->res_hint, "Enter / tap: enter your name", "A: enter your name");
    else
        hint_line(g, l->res_hint, "Enter / tap: back to the title", "A: back to the title");
}

static void scene_name(const game *g)
{
    const layout *l = &g->lay;
    char head[64];
    int all = game_entry_place(g, BOARD_ALLTIME), today = game_entry_place(g, BOARD_TODAY);
    if (all)
        snprintf(head, sizeof head, "NEW HIGH SCORE!  #%d ALL TIME", all);
    else
        snprintf(head, sizeof head, "NEW HIGH SCORE!  #%d TODAY", today);
    results_top(g, l->name_score, head, C_YELLOW);
    char a[64], b[64], c[64], line[3 * 64 + 16];
    results_stats(g, a, b, c, sizeof a);
    snprintf(line, sizeof line, "%s  \xC2\xB7  %s  \xC2\xB7  %s", a, b, c);
    draw_fit(FACE_BOLD, C_TEXT, line, l->name_stats, px(36), px(14), ALIGN_CENTER, 1);
    results_strip(g, l->name_strip);
    rect p = l->name_panel;
    float t = ease((float)(g->clock - g->scene_t0) / ANIM_SLIDE_MS);
    fill_round(p, px(22), C_PANEL);
    const char *prompt = g->last_dev == DEV_PAD ? "Enter your name: \xE2\x86\x91\xE2\x86\x93 letter \xC2\xB7 A add \xC2\xB7 B delete \xC2\xB7 Y done"
                                                : "Enter your name, then press Enter (or tap OK)";
    /* the prompt, and on the same row, how soon a kiosk takes the name as it stands */
    rect pr = {p.x + px(30), p.y + px(16), p.w - px(60), px(48)};
    uint32_t left = game_auto_in(g);
    if (left != UINT32_MAX) {
        char buf[96];
        snprintf(buf, sizeof buf, "saved as it stands in %u s", (unsigned)((left + 999) / 1000));
        rect cb = {pr.x + pr.w * 64 / 100, pr.y, pr.w * 36 / 100, pr.h};
        draw_fit(FACE_REGULAR, C_MUTED, buf, cb, px(26), px(12), ALIGN_RIGHT, 1);
        pr.w = pr.w * 62 / 100;
    }
    draw_fit(FACE_BOLD, alpha(C_SKY, t), prompt, pr, px(32), px(14), ALIGN_LEFT, 1);
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
    draw_line(FACE_BOLD, csz, used >= SCORES_NAME_MAX_CP ? C_ORANGE : C_MUTED, count, cr.x + cw, cr.y, ALIGN_RIGHT);
    rect nf = rect_inset(f, px(14));
    nf.w = cr.x - px(10) - nf.x;
    draw_fit(FACE_MONO, C_TEXT, shown, nf, px(60), px(18), ALIGN_LEFT, 1);
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
    snprintf(buf, sizeof buf, "HIGH SCORES \xC2\xB7 %s", g->decks[g->deck_sel]->title);
    draw_fit(FACE_BOLD, C_TEXT, buf, (rect){l->margin, px(30), l->w - 2 * l->margin, px(90)}, px(56), px(20),
             ALIGN_CENTER, 1);
    draw_board(g, l->boards[0], BOARD_TODAY, "TODAY", 1, SCORES_BOARD_SIZE);
    draw_board(g, l->boards[1], BOARD_ALLTIME, "ALL TIME", 1, SCORES_BOARD_SIZE);
    rect h = {l->margin, l->h - l->margin - px(60), l->w - 2 * l->margin, px(60)};
    hint_line(g, h, "Enter / tap: back to the title", "A: back to the title");
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
    draw_line(FACE_BOLD, px(56), C_TEXT, "PAUSED", p.x + p.w / 2, p.y + px(36), ALIGN_CENTER);
    static const char *const items[LAYOUT_PAUSE_ITEMS] = {
        [PAUSE_RESUME] = "Resume", [PAUSE_RESTART] = "Restart round", [PAUSE_TITLE] = "Quit to title",
        [PAUSE_QUIT] = "Quit game"};
    for (int i = 0; i < n; i++) {
        rect r = l->pause_item[i];
        const char *label = items[i];
        if (i == g->pause_sel)
            outline_round(r, px(16), px(5), C_YELLOW, C_BG);
        else
            fill_round(r, px(16), C_BG);
        char buf[48];
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
    int sz = (int)(h * 0.55f);
    draw_line(FACE_BOLD, sz, alpha(C_DARK, a), g->banner, r.x + r.w / 2, r.y + (h - sz * 117 / 100) / 2, ALIGN_CENTER);
}

static void notice(const game *g)
{
    if (!game_notice_shown(g))
        return;
    const layout *l = &g->lay;
    if (g->notice_kind == NOTICE_INFO) {
        /* a plain fact: a short pill in the middle of the top bar, over nothing to play */
        int sz = px(28), tw, th;
        text_measure(FACE_BOLD, sz, g->notice, 0, &tw, &th);
        int w = tw + px(48) < l->w - 2 * l->margin ? tw + px(48) : l->w - 2 * l->margin;
        int h = l->topbar.h * 80 / 100 > th + px(8) ? l->topbar.h * 80 / 100 : th + px(8);
        rect r = {(l->w - w) / 2, l->topbar.y + (l->topbar.h - h) / 2, w, h};
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
        snprintf(buf, sizeof buf, "%s \xC2\xB7 %s", p == ATTRACT_TODAY ? "TODAY'S BEST" : "ALL-TIME BEST",
                 g->decks[g->deck_sel]->title);
        draw_fit(FACE_BOLD, C_YELLOW, buf, (rect){l->margin, px(40), l->w - 2 * l->margin, px(100)}, px(64), px(20),
                 ALIGN_CENTER, 1);
        rect b = {l->margin, px(170), l->w - 2 * l->margin, l->h - px(170) - px(150)};
        draw_board(g, b, p == ATTRACT_TODAY ? BOARD_TODAY : BOARD_ALLTIME, "", 0, SCORES_BOARD_SIZE);
        break;
    }
    case ATTRACT_HOWTO: {
        draw_fit(FACE_BOLD, C_YELLOW, "HOW TO PLAY", (rect){l->margin, px(40), l->w - 2 * l->margin, px(100)}, px(72),
                 px(20), ALIGN_CENTER, 1);
        game_view v;
        game_view_fill(g, &v);
        int top = px(180), bottom = l->h - px(150);
        int rh = (bottom - top) / 4;
        for (int i = 0; i < 4; i++) {
            rect r = {l->margin, top + i * rh, l->w - 2 * l->margin, rh - px(20)};
            fill_round(r, px(22), choice_fill[i]);
            int icon = r.h / 2 < px(70) ? r.h / 2 : px(70);
            fill_shape((enum shape)i, r.x + px(30) + icon / 2.0f, r.y + r.h / 2.0f, icon, C_TEXT);
            rect tb = {r.x + px(60) + icon, r.y + px(10), r.w - px(90) - icon, r.h - px(20)};
            draw_fit(FACE_BOLD, choice_dark_text[i] ? C_DARK : C_TEXT, v.howto[i], tb, px(56), px(16), ALIGN_LEFT, 1);
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
        draw_fit(FACE_BOLD, C_TEXT, "DEMO \xC2\xB7 tap or press any key", rect_inset(pill, px(12)), px(34), px(14),
                 ALIGN_CENTER, 1);
        return;
    }
    rect cta = {l->margin, l->h - px(130), l->w - 2 * l->margin, px(100)};
    fill_round(cta, px(26), alpha(C_GREEN, 0.75f + 0.25f * pulse));
    draw_fit(FACE_BOLD, C_TEXT, "tap or press any key to start", rect_inset(cta, px(14)), px(52), px(16),
             ALIGN_CENTER, 1);
}

static void still_there_overlay(const game *g)
{
    const layout *l = &g->lay;
    fill_rect((rect){0, 0, l->w, l->h}, alpha(RGB(0, 0, 0), 0.7f));
    rect p = l->pause_panel;
    fill_round(p, px(26), C_CARD);
    draw_fit(FACE_BOLD, C_YELLOW, "Still there?", (rect){p.x + px(20), p.y + px(30), p.w - px(40), px(90)}, px(64),
             px(20), ALIGN_CENTER, 1);
    int left = (int)((game_auto_in(g) + 999) / 1000);
    char buf[16];
    snprintf(buf, sizeof buf, "%d", left);
    draw_fit(FACE_BOLD, C_TEXT, buf, (rect){p.x, p.y + px(130), p.w, p.h - px(260)}, px(200), px(30), ALIGN_CENTER, 1);
    draw_fit(FACE_REGULAR, C_MUTED, "press any key or tap to keep playing",
             (rect){p.x + px(20), p.y + p.h - px(110), p.w - px(40), px(80)}, px(32), px(14), ALIGN_CENTER, 1);
}

static void pin_overlay(const game *g)
{
    const layout *l = &g->lay;
    fill_rect((rect){0, 0, l->w, l->h}, alpha(RGB(0, 0, 0), 0.75f));
    rect p = l->pin_panel;
    fill_round(p, px(26), C_CARD);
    draw_fit(FACE_BOLD, C_TEXT, "Operator PIN", (rect){p.x + px(20), p.y + px(20), p.w - px(40), px(70)}, px(48), px(16),
             ALIGN_CENTER, 1);
    outline_round(l->pin_field, px(14), px(4), C_SKY, C_BG);
    char dots[32] = "";
    size_t n = strlen(g->pin);
    for (size_t i = 0; i < n && i < 10; i++)
        strcat(dots, "\xE2\x97\x8F"); /* ● */
    if (n)
        draw_fit(FACE_BOLD, C_TEXT, dots, rect_inset(l->pin_field, px(12)), px(56), px(16), ALIGN_CENTER, 1);
    else if (g->pin_wrong) /* said where the PIN goes, over nothing else */
        draw_fit(FACE_BOLD, RGB(0xFF, 0x9A, 0x5C), "Wrong PIN \xC2\xB7 try again or Esc", rect_inset(l->pin_field, px(12)),
                 px(40), px(12), ALIGN_CENTER, 1);
    static const char *const keys[PIN_KEYS] = {"1", "2", "3", "4", "5", "6", "7", "8", "9",
                                               [PIN_KEY_DEL] = "DEL", [PIN_KEY_ZERO] = "0", [PIN_KEY_OK] = "OK"};
    for (int i = 0; i < PIN_KEYS; i++) {
        rect k = l->pin_key[i];
        fill_round(k, px(14), i == PIN_KEY_OK ? C_GREEN : i == PIN_KEY_DEL ? C_VERMILLION : C_BG);
        draw_fit(FACE_BOLD, C_TEXT, keys[i], rect_inset(k, px(10)), px(48), px(12), ALIGN_CENTER, 1);
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
    draw_fit(FACE_BOLD, C_TEXT, "Quit quizblitz?", (rect){p.x + px(20), p.y + px(24), p.w - px(40), p.h / 2 - px(24)},
             px(64), px(18), ALIGN_CENTER, 1);
    draw_fit(FACE_REGULAR, C_MUTED,
             g->last_dev == DEV_PAD ? "B: quit \xC2\xB7 any other button: stay" : "Esc again: quit \xC2\xB7 any other key or tap: stay",
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
    draw_fit(FACE_BOLD, C_TEXT, "Operator exit \xC2\xB7 keep holding", (rect){t.x, t.y, t.w, t.h - th - px(4)}, px(26),
             px(12), ALIGN_CENTER, 1);
    rect track = {t.x, t.y + t.h - th, t.w, th};
    fill_round(track, th / 2, C_TRACK);
    track.w = track.w * g->operator_hold / 1000;
    if (track.w > th)
        fill_round(track, th / 2, C_YELLOW);
}

int render_frame(SDL_Renderer *r, const game *g)
{
    R = r;
    U = g->lay.u;
    list_begin();
    background(g);
    /* behind the pause menu and "Still there?" the round's clock stands still, and so does
     * reading: the question and the choices are not shown there */
    int hide_round = game_round_hidden(g);
    switch (g->scene) {
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
    (void)mix;
    return list_draw();
}
