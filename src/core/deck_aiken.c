/* deck_aiken.c: reads Moodle's Aiken format.
 *
 *   What is the capital of France?      the question (more lines before the options join it)
 *   A) Paris                            options: a capital letter, ")" or ".", a space (or none)
 *   B. Lyon
 *   ANSWER: A                           the letter of the right option; ends the question
 *
 * Moodle wants the question on one line, "ANSWER:" in capitals and nothing after the letter;
 * this reader also takes a question over several lines, "Answer : b" and "ANSWER: B) Lyon".
 * The letter names an option by its letter (Moodle counts positions: the same for files
 * lettered A, B, C...). Blank lines are ignored. Every question is multiple choice; one that
 * cannot be read (no options, one option, no ANSWER: line, a letter no option has) is skipped
 * with its line and the reason, as Moodle skips it, and the rest of the file loads. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "deck_import.h"

/* The reader's state between lines. */
typedef struct aiken {
    /* the deck being filled */
    deck *d;
    /* the question being read: its text, line, and its options' letters and texts */
    strbuf q;
    int qline;
    int nopt;
    char letters[26];
    char *opts[26];
    /* line of the first option letter seen twice, reported once the question ends */
    int bad_opt;
    /* line of the first question line that looks like an option with a small letter ("a) x") */
    int lower_opt;
} aiken;

/* 1 if the line (trimmed) is an option ("A) text", "B. text", and without the space "A)text"
 * as Moodle's own fixtures write it; a bare "C)" is an empty one that the validator reports);
 * *letter and the text are set. */
static int option(const char *s, size_t n, char *letter, const char **text, size_t *tn)
{
    if (n < 2 || s[0] < 'A' || s[0] > 'Z' || (s[1] != ')' && s[1] != '.'))
        return 0;
    *letter = s[0];
    *text = s + 2;
    *tn = n - 2;
    while (*tn && (**text == ' ' || **text == '\t'))
        (*text)++, (*tn)--;
    return 1;
}

/* 1 if the line is "ANSWER: ..." (any case); the value after the colon is returned. */
static int answer_line(const char *s, size_t n, const char **val, size_t *vn)
{
    if (n < 7 || strncasecmp(s, "ANSWER", 6) != 0)
        return 0;
    size_t i = 6;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i >= n || s[i] != ':')
        return 0;
    i++;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    size_t e = n;
    while (e > i && isspace((unsigned char)s[e - 1]))
        e--;
    *val = s + i;
    *vn = e - i;
    return 1;
}

static void reset(aiken *a)
{
    a->q.len = 0;
    a->qline = 0;
    a->nopt = 0;
    a->bad_opt = 0;
    a->lower_opt = 0;
}

/* The question ended without its ANSWER: line (at the next question, or the end of the file). */
static void unanswered(aiken *a, int next_line)
{
    if (!a->qline)
        return;
    if (!a->nopt)
        deck_skip(a->d, a->qline, "no options",
                  "a question without options: give them as \"A) text\" lines, then \"ANSWER: "
                  "A\"");
    else if (next_line)
        deck_skip(a->d, a->qline, "no ANSWER line",
                  "no \"ANSWER: X\" line after the options (line %d starts another question; "
                  "an option is one line)",
                  next_line);
    else
        deck_skip(a->d, a->qline, "no ANSWER line",
                  "no \"ANSWER: X\" line after the options (the file ends)");
    reset(a);
}

static void answered(aiken *a, const char *val, size_t vn, int line)
{
    if (!a->nopt) {
        if (a->lower_opt)
            deck_skip(a->d, a->lower_opt, "no options",
                      "options start with a capital letter: \"A) text\", not \"a) text\"");
        else if (a->qline)
            deck_skip(a->d, line, "no options",
                      "ANSWER: before any option: the lines above it are no options (an option "
                      "is a capital letter, \")\" or \".\", then its text, as \"A) text\")");
        else
            deck_skip(a->d, line, "no question", "ANSWER: without a question before it");
        reset(a);
        return;
    }
    if (a->nopt < 2) {
        deck_skip(a->d, a->qline, "fewer than two options",
                  "one option only: a question needs at least two (Moodle's rule)");
        reset(a);
        return;
    }
    if (a->bad_opt) {
        deck_skip(a->d, a->bad_opt, "repeated option letter",
                  "option letter used twice: give each option its own letter, A to Z");
        reset(a);
        return;
    }
    /* one letter, alone or as its option starts ("B", "b", "B)", "B. Lyon"; not "A or B") */
    int one = vn >= 1 && isalpha((unsigned char)val[0]) &&
              (vn == 1 || val[1] == ')' || val[1] == '.');
    char want = one ? (char)toupper((unsigned char)val[0]) : 0;
    int right = -1;
    for (int k = 0; k < a->nopt; k++)
        if (a->letters[k] == want)
            right = k;
    if (right < 0) {
        if (one)
            deck_skip(a->d, line, "no such option",
                      "ANSWER: %c, but no option has that letter (the options are %c to %c)", want,
                      a->letters[0], a->letters[a->nopt - 1]);
        else
            deck_skip(a->d, line, "no such option",
                      "ANSWER: must give the letter of one option, as in \"ANSWER: B\"; found "
                      "\"%s\"",
                      deck_excerpt(a->d, val, vn, 20));
        reset(a);
        return;
    }
    card *c = deck_add_card(a->d, a->qline);
    c->question = deck_clean(a->d, a->q.s ? a->q.s : "", a->q.len);
    for (int k = 0; k < a->nopt; k++)
        deck_add_choice(a->d, c, a->opts[k], k == right);
    reset(a);
}

void deck_read_aiken(deck *d, const char *buf, size_t len)
{
    d->format = "aiken";
    aiken a = {0};
    a.d = d;
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    while (line_next(&it, &s, &n)) {
        while (n && isspace((unsigned char)*s))
            s++, n--;
        while (n && isspace((unsigned char)s[n - 1]))
            n--;
        if (!n)
            continue;
        char letter;
        const char *t;
        size_t tn;
        if (answer_line(s, n, &t, &tn)) {
            answered(&a, t, tn, it.line);
            continue;
        }
        if (a.qline && option(s, n, &letter, &t, &tn)) {
            for (int k = 0; k < a.nopt; k++)
                if (a.letters[k] == letter && !a.bad_opt)
                    a.bad_opt = it.line;
            if (a.nopt < 26) {
                a.letters[a.nopt] = letter;
                a.opts[a.nopt++] = deck_clean(d, t, tn);
            }
            continue;
        }
        /* any other line is question text: a new question once options were seen */
        if (a.nopt)
            unanswered(&a, it.line);
        if (!a.lower_opt && a.qline && n >= 3 && s[0] >= 'a' && s[0] <= 'z' &&
            (s[1] == ')' || s[1] == '.') && (s[2] == ' ' || s[2] == '\t'))
            a.lower_opt = it.line;
        if (!a.qline)
            a.qline = it.line;
        else
            sb_append(&a.q, " ", 1);
        sb_append(&a.q, s, n);
    }
    unanswered(&a, 0);
    sb_free(&a.q);
}
