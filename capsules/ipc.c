/*
 * ipc.c - IPC capsule (see ipc.h for the syscall interface).
 *
 * Discovery reads process names through ctock_proc_info (allowlisted for
 * this capsule: Tock's IPC lives in the kernel crate and walks the process
 * table). Notifies map the notifier's shared buffer into the notified
 * process with ctock_buf_share (Tock's add_mpu_region) and queue its
 * upcall with (notifier id, len, address).
 */
#include "ipc.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { CMD_EXISTS = 0, CMD_DISCOVER = 1, CMD_NOTIFY_SERVICE = 2, CMD_NOTIFY_CLIENT = 3 };
enum { ALLOW_RO_NAME = 0 };

typedef struct {
    uint32_t notifies;   /* notifies this process sent (diagnostic) */
} ipc_app_t;

/* The live process with table index id, or CTOCK_PID_NONE. */
static ctock_pid_t live(uint32_t id)
{
    unsigned cursor = 0;
    ctock_pid_t p;
    if (id >= CTOCK_MAX_PROCS)
        return CTOCK_PID_NONE;
    while ((p = ctock_pid_next(&cursor)) != CTOCK_PID_NONE)
        if (ctock_pid_index(p) == id)
            return p;
    return CTOCK_PID_NONE;
}

static ctock_ret_t discover(ctock_pid_t pid)
{
    ctock_buf_t b;
    char want[IPC_NAME_MAX];
    ctock_err_t e = ctock_allowed_ro(pid, DRIVER_NUM_IPC, ALLOW_RO_NAME, &b);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    if (b.len == 0)
        return ctock_ret_failure(ERR_INVAL);
    if (b.len > IPC_NAME_MAX)
        return ctock_ret_failure(ERR_NODEVICE);
    size_t n = ctock_buf_read(&b, 0, want, sizeof(want));
    if (n != b.len)
        return ctock_ret_failure(ERR_INVAL);
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++) {
        ctock_proc_info_t info;
        if (!ctock_proc_info(i, &info) || !ctock_pid_alive(info.pid))
            continue;
        if (strlen(info.name) == n && memcmp(info.name, want, n) == 0)
            return ctock_ret_success_u32(ctock_pid_index(info.pid));
    }
    return ctock_ret_failure(ERR_NODEVICE);
}

static void count_cb(void *data, ctock_pid_t pid, void *ctx)
{
    ipc_app_t *a = data;
    (void)pid;
    (void)ctx;
    a->notifies++;
}

static ctock_ret_t notify(ipc_t *d, ctock_pid_t pid, uint32_t cmd, uint32_t id)
{
    ctock_pid_t target = live(id);
    if (target == CTOCK_PID_NONE)
        return ctock_ret_failure(ERR_INVAL);
    uint32_t me = ctock_pid_index(pid);
    /* The buffer the notifier shared with the target (allow-rw <target>). */
    ctock_buf_t b;
    uint32_t len = 0, addr = 0;
    ctock_err_t e = ctock_allowed_rw(pid, DRIVER_NUM_IPC, id, &b);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    if (b.len != 0) {
        e = ctock_buf_share(&b, target, &addr);
        if (e != CTOCK_OK)
            return ctock_ret_failure(e);
        len = b.len;
    }
    /* Service upcalls are the service's own id, client upcalls the id of
     * the service that notifies (Tock's IPCUpcallType). */
    uint32_t num = cmd == CMD_NOTIFY_SERVICE ? id : me;
    e = ctock_upcall_schedule(target, DRIVER_NUM_IPC, num, me, len, addr);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    e = grant_enter(&d->grant, pid, count_cb, NULL);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    return ctock_ret_success();
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
    ipc_t *d = ctx;
    (void)arg1;
    switch (cmd) {
    case CMD_EXISTS:
        return ctock_ret_success();
    case CMD_DISCOVER:
        return discover(pid);
    case CMD_NOTIFY_SERVICE:
    case CMD_NOTIFY_CLIENT:
        return notify(d, pid, cmd, arg0);
    default:
        return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void ipc_init(ipc_t *d)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, sizeof(ipc_app_t), CTOCK_MAX_PROCS, 1, CTOCK_MAX_PROCS);
}
