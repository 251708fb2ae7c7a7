/*
 * rng_driver.c - RNG capsule (see rng_driver.h). Requests live in the
 * grant; each word from the source goes to the first process (in grant
 * list order) that still wants bytes, so one process is filled before the
 * next, as on Tock. Cost: O(processes with the grant) per word.
 */
#include "rng_driver.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_DONE = 0, ALLOW_BUFFER = 0 };

typedef struct {
    uint32_t word;
    bool used;        /* the word went to a process */
    bool more;        /* some process still wants bytes */
} feed_t;

static void feed_cb(void *data, ctock_pid_t pid, void *ctx)
{
    rng_app_t *a = data;
    feed_t *f = ctx;
    if (a->remaining == 0)
        return;
    if (f->used) {
        f->more = true;
        return;
    }
    f->used = true;
    ctock_buf_t b;
    uint32_t len = a->idx;                    /* no (longer a) buffer: end here */
    if (ctock_allowed_rw(pid, DRIVER_NUM_RNG, ALLOW_BUFFER, &b) == CTOCK_OK && b.len > a->idx)
        len = b.len;                          /* (never change a buffer's own bounds) */
    if (len < a->idx + a->remaining)
        a->remaining = len - a->idx;          /* what still fits */
    uint8_t bytes[4] = { (uint8_t)f->word, (uint8_t)(f->word >> 8),
                         (uint8_t)(f->word >> 16), (uint8_t)(f->word >> 24) };
    uint32_t n = a->remaining < 4 ? a->remaining : 4;
    if (n > 0 && ctock_buf_write(&b, a->idx, bytes, n) != n)
        n = a->remaining = 0;                 /* the process died meanwhile */
    a->idx += n;
    a->remaining -= n;
    if (a->remaining > 0)
        f->more = true;
    else
        ctock_upcall_schedule(pid, DRIVER_NUM_RNG, UPCALL_DONE, 0, a->idx, 0);
}

static bool available(void *ctx, uint32_t word)
{
    rng_driver_t *d = ctx;
    feed_t f = { word, false, false };
    grant_each(&d->grant, feed_cb, &f);
    d->getting = f.more;
    return f.more;
}

static void request_cb(void *data, ctock_pid_t pid, void *ctx)
{
    rng_app_t *a = data;
    a->remaining = *(const uint32_t *)ctx;
    a->idx = 0;
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t n, uint32_t arg1)
{
    rng_driver_t *d = ctx;
    switch (cmd) {
    case 0:
        return ctock_ret_success();
    case 1: {
        ctock_err_t e = grant_enter(&d->grant, pid, request_cb, &n);
        if (e != CTOCK_OK)
            return ctock_ret_failure(e);
        if (!d->getting) {                    /* start the source outside the grant */
            d->getting = true;
            d->src->ops->get(d->src);
        }
        return ctock_ret_success();
    }
    default:
        return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void rng_driver_init(rng_driver_t *d, hil_entropy_t *src)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, sizeof(rng_app_t), 1, 0, 1);
    d->src = src;
    src->available = available;
    src->client_ctx = d;
}
