/*
 * button_driver.c - Button capsule (see button_driver.h). Which process
 * wants which button is a bit map in its grant; an edge visits the
 * processes with the grant (O(those processes)).
 */
#include "button_driver.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_BUTTON = 0 };

typedef struct {
    uint32_t index;
    bool level;
    unsigned wanted;     /* processes that want the button */
    bool on;             /* command 1: on, 2: off */
} visit_t;

static void fired_cb(void *data, ctock_pid_t pid, void *ctx)
{
    const button_app_t *a = data;
    visit_t *v = ctx;
    if (!(a->subscribed & (1u << v->index)))
        return;
    v->wanted++;
    ctock_upcall_schedule(pid, DRIVER_NUM_BUTTON, UPCALL_BUTTON, v->index, v->level, 0);
}

static void fired(void *ctx, hil_gpio_pin_t *p, bool level)
{
    button_driver_t *d = ctx;
    visit_t v = { p->client_tag, level, 0, false };
    grant_each(&d->grant, fired_cb, &v);
    if (v.wanted == 0)
        p->ops->disable_interrupt(p);   /* lazily: whoever wanted it is gone */
}

static void set_cb(void *data, ctock_pid_t pid, void *ctx)
{
    button_app_t *a = data;
    const visit_t *v = ctx;
    if (v->on)
        a->subscribed |= 1u << v->index;
    else
        a->subscribed &= ~(1u << v->index);
}

static void count_cb(void *data, ctock_pid_t pid, void *ctx)
{
    const button_app_t *a = data;
    visit_t *v = ctx;
    if (a->subscribed & (1u << v->index))
        v->wanted++;
}

static ctock_ret_t set_interrupt(button_driver_t *d, ctock_pid_t pid, uint32_t i, bool on)
{
    visit_t v = { i, false, 0, on };
    ctock_err_t e = grant_enter(&d->grant, pid, set_cb, &v);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    hil_gpio_pin_t *p = d->pins[i];
    if (on) {
        p->ops->enable_interrupt(p, HIL_GPIO_EDGE_BOTH);
    } else {
        grant_each(&d->grant, count_cb, &v);
        if (v.wanted == 0)
            p->ops->disable_interrupt(p);
    }
    return ctock_ret_success();
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t i, uint32_t arg1)
{
    button_driver_t *d = ctx;
    if (cmd == 0)
        return ctock_ret_success_u32(d->count);
    if (cmd > 3)
        return ctock_ret_failure(ERR_NOSUPPORT);
    if (i >= d->count)
        return ctock_ret_failure(ERR_INVAL);
    switch (cmd) {
    case 1: return set_interrupt(d, pid, i, true);
    case 2: return set_interrupt(d, pid, i, false);
    default: return ctock_ret_success_u32(d->pins[i]->ops->read(d->pins[i]));
    }
}

void button_driver_init(button_driver_t *d, hil_gpio_pin_t *const *pins, unsigned count)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, sizeof(button_app_t), 1, 0, 0);
    d->pins = pins;
    d->count = count;
    for (unsigned i = 0; i < count; i++) {
        pins[i]->ops->make_input(pins[i], HIL_GPIO_PULL_NONE);
        hil_gpio_set_client(pins[i], fired, d, i);
    }
}
