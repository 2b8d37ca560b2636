/* deck_tsv.c: reads tab-separated question banks, as Anki ("Notes in Plain Text"), Quizlet and
 * spreadsheets export them: one card per line, question<TAB>answer[<TAB>tags]. The answer is
 * the right choice; the wrong ones are borrowed from other cards' answers when a round is built.
 *
 * Anki's file headers (the # lines at the top; after them a # line is a comment) are read as
 * Anki reads them (rslib/src/import_export/text/csv/metadata.rs):
 *   #separator:tab|comma|semicolon|pipe|colon|space, or the character itself
 *   #html:true|false     true: tags dropped (<br>, <div> leave a space), entities decoded;
 *                        without the header, HTML when one of the first lines holds a tag
 *   #tags column:N       the column (from 1) of the card's tags, separated by spaces
 *   #notetype column:N, #deck column:N, #guid column:N: columns that are not card text
 *   #tags:a b            tags of every card (also Anki's old first line "tags:a b")
 *   #columns:, #notetype:, #deck:, #if matches: are read and have no effect here.
 * Without #separator: a tab when the data has one, else comma for a .csv file or a first line
 * holding a comma, else semicolon or pipe likewise. Fields may be quoted ("a ""quoted""
 * field", which may hold the separator and line breaks). Without #tags column, a third text
 * column is the tags. Anki's [sound:x.mp3] references are dropped.
 *
 * Anki cloze notes ("{{c1::Paris}} is the capital of {{c2::France::country}}") become one card
 * per cloze number: that number's deletions are the blank "_____" (with the hint, if any) and
 * the right answer, the others are shown; the second column (Back Extra) is the explanation. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deck_import.h"

#define TSV_MAX_FIELDS 32
/* Most cloze numbers that become cards, per note. */
#define TSV_MAX_CLOZES 20

typedef struct tsv_opts {
    /* the field separator, 0 until known */
    char sep;
    /* 1 HTML, 0 plain text, -1 not said (guessed from the data) */
    int html;
    /* 0-based column of the tags, or -1 (default: the third of the text columns) */
    int tags_col;
    /* columns that are not card text (guid, notetype, deck), as a bit set */
    unsigned skip_cols;
    /* #tags: tags of every card, separated by spaces */
    const char *global_tags;
    size_t global_tags_n;
    /* #columns: the column names, separated by the separator (NULL when not given) */
    const char *columns;
    size_t columns_n;
    /* #notetype: is a cloze type (its first text column holds the clozes) */
    int cloze_type;
} tsv_opts;

static const struct {
    const char *word;
    char c;
} seps[] = {{"tab", '\t'},  {"comma", ','}, {"semicolon", ';'},
            {"pipe", '|'},  {"colon", ':'}, {"space", ' '}};

static const char *sep_name(char c)
{
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (seps[i].c == c)
            return seps[i].word;
    return "separator";
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s))
        (*s)++, (*n)--;
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static int col_number(const char *v, size_t vn)
{
    trim(&v, &vn);
    int c = 0;
    for (size_t i = 0; i < vn; i++) {
        if (!isdigit((unsigned char)v[i]) || c > 1000)
            return -1;
        c = c * 10 + (v[i] - '0');
    }
    return vn && c >= 1 && c <= TSV_MAX_FIELDS ? c - 1 : -1;
}

/* One "#key:value" header line (s starts after the #). */
static void read_header(deck *d, tsv_opts *o, const char *s, size_t n, int line)
{
    const char *colon = memchr(s, ':', n);
    if (!colon)
        return; /* a comment */
    const char *k = s, *v = colon + 1;
    size_t kn = (size_t)(colon - s), vn = n - kn - 1;
    trim(&k, &kn);
    /* a value of one byte is taken as it is ("#separator: " is a space) */
    const char *raw = v;
    size_t rawn = vn;
    trim(&v, &vn);
    if (kn == 9 && !strncasecmp(k, "separator", 9)) {
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
            if ((vn == strlen(seps[i].word) && !strncasecmp(v, seps[i].word, vn)) ||
                (rawn == 1 && raw[0] == seps[i].c)) {
                o->sep = seps[i].c;
                return;
            }
        }
        deck_warn(d, line,
                  "unknown separator \"%s\" (Anki's are tab, comma, semicolon, pipe, colon and "
                  "space); guessing it from the data",
                  deck_excerpt(d, raw, rawn, 20));
    } else if (kn == 4 && !strncasecmp(k, "html", 4)) {
        if (vn == 4 && !strncasecmp(v, "true", 4))
            o->html = 1;
        else if (vn == 5 && !strncasecmp(v, "false", 5))
            o->html = 0;
        else
            deck_warn(d, line, "#html must be true or false, not \"%s\"; guessing it from the data",
                      deck_excerpt(d, v, vn, 20));
    } else if (kn == 4 && !strncasecmp(k, "tags", 4)) {
        /* a copy: every card reads it, and the file's own text may be cleaned in place */
        o->global_tags = deck_strndup(d, v, vn);
        o->global_tags_n = vn;
    } else if (kn == 7 && !strncasecmp(k, "columns", 7)) {
        o->columns = deck_strndup(d, raw, rawn);
        o->columns_n = rawn;
    } else if (kn == 8 && !strncasecmp(k, "notetype", 8)) {
        for (size_t i = 0; i + 5 <= vn; i++)
            if (!strncasecmp(v + i, "cloze", 5))
                o->cloze_type = 1;
    } else if (kn == 11 && !strncasecmp(k, "tags column", 11)) {
        int c = col_number(v, vn);
        if (c < 0)
            deck_warn(d, line, "#tags column must be a column number, 1 to %d, not \"%s\"; ignored",
                      TSV_MAX_FIELDS, deck_excerpt(d, v, vn, 20));
        else
            o->tags_col = c;
    } else if ((kn == 11 && !strncasecmp(k, "guid column", 11)) ||
               (kn == 15 && !strncasecmp(k, "notetype column", 15)) ||
               (kn == 11 && !strncasecmp(k, "deck column", 11))) {
        int c = col_number(v, vn);
        if (c < 0)
            deck_warn(d, line, "#%.*s must be a column number, 1 to %d, not \"%s\"; ignored",
                      (int)kn, k, TSV_MAX_FIELDS, deck_excerpt(d, v, vn, 20));
        else
            o->skip_cols |= 1u << c;
    }
}

/* End of the line at p (its \r or \n, or end). */
static const char *line_end(const char *p, const char *end)
{
    while (p < end && *p != '\n' && *p != '\r')
        p++;
    return p;
}

static const char *next_line(const char *p, const char *end)
{
    if (p < end && *p == '\r')
        p++;
    if (p < end && *p == '\n')
        p++;
    return p;
}

/* The separator of data without a #separator header: a tab when the first 64 KB hold one; else
 * comma, semicolon or pipe, whichever the first data line holds (comma for a .csv file). */
static char guess_sep(deck *d, const char *p, const char *end)
{
    size_t n = (size_t)(end - p) < 65536 ? (size_t)(end - p) : 65536;
    if (memchr(p, '\t', n))
        return '\t';
    const char *dot = strrchr(d->path, '.');
    if (dot && !strchr(dot, '/') && !strcasecmp(dot, ".csv"))
        return ',';
    while (p < end && (*p == '#' || *p == '\n' || *p == '\r'))
        p = next_line(line_end(p, end), end);
    const char *e = line_end(p, end);
    static const char cands[] = {',', ';', '|'};
    for (size_t i = 0; i < sizeof cands; i++)
        if (memchr(p, cands[i], (size_t)(e - p)))
            return cands[i];
    return '\t';
}

/* As Anki decides without #html: HTML when one of the first 5 data lines holds a tag
 * (<b>, </div>, <br/>) or an entity. */
static int looks_like_html(const char *p, const char *end)
{
    for (int lines = 0; p < end && lines < 5; lines++) {
        const char *e = line_end(p, end);
        /* the last '>' of the line: a tag must open before it */
        const char *gt = e;
        while (gt > p && gt[-1] != '>')
            gt--;
        for (const char *q = p; q < e; q++) {
            if (*q == '<' && q + 1 < gt &&
                (isalpha((unsigned char)q[1]) || q[1] == '/' || q[1] == '!'))
                return 1;
            if (*q == '&' && q + 2 < e && (isalpha((unsigned char)q[1]) || q[1] == '#')) {
                const char *r = q + 1;
                while (r < e && r < q + 10 && (isalnum((unsigned char)*r) || *r == '#'))
                    r++;
                if (r < e && *r == ';')
                    return 1;
            }
        }
        p = next_line(e, end);
    }
    return 0;
}

/* Drops Anki's [sound:file] references (media the game cannot play). */
static void drop_sounds(strbuf *b)
{
    if (!b->len)
        return;
    size_t o = 0;
    int closed = 1; /* a ']' may still come (once none is found, none will be) */
    for (size_t i = 0; i < b->len;) {
        if (closed && b->len - i >= 7 && !memcmp(b->s + i, "[sound:", 7)) {
            const char *close = memchr(b->s + i, ']', b->len - i);
            if (close) {
                i = (size_t)(close - b->s) + 1;
                b->s[o++] = ' ';
                continue;
            }
            closed = 0;
        }
        b->s[o++] = b->s[i++];
    }
    b->len = o;
    b->s[o] = 0;
}

/* Where "<hr id=answer>" (Anki's line between the question and the answer of a card, in a
 * "Cards in Plain Text" export) ends in s[0..n), or 0 when it is not there. */
static size_t answer_rule(const char *s, size_t n)
{
    for (size_t i = 0; i + 6 < n; i++) {
        if (s[i] != '<' || strncasecmp(s + i, "<hr", 3) != 0)
            continue;
        const char *gt = memchr(s + i, '>', n - i);
        if (!gt)
            return 0;
        size_t tl = (size_t)(gt - (s + i));
        for (size_t j = i; j + 9 <= i + tl; j++)
            if (!strncasecmp(s + j, "id=answer", 9) || !strncasecmp(s + j, "id=\"answer\"", 11) ||
                !strncasecmp(s + j, "id='answer'", 11))
                return (size_t)(gt - s) + 1;
    }
    return 0;
}

/* The text of a field: HTML removed when the file is HTML (a <br> kept as a line break, which
 * the text's clean-up folds), media references dropped. */
static void field_text(const tsv_opts *o, const char *s, size_t n, strbuf *out)
{
    out->len = 0;
    size_t rule = answer_rule(s, n);
    if (rule) {
        /* an answer side: what is above the rule is the question again */
        s += rule;
        n -= rule;
    }
    if (o->html || rule)
        deck_strip_html(s, n, out);
    else
        sb_append(out, s, n);
    if (!out->s)
        sb_append(out, "", 0);
    drop_sounds(out);
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Adds tags separated by spaces (Anki's way; commas work too). */
static void add_tags(deck *d, card *c, const char *t, size_t n)
{
    const char *end = t + n;
    while (t < end) {
        while (t < end && (*t == ' ' || *t == '\t'))
            t++;
        const char *e = t;
        while (e < end && *e != ' ' && *e != '\t')
            e++;
        if (e > t)
            deck_add_tag(d, c, t, (size_t)(e - t));
        t = e;
    }
}

/* One cloze deletion "{{cN::text}}" or "{{cN::text::hint}}" found at s[0..n). */
typedef struct cloze {
    /* its number, and where its text, hint and the whole deletion are */
    int num;
    size_t text, textn, hint, hintn, start, end;
} cloze;

/* Finds the deletion starting at s[i] ("{{c"); returns 1 and fills z, 0 when there is none,
 * -1 when no "}}" follows at all (so no later "{{c" can start one either). */
static int cloze_at(const char *s, size_t n, size_t i, cloze *z)
{
    if (n - i < 8 || memcmp(s + i, "{{c", 3) != 0 || !isdigit((unsigned char)s[i + 3]))
        return 0;
    size_t j = i + 3;
    int num = 0;
    while (j < n && isdigit((unsigned char)s[j]) && num < 1000)
        num = num * 10 + (s[j++] - '0');
    if (j + 1 >= n || s[j] != ':' || s[j + 1] != ':' || num < 1)
        return 0;
    size_t t = j + 2, k = t;
    while (k + 1 < n && !(s[k] == '}' && s[k + 1] == '}'))
        k++;
    if (k + 1 >= n)
        return -1;
    z->num = num;
    z->start = i;
    z->end = k + 2;
    z->text = t;
    z->textn = k - t;
    z->hint = z->hintn = 0;
    for (size_t h = t; h + 1 < k; h++) {
        if (s[h] == ':' && s[h + 1] == ':') {
            z->textn = h - t;
            z->hint = h + 2;
            z->hintn = k - h - 2;
            break;
        }
    }
    return 1;
}

/* Cards from a cloze note q (its raw field); back is the Back Extra field or NULL. Returns the
 * number of cards made, 0 when q holds no deletion. */
static int read_cloze(deck *d, const tsv_opts *o, const char *q, const char *back,
                      const char *tags, int line)
{
    size_t n = strlen(q);
    int nums[TSV_MAX_CLOZES], nnums = 0;
    cloze z;
    for (size_t i = 0; i < n; i++) {
        int r = q[i] == '{' ? cloze_at(q, n, i, &z) : 0;
        if (r < 0)
            break;
        if (!r)
            continue;
        int seen = 0;
        for (int k = 0; k < nnums; k++)
            seen |= nums[k] == z.num;
        if (!seen && nnums < TSV_MAX_CLOZES)
            nums[nnums++] = z.num;
        i = z.end - 1;
    }
    if (!nnums)
        return 0;
    /* in number order, as Anki makes the cards */
    for (int a = 1; a < nnums; a++)
        for (int b = a; b > 0 && nums[b - 1] > nums[b]; b--) {
            int t = nums[b];
            nums[b] = nums[b - 1];
            nums[b - 1] = t;
        }
    strbuf text = {0}, ans = {0}, tmp = {0};
    int made = 0;
    for (int k = 0; k < nnums; k++) {
        text.len = ans.len = 0;
        int more = 1;
        for (size_t i = 0; i < n;) {
            int r = more && q[i] == '{' ? cloze_at(q, n, i, &z) : 0;
            if (r < 0)
                more = 0;
            if (r > 0) {
                if (z.num == nums[k]) {
                    sb_puts(&text, "_____");
                    if (z.hintn) {
                        sb_puts(&text, " (");
                        sb_append(&text, q + z.hint, z.hintn);
                        sb_puts(&text, ")");
                    }
                    if (ans.len)
                        sb_puts(&ans, ", ");
                    sb_append(&ans, q + z.text, z.textn);
                } else {
                    sb_append(&text, q + z.text, z.textn);
                }
                i = z.end;
                continue;
            }
            sb_append(&text, q + i, 1);
            i++;
        }
        field_text(o, text.s, text.len, &tmp);
        char *question = deck_clean(d, tmp.s, tmp.len);
        field_text(o, ans.s ? ans.s : "", ans.len, &tmp);
        char *answer = deck_clean(d, tmp.s, tmp.len);
        made++;
        if (!*question || !*answer) {
            deck_warn_each(d, line, "cards skipped as only images or sounds",
                           "cloze card %d skipped: its %s is empty or only an image or a sound",
                           nums[k], *question ? "deletion" : "text");
            continue;
        }
        card *c = deck_add_card(d, line);
        c->question = question;
        deck_add_choice(d, c, answer, 1);
        if (back) {
            field_text(o, back, strlen(back), &tmp);
            if (!is_blank(tmp.s, tmp.len))
                c->explanation = deck_clean(d, tmp.s, tmp.len);
        }
        if (tags)
            add_tags(d, c, tags, strlen(tags));
        if (o->global_tags)
            add_tags(d, c, o->global_tags, o->global_tags_n);
    }
    sb_free(&text);
    sb_free(&ans);
    sb_free(&tmp);
    return made;
}

/* One record: a question and an answer (or a cloze note). text holds the record's text
 * columns in order, q and a the ones picked as question and answer. */
static void read_card(deck *d, const tsv_opts *o, const char *const *text, int nt, int q, int a,
                      const char *tags, int line, strbuf *tmp)
{
    /* a cloze in any text column makes the note a cloze note; the next column is Back Extra */
    for (int k = 0; k < nt; k++) {
        if (!strstr(text[k], "{{c"))
            continue;
        const char *back = NULL;
        for (int j = k + 1; j < nt && !back; j++)
            if (!is_blank(text[j], strlen(text[j])))
                back = text[j];
        if (read_cloze(d, o, text[k], back, tags, line))
            return;
    }
    if (q >= nt || a >= nt) {
        deck_skip(d, line, "one field",
                  "expected question%sanswer (a %s-separated line); found %s", o->sep == '\t' ? "<TAB>" : (const char[]){o->sep, 0},
                  sep_name(o->sep), nt ? "one field" : "no text");
        return;
    }
    const char *what[2] = {"question", "answer"};
    int col[2] = {q, a};
    char *clean[2];
    for (int k = 0; k < 2; k++) {
        size_t n = strlen(text[col[k]]);
        if (is_blank(text[col[k]], n)) {
            deck_skip(d, line, "empty field", "the %s is empty", what[k]);
            return;
        }
        field_text(o, text[col[k]], n, tmp);
        if (is_blank(tmp->s, tmp->len)) {
            /* an image or a sound and nothing else: nothing to show on a button */
            deck_skip(d, line, "only an image or a sound", "its %s is only an image or a sound",
                      what[k]);
            return;
        }
        clean[k] = deck_clean(d, tmp->s, tmp->len);
    }
    card *c = deck_add_card(d, line);
    c->question = clean[0];
    deck_add_choice(d, c, clean[1], 1);
    if (tags)
        add_tags(d, c, tags, strlen(tags));
    if (o->global_tags)
        add_tags(d, c, o->global_tags, o->global_tags_n);
}

/* One record of the file, read from *pp: its fields, each NUL-terminated in fields at starts[i];
 * returns the number of fields, -1 at an unclosed quote (reported). *line is moved on. */
static int read_record(deck *d, const tsv_opts *o, const char **pp, const char *end, int *line,
                       strbuf *field, strbuf *fields, size_t *starts, int report)
{
    const char *p = *pp;
    int nf = 0;
    fields->len = 0;
    for (;;) {
        field->len = 0;
        if (p < end && *p == '"') {
            int qline = *line, open_quote = 1;
            const char *q0 = p;
            p++;
            while (p < end) {
                const char *q = p;
                while (q < end && *q != '"' && *q != '\n')
                    q++;
                sb_append(field, p, (size_t)(q - p));
                p = q;
                if (p >= end)
                    break;
                if (*p == '\n') {
                    sb_append(field, "\n", 1);
                    (*line)++;
                    p++;
                    continue;
                }
                if (p + 1 < end && p[1] == '"') {
                    sb_append(field, "\"", 1);
                    p += 2;
                    continue;
                }
                p++;
                open_quote = 0;
                break;
            }
            if (open_quote) {
                /* a lone " that opens no quoted field: read the line as it is */
                if (report)
                    deck_warn_each(d, qline, "unclosed quotes read as text",
                                   "a quoted field starts here and is never closed (a \" is "
                                   "missing; write a \" inside a quoted field as \"\"): the "
                                   "line is read with the \" as text");
                *line = qline;
                p = q0;
                field->len = 0;
                const char *f = p;
                while (p < end && *p != o->sep && *p != '\n' && *p != '\r')
                    p++;
                sb_append(field, f, (size_t)(p - f));
                goto add;
            }
            /* anything between the closing quote and the separator is kept as text */
        }
        {
            const char *f = p;
            while (p < end && *p != o->sep && *p != '\n' && *p != '\r')
                p++;
            sb_append(field, f, (size_t)(p - f));
        }
    add:
        if (nf < TSV_MAX_FIELDS) {
            starts[nf++] = fields->len;
            sb_append(fields, field->s ? field->s : "", field->len);
            sb_append(fields, "", 1); /* the NUL ends the field inside the buffer */
        }
        if (p < end && *p == o->sep) {
            p++;
            continue;
        }
        break;
    }
    *pp = next_line(p, end);
    (*line)++;
    return nf;
}

/* What a column holds, from a look at the first records (for files without #columns:). */
enum { COL_TEXT, COL_ID, COL_HTML, COL_EMPTY, COL_CLOZE };

/* 1 if the value looks like an id: no space, at most 24 bytes, a digit in it or Anki's guid
 * characters, the same in every row's shape (0001, 1620000000, b2$F,r|}Xq). */
static int id_like(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 24)
        return 0;
    int digits = 0, odd = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c >= 0x80)
            return 0;
        digits += isdigit(c) != 0;
        odd += !isalnum(c) && c != '-' && c != '_';
    }
    return digits == (int)n || (n >= 8 && n <= 12 && (digits || odd) && !strchr(s, '<'));
}

/* A column name of a header row or #columns: the role it gives (0 question, 1 answer, 2 tags,
 * 3 other text, -1 none). */
static int column_role(const char *s, size_t n)
{
    static const struct {
        const char *name;
        int role;
    } names[] = {{"front", 0},      {"question", 0}, {"text", 0},     {"term", 0},
                 {"prompt", 0},     {"word", 0},     {"back", 1},     {"answer", 1},
                 {"definition", 1}, {"meaning", 1},  {"back extra", 3}, {"extra", 3},
                 {"tags", 2},       {"notes", 3},    {"guid", 3},     {"notetype", 3},
                 {"deck", 3},       {"id", 3},       {"source", 3},   {"example", 3}};
    const char *t = s;
    trim(&t, &n);
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (n == strlen(names[k].name) && !strncasecmp(t, names[k].name, n))
            return names[k].role;
    return -1;
}

/* The columns to read, once for the file. */
typedef struct tsv_cols {
    /* question and answer, as indexes into the record's text columns; -1 = the first two */
    int q, a;
    /* the tags column (an index into all columns), -1 none */
    int tags;
    /* 1 when the first record is a header row (front<TAB>back<TAB>tags) */
    int header_row;
} tsv_cols;

/* Names from #columns: or a header row: fills cols and returns 1 when they name the question
 * and answer. */
static int cols_from_names(const tsv_opts *o, const char *const *names, int nn, tsv_cols *c)
{
    int q = -1, a = -1, tags = -1, known = 0, t = 0;
    for (int i = 0; i < nn; i++) {
        if (o->skip_cols & (1u << i))
            continue;
        int r = column_role(names[i], strlen(names[i]));
        known += r >= 0;
        if (r == 2) {
            tags = i;
            continue;
        }
        if (r == 0 && q < 0)
            q = t;
        else if (r == 1 && a < 0)
            a = t;
        t++;
    }
    if (known < 2 || q < 0)
        return 0;
    c->q = q;
    c->a = a >= 0 ? a : (q + 1);
    c->tags = tags;
    return 1;
}

/* Looks at the first records to pick the columns: #columns: names, a header row, or (for a
 * record of more than three columns) the content: an id column, an HTML-only or empty column
 * are passed over; what is picked is said in one warning. */
static void pick_columns(deck *d, tsv_opts *o, const char *p, const char *end, int line,
                         tsv_cols *c)
{
    c->q = c->a = -1;
    c->tags = o->tags_col;
    c->header_row = 0;
    strbuf field = {0}, fields = {0}, tmp = {0};
    size_t starts[TSV_MAX_FIELDS];
    const char *names[TSV_MAX_FIELDS];
    if (o->columns) {
        /* Anki writes the names with the file's separator */
        const char *s = o->columns, *e = s + o->columns_n;
        int nn = 0;
        strbuf nb = {0};
        size_t off[TSV_MAX_FIELDS];
        while (s <= e && nn < TSV_MAX_FIELDS) {
            const char *x = memchr(s, o->sep, (size_t)(e - s));
            const char *xe = x ? x : e;
            off[nn++] = nb.len;
            sb_append(&nb, s, (size_t)(xe - s));
            sb_append(&nb, "", 1);
            s = xe + 1;
            if (!x)
                break;
        }
        for (int i = 0; i < nn; i++)
            names[i] = nb.s + off[i];
        tsv_cols got = *c;
        if (cols_from_names(o, names, nn, &got)) {
            if (o->tags_col >= 0)
                got.tags = o->tags_col;
            *c = got;
        }
        sb_free(&nb);
    }
    int ncol = 0, rows = 0;
    int kind[TSV_MAX_FIELDS], ids[TSV_MAX_FIELDS], html[TSV_MAX_FIELDS], empty[TSV_MAX_FIELDS],
        clz[TSV_MAX_FIELDS];
    memset(ids, 0, sizeof ids);
    memset(html, 0, sizeof html);
    memset(empty, 0, sizeof empty);
    memset(clz, 0, sizeof clz);
    while (p < end && rows < 50) {
        if (*p == '#' || *p == '\n' || *p == '\r') {
            p = next_line(line_end(p, end), end);
            line++;
            continue;
        }
        int nf = read_record(d, o, &p, end, &line, &field, &fields, starts, 0);
        if (nf <= 0)
            break;
        if (rows == 0 && !o->columns) {
            /* a header row: front<TAB>back<TAB>tags */
            for (int i = 0; i < nf; i++)
                names[i] = fields.s + starts[i];
            tsv_cols got = *c;
            if (cols_from_names(o, names, nf, &got)) {
                got.header_row = 1;
                if (o->tags_col >= 0)
                    got.tags = o->tags_col;
                *c = got;
                continue;
            }
        }
        if (nf > ncol)
            ncol = nf;
        for (int i = 0; i < nf; i++) {
            const char *f = fields.s + starts[i];
            size_t fl = strlen(f);
            ids[i] += id_like(f);
            empty[i] += is_blank(f, fl);
            clz[i] += strstr(f, "{{c") != NULL;
            tmp.len = 0;
            deck_strip_html(f, fl, &tmp);
            html[i] += !is_blank(f, fl) && (!tmp.s || is_blank(tmp.s, tmp.len) ||
                                            !strncmp(f, "[sound:", 7));
        }
        rows++;
    }
    sb_free(&field);
    sb_free(&fields);
    sb_free(&tmp);
    if (o->columns || c->header_row || ncol <= 3 || !rows)
        return;
    /* a headerless export of many columns: pass over ids, media and empty columns */
    int text_idx[TSV_MAX_FIELDS], nt = 0, t = 0, first = -1, second = -1;
    for (int i = 0; i < ncol; i++) {
        if ((o->skip_cols & (1u << i)) || i == o->tags_col)
            continue;
        kind[i] = clz[i] ? COL_CLOZE
                  : ids[i] == rows ? COL_ID
                  : empty[i] == rows ? COL_EMPTY
                  : html[i] + empty[i] == rows ? COL_HTML
                                               : COL_TEXT;
        if (kind[i] == COL_TEXT || kind[i] == COL_CLOZE) {
            if (first < 0)
                first = t;
            else if (second < 0)
                second = t;
            text_idx[nt++] = i;
        }
        t++;
    }
    if (first < 0 || second < 0)
        return;
    c->q = first;
    c->a = second;
    /* the last column holds tags when Anki exported them: short words, no HTML */
    strbuf why = {0};
    for (int i = 0; i < ncol; i++) {
        if ((o->skip_cols & (1u << i)) || i == o->tags_col)
            continue;
        if (kind[i] == COL_ID)
            sb_printf(&why, ", column %d ids", i + 1);
        else if (kind[i] == COL_HTML)
            sb_printf(&why, ", column %d only media or markup", i + 1);
    }
    /* said only when the pick passed something over (else it is the plain reading) */
    if (why.len)
        deck_warn(d, 0,
                  "no #columns: header: columns %d and %d read as question and answer (the first "
                  "two with text%s)",
                  text_idx[0] + 1, text_idx[1] + 1, why.s);
    sb_free(&why);
}

void deck_read_tsv(deck *d, const char *buf, size_t len)
{
    d->format = "tsv";
    tsv_opts o = {0, -1, -1, 0, NULL, 0, NULL, 0, 0};
    const char *p = buf, *end = buf + len;
    int line = 1;
    /* the header: # lines at the top (Anki also takes a first line "tags:a b") */
    while (p < end) {
        const char *e = line_end(p, end);
        if (*p == '#')
            read_header(d, &o, p + 1, (size_t)(e - p - 1), line);
        else if (line == 1 && e - p >= 5 && !strncmp(p, "tags:", 5))
            o.global_tags = deck_strndup(d, p + 5, (size_t)(e - p - 5)),
            o.global_tags_n = (size_t)(e - p - 5);
        else
            break;
        p = next_line(e, end);
        line++;
    }
    if (!o.sep)
        o.sep = guess_sep(d, p, end);
    if (o.html < 0)
        o.html = looks_like_html(p, end);
    tsv_cols cols;
    pick_columns(d, &o, p, end, line, &cols);
    strbuf field = {0};
    strbuf fields = {0}; /* the record's fields, each NUL-terminated */
    strbuf tmp = {0};
    size_t starts[TSV_MAX_FIELDS];
    int first = 1;
    while (p < end) {
        int rec_line = line;
        /* comment lines */
        if (*p == '#') {
            p = next_line(line_end(p, end), end);
            line++;
            continue;
        }
        int nf = read_record(d, &o, &p, end, &line, &field, &fields, starts, 1);
        if (nf < 0)
            break;
        /* the text columns: every column except the skipped ones and the tags */
        const char *text[TSV_MAX_FIELDS];
        int nt = 0;
        const char *tags = NULL;
        int all_blank = 1;
        for (int i = 0; i < nf; i++) {
            const char *fs = fields.s + starts[i];
            if (all_blank && !is_blank(fs, strlen(fs)))
                all_blank = 0;
            if (o.skip_cols & (1u << i))
                continue;
            if (i == cols.tags) {
                tags = fs;
                continue;
            }
            text[nt++] = fs;
        }
        if (all_blank)
            continue;
        if (first && cols.header_row) {
            first = 0;
            continue;
        }
        first = 0;
        int q = 0, a = 1;
        if (cols.q >= 0) {
            q = cols.q;
            a = cols.a;
        } else if (cols.tags < 0 && nt >= 3) {
            /* question, answer, tags: how Anki, Quizlet and spreadsheets write three */
            tags = text[2];
        }
        read_card(d, &o, text, nt, q, a, tags, rec_line, &tmp);
    }
    sb_free(&field);
    sb_free(&fields);
    sb_free(&tmp);
}
