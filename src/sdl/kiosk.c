/* kiosk.c: detects the operator exit chord. Players mash keys on a public screen: only all
 * the chord's keys held together for the whole hold time count. */
#include "kiosk.h"

#include <stdio.h>
#include <string.h>

#define MAX_PARTS 8

/* the chord: key codes (modifier names match either side) and controller buttons */
static struct {
    SDL_Keycode keys[MAX_PARTS][2];
    int nkeys;
    int buttons[MAX_PARTS];
    int nbuttons;
    uint32_t hold_ms;
} chord;

/* what is held now */
#define MAX_HELD 32
static SDL_Keycode held_keys[MAX_HELD];
static int nheld_keys;
static unsigned held_buttons; /* bit per SDL_GameControllerButton */
static uint32_t since;
static int armed = 1, holding;

static int parse_keys(const char *s)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", s);
    chord.nkeys = 0;
    for (char *tok = strtok(buf, "+"); tok; tok = strtok(NULL, "+")) {
        if (chord.nkeys == MAX_PARTS)
            return -1;
        SDL_Keycode *k = chord.keys[chord.nkeys++];
        if (!SDL_strcasecmp(tok, "ctrl")) {
            k[0] = SDLK_LCTRL;
            k[1] = SDLK_RCTRL;
        } else if (!SDL_strcasecmp(tok, "alt")) {
            k[0] = SDLK_LALT;
            k[1] = SDLK_RALT;
        } else if (!SDL_strcasecmp(tok, "shift")) {
            k[0] = SDLK_LSHIFT;
            k[1] = SDLK_RSHIFT;
        } else if (!SDL_strcasecmp(tok, "gui")) {
            k[0] = SDLK_LGUI;
            k[1] = SDLK_RGUI;
        } else {
            k[0] = k[1] = SDL_GetKeyFromName(tok);
            if (k[0] == SDLK_UNKNOWN)
                return -1;
        }
    }
    return chord.nkeys ? 0 : -1;
}

static int parse_pad(const char *s)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", s);
    chord.nbuttons = 0;
    for (char *tok = strtok(buf, "+"); tok; tok = strtok(NULL, "+")) {
        int b = SDL_GameControllerGetButtonFromString(tok);
        if (b == SDL_CONTROLLER_BUTTON_INVALID || chord.nbuttons == MAX_PARTS)
            return -1;
        chord.buttons[chord.nbuttons++] = b;
    }
    return 0;
}

int kiosk_chords(const char *keys, const char *pad, uint32_t hold_ms, const char **err)
{
    chord.hold_ms = hold_ms;
    if (keys && *keys && parse_keys(keys) != 0) {
        *err = "bad exit_chord (use modifiers ctrl, alt, shift, gui and SDL key names, e.g. ctrl+alt+shift+q)";
        return -1;
    }
    if (pad && *pad && parse_pad(pad) != 0) {
        *err = "bad exit_pad_chord (use controller button names, e.g. back+start)";
        return -1;
    }
    return 0;
}

static int key_held(SDL_Keycode k)
{
    for (int i = 0; i < nheld_keys; i++)
        if (held_keys[i] == k)
            return 1;
    return 0;
}

static int chord_down(void)
{
    if (chord.nkeys) {
        int all = 1;
        for (int i = 0; i < chord.nkeys && all; i++)
            all = key_held(chord.keys[i][0]) || key_held(chord.keys[i][1]);
        if (all)
            return 1;
    }
    if (chord.nbuttons) {
        int all = 1;
        for (int i = 0; i < chord.nbuttons && all; i++)
            all = (held_buttons >> chord.buttons[i]) & 1;
        if (all)
            return 1;
    }
    return 0;
}

void kiosk_event(const SDL_Event *e)
{
    switch (e->type) {
    case SDL_KEYDOWN:
        if (!key_held(e->key.keysym.sym) && nheld_keys < MAX_HELD)
            held_keys[nheld_keys++] = e->key.keysym.sym;
        break;
    case SDL_KEYUP:
        for (int i = 0; i < nheld_keys; i++)
            if (held_keys[i] == e->key.keysym.sym)
                held_keys[i--] = held_keys[--nheld_keys];
        break;
    case SDL_CONTROLLERBUTTONDOWN:
        if (e->cbutton.button < 32)
            held_buttons |= 1u << e->cbutton.button;
        break;
    case SDL_CONTROLLERBUTTONUP:
        if (e->cbutton.button < 32)
            held_buttons &= ~(1u << e->cbutton.button);
        break;
    case SDL_CONTROLLERDEVICEREMOVED:
        /* a pad pulled out while its buttons were held: SDL 2.26 releases them first, but a
         * half-held chord must never outlive the pad on any version (one button held, pad out,
         * the other button on a pad plugged in later) */
        held_buttons = 0;
        break;
    case SDL_WINDOWEVENT:
        /* keys released while the window had no focus never send KEYUP */
        if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            nheld_keys = 0;
            held_buttons = 0;
        }
        break;
    default:
        break;
    }
}

int kiosk_chord_fired(uint32_t now)
{
    if (!chord_down()) {
        holding = 0;
        armed = 1;
        return 0;
    }
    if (!holding) {
        holding = 1;
        since = now;
    }
    if (armed && now - since >= chord.hold_ms) {
        armed = 0;
        return 1;
    }
    return 0;
}

int kiosk_chord_held(uint32_t now)
{
    if (!holding || !armed || chord.hold_ms == 0)
        return 0;
    uint32_t el = now - since;
    /* at least 1 from the first moment: the loop keeps waking while a chord is held (a pad
     * sends no key repeats to wake it) */
    int p = el >= chord.hold_ms ? 1000 : (int)((uint64_t)el * 1000 / chord.hold_ms);
    return p > 0 ? p : 1;
}
