/* main.c: command line, the tools modes (--check, --convert, scores), and the main loop:
 * real time with a window, or virtual time driven by a script (headless tests and demos). */
#include <SDL.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/blocklist.h"
#include "core/config.h"
#include "core/deck.h"
#include "core/game.h"
#include "core/scorefile.h"
#include "core/scores.h"
#include "core/script.h"
#include "core/util.h"
#include "input.h"
#include "kiosk.h"
#include "render.h"
#include "sound.h"
#include "text.h"

/* A failed SDL call that leaves nothing to do: say where, what and why, then exit. */
#define SDL_CHECK(expr, code)                                                                        \
    do {                                                                                             \
        if (!(expr)) {                                                                               \
            fprintf(stderr, "quizblitz: %s:%d: %s failed: %s\n", __FILE__, __LINE__, #expr, SDL_GetError()); \
            exit(code);                                                                              \
        }                                                                                            \
    } while (0)

/* Everything the command line sets. */
typedef struct options {
    game_opts game;
    const char **decks;
    int ndecks;
    const char *scores;
    const char *script;
    const char *events;
    int win_w, win_h;
    int fullscreen;
    int check, list_scores;
    const char *convert_in, *convert_out;
    const char *reset_deck;
    const char *list_deck;
    int sfx_volume, music_volume;
    /* kiosk mode: fullscreen, no way out but the operator chord */
    int kiosk;
    const char *exit_chord, *exit_pad_chord;
    uint32_t exit_hold_ms;
    /* the settings: built-in defaults, then the config file, then the command line (which
     * wins whatever the order they are read in: config_set knows each value's source) */
    config cfg;
    const char *config_path;
    int print_config;
    /* decks named by the config file's [game] decks (split at ':') */
    char **cfg_decks;
    blocklist *names_blocked;
} options;

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: quizblitz [OPTION]... [DECK|DIR]...\n"
            "A timed multiple-choice quiz game that teaches: play rounds from card decks.\n"
            "With no DECK, plays every deck in the data directory's cards/.\n"
            "\n"
            "Play:\n"
            "  --round N            questions per round (default 10)\n"
            "  --order ORDER        ladder (easy first, default) or random\n"
            "  --time S             seconds per question for every card (default: by level)\n"
            "  --no-speed-bonus     every right answer scores the full base points\n"
            "  --no-streak-bonus    no streak multiplier\n"
            "  --window WxH         window size (default 1280x720)\n"
            "  --fullscreen         start fullscreen (F11 or Alt+Enter toggles)\n"
            "  --kiosk              kiosk mode: fullscreen, attract mode, time-outs, no way out\n"
            "                       but the operator chord (Ctrl+Alt+Shift+Q held 3 s)\n"
            "  --mute               start with sound effects off (S toggles)\n"
            "  --no-music           start with music off (M toggles)\n"
            "  --scores FILE        high-score file (default $XDG_DATA_HOME/quizblitz/scores.tsv)\n"
            "  --seed N             seed of the question stream (default: from the clock)\n"
            "  --config FILE        settings file (default $XDG_CONFIG_HOME/quizblitz/quizblitz.conf)\n"
            "  --print-config       print the settings in force and where each came from\n"
            "Tools:\n"
            "  --check FILE...      check decks; print a summary line per deck\n"
            "  --convert IN OUT.md  write a deck of any format in quizblitz Markdown\n"
            "  --list-scores [DECK] print the high-score tables\n"
            "  --reset-scores DECK  clear a deck's table (a dated backup is kept)\n"
            "Headless and tests:\n"
            "  --script FILE        drive the game from a script in virtual time, then exit\n"
            "  --events FILE        write the game's events as JSON Lines\n"
            "  --help               show this help\n"
            "  --version            show the version\n"
            "\n"
            "Exit codes: 0 ok, 64 bad usage or script, 65 bad deck, 66 missing file, 70 internal error,\n"
            "71 no video device.\n");
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void bad_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "quizblitz: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'quizblitz --help'.\n");
    exit(EXIT_USAGE);
}

/* Records a command-line setting in the config (so --print-config can say where it came from). */
static void cli_set(options *o, const char *opt, const char *section, const char *key,
                    const char *value)
{
    diag_list dl = {0};
    if (config_set(&o->cfg, section, key, value, SRC_CLI, NULL, 0, &dl) != 0)
        bad_usage("%s: %s", opt, dl.n ? dl.items[0].msg : "bad value");
    diag_free(&dl);
}

static void parse_args(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    game_opts_default(&o->game);
    config_default(&o->cfg);
    o->game.seed = (uint64_t)time(NULL);
    o->decks = xcalloc((size_t)argc, sizeof *o->decks);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        long v;
#define NEED_ARG()                                                                                  \
    do {                                                                                            \
        if (i + 1 >= argc)                                                                          \
            bad_usage("option %s needs an argument", a);                                            \
    } while (0)
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            printf("quizblitz %s\n", QB_VERSION);
            exit(0);
        } else if (!strcmp(a, "--round")) {
            NEED_ARG();
            if (!parse_int(argv[++i], 1, ROUND_MAX_QUESTIONS, &v))
                bad_usage("--round needs a number from 1 to 100, not '%s'", argv[i]);
            cli_set(o, a, "game", "round", argv[i]);
        } else if (!strcmp(a, "--order")) {
            NEED_ARG();
            i++;
            if (strcmp(argv[i], "ladder") && strcmp(argv[i], "random"))
                bad_usage("--order is ladder or random, not '%s'", argv[i]);
            cli_set(o, a, "game", "order", argv[i]);
        } else if (!strcmp(a, "--time")) {
            NEED_ARG();
            if (!parse_int(argv[++i], 1, DECK_MAX_TIME_S, &v))
                bad_usage("--time needs seconds from 1 to 600, not '%s'", argv[i]);
            cli_set(o, a, "game", "time", argv[i]);
        } else if (!strcmp(a, "--no-speed-bonus")) {
            cli_set(o, a, "game", "speed_bonus", "false");
        } else if (!strcmp(a, "--no-streak-bonus")) {
            cli_set(o, a, "game", "streak_bonus", "false");
        } else if (!strcmp(a, "--window")) {
            NEED_ARG();
            int w, h;
            char c;
            if (sscanf(argv[++i], "%dx%d%c", &w, &h, &c) != 2 || w < 64 || h < 64 || w > 16384 || h > 16384)
                bad_usage("--window needs WIDTHxHEIGHT (64 to 16384), not '%s'", argv[i]);
            cli_set(o, a, "display", "window", argv[i]);
        } else if (!strcmp(a, "--fullscreen")) {
            cli_set(o, a, "display", "fullscreen", "true");
        } else if (!strcmp(a, "--kiosk")) {
            cli_set(o, a, "kiosk", "enabled", "true");
        } else if (!strcmp(a, "--mute")) {
            cli_set(o, a, "sound", "effects", "false");
        } else if (!strcmp(a, "--no-music")) {
            cli_set(o, a, "sound", "music", "false");
        } else if (!strcmp(a, "--scores")) {
            NEED_ARG();
            cli_set(o, a, "scores", "file", argv[++i]);
        } else if (!strcmp(a, "--config")) {
            NEED_ARG();
            o->config_path = argv[++i];
        } else if (!strcmp(a, "--print-config")) {
            o->print_config = 1;
        } else if (!strcmp(a, "--seed")) {
            NEED_ARG();
            char *end;
            errno = 0;
            unsigned long long s = strtoull(argv[++i], &end, 10);
            if (errno || end == argv[i] || *end || argv[i][0] == '-')
                bad_usage("--seed needs a non-negative number, not '%s'", argv[i]);
            o->game.seed = s;
        } else if (!strcmp(a, "--script")) {
            NEED_ARG();
            o->script = argv[++i];
        } else if (!strcmp(a, "--events")) {
            NEED_ARG();
            o->events = argv[++i];
        } else if (!strcmp(a, "--check")) {
            o->check = 1;
        } else if (!strcmp(a, "--convert")) {
            if (i + 2 >= argc)
                bad_usage("%s needs IN and OUT.md", a);
            o->convert_in = argv[++i];
            o->convert_out = argv[++i];
        } else if (!strcmp(a, "--list-scores")) {
            o->list_scores = 1;
            if (i + 1 < argc && argv[i + 1][0] != '-')
                o->list_deck = argv[++i];
        } else if (!strcmp(a, "--reset-scores")) {
            NEED_ARG();
            o->reset_deck = argv[++i];
        } else if (!strcmp(a, "--")) {
            for (i++; i < argc; i++)
                o->decks[o->ndecks++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            bad_usage("unknown option '%s'", a);
        } else {
            o->decks[o->ndecks++] = a;
        }
#undef NEED_ARG
    }
}

/* Reads the config file and turns the settings in force into options. Returns 0, or an exit
 * code (a --config FILE that cannot be read). Bad lines are reported and ignored. */
static int apply_config(options *o)
{
    diag_list dl = {0};
    int rc = config_load(&o->cfg, o->config_path, o->config_path != NULL, &dl);
    diag_print(&dl, stderr);
    diag_free(&dl);
    if (rc != 0)
        return EXIT_NOINPUT;
    const config *c = &o->cfg;
    o->game.round.questions = c->round;
    o->game.round.order = c->order == CONFIG_ORDER_RANDOM ? ORDER_RANDOM : ORDER_LADDER;
    o->game.round.time_s = c->time;
    o->game.rules.speed_bonus = c->speed_bonus;
    o->game.rules.streak_bonus = c->streak_bonus;
    o->game.intro_ms = (uint32_t)c->intro_ms;
    o->game.mute_sfx = !c->effects;
    o->game.mute_music = !c->music;
    o->sfx_volume = c->effects_volume;
    o->music_volume = c->music_volume;
    o->fullscreen = c->fullscreen;
    o->win_w = c->window_w;
    o->win_h = c->window_h;
    o->kiosk = c->kiosk;
    o->scores = *c->scores_file ? c->scores_file : NULL;
    o->exit_chord = c->exit_chord;
    o->exit_pad_chord = c->exit_pad_chord;
    o->exit_hold_ms = (uint32_t)c->exit_hold * 1000u;
    if (o->kiosk) {
        game_opts *g = &o->game;
        g->kiosk = 1;
        g->reveal_auto_ms = (uint32_t)c->reveal_auto * 1000u;
        g->name_auto_ms = (uint32_t)c->name_timeout * 1000u;
        g->attract_after_ms = (uint32_t)c->attract_after * 1000u;
        g->attract_page_ms = (uint32_t)c->attract_page * 1000u;
        g->round_idle_ms = (uint32_t)c->round_idle * 1000u;
        g->still_there_ms = (uint32_t)c->still_there * 1000u;
        g->attract_music = c->attract_music;
        g->nattract_pages = c->nattract_pages;
        for (int i = 0; i < c->nattract_pages && i < ATTRACT_PAGE_COUNT; i++)
            g->attract_pages[i] = (attract_page)c->attract_pages[i];
        snprintf(g->exit_pin, sizeof g->exit_pin, "%s", c->exit_pin);
    }
    if (*c->name_blocklist) {
        diag_list bl = {0};
        o->names_blocked = blocklist_load(c->name_blocklist, &bl);
        diag_print(&bl, stderr);
        diag_free(&bl);
        o->game.blocklist = o->names_blocked;
    }
    if (o->ndecks == 0 && *c->decks) {
        /* split "a.md:dir" into the deck list */
        const char *p = c->decks;
        int n = 1;
        for (const char *q = p; *q; q++)
            n += *q == ':';
        o->cfg_decks = xcalloc((size_t)n + 1, sizeof *o->cfg_decks);
        while (*p) {
            const char *e = strchr(p, ':');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            if (len)
                o->cfg_decks[o->ndecks++] = xstrndup(p, len);
            p = e ? e + 1 : p + len;
        }
        free(o->decks);
        o->decks = (const char **)xcalloc((size_t)(o->ndecks ? o->ndecks : 1), sizeof *o->decks);
        for (int i = 0; i < o->ndecks; i++)
            o->decks[i] = o->cfg_decks[i];
    }
    return 0;
}

static void free_options(options *o)
{
    for (int i = 0; o->cfg_decks && o->cfg_decks[i]; i++)
        free(o->cfg_decks[i]);
    free(o->cfg_decks);
    free(o->decks);
    blocklist_free(o->names_blocked);
    config_free(&o->cfg);
}

/* ---- data directory and decks ---- */

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* $QUIZBLITZ_DATADIR, else the source tree next to the binary (build/..), else the
 * compiled-in data directory. */
static char *data_dir(const char *argv0)
{
    const char *env = getenv("QUIZBLITZ_DATADIR");
    if (env && *env)
        return xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(exe, sizeof exe, "%s", argv0);
        n = (ssize_t)strlen(exe);
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) {
        *slash = 0;
        char *cand = xasprintf("%s/..", exe);
        char *cards = xasprintf("%s/cards", cand);
        char *assets = xasprintf("%s/assets", cand);
        int ok = is_dir(cards) && is_dir(assets);
        free(cards);
        free(assets);
        if (ok)
            return cand;
        free(cand);
    }
    return xstrdup(QB_DATADIR);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int deck_file_name(const char *name)
{
    static const char *const exts[] = {".md", ".markdown", ".tsv", ".txt", ".gift", ".aiken"};
    if (name[0] == '.')
        return 0;
    const char *dot = strrchr(name, '.');
    if (!dot)
        return 0;
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (!strcmp(dot, exts[i]))
            return 1;
    return 0;
}

/* Expands directories into the deck files they hold (sorted). */
static char **expand_paths(const char **in, int nin, int *nout)
{
    char **out = NULL;
    int n = 0;
    for (int i = 0; i < nin; i++) {
        if (!is_dir(in[i])) {
            out = xrealloc(out, sizeof *out * (size_t)(n + 1));
            out[n++] = xstrdup(in[i]);
            continue;
        }
        DIR *d = opendir(in[i]);
        if (!d)
            continue;
        int first = n;
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (!deck_file_name(de->d_name))
                continue;
            out = xrealloc(out, sizeof *out * (size_t)(n + 1));
            out[n++] = xasprintf("%s/%s", in[i], de->d_name);
        }
        closedir(d);
        qsort(out + first, (size_t)(n - first), sizeof *out, cmp_str);
    }
    *nout = n;
    return out;
}

/* Loads decks; prints problems. Returns the exit code the problems call for (0 if none). */
static int load_decks(char **paths, int n, deck ***out, int *nout, int print_summary)
{
    int code = 0;
    *out = xcalloc((size_t)(n ? n : 1), sizeof **out);
    *nout = 0;
    for (int i = 0; i < n; i++) {
        diag_list dl = {0};
        deck *d = NULL;
        deck_status st = deck_load(paths[i], &d, &dl);
        diag_print(&dl, stderr);
        diag_free(&dl);
        if (st == DECK_IOERR) {
            code = EXIT_NOINPUT;
        } else if (st == DECK_INVALID) {
            if (code != EXIT_NOINPUT)
                code = EXIT_DATAERR;
        } else {
            if (print_summary)
                printf("%s: %d cards (%d easy, %d medium, %d hard)\n", paths[i], d->ncards, d->count[LEVEL_EASY],
                       d->count[LEVEL_MEDIUM], d->count[LEVEL_HARD]);
            (*out)[(*nout)++] = d;
        }
    }
    return code;
}

static void free_decks(deck **d, int n)
{
    for (int i = 0; i < n; i++)
        deck_free(d[i]);
    free(d);
}

static void free_paths(char **p, int n)
{
    for (int i = 0; i < n; i++)
        free(p[i]);
    free(p);
}

/* ---- tool modes ---- */

static int run_check(const options *o)
{
    if (o->ndecks == 0)
        bad_usage("%s needs at least one deck file", "--check");
    int n;
    char **paths = expand_paths(o->decks, o->ndecks, &n);
    deck **decks;
    int nd;
    int code = load_decks(paths, n, &decks, &nd, 1);
    free_decks(decks, nd);
    free_paths(paths, n);
    return code;
}

static int run_convert(const options *o)
{
    diag_list dl = {0};
    deck *d = NULL;
    deck_status st = deck_load(o->convert_in, &d, &dl);
    diag_print(&dl, stderr);
    diag_free(&dl);
    if (st != DECK_OK)
        return st == DECK_IOERR ? EXIT_NOINPUT : EXIT_DATAERR;
    strbuf b = {0};
    deck_write_md(d, &b);
    int code = 0;
    FILE *f = fopen(o->convert_out, "wb");
    if (!f || fwrite(b.s, 1, b.len, f) != b.len || fclose(f) != 0) {
        fprintf(stderr, "quizblitz: %s: %s\n", o->convert_out, strerror(errno));
        code = EXIT_FAIL;
    } else {
        fprintf(stderr, "%s: %d cards written to %s\n", o->convert_in, d->ncards, o->convert_out);
    }
    sb_free(&b);
    deck_free(d);
    return code;
}

static char *scores_path(const options *o)
{
    if (o->scores)
        return xstrdup(o->scores);
    return scorefile_default_path();
}

static int run_scores_tool(const options *o)
{
    char *path = scores_path(o);
    if (!path) {
        fprintf(stderr, "quizblitz: no score file: set --scores, XDG_DATA_HOME or HOME\n");
        return EXIT_FAIL;
    }
    int code = 0;
    if (o->reset_deck) {
        char *err = NULL;
        int n = scorefile_reset_deck(path, o->reset_deck, &err);
        if (n < 0) {
            fprintf(stderr, "quizblitz: %s: %s\n", path, err ? err : "cannot reset");
            code = EXIT_FAIL;
        } else {
            printf("%s: removed %d entries of deck '%s'\n", path, n, o->reset_deck);
        }
        free(err);
    } else {
        scores *t = scores_new();
        char *notice = NULL;
        if (scorefile_load(path, t, &notice) != 0)
            code = EXIT_NOINPUT;
        if (notice)
            fprintf(stderr, "quizblitz: %s\n", notice);
        free(notice);
        char *text = scores_format_boards(t, o->list_deck, (int64_t)time(NULL));
        fputs(text, stdout);
        free(text);
        scores_free(t);
    }
    free(path);
    return code;
}

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
    /* kiosk mode: chords are watched, fullscreen is kept */
    int kiosk;
} app;

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
        Uint32 fl = SDL_GetWindowFlags(a->win);
        SDL_SetWindowFullscreen(a->win, (fl & SDL_WINDOW_FULLSCREEN) ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        refresh_size(a);
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

/* One step of time, the same in both loops: the clock, the operator chord, the sounds. */
static void step(app *a, uint32_t now, int64_t wall)
{
    game_tick(&a->g, now, wall);
    if (a->kiosk && kiosk_chord_fired(now))
        game_operator_exit(&a->g);
    play_sounds(a);
}

static int save_screenshot(app *a, const char *file)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return -1;
    int rc = SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch);
    if (rc == 0)
        rc = SDL_SaveBMP(s, file);
    SDL_FreeSurface(s);
    return rc;
}

static void draw(app *a)
{
    render_frame(a->ren, &a->g);
    text_frame_end();
    a->g.dirty = 0;
}

/* Checks the key and button names of a script before anything runs. */
static int check_script_names(const script *s, const char *file)
{
    int bad = 0;
    for (int i = 0; i < s->n; i++) {
        const script_cmd *c = &s->cmds[i];
        int is_key = c->op == SCRIPT_KEY || c->op == SCRIPT_KEYDOWN || c->op == SCRIPT_KEYUP;
        int is_button = c->op == SCRIPT_BUTTON || c->op == SCRIPT_BUTTONDOWN || c->op == SCRIPT_BUTTONUP;
        if (is_key && SDL_GetKeyFromName(c->str) == SDLK_UNKNOWN) {
            fprintf(stderr, "%s:%d: error: unknown key \"%s\" (use SDL key names: 1, A, Return, Escape, Down)\n",
                    file, c->line, c->str);
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

/* Virtual time: tick n is at n * 1000 / 60 ms, so 60 ticks are exactly one second. */
static uint32_t tick_ms(uint64_t tick)
{
    return (uint32_t)(tick * 1000 / 60);
}

static int run_script(app *a, const script *s, int64_t wall0)
{
    uint64_t tick = 0;
    for (int i = 0; i < s->n && !a->g.quit; i++) {
        const script_cmd *c = &s->cmds[i];
        SDL_Event e;
        memset(&e, 0, sizeof e);
        switch (c->op) {
        case SCRIPT_WAIT: {
            uint32_t until = tick_ms(tick) + (uint32_t)c->a;
            while (tick_ms(tick) < until && !a->g.quit) {
                tick++;
                step(a, tick_ms(tick), wall0 + tick_ms(tick) / 1000);
            }
            break;
        }
        case SCRIPT_FRAMES:
            for (long f = 0; f < c->a && !a->g.quit; f++) {
                tick++;
                step(a, tick_ms(tick), wall0 + tick_ms(tick) / 1000);
                if (a->g.dirty || game_wake_in(&a->g) == 0) {
                    draw(a);
                    SDL_RenderPresent(a->ren);
                }
            }
            break;
        case SCRIPT_KEY:
        case SCRIPT_KEYDOWN:
        case SCRIPT_KEYUP: {
            SDL_Keycode k = SDL_GetKeyFromName(c->str);
            e.key.keysym.sym = k;
            e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
            if (c->op != SCRIPT_KEYUP) {
                e.type = SDL_KEYDOWN;
                e.key.state = SDL_PRESSED;
                handle_event(a, &e);
            }
            if (c->op != SCRIPT_KEYDOWN) {
                e.type = SDL_KEYUP;
                e.key.state = SDL_RELEASED;
                handle_event(a, &e);
            }
            break;
        }
        case SCRIPT_TEXT: {
            /* one event per code point, as a keyboard sends them */
            const char *p = c->str;
            while (*p) {
                size_t l = 1;
                while (p[l] && ((unsigned char)p[l] & 0xC0) == 0x80)
                    l++;
                memset(&e, 0, sizeof e);
                e.type = SDL_TEXTINPUT;
                memcpy(e.text.text, p, l < sizeof e.text.text ? l : sizeof e.text.text - 1);
                handle_event(a, &e);
                p += l;
            }
            break;
        }
        case SCRIPT_CLICK:
            e.type = SDL_MOUSEBUTTONDOWN;
            e.button.button = SDL_BUTTON_LEFT;
            e.button.state = SDL_PRESSED;
            e.button.x = (int)(c->x * a->w);
            e.button.y = (int)(c->y * a->h);
            if (e.button.x >= a->w)
                e.button.x = a->w - 1;
            if (e.button.y >= a->h)
                e.button.y = a->h - 1;
            handle_event(a, &e);
            break;
        case SCRIPT_BUTTON:
        case SCRIPT_BUTTONDOWN:
        case SCRIPT_BUTTONUP:
            e.cbutton.button = (Uint8)SDL_GameControllerGetButtonFromString(c->str);
            if (c->op != SCRIPT_BUTTONUP) {
                e.type = SDL_CONTROLLERBUTTONDOWN;
                e.cbutton.state = SDL_PRESSED;
                handle_event(a, &e);
            }
            if (c->op != SCRIPT_BUTTONDOWN) {
                e.type = SDL_CONTROLLERBUTTONUP;
                e.cbutton.state = SDL_RELEASED;
                handle_event(a, &e);
            }
            break;
        case SCRIPT_SCREENSHOT:
            draw(a);
            if (save_screenshot(a, c->str) != 0) {
                fprintf(stderr, "quizblitz: cannot save screenshot %s: %s\n", c->str, SDL_GetError());
                return EXIT_FAIL;
            }
            break;
        case SCRIPT_RESIZE:
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
            break;
        case SCRIPT_CLOSE:
            e.type = SDL_WINDOWEVENT;
            e.window.event = SDL_WINDOWEVENT_CLOSE;
            e.window.windowID = SDL_GetWindowID(a->win);
            handle_event(a, &e);
            break;
        case SCRIPT_QUIT:
            return 0;
        }
        play_sounds(a);
    }
    return 0;
}

static void run_realtime(app *a)
{
    uint32_t last_frame = 0;
    while (!a->g.quit) {
        uint32_t wake = game_wake_in(&a->g);
        int timeout;
        if (wake == 0) {
            uint32_t since = SDL_GetTicks() - last_frame;
            timeout = since >= 16 ? 0 : (int)(16 - since);
        } else {
            timeout = wake == UINT32_MAX ? -1 : (int)(wake > 60000 ? 60000 : wake);
        }
        if (!sound_active() && (timeout < 0 || timeout > 5000))
            timeout = 5000; /* look for an audio device now and then */
        SDL_Event e;
        if (timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout)) {
            handle_event(a, &e);
            while (SDL_PollEvent(&e))
                handle_event(a, &e);
        }
        uint32_t now = SDL_GetTicks();
        step(a, now, (int64_t)time(NULL));
        sound_retry(now);
        if (a->g.dirty || game_wake_in(&a->g) == 0) {
            draw(a);
            SDL_RenderPresent(a->ren);
            last_frame = now;
        }
    }
}

static int run_game(const options *o, const char *argv0)
{
    char *dir = data_dir(argv0);
    char **paths;
    int npaths;
    if (o->ndecks) {
        paths = expand_paths(o->decks, o->ndecks, &npaths);
    } else {
        char *cards = xasprintf("%s/cards", dir);
        const char *one[1] = {cards};
        paths = expand_paths(one, 1, &npaths);
        free(cards);
    }
    deck **decks;
    int nd;
    int code = load_decks(paths, npaths, &decks, &nd, 0);
    free_paths(paths, npaths);
    if (code || nd == 0) {
        if (nd == 0 && !code)
            fprintf(stderr, "quizblitz: no decks found (give a deck file, or check %s/cards)\n", dir);
        free_decks(decks, nd);
        free(dir);
        return code ? code : EXIT_NOINPUT;
    }

    script sc = {0};
    if (o->script) {
        char *buf;
        size_t len;
        int err = read_file(o->script, 16u << 20, &buf, &len);
        if (err) {
            fprintf(stderr, "quizblitz: %s: %s\n", o->script, strerror(err));
            free_decks(decks, nd);
            free(dir);
            return EXIT_NOINPUT;
        }
        diag_list dl = {0};
        int bad = script_parse(&sc, o->script, buf, len, &dl) != 0;
        free(buf);
        diag_print(&dl, stderr);
        diag_free(&dl);
        if (bad || check_script_names(&sc, o->script)) {
            script_free(&sc);
            free_decks(decks, nd);
            free(dir);
            return EXIT_USAGE;
        }
    }

    FILE *events = NULL;
    if (o->events) {
        events = fopen(o->events, "w");
        if (!events) {
            fprintf(stderr, "quizblitz: %s: %s\n", o->events, strerror(errno));
            script_free(&sc);
            free_decks(decks, nd);
            free(dir);
            return EXIT_NOINPUT;
        }
    }

    /* the high-score table: a broken file never stops the game */
    char *spath = scores_path(o);
    scores *table = scores_new();
    char *notice = NULL;
    if (spath && scorefile_load(spath, table, &notice) != 0) {
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
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "quizblitz: no video device: %s (set SDL_VIDEODRIVER=dummy to run headless)\n", SDL_GetError());
        exit(EXIT_OSERR);
    }
    SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER);

    app a;
    memset(&a, 0, sizeof a);
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (o->fullscreen || o->kiosk)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (o->kiosk) {
        /* a public screen: never minimise on focus loss, never blank */
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
        SDL_DisableScreenSaver();
    }
    a.win = SDL_CreateWindow("quizblitz", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->win_w, o->win_h, flags);
    SDL_CHECK(a.win, EXIT_OSERR);
    a.ren = SDL_CreateRenderer(a.win, -1, o->script ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_PRESENTVSYNC);
    if (!a.ren)
        a.ren = SDL_CreateRenderer(a.win, -1, SDL_RENDERER_SOFTWARE);
    SDL_CHECK(a.ren, EXIT_OSERR);
    const char *terr = NULL;
    if (text_init(a.ren, &terr) != 0) {
        fprintf(stderr, "quizblitz: %s\n", terr);
        exit(EXIT_NOINPUT);
    }
    sound_init(dir, o->sfx_volume, o->music_volume);
    input_init();
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
    uint32_t t0 = o->script ? 0 : SDL_GetTicks();
    int64_t wall0 = (int64_t)time(NULL);
    game_init(&a.g, &go, decks, nd, table, spath, t0, wall0);
    if (notice)
        game_notice(&a.g, notice);
    if (events)
        game_set_emit(&a.g, emit_line, events);
    refresh_size(&a);

    int rc = 0;
    if (o->script)
        rc = run_script(&a, &sc, wall0);
    else
        run_realtime(&a);
    game_terminate(&a.g, o->script ? "script" : "player");
    if (a.g.npending > 0) {
        /* the last chance to say it: the operator reads this in the journal */
        fprintf(stderr, "quizblitz: %d high score%s not saved: %s\n", a.g.npending,
                a.g.npending == 1 ? "" : "s", a.g.save_error);
        rc = EXIT_FAIL;
    }

    if (events && fclose(events) != 0) {
        fprintf(stderr, "quizblitz: %s: %s\n", o->events, strerror(errno));
        rc = EXIT_FAIL;
    }
    game_free(&a.g);
    scores_free(table);
    input_quit();
    sound_quit();
    text_quit();
    SDL_DestroyRenderer(a.ren);
    SDL_DestroyWindow(a.win);
    SDL_Quit();
    script_free(&sc);
    free_decks(decks, nd);
    free(spath);
    free(notice);
    free(dir);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    parse_args(argc, argv, &o);
    int rc = apply_config(&o);
    if (rc) {
        free_options(&o);
        return rc;
    }
    if (o.print_config) {
        char *text = config_print(&o.cfg);
        fputs(text, stdout);
        free(text);
        free_options(&o);
        return 0;
    }
    if (o.check)
        rc = run_check(&o);
    else if (o.convert_in)
        rc = run_convert(&o);
    else if (o.list_scores || o.reset_deck)
        rc = run_scores_tool(&o);
    else
        rc = run_game(&o, argv[0]);
    free_options(&o);
    return rc;
}
