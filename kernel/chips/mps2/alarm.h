/*
 * alarm.h - 32-bit time base and compare alarm from two CMSDK APB timers,
 * implementing hil/time.h.
 */
#ifndef CTOCK_MPS2_ALARM_H
#define CTOCK_MPS2_ALARM_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/hil/time.h"

typedef struct {
    hil_alarm_t hil;          /* first: the HIL view */
    uint32_t counter_base;    /* timer 0: free-running */
    uint32_t compare_base;    /* timer 1: one-shot countdown */
    bool armed;
} cmsdk_alarm_t;

void cmsdk_alarm_init(cmsdk_alarm_t *a, uint32_t counter_base, uint32_t compare_base,
                      uint32_t clock_hz);
/* Bottom half for the compare timer's interrupt. */
void cmsdk_alarm_irq(void *a);

#endif
