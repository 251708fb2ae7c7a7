/*
 * button_driver.h - Buttons: processes read the board's buttons and get
 * an upcall on each press and release (Tock's capsules/core/src/button.rs,
 * driver number 0x3).
 *
 * Usage (board):
 *   static hil_gpio_pin_t *buttons[2] = { pin 0, pin 1 };   (active high)
 *   button_driver_init(&button_drv, buttons, 2);
 *   { DRIVER_NUM_BUTTON, &button_drv.driver }   in the driver table
 *
 * Syscall interface
 *   command 0              number of buttons (also        Success u32
 *                          "exists"; Tock's too)
 *   command 1 (i)          interrupts from button i on     Success | INVAL (i >= count)
 *                          for this process (press and     | NOMEM (no room for the grant)
 *                          release)
 *   command 2 (i)          ... off for this process        Success | INVAL
 *   command 3 (i)          read: 1 pressed, 0 not          Success u32 | INVAL
 *   other                                                  NOSUPPORT
 *   subscribe 0            (button index, 1 pressed / 0 released, 0), to
 *                          each process that turned that button's
 *                          interrupts on
 *   No allows.
 *
 * The pin's interrupt stays on while any process wants the button; it is
 * turned off lazily when an edge finds nobody (a process that exited).
 * No debouncing (the simulated buttons do not bounce). Per process: a
 * grant of 8 bytes of state + the upcall slot (24 bytes).
 */
#ifndef CTOCK_BUTTON_DRIVER_H
#define CTOCK_BUTTON_DRIVER_H

#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/gpio.h"

/* Per process, in the grant. */
typedef struct {
    uint32_t subscribed;   /* bit i: interrupts from button i */
} button_app_t;

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;
    hil_gpio_pin_t *const *pins;
    unsigned count;
} button_driver_t;

void button_driver_init(button_driver_t *d, hil_gpio_pin_t *const *pins, unsigned count);

#endif
