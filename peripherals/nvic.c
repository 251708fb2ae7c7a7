/*
 * nvic.c - exception priority and state logic of the ARMv7-M NVIC
 * (ARMv7-M ARM B1.5 "exception model", B3.4 "NVIC"). See nvic.h for what is
 * and is not modelled. Pure data; the only outward call is on_pend.
 */
#include "nvic.h"

#include <string.h>

/* Exceptions that exist on a Cortex-M4 (7-10 and 13 are reserved). */
static bool exists(int exc)
{
    if (exc <= EXC_NONE || exc >= NVIC_NUM_EXC)
        return false;
    return !(exc >= 7 && exc <= 10) && exc != 13;
}

static void notify(nvic_t *nv)
{
    if (nv->on_pend)
        nv->on_pend(nv->on_pend_ctx);
}

void nvic_reset(nvic_t *nv)
{
    void (*cb)(void *) = nv->on_pend;
    void *ctx = nv->on_pend_ctx;

    memset(nv, 0, sizeof *nv);
    nv->on_pend = cb;
    nv->on_pend_ctx = ctx;
    /* Always enabled: NMI, HardFault, SVCall, PendSV, SysTick. MemManage,
     * BusFault and UsageFault follow SHCSR; DebugMonitor stays off. */
    nv->enabled[EXC_NMI] = true;
    nv->enabled[EXC_HARDFAULT] = true;
    nv->enabled[EXC_SVCALL] = true;
    nv->enabled[EXC_PENDSV] = true;
    nv->enabled[EXC_SYSTICK] = true;
}

int nvic_priority(const nvic_t *nv, int exc)
{
    switch (exc) {
    case EXC_RESET: return -3;
    case EXC_NMI: return -2;
    case EXC_HARDFAULT: return -1;
    default: return nv->prio[exc];
    }
}

int nvic_group_priority(const nvic_t *nv, int prio)
{
    if (prio < 0)
        return prio;
    /* PRIGROUP = g: bits [7:g+1] are the group priority, [g:0] the
     * subpriority (so PRIGROUP 7 puts everything in one group). */
    return prio & ~((2 << nv->prigroup) - 1) & 0xFF;
}

int nvic_raw_exec_priority(const nvic_t *nv)
{
    int p = NVIC_PRIO_BASE;
    for (int e = 1; e < NVIC_NUM_EXC; e++) {
        if (nv->active[e]) {
            int g = nvic_group_priority(nv, nvic_priority(nv, e));
            if (g < p)
                p = g;
        }
    }
    return p;
}

int nvic_exec_priority(const nvic_t *nv, bool use_primask)
{
    int p = nvic_raw_exec_priority(nv);
    uint8_t bp = nv->basepri & NVIC_PRIO_MASK;

    if (bp != 0 && nvic_group_priority(nv, bp) < p)
        p = nvic_group_priority(nv, bp);
    if (use_primask && nv->primask && p > 0)
        p = 0;
    if (nv->faultmask && p > -1)
        p = -1;
    return p;
}

int nvic_highest_pending(const nvic_t *nv)
{
    int best = 0, best_prio = 0;
    for (int e = 1; e < NVIC_NUM_EXC; e++) {
        if (!nv->pending[e] || !nv->enabled[e])
            continue;
        int p = nvic_priority(nv, e);
        /* Lowest priority value wins; ties go to the lowest number. */
        if (best == 0 || p < best_prio) {
            best = e;
            best_prio = p;
        }
    }
    return best;
}

bool nvic_can_preempt(const nvic_t *nv, int exc, bool use_primask)
{
    return nvic_group_priority(nv, nvic_priority(nv, exc)) <
           nvic_exec_priority(nv, use_primask);
}

int nvic_next_to_take(const nvic_t *nv)
{
    int e = nvic_highest_pending(nv);
    return (e && nvic_can_preempt(nv, e, true)) ? e : 0;
}

bool nvic_masked_pending(const nvic_t *nv)
{
    int e = nvic_highest_pending(nv);
    if (!e || nvic_can_preempt(nv, e, true))
        return false;
    return nvic_group_priority(nv, nvic_priority(nv, e)) < nvic_raw_exec_priority(nv);
}

int nvic_fault_target(const nvic_t *nv, int exc)
{
    if (exc != EXC_HARDFAULT && nv->enabled[exc] && nvic_can_preempt(nv, exc, true))
        return exc;
    /* Escalation: a disabled fault, or one that cannot preempt, becomes a
     * HardFault; a HardFault that cannot preempt locks the core up. */
    return nvic_can_preempt(nv, EXC_HARDFAULT, true) ? EXC_HARDFAULT : -1;
}

bool nvic_is_enabled(const nvic_t *nv, int exc)
{
    return exists(exc) && nv->enabled[exc];
}

void nvic_set_enabled(nvic_t *nv, int exc, bool on)
{
    if (!exists(exc))
        return;
    bool was = nv->enabled[exc];
    nv->enabled[exc] = on;
    if (on && !was && nv->pending[exc])
        notify(nv);
}

void nvic_set_pending(nvic_t *nv, int exc)
{
    if (!exists(exc) || exc == EXC_RESET || nv->pending[exc])
        return;
    nv->pending[exc] = true;
    if (nv->enabled[exc])
        notify(nv);
}

void nvic_clear_pending(nvic_t *nv, int exc)
{
    if (exists(exc))
        nv->pending[exc] = false;
}

void nvic_acknowledge(nvic_t *nv, int exc)
{
    nv->pending[exc] = false;
    nv->active[exc] = true;
}

int nvic_complete(nvic_t *nv, int exc)
{
    if (!exists(exc) || !nv->active[exc])
        return -1;
    nv->active[exc] = false;
    /* A level-sensitive line still asserted pends again (as QEMU). */
    if (exc >= EXC_IRQ0 && nv->level[exc])
        nvic_set_pending(nv, exc);
    return 0;
}

int nvic_active_count(const nvic_t *nv)
{
    int n = 0;
    for (int e = 1; e < NVIC_NUM_EXC; e++)
        n += nv->active[e];
    return n;
}

void nvic_set_level(nvic_t *nv, int irq, bool level)
{
    if (irq < 0 || irq >= NVIC_NUM_IRQS)
        return;
    int exc = EXC_IRQ0 + irq;
    bool was = nv->level[exc];
    nv->level[exc] = level;
    if (level && !was)
        nvic_set_pending(nv, exc);
}

/* 32 external interrupts per bank register; bit n of bank k = IRQ 32k+n. */
static uint32_t bank_bits(const bool *flags, int bank)
{
    uint32_t v = 0;
    for (int b = 0; b < 32; b++) {
        int irq = bank * 32 + b;
        if (irq < NVIC_NUM_IRQS && flags[EXC_IRQ0 + irq])
            v |= 1u << b;
    }
    return v;
}

bool nvic_reg_read(nvic_t *nv, uint32_t off, uint32_t *value)
{
    int bank = (int)((off & 0x7F) / 4);
    *value = 0;
    if (off >= 0x100 && off < 0x180)
        *value = bank_bits(nv->enabled, bank);
    else if (off >= 0x180 && off < 0x200)
        *value = bank_bits(nv->enabled, bank);
    else if (off >= 0x200 && off < 0x280)
        *value = bank_bits(nv->pending, bank);
    else if (off >= 0x280 && off < 0x300)
        *value = bank_bits(nv->pending, bank);
    else if (off >= 0x300 && off < 0x380)
        *value = bank_bits(nv->active, bank);
    else if (off >= 0x380 && off < 0x400)
        ;   /* reserved: RAZ */
    else if (off >= 0x400 && off < 0x4F0) {
        for (int i = 0; i < 4; i++) {
            int irq = (int)(off - 0x400) + i;
            if (irq < NVIC_NUM_IRQS)
                *value |= (uint32_t)nv->prio[EXC_IRQ0 + irq] << (8 * i);
        }
    } else if (off == 0xF00)
        ;   /* STIR is write-only */
    else
        return false;
    return true;
}

bool nvic_reg_write(nvic_t *nv, uint32_t off, uint32_t value, uint32_t bytes)
{
    int bank = (int)((off & 0x7F) / 4);
    if (off >= 0x100 && off < 0x300) {
        /* ISER/ICER/ISPR/ICPR: write 1 to set/clear, 0 has no effect. */
        for (int b = 0; b < 32; b++) {
            int irq = bank * 32 + b;
            if (!(value & (1u << b)) || irq >= NVIC_NUM_IRQS)
                continue;
            int exc = EXC_IRQ0 + irq;
            if (off < 0x180)
                nvic_set_enabled(nv, exc, true);
            else if (off < 0x200)
                nvic_set_enabled(nv, exc, false);
            else if (off < 0x280)
                nvic_set_pending(nv, exc);
            else
                nvic_clear_pending(nv, exc);
        }
    } else if (off >= 0x300 && off < 0x400) {
        ;   /* IABR is read-only */
    } else if (off >= 0x400 && off < 0x4F0) {
        for (int i = 0; i < 4; i++) {
            int irq = (int)(off - 0x400) + i;
            if ((bytes & (1u << i)) && irq < NVIC_NUM_IRQS)
                nv->prio[EXC_IRQ0 + irq] = (uint8_t)(value >> (8 * i)) & NVIC_PRIO_MASK;
        }
    } else if (off == 0xF00) {
        uint32_t irq = value & 0x1FF;
        if (irq < NVIC_NUM_IRQS)
            nvic_set_pending(nv, EXC_IRQ0 + (int)irq);
    } else {
        return false;
    }
    return true;
}
