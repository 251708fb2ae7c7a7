/*
 * led.h - the FPGAIO LED register (2 user LEDs) implementing hil/led.h.
 */
#ifndef CTOCK_MPS2_LED_H
#define CTOCK_MPS2_LED_H

#include <stdint.h>

#include "ctock/hil/led.h"

typedef struct {
    hil_led_t hil;    /* first: the HIL view */
    uint32_t base;
} fpgaio_leds_t;

void fpgaio_leds_init(fpgaio_leds_t *l, uint32_t fpgaio_base);

#endif
