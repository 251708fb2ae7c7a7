/*
 * cortexm.h - Cortex-M4 glue around one Unicorn instance: register access that
 * survives unprivileged mode, reset from the vector table, and the
 * exception model Unicorn lacks (entry, return, tail-chaining by re-entry,
 * fault escalation, lockup).
 *
 * Exception state (pending/active/priorities) is the NVIC's (nvic.h); this
 * module moves the core in and out of handlers as ARMv7-M B1.5.6-B1.5.8
 * describe: 8-word frame on MSP or PSP, 8-byte alignment recorded in
 * stacked xPSR bit 9, LR = EXC_RETURN, IPSR, PC from VTOR.
 *
 * Stacking and unstacking go through the MPU (mpu_check with the
 * privilege of the code being left or returned to) and the memory map. A
 * failed push takes the derived fault (MemManage MSTKERR or BusFault
 * STKERR; HardFault FORCED when it is disabled or not above the exception
 * being entered) at once, on the partly written frame, with the EXC_RETURN
 * of the interrupted code; the original exception stays pending. An
 * illegal EXC_RETURN or a failed pop (MUNSTKERR/UNSTKERR) tail-chains into
 * the fault on the existing frame with LR = that EXC_RETURN. Every fault
 * exception entry is reported to the observers (observers_fault).
 *
 * Not modelled: floating-point (extended) frames and lazy stacking
 * (EXC_RETURN 0xFFFFFFE1/E9/ED is an INVPC UsageFault), CONTROL.SPSEL
 * reading 0 inside handlers (Unicorn keeps the thread value; harmless
 * since handlers always use MSP), exception priorities re-sampled
 * mid-stacking (late arrival is approximated by re-checking after every
 * entry).
 */
#ifndef SIM_CORTEXM_H
#define SIM_CORTEXM_H

#include <stdbool.h>
#include <stdint.h>
#include <unicorn/unicorn.h>

#include "../peripherals/scs.h"
#include "board.h"

#define EXC_RETURN_HANDLER    0xFFFFFFF1u
#define EXC_RETURN_THREAD_MSP 0xFFFFFFF9u
#define EXC_RETURN_THREAD_PSP 0xFFFFFFFDu

typedef struct cortexm {
    uc_engine *uc;
    scs_t *scs;              /* NVIC, SCB (VTOR, CCR, fault status) */
    const board_t *board;    /* memory map, for stacking checks */
    const observer_list_t *observers;
    const uint64_t *now;     /* node clock, for log lines */
    uint64_t exceptions;     /* entries so far */
    bool lockup;
    bool tbit_clear;         /* next frame stacks xPSR.T = 0 (INVSTATE on return) */
    bool negpri;             /* last seen: executing at priority < 0 */
} cortexm_t;

/* Opens Unicorn as a Cortex-M4 (thumb mode + CPU model). 0, or -1 with a
 * static message in *err. */
int cortexm_open(cortexm_t *c, scs_t *scs, const board_t *board,
             const observer_list_t *obs, const uint64_t *now, const char **err);
void cortexm_close(cortexm_t *c);

uint32_t cortexm_get(cortexm_t *c, int uc_reg);
void cortexm_set(cortexm_t *c, int uc_reg, uint32_t value);
/* Privileged = handler mode or CONTROL.nPRIV = 0. */
bool cortexm_privileged(cortexm_t *c);
/* The MPU's view of the current context: privilege, and whether the
 * execution priority is negative (HardFault, NMI, FAULTMASK). */
mpu_ctx_t cortexm_mpu_ctx(cortexm_t *c);
/* Copies PRIMASK/BASEPRI/FAULTMASK into the NVIC. Unicorn reads them as 0
 * in unprivileged thread mode, where they cannot change: there the last
 * privileged copy is kept. */
void cortexm_sync_masks(cortexm_t *c);

/* Reset: thread mode, privileged, MSP and PC from the vector table at
 * VTOR, masks cleared, no exception active. */
void cortexm_reset(cortexm_t *c);

/* Enters exception `exc` now (it must be pending or about to be) with
 * return address `ret`. A stacking failure enters the derived fault
 * instead (see above). */
void cortexm_enter(cortexm_t *c, int exc, uint32_t ret);
/* Exception return for `exc_return` (the guest branched to it in handler
 * mode). Illegal returns take UsageFault INVPC, failed pops
 * MemManage/BusFault, both tail-chained on the current frame. */
void cortexm_return(cortexm_t *c, uint32_t exc_return);
/* A synchronous fault of kind `exc` with status bits for CFSR (or HFSR
 * bits when exc is HardFault): escalates per the NVIC and pends the
 * target; sets lockup when nothing can be taken. The return address is
 * the PC at the time of the next cortexm_take_pending(). */
void cortexm_fault(cortexm_t *c, int exc, uint32_t status_bits);
/* Flushes Unicorn's TLB when the context the MPU decides on changed in a
 * way Unicorn's MMU index does not capture (priority < 0). */
void cortexm_check_negpri(cortexm_t *c);
/* Enters every pending exception that preempts, highest first (one entry
 * can be preempted at once by a later, higher one). Returns how many. */
int cortexm_take_pending(cortexm_t *c);

#endif
