/* compose.c: the compositor (see compose.h): a display list per frame, compared with the one
 * on the screen, drawn by our own pixel code (raster.c) into the window's surface on SDL's
 * software renderer, or by SDL_Renderer calls on any other.
 *
 * With the software renderer the window's pixels survive a present, so only what changed is
 * drawn again: every primitive that is new or gone marks its box dirty, and in each dirty box
 * every primitive that touches it is drawn again, in order, clipped to the box. A primitive
 * that matched (same pixels, same place, same order among the ones that matched) changes no
 * pixel outside the dirty boxes, so the frame is what drawing everything would give
 * (tests/e2e/test_redraw.py checks it; QB_FULL_REDRAW=1 draws every changed frame whole). */
#include "compose.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "raster.h"

enum op_kind { OP_GRADIENT, OP_FILL, OP_ROUND, OP_POLY, OP_TEXT };

/* the most points of a polygon */
enum { POLY_MAX = 64 };

typedef struct op {
    int kind;
    /* the colour (the gradient's top), and the gradient's bottom */
    SDL_Color c, c2;
    /* the pixels it may change, within the screen (w == 0: none) */
    SDL_Rect box;
    /* OP_GRADIENT, OP_FILL: the rectangle; OP_TEXT: the destination */
    SDL_Rect r;
    /* OP_ROUND: x, y, w, h, radius */
    float f[5];
    /* OP_TEXT: its own clip rectangle, when clip_on */
    SDL_Rect clip;
    int clip_on;
    /* OP_TEXT: drawn turned 180 degrees (part of its identity: same box, other pixels) */
    int turned;
    /* OP_TEXT: its pixels (one of them) and the text cache's serial number of those pixels */
    SDL_Texture *tex;
    SDL_Surface *surf;
    unsigned long serial;
    /* OP_POLY: the points, in the list's point pool (n pairs from first) */
    int first, n;
    /* hash of everything that decides its pixels */
    uint64_t key;
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
static SDL_Renderer *R;
/* the renderer's output, read once a frame */
static SDL_Rect screen;
/* the screen's size when the list on it was drawn; 0: nothing trustworthy on the screen */
static int shown_w, shown_h, shown_valid;
/* compose_turn: on, and twice the centre turned about (a reflection: x -> tx - x) */
static int turn_on, turn_x2, turn_y2;
/* QB_FULL_REDRAW=1: a changed frame is drawn whole (-1: not read yet) */
static int full_redraw = -1;

static SDL_Rect isect(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect o;
    if (!SDL_IntersectRect(&a, &b, &o))
        o = (SDL_Rect){0, 0, 0, 0};
    return o;
}

static op *op_new(int kind)
{
    dlist *l = &lists[cur];
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->ops = xrealloc(l->ops, sizeof *l->ops * (size_t)l->cap);
    }
    op *o = &l->ops[l->n++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

/* The key of o, once every field is set; box: the pixels it may change. */
static void op_done(op *o, SDL_Rect box)
{
    o->box = isect(box, screen);
    uint64_t h = UTIL_FNV_SEED;
    h = util_fnv(h, &o->kind, sizeof o->kind);
    h = util_fnv(h, &o->c, sizeof o->c);
    h = util_fnv(h, &o->c2, sizeof o->c2);
    h = util_fnv(h, &o->box, sizeof o->box);
    h = util_fnv(h, &o->r, sizeof o->r);
    h = util_fnv(h, o->f, sizeof o->f);
    if (o->clip_on)
        h = util_fnv(h, &o->clip, sizeof o->clip);
    h = util_fnv(h, &o->turned, sizeof o->turned);
    h = util_fnv(h, &o->serial, sizeof o->serial);
    if (o->kind == OP_POLY)
        h = util_fnv(h, lists[cur].pts + o->first, sizeof(float) * 2 * (size_t)o->n);
    o->key = h;
}

/* The whole pixels a shape with these bounds may touch. */
static SDL_Rect bounds(float x0, float y0, float x1, float y1)
{
    int a = (int)floorf(x0), b = (int)floorf(y0);
    return (SDL_Rect){a, b, (int)ceilf(x1) - a, (int)ceilf(y1) - b};
}

void compose_begin(SDL_Renderer *r)
{
    R = r;
    if (full_redraw < 0) {
        const char *e = getenv("QB_FULL_REDRAW");
        full_redraw = e && *e && strcmp(e, "0") != 0;
    }
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(R, &w, &h);
    screen = (SDL_Rect){0, 0, w, h};
    cur = !cur;
    turn_on = 0;
    lists[cur].n = 0;
    lists[cur].npts = 0;
}

void compose_turn(const SDL_Rect *about)
{
    turn_on = about != NULL;
    if (about) {
        turn_x2 = 2 * about->x + about->w;
        turn_y2 = 2 * about->y + about->h;
    }
}

/* r where it is drawn: reflected through the turn's centre when one is on */
static SDL_Rect turn_rect(SDL_Rect r)
{
    if (turn_on) {
        r.x = turn_x2 - r.x - r.w;
        r.y = turn_y2 - r.y - r.h;
    }
    return r;
}

void compose_gradient(int w, int h, SDL_Color top, SDL_Color bottom)
{
    op *o = op_new(OP_GRADIENT);
    o->r = (SDL_Rect){0, 0, w, h};
    o->c = top;
    o->c2 = bottom;
    op_done(o, o->r);
}

void compose_fill(SDL_Rect r, SDL_Color c)
{
    if (r.w <= 0 || r.h <= 0 || c.a == 0)
        return;
    op *o = op_new(OP_FILL);
    o->c = c;
    r = turn_rect(r);
    o->r = r;
    op_done(o, r);
}

void compose_round(float x, float y, float w, float h, float rad, SDL_Color c)
{
    if (w <= 0 || h <= 0 || c.a == 0)
        return;
    op *o = op_new(OP_ROUND);
    o->c = c;
    if (turn_on) {
        /* the shape is symmetric: only its place moves */
        x = (float)turn_x2 - x - w;
        y = (float)turn_y2 - y - h;
    }
    rad = fminf(fmaxf(rad, 0), fminf(w, h) / 2);
    float f[5] = {x, y, w, h, rad};
    memcpy(o->f, f, sizeof f);
    op_done(o, bounds(x, y, x + w, y + h));
}

void compose_polygon(const float *xy, int n, SDL_Color c)
{
    if (n < 3 || n > POLY_MAX || c.a == 0)
        return;
    dlist *l = &lists[cur];
    if (l->npts + 2 * n > l->cappts) {
        while (l->npts + 2 * n > l->cappts)
            l->cappts = l->cappts ? l->cappts * 2 : 4096;
        l->pts = xrealloc(l->pts, sizeof *l->pts * (size_t)l->cappts);
    }
    memcpy(l->pts + l->npts, xy, sizeof *xy * 2 * (size_t)n);
    if (turn_on) {
        /* every point reflected through the centre: the same winding, turned */
        float *q = l->pts + l->npts;
        for (int i = 0; i < n; i++) {
            q[2 * i] = (float)turn_x2 - q[2 * i];
            q[2 * i + 1] = (float)turn_y2 - q[2 * i + 1];
        }
    }
    xy = l->pts + l->npts;
    op *o = op_new(OP_POLY);
    o->c = c;
    o->first = l->npts;
    o->n = n;
    l->npts += 2 * n;
    float x0 = xy[0], x1 = xy[0], y0 = xy[1], y1 = xy[1];
    for (int i = 1; i < n; i++) {
        x0 = fminf(x0, xy[2 * i]);
        x1 = fmaxf(x1, xy[2 * i]);
        y0 = fminf(y0, xy[2 * i + 1]);
        y1 = fmaxf(y1, xy[2 * i + 1]);
    }
    op_done(o, bounds(x0, y0, x1, y1));
}

void compose_text(const text_tex *t, int x, int y, Uint8 a, const SDL_Rect *clip)
{
    if (!t || (!t->tex && !t->surf) || a == 0)
        return;
    op *o = op_new(OP_TEXT);
    o->tex = t->tex;
    o->surf = t->surf;
    o->serial = t->serial;
    o->r = turn_rect((SDL_Rect){x, y, t->w, t->h});
    o->turned = turn_on;
    o->c = (SDL_Color){255, 255, 255, a};
    SDL_Rect box = o->r;
    if (clip) {
        o->clip = turn_rect(*clip);
        o->clip_on = 1;
        box = isect(box, o->clip);
    }
    op_done(o, box);
}

/* ---- drawing with our own pixel code (SDL's software renderer) ---- */

/* The window's pixels as a raster target; 0 when they are not 32-bit with 8-bit channels. */
static int window_target(raster_target *t)
{
    SDL_Window *w = SDL_RenderGetWindow(R);
    SDL_Surface *s = w ? SDL_GetWindowSurface(w) : NULL;
    if (!s || !s->pixels || SDL_MUSTLOCK(s) || s->format->BytesPerPixel != 4 || s->format->Rloss ||
        s->format->Gloss || s->format->Bloss || s->pitch % 4 || s->w < screen.w || s->h < screen.h)
        return 0;
    *t = (raster_target){s->pixels, s->pitch / 4, screen.w, screen.h, s->format->Rshift, s->format->Gshift,
                         s->format->Bshift, s->format->Amask};
    return 1;
}

static raster_rgba rgba(SDL_Color c)
{
    return (raster_rgba){c.r, c.g, c.b, c.a};
}

static void raster_op(const raster_target *t, const dlist *l, const op *o, SDL_Rect clip)
{
    raster_clip c = {clip.x, clip.y, clip.x + clip.w, clip.y + clip.h};
    switch (o->kind) {
    case OP_GRADIENT:
        c.x1 = c.x1 < o->r.w ? c.x1 : o->r.w;
        raster_gradient(t, c, o->r.h, rgba(o->c), rgba(o->c2));
        break;
    case OP_FILL:
        raster_fill(t, c, o->r.x, o->r.y, o->r.w, o->r.h, rgba(o->c));
        break;
    case OP_ROUND:
        raster_round(t, c, o->f[0], o->f[1], o->f[2], o->f[3], o->f[4], rgba(o->c));
        break;
    case OP_POLY:
        raster_polygon(t, c, l->pts + o->first, o->n, rgba(o->c));
        break;
    case OP_TEXT: {
        const SDL_Surface *s = o->surf;
        SDL_Rect b = o->clip_on ? isect(clip, o->clip) : clip;
        c = (raster_clip){b.x, b.y, b.x + b.w, b.y + b.h};
        raster_image(t, c, s->pixels, s->w, s->h, s->pitch / 4, o->r.x, o->r.y, o->c.a,
                     o->turned);
        break;
    }
    }
}

/* ---- drawing with SDL_Renderer (every other renderer) ---- */

static void sdl_polygon(const float *xy, int n, SDL_Color c)
{
    SDL_Vertex v[4 * 17];
    int idx[3 * 4 * 17];
    for (int i = 0; i < n; i++)
        v[i] = (SDL_Vertex){{xy[2 * i], xy[2 * i + 1]}, c, {0, 0}};
    for (int i = 0; i + 2 < n; i++) {
        idx[3 * i] = 0;
        idx[3 * i + 1] = i + 1;
        idx[3 * i + 2] = i + 2;
    }
    SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(R, NULL, v, n, idx, 3 * (n - 2));
}

static void sdl_op(const dlist *l, const op *o)
{
    switch (o->kind) {
    case OP_GRADIENT: {
        float w = (float)o->r.w, h = (float)o->r.h;
        SDL_Vertex v[4] = {{{0, 0}, o->c, {0, 0}}, {{w, 0}, o->c, {0, 0}}, {{w, h}, o->c2, {0, 0}},
                           {{0, h}, o->c2, {0, 0}}};
        int idx[6] = {0, 1, 2, 0, 2, 3};
        SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_NONE);
        SDL_RenderGeometry(R, NULL, v, 4, idx, 6);
        break;
    }
    case OP_FILL:
        SDL_SetRenderDrawBlendMode(R, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(R, o->c.r, o->c.g, o->c.b, o->c.a);
        SDL_RenderFillRect(R, &o->r);
        break;
    case OP_ROUND: {
        /* each corner a quarter circle of up to 16 segments */
        float x = o->f[0], y = o->f[1], w = o->f[2], h = o->f[3], rad = o->f[4], xy[2 * 4 * 17];
        int seg = rad < 4 ? 1 : rad > 64 ? 16 : (int)(rad / 4), k = 0;
        const float cx[4] = {x + w - rad, x + rad, x + rad, x + w - rad}, cy[4] = {y + rad, y + rad, y + h - rad,
                                                                                     y + h - rad};
        for (int q = 0; q < 4; q++)
            for (int i = 0; i <= seg; i++) {
                float a = (float)(-M_PI / 2 * q - M_PI / 2 * i / seg);
                xy[k++] = cx[q] + rad * cosf(a);
                xy[k++] = cy[q] + rad * sinf(a);
            }
        sdl_polygon(xy, k / 2, o->c);
        break;
    }
    case OP_POLY:
        sdl_polygon(l->pts + o->first, o->n, o->c);
        break;
    case OP_TEXT: {
        /* a text kept as pixels (the software renderer on a window format of its own) */
        SDL_Texture *tex = o->tex ? o->tex : SDL_CreateTextureFromSurface(R, o->surf);
        if (!tex)
            break;
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
        SDL_SetTextureAlphaMod(tex, o->c.a);
        SDL_RenderSetClipRect(R, o->clip_on ? &o->clip : NULL);
        if (o->turned)
            SDL_RenderCopyEx(R, tex, NULL, &o->r, 180, NULL, SDL_FLIP_NONE);
        else
            SDL_RenderCopy(R, tex, NULL, &o->r);
        SDL_RenderSetClipRect(R, NULL);
        if (!o->tex)
            SDL_DestroyTexture(tex);
        break;
    }
    }
}

/* ---- what changed ---- */

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
            /* the bigger box may now reach others */
            dirty[i] = dirty[--ndirty];
            add_dirty(u);
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
        memcmp(&a->c2, &b->c2, sizeof a->c2) != 0 || memcmp(&a->box, &b->box, sizeof a->box) != 0 ||
        memcmp(&a->r, &b->r, sizeof a->r) != 0 || memcmp(a->f, b->f, sizeof a->f) != 0 ||
        a->clip_on != b->clip_on || a->turned != b->turned || (a->clip_on && memcmp(&a->clip, &b->clip, sizeof a->clip) != 0) ||
        a->serial != b->serial || a->n != b->n)
        return 0;
    return a->kind != OP_POLY ||
           memcmp(&la->pts[a->first], &lb->pts[b->first], sizeof *la->pts * 2 * (size_t)a->n) == 0;
}

/* Matches the new list with the old one in order (a common subsequence of identical
 * primitives; any will do for correctness, a long one keeps the dirty boxes small) and marks
 * the boxes of the rest dirty. */
static void diff_lists(const dlist *old, const dlist *nw)
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
            for (int k = 0; k < sj; k++)
                add_dirty(nw->ops[j + k].box);
            j += sj;
        } else {
            if (i < old->n)
                add_dirty(old->ops[i++].box);
            if (j < nw->n)
                add_dirty(nw->ops[j++].box);
        }
    }
}

/* the primitives of the frame that paint a rectangle opaque: the rectangle, and the
 * primitive's place in the list */
typedef struct solid_op {
    SDL_Rect r;
    int i;
} solid_op;
static solid_op *solids;
static int nsolids, capsolids;

/* The rectangle of whole pixels o paints opaque, every pixel of it (w == 0: none). */
static SDL_Rect solid(const op *o)
{
    SDL_Rect none = {0, 0, 0, 0};
    if (o->c.a != 255)
        return none;
    if (o->kind == OP_FILL)
        return o->box;
    if (o->kind != OP_ROUND)
        return none;
    /* the corners' rows left out: every sample of these pixels is inside */
    int x0 = (int)ceilf(o->f[0]), x1 = (int)floorf(o->f[0] + o->f[2]);
    int y0 = (int)ceilf(o->f[1] + o->f[4]), y1 = (int)floorf(o->f[1] + o->f[3] - o->f[4]);
    if (x1 <= x0 || y1 <= y0)
        return none;
    return isect((SDL_Rect){x0, y0, x1 - x0, y1 - y0}, screen);
}

/* Draws every primitive of l that touches clip (a band of rows), in order, clipped to it; not
 * in the columns a later opaque primitive covers on all the band's rows (a choice's shadow
 * under the choice, the background under a panel). */
static void draw_clip(const raster_target *t, const dlist *l, SDL_Rect clip)
{
    enum { MAX_COVER = 16 };
    int first = 0;
    for (int i = 0; i < l->n; i++) {
        SDL_Rect b = isect(l->ops[i].box, clip);
        if (b.w <= 0 || b.h <= 0)
            continue;
        while (first < nsolids && solids[first].i <= i)
            first++;
        /* the covered columns [x0, x1), in order (more than MAX_COVER: the rest drawn) */
        int x0[MAX_COVER], x1[MAX_COVER], n = 0;
        for (int j = first; j < nsolids && n < MAX_COVER; j++) {
            SDL_Rect s = solids[j].r;
            int a = s.x > b.x ? s.x : b.x, e = s.x + s.w < b.x + b.w ? s.x + s.w : b.x + b.w;
            if (s.y > b.y || s.y + s.h < b.y + b.h || a >= e)
                continue;
            int k = n++;
            for (; k > 0 && x0[k - 1] > a; k--) {
                x0[k] = x0[k - 1];
                x1[k] = x1[k - 1];
            }
            x0[k] = a;
            x1[k] = e;
        }
        int x = b.x;
        for (int k = 0; k <= n; k++) {
            int end = k < n ? x0[k] : b.x + b.w;
            if (end > x)
                raster_op(t, l, &l->ops[i], (SDL_Rect){x, b.y, end - x, b.h});
            if (k < n && x1[k] > x)
                x = x1[k];
        }
    }
}

/* Whether r is SDL's software renderer: asked once per renderer. */
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

int compose_end(void)
{
    const dlist *nw = &lists[cur], *old = &lists[!cur];
    /* our own pixel code: SDL's software renderer drawing 1:1 into the window's surface */
    float sx = 1, sy = 1;
    SDL_Rect vp;
    SDL_RenderGetScale(R, &sx, &sy);
    SDL_RenderGetViewport(R, &vp);
    raster_target t;
    int own = is_software(R) && !SDL_GetRenderTarget(R) && sx == 1 && sy == 1 && vp.x == 0 && vp.y == 0 &&
              window_target(&t);
    int same_screen = shown_valid && shown_w == screen.w && shown_h == screen.h;
    ndirty = 0;
    if (same_screen) {
        diff_lists(old, nw);
        if (ndirty == 0)
            return 0;
    }
    shown_valid = 1;
    shown_w = screen.w;
    shown_h = screen.h;
    if (!own) {
        for (int i = 0; i < nw->n; i++)
            sdl_op(nw, &nw->ops[i]);
        return 1;
    }
    long total = 0;
    for (int i = 0; i < ndirty; i++)
        total += area_of(dirty[i]);
    if (!same_screen || full_redraw || total > area_of(screen)) {
        ndirty = 1;
        dirty[0] = screen;
    }
    /* the opaque primitives: what they cover, and where in the list they are */
    if (nw->n > capsolids) {
        capsolids = nw->n;
        solids = xrealloc(solids, sizeof *solids * (size_t)capsolids);
    }
    nsolids = 0;
    for (int i = 0; i < nw->n; i++) {
        SDL_Rect s = solid(&nw->ops[i]);
        if (s.w > 0 && s.h > 0)
            solids[nsolids++] = (solid_op){s, i};
    }
    /* a band of rows at a time, every primitive into it before the next band: the band stays
     * in the cache (about 256 KB of pixels), so a pixel under several translucent layers goes
     * to memory once, not once a layer */
    int band = 65536 / (screen.w > 0 ? screen.w : 1);
    band = band < 8 ? 8 : band;
    for (int d = 0; d < ndirty; d++) {
        SDL_Rect box = isect(dirty[d], screen);
        for (int y = box.y; y < box.y + box.h; y += band)
            draw_clip(&t, nw, (SDL_Rect){box.x, y, box.w, box.y + box.h - y < band ? box.y + box.h - y : band});
    }
    return 1;
}

void compose_invalidate(void)
{
    shown_valid = 0;
}

void compose_quit(void)
{
    for (int i = 0; i < 2; i++) {
        free(lists[i].ops);
        free(lists[i].pts);
        memset(&lists[i], 0, sizeof lists[i]);
    }
    free(solids);
    solids = NULL;
    capsolids = 0;
    shown_valid = 0;
    R = NULL;
}
