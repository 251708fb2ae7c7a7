/* rng.c: RNG driver wrappers. */
#include "rng.h"

enum { CMD_GET = 1, UPCALL_DONE = 0, ALLOW_BUFFER = 0 };

bool rng_exists(void)
{
    return tock_driver_exists(RNG_DRIVER);
}

int rng_get_async(uint8_t *buf, size_t len, size_t num, tock_upcall_fn_t *done, void *userdata)
{
    int st = tock_allow_rw(RNG_DRIVER, ALLOW_BUFFER, buf, len);
    if (st == TOCK_OK)
        st = tock_subscribe(RNG_DRIVER, UPCALL_DONE, done, userdata);
    if (st == TOCK_OK)
        st = tock_status(tock_command(RNG_DRIVER, CMD_GET, (uint32_t)num, 0));
    return st;
}

typedef struct {
    volatile bool done;
    int count;
} rng_wait_t;

static void rng_done(int status, int count, int unused, void *ud)
{
    rng_wait_t *w = ud;
    w->count = count;
    w->done = true;
}

int rng_get(uint8_t *buf, size_t len, size_t num)
{
    rng_wait_t w = { false, 0 };
    int st = rng_get_async(buf, len, num, rng_done, &w);
    if (st != TOCK_OK)
        return st;
    tock_yield_for(&w.done);
    tock_allow_rw(RNG_DRIVER, ALLOW_BUFFER, NULL, 0);
    return w.count;
}
