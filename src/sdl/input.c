/* input.c: SDL events to core inputs. Touch is taken from finger events and SDL's synthetic
 * mouse events for touch are ignored, so a tap never fires twice. */
#include "input.h"

#include <stdio.h>
#include <string.h>

#define MAX_PADS 8
static SDL_GameController *pads[MAX_PADS];
static SDL_Joystick *sticks[MAX_PADS];

static void open_device(int index)
{
    for (int i = 0; i < MAX_PADS; i++) {
        if (pads[i] || sticks[i])
            continue;
        if (SDL_IsGameController(index))
            pads[i] = SDL_GameControllerOpen(index);
        else
            sticks[i] = SDL_JoystickOpen(index); /* arcade encoders: plain joysticks */
        return;
    }
}

void input_init(void)
{
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        open_device(i);
}

void input_quit(void)
{
    for (int i = 0; i < MAX_PADS; i++) {
        if (pads[i])
            SDL_GameControllerClose(pads[i]);
        if (sticks[i])
            SDL_JoystickClose(sticks[i]);
        pads[i] = NULL;
        sticks[i] = NULL;
    }
}

static void close_device(SDL_JoystickID id)
{
    for (int i = 0; i < MAX_PADS; i++) {
        if (pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pads[i])) == id) {
            SDL_GameControllerClose(pads[i]);
            pads[i] = NULL;
        }
        if (sticks[i] && SDL_JoystickInstanceID(sticks[i]) == id) {
            SDL_JoystickClose(sticks[i]);
            sticks[i] = NULL;
        }
    }
}

/* The party seat of a controller or joystick: its slot (the order it was plugged in, a freed
 * slot taken again first) plus one; a script's controller N (INPUT_SCRIPT_PAD) is seat N; any
 * other (a fifth controller) has no seat. */
static int pad_seat(SDL_JoystickID id)
{
    if (id >= INPUT_SCRIPT_PAD(1) && id <= INPUT_SCRIPT_PAD(PARTY_MAX))
        return (int)(id - INPUT_SCRIPT_PAD(1)) + 1;
    for (int i = 0; i < MAX_PADS && i < PARTY_MAX; i++) {
        if (pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pads[i])) == id)
            return i + 1;
        if (sticks[i] && SDL_JoystickInstanceID(sticks[i]) == id)
            return i + 1;
    }
    return 0;
}

static int is_game_controller(SDL_JoystickID id)
{
    return SDL_GameControllerFromInstanceID(id) != NULL;
}

static int key_input(const SDL_KeyboardEvent *k, input *out, input_action *act)
{
    SDL_Keycode sym = k->keysym.sym;
    Uint16 mod = k->keysym.mod;
    out->dev = DEV_KEYBOARD;
    if (sym == SDLK_F11 || ((sym == SDLK_RETURN || sym == SDLK_KP_ENTER) && (mod & KMOD_ALT))) {
        *act = ACT_FULLSCREEN;
        return 0;
    }
    if (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI))
        return 0;
    /* A held key repeats only where repeating means something (moving, deleting): a held 1 or
     * Enter is one press, and never carries on into the next screen. */
    if (k->repeat && sym != SDLK_UP && sym != SDLK_DOWN && sym != SDLK_LEFT && sym != SDLK_RIGHT &&
        sym != SDLK_BACKSPACE)
        return 0;
    switch (sym) {
    /* the keyboard split in two for party mode: the left keys are player 1's, 7-0 player 2's */
    case SDLK_1: case SDLK_2: case SDLK_3: case SDLK_4:
        out->kind = IN_ANSWER;
        out->index = (int)(sym - SDLK_1);
        out->seat = 1;
        return 1;
    case SDLK_KP_1: case SDLK_KP_2: case SDLK_KP_3: case SDLK_KP_4:
        out->kind = IN_ANSWER;
        out->index = (int)(sym - SDLK_KP_1);
        out->seat = 1;
        return 1;
    case SDLK_a: case SDLK_b: case SDLK_c: case SDLK_d:
        out->kind = IN_ANSWER;
        out->index = (int)(sym - SDLK_a);
        out->seat = 1;
        return 1;
    case SDLK_7: case SDLK_8: case SDLK_9: case SDLK_0:
        out->kind = IN_ANSWER;
        out->index = sym == SDLK_0 ? 3 : (int)(sym - SDLK_7);
        out->seat = 2;
        return 1;
    case SDLK_UP: out->kind = IN_UP; return 1;
    case SDLK_DOWN: out->kind = IN_DOWN; return 1;
    case SDLK_LEFT: out->kind = IN_LEFT; return 1;
    case SDLK_RIGHT: out->kind = IN_RIGHT; return 1;
    case SDLK_RETURN: case SDLK_KP_ENTER: out->kind = IN_CONFIRM; return 1;
    case SDLK_ESCAPE: out->kind = IN_BACK; return 1;
    case SDLK_BACKSPACE: out->kind = IN_BACKSPACE; return 1;
    case SDLK_m: out->kind = IN_MUTE_MUSIC; return 1;
    case SDLK_s: out->kind = IN_MUTE_SFX; return 1;
    default: out->kind = IN_OTHER; return 1;
    }
}

static int pad_button(int b, SDL_JoystickID which, input *out)
{
    out->dev = DEV_PAD;
    out->seat = pad_seat(which);
    switch (b) {
    case SDL_CONTROLLER_BUTTON_A: out->kind = IN_BUTTON; out->index = 0; return 1;
    case SDL_CONTROLLER_BUTTON_B: out->kind = IN_BUTTON; out->index = 1; return 1;
    case SDL_CONTROLLER_BUTTON_X: out->kind = IN_BUTTON; out->index = 2; return 1;
    case SDL_CONTROLLER_BUTTON_Y: out->kind = IN_BUTTON; out->index = 3; return 1;
    case SDL_CONTROLLER_BUTTON_DPAD_UP: out->kind = IN_UP; return 1;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN: out->kind = IN_DOWN; return 1;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT: out->kind = IN_LEFT; return 1;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: out->kind = IN_RIGHT; return 1;
    case SDL_CONTROLLER_BUTTON_START: out->kind = IN_PAUSE; return 1;
    case SDL_CONTROLLER_BUTTON_BACK: out->kind = IN_BACK; return 1;
    default: out->kind = IN_OTHER; return 1;
    }
}

int input_translate(const SDL_Event *e, int win_w, int win_h, input *out, input_action *act)
{
    memset(out, 0, sizeof *out);
    *act = ACT_NONE;
    switch (e->type) {
    case SDL_QUIT:
        *act = ACT_TERMINATE;
        return 0;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_CLOSE) {
            out->kind = IN_QUIT;
            return 1;
        }
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || e->window.event == SDL_WINDOWEVENT_RESIZED)
            *act = ACT_RESIZED;
        return 0;
    case SDL_KEYDOWN:
        return key_input(&e->key, out, act);
    case SDL_TEXTINPUT:
        out->kind = IN_TEXT;
        out->dev = DEV_KEYBOARD;
        snprintf(out->text, sizeof out->text, "%s", e->text.text);
        return 1;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        out->kind = IN_POINT;
        out->dev = DEV_POINTER;
        out->x = e->button.x;
        out->y = e->button.y;
        return 1;
    case SDL_FINGERDOWN:
        out->kind = IN_POINT;
        out->dev = DEV_POINTER;
        out->x = (int)(e->tfinger.x * (float)win_w);
        out->y = (int)(e->tfinger.y * (float)win_h);
        return 1;
    case SDL_CONTROLLERDEVICEADDED:
    case SDL_JOYDEVICEADDED:
        if (e->type == SDL_JOYDEVICEADDED && SDL_IsGameController(e->jdevice.which))
            return 0; /* it arrives as a controller too */
        open_device(e->type == SDL_JOYDEVICEADDED ? e->jdevice.which : e->cdevice.which);
        return 0;
    case SDL_CONTROLLERDEVICEREMOVED:
    case SDL_JOYDEVICEREMOVED: {
        SDL_JoystickID id = e->type == SDL_JOYDEVICEREMOVED ? e->jdevice.which : e->cdevice.which;
        /* its party seat is left (a controller also sends the joystick's removal: one is enough) */
        int s_no = pad_seat(id);
        int was_pad = is_game_controller(id);
        close_device(id);
        if (!s_no || (e->type == SDL_JOYDEVICEREMOVED && was_pad))
            return 0;
        out->kind = IN_LEAVE;
        out->dev = DEV_PAD;
        out->seat = s_no;
        return 1;
    }
    case SDL_CONTROLLERBUTTONDOWN:
        return pad_button(e->cbutton.button, e->cbutton.which, out);
    case SDL_JOYBUTTONDOWN:
        if (is_game_controller(e->jbutton.which))
            return 0;
        out->dev = DEV_PAD;
        out->seat = pad_seat(e->jbutton.which);
        if (e->jbutton.button > 5) {
            out->kind = IN_OTHER;
            return 1;
        }
        if (e->jbutton.button < 4) {
            out->kind = IN_BUTTON;
            out->index = e->jbutton.button;
        } else {
            out->kind = e->jbutton.button == 4 ? IN_PAUSE : IN_BACK;
        }
        return 1;
    case SDL_JOYHATMOTION:
        if (is_game_controller(e->jhat.which))
            return 0;
        out->dev = DEV_PAD;
        out->seat = pad_seat(e->jhat.which);
        switch (e->jhat.value) {
        case SDL_HAT_UP: out->kind = IN_UP; return 1;
        case SDL_HAT_DOWN: out->kind = IN_DOWN; return 1;
        case SDL_HAT_LEFT: out->kind = IN_LEFT; return 1;
        case SDL_HAT_RIGHT: out->kind = IN_RIGHT; return 1;
        default: return 0;
        }
    default:
        return 0;
    }
}
