/*
 * kernel.h - the kernel API for boards: register drivers, load processes
 * from app flash, run the kernel loop. Capsules never include this.
 *
 * A board's main() is a list of sections (see kernel/boards/<board>/main.c):
 * chip set-up, muxes, capsules, kernel_set_drivers(), sched_init(),
 * kernel_set_fault_policy(), kernel_load_processes(), kernel_loop().
 */
#ifndef CTOCK_KERNEL_H
#define CTOCK_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "capsule.h"

#define CTOCK_MAX_DRIVERS 16

typedef struct {
    uint32_t num;                  /* driver number (driver_num.h) */
    const ctock_driver_t *driver;
} ctock_driver_entry_t;

/* The syscall driver table; `entries` must outlive the kernel (static). */
void kernel_set_drivers(const ctock_driver_entry_t *entries, unsigned count);

/* Scans TBF images in [flash_start, flash_end) and creates one process per
 * enabled app, taking RAM from [ram_start, ram_end). Prints one line per
 * process (or per skipped image). Returns the number of processes. */
unsigned kernel_load_processes(uint32_t flash_start, uint32_t flash_end,
                               uint32_t ram_start, uint32_t ram_end);

/* What a fault in a process does (core/fault.c): stop it; restart it for
 * its first `restart_threshold` faults, then stop it; or panic. The
 * kernel default is STOP. */
typedef enum {
    FAULT_POLICY_STOP,
    FAULT_POLICY_RESTART,
    FAULT_POLICY_PANIC,
} kernel_fault_policy_t;
void kernel_set_fault_policy(kernel_fault_policy_t policy, unsigned restart_threshold);

/* Grants (ctock/grant.h), for debugging and measurement: how many the
 * capsules declared, and what each costs a process that uses it. */
typedef struct {
    uint32_t driver;             /* driver number it serves, or 0xFFFFFFFF */
    uint32_t data_bytes;         /* capsule state (rounded up to 8) */
    uint32_t slot_bytes;         /* upcall + allow slots, 8 bytes each */
    uint32_t instance_bytes;     /* header + slots + data */
    uint32_t header_bytes;       /* per instance */
    uint32_t table_entry_bytes;  /* per declared grant in every process */
} kernel_grant_info_t;
unsigned kernel_grant_count(void);
bool kernel_grant_info(unsigned id, kernel_grant_info_t *out);

/* Round-robin scheduler with a SysTick timeslice. */
void sched_init(uint32_t cpu_hz, uint32_t timeslice_us);

/* The kernel loop: never returns. */
void kernel_loop(void) __attribute__((noreturn));

#endif
