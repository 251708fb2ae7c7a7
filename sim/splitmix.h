/*
 * splitmix.h - SplitMix64 (Steele, Lea, Flood 2014), ctock-sim's one
 * deterministic random generator: the TRNG model's words, the radio
 * medium's loss draws, per-node seeds. Same state, same numbers, on every
 * host. Not cryptographic, and not meant to be.
 */
#ifndef SIM_SPLITMIX_H
#define SIM_SPLITMIX_H

#include <stdint.h>

/* The finalizer: mixes z into a well-spread 64-bit value. */
static inline uint64_t splitmix64_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The next output of the stream whose state is *state. */
static inline uint64_t splitmix64(uint64_t *state)
{
    return splitmix64_mix(*state += 0x9E3779B97F4A7C15ull);
}

#endif
