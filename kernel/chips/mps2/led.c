/*
 * led.c - MPS2 FPGAIO LEDs: register FPGAIO+0x00, bit n = LED n (n = 0, 1),
 * 1 = on. Not modelled: the board's other FPGAIO registers (buttons, misc).
 */
#include "led.h"

#define LED_COUNT 2

static volatile uint32_t *led_reg(hil_led_t *h)
{
    return (volatile uint32_t *)((fpgaio_leds_t *)h)->base;
}

static void set(hil_led_t *h, unsigned index, bool on)
{
    if (index >= LED_COUNT)
        return;
    uint32_t v = *led_reg(h);
    v = on ? (v | (1u << index)) : (v & ~(1u << index));
    *led_reg(h) = v & 3u;
}

static bool get(hil_led_t *h, unsigned index)
{
    return index < LED_COUNT && (*led_reg(h) & (1u << index));
}

static const hil_led_ops_t ops = { set, get };

void fpgaio_leds_init(fpgaio_leds_t *l, uint32_t fpgaio_base)
{
    l->hil.ops = &ops;
    l->hil.count = LED_COUNT;
    l->base = fpgaio_base;
    *led_reg(&l->hil) = 0;
}
