/*
 * gpio.c - CMSDK AHB GPIO driver (ARM DDI 0479; register table in
 * peripherals/gpio_cmsdk.h and docs/board.md). Pins are set and cleared
 * through the masked-access areas, so one pin's write never disturbs
 * another's (no read-modify-write of DATAOUT). Interrupts are edge
 * interrupts; "both edges", which the CMSDK GPIO cannot do, flips the
 * polarity after each edge to the opposite of the pin's new level.
 * Pull resistors: none on this port (make_input ignores `pull`).
 */
#include "gpio.h"

#include <stddef.h>

#define DATA 0x000u
#define OUTENSET 0x010u
#define OUTENCLR 0x014u
#define INTENSET 0x020u
#define INTENCLR 0x024u
#define INTTYPESET 0x028u
#define INTPOLSET 0x030u
#define INTPOLCLR 0x034u
#define INTSTATUS 0x038u
#define INTCLEAR 0x038u
#define MASKLOW 0x400u
#define MASKHIGH 0x800u

static volatile uint32_t *reg(const cmsdk_gpio_t *g, uint32_t off)
{
    return (volatile uint32_t *)(g->base + off);
}

static cmsdk_gpio_pin_t *pin_of(hil_gpio_pin_t *h) { return (cmsdk_gpio_pin_t *)h; }
static uint32_t bit(const cmsdk_gpio_pin_t *p) { return 1u << p->index; }

/* The masked-access word that reaches exactly this pin. */
static volatile uint32_t *masked(const cmsdk_gpio_pin_t *p)
{
    if (p->index < 8)
        return reg(p->port, MASKLOW + (bit(p) << 2));
    return reg(p->port, MASKHIGH + ((bit(p) >> 8) << 2));
}

static void make_output(hil_gpio_pin_t *h)
{
    *reg(pin_of(h)->port, OUTENSET) = bit(pin_of(h));
}

static void make_input(hil_gpio_pin_t *h, hil_gpio_pull_t pull)
{
    (void)pull;
    *reg(pin_of(h)->port, OUTENCLR) = bit(pin_of(h));
}

static void set(hil_gpio_pin_t *h, bool level)
{
    *masked(pin_of(h)) = level ? bit(pin_of(h)) : 0;
}

static bool read(hil_gpio_pin_t *h)
{
    return (*reg(pin_of(h)->port, DATA) & bit(pin_of(h))) != 0;
}

static bool toggle(hil_gpio_pin_t *h)
{
    bool level = !(*masked(pin_of(h)) & bit(pin_of(h)));
    set(h, level);
    return level;
}

/* Polarity for the next edge: rising, falling, or (both) away from now. */
static void arm_polarity(cmsdk_gpio_pin_t *p)
{
    bool rising = p->edge == HIL_GPIO_EDGE_RISING ||
                  (p->edge == HIL_GPIO_EDGE_BOTH && !read(&p->hil));
    *reg(p->port, rising ? INTPOLSET : INTPOLCLR) = bit(p);
}

static void enable_interrupt(hil_gpio_pin_t *h, hil_gpio_edge_t edge)
{
    cmsdk_gpio_pin_t *p = pin_of(h);
    *reg(p->port, INTENCLR) = bit(p);
    p->edge = (uint8_t)edge;
    p->irq_on = true;
    *reg(p->port, INTTYPESET) = bit(p);
    arm_polarity(p);
    *reg(p->port, INTCLEAR) = bit(p);
    *reg(p->port, INTENSET) = bit(p);
}

static void disable_interrupt(hil_gpio_pin_t *h)
{
    cmsdk_gpio_pin_t *p = pin_of(h);
    p->irq_on = false;
    *reg(p->port, INTENCLR) = bit(p);
    *reg(p->port, INTCLEAR) = bit(p);
}

static void disable(hil_gpio_pin_t *h)
{
    disable_interrupt(h);
    make_input(h, HIL_GPIO_PULL_NONE);
}

static const hil_gpio_ops_t ops = {
    make_output, make_input, disable, set, toggle, read, enable_interrupt, disable_interrupt,
};

void cmsdk_gpio_irq(void *ctx)
{
    cmsdk_gpio_t *g = ctx;
    uint32_t status = *reg(g, INTSTATUS);
    for (unsigned i = 0; i < CMSDK_GPIO_PINS; i++) {
        cmsdk_gpio_pin_t *p = &g->pins[i];
        if (!(status & bit(p)))
            continue;
        *reg(g, INTCLEAR) = bit(p);
        bool level = read(&p->hil);
        if (p->edge == HIL_GPIO_EDGE_BOTH) {
            arm_polarity(p);
            /* An edge between the read and the new polarity would be
             * lost: if the level moved meanwhile, report it too. */
            if (read(&p->hil) != level) {
                if (p->hil.fired)
                    p->hil.fired(p->hil.client_ctx, &p->hil, level);
                level = !level;
                arm_polarity(p);
            }
        }
        if (p->irq_on && p->hil.fired)
            p->hil.fired(p->hil.client_ctx, &p->hil, level);
    }
}

void cmsdk_gpio_init(cmsdk_gpio_t *g, uint32_t base)
{
    g->base = base;
    *reg(g, INTENCLR) = 0xFFFFu;
    *reg(g, INTCLEAR) = 0xFFFFu;
    for (unsigned i = 0; i < CMSDK_GPIO_PINS; i++) {
        cmsdk_gpio_pin_t *p = &g->pins[i];
        p->hil.ops = &ops;
        p->hil.fired = NULL;
        p->hil.client_ctx = NULL;
        p->hil.client_tag = 0;
        p->port = g;
        p->index = (uint8_t)i;
        p->edge = HIL_GPIO_EDGE_BOTH;
        p->irq_on = false;
    }
}
