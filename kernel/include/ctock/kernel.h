/*
 * kernel.h - the kernel API for boards: register drivers, load processes
 * from app flash, run the kernel loop. Capsules never include this.
 *
 * A board's main() is a list of sections (see kernel/boards/<board>/main.c):
 * chip set-up, muxes, capsules, kernel_set_drivers(), sched_init(),
 * kernel_load_processes(), kernel_loop().
 */
#ifndef CTOCK_KERNEL_H
#define CTOCK_KERNEL_H

#include <stdint.h>

#include "capsule.h"

#define CTOCK_MAX_DRIVERS 8

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

/* Round-robin scheduler with a SysTick timeslice. */
void sched_init(uint32_t cpu_hz, uint32_t timeslice_us);

/* The kernel loop: never returns. */
void kernel_loop(void) __attribute__((noreturn));

#endif
