/*
 * fake_host.h - a periph_host_t for unit tests of peripheral models: a
 * settable clock, an event queue run by fake_advance(), and recorders for
 * IRQ levels, console bytes, LED changes, guest logs and guest exit.
 * Include it once per test program.
 */
#ifndef TEST_UNIT_FAKE_HOST_H
#define TEST_UNIT_FAKE_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "peripherals/periph.h"

#define FAKE_MAX_RECORDS 256
#define FAKE_IRQS 16

typedef struct fake_rec {
    uint64_t cycle;
    unsigned a;     /* byte, LED index */
    bool on;
} fake_rec_t;

typedef struct fake_host {
    uint64_t now;
    evq_t evq;
    observer_list_t observers;
    observer_t obs;
    periph_host_t host;
    bool irq[FAKE_IRQS];
    int irq_rises[FAKE_IRQS];
    fake_rec_t tx[FAKE_MAX_RECORDS];
    int ntx;
    fake_rec_t led[FAKE_MAX_RECORDS];
    int nled;
    int nlog;
    char last_log[256];
    bool exited;
    int exit_status;
} fake_host_t;

static uint64_t fake_now(void *o) { return ((fake_host_t *)o)->now; }

static void fake_set_irq(void *o, int irq, bool level)
{
    fake_host_t *f = o;
    if (irq < 0 || irq >= FAKE_IRQS)
        return;
    if (level && !f->irq[irq])
        f->irq_rises[irq]++;
    f->irq[irq] = level;
}

static void fake_exit(void *o, int status)
{
    fake_host_t *f = o;
    f->exited = true;
    f->exit_status = status;
}

static void fake_obs_tx(void *ctx, uint64_t cycle, uint8_t byte)
{
    fake_host_t *f = ctx;
    if (f->ntx < FAKE_MAX_RECORDS)
        f->tx[f->ntx++] = (fake_rec_t){cycle, byte, true};
}

static void fake_obs_led(void *ctx, uint64_t cycle, unsigned index, bool on)
{
    fake_host_t *f = ctx;
    if (f->nled < FAKE_MAX_RECORDS)
        f->led[f->nled++] = (fake_rec_t){cycle, index, on};
}

static void fake_obs_log(void *ctx, uint64_t cycle, const char *msg)
{
    fake_host_t *f = ctx;
    f->nlog++;
    strncpy(f->last_log, msg, sizeof f->last_log - 1);
}

static void fake_init(fake_host_t *f, uint32_t clock_hz)
{
    memset(f, 0, sizeof *f);
    evq_init(&f->evq);
    f->obs = (observer_t){.ctx = f, .led = fake_obs_led, .console_tx = fake_obs_tx,
                          .guest_log = fake_obs_log};
    observers_add(&f->observers, &f->obs);
    f->host = (periph_host_t){
        .opaque = f, .now = fake_now, .set_irq = fake_set_irq, .evq = &f->evq,
        .observers = &f->observers, .clock_hz = clock_hz, .guest_exit = fake_exit,
    };
}

/* Runs every event due up to `t` at its own time, then sets the clock to t. */
static void fake_advance(fake_host_t *f, uint64_t t)
{
    while (evq_next_time(&f->evq) <= t) {
        uint64_t when = evq_next_time(&f->evq);
        if (when > f->now)
            f->now = when;
        evq_run_due(&f->evq, f->now);
    }
    f->now = t;
}

#endif
