/*
 * process.c - process table: loading TBF images into processes, starting,
 * restarting, terminating and faulting them, and their memory bounds.
 *
 * Process start contract (Tock's ProcessStandard + cortex-m
 * UserspaceKernelBoundary, checked against tock/tock kernel/src/
 * process_standard.rs and arch/cortex-m/src/syscall.rs):
 *   pc  = flash_start + header_size + init_fn_offset (Thumb)
 *   r0  = app_start  = flash_start + header_size + protected_trailer_size
 *   r1  = mem_start  (start of the process RAM block)
 *   r2  = mem_len    (length of the whole block, grant region included)
 *   r3  = app_brk    = mem_start + 32 (Tock's initial break: just room
 *                      for the first exception frame)
 *   sp  = app_brk (the start frame is popped from mem_start)
 *   unprivileged thread mode on PSP, xPSR = Thumb only.
 * crt0 then moves its stack and asks for RAM with memop brk.
 *
 * RAM blocks: size = next power of two >= minimum_ram_size + the grant
 * pointer table, aligned to its size, so the MPU can cover it (arch
 * mpu.c). minimum_ram_size already holds the app's "kernel heap" (elf2tbf
 * --kernel-heap): the room grants take from the top (grant.c). The flash
 * image must be a power of two aligned to its size too, or the process is
 * not loaded. Faults and the fault policy: fault.c. An exit-restart always
 * restarts; every (re)start frees the process's grants and zeroes RAM.
 */
#include "process.h"

#include <string.h>

#include "ctock/debug.h"

process_t process_table[CTOCK_MAX_PROCS];
static uint32_t next_generation = 1;

bool process_is_alive(const process_t *p)
{
    return p->state == PROC_RUNNING || p->state == PROC_YIELDED ||
           p->state == PROC_YIELDED_FOR;
}

process_t *process_from_pid(ctock_pid_t pid)
{
    unsigned i = ctock_pid_index(pid);
    if (pid == CTOCK_PID_NONE || i >= CTOCK_MAX_PROCS)
        return NULL;
    process_t *p = &process_table[i];
    return (p->pid == pid && process_is_alive(p)) ? p : NULL;
}

bool ctock_pid_alive(ctock_pid_t pid)
{
    return process_from_pid(pid) != NULL;
}

ctock_pid_t ctock_pid_next(unsigned *cursor)
{
    while (*cursor < CTOCK_MAX_PROCS) {
        process_t *p = &process_table[(*cursor)++];
        if (process_is_alive(p))
            return p->pid;
    }
    return CTOCK_PID_NONE;
}

bool ctock_proc_info(unsigned index, ctock_proc_info_t *out)
{
    static const uint8_t state_ids[] = {
        [PROC_RUNNING] = CTOCK_PROC_RUNNING,
        [PROC_YIELDED] = CTOCK_PROC_YIELDED,
        [PROC_YIELDED_FOR] = CTOCK_PROC_YIELDED_FOR,
        [PROC_TERMINATED] = CTOCK_PROC_TERMINATED,
        [PROC_FAULTED] = CTOCK_PROC_FAULTED,
    };
    if (index >= CTOCK_MAX_PROCS || process_table[index].state == PROC_UNUSED)
        return false;
    const process_t *p = &process_table[index];
    size_t n = strlen(p->name);
    if (n > CTOCK_PROC_NAME_MAX)
        n = CTOCK_PROC_NAME_MAX;
    out->pid = p->pid;
    memcpy(out->name, p->name, n);
    out->name[n] = '\0';
    out->state = p->stopped && process_is_alive(p) ? CTOCK_PROC_STOPPED : state_ids[p->state];
    out->restarts = p->restarts;
    out->syscalls = p->syscalls;
    out->timeslice_expirations = p->timeslice_expirations;
    out->faults = p->faults;
    return true;
}

bool process_runnable(process_t *p)
{
    if (p->stopped)
        return false;
    if (p->state == PROC_RUNNING)
        return true;
    return p->state == PROC_YIELDED && upcall_has_deliverable(p);
}

static bool range_in(uint32_t addr, uint32_t len, uint32_t lo, uint32_t hi)
{
    return addr >= lo && addr <= hi && len <= hi - addr;
}

bool process_in_app_ram(const process_t *p, uint32_t addr, uint32_t len)
{
    return range_in(addr, len, p->mem_start, p->app_brk);
}

bool process_in_flash(const process_t *p, uint32_t addr, uint32_t len)
{
    return range_in(addr, len, p->flash_start, p->flash_end);
}

uint32_t process_brk(process_t *p, uint32_t new_brk)
{
    /* Tock: the break may not drop below memory already allowed to the
     * kernel, nor reach into the grant region at the top of the block; the
     * MPU rounds the accessible end up, and that rounded end must not pass
     * kernel_brk either (mpu_configure_process checks against it), which
     * keeps grant allocation's invariant kernel_brk >= mpu.ram_end. */
    if (new_brk < p->allow_hwm || new_brk < p->mem_start || new_brk > p->kernel_brk)
        return 0;
    if (!mpu_configure_process(&p->mpu, p->flash_start, p->flash_end - p->flash_start,
                               p->mem_start, p->mem_len, new_brk, p->kernel_brk))
        return 0;
    uint32_t old = p->app_brk;
    p->app_brk = new_brk;
    /* The fresh configuration lost the IPC shared regions: add them again
     * (the RAM chain may have grown into their slots: those are dropped). */
    uint8_t kept = 0;
    for (uint8_t i = 0; i < p->nshared; i++)
        if (mpu_add_region(&p->mpu, p->shared[i].base, p->shared[i].size))
            p->shared[kept++] = p->shared[i];
    p->nshared = kept;
    return old;
}

bool process_share_region(process_t *p, uint32_t base, uint32_t size)
{
    for (uint8_t i = 0; i < p->nshared; i++)
        if (p->shared[i].base == base && p->shared[i].size == size)
            return true;
    if (p->nshared >= PROCESS_SHARED_MAX || !mpu_add_region(&p->mpu, base, size))
        return false;
    p->shared[p->nshared].base = base;
    p->shared[p->nshared].size = size;
    p->nshared++;
    return true;
}

/* (Re)initialises memory pointers, tables, the start frame and the MPU. */
void process_start(process_t *p)
{
    unsigned idx = (unsigned)(p - process_table);
    p->pid = (next_generation++ << 8) | idx;
    if (next_generation >= (1u << 24))
        next_generation = 1;

    grant_process_free(p);    /* a restart: unlink the old instances */
    memset((void *)p->mem_start, 0, p->mem_len);
    grant_process_init(p);    /* empty grant table, kernel_brk below it */
    p->app_brk = p->mem_start + ARCH_FRAME_BYTES;
    p->allow_hwm = p->mem_start;
    p->stack_hint = p->heap_hint = 0;
    upcall_clear(p);
    p->slice_left = 0;
    p->nshared = 0;           /* IPC regions of other processes: dropped */
    p->stopped = false;

    memset(&p->ctx, 0, sizeof(p->ctx));
    uint32_t *frame = (uint32_t *)p->mem_start;
    frame[FRAME_R0] = p->app_start;
    frame[FRAME_R1] = p->mem_start;
    frame[FRAME_R2] = p->mem_len;
    frame[FRAME_R3] = p->app_brk;
    frame[FRAME_R12] = 0;
    frame[FRAME_LR] = 1;      /* Tock: yield_pc (0) | 1; crt0 never returns */
    frame[FRAME_PC] = p->init_fn & ~1u;
    frame[FRAME_XPSR] = 0x01000000u;
    p->ctx.psp = p->mem_start;
    /* Cannot fail: create_one checked the flash and RAM regions, and the
     * start break (mem_start + 32) is below kernel_brk (alloc_ram). */
    mpu_configure_process(&p->mpu, p->flash_start, p->flash_end - p->flash_start,
                          p->mem_start, p->mem_len, p->app_brk, p->kernel_brk);
    p->state = PROC_RUNNING;
}

void process_terminate(process_t *p, uint32_t code)
{
    p->completion_code = code;
    upcall_clear(p);
    grant_process_free(p);
    p->state = PROC_TERMINATED;
    printk("ctock: process '%s' exited (%u)\n", p->name, (unsigned)code);
}

void process_restart(process_t *p, uint32_t code)
{
    p->completion_code = code;
    p->restarts++;
    printk("ctock: process '%s' restarting (%u)\n", p->name, (unsigned)code);
    process_start(p);
}

static uint32_t next_pow2(uint32_t v)
{
    uint32_t r = 256;
    while (r < v && r != 0x80000000u)
        r <<= 1;
    return r;
}

/* Takes a RAM block for `min_ram` bytes (the app's own and its grant
 * headroom) plus the grant pointer table from the pool at *cursor. */
static bool alloc_ram(uint32_t *cursor, uint32_t ram_end, uint32_t min_ram,
                      uint32_t *start, uint32_t *len)
{
    uint32_t want = min_ram < ARCH_FRAME_BYTES ? ARCH_FRAME_BYTES : min_ram;
    uint32_t table = grant_table_bytes();
    /* No block is larger than the pool; checking first keeps want + table
     * (and the power of two above it) from wrapping. */
    if (*cursor >= ram_end || want > ram_end - *cursor ||
        ram_end - *cursor - want < table)
        return false;
    uint32_t size = next_pow2(want + table);
    if (size > ram_end - *cursor)
        return false;
    uint32_t base = (*cursor + size - 1) & ~(size - 1);
    if (base < *cursor || size > ram_end - base)
        return false;
    *start = base;
    *len = size;
    *cursor = base + size;
    return true;
}

static bool create_one(const tbf_info_t *t, unsigned idx, uint32_t *ram_cursor, uint32_t ram_end)
{
    process_t *p = &process_table[idx];
    memset(p, 0, sizeof(*p));
    p->tbf = *t;
    p->name = p->tbf.name[0] ? p->tbf.name : "(no name)";
    p->flash_start = t->start;
    p->flash_end = t->start + t->total_size;
    p->app_start = t->start + t->header_size + t->protected_trailer;
    p->init_fn = t->start + t->header_size + t->init_fn_offset;

    if (!mpu_region_ok(t->start, t->total_size)) {
        printk("ctock: process '%s': flash image at 0x%08x (%u bytes) is not a power of two "
               "aligned to its size (MPU), skipped\n",
               p->name, (unsigned)t->start, (unsigned)t->total_size);
        p->state = PROC_UNUSED;
        return false;
    }

    if (!alloc_ram(ram_cursor, ram_end, t->min_ram_size, &p->mem_start, &p->mem_len)) {
        printk("ctock: process '%s': not enough RAM for %u bytes, skipped\n",
               p->name, (unsigned)t->min_ram_size);
        p->state = PROC_UNUSED;
        return false;
    }
    process_start(p);
    printk("ctock: process '%s' loaded: flash 0x%08x (%u bytes), ram 0x%08x (%u bytes)\n",
           p->name, (unsigned)p->flash_start, (unsigned)t->total_size,
           (unsigned)p->mem_start, (unsigned)p->mem_len);
    return true;
}

unsigned kernel_load_processes(uint32_t flash_start, uint32_t flash_end,
                               uint32_t ram_start, uint32_t ram_end)
{
    unsigned count = 0;
    uint32_t addr = flash_start;
    uint32_t ram_cursor = ram_start;

    while (addr < flash_end) {
        tbf_info_t t;
        tbf_status_t s = tbf_parse(addr, flash_end - addr, &t);
        if (s == TBF_END)
            break;
        if (s != TBF_OK) {
            if (t.total_size == 0) {
                printk("ctock: app at 0x%08x: %s, stopped scanning\n", (unsigned)addr,
                       tbf_status_str(s));
                break;
            }
            printk("ctock: app at 0x%08x: %s, skipped\n", (unsigned)addr, tbf_status_str(s));
        } else if (t.is_app && !(t.flags & TBF_FLAG_ENABLED)) {
            printk("ctock: process '%s' disabled, skipped\n", t.name[0] ? t.name : "(no name)");
        } else if (t.is_app) {
            if (count == CTOCK_MAX_PROCS) {
                printk("ctock: app at 0x%08x: process table full, skipped\n", (unsigned)addr);
            } else if (create_one(&t, count, &ram_cursor, ram_end)) {
                count++;
            }
        }
        addr += t.total_size;
    }
    if (count == 0)
        printk("ctock: no processes\n");
    return count;
}
