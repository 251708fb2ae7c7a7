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

/* What is known about a process fault. The arch fills exception, the fault
 * status registers, psp and exc_return; the core adds the stacked frame
 * (if the process stack held one) and r4-r11 from the saved context. */
typedef struct {
    uint32_t exception;      /* 2 NMI, 3 HardFault, 4 MemManage, 5 BusFault,
                                6 UsageFault; 0 = found by the kernel */
    const char *detail;      /* exception 0: what the kernel found */
    uint32_t cfsr, hfsr, mmfar, bfar;
    uint32_t psp, exc_return;
    bool frame_valid;        /* frame[] holds the stacked r0-r3 r12 lr pc xpsr */
    uint32_t frame[ARCH_FRAME_WORDS];
    uint32_t regs[8];        /* r4-r11 */
} arch_fault_info_t;

/* printf-like output for dumps (printk_wait, debug_polled). */
typedef void (*arch_out_fn)(const char *fmt, ...);

/* Did exception entry fail to write the frame (stacking error)? */
bool arch_fault_frame_lost(const arch_fault_info_t *f);
/* One-line class, e.g. "MemManage DACCVIOL MMARVALID", into buf. */
void arch_fault_class(const arch_fault_info_t *f, char *buf, unsigned size);
/* The faulting address (MMFAR/BFAR when valid, the pc for an instruction
 * fetch fault); false if there is none. */
bool arch_fault_address(const arch_fault_info_t *f, uint32_t *addr, const char **source);
/* The fault status part of a dump: exception, CFSR/HFSR decoded into one
 * line per bit, the address. */
void arch_fault_print_status(const arch_fault_info_t *f, arch_out_fn out);
/* r0-r12, sp, lr, pc, xpsr (sp = the process sp before the frame). */
void arch_fault_print_registers(const arch_fault_info_t *f, arch_out_fn out);

void arch_init(void);
/* CCR.UNALIGN_TRP: when on, every unaligned single load/store is a
 * UsageFault (LDRD/LDM/STRD/STM at unaligned addresses always are). */
void arch_set_unaligned_trap(bool on);
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
