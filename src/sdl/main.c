/* main.c: the game's two loops: real time with a window, or virtual time driven by a script
 * (headless tests, screenshots, benchmarks). Options are in options.c, the tools in tools.c. */
#include <SDL.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/deck.h"
#include "core/deck_dir.h"
#include "core/game.h"
#include "core/i18n.h"
#include "core/pin.h"
#include "core/pinlock.h"
#include "core/scorefile.h"
#include "core/scores.h"
#include "core/script.h"
#include "core/util.h"
#include "board.h"
#include "fleet.h"
#include "input.h"
#include "kiosk.h"
#include "options.h"
#include "paths.h"
#include "render.h"
#include "sound.h"
#include "text.h"
#include "tools.h"
#include "video.h"

/* ---- the game ---- */

static void emit_line(void *ud, const char *json)
{
    FILE *f = ud;
    fputs(json, f);
    fputc('\n', f);
    /* flushed per line: a watcher (the X11 test, a kiosk log) sees events as they happen */
    fflush(f);
}

/* Everything the loop needs. */
typedef struct app {
    SDL_Window *win;
    SDL_Renderer *ren;
    game g;
    int w, h;
    /* the windowed place to go back to after F11 */
    SDL_Rect windowed;
    /* kiosk mode: chords are watched, fullscreen is kept */
    int kiosk;
    /* the scene at the last step (a change to the title hands freed memory back) */
    scene last_scene;
    /* what devices_init needs: the data directory (sounds) and the volumes */
    const char *data_dir;
    int sfx_volume, music_volume;
    /* the fleet's worker, when [fleet] url is set (NULL otherwise), and the boards it fetched
     * last (the game reads them: game_set_fleet_boards) */
    fleet *fleet;
    scores *fleet_table;
    /* --frame-log: each step's work, in ms (NULL: not written) */
    FILE *frame_log;
    /* the PIN lock-out's file beside the score file; NULL = kept in memory only */
    char *pinlock_path;
} app;

/* The operator's log (every PIN typed): stderr, which is the journal under systemd, each line
 * with the wall-clock time the game runs on (a script's virtual one in tests). */
static void journal_line(void *ud, const char *line)
{
    const app *a = ud;
    time_t t = (time_t)a->g.wall;
    struct tm tm;
    char when[32] = "?";
    if (localtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S%z", &tm);
    fprintf(stderr, "quizblitz: %s: %s\n", when, line);
}

/* Sound and controllers. The real loop starts them after its first frame is on the screen:
 * SDL2_mixer is loaded (dlopen, with what it pulls in) and decodes every effect and the music,
 * and the controller subsystem scans the input devices, and the title need not wait for either
 * (a controller plugged in is an event anyway, and nothing sounds before the first tick). */
static void devices_init(app *a)
{
    SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER);
    sound_init(a->data_dir, a->sfx_volume, a->music_volume);
    input_init();
}

static void refresh_size(app *a)
{
    int w, h;
    SDL_GetRendererOutputSize(a->ren, &w, &h);
    if (w != a->w || h != a->h) {
        a->w = w;
        a->h = h;
        game_resize(&a->g, w, h);
    }
}

/* F11 / Alt+Enter. Besides the window manager's fullscreen state, the window itself takes the
 * display's bounds (and gets its old place back after): an X server with no window manager (a
 * kiosk started by xinit) never applies the state, and the window would stay as it was. */
static void toggle_fullscreen(app *a)
{
    if (SDL_GetWindowFlags(a->win) & SDL_WINDOW_FULLSCREEN) {
        SDL_SetWindowFullscreen(a->win, 0);
        if (a->windowed.w > 0) {
            SDL_SetWindowSize(a->win, a->windowed.w, a->windowed.h);
            SDL_SetWindowPosition(a->win, a->windowed.x, a->windowed.y);
        }
    } else {
        SDL_GetWindowPosition(a->win, &a->windowed.x, &a->windowed.y);
        SDL_GetWindowSize(a->win, &a->windowed.w, &a->windowed.h);
        SDL_Rect db;
        int di = SDL_GetWindowDisplayIndex(a->win);
        if (SDL_GetDisplayBounds(di < 0 ? 0 : di, &db) == 0 && db.w > 0 && db.h > 0) {
            SDL_SetWindowPosition(a->win, db.x, db.y);
            SDL_SetWindowSize(a->win, db.w, db.h);
        }
        SDL_SetWindowFullscreen(a->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
    }
    /* the new size arrives as a window event (ACT_RESIZED) when the server has applied it */
    refresh_size(a);
}

static void handle_event(app *a, const SDL_Event *e)
{
    input in;
    input_action act;
    if (a->kiosk)
        kiosk_event(e);
    if (e->type == SDL_AUDIODEVICEREMOVED && !e->adevice.iscapture)
        sound_device_lost(); /* silent from now on; sound_retry() reopens one later */
    int has = input_translate(e, a->w, a->h, &in, &act);
    if (act == ACT_FULLSCREEN && a->kiosk) {
        /* a kiosk stays fullscreen */
    } else if (act == ACT_FULLSCREEN) {
        toggle_fullscreen(a);
    } else if (act == ACT_RESIZED) {
        refresh_size(a);
    } else if (act == ACT_TERMINATE) {
        game_terminate(&a->g, "signal");
    }
    if (has)
        game_input(&a->g, &in);
}

static void play_sounds(app *a)
{
    int s[GAME_SFX_QUEUE];
    int n = game_take_sfx(&a->g, s, GAME_SFX_QUEUE);
    for (int i = 0; i < n; i++)
        sound_play(s[i]);
    sound_music(game_music_wanted(&a->g));
}

/* The score file: the core queues entries, the platform writes them (between inputs, never
 * inside the core's handling of one) and tells the core how it went. */
static void save_scores(app *a)
{
    if (!game_save_wanted(&a->g))
        return;
    char *err = NULL;
    int rc = scorefile_add(a->g.scores_path, a->g.table, a->g.pending, a->g.npending, &err);
    /* the local file first (the source of truth); then the fleet's outbox, from which the
     * worker thread sends them: a crash between the two leaves the entries out of the fleet's
     * boards but never counted twice */
    if (rc == 0 && a->fleet) {
        /* on the fleet a deck is known by its title, not by this kiosk's file name */
        score_entry *v = xcalloc((size_t)a->g.npending, sizeof *v);
        for (int i = 0; i < a->g.npending; i++) {
            v[i] = a->g.pending[i];
            for (int k = 0; k < a->g.ndecks; k++) {
                char key[SCORES_DECK_BYTES];
                game_deck_key(a->g.decks[k], key, sizeof key);
                if (!strcmp(key, v[i].deck)) {
                    game_fleet_deck(a->g.decks[k], v[i].deck, sizeof v[i].deck);
                    break;
                }
            }
        }
        char *ferr = NULL;
        if (fleet_submit(a->fleet, v, a->g.npending, &ferr) != 0)
            fprintf(stderr, "quizblitz: %s (the scores are saved locally)\n", ferr);
        free(ferr);
        free(v);
    }
    game_save_done(&a->g, rc == 0, err);
    free(err);
}

/* The PIN lock-out: the core decides, the platform writes it beside the score file at once, so
 * a restart (a crash, a power cut) never hands a guesser fresh tries. */
static void save_pinlock(app *a)
{
    if (!game_pin_save_wanted(&a->g))
        return;
    pin_state st;
    game_pin_state(&a->g, &st);
    char *err = NULL;
    int rc = a->pinlock_path ? pinlock_save(a->pinlock_path, &st, &err) : 0;
    game_pin_save_done(&a->g, rc == 0, err);
    free(err);
}

/* The fleet's newest boards, if the worker has made some since the last look (never waits). */
static void take_fleet_boards(app *a, uint32_t now)
{
    fleet_boards b;
    if (fleet_take_boards(a->fleet, &a->fleet_table, &b))
        game_set_fleet_boards(&a->g, a->fleet_table, b.reachable, now - (uint32_t)b.at_ms);
}

/* One step of time, the same in both loops: the clock, the operator chord, the sounds. */
static void step(app *a, uint32_t now, int64_t wall)
{
    game_tick(&a->g, now, wall);
    take_fleet_boards(a, now);
    save_scores(a); /* a name entry that timed out, a round abandoned with a high score */
    save_pinlock(a);
    if (a->kiosk && kiosk_chord_fired(now))
        game_operator_exit(&a->g);
    if (a->kiosk) /* the screen shows the chord filling up, so the operator keeps holding */
        game_operator_hold(&a->g, kiosk_chord_held(now));
    play_sounds(a);
    if (a->g.scene != a->last_scene) {
        a->last_scene = a->g.scene;
#ifdef __GLIBC__
        /* Back on the title (or an attract page) after a round: give the heap's free pages
         * back. The text cache frees and allocates large textures all day; without this glibc
         * keeps the holes and a kiosk's resident memory creeps up over days (make soak). */
        if (a->g.scene == SCENE_TITLE || a->g.scene == SCENE_ATTRACT)
            malloc_trim(0);
#endif
    }
}

static int save_screenshot(app *a, const char *file)
{
    return video_screenshot(a->ren, a->w, a->h, file);
}

/* Draws a frame; returns 0 when it is the one already on the screen (nothing to present). */
static int draw(app *a)
{
    int changed = render_frame(a->ren, &a->g);
    text_frame_end();
    a->g.dirty = 0;
    return changed;
}

/* When the screen changes next on its own (game_wake_in, from the time of a draw): a loop
 * draws then even if the game is not dirty (a blinking cursor, the seconds of "Still there?",
 * a notice going away). Times are SDL ticks, compared so that their wrap-around is harmless. */
typedef struct due_time {
    uint32_t at;
    int set;
} due_time;

static due_time due_after(const app *a, uint32_t now)
{
    uint32_t w = game_wake_in(&a->g);
    return (due_time){now + w, w != UINT32_MAX};
}

static int is_due(due_time d, uint32_t now)
{
    return d.set && (int32_t)(now - d.at) >= 0;
}

/* A script's arcade stick (`pad plug stick`): as an encoder's, six buttons and a hat; its
 * buttons are named by number, 1 to 6. */
#define STICK_BUTTONS 6

/* The index of a stick's button "1" to "6", or -1. */
static int stick_button(const char *name)
{
    return name[0] >= '1' && name[0] < '1' + STICK_BUTTONS && !name[1] ? name[0] - '1' : -1;
}

/* Checks the key and button names of a script before anything runs. */
static int check_script_names(const script *s, const char *file)
{
    int bad = 0, plugged = 0, stick = 0;
    for (int i = 0; i < s->n; i++) {
        const script_cmd *c = &s->cmds[i];
        int is_key = c->op == SCRIPT_KEY || c->op == SCRIPT_KEYDOWN || c->op == SCRIPT_KEYUP;
        int pad_button = c->op == SCRIPT_PAD_PRESS || c->op == SCRIPT_PAD_DOWN || c->op == SCRIPT_PAD_UP;
        int is_button = c->op == SCRIPT_BUTTON || c->op == SCRIPT_BUTTONDOWN || c->op == SCRIPT_BUTTONUP ||
                        (pad_button && !stick);
        if (is_key && SDL_GetKeyFromName(c->str) == SDLK_UNKNOWN) {
            fprintf(stderr, "%s:%d: error: unknown key \"%s\" (use SDL key names: 1, A, Return, Escape, Down)\n",
                    file, c->line, c->str);
            bad = 1;
        }
        int pad_op = c->op == SCRIPT_PAD_PLUG || c->op == SCRIPT_PAD_UNPLUG || c->op == SCRIPT_PAD_PRESS ||
                     c->op == SCRIPT_PAD_DOWN || c->op == SCRIPT_PAD_UP;
        if (pad_op && (c->op == SCRIPT_PAD_PLUG) == plugged) {
            fprintf(stderr, "%s:%d: error: %s\n", file, c->line,
                    plugged ? "the pad is plugged in already" : "no pad is plugged in (pad plug first)");
            bad = 1;
        }
        if (c->op == SCRIPT_PAD_PLUG || c->op == SCRIPT_PAD_UNPLUG) {
            plugged = c->op == SCRIPT_PAD_PLUG;
            stick = plugged && c->a;
        }
        if (pad_button && stick && stick_button(c->str) < 0) {
            fprintf(stderr, "%s:%d: error: a stick's buttons are numbered 1 to %d, not \"%s\"\n", file, c->line,
                    STICK_BUTTONS, c->str);
            bad = 1;
        }
        if (is_button && SDL_GameControllerGetButtonFromString(c->str) == SDL_CONTROLLER_BUTTON_INVALID) {
            fprintf(stderr, "%s:%d: error: unknown controller button \"%s\" (a, b, x, y, dpup, dpdown, start, ...)\n",
                    file, c->line, c->str);
            bad = 1;
        }
    }
    return bad;
}

/* Both loops: texts' pixels (textures of 100 KB to a few MB) come and go all day. glibc's
 * default raises its mmap threshold to the largest block freed so far, after which such blocks
 * come from the heap and their holes stay resident; a fixed threshold keeps them in their own
 * mappings, handed back to the system the moment they are freed. */
static void memory_policy(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

/* ---- the one loop ----
 *
 * Real play and scripted runs go through the same loop: sleep until an input, a timer of the
 * game or the next animation frame is due; bring the game's clock up to the time of each input
 * before handing it over; then up to now; then draw if anything changed. Only where the time
 * and the input come from differs:
 *   - real play: SDL_GetTicks and SDL's event queue (an event's time is its SDL timestamp);
 *   - a script in virtual time (--script): a clock that jumps when the loop sleeps, and the
 *     script's commands, each due when the waits before it have passed;
 *   - a script in real time (--script-realtime): the real clock and real sleeps, with the
 *     script's commands as the input. */
typedef struct feed {
    const script *s;
    /* the next command, and the loop time it is due at (the waits before it added up) */
    int next;
    uint32_t due;
    /* 1: virtual time (vnow is the clock) */
    int is_virtual;
    uint32_t vnow;
    int64_t wall0;
    /* a screenshot that could not be written: the script's exit code */
    int rc;
    /* `pad plug`: the script's virtual controller (SDL's virtual joystick), NULL when unplugged */
    SDL_Joystick *pad;
} feed;

static uint32_t loop_now(const feed *f)
{
    return f->is_virtual ? f->vnow : SDL_GetTicks();
}

static int64_t loop_wall(const feed *f, uint32_t now)
{
    return f->is_virtual ? f->wall0 + now / 1000 : (int64_t)time(NULL);
}

/* An input reaches the game at its own time: the clock is brought up to it first, so a timer
 * that fell due before it fires first, and a countdown counts from when the player pressed.
 * SDL stamps an event when it is queued; one stamped before the game's last tick counts as now. */
static void deliver(app *a, const feed *f, const SDL_Event *e)
{
    uint32_t t = f->is_virtual ? f->vnow : e->common.timestamp;
    if ((int32_t)(t - a->g.now) < 0)
        t = a->g.now;
    step(a, t, loop_wall(f, t));
    handle_event(a, e);
    save_scores(a);
    save_pinlock(a);
}

/* A left button going down (type SDL_MOUSEBUTTONDOWN) or up at fractions fx, fy of the window,
 * from the mouse `which` (0, or SDL_TOUCH_MOUSEID for the click SDL makes from a finger). */
static void script_click(app *a, const feed *f, double fx, double fy, Uint32 which, Uint32 type)
{
    SDL_Event e;
    SDL_zero(e);
    e.type = type;
    e.button.which = which;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.x = (int)(fx * a->w);
    e.button.y = (int)(fy * a->h);
    if (e.button.x >= a->w)
        e.button.x = a->w - 1;
    if (e.button.y >= a->h)
        e.button.y = a->h - 1;
    e.common.timestamp = loop_now(f);
    deliver(a, f, &e);
}

_Static_assert(SDL_KEYUP == SDL_KEYDOWN + 1 && SDL_CONTROLLERBUTTONUP == SDL_CONTROLLERBUTTONDOWN + 1,
               "a release event follows its press in SDL's list");

/* A key or button of a script: its press (down_type, SDL_PRESSED in *state) and, or, its release
 * (the event type after it, SDL_RELEASED), delivered as SDL delivers them. */
static void press_release(app *a, const feed *f, SDL_Event *e, Uint8 *state, Uint32 down_type, int press,
                          int release)
{
    if (press) {
        e->type = down_type;
        *state = SDL_PRESSED;
        deliver(a, f, e);
    }
    if (release) {
        e->type = down_type + 1; /* SDL_KEYUP, SDL_CONTROLLERBUTTONUP */
        *state = SDL_RELEASED;
        deliver(a, f, e);
    }
}

/* The virtual pad's events, made by SDL from its new state (joystick, then controller events,
 * device added and removed), delivered from SDL's queue at once as the
 * loop delivers a real pad's, so they keep their place among the script's other commands. */
static void pad_deliver(app *a, const feed *f)
{
    SDL_Event e;
    SDL_JoystickUpdate();
    while (SDL_PollEvent(&e))
        deliver(a, f, &e);
}

/* The device index of the script's virtual pad now (indices move as devices come and go). */
static int pad_index(const feed *f)
{
    SDL_JoystickID id = SDL_JoystickInstanceID(f->pad);
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickGetDeviceInstanceID(i) == id)
            return i;
    return -1;
}

static void pad_unplug(feed *f)
{
    if (!f->pad)
        return;
    int i = pad_index(f);
    if (i >= 0)
        SDL_JoystickDetachVirtual(i);
    SDL_JoystickClose(f->pad);
    f->pad = NULL;
}

/* Runs one script command (not a wait): its events are delivered as SDL would deliver them.
 * Returns 0, or 1 when the script ends here (quit, or a screenshot that failed). */
static int script_command(app *a, feed *f, const script_cmd *c)
{
    SDL_Event e;
    SDL_zero(e);
    e.common.timestamp = loop_now(f);
    switch (c->op) {
    case SCRIPT_WAIT:
    case SCRIPT_FRAMES:
        break; /* counted into the due times (feed_advance) */
    case SCRIPT_KEY:
    case SCRIPT_KEYDOWN:
    case SCRIPT_KEYUP: {
        SDL_Keycode k = SDL_GetKeyFromName(c->str);
        e.key.keysym.sym = k;
        e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
        press_release(a, f, &e, &e.key.state, SDL_KEYDOWN, c->op != SCRIPT_KEYUP, c->op != SCRIPT_KEYDOWN);
        break;
    }
    case SCRIPT_TEXT: {
        /* one event per code point, as a keyboard sends them */
        const char *p = c->str;
        while (*p) {
            size_t l = 1;
            while (p[l] && ((unsigned char)p[l] & 0xC0) == 0x80)
                l++;
            SDL_zero(e);
            e.type = SDL_TEXTINPUT;
            e.common.timestamp = loop_now(f);
            memcpy(e.text.text, p, l < sizeof e.text.text ? l : sizeof e.text.text - 1);
            deliver(a, f, &e);
            p += l;
        }
        break;
    }
    case SCRIPT_PASTE: {
        /* as SDL_SendKeyboardText posts a long commit: pieces of up to 31 bytes, each cut
         * where a code point ends (a combining mark may land in the next piece) */
        const char *p = c->str;
        while (*p) {
            size_t l = 0, room = sizeof e.text.text - 1;
            while (p[l]) {
                size_t cl = 1;
                while (p[l + cl] && ((unsigned char)p[l + cl] & 0xC0) == 0x80)
                    cl++;
                if (l + cl > room)
                    break;
                l += cl;
            }
            if (l == 0)
                break; /* a code point longer than an event: cannot be (valid UTF-8 is checked) */
            SDL_zero(e);
            e.type = SDL_TEXTINPUT;
            e.common.timestamp = loop_now(f);
            memcpy(e.text.text, p, l);
            deliver(a, f, &e);
            p += l;
        }
        break;
    }
    case SCRIPT_CLICK:
        script_click(a, f, c->x, c->y, 0, SDL_MOUSEBUTTONDOWN);
        break;
    case SCRIPT_TOUCH:
    case SCRIPT_TOUCHDOWN:
    case SCRIPT_TOUCHUP:
        /* as a touch screen sends it: the finger, then SDL's mouse button made from it (marked
         * SDL_TOUCH_MOUSEID, which the game must not count a second time). A tap is the finger
         * going down; a long press is touchdown, a wait, touchup: while the finger rests SDL
         * sends nothing (no long-press gesture, no right click of its own) */
        e.type = c->op == SCRIPT_TOUCHUP ? SDL_FINGERUP : SDL_FINGERDOWN;
        e.tfinger.touchId = 1;
        e.tfinger.fingerId = 1;
        e.tfinger.x = (float)c->x;
        e.tfinger.y = (float)c->y;
        e.tfinger.pressure = c->op == SCRIPT_TOUCHUP ? 0.0f : 1.0f;
        deliver(a, f, &e);
        script_click(a, f, c->x, c->y, SDL_TOUCH_MOUSEID,
                     c->op == SCRIPT_TOUCHUP ? SDL_MOUSEBUTTONUP : SDL_MOUSEBUTTONDOWN);
        break;
    case SCRIPT_BUTTON:
    case SCRIPT_BUTTONDOWN:
    case SCRIPT_BUTTONUP:
        e.cbutton.button = (Uint8)SDL_GameControllerGetButtonFromString(c->str);
        e.cbutton.which = INPUT_SCRIPT_PAD(c->a);
        press_release(a, f, &e, &e.cbutton.state, SDL_CONTROLLERBUTTONDOWN, c->op != SCRIPT_BUTTONUP,
                      c->op != SCRIPT_BUTTONDOWN);
        break;
    case SCRIPT_PAD_PLUG: {
        /* a controller as SDL's own virtual joystick: every button SDL maps, its standard
         * mapping; or a plain joystick with no mapping, as an arcade encoder is */
        int i = c->a ? SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_ARCADE_STICK, 2, STICK_BUTTONS, 1)
                     : SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, SDL_CONTROLLER_AXIS_MAX,
                                                 SDL_CONTROLLER_BUTTON_MAX, 0);
        if (i < 0 || !(f->pad = SDL_JoystickOpen(i))) {
            fprintf(stderr, "quizblitz: pad plug: %s\n", SDL_GetError());
            f->rc = EXIT_FAIL;
            return 1;
        }
        pad_deliver(a, f);
        break;
    }
    case SCRIPT_PAD_UNPLUG:
        pad_unplug(f);
        pad_deliver(a, f);
        break;
    case SCRIPT_PAD_PRESS:
    case SCRIPT_PAD_DOWN:
    case SCRIPT_PAD_UP: {
        int b = stick_button(c->str);
        if (b < 0)
            b = SDL_GameControllerGetButtonFromString(c->str);
        if (c->op != SCRIPT_PAD_UP) {
            SDL_JoystickSetVirtualButton(f->pad, b, SDL_PRESSED);
            pad_deliver(a, f);
        }
        if (c->op != SCRIPT_PAD_DOWN) {
            SDL_JoystickSetVirtualButton(f->pad, b, SDL_RELEASED);
            pad_deliver(a, f);
        }
        break;
    }
    case SCRIPT_SCREENSHOT: {
        uint32_t now = loop_now(f);
        step(a, now, loop_wall(f, now));
        draw(a);
        if (save_screenshot(a, c->str) != 0) {
            fprintf(stderr, "quizblitz: cannot save screenshot %s: %s\n", c->str, SDL_GetError());
            f->rc = EXIT_FAIL;
            return 1;
        }
        break;
    }
    case SCRIPT_RESIZE:
        /* a script's resize lays the screens out at another size, in kiosk mode too: a
         * fullscreen window keeps the display's size, so it leaves fullscreen first */
        if (SDL_GetWindowFlags(a->win) & SDL_WINDOW_FULLSCREEN)
            SDL_SetWindowFullscreen(a->win, 0);
        SDL_SetWindowSize(a->win, (int)c->a, (int)c->b);
        SDL_PumpEvents();
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
        refresh_size(a);
        if (a->w != c->a || a->h != c->b) {
            /* the dummy driver may not resize: lay out for the asked size anyway */
            a->w = (int)c->a;
            a->h = (int)c->b;
            game_resize(&a->g, a->w, a->h);
        }
        render_invalidate();
        break;
    case SCRIPT_CLOSE:
        e.type = SDL_WINDOWEVENT;
        e.window.event = SDL_WINDOWEVENT_CLOSE;
        e.window.windowID = SDL_GetWindowID(a->win);
        deliver(a, f, &e);
        break;
    case SCRIPT_QUIT:
        return 1;
    }
    play_sounds(a);
    return 0;
}

/* Moves past the waits at the feed's position: their time is added to the next due time. A
 * wait of `frames N` is N frames of 1/60 s. */
static void feed_advance(feed *f)
{
    while (f->next < f->s->n) {
        const script_cmd *c = &f->s->cmds[f->next];
        if (c->op == SCRIPT_WAIT)
            f->due += (uint32_t)c->a;
        else if (c->op == SCRIPT_FRAMES)
            f->due += (uint32_t)((uint64_t)c->a * 1000 / 60);
        else
            break;
        f->next++;
    }
}

/* Runs the script's commands that are due at `now`. Returns 1 when the script is over (its
 * last wait has passed, or it quit). */
static int feed_run_due(app *a, feed *f, uint32_t now)
{
    while (!a->g.quit) {
        feed_advance(f);
        if ((int32_t)(now - f->due) < 0)
            return 0;
        if (f->next >= f->s->n)
            return 1;
        if (script_command(a, f, &f->s->cmds[f->next++]))
            return 1;
    }
    return 1;
}

/* Window events after which the window's pixels must be drawn again in full: they were lost
 * (exposed, shown again) or are about to be re-created (a new size). */
static int loses_pixels(const SDL_Event *e)
{
    if (e->type != SDL_WINDOWEVENT)
        return 0;
    switch (e->window.event) {
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_SHOWN:
    case SDL_WINDOWEVENT_RESTORED:
    case SDL_WINDOWEVENT_SIZE_CHANGED:
        return 1;
    default:
        return 0;
    }
}

/* How long the loop may sleep (ms, -1 = until an event): until the next animation frame while
 * something moves (60 a second; attract mode, which plays to nobody in particular all day on a
 * kiosk, 30), else until the game's next timer or a redraw it asked for. */
static int sleep_for(const app *a, uint32_t now, uint32_t last_frame, due_time due)
{
    uint32_t wake = game_wake_in(&a->g);
    uint32_t frame_ms = game_attract(&a->g) ? 33 : 16;
    if (wake == 0) {
        uint32_t since = now - last_frame;
        return since >= frame_ms ? 0 : (int)(frame_ms - since);
    }
    int timeout = wake == UINT32_MAX ? -1 : (int)(wake > 60000 ? 60000 : wake);
    if (due.set) {
        int32_t left = (int32_t)(due.at - now);
        if (left < 0)
            left = 0;
        if (timeout < 0 || left < timeout)
            timeout = left > 60000 ? 60000 : (int)left;
    }
    if (sound_seeking() && (timeout < 0 || timeout > 5000))
        timeout = 5000; /* look for an audio device now and then */
    return timeout;
}

/* Sleeps up to `timeout` ms (-1: without end) for an event. Virtual time sleeps by moving its
 * clock (to the end of the sleep, or to the script's next command if that comes first); real
 * time in SDL_WaitEventTimeout, cut short for a script command that falls due. */
static int loop_wait(feed *f, int timeout, SDL_Event *e)
{
    if (f->s) {
        int32_t to_cmd = (int32_t)(f->due - loop_now(f));
        if (to_cmd < 0)
            to_cmd = 0;
        if (timeout < 0 || to_cmd < timeout)
            timeout = (int)to_cmd;
    }
    if (f->is_virtual) {
        if (SDL_PollEvent(e))
            return 1; /* what the (dummy) video driver itself sends */
        f->vnow += (uint32_t)timeout;
        return 0;
    }
    return timeout < 0 ? SDL_WaitEvent(e) : SDL_WaitEventTimeout(e, timeout);
}

static int run_loop(app *a, feed *f)
{
    memory_policy();
    /* the first frame goes out at once, before the loop waits for anything */
    draw(a);
    SDL_RenderPresent(a->ren);
    devices_init(a);
    uint32_t last_frame = loop_now(f);
    due_time due = due_after(a, last_frame);
    if (f->s)
        f->due = last_frame;
    int lost = 0;
    while (!a->g.quit) {
        SDL_Event e;
        int woke = loop_wait(f, sleep_for(a, loop_now(f), last_frame, due), &e);
        Uint64 work0 = SDL_GetPerformanceCounter();
        if (woke) {
            lost |= loses_pixels(&e);
            deliver(a, f, &e);
            while (SDL_PollEvent(&e)) {
                lost |= loses_pixels(&e);
                deliver(a, f, &e);
            }
        }
        uint32_t now = loop_now(f);
        /* a script's commands due now are input like the events above */
        if (f->s && feed_run_due(a, f, now))
            break;
        step(a, now, loop_wall(f, now));
        sound_retry(now);
        if (lost)
            render_invalidate();
        if (a->g.dirty || lost || game_wake_in(&a->g) == 0 || is_due(due, now)) {
            /* a frame the screen already shows is not presented again */
            if (draw(a))
                SDL_RenderPresent(a->ren);
            last_frame = now;
            due = due_after(a, now);
            lost = 0;
        }
        if (a->frame_log) /* the step's work, never its sleep: what a player would feel */
            fprintf(a->frame_log, "%lu %.3f\n", (unsigned long)now,
                    (double)(SDL_GetPerformanceCounter() - work0) * 1000.0 / (double)SDL_GetPerformanceFrequency());
    }
    return f->rc;
}

/* Loads the decks, the script and the score file, opens the window and plays until the player or
 * the script quits. Every early exit sets rc and jumps to the one clean-up at `done`, which frees
 * what was taken so far (each resource starts empty, and its free accepts an empty one). */
static int run_game(const options *o, const char *argv0)
{
    int rc = 0;
    char *dir = paths_data_dir(argv0);
    deck **decks = NULL;
    int nd = 0;
    script sc = {0};
    FILE *events = NULL;
    char *spath = NULL;
    scores *table = NULL;
    char *notice = NULL;
    app a;
    memset(&a, 0, sizeof a);
    /* what is up, so `done` takes down only that */
    int text_up = 0, game_up = 0;

    char **paths;
    int npaths;
    if (o->ndecks) {
        paths = deck_dir_expand(o->decks, o->ndecks, &npaths);
    } else {
        char *cards = xasprintf("%s/cards", dir);
        const char *one[1] = {cards};
        paths = deck_dir_expand(one, 1, &npaths);
        free(cards);
    }
    int code = tools_load_decks(paths, npaths, &decks, &nd, 0);
    deck_dir_free(paths, npaths);
    /* A deck with errors is reported (FILE:LINE) and left out; the game plays the others, so
     * one broken file copied into a kiosk's deck directory does not take the kiosk down. With
     * nothing left to play, the problems' exit code. */
    if (nd == 0) {
        if (!code && o->ndecks)
            fprintf(stderr, "quizblitz: no deck files in %s%s\n", o->decks[0], o->ndecks > 1 ? " and the rest" : "");
        else if (!code)
            fprintf(stderr, "quizblitz: no decks found in %s/cards (give a deck file or directory)\n", dir);
        rc = code ? code : EXIT_NOINPUT;
        goto done;
    }
    if (code)
        fprintf(stderr, "quizblitz: playing the %d deck%s that loaded\n", nd, nd == 1 ? "" : "s");
    if (nd > GAME_MAX_DECKS) /* the title lists at most this many; say which are left out */
        fprintf(stderr, "quizblitz: %d decks loaded; the title lists the first %d (up to %s)\n", nd,
                GAME_MAX_DECKS, decks[GAME_MAX_DECKS - 1]->title);

    if (o->script) {
        rc = script_load(&sc, o->script, 16u << 20, stderr);
        if (rc == 0 && check_script_names(&sc, o->script))
            rc = EXIT_USAGE;
        if (rc)
            goto done;
    }

    if (o->frame_log && !(a.frame_log = fopen(o->frame_log, "w"))) {
        fprintf(stderr, "quizblitz: %s: %s\n", o->frame_log, strerror(errno));
        rc = EXIT_NOINPUT;
        goto done;
    }
    if (o->events) {
        events = fopen(o->events, "w");
        if (!events) {
            fprintf(stderr, "quizblitz: %s: %s\n", o->events, strerror(errno));
            rc = EXIT_NOINPUT;
            goto done;
        }
    }

    /* the high-score table: a broken file never stops the game */
    spath = options_scores_path(o);
    table = scores_new();
    /* the wall clock at start: the game's, and the name of a damaged score file kept aside */
    int64_t wall0 = (int64_t)time(NULL);
    if (spath && scorefile_load(spath, table, wall0, &notice) != 0) {
        fprintf(stderr, "quizblitz: %s\n", notice ? notice : "cannot read the score file");
    } else if (notice) {
        fprintf(stderr, "quizblitz: %s\n", notice);
    }
    if (!spath)
        fprintf(stderr, "quizblitz: no place for the score file (set HOME or XDG_DATA_HOME); scores kept in memory\n");

    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    /* the driver, the window and a renderer that can draw it, or one line on why not (video.c) */
    video_opts vo = {.w = o->win_w, .h = o->win_h, .fullscreen = o->fullscreen, .kiosk = o->kiosk,
                     .scripted = o->script != NULL};
    char why[2048];
    int vrc = video_open(&vo, &a.win, &a.ren, why, sizeof why);
    if (vrc) {
        fprintf(stderr, "quizblitz: %s\n", why);
        rc = vrc;
        goto done;
    }
    if (!o->script) /* which path this machine takes, for the journal */
        fprintf(stderr, "quizblitz: video: %s\n", video_describe());
    const char *terr = NULL;
    text_up = 1; /* a failed start may leave fonts half loaded: text_quit takes them down */
    if (text_init(a.ren, &terr) != 0) {
        fprintf(stderr, "quizblitz: %s\n", terr);
        rc = EXIT_NOINPUT;
        goto done;
    }
    a.data_dir = dir;
    a.sfx_volume = o->sfx_volume;
    a.music_volume = o->music_volume;
    SDL_StartTextInput();
    a.kiosk = o->kiosk;
    if (o->kiosk) {
        SDL_ShowCursor(SDL_DISABLE);
        const char *kerr = NULL;
        if (kiosk_chords(o->exit_chord, o->exit_pad_chord, o->exit_hold_ms, &kerr) != 0) {
            /* never leave a kiosk without a way out: fall back to the default chord */
            fprintf(stderr, "quizblitz: %s; using ctrl+alt+shift+q\n", kerr);
            kiosk_chords("ctrl+alt+shift+q", "back+start", o->exit_hold_ms, &kerr);
        }
    }

    game_opts go = o->game;
    uint32_t t0 = o->script && !o->script_realtime ? 0 : SDL_GetTicks();
    game_init(&a.g, &go, decks, nd, table, spath, t0, wall0);
    game_up = 1;
    if (notice)
        game_notice(&a.g, notice);
    if (events)
        game_set_emit(&a.g, emit_line, events);
    game_set_journal(&a.g, journal_line, &a);
    if (o->kiosk && (go.exit_pin[0] || go.exit_pin_hash[0])) {
        /* the lock-out a guesser ran into before a restart goes on */
        a.pinlock_path = spath ? pinlock_path_for(spath) : NULL;
        pin_state ps = {0};
        char *perr = NULL;
        if (a.pinlock_path && pinlock_load(a.pinlock_path, &ps, &perr) != 0)
            fprintf(stderr, "quizblitz: %s\n", perr);
        free(perr);
        game_pin_restore(&a.g, &ps);
        if (!a.pinlock_path)
            fprintf(stderr, "quizblitz: no data directory: the PIN lock-out is kept in memory only\n");
    }
    refresh_size(&a);

    feed f = {0};
    f.s = o->script ? &sc : NULL;
    f.is_virtual = o->script && !o->script_realtime;
    f.wall0 = wall0;
    if (*o->cfg.fleet_url && spath) {
        /* the outbox lives beside the score file, in the same data directory */
        char *obx = xasprintf("%s.outbox", spath);
        /* the worker fetches the boards of this kiosk's decks (by title: the fleet's names) */
        char(*keys)[SCORES_DECK_BYTES] = xcalloc((size_t)nd, sizeof *keys);
        const char **kp = xcalloc((size_t)nd, sizeof *kp);
        for (int i = 0; i < nd; i++) {
            game_fleet_deck(decks[i], keys[i], sizeof keys[i]);
            kp[i] = keys[i];
        }
        fleet_board_opts bo = {.decks = kp, .ndecks = nd, .published = video_waker()};
        a.fleet = fleet_start(o->cfg.fleet_url, o->cfg.fleet_kiosk, obx, bo.published ? &bo : NULL);
        free(kp);
        free(keys);
        free(obx);
        /* the screens say "offline" if no fresh boards come */
        game_set_fleet_boards(&a.g, NULL, 1, a.g.now);
    } else if (*o->cfg.fleet_url) {
        fprintf(stderr, "quizblitz: no score file, so no fleet outbox: the fleet is off\n");
    }
    rc = run_loop(&a, &f);
    pad_unplug(&f);
    game_terminate(&a.g, o->script ? "script" : "player");
    save_scores(&a);
    fleet_stop(a.fleet); /* one last bounded try; what is left waits in the outbox */
    a.fleet = NULL;
    save_pinlock(&a);
    game_log_exit(&a.g);
    if (a.g.npending > 0) {
        /* the last chance to say it: the operator reads this in the journal */
        fprintf(stderr, "quizblitz: %d high score%s not saved: %s\n", a.g.npending,
                a.g.npending == 1 ? "" : "s", a.g.save_error);
        rc = EXIT_FAIL;
    }

done:
    if (a.frame_log)
        fclose(a.frame_log);
    fleet_stop(a.fleet);
    scores_free(a.fleet_table);
    if (events && fclose(events) != 0) {
        fprintf(stderr, "quizblitz: %s: %s\n", o->events, strerror(errno));
        if (rc == 0) /* an earlier failure keeps its own exit code */
            rc = EXIT_FAIL;
    }
    if (game_up)
        game_free(&a.g);
    scores_free(table);
    input_quit();
    sound_quit();
    render_quit();
    if (text_up)
        text_quit();
    video_close(a.win, a.ren);
    script_free(&sc);
    tools_free_decks(decks, nd);
    free(spath);
    free(a.pinlock_path);
    free(notice);
    free(dir);
    return rc;
}

/* --hash-pin: one line from stdin (no echo when it is a terminal is the shell's business:
 * `read -rs p; printf %s "$p" | quizblitz --hash-pin`), checked, hashed with yescrypt. */
static int hash_pin(void)
{
    char line[64];
    if (!fgets(line, sizeof line, stdin)) {
        fprintf(stderr, "quizblitz: --hash-pin: no PIN on standard input\n");
        return EXIT_USAGE;
    }
    line[strcspn(line, "\r\n")] = 0;
    if (!pin_valid(line)) {
        fprintf(stderr, "quizblitz: --hash-pin: the PIN must be 4 to 8 digits\n");
        return EXIT_USAGE;
    }
    char h[128];
    int rc = pin_hash_make(line, h, sizeof h);
    memset(line, 0, sizeof line);
    if (rc != 0) {
        fprintf(stderr, "quizblitz: --hash-pin: %s\n", h);
        return EXIT_SOFTWARE;
    }
    printf("exit_pin_hash = %s\n", h);
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    options_parse(argc, argv, &o);
    if (o.hash_pin) {
        options_free(&o);
        return hash_pin();
    }
    int rc = options_apply_config(&o);
    if (rc) {
        options_free(&o);
        return rc;
    }
    if (o.print_config) {
        char *text = config_print(&o.cfg);
        fputs(text, stdout);
        free(text);
        options_free(&o);
        return 0;
    }
    /* the interface's language, before anything the player reads is written (the terminal's
     * diagnostics, --help and --print-config stay English: see README) */
    char *localedir = paths_locale_dir(argv[0]);
    if (i18n_init(o.cfg.language, localedir))
        fprintf(stderr, "quizblitz: no translation into '%s' (in %s): the interface stays English\n", o.cfg.language,
                localedir);
    free(localedir);
    o.game.rtl = i18n_rtl();
    if (o.check)
        rc = tools_check(&o);
    else if (o.convert_in)
        rc = tools_convert(&o);
    else if (o.fleet_init)
        rc = fleet_init_schema(o.fleet_init);
    else if (o.board)
        rc = board_run(&o);
    else if (o.list_scores && o.fleet)
        rc = fleet_list_scores(o.cfg.fleet_url, o.list_deck, (int64_t)time(NULL));
    else if (o.list_scores || o.reset_deck)
        rc = tools_scores(&o);
    else
        rc = run_game(&o, argv[0]);
    options_free(&o);
    return rc;
}
