/*
 * process.h - the process table (kernel-private).
 *
 * A process is a TBF image in app flash plus one RAM block from the app RAM
 * pool. The kernel's table keeps what the kernel needs to run it (saved
 * registers, upcall queue, memory bounds, MPU configuration); per-driver
 * state (upcall and allow slots, capsule state) lives in grants at the top
 * of its RAM block (grant.c, ctock/grant.h):
 *
 *   mem_start + mem_len  +------------------+
 *                        | grant pointer    |  grant_table_bytes()
 *                        | table            |
 *                        +------------------+
 *                        | grant instances  |  allocated on first use
 *   kernel_brk --------> +------------------+  memop 6; moves down
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

#define PROCESS_TASKS 10              /* upcall queue length (Tock: 10) */

typedef enum {
    PROC_UNUSED = 0,
    PROC_RUNNING,      /* runnable: its context is ready to resume */
    PROC_YIELDED,      /* yield-wait: runnable once an upcall is queued */
    PROC_YIELDED_FOR,  /* yield-wait-for (wait_driver, wait_num) */
    PROC_TERMINATED,   /* exit-terminate */
    PROC_FAULTED,      /* stopped after a fault */
} proc_state_t;

/* Slots the kernel keeps in a driver's grant instance (grant.c). */
typedef struct { uint32_t fn, appdata; } upcall_slot_t;
typedef struct { uint32_t addr, len; } allow_slot_t;

/* The header of an allocated grant instance (8 bytes, in process RAM). */
typedef struct grant_inst {
    struct grant_inst *next;   /* next instance of the same grant */
    uint8_t proc;              /* owner: process table index */
    uint8_t entered;           /* a capsule is inside it */
    uint16_t bytes;            /* the whole instance, header included */
} grant_inst_t;

typedef struct {
    uint32_t driver;           /* driver number */
    uint32_t num;              /* subscribe number */
    uint32_t fn, appdata;      /* as subscribed when queued (fn may be 0) */
    uint32_t a0, a1, a2;
} task_t;

#define PROCESS_SHARED_MAX 2   /* IPC shared-buffer MPU regions per process */

typedef struct process {
    ctock_pid_t pid;
    proc_state_t state;
    bool stopped;                      /* alive but not scheduled (process
                                        * console stop); cleared by a start */
    tbf_info_t tbf;
    const char *name;

    /* flash */
    uint32_t flash_start, flash_end;   /* the whole TBF image */
    uint32_t app_start;                /* after header + protected trailer */
    uint32_t init_fn;
    /* RAM */
    uint32_t mem_start, mem_len;
    uint32_t app_brk, kernel_brk, allow_hwm;
    grant_inst_t **grants;             /* grant pointer table at the top of
                                        * the block; NULL: none (not started,
                                        * or its grants were freed) */
    uint32_t stack_hint, heap_hint;    /* memop 10 / 11 (debug only) */
    mpu_config_t mpu;                  /* for [flash], [mem_start, app_brk) */
    /* Other processes' buffers this one was given by IPC (Tock's
     * add_mpu_region): kept here so a break move re-adds them; dropped
     * when this process (re)starts. */
    struct { uint32_t base, size; } shared[PROCESS_SHARED_MAX];
    uint8_t nshared;

    arch_context_t ctx;
    uint32_t slice_left;               /* SysTick ticks left; 0 = fresh slice */
    uint32_t wait_driver, wait_num;    /* for PROC_YIELDED_FOR */

    task_t tasks[PROCESS_TASKS];
    uint8_t task_head, task_count;

    uint32_t restarts, dropped_upcalls, completion_code;
    uint32_t faults;                   /* since loaded (survives restarts) */
    uint32_t syscalls;                 /* since loaded (process_info) */
    uint32_t timeslice_expirations;    /* since loaded (process_info) */
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

/* Gives p user read/write access to [base, base+size) (another process's
 * IPC shared buffer) with an MPU region, until p restarts. False if the
 * MPU cannot express it or p has no free shared slot / MPU region. */
bool process_share_region(process_t *p, uint32_t base, uint32_t size);

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

/* Kernel driver table lookup (kernel.c): the driver, or NULL. */
const ctock_driver_t *kernel_driver(uint32_t num);
/* The number of the driver whose grant g is, or 0xFFFFFFFF. */
uint32_t kernel_driver_of_grant(const ctock_grant_t *g);

/* grant.c */
/* Bytes of the grant pointer table every process gets (frozen once the
 * first process is loaded: no grant_init after that). */
uint32_t grant_table_bytes(void);
/* Places an empty grant table at the top of p's (zeroed) block and sets
 * kernel_brk below it. */
void grant_process_init(process_t *p);
/* Unlinks all of p's grant instances (terminate, fault, restart); p has no
 * grants afterwards until grant_process_init. */
void grant_process_free(process_t *p);
/* p's instance of g: allocated on demand if `alloc` (NULL: no room, NOMEM),
 * else NULL when p never used g. */
grant_inst_t *grant_instance(process_t *p, ctock_grant_t *g, bool alloc);
upcall_slot_t *grant_upcall_slot(const ctock_grant_t *g, grant_inst_t *i, uint32_t num);
allow_slot_t *grant_allow_slot(const ctock_grant_t *g, grant_inst_t *i, bool rw, uint32_t num);
/* Grant instances p has and their bytes (table excluded). */
unsigned grant_process_usage(const process_t *p, uint32_t *bytes);

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
