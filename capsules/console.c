/*
 * console.c - Console capsule (see console.h for the syscall interface).
 *
 * Per-process state (console_app_t) lives in the console's grant and is
 * reached only inside grant callbacks. The capsule never calls the UART
 * from inside a callback (the UART mux may call back at once, and that
 * callback must be able to enter the grant): a callback copies the next
 * chunk into tx_buf and records its owner in tx_pid, and the caller starts
 * the transmit after leaving the grant.
 */
#include "console.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_WRITE_DONE = 1, UPCALL_READ_DONE = 2 };
enum { ALLOW_WRITE = 1, ALLOW_READ = 1 };

/* In the grant: copies the next chunk of a's write into tx_buf and makes
 * pid the transmitter. False if there is nothing (left) to send. */
static bool prepare_chunk(console_t *c, ctock_pid_t pid, console_app_t *a)
{
    ctock_buf_t b;
    if (ctock_allowed_ro(pid, DRIVER_NUM_CONSOLE, ALLOW_WRITE, &b) != CTOCK_OK)
        return false;
    uint32_t want = a->write_len - a->write_done;
    if (want > CONSOLE_TX_BUF)
        want = CONSOLE_TX_BUF;
    uint32_t n = (uint32_t)ctock_buf_read(&b, a->write_done, c->tx_buf, want);
    if (n == 0)
        return false;   /* the buffer shrank under us: end the write early */
    c->tx_pid = pid;
    c->tx_chunk = n;
    return true;
}

static void finish_write(ctock_pid_t pid, console_app_t *a)
{
    a->write_pending = false;
    ctock_upcall_schedule(pid, DRIVER_NUM_CONSOLE, UPCALL_WRITE_DONE, a->write_done, 0, 0);
}

static void start_cb(void *data, ctock_pid_t pid, void *ctx)
{
    if (!prepare_chunk(ctx, pid, data))
        finish_write(pid, data);
}

static void finish_cb(void *data, ctock_pid_t pid, void *ctx)
{
    (void)ctx;
    finish_write(pid, data);
}

/* Outside the grant: sends the chunk prepare_chunk left in tx_buf. If the
 * UART refuses it, that write ends with what was sent so far. */
static bool transmit(console_t *c)
{
    ctock_pid_t pid = c->tx_pid;
    if (hil_uart_transmit(c->uart, c->tx_buf, c->tx_chunk) == CTOCK_OK)
        return true;
    if (c->tx_pid == pid) {
        c->tx_pid = CTOCK_PID_NONE;
        grant_enter(&c->grant, pid, finish_cb, NULL);
    }
    return false;
}

/* The pending write nearest after process index `after`, round robin. */
typedef struct {
    unsigned after, best_dist;
    ctock_pid_t best;
} pick_t;

static void pick_cb(void *data, ctock_pid_t pid, void *ctx)
{
    const console_app_t *a = data;
    pick_t *k = ctx;
    if (!a->write_pending)
        return;
    unsigned dist = (ctock_pid_index(pid) + 2 * CTOCK_MAX_PROCS - k->after - 1) % CTOCK_MAX_PROCS;
    if (k->best == CTOCK_PID_NONE || dist < k->best_dist) {
        k->best = pid;
        k->best_dist = dist;
    }
}

/* Starts the next queued write, round robin after process index `after`.
 * Each pass either puts a chunk on the UART or ends one write, so it
 * terminates. */
static void start_next(console_t *c, unsigned after)
{
    while (c->tx_pid == CTOCK_PID_NONE) {
        pick_t k = { after, 0, CTOCK_PID_NONE };
        grant_each(&c->grant, pick_cb, &k);
        if (k.best == CTOCK_PID_NONE ||
            grant_enter(&c->grant, k.best, start_cb, c) != CTOCK_OK)
            return;
        if (c->tx_pid != CTOCK_PID_NONE && transmit(c))
            return;
        after = ctock_pid_index(k.best);
    }
}

typedef struct {
    console_t *c;
    ctock_err_t err;
    uint32_t chunk;
} sent_t;

static void sent_cb(void *data, ctock_pid_t pid, void *ctx)
{
    console_app_t *a = data;
    sent_t *s = ctx;
    if (s->err == CTOCK_OK) {
        a->write_done += s->chunk;
        if (a->write_done < a->write_len && prepare_chunk(s->c, pid, a))
            return;
    }
    finish_write(pid, a);
}

static void transmitted(void *ctx, const uint8_t *buf, size_t len, ctock_err_t err)
{
    console_t *c = ctx;
    ctock_pid_t pid = c->tx_pid;
    (void)buf;
    (void)len;
    if (pid == CTOCK_PID_NONE)
        return;
    c->tx_pid = CTOCK_PID_NONE;
    sent_t s = { c, err, c->tx_chunk };
    /* ERR_NODEVICE: the writer exited or restarted meanwhile; drop it. */
    grant_enter(&c->grant, pid, sent_cb, &s);
    /* Next chunk from inside this callback: the uart mux keeps it whole. */
    if (c->tx_pid != CTOCK_PID_NONE && transmit(c))
        return;
    start_next(c, ctock_pid_index(pid));
}

typedef struct {
    const uint8_t *buf;
    size_t len;
    ctock_err_t err;
} rx_t;

static void received_cb(void *data, ctock_pid_t pid, void *ctx)
{
    console_app_t *a = data;
    const rx_t *r = ctx;
    ctock_buf_t b;
    uint32_t n = 0;
    size_t len = r->len < a->read_len ? r->len : a->read_len;
    if (ctock_allowed_rw(pid, DRIVER_NUM_CONSOLE, ALLOW_READ, &b) == CTOCK_OK)
        n = (uint32_t)ctock_buf_write(&b, 0, r->buf, len);
    a->read_len = 0;
    ctock_upcall_schedule(pid, DRIVER_NUM_CONSOLE, UPCALL_READ_DONE, (uint32_t)r->err, n, 0);
}

static void received(void *ctx, uint8_t *buf, size_t len, ctock_err_t err)
{
    console_t *c = ctx;
    ctock_pid_t pid = c->rx_pid;
    c->rx_pid = CTOCK_PID_NONE;
    if (pid == CTOCK_PID_NONE)
        return;
    rx_t r = { buf, len, err };
    grant_enter(&c->grant, pid, received_cb, &r);   /* NODEVICE: reader gone */
}

static const hil_uart_client_t client = { transmitted, received };

typedef struct {
    uint32_t len;
    ctock_err_t err;
} cmd_t;

static void write_cb(void *data, ctock_pid_t pid, void *ctx)
{
    console_app_t *a = data;
    cmd_t *w = ctx;
    if (a->write_pending) {
        w->err = ERR_BUSY;
        return;
    }
    ctock_buf_t b;
    ctock_allowed_ro(pid, DRIVER_NUM_CONSOLE, ALLOW_WRITE, &b);
    a->write_len = w->len < b.len ? w->len : b.len;
    a->write_done = 0;
    a->write_pending = true;
    if (a->write_len == 0)
        finish_write(pid, a);
}

static ctock_ret_t cmd_write(console_t *c, ctock_pid_t pid, uint32_t len)
{
    cmd_t w = { len, CTOCK_OK };
    ctock_err_t e = grant_enter(&c->grant, pid, write_cb, &w);
    if (e == CTOCK_OK)
        e = w.err;
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    /* UART idle: this write is the only one queued; start it now. */
    if (c->tx_pid == CTOCK_PID_NONE)
        start_next(c, (ctock_pid_index(pid) + CTOCK_MAX_PROCS - 1) % CTOCK_MAX_PROCS);
    return ctock_ret_success();
}

static void read_cb(void *data, ctock_pid_t pid, void *ctx)
{
    console_app_t *a = data;
    cmd_t *r = ctx;
    ctock_buf_t b;
    ctock_allowed_rw(pid, DRIVER_NUM_CONSOLE, ALLOW_READ, &b);
    uint32_t n = r->len < b.len ? r->len : b.len;
    if (n == 0 || n > CONSOLE_RX_BUF) {
        r->err = ERR_SIZE;
        return;
    }
    a->read_len = n;
    r->len = n;
}

static ctock_ret_t cmd_read(console_t *c, ctock_pid_t pid, uint32_t len)
{
    if (c->rx_pid != CTOCK_PID_NONE)
        return ctock_ret_failure(ERR_BUSY);
    cmd_t r = { len, CTOCK_OK };
    ctock_err_t e = grant_enter(&c->grant, pid, read_cb, &r);
    if (e == CTOCK_OK)
        e = r.err;
    if (e == CTOCK_OK)
        e = hil_uart_receive(c->uart, c->rx_buf, r.len);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    c->rx_pid = pid;
    return ctock_ret_success();
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
    console_t *c = ctx;
    (void)arg1;
    switch (cmd) {
    case 0: return ctock_ret_success();
    case 1: return cmd_write(c, pid, arg0);
    case 2: return cmd_read(c, pid, arg0);
    case 3:
        if (c->rx_pid == pid)
            hil_uart_receive_abort(c->uart);
        return ctock_ret_success();
    default: return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void console_init(console_t *c, hil_uart_t *uart)
{
    memset(c, 0, sizeof(*c));
    c->driver.command = command;
    c->driver.ctx = c;
    c->driver.grant = &c->grant;
    grant_init(&c->grant, sizeof(console_app_t), 3, 2, 2);
    c->uart = uart;
    c->tx_pid = CTOCK_PID_NONE;
    c->rx_pid = CTOCK_PID_NONE;
    hil_uart_set_client(uart, &client, c);
}
