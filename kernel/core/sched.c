/*
 * sched.c - round-robin scheduler with a SysTick timeslice (Tock's
 * RoundRobinSched).
 *
 * The scheduler walks the process table from the slot after the last
 * process that gave up the CPU. A process that was merely interrupted
 * (a peripheral needed the kernel) stays first in line and keeps the rest
 * of its timeslice; one that yielded, blocked, exited or used up its slice
 * moves to the back with a fresh slice next time.
 * Not modelled: priorities, cooperative (no-timeslice) mode.
 */
#include "ctock/kernel.h"
#include "process.h"

static unsigned rr_next;
static uint32_t slice_ticks;

void sched_init(uint32_t cpu_hz, uint32_t timeslice_us)
{
    uint64_t t = (uint64_t)cpu_hz * timeslice_us / 1000000u;
    if (t > 0xFFFFFFu)      /* SysTick is 24 bits */
        t = 0xFFFFFFu;
    if (t < 100)
        t = 100;
    slice_ticks = (uint32_t)t;
    arch_systick_init(slice_ticks);
}

uint32_t sched_slice_ticks(void)
{
    return slice_ticks;
}

process_t *sched_pick(void)
{
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++) {
        process_t *p = &process_table[(rr_next + i) % CTOCK_MAX_PROCS];
        if (process_runnable(p))
            return p;
    }
    return NULL;
}

void sched_done(process_t *p, arch_switch_reason_t why, uint32_t ticks_left)
{
    unsigned idx = (unsigned)(p - process_table);
    if (why == SWITCH_INTERRUPTED && p->state == PROC_RUNNING && ticks_left > 0) {
        p->slice_left = ticks_left;
        rr_next = idx;
    } else {
        p->slice_left = 0;
        rr_next = (idx + 1) % CTOCK_MAX_PROCS;
    }
}
