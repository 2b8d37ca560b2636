/* deck_otqa.c: reads OpenTriviaQA category files (github.com/uberspot/OpenTriviaQA).
 *
 *   #Q Which planet is known as the red planet?    the question; lines up to the ^ line join it
 *   ^ Mars                                         the right answer, as one of the choices says it
 *   A Venus                                        the choices: a capital letter and a space
 *   B Mars                                         (two for true/false questions, up to seven)
 *
 * The bank is third-party data of 50,000 questions that nobody here can fix, and its mistakes
 * are harmless ones, so the reader repairs what it can and says so in one warning per kind:
 * an empty or repeated choice is dropped, and a question longer than a card allows (see
 * deck.h) is skipped. What cannot be repaired (no ^ line, an answer that is none of the
 * choices) is an error with its line, as in every other format. */
#include <ctype.h>
#include <string.h>

#include "deck_import.h"

/* The reader's state between lines. */
typedef struct otqa {
    /* the deck being filled */
    deck *d;
    /* the question being read: text, line, the ^ answer and its line, the choices */
    strbuf q;
    int qline;
    char *answer;
    int aline;
    char *opts[26];
    int nopt;
    /* 1 once text after the choices was reported for this question */
    int noted;
    /* questions skipped as too long, and choices dropped; with the first line of each */
    int nlong, first_long;
    int nfixed, first_fixed;
} otqa;

static void fixed(otqa *o, int line)
{
    if (!o->nfixed++)
        o->first_fixed = line;
}

static void end_question(otqa *o)
{
    if (!o->qline)
        return;
    int line = o->qline;
    char *question = deck_clean(o->d, o->q.s ? o->q.s : "", o->q.len);
    if (!o->answer) {
        deck_skip(o->d, line, "no answer", "no \"^ answer\" line after the question (it gives the right choice)");
        goto done;
    }
    if (!o->nopt) {
        deck_skip(o->d, o->aline, "no choices",
                   "no choices after the answer: give them as \"A text\", \"B text\" lines");
        goto done;
    }
    /* drop empty and repeated choices (the first of equal choices stays) */
    char *keep[26];
    int nkeep = 0, dropped = 0, right = -1;
    for (int k = 0; k < o->nopt; k++) {
        int dup = !*o->opts[k];
        for (int j = 0; j < nkeep && !dup; j++)
            dup = choice_same(keep[j], o->opts[k]);
        if (dup) {
            dropped = 1;
            continue;
        }
        if (right < 0 && choice_same(o->opts[k], o->answer))
            right = nkeep;
        keep[nkeep++] = o->opts[k];
    }
    if (right < 0) {
        deck_skip(o->d, o->aline, "answer not a choice",
                   "the answer \"%s\" is none of the choices (the ^ line must repeat one of them)",
                   deck_excerpt(o->d, o->answer, strlen(o->answer), 60));
        goto done;
    }
    int too_long = utf8_count(question) > DECK_MAX_QUESTION_CP;
    for (int k = 0; k < nkeep; k++)
        too_long |= utf8_count(keep[k]) > DECK_MAX_CHOICE_CP;
    if (too_long) {
        if (!o->nlong++)
            o->first_long = line;
        goto done;
    }
    if (dropped)
        fixed(o, line);
    card *c = deck_add_card(o->d, line);
    c->question = question;
    for (int k = 0; k < nkeep; k++)
        deck_add_choice(o->d, c, keep[k], k == right);
done:
    o->q.len = 0;
    o->qline = 0;
    o->answer = NULL;
    o->nopt = 0;
    o->noted = 0;
}

void deck_read_otqa(deck *d, const char *buf, size_t len)
{
    d->format = "opentriviaqa";
    otqa o = {0};
    o.d = d;
    int preamble = 0;
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    while (line_next(&it, &s, &n)) {
        if (n >= 2 && s[0] == '#' && s[1] == 'Q' && (n == 2 || s[2] == ' ' || s[2] == '\t')) {
            end_question(&o);
            o.qline = it.line;
            sb_append(&o.q, s + 2, n - 2);
            continue;
        }
        int blank = 1;
        for (size_t i = 0; i < n && blank; i++)
            blank = isspace((unsigned char)s[i]);
        if (blank)
            continue;
        if (!o.qline) {
            if (!preamble++)
                deck_warn(d, it.line,
                          "text before the first question is ignored (a question starts with "
                          "\"#Q \")");
            continue;
        }
        if (!o.answer) {
            if (s[0] == '^') {
                o.answer = deck_clean(d, s + 1, n - 1);
                o.aline = it.line;
            } else {
                /* quoted lyrics and poems run over several lines */
                sb_append(&o.q, " ", 1);
                sb_append(&o.q, s, n);
            }
            continue;
        }
        if (s[0] >= 'A' && s[0] <= 'Z' && (n == 1 || s[1] == ' ' || s[1] == '\t') &&
            !o.noted) {
            if (o.nopt < 26)
                o.opts[o.nopt++] = deck_clean(d, s + 1, n - 1);
            continue;
        }
        if (!o.noted++)
            deck_warn_each(d, it.line, "lines after the choices ignored",
                           "text after the choices is ignored (a choice is a capital letter, a "
                           "space and its text)");
    }
    end_question(&o);
    if (o.nlong)
        deck_warn(d, o.first_long,
                  "%d question%s skipped: longer than a card allows (%d characters for a "
                  "question, %d for a choice); this is the first",
                  o.nlong, o.nlong == 1 ? "" : "s", DECK_MAX_QUESTION_CP, DECK_MAX_CHOICE_CP);
    if (o.nfixed)
        deck_warn(d, o.first_fixed,
                  "%d question%s had an empty or repeated choice, which was dropped; this is "
                  "the first",
                  o.nfixed, o.nfixed == 1 ? "" : "s");
    sb_free(&o.q);
}
