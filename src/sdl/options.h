/* options.h: the command line and the settings in force: built-in defaults, then the config
 * file, then the command line (which wins, whatever order they are read in). */
#ifndef QB_OPTIONS_H
#define QB_OPTIONS_H

#include <stdio.h>

#include "core/blocklist.h"
#include "core/config.h"
#include "core/game.h"

/* Everything the command line sets. */
typedef struct options {
    game_opts game;
    const char **decks;
    int ndecks;
    const char *scores;
    const char *script;
    /* 1: the script's waits are real time (the loop sleeps on the real clock) */
    int script_realtime;
    const char *events;
    int win_w, win_h;
    int fullscreen;
    int check, list_scores;
    /* --lint (check is set too, so the tools dispatch through tools_check) and --strict */
    int lint, lint_strict;
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
    /* --hash-pin: read a PIN on stdin, print its exit_pin_hash line */
    int hash_pin;
    /* decks named by the config file's [game] decks (split at ':') */
    char **cfg_decks;
    blocklist *names_blocked;
    /* --fleet given (with or without its URL): --list-scores prints the fleet's boards */
    int fleet;
    /* --board: the fleet's scoreboard screen (board.c) instead of the game */
    int board;
    /* --fleet-init URL: create or migrate the fleet's schema */
    const char *fleet_init;
} options;

/* Parses the command line into o. A bad command line prints why and exits 64; --help and
 * --version print and exit 0. */
void options_parse(int argc, char **argv, options *o);
/* Reads the config file and turns the settings in force into options. Returns 0, or an exit
 * code (a --config FILE that cannot be read). Bad lines are reported and ignored. */
int options_apply_config(options *o);
void options_free(options *o);
/* Prints "quizblitz: " and the message, points to --help, and exits 64. */
void options_bad_usage(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2), noreturn))
#endif
    ;
/* Prints the --help text (the man page lists the same options; a test checks that). */
void options_usage(FILE *f);
/* The score file: --scores or the config's, else the XDG default; NULL when there is no place
 * for one. Caller frees. */
char *options_scores_path(const options *o);

#endif
