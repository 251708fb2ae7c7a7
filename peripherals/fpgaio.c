/*
 * fpgaio.c - MPS2 FPGAIO block (AN386 application note; QEMU 7.2's
 * mps2-fpgaio is the behavioural reference).
 *
 *   LED0     RW  bits 1:0 drive LED0/LED1; each change is reported to the
 *                observers (observers_led) at the cycle of the write.
 *   BUTTON   RO  buttons as set by the host (fpgaio_set_buttons), else 0.
 *   CLK1HZ   RW  seconds of virtual time since reset (writable: sets the
 *   CLK100HZ RW  count, which then keeps counting); 1/100 s for CLK100HZ.
 *   COUNTER  RW  increments each time PSCNTR reloads;
 *   PRESCALE RW  reload value of PSCNTR;
 *   PSCNTR   RW  down counter at the CPU clock: it reaches 0, then one cycle
 *                later reloads from PRESCALE and COUNTER increments (with
 *                PRESCALE = 0 it sticks at 0 and COUNTER counts cycles).
 *   MISC     RW  reads as written; the SPI/CLCD selects it controls are not
 *                modelled (logged once).
 *
 * Everything is computed from virtual time when read; there are no events.
 * The prescaler counts at the CPU clock (QEMU uses a separate 25 MHz
 * prescale clock). Not modelled: DBGCTRL and SWITCH (not on AN386).
 */
#include "fpgaio.h"

#include <assert.h>
#include <stdlib.h>

typedef struct fpgaio {
    periph_host_t host;
    const char *name;
    uint32_t led, buttons, misc;
    int64_t clk1hz_origin, clk100hz_origin;   /* cycle at which each read 0 */
    uint32_t counter, pscntr, prescale;
    uint64_t ps_sync;                         /* cycle counter/pscntr describe */
    bool misc_logged;
} fpgaio_t;

static uint64_t now(const fpgaio_t *f) { return f->host.now(f->host.opaque); }

/* Ticks of a `hz` clock between `origin` and `at`, truncated to 32 bits. */
static uint32_t clk_count(const fpgaio_t *f, int64_t origin, uint64_t at, uint32_t hz)
{
    __int128 cycles = (__int128)at - origin;
    return (uint32_t)(uint64_t)(cycles * hz / f->host.clock_hz);
}

static int64_t clk_origin(const fpgaio_t *f, uint64_t at, uint32_t count, uint32_t hz)
{
    /* Earliest cycle at which the count would read `count`. */
    __int128 c = ((__int128)count * f->host.clock_hz + hz - 1) / hz;
    return (int64_t)((__int128)at - c);
}

/* Brings COUNTER and PSCNTR up to the present. */
static void ps_sync(fpgaio_t *f)
{
    uint64_t n = now(f);
    uint64_t ticks = n - f->ps_sync;
    f->ps_sync = n;
    if (ticks == 0)
        return;
    if (ticks < f->pscntr) {
        f->pscntr -= (uint32_t)ticks;
    } else if (f->prescale == 0) {
        f->counter += (uint32_t)(ticks - f->pscntr);
        f->pscntr = 0;
    } else {
        /* Cycles since PSCNTR last stood at PRESCALE, counting the reload
         * that follows its first arrival at 0. */
        uint64_t period = (uint64_t)f->prescale + 1;
        uint64_t since = ticks - f->pscntr + f->prescale;
        f->counter += (uint32_t)(since / period);
        f->pscntr = f->prescale - (uint32_t)(since % period);
    }
}

static void set_leds(fpgaio_t *f, uint32_t v)
{
    uint32_t changed = (f->led ^ v) & ((1u << FPGAIO_NUM_LEDS) - 1);
    f->led = v & ((1u << FPGAIO_NUM_LEDS) - 1);
    for (unsigned i = 0; i < FPGAIO_NUM_LEDS; i++)
        if (changed & (1u << i))
            observers_led(f->host.observers, now(f), i, (f->led >> i) & 1);
}

void fpgaio_set_buttons(void *model, uint32_t bits)
{
    fpgaio_t *f = model;
    f->buttons = bits & 3;
}

static uint32_t fpgaio_read(void *model, uint32_t offset, unsigned size)
{
    fpgaio_t *f = model;
    switch (offset) {
    case FPGAIO_LED0:
        return f->led;
    case FPGAIO_BUTTON:
        return f->buttons;
    case FPGAIO_CLK1HZ:
        return clk_count(f, f->clk1hz_origin, now(f), 1);
    case FPGAIO_CLK100HZ:
        return clk_count(f, f->clk100hz_origin, now(f), 100);
    case FPGAIO_COUNTER:
        ps_sync(f);
        return f->counter;
    case FPGAIO_PRESCALE:
        return f->prescale;
    case FPGAIO_PSCNTR:
        ps_sync(f);
        return f->pscntr;
    case FPGAIO_MISC:
        return f->misc;
    default:
        observers_guest_log(f->host.observers, now(f),
                            "%s: guest error: read of bad offset 0x%03x", f->name, offset);
        return 0;
    }
}

static void fpgaio_write(void *model, uint32_t offset, unsigned size, uint32_t value)
{
    fpgaio_t *f = model;
    switch (offset) {
    case FPGAIO_LED0:
        set_leds(f, value);
        break;
    case FPGAIO_BUTTON:
        observers_guest_log(f->host.observers, now(f),
                            "%s: guest error: write to read-only BUTTON", f->name);
        break;
    case FPGAIO_CLK1HZ:
        f->clk1hz_origin = clk_origin(f, now(f), value, 1);
        break;
    case FPGAIO_CLK100HZ:
        f->clk100hz_origin = clk_origin(f, now(f), value, 100);
        break;
    case FPGAIO_COUNTER:
        ps_sync(f);
        f->counter = value;
        break;
    case FPGAIO_PRESCALE:
        ps_sync(f);
        f->prescale = value;
        break;
    case FPGAIO_PSCNTR:
        ps_sync(f);
        f->pscntr = value;
        break;
    case FPGAIO_MISC:
        if (!f->misc_logged) {
            f->misc_logged = true;
            observers_guest_log(f->host.observers, now(f),
                                "%s: unmodelled: MISC control bits", f->name);
        }
        f->misc = value;
        break;
    default:
        observers_guest_log(f->host.observers, now(f),
                            "%s: guest error: write to bad offset 0x%03x", f->name, offset);
        break;
    }
}

static void fpgaio_reset(void *model)
{
    fpgaio_t *f = model;
    uint64_t n = now(f);
    set_leds(f, 0);
    f->misc = 0;
    f->clk1hz_origin = f->clk100hz_origin = (int64_t)n;
    f->counter = f->pscntr = f->prescale = 0;
    f->ps_sync = n;
    f->misc_logged = false;
}

static void fpgaio_destroy(void *model)
{
    free(model);
}

void *fpgaio_create(const periph_host_t *host, const periph_config_t *cfg)
{
    assert(host && host->now && host->observers);
    if (!cfg || cfg->size < 0x1000 || host->clock_hz == 0)
        return NULL;
    fpgaio_t *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->host = *host;
    f->name = cfg->name ? cfg->name : "fpgaio";
    fpgaio_reset(f);
    return f;
}

const periph_ops_t fpgaio_ops = {
    .name = "mps2-fpgaio",
    .read = fpgaio_read,
    .write = fpgaio_write,
    .reset = fpgaio_reset,
    .destroy = fpgaio_destroy,
};
