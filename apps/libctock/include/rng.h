/* rng.h: the RNG driver (Tock driver 0x40001): random bytes.
 *
 * Syscall interface (Tock's capsules/core/src/rng.rs):
 *   command 0        exists (ENODEVICE: the board has no TRNG, e.g. an386)
 *   command 1 (n)    fill n bytes of the read-write allowed buffer
 *   allow-rw 0       buffer for the bytes
 *   subscribe 0      done: (0, bytes written, 0)
 *
 * On ctock-sim the bytes come from the simulated TRNG, seeded with
 * --seed: the same seed gives the same bytes.
 */
#ifndef CTOCK_RNG_H
#define CTOCK_RNG_H

#include <stddef.h>
#include <stdint.h>

#include "tock.h"

#define RNG_DRIVER 0x40001u

/* True if the board has an RNG. */
bool rng_exists(void);

/* Start filling buf[0..min(num, len)); done(0, count, 0, userdata) runs
 * in a later yield. buf must stay untouched until then. TOCK_OK or an
 * error. */
int rng_get_async(uint8_t *buf, size_t len, size_t num, tock_upcall_fn_t *done, void *userdata);

/* Fill buf with min(num, len) random bytes. Returns the count, or a
 * negative error code. */
int rng_get(uint8_t *buf, size_t len, size_t num);

#endif /* CTOCK_RNG_H */
