/*
 * led_driver.h - LED: processes switch the board's LEDs (Tock's
 * capsules/core/src/led.rs, driver number 0x2).
 *
 * Usage (board):
 *   led_driver_init(&led_drv, &leds.hil);
 *   { DRIVER_NUM_LED, &led_drv.driver }   in the driver table
 *
 * Syscall interface
 *   command 0              number of LEDs (also "exists")   Success u32
 *   command 1 (index)      turn LED on                      Success | INVAL (bad index)
 *   command 2 (index)      turn LED off                     Success | INVAL
 *   command 3 (index)      toggle LED                       Success | INVAL
 *   other                                                   NOSUPPORT
 *   No subscribes, no allows.
 */
#ifndef CTOCK_LED_DRIVER_H
#define CTOCK_LED_DRIVER_H

#include "ctock/capsule.h"
#include "ctock/hil/led.h"

typedef struct {
    ctock_driver_t driver;
    hil_led_t *leds;
} led_driver_t;

void led_driver_init(led_driver_t *d, hil_led_t *leds);

#endif
