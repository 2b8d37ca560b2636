/* raster.c: fills, shapes and images blended into 32-bit pixels (see raster.h for the rules).
 * Shapes are filled a pixel row at a time: each of the row's RASTER_SUB sample rows gives the
 * intervals the shape covers, counted in samples per pixel; the pixels every sample row covers
 * whole (a shape's inside) are filled as one run, only the edges are blended by coverage. */
#include "raster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define FULL (RASTER_SUB * RASTER_SUB)
/* the most intervals one sample row of a polygon can have */
#define MAX_SPANS (RASTER_MAX_POINTS / 2)

/* x / 255 rounded to nearest, exact for 0 <= x <= 255 * 255 */
static inline uint32_t div255(uint32_t x)
{
    x += 128;
    return (x + (x >> 8)) >> 8;
}

static raster_clip cut(const raster_target *t, raster_clip c)
{
    if (c.x0 < 0)
        c.x0 = 0;
    if (c.y0 < 0)
        c.y0 = 0;
    if (c.x1 > t->w)
        c.x1 = t->w;
    if (c.y1 > t->h)
        c.y1 = t->h;
    return c;
}

static inline uint32_t pack(const raster_target *t, uint32_t r, uint32_t g, uint32_t b)
{
    return (r << t->rs) | (g << t->gs) | (b << t->bs) | t->fixed;
}

static inline uint32_t blend(const raster_target *t, uint32_t d, raster_rgba s, uint32_t a)
{
    uint32_t ia = 255 - a;
    return pack(t, div255(s.r * a + ((d >> t->rs) & 255) * ia), div255(s.g * a + ((d >> t->gs) & 255) * ia),
                div255(s.b * a + ((d >> t->bs) & 255) * ia));
}

/* A colour at one alpha, ready for runs of pixels: the pixel it writes when opaque, and for
 * blending, per byte of 4 pixels (16 bytes), the source's share s * a and the destination's
 * weight 255 - a; the byte that is no channel gets the fixed bits' byte (its weight 0). */
typedef struct paint {
    raster_rgba s;
    uint32_t a, v;
    uint16_t sa[16], ia[16];
} paint;

static paint paint_of(const raster_target *t, raster_rgba s, uint32_t a)
{
    paint pt = {s, a, pack(t, s.r, s.g, s.b), {0}, {0}};
    uint32_t one = 1;
    uint8_t first;
    memcpy(&first, &one, 1);
    for (int k = 0; k < 16 && a < 255; k++) {
        /* the bits byte k of a pixel holds, whichever the byte order */
        int sh = first ? 8 * (k % 4) : 24 - 8 * (k % 4);
        uint32_t c = sh == t->rs ? s.r : sh == t->gs ? s.g : sh == t->bs ? s.b : 256;
        pt.sa[k] = (uint16_t)(c < 256 ? c * a : ((t->fixed >> sh) & 255) * 255);
        pt.ia[k] = (uint16_t)(c < 256 ? 255 - a : 0);
    }
    return pt;
}

/* Pixels x0..x1-1 of row p in paint pt. Four pixels at a time in loops of a fixed length,
 * which -O2 turns into vector code (a byte's blend fits in 16 bits: 255 * 255 + 128 + 255 <
 * 65536), the rest one at a time. */
static void run(const raster_target *t, uint32_t *p, int x0, int x1, const paint *pt)
{
    if (pt->a == 0 || x0 >= x1)
        return;
    int n4 = (x1 - x0) / 4, x = x0 + 4 * n4;
    uint8_t *b = (uint8_t *)(p + x0);
    if (pt->a == 255) {
        uint32_t q[4] = {pt->v, pt->v, pt->v, pt->v};
        for (int i = 0; i < n4; i++)
            memcpy(b + 16 * i, q, 16);
        for (; x < x1; x++)
            p[x] = pt->v;
        return;
    }
    for (int i = 0; i < n4; i++, b += 16) {
        uint8_t o[16];
        for (int k = 0; k < 16; k++) {
            uint16_t v = (uint16_t)(b[k] * pt->ia[k] + pt->sa[k] + 128);
            o[k] = (uint8_t)((uint16_t)(v + (v >> 8)) >> 8);
        }
        memcpy(b, o, 16);
    }
    for (; x < x1; x++)
        p[x] = blend(t, p[x], pt->s, pt->a);
}

void raster_fill(const raster_target *t, raster_clip c, int x, int y, int w, int h, raster_rgba col)
{
    c = cut(t, c);
    int x0 = x > c.x0 ? x : c.x0, x1 = x + w < c.x1 ? x + w : c.x1;
    int y0 = y > c.y0 ? y : c.y0, y1 = y + h < c.y1 ? y + h : c.y1;
    paint pt = paint_of(t, col, col.a);
    for (int yy = y0; yy < y1 && x0 < x1; yy++)
        run(t, t->px + (size_t)yy * (size_t)t->pitch, x0, x1, &pt);
}

void raster_gradient(const raster_target *t, raster_clip c, int h, raster_rgba top, raster_rgba bot)
{
    c = cut(t, c);
    if (h <= 0 || c.x0 >= c.x1)
        return;
    long long h2 = 2LL * h;
    for (int y = c.y0; y < c.y1 && y < h; y++) {
        long long k = 2LL * y + 1;
        raster_rgba s = {(uint8_t)((top.r * (h2 - k) + bot.r * k + h) / h2),
                         (uint8_t)((top.g * (h2 - k) + bot.g * k + h) / h2),
                         (uint8_t)((top.b * (h2 - k) + bot.b * k + h) / h2), 255};
        paint pt = paint_of(t, s, 255);
        run(t, t->px + (size_t)y * (size_t)t->pitch, c.x0, c.x1, &pt);
    }
}

/* ---- shapes ---- */

typedef struct shape {
    /* 0: rounded rectangle, 1: polygon */
    int poly;
    float x, y, w, h, rad;
    const float *xy;
    int n;
} shape;

/* The intervals [x0, x1) shape s covers on the line y = ys, in order; returns how many. */
static int spans_at(const shape *s, float ys, float *x0, float *x1)
{
    if (!s->poly) {
        if (ys < s->y || ys >= s->y + s->h)
            return 0;
        float dy = 0;
        if (ys < s->y + s->rad)
            dy = s->y + s->rad - ys;
        else if (ys > s->y + s->h - s->rad)
            dy = ys - (s->y + s->h - s->rad);
        float in = s->rad - sqrtf(s->rad * s->rad - dy * dy);
        x0[0] = s->x + in;
        x1[0] = s->x + s->w - in;
        return x0[0] < x1[0];
    }
    /* crossings of the edges with the line (an edge holds its upper end, not its lower one),
     * sorted, with their direction; the intervals are where the winding is not 0 */
    float cx[RASTER_MAX_POINTS];
    int dir[RASTER_MAX_POINTS], nc = 0;
    for (int i = 0; i < s->n; i++) {
        const float *a = s->xy + 2 * i, *b = s->xy + 2 * ((i + 1) % s->n);
        int d;
        if (a[1] <= ys && ys < b[1])
            d = 1;
        else if (b[1] <= ys && ys < a[1])
            d = -1;
        else
            continue;
        float x = a[0] + (ys - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
        int k = nc++;
        while (k > 0 && cx[k - 1] > x) {
            cx[k] = cx[k - 1];
            dir[k] = dir[k - 1];
            k--;
        }
        cx[k] = x;
        dir[k] = d;
    }
    int n = 0, wind = 0;
    for (int i = 0; i < nc; i++) {
        int was = wind;
        wind += dir[i];
        if (!was && wind)
            x0[n] = cx[i];
        else if (was && !wind && cx[i] > x0[n] && n < MAX_SPANS)
            x1[n++] = cx[i];
    }
    return n;
}

/* The first sample column at or right of x: samples sit at (k + 0.5) / RASTER_SUB. */
static long sample_at(float x)
{
    return (long)ceilf(x * RASTER_SUB - 0.5f);
}

static void fill_shape(const raster_target *t, raster_clip c, const shape *s, float left, float top, float right,
                       float bottom, raster_rgba col)
{
    c = cut(t, c);
    c.x0 = (int)floorf(left) > c.x0 ? (int)floorf(left) : c.x0;
    c.x1 = (int)ceilf(right) < c.x1 ? (int)ceilf(right) : c.x1;
    if (c.x0 >= c.x1 || col.a == 0)
        return;
    int y0 = (int)floorf(top), y1 = (int)ceilf(bottom);
    y0 = y0 > c.y0 ? y0 : c.y0;
    y1 = y1 < c.y1 ? y1 : c.y1;
    if (y0 >= y1)
        return;
    /* coverage of the edge pixels, in samples */
    paint inner = paint_of(t, col, col.a);
    /* cov[x - ox]: pixel x's */
    int ox = c.x0;
    uint16_t *cov = xcalloc((size_t)(c.x1 - ox + 1), sizeof *cov);
    long lo_s = (long)c.x0 * RASTER_SUB, hi_s = (long)c.x1 * RASTER_SUB;
    for (int y = y0; y < y1; y++) {
        long a[RASTER_SUB][MAX_SPANS], b[RASTER_SUB][MAX_SPANS];
        int cnt[RASTER_SUB];
        int ext_lo = c.x1, ext_hi = c.x0, in_lo = c.x0, in_hi = c.x1;
        for (int j = 0; j < RASTER_SUB; j++) {
            float fx0[MAX_SPANS], fx1[MAX_SPANS];
            int n = spans_at(s, (float)y + (j + 0.5f) / RASTER_SUB, fx0, fx1), k = 0;
            for (int i = 0; i < n; i++) {
                long sa = sample_at(fx0[i]), sb = sample_at(fx1[i]);
                sa = sa > lo_s ? sa : lo_s;
                sb = sb < hi_s ? sb : hi_s;
                if (sa >= sb)
                    continue;
                a[j][k] = sa;
                b[j][k++] = sb;
                int p0 = (int)(sa / RASTER_SUB), p1 = (int)((sb - 1) / RASTER_SUB) + 1;
                ext_lo = p0 < ext_lo ? p0 : ext_lo;
                ext_hi = p1 > ext_hi ? p1 : ext_hi;
            }
            cnt[j] = k;
            /* the pixels this sample row covers whole, when it is one interval */
            int f0 = k == 1 ? (int)((a[j][0] + RASTER_SUB - 1) / RASTER_SUB) : 0;
            int f1 = k == 1 ? (int)(b[j][0] / RASTER_SUB) : 0;
            in_lo = f0 > in_lo ? f0 : in_lo;
            in_hi = f1 < in_hi ? f1 : in_hi;
        }
        if (ext_lo >= ext_hi)
            continue;
        if (in_lo >= in_hi)
            in_lo = in_hi = ext_hi;
        for (int x = ext_lo; x < in_lo; x++)
            cov[x - ox] = 0;
        for (int x = in_hi; x < ext_hi; x++)
            cov[x - ox] = 0;
        for (int j = 0; j < RASTER_SUB; j++)
            for (int i = 0; i < cnt[j]; i++) {
                long sa = a[j][i], sb = b[j][i];
                int p0 = (int)(sa / RASTER_SUB), p1 = (int)((sb - 1) / RASTER_SUB);
                if (p0 == p1) {
                    cov[p0 - ox] += (uint16_t)(sb - sa);
                    continue;
                }
                cov[p0 - ox] += (uint16_t)(RASTER_SUB * (p0 + 1) - sa);
                cov[p1 - ox] += (uint16_t)(sb - (long)RASTER_SUB * p1);
                /* the whole pixels between, outside the inside run */
                int m1 = p1 < in_lo ? p1 : in_lo;
                for (int x = p0 + 1; x < m1; x++)
                    cov[x - ox] += RASTER_SUB;
                for (int x = in_hi > p0 + 1 ? in_hi : p0 + 1; x < p1; x++)
                    cov[x - ox] += RASTER_SUB;
            }
        uint32_t *p = t->px + (size_t)y * (size_t)t->pitch;
        for (int pass = 0; pass < 2; pass++) {
            int x0 = pass ? in_hi : ext_lo, x1 = pass ? ext_hi : in_lo;
            for (int x = x0; x < x1; x++) {
                uint32_t k = cov[x - ox] > FULL ? FULL : cov[x - ox];
                uint32_t al = (col.a * k + FULL / 2) / FULL;
                if (al == 255)
                    p[x] = pack(t, col.r, col.g, col.b);
                else if (al)
                    p[x] = blend(t, p[x], col, al);
            }
        }
        run(t, p, in_lo, in_hi, &inner);
    }
    free(cov);
}

void raster_round(const raster_target *t, raster_clip c, float x, float y, float w, float h, float rad,
                  raster_rgba col)
{
    if (w <= 0 || h <= 0)
        return;
    if (rad > w / 2)
        rad = w / 2;
    if (rad > h / 2)
        rad = h / 2;
    if (rad < 0)
        rad = 0;
    shape s = {0, x, y, w, h, rad, NULL, 0};
    fill_shape(t, c, &s, x, y, x + w, y + h, col);
}

void raster_polygon(const raster_target *t, raster_clip c, const float *xy, int n, raster_rgba col)
{
    if (n < 3 || n > RASTER_MAX_POINTS)
        return;
    float left = xy[0], top = xy[1], right = xy[0], bottom = xy[1];
    for (int i = 1; i < n; i++) {
        left = fminf(left, xy[2 * i]);
        right = fmaxf(right, xy[2 * i]);
        top = fminf(top, xy[2 * i + 1]);
        bottom = fmaxf(bottom, xy[2 * i + 1]);
    }
    shape s = {1, 0, 0, 0, 0, 0, xy, n};
    fill_shape(t, c, &s, left, top, right, bottom, col);
}

/* Image pixels q[0..n-1] (ARGB8888) over p[0..n-1] with its alpha times m / 255, when the
 * target's green is bits 8-15 and red and blue are bytes 0 and 2 (swap: red is byte 0): red and
 * blue are blended in one multiply, in 16-bit halves that cannot carry into each other
 * (255 * 255 + 128 + 255 < 65536); four pixels at a time in a loop of a fixed length that -O2
 * turns into vector code. */
static inline uint32_t image_px(uint32_t s, uint32_t d, uint32_t m, uint32_t fixed, int swap)
{
    uint32_t a = div255((s >> 24) * m);
    uint32_t ia = 255 - a, srb = s & 0x00FF00FFu;
    if (swap)
        srb = ((srb << 16) | (srb >> 16)) & 0x00FF00FFu;
    uint32_t rb = srb * a + (d & 0x00FF00FFu) * ia + 0x00800080u;
    rb = ((rb + ((rb >> 8) & 0x00FF00FFu)) >> 8) & 0x00FF00FFu;
    return rb | (div255(((s >> 8) & 255) * a + ((d >> 8) & 255) * ia) << 8) | fixed;
}

static inline void image_row(uint32_t *p, const uint32_t *q, int n, uint32_t m, uint32_t fixed, int swap)
{
    int i = 0;
    for (; i + 4 <= n; i += 4) {
        /* a run of clear pixels (most of a text's box) is left as it is */
        if (((q[i] | q[i + 1] | q[i + 2] | q[i + 3]) >> 24) == 0)
            continue;
        uint32_t o[4];
        for (int j = 0; j < 4; j++)
            o[j] = image_px(q[i + j], p[i + j], m, fixed, swap);
        memcpy(p + i, o, sizeof o);
    }
    for (; i < n; i++)
        p[i] = image_px(q[i], p[i], m, fixed, swap);
}

void raster_image(const raster_target *t, raster_clip c, const uint32_t *src, int sw, int sh, int spitch, int dx,
                  int dy, uint8_t m, int turned)
{
    c = cut(t, c);
    int x0 = dx > c.x0 ? dx : c.x0, x1 = dx + sw < c.x1 ? dx + sw : c.x1;
    int y0 = dy > c.y0 ? dy : c.y0, y1 = dy + sh < c.y1 ? dy + sh : c.y1;
    if (m == 0)
        return;
    int swap = t->rs == 0;
    if (t->gs != 8 || t->rs + t->bs != 16)
        swap = -1;
    /* turned: each row's pixels reversed into rev first, then blended as they come */
    uint32_t *rev = turned && x0 < x1 && y0 < y1 ? xmalloc(sizeof *rev * (size_t)(x1 - x0)) : NULL;
    for (int y = y0; y < y1; y++) {
        uint32_t *p = t->px + (size_t)y * (size_t)t->pitch;
        const uint32_t *q = src + (size_t)(y - dy) * (size_t)spitch + (x0 - dx);
        if (rev) {
            /* box pixel (x - dx, y - dy) is image pixel (sw - 1 - (x - dx), sh - 1 - (y - dy)) */
            const uint32_t *r = src + (size_t)(sh - 1 - (y - dy)) * (size_t)spitch + (sw - 1 - (x0 - dx));
            for (int i = 0; i < x1 - x0; i++)
                rev[i] = r[-i];
            q = rev;
        }
        if (swap == 0 && x0 < x1)
            image_row(p + x0, q, x1 - x0, m, t->fixed, 0);
        else if (swap == 1 && x0 < x1)
            image_row(p + x0, q, x1 - x0, m, t->fixed, 1);
        else
            for (int x = x0; x < x1; x++) {
                uint32_t s = q[x - x0], a = s >> 24;
                if (m != 255)
                    a = div255(a * m);
                if (a == 0)
                    continue;
                raster_rgba col = {(uint8_t)(s >> 16), (uint8_t)(s >> 8), (uint8_t)s, 255};
                p[x] = a == 255 ? pack(t, col.r, col.g, col.b) : blend(t, p[x], col, a);
            }
    }
    free(rev);
}
