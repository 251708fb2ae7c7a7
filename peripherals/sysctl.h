/*
 * sysctl.h - ctock's own system controller on the `sim` board
 * (docs/board.md): identification, the CPU clock, and an exit register for
 * test firmware. No IRQs.
 */
#ifndef PERIPHERALS_SYSCTL_H
#define PERIPHERALS_SYSCTL_H

#include "periph.h"

#define SYSCTL_ID        0x00  /* RO */
#define SYSCTL_CLOCK_HZ  0x04  /* RO */
#define SYSCTL_EXIT      0x08  /* WO */

#define SYSCTL_ID_VALUE  0x4354434Bu  /* "CTCK" */

void *sysctl_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t sysctl_ops;

#endif
