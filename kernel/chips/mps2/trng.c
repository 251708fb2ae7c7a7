/*
 * trng.c - driver for the ctock TRNG (the register page is
 * peripherals/trng.h on the host side, docs/board.md on the guest side):
 * CTRL (EN, IE), STATUS.READY, DATA (read clears READY, starts the next
 * word). While a client wants words the driver keeps EN|IE set; each
 * interrupt hands over one word.
 */
#include "trng.h"

#define REG_CTRL 0x000u
#define REG_STATUS 0x004u
#define REG_DATA 0x008u
#define CTRL_EN (1u << 0)
#define CTRL_IE (1u << 1)
#define STATUS_READY (1u << 0)

static volatile uint32_t *reg(const ctock_trng_t *t, uint32_t off)
{
    return (volatile uint32_t *)(t->base + off);
}

static ctock_err_t get(hil_entropy_t *h)
{
    ctock_trng_t *t = (ctock_trng_t *)h;
    t->running = true;
    *reg(t, REG_CTRL) = CTRL_EN | CTRL_IE;
    return CTOCK_OK;
}

static ctock_err_t cancel(hil_entropy_t *h)
{
    ctock_trng_t *t = (ctock_trng_t *)h;
    t->running = false;
    *reg(t, REG_CTRL) = 0;
    return CTOCK_OK;
}

static const hil_entropy_ops_t ops = { get, cancel };

void ctock_trng_irq(void *ctx)
{
    ctock_trng_t *t = ctx;
    if (!(*reg(t, REG_STATUS) & STATUS_READY))
        return;
    uint32_t word = *reg(t, REG_DATA);   /* clears READY (and the line) */
    if (!t->running || !t->hil.available || !t->hil.available(t->hil.client_ctx, word))
        cancel(&t->hil);
}

void ctock_trng_init(ctock_trng_t *t, uint32_t base)
{
    t->hil.ops = &ops;
    t->hil.available = NULL;
    t->hil.client_ctx = NULL;
    t->base = base;
    t->running = false;
    *reg(t, REG_CTRL) = 0;
}
