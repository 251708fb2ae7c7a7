/*
 * fault.c - Cortex-M4 faults: recording a process fault for the core,
 * decoding CFSR/HFSR into words for the fault dump (ARMv7-M ARM B3.2.15-16),
 * and the kernel fault panic.
 *
 * fault_handler (switch.S) serves NMI, HardFault, MemManage, BusFault and
 * UsageFault. From a process (EXC_RETURN uses PSP) it records the fault
 * status here and returns to the kernel thread, which applies the fault
 * policy. From the kernel it is a kernel fault: full dump, then panic.
 * Not decoded: the FPU's lazy stacking (no FPU context), DEBUGEVT details.
 */
#include "ctock/arch.h"
#include "ctock/debug.h"

#define SCB_CFSR (*(volatile uint32_t *)0xE000ED28)
#define SCB_HFSR (*(volatile uint32_t *)0xE000ED2C)
#define SCB_MMFAR (*(volatile uint32_t *)0xE000ED34)
#define SCB_BFAR (*(volatile uint32_t *)0xE000ED38)

#define CFSR_IACCVIOL (1u << 0)
#define CFSR_MSTKERR (1u << 4)
#define CFSR_MMARVALID (1u << 7)
#define CFSR_STKERR (1u << 12)
#define CFSR_BFARVALID (1u << 15)

static const struct {
    uint32_t bit;
    const char *name, *words;
} status_bits[] = {
    { 1u << 0, "IACCVIOL", "Instruction access violation" },
    { 1u << 1, "DACCVIOL", "Data access violation" },
    { 1u << 3, "MUNSTKERR", "Unstacking error (MemManage on exception return)" },
    { 1u << 4, "MSTKERR", "Stacking error (MemManage on exception entry)" },
    { 1u << 5, "MLSPERR", "FP lazy state preservation error (MemManage)" },
    { 1u << 7, "MMARVALID", "MMFAR valid" },
    { 1u << 8, "IBUSERR", "Instruction bus error" },
    { 1u << 9, "PRECISERR", "Precise data bus error" },
    { 1u << 10, "IMPRECISERR", "Imprecise data bus error" },
    { 1u << 11, "UNSTKERR", "Unstacking error (BusFault on exception return)" },
    { 1u << 12, "STKERR", "Stacking error (BusFault on exception entry)" },
    { 1u << 13, "LSPERR", "FP lazy state preservation error (BusFault)" },
    { 1u << 15, "BFARVALID", "BFAR valid" },
    { 1u << 16, "UNDEFINSTR", "Undefined instruction" },
    { 1u << 17, "INVSTATE", "Invalid state (EPSR.T or IT bits)" },
    { 1u << 18, "INVPC", "Invalid PC load (invalid EXC_RETURN)" },
    { 1u << 19, "NOCP", "No coprocessor" },
    { 1u << 24, "UNALIGNED", "Unaligned access" },
    { 1u << 25, "DIVBYZERO", "Divide by zero" },
};

static const struct {
    uint32_t bit;
    const char *name, *words;
} hfsr_bits[] = {
    { 1u << 1, "VECTTBL", "Vector table read fault" },
    { 1u << 30, "FORCED", "Forced hard fault (escalated from a configurable fault)" },
    { 1u << 31, "DEBUGEVT", "Debug event" },
};

static const char *exception_name(uint32_t exc)
{
    switch (exc) {
    case 0: return "kernel-detected";
    case 2: return "NMI";
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    }
    return "exception";
}

static uint32_t ipsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, ipsr" : "=r"(v));
    return v & 0x1FFu;
}

static void record_status(arch_fault_info_t *f)
{
    f->exception = ipsr();
    f->cfsr = SCB_CFSR;
    f->hfsr = SCB_HFSR;
    f->mmfar = SCB_MMFAR;
    f->bfar = SCB_BFAR;
    SCB_CFSR = f->cfsr;   /* write-one-to-clear, ready for the next fault */
    SCB_HFSR = f->hfsr;
}

/* Called from fault_handler (handler mode) when a process faulted. */
extern volatile uint32_t arch_process_faulted;
extern arch_fault_info_t arch_last_fault;
void arch_record_process_fault(uint32_t psp, uint32_t exc_return)
{
    arch_fault_info_t *f = &arch_last_fault;
    *f = (arch_fault_info_t){ .psp = psp, .exc_return = exc_return };
    record_status(f);
    arch_process_faulted = 1;
}

bool arch_fault_frame_lost(const arch_fault_info_t *f)
{
    return (f->cfsr & (CFSR_MSTKERR | CFSR_STKERR)) != 0;
}

void arch_fault_class(const arch_fault_info_t *f, char *buf, unsigned size)
{
    int n = ctock_snprintf(buf, size, "%s", f->exception ? exception_name(f->exception) : "");
    if (f->exception == 0 && f->detail)
        n = ctock_snprintf(buf, size, "%s", f->detail);
    for (unsigned i = 0; i < sizeof(hfsr_bits) / sizeof(hfsr_bits[0]); i++)
        if ((f->hfsr & hfsr_bits[i].bit) && n >= 0 && (unsigned)n < size)
            n += ctock_snprintf(buf + n, size - (unsigned)n, " %s", hfsr_bits[i].name);
    for (unsigned i = 0; i < sizeof(status_bits) / sizeof(status_bits[0]); i++)
        if ((f->cfsr & status_bits[i].bit) && n >= 0 && (unsigned)n < size)
            n += ctock_snprintf(buf + n, size - (unsigned)n, " %s", status_bits[i].name);
}

bool arch_fault_address(const arch_fault_info_t *f, uint32_t *addr, const char **source)
{
    if (f->cfsr & CFSR_MMARVALID) {
        *addr = f->mmfar;
        *source = "MMFAR";
    } else if (f->cfsr & CFSR_BFARVALID) {
        *addr = f->bfar;
        *source = "BFAR";
    } else if ((f->cfsr & CFSR_IACCVIOL) && f->frame_valid) {
        *addr = f->frame[FRAME_PC];
        *source = "pc, instruction fetch";
    } else {
        return false;
    }
    return true;
}

void arch_fault_print_status(const arch_fault_info_t *f, arch_out_fn out)
{
    if (f->exception == 0) {
        out("ctock: fault: detected by the kernel: %s\n", f->detail ? f->detail : "?");
        return;
    }
    out("ctock: fault: %s (exception %u), cfsr 0x%08x, hfsr 0x%08x\n",
        exception_name(f->exception), (unsigned)f->exception, (unsigned)f->cfsr,
        (unsigned)f->hfsr);
    for (unsigned i = 0; i < sizeof(hfsr_bits) / sizeof(hfsr_bits[0]); i++)
        if (f->hfsr & hfsr_bits[i].bit)
            out("ctock:   %-11s %s\n", hfsr_bits[i].name, hfsr_bits[i].words);
    for (unsigned i = 0; i < sizeof(status_bits) / sizeof(status_bits[0]); i++)
        if (f->cfsr & status_bits[i].bit)
            out("ctock:   %-11s %s\n", status_bits[i].name, status_bits[i].words);
    uint32_t addr;
    const char *src;
    if (arch_fault_address(f, &addr, &src))
        out("ctock: faulting address: 0x%08x (%s)\n", (unsigned)addr, src);
    else
        out("ctock: faulting address: none recorded\n");
}

void arch_fault_print_registers(const arch_fault_info_t *f, arch_out_fn out)
{
    const uint32_t *fr = f->frame, *r = f->regs;
    if (f->frame_valid) {
        out("ctock:   r0  0x%08x  r1  0x%08x  r2  0x%08x  r3  0x%08x\n", (unsigned)fr[0],
            (unsigned)fr[1], (unsigned)fr[2], (unsigned)fr[3]);
    } else {
        out("ctock:   r0-r3, r12, lr, pc, xpsr: unknown (%s)\n",
            arch_fault_frame_lost(f) ? "the exception frame could not be stacked"
                                     : "no exception frame in the process's RAM");
    }
    out("ctock:   r4  0x%08x  r5  0x%08x  r6  0x%08x  r7  0x%08x\n", (unsigned)r[0],
        (unsigned)r[1], (unsigned)r[2], (unsigned)r[3]);
    out("ctock:   r8  0x%08x  r9  0x%08x  r10 0x%08x  r11 0x%08x\n", (unsigned)r[4],
        (unsigned)r[5], (unsigned)r[6], (unsigned)r[7]);
    uint32_t sp = f->psp;
    if (f->frame_valid) {
        sp += ARCH_FRAME_BYTES + ((fr[FRAME_XPSR] & (1u << 9)) ? 4u : 0u);
        out("ctock:   r12 0x%08x  sp  0x%08x  lr  0x%08x  pc  0x%08x\n", (unsigned)fr[4],
            (unsigned)sp, (unsigned)fr[5], (unsigned)fr[6]);
        out("ctock:   xpsr 0x%08x  (frame at 0x%08x, exc_return 0x%08x)\n", (unsigned)fr[7],
            (unsigned)f->psp, (unsigned)f->exc_return);
    } else {
        out("ctock:   psp 0x%08x  (exc_return 0x%08x)\n", (unsigned)sp, (unsigned)f->exc_return);
    }
}

/* Called from fault_handler when the kernel itself faulted: frame is the
 * stacked r0-r3 r12 lr pc xpsr on MSP, regs the live r4-r11. */
void arch_kernel_fault(const uint32_t *frame, uint32_t exc_return, const uint32_t *regs)
    __attribute__((noreturn));
void arch_kernel_fault(const uint32_t *frame, uint32_t exc_return, const uint32_t *regs)
{
    arch_fault_info_t f = { .exc_return = exc_return, .frame_valid = true,
                            .psp = (uint32_t)(uintptr_t)frame };
    record_status(&f);
    for (unsigned i = 0; i < ARCH_FRAME_WORDS; i++)
        f.frame[i] = frame[i];
    for (unsigned i = 0; i < 8; i++)
        f.regs[i] = regs[i];
    char cls[96];
    arch_fault_class(&f, cls, sizeof(cls));
    debug_polled("\nctock: kernel fault: %s, pc 0x%08x\n", cls, (unsigned)frame[FRAME_PC]);
    debug_polled("ctock: ---| kernel fault dump |---\n");
    arch_fault_print_status(&f, debug_polled);
    debug_polled("ctock: registers (kernel, %s):\n",
                 (exc_return & 8u) ? "thread mode" : "handler mode");
    arch_fault_print_registers(&f, debug_polled);
    debug_polled("ctock:   mmfar 0x%08x  bfar 0x%08x\n", (unsigned)f.mmfar, (unsigned)f.bfar);
    debug_polled("ctock: ---| end of fault dump |---\n");
    debug_panic("ctock: kernel panic: kernel fault\n");
}
