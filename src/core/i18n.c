/* i18n.c: the interface's language (gettext), its direction and how it writes numbers. */
#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the catalog in use says; English until i18n_init finds one. */
static const char *thousands = ",";
static const char *decimal = ".";
static int right_to_left;
static char lang_in_use[16] = "en";

/* The "C" locale, under which gettext ignores LANGUAGE (C.UTF-8 is not "C" for it). */
static int is_c(const char *l)
{
    return !l || !*l || !strcmp(l, "C") || !strcmp(l, "POSIX");
}

/* "en", "en_GB", "en_US.UTF-8", "C": the source's own language, needing no catalog. */
static int is_english(const char *l)
{
    return is_c(l) || (!strncmp(l, "en", 2) && (!l[2] || l[2] == '_' || l[2] == '.' || l[2] == '@'));
}

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

const char *i18n_pgettext(const char *key)
{
    const char *t = gettext(key);
    if (t == key) /* no translation: the message is what follows the context */
        return strchr(key, '\004') + 1;
    return t;
}

int i18n_init(const char *language, const char *localedir)
{
    int forced = language && *language;
    const char *loc = setlocale(LC_MESSAGES, "");
    int need_utf8 = 0;
    if (forced) {
        /* the config's language comes before the environment's, and needs no locale of its
         * own installed: LANGUAGE picks the catalog */
        setenv("LANGUAGE", language, 1);
        need_utf8 = 1;
    } else if (!loc) {
        /* the environment names a locale that is not installed here (de_DE.UTF-8 on a machine
         * without generated locales): its language is still the one wanted */
        const char *e = env("LC_ALL");
        if (!e)
            e = env("LC_MESSAGES");
        if (!e)
            e = env("LANG");
        if (e && !is_c(e)) {
            if (!env("LANGUAGE"))
                setenv("LANGUAGE", e, 1);
            need_utf8 = 1;
        }
    }
    /* gettext ignores LANGUAGE under the "C" locale; C.UTF-8 is built into glibc (2.35 on) and
     * is not "C" to it */
    if (need_utf8 && is_c(setlocale(LC_MESSAGES, NULL)))
        setlocale(LC_MESSAGES, "C.UTF-8");
    bindtextdomain(I18N_DOMAIN, localedir);
    /* UTF-8 whatever LC_CTYPE says (it stays "C": gettext would otherwise turn every
     * translation into question marks) */
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    textdomain(I18N_DOMAIN);

    /* the catalog's header names its language; none means English */
    static const char header_key[] = ""; /* gettext's key of a catalog's header */
    const char *hdr = gettext(header_key);
    const char *l = *hdr ? strstr(hdr, "Language: ") : NULL;
    snprintf(lang_in_use, sizeof lang_in_use, "en");
    if (l) {
        l += strlen("Language: ");
        size_t n = strcspn(l, "\n");
        if (n > 0 && n < sizeof lang_in_use)
            snprintf(lang_in_use, sizeof lang_in_use, "%.*s", (int)n, l);
    }
    /* TRANSLATORS: "rtl" for a language written right to left (the layout mirrors), else "ltr" */
    right_to_left = strcmp(C_("text direction", "ltr"), "rtl") == 0;
    /* TRANSLATORS: the thousands separator of scores (12,450); French: U+202F */
    thousands = C_("thousands separator", ",");
    /* TRANSLATORS: the decimal point (2.5 s) */
    decimal = C_("decimal point", ".");
    return forced && !is_english(language) && !*hdr;
}

int i18n_rtl(void)
{
    return right_to_left;
}

const char *i18n_language(void)
{
    return lang_in_use;
}

void i18n_number(char *buf, size_t n, long v)
{
    char raw[32];
    snprintf(raw, sizeof raw, "%lu", v < 0 ? 0ul - (unsigned long)v : (unsigned long)v);
    size_t len = strlen(raw), sl = strlen(thousands), k = 0;
    if (v < 0 && k + 1 < n)
        buf[k++] = '-';
    for (size_t i = 0; i < len && k + 1 < n; i++) {
        buf[k++] = raw[i];
        if ((len - 1 - i) % 3 == 0 && i + 1 < len && k + sl < n) {
            memcpy(buf + k, thousands, sl);
            k += sl;
        }
    }
    if (n)
        buf[k < n ? k : n - 1] = 0;
}

void i18n_tenths(char *buf, size_t n, long tenths)
{
    unsigned long a = tenths < 0 ? 0ul - (unsigned long)tenths : (unsigned long)tenths;
    snprintf(buf, n, "%s%lu%s%lu", tenths < 0 ? "-" : "", a / 10, decimal, a % 10);
}
