/*
 * arch.c - Cortex-M4 support for the kernel core (ctock/arch.h): exception
 * priorities, fault handler enables and traps, the SysTick timeslice timer,
 * and the reason a process came back. The assembly half is switch.S.
 *
 * SysTick counts the CPU clock (CLKSOURCE = 1) and is used one-shot: the
 * handler stops it. Faults: fault.c; the MPU: mpu.c. Not modelled: the FPU.
 */
#include "ctock/arch.h"

#include "ctock/mpu.h"

#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04)
#define SCB_CCR (*(volatile uint32_t *)0xE000ED14)
#define SCB_SHPR1 (*(volatile uint32_t *)0xE000ED18)
#define SCB_SHPR2 (*(volatile uint32_t *)0xE000ED1C)
#define SCB_SHCSR (*(volatile uint32_t *)0xE000ED24)
#define SCB_SHPR3 (*(volatile uint32_t *)0xE000ED20)
#define SYST_CSR (*(volatile uint32_t *)0xE000E010)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018)

#define ICSR_PENDSTCLR (1u << 25)
#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP (1u << 4)
#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define CSR_ENABLE 1u
#define CSR_TICKINT 2u
#define CSR_CLKSOURCE 4u
#define CSR_COUNTFLAG (1u << 16)

volatile uint32_t arch_syscall_fired;
volatile uint32_t arch_systick_expired;
volatile uint32_t arch_process_faulted;    /* set by fault.c */
arch_fault_info_t arch_last_fault;

uint32_t switch_to_user(uint32_t psp, uint32_t *regs);

void arch_init(void)
{
    /* SVC and the configurable faults highest (0), so a fault in a process
     * is taken as itself, not escalated; SysTick and PendSV below them.
     * IRQs: nvic.c (0x80). */
    SCB_SHPR1 = 0;
    SCB_SHPR2 = 0;
    SCB_SHPR3 = (0x80u << 24) | (0xFFu << 16);
    SCB_SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
    /* Divide by zero faults instead of returning 0. The unaligned-access
     * trap is a board choice (arch_set_unaligned_trap): off by default, as
     * on Tock, because code built for ARMv7-M may use unaligned single
     * loads/stores legitimately (docs/kernel.md). */
    SCB_CCR |= CCR_DIV_0_TRP;
    mpu_init();
}

void arch_set_unaligned_trap(bool on)
{
    if (on)
        SCB_CCR |= CCR_UNALIGN_TRP;
    else
        SCB_CCR &= ~CCR_UNALIGN_TRP;
}

arch_switch_reason_t arch_switch_to_process(arch_context_t *ctx, arch_fault_info_t *fault)
{
    arch_syscall_fired = 0;
    ctx->psp = switch_to_user(ctx->psp, ctx->regs);

    if (arch_process_faulted) {
        arch_process_faulted = 0;
        *fault = arch_last_fault;
        return SWITCH_FAULT;
    }
    if (arch_syscall_fired) {
        arch_syscall_fired = 0;
        return SWITCH_SYSCALL;
    }
    if (arch_systick_expired)
        return SWITCH_TIMESLICE;
    return SWITCH_INTERRUPTED;
}

void arch_systick_init(uint32_t ticks_per_slice)
{
    (void)ticks_per_slice;
    SYST_CSR = 0;
    SCB_ICSR = ICSR_PENDSTCLR;
}

void arch_systick_start(uint32_t ticks)
{
    arch_systick_expired = 0;
    SYST_CSR = 0;
    SYST_RVR = (ticks > 1 ? ticks : 2) - 1;
    SYST_CVR = 0;
    SYST_CSR = CSR_ENABLE | CSR_TICKINT | CSR_CLKSOURCE;
}

uint32_t arch_systick_stop(void)
{
    uint32_t csr = SYST_CSR;
    SYST_CSR = 0;
    uint32_t left = SYST_CVR;
    SCB_ICSR = ICSR_PENDSTCLR;
    if (arch_systick_expired || (csr & CSR_COUNTFLAG)) {
        arch_systick_expired = 0;
        return 0;
    }
    return left ? left : 1;
}
