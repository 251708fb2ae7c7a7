/*
 * alarm_mux.h - many virtual alarms on one hardware alarm (Tock's
 * MuxAlarm / VirtualMuxAlarm).
 *
 * Usage:
 *   alarm_mux_init(&mux, &hw_alarm.hil);
 *   virtual_alarm_init(&va, &mux);         // va.hil is a hil_alarm_t
 *   alarm_driver_init(&drv, &va.hil);
 *
 * Each virtual alarm is a full hil_alarm_t. The mux keeps the hardware
 * armed for the earliest unexpired virtual alarm; when it fires, every
 * virtual alarm whose (reference, dt) has passed is disarmed and its client
 * called. All comparisons are relative to each alarm's own reference, so
 * wraparound of the 32-bit counter is harmless (dt < 2^31).
 */
#ifndef CTOCK_ALARM_MUX_H
#define CTOCK_ALARM_MUX_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/hil/time.h"

typedef struct alarm_mux alarm_mux_t;

typedef struct virtual_alarm {
    hil_alarm_t hil;            /* first: what the user sees */
    alarm_mux_t *mux;
    struct virtual_alarm *next;
    bool armed;
    uint32_t reference, dt;
} virtual_alarm_t;

struct alarm_mux {
    hil_alarm_t *hw;
    virtual_alarm_t *alarms;
    bool firing;                /* inside fired(): re-arm once at the end */
};

void alarm_mux_init(alarm_mux_t *mux, hil_alarm_t *hw);
void virtual_alarm_init(virtual_alarm_t *va, alarm_mux_t *mux);

#endif
