/*
 * trng.c - ctock TRNG model (the register page is in trng.h).
 *
 * One event: the word in progress becomes READY at `word_done`. Reading
 * DATA (with EN) or setting EN schedules the next one RATE cycles later.
 * The words come from a SplitMix64 stream (seeded, deterministic). Not
 * modelled: see trng.h.
 */
#include "trng.h"

#include <assert.h>
#include <stdlib.h>

#include "../sim/splitmix.h"

typedef struct trng {
    periph_host_t host;
    const char *name;
    int irq;
    bool level;

    uint32_t ctrl, data;
    bool ready;
    uint32_t rate;        /* cycles per word */
    uint64_t state;       /* SplitMix64 state */
    bool low_half;        /* next word: the low half of `pending` */
    uint64_t pending;
    event_t done;
} trng_t;

static uint64_t now(const trng_t *t) { return t->host.now(t->host.opaque); }

/* The next 32-bit word: each 64-bit output gives two. */
static uint32_t next_word(trng_t *t)
{
    if (!t->low_half) {
        t->pending = splitmix64(&t->state);
        t->low_half = true;
        return (uint32_t)(t->pending >> 32);
    }
    t->low_half = false;
    return (uint32_t)t->pending;
}

static void update_irq(trng_t *t)
{
    bool level = t->ready && (t->ctrl & TRNG_CTRL_IE);
    if (level != t->level) {
        t->level = level;
        if (t->irq >= 0)
            t->host.set_irq(t->host.opaque, t->irq, level);
    }
}

/* Starts the next word if generating and none is READY or in progress. */
static void start_word(trng_t *t)
{
    if ((t->ctrl & TRNG_CTRL_EN) && !t->ready && !event_is_queued(&t->done))
        evq_schedule(t->host.evq, &t->done, now(t) + t->rate);
}

static void word_done(void *ctx, uint64_t when)
{
    trng_t *t = ctx;
    t->data = next_word(t);
    t->ready = true;
    update_irq(t);
}

static uint32_t trng_read(void *model, uint32_t offset, unsigned size)
{
    trng_t *t = model;
    switch (offset & ~3u) {
    case TRNG_CTRL:
        return t->ctrl;
    case TRNG_STATUS:
        return t->ready ? TRNG_STATUS_READY : 0;
    case TRNG_DATA: {
        if (!t->ready) {
            observers_guest_log(t->host.observers, now(t),
                                "%s: guest error: DATA read while not READY", t->name);
            return 0;
        }
        uint32_t v = t->data;
        t->ready = false;   /* read clears READY, starts the next word */
        update_irq(t);
        start_word(t);
        return v;
    }
    case TRNG_RATE:
        return t->rate;
    case TRNG_ID:
        return TRNG_ID_VALUE;
    default:
        observers_guest_log(t->host.observers, now(t),
                            "%s: guest error: read of bad offset 0x%03x", t->name, offset);
        return 0;
    }
}

static void trng_write(void *model, uint32_t offset, unsigned size, uint32_t value)
{
    trng_t *t = model;
    switch (offset & ~3u) {
    case TRNG_CTRL:
        t->ctrl = value & (TRNG_CTRL_EN | TRNG_CTRL_IE);
        if (!(t->ctrl & TRNG_CTRL_EN))
            evq_cancel(t->host.evq, &t->done);   /* the word in progress is lost */
        start_word(t);
        update_irq(t);
        break;
    case TRNG_STATUS:
    case TRNG_DATA:
    case TRNG_RATE:
    case TRNG_ID:
        observers_guest_log(t->host.observers, now(t),
                            "%s: guest error: write to read-only offset 0x%03x", t->name, offset);
        break;
    default:
        observers_guest_log(t->host.observers, now(t),
                            "%s: guest error: write to bad offset 0x%03x", t->name, offset);
        break;
    }
}

/* Registers only: the random stream goes on (see trng.h). */
static void trng_reset(void *model)
{
    trng_t *t = model;
    evq_cancel(t->host.evq, &t->done);
    t->ctrl = 0;
    t->data = 0;
    t->ready = false;
    update_irq(t);
}

static void trng_destroy(void *model)
{
    trng_t *t = model;
    evq_cancel(t->host.evq, &t->done);
    free(t);
}

void trng_seed(void *model, uint64_t seed)
{
    trng_t *t = model;
    uint64_t h = 0xCBF29CE484222325ull;           /* FNV-1a of the name */
    for (const char *s = t->name; *s; s++)
        h = (h ^ (uint8_t)*s) * 0x100000001B3ull;
    t->state = seed ^ h;
    t->low_half = false;
}

void *trng_create(const periph_host_t *host, const periph_config_t *cfg)
{
    assert(host && host->now && host->evq && host->observers);
    if (!cfg || cfg->size < 0x1000 || host->clock_hz == 0)
        return NULL;
    trng_t *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->host = *host;
    t->name = cfg->name ? cfg->name : "trng";
    t->irq = cfg->irq[0];
    uint64_t r = (uint64_t)host->clock_hz * TRNG_WORD_NS / 1000000000u;
    t->rate = r ? (uint32_t)r : 1;
    event_init(&t->done, word_done, t);
    trng_seed(t, 0);
    trng_reset(t);
    return t;
}

const periph_ops_t trng_ops = {
    .name = "ctock-trng",
    .read = trng_read,
    .write = trng_write,
    .reset = trng_reset,
    .destroy = trng_destroy,
};
