/*
 * alarm_driver.h - Alarm: one-shot alarms for processes (Tock's
 * capsules/core/src/alarm.rs, driver number 0x0).
 *
 * Usage (board):
 *   virtual_alarm_init(&va, &alarm_mux);
 *   alarm_driver_init(&alarm_drv, &va.hil);
 *   { DRIVER_NUM_ALARM, &alarm_drv.driver }   in the driver table
 *
 * Each process has at most one pending expiration, kept in its instance of
 * the alarm's grant (allocated by its first subscribe or set/stop command;
 * NOMEM if it has no room); all of them share one virtual alarm armed for
 * the earliest. Ticks are the 32-bit hardware counter (no
 * left-justification needed: it is 32 bits wide).
 *
 * Syscall interface
 *   command 0                 exists                     Success
 *   command 1                 frequency (Hz)             Success u32
 *   command 2                 now (ticks)                Success u32
 *   command 3                 stop the pending alarm     Success | ALREADY (none)
 *                                                        | NOMEM (3, 5, 6: no room
 *                                                        for the grant)
 *   command 4                 (deprecated in Tock 2.0)   NOSUPPORT
 *   command 5 (dt)            alarm at now + dt          Success u32 (expiration)
 *   command 6 (ref, dt)       alarm at ref + dt          Success u32 (expiration)
 *   other                                                NOSUPPORT
 *   subscribe 0               fired: (now, expiration, 0)
 */
#ifndef CTOCK_ALARM_DRIVER_H
#define CTOCK_ALARM_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/time.h"

/* Per process, in the grant. */
typedef struct {
    uint32_t reference, dt;
    bool armed;
} alarm_app_t;

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;      /* alarm_app_t + 1 upcall */
    hil_alarm_t *alarm;
} alarm_driver_t;

void alarm_driver_init(alarm_driver_t *d, hil_alarm_t *alarm);

#endif
