/* rng.h: a small seeded generator (xoshiro128**), so a seed replays exactly on every machine. */
#ifndef QB_RNG_H
#define QB_RNG_H

#include <stdint.h>

/* Generator state; copy it freely. */
typedef struct rng {
    uint32_t s[4];
} rng;

/* Seeds the generator from a 64-bit seed (splitmix64 expands it). */
void rng_seed(rng *r, uint64_t seed);
/* Next 32 random bits. */
uint32_t rng_next(rng *r);
/* Uniform integer in [0, n); n must be > 0. No modulo bias. */
uint32_t rng_below(rng *r, uint32_t n);
/* Fisher-Yates shuffle of n ints. */
void rng_shuffle_int(rng *r, int *a, int n);

#endif
