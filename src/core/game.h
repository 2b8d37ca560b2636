/* game.h: the game state machine. The platform feeds it inputs and the time; it answers with
 * what to draw (the state below, read-only for the platform), sounds to play and events to log. */
#ifndef QB_GAME_H
#define QB_GAME_H

#include <stdint.h>

#include "deck.h"
#include "layout.h"
#include "party.h"
#include "rng.h"
#include "round.h"
#include "score.h"
#include "scores.h"

/* Scenes; one is current. The pause menu and the like are overlays over a scene. */
typedef enum scene {
    SCENE_TITLE,    /* deck picker, best scores, how to play */
    SCENE_QUESTION, /* question alone, then choices and the countdown */
    SCENE_REVEAL,   /* right answer, the player's pick, the explanation */
    SCENE_RESULTS,  /* the round's score and stats */
    SCENE_NAME,     /* name entry for a new high score (drawn over the results) */
    SCENE_SCORES,   /* the high-score boards with the new entry highlighted */
    SCENE_ATTRACT,  /* attract mode's still pages (the demo page plays question/reveal) */
} scene;

/* What is over the scene, if anything. One is on top; closing it goes back to the one under
 * it (only the pause menu is ever under another: "Still there?" or the PIN pad over it). */
typedef enum overlay {
    OVERLAY_NONE,
    OVERLAY_PAUSE,       /* the pause menu: the round's clock stands still */
    OVERLAY_STILL_THERE, /* "Still there?" counting down to abandoning the round */
    OVERLAY_QUIT_ASK,    /* "Quit quizblitz?" after Esc on a windowed game's title */
    OVERLAY_PIN,         /* the operator's PIN pad, over anything */
} overlay;

/* Who is at the screen: a player, or nobody (attract mode: its still pages, its demo round). */
typedef enum play_mode { MODE_PLAYER, MODE_ATTRACT, MODE_DEMO } play_mode;

/* Pages of attract mode, cycled while nobody plays. */
typedef enum attract_page {
    ATTRACT_TITLE,   /* the title with "press any key" */
    ATTRACT_TODAY,   /* today's best of the selected deck */
    ATTRACT_ALLTIME, /* all-time best */
    ATTRACT_HOWTO,   /* how to play */
    ATTRACT_DEMO,    /* a short round that plays itself */
    ATTRACT_PAGE_COUNT
} attract_page;

/* Sounds the core asks for; the platform maps them to files. */
typedef enum sfx {
    SND_CORRECT,
    SND_WRONG,
    SND_TIMEOUT,
    SND_TICK,
    SND_TICK_LAST,
    SND_APPEAR,
    SND_STREAK,
    SND_ROUND_END,
    SND_HIGHSCORE,
    SND_MENU_MOVE,
    SND_MENU_SELECT,
    SND_COUNT
} sfx;

/* A platform-neutral input. */
typedef enum input_kind {
    IN_ANSWER,    /* keyboard 1-4 / A-D: index = choice 0..3 */
    IN_BUTTON,    /* controller face button: index 0 A, 1 B, 2 X, 3 Y */
    IN_UP,
    IN_DOWN,
    IN_LEFT,
    IN_RIGHT,
    IN_CONFIRM,   /* Enter */
    IN_BACK,      /* Esc */
    IN_PAUSE,     /* controller Start */
    IN_TEXT,      /* typed text in `text` */
    IN_BACKSPACE,
    IN_POINT,     /* a tap or click at (x, y) window pixels */
    IN_MUTE_SFX,  /* toggle sound effects */
    IN_MUTE_MUSIC,/* toggle music */
    IN_QUIT,      /* window closed, SIGTERM */
    IN_OTHER,     /* any other key or button: the player is there (idle timers, attract) */
    IN_LEAVE,     /* the device of `seat` went away (a controller unplugged): its player leaves */
} input_kind;

/* Which kind of device the input came from: the screen shows that device's labels. */
typedef enum input_device { DEV_KEYBOARD, DEV_POINTER, DEV_PAD } input_device;

typedef struct input {
    input_kind kind;
    input_device dev;
    /* choice or button index */
    int index;
    /* window pixels for IN_POINT */
    int x, y;
    /* UTF-8 for IN_TEXT */
    char text[32];
    /* the party seat of the device (1..PARTY_MAX): 1 for the left keys (1-4, A-D) and
     * controller 1, 2 for the right keys (7-0), N for controller N; 0 for input of no seat
     * (Enter, arrows, text, pointer). A lone player's game ignores it. */
    int seat;
} input;

/* Items of the pause menu, in order; a kiosk has no "quit game" (game_pause_items). */
typedef enum pause_item { PAUSE_RESUME, PAUSE_RESTART, PAUSE_TITLE, PAUSE_QUIT } pause_item;

/* Keys of the operator's PIN pad, in layout order (3 x 4: 1-9, then DEL, 0, OK). */
enum { PIN_KEY_DEL = 9, PIN_KEY_ZERO = 10, PIN_KEY_OK = 11, PIN_KEYS = 12 };

/* Keys of the on-screen keyboard after A-Z and 0-9 (game_osk_label gives their labels). */
enum { OSK_SPACE = 36, OSK_DASH = 37, OSK_DEL = 38, OSK_OK = 39 };

/* What a one-line notice is: a problem (a save failed) or a plain fact (sound off). */
typedef enum notice_kind { NOTICE_PROBLEM, NOTICE_INFO } notice_kind;

/* What happened to a question of the round. */
typedef enum outcome { OUT_PENDING, OUT_RIGHT, OUT_WRONG, OUT_TIMEOUT } outcome;

/* Settings of the game. */
typedef struct game_opts {
    round_opts round;
    score_rules rules;
    /* seed of the question stream */
    uint64_t seed;
    /* how long the question shows alone before the choices, ms */
    uint32_t intro_ms;
    /* after a reveal, the results or a board appears, confirm is ignored at least this long (a
     * held key does not skip it); a reveal adds its explanation's reading time, ms */
    uint32_t reveal_lock_ms;
    /* the reveal moves on by itself after this long, 0 = never (kiosk sets it), ms */
    uint32_t reveal_auto_ms;
    /* the name entry submits itself after this long without input, 0 = never, ms */
    uint32_t name_auto_ms;
    /* the results and the boards go on by themselves after this long without input (the results
     * to the name entry or attract mode, the boards to attract mode), 0 = never (kiosk sets it), ms */
    uint32_t screen_idle_ms;
    /* 1: Esc, window close and the pause menu's Quit cannot end the program */
    int kiosk;
    /* 1: the interface's language runs right to left (i18n_rtl): every scene's layout mirrored */
    int rtl;
    /* sound effects and music start muted */
    int mute_sfx, mute_music;
    /* attract mode starts after this long without input on the title, 0 = never, ms */
    uint32_t attract_after_ms;
    /* each still attract page shows this long, ms */
    uint32_t attract_page_ms;
    /* the attract pages in order, and how many */
    attract_page attract_pages[ATTRACT_PAGE_COUNT];
    int nattract_pages;
    /* 1: music plays during attract mode */
    int attract_music;
    /* in a round, no input this long shows "Still there?", 0 = never, ms */
    uint32_t round_idle_ms;
    /* the "Still there?" countdown, then the round is abandoned, ms */
    uint32_t still_there_ms;
    /* operator exit PIN (digits), empty = none */
    char exit_pin[16];
    /* the PIN as a crypt(3) hash (yescrypt, from --hash-pin); when set it is the one checked */
    char exit_pin_hash[128];
    /* the PIN's lock-out: after PIN_TRIES wrong PINs in a row the pad locks for pin_lock_ms,
     * each further lock twice as long as the one before, up to pin_lock_max_ms; ms */
    uint32_t pin_lock_ms, pin_lock_max_ms;
    /* party mode (2 to 4 players on one screen) may be joined; 0: the operator turned it off */
    int party;
    /* seats taken at start and whenever attract mode ends (--players N), 1..PARTY_MAX */
    int players;
    /* a party seat that lets this many questions in a row run out leaves the round, 0 = never
     * (the kiosk sets 2: a player who walked away) */
    int party_drop_misses;
    /* names a public screen must not show (replaced by the default name); NULL = none.
     * Owned by the caller; must outlive the game. */
    const struct blocklist *blocklist;
} game_opts;

/* Default settings (10 questions, ladder, speed and streak bonus on). */
void game_opts_default(game_opts *o);

/* Called with each event-log line (one JSON object, no newline). */
typedef void (*game_emit_fn)(void *ud, const char *json);
/* Called with each line for the operator's log (every PIN typed, right or wrong; no newline):
 * the platform writes it to stderr (the journal) with the time. */
typedef void (*game_journal_fn)(void *ud, const char *line);

/* wrong PINs in a row before the operator exit locks */
#define PIN_TRIES 3

/* The PIN lock-out as the platform keeps it on disk, so a restart does not reset it. */
typedef struct pin_state {
    /* wrong PINs since the last lock (or the last right PIN), 0..PIN_TRIES-1 */
    int fails;
    /* locks since the last right PIN (the next lock lasts twice as long as the last) */
    int locks;
    /* the current lock's end, Unix seconds of the platform's wall clock; 0 = not locked */
    int64_t until;
} pin_state;

/* decks playable at once (the title's list shows LAYOUT_MAX_DECKS of them and scrolls) */
#define GAME_MAX_DECKS 64
#define GAME_SFX_QUEUE 16
#define GAME_MAX_PENDING 16

/* The whole game. The platform reads fields to draw; only game_* functions change them. */
typedef struct game {
    game_opts opts;

    /* ---- what the game is (decks, the round, the score) ---- */
    /* the decks to pick from (owned by the caller) */
    deck **decks;
    int ndecks;
    /* the deck picked on the title screen */
    int deck_sel;
    /* the first deck in view in the title's list (it scrolls to keep deck_sel in view) */
    int deck_first;
    /* Leitner memory per deck, so missed cards come back in later rounds of this run */
    round_memory memory[GAME_MAX_DECKS];
    /* question stream (decides cards and shuffles) and cosmetic stream (decides looks) */
    rng play_rng, fx_rng;
    /* the round */
    question qs[ROUND_MAX_QUESTIONS];
    int nq;
    /* current question index */
    int qi;
    /* per question: outcome, ms taken, points */
    outcome outcomes[ROUND_MAX_QUESTIONS];
    uint32_t answer_ms[ROUND_MAX_QUESTIONS];
    int points[ROUND_MAX_QUESTIONS];
    /* player's pick for the current question, -1 = timed out */
    int picked;
    int score, streak, best_streak, right;
    /* rounds started so far (mixes into the seed so each round differs) */
    int rounds_played;
    /* party mode: the seats (joined on the title, or during a party round for the next
     * question), and 1 while the round is a party round (two or more seats at its start; a lone
     * player plays the single game) */
    party party;
    int party_round;
    /* the party's name entries: the seats whose scores make a board, best first, and which of
     * them enters a name now (name_seat, 0-based; -1 = a single player's entry) */
    int name_queue[PARTY_MAX];
    int nname_queue;
    int name_seat;
    /* the device each seat last used (its chip names that device's answer keys) */
    input_device seat_dev[PARTY_MAX];
    /* 1 while a party round is played on a touch screen: each seat answers on its own pad
     * (set when the round starts from a tap, or a seat joined by one) */
    int party_touch;

    /* ---- the high-score table ---- */
    scores *table;
    /* 1 when game_init made the table (and game_free frees it) */
    int own_table;
    /* file to save to, NULL = memory only */
    char *scores_path;
    /* entries not yet in the score file: the platform writes them (game_save_wanted); kept
     * and passed again after a failed save */
    score_entry pending[GAME_MAX_PENDING];
    int npending;
    /* 1 when the platform should write the pending entries now */
    int save_wanted;
    /* why the last save failed (empty after a save that worked): the platform reports it */
    char save_error[200];
    /* the entry of this round and where it ranked (0 = not on a board) */
    score_entry entry;
    int entry_rank;
    /* typed name in the name entry */
    char name[SCORES_NAME_BYTES];
    /* arcade picker: index into the picker alphabet of the letter being chosen */
    int pick_letter;
    /* a one-line message for the player (a save failed, a corrupt file was moved aside, sound
     * turned off) and what kind it is */
    char notice[256];
    uint32_t notice_t0;
    notice_kind notice_kind;
    /* 1 when this round's score makes a board: the results lead to the name entry */
    int qualifies;

    /* ---- what the screen shows (cursor, animation clocks) ---- */
    scene scene;
    /* time of the last tick, ms since start (platform clock) */
    uint32_t now;
    /* round clock: advances only when not paused */
    uint32_t clock;
    /* clock when the current scene began */
    uint32_t scene_t0;
    /* confirm is ignored until the scene has shown this long (clock ms): game_locked */
    uint32_t lock_ms;
    /* clock when the choices appeared (question scene) */
    uint32_t choices_t0;
    /* last whole second shown in the countdown (for ticks) */
    int last_secs;
    /* highlighted choice / menu entry */
    int cursor;
    /* 1 once the arrows or D-pad moved the cursor in this scene (it is drawn from then on) */
    int cursor_shown;
    /* the overlay on top and the one under it (OVERLAY_PAUSE or OVERLAY_NONE); any overlay
     * stops the round's clock */
    overlay overlay, overlay_under;
    /* the pause menu's highlighted item */
    int pause_sel;
    /* score animation: from score_from to score, starting at score_t0 (now clock) */
    int score_from;
    uint32_t score_t0;
    /* banner text (streak milestones) and when it appeared */
    char banner[64];
    uint32_t banner_t0;
    /* device of the last input: labels follow it */
    input_device last_dev;
    /* time of the last input (idle time-outs) */
    uint32_t last_input;
    /* wall clock, Unix seconds, given by the platform (dates of scores) */
    int64_t wall;
    /* the window's layout */
    layout lay;
    /* 1 when something changed since the last draw */
    int dirty;
    /* 1 when the program should end; why (logged by game_log_exit) */
    int quit;
    char exit_reason[32];
    int exit_logged;

    /* ---- a fleet's boards (the platform's worker fetches them; game_set_fleet_boards) ---- */
    /* 1: a fleet is configured, so the title and attract pages say whose boards they show */
    int fleet_on;
    /* the last fetched boards (owned by the platform), NULL before the first; whether the last
     * fetch succeeded, and when (this game's clock) */
    const scores *fleet_table;
    int fleet_reachable;
    uint32_t fleet_at;
    /* what the screens show, as last said in the event log: 0 offline, 1 connecting, 2 live */
    int fleet_shown_live;

    /* ---- kiosk ---- */
    /* a player, or attract mode (MODE_DEMO: its demo round, nothing saved or logged); which
     * attract page (index into opts.attract_pages) since when */
    play_mode mode;
    int attract_idx;
    uint32_t attract_t0;
    /* the demo's own generator, so a demo never changes what a seed plays */
    rng demo_rng;
    /* when the demo's player answers the current question, and with which choice */
    uint32_t demo_answer_at;
    int demo_choice;
    /* "Still there?" shown since still_t0 */
    uint32_t still_t0;
    /* the PIN pad's typed digits, since when; 1 after a wrong PIN (said on the pad) */
    char pin[12];
    uint32_t pin_t0;
    int pin_wrong;
    /* how far the operator's exit chord has been held, 0..1000 (the platform tracks it) */
    int operator_hold;
    /* the lock-out (pin_state's fails and locks); while pin_locked the pad takes no PIN
     * until pin_lock_end (now ms) */
    int pin_fails, pin_locks;
    int pin_locked;
    uint32_t pin_lock_end;
    /* 1 when the lock-out changed and the platform should write it (game_pin_state) */
    int pin_save_wanted;

    /* ---- output queues ---- */
    int sfx_queue[GAME_SFX_QUEUE];
    int nsfx;
    int mute_sfx, mute_music;
    game_emit_fn emit;
    void *emit_ud;
    game_journal_fn journal;
    void *journal_ud;
} game;

/* Durations of animations, ms (the renderer uses them too). */
#define ANIM_SCORE_MS 600
#define ANIM_BANNER_MS 1600
#define ANIM_SLIDE_MS 300
#define ANIM_FLASH_MS 450
#define ANIM_NOTICE_MS 6000
/* a plain fact (sound off) shows for less long */
#define ANIM_INFO_MS 2500
/* the operator PIN entry gives up after this long */
#define PIN_TIMEOUT_MS 30000

/* Sets up a game over decks (at least one). table may be NULL (an empty one is made);
 * scores_path may be NULL (memory only). now is the platform time in ms, wall Unix seconds. */
void game_init(game *g, const game_opts *o, deck **decks, int ndecks, scores *table,
               const char *scores_path, uint32_t now, int64_t wall);
void game_free(game *g);
void game_set_emit(game *g, game_emit_fn fn, void *ud);
/* New window size: recomputes the layout. */
void game_resize(game *g, int w, int h);
/* Feeds one input. */
void game_input(game *g, const input *in);
/* Advances time to `now` (ms, monotonic) and the wall clock to `wall`. */
void game_tick(game *g, uint32_t now, int64_t wall);
/* ms until the screen next changes on its own: 0 while animating, UINT32_MAX when still. */
uint32_t game_wake_in(const game *g);
/* Takes the queued sounds (up to max); returns how many. */
int game_take_sfx(game *g, int *out, int max);
/* The program is ending (reason "signal", "operator", "player"): a name being entered is
 * queued as it stands and pending entries are queued for one more try, so nothing is lost;
 * sets quit. The platform then writes the queue and calls game_log_exit. */
void game_terminate(game *g, const char *reason);
/* Logs the "exit" event with the reason game_terminate was given (once). */
void game_log_exit(game *g);
/* 1 when entries wait to be written to the score file (g->pending, g->npending, to
 * g->scores_path): the platform writes them, e.g. with scorefile_add(path, g->table, ...), and
 * reports with game_save_done. The core itself never touches a file. */
int game_save_wanted(const game *g);
/* How the platform's save went: ok, or the one-line reason (shown as a notice; the entries stay
 * pending and are passed again at the next save). */
void game_save_done(game *g, int ok, const char *err);
/* The operator held the exit chord: ends the program, or asks for the PIN first. */
void game_operator_exit(game *g);
/* Where the operator's log lines go (see game_journal_fn); NULL = nowhere. */
void game_set_journal(game *g, game_journal_fn fn, void *ud);
/* The lock-out read back from the platform's file at start (after game_init): a lock still
 * running goes on, never longer than its own length (a wall clock set back cannot stretch it). */
void game_pin_restore(game *g, const pin_state *s);
/* 1 when the lock-out changed (a wrong or a right PIN): the platform writes game_pin_state's
 * answer to its file and reports with game_pin_save_done. The core never touches a file. */
int game_pin_save_wanted(const game *g);
/* The lock-out to write now (its end in the wall clock's seconds, rounded up). */
void game_pin_state(const game *g, pin_state *out);
/* How the platform's write went: a failure is logged (the lock holds in memory anyway). */
void game_pin_save_done(game *g, int ok, const char *err);
/* ms until the PIN pad takes a PIN again, 0 = now (not locked). */
uint32_t game_pin_locked_for(const game *g);
/* Length of lock number `n` (1 = the first) under the settings: pin_lock_ms doubled n-1 times,
 * at most pin_lock_max_ms. */
uint32_t game_pin_lock_len(const game_opts *o, int n);
/* 1 when the background music should play now (settings and attract mode). */
int game_music_wanted(const game *g);
/* Name of an attract page ("title", "today", "alltime", "howto", "demo"), and back. */
const char *attract_page_name(attract_page p);
/* Shows a one-line notice to the player (e.g. the score file was moved aside). */
void game_notice(game *g, const char *msg);
/* The same for a plain fact, not a problem (drawn in a calm colour). */
void game_notice_info(game *g, const char *msg);
/* The platform's count of how long the operator's exit chord is held, 0..1000 (0 = not held):
 * the screen shows it filling up, so the operator knows to keep holding. */
void game_operator_hold(game *g, int permille);
/* What the screen shows that follows from the rules: the renderer draws it and derives
 * nothing itself (no copied formula can disagree with the game). */
typedef struct game_countdown {
    /* whole seconds left (rounded up, -1 before the choices), the bar's fraction (1 full .. 0
     * empty; the intro fills it 0 .. 1), urgent in the last GAME_URGENT_SECS */
    int secs_left;
    float timer_frac;
    int urgent;
} game_countdown;

/* How to play, true to the rules in force (--no-speed-bonus, --no-streak-bonus): a line per
 * rule, for the title and attract mode's page. */
typedef struct game_howto {
    char line[4][256];
    int n;
} game_howto;

/* The current question's countdown (a reveal: the bar as the answer left it), this moment. */
void game_countdown_fill(const game *g, game_countdown *c);
/* The how-to lines for the rules in force and the last device's keys. */
void game_howto_fill(const game *g, game_howto *h);
/* The last seconds of a countdown are urgent (the bar turns vermillion, ticks sound). */
#define GAME_URGENT_SECS 5

/* 1 while the pause menu is up (on top, or under "Still there?" or the PIN pad). */
int game_paused(const game *g);
/* 1 while the round's question and choices must not show (behind the pause menu or "Still
 * there?", where the clock stands still, reading must too). */
int game_round_hidden(const game *g);
/* 1 while attract mode runs (its pages or its demo round). */
int game_attract(const game *g);
/* 1 while the notice is on screen. */
int game_notice_shown(const game *g);
/* 1 while the current screen ignores confirm (its lock-out: a reveal's reading time). */
int game_locked(const game *g);
/* ms until the current screen goes on by itself (a kiosk's reveal, name entry, results, boards;
 * a "Still there?" countdown), UINT32_MAX when it waits for the player: the screen shows it. */
uint32_t game_auto_in(const game *g);
/* How many items the pause menu has now (a kiosk's has no "quit game"). */
int game_pause_items(const game *g);
/* Places of this round's score on a board (1-based, ties go to the earlier score), 0 = none. */
int game_entry_place(const game *g, score_board which);
/* 1 when the question on screen shows its card's hint (quizdown's `>` line before the
 * choices): from half its countdown on, a nudge for a player who is stuck, paid for by the
 * speed points already gone. */
int game_hint_shown(const game *g);

/* A fleet's boards count as fresh this long after their fetch (the worker fetches every 15 s
 * and at once on a new entry's notification): older, the title and attract pages fall back to
 * the local table with an "offline" mark. */
#define GAME_FLEET_FRESH_MS 45000
/* The platform hands over the fleet's boards: table (NULL: none fetched yet; owned by the
 * platform, which calls this again before it frees or changes it), whether the last fetch
 * reached the server, and when it ended, on this game's clock (a fetch's age in the platform's
 * clock subtracted from now). The first call switches the fleet on. */
void game_set_fleet_boards(game *g, const scores *table, int reachable, uint32_t fetched_at);
/* The table the title and attract pages show: the fleet's while its last fetch is fresh, else
 * the local one. (The boards after a round always show the local table, which has the new
 * entry at once.) */
const scores *game_boards(const game *g);
/* 1 when a fleet is configured but its boards are not fresh: the screens mark the local boards
 * they show instead "offline". */
int game_fleet_offline(const game *g);

/* How many decks the title's list shows at once (deck_first is the first of them). */
int game_decks_shown(const game *g);
/* A deck's identity on a fleet: its title (cut to a deck key's bytes at a character's start;
 * tabs and line ends become '_'), so two kiosks holding the deck under different file names, or
 * in different versions, share its boards. */
void game_fleet_deck(const deck *d, char *out, size_t n);
/* The deck's name in the table game_boards() shows: the title in the fleet's, else the key. */
void game_board_deck(const game *g, const deck *d, char *out, size_t n);
/* Deck key of a deck for the score table: its file name without directory and extension. */
void game_deck_key(const deck *d, char *out, size_t n);

/* Picker alphabet of the arcade-style name entry, and the on-screen keyboard's keys. */
extern const char game_pick_alphabet[];
/* Label of on-screen key i ("A".."Z", "0".."9", "SPACE", "-", "DEL", "OK"). */
const char *game_osk_label(int i);

#endif
