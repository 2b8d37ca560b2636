/* board.c: `quizblitz --board`, the fleet's scoreboard for a big display: every deck's today and
 * all-time boards, a page per deck, a new entry sliding in within a second of its save (the
 * worker LISTENs on its own connection), fullscreen, no input needed, reconnecting by itself,
 * "OFFLINE" when it is. What it shows is core/boardview.c's state; this file is its loop and its
 * drawing. Scriptable like the game (--script with real-time waits, screenshot, resize, quit;
 * --events). Its words are the interface's language (main() calls i18n_init before board_run:
 * --language, `language =`, the environment), its scores grouped the language's way. */
#include "board.h"

#include <SDL.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compose.h"
#include "core/boardview.h"
#include "core/i18n.h"
#include "core/script.h"
#include "core/util.h"
#include "fleet.h"
#include "text.h"
#include "video.h"

/* ---- drawing ---- */

static const SDL_Color C_BG = {0x13, 0x18, 0x33, 255};
static const SDL_Color C_BG2 = {0x0B, 0x0F, 0x24, 255};
static const SDL_Color C_CARD = {0x20, 0x29, 0x50, 255};
static const SDL_Color C_TEXT = {0xF4, 0xF6, 0xFB, 255};
static const SDL_Color C_DARK = {0x11, 0x14, 0x2B, 255};
static const SDL_Color C_MUTED = {0xA0, 0xAA, 0xCC, 255};
static const SDL_Color C_SKY = {0x56, 0xB4, 0xE9, 255};
static const SDL_Color C_YELLOW = {0xF0, 0xE4, 0x42, 255};
static const SDL_Color C_VERMILLION = {0xD5, 0x5E, 0x00, 255};
static const SDL_Color C_GREEN = {0x00, 0x9E, 0x73, 255};
static const SDL_Color C_ORANGE = {0xE6, 0x9F, 0x00, 255};
#define MIN_TEXT_PX 12

/* the unit: sizes are given for 1080 pixels on the shorter side (set with the screen's size) */
static float U;

/* An interface in a right-to-left language mirrors the whole screen, as the game's layout_mirror
 * does: everything is placed as in English, then reflected across the screen's width at the two
 * primitives below (boxes, and lines with their alignment flipped). The state and the time go to
 * the left, the deck's name to the right, TODAY on the right of ALL TIME, and each row reads rank,
 * name, kiosk, score from the right; a new entry slides in from the left. RTL is the language's,
 * set once at start; SCREEN_W is set with the screen's size. */
static int RTL, SCREEN_W;

static int mirror_x(int x, int w)
{
    return RTL ? SCREEN_W - x - w : x;
}

static int px(float v)
{
    int r = (int)(v * U + 0.5f);
    return r < 1 ? 1 : r;
}

static void round_box(int x, int y, int w, int h, int rad, SDL_Color c)
{
    x = mirror_x(x, w);
    compose_round((float)x, (float)y, (float)w, (float)h, (float)rad, c);
}

/* One line at most max_px high, shrunk to fit w down to MIN_TEXT_PX, then cut with an ellipsis;
 * x is the left, centre or right edge per a; vertically centred in y..y+h. Returns its width. */
static int line_fit(font_face f, SDL_Color c, const char *s, int x, int y, int w, int h, int max_px, text_align a)
{
    if (!s || !*s || w < 4)
        return 0;
    if (RTL) {
        x = mirror_x(x, w);
        a = a == ALIGN_LEFT ? ALIGN_RIGHT : a == ALIGN_RIGHT ? ALIGN_LEFT : a;
    }
    if (max_px > h * 85 / 100)
        max_px = h * 85 / 100;
    if (max_px < MIN_TEXT_PX)
        max_px = MIN_TEXT_PX;
    size_t cut;
    int size = text_fit_line(f, s, w, max_px, MIN_TEXT_PX, &cut);
    char buf[512];
    const char *shown = s;
    if (cut < strlen(s)) {
        snprintf(buf, sizeof buf, "%.*s\xE2\x80\xA6", (int)(cut < 400 ? cut : 400), s);
        shown = buf;
    }
    const text_tex *t = text_get(f, size, (SDL_Color){c.r, c.g, c.b, 255}, shown, 0, ALIGN_LEFT);
    if (!t)
        return 0;
    int tx = a == ALIGN_CENTER ? x + (w - t->w) / 2 : a == ALIGN_RIGHT ? x + w - t->w : x;
    SDL_Rect clip = {x, y, w, h};
    compose_text(t, tx, y + (h - t->h) / 2, c.a, &clip);
    return t->w;
}

static float ease(float t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    float s = 1 - t;
    return 1 - s * s * s;
}

/* One board of the page's deck: a card with its title and up to ten rows (rank, name, kiosk,
 * score); a new entry slides in from the right and stays marked NEW. */
static void draw_one_board(const board_view *v, const char *key, score_board which, int x, int y, int w, int h)
{
    round_box(x, y, w, h, px(24), C_CARD);
    int pad = px(28);
    int head = px(84);
    line_fit(FACE_BOLD, C_SKY, which == BOARD_TODAY ? _("TODAY") : _("ALL TIME"), x + pad, y + px(12), w - 2 * pad,
             head - px(12), px(48), ALIGN_LEFT);
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = v->table && key ? scores_top(v->table, key, which, v->wall, top, SCORES_BOARD_SIZE) : 0;
    int body = h - head - pad;
    int rh = body / SCORES_BOARD_SIZE;
    if (n == 0) {
        line_fit(FACE_BOLD, C_MUTED, which == BOARD_TODAY ? _("No scores today yet") : _("No scores yet"), x + pad,
                 y + head, w - 2 * pad, body, px(48), ALIGN_CENTER);
        return;
    }
    int sz = rh * 60 / 100;
    int inner = w - 2 * pad;
    int w_rank = sz * 18 / 10, w_score = sz * 5;
    int w_names = inner - w_rank - w_score;
    int w_name = w_names * 58 / 100, w_kiosk = w_names - w_name - px(12);
    for (int i = 0; i < n; i++) {
        const score_entry *e = top[i];
        int ry = y + head + i * rh;
        uint32_t age = 0;
        float ph = boardview_new_phase(v, e, &age);
        int is_new = ph >= 0;
        int dx = is_new ? (int)((1 - ease(ph)) * (float)w) : 0;
        SDL_Color tc = C_TEXT, mc = C_MUTED, rc = i == 0 ? C_YELLOW : C_MUTED;
        int rx = x + pad + dx;
        if (is_new) {
            /* the new entry's row: orange, dark text, and a pulse in its first seconds */
            float glow = age < 3000 ? 0.5f + 0.5f * cosf((float)age / 250.0f) : 1.0f;
            SDL_Color fill = C_ORANGE;
            fill.a = (Uint8)(200 + 55 * glow);
            int bx = x + pad / 2 + dx, bw = w - pad - dx;
            if (bw > 0)
                round_box(bx, ry + rh / 20, bw, rh - rh / 10, px(12), fill);
            tc = mc = rc = C_DARK;
        }
        if (dx >= w - pad)
            continue;
        char buf[64];
        snprintf(buf, sizeof buf, "%d", i + 1);
        int avail = x + w - pad - rx;
        line_fit(FACE_BOLD, rc, buf, rx, ry, w_rank - px(16) < avail ? w_rank - px(16) : avail, rh, sz, ALIGN_RIGHT);
        int nx = rx + w_rank, name_w = 0;
        if (nx < x + w - pad)
            name_w = line_fit(FACE_BOLD, tc, e->name, nx, ry, w_name < x + w - pad - nx ? w_name : x + w - pad - nx, rh,
                              sz, ALIGN_LEFT);
        int kx = nx + w_name + px(12), kw = w_kiosk;
        if (is_new) {
            /* "NEW" after the name (or, with no room there, before the kiosk): the row says it in
             * words, not only in colour */
            int th = rh * 55 / 100, fs = th * 70 / 100 > MIN_TEXT_PX ? th * 70 / 100 : MIN_TEXT_PX, tw, tth;
            /* TRANSLATORS: the tag on the board's row of a score saved a moment ago */
            const char *tag = C_("board", "NEW");
            text_measure(FACE_BOLD, fs, tag, 0, &tw, &tth);
            tw += px(16) > 6 ? px(16) : 6;
            th = th > tth + 2 ? th : tth + 2;
            int tx = nx + name_w + px(12);
            if (tx + tw > nx + w_name) {
                tx = kx;
                kx += tw + px(8);
                kw -= tw + px(8);
            }
            if (tx + tw < x + w - pad) {
                round_box(tx, ry + (rh - th) / 2, tw, th, th / 2, C_DARK);
                line_fit(FACE_BOLD, C_YELLOW, tag, tx, ry + (rh - th) / 2, tw, th, fs, ALIGN_CENTER);
            }
        }
        if (kx < x + w - pad && kw > 4 && e->kiosk[0])
            line_fit(FACE_REGULAR, mc, e->kiosk, kx, ry, kw < x + w - pad - kx ? kw : x + w - pad - kx, rh,
                     sz * 75 / 100, ALIGN_LEFT);
        int sx = kx + w_kiosk;
        if (sx < x + w - pad) {
            i18n_number(buf, sizeof buf, e->score < 0 ? 0 : e->score);
            line_fit(FACE_BOLD, tc, buf, sx, ry, x + w - pad - sx, rh, sz, ALIGN_RIGHT);
        }
    }
}

/* The whole screen: the header (which deck, page n of m, the state, the time), then the two
 * boards side by side (landscape) or one above the other (portrait). */
static int board_draw(SDL_Renderer *r, const board_view *v, int w, int h)
{
    compose_begin(r);
    compose_gradient(w, h, C_BG, C_BG2);
    int m = px(40);
    int head_h = px(150);
    const char *key = boardview_page_index(v) >= 0 ? v->page : NULL;
    /* the state: LIVE (green) or OFFLINE (vermillion) or CONNECTING, always in words */
    const char *state = boardview_live(v)      ? _("\xE2\x97\x8F LIVE")
                        : boardview_offline(v) ? _("OFFLINE \xC2\xB7 reconnecting")
                                               : _("CONNECTING\xE2\x80\xA6");
    SDL_Color sc = boardview_live(v) ? C_GREEN : boardview_offline(v) ? C_VERMILLION : C_CARD;
    int tw, th;
    text_measure(FACE_BOLD, px(34), state, 0, &tw, &th);
    int pw = tw + px(48), ph = px(64);
    if (pw > w / 2)
        pw = w / 2;
    int px0 = w - m - pw;
    round_box(px0, m, pw, ph, ph / 2, sc);
    line_fit(FACE_BOLD, C_TEXT, state, px0 + px(12), m, pw - px(24), ph, px(34), ALIGN_CENTER);
    /* the time and the page under the state */
    char buf[160];
    time_t t = (time_t)v->wall;
    struct tm tm;
    char clock[16] = "";
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof clock, "%H:%M", &tm);
    int pi = boardview_page_index(v);
    if (pi >= 0 && v->ndecks > 1)
        /* TRANSLATORS: the board's clock, then which deck's page is shown: "14:05 · deck 2 of 5" */
        snprintf(buf, sizeof buf, _("%s \xC2\xB7 deck %d of %d"), clock, pi + 1, v->ndecks);
    else
        snprintf(buf, sizeof buf, "%s", clock);
    int clock_w, clock_h;
    text_measure(FACE_REGULAR, px(30), buf, 0, &clock_w, &clock_h);
    int right_w = clock_w > pw ? clock_w : pw;
    if (right_w > w / 2)
        right_w = w / 2;
    line_fit(FACE_REGULAR, C_MUTED, buf, w - m - right_w, m + ph + px(6), right_w, px(48), px(30), ALIGN_RIGHT);
    /* the deck's name, as large as the room left of the state and the time allows */
    int lw = w - m - right_w - m - px(24);
    line_fit(FACE_BOLD, C_MUTED, _("LEADERBOARD \xC2\xB7 ALL KIOSKS"), m, m - px(8), lw, px(44), px(32), ALIGN_LEFT);
    line_fit(FACE_BOLD, C_YELLOW, key ? key : "quizblitz", m, m + px(34), lw, px(96), px(84), ALIGN_LEFT);
    int top = m + head_h;
    int bw = w - 2 * m, bh = h - top - m;
    if (!v->table || v->ndecks == 0) {
        const char *msg = boardview_offline(v) && !v->table ? _("The fleet's server cannot be reached: retrying")
                          : !v->table                      ? _("Connecting to the fleet's server\xE2\x80\xA6")
                                                           : _("No scores yet: play a round on any kiosk");
        round_box(m, top, bw, bh, px(24), C_CARD);
        line_fit(FACE_BOLD, C_MUTED, msg, m + px(24), top, bw - px(48), bh, px(56), ALIGN_CENTER);
    } else if (w >= h) {
        int g = px(32), cw = (bw - g) / 2;
        draw_one_board(v, key, BOARD_TODAY, m, top, cw, bh);
        draw_one_board(v, key, BOARD_ALLTIME, m + cw + g, top, bw - cw - g, bh);
    } else {
        int g = px(32), ch = (bh - g) / 2;
        draw_one_board(v, key, BOARD_TODAY, m, top, bw, ch);
        draw_one_board(v, key, BOARD_ALLTIME, m, top + ch + g, bw, bh - ch - g);
    }
    return compose_end();
}

/* ---- the loop ---- */

typedef struct board_app {
    SDL_Window *win;
    SDL_Renderer *ren;
    int w, h;
    board_view v;
    /* the boards the view shows (ours: freed when a newer snapshot comes) */
    scores *table;
    FILE *events;
    /* what the event log said last: the state (-1 none yet) and the page */
    int said_state;
    char said_page[SCORES_DECK_BYTES];
} board_app;

static void emit(board_app *a, strbuf *b)
{
    sb_puts(b, "}");
    if (a->events) {
        fputs(b->s, a->events);
        fputc('\n', a->events);
        fflush(a->events); /* a watcher (a test) sees each as it happens */
    }
    sb_free(b);
}

static void emit_begin(board_app *a, strbuf *b, const char *ev)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    sb_puts(b, "{\"event\":");
    sb_json_str(b, ev);
    /* t_ms on the screen's clock; wall_ms: real time, to compare with the server's clock */
    sb_printf(b, ",\"t_ms\":%lu,\"wall_ms\":%lld", (unsigned long)a->v.now,
              (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void take_boards(board_app *a, fleet *f)
{
    fleet_boards b;
    if (!fleet_take_boards(f, &a->table, &b))
        return;
    /* a failed fetch hands NULL: the view keeps its table and its pages as they are */
    boardview_set(&a->v, b.table, b.reachable, a->v.now - (uint32_t)b.at_ms);
    for (int i = 0; i < b.added.n; i++) {
        const fleet_added *n = &b.added.v[i];
        boardview_added(&a->v, &n->e);
        strbuf s = {0};
        emit_begin(a, &s, "board_new");
        sb_puts(&s, ",\"id\":");
        sb_json_str(&s, n->id);
        sb_puts(&s, ",\"deck\":");
        sb_json_str(&s, n->e.deck);
        sb_puts(&s, ",\"name\":");
        sb_json_str(&s, n->e.name);
        sb_puts(&s, ",\"kiosk\":");
        sb_json_str(&s, n->e.kiosk);
        sb_printf(&s, ",\"score\":%d", (int)n->e.score);
        emit(a, &s);
    }
}

/* Events for what changed on the screen: its state and its page. */
static void say_changes(board_app *a)
{
    int st = boardview_live(&a->v) ? 2 : boardview_offline(&a->v) ? 0 : 1;
    if (st != a->said_state) {
        static const char *const names[] = {"offline", "connecting", "live"};
        a->said_state = st;
        strbuf s = {0};
        emit_begin(a, &s, "board_state");
        sb_puts(&s, ",\"state\":");
        sb_json_str(&s, names[st]);
        emit(a, &s);
    }
    if (boardview_page_index(&a->v) >= 0 && strcmp(a->said_page, a->v.page) != 0) {
        snprintf(a->said_page, sizeof a->said_page, "%s", a->v.page);
        strbuf s = {0};
        emit_begin(a, &s, "board_page");
        sb_puts(&s, ",\"deck\":");
        sb_json_str(&s, a->v.page);
        sb_printf(&s, ",\"page\":%d,\"pages\":%d", boardview_page_index(&a->v) + 1, a->v.ndecks);
        emit(a, &s);
    }
}

/* The size the screen is laid out for, and the drawing's unit for it. */
static void set_size(board_app *a, int w, int h)
{
    a->w = w;
    a->h = h;
    U = (float)(w < h ? w : h) / 1080.0f;
    SCREEN_W = w;
}

static void refresh_size(board_app *a)
{
    int w, h;
    SDL_GetRendererOutputSize(a->ren, &w, &h);
    if (w != a->w || h != a->h) {
        set_size(a, w, h);
        compose_invalidate();
        a->v.dirty = 1;
    }
}

/* Loads a --script for the board: its waits are real time; it may wait, take screenshots,
 * resize and quit (the board takes no input). Returns 0 or an exit code. */
static int load_script(const char *path, script *sc)
{
    int rc = script_load(sc, path, 1u << 20, stderr);
    for (int i = 0; rc == 0 && i < sc->n; i++) {
        script_op op = sc->cmds[i].op;
        if (op != SCRIPT_WAIT && op != SCRIPT_SCREENSHOT && op != SCRIPT_RESIZE && op != SCRIPT_QUIT) {
            fprintf(stderr, "%s:%d: error: --board takes no input: its scripts wait, screenshot, resize and quit\n",
                    path, sc->cmds[i].line);
            rc = EXIT_USAGE;
        }
    }
    return rc;
}

int board_run(const options *o)
{
    const char *url = o->cfg.fleet_url;
    if (!url || !*url) {
        fprintf(stderr, "quizblitz: --board: no fleet: set [fleet] url in the config or give --fleet URL\n");
        return EXIT_USAGE;
    }
    int rc = 0, text_up = 0;
    script sc = {0};
    fleet *f = NULL;
    board_app a;
    memset(&a, 0, sizeof a);
    a.said_state = -1;
    if (o->script && (rc = load_script(o->script, &sc)) != 0)
        goto done;
    if (o->events && !(a.events = fopen(o->events, "w"))) {
        fprintf(stderr, "quizblitz: %s: %s\n", o->events, strerror(errno));
        rc = EXIT_NOINPUT;
        goto done;
    }
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "1");
    /* a big display: fullscreen, no screen saver, never minimised; a script (tests) gets a
     * window of --window's size */
    video_opts vo = {.w = o->win_w, .h = o->win_h, .fullscreen = !o->script || o->fullscreen, .kiosk = !o->script,
                     .scripted = o->script != NULL};
    char why[2048];
    if ((rc = video_open(&vo, &a.win, &a.ren, why, sizeof why)) != 0) {
        fprintf(stderr, "quizblitz: %s\n", why);
        goto done;
    }
    SDL_ShowCursor(SDL_DISABLE);
    const char *terr = NULL;
    text_up = 1;
    if (text_init(a.ren, &terr) != 0) {
        fprintf(stderr, "quizblitz: %s\n", terr);
        rc = EXIT_NOINPUT;
        goto done;
    }
    RTL = i18n_rtl(); /* main() chose the language before board_run */
    refresh_size(&a);
    fleet_board_opts bo = {.added = 1, .published = video_waker()};
    f = fleet_start(url, NULL, NULL, &bo);
    if (!f) {
        rc = EXIT_SOFTWARE;
        goto done;
    }
    uint32_t t0 = SDL_GetTicks();
    boardview_init(&a.v, t0, (int64_t)time(NULL));
    int next = 0;
    uint32_t due = t0;
    int quit = 0;
    while (!quit) {
        uint32_t now = SDL_GetTicks();
        boardview_tick(&a.v, now, (int64_t)time(NULL));
        take_boards(&a, f);
        say_changes(&a);
        if (a.v.dirty || boardview_wake_in(&a.v) == 0) {
            if (board_draw(a.ren, &a.v, a.w, a.h))
                SDL_RenderPresent(a.ren);
            text_frame_end();
            a.v.dirty = 0;
        }
        /* the script's commands that are due (its waits add up to each one's time) */
        while (sc.n && next < sc.n && !quit) {
            const script_cmd *c = &sc.cmds[next];
            if (c->op == SCRIPT_WAIT) {
                due += (uint32_t)c->a;
                next++;
                continue;
            }
            if ((int32_t)(now - due) < 0)
                break;
            next++;
            if (c->op == SCRIPT_QUIT) {
                quit = 1;
            } else if (c->op == SCRIPT_SCREENSHOT) {
                board_draw(a.ren, &a.v, a.w, a.h);
                text_frame_end();
                if (video_screenshot(a.ren, a.w, a.h, c->str) != 0) {
                    fprintf(stderr, "quizblitz: cannot save screenshot %s: %s\n", c->str, SDL_GetError());
                    rc = EXIT_FAIL;
                    quit = 1;
                }
            } else if (c->op == SCRIPT_RESIZE) {
                SDL_SetWindowSize(a.win, (int)c->a, (int)c->b);
                SDL_PumpEvents();
                refresh_size(&a);
                if (a.w != c->a || a.h != c->b) /* the dummy driver may not resize */
                    set_size(&a, (int)c->a, (int)c->b);
                compose_invalidate();
                a.v.dirty = 1;
            }
        }
        if (sc.n && next >= sc.n)
            quit = 1; /* the script is over */
        if (quit)
            break;
        uint32_t wake = boardview_wake_in(&a.v);
        int timeout = wake > 60000 ? 60000 : (int)wake;
        if (wake == 0)
            timeout = 16; /* an entry slides in: 60 frames a second */
        if (sc.n && next < sc.n) {
            int32_t left = (int32_t)(due - now);
            left = left < 0 ? 0 : left;
            timeout = left < timeout ? left : timeout;
        }
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, timeout)) {
            do {
                if (e.type == SDL_QUIT)
                    quit = 1; /* SIGTERM, SIGINT, the window closed */
                else if (e.type == SDL_WINDOWEVENT)
                    refresh_size(&a), compose_invalidate(), a.v.dirty = 1;
                else if (e.type == SDL_KEYDOWN && !(SDL_GetWindowFlags(a.win) & SDL_WINDOW_FULLSCREEN) &&
                         (e.key.keysym.sym == SDLK_ESCAPE || e.key.keysym.sym == SDLK_q))
                    quit = 1; /* a windowed board (a try-out) closes with Esc; fullscreen takes no keys */
            } while (SDL_PollEvent(&e));
        }
    }
done:
    fleet_stop(f);
    scores_free(a.table);
    if (a.events && fclose(a.events) != 0 && rc == 0)
        rc = EXIT_FAIL;
    compose_quit();
    if (text_up)
        text_quit();
    video_close(a.win, a.ren);
    script_free(&sc);
    return rc;
}
