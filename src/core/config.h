/* config.h: the settings of quizblitz, read from quizblitz.conf and the command line. */
#ifndef QB_CONFIG_H
#define QB_CONFIG_H

#include "util.h"

/* A value longer than this many bytes is refused. */
#define CONFIG_VALUE_MAX 4096
/* A config file line longer than this many bytes is skipped with an error. Room for a
 * CONFIG_VALUE_MAX value and, in config_print's output, a comment naming a PATH_MAX path. */
#define CONFIG_LINE_MAX 16384
/* A config file larger than this is not read at all (one error, built-in defaults). */
#define CONFIG_FILE_MAX (1024 * 1024)
/* After this many problems in one file the rest of the file is ignored (binary garbage). */
#define CONFIG_MAX_DIAGS 50
/* Number of attract pages there are (title, today, alltime, howto, demo). */
#define CONFIG_ATTRACT_PAGES 5

/* Where a setting's value came from. A file value never overrides a command-line value,
 * whichever of config_load and config_set(..., SRC_CLI, ...) runs first. */
typedef enum cfg_source {
    SRC_DEFAULT, /* the built-in default */
    SRC_FILE,    /* a line of a config file */
    SRC_CLI,     /* a command-line option */
} cfg_source;

/* The origin of one setting's value, as config_print shows it. */
typedef struct cfg_origin {
    /* default, file or command line */
    cfg_source src;
    /* the file as given (owned), for SRC_FILE; NULL otherwise */
    char *file;
    /* 1-based line in file, for SRC_FILE; 0 otherwise */
    int line;
} cfg_origin;

/* [game] order. */
enum { CONFIG_ORDER_LADDER, CONFIG_ORDER_RANDOM };

/* [kiosk] attract_pages entries; the values follow game.h's attract_page enum
 * (ATTRACT_TITLE..ATTRACT_DEMO), so they can be copied across as they are. */
enum {
    CONFIG_PAGE_TITLE,
    CONFIG_PAGE_TODAY,
    CONFIG_PAGE_ALLTIME,
    CONFIG_PAGE_HOWTO,
    CONFIG_PAGE_DEMO,
};

/* Number of settings (keys) in the table; the size of config.origin. */
#define CONFIG_NSETTINGS 37

/* Every setting, by section. Durations are in the unit their name says: seconds unless the
 * name ends in _ms. Booleans are 0 or 1. Strings are never NULL (empty = not set) and are
 * owned by the config (config_free frees them). */
typedef struct config {
    /* ---- [game] ---- */
    /* deck files or directories separated by ':'; empty = the bundled decks */
    char *decks;
    /* questions per round, 1..100 */
    int round;
    /* CONFIG_ORDER_LADDER (easy first) or CONFIG_ORDER_RANDOM */
    int order;
    /* seconds per question for every card, 0 = by the card's level; 0..600 */
    int time;
    /* 1: faster right answers score more */
    int speed_bonus;
    /* 1: runs of right answers score a bonus */
    int streak_bonus;
    /* 1: party mode may be joined (key "party") */
    int party;
    /* seats taken at start, 1..4 */
    int players;
    /* how long the question shows alone before the choices, ms, 0..5000 */
    int intro_ms;

    /* ---- [sound] ---- */
    /* 1: sound effects on at start */
    int effects;
    /* 1: music on at start */
    int music;
    /* sound-effect volume, percent 0..100 */
    int effects_volume;
    /* music volume, percent 0..100 */
    int music_volume;

    /* ---- [display] ---- */
    /* 1: start fullscreen */
    int fullscreen;
    /* window size in pixels, each 64..16384 (key "window", written WxH) */
    int window_w;
    int window_h;
    /* the interface's language ("de", "ja", "de:fr"); empty = the environment's */
    char *language;

    /* ---- [kiosk] ---- */
    /* 1: kiosk mode (key "enabled") */
    int kiosk;
    /* seconds of no input on the title before attract mode, 5..3600 */
    int attract_after;
    /* seconds each still attract page shows, 2..120 */
    int attract_page;
    /* the attract pages in order (CONFIG_PAGE_*), no repeats, at least one */
    int attract_pages[CONFIG_ATTRACT_PAGES];
    /* how many entries of attract_pages are used, 1..CONFIG_ATTRACT_PAGES */
    int nattract_pages;
    /* 1: music plays during attract mode */
    int attract_music;
    /* seconds without input in a round before "Still there?", 10..3600 */
    int round_idle;
    /* seconds the "Still there?" countdown lasts, 3..120 */
    int still_there;
    /* seconds without input before the name entry accepts what is there, 5..600 */
    int name_timeout;
    int screen_idle;
    /* seconds before a reveal moves on by itself in kiosk mode, 1..120 */
    int reveal_auto;
    /* operator exit chord on the keyboard, e.g. "ctrl+alt+shift+q": modifiers (ctrl, alt,
     * shift, gui) and one key name joined by '+'; the SDL layer checks the key name */
    char *exit_chord;
    /* operator exit chord on a controller, e.g. "back+start"; empty = none */
    char *exit_pad_chord;
    /* seconds a chord must be held to exit, 1..30 */
    int exit_hold;
    /* operator PIN: empty = none, else 4 to 8 digits */
    char *exit_pin;
    /* operator PIN as a crypt(3) hash (checked instead of exit_pin); empty = none */
    char *exit_pin_hash;
    /* seconds the exit locks after 3 wrong PINs in a row (doubling with each lock), 10..86400 */
    int pin_lock;
    /* the longest lock, seconds, 10..604800 (a value under pin_lock counts as pin_lock) */
    int pin_lock_max;
    /* path of a word list of names to refuse (see blocklist.h); empty = none */
    char *name_blocklist;

    /* ---- [scores] ---- */
    /* high-score file (key "file"); empty = the default path */
    char *scores_file;

    /* ---- [fleet] ---- */
    /* the fleet's PostgreSQL server: a libpq connection string or URI, never a password;
     * empty = no fleet */
    char *fleet_url;
    /* this screen's name on the fleet's boards; empty = the host name */
    char *fleet_kiosk;

    /* where each setting's value came from, indexed like the settings table
     * (see config_key); use config_origin_of() to look one up by name */
    cfg_origin origin[CONFIG_NSETTINGS];
} config;

/* Fills c with the built-in defaults. c must not hold settings yet (config_free it first). */
void config_default(config *c);

/* Frees the strings and origins of c; c can then be given to config_default again. */
void config_free(config *c);

/* The default config file: $XDG_CONFIG_HOME/quizblitz/quizblitz.conf, or with XDG_CONFIG_HOME
 * unset, empty or relative (the XDG spec says to ignore those),
 * $HOME/.config/quizblitz/quizblitz.conf. NULL if HOME is unset or empty too. Caller frees. */
char *config_default_path(void);

/* Reads a config file into c (which holds defaults or earlier settings). path NULL means
 * config_default_path() (never required). Every problem becomes a diag ("FILE:LINE: ...") and
 * the setting concerned keeps its value: bad data is never fatal.
 * Returns 0, or -1 when `required` is set and the file is missing or cannot be read (the diag
 * says why: the caller reports it and exits with EXIT_NOINPUT). A missing optional file returns
 * 0 with no diag; an unreadable optional one (no permission, a directory) returns 0 with one.
 * Uses inih's global options while it runs: not thread-safe. */
int config_load(config *c, const char *path, int required, diag_list *d);

/* Reads config text already in memory (len bytes, NULs allowed: they are reported), with
 * `name` as the file name in diags and origins. What config_load does after reading the
 * file; for tests and the fuzzer. */
void config_parse(config *c, const char *text, size_t len, const char *name, diag_list *d);

/* Sets one setting from text, as a config file line or a command-line option gives it:
 * config_set(c, "game", "round", "5", SRC_CLI, NULL, 0, d) for --round 5. Section and key are
 * matched case-insensitively; the value is trimmed. For SRC_FILE, file and line say where it
 * was (for diags and config_print); for SRC_CLI, diags name `file` if given, else
 * "command line". A SRC_FILE value is checked but not applied if the setting came from the
 * command line. Returns 0, or -1 (with a diag, the setting unchanged) for an unknown section
 * or key or a bad value. */
int config_set(config *c, const char *section, const char *key, const char *value,
               cfg_source src, const char *file, int line, diag_list *d);

/* The text of --print-config: valid INI, grouped by section, every key with the value in
 * force, a comment line with its help above it and a trailing comment saying where it came
 * from ("# default", "# FILE:LINE", "# command line"). Caller frees. */
char *config_print(const config *c);

/* The origin of a setting by section and key, or NULL if there is no such setting. */
const cfg_origin *config_origin_of(const config *c, const char *section, const char *key);

/* The i-th setting of the table (0..CONFIG_NSETTINGS-1): its section, key and help text (any
 * of the out pointers may be NULL). Returns 0, or -1 if i is out of range. */
int config_key(int i, const char **section, const char **key, const char **help);

/* The command-line options that set a setting (--round N, --mute, ...) live in the same table,
 * so the command line and a config file accept exactly the same values and word a bad one the
 * same way. */

/* The table index of the setting that the command-line option `option` ("--round") sets, or -1
 * if it sets none. */
int config_option_find(const char *option);

/* The i-th setting's command-line option (NULL = none) and, for a flag such as --mute, the value
 * it sets (NULL when the option takes the value as its argument). Either out pointer may be
 * NULL. Returns 0, or -1 if i is out of range. */
int config_option(int i, const char **option, const char **flag_value);

/* The range of the i-th setting's numbers (a whole number, a duration in its unit, a volume,
 * each side of a size). Returns 0, or -1 if i is out of range or the setting has no range. */
int config_range(int i, int *min, int *max);

/* Sets what a command-line option sets, as SRC_CLI: `arg` is its argument (--round 5), NULL for a
 * flag (--mute). Diags name the option ("--round: error: round must be ..."). Returns 0, or -1
 * (with a diag, the setting unchanged) for an option that sets no setting, a missing argument
 * or a bad value. */
int config_set_option(config *c, const char *option, const char *arg, diag_list *d);

#endif
