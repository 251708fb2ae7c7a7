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
}

static void set_lockup(cortexm_t *c, const char *why, uint32_t pc)
{
    if (!c->lockup)
        glog(c, "core locked up: %s (pc 0x%08x)", why, pc);
    c->lockup = true;
}

void cortexm_fault(cortexm_t *c, int exc, uint32_t bits)
{
    nvic_t *nv = &c->scs->nvic;
    scb_t *scb = &c->scs->scb;
    int target;

    cortexm_sync_masks(c);
    target = nvic_fault_target(nv, exc);
    if (exc == EXC_HARDFAULT)
        scb->hfsr |= bits;
    else
        scb->cfsr |= bits;
    if (target < 0) {
        set_lockup(c, "fault while HardFault cannot be taken", cortexm_get(c, UC_ARM_REG_PC));
        return;
    }
    if (target == EXC_HARDFAULT && exc != EXC_HARDFAULT)
        scb->hfsr |= HFSR_FORCED;
    nvic_set_pending(nv, target);
}

void cortexm_enter(cortexm_t *c, int exc, uint32_t ret)
{
    nvic_t *nv = &c->scs->nvic;
    scb_t *scb = &c->scs->scb;
    uc_engine *uc = c->uc;
    bool handler = nv->ipsr != 0;
    bool psp = !handler && (cortexm_get(c, UC_ARM_REG_CONTROL) & CONTROL_SPSEL);
    uint32_t sp = cortexm_get(c, UC_ARM_REG_SP);
    uint32_t xpsr = cortexm_get(c, UC_ARM_REG_XPSR);
    bool align = (sp & 4) && (scb->ccr & CCR_STKALIGN);
    uint32_t frame = (sp - 32) & ~(align ? 4u : 0u);
    uint32_t words[8] = {
        cortexm_get(c, UC_ARM_REG_R0), cortexm_get(c, UC_ARM_REG_R1),
        cortexm_get(c, UC_ARM_REG_R2), cortexm_get(c, UC_ARM_REG_R3),
        cortexm_get(c, UC_ARM_REG_R12), cortexm_get(c, UC_ARM_REG_LR),
        ret & ~1u, (xpsr & ~XPSR_ALIGN) | (align ? XPSR_ALIGN : 0),
    };
    bool stacked = mem_ok(c, frame, sizeof words, true);
    uint32_t vector = 0;
    bool vec_ok;

    if (stacked)
        uc_mem_write(uc, frame, words, sizeof words);
    cortexm_set(c, UC_ARM_REG_SP, frame);          /* the stack in use */
    cortexm_set(c, UC_ARM_REG_IPSR, (uint32_t)exc);  /* handler mode, MSP */
    nvic_acknowledge(nv, exc);
    nv->ipsr = (uint32_t)exc;
    cortexm_set(c, UC_ARM_REG_XPSR, (xpsr & XPSR_APSR_GE) | XPSR_T | (uint32_t)exc);
    cortexm_set(c, UC_ARM_REG_LR, handler ? EXC_RETURN_HANDLER
                              : psp ? EXC_RETURN_THREAD_PSP : EXC_RETURN_THREAD_MSP);
    vec_ok = mem_ok(c, scb->vtor + 4u * (uint32_t)exc, 4, false) &&
             uc_mem_read(uc, scb->vtor + 4u * (uint32_t)exc, &vector, 4) == UC_ERR_OK;
    if (!vec_ok) {
        glog(c, "guest error: vector %u unreadable at 0x%08x", (uint32_t)exc,
             scb->vtor + 4u * (uint32_t)exc);
        if (exc == EXC_HARDFAULT)
            set_lockup(c, "HardFault vector unreadable", ret);
        else
            cortexm_fault(c, EXC_HARDFAULT, HFSR_VECTTBL);
    }
    cortexm_set(c, UC_ARM_REG_PC, vector & ~1u);
    rewrite_cpsr(c);
    c->exceptions++;
    if (!stacked) {
        glog(c, "guest error: exception stacking failed, frame at 0x%08x (pc 0x%08x)",
             frame, ret);
        cortexm_fault(c, EXC_BUSFAULT, CFSR_STKERR);
    }
    if (vec_ok && !(vector & 1u)) {
        glog(c, "guest error: vector %u = 0x%08x has the Thumb bit clear",
             (uint32_t)exc, vector);
        cortexm_fault(c, EXC_USAGEFAULT, CFSR_INVSTATE);
    }
}

void cortexm_return(cortexm_t *c, uint32_t exc_return)
{
    nvic_t *nv = &c->scs->nvic;
    scb_t *scb = &c->scs->scb;
    uint32_t cur = nv->ipsr;
    uint32_t low = exc_return & 0xF;
    bool thread = low != 1, psp = low == 0xD;
    uint32_t frame, w[8], ret_ipsr, new_sp;

    cortexm_sync_masks(c);   /* handler mode: readable */
    if ((exc_return & 0xFFFFFFF0u) != 0xFFFFFFF0u || (low != 1 && low != 9 && low != 0xD) ||
        cur == 0 || !nv->active[cur] ||
        (thread && nvic_active_count(nv) > 1 && !(scb->ccr & CCR_NONBASETHRDENA))) {
        glog(c, "guest error: illegal exception return 0x%08x from exception %u",
             exc_return, cur);
        cortexm_set(c, UC_ARM_REG_PC, exc_return & ~1u);
        cortexm_fault(c, EXC_USAGEFAULT, CFSR_INVPC);
        return;
    }
    frame = cortexm_get(c, psp ? UC_ARM_REG_PSP : UC_ARM_REG_MSP);
    if (!mem_ok(c, frame, sizeof w, false)) {
        /* Unstacking error: the exception is deactivated, then BusFault. */
        glog(c, "guest error: exception return frame unreadable at 0x%08x", frame);
        nvic_complete(nv, (int)cur);
        cortexm_set(c, UC_ARM_REG_PC, exc_return & ~1u);
        cortexm_fault(c, EXC_BUSFAULT, CFSR_UNSTKERR);
        return;
    }
    uc_mem_read(c->uc, frame, w, sizeof w);
    ret_ipsr = w[7] & 0x1FF;
    if (thread != (ret_ipsr == 0)) {
        glog(c, "guest error: exception return 0x%08x to stacked IPSR %u", exc_return, ret_ipsr);
        cortexm_set(c, UC_ARM_REG_PC, exc_return & ~1u);
        cortexm_fault(c, EXC_USAGEFAULT, CFSR_INVPC);
        return;
    }
    nvic_complete(nv, (int)cur);
    if (cur != EXC_NMI) {
        cortexm_set(c, UC_ARM_REG_FAULTMASK, 0);
        nv->faultmask = false;
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
