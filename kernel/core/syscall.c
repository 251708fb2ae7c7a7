/*
 * syscall.c - Tock 2.0 system call dispatch (TRD 104).
 *
 * The process trapped with `svc N`; its arguments are r0-r3 of the exception
 * frame on its stack and N is the low byte of the svc instruction before
 * the stacked pc. Return values are written back into r0-r3 of that frame.
 *
 *   class        args (r0..r3)                    returns
 *   0 yield      which, param A, param B          none / wait-for: upcall args in r0-r2
 *   1 subscribe  driver, num, fn, appdata         Success/Failure with 2 u32
 *   2 command    driver, cmd, arg0, arg1          the driver's variant
 *   3 allow-rw   driver, num, addr, len           Success/Failure with 2 u32
 *   4 allow-ro   driver, num, addr, len           Success/Failure with 2 u32
 *   5 memop      op, arg                          Success / Success u32 / Failure
 *   6 exit       which, completion code           does not return
 *
 * Unknown class -> Failure NOSUPPORT. Unknown driver -> NODEVICE.
 */
#include "ctock/debug.h"
#include "process.h"

static void set_ret(uint32_t *frame, ctock_ret_t r)
{
    frame[FRAME_R0] = r.variant;
    frame[FRAME_R1] = r.r1;
    frame[FRAME_R2] = r.r2;
    frame[FRAME_R3] = r.r3;
}

static void do_yield(process_t *p, uint32_t *frame)
{
    uint32_t which = frame[FRAME_R0];
    if (which == YIELD_NO_WAIT) {
        uint32_t flag_addr = frame[FRAME_R1];
        bool has = upcall_has_deliverable(p);
        if (flag_addr != 0 && process_in_app_ram(p, flag_addr, 1))
            *(volatile uint8_t *)flag_addr = has ? 1 : 0;
        if (has)
            upcall_deliver(p);
    } else if (which == YIELD_WAIT) {
        if (!upcall_deliver(p) && p->state == PROC_RUNNING)
            p->state = PROC_YIELDED;
    } else if (which == YIELD_WAIT_FOR) {
        task_t t;
        uint32_t driver = frame[FRAME_R1], num = frame[FRAME_R2];
        if (upcall_take(p, driver, num, &t)) {
            frame[FRAME_R0] = t.a0;
            frame[FRAME_R1] = t.a1;
            frame[FRAME_R2] = t.a2;
        } else {
            p->wait_driver = driver;
            p->wait_num = num;
            p->state = PROC_YIELDED_FOR;
        }
    }
    /* Any other yield number returns at once, touching nothing. */
}

/* Subscribe and allow keep their slots in the process's instance of the
 * driver's grant, allocated here on first use (NOMEM if the process's
 * grant region has no room). Arguments are checked first, so a bad call
 * allocates nothing. */
static ctock_ret_t do_subscribe(process_t *p, const uint32_t *f)
{
    uint32_t driver = f[FRAME_R0], num = f[FRAME_R1], fn = f[FRAME_R2], data = f[FRAME_R3];
    const ctock_driver_t *d = kernel_driver(driver);
    if (d == NULL)
        return ctock_ret_failure_2u32(ERR_NODEVICE, fn, data);
    if (d->grant == NULL || num >= d->grant->num_upcalls)
        return ctock_ret_failure_2u32(ERR_NOSUPPORT, fn, data);
    if (fn != 0 && !process_in_flash(p, fn & ~1u, 2))
        return ctock_ret_failure_2u32(ERR_INVAL, fn, data);
    grant_inst_t *i = grant_instance(p, d->grant, true);
    if (i == NULL)
        return ctock_ret_failure_2u32(ERR_NOMEM, fn, data);
    upcall_slot_t *slot = grant_upcall_slot(d->grant, i, num);
    upcall_slot_t old = *slot;
    slot->fn = fn;
    slot->appdata = data;
    upcall_remove(p, driver, num);    /* TRD 104 4.2: cancel pending upcalls */
    return ctock_ret_success_2u32(old.fn, old.appdata);
}

static ctock_ret_t do_command(process_t *p, const uint32_t *f)
{
    const ctock_driver_t *d = kernel_driver(f[FRAME_R0]);
    if (d == NULL)
        return ctock_ret_failure(ERR_NODEVICE);
    return d->command(d->ctx, p->pid, f[FRAME_R1], f[FRAME_R2], f[FRAME_R3]);
}

static ctock_ret_t do_allow(process_t *p, const uint32_t *f, bool rw)
{
    uint32_t driver = f[FRAME_R0], num = f[FRAME_R1], addr = f[FRAME_R2], len = f[FRAME_R3];
    const ctock_driver_t *d = kernel_driver(driver);
    if (d == NULL)
        return ctock_ret_failure_2u32(ERR_NODEVICE, addr, len);
    unsigned count = d->grant == NULL ? 0 : rw ? d->grant->num_allow_rw : d->grant->num_allow_ro;
    if (num >= count)
        return ctock_ret_failure_2u32(ERR_INVAL, addr, len);
    bool in_ram = len != 0 && process_in_app_ram(p, addr, len);
    bool ok = len == 0 || in_ram || (!rw && process_in_flash(p, addr, len));
    if (!ok)
        return ctock_ret_failure_2u32(ERR_INVAL, addr, len);
    grant_inst_t *i = grant_instance(p, d->grant, true);
    if (i == NULL)
        return ctock_ret_failure_2u32(ERR_NOMEM, addr, len);
    if (in_ram && addr + len > p->allow_hwm)
        p->allow_hwm = addr + len;
    allow_slot_t *a = grant_allow_slot(d->grant, i, rw, num);
    allow_slot_t old = *a;
    a->addr = addr;
    a->len = len;
    return ctock_ret_success_2u32(old.addr, old.len);
}

static ctock_ret_t do_memop(process_t *p, const uint32_t *f)
{
    uint32_t arg = f[FRAME_R1];
    switch (f[FRAME_R0]) {
    case MEMOP_BRK:
        return process_brk(p, arg) ? ctock_ret_success() : ctock_ret_failure(ERR_NOMEM);
    case MEMOP_SBRK: {
        uint32_t old = process_brk(p, p->app_brk + arg);
        return old ? ctock_ret_success_u32(old) : ctock_ret_failure(ERR_NOMEM);
    }
    case MEMOP_MEM_START: return ctock_ret_success_u32(p->mem_start);
    case MEMOP_MEM_END: return ctock_ret_success_u32(p->mem_start + p->mem_len);
    case MEMOP_FLASH_START: return ctock_ret_success_u32(p->flash_start);
    case MEMOP_FLASH_END: return ctock_ret_success_u32(p->flash_end);
    case MEMOP_GRANT_START: return ctock_ret_success_u32(p->kernel_brk);
    case MEMOP_WFR_COUNT: return ctock_ret_success_u32(0);
    case MEMOP_WFR_START:
    case MEMOP_WFR_END: return ctock_ret_failure(ERR_FAIL);   /* no such region */
    case MEMOP_STACK_TOP: p->stack_hint = arg; return ctock_ret_success();
    case MEMOP_HEAP_START: p->heap_hint = arg; return ctock_ret_success();
    default: return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void syscall_handle(process_t *p)
{
    uint32_t *frame = process_frame(p);
    uint32_t pc = frame ? frame[FRAME_PC] : 0;
    if (frame == NULL) {
        process_fault_detected(p, "system call with the stack pointer outside its RAM");
        return;
    }
    if (!process_in_flash(p, pc - 2, 2)) {
        process_fault_detected(p, "system call from outside its flash");
        return;
    }
    uint8_t class = *(const volatile uint8_t *)(pc - 2);   /* svc imm8 */
    p->syscalls++;

    switch (class) {
    case SYSCALL_YIELD: do_yield(p, frame); break;
    case SYSCALL_SUBSCRIBE: set_ret(frame, do_subscribe(p, frame)); break;
    case SYSCALL_COMMAND: set_ret(frame, do_command(p, frame)); break;
    case SYSCALL_ALLOW_RW: set_ret(frame, do_allow(p, frame, true)); break;
    case SYSCALL_ALLOW_RO: set_ret(frame, do_allow(p, frame, false)); break;
    case SYSCALL_MEMOP: set_ret(frame, do_memop(p, frame)); break;
    case SYSCALL_EXIT:
        if (frame[FRAME_R0] == EXIT_TERMINATE)
            process_terminate(p, frame[FRAME_R1]);
        else if (frame[FRAME_R0] == EXIT_RESTART)
            process_restart(p, frame[FRAME_R1]);
        else
            set_ret(frame, ctock_ret_failure(ERR_NOSUPPORT));
        break;
    default: set_ret(frame, ctock_ret_failure(ERR_NOSUPPORT)); break;
    }
}
