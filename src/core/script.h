/* script.h: the scripted-input file of the headless mode (tests, demos, benchmarks). */
#ifndef QB_SCRIPT_H
#define QB_SCRIPT_H

#include <stddef.h>

#include "util.h"

/* One script command. */
typedef enum script_op {
    SCRIPT_WAIT,       /* wait MS: advance virtual time by MS (in 1/60 s ticks) */
    SCRIPT_FRAMES,     /* frames N: advance N ticks, drawing and presenting each frame the real
                        * loop would draw (animations, changes): for benchmarks and soak tests */
    SCRIPT_KEY,        /* key NAME: press and release an SDL key (name in str) */
    SCRIPT_KEYDOWN,    /* keydown NAME: press and hold a key (chords) */
    SCRIPT_KEYUP,      /* keyup NAME: release a held key */
    SCRIPT_TEXT,       /* text STRING: typed text (str), one event per code point */
    SCRIPT_PASTE,      /* paste STRING: text committed at once (an input method, a barcode reader,
                        * a pasting keyboard tool): SDL cuts it into events of up to 31 bytes */
    SCRIPT_CLICK,      /* click X Y: a mouse click at fractions 0..1 of the window */
    SCRIPT_TOUCH,      /* touch X Y: a finger tap there, sent as a touch screen sends it: the
                        * finger event and SDL's synthetic mouse click for it */
    SCRIPT_TOUCHDOWN,  /* touchdown X Y: a finger put down and held there (a long press is
                        * touchdown, wait, touchup) */
    SCRIPT_TOUCHUP,    /* touchup X Y: the finger lifted there */
    SCRIPT_BUTTON,     /* button [N] NAME: press and release a button (str) of controller N (a,
                        * 1 to SCRIPT_MAX_PADS, default 1: party mode's seat N) */
    SCRIPT_BUTTONDOWN, /* buttondown NAME: press and hold a controller button */
    SCRIPT_BUTTONUP,   /* buttonup NAME: release it */
    SCRIPT_PAD_PLUG,   /* pad plug: a virtual controller plugged in (SDL's virtual joystick: its
                        * events come through SDL's controller code and queue as a real pad's);
                        * pad plug stick (a = 1): a plain joystick, as an arcade encoder is */
    SCRIPT_PAD_UNPLUG, /* pad unplug: that controller pulled out */
    SCRIPT_PAD_PRESS,  /* pad press NAME: press and release a button of the plugged-in pad (str:
                        * a controller button's name; a stick's button number, 1 to 6) */
    SCRIPT_PAD_DOWN,   /* pad down NAME: press and hold it */
    SCRIPT_PAD_UP,     /* pad up NAME: release it */
    SCRIPT_SCREENSHOT, /* screenshot FILE: save the current frame as BMP (str) */
    SCRIPT_RESIZE,     /* resize W H: change the window size */
    SCRIPT_CLOSE,      /* close: the window's close button (or Alt+F4 through the window manager) */
    SCRIPT_QUIT,       /* quit: end the script now */
} script_op;

/* controllers a script can press buttons on (party mode's seats) */
#define SCRIPT_MAX_PADS 4

typedef struct script_cmd {
    script_op op;
    /* line in the script file, for messages */
    int line;
    /* wait: ms; resize: width; button: the controller, 1..SCRIPT_MAX_PADS */
    long a;
    /* resize: height */
    long b;
    /* click position as fractions of the window */
    double x, y;
    /* key/button name, text, or file; NULL when unused */
    char *str;
} script_cmd;

typedef struct script {
    script_cmd *cmds;
    int n;
} script;

/* Parses a script. Every bad line is reported in diags as name:line (errors). Returns 0 when
 * the script has no errors. Key and button names are checked by the platform. */
int script_parse(script *s, const char *name, const char *buf, size_t len, diag_list *diags);
/* Reads the script file at path (at most max_bytes) and parses it; its problems are printed to
 * FILE_err (a FILE *) as path:line. Returns 0, EXIT_NOINPUT (unreadable) or EXIT_USAGE (bad). */
int script_load(script *s, const char *path, size_t max_bytes, void *FILE_err);
void script_free(script *s);

#endif
