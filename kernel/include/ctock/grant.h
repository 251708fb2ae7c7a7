/*
 * grant.h - grants: kernel memory for a process, taken from that process's
 * own RAM block, so a process that makes the kernel allocate too much can
 * exhaust only itself (Tock's kernel/src/grant.rs, in C).
 *
 * A capsule that keeps state per process declares one grant at boot with
 * grant_init(): how many bytes of state it wants per process and, for a
 * system call driver, how many upcall, read-only allow and read-write allow
 * slots. Declaring allocates nothing. The first time the grant is entered
 * for a process (grant_enter, or the kernel on that process's first
 * subscribe or allow to the driver) the kernel carves one *grant instance*
 * out of the top of that process's RAM block, below what it already took,
 * and zeroes it. A process the capsule never serves costs it nothing.
 *
 * Process RAM block (a power of two, aligned to its size, so the MPU can
 * cover it):
 *
 *   mem_start + mem_len +-------------------------------+  -
 *                       | grant pointer table           |  |
 *                       |   [0] --------------------+   |  |  one pointer per
 *                       |   [1] = NULL (never       |   |  |  declared grant
 *                       |         entered)          |   |  |  (4 bytes each,
 *                       |   [2] ------------+       |   |  |  rounded to 8)
 *                       +-------------------|-------|---+  |
 *                       | instance of grant 0  <----+   |  |  kernel-owned:
 *                       | +---------------------------+ |  |  no MPU region
 *                       | | header: next, owner,      | |  |  covers it, the
 *                       | |   entered      (8 bytes)  | |  |  process can't
 *                       | | upcall slots  (fn, data)  | |  |  touch it
 *                       | | allow-ro slots (addr,len) | |  |
 *                       | | allow-rw slots (addr,len) | |  |
 *                       | | capsule state (data_size) | |  |
 *                       | +---------------------------+ |  |
 *                       | instance of grant 2  <--------+  |  allocated in
 *                       | +---------------------------+ |  |  the order the
 *                       | | ...                       | |  |  grants were
 *                       | +---------------------------+ |  |  first entered
 *   kernel_brk -------> +-------------------------------+  -  memop 6
 *                       | free                          |     grants grow
 *                       |                               |     down, the heap
 *   align32(app_brk) -> +-------------------------------+  -  grows up
 *                       | heap (memop brk / sbrk)       |  |  the process's:
 *                       | .data .bss .got               |  |  MPU read/write
 *                       | stack (grows down)            |  |
 *   mem_start --------> +-------------------------------+  -
 *
 * The two ends never cross: a grant allocation that would go below the
 * app break as the MPU rounds it (up to 32 bytes) fails, and the process
 * gets ERR_NOMEM from the system call that needed it (subscribe, allow,
 * or the capsule's command); a memop brk/sbrk whose rounded break would
 * pass kernel_brk fails with NOMEM too. Nothing else is affected: no
 * other process and no kernel memory pays for it. The TBF header's
 * minimum_ram_size includes elf2tbf's --kernel-heap bytes (default 1024):
 * that is the headroom grants are meant to use; the kernel adds only the
 * pointer table when it sizes the block.
 *
 * Grant instances of the same grant are linked through their headers
 * (the SOSP paper's "reference to the next grant"): grant_each() visits
 * exactly the processes that have the grant allocated, without scanning
 * the process table. When a process terminates, faults or restarts its
 * instances are unlinked; a restart zeroes the block and starts with an
 * empty pointer table, so the memory comes back with the block.
 *
 * Rules for capsules (what the C compiler can't enforce, the docs must):
 *   - The instance is valid only inside the grant_enter / grant_each
 *     callback: never keep a pointer to it. Between calls the process may
 *     have restarted and the memory been zeroed or reused.
 *   - A grant instance can be entered once at a time: entering one that is
 *     already entered (from inside its own callback, or grant_each reaching
 *     it) is refused with ERR_BUSY, so no two pointers to it coexist.
 *   - Inside the callback a capsule may use the rest of the capsule API
 *     (allowed buffers, upcalls, other grants); it should not call into
 *     HILs that may call it back synchronously, which would find its own
 *     grant entered.
 *
 * Costs (bench/grants.sh prints them from the build): per grant and
 * process that uses it, one 4-byte table entry and an 8-byte instance
 * header, against a fixed array of CTOCK_MAX_PROCS states in kernel RAM
 * that every process pays for whether it uses the capsule or not.
 */
#ifndef CTOCK_GRANT_H
#define CTOCK_GRANT_H

#include <stddef.h>
#include <stdint.h>

#include "abi.h"

/* Opaque process id (see capsule.h). */
typedef uint32_t ctock_pid_t;

struct grant_inst;

/* A grant, declared by a capsule (static storage; grant_init fills it).
 * The fields are the kernel's: capsules only pass the grant around. */
typedef struct ctock_grant {
    struct grant_inst *head;   /* allocated instances, linked */
    uint16_t data_size;        /* capsule state bytes per process */
    uint8_t num_upcalls;       /* subscribe numbers 0 .. num_upcalls-1 */
    uint8_t num_allow_ro;      /* read-only allow numbers */
    uint8_t num_allow_rw;      /* read-write allow numbers */
    uint8_t id;                /* its slot in every grant pointer table */
} ctock_grant_t;

/* The grant callback: `data` is the process's zero-initialised
 * `data_size` bytes (8-byte aligned; NULL if data_size is 0), valid only
 * until the callback returns. */
typedef void (*grant_fn_t)(void *data, ctock_pid_t pid, void *ctx);

#define GRANT_MAX 32               /* grants the kernel can declare */
#define GRANT_MAX_DATA 0xFFF8u     /* data_size limit */

/* Declares grant g with `data_size` bytes of state per process and the
 * upcall / allow slots of the system call driver it belongs to (0 for a
 * grant that is not a driver's). Boot time only, before the processes
 * are loaded; a board that declares more than GRANT_MAX grants, or
 * declares one late, panics. */
void grant_init(ctock_grant_t *g, size_t data_size, uint8_t num_upcalls,
                uint8_t num_allow_ro, uint8_t num_allow_rw);

/* Runs fn(data, pid, ctx) with the process's instance of g, allocating it
 * on first use. Returns CTOCK_OK once fn ran; ERR_NODEVICE if pid is not a
 * live process; ERR_NOMEM if the instance could not be allocated (the
 * process's grant region would reach its app break); ERR_BUSY if that
 * instance is already entered (re-entrancy is refused). */
ctock_err_t grant_enter(ctock_grant_t *g, ctock_pid_t pid, grant_fn_t fn, void *ctx);

/* Runs fn(data, pid, ctx) once for every process that has an instance of
 * g allocated (in no particular order), skipping any instance that is
 * entered right now. Allocates nothing; O(processes with the grant).
 * Instances allocated by fn itself may or may not be visited. Returns the
 * number of callbacks made. */
unsigned grant_each(ctock_grant_t *g, grant_fn_t fn, void *ctx);

#endif
