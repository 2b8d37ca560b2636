/* deck_md.c: reads our Markdown deck format, and quizdown files.
 *
 *   # Title                      first # heading (our format)
 *   description lines
 *   ## Question?                 one card per ## heading
 *   level: easy                  optional keys: level, tags, time
 *   > hint                       optional quote before the choices (quizdown's hint)
 *   - [x] right  / - [ ] wrong   choices ("*", "+", "1." bullets and [X] work too)
 *   > explanation                quote after the choices; a ">" line starts a paragraph
 *
 * A file with no ## heading but # headings followed by choices is quizdown: every # heading is a
 * question and the title comes from the file name. YAML front matter (--- ... ---), HTML comment
 * lines and --- rules are skipped. Deeper headings (###) inside a card are text.
 *
 * Two escapes let the writer (deck_write_md) keep any text: a heading ending in a run of #
 * after a space is written with a backslash before the run ("C \#"), and a description line
 * that would read as a heading, fence, comment or rule starts with a backslash ("\# 1 hits"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deck_import.h"

typedef enum phase { PH_HEAD, PH_META, PH_CHOICES, PH_EXPL, PH_AFTER } phase;

/* Text gathered from lines. While it is one piece of the file only a pointer to it is kept
 * (nearly every question, choice and explanation is one line); it is copied into b when a
 * second piece joins. */
typedef struct md_text {
    /* the one piece, until copied */
    const char *p;
    size_t n;
    /* the copy, once copied is 1 */
    strbuf b;
    int copied;
} md_text;

/* The reader's state between lines. */
typedef struct md {
    /* the deck being filled */
    deck *d;
    /* 1 when # headings are questions (quizdown) */
    int quizdown;
    /* where in the card the reader is */
    phase ph;
    /* the card being read, NULL before the first */
    card *c;
    /* the current card is being skipped (a warning said why) */
    int skip;
    /* question text (heading + body lines) */
    md_text q;
    /* quote before the choices (quizdown's hint) */
    md_text hint;
    /* the choice being read, its mark, and 1 while one is being read */
    md_text ch;
    int ch_right;
    int ch_open;
    /* explanation, paragraphs separated by "\n"; ex_blank: a blank line was seen inside it */
    md_text ex;
    int ex_blank;
    /* deck description */
    md_text desc;
    /* quizdown: the comment of the right choice (an indented "> " under it), the explanation
     * when the card has none */
    md_text cm;
} md;

static size_t text_len(const md_text *t)
{
    return t->copied ? t->b.len : t->n;
}

static const char *text_str(const md_text *t)
{
    return t->copied ? t->b.s : t->p ? t->p : "";
}

static void text_reset(md_text *t)
{
    t->p = NULL;
    t->n = 0;
    t->b.len = 0;
    t->copied = 0;
}

/* Appends s[0..n) as it is. */
static void text_raw(md_text *t, const char *s, size_t n)
{
    if (!t->copied && !t->p) {
        t->p = s;
        t->n = n;
        return;
    }
    if (!n)
        return;
    if (!t->copied) {
        t->b.len = 0;
        sb_append(&t->b, t->p, t->n);
        t->copied = 1;
    }
    sb_append(&t->b, s, n);
}

static char text_last(const md_text *t)
{
    size_t n = text_len(t);
    return n ? text_str(t)[n - 1] : 0;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Appends a line of text, with a space between it and what came before. */
static void add_text(md_text *t, const char *s, size_t n)
{
    if (text_len(t))
        text_raw(t, " ", 1);
    text_raw(t, s, n);
}

static char *clean_text(deck *d, const md_text *t)
{
    return deck_clean(d, text_str(t), text_len(t));
}

static void flush_choice(md *m)
{
    if (!m->ch_open)
        return;
    m->ch_open = 0;
    if (m->c && !m->skip)
        deck_add_choice(m->d, m->c, clean_text(m->d, &m->ch), m->ch_right);
    text_reset(&m->ch);
}

/* Cleans each "\n"-separated paragraph of t and joins them with "\n"; NULL when empty. */
static char *clean_paragraphs(deck *d, const md_text *t)
{
    size_t len = text_len(t);
    if (!len)
        return NULL;
    const char *s = text_str(t), *end = s + len;
    if (!memchr(s, '\n', len)) {
        char *p = deck_clean(d, s, len);
        return *p ? p : NULL;
    }
    strbuf out = {0};
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        char *p = deck_clean(d, s, (size_t)(e - s));
        if (*p) {
            if (out.len)
                sb_append(&out, "\n", 1);
            sb_puts(&out, p);
        }
        s = nl ? nl + 1 : end;
    }
    char *r = out.len ? deck_strndup(d, out.s, out.len) : NULL;
    sb_free(&out);
    return r;
}

static void end_card(md *m)
{
    flush_choice(m);
    if (m->c) {
        if (m->skip) {
            deck_drop_card(m->d);
        } else {
            m->c->question = clean_text(m->d, &m->q);
            m->c->hint = text_len(&m->hint) ? clean_text(m->d, &m->hint) : NULL;
            m->c->explanation = clean_paragraphs(m->d, text_len(&m->ex) ? &m->ex : &m->cm);
        }
    }
    m->c = NULL;
    m->skip = 0;
    text_reset(&m->q);
    text_reset(&m->hint);
    text_reset(&m->ch);
    text_reset(&m->ex);
    text_reset(&m->cm);
    m->ex_blank = 0;
}

/* 1 if the line is only a Markdown image, ![alt](url). */
static int image_line(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n < 5 || s[0] != '!' || s[1] != '[' || s[n - 1] != ')')
        return 0;
    const char *close = memchr(s, ']', n);
    return close && close + 1 < s + n && close[1] == '(' && !memchr(close, '\n', (size_t)(s + n - close));
}

/* A problem with the card being read: an error in our format; in quizdown (an import) the card
 * is skipped with why counted. */
static void problem(md *m, int line, const char *why, const char *msg)
{
    if (!m->quizdown) {
        deck_error(m->d, line, "%s", msg);
        return;
    }
    deck_skip(m->d, m->c ? m->c->line : line, why, "%s (line %d)", msg, line);
    m->skip = 1;
}

/* Appends heading text, without the backslash at esc that escaped a closing run of #. */
static void heading_text(md_text *b, const char *t, size_t tn, size_t esc)
{
    if (esc >= tn) {
        text_raw(b, t, tn);
        return;
    }
    text_raw(b, t, esc);
    text_raw(b, t + esc + 1, tn - esc - 1);
}

static void start_card(md *m, int line, const char *s, size_t n, size_t esc)
{
    end_card(m);
    m->c = deck_add_card(m->d, line);
    m->ph = PH_META;
    heading_text(&m->q, s, n, esc);
}

/* Heading level (1..6) of the line, 0 if it is not an ATX heading; *text and *tn get its text.
 * A closing run of # after a space is not text (CommonMark); one after a backslash is ("C \#",
 * as the writer escapes it): *esc is then the backslash's offset in the text, for the caller to
 * drop, else (size_t)-1. */
static int heading(const char *s, size_t n, const char **text, size_t *tn, size_t *esc)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    size_t h = 0;
    while (i + h < n && s[i + h] == '#')
        h++;
    if (h == 0 || h > 6 || (i + h < n && s[i + h] != ' ' && s[i + h] != '\t'))
        return 0;
    const char *t = s + i + h;
    size_t len = n - i - h;
    while (len && isspace((unsigned char)*t))
        t++, len--;
    while (len && isspace((unsigned char)t[len - 1]))
        len--;
    /* an optional closing run of #, after a space */
    size_t k = len;
    *esc = (size_t)-1;
    while (k && t[k - 1] == '#')
        k--;
    if (k < len && k > 0 && t[k - 1] == '\\') {
        *esc = k - 1;
    } else if (k < len && (k == 0 || t[k - 1] == ' ' || t[k - 1] == '\t')) {
        len = k;
        while (len && isspace((unsigned char)t[len - 1]))
            len--;
    }
    *text = t;
    *tn = len;
    return (int)h;
}

/* List item: returns 1 and sets *mark (1 [x], 0 [ ], -1 none) and the item text. *ordered is 1
 * for "1." / "1)" bullets. Leading indentation is in *indent. */
static int list_item(const char *s, size_t n, int *mark, int *ordered, size_t *indent,
                     const char **text, size_t *tn)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *indent = i;
    *ordered = 0;
    if (i < n && (s[i] == '-' || s[i] == '*' || s[i] == '+')) {
        i++;
    } else {
        size_t j = i;
        while (j < n && j - i < 9 && isdigit((unsigned char)s[j]))
            j++;
        if (j == i || j >= n || (s[j] != '.' && s[j] != ')'))
            return 0;
        *ordered = 1;
        i = j + 1;
    }
    if (i < n && s[i] != ' ' && s[i] != '\t')
        return 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *mark = -1;
    if (i + 2 < n + 0 && s[i] == '[' && s[i + 2] == ']' &&
        (s[i + 1] == 'x' || s[i + 1] == 'X' || s[i + 1] == ' ') &&
        (i + 3 == n || s[i + 3] == ' ' || s[i + 3] == '\t')) {
        *mark = s[i + 1] != ' ';
        i += 3;
    } else if (i + 2 == n && s[i] == '[' && s[i + 1] == ']') {
        /* "- []" is a common slip for "- [ ]" */
        *mark = 0;
        i += 2;
    }
    *text = s + i;
    *tn = n - i;
    return 1;
}

/* "key: value" with a known key; returns the key index (0 level, 1 tags, 2 time) or -1. */
static int meta_key(const char *s, size_t n, const char **val, size_t *vn)
{
    static const char *const keys[] = {"level", "tags", "time"};
    for (int k = 0; k < 3; k++) {
        size_t kl = strlen(keys[k]);
        if (n > kl && !strncasecmp(s, keys[k], kl)) {
            size_t i = kl;
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++;
            if (i < n && s[i] == ':') {
                i++;
                while (i < n && isspace((unsigned char)s[i]))
                    i++;
                size_t e = n;
                while (e > i && isspace((unsigned char)s[e - 1]))
                    e--;
                *val = s + i;
                *vn = e - i;
                return k;
            }
        }
    }
    return -1;
}

static void do_meta(md *m, int key, const char *v, size_t vn, int line)
{
    char buf[64];
    size_t n = vn < sizeof buf - 1 ? vn : sizeof buf - 1;
    memcpy(buf, v, n);
    buf[n] = 0;
    if (key == 0) {
        if (vn >= sizeof buf - 1 || deck_parse_level(buf, &m->c->level) != 0)
            deck_error(m->d, line, "level must be easy, medium or hard, not \"%s\"",
                       deck_excerpt(m->d, v, vn, 40));
    } else if (key == 1) {
        const char *p = v, *end = v + vn;
        while (p < end) {
            const char *comma = memchr(p, ',', (size_t)(end - p));
            const char *e = comma ? comma : end;
            deck_add_tag(m->d, m->c, p, (size_t)(e - p));
            p = comma ? comma + 1 : end;
        }
    } else {
        char *endp;
        long t = strtol(buf, &endp, 10);
        if (vn >= sizeof buf - 1 || endp == buf || *endp || t < 1 || t > DECK_MAX_TIME_S)
            deck_error(m->d, line, "time must be 1 to %d seconds, not \"%s\"", DECK_MAX_TIME_S,
                       deck_excerpt(m->d, v, vn, 40));
        else
            m->c->time_s = (int)t;
    }
}

/* Strips one level of quote marker; returns 1 if the line is a quote. */
static int quote(const char *s, size_t n, const char **text, size_t *tn)
{
    size_t i = 0;
    while (i < n && i < 3 && s[i] == ' ')
        i++;
    if (i >= n || s[i] != '>')
        return 0;
    i++;
    if (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *text = s + i;
    *tn = n - i;
    return 1;
}

/* 1 if the n bytes at s contain "-->". */
static int has_comment_end(const char *s, size_t n);

int deck_md_embedded(const char *t, size_t n)
{
    /* ```quizdown, ```{quizdown}, ~~~quizdown */
    if (n >= 11 && (!memcmp(t, "```", 3) || !memcmp(t, "~~~", 3))) {
        size_t i = 3;
        while (i < n && (t[i] == ' ' || t[i] == '{'))
            i++;
        return n - i >= 8 && !strncasecmp(t + i, "quizdown", 8) &&
               (n - i == 8 || t[i + 8] == '}' || t[i + 8] == ' ');
    }
    /* <div class="quizdown"> */
    if (n >= 4 && !strncasecmp(t, "<div", 4)) {
        for (size_t i = 4; i + 15 <= n; i++)
            if (!strncasecmp(t + i, "class=", 6) && (t[i + 6] == '"' || t[i + 6] == '\'') &&
                !strncasecmp(t + i + 7, "quizdown", 8) &&
                (i + 15 == n || t[i + 15] == t[i + 6] || t[i + 15] == ' '))
                return 2;
        return 0;
    }
    /* {{< quizdown >}} (hugo) */
    if (n >= 12 && (!memcmp(t, "{{<", 3) || !memcmp(t, "{{%", 3))) {
        size_t i = 3;
        while (i < n && t[i] == ' ')
            i++;
        return n - i >= 8 && !strncasecmp(t + i, "quizdown", 8) ? 3 : 0;
    }
    return 0;
}

/* 1 if the trimmed line ends an embedded region of the given kind. */
static int embedded_end(int kind, const char *t, size_t n)
{
    if (kind == 1)
        return n >= 3 && (!memcmp(t, "```", 3) || !memcmp(t, "~~~", 3));
    if (kind == 2)
        return n >= 6 && !strncasecmp(t, "</div>", 6);
    if (n < 4 || (memcmp(t, "{{<", 3) != 0 && memcmp(t, "{{%", 3) != 0))
        return 0;
    size_t i = 3;
    while (i < n && t[i] == ' ')
        i++;
    return i < n && t[i] == '/';
}

static void trim_line(const char **t, size_t *n)
{
    while (*n && (**t == ' ' || **t == '\t'))
        (*t)++, (*n)--;
    while (*n && isspace((unsigned char)(*t)[*n - 1]))
        (*n)--;
}

/* When buf holds quizdown regions (a fenced block, a <div class="quizdown">, a hugo shortcode),
 * returns a copy with the same lines in which every line outside them is empty and the lines
 * inside lose the region's common indentation (as quizdown strips it), so that line numbers
 * stay the file's; NULL when there is none. */
static char *extract_embedded(const char *buf, size_t len)
{
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    strbuf out = {0};
    int kind = 0, found = 0;
    const char *start = NULL; /* the first line inside the current region */
    int start_lines = 0;
    while (line_next(&it, &s, &n)) {
        const char *t = s;
        size_t tn = n;
        trim_line(&t, &tn);
        if (!kind) {
            kind = deck_md_embedded(t, tn);
            if (kind) {
                found = 1;
                start = it.p;
                start_lines = 0;
            }
            sb_append(&out, "\n", 1);
            continue;
        }
        if (!embedded_end(kind, t, tn)) {
            start_lines++;
            continue;
        }
        /* the region's lines, from start: first their common indentation */
        line_iter r;
        line_iter_init(&r, start, (size_t)(s - start));
        const char *u;
        size_t un, indent = (size_t)-1;
        for (int k = 0; k < start_lines && line_next(&r, &u, &un); k++) {
            size_t i = 0;
            while (i < un && (u[i] == ' ' || u[i] == '\t'))
                i++;
            if (i < un && i < indent)
                indent = i;
        }
        line_iter_init(&r, start, (size_t)(s - start));
        for (int k = 0; k < start_lines && line_next(&r, &u, &un); k++) {
            size_t cut = indent < un ? indent : un;
            sb_append(&out, u + cut, un - cut);
            sb_append(&out, "\n", 1);
        }
        sb_append(&out, "\n", 1);
        kind = 0;
    }
    if (!found) {
        sb_free(&out);
        return NULL;
    }
    if (!out.s)
        sb_append(&out, "", 0);
    return out.s;
}

/* Heading level of a line outside fences and comments, for is_quizdown; 0 if none. */
static int heading(const char *s, size_t n, const char **text, size_t *tn, size_t *esc);
static int list_item(const char *s, size_t n, int *mark, int *ordered, size_t *indent,
                     const char **text, size_t *tn);

/* Decides the dialect: ours when a ## heading is a card, quizdown when there is none, or when a
 * heading of another level is followed by task-list choices (quizdown's docs write ### and
 * ####), or when the file embeds quizdown. Fences and HTML comments are skipped as the reader
 * below skips them. */
static int is_quizdown_text(const char *buf, size_t len, int *embedded)
{
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s, *t;
    size_t n, tn, esc, ind;
    int fence = 0, comment = 0, h2 = 0, last = 0, any = 0, mark, ord;
    *embedded = 0;
    while (line_next(&it, &s, &n)) {
        if (comment) {
            comment = !has_comment_end(s, n);
            continue;
        }
        if (!fence && n >= 4 && !memcmp(s, "<!--", 4)) {
            comment = !has_comment_end(s + 4, n - 4);
            continue;
        }
        t = s, tn = n;
        trim_line(&t, &tn);
        if (!fence && deck_md_embedded(t, tn)) {
            *embedded = 1;
            return 1;
        }
        int h;
        if (n >= 3 && (!memcmp(s, "```", 3) || !memcmp(s, "~~~", 3)))
            fence = !fence;
        else if (!fence && (h = heading(s, n, &t, &tn, &esc)) != 0) {
            h2 |= h == 2;
            last = h;
            any = 1;
        } else if (!fence && last && list_item(s, n, &mark, &ord, &ind, &t, &tn) &&
                   ((last != 2 && mark >= 0) || (ord && mark < 0)))
            /* task-list choices under another heading level, or an ordered list without marks
             * (quizdown's sequence question; in our format it would be an error) */
            return 1;
    }
    /* no heading at all is no quizdown either: our format's "no cards" message says more */
    return any && !h2;
}

int deck_md_is_quizdown(const char *buf, size_t len)
{
    int embedded;
    return is_quizdown_text(buf, len, &embedded);
}

/* 1 if the n bytes at s contain "-->". */
static int has_comment_end(const char *s, size_t n)
{
    const char *end = s + n;
    for (const char *p = s; end - p >= 3; p++) {
        p = memchr(p, '-', (size_t)(end - p - 2));
        if (!p)
            return 0;
        if (p[1] == '-' && p[2] == '>')
            return 1;
    }
    return 0;
}

void deck_read_md(deck *d, const char *buf, size_t len)
{
    md m = {0};
    m.d = d;
    int embedded;
    m.quizdown = is_quizdown_text(buf, len, &embedded);
    char *inner = embedded ? extract_embedded(buf, len) : NULL;
    if (inner) {
        buf = inner;
        len = strlen(inner);
    }
    if (m.quizdown)
        d->format = "quizdown";
    m.ph = PH_HEAD;
    int have_title = 0, fence = 0, comment = 0;
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    while (line_next(&it, &s, &n)) {
        int line = it.line;
        const char *t;
        size_t tn, esc;
        /* YAML front matter (quizdown's settings) */
        if (line == 1 && n >= 3 && !memcmp(s, "---", 3) && is_blank(s + 3, n - 3)) {
            while (line_next(&it, &s, &n) && !(n >= 3 && !memcmp(s, "---", 3)))
                ;
            continue;
        }
        if (comment) {
            if (has_comment_end(s, n))
                comment = 0;
            continue;
        }
        if (!fence && n >= 4 && !memcmp(s, "<!--", 4)) {
            if (!has_comment_end(s + 4, n - 4))
                comment = 1;
            continue;
        }
        int is_fence = n >= 3 && (!memcmp(s, "```", 3) || !memcmp(s, "~~~", 3));
        if (is_fence)
            fence = !fence;
        int h = (fence || is_fence) ? 0 : heading(s, n, &t, &tn, &esc);
        if (h == 1 && !m.quizdown && !have_title && !m.c) {
            md_text title = {0};
            heading_text(&title, t, tn, esc);
            d->title = clean_text(d, &title);
            sb_free(&title.b);
            have_title = 1;
            continue;
        }
        if ((h == 2 && !m.quizdown) || (h && m.quizdown)) {
            start_card(&m, line, t, tn, esc);
            continue;
        }
        /* quizdown: a question's own options (---, shuffleAnswers: false, ---) */
        if (m.quizdown && m.c && m.ph == PH_META && n >= 3 && !memcmp(s, "---", 3) &&
            is_blank(s + 3, n - 3)) {
            while (line_next(&it, &s, &n) && !(n >= 3 && !memcmp(s, "---", 3)))
                ;
            continue;
        }
        /* quizdown: the quiz's options before the first question (a page's own block is
         * not on line 1), and a line that is only an image, which a card cannot show */
        if (m.quizdown && !m.c && n >= 3 && !memcmp(s, "---", 3) && is_blank(s + 3, n - 3)) {
            while (line_next(&it, &s, &n) && !(n >= 3 && !memcmp(s, "---", 3)))
                ;
            continue;
        }
        if (m.quizdown && !fence && image_line(s, n))
            continue;
        if (!m.c) {
            /* before the first card: the description. A backslash before a character that
             * would make the line something else (as the writer escapes it) is dropped. */
            if (h || is_blank(s, n) || (n >= 3 && !memcmp(s, "---", 3)))
                continue;
            if (have_title && n >= 2 && s[0] == '\\' && strchr("#`~<-\\", s[1]))
                add_text(&m.desc, s + 1, n - 1);
            else if (have_title)
                add_text(&m.desc, s, n);
            else
                deck_warn_each(d, line, "lines before the first question ignored",
                               m.quizdown ? "text before the first question is ignored (a "
                                            "question starts with a heading)"
                                          : "text before the first question is ignored (a "
                                            "question starts with \"## \")");
            continue;
        }
        if (m.skip)
            continue;
        if (is_blank(s, n)) {
            if (m.ph == PH_CHOICES)
                flush_choice(&m);
            if (m.ph == PH_EXPL)
                m.ex_blank = 1;
            continue;
        }
        if (!fence && !is_fence && n >= 3 && is_blank(s + 3, n - 3) &&
            (!memcmp(s, "---", 3) || !memcmp(s, "***", 3)))
            continue;
        int mark, ordered;
        size_t indent;
        const char *it_text;
        size_t it_n;
        if (!fence && !is_fence && list_item(s, n, &mark, &ordered, &indent, &it_text, &it_n) &&
            (indent < 2 || !m.ch_open) && m.ph != PH_EXPL) {
            if (mark < 0) {
                if (ordered && m.quizdown) {
                    deck_skip(d, m.c->line, "sequence",
                              "ordered-list (sequence) questions cannot be played with one tap");
                    m.skip = 1;
                    continue;
                }
                problem(&m, line, "unmarked choice",
                        "a choice needs a mark: \"- [x] right\" or \"- [ ] wrong\"");
                continue;
            }
            flush_choice(&m);
            m.ph = PH_CHOICES;
            m.ch_open = 1;
            m.ch_right = mark;
            text_reset(&m.ch);
            text_raw(&m.ch, it_text, it_n);
            continue;
        }
        /* quizdown: "> comment" indented under a choice is that choice's comment */
        if (m.quizdown && m.ph == PH_CHOICES && m.ch_open && !fence && !is_fence && n &&
            (s[0] == ' ' || s[0] == '\t')) {
            const char *u = s;
            size_t un = n;
            trim_line(&u, &un);
            if (un && u[0] == '>') {
                if (m.ch_right && !text_len(&m.cm))
                    text_raw(&m.cm, u + 1, un - 1);
                continue;
            }
        }
        if (!fence && !is_fence && quote(s, n, &t, &tn)) {
            if (m.ph == PH_META) {
                add_text(&m.hint, t, tn);
            } else {
                flush_choice(&m);
                if (m.ph == PH_AFTER) {
                    deck_warn_each(d, line, "ignored explanations",
                                   "a second explanation after other text is ignored");
                    continue;
                }
                if (m.ph == PH_EXPL && (is_blank(t, tn) || m.ex_blank)) {
                    if (text_len(&m.ex) && text_last(&m.ex) != '\n')
                        text_raw(&m.ex, "\n", 1);
                } else if (text_len(&m.ex) && text_last(&m.ex) != '\n') {
                    text_raw(&m.ex, " ", 1);
                }
                m.ex_blank = 0;
                text_raw(&m.ex, t, tn);
                m.ph = PH_EXPL;
            }
            continue;
        }
        /* plain text */
        const char *val;
        size_t vn;
        int key;
        if (m.ph == PH_META && (key = meta_key(s, n, &val, &vn)) >= 0) {
            do_meta(&m, key, val, vn, line);
        } else if (m.ph == PH_META) {
            add_text(&m.q, s, n);
        } else if (m.ph == PH_CHOICES && m.ch_open) {
            add_text(&m.ch, s, n);
        } else if (m.ph == PH_EXPL && !m.ex_blank) {
            text_raw(&m.ex, " ", 1);
            text_raw(&m.ex, s, n);
        } else if (m.ph == PH_CHOICES) {
            problem(&m, line, "text between choices",
                    "text between the choices: a choice starts with \"- [x]\" or \"- [ ]\", "
                    "the explanation with \">\"");
        } else {
            deck_warn_each(d, line, "lines after an explanation ignored",
                           "text after the explanation is ignored");
            m.ph = PH_AFTER;
        }
    }
    end_card(&m);
    if (text_len(&m.desc))
        d->description = clean_text(d, &m.desc);
    sb_free(&m.q.b);
    sb_free(&m.hint.b);
    sb_free(&m.ch.b);
    sb_free(&m.ex.b);
    sb_free(&m.desc.b);
    sb_free(&m.cm.b);
    free(inner);
}
