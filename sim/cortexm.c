/*
 * cortexm.c - Cortex-M4 exception entry/return on top of Unicorn (see cortexm.h
 * for the model and its gaps).
 *
 * Unicorn facts this relies on (docs: /work/shared/notes/emulator-engine.md):
 * - writing IPSR != 0 enters handler mode and banks SP to MSP; writing 0
 *   returns to thread mode with the SP that CONTROL.SPSEL selects;
 * - after changing IPSR, CPSR must be read and written back or a later
 *   `bx EXC_RETURN` runs as a plain branch;
 * - in unprivileged thread mode host reads of MSP/PSP/PRIMASK give 0 and
 *   writes of CONTROL/MSP are ignored, so mode changes are done from
 *   handler mode, and CONTROL.SPSEL only takes effect from thread mode
 *   (ARMv7-M ignores SPSEL writes in handler mode).
 */
#include "cortexm.h"

#include <string.h>

#define XPSR_T        (1u << 24)
#define XPSR_ALIGN    (1u << 9)
#define XPSR_APSR_GE  0xF80F0000u   /* N Z C V Q and GE[3:0] */
#define CONTROL_NPRIV 1u
#define CONTROL_SPSEL 2u

#include <stdarg.h>
#include <stdio.h>

static void glog(cortexm_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void glog(cortexm_t *c, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    observers_guest_log(c->observers, *c->now, "cpu: %s", msg);
}

int cortexm_open(cortexm_t *c, scs_t *scs, const board_t *board,
             const observer_list_t *obs, const uint64_t *now, const char **err)
{
    memset(c, 0, sizeof *c);
    c->scs = scs;
    c->board = board;
    c->observers = obs;
    c->now = now;
    /* UC_MODE_MCLASS would force a Cortex-M33; THUMB + model = M4. */
    if (uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &c->uc) != UC_ERR_OK) {
        *err = "cannot open Unicorn (ARM, thumb)";
        return -1;
    }
    if (uc_ctl_set_cpu_model(c->uc, UC_CPU_ARM_CORTEX_M4) != UC_ERR_OK) {
        uc_close(c->uc);
        c->uc = NULL;
        *err = "Unicorn does not offer the Cortex-M4 model";
        return -1;
    }
    return 0;
}

void cortexm_close(cortexm_t *c)
{
    if (c->uc)
        uc_close(c->uc);
    c->uc = NULL;
}

uint32_t cortexm_get(cortexm_t *c, int reg)
{
    uint32_t v = 0;
    uc_reg_read(c->uc, reg, &v);
    return v;
}

void cortexm_set(cortexm_t *c, int reg, uint32_t v)
{
    uc_reg_write(c->uc, reg, &v);
}

/* Refreshes QEMU's cached flags after a mode change. */
static void rewrite_cpsr(cortexm_t *c)
{
    cortexm_set(c, UC_ARM_REG_CPSR, cortexm_get(c, UC_ARM_REG_CPSR));
}

bool cortexm_privileged(cortexm_t *c)
{
    return c->scs->nvic.ipsr != 0 || !(cortexm_get(c, UC_ARM_REG_CONTROL) & CONTROL_NPRIV);
}

void cortexm_sync_masks(cortexm_t *c)
{
    nvic_t *nv = &c->scs->nvic;
    if (!cortexm_privileged(c))
        return;
    nv->primask = cortexm_get(c, UC_ARM_REG_PRIMASK) & 1;
    nv->faultmask = cortexm_get(c, UC_ARM_REG_FAULTMASK) & 1;
    nv->basepri = (uint8_t)cortexm_get(c, UC_ARM_REG_BASEPRI);
}

static bool mem_ok(cortexm_t *c, uint32_t addr, uint32_t len, bool write)
{
    const board_mem_t *m = board_mem_at(c->board, addr, len);
    return m && (!write || m->guest_writable);
}

/* Mode switch to thread mode with the given SPSEL, keeping nPRIV. Must
 * start in handler mode (privileged). */
static void to_thread(cortexm_t *c, bool psp)
{
    uint32_t ctrl = cortexm_get(c, UC_ARM_REG_CONTROL);
    cortexm_set(c, UC_ARM_REG_CONTROL, ctrl & ~CONTROL_NPRIV);
    cortexm_set(c, UC_ARM_REG_IPSR, 0);
    cortexm_set(c, UC_ARM_REG_CONTROL, (ctrl & ~CONTROL_SPSEL) | (psp ? CONTROL_SPSEL : 0));
}

void cortexm_reset(cortexm_t *c)
{
    nvic_t *nv = &c->scs->nvic;
    uint32_t vec[2] = { 0, 0 };
    uint32_t vtor = c->scs->scb.vtor;

    uc_mem_read(c->uc, vtor, vec, sizeof vec);
    /* Through handler mode so CONTROL can be cleared from any state. */
    cortexm_set(c, UC_ARM_REG_IPSR, EXC_RESET);
    to_thread(c, false);
    cortexm_set(c, UC_ARM_REG_CONTROL, 0);
    cortexm_set(c, UC_ARM_REG_MSP, vec[0] & ~3u);
    cortexm_set(c, UC_ARM_REG_PSP, 0);
    cortexm_set(c, UC_ARM_REG_PRIMASK, 0);
    cortexm_set(c, UC_ARM_REG_FAULTMASK, 0);
    cortexm_set(c, UC_ARM_REG_BASEPRI, 0);
    cortexm_set(c, UC_ARM_REG_XPSR, XPSR_T);
    cortexm_set(c, UC_ARM_REG_LR, 0xFFFFFFFFu);
    cortexm_set(c, UC_ARM_REG_PC, vec[1] & ~1u);
    rewrite_cpsr(c);
    nv->ipsr = 0;
    nv->primask = nv->faultmask = false;
    nv->basepri = 0;
    c->lockup = false;
    c->tbit_clear = false;
    c->negpri = false;
    uc_ctl_flush_tlb(c->uc);     /* privilege and MPU start over */
}

mpu_ctx_t cortexm_mpu_ctx(cortexm_t *c)
{
    cortexm_sync_masks(c);
    return (mpu_ctx_t){ .privileged = cortexm_privileged(c),
                        .hfnmi = nvic_exec_priority(&c->scs->nvic, true) < 0 };
}

void cortexm_check_negpri(cortexm_t *c)
{
    bool neg = nvic_exec_priority(&c->scs->nvic, true) < 0;
    if (neg != c->negpri) {
        c->negpri = neg;
        uc_ctl_flush_tlb(c->uc);
    }
}

/* The register state a fault handler will see, for the observers. */
static void fault_report(cortexm_t *c, int exc, uint32_t pc, uint32_t sp, uint32_t xpsr,
                         bool thread, bool priv, bool lockup)
{
    static const int rr[13] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
        UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8,
        UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12 };
    scb_t *scb = &c->scs->scb;
    fault_info_t f = { .exception = exc, .cfsr = scb->cfsr, .hfsr = scb->hfsr,
                       .mmfar = scb->mmfar, .bfar = scb->bfar, .sp = sp, .pc = pc,
                       .xpsr = xpsr, .thread_mode = thread, .privileged = priv,
                       .lockup = lockup };
    if (!c->observers)
        return;
    for (int i = 0; i < 13; i++)
        f.r[i] = cortexm_get(c, rr[i]);
    f.lr = cortexm_get(c, UC_ARM_REG_LR);
    observers_fault(c->observers, *c->now, &f);
}

static void set_lockup(cortexm_t *c, const char *why, int exc, uint32_t pc)
{
    if (!c->lockup) {
        glog(c, "core locked up: %s (pc 0x%08x)", why, pc);
        fault_report(c, exc, pc, cortexm_get(c, UC_ARM_REG_SP),
                     cortexm_get(c, UC_ARM_REG_XPSR), c->scs->nvic.ipsr == 0,
                     cortexm_privileged(c), true);
    }
    c->lockup = true;
}

/* Status bits go to HFSR for a HardFault, else to CFSR. */
static void set_status(cortexm_t *c, int exc, uint32_t bits)
{
    if (exc == EXC_HARDFAULT)
        c->scs->scb.hfsr |= bits;
    else
        c->scs->scb.cfsr |= bits;
}

void cortexm_fault(cortexm_t *c, int exc, uint32_t bits)
{
    nvic_t *nv = &c->scs->nvic;
    int target;

    cortexm_sync_masks(c);
    target = nvic_fault_target(nv, exc);
    set_status(c, exc, bits);
    if (target < 0) {
        set_lockup(c, "fault while HardFault cannot be taken", exc,
                   cortexm_get(c, UC_ARM_REG_PC));
        return;
    }
    if (target == EXC_HARDFAULT && exc != EXC_HARDFAULT)
        c->scs->scb.hfsr |= HFSR_FORCED;
    nvic_set_pending(nv, target);
}

/* Handler mode for `exc` (already in handler mode, or SP already moved to
 * the frame): activate it, LR, IPSR, PC from the vector table. */
static void start_handler(cortexm_t *c, int exc, uint32_t lr, uint32_t apsr, uint32_t ret)
{
    nvic_t *nv = &c->scs->nvic;
    scb_t *scb = &c->scs->scb;
    uint32_t vaddr = scb->vtor + 4u * (uint32_t)exc, vector = 0;
    bool vec_ok;

    cortexm_set(c, UC_ARM_REG_IPSR, (uint32_t)exc);  /* handler mode, MSP */
    nvic_acknowledge(nv, exc);
    nv->ipsr = (uint32_t)exc;
    cortexm_set(c, UC_ARM_REG_XPSR, (apsr & XPSR_APSR_GE) | XPSR_T | (uint32_t)exc);
    cortexm_set(c, UC_ARM_REG_LR, lr);
    vec_ok = mem_ok(c, vaddr, 4, false) && uc_mem_read(c->uc, vaddr, &vector, 4) == UC_ERR_OK;
    cortexm_set(c, UC_ARM_REG_PC, vector & ~1u);
    rewrite_cpsr(c);
    c->exceptions++;
    cortexm_check_negpri(c);
    if (!vec_ok) {
        glog(c, "guest error: vector %u unreadable at 0x%08x", (uint32_t)exc, vaddr);
        if (exc == EXC_HARDFAULT)
            set_lockup(c, "HardFault vector unreadable", exc, ret);
        else
            cortexm_fault(c, EXC_HARDFAULT, HFSR_VECTTBL);
    } else if (!(vector & 1u)) {
        glog(c, "guest error: vector %u = 0x%08x has the Thumb bit clear",
             (uint32_t)exc, vector);
        cortexm_fault(c, EXC_USAGEFAULT, CFSR_INVSTATE);
    }
}

/* Writes the frame word by word in ascending order and stops at the first
 * word the MPU or the bus refuses (as QEMU does; the hardware leaves such a
 * frame UNKNOWN). Returns 0 or the CFSR bit of the failure. */
static uint32_t push_frame(cortexm_t *c, uint32_t frame, const uint32_t *w, mpu_ctx_t ctx)
{
    for (uint32_t i = 0; i < 8; i++) {
        uint32_t a = frame + 4 * i;
        if (!mpu_check(&c->scs->mpu, a, MPU_W, ctx))
            return CFSR_MSTKERR;
        if (!mem_ok(c, a, 4, true))
            return CFSR_STKERR;
        uc_mem_write(c->uc, a, &w[i], 4);
    }
    return 0;
}

/* Where a fault derived from entering `orig` goes (ARM's MergeExcInfo, as
 * QEMU does it): the derived fault escalates to HardFault when it is
 * disabled or cannot preempt the interrupted context (orig is not active
 * yet); then the higher-priority of it and `orig` is taken (equal group
 * priority: the lower exception number), and the other stays pending. A
 * derived fault equal to `orig` (MemManage while entering MemManage) is one
 * exception. -1: HardFault cannot be taken either (lockup). */
static int derived_target(nvic_t *nv, int derived, int orig, bool *escalated)
{
    int running = nvic_exec_priority(nv, true);
    int target = derived;

    *escalated = false;
    if (!nv->enabled[derived] || nvic_group_priority(nv, nvic_priority(nv, derived)) >= running) {
        if (running <= -1)
            return -1;
        target = EXC_HARDFAULT;
        *escalated = true;
    }
    int pt = nvic_group_priority(nv, nvic_priority(nv, target));
    int po = nvic_group_priority(nv, nvic_priority(nv, orig));
    if (pt < po || (pt == po && target <= orig))
        return target;                      /* orig stays pending */
    nvic_set_pending(nv, target);           /* taken after orig's handler */
    return orig;
}

static bool is_fault(int exc)
{
    return exc >= EXC_HARDFAULT && exc <= EXC_USAGEFAULT;
}

void cortexm_enter(cortexm_t *c, int exc, uint32_t ret)
{
    nvic_t *nv = &c->scs->nvic;
    scb_t *scb = &c->scs->scb;
    bool handler = nv->ipsr != 0;
    bool psp = !handler && (cortexm_get(c, UC_ARM_REG_CONTROL) & CONTROL_SPSEL);
    mpu_ctx_t ctx = cortexm_mpu_ctx(c);
    uint32_t sp = cortexm_get(c, UC_ARM_REG_SP);
    uint32_t xpsr = cortexm_get(c, UC_ARM_REG_XPSR);
    bool align = (sp & 4) && (scb->ccr & CCR_STKALIGN);
    uint32_t frame = (sp - 32) & ~(align ? 4u : 0u);
    uint32_t sxpsr = (xpsr & ~XPSR_ALIGN) | (align ? XPSR_ALIGN : 0);
    uint32_t words[8] = {
        cortexm_get(c, UC_ARM_REG_R0), cortexm_get(c, UC_ARM_REG_R1),
        cortexm_get(c, UC_ARM_REG_R2), cortexm_get(c, UC_ARM_REG_R3),
        cortexm_get(c, UC_ARM_REG_R12), cortexm_get(c, UC_ARM_REG_LR),
        ret & ~1u, c->tbit_clear ? sxpsr & ~XPSR_T : sxpsr,
    };
    uint32_t lr = handler ? EXC_RETURN_HANDLER : psp ? EXC_RETURN_THREAD_PSP : EXC_RETURN_THREAD_MSP;
    uint32_t err = push_frame(c, frame, words, ctx);
    int taken = exc;

    c->tbit_clear = false;
    if (err) {
        int derived = err == CFSR_MSTKERR ? EXC_MEMMANAGE : EXC_BUSFAULT;
        glog(c, "guest error: exception %d stacking failed (%s), frame at 0x%08x (pc 0x%08x)",
             exc, err == CFSR_MSTKERR ? "MPU" : "bus", frame, ret);
        bool escalated;
        taken = derived_target(nv, derived, exc, &escalated);
        set_status(c, derived, err);
        if (taken < 0) {
            set_lockup(c, "stacking fault while entering NMI/HardFault", exc, ret);
            return;
        }
        if (escalated)
            scb->hfsr |= HFSR_FORCED;
    }
    cortexm_set(c, UC_ARM_REG_SP, frame);          /* the stack in use, even after a failure */
    if (is_fault(taken))
        fault_report(c, taken, ret, sp, xpsr, !handler, ctx.privileged, false);
    start_handler(c, taken, lr, xpsr, ret);
}

/* A fault raised by an exception return: taken at once on the current
 * frame (nothing is stacked), LR = the EXC_RETURN value. */
static void tail_chain_fault(cortexm_t *c, int exc, uint32_t bits, uint32_t exc_return)
{
    nvic_t *nv = &c->scs->nvic;
    int target;
    uint32_t sp = cortexm_get(c, UC_ARM_REG_SP);

    cortexm_sync_masks(c);
    target = nvic_fault_target(nv, exc);
    set_status(c, exc, bits);
    if (target < 0) {
        set_lockup(c, "fault on exception return while HardFault cannot be taken", exc,
                   exc_return);
        return;
    }
    if (target != exc)
        c->scs->scb.hfsr |= HFSR_FORCED;
    nvic_clear_pending(nv, target);
    fault_report(c, target, exc_return & ~1u, sp, cortexm_get(c, UC_ARM_REG_XPSR), false,
                 true, false);
    start_handler(c, target, exc_return, cortexm_get(c, UC_ARM_REG_XPSR), exc_return);
}

/* Reads the return frame with the privilege of the code returned to.
 * Returns 0 or the CFSR bit of the first failure. */
static uint32_t pop_frame(cortexm_t *c, uint32_t frame, uint32_t *w, mpu_ctx_t ctx)
{
    for (uint32_t i = 0; i < 8; i++) {
        uint32_t a = frame + 4 * i;
        if (!mpu_check(&c->scs->mpu, a, MPU_R, ctx))
            return CFSR_MUNSTKERR;
        if (!mem_ok(c, a, 4, false) || uc_mem_read(c->uc, a, &w[i], 4) != UC_ERR_OK)
            return CFSR_UNSTKERR;
    }
    return 0;
}

void cortexm_return(cortexm_t *c, uint32_t exc_return)
{
    nvic_t *nv = &c->scs->nvic;
    scb_t *scb = &c->scs->scb;
    uint32_t cur = nv->ipsr;
    uint32_t low = exc_return & 0xF;
    bool thread = low != 1, psp = low == 0xD;
    uint32_t frame, w[8], ret_ipsr, new_sp, err;
    mpu_ctx_t ctx;

    cortexm_sync_masks(c);   /* handler mode: readable */
    if ((exc_return & 0xFFFFFFF0u) != 0xFFFFFFF0u || (low != 1 && low != 9 && low != 0xD) ||
        cur == 0 || !nv->active[cur] ||
        (thread && nvic_active_count(nv) > 1 && !(scb->ccr & CCR_NONBASETHRDENA))) {
        glog(c, "guest error: illegal exception return 0x%08x from exception %u",
             exc_return, cur);
        tail_chain_fault(c, EXC_USAGEFAULT, CFSR_INVPC, exc_return);
        return;
    }
    frame = cortexm_get(c, psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
    /* Deactivate first: the pop and any fault it raises run at the
     * priority returned to (ARMv7-M ExceptionReturn). */
    nvic_complete(nv, (int)cur);
    if (cur != EXC_NMI) {
        cortexm_set(c, UC_ARM_REG_FAULTMASK, 0);   /* still handler mode: allowed */
        nv->faultmask = false;
    }
    ctx.privileged = !thread || !(cortexm_get(c, UC_ARM_REG_CONTROL) & CONTROL_NPRIV);
    ctx.hfnmi = nvic_exec_priority(nv, true) < 0;
    err = pop_frame(c, frame, w, ctx);
    if (err) {
        glog(c, "guest error: exception return frame %s at 0x%08x",
             err == CFSR_MUNSTKERR ? "denied by the MPU" : "unreadable", frame);
        tail_chain_fault(c, err == CFSR_MUNSTKERR ? EXC_MEMMANAGE : EXC_BUSFAULT, err,
                         exc_return);
        return;
    }
    ret_ipsr = w[7] & 0x1FF;
    if (thread != (ret_ipsr == 0)) {
        glog(c, "guest error: exception return 0x%08x to stacked IPSR %u", exc_return, ret_ipsr);
        tail_chain_fault(c, EXC_USAGEFAULT, CFSR_INVPC, exc_return);
        return;
    }
    new_sp = frame + 32;
    if ((w[7] & XPSR_ALIGN) && (scb->ccr & CCR_STKALIGN))
        new_sp |= 4;
    /* Stack pointers are written from handler mode, where it is allowed. */
    cortexm_set(c, psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP, new_sp);
    if (thread)
        to_thread(c, psp);
    else
        cortexm_set(c, UC_ARM_REG_IPSR, ret_ipsr);
    nv->ipsr = ret_ipsr;
    cortexm_set(c, UC_ARM_REG_R0, w[0]);
    cortexm_set(c, UC_ARM_REG_R1, w[1]);
    cortexm_set(c, UC_ARM_REG_R2, w[2]);
    cortexm_set(c, UC_ARM_REG_R3, w[3]);
    cortexm_set(c, UC_ARM_REG_R12, w[4]);
    cortexm_set(c, UC_ARM_REG_LR, w[5]);
    cortexm_set(c, UC_ARM_REG_PC, w[6] & ~1u);
    cortexm_set(c, UC_ARM_REG_XPSR, (w[7] & ~(0x1FFu | XPSR_ALIGN)) | XPSR_T | ret_ipsr);
    rewrite_cpsr(c);
    cortexm_check_negpri(c);
    if (!(w[7] & XPSR_T)) {
        /* The first instruction returned to cannot execute (Thumb only):
         * INVSTATE with that instruction's PC stacked, and EPSR.T = 0. */
        glog(c, "guest error: exception return with stacked xPSR.T = 0 (pc 0x%08x)", w[6]);
        c->tbit_clear = true;
        cortexm_fault(c, EXC_USAGEFAULT, CFSR_INVSTATE);
    }
}

int cortexm_take_pending(cortexm_t *c)
{
    nvic_t *nv = &c->scs->nvic;
    int taken = 0, exc;

    cortexm_sync_masks(c);
    /* Bounded: each entry raises the execution priority. */
    while (!c->lockup && taken < NVIC_NUM_EXC && (exc = nvic_next_to_take(nv)) != 0) {
        cortexm_enter(c, exc, cortexm_get(c, UC_ARM_REG_PC));
        taken++;
    }
    return taken;
}
