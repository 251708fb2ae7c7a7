/*
 * process_info.c - Process info capsule (see process_info.h). It reads
 * the process table through ctock_proc_info() and writes results only
 * into the caller's allowed buffer.
 */
#include "process_info.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { ALLOW_INFO = 0 };

static size_t put_u32(const ctock_buf_t *b, size_t at, uint32_t v)
{
    uint8_t le[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    if (at + 4 <= b->len)
        ctock_buf_write(b, at, le, 4);
    return at + 4;
}

/* Commands 1-3: count (and list ids: 2 pids, 3 short ids) of all processes. */
static uint32_t list(ctock_pid_t caller, uint32_t cmd)
{
    ctock_buf_t b = { 0, 0, 0, false };
    if (cmd != 1)
        ctock_allowed_rw(caller, DRIVER_NUM_PROCESS_INFO, ALLOW_INFO, &b);
    uint32_t count = 0;
    size_t at = 0;
    ctock_proc_info_t p;
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++) {
        if (!ctock_proc_info(i, &p))
            continue;
        count++;
        if (cmd != 1)
            at = put_u32(&b, at, cmd == 2 ? p.pid : 0);
    }
    return count;
}

static bool find(uint32_t id, ctock_proc_info_t *out)
{
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++)
        if (ctock_proc_info(i, out) && out->pid == id && id != CTOCK_PID_NONE)
            return true;
    return false;
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t id, uint32_t arg1)
{
    ctock_proc_info_t p;
    ctock_buf_t b = { 0, 0, 0, false };
    switch (cmd) {
    case 0:
        return ctock_ret_success();
    case 1:
    case 2:
    case 3:
        return ctock_ret_success_u32(list(pid, cmd));
    case 4: {
        if (!find(id, &p))
            return ctock_ret_failure(ERR_INVAL);
        ctock_allowed_rw(pid, DRIVER_NUM_PROCESS_INFO, ALLOW_INFO, &b);
        size_t n = strlen(p.name);
        ctock_buf_write(&b, 0, p.name, n);   /* as much as fits */
        return ctock_ret_success_u32((uint32_t)n);
    }
    case 5: {
        if (!find(id, &p))
            return ctock_ret_failure(ERR_INVAL);
        ctock_allowed_rw(pid, DRIVER_NUM_PROCESS_INFO, ALLOW_INFO, &b);
        size_t at = put_u32(&b, 0, p.timeslice_expirations);
        at = put_u32(&b, at, p.syscalls);
        at = put_u32(&b, at, p.restarts);
        put_u32(&b, at, p.state);
        return ctock_ret_success();
    }
    default:
        return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void process_info_init(process_info_t *d)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, 0, 0, 0, 1);
}
