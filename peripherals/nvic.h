/*
 * nvic.h - the Cortex-M4 exception state: enable, pending and active bits
 * for the 16 system exceptions and NVIC_NUM_IRQS external interrupts, their
 * priorities, PRIGROUP, and the PRIMASK/BASEPRI/FAULTMASK boosts.
 *
 * Pure logic, no Unicorn: the CPU glue (sim/cortexm.c) copies the mask
 * registers in (nvic_t.primask, ...) and tracks the current exception
 * (nvic_t.ipsr); this module answers "which exception, if any, is taken
 * now" and serves the NVIC register window (ISER..IPR, STIR).
 *
 * Priorities are 8-bit register values of which the top NVIC_PRIO_BITS are
 * implemented (as QEMU's mps2). Reset, NMI and HardFault have the fixed
 * priorities -3, -2, -1. "Execution priority" is the best (lowest) group
 * priority among active exceptions, boosted by the masks; NVIC_PRIO_BASE
 * (256) means thread mode with nothing active and no mask.
 *
 * Not modelled: the Debug Monitor exception (never enabled), NMI sources
 * other than ICSR.NMIPENDSET, interrupt priority re-sampling latencies.
 */
#ifndef PERIPHERALS_NVIC_H
#define PERIPHERALS_NVIC_H

#include <stdbool.h>
#include <stdint.h>

#define NVIC_NUM_IRQS 64
#define NVIC_NUM_EXC (16 + NVIC_NUM_IRQS)
#define NVIC_PRIO_BITS 3
#define NVIC_PRIO_MASK ((uint8_t)(0xFFu << (8 - NVIC_PRIO_BITS)))
#define NVIC_PRIO_BASE 256

enum {
    EXC_NONE = 0,
    EXC_RESET = 1,
    EXC_NMI = 2,
    EXC_HARDFAULT = 3,
    EXC_MEMMANAGE = 4,
    EXC_BUSFAULT = 5,
    EXC_USAGEFAULT = 6,
    EXC_SVCALL = 11,
    EXC_DEBUGMON = 12,
    EXC_PENDSV = 14,
    EXC_SYSTICK = 15,
    EXC_IRQ0 = 16,
};

typedef struct nvic {
    uint8_t prio[NVIC_NUM_EXC];    /* register value, masked to NVIC_PRIO_MASK */
    bool enabled[NVIC_NUM_EXC];
    bool pending[NVIC_NUM_EXC];
    bool active[NVIC_NUM_EXC];
    bool level[NVIC_NUM_EXC];      /* external lines' input level */
    uint32_t prigroup;             /* AIRCR.PRIGROUP, 0..7 */
    /* Mirrors of CPU state, written by the CPU glue before decisions. */
    bool primask;
    bool faultmask;
    uint8_t basepri;
    uint32_t ipsr;                 /* current exception number, 0 = thread */
    /* Called when an exception becomes pending (or a pending one becomes
     * enabled), so the host can stop the CPU and re-decide. May be NULL. */
    void (*on_pend)(void *ctx);
    void *on_pend_ctx;
} nvic_t;

/* Power-on state: all disabled, not pending, priority 0, PRIGROUP 0. */
void nvic_reset(nvic_t *nv);

/* Priority of exception `exc` (-3..-1 fixed, else 0..255). */
int nvic_priority(const nvic_t *nv, int exc);
/* Group priority of a priority value under the current PRIGROUP. */
int nvic_group_priority(const nvic_t *nv, int prio);
/* Execution priority from the active exceptions only (no masks). */
int nvic_raw_exec_priority(const nvic_t *nv);
/* Execution priority including the mask boosts; PRIMASK is ignored when
 * use_primask is false (the WFI wake-up rule). */
int nvic_exec_priority(const nvic_t *nv, bool use_primask);

/* Highest-priority pending and enabled exception (VECTPENDING), 0 if none. */
int nvic_highest_pending(const nvic_t *nv);
/* Whether exception `exc` would preempt at the current execution priority. */
bool nvic_can_preempt(const nvic_t *nv, int exc, bool use_primask);
/* The exception to take now (pending, enabled, preempts), 0 if none. */
int nvic_next_to_take(const nvic_t *nv);
/* Something pending is held back only by PRIMASK/BASEPRI/FAULTMASK. */
bool nvic_masked_pending(const nvic_t *nv);

/* Where a synchronous fault `exc` (MemManage/BusFault/UsageFault/HardFault,
 * or SVCall) goes: itself, EXC_HARDFAULT when it is disabled or cannot
 * preempt, or -1 when even HardFault cannot (lockup). */
int nvic_fault_target(const nvic_t *nv, int exc);

bool nvic_is_enabled(const nvic_t *nv, int exc);
void nvic_set_enabled(nvic_t *nv, int exc, bool on);
void nvic_set_pending(nvic_t *nv, int exc);
void nvic_clear_pending(nvic_t *nv, int exc);
/* Exception entry: pending -> active. */
void nvic_acknowledge(nvic_t *nv, int exc);
/* Exception return: clears active; a level-high line re-pends. Returns -1
 * when `exc` was not active. */
int nvic_complete(nvic_t *nv, int exc);
/* Number of active exceptions. */
int nvic_active_count(const nvic_t *nv);
/* External interrupt line `irq` (0-based) changes level; rising pends. */
void nvic_set_level(nvic_t *nv, int irq, bool level);

/* NVIC register window, offsets from 0xE000E000, aligned word access with
 * a byte-lane mask (bit i set = byte i written): ISER 0x100, ICER 0x180,
 * ISPR 0x200, ICPR 0x280, IABR 0x300, IPR 0x400, STIR 0xF00. Returns false
 * for offsets this module does not own. */
bool nvic_reg_read(nvic_t *nv, uint32_t offset, uint32_t *value);
bool nvic_reg_write(nvic_t *nv, uint32_t offset, uint32_t value, uint32_t bytes);

#endif
