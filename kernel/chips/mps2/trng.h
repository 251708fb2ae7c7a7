/*
 * trng.h - the ctock TRNG (sim board only, docs/board.md) implementing
 * hil/entropy.h.
 */
#ifndef CTOCK_MPS2_TRNG_H
#define CTOCK_MPS2_TRNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctock/hil/entropy.h"

typedef struct {
    hil_entropy_t hil;    /* first: the HIL view */
    uint32_t base;
    bool running;
} ctock_trng_t;

void ctock_trng_init(ctock_trng_t *t, uint32_t base);
/* Interrupt bottom half (irq_register with the TRNG's line). */
void ctock_trng_irq(void *ctx);

#endif
