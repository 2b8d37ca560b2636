/* fuzz_config.c: libFuzzer harness of the config file parser (config_parse, the code that
 * config_load runs on a file's bytes). Every setting must stay in its documented range
 * whatever the file says, and what config_print writes must read back, with no error, into
 * the same settings. */
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "fuzz_common.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

#define FUZZ_IN(v, lo, hi) FUZZ_CHECK((v) >= (lo) && (v) <= (hi))

static void fuzz_config_check_str(const char *s)
{
    FUZZ_CHECK(s != NULL);
    FUZZ_CHECK(strlen(s) <= CONFIG_VALUE_MAX);
}

static void fuzz_config_check(const config *c)
{
    FUZZ_IN(c->round, 1, 100);
    FUZZ_IN(c->order, CONFIG_ORDER_LADDER, CONFIG_ORDER_RANDOM);
    FUZZ_IN(c->time, 0, 600);
    FUZZ_IN(c->speed_bonus, 0, 1);
    FUZZ_IN(c->streak_bonus, 0, 1);
    FUZZ_IN(c->intro_ms, 0, 5000);
    FUZZ_IN(c->effects, 0, 1);
    FUZZ_IN(c->music, 0, 1);
    FUZZ_IN(c->effects_volume, 0, 100);
    FUZZ_IN(c->music_volume, 0, 100);
    FUZZ_IN(c->fullscreen, 0, 1);
    FUZZ_IN(c->window_w, 64, 16384);
    FUZZ_IN(c->window_h, 64, 16384);
    FUZZ_IN(c->kiosk, 0, 1);
    FUZZ_IN(c->attract_after, 5, 3600);
    FUZZ_IN(c->attract_page, 2, 120);
    FUZZ_IN(c->nattract_pages, 1, CONFIG_ATTRACT_PAGES);
    int seen = 0;
    for (int i = 0; i < c->nattract_pages; i++) {
        FUZZ_IN(c->attract_pages[i], CONFIG_PAGE_TITLE, CONFIG_PAGE_DEMO);
        FUZZ_CHECK(!(seen & (1 << c->attract_pages[i])));
        seen |= 1 << c->attract_pages[i];
    }
    FUZZ_IN(c->attract_music, 0, 1);
    FUZZ_IN(c->round_idle, 10, 3600);
    FUZZ_IN(c->still_there, 3, 120);
    FUZZ_IN(c->name_timeout, 5, 600);
    FUZZ_IN(c->screen_idle, 5, 600);
    FUZZ_IN(c->reveal_auto, 1, 120);
    FUZZ_IN(c->exit_hold, 1, 30);
    fuzz_config_check_str(c->decks);
    fuzz_config_check_str(c->exit_chord);
    fuzz_config_check_str(c->exit_pad_chord);
    fuzz_config_check_str(c->exit_pin);
    fuzz_config_check_str(c->name_blocklist);
    fuzz_config_check_str(c->scores_file);
    size_t pin = strlen(c->exit_pin);
    FUZZ_CHECK(pin == 0 || (pin >= 4 && pin <= 8));
    for (size_t i = 0; i < pin; i++)
        FUZZ_CHECK(c->exit_pin[i] >= '0' && c->exit_pin[i] <= '9');
    for (int i = 0; i < CONFIG_NSETTINGS; i++) {
        const cfg_origin *o = &c->origin[i];
        FUZZ_CHECK(o->src == SRC_DEFAULT || o->src == SRC_FILE);
        FUZZ_CHECK((o->src == SRC_FILE) == (o->file != NULL));
        FUZZ_CHECK(o->src == SRC_FILE ? o->line >= 1 : o->line == 0);
    }
}

static void fuzz_config_same(const config *a, const config *b)
{
#define SAME_INT(f) FUZZ_CHECK(a->f == b->f)
#define SAME_STR(f) FUZZ_CHECK(strcmp(a->f, b->f) == 0)
    SAME_INT(round); SAME_INT(order); SAME_INT(time); SAME_INT(speed_bonus);
    SAME_INT(streak_bonus); SAME_INT(intro_ms); SAME_INT(effects); SAME_INT(music);
    SAME_INT(effects_volume); SAME_INT(music_volume); SAME_INT(fullscreen); SAME_INT(window_w);
    SAME_INT(window_h); SAME_INT(kiosk); SAME_INT(attract_after); SAME_INT(attract_page);
    SAME_INT(nattract_pages); SAME_INT(attract_music); SAME_INT(round_idle);
    SAME_INT(still_there); SAME_INT(name_timeout); SAME_INT(screen_idle); SAME_INT(reveal_auto); SAME_INT(exit_hold);
    for (int i = 0; i < a->nattract_pages; i++)
        SAME_INT(attract_pages[i]);
    SAME_STR(decks); SAME_STR(exit_chord); SAME_STR(exit_pad_chord); SAME_STR(exit_pin);
    SAME_STR(name_blocklist); SAME_STR(scores_file);
#undef SAME_INT
#undef SAME_STR
}

int FUZZ_ENTRY(const uint8_t *data, size_t size);

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
    config c;
    diag_list dl = {0};
    config_default(&c);
    config_parse(&c, (const char *)data, size, "fuzz.conf", &dl);
    fuzz_check_diags(&dl);
    FUZZ_CHECK(dl.n <= CONFIG_MAX_DIAGS + 1);
    fuzz_config_check(&c);

    /* what --print-config writes reads back into the same settings, with no error */
    char *text = config_print(&c);
    FUZZ_CHECK(text != NULL);
    config c2;
    diag_list dl2 = {0};
    config_default(&c2);
    config_parse(&c2, text, strlen(text), "printed.conf", &dl2);
    if (dl2.errors) {
        diag_print(&dl2, stderr);
        fprintf(stderr, "--- printed:\n%s---\n", text);
    }
    FUZZ_CHECK(dl2.errors == 0);
    fuzz_config_check(&c2);
    fuzz_config_same(&c, &c2);

    free(text);
    config_free(&c);
    config_free(&c2);
    diag_free(&dl);
    diag_free(&dl2);
    return 0;
}
