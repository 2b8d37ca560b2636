/* party.h: the per-seat rules of party mode (2 to 4 players head to head on one screen): who
 * sits where, secret locked answers, scoring each seat as single play scores one player, the
 * standings with ties and movement. game.c drives it; nothing here knows about scenes or time. */
#ifndef QB_PARTY_H
#define QB_PARTY_H

#include <stdint.h>

#include "deck.h"
#include "score.h"

/* Seats of party mode: player 1 to 4. */
#define PARTY_MAX 4

/* Where a seat is. */
typedef enum seat_state {
    SEAT_EMPTY,   /* nobody sits there */
    SEAT_WAITING, /* joined during a round: plays from the next question on */
    SEAT_PLAYING, /* in the round (or joined on the title, for the next round) */
    SEAT_LEFT,    /* dropped from this round (missed questions, a controller unplugged): the
                   * score stays in the standings */
} seat_state;

/* What a seat did with the current question. */
typedef enum seat_result { SEAT_NONE, SEAT_RIGHT, SEAT_WRONG, SEAT_TIMEOUT } seat_result;

/* One seat: a player and their round. */
typedef struct seat {
    seat_state state;
    /* the round's score, right answers, streak and best streak, as single play counts them */
    int score, right, streak, best_streak;
    /* questions asked to this seat this round (a late joiner is asked fewer) */
    int asked;
    /* questions in a row this seat let run out (the kiosk drops a seat after opts' limit) */
    int missed;
    /* 1 once the seat answered the current question; its pick (hidden until the reveal) and
     * how long it took, ms after the choices appeared */
    int locked;
    int pick;
    uint32_t ms;
    /* the current question's result and points (set when the seat answers or time runs out) */
    seat_result result;
    int points;
    /* the score before this question (the reveal counts up from it) */
    int score_from;
    /* place in the standings now and before this question (1 = first; ties share a place) */
    int place, prev_place;
} seat;

/* The seats. */
typedef struct party {
    seat seat[PARTY_MAX];
} party;

/* Empties every seat. */
void party_clear(party *p);
/* Seat s (0-based) joins. in_round: 1 while a round runs (the seat waits for the next question),
 * 0 on the title (it plays the next round). Returns 1 when the seat joined now, 0 when it was
 * already taken (or s is out of range). */
int party_join(party *p, int s, int in_round);
/* How many seats are in the round or waiting to join it (not empty, not left). */
int party_seated(const party *p);
/* How many seats play the current question. */
int party_playing(const party *p);
/* A new round with the seats that are there: scores and stats from zero, left seats empty. */
void party_round_start(party *p);
/* The round is over (back to the title): the seats stay for the next round, a seat that left is
 * empty, a late joiner plays; scores stay until the next round starts. */
void party_round_end(party *p);
/* A new question: waiting seats start playing, answers are cleared. */
void party_question_start(party *p);
/* Seat s answers `choice` after `ms`: scores it at once (right and `correct`, the card's level,
 * the countdown `limit_ms`, the rules), as single play does. Returns 1 when the answer counted,
 * 0 when the seat is not playing or has answered already (the first answer locks). */
int party_answer(party *p, int s, int choice, int correct, const score_rules *r, level lv, uint32_t ms,
                 uint32_t limit_ms);
/* 1 when every playing seat has answered (and at least one plays). */
int party_all_locked(const party *p);
/* Time ran out: every playing seat that has not answered times out (streak reset, missed + 1).
 * Returns how many timed out. */
int party_time_out(party *p);
/* Seats that have missed `limit` questions in a row leave the round (limit 0: never). Returns a
 * bit mask of the seats that left now (bit s = seat s). */
int party_drop_missing(party *p, int limit);
/* Seat s leaves. in_round: during a round, a seat that has been asked a question stays in the
 * standings with its score (SEAT_LEFT); otherwise (the title, or a late joiner yet to play) the
 * seat is empty, as if never there. */
void party_leave(party *p, int s, int in_round);
/* The standings: every seat that played this round (playing or left), best score first, ties
 * by seat number; out[] gets seat indices, returns how many. Places: equal scores share one
 * (1, 1, 3). With `remember`, each seat's place before becomes prev_place (the reveal's
 * arrows: call it once a question). */
int party_standings(party *p, int out[PARTY_MAX], int remember);
/* Place (1-based) of a score among the seats of the standings: 1 + how many scored more. */
int party_place_of(const party *p, int score);

#endif
