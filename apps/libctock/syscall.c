/* syscall.c: the Tock 2.0 svc wrappers and the return-variant decoders.
 *
 * Register use follows TRD 104 (see tock.h). Yield may run an upcall, which
 * is an ordinary function call made on our stack: it may clobber every
 * caller-saved register (r0-r3, r12, lr, flags) and any memory, so yield
 * says so to the compiler. The other calls only return values in r0-r3.
 */
#include "tock.h"

void tock_yield_wait(void)
{
    register uint32_t r0 __asm__("r0") = 1;
    __asm__ volatile("svc 0"
                     : "+r"(r0)
                     :
                     : "memory", "r1", "r2", "r3", "r12", "lr", "cc");
}

bool tock_yield_no_wait(void)
{
    volatile uint8_t ran = 0;
    register uint32_t r0 __asm__("r0") = 0;
    register uint32_t r1 __asm__("r1") = (uint32_t)&ran;
    __asm__ volatile("svc 0"
                     : "+r"(r0), "+r"(r1)
                     :
                     : "memory", "r2", "r3", "r12", "lr", "cc");
    return ran != 0;
}

tock_upcall_args_t tock_yield_wait_for(uint32_t driver, uint32_t num)
{
    register uint32_t r0 __asm__("r0") = 2;
    register uint32_t r1 __asm__("r1") = driver;
    register uint32_t r2 __asm__("r2") = num;
    __asm__ volatile("svc 0" : "+r"(r0), "+r"(r1), "+r"(r2) : : "memory", "r3");
    return (tock_upcall_args_t){r0, r1, r2};
}

void tock_yield_for(volatile bool *cond)
{
    while (!*cond)
        tock_yield_wait();
}

/* The four argument-taking classes share one shape: arguments in r0-r3,
 * results back in r0-r3. The svc immediate must be a constant, so each
 * class has its own copy of these few lines. */
#define REG(n, v) register uint32_t r##n __asm__("r" #n) = (v)

int tock_subscribe(uint32_t driver, uint32_t num, tock_upcall_fn_t *fn, void *userdata)
{
    REG(0, driver); REG(1, num); REG(2, (uint32_t)fn); REG(3, (uint32_t)userdata);
    __asm__ volatile("svc 1" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return tock_status((tock_syscall_return_t){r0, {r1, r2, r3}});
}

tock_syscall_return_t tock_command(uint32_t driver, uint32_t num, uint32_t arg0, uint32_t arg1)
{
    REG(0, driver); REG(1, num); REG(2, arg0); REG(3, arg1);
    __asm__ volatile("svc 2" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return (tock_syscall_return_t){r0, {r1, r2, r3}};
}

int tock_allow_rw(uint32_t driver, uint32_t num, void *buf, size_t len)
{
    REG(0, driver); REG(1, num); REG(2, (uint32_t)buf); REG(3, (uint32_t)len);
    __asm__ volatile("svc 3" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return tock_status((tock_syscall_return_t){r0, {r1, r2, r3}});
}

int tock_allow_ro(uint32_t driver, uint32_t num, const void *buf, size_t len)
{
    REG(0, driver); REG(1, num); REG(2, (uint32_t)buf); REG(3, (uint32_t)len);
    __asm__ volatile("svc 4" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return tock_status((tock_syscall_return_t){r0, {r1, r2, r3}});
}

tock_syscall_return_t tock_memop(uint32_t op, uint32_t arg)
{
    REG(0, op); REG(1, arg); REG(2, 0); REG(3, 0);
    __asm__ volatile("svc 5" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return (tock_syscall_return_t){r0, {r1, r2, r3}};
}

static void __attribute__((noreturn)) do_exit(uint32_t how, uint32_t code)
{
    for (;;) {
        register uint32_t r0 __asm__("r0") = how;
        register uint32_t r1 __asm__("r1") = code;
        __asm__ volatile("svc 6" : "+r"(r0), "+r"(r1) : : "memory", "r2", "r3");
        /* Exit never returns; if a kernel got it wrong, sleep. */
        tock_yield_wait();
    }
}

void tock_exit(uint32_t code)
{
    do_exit(0, code);
}

void tock_restart(uint32_t code)
{
    do_exit(1, code);
}

int tock_status(tock_syscall_return_t r)
{
    if (r.type >= TOCK_RET_SUCCESS && r.type <= TOCK_RET_SUCCESS_U32_U64)
        return TOCK_OK;
    if (r.type <= TOCK_RET_FAILURE_U64) {
        /* Error codes are 1..13; anything else is not a valid answer. */
        if (r.data[0] >= 1 && r.data[0] <= 1023)
            return -(int)r.data[0];
    }
    return TOCK_EBADRVAL;
}

int tock_status_u32(tock_syscall_return_t r, uint32_t *out)
{
    int st = tock_status(r);
    if (st != TOCK_OK)
        return st;
    if (r.type == TOCK_RET_SUCCESS)
        return TOCK_EBADRVAL; /* no value where one was promised */
    if (out)
        *out = r.data[0];
    return TOCK_OK;
}

bool tock_driver_exists(uint32_t driver)
{
    return tock_status(tock_command(driver, 0, 0, 0)) == TOCK_OK;
}

int tock_brk(void *addr)
{
    return tock_status(tock_memop(TOCK_MEMOP_BRK, (uint32_t)addr));
}

void *tock_sbrk(int incr)
{
    uint32_t old;
    if (tock_status_u32(tock_memop(TOCK_MEMOP_SBRK, (uint32_t)incr), &old) != TOCK_OK)
        return (void *)-1;
    return (void *)old;
}

const char *tock_strerror(int status)
{
    static const char *const names[] = {
        "OK",      "FAIL",  "EBUSY",  "EALREADY",  "EOFF",      "ERESERVE",    "EINVAL",
        "ESIZE",   "ECANCEL", "ENOMEM", "ENOSUPPORT", "ENODEVICE", "EUNINSTALLED", "ENOACK",
    };
    if (status <= 0 && status > -(int)(sizeof names / sizeof names[0]))
        return names[-status];
    if (status == TOCK_EBADRVAL)
        return "EBADRVAL";
    return "E?";
}
