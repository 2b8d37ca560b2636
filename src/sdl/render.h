/* render.h: draws the game's state (core/game.h) with SDL_Renderer and the text cache. */
#ifndef QB_RENDER_H
#define QB_RENDER_H

#include <SDL.h>

#include "core/game.h"

/* Draws one frame of g into r (does not present). */
void render_frame(SDL_Renderer *r, const game *g);

#endif
