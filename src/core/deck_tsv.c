/* deck_tsv.c: reads tab-separated question banks, as Anki ("Notes in Plain Text") and Quizlet
 * export them: one card per line, question<TAB>answer[<TAB>tags]. The answer is the right choice;
 * the wrong ones are borrowed from other cards' answers when a round is built.
 *
 * Anki's file headers are understood: "#separator:tab|comma|semicolon|pipe|colon|space|X",
 * "#html:true" (tags stripped, entities decoded), "#tags column:N", and "#columns:", "#guid
 * column:", "#notetype column:", "#deck column:" (those columns are skipped). Fields may be quoted
 * ("a ""quoted"" field", which may also hold the separator and line breaks). Other lines starting
 * with # are comments. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "deck_import.h"

#define TSV_MAX_FIELDS 32

typedef struct tsv_opts {
    char sep;
    int html;
    /* 0-based column of the tags, or -1 (default: the third of the text columns) */
    int tags_col;
    /* columns that are not card text (guid, notetype, deck), as a bit set */
    unsigned skip_cols;
} tsv_opts;

static int header(const char *s, size_t n, const char *key, const char **val, size_t *vn)
{
    size_t kl = strlen(key);
    if (n < kl || strncasecmp(s, key, kl))
        return 0;
    *val = s + kl;
    *vn = n - kl;
    while (*vn && isspace((unsigned char)(*val)[*vn - 1]))
        (*vn)--;
    return 1;
}

static int col_number(const char *v, size_t vn)
{
    int c = 0;
    for (size_t i = 0; i < vn; i++) {
        if (!isdigit((unsigned char)v[i]) || c > 1000)
            return -1;
        c = c * 10 + (v[i] - '0');
    }
    return vn && c >= 1 && c <= TSV_MAX_FIELDS ? c - 1 : -1;
}

static void read_header(tsv_opts *o, const char *s, size_t n, const char *name, int line,
                        diag_list *diags)
{
    const char *v;
    size_t vn;
    if (header(s, n, "#separator:", &v, &vn)) {
        static const struct {
            const char *word;
            char c;
        } seps[] = {{"tab", '\t'},  {"comma", ','}, {"semicolon", ';'},
                    {"pipe", '|'},  {"colon", ':'}, {"space", ' '}};
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
            if (vn == strlen(seps[i].word) && !strncasecmp(v, seps[i].word, vn)) {
                o->sep = seps[i].c;
                return;
            }
        }
        if (vn == 1) {
            o->sep = v[0];
            return;
        }
        deck_diag(diags, name, line, 1, "unknown separator \"%.*s\"", (int)(vn > 20 ? 20 : vn),
                  v);
    } else if (header(s, n, "#html:", &v, &vn)) {
        o->html = vn == 4 && !strncasecmp(v, "true", 4);
    } else if (header(s, n, "#tags column:", &v, &vn)) {
        int c = col_number(v, vn);
        if (c < 0)
            deck_diag(diags, name, line, 1, "bad tags column \"%.*s\"", (int)(vn > 20 ? 20 : vn),
                      v);
        else
            o->tags_col = c;
    } else if (header(s, n, "#guid column:", &v, &vn) ||
               header(s, n, "#notetype column:", &v, &vn) ||
               header(s, n, "#deck column:", &v, &vn)) {
        int c = col_number(v, vn);
        if (c >= 0)
            o->skip_cols |= 1u << c;
    }
}

/* Decodes the HTML Anki puts in fields: tags dropped (<br> and block tags become a space),
 * the common entities decoded. Writes into out (at most as long as in). */
static size_t strip_html(const char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '<') {
            const char *gt = memchr(in + i, '>', n - i);
            if (gt) {
                out[o++] = ' ';
                i = (size_t)(gt - in);
                continue;
            }
        }
        if (in[i] == '&') {
            static const struct {
                const char *ent;
                const char *txt;
            } ents[] = {{"&amp;", "&"},  {"&lt;", "<"},   {"&gt;", ">"},
                        {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}, {"&nbsp;", " "}};
            size_t k;
            for (k = 0; k < sizeof ents / sizeof ents[0]; k++) {
                size_t el = strlen(ents[k].ent);
                if (n - i >= el && !memcmp(in + i, ents[k].ent, el)) {
                    out[o++] = ents[k].txt[0];
                    i += el - 1;
                    break;
                }
            }
            if (k < sizeof ents / sizeof ents[0])
                continue;
        }
        out[o++] = in[i];
    }
    return o;
}

void deck_read_tsv(deck *d, const char *name, const char *buf, size_t len, diag_list *diags)
{
    d->format = "tsv";
    tsv_opts o = {'\t', 0, -1, 0};
    const char *p = buf, *end = buf + len;
    int line = 1;
    int in_header = 1;
    strbuf field = {0};
    strbuf fields = {0}; /* the record's fields, each NUL-terminated */
    size_t starts[TSV_MAX_FIELDS];
    while (p < end) {
        int rec_line = line;
        /* header and comment lines */
        if (*p == '#') {
            const char *e = p;
            while (e < end && *e != '\n' && *e != '\r')
                e++;
            if (in_header)
                read_header(&o, p, (size_t)(e - p), name, line, diags);
            p = e;
            if (p < end && *p == '\r')
                p++;
            if (p < end && *p == '\n')
                p++;
            line++;
            continue;
        }
        in_header = 0;
        /* one record: fields up to an unquoted line end */
        int nf = 0, too_many = 0;
        fields.len = 0;
        for (;;) {
            field.len = 0;
            if (p < end && *p == '"') {
                p++;
                while (p < end) {
                    if (*p == '"') {
                        if (p + 1 < end && p[1] == '"') {
                            sb_append(&field, "\"", 1);
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    if (*p == '\n')
                        line++;
                    sb_append(&field, p, 1);
                    p++;
                }
                /* anything between the closing quote and the separator is kept as text */
            }
            const char *f = p;
            while (p < end && *p != o.sep && *p != '\n' && *p != '\r')
                p++;
            sb_append(&field, f, (size_t)(p - f));
            if (nf < TSV_MAX_FIELDS) {
                starts[nf++] = fields.len;
                sb_append(&fields, field.s ? field.s : "", field.len);
                sb_append(&fields, "", 1); /* the NUL ends the field inside the buffer */
            } else {
                too_many = 1;
            }
            if (p < end && *p == o.sep) {
                p++;
                continue;
            }
            break;
        }
        if (p < end && *p == '\r')
            p++;
        if (p < end && *p == '\n')
            p++;
        line++;
        (void)too_many;
        /* the text columns: every column except the skipped ones and the tags */
        const char *text[TSV_MAX_FIELDS];
        int nt = 0;
        const char *tags = NULL;
        int all_blank = 1;
        for (int i = 0; i < nf; i++) {
            const char *fs = fields.s + starts[i];
            for (const char *q = fs; *q; q++)
                if (!isspace((unsigned char)*q))
                    all_blank = 0;
            if (o.skip_cols & (1u << i))
                continue;
            if (i == o.tags_col) {
                tags = fs;
                continue;
            }
            text[nt++] = fs;
        }
        if (all_blank)
            continue;
        if (o.tags_col < 0 && nt >= 3) {
            tags = text[2];
            nt = 2;
        }
        if (nt < 2) {
            deck_diag(diags, name, rec_line, 1,
                      "expected question%sanswer (a %s-separated line); found one field",
                      o.sep == '\t' ? "<TAB>" : ",", o.sep == '\t' ? "tab" : "character");
            continue;
        }
        card *c = deck_add_card(d, rec_line);
        for (int k = 0; k < 2; k++) {
            const char *s = text[k];
            size_t n = strlen(s);
            char *tmp = NULL;
            if (o.html) {
                tmp = xmalloc(n + 1);
                n = strip_html(s, n, tmp);
                s = tmp;
            }
            char *clean = deck_clean(d, s, n);
            free(tmp);
            if (k == 0)
                c->question = clean;
            else
                deck_add_choice(d, c, clean, 1);
        }
        if (tags) {
            /* Anki separates tags with spaces; commas work too */
            const char *q = tags;
            while (*q) {
                while (*q == ' ' || *q == ',' || *q == '\t')
                    q++;
                const char *e = q;
                while (*e && *e != ' ' && *e != ',' && *e != '\t')
                    e++;
                if (e > q)
                    deck_add_tag(d, c, q, (size_t)(e - q));
                q = e;
            }
        }
    }
    sb_free(&field);
    sb_free(&fields);
}
