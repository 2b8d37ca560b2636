/* options.c: the command line (each option documented in --help and the man page) and the
 * config file applied on top of the built-in defaults. */
#include "options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/deck.h"
#include "core/scorefile.h"
#include "core/util.h"

void options_usage(FILE *f)
{
    fprintf(f,
            "Usage: quizblitz [OPTION]... [DECK|DIR]...\n"
            "A timed multiple-choice quiz game that teaches: play rounds from card decks.\n"
            "With no DECK, plays every deck in the data directory's cards/.\n"
            "\n"
            "Play:\n"
            "  --round N            questions per round (default 10)\n"
            "  --order ORDER        ladder (easy first, default) or random\n"
            "  --time S             seconds per question for every card, 0 to 600 (default 0: by level)\n"
            "  --no-speed-bonus     every right answer scores the full base points\n"
            "  --no-streak-bonus    no streak multiplier\n"
            "  --players N          party mode: start with N seats, 1 to 4 (others join on the\n"
            "                       title: keys 7-0, A on controllers 2-4)\n"
            "  --window WxH         window size (default 1280x720)\n"
            "  --fullscreen         start fullscreen (F11 or Alt+Enter toggles)\n"
            "  --language LANG      the interface's language: de, fr, es, ja, ar, en (default: the\n"
            "                       environment's LANGUAGE, LC_ALL, LC_MESSAGES or LANG)\n"
            "  --kiosk              kiosk mode: fullscreen, attract mode, time-outs, no way out\n"
            "                       but the operator chord (Ctrl+Alt+Shift+Q held 3 s)\n"
            "  --mute               start with sound effects off (S toggles)\n"
            "  --no-music           start with music off (M toggles)\n"
            "  --scores FILE        high-score file (default $XDG_DATA_HOME/quizblitz/scores.tsv)\n"
            "  --fleet URL          the fleet's PostgreSQL server (libpq string or URI, no password)\n"
            "  --kiosk-name NAME    this screen's name on the fleet's boards (default: host name)\n"
            "  --seed N             seed of the question stream (default: from the clock)\n"
            "  --config FILE        settings file (default $XDG_CONFIG_HOME/quizblitz/quizblitz.conf)\n"
            "  --print-config       print the settings in force and where each came from\n"
            "Tools:\n"
            "  --check FILE...      check decks; print a summary line per deck\n"
            "  --lint DECK...       measure how far answers can be guessed from the choices' shapes\n"
            "  --strict             with --lint: exit 65 when a deck fails the bar\n"
            "  --convert IN OUT.md  write a deck of any format in quizblitz Markdown\n"
            "  --list-scores [DECK] print the high-score tables (after --fleet: the fleet's boards)\n"
            "  --reset-scores DECK  clear a deck's table (a dated backup is kept)\n"
            "  --fleet-init URL     create or migrate the fleet's schema on the server\n"
            "  --board              the fleet's scoreboard for a big display (fullscreen, no input)\n"
            "  --hash-pin           read an operator PIN from stdin, print the exit_pin_hash line\n"
            "Headless and tests:\n"
            "  --script FILE        drive the game from a script in virtual time, then exit\n"
            "  --script-realtime    run the script's waits on the real clock (real sleeps)\n"
            "  --events FILE        write the game's events as JSON Lines\n"
            "  --frame-log FILE     write how long each step of the loop worked (ms), one line each\n"
            "  --help               show this help (also -h)\n"
            "  --version            show the version\n"
            "\n"
            "Exit codes: 0 ok, 1 failure (e.g. a high score could not be saved), 64 bad usage or script,\n"
            "65 bad deck, 66 missing file, 70 internal error, 71 no video device.\n");
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void options_bad_usage(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "quizblitz: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'quizblitz --help'.\n");
    exit(EXIT_USAGE);
}

/* An option that sets a setting of the config table (--round N, --mute): the table checks the
 * value, so the command line accepts exactly what a config file does, and it records where the
 * value came from (for --print-config). arg is NULL for a flag. */
static void cli_set(options *o, const char *opt, const char *arg)
{
    diag_list dl = {0};
    if (config_set_option(&o->cfg, opt, arg, &dl) != 0)
        options_bad_usage("%s: %s", opt, dl.n ? dl.items[0].msg : "bad value");
    diag_free(&dl);
}

/* 1 when the word after --fleet is its URL rather than a deck (--list-scores --fleet DECK): a
 * libpq connection string has '=', a URI "://". */
static int fleet_looks_like_url(const char *s)
{
    return strchr(s, '=') != NULL || strstr(s, "://") != NULL;
}

void options_parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    game_opts_default(&o->game);
    config_default(&o->cfg);
    o->game.seed = (uint64_t)time(NULL);
    o->decks = xcalloc((size_t)argc, sizeof *o->decks);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int k;
#define NEED_ARG()                                                                                  \
    do {                                                                                            \
        if (i + 1 >= argc)                                                                          \
            options_bad_usage("option %s needs an argument", a);                                            \
    } while (0)
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            options_usage(stdout);
            exit(0);
        } else if (!strcmp(a, "--version")) {
            printf("quizblitz %s\n", QB_VERSION);
            exit(0);
        } else if (!strcmp(a, "--fleet") && (i + 1 >= argc || !fleet_looks_like_url(argv[i + 1]))) {
            /* --list-scores --fleet [DECK]: the fleet of the config file's [fleet] url */
            o->fleet = 1;
        } else if (!strcmp(a, "--board")) {
            /* the fleet's scoreboard for a big display (board.c): fullscreen, no input */
            o->board = 1;
        } else if (!strcmp(a, "--fleet-init")) {
            NEED_ARG();
            o->fleet_init = argv[++i];
        } else if ((k = config_option_find(a)) >= 0) {
            /* --fleet URL sets [fleet] url and asks for the fleet's boards with --list-scores */
            if (!strcmp(a, "--fleet"))
                o->fleet = 1;
            /* --round, --order, --time, --players, --window, --scores and the flags --no-speed-bonus,
             * --no-streak-bonus, --fullscreen, --kiosk, --mute, --no-music: see config.c */
            const char *flag;
            config_option(k, NULL, &flag);
            if (!flag)
                NEED_ARG();
            cli_set(o, a, flag ? NULL : argv[++i]);
        } else if (!strcmp(a, "--config")) {
            NEED_ARG();
            o->config_path = argv[++i];
        } else if (!strcmp(a, "--hash-pin")) {
            /* the operator PIN as a yescrypt hash for the config (main.c: hash_pin) */
            o->hash_pin = 1;
        } else if (!strcmp(a, "--print-config")) {
            o->print_config = 1;
        } else if (!strcmp(a, "--seed")) {
            NEED_ARG();
            char *end;
            errno = 0;
            unsigned long long s = strtoull(argv[++i], &end, 10);
            if (errno || end == argv[i] || *end || argv[i][0] == '-')
                options_bad_usage("--seed needs a non-negative number, not '%s'", argv[i]);
            o->game.seed = s;
        } else if (!strcmp(a, "--script")) {
            NEED_ARG();
            o->script = argv[++i];
        } else if (!strcmp(a, "--script-realtime")) {
            o->script_realtime = 1;
        } else if (!strcmp(a, "--frame-log")) {
            /* how long each step of the loop worked (main.c: run_loop), to show none waits */
            NEED_ARG();
            o->frame_log = argv[++i];
        } else if (!strcmp(a, "--events")) {
            NEED_ARG();
            o->events = argv[++i];
        } else if (!strcmp(a, "--check")) {
            o->check = 1;
        } else if (!strcmp(a, "--lint")) {
            o->check = o->lint = 1;
        } else if (!strcmp(a, "--strict")) {
            o->lint_strict = 1;
        } else if (!strcmp(a, "--convert")) {
            if (i + 2 >= argc)
                options_bad_usage("%s needs IN and OUT.md", a);
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
            options_bad_usage("unknown option '%s'", a);
        } else {
            o->decks[o->ndecks++] = a;
        }
#undef NEED_ARG
    }
    if (o->lint_strict && !o->lint)
        options_bad_usage("--strict goes with --lint");
}

int options_apply_config(options *o)
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
    o->game.party = c->party;
    o->game.players = c->party ? c->players : 1;
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
        g->screen_idle_ms = (uint32_t)c->screen_idle * 1000u;
        g->attract_after_ms = (uint32_t)c->attract_after * 1000u;
        g->attract_page_ms = (uint32_t)c->attract_page * 1000u;
        g->round_idle_ms = (uint32_t)c->round_idle * 1000u;
        g->still_there_ms = (uint32_t)c->still_there * 1000u;
        /* a party seat whose player walked away: gone after two questions run out */
        g->party_drop_misses = 2;
        g->attract_music = c->attract_music;
        g->nattract_pages = c->nattract_pages;
        for (int i = 0; i < c->nattract_pages && i < ATTRACT_PAGE_COUNT; i++)
            g->attract_pages[i] = (attract_page)c->attract_pages[i];
        snprintf(g->exit_pin, sizeof g->exit_pin, "%s", c->exit_pin);
        snprintf(g->exit_pin_hash, sizeof g->exit_pin_hash, "%s", c->exit_pin_hash);
        if (*c->exit_pin && !*c->exit_pin_hash)
            fprintf(stderr, "quizblitz: warning: exit_pin is kept as plain text in the config; put the line "
                            "`quizblitz --hash-pin` prints there instead (exit_pin_hash)\n");
        else if (*c->exit_pin)
            fprintf(stderr, "quizblitz: warning: exit_pin and exit_pin_hash are both set; exit_pin_hash is "
                            "the one checked: remove exit_pin\n");
        g->pin_lock_ms = (uint32_t)c->pin_lock * 1000u;
        g->pin_lock_max_ms = (uint32_t)(c->pin_lock_max < c->pin_lock ? c->pin_lock : c->pin_lock_max) * 1000u;
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

void options_free(options *o)
{
    for (int i = 0; o->cfg_decks && o->cfg_decks[i]; i++)
        free(o->cfg_decks[i]);
    free(o->cfg_decks);
    free(o->decks);
    blocklist_free(o->names_blocked);
    config_free(&o->cfg);
}

char *options_scores_path(const options *o)
{
    if (o->scores)
        return xstrdup(o->scores);
    return scorefile_default_path();
}
