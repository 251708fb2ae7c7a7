/*
 * rng_driver.h - RNG: processes ask for random bytes (Tock's
 * capsules/core/src/rng.rs, driver number 0x40001).
 *
 * Usage (board):
 *   ctock_trng_init(&trng, MPS2_TRNG_BASE);        (any hil_entropy_t)
 *   rng_driver_init(&rng_drv, &trng.hil);
 *   { DRIVER_NUM_RNG, &rng_drv.driver }   in the driver table
 * A board without an entropy source leaves the driver out: command 0 then
 * answers NODEVICE (the an386 board: QEMU's AN386 has no TRNG).
 *
 * Usage (process): allow-rw 0 a buffer, subscribe 0, command 1 (n), yield
 * until the upcall; the first min(n, buffer length) bytes are random.
 *
 * Syscall interface
 *   command 0            exists                          Success
 *   command 1 (n)        fill n bytes of the allow-rw 0  Success | NOMEM (no room
 *                        buffer (a new request replaces  for the grant)
 *                        this process's pending one)
 *   other                                                NOSUPPORT
 *   allow-rw 0           buffer for the random bytes
 *   subscribe 0          done: (0, bytes written, 0)
 *
 * Each 32-bit word of the source fills 4 bytes (little-endian) of one
 * process's buffer; processes are served one after the other. A request
 * whose buffer is missing or shorter ends early with the bytes that fit
 * (0 without a buffer), as on Tock. Per process: a grant of 8 bytes of
 * state + 1 upcall + 1 rw allow slot.
 */
#ifndef CTOCK_RNG_DRIVER_H
#define CTOCK_RNG_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/entropy.h"

/* Per process, in the grant. */
typedef struct {
    uint32_t remaining;   /* bytes still wanted */
    uint32_t idx;         /* bytes written so far */
} rng_app_t;

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;
    hil_entropy_t *src;
    bool getting;         /* the source is delivering */
} rng_driver_t;

void rng_driver_init(rng_driver_t *d, hil_entropy_t *src);

#endif
