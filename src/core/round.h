/* round.h: building a round from a deck: which cards, in what order, with which choices. */
#ifndef QB_ROUND_H
#define QB_ROUND_H

#include <stdint.h>

#include "deck.h"
#include "rng.h"

/* At most this many choices are shown for a question. */
#define ROUND_MAX_CHOICES 4
/* At most this many questions in a round. */
#define ROUND_MAX_QUESTIONS 100

/* Order of the questions in a round. */
typedef enum round_order {
    /* easy first, then medium, then hard */
    ORDER_LADDER,
    /* any order */
    ORDER_RANDOM,
} round_order;

/* One question as asked: pointers into the deck, which must outlive the round. */
typedef struct question {
    /* index of the card in the deck */
    int card;
    /* the card's question text */
    const char *text;
    /* the choices in the order shown */
    const char *choices[ROUND_MAX_CHOICES];
    int nchoices;
    /* index in choices[] of the right answer */
    int correct;
    /* the countdown for this question */
    uint32_t time_ms;
} question;

/* How a run of rounds remembers the player: a Leitner box per card. Missed cards go back to
 * box 0 and are drawn more often; each right answer moves a card up a box. */
typedef struct round_memory {
    /* box per card, 0..ROUND_BOXES-1; unseen cards start in box 1 */
    unsigned char *box;
    int ncards;
} round_memory;
#define ROUND_BOXES 4

/* Settings of a round. */
typedef struct round_opts {
    /* number of questions (capped by the deck size and ROUND_MAX_QUESTIONS) */
    int questions;
    round_order order;
    /* seconds per question for every card, 0 = the card's time: or the level default */
    int time_s;
} round_opts;

/* Default countdown of a level, in ms: 15 s easy, 20 s medium, 25 s hard. */
uint32_t round_default_time_ms(level lv);

void round_memory_init(round_memory *m, int ncards);
void round_memory_free(round_memory *m);
/* Records an answer to a card (right or not) in the memory. */
void round_memory_answer(round_memory *m, int card, int right);

/* Draws up to opts->questions questions (without repeats) from the deck, weighted by the
 * memory, ordered per opts->order, each with up to four shuffled choices. Returns how many. */
int round_build(const deck *d, const round_opts *opts, const round_memory *m, rng *r,
                question *out);

/* Fills the choices of one question for card c (exposed for tests). */
void round_make_question(const deck *d, int c, const round_opts *opts, rng *r, question *q);

#endif
