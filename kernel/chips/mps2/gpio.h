/*
 * gpio.h - CMSDK AHB GPIO port (16 pins, combined interrupt) implementing
 * hil/gpio.h per pin. sim board only: QEMU's AN386 leaves the GPIOs
 * unimplemented.
 */
#ifndef CTOCK_MPS2_GPIO_H
#define CTOCK_MPS2_GPIO_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/hil/gpio.h"

#define CMSDK_GPIO_PINS 16

struct cmsdk_gpio;

typedef struct {
    hil_gpio_pin_t hil;      /* first: the HIL view */
    struct cmsdk_gpio *port;
    uint8_t index;
    uint8_t edge;            /* hil_gpio_edge_t while enabled */
    bool irq_on;
} cmsdk_gpio_pin_t;

typedef struct cmsdk_gpio {
    uint32_t base;
    cmsdk_gpio_pin_t pins[CMSDK_GPIO_PINS];
} cmsdk_gpio_t;

void cmsdk_gpio_init(cmsdk_gpio_t *g, uint32_t base);
/* Pin n's HIL view. */
static inline hil_gpio_pin_t *cmsdk_gpio_pin(cmsdk_gpio_t *g, unsigned n)
{
    return &g->pins[n].hil;
}
/* Interrupt bottom half for the port's combined line. */
void cmsdk_gpio_irq(void *ctx);

#endif
