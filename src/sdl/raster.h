/* raster.h: our own pixel code for the software renderer: rectangles, a vertical gradient,
 * anti-aliased rounded rectangles and polygons, and text images, blended into 32-bit pixels.
 * No SDL here: tests/unit/test_raster.c checks every operation against a plain reference
 * (point sampling and float blending), so an SDL upgrade cannot change what it draws.
 *
 * Blending is straight alpha over an opaque destination, per channel:
 *     out = (src * a + dst * (255 - a)) / 255, rounded to nearest,
 * where a is the colour's alpha times the pixel's coverage (shapes) or the image pixel's alpha
 * times the modulation m / 255 (images), each rounded to nearest.
 * A shape's coverage of a pixel is how many of its RASTER_SUB x RASTER_SUB sample points, at
 * (x + (i + 0.5) / RASTER_SUB, y + (j + 0.5) / RASTER_SUB), lie inside the shape (nonzero
 * winding for polygons; a point on a left or top edge is inside, on a right or bottom edge
 * outside). Coordinates are pixels: pixel (x, y) covers [x, x + 1) x [y, y + 1). */
#ifndef QB_RASTER_H
#define QB_RASTER_H

#include <stdint.h>

/* samples per pixel each way: 16 levels of coverage */
#define RASTER_SUB 4

/* Pixels to draw into: 32 bits each, 8 bits a channel at any shifts. */
typedef struct raster_target {
    /* the first pixel of the first row */
    uint32_t *px;
    /* pixels from one row to the next */
    int pitch;
    int w, h;
    /* where red, green and blue sit in a pixel */
    int rs, gs, bs;
    /* bits set in every pixel written (an alpha channel: opaque), else 0 */
    uint32_t fixed;
} raster_target;

/* A clip box, x0 <= x < x1, y0 <= y < y1 (cut to the target's bounds by every call). */
typedef struct raster_clip {
    int x0, y0, x1, y1;
} raster_clip;

/* A colour with straight (not premultiplied) alpha. */
typedef struct raster_rgba {
    uint8_t r, g, b, a;
} raster_rgba;

/* A rectangle of whole pixels. */
void raster_fill(const raster_target *t, raster_clip c, int x, int y, int w, int h, raster_rgba col);
/* Rows 0..h-1 from top to bottom: row y is top + (bottom - top) * (y + 0.5) / h, rounded. */
void raster_gradient(const raster_target *t, raster_clip c, int h, raster_rgba top, raster_rgba bottom);
/* A rectangle with corners of radius rad (a circle when rad is half of both sides). */
void raster_round(const raster_target *t, raster_clip c, float x, float y, float w, float h, float rad,
                  raster_rgba col);
/* A polygon of n points (x, y pairs), any shape, nonzero winding; at most RASTER_MAX_POINTS. */
#define RASTER_MAX_POINTS 128
void raster_polygon(const raster_target *t, raster_clip c, const float *xy, int n, raster_rgba col);
/* An image of straight-alpha ARGB8888 pixels (what SDL_ttf renders), top-left at dx, dy, its
 * alpha modulated by m; turned 180 degrees when turned is not 0 (pixel (x, y) of the box is the
 * image's pixel (sw - 1 - x, sh - 1 - y): read backwards, no resampling). */
void raster_image(const raster_target *t, raster_clip c, const uint32_t *src, int sw, int sh, int spitch, int dx,
                  int dy, uint8_t m, int turned);

#endif
