/*
 * trng.h - ctock TRNG: a true random number generator as a register-level
 * model (ctock's own device, sim board only; AN386 has none).
 *
 *   Base 0x40031000 (4 KiB window), one interrupt line (sim board: IRQ 48).
 *   All registers are 32 bits wide; byte/halfword accesses act on the word.
 *
 *   offset name    access reset       meaning
 *   0x000  CTRL    RW     0x00000000  bit 0 EN: generate. Setting EN starts
 *                                     a word; it is READY one word time
 *                                     (RATE cycles) later. Clearing EN stops
 *                                     generation (a READY word stays).
 *                                     bit 1 IE: interrupt while READY.
 *                                     bits 31:2 reserved, read 0.
 *   0x004  STATUS  RO     0x00000000  bit 0 READY: DATA holds an unread word.
 *   0x008  DATA    RO     0x00000000  the random word. Reading it clears
 *                                     READY and, with EN set, starts the
 *                                     next word. A read while not READY
 *                                     returns 0 (guest error, logged).
 *   0x00C  RATE    RO     -           CPU cycles per word (10 us at the
 *                                     CPU clock, at least 1).
 *   0xFFC  ID      RO     0x474E5254  "TRNG" (little-endian ASCII).
 *
 *   IRQ line = READY && IE (level: it drops when DATA is read or IE is
 *   cleared).
 *
 * Determinism: the words are not random at all. They come from a
 * SplitMix64 stream seeded with the node's seed (ctock-sim --seed, a fixed
 * default) mixed with the instance name, so the same seed gives the same
 * words in every run, another seed other words. The stream survives a
 * reset (as a real entropy source would not repeat itself); trng_seed()
 * restarts it. Not modelled: health tests, start-up time, entropy
 * quality, conditioning.
 */
#ifndef PERIPHERALS_TRNG_H
#define PERIPHERALS_TRNG_H

#include "periph.h"

#define TRNG_CTRL   0x000
#define TRNG_STATUS 0x004
#define TRNG_DATA   0x008
#define TRNG_RATE   0x00C
#define TRNG_ID     0xFFC

#define TRNG_CTRL_EN      (1u << 0)
#define TRNG_CTRL_IE      (1u << 1)
#define TRNG_STATUS_READY (1u << 0)
#define TRNG_ID_VALUE     0x474E5254u   /* "TRNG" */
#define TRNG_WORD_NS      10000u        /* one word per 10 us */

/* irq[0]: the data-ready line. */
void *trng_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t trng_ops;

/* Host side: restarts the model's random stream from `seed` (mixed with
 * the instance name). */
void trng_seed(void *model, uint64_t seed);

#endif
