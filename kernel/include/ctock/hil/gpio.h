/*
 * hil/gpio.h - hardware interface for one GPIO pin with interrupts (Tock's
 * hil::gpio Pin + InterruptPin, per pin, so a button capsule and the GPIO
 * capsule can own different pins of one port).
 *
 * The chip driver owns the pins; a capsule takes a pointer to each pin it
 * serves and sets itself as the pin's client. `fired` runs from the kernel
 * loop (an interrupt bottom half), never from an ISR.
 * Not modelled: drive strength, open drain, pull resistors on chips that
 * have none (make_input's pull may be ignored: the chip driver says so).
 */
#ifndef CTOCK_HIL_GPIO_H
#define CTOCK_HIL_GPIO_H

#include <stdbool.h>
#include <stdint.h>

typedef struct hil_gpio_pin hil_gpio_pin_t;

typedef enum { HIL_GPIO_PULL_NONE = 0, HIL_GPIO_PULL_UP = 1, HIL_GPIO_PULL_DOWN = 2 } hil_gpio_pull_t;
typedef enum { HIL_GPIO_EDGE_BOTH = 0, HIL_GPIO_EDGE_RISING = 1, HIL_GPIO_EDGE_FALLING = 2 } hil_gpio_edge_t;

typedef struct {
    void (*make_output)(hil_gpio_pin_t *p);
    void (*make_input)(hil_gpio_pin_t *p, hil_gpio_pull_t pull);
    /* Output off, interrupts off (Tock's deactivate_to_low_power). */
    void (*disable)(hil_gpio_pin_t *p);
    void (*set)(hil_gpio_pin_t *p, bool level);
    bool (*toggle)(hil_gpio_pin_t *p);   /* returns the new level */
    bool (*read)(hil_gpio_pin_t *p);
    void (*enable_interrupt)(hil_gpio_pin_t *p, hil_gpio_edge_t edge);
    void (*disable_interrupt)(hil_gpio_pin_t *p);
} hil_gpio_ops_t;

struct hil_gpio_pin {
    const hil_gpio_ops_t *ops;
    /* An enabled edge happened; `level` is the pin's level after it. */
    void (*fired)(void *ctx, hil_gpio_pin_t *p, bool level);
    void *client_ctx;
    uint32_t client_tag;   /* the client's number for this pin */
};

static inline void hil_gpio_set_client(hil_gpio_pin_t *p,
                                       void (*fired)(void *, hil_gpio_pin_t *, bool),
                                       void *ctx, uint32_t tag)
{
    p->fired = fired;
    p->client_ctx = ctx;
    p->client_tag = tag;
}

#endif
