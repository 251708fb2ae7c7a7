/*
 * led_driver.c - LED capsule (see led_driver.h). It keeps no per-process
 * state, so it has no grant and costs a process nothing.
 */
#include "led_driver.h"

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t index, uint32_t arg1)
{
    led_driver_t *d = ctx;
    hil_led_t *l = d->leds;
    (void)pid;
    (void)arg1;
    if (cmd == 0)
        return ctock_ret_success_u32(l->count);
    if (cmd > 3)
        return ctock_ret_failure(ERR_NOSUPPORT);
    if (index >= l->count)
        return ctock_ret_failure(ERR_INVAL);
    switch (cmd) {
    case 1: l->ops->set(l, index, true); break;
    case 2: l->ops->set(l, index, false); break;
    default: l->ops->set(l, index, !l->ops->get(l, index)); break;
    }
    return ctock_ret_success();
}

void led_driver_init(led_driver_t *d, hil_led_t *leds)
{
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = NULL;   /* no per-process state, no subscribes or allows */
    d->leds = leds;
}
