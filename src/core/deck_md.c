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
 * lines and --- rules are skipped. Deeper headings (###) inside a card are text. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "deck_import.h"

typedef enum phase { PH_HEAD, PH_META, PH_CHOICES, PH_EXPL, PH_AFTER } phase;

typedef struct md {
    deck *d;
    const char *name;
    diag_list *diags;
    /* 1 when # headings are questions (quizdown) */
    int quizdown;
    phase ph;
    card *c;
    int skip;     /* the current card is being skipped (a warning said why) */
    strbuf q;     /* question text (heading + body lines) */
    strbuf hint;  /* quote before the choices */
    strbuf ch;    /* the choice being read */
    int ch_right; /* its mark */
    int ch_open;  /* 1 while a choice is being read */
    strbuf ex;    /* explanation, paragraphs separated by "\n" */
    int ex_blank; /* a blank line was seen inside the explanation */
    strbuf desc;  /* deck description */
} md;

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

static void add_text(strbuf *b, const char *s, size_t n)
{
    if (b->len)
        sb_append(b, " ", 1);
    sb_append(b, s, n);
}

static void flush_choice(md *m)
{
    if (!m->ch_open)
        return;
    m->ch_open = 0;
    if (m->c && !m->skip)
        deck_add_choice(m->d, m->c, deck_clean(m->d, m->ch.s ? m->ch.s : "", m->ch.len),
                        m->ch_right);
    m->ch.len = 0;
}

/* Cleans each "\n"-separated paragraph of b and joins them with "\n"; NULL when empty. */
static char *clean_paragraphs(deck *d, const strbuf *b)
{
    if (!b->len)
        return NULL;
    strbuf out = {0};
    const char *s = b->s, *end = b->s + b->len;
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
            m->d->ncards--; /* the skipped card is the last one */
        } else {
            m->c->question = deck_clean(m->d, m->q.s ? m->q.s : "", m->q.len);
            m->c->hint = m->hint.len ? deck_clean(m->d, m->hint.s, m->hint.len) : NULL;
            m->c->explanation = clean_paragraphs(m->d, &m->ex);
        }
    }
    m->c = NULL;
    m->skip = 0;
    m->q.len = m->hint.len = m->ch.len = m->ex.len = 0;
    m->ex_blank = 0;
}

static void start_card(md *m, int line, const char *s, size_t n)
{
    end_card(m);
    m->c = deck_add_card(m->d, line);
    m->ph = PH_META;
    add_text(&m->q, s, n);
}

/* Heading level (1..6) of the line, 0 if it is not an ATX heading; *text and *tn get its text. */
static int heading(const char *s, size_t n, const char **text, size_t *tn)
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
    while (k && t[k - 1] == '#')
        k--;
    if (k < len && (k == 0 || t[k - 1] == ' ')) {
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
        if (deck_parse_level(buf, &m->c->level) != 0)
            deck_diag(m->diags, m->name, line, 1,
                      "level must be easy, medium or hard, not \"%.40s\"", buf);
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
            deck_diag(m->diags, m->name, line, 1, "time must be 1 to %d seconds, not \"%.40s\"",
                      DECK_MAX_TIME_S, buf);
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

/* Decides the dialect: ours when any line is a ## heading, quizdown otherwise. */
static int is_quizdown(const char *buf, size_t len)
{
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s, *t;
    size_t n, tn;
    int fence = 0;
    while (line_next(&it, &s, &n)) {
        if (n >= 3 && !memcmp(s, "```", 3))
            fence = !fence;
        if (!fence && heading(s, n, &t, &tn) == 2)
            return 0;
    }
    return 1;
}

void deck_read_md(deck *d, const char *name, const char *buf, size_t len, diag_list *diags)
{
    md m = {0};
    m.d = d;
    m.name = name;
    m.diags = diags;
    m.quizdown = is_quizdown(buf, len);
    m.ph = PH_HEAD;
    int have_title = 0, fence = 0, comment = 0;
    line_iter it;
    line_iter_init(&it, buf, len);
    const char *s;
    size_t n;
    while (line_next(&it, &s, &n)) {
        int line = it.line;
        const char *t;
        size_t tn;
        /* YAML front matter (quizdown's settings) */
        if (line == 1 && n >= 3 && !memcmp(s, "---", 3) && is_blank(s + 3, n - 3)) {
            while (line_next(&it, &s, &n) && !(n >= 3 && !memcmp(s, "---", 3)))
                ;
            continue;
        }
        if (comment) {
            if (n >= 3 && strstr(deck_strndup(d, s, n), "-->"))
                comment = 0;
            continue;
        }
        if (!fence && n >= 4 && !memcmp(s, "<!--", 4)) {
            char *l = deck_strndup(d, s, n);
            if (!strstr(l + 4, "-->"))
                comment = 1;
            continue;
        }
        int is_fence = n >= 3 && (!memcmp(s, "```", 3) || !memcmp(s, "~~~", 3));
        if (is_fence)
            fence = !fence;
        int h = (fence || is_fence) ? 0 : heading(s, n, &t, &tn);
        if (h == 1 && !m.quizdown && !have_title && !m.c) {
            d->title = deck_clean(d, t, tn);
            have_title = 1;
            continue;
        }
        if ((h == 2 && !m.quizdown) || (h == 1 && m.quizdown)) {
            start_card(&m, line, t, tn);
            continue;
        }
        if (!m.c) {
            /* before the first card: the description */
            if (h || is_blank(s, n) || (n >= 3 && !memcmp(s, "---", 3)))
                continue;
            if (have_title)
                add_text(&m.desc, s, n);
            else
                deck_diag(diags, name, line, 0,
                          "text before the first question is ignored (a question starts with "
                          "\"## \")");
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
                if (ordered) {
                    deck_diag(diags, name, m.c->line, 0,
                              "ordered-list (sequence) questions are not supported; card "
                              "skipped");
                    m.skip = 1;
                    continue;
                }
                deck_diag(diags, name, line, 1,
                          "a choice needs a mark: \"- [x] right\" or \"- [ ] wrong\"");
                continue;
            }
            flush_choice(&m);
            m.ph = PH_CHOICES;
            m.ch_open = 1;
            m.ch_right = mark;
            m.ch.len = 0;
            sb_append(&m.ch, it_text, it_n);
            continue;
        }
        if (!fence && !is_fence && quote(s, n, &t, &tn)) {
            if (m.ph == PH_META) {
                add_text(&m.hint, t, tn);
            } else {
                flush_choice(&m);
                if (m.ph == PH_AFTER) {
                    deck_diag(diags, name, line, 0,
                              "a second explanation after other text is ignored");
                    continue;
                }
                if (m.ph == PH_EXPL && (is_blank(t, tn) || m.ex_blank)) {
                    if (m.ex.len && m.ex.s[m.ex.len - 1] != '\n')
                        sb_append(&m.ex, "\n", 1);
                } else if (m.ex.len && m.ex.s[m.ex.len - 1] != '\n') {
                    sb_append(&m.ex, " ", 1);
                }
                m.ex_blank = 0;
                sb_append(&m.ex, t, tn);
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
            sb_append(&m.ex, " ", 1);
            sb_append(&m.ex, s, n);
        } else if (m.ph == PH_CHOICES) {
            deck_diag(diags, name, line, 1,
                      "text between the choices: a choice starts with \"- [x]\" or \"- [ ]\", "
                      "the explanation with \">\"");
        } else {
            deck_diag(diags, name, line, 0, "text after the explanation is ignored");
            m.ph = PH_AFTER;
        }
    }
    end_card(&m);
    if (m.desc.len)
        d->description = deck_clean(d, m.desc.s, m.desc.len);
    sb_free(&m.q);
    sb_free(&m.hint);
    sb_free(&m.ch);
    sb_free(&m.ex);
    sb_free(&m.desc);
}
