/* alarm.c: alarm driver wrappers, the blocking waits and the absolute
 * periodic schedule. */
#include "alarm.h"

enum {
    CMD_FREQUENCY = 1,
    CMD_READ = 2,
    CMD_STOP = 3,
    CMD_SET_RELATIVE = 5,
    CMD_SET_ABSOLUTE = 6,
    UPCALL_FIRED = 0,
};

static uint32_t cached_hz;

int alarm_frequency(uint32_t *hz)
{
    if (cached_hz == 0) {
        uint32_t f = 0;
        int st = tock_status_u32(tock_command(ALARM_DRIVER, CMD_FREQUENCY, 0, 0), &f);
        if (st != TOCK_OK)
            return st;
        if (f == 0)
            return TOCK_EBADRVAL;
        cached_hz = f;
    }
    *hz = cached_hz;
    return TOCK_OK;
}

int alarm_now(uint32_t *ticks)
{
    return tock_status_u32(tock_command(ALARM_DRIVER, CMD_READ, 0, 0), ticks);
}

int alarm_stop(void)
{
    return tock_status(tock_command(ALARM_DRIVER, CMD_STOP, 0, 0));
}

uint32_t alarm_ms_to_ticks(uint32_t ms)
{
    uint32_t hz = 0;
    if (alarm_frequency(&hz) != TOCK_OK)
        return 0;
    return (uint32_t)(((uint64_t)ms * hz) / 1000u);
}

uint32_t alarm_ticks_to_ms(uint32_t ticks)
{
    uint32_t hz = 0;
    if (alarm_frequency(&hz) != TOCK_OK)
        return 0;
    return (uint32_t)(((uint64_t)ticks * 1000u) / hz);
}

int alarm_set_relative_async(uint32_t dt, tock_upcall_fn_t *fired, void *userdata)
{
    int st = tock_subscribe(ALARM_DRIVER, UPCALL_FIRED, fired, userdata);
    if (st == TOCK_OK)
        st = tock_status(tock_command(ALARM_DRIVER, CMD_SET_RELATIVE, dt, 0));
    return st;
}

int alarm_set_absolute_async(uint32_t reference, uint32_t dt, tock_upcall_fn_t *fired,
                             void *userdata)
{
    int st = tock_subscribe(ALARM_DRIVER, UPCALL_FIRED, fired, userdata);
    if (st == TOCK_OK)
        st = tock_status(tock_command(ALARM_DRIVER, CMD_SET_ABSOLUTE, reference, dt));
    return st;
}

static void set_flag(int now, int expiry, int unused, void *ud)
{
    *(volatile bool *)ud = true;
}

/* The driver has one alarm per process: a blocking wait entered from an
 * upcall during another one would cancel it, and the outer wait would
 * never end. Refuse instead. */
static bool waiting;

static int wait_fired(volatile bool *fired)
{
    tock_yield_for(fired);
    waiting = false;
    return TOCK_OK;
}

int alarm_wait_until(uint32_t reference, uint32_t dt)
{
    volatile bool fired = false;
    if (waiting)
        return TOCK_EBUSY;
    int st = alarm_set_absolute_async(reference, dt, set_flag, (void *)&fired);
    if (st != TOCK_OK)
        return st;
    waiting = true;
    return wait_fired(&fired);
}

int alarm_delay_ms(uint32_t ms)
{
    volatile bool fired = false;
    if (waiting)
        return TOCK_EBUSY;
    int st = alarm_set_relative_async(alarm_ms_to_ticks(ms), set_flag, (void *)&fired);
    if (st != TOCK_OK)
        return st;
    waiting = true;
    return wait_fired(&fired);
}

int alarm_schedule_start(alarm_schedule_t *s, uint32_t period_ms)
{
    s->ms = 0;
    s->period_ms = period_ms;
    return alarm_now(&s->base);
}

/* Deadline k is base + ticks(ms): ticks(ms) is computed exactly from ms, so
 * rounding never accumulates. Whole seconds are folded into base (exactly
 * hz ticks each) to keep ms small and the arithmetic in range forever. */
int alarm_schedule_next_async(alarm_schedule_t *s, tock_upcall_fn_t *fired, void *userdata)
{
    uint32_t hz = 0;
    int st = alarm_frequency(&hz);
    if (st != TOCK_OK)
        return st;
    while (s->ms >= 1000u) {
        s->base += hz;
        s->ms -= 1000u;
    }
    uint32_t prev = s->base + (uint32_t)(((uint64_t)s->ms * hz) / 1000u);
    s->ms += s->period_ms;
    uint32_t next = s->base + (uint32_t)(((uint64_t)s->ms * hz) / 1000u);
    /* Reference = the previous deadline (recent past), dt = one period. */
    return alarm_set_absolute_async(prev, next - prev, fired, userdata);
}

int alarm_schedule_wait(alarm_schedule_t *s)
{
    volatile bool fired = false;
    if (waiting)
        return TOCK_EBUSY;
    int st = alarm_schedule_next_async(s, set_flag, (void *)&fired);
    if (st != TOCK_OK)
        return st;
    waiting = true;
    return wait_fired(&fired);
}
