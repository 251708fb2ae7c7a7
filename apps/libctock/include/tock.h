/* tock.h: the Tock 2.0 system calls (TRD 104) as seen from a ctock app.
 *
 * Every system call is an `svc N` with its arguments in r0-r3 and its result
 * in r0-r3: r0 holds the return variant, r1-r3 the values.
 *
 *   svc | class            | r0          | r1          | r2        | r3
 *   ----+------------------+-------------+-------------+-----------+---------
 *    0  | yield            | 0 no-wait,  | no-wait:    | wait-for: |
 *       |                  | 1 wait,     | &flag (u8); | upcall num|
 *       |                  | 2 wait-for  | wait-for:   |           |
 *       |                  |             | driver      |           |
 *    1  | subscribe        | driver      | upcall num  | fn ptr    | userdata
 *    2  | command          | driver      | command num | arg 0     | arg 1
 *    3  | read-write allow | driver      | buffer num  | address   | length
 *    4  | read-only allow  | driver      | buffer num  | address   | length
 *    5  | memop            | operation   | argument    |           |
 *    6  | exit             | 0 terminate,| completion  |           |
 *       |                  | 1 restart   | code        |           |
 *
 * Upcalls run only inside yield: the kernel calls fn(arg0, arg1, arg2,
 * userdata) on the process stack and fn returns to just after the `svc 0`.
 *
 * Errors are returned as negative TOCK_E* codes (the TRD 104 error code,
 * negated); 0 or a count means success.
 */
#ifndef CTOCK_TOCK_H
#define CTOCK_TOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Return variants (the value of r0 after a system call). */
enum {
    TOCK_RET_FAILURE = 0,
    TOCK_RET_FAILURE_U32 = 1,
    TOCK_RET_FAILURE_2U32 = 2,
    TOCK_RET_FAILURE_U64 = 3,
    TOCK_RET_SUCCESS = 128,
    TOCK_RET_SUCCESS_U32 = 129,
    TOCK_RET_SUCCESS_2U32 = 130,
    TOCK_RET_SUCCESS_U64 = 131,
    TOCK_RET_SUCCESS_3U32 = 132,
    TOCK_RET_SUCCESS_U32_U64 = 133,
};

/* Status codes: 0 is success, the rest are TRD 104 error codes negated. */
enum {
    TOCK_OK = 0,
    TOCK_EFAIL = -1,
    TOCK_EBUSY = -2,
    TOCK_EALREADY = -3,
    TOCK_EOFF = -4,
    TOCK_ERESERVE = -5,
    TOCK_EINVAL = -6,
    TOCK_ESIZE = -7,
    TOCK_ECANCEL = -8,
    TOCK_ENOMEM = -9,
    TOCK_ENOSUPPORT = -10,
    TOCK_ENODEVICE = -11,
    TOCK_EUNINSTALLED = -12,
    TOCK_ENOACK = -13,
    /* Not a kernel code: the kernel answered with an unexpected variant. */
    TOCK_EBADRVAL = -1024,
};

/* Memop operations (svc 5). */
enum {
    TOCK_MEMOP_BRK = 0,
    TOCK_MEMOP_SBRK = 1,
    TOCK_MEMOP_RAM_START = 2,
    TOCK_MEMOP_RAM_END = 3,
    TOCK_MEMOP_FLASH_START = 4,
    TOCK_MEMOP_FLASH_END = 5,
    TOCK_MEMOP_GRANT_START = 6,
    TOCK_MEMOP_WFR_COUNT = 7,
    TOCK_MEMOP_WFR_START = 8,
    TOCK_MEMOP_WFR_END = 9,
    TOCK_MEMOP_DEBUG_STACK_START = 10,
    TOCK_MEMOP_DEBUG_HEAP_START = 11,
};

/* The raw registers after a system call: type = r0, data = r1..r3. */
typedef struct {
    uint32_t type;
    uint32_t data[3];
} tock_syscall_return_t;

/* An upcall: the three driver-defined arguments, then the userdata pointer
 * given to subscribe. Same shape as libtock-c's subscribe_upcall. */
typedef void tock_upcall_fn_t(int arg0, int arg1, int arg2, void *userdata);

/* Yield-wait: sleep until one upcall has run. */
void tock_yield_wait(void);

/* Yield-no-wait: run one pending upcall if there is one.
 * Returns true if an upcall ran. */
bool tock_yield_no_wait(void);

/* Yield-wait until *cond is true (set by an upcall). The blocking calls in
 * libctock use this: it works on every Tock 2.x kernel. */
void tock_yield_for(volatile bool *cond);

/* Yield-wait-for (Tock >= 2.2, and ctock): sleep until upcall `num` of
 * `driver` is scheduled and return its arguments instead of running a
 * function; no other upcall runs meanwhile. Subscribe the Null Upcall
 * (NULL) to that upcall first. A kernel without it returns at once with
 * r0-r2 unchanged, so check that the driver supports it. */
typedef struct {
    uint32_t arg0, arg1, arg2;
} tock_upcall_args_t;
tock_upcall_args_t tock_yield_wait_for(uint32_t driver, uint32_t num);

/* Subscribe fn (NULL: the Null Upcall, i.e. unsubscribe) to upcall `num` of
 * `driver`. Returns TOCK_OK or a negative error code. */
int tock_subscribe(uint32_t driver, uint32_t num, tock_upcall_fn_t *fn, void *userdata);

/* Command: the raw result, to be decoded with the helpers below. */
tock_syscall_return_t tock_command(uint32_t driver, uint32_t num, uint32_t arg0, uint32_t arg1);

/* Share buf[0..len) with the kernel (NULL, 0 takes the buffer back).
 * Returns TOCK_OK or a negative error code. */
int tock_allow_rw(uint32_t driver, uint32_t num, void *buf, size_t len);
int tock_allow_ro(uint32_t driver, uint32_t num, const void *buf, size_t len);

/* Memop: the raw result. */
tock_syscall_return_t tock_memop(uint32_t op, uint32_t arg);

/* Exit-terminate / exit-restart with a completion code; never return. */
void tock_exit(uint32_t code) __attribute__((noreturn));
void tock_restart(uint32_t code) __attribute__((noreturn));

/* Decoding helpers: TOCK_OK for any success variant, otherwise the negated
 * error code (failure variants carry it in r1). */
int tock_status(tock_syscall_return_t r);
/* Success with u32 (or any success carrying at least one u32): *out = r1. */
int tock_status_u32(tock_syscall_return_t r, uint32_t *out);

/* Command 0 of every driver: does the driver exist? */
bool tock_driver_exists(uint32_t driver);

/* Set the app break (the end of the heap) / move it by incr bytes.
 * tock_sbrk returns the old break, or (void *)-1 on failure. */
int tock_brk(void *addr);
void *tock_sbrk(int incr);

/* A short name for a status code ("EBUSY"), for messages. */
const char *tock_strerror(int status);

#endif /* CTOCK_TOCK_H */
