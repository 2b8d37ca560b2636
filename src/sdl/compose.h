/* compose.h: the compositor. A frame is described as a list of primitives (a gradient, fills,
 * rounded rectangles, polygons, texts); compose_end() compares the list with the one on the
 * screen and draws only what differs. On SDL's software renderer it draws into the window's
 * pixels with our own code (raster.h), only inside the boxes that changed; on any other
 * renderer it draws the whole list with SDL_Renderer calls. */
#ifndef QB_COMPOSE_H
#define QB_COMPOSE_H

#include <SDL.h>

#include "text.h"

/* Starts the list of a frame drawn with r. */
void compose_begin(SDL_Renderer *r);
/* Rows 0..h-1 of the first w columns, from top at the top to bottom at the bottom. */
void compose_gradient(int w, int h, SDL_Color top, SDL_Color bottom);
/* A rectangle of whole pixels (c.a < 255: blended). */
void compose_fill(SDL_Rect r, SDL_Color c);
/* A rectangle with corners of radius rad, anti-aliased (a circle: rad half of both sides). */
void compose_round(float x, float y, float w, float h, float rad, SDL_Color c);
/* A convex polygon of n points (x, y pairs; at most 64), anti-aliased. */
void compose_polygon(const float *xy, int n, SDL_Color c);
/* Text t with its top-left at x, y, its alpha multiplied by a / 255, clipped to clip when clip
 * is not NULL. t must stay valid until compose_end() (the text cache keeps it for the frame). */
void compose_text(const text_tex *t, int x, int y, Uint8 a, const SDL_Rect *clip);
/* Everything added from now until compose_turn(NULL) is drawn turned 180 degrees about the
 * centre of *about (a pad read from across a table): a primitive's place is reflected through
 * that centre and its text drawn upside down (read backwards: no resampling). The coordinates
 * given are the ones seen from the other side. */
void compose_turn(const SDL_Rect *about);
/* Draws the frame (the changes, or all of it); returns 0 when it is the one already on the
 * screen (nothing drawn: presenting would show nothing new). */
int compose_end(void);
/* The window's pixels cannot be trusted (exposed, re-created): the next frame draws all. */
void compose_invalidate(void);
/* Frees everything the compositor holds. */
void compose_quit(void);

#endif
