/*
 * gpio_driver.h - GPIO: processes drive and read general-purpose pins and
 * get interrupts from them (Tock's capsules/core/src/gpio.rs, driver
 * number 0x4).
 *
 * Usage (board):
 *   static hil_gpio_pin_t *pins[16] = { NULL, NULL, pin 2, ... };  (NULL:
 *       a pin that is not a GPIO here, e.g. wired to a button)
 *   gpio_driver_init(&gpio_drv, pins, 16);
 *   { DRIVER_NUM_GPIO, &gpio_drv.driver }   in the driver table
 *
 * Syscall interface (pin = the index in the board's table)
 *   command 0              exists                        Success
 *   command 1 (pin)        enable output                 Success | INVAL (pin >= count)
 *   command 2 (pin)        set (high)                    | NODEVICE (not a GPIO)
 *   command 3 (pin)        clear (low)                   (the same for 1-9)
 *   command 4 (pin)        toggle
 *   command 5 (pin, pull)  enable input; pull 0 none,    NOSUPPORT (other pull)
 *                          1 up, 2 down
 *   command 6 (pin)        read                          Success u32 (0/1)
 *   command 7 (pin, edge)  interrupt on 0 either edge,   NOSUPPORT (other edge)
 *                          1 rising, 2 falling
 *   command 8 (pin)        disable interrupt and pin
 *   command 9 (pin)        disable pin
 *   command 10             number of pins                Success u32
 *   other                                                NOSUPPORT
 *   subscribe 0            interrupt: (pin, level, 0), to every process
 *                          that subscribed
 *   No allows.
 *
 * Pins are shared by all processes (as on Tock: no per-process
 * ownership). Per process: a grant with the upcall slot (16 bytes).
 */
#ifndef CTOCK_GPIO_DRIVER_H
#define CTOCK_GPIO_DRIVER_H

#include "ctock/capsule.h"
#include "ctock/hil/gpio.h"

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;
    hil_gpio_pin_t *const *pins;
    unsigned count;
} gpio_driver_t;

void gpio_driver_init(gpio_driver_t *d, hil_gpio_pin_t *const *pins, unsigned count);

#endif
