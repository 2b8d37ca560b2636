/* deck_gift.c: reads the multiple-choice subset of Moodle's GIFT format.
 *
 *   // a comment line                    (// [tag:name] comments tag the next question)
 *   $CATEGORY: $course$/top/Geography    the category of the questions that follow: its parts
 *                                        become tags
 *   ::Title:: [html] Question text {     one question per block; blocks are separated by a
 *     =right answer #feedback            blank line. = marks a right answer, ~ a wrong one,
 *     ~wrong answer #feedback            #text after an answer is its feedback and ####text
 *     ####general feedback               the general feedback (both become the explanation)
 *   }
 *   Statement. {T}                       true/false: {T} {TRUE} {F} {FALSE}, as "True"/"False"
 *   The {=answer ~other} is missing.     an answer block inside the text leaves "_____"
 *
 * Escapes \~ \= \# \{ \} \: \\ and \n work everywhere. Answers and feedback may carry their
 * own [format]. "~=x" is a right answer (Moodle turns = into ~= before splitting at ~). Weights
 * (see read_choices): beside an = answer ~%100% is right and partial credit is left out; without
 * one (Moodle's multiple-answer question) every positive weight is right, so the card has
 * several right answers. The kinds one tap cannot answer (short answer: only = answers, as in
 * {=a =b}; matching: ->; numerical: {#...}; essay: {}; Moodle cloze {1:SA:=x}; descriptions
 * without answers) are skipped with deck_skip, each with its line and kind, and so is a
 * question that cannot be read (no right answer, unbalanced braces, two answer blocks).
 *
 * The question kind is decided the way Moodle's importer (qformat_gift) decides it, in the same
 * order, so a file that Moodle reads one way is not read another way here: T, TRUE, F and FALSE
 * are upper case ({true} is a short answer), the general feedback starts at the last ####, and
 * a ::title without its closing :: is question text. Where Moodle guesses, this reader says
 * what is wrong instead: text before the first answer, a second { } block (two questions
 * without a blank line between), a } or { without its partner. Anything in braces that is
 * none of the kinds above is a short answer, as in Moodle ({Paris}, {true}). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deck_import.h"

/* The text format a question declares with a [prefix]. */
typedef enum gift_fmt { FMT_MOODLE, FMT_HTML, FMT_PLAIN, FMT_MARKDOWN } gift_fmt;

/* Kinds of question that are skipped; the names go into the closing warning. */
typedef enum gift_skip {
    SKIP_SHORT,
    SKIP_MATCHING,
    SKIP_NUMERICAL,
    SKIP_ESSAY,
    SKIP_CLOZE,
    SKIP_DESCRIPTION,
    SKIP_COUNT
} gift_skip;

static const char *const skip_names[SKIP_COUNT] = {
    "short answer", "matching", "numerical", "essay", "cloze", "description",
};

/* The reader's state between lines. */
typedef struct gift {
    /* the deck being filled */
    deck *d;
    /* the question block being gathered: its lines joined with "\n" (comment lines are kept as
     * empty lines, so counting "\n" gives the line of any byte) */
    strbuf chunk;
    /* line of the block's first line; 0 while no block is open */
    int chunk_line;
    /* the current $CATEGORY: path (tags of the questions that follow) */
    strbuf category;
    /* [tag:x] names from comments of the block being gathered, each NUL-terminated */
    strbuf tags;
    /* skipped questions per kind, and the line of the first one */
    int skipped[SKIP_COUNT];
    int first_skip;
    /* scratch buffers for text conversion */
    strbuf tmp, tmp2;
} gift;

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Index of the first c in s[from..to) that is not escaped with a backslash, or to. */
static size_t find_unescaped(const char *s, size_t from, size_t to, char c)
{
    for (size_t i = from; i < to; i++) {
        if (s[i] == '\\' && i + 1 < to)
            i++;
        else if (s[i] == c)
            return i;
    }
    return to;
}

/* Index of the first unescaped = or ~ (the start of an answer) in s[from..to), or to. One pass
 * for both: looking for each alone would rescan a long run of the other, quadratically. */
static size_t find_mark(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (s[i] == '\\' && i + 1 < to)
            i++;
        else if (s[i] == '=' || s[i] == '~')
            return i;
    }
    return to;
}

/* Index of the first unescaped two-character sequence ab in s[from..to), or to. */
static size_t find_pair(const char *s, size_t from, size_t to, char a, char b)
{
    for (size_t i = from; i + 1 < to; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == a && s[i + 1] == b)
            return i;
    }
    return to;
}

static int line_at(const gift *g, size_t pos)
{
    int line = g->chunk_line;
    for (size_t i = 0; i < pos && i < g->chunk.len; i++)
        line += g->chunk.s[i] == '\n';
    return line;
}

/* Resolves GIFT's escapes: \~ \= \# \{ \} \: \\ stand for the character, \n for a line break;
 * any other backslash is text. */
static void unescape(const char *s, size_t n, strbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char c = s[i + 1];
            if (strchr("~=#{}:\\", c)) {
                sb_append(out, &c, 1);
                i++;
                continue;
            }
            if (c == 'n') {
                sb_append(out, "\n", 1);
                i++;
                continue;
            }
        }
        sb_append(out, s + i, 1);
    }
}

/* A [moodle], [html], [plain] or [markdown] prefix at s[*pos] (after white space): returns 1,
 * sets *fmt and moves *pos past it. */
static int format_prefix(const char *s, size_t n, size_t *pos, gift_fmt *fmt)
{
    static const struct {
        const char *word;
        gift_fmt fmt;
    } fmts[] = {{"[moodle]", FMT_MOODLE},
                {"[html]", FMT_HTML},
                {"[plain]", FMT_PLAIN},
                {"[markdown]", FMT_MARKDOWN}};
    size_t i = *pos;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
        size_t len = strlen(fmts[k].word);
        if (n - i >= len && !strncasecmp(s + i, fmts[k].word, len)) {
            *fmt = fmts[k].fmt;
            *pos = i + len;
            return 1;
        }
    }
    return 0;
}

/* Text of a question, answer or feedback: its own [format] prefix taken (else the question's),
 * escapes resolved, HTML removed when the format is HTML (Moodle's default format is HTML too),
 * white space folded. */
static char *text(gift *g, const char *s, size_t n, gift_fmt fmt)
{
    size_t pos = 0;
    if (format_prefix(s, n, &pos, &fmt)) {
        s += pos;
        n -= pos;
    }
    g->tmp.len = 0;
    unescape(s, n, &g->tmp);
    if (fmt == FMT_HTML || fmt == FMT_MOODLE) {
        g->tmp2.len = 0;
        deck_strip_html(g->tmp.s ? g->tmp.s : "", g->tmp.len, &g->tmp2);
        return deck_clean(g->d, g->tmp2.s ? g->tmp2.s : "", g->tmp2.len);
    }
    return deck_clean(g->d, g->tmp.s ? g->tmp.s : "", g->tmp.len);
}

static void skip(gift *g, gift_skip why, int line)
{
    if (!g->first_skip)
        g->first_skip = line;
    g->skipped[why]++;
    deck_skip(g->d, line, skip_names[why],
              "only multiple-choice and true/false questions can be played");
}

/* Tags from a $CATEGORY: path: every part except Moodle's own ($course$, top, "Default for
 * ..."), which say where the bank lived, not what the questions are about. */
static void add_category_tags(gift *g, card *c)
{
    if (!g->category.len)
        return;
    const char *p = g->category.s, *end = p + g->category.len;
    for (;;) {
        const char *e = p;
        while (e < end && *e != '/' && *e != ',')
            e++;
        const char *a = p, *b = e;
        while (a < b && isspace((unsigned char)*a))
            a++;
        while (b > a && isspace((unsigned char)b[-1]))
            b--;
        size_t n = (size_t)(b - a);
        int moodle = (n >= 2 && a[0] == '$' && b[-1] == '$') || (n == 3 && !strncmp(a, "top", 3)) ||
                     (n >= 12 && !strncasecmp(a, "default for ", 12));
        if (n && !moodle)
            deck_add_tag(g->d, c, a, n);
        if (e == end)
            break;
        p = e + 1;
    }
}

/* Weight "%50%" at s (after white space): returns 1 and sets *w, else 0. */
static int weight(const char *s, size_t n, size_t *used, double *w)
{
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (i >= n || s[i] != '%')
        return 0;
    i++;
    int neg = 0;
    if (i < n && s[i] == '-')
        neg = 1, i++;
    double v = 0, scale = 0;
    size_t digits = 0;
    for (; i < n && (isdigit((unsigned char)s[i]) || s[i] == '.'); i++) {
        if (s[i] == '.') {
            if (scale)
                return 0;
            scale = 1;
            continue;
        }
        digits++;
        if (scale)
            scale /= 10, v += (s[i] - '0') * scale;
        else if (v < 1e6)
            v = v * 10 + (s[i] - '0');
    }
    if (!digits || i >= n || s[i] != '%')
        return 0;
    *used = i + 1;
    *w = neg ? -v : v;
    return 1;
}

/* Walks the answers of a multiple-choice block a[0..n) from the first = or ~ at i. Each call
 * returns 1 and gives one answer's mark, weight (if any), text and feedback; 0 at the end. */
typedef struct answer {
    int right, weighted;
    double weight;
    const char *s, *fb;
    size_t n, fbn;
} answer;

static int next_answer(const char *a, size_t n, size_t *i, answer *out)
{
    if (*i >= n)
        return 0;
    out->right = a[*i] == '=';
    size_t start = *i + 1;
    /* "~=4": Moodle turns every = into ~= before splitting at ~, so this is a right answer */
    if (a[*i] == '~' && start < n && a[start] == '=') {
        out->right = 1;
        start++;
    }
    size_t end = find_mark(a, start, n);
    const char *s = a + start;
    size_t len = end - start, used;
    out->weighted = weight(s, len, &used, &out->weight);
    if (out->weighted) {
        s += used;
        len -= used;
    }
    size_t hash = find_unescaped(s, 0, len, '#');
    out->s = s;
    out->n = hash;
    out->fb = hash < len ? s + hash + 1 : NULL;
    out->fbn = hash < len ? len - hash - 1 : 0;
    *i = end;
    return 1;
}

/* Reads a multiple-choice block a[0..n) into c, as Moodle does: text before the first ~ or = is
 * a wrong answer; a block with an = answer is a single-answer question, whose right answers are
 * the = ones and ~%100%, and whose partial-credit answers (~%50%) are left out (neither right
 * nor wrong for one tap); a block without = is a multiple-answer question, whose answers of
 * positive weight are all right (the card gets several [x]; each round picks one). Returns 0,
 * or -1 when the question was skipped. *fb gets the feedback of the first right answer. */
static int read_choices(gift *g, card *c, const char *a, size_t n, gift_fmt fmt, int line,
                        const char **fb, size_t *fbn)
{
    size_t first = find_mark(a, 0, n);
    answer ans;
    int count = !is_blank(a, first), single = 0;
    for (size_t i = first; next_answer(a, n, &i, &ans); count++)
        single |= ans.right;
    /* count first, so that a block of a million answers is refused before it fills memory */
    if (count > DECK_MAX_CHOICES) {
        deck_skip(g->d, line, "too many choices", "%d answers; at most %d are allowed", count,
                  DECK_MAX_CHOICES);
        return -1;
    }
    if (count < 2) {
        deck_skip(g->d, line, "fewer than two answers",
                  "a multiple-choice question needs at least two answers (Moodle's rule)");
        return -1;
    }
    if (!is_blank(a, first)) {
        /* Moodle's explode("~") keeps it as an answer of no credit */
        deck_warn_each(g->d, line, "answers without = or ~",
                       "text before the first ~ or = is read as a wrong answer, as Moodle reads "
                       "it");
        deck_add_choice(g->d, c, text(g, a, first, fmt), 0);
    }
    int nright = 0, partial = 0;
    for (size_t i = first; next_answer(a, n, &i, &ans);) {
        int right;
        if (ans.right)
            right = 1;
        else if (!ans.weighted)
            right = 0;
        else if (single && ans.weight > 0 && ans.weight < 100) {
            partial++;
            continue;
        } else
            right = single ? ans.weight >= 100 : ans.weight > 0;
        deck_add_choice(g->d, c, text(g, ans.s, ans.n, fmt), right);
        if (right && !nright++) {
            *fb = ans.fb;
            *fbn = ans.fbn;
        }
    }
    if (partial)
        deck_warn_each(g->d, line, "partial-credit answers left out",
                       "%d partial-credit answer%s left out: one tap is right or wrong", partial,
                       partial == 1 ? "" : "s");
    if (!nright) {
        deck_skip(g->d, line, "no right answer",
                  "no answer is right: mark it with = (as in {=right ~wrong}) or a positive "
                  "weight");
        return -1;
    }
    return 0;
}

/* 1 if a[0..n) (feedback stripped) is T, TRUE, F or FALSE (upper case, as Moodle wants);
 * *value gets which. */
static int true_false(const char *a, size_t n, int *value)
{
    while (n && isspace((unsigned char)*a))
        a++, n--;
    while (n && isspace((unsigned char)a[n - 1]))
        n--;
    static const char *const words[] = {"T", "TRUE", "F", "FALSE"};
    for (int k = 0; k < 4; k++) {
        if (n == strlen(words[k]) && !strncmp(a, words[k], n)) {
            *value = k < 2;
            return 1;
        }
    }
    return 0;
}

/* 1 if the block after a "{" is one of Moodle's embedded answers (cloze): {1:SA:=am},
 * {:MULTICHOICE:~a~=b}: a number (the mark), a colon, a question type, a colon. */
static int cloze_block(const char *a, size_t n)
{
    static const char *const types[] = {"SHORTANSWER_C", "SHORTANSWER", "SAC", "SA", "MW",
                                        "NUMERICAL", "NM", "MULTICHOICE_VS", "MULTICHOICE_HS",
                                        "MULTICHOICE_V", "MULTICHOICE_H", "MULTICHOICE_S",
                                        "MULTICHOICE", "MCVS", "MCHS", "MCV", "MCH", "MCS", "MC",
                                        "MULTIRESPONSE_H", "MULTIRESPONSE_S", "MULTIRESPONSE_HS",
                                        "MULTIRESPONSE", "MRH", "MRS", "MRHS", "MR"};
    size_t i = 0;
    while (i < n && isdigit((unsigned char)a[i]))
        i++;
    if (i >= n || a[i] != ':')
        return 0;
    i++;
    for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
        size_t l = strlen(types[k]);
        if (n - i > l && !strncasecmp(a + i, types[k], l) && a[i + l] == ':')
            return 1;
    }
    return 0;
}

/* Reads the question block gathered in g->chunk. */
static void read_question(gift *g)
{
    const char *s = g->chunk.s;
    size_t n = g->chunk.len;
    size_t pos = 0;
    while (pos < n && isspace((unsigned char)s[pos]))
        pos++;
    if (pos >= n)
        return;
    int qline = line_at(g, pos);
    /* ::title:: (Moodle reads "::" without its closing "::" as question text) */
    const char *title = NULL;
    size_t title_n = 0;
    if (n - pos >= 2 && s[pos] == ':' && s[pos + 1] == ':') {
        size_t end = find_pair(s, pos + 2, n, ':', ':');
        if (end >= n) {
            deck_warn_each(g->d, qline, "titles without their closing \"::\"",
                           "the title has no closing \"::\"; the text after \"::\" is read as "
                           "the question (write ::title:: before the question)");
            pos += 2;
        } else {
            title = s + pos + 2;
            title_n = end - pos - 2;
            pos = end + 2;
        }
        while (pos < n && isspace((unsigned char)s[pos]))
            pos++;
    }
    /* [format] */
    gift_fmt fmt = FMT_MOODLE;
    format_prefix(s, n, &pos, &fmt);
    size_t open = find_unescaped(s, pos, n, '{');
    if (open >= n) {
        size_t stray = find_unescaped(s, pos, n, '}');
        if (stray < n) {
            deck_skip(g->d, line_at(g, stray), "unbalanced braces",
                      "\"}\" without its \"{\": the answers are written {=right ~wrong} "
                      "(escape a literal brace as \\})");
            return;
        }
        skip(g, SKIP_DESCRIPTION, qline);
        return;
    }
    for (size_t b = open; b < n; b = find_unescaped(s, b + 1, n, '{')) {
        if (cloze_block(s + b + 1, n - b - 1)) {
            skip(g, SKIP_CLOZE, qline);
            return;
        }
    }
    size_t close = find_unescaped(s, open + 1, n, '}');
    if (close >= n) {
        deck_skip(g->d, line_at(g, open), "unbalanced braces",
                  "\"{\" is not closed: the answers end with \"}\" (and a blank line ends the "
                  "question)");
        return;
    }
    size_t again = find_unescaped(s, close + 1, n, '{');
    if (again < n) {
        deck_skip(g->d, line_at(g, again), "two answer blocks",
                  "a second answer block { } in one question: put a blank line between "
                  "questions");
        return;
    }
    const char *a = s + open + 1;
    size_t an = close - open - 1;
    /* kinds, in the order Moodle tells them apart; the general feedback starts at the last
     * #### (Moodle's strrpos) */
    const char *gen = NULL;
    size_t genn = 0;
    size_t hashes = an;
    for (size_t i = 0; i + 3 < an; i++) {
        if (a[i] == '\\')
            i++;
        else if (a[i] == '#' && a[i + 1] == '#' && a[i + 2] == '#' && a[i + 3] == '#')
            hashes = i;
    }
    if (hashes < an) {
        gen = a + hashes + 4;
        genn = an - hashes - 4;
        an = hashes;
    }
    size_t lead = 0;
    while (lead < an && isspace((unsigned char)a[lead]))
        lead++;
    int tf_value = 0;
    size_t hash = find_unescaped(a, 0, an, '#');
    if (lead == an) {
        skip(g, SKIP_ESSAY, qline);
        return;
    }
    if (lead < an && a[lead] == '#') {
        skip(g, SKIP_NUMERICAL, qline);
        return;
    }
    int is_mc = find_unescaped(a, 0, an, '~') < an;
    if (!is_mc && find_unescaped(a, 0, an, '=') < an && find_pair(a, 0, an, '-', '>') < an) {
        skip(g, SKIP_MATCHING, qline);
        return;
    }
    int is_tf = !is_mc && true_false(a, hash, &tf_value);
    if (!is_mc && !is_tf) {
        /* Moodle reads everything else as a short answer: {=a =b}, {Paris}, {true} */
        skip(g, SKIP_SHORT, qline);
        return;
    }
    card *c = deck_add_card(g->d, qline);
    const char *fb = NULL;
    size_t fbn = 0;
    if (is_mc) {
        int r = read_choices(g, c, a, an, fmt, qline, &fb, &fbn);
        if (r != 0) {
            deck_drop_card(g->d);
            return;
        }
    } else {
        deck_add_choice(g->d, c, deck_strndup(g->d, "True", 4), tf_value);
        deck_add_choice(g->d, c, deck_strndup(g->d, "False", 5), !tf_value);
        /* {T#shown when wrong#shown when right}: the right one explains best */
        if (hash < an) {
            const char *f1 = a + hash + 1;
            size_t f1n = an - hash - 1;
            size_t h2 = find_unescaped(f1, 0, f1n, '#');
            if (h2 < f1n && !is_blank(f1 + h2 + 1, f1n - h2 - 1)) {
                fb = f1 + h2 + 1;
                fbn = f1n - h2 - 1;
            } else {
                fb = f1;
                fbn = h2;
            }
        }
    }
    /* question text; an answer block inside it leaves a blank to fill */
    strbuf q = {0};
    sb_append(&q, s + pos, open - pos);
    if (!is_blank(s + close + 1, n - close - 1)) {
        sb_puts(&q, "_____");
        sb_append(&q, s + close + 1, n - close - 1);
    }
    c->question = text(g, q.s, q.len, fmt);
    sb_free(&q);
    if (!*c->question && title)
        c->question = text(g, title, title_n, fmt);
    if (gen && !is_blank(gen, genn))
        c->explanation = text(g, gen, genn, fmt);
    else if (fb && !is_blank(fb, fbn))
        c->explanation = text(g, fb, fbn, fmt);
    add_category_tags(g, c);
    for (size_t t = 0; t < g->tags.len; t += strlen(g->tags.s + t) + 1)
        deck_add_tag(g->d, c, g->tags.s + t, strlen(g->tags.s + t));
}

static void end_block(gift *g)
{
    if (g->chunk_line)
        read_question(g);
    g->chunk.len = 0;
    g->chunk_line = 0;
    g->tags.len = 0;
}

/* Keeps the [tag:name] marks of a comment line for the block being gathered. */
static void comment_tags(gift *g, const char *s, size_t n)
{
    for (size_t i = 0; i + 5 < n; i++) {
        if (strncasecmp(s + i, "[tag:", 5) != 0)
            continue;
        const char *end = memchr(s + i + 5, ']', n - i - 5);
        if (!end)
            return;
        size_t len = (size_t)(end - (s + i + 5));
        if (len) {
            sb_append(&g->tags, s + i + 5, len);
            sb_append(&g->tags, "", 1);
        }
        i = (size_t)(end - s);
    }
}

void deck_read_gift(deck *d, const char *buf, size_t len)
{
    d->format = "gift";
    gift g = {0};
    g.d = d;
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    while (line_next(&it, &s, &n)) {
        size_t i = 0;
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        if (i == n) {
            end_block(&g);
            continue;
        }
        if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
            comment_tags(&g, s + i + 2, n - i - 2);
            if (g.chunk_line)
                sb_append(&g.chunk, "\n", 1);
            continue;
        }
        /* Moodle wants $CATEGORY: alone between blank lines; taking it as a line also reads
         * files that put it right above the first question */
        if (n - i >= 10 && !strncmp(s + i, "$CATEGORY:", 10)) {
            end_block(&g);
            g.category.len = 0;
            sb_append(&g.category, s + i + 10, n - i - 10);
            continue;
        }
        if (!g.chunk_line)
            g.chunk_line = it.line;
        else
            sb_append(&g.chunk, "\n", 1);
        sb_append(&g.chunk, s, n);
    }
    end_block(&g);
    sb_free(&g.chunk);
    sb_free(&g.category);
    sb_free(&g.tags);
    sb_free(&g.tmp);
    sb_free(&g.tmp2);
}
