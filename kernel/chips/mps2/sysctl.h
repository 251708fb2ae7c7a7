/*
 * sysctl.h - ctock's own system controller (sim board only; docs/board.md):
 * ID, CPU clock, exit request, node id.
 */
#ifndef CTOCK_MPS2_SYSCTL_H
#define CTOCK_MPS2_SYSCTL_H

#include <stdbool.h>
#include <stdint.h>

#define SYSCTL_ID_VALUE 0x4354434Bu   /* "CTCK" */

bool sysctl_present(void);
/* CPU clock in Hz, or `fallback` if the sysctl is absent or reads 0. */
uint32_t sysctl_clock_hz(uint32_t fallback);
/* The node's index in its ctock-sim world (0 for a single-node run, and
 * if the sysctl is absent). */
uint32_t sysctl_node_id(void);
/* Asks the simulator to end with `status` (test firmware only). */
void sysctl_exit(uint32_t status);

#endif
