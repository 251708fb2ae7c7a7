/* ipc.c: IPC driver wrappers (ipc.h). */
#include "ipc.h"

#include <string.h>

enum { CMD_DISCOVER = 1, CMD_NOTIFY_SERVICE = 2, CMD_NOTIFY_CLIENT = 3, ALLOW_NAME = 0 };

bool ipc_exists(void)
{
    return tock_driver_exists(IPC_DRIVER);
}

int ipc_discover(const char *pkg_name)
{
    int st = tock_allow_ro(IPC_DRIVER, ALLOW_NAME, pkg_name, strlen(pkg_name));
    if (st != TOCK_OK)
        return st;
    uint32_t id = 0;
    st = tock_status_u32(tock_command(IPC_DRIVER, CMD_DISCOVER, 0, 0), &id);
    tock_allow_ro(IPC_DRIVER, ALLOW_NAME, NULL, 0);
    return st != TOCK_OK ? st : (int)id;
}

int ipc_register_service(const char *pkg_name, tock_upcall_fn_t *fn, void *ud)
{
    int id = ipc_discover(pkg_name);
    if (id < 0)
        return id;
    return tock_subscribe(IPC_DRIVER, (uint32_t)id, fn, ud);
}

int ipc_register_client(int svc_id, tock_upcall_fn_t *fn, void *ud)
{
    if (svc_id < 0)
        return TOCK_EINVAL;
    return tock_subscribe(IPC_DRIVER, (uint32_t)svc_id, fn, ud);
}

int ipc_notify_service(int svc_id)
{
    return tock_status(tock_command(IPC_DRIVER, CMD_NOTIFY_SERVICE, (uint32_t)svc_id, 0));
}

int ipc_notify_client(int client_id)
{
    return tock_status(tock_command(IPC_DRIVER, CMD_NOTIFY_CLIENT, (uint32_t)client_id, 0));
}

int ipc_share(int id, void *buf, size_t len)
{
    return tock_allow_rw(IPC_DRIVER, (uint32_t)id, buf, len);
}

void *ipc_alloc_shared(size_t len)
{
    uintptr_t brk = (uintptr_t)tock_sbrk(0);
    uintptr_t start = (brk + len - 1) & ~(uintptr_t)(len - 1);
    if (tock_sbrk((int)(start + len - brk)) == (void *)-1)
        return NULL;
    return (void *)start;
}
