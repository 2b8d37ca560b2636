/* test_raster.c: src/sdl/raster.c (the software renderer's own fills, shapes and text blending)
 * against a plain reference: every pixel's coverage counted by testing each of its sample
 * points against the shape's definition (inside a rounded rectangle: in the rectangle and
 * within rad of the nearest point of the inner rectangle; inside a polygon: a nonzero winding
 * number), blended in double precision.
 *
 * Tolerance: a channel may differ from the reference by 1 (the integer code rounds twice: the
 * alpha times the coverage, then the blend). A sample point that lies on a shape's boundary
 * within float rounding may be counted on the other side by the span code (it solves each
 * sample row for its crossings instead of testing the point): such a pixel may differ by one
 * sample's worth (255 / 16 + 1), and at most 1 pixel in 500 of those a shape touches may. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sdl/raster.h"

#define W 160
#define H 120
#define S RASTER_SUB

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

static float frnd(float lo, float hi)
{
    return lo + (hi - lo) * (float)(rnd() % 100000) / 100000.0f;
}

/* layout 0: the window's usual XRGB; 1: red in the low byte and an alpha channel; 2: RGBA,
 * alpha in the low byte (no channel where the image has it: the general path) */
static raster_target target(uint32_t *px, int layout)
{
    raster_target t = {px, W, W, H, 16, 8, 0, 0};
    if (layout == 1) {
        t.rs = 0;
        t.bs = 16;
        t.fixed = 0xFF000000u;
    } else if (layout == 2) {
        t.rs = 24;
        t.gs = 16;
        t.bs = 8;
        t.fixed = 0xFFu;
    }
    return t;
}

static void noise(uint32_t *px, const raster_target *t)
{
    uint32_t rgb = (255u << t->rs) | (255u << t->gs) | (255u << t->bs);
    for (int i = 0; i < W * H; i++)
        px[i] = (rnd() & rgb) | t->fixed;
}

static int chan(const raster_target *t, uint32_t p, int k)
{
    int sh = k == 0 ? t->rs : k == 1 ? t->gs : t->bs;
    return (int)((p >> sh) & 255);
}

/* the reference blend of one pixel: coverage cov of S * S samples, alpha a */
static uint32_t ref_blend(const raster_target *t, uint32_t d, raster_rgba c, double a, int cov)
{
    double f = a / 255.0 * cov / (S * S);
    const int s[3] = {c.r, c.g, c.b};
    uint32_t out = t->fixed;
    for (int k = 0; k < 3; k++) {
        double v = chan(t, d, k) + (s[k] - chan(t, d, k)) * f;
        int sh = k == 0 ? t->rs : k == 1 ? t->gs : t->bs;
        out |= (uint32_t)lround(v) << sh;
    }
    return out;
}

typedef struct ref_shape {
    int poly;
    float x, y, w, h, rad;
    const float *xy;
    int n;
} ref_shape;

static int inside(const ref_shape *s, double px, double py)
{
    if (!s->poly) {
        if (px < s->x || px >= s->x + s->w || py < s->y || py >= s->y + s->h)
            return 0;
        double cx = fmin(fmax(px, s->x + s->rad), s->x + s->w - s->rad);
        double cy = fmin(fmax(py, s->y + s->rad), s->y + s->h - s->rad);
        return (px - cx) * (px - cx) + (py - cy) * (py - cy) <= (double)s->rad * s->rad;
    }
    /* winding number: edges crossing the horizontal line through the point, left of it */
    int wn = 0;
    for (int i = 0; i < s->n; i++) {
        const float *a = s->xy + 2 * i, *b = s->xy + 2 * ((i + 1) % s->n);
        int d = a[1] <= py && py < b[1] ? 1 : b[1] <= py && py < a[1] ? -1 : 0;
        if (d && a[0] + (py - a[1]) * (b[0] - a[0]) / (b[1] - a[1]) <= px)
            wn += d;
    }
    return wn != 0;
}

static int ref_cov(const ref_shape *s, int x, int y)
{
    int n = 0;
    for (int j = 0; j < S; j++)
        for (int i = 0; i < S; i++)
            n += inside(s, x + (i + 0.5) / S, y + (j + 0.5) / S);
    return n;
}

/* Compares got with the reference of shape s drawn over before within clip c. */
static void check_shape(const raster_target *t, const uint32_t *before, const uint32_t *got, const ref_shape *s,
                        raster_clip c, raster_rgba col)
{
    int touched = 0, off = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint32_t d = before[y * W + x], want = d;
            int in_clip = x >= c.x0 && x < c.x1 && y >= c.y0 && y < c.y1;
            int cov = in_clip ? ref_cov(s, x, y) : 0;
            if (cov)
                want = ref_blend(t, d, col, col.a, cov);
            uint32_t g = got[y * W + x];
            if (!in_clip) {
                assert_int_equal(g, d);
                continue;
            }
            touched += cov > 0;
            int worst = 0;
            for (int k = 0; k < 3; k++) {
                int e = abs(chan(t, g, k) - chan(t, want, k));
                worst = e > worst ? e : worst;
            }
            assert_int_equal(g & ~((255u << t->rs) | (255u << t->gs) | (255u << t->bs)), t->fixed);
            if (worst > 1) {
                off++;
                if (worst > 255 / (S * S) + 1)
                    fail_msg("pixel %d,%d: %06x, reference %06x (coverage %d)", x, y, g & 0xFFFFFF,
                             want & 0xFFFFFF, cov);
            }
        }
    assert_true(off * 500 <= touched || off <= 1);
}

static raster_rgba colour(int opaque)
{
    raster_rgba c = {(uint8_t)rnd(), (uint8_t)rnd(), (uint8_t)rnd(), opaque ? 255 : (uint8_t)(rnd() % 256)};
    return c;
}

static raster_clip some_clip(void)
{
    if (rnd() % 2)
        return (raster_clip){-5, -5, W + 9, H + 9};
    int x0 = (int)(rnd() % W), y0 = (int)(rnd() % H);
    return (raster_clip){x0, y0, x0 + 1 + (int)(rnd() % W), y0 + 1 + (int)(rnd() % H)};
}

static void test_round(void **state)
{
    (void)state;
    static uint32_t before[W * H], px[W * H];
    for (int k = 0; k < 300; k++) {
        raster_target t = target(px, k % 3);
        noise(before, &t);
        memcpy(px, before, sizeof px);
        ref_shape s = {0, frnd(-20, W), frnd(-20, H), frnd(0.5f, W), frnd(0.5f, H), 0, NULL, 0};
        if (k % 3 == 0) /* a circle */
            s.h = s.w;
        s.rad = k % 3 == 0 ? s.w / 2 : k % 3 == 1 ? frnd(0, 40) : 0;
        raster_rgba col = colour(k % 4 == 0);
        raster_clip c = some_clip();
        raster_round(&t, c, s.x, s.y, s.w, s.h, s.rad, col);
        s.rad = fminf(s.rad, fminf(s.w / 2, s.h / 2));
        check_shape(&t, before, px, &s, c, col);
    }
}

static void test_polygon(void **state)
{
    (void)state;
    static uint32_t before[W * H], px[W * H];
    for (int k = 0; k < 300; k++) {
        raster_target t = target(px, k % 3);
        noise(before, &t);
        memcpy(px, before, sizeof px);
        float xy[2 * 40];
        int n;
        if (k % 3 == 0) { /* a triangle anywhere, either winding */
            n = 3;
            for (int i = 0; i < 2 * n; i++)
                xy[i] = frnd(-30, i % 2 ? H + 30 : W + 30);
        } else { /* a star: k-pointed, folding over itself when the step is over 1 */
            float cx = frnd(0, W), cy = frnd(0, H), r = frnd(3, 90);
            int pts = 5 + k % 7, step = 1 + k % 3;
            n = pts;
            for (int i = 0; i < n; i++) {
                double a = 2 * M_PI * i * step / pts + k;
                xy[2 * i] = cx + r * (float)cos(a);
                xy[2 * i + 1] = cy + r * (float)sin(a) * (k % 2 ? 0.5f : 1);
            }
        }
        raster_rgba col = colour(k % 4 == 1);
        raster_clip c = some_clip();
        raster_polygon(&t, c, xy, n, col);
        ref_shape s = {1, 0, 0, 0, 0, 0, xy, n};
        check_shape(&t, before, px, &s, c, col);
    }
}

static void test_fill_gradient(void **state)
{
    (void)state;
    static uint32_t before[W * H], px[W * H];
    for (int k = 0; k < 100; k++) {
        raster_target t = target(px, k % 3);
        noise(before, &t);
        memcpy(px, before, sizeof px);
        int x = (int)(rnd() % (W + 40)) - 20, y = (int)(rnd() % (H + 40)) - 20;
        int w = (int)(rnd() % W), h = (int)(rnd() % H);
        raster_rgba col = colour(k % 3 == 0);
        raster_clip c = some_clip();
        raster_fill(&t, c, x, y, w, h, col);
        /* a rectangle of whole pixels is the rounded rectangle of radius 0 */
        ref_shape s = {0, (float)x, (float)y, (float)w, (float)h, 0, NULL, 0};
        check_shape(&t, before, px, &s, c, col);
    }
    raster_target t = target(px, 0);
    raster_rgba top = {0x13, 0x18, 0x33, 255}, bot = {0xF0, 0x0B, 0x80, 255};
    noise(px, &t);
    raster_gradient(&t, (raster_clip){0, 0, W, H}, H, top, bot);
    for (int y = 0; y < H; y++) {
        double f = (y + 0.5) / H;
        uint32_t want = ref_blend(&t, ref_blend(&t, 0, top, 255, S * S), bot, 255 * f, S * S);
        for (int x = 0; x < W; x++)
            for (int k = 0; k < 3; k++)
                assert_true(abs(chan(&t, px[y * W + x], k) - chan(&t, want, k)) <= 1);
    }
}

static void test_image(void **state)
{
    (void)state;
    static uint32_t before[W * H], px[W * H], img[50 * 30];
    for (int k = 0; k < 100; k++) {
        raster_target t = target(px, k % 3);
        noise(before, &t);
        memcpy(px, before, sizeof px);
        raster_rgba col = colour(1);
        for (int i = 0; i < 50 * 30; i++) { /* SDL_ttf's blended text: one colour, any alpha */
            /* rows 5-9 clear, as the space above and below a text's letters */
            uint32_t a = i / 50 % 30 >= 5 && i / 50 % 30 < 10 ? 0 : i % 7 == 0 ? 255 : i % 5 == 0 ? 0 : rnd() % 256;
            /* a turned image (every other one) also differs by its colours pixel by pixel */
            if (k % 2)
                col = colour(1);
            img[i] = a << 24 | (uint32_t)col.r << 16 | (uint32_t)col.g << 8 | col.b;
        }
        /* odd k: turned 180 degrees, pixel (x, y) of the box showing the image's (49 - x, 29 - y) */
        int turned = k % 2;
        int dx = (int)(rnd() % W) - 25, dy = (int)(rnd() % H) - 15;
        uint8_t m = k % 3 == 0 ? 255 : (uint8_t)rnd();
        raster_clip c = some_clip();
        raster_image(&t, c, img, 50, 30, 50, dx, dy, m, turned);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                uint32_t d = before[y * W + x], want = d;
                int in = x >= c.x0 && x < c.x1 && y >= c.y0 && y < c.y1 && x >= dx && x < dx + 50 && y >= dy &&
                         y < dy + 30;
                if (in) {
                    uint32_t sp = turned ? img[(29 - (y - dy)) * 50 + 49 - (x - dx)] : img[(y - dy) * 50 + x - dx];
                    raster_rgba sc = {(uint8_t)(sp >> 16), (uint8_t)(sp >> 8), (uint8_t)sp, 255};
                    want = ref_blend(&t, d, sc, (sp >> 24) * m / 255.0, S * S);
                }
                for (int ch = 0; ch < 3; ch++)
                    assert_true(abs(chan(&t, px[y * W + x], ch) - chan(&t, want, ch)) <= 1);
                assert_int_equal(px[y * W + x] & ~((255u << t.rs) | (255u << t.gs) | (255u << t.bs)), t.fixed);
                if (!in)
                    assert_int_equal(px[y * W + x], d);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round),
        cmocka_unit_test(test_polygon),
        cmocka_unit_test(test_fill_gradient),
        cmocka_unit_test(test_image),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
