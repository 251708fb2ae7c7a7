/*
 * sysctl.h - ctock's own system controller (sim board only; docs/board.md):
 * ID, CPU clock, exit request.
 */
#ifndef CTOCK_MPS2_SYSCTL_H
#define CTOCK_MPS2_SYSCTL_H

#include <stdbool.h>
#include <stdint.h>

#define SYSCTL_ID_VALUE 0x4354434Bu   /* "CTCK" */

bool sysctl_present(void);
/* CPU clock in Hz, or `fallback` if the sysctl is absent or reads 0. */
uint32_t sysctl_clock_hz(uint32_t fallback);
/* Asks the simulator to end with `status` (test firmware only). */
void sysctl_exit(uint32_t status);

#endif
