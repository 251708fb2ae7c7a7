/*
 * abi.h - the Tock 2.0 system call ABI (TRD 104) as constants: syscall
 * classes (the `svc` immediate), return variants (r0 of a syscall return),
 * error codes, and the yield / exit / memop operation numbers.
 *
 * Shared by the kernel core and the capsules. Userland keeps its own copy of
 * these numbers (apps/); the numbers are the ABI, so they never change.
 */
#ifndef CTOCK_ABI_H
#define CTOCK_ABI_H

#include <stdint.h>

/* Syscall classes: the immediate of `svc N`. */
enum {
    SYSCALL_YIELD = 0,
    SYSCALL_SUBSCRIBE = 1,
    SYSCALL_COMMAND = 2,
    SYSCALL_ALLOW_RW = 3,
    SYSCALL_ALLOW_RO = 4,
    SYSCALL_MEMOP = 5,
    SYSCALL_EXIT = 6,
};

/* Return variants, placed in r0 (TRD 104 section 3.2). */
enum {
    RET_FAILURE = 0,          /* r1 = error */
    RET_FAILURE_U32 = 1,      /* r1 = error, r2 = value */
    RET_FAILURE_2U32 = 2,     /* r1 = error, r2, r3 = values */
    RET_FAILURE_U64 = 3,      /* r1 = error, r2 = lsb, r3 = msb */
    RET_SUCCESS = 128,
    RET_SUCCESS_U32 = 129,    /* r1 */
    RET_SUCCESS_2U32 = 130,   /* r1, r2 */
    RET_SUCCESS_U64 = 131,    /* r1 = lsb, r2 = msb */
    RET_SUCCESS_3U32 = 132,   /* r1, r2, r3 */
    RET_SUCCESS_U32_U64 = 133 /* r1, r2 = lsb, r3 = msb */
};

/* Error codes (TRD 104 section 3.3). 0 means "no error" inside the kernel. */
typedef enum {
    CTOCK_OK = 0,
    ERR_FAIL = 1,
    ERR_BUSY = 2,
    ERR_ALREADY = 3,
    ERR_OFF = 4,
    ERR_RESERVE = 5,
    ERR_INVAL = 6,
    ERR_SIZE = 7,
    ERR_CANCEL = 8,
    ERR_NOMEM = 9,
    ERR_NOSUPPORT = 10,
    ERR_NODEVICE = 11,
    ERR_UNINSTALLED = 12,
    ERR_NOACK = 13,
} ctock_err_t;

/* Yield numbers (r0 of a yield). */
enum { YIELD_NO_WAIT = 0, YIELD_WAIT = 1, YIELD_WAIT_FOR = 2 };

/* Exit numbers (r0 of an exit). */
enum { EXIT_TERMINATE = 0, EXIT_RESTART = 1 };

/* Memop operations (r0 of a memop). */
enum {
    MEMOP_BRK = 0,
    MEMOP_SBRK = 1,
    MEMOP_MEM_START = 2,
    MEMOP_MEM_END = 3,
    MEMOP_FLASH_START = 4,
    MEMOP_FLASH_END = 5,
    MEMOP_GRANT_START = 6,
    MEMOP_WFR_COUNT = 7,
    MEMOP_WFR_START = 8,
    MEMOP_WFR_END = 9,
    MEMOP_STACK_TOP = 10,
    MEMOP_HEAP_START = 11,
};

/* A system call's return: the four registers r0-r3. */
typedef struct {
    uint32_t variant;   /* r0: RET_* */
    uint32_t r1, r2, r3;
} ctock_ret_t;

static inline ctock_ret_t ctock_ret_success(void)
{
    ctock_ret_t r = { RET_SUCCESS, 0, 0, 0 };
    return r;
}

static inline ctock_ret_t ctock_ret_success_u32(uint32_t v)
{
    ctock_ret_t r = { RET_SUCCESS_U32, v, 0, 0 };
    return r;
}

static inline ctock_ret_t ctock_ret_success_2u32(uint32_t a, uint32_t b)
{
    ctock_ret_t r = { RET_SUCCESS_2U32, a, b, 0 };
    return r;
}

static inline ctock_ret_t ctock_ret_success_u64(uint64_t v)
{
    ctock_ret_t r = { RET_SUCCESS_U64, (uint32_t)v, (uint32_t)(v >> 32), 0 };
    return r;
}

static inline ctock_ret_t ctock_ret_success_3u32(uint32_t a, uint32_t b, uint32_t c)
{
    ctock_ret_t r = { RET_SUCCESS_3U32, a, b, c };
    return r;
}

static inline ctock_ret_t ctock_ret_failure(ctock_err_t e)
{
    ctock_ret_t r = { RET_FAILURE, (uint32_t)e, 0, 0 };
    return r;
}

static inline ctock_ret_t ctock_ret_failure_2u32(ctock_err_t e, uint32_t a, uint32_t b)
{
    ctock_ret_t r = { RET_FAILURE_2U32, (uint32_t)e, a, b };
    return r;
}

#endif
