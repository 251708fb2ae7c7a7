/*
 * low_level_debug.c - Low-level debug capsule (see low_level_debug.h).
 * Lines are formatted into the capsule's one line buffer; queued entries
 * are taken from the first process (in grant list order) that has one.
 * The UART is only called outside grant callbacks.
 */
#include "low_level_debug.h"

#include <string.h>

#include "ctock/driver_num.h"

static size_t put_str(uint8_t *out, size_t at, const char *s)
{
    while (*s && at < LLDB_LINE)
        out[at++] = (uint8_t)*s++;
    return at;
}

/* "0x" and v in lower-case hex without leading zeros (Tock's {:x}). */
static size_t put_hex(uint8_t *out, size_t at, uint32_t v)
{
    char digits[11] = "0x";
    int n = 0;
    char rev[8];
    do {
        rev[n++] = "0123456789abcdef"[v & 0xF];
        v >>= 4;
    } while (v);
    for (int i = 0; i < n; i++)
        digits[2 + i] = rev[n - 1 - i];
    digits[2 + n] = 0;
    return put_str(out, at, digits);
}

static size_t format(uint8_t *out, uint32_t app, const lldb_entry_t *e)
{
    size_t at = put_str(out, 0, "LowLevelDebug: ");
    if (e->kind == LLDB_DROPPED) {
        at = put_str(out, at, "Dropped ");
        at = put_hex(out, at, e->a);
        at = put_str(out, at, " entries for app ");
        at = put_hex(out, at, app);
    } else {
        at = put_str(out, at, "App ");
        at = put_hex(out, at, app);
        at = put_str(out, at, e->kind == LLDB_ALERT ? " alert code " : " prints ");
        at = put_hex(out, at, e->a);
        if (e->kind == LLDB_PRINT2) {
            at = put_str(out, at, " ");
            at = put_hex(out, at, e->b);
        }
    }
    return put_str(out, at, "\n");
}

static void send(lldb_t *d, size_t len)
{
    d->busy = hil_uart_transmit(d->uart, d->line, len) == CTOCK_OK;
}

static void queue_cb(void *data, ctock_pid_t pid, void *ctx)
{
    lldb_app_t *a = data;
    const lldb_entry_t *e = ctx;
    for (unsigned i = 0; i < LLDB_QUEUE; i++) {
        if (a->queue[i].kind == LLDB_NONE) {
            a->queue[i] = *e;
            return;
        }
    }
    /* Full: the last entry counts the drops (this one and the one it
     * replaces, the first time). */
    lldb_entry_t *last = &a->queue[LLDB_QUEUE - 1];
    if (last->kind == LLDB_DROPPED)
        last->a++;
    else
        *last = (lldb_entry_t){ LLDB_DROPPED, 2, 0 };
}

typedef struct {
    bool found;
    uint32_t app;
    lldb_entry_t e;
} pop_t;

static void pop_cb(void *data, ctock_pid_t pid, void *ctx)
{
    lldb_app_t *a = data;
    pop_t *p = ctx;
    if (p->found || a->queue[0].kind == LLDB_NONE)
        return;
    p->found = true;
    p->app = pid;
    p->e = a->queue[0];
    memmove(&a->queue[0], &a->queue[1], sizeof(a->queue[0]) * (LLDB_QUEUE - 1));
    a->queue[LLDB_QUEUE - 1].kind = LLDB_NONE;
}

static void transmitted(void *ctx, const uint8_t *buf, size_t len, ctock_err_t err)
{
    lldb_t *d = ctx;
    d->busy = false;
    if (d->grant_failed) {
        d->grant_failed = false;
        send(d, put_str(d->line, 0, "LowLevelDebug: grant init failed\n"));
        return;
    }
    pop_t p = { false, 0, { 0, 0, 0 } };
    grant_each(&d->grant, pop_cb, &p);
    if (p.found)
        send(d, format(d->line, p.app, &p.e));
}

static void received(void *ctx, uint8_t *buf, size_t len, ctock_err_t err) {}

static const hil_uart_client_t client = { transmitted, received };

static void push(lldb_t *d, ctock_pid_t pid, lldb_entry_t e)
{
    if (!d->busy) {
        send(d, format(d->line, pid, &e));
        if (d->busy)
            return;
    }
    if (grant_enter(&d->grant, pid, queue_cb, &e) != CTOCK_OK)
        d->grant_failed = true;
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t a, uint32_t b)
{
    lldb_t *d = ctx;
    switch (cmd) {
    case 0: return ctock_ret_success();
    case 1: push(d, pid, (lldb_entry_t){ LLDB_ALERT, a, 0 }); break;
    case 2: push(d, pid, (lldb_entry_t){ LLDB_PRINT1, a, 0 }); break;
    case 3: push(d, pid, (lldb_entry_t){ LLDB_PRINT2, a, b }); break;
    default: return ctock_ret_failure(ERR_NOSUPPORT);
    }
    return ctock_ret_success();
}

void lldb_init(lldb_t *d, hil_uart_t *uart)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, sizeof(lldb_app_t), 0, 0, 0);
    d->uart = uart;
    hil_uart_set_client(uart, &client, d);
}
