/*
 * timer_cmsdk.c - ARM CMSDK APB timer model (ARM DDI0479C), with the
 * semantics of QEMU 7.2's cmsdk-apb-timer (a ptimer with "wrap after one
 * period", "trigger only on decrement", "no immediate reload"):
 *
 *   - while CTRL.EN is set, VALUE decrements once per CPU cycle;
 *   - the decrement that reaches 0 is the "tick": INTSTATUS is set if
 *     CTRL.IRQEN is set at that moment (a tick with IRQEN clear is lost);
 *   - VALUE stays 0 for one cycle and then reloads from RELOAD, so a
 *     periodic timer ticks every RELOAD + 1 cycles;
 *   - with RELOAD = 0 the timer stops at 0 after the tick (one-shot);
 *   - writing RELOAD also sets VALUE; writing VALUE restarts the count from
 *     the written value; writing VALUE = 0 with RELOAD != 0 reloads after one
 *     cycle without a tick;
 *   - the IRQ line follows INTSTATUS (write 1 to clear), not gated by IRQEN.
 *
 * No per-cycle work: VALUE is computed from the time of the last write
 * (base, base_value) when read, and the next tick is one scheduled event.
 * Not modelled: EXTIN as enable or clock (CTRL bits 1-2; logged once, the
 * timer then counts as if they were clear, as QEMU does).
 */
#include "timer_cmsdk.h"

#include <assert.h>
#include <stdlib.h>

typedef struct timer {
    periph_host_t host;
    const char *name;
    int irq;
    bool level;

    uint32_t ctrl, reload, intstatus;
    uint32_t base_value;   /* VALUE at cycle `base` */
    uint64_t base;
    event_t tick;
    bool ext_logged;
} tmr_t;

static const uint8_t timer_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x22, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static uint64_t now(const tmr_t *t) { return t->host.now(t->host.opaque); }

static void update_irq(tmr_t *t)
{
    bool level = t->intstatus & 1;
    if (level != t->level) {
        t->level = level;
        if (t->irq >= 0)
            t->host.set_irq(t->host.opaque, t->irq, level);
    }
}

/* VALUE at cycle `at` (>= base). */
static uint32_t value_at(const tmr_t *t, uint64_t at)
{
    if (!(t->ctrl & TIMER_CMSDK_CTRL_EN))
        return t->base_value;
    uint64_t e = at - t->base;
    if (e <= t->base_value)
        return t->base_value - (uint32_t)e;
    e -= t->base_value;               /* cycles since VALUE reached 0 */
    if (t->reload == 0)
        return 0;                     /* stopped at 0 */
    uint64_t k = (e - 1) % ((uint64_t)t->reload + 1);
    return t->reload - (uint32_t)k;
}

/* Schedules the next tick (a decrement to 0) from the base state. */
static void schedule(tmr_t *t)
{
    evq_cancel(t->host.evq, &t->tick);
    if (!(t->ctrl & TIMER_CMSDK_CTRL_EN))
        return;
    if (t->base_value > 0)
        evq_schedule(t->host.evq, &t->tick, t->base + t->base_value);
    else if (t->reload > 0)
        evq_schedule(t->host.evq, &t->tick, t->base + (uint64_t)t->reload + 1);
}

/* Makes (base, base_value) describe the present, before a state change. */
static void sync(tmr_t *t)
{
    uint64_t n = now(t);
    t->base_value = value_at(t, n);
    t->base = n;
}

static void tick_fn(void *ctx, uint64_t now_)
{
    tmr_t *t = ctx;
    /* Rebase on the scheduled cycle, not the (possibly later) cycle the
     * node got round to running the event, so periods never drift. */
    t->base = t->tick.when;
    t->base_value = 0;
    if (t->ctrl & TIMER_CMSDK_CTRL_IRQEN)
        t->intstatus |= 1;
    update_irq(t);
    schedule(t);
}

static uint32_t timer_read(void *model, uint32_t offset, unsigned size)
{
    tmr_t *t = model;
    switch (offset) {
    case TIMER_CMSDK_CTRL:
        return t->ctrl;
    case TIMER_CMSDK_VALUE:
        return value_at(t, now(t));
    case TIMER_CMSDK_RELOAD:
        return t->reload;
    case TIMER_CMSDK_INTSTATUS:
        return t->intstatus;
    default:
        if (offset >= TIMER_CMSDK_PID4 && offset <= TIMER_CMSDK_CID3 && !(offset & 3))
            return timer_id[(offset - TIMER_CMSDK_PID4) / 4];
        observers_guest_log(t->host.observers, now(t),
                            "%s: guest error: read of bad offset 0x%03x", t->name, offset);
        return 0;
    }
}

static void timer_write(void *model, uint32_t offset, unsigned size, uint32_t value)
{
    tmr_t *t = model;
    switch (offset) {
    case TIMER_CMSDK_CTRL:
        if ((value & (TIMER_CMSDK_CTRL_EXTEN | TIMER_CMSDK_CTRL_EXTCLK)) && !t->ext_logged) {
            t->ext_logged = true;
            observers_guest_log(t->host.observers, now(t),
                                "%s: unmodelled: EXTIN enable/clock (CTRL 0x%x)", t->name, value);
        }
        sync(t);
        t->ctrl = value & 0xf;
        schedule(t);
        break;
    case TIMER_CMSDK_VALUE:
        sync(t);
        t->base_value = value;
        schedule(t);
        break;
    case TIMER_CMSDK_RELOAD:
        /* Writing RELOAD also sets VALUE (CMSDK TRM; QEMU does the same). */
        sync(t);
        t->reload = value;
        t->base_value = value;
        schedule(t);
        break;
    case TIMER_CMSDK_INTSTATUS:
        t->intstatus &= ~(value & 1);   /* write-1-to-clear, one bit */
        update_irq(t);
        break;
    default:
        if (offset >= TIMER_CMSDK_PID4 && offset <= TIMER_CMSDK_CID3)
            observers_guest_log(t->host.observers, now(t),
                                "%s: guest error: write to read-only ID register 0x%03x",
                                t->name, offset);
        else
            observers_guest_log(t->host.observers, now(t),
                                "%s: guest error: write to bad offset 0x%03x", t->name, offset);
        break;
    }
}

static void timer_reset(void *model)
{
    tmr_t *t = model;
    evq_cancel(t->host.evq, &t->tick);
    t->ctrl = t->reload = t->intstatus = 0;
    t->base_value = 0;
    t->base = now(t);
    t->ext_logged = false;
    update_irq(t);
}

static void timer_destroy(void *model)
{
    tmr_t *t = model;
    if (!t)
        return;
    evq_cancel(t->host.evq, &t->tick);
    free(t);
}

void *timer_cmsdk_create(const periph_host_t *host, const periph_config_t *cfg)
{
    assert(host && host->now && host->set_irq && host->evq && host->observers);
    if (!cfg || cfg->size < 0x1000)
        return NULL;
    tmr_t *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->host = *host;
    t->name = cfg->name ? cfg->name : "timer";
    t->irq = cfg->irq[0];
    event_init(&t->tick, tick_fn, t);
    timer_reset(t);
    return t;
}

const periph_ops_t timer_cmsdk_ops = {
    .name = "cmsdk-apb-timer",
    .read = timer_read,
    .write = timer_write,
    .reset = timer_reset,
    .destroy = timer_destroy,
};
