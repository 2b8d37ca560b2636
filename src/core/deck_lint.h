/* deck_lint.h: a deck author's linter: can an answer be guessed from the shape of the choices
 * (length, words echoed from the question, mirrored pairs), measured over the game's real
 * draw of choices; choices repeated across cards; levels out of balance. */
#ifndef QB_DECK_LINT_H
#define QB_DECK_LINT_H

#include <stdint.h>

#include "deck.h"
#include "util.h"

/* The test-wise strategies: ways to pick a choice without knowing the answer. */
typedef enum lint_strategy {
    /* the choice with the most characters */
    LINT_LONGEST,
    /* the choice with the fewest characters */
    LINT_SHORTEST,
    /* the choice whose length is closest to the mean length of the choices shown */
    LINT_MEAN,
    /* the choice that repeats the most words of the question */
    LINT_ECHO,
    LINT_STRATEGY_COUNT
} lint_strategy;

/* Draws per card when the caller does not say (deterministic: fixed seeds). */
#define LINT_DEFAULT_DRAWS 200
/* How far a strategy may beat chance before the deck fails the bar (25 % chance with four
 * choices gives the 30 % bar). */
#define LINT_MARGIN 0.05
/* Levels are out of balance when a card of one level comes up more than this many times as
 * often as a card of another (a round takes a third of its questions from each level). */
#define LINT_LEVEL_RATIO 2.0

/* What the linter measured on one deck. */
typedef struct lint_report {
    /* cards in the deck, and draws made in all (cards x draws per card) */
    int ncards;
    long draws;
    /* share of draws in which each strategy picks the right answer (a tie among k choices
     * counts 1/k, as if the guesser picked among them at random), 0..1 */
    double win[LINT_STRATEGY_COUNT];
    /* a blind guess's share: the mean of 1/choices shown */
    double chance;
    /* the most a strategy may win: chance + LINT_MARGIN */
    double bar;
    /* cards whose right answer is a wrong choice's words in another order */
    int mirrored;
    /* choice texts written on more than one card */
    int duplicates;
    /* questions asked by more than one card */
    int duplicate_questions;
    /* how many times as often a card of the most drawn level comes up as one of the least
     * drawn level (1 when balanced; 0 when a level is empty and others are not) */
    double level_ratio;
    /* 1 when no strategy wins more than the bar and no card has a mirrored pair */
    int pass;
} lint_report;

/* Measures the deck: every card's choices are drawn `draws` times through round.c's
 * round_make_question (the code a round uses), seeded from `seed`, and each strategy is scored
 * on every draw. Warnings (each with the card's line, or line 1 for the deck as a whole) are
 * added to diags under the deck's path. */
void deck_lint(const deck *d, int draws, uint64_t seed, lint_report *rep, diag_list *diags);

/* Short name of a strategy: "longest", "shortest", "mean length", "question echo". */
const char *lint_strategy_name(lint_strategy s);

/* Words of the question that the choice repeats (exposed for tests): words of at least three
 * letters that are not common function words, matched whole or as a prefix of at least four
 * letters, give or take the shorter word's last letter ("shut" and "shuts" match "shutdown"). */
int lint_echo_count(const char *stem, const char *choice);

/* 1 when a and b are the same words in a different order ("A sets X; B sets Y" against "B sets
 * X; A sets Y"): case, punctuation, articles and a plural -s are ignored, the order is not
 * (exposed for tests). */
int lint_mirrored(const char *a, const char *b);

/* Length of a choice as the player sees it: code points, without the backticks of code spans. */
int lint_visible_len(const char *s);

#endif
