/*
 * hil/entropy.h - hardware interface for a source of random 32-bit words
 * (Tock's hil::entropy::Entropy32, one word per callback).
 *
 * get() starts delivery; the source calls `available` with one word at a
 * time from the kernel loop (never from an ISR) for as long as the client
 * returns true, and stops when it returns false (or after cancel()).
 * Not modelled: error reporting from the source, entropy estimates.
 */
#ifndef CTOCK_HIL_ENTROPY_H
#define CTOCK_HIL_ENTROPY_H

#include <stdbool.h>
#include <stdint.h>

#include "../abi.h"

typedef struct hil_entropy hil_entropy_t;

typedef struct {
    /* Starts delivering words. CTOCK_OK, or ERR_OFF if the source is dead. */
    ctock_err_t (*get)(hil_entropy_t *e);
    /* Stops delivering; no more callbacks after it returns. */
    ctock_err_t (*cancel)(hil_entropy_t *e);
} hil_entropy_ops_t;

struct hil_entropy {
    const hil_entropy_ops_t *ops;
    /* One word; return true for more. */
    bool (*available)(void *ctx, uint32_t word);
    void *client_ctx;
};

#endif
