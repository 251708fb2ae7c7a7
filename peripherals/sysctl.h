/*
 * sysctl.h - ctock's own system controller on the `sim` board
 * (docs/board.md): identification, the CPU clock, and an exit register for
 * test firmware, and the node's index in a multi-node world (NODE_ID). No
 * IRQs.
 */
#ifndef PERIPHERALS_SYSCTL_H
#define PERIPHERALS_SYSCTL_H

#include "periph.h"

#define SYSCTL_ID        0x00  /* RO */
#define SYSCTL_CLOCK_HZ  0x04  /* RO */
#define SYSCTL_EXIT      0x08  /* WO */
#define SYSCTL_NODE_ID   0x0C  /* RO */

#define SYSCTL_ID_VALUE  0x4354434Bu  /* "CTCK" */

void *sysctl_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t sysctl_ops;

/* The node's index in its world (NODE_ID reads it; 0 until set, and for
 * single-node runs). The world sets it once, before the node boots. */
void sysctl_set_node_id(void *model, uint32_t id);

#endif
