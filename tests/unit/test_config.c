/* test_config.c: quizblitz.conf (config.c) and the name blocklist (blocklist.c). Run from the
 * repository root: it reads tests/config/ and packaging/kiosk/quizblitz.conf.example, and
 * writes only under a mkdtemp directory in $TMPDIR (or /tmp). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "blocklist.h"
#include "config.h"
#include "util.h"

/* ---- helpers ---- */

/* What diag_print writes, as one string (caller frees). */
static char *diag_text(const diag_list *d)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    assert_non_null(f);
    diag_print(d, f);
    fclose(f);
    return s;
}

/* Fails unless diag_print's output holds `line` as a whole line. */
static void assert_diag(const diag_list *d, const char *line)
{
    char *all = diag_text(d);
    char *want = xasprintf("%s\n", line);
    int found = 0;
    const char *p = all;
    while (p && *p && !found) {
        found = !strncmp(p, want, strlen(want));
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!found)
        fail_msg("expected the diag\n  %s\ngot:\n%s", line, all);
    free(want);
    free(all);
}

/* A fresh directory under $TMPDIR; rm_tree removes it. */
static char *make_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    char *tmpl = xasprintf("%s/qb-config-XXXXXX", t && *t ? t : "/tmp");
    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

static void rm_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return;
    if (S_ISDIR(sb.st_mode)) {
        chmod(path, 0700);
        DIR *dir = opendir(path);
        if (dir) {
            struct dirent *e;
            while ((e = readdir(dir))) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char *sub = xasprintf("%s/%s", path, e->d_name);
                rm_tree(sub);
                free(sub);
            }
            closedir(dir);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Writes n bytes to dir/name; returns the path (caller frees). */
static char *write_file(const char *dir, const char *name, const void *data, size_t n)
{
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void assert_defaults(const config *c)
{
    assert_string_equal(c->decks, "");
    assert_int_equal(c->round, 10);
    assert_int_equal(c->order, CONFIG_ORDER_LADDER);
    assert_int_equal(c->time, 0);
    assert_int_equal(c->speed_bonus, 1);
    assert_int_equal(c->streak_bonus, 1);
    assert_int_equal(c->intro_ms, 1000);
    assert_int_equal(c->effects, 1);
    assert_int_equal(c->music, 1);
    assert_int_equal(c->effects_volume, 80);
    assert_int_equal(c->music_volume, 35);
    assert_int_equal(c->fullscreen, 0);
    assert_int_equal(c->window_w, 1280);
    assert_int_equal(c->window_h, 720);
    assert_int_equal(c->kiosk, 0);
    assert_int_equal(c->attract_after, 30);
    assert_int_equal(c->attract_page, 8);
    assert_int_equal(c->nattract_pages, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(c->attract_pages[i], i);
    assert_int_equal(c->attract_pages[0], CONFIG_PAGE_TITLE);
    assert_int_equal(c->attract_pages[4], CONFIG_PAGE_DEMO);
    assert_int_equal(c->attract_music, 0);
    assert_int_equal(c->round_idle, 45);
    assert_int_equal(c->still_there, 10);
    assert_int_equal(c->name_timeout, 30);
    assert_int_equal(c->screen_idle, 20);
    assert_int_equal(c->reveal_auto, 6);
    assert_string_equal(c->exit_chord, "ctrl+alt+shift+q");
    assert_string_equal(c->exit_pad_chord, "back+start");
    assert_int_equal(c->exit_hold, 3);
    assert_string_equal(c->exit_pin, "");
    assert_string_equal(c->name_blocklist, "");
    assert_string_equal(c->scores_file, "");
}

/* Every setting of a and b holds the same value. */
static void assert_same_settings(const config *a, const config *b)
{
    assert_string_equal(a->decks, b->decks);
    assert_int_equal(a->round, b->round);
    assert_int_equal(a->order, b->order);
    assert_int_equal(a->time, b->time);
    assert_int_equal(a->speed_bonus, b->speed_bonus);
    assert_int_equal(a->streak_bonus, b->streak_bonus);
    assert_int_equal(a->intro_ms, b->intro_ms);
    assert_int_equal(a->effects, b->effects);
    assert_int_equal(a->music, b->music);
    assert_int_equal(a->effects_volume, b->effects_volume);
    assert_int_equal(a->music_volume, b->music_volume);
    assert_int_equal(a->fullscreen, b->fullscreen);
    assert_int_equal(a->window_w, b->window_w);
    assert_int_equal(a->window_h, b->window_h);
    assert_int_equal(a->kiosk, b->kiosk);
    assert_int_equal(a->attract_after, b->attract_after);
    assert_int_equal(a->attract_page, b->attract_page);
    assert_int_equal(a->nattract_pages, b->nattract_pages);
    for (int i = 0; i < a->nattract_pages; i++)
        assert_int_equal(a->attract_pages[i], b->attract_pages[i]);
    assert_int_equal(a->attract_music, b->attract_music);
    assert_int_equal(a->round_idle, b->round_idle);
    assert_int_equal(a->still_there, b->still_there);
    assert_int_equal(a->name_timeout, b->name_timeout);
    assert_int_equal(a->screen_idle, b->screen_idle);
    assert_int_equal(a->reveal_auto, b->reveal_auto);
    assert_string_equal(a->exit_chord, b->exit_chord);
    assert_string_equal(a->exit_pad_chord, b->exit_pad_chord);
    assert_int_equal(a->exit_hold, b->exit_hold);
    assert_string_equal(a->exit_pin, b->exit_pin);
    assert_string_equal(a->name_blocklist, b->name_blocklist);
    assert_string_equal(a->scores_file, b->scores_file);
}

/* The line of config_print's text that sets key (the first "key = " line). */
static char *print_line(const char *text, const char *key)
{
    char *want = xasprintf("%s = ", key);
    const char *p = text;
    char *line = NULL;
    while (p && *p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (!strncmp(p, want, strlen(want))) {
            line = xstrndup(p, n);
            break;
        }
        p = e ? e + 1 : NULL;
    }
    free(want);
    if (!line)
        fail_msg("no line for %s in\n%s", key, text);
    return line;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* Saves and restores the environment variables config_default_path reads. */
typedef struct saved_env {
    char *xdg;
    char *home;
} saved_env;

static saved_env save_env(void)
{
    const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
    return (saved_env){x ? xstrdup(x) : NULL, h ? xstrdup(h) : NULL};
}

static void restore_env(saved_env *e)
{
    if (e->xdg)
        setenv("XDG_CONFIG_HOME", e->xdg, 1);
    else
        unsetenv("XDG_CONFIG_HOME");
    if (e->home)
        setenv("HOME", e->home, 1);
    else
        unsetenv("HOME");
    free(e->xdg);
    free(e->home);
}

/* ---- config ---- */

static void test_defaults(void **state)
{
    (void)state;
    config c;
    config_default(&c);
    assert_defaults(&c);
    for (int i = 0; i < CONFIG_NSETTINGS; i++) {
        const char *sec, *key, *help;
        assert_int_equal(config_key(i, &sec, &key, &help), 0);
        assert_true(*sec && *key && *help);
        const cfg_origin *o = config_origin_of(&c, sec, key);
        assert_non_null(o);
        assert_int_equal(o->src, SRC_DEFAULT);
        assert_null(o->file);
    }
    assert_int_equal(config_key(CONFIG_NSETTINGS, NULL, NULL, NULL), -1);
    assert_int_equal(config_key(-1, NULL, NULL, NULL), -1);
    assert_null(config_origin_of(&c, "game", "nope"));
    assert_non_null(config_origin_of(&c, "KIOSK", "Exit_Pin"));

    char *text = config_print(&c);
    char *line = print_line(text, "round");
    assert_true(!strncmp(line, "round = 10 ", 11));
    assert_true(ends_with(line, "# default"));
    free(line);
    line = print_line(text, "attract_pages");
    assert_true(!strncmp(line, "attract_pages = title,today,alltime,howto,demo ", 47));
    free(line);
    line = print_line(text, "window");
    assert_true(!strncmp(line, "window = 1280x720 ", 18));
    free(line);
    free(text);
    config_free(&c);
    /* config_free leaves a struct config_default can fill again */
    config_default(&c);
    assert_defaults(&c);
    config_free(&c);
}

static void test_full_file(void **state)
{
    (void)state;
    const char *path = "tests/config/full.conf";
    config c;
    diag_list d = {0};
    config_default(&c);
    assert_int_equal(config_load(&c, path, 1, &d), 0);
    if (d.n) {
        char *t = diag_text(&d);
        fail_msg("unexpected diags:\n%s", t);
    }
    assert_string_equal(c.decks, "/srv/decks:cards/virtualization.md");
    assert_int_equal(c.round, 25);
    assert_int_equal(c.order, CONFIG_ORDER_RANDOM);
    assert_int_equal(c.time, 20);
    assert_int_equal(c.speed_bonus, 0);
    assert_int_equal(c.streak_bonus, 0);
    assert_int_equal(c.intro_ms, 500);
    assert_int_equal(c.effects, 0);
    assert_int_equal(c.music, 0);
    assert_int_equal(c.effects_volume, 55);
    assert_int_equal(c.music_volume, 12);
    assert_int_equal(c.fullscreen, 1);
    assert_int_equal(c.window_w, 1920);
    assert_int_equal(c.window_h, 1080);
    assert_int_equal(c.kiosk, 1);
    assert_int_equal(c.attract_after, 60);
    assert_int_equal(c.attract_page, 5);
    assert_int_equal(c.nattract_pages, 3);
    assert_int_equal(c.attract_pages[0], CONFIG_PAGE_DEMO);
    assert_int_equal(c.attract_pages[1], CONFIG_PAGE_TITLE);
    assert_int_equal(c.attract_pages[2], CONFIG_PAGE_TODAY);
    assert_int_equal(c.attract_music, 1);
    assert_int_equal(c.round_idle, 90);
    assert_int_equal(c.still_there, 15);
    assert_int_equal(c.name_timeout, 40);
    assert_int_equal(c.reveal_auto, 4);
    assert_int_equal(c.screen_idle, 25);
    assert_string_equal(c.exit_chord, "ctrl+shift+F12");
    assert_string_equal(c.exit_pad_chord, "leftshoulder+rightshoulder+start");
    assert_int_equal(c.exit_hold, 5);
    assert_string_equal(c.exit_pin, "2468");
    assert_int_equal(c.pin_lock, 30);
    assert_string_equal(c.exit_pin_hash, "$y$j9T$IdbcoDNvg6ato0aqj8VsQ.$1FsjemWwKoFRgiwL0t0mueZ935zxqBb8tl8k6ot64j1");
    assert_int_equal(c.pin_lock_max, 7200);
    assert_string_equal(c.name_blocklist, "/etc/quizblitz/blocklist.txt");
    assert_string_equal(c.scores_file, "/var/lib/quizblitz/scores.tsv");
    assert_string_equal(c.fleet_url, "host=db.example.org dbname=quizblitz user=kiosk sslmode=verify-full");
    assert_string_equal(c.fleet_kiosk, "Hall A");
    assert_int_equal(c.party, 0);
    assert_int_equal(c.players, 3);
    assert_int_equal(config_origin_of(&c, "game", "players")->line, 52);

    /* every setting came from the file, each from its own line */
    for (int i = 0; i < CONFIG_NSETTINGS; i++) {
        assert_int_equal(c.origin[i].src, SRC_FILE);
        assert_string_equal(c.origin[i].file, path);
    }
    assert_int_equal(config_origin_of(&c, "game", "decks")->line, 4);
    assert_int_equal(config_origin_of(&c, "game", "round")->line, 5);
    assert_int_equal(config_origin_of(&c, "sound", "music_volume")->line, 16);
    assert_int_equal(config_origin_of(&c, "display", "window")->line, 20);
    assert_string_equal(c.language, "de:fr");
    assert_int_equal(config_origin_of(&c, "display", "language")->line, 21);
    assert_int_equal(config_origin_of(&c, "kiosk", "attract_pages")->line, 26);
    assert_int_equal(config_origin_of(&c, "kiosk", "exit_pin")->line, 35);
    assert_int_equal(config_origin_of(&c, "kiosk", "pin_lock_max")->line, 40);
    assert_int_equal(config_origin_of(&c, "kiosk", "exit_pin_hash")->line, 39);
    assert_int_equal(config_origin_of(&c, "scores", "file")->line, 43);

    char *text = config_print(&c);
    char *line = print_line(text, "round");
    assert_true(!strncmp(line, "round = 25 ", 11));
    assert_true(ends_with(line, "# tests/config/full.conf:5"));
    free(line);
    line = print_line(text, "attract_pages");
    assert_true(!strncmp(line, "attract_pages = demo,title,today ", 33));
    free(line);
    free(text);
    config_free(&c);
    diag_free(&d);
}

static void test_bad_values_file(void **state)
{
    (void)state;
    config c;
    diag_list d = {0};
    config_default(&c);
    assert_int_equal(config_load(&c, "tests/config/bad.conf", 1, &d), 0);
    const char *want[] = {
        "tests/config/bad.conf:3: error: round must be a whole number from 1 to 100, not \"abc\"",
        "tests/config/bad.conf:4: error: order must be ladder or random, not \"sideways\"",
        "tests/config/bad.conf:5: error: time must be a whole number of seconds from 0 to 600, "
        "not \"601\"",
        "tests/config/bad.conf:6: error: speed_bonus must be true or false (or yes/no, on/off, "
        "1/0), not \"maybe\"",
        "tests/config/bad.conf:7: error: intro_ms must be a whole number of milliseconds from 0 "
        "to 5000, not \"5001\"",
        "tests/config/bad.conf:9: error: effects_volume must be a volume in percent from 0 to "
        "100, not \"101\"",
        "tests/config/bad.conf:10: error: music_volume must be a volume in percent from 0 to "
        "100, not \"-1\"",
        "tests/config/bad.conf:12: error: window must be WIDTHxHEIGHT with each from 64 to "
        "16384, e.g. 1280x720, not \"1280*720\"",
        "tests/config/bad.conf:14: error: attract_after must be a whole number of seconds from "
        "5 to 3600, not \"4\"",
        "tests/config/bad.conf:15: error: attract_pages must be a comma-separated list of "
        "title, today, alltime, howto or demo, each at most once, not \"title,credits\": "
        "unknown page \"credits\"",
        "tests/config/bad.conf:16: error: exit_chord must be modifiers (ctrl, alt, shift, gui) "
        "and one key joined by +, e.g. ctrl+alt+q, not \"ctrl+meta+q\": \"meta\" is not a "
        "modifier (ctrl, alt, shift, gui)",
        "tests/config/bad.conf:17: error: exit_pad_chord must be controller buttons joined by + "
        "(a b x y back guide start leftstick rightstick leftshoulder rightshoulder dpup dpdown "
        "dpleft dpright), or empty, not \"back+select\": \"select\" is not a controller button",
        "tests/config/bad.conf:18: error: exit_pin must be empty or 4 to 8 digits, not \"12a4\"",
        "tests/config/bad.conf:19: error: still_there must be a whole number of seconds from 3 "
        "to 120, not \"10 min\"",
    };
    int n = (int)(sizeof want / sizeof want[0]);
    for (int i = 0; i < n; i++)
        assert_diag(&d, want[i]);
    assert_int_equal(d.n, n);
    assert_int_equal(d.errors, n);
    /* every bad value left the built-in default in place */
    assert_defaults(&c);
    for (int i = 0; i < CONFIG_NSETTINGS; i++)
        assert_int_equal(c.origin[i].src, SRC_DEFAULT);
    config_free(&c);
    diag_free(&d);
}

/* One bad value per row: config_parse must give exactly one error, on line 2, saying
 * "KEY must be", and keep the default. */
static void test_bad_values_every_type(void **state)
{
    (void)state;
    static const struct {
        const char *section, *key, *value;
    } rows[] = {
        {"game", "round", ""},
        {"game", "round", "0"},
        {"game", "round", "101"},
        {"game", "round", "10.5"},
        {"game", "round", "1e3"},
        {"game", "round", "0x10"},
        {"game", "round", "99999999999999999999999"},
        {"game", "round", "-99999999999999999999999"},
        {"game", "round", "+"},
        {"game", "round", "5 s"},
        {"game", "time", "-1"},
        {"game", "time", "20 ms"},
        {"game", "intro_ms", "1 s"},
        {"game", "order", "ladders"},
        {"game", "order", ""},
        {"game", "speed_bonus", ""},
        {"game", "speed_bonus", "2"},
        {"game", "speed_bonus", "truee"},
        {"sound", "music_volume", "50%%"},
        {"sound", "music_volume", "half"},
        {"sound", "effects", "enabled"},
        {"display", "window", "1280x"},
        {"display", "window", "x720"},
        {"display", "window", "63x100"},
        {"display", "window", "100x16385"},
        {"display", "window", "1280x720x3"},
        {"display", "window", "-1280x720"},
        {"kiosk", "attract_pages", ""},
        {"kiosk", "attract_pages", "title,,demo"},
        {"kiosk", "attract_pages", "title,"},
        {"kiosk", "attract_pages", "title,Title"},
        {"kiosk", "attract_pages", "title today"},
        {"kiosk", "exit_chord", ""},
        {"kiosk", "exit_chord", "ctrl+"},
        {"kiosk", "exit_chord", "+q"},
        {"kiosk", "exit_chord", "ctrl++q"},
        {"kiosk", "exit_chord", "q+ctrl"},
        {"kiosk", "exit_chord", "ctrl+alt+shift+gui+ctrl+alt+shift+gui+q"},
        {"kiosk", "exit_chord",
         "ctrl+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
        {"kiosk", "exit_pad_chord", "back+back"},
        {"kiosk", "exit_pad_chord", "back+start+"},
        {"kiosk", "exit_pad_chord", "select"},
        {"kiosk", "exit_pin", "123"},
        {"kiosk", "exit_pin_hash", "2468"},
        {"kiosk", "exit_pin_hash", "$y$nonsense"},
        {"kiosk", "exit_pin", "123456789"},
        {"kiosk", "exit_pin", "12 34"},
        {"kiosk", "exit_pin", "١٢٣٤"},
        {"kiosk", "exit_hold", "0"},
        {"kiosk", "pin_lock", "9"},
        {"kiosk", "pin_lock_max", "604801"},
        {"kiosk", "exit_hold", "31"},
        {"kiosk", "reveal_auto", "0"},
        {"kiosk", "still_there", "121"},
        {"kiosk", "round_idle", "9"},
        {"kiosk", "name_timeout", "601"},
        {"kiosk", "attract_page", "1"},
        {"kiosk", "enabled", "kiosk"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        config c;
        diag_list d = {0};
        config_default(&c);
        char *text = xasprintf("[%s]\n%s = %s\n", rows[i].section, rows[i].key, rows[i].value);
        config_parse(&c, text, strlen(text), "t.conf", &d);
        char *prefix = xasprintf("t.conf:2: error: %s must be ", rows[i].key);
        char *got = diag_text(&d);
        if (d.n != 1 || d.errors != 1 || strncmp(got, prefix, strlen(prefix)))
            fail_msg("[%s] %s = %s: expected one diag starting \"%s\", got:\n%s",
                     rows[i].section, rows[i].key, rows[i].value, prefix, got);
        assert_defaults(&c);
        assert_int_equal(config_origin_of(&c, rows[i].section, rows[i].key)->src, SRC_DEFAULT);
        free(got);
        free(prefix);
        free(text);
        config_free(&c);
        diag_free(&d);
    }
}

/* Spellings every type accepts. */
static void test_good_spellings(void **state)
{
    (void)state;
    const char *text = "[game]\n"
                       "round = +7\n"
                       "order = RANDOM\n"
                       "time = 30s\n"
                       "intro_ms = 250 ms\n"
                       "speed_bonus = Off\n"
                       "streak_bonus = YES\n"
                       "[sound]\n"
                       "effects = 0\n"
                       "music = On\n"
                       "effects_volume = 100 %\n"
                       "music_volume = 0\n"
                       "[display]\n"
                       "window = 800 X 600\n"
                       "[kiosk]\n"
                       "attract_after = 3600 S\n"
                       "attract_pages = HowTo\n"
                       "exit_chord = Ctrl + ALT + Escape\n"
                       "exit_pad_chord = Back + START\n"
                       "exit_pin = 00000000\n";
    config c;
    diag_list d = {0};
    config_default(&c);
    config_parse(&c, text, strlen(text), "t.conf", &d);
    if (d.n) {
        char *t = diag_text(&d);
        fail_msg("unexpected diags:\n%s", t);
    }
    assert_int_equal(c.round, 7);
    assert_int_equal(c.order, CONFIG_ORDER_RANDOM);
    assert_int_equal(c.time, 30);
    assert_int_equal(c.intro_ms, 250);
    assert_int_equal(c.speed_bonus, 0);
    assert_int_equal(c.streak_bonus, 1);
    assert_int_equal(c.effects, 0);
    assert_int_equal(c.music, 1);
    assert_int_equal(c.effects_volume, 100);
    assert_int_equal(c.music_volume, 0);
    assert_int_equal(c.window_w, 800);
    assert_int_equal(c.window_h, 600);
    assert_int_equal(c.attract_after, 3600);
    assert_int_equal(c.nattract_pages, 1);
    assert_int_equal(c.attract_pages[0], CONFIG_PAGE_HOWTO);
    /* chords are stored canonical: parts trimmed, modifiers and buttons in lower case */
    assert_string_equal(c.exit_chord, "ctrl+alt+Escape");
    assert_string_equal(c.exit_pad_chord, "back+start");
    assert_string_equal(c.exit_pin, "00000000");
    config_free(&c);

    /* the empty controller chord means none */
    config_default(&c);
    assert_int_equal(config_set(&c, "kiosk", "exit_pad_chord", "", SRC_CLI, NULL, 0, &d), 0);
    assert_string_equal(c.exit_pad_chord, "");
    assert_int_equal(d.n, 0);
    config_free(&c);
    diag_free(&d);
}

static void test_unknown_section_and_key(void **state)
{
    (void)state;
    const char *text = "round = 3\n"          /* 1 */
                       "[game]\n"             /* 2 */
                       "rounds = 5\n"         /* 3 */
                       "[kiosk]\n"            /* 4 */
                       "round = 5\n"          /* 5 */
                       "foo = 1\n"            /* 6 */
                       "[bogus]\n"            /* 7 */
                       "a = 1\n"              /* 8 */
                       "b = 2\n"              /* 9 */
                       "[ GAME ]\n"           /* 10 */
                       "ROUND = 7\n"          /* 11 */
                       "just some words\n"    /* 12 */
                       "[bogus]\n"            /* 13 */
                       "c = 3\n"              /* 14 */
                       "[kiosk]\n"            /* 15 */
                       "exit_hodl = 4\n";     /* 16 */
    config c;
    diag_list d = {0};
    config_default(&c);
    config_parse(&c, text, strlen(text), "u.conf", &d);
    assert_diag(&d, "u.conf:1: error: round must be under a section header: [game]");
    assert_diag(&d, "u.conf:3: error: unknown key \"rounds\" in [game] (did you mean \"round\"?)");
    assert_diag(&d, "u.conf:5: error: unknown key \"round\" in [kiosk] (it belongs in [game])");
    assert_diag(&d, "u.conf:6: error: unknown key \"foo\" in [kiosk]");
    assert_diag(&d, "u.conf:7: error: unknown section [bogus]");
    assert_diag(&d, "u.conf:12: error: \"just some words\" is not a setting (expected key = value)");
    assert_diag(&d, "u.conf:13: error: unknown section [bogus]");
    assert_diag(&d, "u.conf:16: error: unknown key \"exit_hodl\" in [kiosk] (did you mean "
                    "\"exit_hold\"?)");
    assert_int_equal(d.n, 8); /* one diag per unknown section header, not one per key */
    /* sections and keys are case-insensitive and trimmed */
    assert_int_equal(c.round, 7);
    assert_int_equal(config_origin_of(&c, "game", "round")->line, 11);
    config_free(&c);
    diag_free(&d);

    /* the command line gets the same checks */
    config_default(&c);
    assert_int_equal(config_set(&c, "game", "speed", "1", SRC_CLI, NULL, 0, &d), -1);
    assert_int_equal(config_set(&c, "nope", "round", "1", SRC_CLI, NULL, 0, &d), -1);
    assert_int_equal(config_set(&c, "game", "round", "0", SRC_CLI, "--round", 0, &d), -1);
    assert_diag(&d, "command line: error: unknown key \"speed\" in [game]");
    assert_diag(&d, "command line: error: unknown section [nope]");
    assert_diag(&d, "--round: error: round must be a whole number from 1 to 100, not \"0\"");
    assert_defaults(&c);
    config_free(&c);
    diag_free(&d);
}

static void test_cli_overrides_file(void **state)
{
    (void)state;
    const char *text = "[game]\nround = 5\ntime = 30\n[kiosk]\nenabled = yes\n";
    config c;
    diag_list d = {0};

    /* command line first (main parses argv before it knows which file to read) */
    config_default(&c);
    assert_int_equal(config_set(&c, "game", "round", "7", SRC_CLI, NULL, 0, &d), 0);
    config_parse(&c, text, strlen(text), "f.conf", &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(c.round, 7);
    assert_int_equal(c.time, 30);
    assert_int_equal(c.kiosk, 1);
    assert_int_equal(config_origin_of(&c, "game", "round")->src, SRC_CLI);
    assert_int_equal(config_origin_of(&c, "game", "time")->src, SRC_FILE);
    /* ... and after the file */
    assert_int_equal(config_set(&c, "game", "time", " 45 ", SRC_CLI, NULL, 0, &d), 0);
    assert_int_equal(c.time, 45);
    assert_int_equal(config_set(&c, "kiosk", "enabled", "false", SRC_CLI, NULL, 0, &d), 0);
    assert_int_equal(c.kiosk, 0);
    /* a file read again later still does not win */
    config_parse(&c, text, strlen(text), "f.conf", &d);
    assert_int_equal(c.round, 7);
    assert_int_equal(c.time, 45);
    assert_int_equal(c.kiosk, 0);
    assert_int_equal(d.n, 0);

    char *out = config_print(&c);
    char *line = print_line(out, "round");
    assert_true(!strncmp(line, "round = 7 ", 10));
    assert_true(ends_with(line, "# command line"));
    free(line);
    line = print_line(out, "time");
    assert_true(ends_with(line, "# command line"));
    free(line);
    line = print_line(out, "intro_ms");
    assert_true(ends_with(line, "# default"));
    free(line);
    free(out);
    config_free(&c);

    /* a bad file value next to a command-line one is still reported */
    config_default(&c);
    config_set(&c, "game", "round", "7", SRC_CLI, NULL, 0, &d);
    config_parse(&c, "[game]\nround = lots\n", 20, "f.conf", &d);
    assert_diag(&d, "f.conf:2: error: round must be a whole number from 1 to 100, not \"lots\"");
    assert_int_equal(c.round, 7);
    config_free(&c);
    diag_free(&d);
}

static void test_cli_values(void **state)
{
    (void)state;
    config c;
    diag_list d = {0};
    config_default(&c);
    char big[CONFIG_VALUE_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_int_equal(config_set(&c, "game", "decks", big, SRC_CLI, NULL, 0, &d), -1);
    assert_diag(&d, "command line: error: decks is longer than 4096 bytes");
    big[CONFIG_VALUE_MAX] = 0; /* exactly the limit is fine */
    assert_int_equal(config_set(&c, "game", "decks", big, SRC_CLI, NULL, 0, &d), 0);
    assert_int_equal(strlen(c.decks), CONFIG_VALUE_MAX);
    assert_int_equal(config_set(&c, "game", "decks", "caf\xe9", SRC_CLI, NULL, 0, &d), -1);
    assert_diag(&d, "command line: error: decks is not valid UTF-8");
    assert_int_equal(config_set(&c, "game", "decks", "a\nb", SRC_CLI, NULL, 0, &d), -1);
    assert_diag(&d, "command line: error: decks must not hold control characters, not \"a?b\"");
    /* what a file would read as a comment cannot be printed back: refused */
    assert_int_equal(config_set(&c, "game", "decks", "my decks #2", SRC_CLI, NULL, 0, &d), -1);
    assert_int_equal(config_set(&c, "game", "decks", ";x", SRC_CLI, NULL, 0, &d), -1);
    assert_int_equal(config_set(&c, "game", "decks", NULL, SRC_CLI, NULL, 0, &d), -1);
    assert_int_equal(d.n, 6);
    assert_int_equal(strlen(c.decks), CONFIG_VALUE_MAX);
    /* but '#' inside a word is fine, and so is UTF-8 */
    assert_int_equal(config_set(&c, "game", "decks", "  decks#2/Zoë:名前  ", SRC_CLI, NULL, 0, &d),
                     0);
    assert_string_equal(c.decks, "decks#2/Zoë:名前");
    assert_int_equal(d.n, 6);
    config_free(&c);
    diag_free(&d);
}

/* The line "KEY = VALUE" of --print-config for setting i, without its origin comment (caller
 * frees): compares what two configs hold for one setting, whatever its type. */
static char *printed_value(const config *c, int i)
{
    const char *key;
    config_key(i, NULL, &key, NULL);
    char *all = config_print(c);
    char *want = xasprintf("\n%s = ", key);
    char *p = strstr(all, want);
    assert_non_null(p);
    p++;
    char *e = strstr(p, "  # ");
    assert_non_null(e);
    while (e > p && e[-1] == ' ')
        e--;
    char *line = xstrndup(p, (size_t)(e - p));
    free(want);
    free(all);
    return line;
}

/* Sets setting i to v once through its command-line option (a flag: the value it sets) and once
 * through a config file line,
 * and checks both agree: both accept it and store the same value, or both refuse it with the
 * same words after "OPTION: error: " and "f.conf:2: error: ". Returns 1 if accepted. */
static int option_and_file_agree(int i, const char *v)
{
    const char *sec, *key, *opt, *flag;
    config_key(i, &sec, &key, NULL);
    config_option(i, &opt, &flag);
    config cli, file;
    diag_list dc = {0}, df = {0};
    config_default(&cli);
    config_default(&file);
    /* a flag sets its own value */
    int rc = config_set_option(&cli, opt, flag ? NULL : v, &dc);
    char *text = xasprintf("[%s]\n%s = %s\n", sec, key, v);
    config_parse(&file, text, strlen(text), "f.conf", &df);
    free(text);
    if (rc == 0) {
        if (df.n != 0)
            fail_msg("%s %s accepted, the file's %s = %s refused", opt, v, key, v);
        assert_int_equal(dc.n, 0);
        assert_int_equal(config_origin_of(&cli, sec, key)->src, SRC_CLI);
        char *a = printed_value(&cli, i), *b = printed_value(&file, i);
        assert_string_equal(a, b);
        free(a);
        free(b);
    } else {
        if (df.n != 1)
            fail_msg("%s %s refused, the file's %s = %s accepted", opt, v, key, v);
        assert_int_equal(dc.n, 1);
        char *pc = xasprintf("%s: error: ", opt), *pf = xasprintf("f.conf:2: error: ");
        char *tc = diag_text(&dc), *tf = diag_text(&df);
        assert_true(!strncmp(tc, pc, strlen(pc)) && !strncmp(tf, pf, strlen(pf)));
        assert_string_equal(tc + strlen(pc), tf + strlen(pf));
        free(pc);
        free(pf);
        free(tc);
        free(tf);
        assert_int_equal(config_origin_of(&cli, sec, key)->src, SRC_DEFAULT);
    }
    config_free(&cli);
    config_free(&file);
    diag_free(&dc);
    diag_free(&df);
    return rc == 0;
}

/* Every command-line option that sets a setting accepts exactly that setting's range: the
 * bounds and nothing past them, the same as a config file line (issue 14: --time was 1 to 600
 * on the command line and 0 to 600 in the file). */
static void test_options_take_the_settings_range(void **state)
{
    (void)state;
    int noptions = 0, nranged = 0;
    for (int i = 0; i < CONFIG_NSETTINGS; i++) {
        const char *sec, *key, *help, *opt, *flag;
        int lo, hi;
        config_key(i, &sec, &key, &help);
        assert_int_equal(config_option(i, &opt, &flag), 0);
        int ranged = config_range(i, &lo, &hi) == 0;
        if (ranged) {
            /* the --print-config help states the same range */
            char *r = xasprintf("%d to %d", lo, hi);
            if (!strstr(help, r))
                fail_msg("the help of %s says no \"%s\": %s", key, r, help);
            free(r);
        }
        if (!opt)
            continue;
        noptions++;
        assert_int_equal(config_option_find(opt), i);
        config c;
        diag_list d = {0};
        if (flag) {
            /* a flag sets its value and takes no argument */
            assert_false(ranged);
            assert_true(option_and_file_agree(i, flag));
            config_default(&c);
            assert_int_equal(config_set_option(&c, opt, NULL, &d), 0);
            assert_int_equal(config_set_option(&c, opt, flag, &d), -1);
            assert_int_equal(d.n, 1);
            config_free(&c);
            diag_free(&d);
            continue;
        }
        config_default(&c);
        assert_int_equal(config_set_option(&c, opt, NULL, &d), -1); /* needs its argument */
        assert_int_equal(d.n, 1);
        config_free(&c);
        diag_free(&d);
        if (!ranged) {
            /* an enum or a string: the file and the option agree on a word */
            option_and_file_agree(i, "sideways");
            option_and_file_agree(i, "scores.tsv");
            continue;
        }
        nranged++;
        char buf[64];
        int is_size = !strcmp(key, "window");
        for (int lo_side = 0; lo_side < 2; lo_side++) {
            int in = lo_side ? lo : hi, out = lo_side ? lo - 1 : hi + 1;
            if (is_size) {
                snprintf(buf, sizeof buf, "%dx%d", in, in);
                assert_true(option_and_file_agree(i, buf));
                snprintf(buf, sizeof buf, "%dx%d", out, in);
                assert_false(option_and_file_agree(i, buf));
                snprintf(buf, sizeof buf, "%dx%d", in, out);
                assert_false(option_and_file_agree(i, buf));
            } else {
                snprintf(buf, sizeof buf, "%d", in);
                assert_true(option_and_file_agree(i, buf));
                snprintf(buf, sizeof buf, "%d", out);
                assert_false(option_and_file_agree(i, buf));
            }
        }
    }
    /* --round, --order, --time, --players, --window, --language, --scores, --fleet, --kiosk-name;
     * six flags: no-speed-bonus, no-streak-bonus, mute, no-music, fullscreen, kiosk */
    assert_int_equal(noptions, 15);
    assert_int_equal(nranged, 4);
    /* the order names, exactly */
    int order = config_option_find("--order");
    assert_true(option_and_file_agree(order, "ladder"));
    assert_true(option_and_file_agree(order, "random"));
    assert_false(option_and_file_agree(order, "sideways"));
    /* --time 0 is "by the card's level", as in the file */
    config c;
    diag_list d = {0};
    config_default(&c);
    assert_int_equal(config_set_option(&c, "--time", "0", &d), 0);
    assert_int_equal(c.time, 0);
    assert_int_equal(config_set_option(&c, "--time", "601", &d), -1);
    assert_diag(&d, "--time: error: time must be a whole number of seconds from 0 to 600, not "
                    "\"601\"");
    assert_int_equal(config_set_option(&c, "--seed", "1", &d), -1); /* not a setting */
    assert_int_equal(config_option_find("--seed"), -1);
    assert_int_equal(config_option_find(NULL), -1);
    assert_int_equal(config_option(CONFIG_NSETTINGS, NULL, NULL), -1);
    int lo, hi;
    assert_int_equal(config_range(-1, &lo, &hi), -1);
    config_free(&c);
    diag_free(&d);
}

static void test_print_reparses(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    config a, b;
    diag_list d = {0};
    config_default(&a);
    assert_int_equal(config_load(&a, "tests/config/full.conf", 1, &d), 0);
    config_set(&a, "game", "round", "42", SRC_CLI, NULL, 0, &d);
    config_set(&a, "game", "decks", "/my decks/a b.md:x=y;z", SRC_CLI, NULL, 0, &d);
    config_set(&a, "kiosk", "exit_pin", "", SRC_CLI, NULL, 0, &d);
    config_set(&a, "kiosk", "exit_pad_chord", "", SRC_CLI, NULL, 0, &d);
    assert_int_equal(d.n, 0);
    char *text = config_print(&a);
    char *path = write_file(dir, "printed.conf", text, strlen(text));
    config_default(&b);
    assert_int_equal(config_load(&b, path, 1, &d), 0);
    if (d.n) {
        char *t = diag_text(&d);
        fail_msg("the printed config does not read back cleanly:\n%s\n%s", t, text);
    }
    assert_same_settings(&a, &b);
    for (int i = 0; i < CONFIG_NSETTINGS; i++)
        assert_int_equal(b.origin[i].src, SRC_FILE);
    /* printing what was read back gives the same values (only the origins differ) */
    char *text2 = config_print(&b);
    for (int i = 0; i < CONFIG_NSETTINGS; i++) {
        const char *key;
        config_key(i, NULL, &key, NULL);
        char *l1 = print_line(text, key), *l2 = print_line(text2, key);
        *strstr(l1, "  #") = 0;
        *strstr(l2, "  #") = 0;
        assert_string_equal(l1, l2);
        free(l1);
        free(l2);
    }
    free(text2);
    config_free(&b);

    /* the longest value, from a file with a very long name, still prints as a line that
     * reads back */
    char *longname = xmalloc(4001);
    memset(longname, 'p', 4000);
    longname[4000] = 0;
    strbuf big = {0};
    sb_puts(&big, "[game]\ndecks = ");
    for (int i = 0; i < CONFIG_VALUE_MAX; i++)
        sb_puts(&big, "d");
    sb_puts(&big, "\n");
    config_free(&a);
    config_default(&a);
    config_parse(&a, big.s, big.len, longname, &d);
    assert_int_equal(d.n, 0);
    free(text);
    text = config_print(&a);
    config_default(&b);
    config_parse(&b, text, strlen(text), "long.conf", &d);
    assert_int_equal(d.n, 0);
    assert_same_settings(&a, &b);
    config_free(&b);
    sb_free(&big);
    free(longname);

    /* the defaults print and read back the same too */
    config_free(&a);
    config_default(&a);
    free(text);
    text = config_print(&a);
    config_default(&b);
    config_parse(&b, text, strlen(text), "defaults.conf", &d);
    assert_int_equal(d.n, 0);
    assert_defaults(&b);
    config_free(&b);
    config_free(&a);
    free(text);
    free(path);
    rm_tree(dir);
    free(dir);
    diag_free(&d);
}

static void test_default_path(void **state)
{
    (void)state;
    saved_env env = save_env();
    char *p;
    setenv("HOME", "/home/kiosk", 1);
    setenv("XDG_CONFIG_HOME", "", 1); /* empty counts as unset */
    p = config_default_path();
    assert_string_equal(p, "/home/kiosk/.config/quizblitz/quizblitz.conf");
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    p = config_default_path();
    assert_string_equal(p, "/home/kiosk/.config/quizblitz/quizblitz.conf");
    free(p);
    setenv("XDG_CONFIG_HOME", "/etc/xdg-kiosk", 1);
    p = config_default_path();
    assert_string_equal(p, "/etc/xdg-kiosk/quizblitz/quizblitz.conf");
    free(p);
    setenv("XDG_CONFIG_HOME", "relative/dir", 1); /* the XDG spec: ignore relative paths */
    p = config_default_path();
    assert_string_equal(p, "/home/kiosk/.config/quizblitz/quizblitz.conf");
    free(p);
    setenv("XDG_CONFIG_HOME", "", 1);
    unsetenv("HOME");
    assert_null(config_default_path());
    setenv("HOME", "", 1);
    assert_null(config_default_path());
    restore_env(&env);
}

static void test_default_file_with_empty_xdg(void **state)
{
    (void)state;
    saved_env env = save_env();
    char *dir = make_tmpdir();
    char *sub = xasprintf("%s/.config", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    char *sub2 = xasprintf("%s/.config/quizblitz", dir);
    assert_int_equal(mkdir(sub2, 0700), 0);
    char *path = write_file(sub2, "quizblitz.conf", "[game]\nround = 3\n", 17);
    setenv("HOME", dir, 1);
    setenv("XDG_CONFIG_HOME", "", 1);
    config c;
    diag_list d = {0};
    config_default(&c);
    assert_int_equal(config_load(&c, NULL, 0, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(c.round, 3);
    assert_string_equal(config_origin_of(&c, "game", "round")->file, path);
    config_free(&c);

    /* XDG_CONFIG_HOME set: the file under HOME is not read, and a missing default is fine */
    setenv("XDG_CONFIG_HOME", dir, 1);
    config_default(&c);
    assert_int_equal(config_load(&c, NULL, 0, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(c.round, 10);
    config_free(&c);

    /* no HOME at all: defaults, silently */
    unsetenv("HOME");
    setenv("XDG_CONFIG_HOME", "", 1);
    config_default(&c);
    assert_int_equal(config_load(&c, NULL, 0, &d), 0);
    assert_int_equal(d.n, 0);
    config_free(&c);

    restore_env(&env);
    rm_tree(dir);
    free(path);
    free(sub2);
    free(sub);
    free(dir);
    diag_free(&d);
}

static void test_missing_files(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    char *missing = xasprintf("%s/nope.conf", dir);
    char *under_file = xasprintf("%s/nope.conf", "tests/config/full.conf"); /* ENOTDIR */
    config c;
    diag_list d = {0};
    config_default(&c);
    assert_int_equal(config_load(&c, missing, 0, &d), 0);
    assert_int_equal(config_load(&c, under_file, 0, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(config_load(&c, missing, 1, &d), -1);
    assert_int_equal(d.n, 1);
    char *want = xasprintf("%s: error: cannot read the config file: %s", missing, strerror(ENOENT));
    assert_diag(&d, want);
    free(want);
    assert_defaults(&c);
    config_free(&c);
    rm_tree(dir);
    free(under_file);
    free(missing);
    free(dir);
    diag_free(&d);
}

/* A file without read permission, and one in a directory we cannot enter: an optional file
 * gives one diag each and defaults, a required one -1. Plain checks (this may run in a child
 * process): returns 0, or the number of the check that failed. */
static int unreadable_checks(const char *locked, const char *inside)
{
    config c;
    diag_list d = {0};
    int bad = 0;
    config_default(&c);
    char *want = xasprintf("cannot read the config file: %s", strerror(EACCES));
    if (config_load(&c, locked, 0, &d) != 0)
        bad = 1;
    else if (d.n != 1 || strcmp(d.items[0].msg, want) || strcmp(d.items[0].file, locked) ||
             d.items[0].line != 0)
        bad = 2;
    else if (config_load(&c, locked, 1, &d) != -1 || d.n != 2)
        bad = 3;
    else if (config_load(&c, inside, 0, &d) != 0 || d.n != 3 || strcmp(d.items[2].msg, want))
        bad = 4;
    else if (config_load(&c, inside, 1, &d) != -1 || d.n != 4)
        bad = 5;
    else if (c.round != 10 || c.origin[1].src != SRC_DEFAULT)
        bad = 6;
    free(want);
    config_free(&c);
    diag_free(&d);
    return bad;
}

static void test_directory_and_unreadable(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    config c;
    diag_list d = {0};
    config_default(&c);
    assert_int_equal(config_load(&c, dir, 0, &d), 0);
    assert_int_equal(d.n, 1);
    char *want = xasprintf("%s: error: cannot read the config file: Is a directory", dir);
    assert_diag(&d, want);
    free(want);
    assert_int_equal(config_load(&c, dir, 1, &d), -1);
    assert_int_equal(d.n, 2);

    char *path = write_file(dir, "locked.conf", "[game]\nround = 4\n", 17);
    assert_int_equal(chmod(path, 0), 0);
    char *closed = xasprintf("%s/closed", dir);
    assert_int_equal(mkdir(closed, 0700), 0);
    char *inside = write_file(closed, "inside.conf", "[game]\nround = 4\n", 17);
    if (geteuid() != 0) {
        assert_int_equal(unreadable_checks(path, inside), 0);
    } else {
        /* root reads anything: check as nobody, in a child (cmocka's asserts stay here) */
        assert_int_equal(chmod(dir, 0711), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(99);
            _exit(unreadable_checks(path, inside));
        }
        int status = 0;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        if (WEXITSTATUS(status) == 99)
            fprintf(stderr, "(cannot become nobody: unreadable files not tested)\n");
        else
            assert_int_equal(WEXITSTATUS(status), 0);
    }
    free(inside);
    free(closed);
    config_free(&c);
    rm_tree(dir);
    free(path);
    free(dir);
    diag_free(&d);
}

/* Garbage never crashes, never changes a setting, and never floods the diags. */
static void test_garbage_files(void **state)
{
    (void)state;
    char *dir = make_tmpdir();
    config c;
    diag_list d = {0};

    /* binary noise (a fixed pseudo-random stream) */
    size_t n = 256 * 1024;
    unsigned char *noise = xmalloc(n);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    char *path = write_file(dir, "noise.conf", noise, n);
    config_default(&c);
    assert_int_equal(config_load(&c, path, 1, &d), 0);
    assert_true(d.n >= 1 && d.n <= CONFIG_MAX_DIAGS + 2);
    assert_string_equal(d.items[d.n - 1].msg,
                        "too many problems; the rest of the file is ignored (is it a config file?)");
    assert_defaults(&c);
    config_free(&c);
    diag_free(&d);
    free(path);

    /* the same noise, but led by a good line: that line counts */
    memcpy(noise, "[game]\nround=9\n", 15);
    path = write_file(dir, "noise2.conf", noise, n);
    config_default(&c);
    assert_int_equal(config_load(&c, path, 0, &d), 0);
    assert_int_equal(c.round, 9);
    config_free(&c);
    diag_free(&d);
    free(path);
    free(noise);

    /* 10 MB: not read at all */
    n = 10 * 1024 * 1024;
    char *huge = xmalloc(n);
    for (size_t i = 0; i < n; i++)
        huge[i] = i % 64 == 63 ? '\n' : 'a';
    memcpy(huge, "[game]\nround = 2\n", 17);
    path = write_file(dir, "huge.conf", huge, n);
    free(huge);
    config_default(&c);
    assert_int_equal(config_load(&c, path, 1, &d), 0);
    assert_int_equal(d.n, 1);
    char *want = xasprintf("%s: error: the config file is larger than 1024 KiB, so it is ignored "
                           "(is it a config file?)",
                           path);
    assert_diag(&d, want);
    free(want);
    assert_defaults(&c);
    config_free(&c);
    diag_free(&d);
    free(path);

    /* invalid UTF-8, a NUL byte, a line over CONFIG_LINE_MAX, a value over CONFIG_VALUE_MAX */
    strbuf b = {0};
    sb_puts(&b, "[game]\n");                           /* 1 */
    sb_puts(&b, "decks = caf\xe9\n");                  /* 2 */
    sb_append(&b, "round = 7\0 junk\n", 16);           /* 3 */
    sb_puts(&b, "decks = ");                           /* 4 */
    for (int i = 0; i < CONFIG_LINE_MAX; i++)
        sb_puts(&b, "b");
    sb_puts(&b, "\n");
    sb_puts(&b, "decks = ");                           /* 5 */
    for (int i = 0; i < CONFIG_VALUE_MAX + 1; i++)
        sb_puts(&b, "c");
    sb_puts(&b, "\n");
    sb_puts(&b, "round = 6\n");                        /* 6 */
    sb_puts(&b, "[sound]\xc0\xaf\n");                  /* 7: an overlong '/' */
    sb_puts(&b, "music = \xed\xa0\x80\n");             /* 8: a surrogate */
    sb_puts(&b, "effects = off");                      /* 9, no final newline */
    path = write_file(dir, "mixed.conf", b.s, b.len);
    config_default(&c);
    assert_int_equal(config_load(&c, path, 1, &d), 0);
    const char *msgs[][2] = {
        {"2", "line is not valid UTF-8; it is ignored"},
        {"3", "line holds a NUL byte; it is ignored"},
        {"4", "line is longer than 16384 bytes; it is ignored"},
        {"5", "decks is longer than 4096 bytes"},
        {"7", "line is not valid UTF-8; it is ignored"},
        {"8", "line is not valid UTF-8; it is ignored"},
    };
    for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
        want = xasprintf("%s:%s: error: %s", path, msgs[i][0], msgs[i][1]);
        assert_diag(&d, want);
        free(want);
    }
    assert_int_equal(d.n, 6);
    assert_string_equal(c.decks, "");
    assert_int_equal(c.round, 6);
    assert_int_equal(config_origin_of(&c, "game", "round")->line, 6);
    assert_int_equal(c.music, 1);
    assert_int_equal(c.effects, 1); /* line 9 lies under the refused [sound] header line */
    config_free(&c);
    diag_free(&d);
    sb_free(&b);
    free(path);

    /* one line of a whole MiB with no newline at all */
    n = CONFIG_FILE_MAX;
    char *line = xmalloc(n);
    memset(line, 'x', n);
    config_default(&c);
    config_parse(&c, line, n, "oneline.conf", &d);
    assert_int_equal(d.n, 1);
    assert_diag(&d, "oneline.conf:1: error: line is longer than 16384 bytes; it is ignored");
    config_free(&c);
    diag_free(&d);
    free(line);

    /* thousands of bad lines: the diags stop at CONFIG_MAX_DIAGS */
    sb_puts(&b, "[game]\n");
    for (int i = 0; i < 5000; i++)
        sb_puts(&b, "round = many\n");
    config_default(&c);
    config_parse(&c, b.s, b.len, "many.conf", &d);
    assert_int_equal(d.n, CONFIG_MAX_DIAGS + 1);
    assert_diag(&d, "many.conf:52: error: too many problems; the rest of the file is ignored (is "
                    "it a config file?)");
    assert_defaults(&c);
    config_free(&c);
    diag_free(&d);
    sb_free(&b);

    /* an empty file and a file of comments are fine */
    config_default(&c);
    config_parse(&c, "", 0, "empty.conf", &d);
    const char *comments = "# nothing\n; at all\n\n   \n";
    config_parse(&c, comments, strlen(comments), "comments.conf", &d);
    assert_int_equal(d.n, 0);
    assert_defaults(&c);
    config_free(&c);

    rm_tree(dir);
    free(dir);
}

static void test_syntax(void **state)
{
    (void)state;
    const char *text = "\xef\xbb\xbf[game]\r\n"          /* 1: BOM, CRLF */
                       "  round = 12   ; twelve\r\n"     /* 2: indented, ; comment */
                       "  time = 20 # twenty\r\n"        /* 3: indented: not a continuation */
                       "order: random\r\n"               /* 4: ':' works like '=' */
                       "decks = a;b#c.md\r\n"            /* 5: no space: not a comment */
                       "[kiosk\r\n"                      /* 6: no ']' */
                       "enabled = true\r\n"              /* 7: skipped with its header */
                       "[sound]\r\n"                     /* 8 */
                       "music = off\r\n"                 /* 9 */
                       "[display ;]\r\n"                 /* 10: inih's own syntax error */
                       "round = 12\r\n"                  /* 11: duplicate in [game] later */
                       "[game]\r\n"                      /* 12 */
                       "round = 13\r\n";                 /* 13: set again: a warning */
    config c;
    diag_list d = {0};
    config_default(&c);
    config_parse(&c, text, strlen(text), "s.conf", &d);
    assert_int_equal(c.round, 13);
    assert_int_equal(c.time, 20);
    assert_int_equal(c.order, CONFIG_ORDER_RANDOM);
    assert_string_equal(c.decks, "a;b#c.md");
    assert_int_equal(c.kiosk, 0);
    assert_int_equal(c.music, 0);
    assert_diag(&d, "s.conf:6: error: section header has no closing ']'; the keys under it are "
                    "ignored");
    assert_diag(&d, "s.conf:10: error: bad section header (expected [name])");
    assert_diag(&d, "s.conf:11: error: unknown key \"round\" in [sound] (it belongs in [game])");
    assert_diag(&d, "s.conf:13: warning: round is set again (first on line 2); this later value "
                    "wins");
    assert_int_equal(d.n, 4);
    assert_int_equal(d.errors, 3);
    assert_int_equal(config_origin_of(&c, "game", "round")->line, 13);
    assert_int_equal(config_origin_of(&c, "game", "order")->line, 4);
    config_free(&c);
    diag_free(&d);

    /* a BOM before an unknown section: the diag still names line 1 */
    const char *bom = "\xef\xbb\xbf[bogus]\nx = 1\n";
    config_default(&c);
    config_parse(&c, bom, strlen(bom), "b.conf", &d);
    assert_int_equal(d.n, 1);
    assert_diag(&d, "b.conf:1: error: unknown section [bogus]");
    config_free(&c);
    diag_free(&d);
}

/* config_parse sets inih's global options for its own use and puts them back. */
static void test_inih_options_restored(void **state)
{
    (void)state;
    static char prefixes[] = ";";
    bool ml = ini_allow_multiline, nv = ini_allow_no_value, st = ini_use_stack;
    int max = ini_max_line, initial = ini_initial_alloc;
    char *pre = ini_inline_comment_prefixes;
    /* values config_parse would never choose */
    ini_inline_comment_prefixes = prefixes;
    ini_allow_multiline = true;
    ini_allow_no_value = false;
    ini_use_stack = true;
    ini_max_line = 321;
    ini_initial_alloc = 123;
    config c;
    diag_list d = {0};
    config_default(&c);
    config_parse(&c, "[game]\nround = 4\n", 17, "o.conf", &d);
    assert_int_equal(c.round, 4);
    assert_true(ini_allow_multiline);
    assert_false(ini_allow_no_value);
    assert_true(ini_use_stack);
    assert_int_equal(ini_max_line, 321);
    assert_int_equal(ini_initial_alloc, 123);
    assert_ptr_equal(ini_inline_comment_prefixes, prefixes);
    ini_inline_comment_prefixes = pre;
    ini_allow_multiline = ml;
    ini_allow_no_value = nv;
    ini_use_stack = st;
    ini_max_line = max;
    ini_initial_alloc = initial;
    config_free(&c);
    diag_free(&d);
}

/* The documented example sets every key, and reads without a single diag. */
static void test_example_file(void **state)
{
    (void)state;
    const char *path = "packaging/kiosk/quizblitz.conf.example";
    config c;
    diag_list d = {0};
    config_default(&c);
    assert_int_equal(config_load(&c, path, 1, &d), 0);
    if (d.n) {
        char *t = diag_text(&d);
        fail_msg("the example has problems:\n%s", t);
    }
    for (int i = 0; i < CONFIG_NSETTINGS; i++) {
        const char *sec, *key;
        config_key(i, &sec, &key, NULL);
        if (c.origin[i].src != SRC_FILE)
            fail_msg("the example does not set [%s] %s", sec, key);
    }
    assert_int_equal(c.kiosk, 1);
    config_free(&c);
    diag_free(&d);
}

/* ---- blocklist ---- */

static void test_blocklist_normalize(void **state)
{
    (void)state;
    char out[128];
    assert_int_equal(blocklist_normalize("B.4-D w0rd", out, sizeof out), 7);
    assert_string_equal(out, "badword");
    blocklist_normalize("$@1 3_4-5.7 0!|", out, sizeof out);
    assert_string_equal(out, "saieastoii");
    blocklist_normalize("Hello World", out, sizeof out);
    assert_string_equal(out, "heiioworid"); /* l folds to i, like 1 */
    blocklist_normalize("\t2*6+8/9\x01", out, sizeof out);
    assert_string_equal(out, "2689");
    blocklist_normalize("Zoë 名前", out, sizeof out);
    assert_string_equal(out, "zo\xc3\xab\xe5\x90\x8d\xe5\x89\x8d");
    assert_int_equal(blocklist_normalize("abcdef", out, 4), 3);
    assert_string_equal(out, "abc");
    assert_int_equal(blocklist_normalize("...", out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_blocklist_match(void **state)
{
    (void)state;
    const char *list = "badword\n"
                       "Rude Phrase\n"
                       "=ass\n"
                       "k1ll\n";
    diag_list d = {0};
    blocklist *b = blocklist_parse(list, strlen(list), "l.txt", &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(blocklist_count(b), 4);
    const char *yes[] = {"badword", "BADWORD", "B.4-D w0rd", "xxbadwordxx", "bad word",
                         "b a d w o r d", "b_a_d-w.o.r.d", "8AD badword", "rude-phrase",
                         "RUDEPHRASE!", "ass", "A$$", "a.s.s", "@55", "kill", "KILL", "ki11",
                         "k!||", "skillful"};
    const char *no[] = {"badwor", "adword", "Cassandra", "bass", "asses", "", "PLAYER", "Zoë",
                        "rude", "phrase", "8adword", "kil"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (!blocklist_match(b, yes[i]))
            fail_msg("\"%s\" should be blocked", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (blocklist_match(b, no[i]))
            fail_msg("\"%s\" should not be blocked", no[i]);
    assert_int_equal(blocklist_match(b, NULL), 0);
    /* a long name is handled too */
    char longname[2000];
    memset(longname, '-', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    assert_int_equal(blocklist_match(b, longname), 0);
    memcpy(longname + 1500, "B4dW0rd", 7);
    assert_int_equal(blocklist_match(b, longname), 1);
    blocklist_free(b);

    /* no list matches nothing; an empty list too */
    assert_int_equal(blocklist_match(NULL, "badword"), 0);
    assert_int_equal(blocklist_count(NULL), 0);
    blocklist_free(NULL);
    b = blocklist_parse("# only a comment\n\n", 18, "e.txt", &d);
    assert_non_null(b);
    assert_int_equal(blocklist_count(b), 0);
    assert_int_equal(blocklist_match(b, "anything"), 0);
    blocklist_free(b);
    /* a substring entry outranks the same word as "=word" */
    b = blocklist_parse("=ass\nass\n", 9, "e.txt", &d);
    assert_int_equal(blocklist_count(b), 1);
    assert_int_equal(blocklist_match(b, "bass"), 1);
    blocklist_free(b);
    assert_int_equal(d.n, 0);
    diag_free(&d);
}

static void test_blocklist_file(void **state)
{
    (void)state;
    diag_list d = {0};
    blocklist *b = blocklist_load("tests/config/blocklist.txt", &d);
    assert_non_null(b);
    assert_int_equal(d.n, 0);
    assert_int_equal(blocklist_count(b), 4); /* comments, blanks and a repeat skipped */
    assert_int_equal(blocklist_match(b, "B4D THING"), 1);
    assert_int_equal(blocklist_match(b, "badword\r"), 1);
    assert_int_equal(blocklist_match(b, "Rude_Phrase"), 1);
    assert_int_equal(blocklist_match(b, "# an indented comment"), 0);
    assert_int_equal(blocklist_match(b, "Glass"), 0);
    blocklist_free(b);

    /* nothing to read */
    assert_null(blocklist_load(NULL, &d));
    assert_null(blocklist_load("", &d));
    assert_int_equal(d.n, 0);
    assert_null(blocklist_load("tests/config/no-such-list.txt", &d));
    assert_int_equal(d.n, 1);
    char *want = xasprintf("tests/config/no-such-list.txt: error: cannot read the name blocklist: "
                           "%s",
                           strerror(ENOENT));
    assert_diag(&d, want);
    free(want);
    assert_null(blocklist_load("tests/config", &d));
    assert_int_equal(d.n, 2);
    diag_free(&d);
}

static void test_blocklist_bad_lines(void **state)
{
    (void)state;
    strbuf t = {0};
    sb_puts(&t, "good\r\n");                               /* 1 */
    sb_puts(&t, "caf\xe9\r\n");                            /* 2 */
    for (int i = 0; i < BLOCKLIST_ENTRY_MAX + 1; i++)      /* 3 */
        sb_puts(&t, "x");
    sb_puts(&t, "\r\n");
    sb_puts(&t, " --- \r\n");                              /* 4 */
    for (int i = 0; i < BLOCKLIST_ENTRY_MAX; i++)          /* 5: exactly the limit */
        sb_puts(&t, "y");
    sb_puts(&t, "\r\n");
    sb_append(&t, "nu\0l\n", 5);                           /* 6 */
    sb_puts(&t, "=\n");                                    /* 7 */
    sb_puts(&t, "   # comment   \n");                      /* 8 */
    sb_puts(&t, "last");                                   /* 9: no newline */
    diag_list d = {0};
    blocklist *b = blocklist_parse(t.s, t.len, "w.txt", &d);
    assert_diag(&d, "w.txt:2: error: entry is not valid UTF-8; it is skipped");
    assert_diag(&d, "w.txt:3: error: entry is longer than 64 bytes; it is skipped");
    assert_diag(&d, "w.txt:4: error: entry has no letters or digits; it is skipped");
    assert_diag(&d, "w.txt:6: error: entry holds a NUL byte; it is skipped");
    assert_diag(&d, "w.txt:7: error: entry has no letters or digits; it is skipped");
    assert_int_equal(d.n, 5);
    assert_int_equal(blocklist_count(b), 3);
    assert_int_equal(blocklist_match(b, "G00D"), 1);
    assert_int_equal(blocklist_match(b, "l.a.s.t"), 1);
    assert_int_equal(blocklist_match(b, "xxxx"), 0);
    blocklist_free(b);
    diag_free(&d);
    sb_free(&t);

    /* a flood of bad lines gives a bounded number of diags, and the good ones still count */
    for (int i = 0; i < 1000; i++)
        sb_puts(&t, "---\n");
    sb_puts(&t, "fine\n");
    b = blocklist_parse(t.s, t.len, "f.txt", &d);
    assert_true(d.n <= 60);
    assert_int_equal(blocklist_count(b), 1);
    assert_int_equal(blocklist_match(b, "F1NE"), 1);
    blocklist_free(b);
    diag_free(&d);
    sb_free(&t);
}

static void test_blocklist_big(void **state)
{
    (void)state;
    strbuf t = {0};
    for (int i = 0; i < BLOCKLIST_MAX_ENTRIES + 5; i++)
        sb_printf(&t, "w%07dq\n", i);
    diag_list d = {0};
    blocklist *b = blocklist_parse(t.s, t.len, "big.txt", &d);
    assert_int_equal(blocklist_count(b), BLOCKLIST_MAX_ENTRIES);
    assert_int_equal(d.n, 1);
    assert_diag(&d, "big.txt:100001: error: more than 100000 entries; the rest are ignored");
    assert_int_equal(blocklist_match(b, "xw0000000qx"), 1);
    assert_int_equal(blocklist_match(b, "W0099999Q"), 1);
    assert_int_equal(blocklist_match(b, "w0100000q"), 0); /* past the cap */
    assert_int_equal(blocklist_match(b, "w0000000"), 0);
    /* many look-ups stay cheap: each is bounded by the name length, not the list size */
    int hits = 0;
    for (int i = 0; i < 20000; i++) {
        char name[32];
        snprintf(name, sizeof name, "Player %d", i);
        hits += blocklist_match(b, name);
    }
    assert_int_equal(hits, 0);
    blocklist_free(b);
    diag_free(&d);
    sb_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_full_file),
        cmocka_unit_test(test_bad_values_file),
        cmocka_unit_test(test_bad_values_every_type),
        cmocka_unit_test(test_good_spellings),
        cmocka_unit_test(test_unknown_section_and_key),
        cmocka_unit_test(test_cli_overrides_file),
        cmocka_unit_test(test_cli_values),
        cmocka_unit_test(test_options_take_the_settings_range),
        cmocka_unit_test(test_print_reparses),
        cmocka_unit_test(test_default_path),
        cmocka_unit_test(test_default_file_with_empty_xdg),
        cmocka_unit_test(test_missing_files),
        cmocka_unit_test(test_directory_and_unreadable),
        cmocka_unit_test(test_garbage_files),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_inih_options_restored),
        cmocka_unit_test(test_example_file),
        cmocka_unit_test(test_blocklist_normalize),
        cmocka_unit_test(test_blocklist_match),
        cmocka_unit_test(test_blocklist_file),
        cmocka_unit_test(test_blocklist_bad_lines),
        cmocka_unit_test(test_blocklist_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
