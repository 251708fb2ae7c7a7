/*
 * fault.c - what happens when a process faults: the fault dump on the
 * console (in the style of Tock's process dump) and the board's fault
 * policy (Tock's ProcessFaultPolicy):
 *
 *   FAULT_POLICY_STOP     the process stays faulted; the others run on
 *   FAULT_POLICY_RESTART  restarted (zeroed RAM, new pid) for its first
 *                         `threshold` faults, then stopped
 *   FAULT_POLICY_PANIC    kernel panic (the board's halt hook ends a
 *                         simulation with a failure status)
 *
 * The dump (docs/kernel.md has the exact format) is printed with
 * printk_wait, whole and in order, before any process runs again.
 */
#include "ctock/debug.h"
#include "ctock/kernel.h"
#include "process.h"

static kernel_fault_policy_t policy = FAULT_POLICY_STOP;
static unsigned restart_threshold;

void kernel_set_fault_policy(kernel_fault_policy_t pol, unsigned threshold)
{
    policy = pol;
    restart_threshold = threshold;
}

static const char *policy_name(void)
{
    switch (policy) {
    case FAULT_POLICY_STOP: return "stop";
    case FAULT_POLICY_RESTART: return "restart";
    case FAULT_POLICY_PANIC: return "panic";
    }
    return "?";
}

/* One boundary line of the memory map: address, then a label. */
static void edge(uint32_t addr, const char *label)
{
    printk_wait("ctock:   0x%08x +------------------------------ %s\n", (unsigned)addr, label);
}

static void area(const char *what, uint32_t lo, uint32_t hi, const char *note)
{
    printk_wait("ctock:              | %-18s %6u bytes %s\n", what, (unsigned)(hi - lo), note);
}

static bool between(uint32_t lo, uint32_t x, uint32_t hi)
{
    return lo <= x && x <= hi;
}

static void print_memory_map(const process_t *p, const arch_fault_info_t *f)
{
    uint32_t end = p->mem_start + p->mem_len, ram_end = p->mpu.ram_end;
    uint32_t table = p->grants ? end - (uint32_t)(uintptr_t)p->grants : 0, used;
    unsigned n = grant_process_usage(p, &used);
    char note[48];
    printk_wait("ctock: memory map:\n");
    edge(end, "end of RAM block");
    area("grant table", end - table, end, "(kernel-owned, no access)");
    edge(end - table, "grant table");
    ctock_snprintf(note, sizeof(note), "(%u allocated, no access)", n);
    area("grants", p->kernel_brk, end - table, note);
    edge(p->kernel_brk, "kernel break (memop 6)");
    area("unused", ram_end, p->kernel_brk, "(no access)");
    if (ram_end != p->app_brk) {
        edge(ram_end, "MPU end (app break rounded up)");
        area("unused", p->app_brk, ram_end, "(accessible)");
    }
    edge(p->app_brk, "app break");

    uint32_t stack_top = p->stack_hint, heap = p->heap_hint;
    bool hints = between(p->mem_start, stack_top, p->app_brk) && between(stack_top, heap, p->app_brk);
    note[0] = 0;
    uint32_t sp = f->psp;   /* the frame; the process's sp was above it */
    if (f->frame_valid)
        sp += ARCH_FRAME_BYTES + ((f->frame[FRAME_XPSR] & (1u << 9)) ? 4u : 0u);
    if (sp < p->mem_start)
        ctock_snprintf(note, sizeof(note), "(sp 0x%08x: below RAM, overflow)", (unsigned)sp);
    else if (sp < p->app_brk)
        ctock_snprintf(note, sizeof(note), "(sp 0x%08x)", (unsigned)sp);
    else
        ctock_snprintf(note, sizeof(note), "(sp 0x%08x: outside)", (unsigned)sp);
    if (hints) {
        area("heap", heap, p->app_brk, "");
        edge(heap, "heap start (memop 11)");
        area("data, bss", stack_top, heap, "");
        edge(stack_top, "stack top (memop 10)");
        area("stack", p->mem_start, stack_top, note);
    } else {
        area("app memory", p->mem_start, p->app_brk, note);
    }
    edge(p->mem_start, "start of RAM block");
    printk_wait("ctock:              ...\n");
    edge(p->flash_end, "end of flash image");
    area("app binary", p->app_start, p->flash_end, "(read/execute)");
    edge(p->app_start, "app start");
    area("TBF header", p->flash_start, p->app_start, "(read only)");
    edge(p->flash_start, "start of flash image");
}

static void print_dump(const process_t *p, arch_fault_info_t *f)
{
    printk_wait("ctock: ---| fault dump: process '%s', pid 0x%08x |---\n", p->name,
                (unsigned)p->pid);
    arch_fault_print_status(f, printk_wait);
    printk_wait("ctock: registers:\n");
    arch_fault_print_registers(f, printk_wait);
    print_memory_map(p, f);
    printk_wait("ctock: MPU regions:\n");
    mpu_print(&p->mpu, printk_wait);
    printk_wait("ctock: state: faults %u, restarts %u, fault policy %s, restart threshold %u\n",
                (unsigned)p->faults, (unsigned)p->restarts, policy_name(),
                policy == FAULT_POLICY_RESTART ? restart_threshold : 0u);
    printk_wait("ctock: ---| end of fault dump |---\n");
}

void process_fault(process_t *p, arch_fault_info_t *f)
{
    /* Complete what the arch could not know: the process's registers. */
    for (unsigned i = 0; i < 8; i++)
        f->regs[i] = p->ctx.regs[i];
    const uint32_t *frame = process_frame(p);
    f->frame_valid = f->exception != 0 && frame != NULL && !arch_fault_frame_lost(f);
    for (unsigned i = 0; f->frame_valid && i < ARCH_FRAME_WORDS; i++)
        f->frame[i] = frame[i];
    if (f->psp == 0)
        f->psp = p->ctx.psp;

    upcall_clear(p);
    p->state = PROC_FAULTED;
    p->faults++;

    char cls[96], at[24] = "", pc[20] = "";
    arch_fault_class(f, cls, sizeof(cls));
    uint32_t addr;
    const char *src;
    if (arch_fault_address(f, &addr, &src))
        ctock_snprintf(at, sizeof(at), " at 0x%08x", (unsigned)addr);
    if (f->frame_valid)
        ctock_snprintf(pc, sizeof(pc), " (pc 0x%08x)", (unsigned)f->frame[FRAME_PC]);
    printk_wait("ctock: process '%s' faulted: %s%s%s\n", p->name, cls, at, pc);
    print_dump(p, f);
    grant_process_free(p);   /* a restart starts with none; a stop keeps none */

    switch (policy) {
    case FAULT_POLICY_PANIC:
        debug_panic("ctock: kernel panic: process '%s' faulted (fault policy panic)\n", p->name);
    case FAULT_POLICY_RESTART:
        if (p->faults <= restart_threshold) {
            p->restarts++;
            printk_wait("ctock: process '%s' restarting after fault %u of %u\n", p->name,
                        (unsigned)p->faults, restart_threshold);
            process_start(p);
            return;
        }
        printk_wait("ctock: process '%s' stopped after %u faults (restart threshold %u)\n",
                    p->name, (unsigned)p->faults, restart_threshold);
        return;
    case FAULT_POLICY_STOP:
        printk_wait("ctock: process '%s' stopped (fault policy stop)\n", p->name);
        return;
    }
}

void process_fault_detected(process_t *p, const char *what)
{
    arch_fault_info_t f = { .exception = 0, .detail = what, .psp = p->ctx.psp };
    process_fault(p, &f);
}
