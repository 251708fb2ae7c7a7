/*
 * alarm_driver.c - Alarm capsule (see alarm_driver.h).
 */
#include "alarm_driver.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_FIRED = 0 };

/* Fires every expired process alarm, then arms for the earliest left. */
static void rearm_or_fire(alarm_driver_t *d)
{
    uint32_t now = hil_alarm_now(d->alarm);
    alarm_app_t *best = NULL;
    uint32_t best_left = 0;
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++) {
        alarm_app_t *a = &d->apps[i];
        if (!a->armed)
            continue;
        if (!ctock_pid_alive(a->pid)) {
            a->armed = false;
            continue;
        }
        if (!hil_time_within(now, a->reference, a->dt)) {
            a->armed = false;
            ctock_upcall_schedule(a->pid, DRIVER_NUM_ALARM, UPCALL_FIRED, now,
                                  a->reference + a->dt, 0);
            continue;
        }
        uint32_t left = a->reference + a->dt - now;
        if (best == NULL || left < best_left) {
            best = a;
            best_left = left;
        }
    }
    if (best)
        d->alarm->ops->set_alarm(d->alarm, best->reference, best->dt);
    else
        d->alarm->ops->disarm(d->alarm);
}

static void fired(void *ctx)
{
    rearm_or_fire(ctx);
}

static alarm_app_t *app_for(alarm_driver_t *d, ctock_pid_t pid)
{
    alarm_app_t *a = &d->apps[ctock_pid_index(pid)];
    if (a->pid != pid) {
        memset(a, 0, sizeof(*a));
        a->pid = pid;
    }
    return a;
}

static ctock_ret_t set(alarm_driver_t *d, alarm_app_t *a, uint32_t reference, uint32_t dt)
{
    a->reference = reference;
    a->dt = dt;
    a->armed = true;
    rearm_or_fire(d);
    return ctock_ret_success_u32(reference + dt);
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
    alarm_driver_t *d = ctx;
    alarm_app_t *a = app_for(d, pid);
    switch (cmd) {
    case 0: return ctock_ret_success();
    case 1: return ctock_ret_success_u32(d->alarm->frequency_hz);
    case 2: return ctock_ret_success_u32(hil_alarm_now(d->alarm));
    case 3:
        if (!a->armed)
            return ctock_ret_failure(ERR_ALREADY);
        a->armed = false;
        rearm_or_fire(d);
        return ctock_ret_success();
    case 5: return set(d, a, hil_alarm_now(d->alarm), arg0);
    case 6: return set(d, a, arg0, arg1);
    default: return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void alarm_driver_init(alarm_driver_t *d, hil_alarm_t *alarm)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.num_upcalls = 1;
    d->alarm = alarm;
    alarm->fired = fired;
    alarm->client_ctx = d;
}
