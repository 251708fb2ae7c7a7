/*
 * systick.c - SysTick as a lazily evaluated down-counter; see systick.h for
 * the model and what it leaves out. The registers follow ARMv7-M B3.3.
 */
#include "systick.h"

#define CSR_ENABLE    (1u << 0)
#define CSR_TICKINT   (1u << 1)
#define CSR_CLKSOURCE (1u << 2)
#define CSR_COUNTFLAG (1u << 16)
#define MASK24 0x00FFFFFFu

static uint64_t now(const systick_t *st)
{
    return st->host->now(st->host->opaque);
}

/* CPU cycles per counter tick. */
static uint64_t tick_cycles(const systick_t *st)
{
    if (st->csr & CSR_CLKSOURCE)
        return 1;
    uint64_t d = st->host->clock_hz / SYSTICK_REF_HZ;
    return d ? d : 1;
}

/* Counter value `ticks` after the anchor. From 0 the next tick reloads
 * RVR; a reload value of 0 keeps the counter at 0. */
static uint32_t value_after(const systick_t *st, uint64_t ticks)
{
    if (ticks <= st->anchor_val)
        return st->anchor_val - (uint32_t)ticks;
    if (st->rvr == 0)
        return 0;
    uint64_t e = ticks - st->anchor_val;
    return st->rvr - (uint32_t)((e - 1) % ((uint64_t)st->rvr + 1));
}

uint32_t systick_value(systick_t *st)
{
    if (!(st->csr & CSR_ENABLE))
        return st->anchor_val;
    return value_after(st, (now(st) - st->anchor_cycle) / tick_cycles(st));
}

/* Moves the anchor to the last tick boundary at or before `t`. */
static void reanchor(systick_t *st, uint64_t t)
{
    if (!(st->csr & CSR_ENABLE))
        return;
    uint64_t d = tick_cycles(st);
    uint64_t ticks = (t - st->anchor_cycle) / d;
    st->anchor_val = value_after(st, ticks);
    st->anchor_cycle += ticks * d;
}

static void schedule(systick_t *st)
{
    evq_t *q = st->host->evq;
    uint64_t ticks;

    if (!(st->csr & CSR_ENABLE)) {
        evq_cancel(q, &st->wrap_ev);
        return;
    }
    if (st->anchor_val > 0)
        ticks = st->anchor_val;
    else if (st->rvr > 0)
        ticks = (uint64_t)st->rvr + 1;
    else {
        evq_cancel(q, &st->wrap_ev);
        return;
    }
    evq_schedule(q, &st->wrap_ev, st->anchor_cycle + ticks * tick_cycles(st));
}

/* The counter reached 0 at cycle `when` (a 1 -> 0 transition). */
static void on_wrap(void *ctx, uint64_t when)
{
    systick_t *st = ctx;
    st->anchor_cycle = when;
    st->anchor_val = 0;
    st->countflag = true;
    if (st->csr & CSR_TICKINT)
        nvic_set_pending(st->nvic, EXC_SYSTICK);
    schedule(st);
}

/* Runs a wrap that is due but not yet delivered (the CPU runs a block past
 * event deadlines), so COUNTFLAG and CVR reads are exact. */
static void sync(systick_t *st)
{
    uint64_t t = now(st);
    while (event_is_queued(&st->wrap_ev) && st->wrap_ev.when <= t) {
        uint64_t when = st->wrap_ev.when;
        evq_cancel(st->host->evq, &st->wrap_ev);
        on_wrap(st, when);
    }
}

void systick_init(systick_t *st, const periph_host_t *host, nvic_t *nvic)
{
    st->host = host;
    st->nvic = nvic;
    event_init(&st->wrap_ev, on_wrap, st);
    systick_reset(st);
}

void systick_reset(systick_t *st)
{
    evq_cancel(st->host->evq, &st->wrap_ev);
    st->csr = 0;
    st->countflag = false;
    st->rvr = 0;
    st->anchor_val = 0;
    st->anchor_cycle = now(st);
}

uint32_t systick_read(systick_t *st, uint32_t offset)
{
    uint32_t v;
    sync(st);
    switch (offset) {
    case 0x0:   /* CSR: reading clears COUNTFLAG */
        v = st->csr | (st->countflag ? CSR_COUNTFLAG : 0);
        st->countflag = false;
        return v;
    case 0x4:
        return st->rvr;
    case 0x8:
        return systick_value(st);
    case 0xC: { /* CALIB: TENMS for the 1 MHz reference, SKEW if inexact */
        bool exact = st->host->clock_hz % SYSTICK_REF_HZ == 0;
        return (exact ? 0 : (1u << 30)) | (SYSTICK_REF_HZ / 100 - 1);
    }
    default:
        return 0;
    }
}

uint32_t systick_peek(systick_t *st, uint32_t offset)
{
    switch (offset) {
    case 0x0: return st->csr | (st->countflag ? CSR_COUNTFLAG : 0);
    case 0x4: return st->rvr;
    case 0x8: return systick_value(st);
    default: return 0;
    }
}

void systick_write(systick_t *st, uint32_t offset, uint32_t value)
{
    uint64_t t = now(st);
    sync(st);
    switch (offset) {
    case 0x0: {
        bool was_on = st->csr & CSR_ENABLE;
        reanchor(st, t);
        st->csr = value & (CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE);
        if (!was_on && (st->csr & CSR_ENABLE))
            st->anchor_cycle = t;     /* starts counting from its value */
        schedule(st);
        break;
    }
    case 0x4:   /* takes effect at the next reload */
        reanchor(st, t);
        st->rvr = value & MASK24;
        schedule(st);
        break;
    case 0x8:   /* any write clears the counter and COUNTFLAG */
        st->anchor_val = 0;
        st->anchor_cycle = t;
        st->countflag = false;
        schedule(st);
        break;
    default:    /* CALIB is read-only */
        break;
    }
}
