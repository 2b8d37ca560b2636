/* game.c: the game state machine: title, question, reveal, results, name entry, scores.
 * Driven only by game_input() and game_tick() with the time handed in: a seed and a script
 * replay exactly. Sounds and log events are queued for the platform, never played here. */
#include "game.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocklist.h"
#include "i18n.h"
#include "pin.h"
#include "util.h"

const char game_pick_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -";
#define PICK_N ((int)sizeof game_pick_alphabet - 1)

const char *game_osk_label(int i)
{
    static char buf[LAYOUT_OSK_KEYS][2];
    if (i >= 0 && i < 36) {
        buf[i][0] = game_pick_alphabet[i];
        buf[i][1] = 0;
        return buf[i];
    }
    switch (i) {
    /* TRANSLATORS: keys of the on-screen keyboard of the name entry (short: a key is small) */
    case OSK_SPACE: return _("SPACE");
    case OSK_DASH: return "-";
    case OSK_DEL: return _("DEL");
    case OSK_OK: return _("OK");
    default: return "";
    }
}

static const char *const page_names[ATTRACT_PAGE_COUNT] = {"title", "today", "alltime", "howto", "demo"};

const char *attract_page_name(attract_page p)
{
    return p < ATTRACT_PAGE_COUNT ? page_names[p] : "?";
}

void game_opts_default(game_opts *o)
{
    memset(o, 0, sizeof *o);
    o->round.questions = 10;
    o->round.order = ORDER_LADDER;
    o->round.time_s = 0;
    o->rules.speed_bonus = 1;
    o->rules.streak_bonus = 1;
    o->seed = 1;
    o->intro_ms = 1000;
    o->reveal_lock_ms = 700;
    o->reveal_auto_ms = 0;
    o->name_auto_ms = 0;
    o->screen_idle_ms = 0;
    o->attract_after_ms = 0;
    o->attract_page_ms = 8000;
    for (int i = 0; i < ATTRACT_PAGE_COUNT; i++)
        o->attract_pages[i] = (attract_page)i;
    o->nattract_pages = ATTRACT_PAGE_COUNT;
    o->round_idle_ms = 0;
    o->still_there_ms = 10000;
    o->pin_lock_ms = 60000;
    o->pin_lock_max_ms = 3600000;
    o->party = 1;
    o->players = 1;
    o->party_drop_misses = 0;
}

static void play(game *g, sfx s)
{
    if (g->mute_sfx || g->nsfx >= GAME_SFX_QUEUE)
        return;
    g->sfx_queue[g->nsfx++] = (int)s;
}

int game_take_sfx(game *g, int *out, int max)
{
    int n = g->nsfx < max ? g->nsfx : max;
    memcpy(out, g->sfx_queue, sizeof(int) * (size_t)n);
    memmove(g->sfx_queue, g->sfx_queue + n, sizeof(int) * (size_t)(g->nsfx - n));
    g->nsfx -= n;
    return n;
}

/* ---- the event log ---- */

static void emit_begin(strbuf *b, const game *g, const char *event)
{
    sb_puts(b, "{\"event\":");
    sb_json_str(b, event);
    sb_printf(b, ",\"t_ms\":%lu", (unsigned long)g->now);
}

static void fleet_check(game *g);

static void emit_end(game *g, strbuf *b)
{
    sb_puts(b, "}");
    if (g->emit && g->mode != MODE_DEMO)
        g->emit(g->emit_ud, b->s);
    sb_free(b);
}

static const deck *cur_deck(const game *g)
{
    return g->decks[g->deck_sel];
}

void game_fleet_deck(const deck *d, char *out, size_t n)
{
    size_t len = strlen(d->title);
    if (len >= n) { /* cut at a character's start */
        len = n - 1;
        while (len > 0 && ((unsigned char)d->title[len] & 0xC0) == 0x80)
            len--;
    }
    for (size_t i = 0; i < len; i++)
        out[i] = (d->title[i] == '\t' || d->title[i] == '\n' || d->title[i] == '\r') ? '_' : d->title[i];
    out[len] = 0;
    if (!len)
        game_deck_key(d, out, n); /* a deck with no title: its file name */
}

void game_board_deck(const game *g, const deck *d, char *out, size_t n)
{
    if (game_boards(g) != g->table)
        game_fleet_deck(d, out, n);
    else
        game_deck_key(d, out, n);
}

void game_deck_key(const deck *d, char *out, size_t n)
{
    const char *p = d->path ? d->path : d->title;
    const char *slash = strrchr(p, '/');
    if (slash)
        p = slash + 1;
    size_t len = strlen(p);
    const char *dot = strrchr(p, '.');
    if (dot && dot != p)
        len = (size_t)(dot - p);
    if (len >= n)
        len = n - 1;
    for (size_t i = 0; i < len; i++)
        out[i] = (p[i] == '\t' || p[i] == '\n' || p[i] == '\r') ? '_' : p[i];
    out[len] = 0;
}

void game_notice(game *g, const char *msg)
{
    snprintf(g->notice, sizeof g->notice, "%s", msg);
    g->notice_t0 = g->now;
    g->notice_kind = NOTICE_PROBLEM;
    g->dirty = 1;
}

/* How long the notice shows: a plain fact less long than a problem. */
static uint32_t notice_ms(const game *g)
{
    return g->notice_kind == NOTICE_INFO ? ANIM_INFO_MS : ANIM_NOTICE_MS;
}

int game_notice_shown(const game *g)
{
    return g->notice[0] && g->now - g->notice_t0 < notice_ms(g);
}

void game_notice_info(game *g, const char *msg)
{
    game_notice(g, msg);
    g->notice_kind = NOTICE_INFO;
}

void game_operator_hold(game *g, int permille)
{
    if (permille < 0)
        permille = 0;
    if (permille > 1000)
        permille = 1000;
    if (permille != g->operator_hold)
        g->dirty = 1;
    g->operator_hold = permille;
}

/* ---- scenes ---- */

/* Opens an overlay over the scene. Only the pause menu stays under another one; the PIN pad
 * answers "Still there?" (the operator is there). */
static void open_overlay(game *g, overlay o)
{
    int paused = g->overlay == OVERLAY_PAUSE || g->overlay_under == OVERLAY_PAUSE;
    g->overlay = o;
    g->overlay_under = o != OVERLAY_PAUSE && paused ? OVERLAY_PAUSE : OVERLAY_NONE;
    g->dirty = 1;
}

/* Closes the overlay on top: back to the one under it. */
static void close_overlay(game *g)
{
    g->overlay = g->overlay_under;
    g->overlay_under = OVERLAY_NONE;
    g->dirty = 1;
}

int game_paused(const game *g)
{
    return g->overlay == OVERLAY_PAUSE || g->overlay_under == OVERLAY_PAUSE;
}

int game_round_hidden(const game *g)
{
    return game_paused(g) || g->overlay == OVERLAY_STILL_THERE;
}

int game_attract(const game *g)
{
    return g->mode != MODE_PLAYER;
}

/* A new scene; its lock-out is none until the caller sets one. */
static void set_scene(game *g, scene s)
{
    g->scene = s;
    g->scene_t0 = g->clock;
    g->lock_ms = 0;
    g->cursor = 0;
    g->cursor_shown = 0;
    g->dirty = 1;
}

static void party_relayout(game *g);

static void show_question(game *g)
{
    set_scene(g, SCENE_QUESTION);
    /* a streak banner still up from the reveal lies over the question card: it fades out now
     * (its last quarter) rather than covering the new question */
    uint32_t fade = ANIM_BANNER_MS * 3 / 4;
    if (g->banner[0] && g->now - g->banner_t0 < fade)
        g->banner_t0 = g->now - fade;
    g->picked = -1;
    g->choices_t0 = g->clock + g->opts.intro_ms;
    g->last_secs = -1;
    if (g->party_round)
        party_question_start(&g->party); /* a late joiner plays from here */
    const question *q = &g->qs[g->qi];
    strbuf b = {0};
    emit_begin(&b, g, "question");
    sb_printf(&b, ",\"n\":%d,\"question\":", g->qi + 1);
    sb_json_str(&b, q->text);
    sb_puts(&b, ",\"choices\":[");
    for (int i = 0; i < q->nchoices; i++) {
        if (i)
            sb_puts(&b, ",");
        sb_json_str(&b, q->choices[i]);
    }
    sb_printf(&b, "],\"correct\":%d,\"time_ms\":%lu", q->correct, (unsigned long)q->time_ms);
    emit_end(g, &b);
}

static void start_round(game *g)
{
    const deck *d = cur_deck(g);
    /* each round of a run gets its own stream, derived from the seed */
    rng_seed(&g->play_rng, g->opts.seed + 0x9E3779B97F4A7C15ull * (uint64_t)g->rounds_played);
    g->rounds_played++;
    g->nq = round_build(d, &g->opts.round, &g->memory[g->deck_sel], &g->play_rng, g->qs);
    g->qi = 0;
    g->score = g->score_from = 0;
    g->streak = g->best_streak = g->right = 0;
    g->overlay = g->overlay_under = OVERLAY_NONE;
    g->entry_rank = 0;
    g->name_seat = -1;
    g->nname_queue = 0;
    /* two or more seats make a party round; a lone player plays the single game */
    g->party_round = g->opts.party && party_seated(&g->party) >= 2;
    g->party_touch = 0;
    if (g->party_round) {
        party_round_start(&g->party);
        party_relayout(g); /* the seats that left the last round are empty now */
        /* a touch screen's party: started by a tap, or a seat joined by one */
        g->party_touch = g->last_dev == DEV_POINTER;
        for (int s = 0; s < PARTY_MAX; s++)
            g->party_touch |= g->party.seat[s].state == SEAT_PLAYING && g->seat_dev[s] == DEV_POINTER;
        if (g->party_touch)
            for (int s = 0; s < PARTY_MAX; s++)
                g->seat_dev[s] = DEV_POINTER;
    }
    memset(g->outcomes, 0, sizeof g->outcomes);
    memset(g->answer_ms, 0, sizeof g->answer_ms);
    memset(g->points, 0, sizeof g->points);
    g->banner[0] = 0;
    strbuf b = {0};
    emit_begin(&b, g, "round_start");
    sb_puts(&b, ",\"deck\":");
    sb_json_str(&b, d->title);
    sb_printf(&b, ",\"seed\":%llu,\"questions\":%d", (unsigned long long)g->opts.seed, g->nq);
    if (g->party_round)
        sb_printf(&b, ",\"players\":%d", party_seated(&g->party));
    emit_end(g, &b);
    play(g, SND_MENU_SELECT);
    show_question(g);
}

/* Queues the round's entry for the score file. The core never writes a file itself: the
 * platform takes the queue (game_save_wanted), writes it with scorefile_add and says how that
 * went (game_save_done), so no input waits on a disk and a later store (a fleet's database)
 * plugs in at the same seam. The entry goes into the in-memory table at once: the board shows it
 * whatever happens to the file. */
static void save_entry(game *g, const score_entry *e)
{
    if (g->npending < GAME_MAX_PENDING) {
        g->pending[g->npending++] = *e;
    } else {
        /* saves have failed GAME_MAX_PENDING times: keep the best ones waiting, and the screen
         * shows this one in any case */
        int low = 0;
        for (int i = 1; i < g->npending; i++)
            if (g->pending[i].score < g->pending[low].score)
                low = i;
        if (e->score > g->pending[low].score)
            g->pending[low] = *e;
    }
    scores_insert(g->table, e);
    if (!g->scores_path) {
        g->npending = 0; /* memory only: the table is all there is */
        return;
    }
    g->save_wanted = 1;
}

int game_save_wanted(const game *g)
{
    return g->save_wanted && g->npending > 0 && g->scores_path;
}

static int rank_of(const game *g, const score_entry *e, score_board board);

void game_save_done(game *g, int ok, const char *err)
{
    g->save_wanted = 0;
    if (ok) {
        g->npending = 0;
        g->save_error[0] = 0;
        /* the file's table may hold what another running copy saved: the entry's place again */
        if (g->entry_rank) {
            int rank = rank_of(g, &g->entry, BOARD_ALLTIME);
            g->entry_rank = rank ? rank : rank_of(g, &g->entry, BOARD_TODAY);
            g->dirty = 1;
        }
        return;
    }
    snprintf(g->save_error, sizeof g->save_error, "%s", err && *err ? err : "error");
    if (!g->quit) {
        char msg[sizeof g->notice];
        /* TRANSLATORS: %s is the system's reason (a full disk...), in English */
        snprintf(msg, sizeof msg, _("Score not saved (%s); will retry"), g->save_error);
        game_notice(g, msg);
    }
}

static int rank_of(const game *g, const score_entry *e, score_board board)
{
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = scores_top(g->table, e->deck, board, g->wall, top, SCORES_BOARD_SIZE);
    for (int i = 0; i < n; i++)
        if (top[i]->score == e->score && top[i]->when == e->when &&
            strcmp(top[i]->name, e->name) == 0)
            return i + 1;
    return 0;
}

static void to_name(game *g);

/* Party mode's next name entry: the next seat of the queue (best first) whose score still
 * makes a board (the entries before it may have pushed it off) fills g->entry; a seat that left
 * the round is not there to type, so its entry is stored under the default name at once.
 * Returns 1 when a seat is to enter a name now (name_seat). */
static int party_next_name(game *g);

/* Stores g->entry under the name typed (the default when empty or refused) and logs it. */
static void store_name(game *g)
{
    scores_sanitize_name(g->name, g->entry.name);
    if (blocklist_match(g->opts.blocklist, g->entry.name))
        snprintf(g->entry.name, sizeof g->entry.name, "%s", SCORES_DEFAULT_NAME);
    save_entry(g, &g->entry);
    int rank = rank_of(g, &g->entry, BOARD_ALLTIME);
    if (!rank)
        rank = rank_of(g, &g->entry, BOARD_TODAY);
    g->entry_rank = rank;
    strbuf b = {0};
    emit_begin(&b, g, "highscore");
    sb_printf(&b, ",\"rank\":%d,\"name\":", rank);
    sb_json_str(&b, g->entry.name);
    sb_printf(&b, ",\"score\":%d", g->entry.score);
    if (g->name_seat >= 0)
        sb_printf(&b, ",\"player\":%d", g->name_seat + 1);
    emit_end(g, &b);
    play(g, SND_HIGHSCORE);
}

static void submit_name(game *g)
{
    store_name(g);
    if (g->party_round && party_next_name(g)) {
        to_name(g); /* the next player's turn */
        return;
    }
    set_scene(g, SCENE_SCORES);
    g->lock_ms = g->opts.reveal_lock_ms;
}

/* A party's entry now and every one still to enter are stored, under the default name where none
 * was typed (the round was walked away from, the program ends): nothing that made a board is
 * lost. */
static void store_party_names(game *g)
{
    do
        store_name(g);
    while (party_next_name(g));
}

/* Fills g->entry with a round's figures (the name still to be typed). */
static void begin_entry(game *g, int score, int right, int total, int best_streak)
{
    memset(&g->entry, 0, sizeof g->entry);
    game_deck_key(cur_deck(g), g->entry.deck, sizeof g->entry.deck);
    g->entry.score = score;
    g->entry.right = right;
    g->entry.total = total;
    g->entry.best_streak = best_streak;
    g->entry.when = g->wall;
    g->name[0] = 0;
    g->pick_letter = 0;
}

/* Fills g->entry with a seat's round. */
static void seat_entry(game *g, int s)
{
    const seat *t = &g->party.seat[s];
    begin_entry(g, t->score, t->right, t->asked, t->best_streak);
}

static int party_next_name(game *g)
{
    while (g->nname_queue > 0) {
        int s = g->name_queue[0];
        memmove(g->name_queue, g->name_queue + 1, sizeof g->name_queue[0] * (size_t)(g->nname_queue - 1));
        g->nname_queue--;
        seat_entry(g, s);
        g->name_seat = s;
        if (!scores_qualifies(g->table, g->entry.deck, g->entry.score, g->wall))
            continue;
        if (g->party.seat[s].state == SEAT_LEFT) {
            store_name(g);
            continue;
        }
        return 1;
    }
    return 0;
}

/* The party's round_end: each seat's score, right answers, best streak and place, in the
 * standings' order; the name queue of the seats that scored. Returns 1 when one makes a
 * board (and g->entry is that seat's). */
static int close_party_round(game *g, int abandoned)
{
    int order[PARTY_MAX];
    int n = party_standings(&g->party, order, 0);
    strbuf b = {0};
    emit_begin(&b, g, "round_end");
    sb_printf(&b, ",\"total\":%d,\"players\":[", g->nq);
    for (int i = 0; i < n; i++) {
        const seat *t = &g->party.seat[order[i]];
        sb_printf(&b, "%s{\"player\":%d,\"score\":%d,\"right\":%d,\"best_streak\":%d,\"place\":%d%s}",
                  i ? "," : "", order[i] + 1, t->score, t->right, t->best_streak, t->place,
                  t->state == SEAT_LEFT ? ",\"left\":true" : "");
    }
    sb_printf(&b, "]%s", abandoned ? ",\"abandoned\":true" : "");
    emit_end(g, &b);
    g->entry_rank = 0;
    g->nname_queue = 0;
    for (int i = 0; i < n; i++)
        if (g->party.seat[order[i]].score > 0)
            g->name_queue[g->nname_queue++] = order[i];
    g->name_seat = -1;
    return party_next_name(g);
}



/* The round is over (played to the end, or abandoned): logs round_end, fills this round's
 * score entry, and returns 1 when the score makes a board of the deck. */
static int close_round(game *g, int abandoned)
{
    if (g->party_round)
        return close_party_round(g, abandoned);
    strbuf b = {0};
    emit_begin(&b, g, "round_end");
    sb_printf(&b, ",\"score\":%d,\"right\":%d,\"total\":%d,\"best_streak\":%d%s", g->score, g->right,
              g->nq, g->best_streak, abandoned ? ",\"abandoned\":true" : "");
    emit_end(g, &b);
    begin_entry(g, g->score, g->right, g->nq, g->best_streak);
    g->entry_rank = 0;
    return g->score > 0 && scores_qualifies(g->table, g->entry.deck, g->score, g->wall);
}

/* The results come first for every player, with the review of what was missed; the score
 * counts up, and only then does a high score go on to the name entry. */
#define RESULTS_LOCK_MS 1500

static void end_round(game *g)
{
    g->qualifies = close_round(g, 0);
    g->score_from = 0;
    g->score_t0 = g->now;
    play(g, SND_ROUND_END);
    set_scene(g, SCENE_RESULTS);
    g->lock_ms = RESULTS_LOCK_MS > g->opts.reveal_lock_ms ? RESULTS_LOCK_MS : g->opts.reveal_lock_ms;
}

/* The results are over: a high score goes to the name entry, anything else to the title. */
static void to_name(game *g)
{
    set_scene(g, SCENE_NAME);
    /* a key still going from the results does not type or submit the name */
    g->lock_ms = g->opts.reveal_lock_ms;
}

/* How long the reveal ignores "next": the configured floor (700 ms by default) plus 15 ms per
 * character of the explanation, at most 2.5 s. 15 ms a character is a quick reader's pace (about
 * 65 characters a second: enough to take in the point, not to study it); the cap keeps a long
 * explanation from holding a player who has read it. Mashing a key through a round then still
 * shows every explanation for its reading time. */
static uint32_t read_lock_ms(const game *g)
{
    const question *q = &g->qs[g->qi];
    const char *why = cur_deck(g)->cards[q->card].explanation;
    size_t chars = utf8_count(why ? why : q->choices[q->correct]);
    uint32_t lock = g->opts.reveal_lock_ms + (uint32_t)(chars > 1000 ? 1000 : chars) * 15u;
    uint32_t cap = 2500 > g->opts.reveal_lock_ms ? 2500 : g->opts.reveal_lock_ms;
    return lock < cap ? lock : cap;
}

/* The "answer" event of the current question: a lone player's (player 0: no "player" field)
 * or a party seat's (player 1..PARTY_MAX); choice -1 = time ran out. */
static void emit_answer(game *g, int player, int choice, int right, uint32_t ms, int points, int streak, int score)
{
    strbuf b = {0};
    emit_begin(&b, g, "answer");
    sb_printf(&b, ",\"n\":%d", g->qi + 1);
    if (player)
        sb_printf(&b, ",\"player\":%d", player);
    sb_puts(&b, ",\"choice\":");
    if (choice < 0)
        sb_puts(&b, "null");
    else
        sb_printf(&b, "%d", choice);
    int m10 = right ? score_multiplier10(&g->opts.rules, streak) : 10;
    sb_printf(&b, ",\"correct\":%s,\"ms\":%lu,\"points\":%d,\"streak\":%d,\"multiplier\":%d.%d,\"score\":%d",
              right ? "true" : "false", (unsigned long)ms, points, streak, m10 / 10, m10 % 10, score);
    emit_end(g, &b);
}

static void answer(game *g, int choice)
{
    const question *q = &g->qs[g->qi];
    uint32_t ms = g->clock - g->choices_t0;
    if (ms > q->time_ms)
        ms = q->time_ms;
    int right = choice == q->correct;
    int pts = 0;
    if (right) {
        g->streak++;
        g->right++;
        if (g->streak > g->best_streak)
            g->best_streak = g->streak;
        pts = score_points(&g->opts.rules, cur_deck(g)->cards[q->card].level, ms, q->time_ms, g->streak);
        g->outcomes[g->qi] = OUT_RIGHT;
        play(g, SND_CORRECT);
        if (score_is_milestone(g->streak)) {
            int m10 = score_multiplier10(&g->opts.rules, g->streak);
            char mult[32];
            i18n_tenths(mult, sizeof mult, m10);
            /* TRANSLATORS: the banner at a streak milestone: the streak (5), the multiplier (2.0) */
            snprintf(g->banner, sizeof g->banner, _("STREAK %d  \xC2\xB7  x%s"), g->streak, mult);
            g->banner_t0 = g->now;
            play(g, SND_STREAK);
        }
    } else {
        g->streak = 0;
        g->outcomes[g->qi] = choice < 0 ? OUT_TIMEOUT : OUT_WRONG;
        play(g, choice < 0 ? SND_TIMEOUT : SND_WRONG);
    }
    g->picked = choice;
    g->answer_ms[g->qi] = ms;
    g->points[g->qi] = pts;
    g->score_from = g->score;
    g->score_t0 = g->now;
    g->score += pts;
    if (g->mode != MODE_DEMO)
        round_memory_answer(&g->memory[g->deck_sel], q->card, right);

    emit_answer(g, 0, choice, right, ms, pts, g->streak, g->score);
    set_scene(g, SCENE_REVEAL);
    g->lock_ms = read_lock_ms(g);
}

/* ---- party mode (the per-seat rules are party.c's) ---- */

/* The seats as the operator set them (--players N, players =): taken at start and whenever
 * attract mode hands the screen to new players. */
static void party_seat_defaults(game *g)
{
    party_clear(&g->party);
    if (g->opts.party && g->opts.players >= 2)
        for (int s = 0; s < g->opts.players && s < PARTY_MAX; s++)
            party_join(&g->party, s, 0);
}

/* The party layout for the seats taken: as many as the highest seat taken (a seat keeps its place
 * on screen whoever else joins), at least 2. Called whenever a seat empties or is taken. */
static void party_relayout(game *g)
{
    int n = 2;
    for (int s = 0; s < PARTY_MAX; s++)
        if (g->party.seat[s].state != SEAT_EMPTY)
            n = s + 1;
    layout_party(&g->lay, n);
}

static void emit_party_answer(game *g, int s)
{
    const seat *t = &g->party.seat[s];
    emit_answer(g, s + 1, t->pick, t->result == SEAT_RIGHT, t->ms, t->points, t->streak, t->score);
}

static void emit_seat(game *g, const char *event, int s, const char *reason)
{
    strbuf b = {0};
    emit_begin(&b, g, event);
    sb_printf(&b, ",\"player\":%d", s + 1);
    if (g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL)
        sb_printf(&b, ",\"from_question\":%d", g->qi + 2 <= g->nq ? g->qi + 2 : g->nq);
    if (reason) {
        sb_puts(&b, ",\"reason\":");
        sb_json_str(&b, reason);
    }
    emit_end(g, &b);
}

static void abandon_idle(game *g);
static void attract_exit(game *g);

/* Time ran out, or every seat has answered: who did not answer timed out, the standings move,
 * seats that walked away leave; then the reveal (or, with nobody left, the round ends). */
static void party_reveal(game *g)
{
    const question *q = &g->qs[g->qi];
    uint32_t el = g->clock - g->choices_t0;
    g->answer_ms[g->qi] = el < q->time_ms ? el : q->time_ms;
    party_time_out(&g->party);
    int any_right = 0;
    for (int s = 0; s < PARTY_MAX; s++) {
        const seat *t = &g->party.seat[s];
        if (t->state == SEAT_PLAYING && t->result == SEAT_TIMEOUT)
            emit_party_answer(g, s);
        any_right |= t->state == SEAT_PLAYING && t->result == SEAT_RIGHT;
    }
    int order[PARTY_MAX];
    party_standings(&g->party, order, 1);
    g->picked = -1;
    g->score_t0 = g->now;
    play(g, any_right ? SND_CORRECT : SND_WRONG);
    set_scene(g, SCENE_REVEAL);
    g->lock_ms = read_lock_ms(g);
    int gone = party_drop_missing(&g->party, g->opts.party_drop_misses);
    for (int s = 0; s < PARTY_MAX; s++)
        if (gone & (1 << s))
            emit_seat(g, "leave", s, "missed");
    if (party_playing(&g->party) == 0 && gone)
        abandon_idle(g); /* everyone walked away: as "Still there?" unanswered */
}

/* Seat s locks in `choice`: scored now, shown at the reveal (the screen shows only "locked").
 * The countdown ends early once every seat has answered. */
static void party_lock(game *g, int s, int choice)
{
    const question *q = &g->qs[g->qi];
    uint32_t ms = g->clock - g->choices_t0;
    if (!party_answer(&g->party, s, choice, q->correct, &g->opts.rules, cur_deck(g)->cards[q->card].level, ms,
                      q->time_ms))
        return;
    emit_party_answer(g, s);
    play(g, SND_MENU_SELECT);
    if (party_all_locked(&g->party))
        party_reveal(g);
}

/* A press that asks for a seat: a controller's A, or one of the keyboard's answer keys. */
static int join_press(const input *in)
{
    return in->seat >= 1 && ((in->kind == IN_BUTTON && in->index == 0) || in->kind == IN_ANSWER);
}

/* Seat s joins on the title (player 1 with the first other seat: someone started the game)
 * or, during a party round, from the next question on. */
static void party_join_seat(game *g, int s)
{
    int in_round = g->party_round && (g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL);
    if (!in_round && s > 0 && party_join(&g->party, 0, 0))
        emit_seat(g, "join", 0, NULL);
    if (!party_join(&g->party, s, in_round))
        return;
    emit_seat(g, "join", s, NULL);
    play(g, SND_MENU_MOVE);
    party_relayout(g);
}

/* Input that belongs to a party seat, before the scenes see it. Returns 1 when it was used up
 * here: a join on the title or in attract mode, a late join in a party round, a seat's B leaving
 * the title's party, the right keys (7-0) of no party, which a lone game never heard of. */
static int party_input(game *g, const input *in)
{
    if (!g->opts.party || in->seat < 1 || in->seat > PARTY_MAX)
        return 0;
    int s = in->seat - 1;
    const seat *t = &g->party.seat[s];
    int seated = t->state == SEAT_PLAYING || t->state == SEAT_WAITING;
    int right_keys = in->dev == DEV_KEYBOARD && s > 0;
    if (in->kind == IN_LEAVE) {
        /* a controller unplugged: its player is gone (in a round, the score stays) */
        if (seated && (g->party_round || g->scene == SCENE_TITLE || g->mode != MODE_PLAYER)) {
            party_leave(&g->party, s, g->party_round);
            emit_seat(g, "leave", s, "unplugged");
            party_relayout(g);
            int in_play = g->party_round && (g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL);
            if (in_play && party_playing(&g->party) == 0)
                abandon_idle(g); /* nobody left at the game */
            else if (in_play && g->scene == SCENE_QUESTION && party_all_locked(&g->party))
                party_reveal(g); /* the others have all answered: no one left to wait for */
        }
        return 1;
    }
    if (g->mode != MODE_PLAYER) {
        if (s == 0 || !join_press(in))
            return 0;
        attract_exit(g); /* "2-4 players: press A to join": woken and seated at once */
        party_join_seat(g, s);
        return 1;
    }
    if (g->overlay != OVERLAY_NONE)
        return right_keys && g->overlay == OVERLAY_PAUSE; /* 7-0 are no menu keys */
    if (g->scene == SCENE_TITLE) {
        if (s == 0 && !right_keys)
            return 0; /* player 1 picks and starts as in a lone game */
        if (game_locked(g))
            return 1;
        if (!seated && join_press(in)) {
            party_join_seat(g, s);
            return 1;
        }
        if (seated && in->kind == IN_BUTTON && in->index == 1) {
            party_leave(&g->party, s, 0);
            emit_seat(g, "leave", s, "left");
            party_relayout(g);
            return 1;
        }
        return right_keys || (in->kind == IN_BUTTON && in->index != 0) ? 1 : 0;
    }
    if (g->party_round && (g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL) && !seated &&
        join_press(in)) {
        party_join_seat(g, s); /* a late joiner: from the next question on */
        return 1;
    }
    /* the right keys are a seat's, and only a party round has seats */
    return right_keys && !g->party_round;
}

static void attract_next(game *g);

static void next_after_reveal(game *g)
{
    g->qi++;
    if (g->qi >= g->nq && g->mode == MODE_DEMO)
        attract_next(g);
    else if (g->qi >= g->nq)
        end_round(g);
    else
        show_question(g);
}

static void to_title(game *g)
{
    int after_round = g->scene == SCENE_RESULTS || g->scene == SCENE_SCORES;
    g->overlay = g->overlay_under = OVERLAY_NONE;
    /* the party stays seated for the next round; who left, or came late, is as anyone else */
    party_round_end(&g->party);
    g->party_round = 0;
    g->name_seat = -1;
    party_relayout(g);
    set_scene(g, SCENE_TITLE);
    g->cursor = g->deck_sel;
    if (after_round) /* Enter held or mashed from the last screen does not start a new round */
        g->lock_ms = g->opts.reveal_lock_ms;
}

static void attract_enter(game *g);

/* Nobody is there any more: back to the title, and on a kiosk straight on to attract mode. */
static void to_title_idle(game *g)
{
    to_title(g);
    if (g->opts.attract_after_ms)
        attract_enter(g);
}

/* The player leaves a round from the pause menu: nothing is saved (they chose to). */
static void abandon_round(game *g)
{
    to_title(g);
}

/* Nobody answered "Still there?": the round ends where it is, and a score that makes a
 * board is saved under the default name, so a walk-away never loses a high score. */
static void abandon_idle(game *g)
{
    g->overlay = g->overlay_under = OVERLAY_NONE;
    if (close_round(g, 1)) {
        if (g->party_round) {
            store_party_names(g); /* every party seat's under the default name */
        } else {
            submit_name(g); /* the empty name becomes the default */
        }
    }
    to_title_idle(g);
}

/* ---- attract mode ---- */

static void start_demo(game *g)
{
    const deck *d = cur_deck(g);
    round_opts ro = g->opts.round;
    ro.questions = 3;
    ro.order = ORDER_RANDOM;
    g->mode = MODE_DEMO;
    g->nq = round_build(d, &ro, NULL, &g->demo_rng, g->qs);
    g->qi = 0;
    g->score = g->score_from = 0;
    g->streak = g->best_streak = g->right = 0;
    memset(g->outcomes, 0, sizeof g->outcomes);
    g->banner[0] = 0;
    show_question(g);
}

static void attract_show(game *g)
{
    attract_page p = g->opts.attract_pages[g->attract_idx];
    g->attract_t0 = g->now;
    g->mode = MODE_ATTRACT;
    strbuf b = {0};
    emit_begin(&b, g, "attract");
    sb_puts(&b, ",\"page\":");
    sb_json_str(&b, attract_page_name(p));
    emit_end(g, &b);
    if (p == ATTRACT_DEMO && cur_deck(g)->ncards > 0)
        start_demo(g);
    else
        set_scene(g, SCENE_ATTRACT);
}

static void attract_next(game *g)
{
    g->attract_idx = (g->attract_idx + 1) % g->opts.nattract_pages;
    attract_show(g);
}

static void attract_enter(game *g)
{
    if (g->opts.nattract_pages <= 0)
        return;
    /* the next player hears the kiosk as the operator set it, whatever the last one muted */
    g->mute_sfx = g->opts.mute_sfx;
    g->mute_music = g->opts.mute_music;
    g->mode = MODE_ATTRACT;
    g->attract_idx = 0;
    /* nobody is there: the seats go back to what the operator set */
    party_seat_defaults(g);
    party_relayout(g);
    g->party_round = 0;
    rng_seed(&g->demo_rng, rng_next(&g->fx_rng));
    attract_show(g);
}

static void attract_exit(game *g)
{
    g->mode = MODE_PLAYER;
    strbuf b = {0};
    emit_begin(&b, g, "attract_end");
    emit_end(g, &b);
    to_title(g);
}

/* The demo's player: answers after a human-looking pause, mostly right. */
static void demo_tick(game *g)
{
    if (g->scene == SCENE_QUESTION && g->clock >= g->choices_t0) {
        if (!g->demo_answer_at) {
            g->demo_answer_at = g->clock + 1500 + rng_below(&g->demo_rng, 3000);
            const question *q = &g->qs[g->qi];
            g->demo_choice = rng_below(&g->demo_rng, 4) ? q->correct
                                                        : (q->correct + 1 + (int)rng_below(&g->demo_rng, (uint32_t)q->nchoices - 1)) % q->nchoices;
        } else if (g->clock >= g->demo_answer_at) {
            g->demo_answer_at = 0;
            answer(g, g->demo_choice);
        }
    } else if (g->scene == SCENE_REVEAL && g->clock - g->scene_t0 >= 3500) {
        next_after_reveal(g);
    }
}

/* ---- operator exit ---- */

void game_set_journal(game *g, game_journal_fn fn, void *ud)
{
    g->journal = fn;
    g->journal_ud = ud;
}

static void journal(game *g, const char *fmt, ...)
{
    if (!g->journal)
        return;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    g->journal(g->journal_ud, line);
}

uint32_t game_pin_lock_len(const game_opts *o, int n)
{
    uint64_t len = o->pin_lock_ms;
    for (int i = 1; i < n && len < o->pin_lock_max_ms; i++)
        len *= 2;
    return len > o->pin_lock_max_ms ? o->pin_lock_max_ms : (uint32_t)len;
}

uint32_t game_pin_locked_for(const game *g)
{
    if (!g->pin_locked || (int32_t)(g->pin_lock_end - g->now) <= 0)
        return 0;
    return g->pin_lock_end - g->now;
}

void game_pin_restore(game *g, const pin_state *s)
{
    g->pin_fails = s->fails < 0 ? 0 : s->fails >= PIN_TRIES ? PIN_TRIES - 1 : s->fails;
    g->pin_locks = s->locks < 0 ? 0 : s->locks > 1000 ? 1000 : s->locks;
    g->pin_locked = 0;
    if (s->until > g->wall && g->pin_locks > 0) {
        /* never longer than the lock itself: a clock set back must not lock the operator out */
        uint64_t max_s = (game_pin_lock_len(&g->opts, g->pin_locks) + 999) / 1000;
        uint64_t left_s = (uint64_t)(s->until - g->wall);
        if (left_s > max_s)
            left_s = max_s;
        g->pin_locked = 1;
        g->pin_lock_end = g->now + (uint32_t)(left_s * 1000);
    }
    g->dirty = 1;
}

int game_pin_save_wanted(const game *g)
{
    return g->pin_save_wanted;
}

void game_pin_state(const game *g, pin_state *out)
{
    uint32_t left = game_pin_locked_for(g);
    out->fails = g->pin_fails;
    out->locks = g->pin_locks;
    out->until = left ? g->wall + (int64_t)((left + 999) / 1000) : 0;
}

void game_pin_save_done(game *g, int ok, const char *err)
{
    g->pin_save_wanted = 0;
    if (!ok)
        journal(g, "the PIN lock-out could not be saved (it holds until the game restarts): %s",
                err ? err : "unknown error");
}

void game_operator_exit(game *g)
{
    if (!g->opts.exit_pin[0] && !g->opts.exit_pin_hash[0]) {
        game_terminate(g, "operator");
        return;
    }
    open_overlay(g, OVERLAY_PIN);
    g->pin[0] = 0;
    g->pin_wrong = 0;
    g->pin_t0 = g->now;
    g->dirty = 1;
}

static void pin_digit(game *g, char c)
{
    if (game_pin_locked_for(g))
        return; /* the pad takes nothing while locked */
    g->pin_wrong = 0;
    size_t n = strlen(g->pin);
    if (n + 1 < sizeof g->pin && n < 8) {
        g->pin[n] = c;
        g->pin[n + 1] = 0;
    }
}

static void pin_event(game *g, int ok, uint32_t lock_ms)
{
    strbuf b = {0};
    emit_begin(&b, g, "pin");
    sb_printf(&b, ",\"ok\":%s,\"fails\":%d,\"locks\":%d,\"locked_ms\":%lu", ok ? "true" : "false", g->pin_fails,
              g->pin_locks, (unsigned long)lock_ms);
    emit_end(g, &b);
}

static void pin_check(game *g)
{
    if (game_pin_locked_for(g))
        return; /* not even counted: nothing is tried while locked */
    int ok = pin_matches(g->pin, g->opts.exit_pin, g->opts.exit_pin_hash);
    g->pin[0] = 0;
    if (ok) {
        g->pin_fails = g->pin_locks = 0;
        g->pin_locked = 0;
        g->pin_save_wanted = 1;
        journal(g, "operator PIN right: exiting");
        pin_event(g, 1, 0);
        close_overlay(g);
        game_terminate(g, "operator");
        return;
    }
    uint32_t lock = 0;
    if (++g->pin_fails >= PIN_TRIES) {
        g->pin_fails = 0;
        if (g->pin_locks < 1000)
            g->pin_locks++;
        lock = game_pin_lock_len(&g->opts, g->pin_locks);
        g->pin_locked = 1;
        g->pin_lock_end = g->now + lock;
        journal(g, "operator PIN wrong (%d in a row): the exit is locked for %lu s (lock %d)", PIN_TRIES,
                (unsigned long)(lock / 1000), g->pin_locks);
    } else {
        journal(g, "operator PIN wrong (%d of %d before the exit locks)", g->pin_fails, PIN_TRIES);
    }
    g->pin_save_wanted = 1;
    pin_event(g, 0, lock);
    /* said on the pad itself, which stays up for another try (or Esc) */
    g->pin_wrong = 1;
    g->pin_t0 = g->now;
    play(g, SND_WRONG);
}

static void input_pin(game *g, const input *in)
{
    switch (in->kind) {
    case IN_TEXT:
        for (const char *p = in->text; *p; p++)
            if (*p >= '0' && *p <= '9')
                pin_digit(g, *p);
        break;
    case IN_BACKSPACE:
        if (g->pin[0])
            g->pin[strlen(g->pin) - 1] = 0;
        break;
    case IN_CONFIRM:
        pin_check(g);
        break;
    case IN_BACK:
    case IN_BUTTON:
        close_overlay(g);
        break;
    case IN_POINT:
        for (int i = 0; i < PIN_KEYS; i++) {
            if (!rect_contains(g->lay.pin_key[i], in->x, in->y))
                continue;
            if (i < 9)
                pin_digit(g, (char)('1' + i));
            else if (i == PIN_KEY_ZERO)
                pin_digit(g, '0');
            else if (i == PIN_KEY_DEL && g->pin[0])
                g->pin[strlen(g->pin) - 1] = 0;
            else if (i == PIN_KEY_OK)
                pin_check(g);
            break;
        }
        break;
    default:
        break;
    }
}

int game_music_wanted(const game *g)
{
    if (g->mute_music)
        return 0;
    if (g->mode != MODE_PLAYER && !g->opts.attract_music)
        return 0;
    return 1;
}

static void request_quit(game *g)
{
    if (g->opts.kiosk)
        return;
    /* a name being entered is saved as it stands, so quitting never loses a high score */
    game_terminate(g, "player");
}

/* ---- input per scene ---- */

static int choice_at(const game *g, int x, int y)
{
    const question *q = &g->qs[g->qi];
    for (int i = 0; i < q->nchoices; i++)
        if (rect_contains(g->lay.choice[i], x, y))
            return i;
    return -1;
}

/* Moves the cursor in the choice grid (2x2 in landscape, a column in portrait). */
static int grid_move(const game *g, int cur, input_kind k, int n)
{
    if (cur < 0 || cur >= n)
        return 0;
    int cols = g->lay.portrait ? 1 : 2;
    int r = cur / cols, c = cur % cols;
    switch (k) {
    case IN_UP: r--; break;
    case IN_DOWN: r++; break;
    case IN_LEFT: c--; break;
    case IN_RIGHT: c++; break;
    default: break;
    }
    if (c < 0 || c >= cols || r < 0)
        return cur;
    int ni = r * cols + c;
    return ni < n ? ni : cur;
}

/* Selects deck i (if there is one) and scrolls the title's list to keep it in view. */
static void select_deck(game *g, int i)
{
    if (i < 0 || i >= g->ndecks || i == g->deck_sel)
        return;
    g->deck_sel = i;
    int shown = game_decks_shown(g);
    if (i < g->deck_first)
        g->deck_first = i;
    else if (i >= g->deck_first + shown)
        g->deck_first = i - shown + 1;
    play(g, SND_MENU_MOVE);
}

int game_hint_shown(const game *g)
{
    if (g->scene != SCENE_QUESTION || g->clock < g->choices_t0)
        return 0;
    const question *q = &g->qs[g->qi];
    if (!cur_deck(g)->cards[q->card].hint)
        return 0;
    return g->clock - g->choices_t0 >= q->time_ms / 2;
}

int game_decks_shown(const game *g)
{
    return g->ndecks < LAYOUT_MAX_DECKS ? g->ndecks : LAYOUT_MAX_DECKS;
}

static void input_title(game *g, const input *in)
{
    if (game_locked(g))
        return; /* just back from a round: a key still going does not start the next */
    switch (in->kind) {
    case IN_UP:
    case IN_LEFT:
        select_deck(g, g->deck_sel - 1);
        break;
    case IN_DOWN:
    case IN_RIGHT:
        select_deck(g, g->deck_sel + 1);
        break;
    case IN_CONFIRM:
    case IN_PAUSE:
        start_round(g);
        break;
    case IN_BUTTON:
        if (in->index == 0)
            start_round(g);
        break;
    case IN_ANSWER:
        /* 1-4 pick one of the first four decks in view */
        select_deck(g, g->deck_first + in->index);
        break;
    case IN_POINT:
        if (g->opts.party && rect_contains(g->lay.join_tap, in->x, in->y) && party_seated(&g->party) < PARTY_MAX) {
            /* "+ player": the next free seat, for a player at the touch screen */
            int s = 0;
            while (s < PARTY_MAX && g->party.seat[s].state != SEAT_EMPTY)
                s++;
            g->seat_dev[s] = DEV_POINTER;
            party_join_seat(g, s > 0 ? s : 1);
            if (s == 0)
                g->seat_dev[1] = DEV_POINTER;
            break;
        }
        if (rect_contains(g->lay.start, in->x, in->y)) {
            start_round(g);
            break;
        }
        for (int k = 0; k < game_decks_shown(g); k++) {
            if (rect_contains(g->lay.deck_item[k], in->x, in->y)) {
                /* a tap on the picked deck starts it; on another, picks it */
                if (g->deck_sel == g->deck_first + k)
                    start_round(g);
                else
                    select_deck(g, g->deck_first + k);
                break;
            }
        }
        break;
    case IN_BACK:
        /* a windowed game asks first (one Esc too many must not end it); a kiosk never quits */
        if (!g->opts.kiosk)
            open_overlay(g, OVERLAY_QUIT_ASK);
        break;
    default:
        break;
    }
}

/* "Quit quizblitz?": Esc (or a controller's B or Back) again quits; anything else stays. */
static void input_quit_ask(game *g, const input *in)
{
    close_overlay(g);
    if (in->kind == IN_BACK || (in->kind == IN_BUTTON && in->index == 1))
        game_terminate(g, "player");
}

/* A party question: each seat answers with its own device (its keys, its controller, its touch
 * pad); Enter and the arrows belong to no seat. */
static void input_party_question(game *g, const input *in)
{
    const question *q = &g->qs[g->qi];
    if ((in->kind == IN_ANSWER || in->kind == IN_BUTTON) && in->seat >= 1 && in->index < q->nchoices) {
        party_lock(g, in->seat - 1, in->index);
    } else if (in->kind == IN_POINT && g->party_touch) {
        for (int s = 0; s < g->lay.seats; s++)
            for (int c = 0; c < q->nchoices; c++)
                if (rect_contains(g->lay.pad_choice[s][c], in->x, in->y)) {
                    party_lock(g, s, c);
                    return;
                }
    }
}

static void input_question(game *g, const input *in)
{
    const question *q = &g->qs[g->qi];
    if (g->clock < g->choices_t0)
        return; /* the question shows alone: answers are not on screen yet */
    if (g->party_round) {
        input_party_question(g, in);
        return;
    }
    switch (in->kind) {
    case IN_ANSWER:
    case IN_BUTTON:
        if (in->index < q->nchoices)
            answer(g, in->index);
        break;
    case IN_UP:
    case IN_DOWN:
    case IN_LEFT:
    case IN_RIGHT: {
        int n = grid_move(g, g->cursor, in->kind, q->nchoices);
        if (!g->cursor_shown) {
            /* the first arrow press shows the cursor where it is */
            g->cursor_shown = 1;
            play(g, SND_MENU_MOVE);
        } else if (n != g->cursor) {
            g->cursor = n;
            play(g, SND_MENU_MOVE);
        }
        break;
    }
    case IN_CONFIRM:
        /* Enter answers the highlighted choice once the cursor is on screen; before that
         * it only shows the cursor, so a key held from the reveal never answers */
        if (g->cursor_shown)
            answer(g, g->cursor);
        else
            g->cursor_shown = 1;
        break;
    case IN_POINT: {
        int c = choice_at(g, in->x, in->y);
        if (c >= 0)
            answer(g, c);
        break;
    }
    default:
        break;
    }
}

int game_locked(const game *g)
{
    return g->clock - g->scene_t0 < g->lock_ms;
}

static void input_reveal(game *g, const input *in)
{
    if (game_locked(g))
        return; /* the screen shows the reading time running out */
    if (in->kind == IN_CONFIRM || in->kind == IN_POINT || (in->kind == IN_BUTTON && in->index == 0))
        next_after_reveal(g);
}

/* Results and the high-score table: confirm, a tap, back or A/B go on (after the lock-out, so
 * a key held from the last answer does not skip the screen): from the results of a high score
 * to the name entry, otherwise to the title. */
static void input_leave(game *g, const input *in)
{
    if (game_locked(g))
        return;
    if (in->kind == IN_CONFIRM || in->kind == IN_POINT || in->kind == IN_BACK || in->kind == IN_PAUSE ||
        (in->kind == IN_BUTTON && (in->index == 0 || in->index == 1))) {
        if (g->scene == SCENE_RESULTS && g->qualifies)
            to_name(g);
        else
            to_title(g);
    }
}

/* Typed or pasted text, less what the board would drop (controls, bidi overrides, zero-width
 * characters: a character is kept when the sanitiser keeps it after a letter), so the name
 * entry never shows what the board will not: what was typed is what is saved. */
static void name_keep_shown(const char *s, char *out, size_t n)
{
    size_t o = 0, avail = strlen(s);
    const unsigned char *p = (const unsigned char *)s;
    while (avail > 0) {
        int l = utf8_seq_len(p, avail);
        if (l == 0) {
            p++, avail--;
            continue;
        }
        char probe[8] = "x", kept[SCORES_NAME_BYTES];
        memcpy(probe + 1, p, (size_t)l);
        probe[1 + l] = 0;
        scores_sanitize_name(probe, kept);
        int ok = (l == 1 && *p == ' ') || strcmp(kept, probe) == 0;
        if (ok && o + (size_t)l < n) {
            memcpy(out + o, p, (size_t)l);
            o += (size_t)l;
        }
        p += l;
        avail -= (size_t)l;
    }
    out[o] = 0;
}

static void name_append(game *g, const char *s)
{
    char tmp[SCORES_NAME_BYTES * 2], add[sizeof ((input *)0)->text];
    name_keep_shown(s, add, sizeof add);
    snprintf(tmp, sizeof tmp, "%s%s", g->name, add);
    /* keep at most SCORES_NAME_MAX_CP code points, printable only */
    size_t cut = utf8_prefix(tmp, SCORES_NAME_MAX_CP);
    tmp[cut] = 0;
    if (cut < sizeof g->name && utf8_valid(tmp, cut))
        memcpy(g->name, tmp, cut + 1);
}

static void name_backspace(game *g)
{
    size_t n = strlen(g->name);
    while (n > 0 && ((unsigned char)g->name[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        n--;
    g->name[n] = 0;
}

static void osk_press(game *g, int key)
{
    if (key < 36) {
        char s[2] = {game_pick_alphabet[key], 0};
        name_append(g, s);
    } else if (key == OSK_SPACE) {
        name_append(g, " ");
    } else if (key == OSK_DASH) {
        name_append(g, "-");
    } else if (key == OSK_DEL) {
        name_backspace(g);
    } else if (key == OSK_OK) {
        submit_name(g);
        return;
    }
    play(g, SND_MENU_MOVE);
}

static void input_name(game *g, const input *in)
{
    char s[2] = {0, 0};
    if (game_locked(g))
        return;
    switch (in->kind) {
    case IN_TEXT:
        name_append(g, in->text);
        break;
    case IN_BACKSPACE:
        name_backspace(g);
        break;
    case IN_CONFIRM:
    case IN_PAUSE:
    case IN_BACK:
        submit_name(g);
        break;
    case IN_UP:
        g->pick_letter = (g->pick_letter + PICK_N - 1) % PICK_N;
        play(g, SND_MENU_MOVE);
        break;
    case IN_DOWN:
        g->pick_letter = (g->pick_letter + 1) % PICK_N;
        play(g, SND_MENU_MOVE);
        break;
    case IN_RIGHT:
        s[0] = game_pick_alphabet[g->pick_letter];
        name_append(g, s);
        play(g, SND_MENU_SELECT);
        break;
    case IN_LEFT:
        name_backspace(g);
        break;
    case IN_BUTTON:
        if (in->index == 0) { /* A: take the picked letter */
            s[0] = game_pick_alphabet[g->pick_letter];
            name_append(g, s);
            play(g, SND_MENU_SELECT);
        } else if (in->index == 1) { /* B: delete */
            name_backspace(g);
        } else if (in->index == 3) { /* Y: done */
            submit_name(g);
        }
        break;
    case IN_POINT:
        for (int i = 0; i < LAYOUT_OSK_KEYS; i++)
            if (rect_contains(g->lay.osk[i], in->x, in->y)) {
                osk_press(g, i);
                break;
            }
        break;
    default:
        break;
    }
}

/* The pause menu opens or closes; logged ("pause", "resume") with the round clock's reading, so a
 * log shows what a pause cost the countdown: nothing. */
static void set_paused(game *g, int on)
{
    if ((g->overlay == OVERLAY_PAUSE) == on)
        return;
    if (on)
        open_overlay(g, OVERLAY_PAUSE);
    else
        close_overlay(g);
    g->pause_sel = 0;
    strbuf b = {0};
    emit_begin(&b, g, on ? "pause" : "resume");
    sb_printf(&b, ",\"clock_ms\":%lu", (unsigned long)g->clock);
    emit_end(g, &b);
}

/* The pause overlay sees input first ("the menu ate the event"). */
int game_pause_items(const game *g)
{
    /* a kiosk cannot quit, and "quit to title" is how a round ends */
    return g->opts.kiosk ? PAUSE_QUIT : LAYOUT_PAUSE_ITEMS;
}

static void pause_pick(game *g, int item)
{
    play(g, SND_MENU_SELECT);
    switch (item) {
    case PAUSE_RESUME: set_paused(g, 0); break;
    case PAUSE_RESTART: set_paused(g, 0); start_round(g); break;
    case PAUSE_TITLE: abandon_round(g); break;
    case PAUSE_QUIT:
        if (!g->opts.kiosk)
            game_terminate(g, "player");
        break;
    default: break;
    }
}

static void input_pause(game *g, const input *in)
{
    switch (in->kind) {
    case IN_UP:
        if (g->pause_sel > 0) {
            g->pause_sel--;
            play(g, SND_MENU_MOVE);
        }
        break;
    case IN_DOWN:
        if (g->pause_sel < game_pause_items(g) - 1) {
            g->pause_sel++;
            play(g, SND_MENU_MOVE);
        }
        break;
    case IN_CONFIRM:
        pause_pick(g, g->pause_sel);
        break;
    case IN_BUTTON:
        if (in->index == 0)
            pause_pick(g, g->pause_sel);
        else if (in->index == 1)
            set_paused(g, 0);
        break;
    case IN_BACK:
    case IN_PAUSE:
        set_paused(g, 0);
        break;
    case IN_ANSWER:
        if (in->index < game_pause_items(g))
            pause_pick(g, in->index);
        break;
    case IN_POINT:
        for (int i = 0; i < game_pause_items(g); i++)
            if (rect_contains(g->lay.pause_item[i], in->x, in->y)) {
                pause_pick(g, i);
                return;
            }
        break;
    default:
        break;
    }
}

void game_input(game *g, const input *in)
{
    if (in->kind == IN_LEAVE) {
        /* a device went away: nobody pressed anything (no idle timer, no waking attract mode) */
        if (g->overlay != OVERLAY_PIN)
            party_input(g, in);
        return;
    }
    g->last_dev = in->dev;
    if (in->seat >= 1 && in->seat <= PARTY_MAX)
        g->seat_dev[in->seat - 1] = in->dev;
    g->last_input = g->now;
    g->dirty = 1;
    if (in->kind == IN_QUIT) {
        request_quit(g);
        return;
    }
    if (g->overlay == OVERLAY_PIN) {
        input_pin(g, in);
        return;
    }
    if (party_input(g, in))
        return;
    if (g->mode != MODE_PLAYER) {
        /* any input wakes the game up; that input does nothing else */
        attract_exit(g);
        return;
    }
    if (g->overlay == OVERLAY_STILL_THERE) {
        close_overlay(g); /* back to the round, or to the pause menu under it */
        return;
    }
    if (g->overlay == OVERLAY_QUIT_ASK) {
        input_quit_ask(g, in);
        return;
    }
    if (g->scene != SCENE_NAME) {
        /* M and S: said on screen, so the next player knows why the booth is quiet (and a
         * kiosk turns the sound back on for them: attract_enter) */
        if (in->kind == IN_MUTE_SFX) {
            g->mute_sfx = !g->mute_sfx;
            game_notice_info(g, g->mute_sfx ? _("Sound effects off \xC2\xB7 S turns them on")
                                            : _("Sound effects on \xC2\xB7 S turns them off"));
            return;
        }
        if (in->kind == IN_MUTE_MUSIC) {
            g->mute_music = !g->mute_music;
            game_notice_info(g, g->mute_music ? _("Music off \xC2\xB7 M turns it on") : _("Music on \xC2\xB7 M turns it off"));
            return;
        }
    }
    if (g->overlay == OVERLAY_PAUSE) {
        input_pause(g, in);
        return;
    }
    if ((g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL) &&
        (in->kind == IN_BACK || in->kind == IN_PAUSE)) {
        set_paused(g, 1);
        return;
    }
    switch (g->scene) {
    case SCENE_TITLE: input_title(g, in); break;
    case SCENE_QUESTION: input_question(g, in); break;
    case SCENE_REVEAL: input_reveal(g, in); break;
    case SCENE_RESULTS: input_leave(g, in); break;
    case SCENE_NAME: input_name(g, in); break;
    case SCENE_SCORES: input_leave(g, in); break;
    case SCENE_ATTRACT: break;
    }
}

/* ---- time ---- */

/* ms left of `limit` after `elapsed` (0 when it has run out). */
static uint32_t until(uint32_t elapsed, uint32_t limit)
{
    return elapsed < limit ? limit - elapsed : 0;
}

/* The time-outs of the screens that go on by themselves, as ms left (UINT32_MAX = none):
 * the reveal (a kiosk's auto-advance, never before its reading time), the name entry (from the
 * later of the scene's start and the last input), the results and the boards (a kiosk's idle
 * rule). Paused, nothing runs out. */
static uint32_t auto_left(const game *g)
{
    if (g->overlay != OVERLAY_NONE || g->mode != MODE_PLAYER)
        return UINT32_MAX;
    uint32_t on_scene = g->clock - g->scene_t0, idle = g->now - g->last_input;
    switch (g->scene) {
    case SCENE_REVEAL: {
        if (!g->opts.reveal_auto_ms)
            return UINT32_MAX;
        uint32_t limit = g->opts.reveal_auto_ms > g->lock_ms ? g->opts.reveal_auto_ms : g->lock_ms;
        return until(on_scene, limit);
    }
    case SCENE_NAME:
        if (!g->opts.name_auto_ms)
            return UINT32_MAX;
        return until(on_scene < idle ? on_scene : idle, g->opts.name_auto_ms);
    case SCENE_RESULTS:
    case SCENE_SCORES:
        if (!g->opts.screen_idle_ms)
            return UINT32_MAX;
        return until(on_scene < idle ? on_scene : idle, g->opts.screen_idle_ms);
    default:
        return UINT32_MAX;
    }
}

uint32_t game_auto_in(const game *g)
{
    if (g->overlay == OVERLAY_STILL_THERE)
        return until(g->now - g->still_t0, g->opts.still_there_ms);
    if (g->overlay == OVERLAY_PIN)
        return UINT32_MAX;
    return auto_left(g);
}

/* The player left a round (question, reveal, or the pause menu over them): "Still there?". */
static int round_idle(const game *g)
{
    return (g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL) && g->mode == MODE_PLAYER &&
           (g->overlay == OVERLAY_NONE || g->overlay == OVERLAY_PAUSE) &&
           g->opts.round_idle_ms && g->now - g->last_input >= g->opts.round_idle_ms;
}

/* Whole seconds left of a question's countdown after el ms, rounded up (the screen's number and
 * the ticks of the last seconds count the same). */
static int secs_left(const question *q, uint32_t el)
{
    return (int)((q->time_ms - (el < q->time_ms ? el : q->time_ms) + 999) / 1000);
}

void game_tick(game *g, uint32_t now, int64_t wall)
{
    uint32_t dt = now - g->now;
    g->now = now;
    g->wall = wall;
    int frozen = g->overlay != OVERLAY_NONE;
    if (!frozen)
        g->clock += dt;
    fleet_check(g); /* boards that were fresh may be stale now */
    if (g->pin_locked && !game_pin_locked_for(g)) {
        g->pin_locked = 0; /* the pad takes a PIN again */
        g->pin_wrong = 0;
        g->dirty = 1;
    }
    if (g->overlay == OVERLAY_PIN && g->now - g->pin_t0 >= PIN_TIMEOUT_MS) {
        close_overlay(g);
        g->dirty = 1;
    }
    if (g->overlay == OVERLAY_STILL_THERE && g->now - g->still_t0 >= g->opts.still_there_ms) {
        abandon_idle(g);
        return;
    }
    if (g->overlay == OVERLAY_PIN)
        return;
    if (round_idle(g)) {
        /* also over the pause menu: a player who pressed Esc and walked away is gone too */
        open_overlay(g, OVERLAY_STILL_THERE);
        g->still_t0 = g->now;
        g->dirty = 1;
        strbuf b = {0};
        emit_begin(&b, g, "still_there");
        emit_end(g, &b);
        play(g, SND_TICK_LAST);
        return;
    }
    if (frozen)
        return;
    if (g->mode != MODE_PLAYER) {
        if (g->mode == MODE_DEMO)
            demo_tick(g);
        else if (g->now - g->attract_t0 >= g->opts.attract_page_ms)
            attract_next(g);
        return;
    }
    if (g->scene == SCENE_TITLE && g->opts.attract_after_ms && g->now - g->last_input >= g->opts.attract_after_ms) {
        attract_enter(g);
        return;
    }
    if (auto_left(g) == 0) {
        switch (g->scene) {
        case SCENE_REVEAL: next_after_reveal(g); break;
        case SCENE_NAME: submit_name(g); break;
        case SCENE_RESULTS:
            if (g->qualifies)
                to_name(g);
            else
                to_title_idle(g);
            break;
        case SCENE_SCORES: to_title_idle(g); break;
        default: break;
        }
        return;
    }
    if (g->scene == SCENE_QUESTION && g->clock >= g->choices_t0) {
        const question *q = &g->qs[g->qi];
        uint32_t el = g->clock - g->choices_t0;
        if (g->last_secs < 0) {
            play(g, SND_APPEAR);
            g->last_secs = (int)((q->time_ms + 999) / 1000);
            g->dirty = 1;
        }
        if (el >= q->time_ms) {
            if (g->party_round)
                party_reveal(g);
            else
                answer(g, -1);
            return;
        }
        int left = secs_left(q, el);
        if (left != g->last_secs) {
            g->last_secs = left;
            g->dirty = 1;
            if (left <= GAME_URGENT_SECS)
                play(g, left == 1 ? SND_TICK_LAST : SND_TICK);
        }
    }
}

static int anim_running(const game *g)
{
    if (g->now - g->score_t0 < ANIM_SCORE_MS)
        return 1;
    if (g->banner[0] && g->now - g->banner_t0 < ANIM_BANNER_MS)
        return 1;
    if (g->scene == SCENE_REVEAL && g->clock - g->scene_t0 < ANIM_FLASH_MS)
        return 1;
    if (g->scene == SCENE_QUESTION && g->clock >= g->choices_t0)
        return 1; /* the countdown bar moves */
    if (g->scene == SCENE_QUESTION && g->clock - g->scene_t0 < ANIM_SLIDE_MS)
        return 1;
    if (game_locked(g) && g->scene != SCENE_QUESTION)
        return 1; /* the reading time's bar fills */
    if (g->operator_hold > 0)
        return 1; /* the exit chord's ring fills */
    return 0;
}

/* The smaller of a wake time and `w`. */
static uint32_t sooner(uint32_t wake, uint32_t w)
{
    return w < wake ? w : wake;
}

/* ms to the next change of a countdown of whole seconds with `left` ms to go. */
static uint32_t next_second(uint32_t left)
{
    uint32_t r = left % 1000;
    return r ? r : (left ? 1000 : 0);
}

/* 1 when the fleet's boards are fresh at the game's now. */
static int fleet_live(const game *g)
{
    return g->fleet_on && g->fleet_reachable && g->now - g->fleet_at < GAME_FLEET_FRESH_MS;
}

/* Says when the boards the title and attract pages show change: an event ("fleet", state
 * "connecting": no boards yet; "live": the fleet's; "offline": the local ones, marked) and a
 * redraw. */
static void fleet_check(game *g)
{
    if (!g->fleet_on)
        return;
    int st = fleet_live(g) ? (g->fleet_table ? 2 : 1) : 0;
    if (st == g->fleet_shown_live)
        return;
    g->fleet_shown_live = st;
    static const char *const names[] = {"offline", "connecting", "live"};
    strbuf b = {0};
    emit_begin(&b, g, "fleet");
    sb_puts(&b, ",\"state\":");
    sb_json_str(&b, names[st]);
    emit_end(g, &b);
    if (g->scene == SCENE_TITLE || g->scene == SCENE_ATTRACT)
        g->dirty = 1;
}

void game_set_fleet_boards(game *g, const scores *table, int reachable, uint32_t fetched_at)
{
    int first = !g->fleet_on;
    g->fleet_on = 1;
    g->fleet_table = table;
    g->fleet_reachable = reachable;
    g->fleet_at = (int32_t)(g->now - fetched_at) < 0 ? g->now : fetched_at;
    if (first)
        g->fleet_shown_live = -1; /* the first state is said too */
    fleet_check(g);
    /* a fetch brings a new table: the screens that show boards draw it */
    if (table && (g->scene == SCENE_TITLE || g->scene == SCENE_ATTRACT))
        g->dirty = 1;
}

const scores *game_boards(const game *g)
{
    return fleet_live(g) && g->fleet_table ? g->fleet_table : g->table;
}

int game_fleet_offline(const game *g)
{
    return g->fleet_on && !fleet_live(g);
}

uint32_t game_wake_in(const game *g)
{
    if (g->overlay == OVERLAY_PIN) {
        if (g->operator_hold > 0)
            return 0;
        uint32_t wake = until(g->now - g->pin_t0, PIN_TIMEOUT_MS);
        uint32_t locked = game_pin_locked_for(g);
        if (locked) /* the pad's "try again in N min" counts down whole minutes */
            wake = sooner(wake, locked % 60000 ? locked % 60000 : 60000);
        return wake;
    }
    uint32_t wake = UINT32_MAX;
    if (g->overlay == OVERLAY_STILL_THERE)
        return next_second(until(g->now - g->still_t0, g->opts.still_there_ms));
    if (g->opts.round_idle_ms && (g->scene == SCENE_QUESTION || g->scene == SCENE_REVEAL) && g->mode == MODE_PLAYER)
        wake = until(g->now - g->last_input, g->opts.round_idle_ms);
    if (g->overlay != OVERLAY_NONE)
        return g->operator_hold > 0 ? 0 : wake;
    if (anim_running(g))
        return 0;
    if (g->mode == MODE_ATTRACT)
        wake = sooner(wake, until(g->now - g->attract_t0, g->opts.attract_page_ms));
    if (g->mode == MODE_DEMO)
        wake = sooner(wake, 50);
    if (g->mode == MODE_PLAYER && g->scene == SCENE_TITLE && g->opts.attract_after_ms)
        wake = sooner(wake, until(g->now - g->last_input, g->opts.attract_after_ms));
    if (g->scene == SCENE_QUESTION && g->clock < g->choices_t0)
        wake = sooner(wake, g->choices_t0 - g->clock);
    if (game_locked(g))
        wake = sooner(wake, g->lock_ms - (g->clock - g->scene_t0));
    uint32_t a = auto_left(g);
    if (a != UINT32_MAX)
        wake = sooner(wake, next_second(a)); /* the countdown on screen shows whole seconds */
    if (game_notice_shown(g))
        wake = sooner(wake, notice_ms(g) - (g->now - g->notice_t0));
    if (g->scene == SCENE_NAME)
        wake = sooner(wake, 500); /* the cursor blinks */
    if (fleet_live(g) && (g->scene == SCENE_TITLE || g->scene == SCENE_ATTRACT))
        wake = sooner(wake, until(g->now - g->fleet_at, GAME_FLEET_FRESH_MS)); /* "offline" shows */
    return wake;
}

void game_countdown_fill(const game *g, game_countdown *v)
{
    memset(v, 0, sizeof *v);
    v->secs_left = -1;
    if (g->scene == SCENE_QUESTION && g->nq > 0) {
        const question *q = &g->qs[g->qi];
        if (g->clock < g->choices_t0) {
            uint32_t intro = g->opts.intro_ms ? g->opts.intro_ms : 1;
            v->timer_frac = 1 - (float)(g->choices_t0 - g->clock) / (float)intro;
        } else {
            uint32_t el = g->clock - g->choices_t0;
            if (el > q->time_ms)
                el = q->time_ms;
            v->timer_frac = 1 - (float)el / (float)(q->time_ms ? q->time_ms : 1);
            v->secs_left = secs_left(q, el);
            v->urgent = v->secs_left <= GAME_URGENT_SECS;
        }
    } else if (g->scene == SCENE_REVEAL && g->nq > 0) {
        const question *q = &g->qs[g->qi];
        v->timer_frac = 1 - (float)g->answer_ms[g->qi] / (float)(q->time_ms ? q->time_ms : 1);
    }
}

void game_howto_fill(const game *g, game_howto *v)
{
    memset(v, 0, sizeof *v);
    const score_rules *r = &g->opts.rules;
    int n = 0;
    snprintf(v->line[n++], sizeof v->line[0], "%s",
             g->last_dev == DEV_PAD ? _("Answer before the bar runs out: A, B, X or Y")
                                    : _("Answer before the bar runs out: 1-4, A-D or tap"));
    snprintf(v->line[n++], sizeof v->line[0], "%s",
             r->speed_bonus ? _("Faster answers score more; hard cards are worth double")
                            : _("Every right answer scores in full; hard cards are worth double"));
    if (r->streak_bonus) {
        /* the milestones, read off the multiplier itself; each step whole or not at all */
        char *line = v->line[n];
        size_t cap = sizeof v->line[0];
        snprintf(line, cap, "%s", _("Streaks multiply your points:"));
        int last = 10, sep = 0;
        for (int st = 2; st <= 10; st++) {
            int m = score_multiplier10(r, st);
            if (m == last)
                continue;
            last = m;
            char mult[32], step[96];
            if (m % 10)
                i18n_tenths(mult, sizeof mult, m);
            else
                snprintf(mult, sizeof mult, "%d", m / 10);
            /* TRANSLATORS: one step of the streak bonus: the multiplier (1.5), the streak (3) */
            snprintf(step, sizeof step, _(" \xC3\x97%s at %d"), mult, st);
            size_t k = strlen(line);
            /* TRANSLATORS: between the steps of the streak bonus */
            const char *comma = sep ? C_("list", ",") : "";
            if (k + strlen(comma) + strlen(step) >= cap)
                break;
            snprintf(line + k, cap - k, "%s%s", comma, step);
            sep = 1;
        }
        n++;
    } else {
        snprintf(v->line[n++], sizeof v->line[0], "%s", _("Every question counts on its own: no streak bonus"));
    }
    snprintf(v->line[n++], sizeof v->line[0], "%s", _("After each answer: the right one, and why"));
    v->n = n;
}

int game_entry_place(const game *g, score_board which)
{
    const score_entry *top[SCORES_BOARD_SIZE];
    int n = scores_top(g->table, g->entry.deck, which, g->wall, top, SCORES_BOARD_SIZE);
    int place = 1;
    for (int i = 0; i < n; i++)
        if (top[i]->score >= g->entry.score)
            place++;
    return place <= SCORES_BOARD_SIZE ? place : 0;
}

/* ---- set-up ---- */

/* Every rectangle for a window of w x h: the scenes, the party's seats, mirrored for a language
 * written right to left. */
static void relayout(game *g, int w, int h)
{
    layout_compute(&g->lay, w, h, g->ndecks);
    party_relayout(g);
    if (g->opts.rtl)
        layout_mirror(&g->lay);
}

void game_init(game *g, const game_opts *o, deck **decks, int ndecks, scores *table,
               const char *scores_path, uint32_t now, int64_t wall)
{
    memset(g, 0, sizeof *g);
    g->opts = *o;
    g->decks = decks;
    g->ndecks = ndecks > GAME_MAX_DECKS ? GAME_MAX_DECKS : ndecks;
    for (int i = 0; i < g->ndecks; i++)
        round_memory_init(&g->memory[i], decks[i]->ncards);
    rng_seed(&g->play_rng, o->seed);
    rng_seed(&g->fx_rng, o->seed ^ 0xC0FFEEull);
    g->table = table ? table : scores_new();
    g->own_table = table == NULL;
    g->scores_path = scores_path ? xstrdup(scores_path) : NULL;
    g->now = now;
    g->wall = wall;
    g->mute_sfx = o->mute_sfx;
    g->mute_music = o->mute_music;
    g->score_t0 = now - ANIM_SCORE_MS;
    g->last_input = now;
    g->name_seat = -1;
    for (int s = 0; s < PARTY_MAX; s++)
        g->seat_dev[s] = s < 2 ? DEV_KEYBOARD : DEV_PAD; /* the split keyboard's, then controllers */
    party_seat_defaults(g);
    relayout(g, 1280, 720);
    set_scene(g, SCENE_TITLE);
}

void game_free(game *g)
{
    for (int i = 0; i < g->ndecks; i++)
        round_memory_free(&g->memory[i]);
    if (g->own_table)
        scores_free(g->table);
    g->table = NULL;
    free(g->scores_path);
    g->scores_path = NULL;
}

void game_terminate(game *g, const char *reason)
{
    if (g->quit)
        return;
    if (g->scene == SCENE_NAME && g->party_round) {
        store_party_names(g);
    } else if (g->scene == SCENE_NAME) {
        submit_name(g);
    }
    /* whatever waits for the file gets one more try before the program ends */
    g->save_wanted = g->npending > 0;
    snprintf(g->exit_reason, sizeof g->exit_reason, "%s", reason);
    g->quit = 1;
}

void game_log_exit(game *g)
{
    if (!g->quit || g->exit_logged)
        return;
    g->exit_logged = 1;
    strbuf b = {0};
    emit_begin(&b, g, "exit");
    sb_puts(&b, ",\"reason\":");
    sb_json_str(&b, g->exit_reason);
    emit_end(g, &b);
}

void game_set_emit(game *g, game_emit_fn fn, void *ud)
{
    g->emit = fn;
    g->emit_ud = ud;
}

void game_resize(game *g, int w, int h)
{
    relayout(g, w, h);
    g->dirty = 1;
}
