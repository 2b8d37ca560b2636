/* test_i18n.c: unit tests of the interface's language: the language from --language or the
 * environment (with and without an installed locale, GNU's rule for LANGUAGE under "C"), the
 * built catalogs (every shipped language translates; a missing one is English), numbers written
 * the language's way, the locale never reaching number parsing, and layout_mirror's geometry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"

/* The catalogs `make` built (build/locale or build-asan/locale), from the Makefile. */
#ifndef QB_LOCALE_DIR
#define QB_LOCALE_DIR "build/locale"
#endif

/* A clean environment: no language variable of the developer's reaches a test. */
static void clear_env(void)
{
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
}

/* The language i18n_init picks for `forced` (--language; NULL: none) when the environment holds
 * only these variables (NULL: unset). */
static const char *picked(const char *forced, const char *lang, const char *lc_all, const char *language)
{
    clear_env();
    if (lang)
        setenv("LANG", lang, 1);
    if (lc_all)
        setenv("LC_ALL", lc_all, 1);
    if (language)
        setenv("LANGUAGE", language, 1);
    assert_int_equal(i18n_init(forced, QB_LOCALE_DIR), 0);
    return i18n_language();
}

/* v, and tenths / 10, written the current language's way */
static const char *number(long v)
{
    static char b[32];
    i18n_number(b, sizeof b, v);
    return b;
}

static const char *tenths(long v)
{
    static char b[32];
    i18n_tenths(b, sizeof b, v);
    return b;
}

static void test_english_without_catalog(void **state)
{
    (void)state;
    clear_env();
    assert_int_equal(i18n_init(NULL, QB_LOCALE_DIR), 0);
    assert_string_equal(i18n_language(), "en");
    assert_string_equal(_("PAUSED"), "PAUSED");
    assert_int_equal(i18n_rtl(), 0);
    assert_string_equal(number(12450), "12,450");
    assert_string_equal(number(-1234567), "-1,234,567");
    assert_string_equal(number(999), "999");
    assert_string_equal(number(0), "0");
    assert_string_equal(tenths(25), "2.5");
    /* a context's message without a translation is the message, not the key */
    assert_string_equal(C_("thousands separator", ","), ",");
}

static void test_forced_language(void **state)
{
    (void)state;
    clear_env();
    setenv("LANG", "C", 1);
    /* --language de on an English (or C) system with no German locale installed */
    assert_int_equal(i18n_init("de", QB_LOCALE_DIR), 0);
    assert_string_equal(i18n_language(), "de");
    assert_string_equal(_("PAUSED"), "PAUSE");
    assert_string_equal(ngettext("%d card", "%d cards", 1), "%d Karte");
    assert_string_equal(ngettext("%d card", "%d cards", 2), "%d Karten");
    char b[32];
    assert_string_equal(number(12450), "12.450");
    assert_string_equal(tenths(15), "1,5");
    /* the locale never reaches numbers: printf and strtod stay "C" */
    assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
    snprintf(b, sizeof b, "%.1f", 2.5);
    assert_string_equal(b, "2.5");
    assert_true(strtod("2.5", NULL) == 2.5);

    assert_int_equal(i18n_init("fr", QB_LOCALE_DIR), 0);
    assert_string_equal(_("PAUSED"), "PAUSE");
    assert_string_equal(_("Resume"), "Reprendre");
    assert_string_equal(number(12450), "12\xE2\x80\xAF" "450"); /* a narrow no-break space */

    assert_int_equal(i18n_init("ar", QB_LOCALE_DIR), 0);
    assert_int_equal(i18n_rtl(), 1);
    assert_string_equal(i18n_language(), "ar");

    assert_int_equal(i18n_init("ja", QB_LOCALE_DIR), 0);
    assert_int_equal(i18n_rtl(), 0);
    assert_string_equal(_("Still there?"), "まだいますか？");

    /* a list: the first language there is */
    assert_int_equal(i18n_init("it:es", QB_LOCALE_DIR), 0);
    assert_string_equal(i18n_language(), "es");
}

static void test_missing_catalog_is_english(void **state)
{
    (void)state;
    clear_env();
    /* asked for explicitly: English, and the caller is told (it warns) */
    assert_int_equal(i18n_init("it", QB_LOCALE_DIR), 1);
    assert_string_equal(i18n_language(), "en");
    assert_string_equal(_("PAUSED"), "PAUSED");
    assert_int_equal(i18n_rtl(), 0);
    assert_string_equal(number(12450), "12,450");
    /* English needs no catalog, and is no failure */
    assert_int_equal(i18n_init("en_GB", QB_LOCALE_DIR), 0);
    assert_string_equal(_("PAUSED"), "PAUSED");
    /* a directory with no catalogs at all */
    assert_int_equal(i18n_init("de", "/nonexistent-quizblitz-locale"), 1);
    assert_string_equal(_("PAUSED"), "PAUSED");
}

static void test_language_from_environment(void **state)
{
    (void)state;
    /* LANGUAGE under C.UTF-8 (built into glibc: a fresh Debian has no other locale) */
    assert_string_equal(picked(NULL, "C.UTF-8", NULL, "de"), "de");
    assert_string_equal(_("Still there?"), "Noch da?");
    /* under plain "C" LANGUAGE does not count (GNU gettext's rule, as for every program) */
    assert_string_equal(picked(NULL, "C", NULL, "de"), "en");
    /* a locale that is not installed still names its language */
    assert_string_equal(picked(NULL, "fr_FR.UTF-8", NULL, NULL), "fr");
    assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
    /* LC_ALL comes before LANG */
    assert_string_equal(picked(NULL, "de_DE.UTF-8", "es_ES.UTF-8", NULL), "es");
    /* --language comes before the environment */
    assert_string_equal(picked("ja", "de_DE.UTF-8", NULL, "de"), "ja");
    clear_env();
}

/* ---- the mirrored layout ---- */

static void expect_mirror(rect a, rect m, int w)
{
    assert_int_equal(m.x, w - a.x - a.w);
    assert_int_equal(m.y, a.y);
    assert_int_equal(m.w, a.w);
    assert_int_equal(m.h, a.h);
}

static void test_layout_mirror(void **state)
{
    (void)state;
    static const int sizes[][2] = {{800, 480}, {1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}, {320, 240}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        layout a, m;
        layout_compute(&a, sizes[s][0], sizes[s][1], 3);
        layout_compute(&m, sizes[s][0], sizes[s][1], 3);
        assert_int_equal(m.mirrored, 0);
        layout_mirror(&m);
        assert_int_equal(m.mirrored, 1);
        int w = a.w;
        rect pa[] = {a.topbar, a.pill, a.score, a.card, a.timer, a.why, a.logo, a.start, a.board, a.howto,
                     a.res_score, a.res_stats, a.res_strip, a.res_review, a.res_hint, a.name_panel, a.name_field,
                     a.boards[0], a.boards[1], a.deck_item[0], a.reveal_choice[0], a.reveal_choice[1]};
        rect pm[] = {m.topbar, m.pill, m.score, m.card, m.timer, m.why, m.logo, m.start, m.board, m.howto,
                     m.res_score, m.res_stats, m.res_strip, m.res_review, m.res_hint, m.name_panel, m.name_field,
                     m.boards[0], m.boards[1], m.deck_item[0], m.reveal_choice[0], m.reveal_choice[1]};
        for (size_t i = 0; i < sizeof pa / sizeof pa[0]; i++)
            expect_mirror(pa[i], pm[i], w);
        for (int i = 0; i < 4; i++)
            expect_mirror(a.choice[i], m.choice[i], w);
        /* right to left: the first choice and the deck's title at the right, the score at the
         * left, the pill between them */
        if (!a.portrait) {
            assert_true(m.choice[0].x > m.choice[1].x);
            assert_true(m.start.x > m.board.x);
            assert_true(m.pill.x > m.score.x);
        }
        assert_true(m.score.x < w / 2);
        /* the Latin keyboard and the PIN keypad keep their order */
        for (int i = 0; i < LAYOUT_OSK_KEYS; i++)
            assert_memory_equal(&a.osk[i], &m.osk[i], sizeof(rect));
        for (int i = 0; i < 12; i++)
            assert_memory_equal(&a.pin_key[i], &m.pin_key[i], sizeof(rect));
        assert_true(m.osk[0].x < m.osk[1].x);
        /* once is enough: a second call changes nothing */
        layout again = m;
        layout_mirror(&again);
        assert_memory_equal(&again, &m, sizeof m);
        /* a new size starts unmirrored */
        layout_compute(&m, sizes[s][0], sizes[s][1], 3);
        assert_int_equal(m.mirrored, 0);
        expect_mirror(pm[0], m.topbar, w);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_without_catalog),
        cmocka_unit_test(test_forced_language),
        cmocka_unit_test(test_missing_catalog_is_english),
        cmocka_unit_test(test_language_from_environment),
        cmocka_unit_test(test_layout_mirror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
