/* alarm.h: the alarm driver (Tock driver 0): a wrapping tick counter and
 * one one-shot alarm per process.
 *
 * Syscall interface (Tock's capsules/core/src/alarm.rs):
 *   command 0                  exists
 *   command 1                  frequency in Hz (Success with u32)
 *   command 2                  current ticks (Success with u32)
 *   command 3                  stop the alarm
 *   command 5 (dt)             alarm at now + dt (Success with u32: expiry)
 *   command 6 (reference, dt)  alarm at reference + dt; fires at once if
 *                              that is already past (Success with u32)
 *   subscribe 0                alarm fired: (now, expiry, 0)
 *
 * Setting an alarm replaces the pending one (the library does not multiplex
 * alarms); a blocking wait called from an upcall while another blocking
 * wait is in progress returns TOCK_EBUSY. Tick arithmetic wraps at 2^32:
 * keep every dt below 2^31 ticks and take references from the recent past.
 *
 * Drift-free periodic work uses alarm_schedule_t: deadlines are computed as
 * t0 + k * period from one reference t0 taken once, never from "now", so
 * latency in handling one deadline does not delay the next.
 */
#ifndef CTOCK_ALARM_H
#define CTOCK_ALARM_H

#include <stdint.h>

#include "tock.h"

#define ALARM_DRIVER 0u

/* Counter frequency in Hz (cached after the first call). */
int alarm_frequency(uint32_t *hz);

/* Current counter value. */
int alarm_now(uint32_t *ticks);

/* Cancel the pending alarm, if any. */
int alarm_stop(void);

/* ms -> ticks (rounded down) and back, using the counter frequency. */
uint32_t alarm_ms_to_ticks(uint32_t ms);
uint32_t alarm_ticks_to_ms(uint32_t ticks);

/* Async: fired(now, expiry, 0, userdata) runs in a later yield. */
int alarm_set_relative_async(uint32_t dt, tock_upcall_fn_t *fired, void *userdata);
int alarm_set_absolute_async(uint32_t reference, uint32_t dt, tock_upcall_fn_t *fired,
                             void *userdata);

/* Blocking: return once the counter reached reference + dt / now + ms. */
int alarm_wait_until(uint32_t reference, uint32_t dt);
int alarm_delay_ms(uint32_t ms);

/* An absolute periodic schedule: deadline k is t0 + k * period_ms. */
typedef struct {
    uint32_t base;      /* ticks: t0, moved forward one second at a time */
    uint32_t ms;        /* ms from base to the last deadline (< 1000 after use) */
    uint32_t period_ms;
} alarm_schedule_t;

/* t0 = now; the first deadline is t0 + period_ms. */
int alarm_schedule_start(alarm_schedule_t *s, uint32_t period_ms);

/* Arm the alarm for the next deadline (async) / wait for it (blocking).
 * A late caller gets the upcall at once; deadlines are never skipped. */
int alarm_schedule_next_async(alarm_schedule_t *s, tock_upcall_fn_t *fired, void *userdata);
int alarm_schedule_wait(alarm_schedule_t *s);

#endif /* CTOCK_ALARM_H */
