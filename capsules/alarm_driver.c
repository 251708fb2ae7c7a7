/*
 * alarm_driver.c - Alarm capsule (see alarm_driver.h).
 *
 * Per-process alarms live in the alarm's grant; grant_each visits only
 * the processes that ever used the alarm. Cost: O(those processes) per
 * command and per expiry.
 */
#include "alarm_driver.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_FIRED = 0 };

typedef struct {
    uint32_t now;
    bool any;
    uint32_t best_left, reference, dt;
} scan_t;

/* Fires an expired alarm; otherwise remembers the earliest one. */
static void scan_cb(void *data, ctock_pid_t pid, void *ctx)
{
    alarm_app_t *a = data;
    scan_t *s = ctx;
    if (!a->armed)
        return;
    if (!hil_time_within(s->now, a->reference, a->dt)) {
        a->armed = false;
        ctock_upcall_schedule(pid, DRIVER_NUM_ALARM, UPCALL_FIRED, s->now, a->reference + a->dt, 0);
        return;
    }
    uint32_t left = a->reference + a->dt - s->now;
    if (!s->any || left < s->best_left) {
        s->any = true;
        s->best_left = left;
        s->reference = a->reference;
        s->dt = a->dt;
    }
}

/* Fires every expired process alarm, then arms for the earliest left. */
static void rearm_or_fire(alarm_driver_t *d)
{
    scan_t s = { .now = hil_alarm_now(d->alarm) };
    grant_each(&d->grant, scan_cb, &s);
    if (s.any)
        d->alarm->ops->set_alarm(d->alarm, s.reference, s.dt);
    else
        d->alarm->ops->disarm(d->alarm);
}

static void fired(void *ctx)
{
    rearm_or_fire(ctx);
}

typedef struct {
    uint32_t cmd, reference, dt;
    ctock_ret_t ret;
} cmd_t;

static void cmd_cb(void *data, ctock_pid_t pid, void *ctx)
{
    alarm_app_t *a = data;
    cmd_t *c = ctx;
    (void)pid;
    if (c->cmd == 3) {
        c->ret = a->armed ? ctock_ret_success() : ctock_ret_failure(ERR_ALREADY);
        a->armed = false;
        return;
    }
    a->reference = c->reference;
    a->dt = c->dt;
    a->armed = true;
    c->ret = ctock_ret_success_u32(c->reference + c->dt);
}

/* Commands 3, 5, 6: change this process's alarm in its grant, then
 * re-arm for the earliest of all. */
static ctock_ret_t change(alarm_driver_t *d, ctock_pid_t pid, uint32_t cmd, uint32_t reference,
                          uint32_t dt)
{
    cmd_t c = { cmd, reference, dt, ctock_ret_success() };
    ctock_err_t e = grant_enter(&d->grant, pid, cmd_cb, &c);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    rearm_or_fire(d);
    return c.ret;
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
    alarm_driver_t *d = ctx;
    switch (cmd) {
    case 0: return ctock_ret_success();
    case 1: return ctock_ret_success_u32(d->alarm->frequency_hz);
    case 2: return ctock_ret_success_u32(hil_alarm_now(d->alarm));
    case 3: return change(d, pid, 3, 0, 0);
    case 5: return change(d, pid, 5, hil_alarm_now(d->alarm), arg0);
    case 6: return change(d, pid, 6, arg0, arg1);
    default: return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void alarm_driver_init(alarm_driver_t *d, hil_alarm_t *alarm)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, sizeof(alarm_app_t), 1, 0, 0);
    d->alarm = alarm;
    alarm->fired = fired;
    alarm->client_ctx = d;
}
