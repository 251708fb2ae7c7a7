/*
 * process.h - the process table (kernel-private).
 *
 * A process is a TBF image in app flash plus one RAM block from the app RAM
 * pool. Kernel-owned per-process state (upcall table, allowed buffers,
 * upcall queue, saved registers) lives here in the kernel's table for now;
 * grants in process RAM are a later issue, but the top of each RAM block is
 * already reserved for them (memop 6 reports it).
 *
 *   mem_start + mem_len  +------------------+
 *                        | kernel reserve   |  PROCESS_KERNEL_RESERVE bytes,
 *   kernel_brk --------> +------------------+  never accessible to the app
 *                        |  (free)          |
 *   mpu.ram_end -------> +- - - - - - - - - +  app_brk rounded up to 32 bytes
 *   app_brk -----------> +------------------+  moved by memop brk/sbrk
 *                        | heap / data /    |
 *                        | stack (crt0's    |
 *                        | choice)          |
 *   mem_start ---------> +------------------+  start frame here, app_brk = +32
 */
#ifndef CTOCK_PROCESS_H
#define CTOCK_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/arch.h"
#include "ctock/capsule.h"
#include "ctock/kernel.h"
#include "ctock/mpu.h"
#include "tbf.h"

#define PROCESS_KERNEL_RESERVE 256u   /* future grant region at the top */
#define PROCESS_TASKS 10              /* upcall queue length (Tock: 10) */

typedef enum {
    PROC_UNUSED = 0,
    PROC_RUNNING,      /* runnable: its context is ready to resume */
    PROC_YIELDED,      /* yield-wait: runnable once an upcall is queued */
    PROC_YIELDED_FOR,  /* yield-wait-for (wait_driver, wait_num) */
    PROC_TERMINATED,   /* exit-terminate */
    PROC_FAULTED,      /* stopped after a fault */
} proc_state_t;

typedef struct { uint32_t fn, appdata; } upcall_slot_t;
typedef struct { uint32_t addr, len; } allow_slot_t;

typedef struct {
    uint32_t driver;           /* driver number */
    uint32_t num;              /* subscribe number */
    uint32_t fn, appdata;      /* as subscribed when queued (fn may be 0) */
    uint32_t a0, a1, a2;
} task_t;

typedef struct process {
    ctock_pid_t pid;
    proc_state_t state;
    tbf_info_t tbf;
    const char *name;

    /* flash */
    uint32_t flash_start, flash_end;   /* the whole TBF image */
    uint32_t app_start;                /* after header + protected trailer */
    uint32_t init_fn;
    /* RAM */
    uint32_t mem_start, mem_len;
    uint32_t app_brk, kernel_brk, allow_hwm;
    uint32_t stack_hint, heap_hint;    /* memop 10 / 11 (debug only) */
    mpu_config_t mpu;                  /* for [flash], [mem_start, app_brk) */

    arch_context_t ctx;
    uint32_t slice_left;               /* SysTick ticks left; 0 = fresh slice */
    uint32_t wait_driver, wait_num;    /* for PROC_YIELDED_FOR */

    upcall_slot_t upcalls[CTOCK_MAX_DRIVERS][CTOCK_MAX_UPCALLS];
    allow_slot_t allow_ro[CTOCK_MAX_DRIVERS][CTOCK_MAX_ALLOWS];
    allow_slot_t allow_rw[CTOCK_MAX_DRIVERS][CTOCK_MAX_ALLOWS];

    task_t tasks[PROCESS_TASKS];
    uint8_t task_head, task_count;

    uint32_t restarts, dropped_upcalls, completion_code;
    uint32_t faults;                   /* since loaded (survives restarts) */
} process_t;

extern process_t process_table[CTOCK_MAX_PROCS];

/* The live process for pid, or NULL. */
process_t *process_from_pid(ctock_pid_t pid);
bool process_is_alive(const process_t *p);
/* RUNNING, or YIELDED with an upcall ready to deliver. */
bool process_runnable(process_t *p);

/* [addr, addr+len) inside the app-owned RAM [mem_start, app_brk)? */
bool process_in_app_ram(const process_t *p, uint32_t addr, uint32_t len);
/* ... inside the process's flash image? */
bool process_in_flash(const process_t *p, uint32_t addr, uint32_t len);

/* Moves the app break and the MPU with it. Returns the old break, or 0 on
 * failure (ERR_NOMEM): below an allowed buffer or mem_start, or the MPU's
 * rounding of it would reach the kernel-owned top (kernel_brk). */
uint32_t process_brk(process_t *p, uint32_t new_brk);

void process_terminate(process_t *p, uint32_t code);
void process_restart(process_t *p, uint32_t code);
/* (Re)starts p: zeroed RAM, fresh pid, start frame, MPU configuration. */
void process_start(process_t *p);

/* fault.c: the process faulted (f->exception 0: the kernel found it out,
 * f->detail says what). Prints the fault dump, marks it faulted and applies
 * the board's fault policy (stop / restart up to a threshold / panic). */
void process_fault(process_t *p, arch_fault_info_t *f);
/* The same for a fault the kernel detects (bad stack pointer, ...). */
void process_fault_detected(process_t *p, const char *what);

/* Kernel driver table lookup (kernel.c): the slot index and driver. */
const ctock_driver_t *kernel_driver(uint32_t num, unsigned *slot);

/* upcall.c */
void upcall_clear(process_t *p);
bool upcall_has_deliverable(process_t *p);
/* Pops the next deliverable upcall into the process's frame; false if none
 * (or the process faulted because its stack pointer was bad). */
bool upcall_deliver(process_t *p);
/* Removes the first queued task for (driver, num); true if found. */
bool upcall_take(process_t *p, uint32_t driver, uint32_t num, task_t *out);
void upcall_remove(process_t *p, uint32_t driver, uint32_t num);
/* The process's syscall frame, or NULL if its PSP is outside its RAM. */
uint32_t *process_frame(process_t *p);

/* syscall.c */
void syscall_handle(process_t *p);

/* sched.c */
process_t *sched_pick(void);
void sched_done(process_t *p, arch_switch_reason_t why, uint32_t ticks_left);
uint32_t sched_slice_ticks(void);

#endif
