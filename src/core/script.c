/* script.c: parses the scripted-input file: one command per line, `#` starts a comment. */
#include "script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest wait one line may ask for: a day of virtual time. */
#define SCRIPT_MAX_WAIT_MS 86400000L

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* Copies the rest of the line without the trailing white space and a trailing " # comment". */
static char *rest_arg(const char *p, const char *end, int allow_comment)
{
    const char *e = end;
    if (allow_comment) {
        for (const char *q = p; q < end; q++)
            if (*q == '#' && (q == p || q[-1] == ' ' || q[-1] == '\t')) {
                e = q;
                break;
            }
    }
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    return xstrndup(p, (size_t)(e - p));
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *skip_ws(end, end + strlen(end)) != 0 || v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

static int parse_two_doubles(const char *s, double *x, double *y)
{
    char *end;
    errno = 0;
    *x = strtod(s, &end);
    if (errno || end == s)
        return 0;
    const char *p = end;
    *y = strtod(p, &end);
    if (errno || end == p)
        return 0;
    return *skip_ws(end, end + strlen(end)) == 0;
}

static void add(script *s, script_cmd c)
{
    s->cmds = xrealloc(s->cmds, sizeof *s->cmds * (size_t)(s->n + 1));
    s->cmds[s->n++] = c;
}

int script_parse(script *s, const char *name, const char *buf, size_t len, diag_list *diags)
{
    s->cmds = NULL;
    s->n = 0;
    int errors = diags->errors;
    const char *p = buf, *end = buf + len;
    int line = 0;
    while (p < end) {
        line++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        const char *q = skip_ws(p, eol);
        const char *lend = eol;
        if (lend > q && lend[-1] == '\r')
            lend--;
        if (q == lend || *q == '#') {
            p = eol + 1;
            continue;
        }
        if (!utf8_valid(q, (size_t)(lend - q))) {
            diag_add(diags, name, line, 1, "invalid UTF-8");
            p = eol + 1;
            continue;
        }
        const char *w = q;
        while (w < lend && *w != ' ' && *w != '\t')
            w++;
        size_t wl = (size_t)(w - q);
        const char *args = skip_ws(w, lend);
        script_cmd c = {0};
        c.line = line;
        char *arg = NULL;
#define IS(word) (wl == strlen(word) && memcmp(q, word, wl) == 0)
        if (IS("wait")) {
            arg = rest_arg(args, lend, 1);
            c.op = SCRIPT_WAIT;
            if (!parse_long(arg, 0, SCRIPT_MAX_WAIT_MS, &c.a))
                diag_add(diags, name, line, 1, "wait needs milliseconds (0 to %ld), got \"%s\"",
                         SCRIPT_MAX_WAIT_MS, arg);
            else
                add(s, c);
        } else if (IS("frames")) {
            arg = rest_arg(args, lend, 1);
            c.op = SCRIPT_FRAMES;
            if (!parse_long(arg, 0, 10000000L, &c.a))
                diag_add(diags, name, line, 1, "frames needs a count (0 to 10000000), got \"%s\"", arg);
            else
                add(s, c);
        } else if (IS("key") || IS("button") || IS("screenshot") || IS("keydown") || IS("keyup") ||
                   IS("buttondown") || IS("buttonup")) {
            c.op = IS("key")          ? SCRIPT_KEY
                   : IS("keydown")    ? SCRIPT_KEYDOWN
                   : IS("keyup")      ? SCRIPT_KEYUP
                   : IS("button")     ? SCRIPT_BUTTON
                   : IS("buttondown") ? SCRIPT_BUTTONDOWN
                   : IS("buttonup")   ? SCRIPT_BUTTONUP
                                      : SCRIPT_SCREENSHOT;
            /* key names may contain '#'-free spaces ("Keypad Enter"); a file name is literal */
            c.str = rest_arg(args, lend, c.op != SCRIPT_SCREENSHOT);
            int is_button = c.op == SCRIPT_BUTTON || c.op == SCRIPT_BUTTONDOWN || c.op == SCRIPT_BUTTONUP;
            /* "button 3 a": A on controller 3 (party seat 3); "button a" is controller 1's */
            c.a = is_button ? 1 : 0;
            if (is_button && c.str[0] >= '0' && c.str[0] <= '9') {
                char *sp = c.str;
                while (*sp >= '0' && *sp <= '9')
                    sp++;
                long pad = 0;
                if ((*sp != ' ' && *sp != '\t') ||
                    (*sp = 0, !parse_long(c.str, 1, SCRIPT_MAX_PADS, &pad))) {
                    diag_add(diags, name, line, 1, "%.*s needs a controller 1 to %d before the button name",
                             (int)wl, q, SCRIPT_MAX_PADS);
                    free(c.str);
                    c.str = NULL;
                } else {
                    c.a = pad;
                    char *rest = xstrdup(skip_ws(sp + 1, sp + 1 + strlen(sp + 1)));
                    free(c.str);
                    c.str = rest;
                }
            }
            if (!c.str) {
                /* reported above */
            } else if (!c.str[0]) {
                diag_add(diags, name, line, 1, "%.*s needs a %s", (int)wl, q,
                         c.op == SCRIPT_SCREENSHOT ? "file name" : "name");
                free(c.str);
            } else {
                add(s, c);
            }
        } else if (IS("text") || IS("paste")) {
            c.op = IS("text") ? SCRIPT_TEXT : SCRIPT_PASTE;
            c.str = rest_arg(args, lend, 0);
            if (!c.str[0]) {
                diag_add(diags, name, line, 1, "%.*s needs a string", (int)wl, q);
                free(c.str);
            } else {
                add(s, c);
            }
        } else if (IS("click") || IS("touch") || IS("touchdown") || IS("touchup")) {
            c.op = IS("click") ? SCRIPT_CLICK : IS("touch") ? SCRIPT_TOUCH : IS("touchdown") ? SCRIPT_TOUCHDOWN
                                                                                          : SCRIPT_TOUCHUP;
            arg = rest_arg(args, lend, 1);
            /* written so that NaN fails too */
            if (!parse_two_doubles(arg, &c.x, &c.y) || !(c.x >= 0 && c.x <= 1 && c.y >= 0 && c.y <= 1))
                diag_add(diags, name, line, 1, "%.*s needs X Y as fractions 0..1 of the window, got \"%s\"",
                         (int)wl, q, arg);
            else
                add(s, c);
        } else if (IS("pad")) {
            arg = rest_arg(args, lend, 1);
            char *sp = strchr(arg, ' ');
            const char *what = sp ? skip_ws(sp, sp + strlen(sp)) : "";
            if (sp)
                *sp = 0;
            int named = !strcmp(arg, "press") || !strcmp(arg, "down") || !strcmp(arg, "up");
            if ((!strcmp(arg, "plug") && (!*what || !strcmp(what, "stick"))) || (!strcmp(arg, "unplug") && !*what)) {
                c.op = !strcmp(arg, "plug") ? SCRIPT_PAD_PLUG : SCRIPT_PAD_UNPLUG;
                c.a = *what != 0;
                add(s, c);
            } else if (named && *what) {
                c.op = !strcmp(arg, "press") ? SCRIPT_PAD_PRESS : !strcmp(arg, "down") ? SCRIPT_PAD_DOWN : SCRIPT_PAD_UP;
                c.str = xstrdup(what);
                add(s, c);
            } else {
                diag_add(diags, name, line, 1, "pad needs plug, plug stick, unplug, or press/down/up and a button name");
            }
        } else if (IS("resize")) {
            c.op = SCRIPT_RESIZE;
            arg = rest_arg(args, lend, 1);
            char *sp = strchr(arg, ' ');
            if (!sp || !parse_long(sp + 1, 64, 16384, &c.b) || (*sp = 0, !parse_long(arg, 64, 16384, &c.a)))
                diag_add(diags, name, line, 1, "resize needs W H in pixels (64 to 16384)");
            else
                add(s, c);
        } else if (IS("close")) {
            c.op = SCRIPT_CLOSE;
            add(s, c);
        } else if (IS("quit")) {
            c.op = SCRIPT_QUIT;
            add(s, c);
        } else {
            diag_add(diags, name, line, 1, "unknown command \"%.*s\" (wait, frames, key, keydown, keyup, text, paste, click, touch, touchdown, touchup, button, buttondown, buttonup, pad, screenshot, resize, close, quit)",
                     (int)(wl > 40 ? 40 : wl), q);
        }
#undef IS
        free(arg);
        p = eol + 1;
    }
    return diags->errors > errors ? -1 : 0;
}

void script_free(script *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->cmds[i].str);
    free(s->cmds);
    s->cmds = NULL;
    s->n = 0;
}

int script_load(script *s, const char *path, size_t max_bytes, void *FILE_err)
{
    char *buf;
    size_t len;
    int err = read_file(path, max_bytes, &buf, &len);
    if (err) {
        fprintf(FILE_err, "quizblitz: %s: %s\n", path, strerror(err));
        return EXIT_NOINPUT;
    }
    diag_list dl = {0};
    int bad = script_parse(s, path, buf, len, &dl) != 0;
    free(buf);
    diag_print(&dl, FILE_err);
    diag_free(&dl);
    return bad ? EXIT_USAGE : 0;
}
