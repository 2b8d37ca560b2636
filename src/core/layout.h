/* layout.h: where everything goes on screen, computed from the window size alone.
 * The core uses it to hit-test taps and clicks; the renderer draws into the same rectangles. */
#ifndef QB_LAYOUT_H
#define QB_LAYOUT_H

/* A rectangle in window pixels. */
typedef struct rect {
    int x, y, w, h;
} rect;

/* Keys of the on-screen keyboard of the name entry: A-Z, 0-9, then these. */
#define LAYOUT_OSK_COLS 10
#define LAYOUT_OSK_KEYS 40
#define LAYOUT_MAX_DECKS 8
#define LAYOUT_PAUSE_ITEMS 4
/* party seats the layout places (party.h's PARTY_MAX) */
#define LAYOUT_SEATS 4

/* Every rectangle of every scene for one window size. */
typedef struct layout {
    /* window size */
    int w, h;
    /* 1 when the window is taller than wide: choices in a column, panels stacked */
    int portrait;
    /* 1 when mirrored for a right-to-left language (layout_mirror): what English puts on the
     * left is on the right; the renderer mirrors inside each box to match */
    int mirrored;
    /* decks on the title screen (sizes their entries) */
    int ndecks;
    /* the unit: min(w, h) / 1080, so sizes read the same at every resolution */
    float u;
    /* outer margin and the gap between boxes, in pixels */
    int margin, gap;

    /* question screen: the top bar (deck, progress, streak pill, score) */
    rect topbar;
    /* the streak/multiplier pill (inside or under the top bar) */
    rect pill;
    /* the score at the right of the top bar */
    rect score;
    /* the question card */
    rect card;
    /* the countdown bar */
    rect timer;
    /* the four choice buttons */
    rect choice[4];
    /* reveal screen: where the right choice and the player's wrong pick move to */
    rect reveal_choice[2];
    /* reveal screen: the explanation panel */
    rect why;

    /* title screen: logo, deck list entries, start button, scores board, how-to-play line */
    rect logo;
    rect deck_item[LAYOUT_MAX_DECKS];
    rect start;
    rect board;
    rect howto;

    /* pause overlay: the panel and its items (resume, restart, title, quit) */
    rect pause_panel;
    rect pause_item[LAYOUT_PAUSE_ITEMS];

    /* results screen: the big score, the stats tiles, the strip of question marks, the review
     * of missed questions, the hint */
    rect res_score;
    rect res_stats;
    rect res_strip;
    rect res_review;
    rect res_hint;

    /* name entry: the results in brief above (score, a stats line, the strip), then the panel
     * with the name field and the on-screen keys (LAYOUT_OSK_COLS or, in portrait, fewer) */
    rect name_score;
    rect name_stats;
    rect name_strip;
    rect name_panel;
    rect name_field;
    rect osk[LAYOUT_OSK_KEYS];

    /* high-score table screen: the two boards (today, all time) */
    rect boards[2];

    /* operator PIN entry: the panel, the digits field, the keypad (1-9, DEL, 0, OK) */
    rect pin_panel;
    rect pin_field;
    rect pin_key[12];

    /* a banner across the question card (streak milestones) */
    rect banner;

    /* ---- party mode, for `seats` seats (layout_party) ---- */
    int seats;
    /* question and reveal: a chip per seat (badge, score, "locked") where the single game's
     * pill and score are */
    rect seat_chip[LAYOUT_SEATS];
    /* reveal: the choices as a list beside (or, in portrait, above) the standings; the
     * explanation where the question card was; badge slots on each choice (pbadge[c][0] at its
     * right end, the next to the left of it: as many as players picked it) */
    rect pchoice[4];
    rect pbadge[4][LAYOUT_SEATS];
    rect pwhy;
    rect standings;
    rect standing_row[LAYOUT_SEATS];
    /* results: the podium's three steps (1st in the middle), the stats of every seat below */
    rect podium[3];
    rect pstats[LAYOUT_SEATS];
    /* touch: one answer pad per seat (its four buttons), side by side in landscape, stacked in
     * portrait; the title's tap target that seats one more player (the start button's right end) */
    rect pad[LAYOUT_SEATS];
    rect pad_choice[LAYOUT_SEATS][4];
    /* 1: the pad is seen from across a table (two seats in portrait: the top one), turned 180
     * degrees; its pad_choice rectangles are where its buttons are on the screen, each the
     * player's own view of it reflected through the pad's centre (layout_turn) */
    int pad_turned[LAYOUT_SEATS];
    rect join_tap;
} layout;

/* Computes the layout for a window of w x h pixels (any size; tiny sizes are clamped) and a
 * title screen listing ndecks decks (1..LAYOUT_MAX_DECKS: fewer decks get taller entries). */
void layout_compute(layout *l, int w, int h, int ndecks);
/* Mirrors the layout left to right, for a language written right to left: the choices' order
 * (1 top right), the top bar (score on the left), the title's list and boards, the results'
 * tiles, the boards of the high-score screen. The on-screen keyboard of Latin letters and the
 * PIN keypad keep their order (as phone keypads do in Arabic). Sets mirrored; call after
 * layout_compute (layout_party keeps it). */
void layout_mirror(layout *l);
/* The party rectangles for n seats (2..LAYOUT_SEATS; layout_compute keeps the last n). */
void layout_party(layout *l, int n);
/* r reflected through the centre of about (a turn of 180 degrees; an involution). */
rect layout_turn(rect r, rect about);
/* 1 if the point is inside r. */
int rect_contains(rect r, int x, int y);
/* r shrunk by d pixels on every side. */
rect rect_inset(rect r, int d);

#endif
