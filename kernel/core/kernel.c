/*
 * kernel.c - the kernel loop and the driver table.
 *
 *   loop:
 *     interrupt bottom halves      (irq_service_pending)
 *     deferred calls               (deferred_call_service)
 *     pick a process (sched)  ->   run it until it yields, faults, its
 *                                  timeslice ends or an interrupt needs the
 *                                  kernel; handle each syscall in between
 *     nothing runnable        ->   interrupts off, check again, wfi
 *
 * The `wfi` runs with PRIMASK set: a pending interrupt still wakes the core,
 * and is taken right after `cpsie i`, so no wake-up is lost between the
 * last check and the sleep.
 */
#include "ctock/kernel.h"

#include "ctock/arch.h"
#include "ctock/debug.h"
#include "ctock/deferred.h"
#include "ctock/interrupt.h"
#include "ctock/mpu.h"
#include "process.h"

static const ctock_driver_entry_t *drivers;
static unsigned driver_count;

void kernel_set_drivers(const ctock_driver_entry_t *entries, unsigned count)
{
    if (count > CTOCK_MAX_DRIVERS)
        debug_panic("ctock: too many drivers (%u > %u)\n", count, CTOCK_MAX_DRIVERS);
    drivers = entries;
    driver_count = count;
}

const ctock_driver_t *kernel_driver(uint32_t num)
{
    for (unsigned i = 0; i < driver_count; i++) {
        if (drivers[i].num == num)
            return drivers[i].driver;
    }
    return NULL;
}

uint32_t kernel_driver_of_grant(const ctock_grant_t *g)
{
    for (unsigned i = 0; i < driver_count; i++) {
        if (drivers[i].driver->grant == g)
            return drivers[i].num;
    }
    return 0xFFFFFFFFu;
}

static bool kernel_has_work(void)
{
    return irq_has_pending() || deferred_call_has_pending();
}

/* Runs p until it stops being the process the CPU should run. */
static void run_process(process_t *p)
{
    for (;;) {
        if (p->state == PROC_YIELDED)
            upcall_deliver(p);
        if (p->state != PROC_RUNNING) {
            sched_done(p, SWITCH_SYSCALL, 0);
            return;
        }
        if (kernel_has_work()) {
            sched_done(p, SWITCH_INTERRUPTED, p->slice_left ? p->slice_left : sched_slice_ticks());
            return;
        }
        arch_fault_info_t fault;
        mpu_load(&p->mpu);
        arch_systick_start(p->slice_left ? p->slice_left : sched_slice_ticks());
        arch_switch_reason_t why = arch_switch_to_process(&p->ctx, &fault);
        uint32_t left = arch_systick_stop();

        switch (why) {
        case SWITCH_SYSCALL:
            syscall_handle(p);
            p->slice_left = left;
            if (left == 0) {
                p->timeslice_expirations++;
                sched_done(p, SWITCH_TIMESLICE, 0);
                return;
            }
            break;
        case SWITCH_FAULT:
            process_fault(p, &fault);   /* dump + fault policy */
            sched_done(p, why, 0);
            return;
        case SWITCH_TIMESLICE:
        case SWITCH_INTERRUPTED:
            if (why == SWITCH_TIMESLICE)
                p->timeslice_expirations++;
            sched_done(p, why, left);
            return;
        }
    }
}

void kernel_loop(void)
{
    for (;;) {
        if (irq_has_pending())
            irq_service_pending();
        if (deferred_call_has_pending()) {
            deferred_call_service();
            continue;
        }
        process_t *p = sched_pick();
        if (p != NULL) {
            run_process(p);
            continue;
        }
        arch_irq_disable();
        if (!kernel_has_work() && sched_pick() == NULL)
            arch_wfi();
        arch_irq_enable();
    }
}
