/* gpio.h: the GPIO driver (Tock driver 4). All calls are synchronous; pin
 * interrupts arrive as upcalls.
 *
 * Syscall interface (Tock's capsules/core/src/gpio.rs):
 *   command 0              exists
 *   command 1 (pin)        enable output       command 6 (pin)        read
 *   command 2 (pin)        set                 command 7 (pin, edge)  interrupt
 *   command 3 (pin)        clear               command 8 (pin)        interrupt off
 *   command 4 (pin)        toggle              command 9 (pin)        disable pin
 *   command 5 (pin, pull)  enable input        command 10             pin count
 *   subscribe 0            (pin, level, 0)
 * EINVAL: pin >= count; ENODEVICE: the pin is not a GPIO on this board
 * (ctock-sim: pins 0 and 1 are the buttons); ENOSUPPORT: bad pull / edge.
 */
#ifndef CTOCK_GPIO_H
#define CTOCK_GPIO_H

#include "tock.h"

#define GPIO_DRIVER 4u

typedef enum { GPIO_PULL_NONE = 0, GPIO_PULL_UP = 1, GPIO_PULL_DOWN = 2 } gpio_pull_t;
typedef enum { GPIO_EDGE_BOTH = 0, GPIO_EDGE_RISING = 1, GPIO_EDGE_FALLING = 2 } gpio_edge_t;

/* Number of pins, or a negative error code. */
int gpio_count(void);
int gpio_enable_output(int pin);
int gpio_set(int pin);
int gpio_clear(int pin);
int gpio_toggle(int pin);
int gpio_enable_input(int pin, gpio_pull_t pull);
/* 0 / 1, or a negative error code. */
int gpio_read(int pin);
int gpio_enable_interrupt(int pin, gpio_edge_t edge);
int gpio_disable_interrupt(int pin);
int gpio_disable(int pin);
/* Async: fn(pin, level, 0, userdata) for every enabled pin interrupt. */
int gpio_subscribe(tock_upcall_fn_t *fn, void *userdata);
/* Blocking: enables `edge` interrupts on `pin`, waits for one and returns
 * the pin's level after it (0 / 1), or a negative error code. Replaces any
 * gpio_subscribe callback. */
int gpio_wait_for(int pin, gpio_edge_t edge);

#endif /* CTOCK_GPIO_H */
