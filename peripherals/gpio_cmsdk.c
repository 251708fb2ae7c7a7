/*
 * gpio_cmsdk.c - CMSDK AHB GPIO model (the register table is in
 * gpio_cmsdk.h). No events: the state changes only on guest writes and
 * host inputs, and every change ends in update(), which alone recomputes
 * the level-interrupt status, reports pin changes and drives the IRQ line.
 */
#include "gpio_cmsdk.h"

#include <assert.h>
#include <stdlib.h>

#define PIN_MASK 0xFFFFu

typedef struct gpio {
    periph_host_t host;
    const char *name;
    int irq;
    bool line;

    uint32_t dataout, outen, altfunc, inten, inttype, intpol;
    uint32_t input;       /* host-driven levels */
    uint32_t level;       /* pin levels as last reported */
    uint32_t edge_status; /* latched edge interrupts */
} gpio_t;

static const uint8_t gpio_id[12] = {   /* PID4-7, PID0-3, CID0-3 */
    0x04, 0x00, 0x00, 0x00, 0x21, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static uint64_t now(const gpio_t *g) { return g->host.now(g->host.opaque); }

static uint32_t pins(const gpio_t *g)
{
    return ((g->dataout & g->outen) | (g->input & ~g->outen)) & PIN_MASK;
}

static uint32_t intstatus(const gpio_t *g)
{
    uint32_t lvl = pins(g);
    uint32_t level_hit = ~g->inttype & ~(lvl ^ g->intpol);   /* level matches polarity */
    return ((g->edge_status & g->inttype) | level_hit) & g->inten & PIN_MASK;
}

/* Latches edges, reports changed pins, drives the combined line. */
static void update(gpio_t *g)
{
    uint32_t lvl = pins(g);
    uint32_t changed = lvl ^ g->level;
    uint32_t rising = changed & lvl, falling = changed & ~lvl;
    g->edge_status |= ((rising & g->intpol) | (falling & ~g->intpol)) & g->inttype & g->inten;
    g->level = lvl;
    for (unsigned i = 0; i < GPIO_PINS; i++)
        if (changed & (1u << i))
            observers_pin(g->host.observers, now(g), g->name, i, (g->outen >> i) & 1,
                          (lvl >> i) & 1);
    bool line = intstatus(g) != 0;
    if (line != g->line) {
        g->line = line;
        if (g->irq >= 0)
            g->host.set_irq(g->host.opaque, g->irq, line);
    }
}

void gpio_cmsdk_set_input(void *model, unsigned pin, bool level)
{
    gpio_t *g = model;
    if (pin >= GPIO_PINS)
        return;
    g->input = level ? (g->input | (1u << pin)) : (g->input & ~(1u << pin));
    update(g);
}

static uint32_t gpio_read(void *model, uint32_t offset, unsigned size)
{
    gpio_t *g = model;
    if (offset >= GPIO_MASKLOW && offset < GPIO_MASKHIGH)
        return pins(g) & ((offset >> 2) & 0xFFu);
    if (offset >= GPIO_MASKHIGH && offset < 0xC00)
        return pins(g) & (((offset >> 2) & 0xFFu) << 8);
    if (offset >= GPIO_PID4 && offset <= 0xFFC)
        return gpio_id[(offset - GPIO_PID4) >> 2];
    switch (offset) {
    case GPIO_DATA: return pins(g);
    case GPIO_DATAOUT: return g->dataout;
    case GPIO_OUTENSET: case GPIO_OUTENCLR: return g->outen;
    case GPIO_ALTFUNCSET: case GPIO_ALTFUNCCLR: return g->altfunc;
    case GPIO_INTENSET: case GPIO_INTENCLR: return g->inten;
    case GPIO_INTTYPESET: case GPIO_INTTYPECLR: return g->inttype;
    case GPIO_INTPOLSET: case GPIO_INTPOLCLR: return g->intpol;
    case GPIO_INTSTATUS: return intstatus(g);
    default:
        observers_guest_log(g->host.observers, now(g),
                            "%s: guest error: read of bad offset 0x%03x", g->name, offset);
        return 0;
    }
}

static void gpio_write(void *model, uint32_t offset, unsigned size, uint32_t v)
{
    gpio_t *g = model;
    v &= PIN_MASK;
    if (offset >= GPIO_MASKLOW && offset < GPIO_MASKHIGH) {
        uint32_t m = (offset >> 2) & 0xFFu;
        g->dataout = (g->dataout & ~m) | (v & m);
    } else if (offset >= GPIO_MASKHIGH && offset < 0xC00) {
        uint32_t m = ((offset >> 2) & 0xFFu) << 8;
        g->dataout = (g->dataout & ~m) | (v & m);
    } else {
        switch (offset) {
        case GPIO_DATA: case GPIO_DATAOUT: g->dataout = v; break;
        case GPIO_OUTENSET: g->outen |= v; break;
        case GPIO_OUTENCLR: g->outen &= ~v; break;
        case GPIO_ALTFUNCSET: g->altfunc |= v; break;
        case GPIO_ALTFUNCCLR: g->altfunc &= ~v; break;
        case GPIO_INTENSET: g->inten |= v; break;
        case GPIO_INTENCLR:                    /* disabling drops a latched edge */
            g->inten &= ~v;
            g->edge_status &= ~v;
            break;
        case GPIO_INTTYPESET: g->inttype |= v; break;
        case GPIO_INTTYPECLR: g->inttype &= ~v; break;
        case GPIO_INTPOLSET: g->intpol |= v; break;
        case GPIO_INTPOLCLR: g->intpol &= ~v; break;
        case GPIO_INTCLEAR: g->edge_status &= ~v; break;   /* write 1 to clear */
        default:
            observers_guest_log(g->host.observers, now(g), "%s: guest error: %s offset 0x%03x",
                                g->name, offset >= GPIO_PID4 && offset <= 0xFFC
                                             ? "write to read-only" : "write to bad",
                                offset);
            return;
        }
    }
    update(g);
}

static void gpio_reset(void *model)
{
    gpio_t *g = model;
    g->dataout = g->outen = g->altfunc = g->inten = g->inttype = g->intpol = 0;
    g->edge_status = 0;
    update(g);   /* host inputs stay as driven */
}

static void gpio_destroy(void *model)
{
    free(model);
}

void *gpio_cmsdk_create(const periph_host_t *host, const periph_config_t *cfg)
{
    assert(host && host->now && host->observers && host->set_irq);
    if (!cfg || cfg->size < 0x1000)
        return NULL;
    gpio_t *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->host = *host;
    g->name = cfg->name ? cfg->name : "gpio";
    g->irq = cfg->irq[0];
    gpio_reset(g);
    return g;
}

const periph_ops_t gpio_cmsdk_ops = {
    .name = "cmsdk-ahb-gpio",
    .read = gpio_read,
    .write = gpio_write,
    .reset = gpio_reset,
    .destroy = gpio_destroy,
};
