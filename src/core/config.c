/* config.c: the settings table, quizblitz.conf (parsed by inih) and --print-config. */
#include "config.h"
#include "outbox.h"

#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "deck.h"
#include "pin.h"
#include "round.h"

/*
 * Line numbers out of inih.
 *
 * Debian's libinih is prebuilt without INI_HANDLER_LINENO, so the handler is not told the line
 * number (and inih's own count is only returned for the first syntax error). We therefore feed
 * inih through ini_parse_stream() with our own reader (read_line below): it hands inih one
 * physical line per call and counts them. inih calls the handler for a key = value line before
 * it asks the reader for the next line, so at handler time parse_state.lineno is the line being
 * handled. The reader also checks each line first (length, NUL bytes, UTF-8, a '[' header with
 * no ']'), reports the bad ones with their number and gives inih an empty line instead.
 *
 * Debian's build makes inih's compile-time options run-time variables (ini_max_line,
 * ini_allow_multiline, ... in <ini.h>). parse() sets the ones we rely on and restores them:
 * a heap line buffer of CONFIG_LINE_MAX + 3 bytes (the reader never hands over a longer line),
 * no multi-line values (an indented key would otherwise continue the previous value), inline
 * comments with ';' and '#' after white space, and no-value lines passed to the handler (so
 * each gets its own diag instead of only the first one being counted).
 */

/* The value types of the table. */
typedef enum setting_type {
    T_INT,      /* a whole number in [min, max] */
    T_BOOL,     /* true/false, yes/no, on/off, 1/0 */
    T_STRING,   /* text; `check` may restrict and canonicalise it */
    T_ENUM,     /* one of `names`, stored as its index */
    T_VOLUME,   /* percent 0..100, "%" allowed */
    T_DURATION, /* a whole number of `unit` in [min, max], the unit allowed after it */
    T_SIZE,     /* WIDTHxHEIGHT, each in [min, max], into two ints */
    T_PAGES,    /* a comma list of `names`, each at most once, into an int array and a count */
} setting_type;

/* Checks a string setting; returns 0 and a canonical copy in *out (caller frees), or -1 with an
 * optional detail for the message. */
typedef int (*check_fn)(const char *v, char **out, char *detail, size_t detail_len);

/* One setting of the table. */
typedef struct setting {
    /* section and key as written in the file */
    const char *section;
    const char *key;
    /* how the value is written and stored */
    setting_type type;
    /* the field: an int, or a char * for T_STRING */
    size_t offset;
    /* a second field: the height for T_SIZE, the count for T_PAGES */
    size_t offset2;
    /* the default as text, read by the same code as a file value */
    const char *def;
    /* the range of T_INT, T_DURATION and of each number of T_SIZE */
    int min, max;
    /* T_ENUM and T_PAGES: the names, index = stored value, NULL-terminated */
    const char *const *names;
    /* T_DURATION: "s" or "ms" */
    const char *unit;
    /* T_STRING: restricts the text (NULL = any one line of UTF-8) */
    check_fn check;
    /* what a good value looks like, for "KEY must be EXPECT, not ..."; NULL = from the type */
    const char *expect;
    /* one line for --print-config */
    const char *help;
    /* the command-line option that sets it (NULL = none) ... */
    const char *option;
    /* ... and the value it sets: NULL when the option takes the value as its argument
     * (--round 5), else the value of a flag (--mute sets "false") */
    const char *option_value;
} setting;

static int check_chord(const char *v, char **out, char *detail, size_t detail_len);
static int check_pad_chord(const char *v, char **out, char *detail, size_t detail_len);
static int check_pin(const char *v, char **out, char *detail, size_t detail_len);
static int check_fleet_url(const char *v, char **out, char *detail, size_t detail_len);
static int check_kiosk_name(const char *v, char **out, char *detail, size_t detail_len);
static int check_pin_hash(const char *v, char **out, char *detail, size_t detail_len);
static int check_language(const char *v, char **out, char *detail, size_t detail_len);

static const char *const order_names[] = {"ladder", "random", NULL};
static const char *const page_names[] = {"title", "today", "alltime", "howto", "demo", NULL};
static const char *const modifier_names[] = {"ctrl", "alt", "shift", "gui", NULL};
static const char *const pad_button_names[] = {
    "a", "b", "x", "y", "back", "guide", "start", "leftstick", "rightstick", "leftshoulder",
    "rightshoulder", "dpup", "dpdown", "dpleft", "dpright", NULL};
static const char *const true_names[] = {"true", "yes", "on", "1", NULL};
static const char *const false_names[] = {"false", "no", "off", "0", NULL};

#define F(field) offsetof(config, field)

/* Every setting, in the order --print-config shows them. `option` is the command-line option
 * that sets it (options.c looks it up here), so the command line and the file accept the same
 * values and word a bad one the same way. */
static const setting settings[] = {
    {.section = "game", .key = "decks", .type = T_STRING, .offset = F(decks), .def = "",
     .help = "deck files or directories separated by ':'; empty = the bundled decks"},
    {.section = "game", .key = "round", .type = T_INT, .offset = F(round), .def = "10",
     .min = 1, .max = ROUND_MAX_QUESTIONS, .option = "--round",
     .help = "questions per round, 1 to 100"},
    {.section = "game", .key = "order", .type = T_ENUM, .offset = F(order), .def = "ladder",
     .names = order_names, .option = "--order",
     .help = "ladder (easy questions first) or random"},
    {.section = "game", .key = "time", .type = T_DURATION, .offset = F(time), .def = "0",
     .min = 0, .max = DECK_MAX_TIME_S, .unit = "s", .option = "--time",
     .help = "seconds per question for every card, 0 to 600; 0 = by the card's level"},
    {.section = "game", .key = "speed_bonus", .type = T_BOOL, .offset = F(speed_bonus),
     .def = "true", .option = "--no-speed-bonus", .option_value = "false",
     .help = "faster right answers score more (false: every right answer scores the same)"},
    {.section = "game", .key = "streak_bonus", .type = T_BOOL, .offset = F(streak_bonus),
     .def = "true", .option = "--no-streak-bonus", .option_value = "false",
     .help = "runs of right answers score a bonus"},
    {.section = "game", .key = "party", .type = T_BOOL, .offset = F(party), .def = "true",
     .help = "party mode: 2 to 4 players may join on the title and play head to head"},
    {.section = "game", .key = "players", .type = T_INT, .offset = F(players), .def = "1",
     .min = 1, .max = 4, .option = "--players",
     .help = "seats taken at start (and after attract mode), 1 to 4; 1 = a lone player, who "
             "others may join"},
    {.section = "game", .key = "intro_ms", .type = T_DURATION, .offset = F(intro_ms),
     .def = "1000", .min = 0, .max = 5000, .unit = "ms",
     .help = "milliseconds the question shows alone before the choices, 0 to 5000"},

    {.section = "sound", .key = "effects", .type = T_BOOL, .offset = F(effects), .def = "true",
     .option = "--mute", .option_value = "false",
     .help = "sound effects on at start (S toggles them)"},
    {.section = "sound", .key = "music", .type = T_BOOL, .offset = F(music), .def = "true",
     .option = "--no-music", .option_value = "false",
     .help = "music on at start (M toggles it)"},
    {.section = "sound", .key = "effects_volume", .type = T_VOLUME, .offset = F(effects_volume),
     .def = "80", .min = 0, .max = 100,
     .help = "sound-effect volume in percent, 0 to 100"},
    {.section = "sound", .key = "music_volume", .type = T_VOLUME, .offset = F(music_volume),
     .def = "35", .min = 0, .max = 100,
     .help = "music volume in percent, 0 to 100"},

    {.section = "display", .key = "fullscreen", .type = T_BOOL, .offset = F(fullscreen),
     .def = "false", .option = "--fullscreen", .option_value = "true",
     .help = "start fullscreen (F11 or Alt+Enter toggles)"},
    {.section = "display", .key = "window", .type = T_SIZE, .offset = F(window_w),
     .offset2 = F(window_h), .def = "1280x720", .min = 64, .max = 16384, .option = "--window",
     .help = "window size WIDTHxHEIGHT in pixels, each 64 to 16384"},
    {.section = "display", .key = "language", .type = T_STRING, .offset = F(language), .def = "",
     .check = check_language, .option = "--language",
     .expect = "a language code such as de, fr, es, ja, ar or pt_BR (a list: de:fr), or empty",
     .help = "the interface's language (de, fr, es, ja, ar, en...); empty = the environment's "
             "(LANGUAGE, LC_MESSAGES, LANG)"},

    {.section = "kiosk", .key = "enabled", .type = T_BOOL, .offset = F(kiosk), .def = "false",
     .option = "--kiosk", .option_value = "true",
     .help = "kiosk mode: fullscreen, attract mode, time-outs, no way out for players"},
    {.section = "kiosk", .key = "attract_after", .type = T_DURATION, .offset = F(attract_after),
     .def = "30", .min = 5, .max = 3600, .unit = "s",
     .help = "seconds without input on the title before attract mode starts, 5 to 3600"},
    {.section = "kiosk", .key = "attract_page", .type = T_DURATION, .offset = F(attract_page),
     .def = "8", .min = 2, .max = 120, .unit = "s",
     .help = "seconds each attract page shows, 2 to 120"},
    {.section = "kiosk", .key = "attract_pages", .type = T_PAGES, .offset = F(attract_pages),
     .offset2 = F(nattract_pages), .def = "title,today,alltime,howto,demo", .names = page_names,
     .help = "attract pages in order, comma-separated: title, today, alltime, howto, demo"},
    {.section = "kiosk", .key = "attract_music", .type = T_BOOL, .offset = F(attract_music),
     .def = "false", .help = "music during attract mode"},
    {.section = "kiosk", .key = "round_idle", .type = T_DURATION, .offset = F(round_idle),
     .def = "45", .min = 10, .max = 3600, .unit = "s",
     .help = "seconds without input in a round before \"Still there?\", 10 to 3600"},
    {.section = "kiosk", .key = "still_there", .type = T_DURATION, .offset = F(still_there),
     .def = "10", .min = 3, .max = 120, .unit = "s",
     .help = "seconds the \"Still there?\" countdown lasts before the round is abandoned, "
             "3 to 120"},
    {.section = "kiosk", .key = "name_timeout", .type = T_DURATION, .offset = F(name_timeout),
     .def = "30", .min = 5, .max = 600, .unit = "s",
     .help = "seconds without input before the high-score name entry accepts what is there, "
             "5 to 600"},
    {.section = "kiosk", .key = "screen_idle", .type = T_DURATION, .offset = F(screen_idle),
     .def = "20", .min = 5, .max = 600, .unit = "s",
     .help = "seconds without input before the results and the boards go on by themselves, "
             "5 to 600"},
    {.section = "kiosk", .key = "reveal_auto", .type = T_DURATION, .offset = F(reveal_auto),
     .def = "6", .min = 1, .max = 120, .unit = "s",
     .help = "seconds before an answer's reveal moves on by itself, 1 to 120"},
    {.section = "kiosk", .key = "exit_chord", .type = T_STRING, .offset = F(exit_chord),
     .def = "ctrl+alt+shift+q", .check = check_chord,
     .expect = "modifiers (ctrl, alt, shift, gui) and one key joined by +, e.g. ctrl+alt+q",
     .help = "operator exit on the keyboard: modifiers (ctrl, alt, shift, gui) and a key, held"},
    {.section = "kiosk", .key = "exit_pad_chord", .type = T_STRING, .offset = F(exit_pad_chord),
     .def = "back+start", .check = check_pad_chord,
     .expect = "controller buttons joined by + (a b x y back guide start leftstick rightstick "
               "leftshoulder rightshoulder dpup dpdown dpleft dpright), or empty",
     .help = "operator exit on a controller: buttons joined by +, held; empty = none"},
    {.section = "kiosk", .key = "exit_hold", .type = T_DURATION, .offset = F(exit_hold),
     .def = "3", .min = 1, .max = 30, .unit = "s",
     .help = "seconds an exit chord must be held, 1 to 30"},
    {.section = "kiosk", .key = "exit_pin", .type = T_STRING, .offset = F(exit_pin), .def = "",
     .check = check_pin, .expect = "empty or 4 to 8 digits",
     .help = "operator PIN asked before exiting: 4 to 8 digits; empty = none (prefer exit_pin_hash)"},
    {.section = "kiosk", .key = "exit_pin_hash", .type = T_STRING, .offset = F(exit_pin_hash),
     .def = "", .check = check_pin_hash,
     .expect = "empty or a crypt(3) hash made by quizblitz --hash-pin ($y$...)",
     .help = "operator PIN as a yescrypt hash (quizblitz --hash-pin makes the line); used "
             "instead of exit_pin; empty = none"},
    {.section = "kiosk", .key = "pin_lock", .type = T_DURATION, .offset = F(pin_lock), .def = "60",
     .min = 10, .max = 86400, .unit = "s",
     .help = "seconds the operator exit locks after 3 wrong PINs in a row, 10 to 86400; each "
             "further lock lasts twice as long"},
    {.section = "kiosk", .key = "pin_lock_max", .type = T_DURATION, .offset = F(pin_lock_max),
     .def = "3600", .min = 10, .max = 604800, .unit = "s",
     .help = "longest lock in seconds, 10 to 604800 (never shorter than pin_lock)"},
    {.section = "kiosk", .key = "name_blocklist", .type = T_STRING, .offset = F(name_blocklist),
     .def = "", .help = "word list of names to refuse, one per line; empty = none"},

    {.section = "scores", .key = "file", .type = T_STRING, .offset = F(scores_file), .def = "",
     .option = "--scores",
     .help = "high-score file; empty = $XDG_DATA_HOME/quizblitz/scores.tsv"},

    {.section = "fleet", .key = "url", .type = T_STRING, .offset = F(fleet_url), .def = "",
     .check = check_fleet_url, .option = "--fleet",
     .expect = "a libpq connection string or postgresql:// URI without a password (use ~/.pgpass)",
     .help = "the fleet's PostgreSQL server (libpq string or URI, no password); empty = no fleet"},
    {.section = "fleet", .key = "kiosk", .type = T_STRING, .offset = F(fleet_kiosk), .def = "",
     .check = check_kiosk_name, .option = "--kiosk-name",
     .expect = "1 to 63 bytes of printable text without '/'",
     .help = "this screen's name on the fleet's boards; empty = the host name"},
};

#undef F

#define NSETTINGS ((int)(sizeof settings / sizeof settings[0]))
_Static_assert(sizeof settings / sizeof settings[0] == CONFIG_NSETTINGS,
               "CONFIG_NSETTINGS must match the settings table");

/* A value read from text, before it is stored. */
typedef struct value {
    /* the number, or the width of T_SIZE */
    int i;
    /* the height of T_SIZE */
    int i2;
    /* T_PAGES: the pages and how many */
    int list[CONFIG_ATTRACT_PAGES];
    int n;
    /* T_STRING: the text (owned) */
    char *str;
} value;

/* ---- small text helpers (ASCII only: the locale must not change what a file means) ---- */

static int is_space(int ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f';
}

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* strcasecmp for ASCII, independent of the locale. */
static int same_word(const char *a, const char *b)
{
    while (*a && lower((unsigned char)*a) == lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return lower((unsigned char)*a) == lower((unsigned char)*b);
}

/* The n bytes at s with white space cut from both ends, freshly allocated. */
static char *trimmed(const char *s, size_t n)
{
    while (n && is_space((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_space((unsigned char)s[n - 1]))
        n--;
    return xstrndup(s, n);
}

/* Index of word in a NULL-terminated name list (ASCII case-insensitive), or -1. */
static int name_index(const char *const *names, const char *word)
{
    for (int i = 0; names[i]; i++)
        if (same_word(names[i], word))
            return i;
    return -1;
}

/* Copies s for quoting in a message: at most 40 code points, control characters and invalid
 * bytes shown as '?', "..." when cut. out must hold 200 bytes. */
static void excerpt(const char *s, char *out)
{
    size_t o = 0, i = 0, n = strlen(s);
    int cps = 0;
    while (i < n && cps < 40) {
        int k = utf8_seq_len((const unsigned char *)s + i, n - i);
        unsigned char ch = (unsigned char)s[i];
        if (k == 0 || (k == 1 && (ch < 0x20 || ch == 0x7f))) {
            out[o++] = '?';
            i++;
        } else {
            memcpy(out + o, s + i, (size_t)k);
            o += (size_t)k;
            i += (size_t)k;
        }
        cps++;
    }
    if (i < n) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = 0;
}

/* Reads an optionally signed decimal number at s; *end is set after it. Saturates instead of
 * overflowing (the range check then refuses it). Returns -1 if there are no digits. */
static int parse_whole(const char *s, const char **end, long *out)
{
    const char *p = s;
    int neg = 0;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    if (!is_digit((unsigned char)*p))
        return -1;
    long v = 0;
    for (; is_digit((unsigned char)*p); p++) {
        if (v > (LONG_MAX - 9) / 10)
            v = LONG_MAX / 2;
        else
            v = v * 10 + (*p - '0');
    }
    *out = neg ? -v : v;
    *end = p;
    return 0;
}

static const char *skip_space(const char *p)
{
    while (is_space((unsigned char)*p))
        p++;
    return p;
}

/* Levenshtein distance of two short ASCII-case-folded words (for "did you mean"); large when
 * either is over 64 bytes. */
static int distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 64 || nb > 64)
        return 1000;
    int row[65];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag_prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j];
            int cost = lower((unsigned char)a[i - 1]) != lower((unsigned char)b[j - 1]);
            int best = diag_prev + cost;
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag_prev = up;
        }
    }
    return row[nb];
}

/* ---- the string checks ---- */

/* A chord has at most this many keys or buttons (the SDL layer's limit). */
#define CHORD_PARTS_MAX 8

/* Splits v at '+' into trimmed parts; each part is passed to `part` with its index and whether
 * it is the last. Appends the canonical form to b. Returns -1 at the first empty part. */
static int split_plus(const char *v, strbuf *b, char *detail, size_t detail_len,
                      int (*part)(char *p, int idx, int last, char *detail, size_t detail_len,
                                  void *ud),
                      void *ud)
{
    int idx = 0;
    const char *p = v;
    for (;;) {
        const char *q = strchr(p, '+');
        if (idx == CHORD_PARTS_MAX) {
            snprintf(detail, detail_len, "more than %d parts", CHORD_PARTS_MAX);
            return -1;
        }
        size_t n = q ? (size_t)(q - p) : strlen(p);
        char *w = trimmed(p, n);
        if (!*w) {
            snprintf(detail, detail_len, "an empty part between '+' signs");
            free(w);
            return -1;
        }
        if (part(w, idx, q == NULL, detail, detail_len, ud) != 0) {
            free(w);
            return -1;
        }
        if (idx)
            sb_puts(b, "+");
        sb_puts(b, w);
        free(w);
        idx++;
        if (!q)
            break;
        p = q + 1;
    }
    return 0;
}

static int chord_part(char *p, int idx, int last, char *detail, size_t detail_len, void *ud)
{
    (void)idx;
    (void)ud;
    if (last)
        return 0; /* the key: the SDL layer knows the key names */
    if (name_index(modifier_names, p) < 0) {
        char ex[200];
        excerpt(p, ex);
        snprintf(detail, detail_len, "\"%s\" is not a modifier (ctrl, alt, shift, gui)", ex);
        return -1;
    }
    for (char *s = p; *s; s++)
        *s = (char)lower((unsigned char)*s);
    return 0;
}

static int check_chord(const char *v, char **out, char *detail, size_t detail_len)
{
    if (!*v)
        return -1;
    if (strlen(v) > 64) {
        snprintf(detail, detail_len, "longer than 64 bytes");
        return -1;
    }
    strbuf b = {0};
    if (split_plus(v, &b, detail, detail_len, chord_part, NULL) != 0) {
        sb_free(&b);
        return -1;
    }
    *out = b.s;
    return 0;
}

static int pad_part(char *p, int idx, int last, char *detail, size_t detail_len, void *ud)
{
    (void)last;
    int *seen = ud;
    char ex[200];
    excerpt(p, ex);
    int k = name_index(pad_button_names, p);
    if (k < 0) {
        snprintf(detail, detail_len, "\"%s\" is not a controller button", ex);
        return -1;
    }
    if (seen[k]) {
        snprintf(detail, detail_len, "\"%s\" is named twice", ex);
        return -1;
    }
    seen[k] = 1;
    (void)idx;
    for (char *s = p; *s; s++)
        *s = (char)lower((unsigned char)*s);
    return 0;
}

static int check_pad_chord(const char *v, char **out, char *detail, size_t detail_len)
{
    if (!*v) {
        *out = xstrdup("");
        return 0;
    }
    if (strlen(v) > 64) {
        snprintf(detail, detail_len, "longer than 64 bytes");
        return -1;
    }
    int seen[sizeof pad_button_names / sizeof pad_button_names[0]] = {0};
    strbuf b = {0};
    if (split_plus(v, &b, detail, detail_len, pad_part, seen) != 0) {
        sb_free(&b);
        return -1;
    }
    *out = b.s;
    return 0;
}

static int check_pin(const char *v, char **out, char *detail, size_t detail_len)
{
    (void)detail;
    (void)detail_len;
    size_t n = strlen(v);
    if (n != 0 && (n < 4 || n > 8))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!is_digit((unsigned char)v[i]))
            return -1;
    *out = xstrdup(v);
    return 0;
}

/* [fleet] url: a password in our config file would be readable by whoever reads the config (and
 * --print-config prints it): libpq reads ~/.pgpass or PGPASSFILE, or uses a client certificate. */
static int check_fleet_url(const char *v, char **out, char *detail, size_t detail_len)
{
    const char *at = strchr(v, '@');
    int uri = !strncmp(v, "postgresql://", 13) || !strncmp(v, "postgres://", 11);
    if (strstr(v, "password")) {
        snprintf(detail, detail_len, "it holds a password: put it in ~/.pgpass or PGPASSFILE");
        return -1;
    }
    if (uri && at) {
        const char *user = strstr(v, "//") + 2;
        const char *colon = memchr(user, ':', (size_t)(at - user));
        if (colon && user < at) {
            snprintf(detail, detail_len, "it holds a password: put it in ~/.pgpass or PGPASSFILE");
            return -1;
        }
    }
    *out = xstrdup(v);
    return 0;
}

/* [fleet] kiosk: empty (the host name is used) or a name the outbox and the boards can hold. */
static int check_kiosk_name(const char *v, char **out, char *detail, size_t detail_len)
{
    (void)detail;
    (void)detail_len;
    if (*v && !outbox_kiosk_name_ok(v))
        return -1;
    *out = xstrdup(v);
    return 0;
}

/* [display] language: empty, or what LANGUAGE holds: locale names (ll, ll_CC, with .codeset or
 * @modifier), ':' between them. Letters first: no path, no space, nothing a shell would read. */
static int check_language(const char *v, char **out, char *detail, size_t detail_len)
{
    (void)detail;
    (void)detail_len;
    size_t n = strlen(v);
    if (n > 63)
        return -1;
    int start = 1;
    for (const char *p = v; *p; p++) {
        int ch = (unsigned char)*p, alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        if (start && !alpha)
            return -1;
        if (!alpha && !is_digit(ch) && !strchr("_.@-:", ch))
            return -1;
        start = ch == ':';
    }
    if (n && v[n - 1] == ':')
        return -1;
    *out = xstrdup(v);
    return 0;
}

static int check_pin_hash(const char *v, char **out, char *detail, size_t detail_len)
{
    (void)detail;
    (void)detail_len;
    if (*v && (strlen(v) >= 128 || !pin_hash_valid(v)))
        return -1;
    *out = xstrdup(v);
    return 0;
}

/* ---- values ---- */

/* Reads the text v (trimmed, valid UTF-8) as a value of setting s. Returns 0, or -1 with an
 * optional detail. */
static int parse_value(const setting *s, const char *v, value *out, char *detail,
                       size_t detail_len)
{
    const char *end;
    long n, n2;
    *out = (value){0};
    detail[0] = 0;
    switch (s->type) {
    case T_INT:
    case T_DURATION:
    case T_VOLUME:
        if (parse_whole(v, &end, &n) != 0)
            return -1;
        end = skip_space(end);
        if (s->type == T_DURATION && *end && same_word(end, s->unit))
            end += strlen(end);
        if (s->type == T_VOLUME && *end == '%')
            end++;
        if (*end || n < s->min || n > s->max)
            return -1;
        out->i = (int)n;
        return 0;
    case T_BOOL:
        if (name_index(true_names, v) >= 0)
            out->i = 1;
        else if (name_index(false_names, v) >= 0)
            out->i = 0;
        else
            return -1;
        return 0;
    case T_ENUM:
        out->i = name_index(s->names, v);
        return out->i < 0 ? -1 : 0;
    case T_SIZE:
        if (parse_whole(v, &end, &n) != 0)
            return -1;
        end = skip_space(end);
        if (*end != 'x' && *end != 'X')
            return -1;
        end = skip_space(end + 1);
        if (parse_whole(end, &end, &n2) != 0 || *skip_space(end))
            return -1;
        if (n < s->min || n > s->max || n2 < s->min || n2 > s->max)
            return -1;
        out->i = (int)n;
        out->i2 = (int)n2;
        return 0;
    case T_PAGES: {
        const char *p = v;
        for (;;) {
            const char *q = strchr(p, ',');
            char *w = trimmed(p, q ? (size_t)(q - p) : strlen(p));
            char ex[200];
            excerpt(w, ex);
            int k = *w ? name_index(s->names, w) : -1;
            int dup = 0;
            for (int j = 0; k >= 0 && j < out->n; j++)
                dup |= out->list[j] == k;
            if (!*w)
                snprintf(detail, detail_len, "an empty entry");
            else if (k < 0)
                snprintf(detail, detail_len, "unknown page \"%s\"", ex);
            else if (dup)
                snprintf(detail, detail_len, "\"%s\" is listed twice", ex);
            free(w);
            if (k < 0 || dup)
                return -1;
            out->list[out->n++] = k;
            if (!q)
                break;
            p = q + 1;
        }
        return 0;
    }
    case T_STRING:
        if (s->check)
            return s->check(v, &out->str, detail, detail_len);
        out->str = xstrdup(v);
        return 0;
    }
    return -1;
}

/* "KEY must be EXPECT" for a bad value of s, into b. */
static void describe(const setting *s, strbuf *b)
{
    sb_printf(b, "%s must be ", s->key);
    if (s->expect) {
        sb_puts(b, s->expect);
        return;
    }
    switch (s->type) {
    case T_INT:
        sb_printf(b, "a whole number from %d to %d", s->min, s->max);
        break;
    case T_DURATION:
        sb_printf(b, "a whole number of %s from %d to %d",
                  strcmp(s->unit, "ms") ? "seconds" : "milliseconds", s->min, s->max);
        break;
    case T_VOLUME:
        sb_printf(b, "a volume in percent from %d to %d", s->min, s->max);
        break;
    case T_BOOL:
        sb_puts(b, "true or false (or yes/no, on/off, 1/0)");
        break;
    case T_ENUM:
    case T_PAGES:
        sb_puts(b, s->type == T_PAGES ? "a comma-separated list of " : "");
        for (int i = 0; s->names[i]; i++)
            sb_printf(b, "%s%s", i == 0 ? "" : s->names[i + 1] ? ", " : " or ", s->names[i]);
        if (s->type == T_PAGES)
            sb_puts(b, ", each at most once");
        break;
    case T_SIZE:
        sb_printf(b, "WIDTHxHEIGHT with each from %d to %d, e.g. 1280x720", s->min, s->max);
        break;
    case T_STRING:
        sb_puts(b, "one line of text");
        break;
    }
}

static void *field_at(config *c, size_t off)
{
    return (char *)c + off;
}

static const void *cfield_at(const config *c, size_t off)
{
    return (const char *)c + off;
}

/* Stores a read value into its field(s); takes over v->str. */
static void store(config *c, const setting *s, value *v)
{
    switch (s->type) {
    case T_STRING: {
        char **f = field_at(c, s->offset);
        free(*f);
        *f = v->str;
        v->str = NULL;
        break;
    }
    case T_SIZE:
        *(int *)field_at(c, s->offset) = v->i;
        *(int *)field_at(c, s->offset2) = v->i2;
        break;
    case T_PAGES:
        memcpy(field_at(c, s->offset), v->list, sizeof v->list);
        *(int *)field_at(c, s->offset2) = v->n;
        break;
    default:
        *(int *)field_at(c, s->offset) = v->i;
        break;
    }
}

/* Writes the value in force of s, as a config file would hold it. */
static void format_value(const config *c, const setting *s, strbuf *b)
{
    int i = *(const int *)cfield_at(c, s->offset);
    switch (s->type) {
    case T_STRING:
        sb_puts(b, *(char *const *)cfield_at(c, s->offset));
        break;
    case T_BOOL:
        sb_puts(b, i ? "true" : "false");
        break;
    case T_ENUM:
        sb_puts(b, s->names[i]);
        break;
    case T_SIZE:
        sb_printf(b, "%dx%d", i, *(const int *)cfield_at(c, s->offset2));
        break;
    case T_PAGES: {
        const int *list = cfield_at(c, s->offset);
        int n = *(const int *)cfield_at(c, s->offset2);
        for (int k = 0; k < n; k++)
            sb_printf(b, "%s%s", k ? "," : "", s->names[list[k]]);
        break;
    }
    default:
        sb_printf(b, "%d", i);
        break;
    }
}

/* The table index of section.key (both trimmed, case-insensitive), or -1. */
static int find_setting(const char *section, const char *key)
{
    for (int i = 0; i < NSETTINGS; i++)
        if (same_word(settings[i].section, section) && same_word(settings[i].key, key))
            return i;
    return -1;
}

static int section_known(const char *section)
{
    for (int i = 0; i < NSETTINGS; i++)
        if (same_word(settings[i].section, section))
            return 1;
    return 0;
}

/* ---- the interface ---- */

void config_default(config *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < NSETTINGS; i++) {
        value v;
        char detail[256];
        if (parse_value(&settings[i], settings[i].def, &v, detail, sizeof detail) != 0) {
            fprintf(stderr, "quizblitz: internal error: bad default for %s.%s\n",
                    settings[i].section, settings[i].key);
            exit(EXIT_SOFTWARE);
        }
        store(c, &settings[i], &v);
        c->origin[i] = (cfg_origin){SRC_DEFAULT, NULL, 0};
    }
}

void config_free(config *c)
{
    for (int i = 0; i < NSETTINGS; i++) {
        if (settings[i].type == T_STRING)
            free(*(char **)field_at(c, settings[i].offset));
        free(c->origin[i].file);
    }
    memset(c, 0, sizeof *c);
}

char *config_default_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && xdg[0] == '/')
        return xasprintf("%s/quizblitz/quizblitz.conf", xdg);
    const char *home = getenv("HOME");
    if (home && *home)
        return xasprintf("%s/.config/quizblitz/quizblitz.conf", home);
    return NULL;
}

int config_set(config *c, const char *section, const char *key, const char *value_text,
               cfg_source src, const char *file, int line, diag_list *d)
{
    const char *where = file ? file : "command line";
    int at = src == SRC_FILE ? line : 0;
    char *sec = trimmed(section ? section : "", strlen(section ? section : ""));
    char *k = trimmed(key ? key : "", strlen(key ? key : ""));
    char *v = NULL;
    char ex[200], detail[256];
    value val = {0};
    int rc = -1;

    int idx = find_setting(sec, k);
    if (idx < 0) {
        excerpt(k, ex);
        if (!*sec) {
            int other = -1;
            for (int i = 0; i < NSETTINGS && other < 0; i++)
                if (same_word(settings[i].key, k))
                    other = i;
            if (other >= 0)
                diag_add(d, where, at, 1, "%s must be under a section header: [%s]", ex,
                         settings[other].section);
            else
                diag_add(d, where, at, 1, "key \"%s\" is outside any section", ex);
            goto cleanup;
        }
        if (!section_known(sec)) {
            char exs[200];
            excerpt(sec, exs);
            diag_add(d, where, at, 1, "unknown section [%s]", exs);
            goto cleanup;
        }
        /* the section as the table spells it, and a hint: the key lives in another section,
         * or a near miss in this one */
        const char *canon = sec;
        for (int i = 0; i < NSETTINGS; i++)
            if (same_word(settings[i].section, sec)) {
                canon = settings[i].section;
                break;
            }
        strbuf hint = {0};
        for (int i = 0; i < NSETTINGS && !hint.s; i++)
            if (same_word(settings[i].key, k))
                sb_printf(&hint, " (it belongs in [%s])", settings[i].section);
        int best = 3;
        for (int i = 0; i < NSETTINGS && !hint.s; i++) {
            if (!same_word(settings[i].section, sec))
                continue;
            int dist = distance(settings[i].key, k);
            if (dist < best && dist * 3 <= (int)strlen(settings[i].key))
                best = dist;
        }
        for (int i = 0; i < NSETTINGS && !hint.s && best < 3; i++)
            if (same_word(settings[i].section, sec) && distance(settings[i].key, k) == best)
                sb_printf(&hint, " (did you mean \"%s\"?)", settings[i].key);
        diag_add(d, where, at, 1, "unknown key \"%s\" in [%s]%s", ex, canon,
                 hint.s ? hint.s : "");
        sb_free(&hint);
        goto cleanup;
    }
    const setting *s = &settings[idx];
    if (!value_text) {
        diag_add(d, where, at, 1, "%s needs a value", s->key);
        goto cleanup;
    }
    size_t n = strlen(value_text);
    if (n > CONFIG_VALUE_MAX) {
        diag_add(d, where, at, 1, "%s is longer than %d bytes", s->key, CONFIG_VALUE_MAX);
        goto cleanup;
    }
    if (!utf8_valid(value_text, n)) {
        diag_add(d, where, at, 1, "%s is not valid UTF-8", s->key);
        goto cleanup;
    }
    v = trimmed(value_text, n);
    excerpt(v, ex);
    for (const char *p = v; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            diag_add(d, where, at, 1, "%s must not hold control characters, not \"%s\"", s->key,
                     ex);
            goto cleanup;
        }
        /* a file would read these as a comment, so --print-config could not write the value */
        if ((*p == '#' || *p == ';') && (p == v || is_space((unsigned char)p[-1]))) {
            diag_add(d, where, at, 1,
                     "%s must not start with # or ; nor have one after a space (a config file "
                     "reads that as a comment), not \"%s\"",
                     s->key, ex);
            goto cleanup;
        }
    }
    if (parse_value(s, v, &val, detail, sizeof detail) != 0) {
        strbuf m = {0};
        describe(s, &m);
        sb_printf(&m, ", not \"%s\"", ex);
        if (detail[0])
            sb_printf(&m, ": %s", detail);
        diag_add(d, where, at, 1, "%s", m.s);
        sb_free(&m);
        goto cleanup;
    }
    rc = 0;
    cfg_origin *o = &c->origin[idx];
    if (src == SRC_FILE && o->src == SRC_CLI)
        goto cleanup; /* the command line wins */
    if (src == SRC_FILE && o->src == SRC_FILE && file && o->file && !strcmp(o->file, file))
        diag_add(d, where, at, 0, "%s is set again (first on line %d); this later value wins",
                 s->key, o->line);
    store(c, s, &val);
    free(o->file);
    o->src = src;
    o->file = src == SRC_FILE && file ? xstrdup(file) : NULL;
    o->line = src == SRC_FILE ? line : 0;
cleanup:
    free(val.str);
    free(v);
    free(sec);
    free(k);
    return rc;
}

/* ---- reading a file through inih ---- */

/* A section name no real file can produce (0xFF is never valid UTF-8, and the reader refuses
 * lines that are not): it stands in for a header with no ']', so its keys are skipped. */
#define BROKEN_SECTION "\xff"

/* What the reader and the handler share while inih parses one file. */
typedef struct parse_state {
    /* settings being filled in */
    config *c;
    /* where problems go, and how many were there before this file */
    diag_list *d;
    int diags0;
    /* file name for diags and origins */
    const char *file;
    /* the file's bytes and how far the reader got */
    const char *buf;
    size_t len;
    size_t pos;
    /* number of the line last handed to inih (1-based): the line the handler is handling */
    int lineno;
    /* line of the last section header, and of the last one reported as unknown */
    int section_line;
    int reported_section_line;
    /* 1 once there were too many problems: the rest of the file is ignored */
    int stopped;
} parse_state;

static int too_many(parse_state *st)
{
    if (!st->stopped && st->d->n - st->diags0 >= CONFIG_MAX_DIAGS) {
        diag_add(st->d, st->file, st->lineno + 1, 1,
                 "too many problems; the rest of the file is ignored (is it a config file?)");
        st->stopped = 1;
    }
    return st->stopped;
}

/* inih's fgets: one physical line per call, checked first (see the top of this file). */
static char *read_line(char *str, int num, void *stream)
{
    parse_state *st = stream;
    if (st->pos >= st->len || too_many(st))
        return NULL;
    const char *s = st->buf + st->pos;
    const char *nl = memchr(s, '\n', st->len - st->pos);
    size_t n = nl ? (size_t)(nl - s) : st->len - st->pos;
    st->pos += n + (nl != NULL);
    st->lineno++;
    if (n && s[n - 1] == '\r')
        n--;
    /* what inih gets for a line we refuse: a blank line, or if it looks like a section header,
     * a broken one (so its keys are not taken for the previous section's) */
    const char *p = s, *e = s + n;
    if (st->lineno == 1 && n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
        p += 3;
    while (p < e && is_space((unsigned char)*p))
        p++;
    int header = p < e && *p == '[';
    if (header)
        st->section_line = st->lineno;
    strcpy(str, header ? "[" BROKEN_SECTION "]\n" : "\n");
    int max = num - 2 < CONFIG_LINE_MAX ? num - 2 : CONFIG_LINE_MAX; /* room for "\n\0" */
    if (n > (size_t)max) {
        diag_add(st->d, st->file, st->lineno, 1, "line is longer than %d bytes; it is ignored",
                 max);
        return str;
    }
    if (memchr(s, '\0', n)) {
        diag_add(st->d, st->file, st->lineno, 1, "line holds a NUL byte; it is ignored");
        return str;
    }
    if (!utf8_valid(s, n)) {
        diag_add(st->d, st->file, st->lineno, 1, "line is not valid UTF-8; it is ignored");
        return str;
    }
    if (header && !memchr(p, ']', (size_t)(e - p))) {
        diag_add(st->d, st->file, st->lineno, 1,
                 "section header has no closing ']'; the keys under it are ignored");
        return str;
    }
    memcpy(str, s, n);
    str[n] = '\n';
    str[n + 1] = 0;
    return str;
}

/* inih's handler: one key = value line (value NULL for a line with neither '=' nor ':'). */
#if INI_HANDLER_LINENO
static int on_pair(void *user, const char *section, const char *name, const char *val,
                   int inih_lineno)
#else
static int on_pair(void *user, const char *section, const char *name, const char *val)
#endif
{
    parse_state *st = user;
#if INI_HANDLER_LINENO
    (void)inih_lineno; /* our own count is the same, and also right for refused lines */
#endif
    char ex[200];
    if (st->stopped || !strcmp(section, BROKEN_SECTION))
        return 1;
    if (!val) {
        excerpt(name, ex);
        diag_add(st->d, st->file, st->lineno, 1, "\"%s\" is not a setting (expected key = value)",
                 ex);
        return 1;
    }
    char *sec = trimmed(section, strlen(section));
    if (*sec && !section_known(sec)) {
        /* once per header, at the header's line */
        if (st->reported_section_line != st->section_line) {
            excerpt(sec, ex);
            diag_add(st->d, st->file, st->section_line, 1, "unknown section [%s]", ex);
            st->reported_section_line = st->section_line;
        }
    } else {
        config_set(st->c, sec, name, val, SRC_FILE, st->file, st->lineno, st->d);
    }
    free(sec);
    return 1;
}

void config_parse(config *c, const char *text, size_t len, const char *name, diag_list *d)
{
    static char comment_prefixes[] = ";#";
    parse_state st = {.c = c, .d = d, .diags0 = d->n, .file = name, .buf = text, .len = len};

    /* inih's run-time options (Debian's build): set ours, put the caller's back after */
    bool old_multiline = ini_allow_multiline, old_bom = ini_allow_bom;
    bool old_inline = ini_allow_inline_comments, old_stack = ini_use_stack;
    bool old_realloc = ini_allow_realloc, old_stop = ini_stop_on_first_error;
    bool old_novalue = ini_allow_no_value;
    int old_max = ini_max_line, old_initial = ini_initial_alloc;
    char *old_start = ini_start_comment_prefixes, *old_prefixes = ini_inline_comment_prefixes;
    ini_allow_multiline = false;
    ini_allow_bom = true;
    ini_allow_inline_comments = true;
    ini_inline_comment_prefixes = comment_prefixes;
    ini_start_comment_prefixes = comment_prefixes;
    ini_use_stack = false;
    ini_allow_realloc = false;
    ini_initial_alloc = CONFIG_LINE_MAX + 3;
    ini_max_line = CONFIG_LINE_MAX + 3;
    ini_stop_on_first_error = false;
    ini_allow_no_value = true;

    int rc = ini_parse_stream(read_line, &st, on_pair, &st);

    ini_allow_multiline = old_multiline;
    ini_allow_bom = old_bom;
    ini_allow_inline_comments = old_inline;
    ini_inline_comment_prefixes = old_prefixes;
    ini_start_comment_prefixes = old_start;
    ini_use_stack = old_stack;
    ini_allow_realloc = old_realloc;
    ini_initial_alloc = old_initial;
    ini_max_line = old_max;
    ini_stop_on_first_error = old_stop;
    ini_allow_no_value = old_novalue;

    /* the only syntax error inih still finds itself: a header like "[kiosk ;]" (not
     * reported past the CONFIG_MAX_DIAGS cut-off, so a file gives at most CONFIG_MAX_DIAGS + 1) */
    if (rc > 0 && !st.stopped)
        diag_add(d, name, rc, 1, "bad section header (expected [name])");
    else if (rc == -2)
        diag_add(d, name, 0, 1, "out of memory while reading the config file");
}

int config_load(config *c, const char *path, int required, diag_list *d)
{
    char *def = NULL, *buf = NULL;
    size_t len = 0;
    int rc = 0;
    if (!path) {
        def = config_default_path();
        if (!def)
            return 0;
        path = def;
        required = 0;
    }
    struct stat sb;
    if (stat(path, &sb) != 0) {
        int e = errno;
        if (required || (e != ENOENT && e != ENOTDIR))
            diag_add(d, path, 0, 1, "cannot read the config file: %s", strerror(e));
        rc = required ? -1 : 0;
        goto cleanup;
    }
    if (S_ISDIR(sb.st_mode)) {
        diag_add(d, path, 0, 1, "cannot read the config file: %s", strerror(EISDIR));
        rc = required ? -1 : 0;
        goto cleanup;
    }
    int e = read_file(path, CONFIG_FILE_MAX, &buf, &len);
    if (e == EFBIG) {
        diag_add(d, path, 0, 1,
                 "the config file is larger than %d KiB, so it is ignored (is it a config file?)",
                 CONFIG_FILE_MAX / 1024);
        goto cleanup;
    }
    if (e) {
        diag_add(d, path, 0, 1, "cannot read the config file: %s", strerror(e));
        rc = required ? -1 : 0;
        goto cleanup;
    }
    config_parse(c, buf, len, path, d);
cleanup:
    free(buf);
    free(def);
    return rc;
}

/* Appends s with control characters shown as '?' (a path in a comment must stay one line). */
static void put_clean(strbuf *b, const char *s)
{
    for (; *s; s++) {
        char ch = ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s;
        sb_append(b, &ch, 1);
    }
}

char *config_print(const config *c)
{
    strbuf b = {0};
    sb_puts(&b, "# quizblitz settings in force (quizblitz --print-config). Saved as\n"
                "# ~/.config/quizblitz/quizblitz.conf this file gives the same settings.\n"
                "# The comment after each value says where it came from.\n");
    const char *sec = NULL;
    for (int i = 0; i < NSETTINGS; i++) {
        const setting *s = &settings[i];
        if (!sec || strcmp(sec, s->section) != 0) {
            sb_printf(&b, "\n[%s]\n", s->section);
            sec = s->section;
        }
        sb_printf(&b, "# %s\n", s->help);
        size_t start = b.len;
        sb_printf(&b, "%s = ", s->key);
        format_value(c, s, &b);
        while (b.len - start < 36)
            sb_puts(&b, " ");
        sb_puts(&b, "  # ");
        const cfg_origin *o = &c->origin[i];
        if (o->src == SRC_FILE) {
            put_clean(&b, o->file ? o->file : "-");
            sb_printf(&b, ":%d", o->line);
        } else {
            sb_puts(&b, o->src == SRC_CLI ? "command line" : "default");
        }
        sb_puts(&b, "\n");
    }
    return b.s;
}

const cfg_origin *config_origin_of(const config *c, const char *section, const char *key)
{
    int i = find_setting(section, key);
    return i < 0 ? NULL : &c->origin[i];
}

int config_key(int i, const char **section, const char **key, const char **help)
{
    if (i < 0 || i >= NSETTINGS)
        return -1;
    if (section)
        *section = settings[i].section;
    if (key)
        *key = settings[i].key;
    if (help)
        *help = settings[i].help;
    return 0;
}

int config_option_find(const char *option)
{
    for (int i = 0; option && i < NSETTINGS; i++)
        if (settings[i].option && !strcmp(settings[i].option, option))
            return i;
    return -1;
}

int config_option(int i, const char **option, const char **flag_value)
{
    if (i < 0 || i >= NSETTINGS)
        return -1;
    if (option)
        *option = settings[i].option;
    if (flag_value)
        *flag_value = settings[i].option_value;
    return 0;
}

int config_range(int i, int *min, int *max)
{
    if (i < 0 || i >= NSETTINGS)
        return -1;
    switch (settings[i].type) {
    case T_INT:
    case T_DURATION:
    case T_VOLUME:
    case T_SIZE:
        *min = settings[i].min;
        *max = settings[i].max;
        return 0;
    default:
        return -1;
    }
}

int config_set_option(config *c, const char *option, const char *arg, diag_list *d)
{
    int i = config_option_find(option);
    if (i < 0) {
        diag_add(d, "command line", 0, 1, "%s sets no setting", option ? option : "(null)");
        return -1;
    }
    const setting *s = &settings[i];
    if (s->option_value) {
        if (arg) {
            diag_add(d, option, 0, 1, "%s takes no argument", option);
            return -1;
        }
        arg = s->option_value;
    } else if (!arg) {
        diag_add(d, option, 0, 1, "%s needs a value", option);
        return -1;
    }
    return config_set(c, s->section, s->key, arg, SRC_CLI, option, 0, d);
}
