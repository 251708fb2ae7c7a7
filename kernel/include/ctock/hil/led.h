/*
 * hil/led.h - hardware interface for a bank of on/off LEDs.
 * Not modelled: brightness, active-low wiring (the chip driver hides it).
 */
#ifndef CTOCK_HIL_LED_H
#define CTOCK_HIL_LED_H

#include <stdbool.h>

typedef struct hil_led hil_led_t;

typedef struct {
    void (*set)(hil_led_t *l, unsigned index, bool on);
    bool (*get)(hil_led_t *l, unsigned index);
} hil_led_ops_t;

struct hil_led {
    const hil_led_ops_t *ops;
    unsigned count;
};

#endif
