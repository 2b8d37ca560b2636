/* i18n.h: the interface's language. Messages through gettext (glibc's libintl, part of the C
 * library: the core stays free of SDL and of any other library), whether the layout runs right
 * to left, and numbers written the language's way. The language is chosen once at start-up
 * (i18n_init); until then, and without a catalog, everything is the English of the source. */
#ifndef QB_I18N_H
#define QB_I18N_H

#include <libintl.h>
#include <stddef.h>

/* The gettext domain: po/quizblitz.pot, <localedir>/<lang>/LC_MESSAGES/quizblitz.mo. */
#define I18N_DOMAIN "quizblitz"

/* A message shown to the player, translated. */
#define _(s) gettext(s)
/* A message marked for xgettext but translated where it is used (tables of labels). */
#define N_(s) (s)
/* A message with a context, for a word that reads differently in two places (xgettext's
 * --keyword=C_:1c,2; the catalog key is "context\004message", as pgettext's). */
#define C_(ctx, s) i18n_pgettext(ctx "\004" s)

/* Sets the language: `language` (the config's `language =` or --language: "de", "pt_BR",
 * "ja_JP.UTF-8") when it is not empty, else the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG, as gettext reads them), and binds the catalogs in `localedir`. Only LC_MESSAGES is set
 * from the environment: LC_NUMERIC and LC_CTYPE stay "C", so reading decks and configs never
 * depends on the locale. A language with no catalog is English. Returns 1 if `language` was
 * given, is not English and has no catalog (the caller may warn), else 0. */
int i18n_init(const char *language, const char *localedir);
/* Translates the key "context\004message"; without a translation, the message after \004. */
const char *i18n_pgettext(const char *key) __attribute__((format_arg(1)));
/* 1 when the language in use writes right to left (its catalog says so): the layout mirrors. */
int i18n_rtl(void);
/* The language whose catalog is in use ("de", "ar"...), "en" when none is. */
const char *i18n_language(void);
/* v with the language's thousands separator ("12,450", "12.450", "12 450"); n >= 32. */
void i18n_number(char *buf, size_t n, long v);
/* tenths / 10 with one decimal and the language's decimal point ("2.5", "2,5"); n >= 32. */
void i18n_tenths(char *buf, size_t n, long tenths);

#endif
