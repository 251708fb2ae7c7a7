/*
 * arch.h - what the kernel core needs from the CPU architecture
 * (implemented by kernel/arch/cortex-m4): the user/kernel boundary (Tock's
 * UserspaceKernelBoundary), the timeslice timer, interrupt masking, sleep.
 *
 * Process context: the hardware exception frame (r0-r3, r12, lr, pc, xPSR)
 * lives on the process stack at `psp`; r4-r11 live in `regs`.
 */
#ifndef CTOCK_ARCH_H
#define CTOCK_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#define ARCH_FRAME_WORDS 8       /* r0 r1 r2 r3 r12 lr pc xpsr */
#define ARCH_FRAME_BYTES 32
enum { FRAME_R0, FRAME_R1, FRAME_R2, FRAME_R3, FRAME_R12, FRAME_LR, FRAME_PC, FRAME_XPSR };

typedef struct {
    uint32_t psp;        /* process stack pointer (frame on top) */
    uint32_t regs[8];    /* r4-r11 */
} arch_context_t;

typedef enum {
    SWITCH_SYSCALL,      /* the process executed svc */
    SWITCH_TIMESLICE,    /* SysTick expired */
    SWITCH_INTERRUPTED,  /* a peripheral interrupt arrived */
    SWITCH_FAULT,        /* the process faulted; see arch_fault_info */
} arch_switch_reason_t;

typedef struct {
    uint32_t cfsr, hfsr, mmfar, bfar;
    uint32_t pc, lr, psp;
} arch_fault_info_t;

void arch_init(void);
/* Runs the process until it traps back; updates ctx. */
arch_switch_reason_t arch_switch_to_process(arch_context_t *ctx, arch_fault_info_t *fault);

/* Timeslice timer (SysTick). */
void arch_systick_init(uint32_t ticks_per_slice);
void arch_systick_start(uint32_t ticks);   /* one-shot: fires after ticks */
uint32_t arch_systick_stop(void);          /* returns ticks left (0 = expired) */

static inline void arch_irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void arch_irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
/* Masks interrupts and returns the previous PRIMASK, for nesting. */
static inline uint32_t arch_irq_save(void)
{
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
    return primask;
}
static inline void arch_irq_restore(uint32_t primask)
{
    __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
}
static inline void arch_wfi(void) { __asm__ volatile("dsb\n\twfi" ::: "memory"); }

#endif
