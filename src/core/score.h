/* score.h: the scoring rules (points by level and speed, streak multiplier). See README "Scoring". */
#ifndef QB_SCORE_H
#define QB_SCORE_H

#include <stdint.h>

#include "deck.h"

/* Options that change the rules (accessibility: speed and streak bonuses can be turned off). */
typedef struct score_rules {
    /* 0: every right answer scores the full base, however slow */
    int speed_bonus;
    /* 0: the multiplier stays x1.0 */
    int streak_bonus;
} score_rules;

/* An answer within this many ms of the choices appearing scores the full base. */
#define SCORE_GRACE_MS 500
/* Base points for a right answer at each level. */
int score_base(level lv);
/* Points before the multiplier for a right answer after `ms` of a `limit_ms` countdown:
 * the full base up to SCORE_GRACE_MS, falling linearly to half the base at the limit. */
int score_speed_points(const score_rules *r, level lv, uint32_t ms, uint32_t limit_ms);
/* Multiplier in tenths (10 = x1.0) for a streak of `streak` right answers in a row, the
 * current answer included: x1.0, x1.5 from 3, x2 from 5, x3 from 10 (the milestones). */
int score_multiplier10(const score_rules *r, int streak);
/* Final points for a right answer: speed points times the multiplier, rounded half up. */
int score_points(const score_rules *r, level lv, uint32_t ms, uint32_t limit_ms, int streak);
/* 1 if reaching this streak is a milestone (3, 5, 10, then every 5 more). */
int score_is_milestone(int streak);

#endif
