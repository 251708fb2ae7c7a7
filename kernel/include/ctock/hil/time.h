/*
 * hil/time.h - hardware interface for a 32-bit free-running time base with
 * one compare alarm (Tock's hil::time::Alarm with 32-bit ticks).
 *
 * Time is a uint32_t tick count that wraps; an alarm is (reference, dt): it
 * fires once "now" has moved at least dt ticks past reference, which stays
 * correct across wraparound as long as dt < 2^31. If the expiration is
 * already in the past when set, it fires as soon as possible.
 * The fired callback runs from the kernel loop, never from an ISR.
 */
#ifndef CTOCK_HIL_TIME_H
#define CTOCK_HIL_TIME_H

#include <stdbool.h>
#include <stdint.h>

typedef struct hil_alarm hil_alarm_t;

typedef struct {
    uint32_t (*now)(hil_alarm_t *a);
    void (*set_alarm)(hil_alarm_t *a, uint32_t reference, uint32_t dt);
    void (*disarm)(hil_alarm_t *a);
    bool (*is_armed)(hil_alarm_t *a);
} hil_alarm_ops_t;

struct hil_alarm {
    const hil_alarm_ops_t *ops;
    uint32_t frequency_hz;
    void (*fired)(void *ctx);
    void *client_ctx;
};

static inline uint32_t hil_alarm_now(hil_alarm_t *a)
{
    return a->ops->now(a);
}

/* True if `now` lies in [reference, reference + dt): not yet expired. */
static inline bool hil_time_within(uint32_t now, uint32_t reference, uint32_t dt)
{
    return (uint32_t)(now - reference) < dt;
}

#endif
