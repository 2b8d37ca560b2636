/* score.c: the scoring rules. Kahoot gives round(P * (1 - (t/T)/2)); we add a level base
 * (harder cards are worth more), a grace period, and a streak multiplier tied to milestones. */
#include "score.h"

int score_base(level lv)
{
    switch (lv) {
    case LEVEL_EASY: return 1000;
    case LEVEL_HARD: return 2000;
    default: return 1500;
    }
}

int score_speed_points(const score_rules *r, level lv, uint32_t ms, uint32_t limit_ms)
{
    int64_t base = score_base(lv);
    if (!r->speed_bonus || ms <= SCORE_GRACE_MS || limit_ms <= SCORE_GRACE_MS)
        return (int)base;
    uint64_t t = ms - SCORE_GRACE_MS;
    uint64_t span = limit_ms - SCORE_GRACE_MS;
    if (t > span)
        t = span;
    /* base * (1 - (t/span)/2) = base * (2*span - t) / (2*span), rounded half up */
    uint64_t num = (uint64_t)base * (2 * span - t);
    uint64_t den = 2 * span;
    return (int)((num + den / 2) / den);
}

int score_multiplier10(const score_rules *r, int streak)
{
    if (!r->streak_bonus)
        return 10;
    if (streak >= 10)
        return 30;
    if (streak >= 5)
        return 20;
    if (streak >= 3)
        return 15;
    return 10;
}

int score_points(const score_rules *r, level lv, uint32_t ms, uint32_t limit_ms, int streak)
{
    int64_t p = (int64_t)score_speed_points(r, lv, ms, limit_ms) * score_multiplier10(r, streak);
    return (int)((p + 5) / 10);
}

int score_is_milestone(int streak)
{
    return streak == 3 || streak == 5 || (streak >= 10 && streak % 5 == 0);
}
