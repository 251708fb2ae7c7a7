/*
 * timer_cmsdk.h - ARM CMSDK APB timer (Cortex-M System Design Kit TRM,
 * ARM DDI0479C, "APB timer"): a 32-bit down counter clocked by the CPU
 * clock on the `sim` board. cfg->irq[0] = the timer interrupt.
 */
#ifndef PERIPHERALS_TIMER_CMSDK_H
#define PERIPHERALS_TIMER_CMSDK_H

#include "periph.h"

#define TIMER_CMSDK_CTRL       0x00
#define TIMER_CMSDK_VALUE      0x04
#define TIMER_CMSDK_RELOAD     0x08
#define TIMER_CMSDK_INTSTATUS  0x0C  /* read: status; write: 1 clears */
#define TIMER_CMSDK_PID4       0xFD0
#define TIMER_CMSDK_CID3       0xFFC

#define TIMER_CMSDK_CTRL_EN      (1u << 0)
#define TIMER_CMSDK_CTRL_EXTEN   (1u << 1)  /* external input as enable: not modelled */
#define TIMER_CMSDK_CTRL_EXTCLK  (1u << 2)  /* external input as clock: not modelled */
#define TIMER_CMSDK_CTRL_IRQEN   (1u << 3)

void *timer_cmsdk_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t timer_cmsdk_ops;

#endif
