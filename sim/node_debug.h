/*
 * node_debug.h - a look inside a node for tests, tracers and the debugger:
 * registers, the exception state and the CPU glue. Not for peripheral
 * models (they only see periph_host_t).
 */
#ifndef SIM_NODE_DEBUG_H
#define SIM_NODE_DEBUG_H

#include <stdint.h>

#include "../peripherals/scs.h"
#include "cortexm.h"
#include "node.h"

/* Unicorn register ids (UC_ARM_REG_*); see cortexm.h for the privilege caveat
 * on MSP/PSP/PRIMASK in unprivileged thread mode. */
uint32_t node_reg(node_t *n, int uc_reg);
void node_set_reg(node_t *n, int uc_reg, uint32_t value);
/* NVIC, SCB, SysTick and MPU registers of the node. */
scs_t *node_scs(node_t *n);
cortexm_t *node_cortexm(node_t *n);
/* Number of translated-block instruction counts served from the cache vs.
 * looked up (performance diagnostics). */
void node_tb_stats(const node_t *n, uint64_t *hits, uint64_t *misses);
/* Instructions run on the MPU's precise path (pages a region boundary
 * cuts) and, of those, executed by node_step.c without Unicorn. */
void node_mpu_step_stats(const node_t *n, uint64_t *precise, uint64_t *emulated);

#endif
