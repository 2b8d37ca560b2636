/* tools.c: --check, --lint, --convert and the score-table tools. */
#include "tools.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/deck_dir.h"
#include "core/deck_lint.h"
#include "core/scorefile.h"
#include "core/scores.h"
#include "core/util.h"
#include "text.h"

int tools_load_decks(char **paths, int n, deck ***out, int *nout, int print_summary)
{
    int code = 0;
    *out = xcalloc((size_t)(n ? n : 1), sizeof(deck *));
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
            /* an import's questions that were left out are counted, by reason, on the same line */
            if (print_summary && d->skipped)
                printf("%s: %d card%s (%d easy, %d medium, %d hard), %d skipped (%s)\n", paths[i], d->ncards,
                       d->ncards == 1 ? "" : "s", d->count[LEVEL_EASY], d->count[LEVEL_MEDIUM], d->count[LEVEL_HARD],
                       d->skipped, d->skipped_why);
            else if (print_summary)
                printf("%s: %d card%s (%d easy, %d medium, %d hard)\n", paths[i], d->ncards, d->ncards == 1 ? "" : "s",
                       d->count[LEVEL_EASY],
                       d->count[LEVEL_MEDIUM], d->count[LEVEL_HARD]);
            (*out)[(*nout)++] = d;
        }
    }
    return code;
}

void tools_free_decks(deck **d, int n)
{
    for (int i = 0; i < n; i++)
        deck_free(d[i]);
    free(d);
}

/* Adds to *missing how many code points of s (NULL: none) no installed font can draw; *first
 * is the first of them all. */
static void count_missing(const char *s, int *missing, uint32_t *first)
{
    uint32_t f;
    int m = s ? text_missing(s, &f) : 0;
    if (m && !*missing)
        *first = f;
    *missing += m;
}

/* The warning about what count_missing counted, if anything. */
static void warn_missing(diag_list *dl, const char *path, int line, int missing, uint32_t first)
{
    if (missing)
        diag_add(dl, path, line, 0,
                 "no installed font can draw U+%04X%s (%d character%s; the game shows a replacement mark, "
                 "\xEF\xBF\xBD, for each): install a font for this script",
                 (unsigned)first, missing > 1 ? " and others" : "", missing, missing == 1 ? "" : "s");
}

/* Warns, with file:line, about the characters of a deck no installed font can draw (fontconfig
 * asked as the game asks it: DejaVu Sans, then any font by coverage): in the title and
 * description, which the title screen draws (with the file's name only: the deck keeps no line
 * for them), then card by card. A warning, not an error: the deck still plays, with U+FFFD in
 * their place. */
static void check_fonts(const deck *d)
{
    diag_list dl = {0};
    int missing = 0;
    uint32_t first = 0;
    count_missing(d->title, &missing, &first);
    count_missing(d->description, &missing, &first);
    warn_missing(&dl, d->path, 0, missing, first);
    for (int i = 0; i < d->ncards; i++) {
        const card *c = &d->cards[i];
        missing = 0;
        count_missing(c->question, &missing, &first);
        count_missing(c->explanation, &missing, &first);
        count_missing(c->hint, &missing, &first);
        for (int k = 0; k < c->nright; k++)
            count_missing(c->right[k], &missing, &first);
        for (int k = 0; k < c->nwrong; k++)
            count_missing(c->wrong[k], &missing, &first);
        warn_missing(&dl, d->path, c->line, missing, first);
    }
    diag_print(&dl, stderr);
    diag_free(&dl);
}

int tools_check(const options *o)
{
    if (o->lint)
        return tools_lint(o);
    if (o->ndecks == 0)
        options_bad_usage("%s needs at least one deck file", "--check");
    int n;
    char **paths = deck_dir_expand(o->decks, o->ndecks, &n);
    deck **decks;
    int nd;
    int code = tools_load_decks(paths, n, &decks, &nd, 1);
    for (int i = 0; i < nd; i++)
        check_fonts(decks[i]);
    if (nd)
        text_missing_done();
    tools_free_decks(decks, nd);
    deck_dir_free(paths, n);
    return code;
}

/* The seed of --lint's draws: fixed, so the figures of a deck are the same on every run. */
#define LINT_SEED 16

int tools_lint(const options *o)
{
    if (o->ndecks == 0)
        options_bad_usage("%s needs at least one deck file", "--lint");
    int n;
    char **paths = deck_dir_expand(o->decks, o->ndecks, &n);
    deck **decks;
    int nd;
    int code = tools_load_decks(paths, n, &decks, &nd, 0);
    int failed = 0;
    for (int i = 0; i < nd; i++) {
        const deck *d = decks[i];
        diag_list dl = {0};
        lint_report rep;
        deck_lint(d, LINT_DEFAULT_DRAWS, LINT_SEED, &rep, &dl);
        diag_print(&dl, stderr);
        printf("%s: %d card%s (%d easy, %d medium, %d hard), %d draws of each\n", d->path, d->ncards,
               d->ncards == 1 ? "" : "s", d->count[LEVEL_EASY], d->count[LEVEL_MEDIUM],
               d->count[LEVEL_HARD], LINT_DEFAULT_DRAWS);
        printf("  wins by shape:");
        for (int s = 0; s < LINT_STRATEGY_COUNT; s++)
            printf("%s %s %.1f%%", s ? "," : "", lint_strategy_name((lint_strategy)s), rep.win[s] * 100.0);
        printf(" (chance %.1f%%, at most %.1f%%)\n", rep.chance * 100.0, rep.bar * 100.0);
        printf("  mirrored pairs %d, choices on several cards %d, repeated questions %d, "
               "levels %.1fx (at most %.1fx)\n",
               rep.mirrored, rep.duplicates, rep.duplicate_questions, rep.level_ratio, LINT_LEVEL_RATIO);
        printf("  %s, %d warning%s\n", rep.pass ? "passes" : "FAILS the bar", dl.n, dl.n == 1 ? "" : "s");
        failed += !rep.pass;
        diag_free(&dl);
    }
    tools_free_decks(decks, nd);
    deck_dir_free(paths, n);
    if (code == 0 && failed && o->lint_strict)
        code = EXIT_DATAERR;
    return code;
}

/* Writes bytes to a temporary file beside path, then renames it over path: a failed write
 * never leaves half a file, nor destroys the one that was there. 0, or EXIT_FAIL with a message.
 * (The score file has its own, stricter writer in scorefile.c: fsync, lock, kept mode.) */
static int write_replacing(const char *path, const char *bytes, size_t len)
{
    char *tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(bytes, 1, len, f) == len;
    int err = errno;
    if (f && fclose(f) != 0 && ok) {
        ok = 0;
        err = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        err = errno;
    }
    if (!ok) {
        fprintf(stderr, "quizblitz: %s: %s\n", path, strerror(err));
        if (f)
            unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : EXIT_FAIL;
}

int tools_convert(const options *o)
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
    /* the promise of --convert, checked before anything is written: the Markdown reads back
     * as the same cards */
    diag_list dl2 = {0};
    deck *e = deck_parse(o->convert_out, b.s, b.len, &dl2);
    char why[96] = "";
    int code = 0;
    if (!e || deck_diff(d, e, why, sizeof why)) {
        fprintf(stderr, "quizblitz: %s: internal error: the Markdown written would not read back the same (%s); nothing written\n",
                o->convert_in, e ? why : (dl2.n ? dl2.items[0].msg : "it does not load"));
        code = EXIT_SOFTWARE;
    }
    deck_free(e);
    diag_free(&dl2);
    if (!code)
        code = write_replacing(o->convert_out, b.s, b.len);
    if (!code && d->skipped)
        fprintf(stderr, "%s: %d cards written to %s, %d skipped (%s)\n", o->convert_in, d->ncards, o->convert_out,
                d->skipped, d->skipped_why);
    else if (!code)
        fprintf(stderr, "%s: %d cards written to %s\n", o->convert_in, d->ncards, o->convert_out);
    sb_free(&b);
    deck_free(d);
    return code;
}

/* --list-scores [DECK] and --reset-scores DECK. Exit codes: 0 done (also "No scores yet");
 * 64 DECK names no deck of the table (the message lists the decks it holds: a typo is a bad
 * command line, and a script must not take it for success); 66 the score file cannot be read;
 * 1 the reset could not be written (the file is unchanged). */
int tools_scores(const options *o)
{
    char *path = options_scores_path(o);
    if (!path) {
        fprintf(stderr, "quizblitz: no score file: set --scores, XDG_DATA_HOME or HOME\n");
        return EXIT_FAIL;
    }
    int code = 0;
    /* the wall clock, read once: names of kept copies, and "today" of the boards */
    int64_t now = (int64_t)time(NULL);
    scores *t = scores_new();
    char *notice = NULL;
    int loaded = scorefile_load(path, t, now, &notice);
    if (notice)
        fprintf(stderr, "quizblitz: %s\n", notice);
    free(notice);
    const char *which = o->reset_deck ? o->reset_deck : o->list_deck;
    if (loaded != 0) {
        code = EXIT_NOINPUT;
    } else if (which && !scores_find_deck(t, which)) {
        int nd = scores_decks(t, NULL, 0);
        if (nd == 0) {
            fprintf(stderr, "quizblitz: %s: no deck '%s' in the score table (it holds no scores yet)\n", path, which);
        } else {
            const char **keys = xmalloc((size_t)nd * sizeof *keys);
            scores_decks(t, keys, nd);
            strbuf b = {0};
            for (int i = 0; i < nd; i++)
                sb_printf(&b, "%s%s", i ? ", " : "", keys[i]);
            fprintf(stderr, "quizblitz: %s: no deck '%s' in the score table; its decks: %s\n", path, which, b.s);
            sb_free(&b);
            free(keys);
        }
        code = EXIT_USAGE;
    } else if (o->reset_deck) {
        char key[SCORES_DECK_BYTES];
        snprintf(key, sizeof key, "%s", scores_find_deck(t, which));
        char *err = NULL, *bak = NULL;
        int n = scorefile_reset(path, which, 0, now, &bak, &err);
        if (n < 0) {
            fprintf(stderr, "quizblitz: %s\n", err ? err : "cannot reset the scores");
            code = EXIT_FAIL;
        } else if (n == 0) {
            /* another copy reset it between our read and our lock */
            printf("%s: deck '%s' has no entries left to remove\n", path, key);
        } else {
            printf("%s: removed %d entr%s of deck '%s'; the old table is kept as %s\n", path, n, n == 1 ? "y" : "ies",
                   key, bak);
        }
        free(bak);
        free(err);
    }
    if (code == 0 && !o->reset_deck) {
        char *text = scores_format_boards(t, which, now);
        fputs(text, stdout);
        free(text);
    }
    scores_free(t);
    free(path);
    return code;
}
