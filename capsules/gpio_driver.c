/*
 * gpio_driver.c - GPIO capsule (see gpio_driver.h). An interrupt goes to
 * every process that has the grant (subscribed or not: the kernel drops
 * upcalls nobody subscribed).
 */
#include "gpio_driver.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_INTERRUPT = 0 };

typedef struct {
    uint32_t pin;
    bool level;
} fired_t;

static void notify_cb(void *data, ctock_pid_t pid, void *ctx)
{
    const fired_t *f = ctx;
    ctock_upcall_schedule(pid, DRIVER_NUM_GPIO, UPCALL_INTERRUPT, f->pin, f->level, 0);
}

static void fired(void *ctx, hil_gpio_pin_t *p, bool level)
{
    gpio_driver_t *d = ctx;
    fired_t f = { p->client_tag, level };
    grant_each(&d->grant, notify_cb, &f);
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t index, uint32_t arg)
{
    gpio_driver_t *d = ctx;
    if (cmd == 0)
        return ctock_ret_success();
    if (cmd == 10)
        return ctock_ret_success_u32(d->count);
    if (cmd > 10)
        return ctock_ret_failure(ERR_NOSUPPORT);
    if (index >= d->count)
        return ctock_ret_failure(ERR_INVAL);
    hil_gpio_pin_t *p = d->pins[index];
    if (!p)
        return ctock_ret_failure(ERR_NODEVICE);
    switch (cmd) {
    case 1: p->ops->make_output(p); break;
    case 2: p->ops->set(p, true); break;
    case 3: p->ops->set(p, false); break;
    case 4: p->ops->toggle(p); break;
    case 5:
        if (arg > HIL_GPIO_PULL_DOWN)
            return ctock_ret_failure(ERR_NOSUPPORT);
        p->ops->make_input(p, (hil_gpio_pull_t)arg);
        break;
    case 6: return ctock_ret_success_u32(p->ops->read(p));
    case 7:
        if (arg > HIL_GPIO_EDGE_FALLING)
            return ctock_ret_failure(ERR_NOSUPPORT);
        p->ops->enable_interrupt(p, (hil_gpio_edge_t)arg);
        break;
    case 8:
    case 9: p->ops->disable(p); break;   /* 8: interrupts and pin, 9: pin (its interrupts too) */
    }
    return ctock_ret_success();
}

void gpio_driver_init(gpio_driver_t *d, hil_gpio_pin_t *const *pins, unsigned count)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, 0, 1, 0, 0);
    d->pins = pins;
    d->count = count;
    for (unsigned i = 0; i < count; i++)
        if (pins[i])
            hil_gpio_set_client(pins[i], fired, d, i);
}
