/*
 * arch.c - Cortex-M4 support for the kernel core (ctock/arch.h): exception
 * priorities, the SysTick timeslice timer, the reason a process came back,
 * and fault bookkeeping. The assembly half is switch.S.
 *
 * SysTick counts the CPU clock (CLKSOURCE = 1) and is used one-shot: the
 * handler stops it. Not modelled: the MPU (a later issue), the FPU.
 */
#include "ctock/arch.h"

#include "ctock/debug.h"

#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04)
#define SCB_SHPR2 (*(volatile uint32_t *)0xE000ED1C)
#define SCB_SHPR3 (*(volatile uint32_t *)0xE000ED20)
#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28)
#define SCB_HFSR (*(volatile uint32_t *)0xE000ED2C)
#define SCB_MMFAR (*(volatile uint32_t *)0xE000ED34)
#define SCB_BFAR (*(volatile uint32_t *)0xE000ED38)
#define SYST_CSR (*(volatile uint32_t *)0xE000E010)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018)

#define ICSR_PENDSTCLR (1u << 25)
#define CSR_ENABLE 1u
#define CSR_TICKINT 2u
#define CSR_CLKSOURCE 4u
#define CSR_COUNTFLAG (1u << 16)

volatile uint32_t arch_syscall_fired;
volatile uint32_t arch_systick_expired;
static volatile uint32_t process_faulted;
static arch_fault_info_t last_fault;

uint32_t switch_to_user(uint32_t psp, uint32_t *regs);

void arch_init(void)
{
    /* SVC highest (0); SysTick and PendSV below it. IRQs: nvic.c (0x80). */
    SCB_SHPR2 = 0;
    SCB_SHPR3 = (0x80u << 24) | (0xFFu << 16);
}

arch_switch_reason_t arch_switch_to_process(arch_context_t *ctx, arch_fault_info_t *fault)
{
    arch_syscall_fired = 0;
    ctx->psp = switch_to_user(ctx->psp, ctx->regs);

    if (process_faulted) {
        process_faulted = 0;
        *fault = last_fault;
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

/* Called from fault_handler (handler mode) when a process faulted. */
void arch_record_process_fault(uint32_t psp)
{
    last_fault.cfsr = SCB_CFSR;
    last_fault.hfsr = SCB_HFSR;
    last_fault.mmfar = SCB_MMFAR;
    last_fault.bfar = SCB_BFAR;
    last_fault.psp = psp;
    last_fault.pc = last_fault.lr = 0;   /* the core reads them if the frame is valid */
    SCB_CFSR = last_fault.cfsr;          /* write-one-to-clear */
    SCB_HFSR = last_fault.hfsr;
    process_faulted = 1;
}

/* Called from fault_handler when the kernel itself faulted: print, halt. */
void arch_kernel_fault(const uint32_t *frame, uint32_t exc_return) __attribute__((noreturn));
void arch_kernel_fault(const uint32_t *frame, uint32_t exc_return)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    debug_polled("\nctock: kernel fault (exception %u, exc_return 0x%08x)\n",
                 (unsigned)(ipsr & 0x1FF), (unsigned)exc_return);
    debug_polled("  r0  0x%08x r1  0x%08x r2 0x%08x r3   0x%08x\n", (unsigned)frame[0],
                 (unsigned)frame[1], (unsigned)frame[2], (unsigned)frame[3]);
    debug_polled("  r12 0x%08x lr  0x%08x pc 0x%08x xpsr 0x%08x sp 0x%08x\n", (unsigned)frame[4],
                 (unsigned)frame[5], (unsigned)frame[6], (unsigned)frame[7],
                 (unsigned)(uintptr_t)(frame + 8));
    debug_panic("  cfsr 0x%08x hfsr 0x%08x mmfar 0x%08x bfar 0x%08x\nctock: halted\n",
                (unsigned)SCB_CFSR, (unsigned)SCB_HFSR, (unsigned)SCB_MMFAR, (unsigned)SCB_BFAR);
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
