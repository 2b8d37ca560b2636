/* input.h: turns SDL events (keyboard, mouse, touch, game controllers, arcade joysticks) into
 * the core's platform-neutral inputs. */
#ifndef QB_INPUT_H
#define QB_INPUT_H

#include <SDL.h>

#include "core/game.h"

/* What the platform itself must do for an event, beside the core's input. */
typedef enum input_action {
    ACT_NONE,
    ACT_FULLSCREEN, /* F11 or Alt+Enter */
    ACT_RESIZED,    /* the window changed size */
    ACT_TERMINATE,  /* SIGTERM/SIGINT: save and leave, even in kiosk mode */
} input_action;

/* The instance id a script's `button N a` gives its event: controller N's (seat N), with no
 * device behind it (ids SDL hands out count up from 0 and never get near these). */
#define INPUT_SCRIPT_PAD(n) ((SDL_JoystickID)(0x40000000 + (n)-1))

/* Opens controllers already plugged in; later ones arrive as events. */
void input_init(void);
void input_quit(void);
/* Translates one event. Returns 1 and fills *out when the core should see an input.
 * *act tells what the platform should do itself. win_w/win_h convert touch positions. */
int input_translate(const SDL_Event *e, int win_w, int win_h, input *out, input_action *act);

#endif
