/* process_info.c: process info driver wrappers. Each call allows its
 * buffer, issues the command and takes the buffer back. */
#include "process_info.h"

#include "tock.h"

enum { ALLOW_INFO = 0 };

/* Command with a buffer allowed around it: status or value. */
static int with_buffer(uint32_t cmd, uint32_t arg, void *buf, size_t len, uint32_t *value)
{
    int st = tock_allow_rw(PROCESS_INFO_DRIVER, ALLOW_INFO, buf, len);
    if (st != TOCK_OK)
        return st;
    tock_syscall_return_t r = tock_command(PROCESS_INFO_DRIVER, cmd, arg, 0);
    tock_allow_rw(PROCESS_INFO_DRIVER, ALLOW_INFO, NULL, 0);
    return value ? tock_status_u32(r, value) : tock_status(r);
}

int process_info_count(void)
{
    uint32_t n = 0;
    int st = tock_status_u32(tock_command(PROCESS_INFO_DRIVER, 1, 0, 0), &n);
    return st == TOCK_OK ? (int)n : st;
}

int process_info_ids(uint32_t *ids, size_t max)
{
    uint32_t n = 0;
    int st = with_buffer(2, 0, ids, max * sizeof(uint32_t), &n);
    return st == TOCK_OK ? (int)n : st;
}

int process_info_name(uint32_t id, char *buf, size_t len)
{
    uint32_t n = 0;
    if (len == 0)
        return TOCK_ESIZE;
    int st = with_buffer(4, id, buf, len - 1, &n);
    if (st != TOCK_OK)
        return st;
    buf[n < len - 1 ? n : len - 1] = 0;
    return (int)n;
}

int process_info_stats(uint32_t id, process_info_stats_t *out)
{
    return with_buffer(5, id, out, sizeof(*out), NULL);
}

const char *process_info_state_name(uint32_t state)
{
    static const char *const names[] = {
        "running", "yielded", "yielded-for", "stopped", "faulted", "terminated",
    };
    return state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}
