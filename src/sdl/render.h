/* render.h: draws the game's state (core/game.h) through the compositor (compose.h) and the
 * text cache. */
#ifndef QB_RENDER_H
#define QB_RENDER_H

#include <SDL.h>

#include "core/game.h"

/* Draws one frame of g into r (does not present). With SDL's software renderer only what
 * changed since the last frame is drawn again (the window keeps its pixels). Returns 0 when
 * the frame is the one already drawn (nothing was drawn: presenting would show nothing new). */
int render_frame(SDL_Renderer *r, const game *g);
/* The window's pixels cannot be trusted (exposed, re-created): the next frame draws all. */
void render_invalidate(void);
/* Frees what drawing holds (the compositor's lists); at shutdown, before the renderer goes. */
void render_quit(void);

#endif
