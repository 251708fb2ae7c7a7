/*
 * capsule.h - the capsule API: everything a capsule (system call driver)
 * may use from the kernel, and nothing more.
 *
 * Capsules include only this header, the HIL headers (hil/), deferred.h and
 * driver_num.h. They see processes as opaque ids (ctock_pid_t), reach process
 * memory only through bounds-checked process buffers that the kernel built
 * from an allow, and talk to processes only through upcalls.
 *
 *   syscall from a process
 *     subscribe / allow  -> handled by the kernel core: it stores the upcall
 *                           or buffer in the process's instance of the
 *                           driver's grant
 *     command            -> driver->command(ctx, pid, cmd, arg0, arg1)
 *   capsule -> process
 *     ctock_allowed_ro / ctock_allowed_rw -> the current buffer
 *     ctock_buf_read / ctock_buf_write    -> bounds-checked copy
 *     ctock_upcall_schedule               -> queue an upcall
 *     grant_enter / grant_each            -> per-process state (grant.h)
 *
 * Per-process capsule state lives in grants (grant.h): a capsule declares
 * a grant with its state size and, for a driver, its upcall and allow slot
 * counts, and reaches a process's state only inside grant_enter() /
 * grant_each() callbacks. The kernel keeps a driver's subscribe and allow
 * slots in the same grant instance, allocated on the process's first
 * subscribe, allow or grant_enter (ERR_NOMEM if its RAM block has no room).
 */
#ifndef CTOCK_CAPSULE_H
#define CTOCK_CAPSULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi.h"
#include "grant.h"

#define CTOCK_MAX_PROCS 4        /* process table size */

/* Opaque process id: index in the process table plus a generation that
 * changes on every (re)start. 0 is never a valid id. */
typedef uint32_t ctock_pid_t;
#define CTOCK_PID_NONE 0u

/* Table index of a pid, 0 .. CTOCK_MAX_PROCS-1 (meaningless for NONE). */
static inline unsigned ctock_pid_index(ctock_pid_t pid)
{
    return pid & 0xFFu;
}

/* True while the process this pid names is loaded and not terminated,
 * faulted or restarted since. */
bool ctock_pid_alive(ctock_pid_t pid);

/* Iteration over live processes: pass *cursor = 0 first; returns
 * CTOCK_PID_NONE when done. */
ctock_pid_t ctock_pid_next(unsigned *cursor);

/* Process introspection (Tock's kernel::introspection / process_each with
 * ProcessManagementCapability): for the process_info capsule, the
 * process console and IPC discovery by name only, as the capsule allowlist (capsules/allowlist.txt,
 * checked at build time by tools/check_capsules.sh) enforces. States use Tock's numbering (process_info command 5). */
typedef enum {
    CTOCK_PROC_RUNNING = 0,
    CTOCK_PROC_YIELDED = 1,
    CTOCK_PROC_YIELDED_FOR = 2,
    CTOCK_PROC_STOPPED = 3,       /* alive but not scheduled (process console stop) */
    CTOCK_PROC_FAULTED = 4,
    CTOCK_PROC_TERMINATED = 5,
} ctock_proc_state_t;

#define CTOCK_PROC_NAME_MAX 24    /* a TBF package name's bytes, at most */

typedef struct {
    ctock_pid_t pid;              /* its current id (changes on restart) */
    /* TBF package name, NUL-terminated: a copy, so no capsule holds a
     * pointer into the kernel's process table. */
    char name[CTOCK_PROC_NAME_MAX + 1];
    uint32_t state;               /* ctock_proc_state_t */
    uint32_t restarts;
    uint32_t syscalls;            /* since loaded */
    uint32_t timeslice_expirations;
    uint32_t faults;              /* since loaded (survives restarts) */
} ctock_proc_info_t;

/* The process in table slot `index` (0 .. CTOCK_MAX_PROCS-1), whatever
 * its state (faulted and terminated ones too); false for an empty slot. */
bool ctock_proc_info(unsigned index, ctock_proc_info_t *out);

/* Process management (Tock's ProcessManagementCapability, as its process
 * console uses it): for the process console only, as the capsule
 * allowlist enforces. Processes are named by table slot (0 ..
 * CTOCK_MAX_PROCS-1), as ctock_proc_info. Each returns CTOCK_OK, or
 * ERR_INVAL (empty slot), ERR_ALREADY (already in that state) or ERR_OFF
 * (the process is not in a state the operation applies to).
 *   stop       an alive process is no longer scheduled (upcalls still queue)
 *   start      a stopped process is scheduled again
 *   terminate  an alive process is terminated (grants freed), as exit
 *   boot       a terminated or faulted process is started afresh (zeroed
 *              RAM, new pid)
 *   fault      an alive process takes the fault path: fault dump, then the
 *              board's fault policy (stop / restart / panic) */
ctock_err_t ctock_proc_stop(unsigned index);
ctock_err_t ctock_proc_start(unsigned index);
ctock_err_t ctock_proc_terminate(unsigned index);
ctock_err_t ctock_proc_boot(unsigned index);
ctock_err_t ctock_proc_fault(unsigned index);

/* Memory of the process in slot `index` (process console only). */
typedef struct {
    uint32_t flash_start, flash_end;  /* the TBF image */
    uint32_t mem_start, mem_end;      /* the RAM block */
    uint32_t app_brk;                 /* app-owned: [mem_start, app_brk) */
    uint32_t kernel_brk;              /* grants: [kernel_brk, grant table) */
    uint32_t grant_table_bytes;       /* the pointer table at the top */
    uint32_t grants, grant_bytes;     /* allocated grant instances */
} ctock_proc_mem_t;
bool ctock_proc_mem(unsigned index, ctock_proc_mem_t *out);

/* The kernel's RAM (linker symbols) and the app areas, plus counters
 * (process console only). */
typedef struct {
    uint32_t ram_start, ram_end;        /* all of RAM */
    uint32_t stack_start, stack_end;    /* kernel stack (.stack) */
    uint32_t data_start, data_end;      /* .data */
    uint32_t bss_start, bss_end;        /* .bss */
    uint32_t appmem_start, appmem_end;  /* the app RAM pool */
    uint32_t apps_start, apps_end;      /* app flash */
} ctock_kernel_mem_t;
void ctock_kernel_mem(ctock_kernel_mem_t *out);

/* A system call driver, as the board registers it under a driver number.
 * Its grant's slot counts bound the subscribe / allow numbers the kernel
 * accepts for it; a driver without a grant (NULL) has no subscribes and no
 * allows (subscribe: NOSUPPORT, allow: INVAL). */
typedef struct ctock_driver {
    ctock_ret_t (*command)(void *ctx, ctock_pid_t pid, uint32_t cmd,
                           uint32_t arg0, uint32_t arg1);
    void *ctx;
    ctock_grant_t *grant;
} ctock_driver_t;

/* A process buffer: memory a process shared with an allow. Only valid until
 * the capsule returns to the kernel loop; fetch it again each time. */
typedef struct {
    ctock_pid_t pid;
    uint32_t addr;
    uint32_t len;
    bool writable;
} ctock_buf_t;

/* The buffer currently allowed for (pid, driver, num); a zero-length buffer
 * when none was allowed. ERR_NODEVICE if the pid is dead, ERR_INVAL if num
 * is out of range. Allocates nothing; may be called inside grant_enter. */
ctock_err_t ctock_allowed_ro(ctock_pid_t pid, uint32_t driver, uint32_t num,
                             ctock_buf_t *out);
ctock_err_t ctock_allowed_rw(ctock_pid_t pid, uint32_t driver, uint32_t num,
                             ctock_buf_t *out);

/* Copy out of / into a process buffer starting at `offset`; copies at most
 * what fits and returns the byte count (0 if the process died meanwhile or
 * the buffer is read-only for writes). */
size_t ctock_buf_read(const ctock_buf_t *b, size_t offset, void *dst, size_t n);
size_t ctock_buf_write(const ctock_buf_t *b, size_t offset, const void *src, size_t n);

/* IPC (Tock's add_mpu_region): gives process `peer` read/write access to
 * the memory of b, a read-write buffer another process allowed, with one
 * MPU region of the peer (kept until the peer restarts), and returns the
 * buffer's address in *addr for the peer's upcall (0 on failure). The
 * buffer must be a power of two >= 32 bytes aligned to its size (ERR_SIZE
 * otherwise); ERR_NODEVICE if either process is dead, ERR_INVAL for a
 * read-only, empty or own buffer, ERR_NOMEM if the peer has no free
 * region (2 shared buffers per process). For the ipc capsule only
 * (capsules/allowlist.txt). */
ctock_err_t ctock_buf_share(const ctock_buf_t *b, ctock_pid_t peer, uint32_t *addr);

/* Queue upcall (driver, num) on process pid with three arguments; the
 * process runs it on its next yield. Dropped (CTOCK_OK still) if the
 * process subscribed the Null Upcall (or never subscribed). ERR_NODEVICE if
 * the pid is dead, ERR_INVAL if num is not one of the driver's upcalls,
 * ERR_NOMEM if its upcall queue is full. Allocates nothing; may be called
 * inside grant_enter. */
ctock_err_t ctock_upcall_schedule(ctock_pid_t pid, uint32_t driver, uint32_t num,
                                  uint32_t a0, uint32_t a1, uint32_t a2);

#endif
