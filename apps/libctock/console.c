/* console.c: console driver wrappers, async (allow + subscribe + command)
 * and blocking (the same, then yield until the upcall). */
#include "console.h"

enum {
    CMD_WRITE = 1,
    CMD_READ = 2,
    CMD_ABORT = 3,
    ALLOW_WRITE = 1, /* read-only allow */
    ALLOW_READ = 1,  /* read-write allow */
    UPCALL_WRITE = 1,
    UPCALL_READ = 2,
};

int console_write_async(const void *buf, size_t len, tock_upcall_fn_t *done, void *userdata)
{
    int st = tock_allow_ro(CONSOLE_DRIVER, ALLOW_WRITE, buf, len);
    if (st == TOCK_OK)
        st = tock_subscribe(CONSOLE_DRIVER, UPCALL_WRITE, done, userdata);
    if (st == TOCK_OK)
        st = tock_status(tock_command(CONSOLE_DRIVER, CMD_WRITE, (uint32_t)len, 0));
    return st;
}

struct wait {
    volatile bool done;
    int status;
    int count;
};

/* A blocking write's chunk is in flight. console_write may be re-entered
 * from an upcall that runs while it yields (printf in an alarm upcall):
 * the nested call waits for the chunk in flight, then writes its own, so
 * each chunk's upcall reaches the caller that started it (via userdata). */
static volatile bool chunk_in_flight;

static void write_done(int written, int unused1, int unused2, void *ud)
{
    struct wait *w = ud;
    w->count = written;
    w->done = true;
    chunk_in_flight = false;
}

int console_write(const void *buf, size_t len)
{
    const char *p = buf;
    size_t left = len;
    while (left > 0) {
        while (chunk_in_flight)
            tock_yield_wait();
        struct wait w = {false, TOCK_OK, 0};
        chunk_in_flight = true;
        int st = console_write_async(p, left, write_done, &w);
        if (st != TOCK_OK) {
            chunk_in_flight = false;
            return st;
        }
        tock_yield_for(&w.done);
        if (w.count <= 0 || (size_t)w.count > left)
            return TOCK_EFAIL; /* no progress: do not spin */
        p += w.count;
        left -= (size_t)w.count;
    }
    if (!chunk_in_flight)
        tock_allow_ro(CONSOLE_DRIVER, ALLOW_WRITE, NULL, 0);
    return (int)len;
}

int console_read_async(void *buf, size_t len, tock_upcall_fn_t *done, void *userdata)
{
    int st = tock_allow_rw(CONSOLE_DRIVER, ALLOW_READ, buf, len);
    if (st == TOCK_OK)
        st = tock_subscribe(CONSOLE_DRIVER, UPCALL_READ, done, userdata);
    if (st == TOCK_OK)
        st = tock_status(tock_command(CONSOLE_DRIVER, CMD_READ, (uint32_t)len, 0));
    return st;
}

static void read_done(int status, int count, int unused, void *ud)
{
    struct wait *w = ud;
    w->status = status > 0 ? -status : status; /* kernel sends a TRD 104 code */
    w->count = count;
    w->done = true;
}

int console_read(void *buf, size_t len)
{
    struct wait w = {false, TOCK_OK, 0};
    int st = console_read_async(buf, len, read_done, &w);
    if (st != TOCK_OK)
        return st;
    tock_yield_for(&w.done);
    tock_allow_rw(CONSOLE_DRIVER, ALLOW_READ, NULL, 0);
    return w.status != TOCK_OK ? w.status : w.count;
}

int console_read_abort(void)
{
    return tock_status(tock_command(CONSOLE_DRIVER, CMD_ABORT, 0, 0));
}
