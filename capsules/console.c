/*
 * console.c - Console capsule (see console.h for the syscall interface).
 */
#include "console.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_WRITE_DONE = 1, UPCALL_READ_DONE = 2 };
enum { ALLOW_WRITE = 1, ALLOW_READ = 1 };

static console_app_t *app_for(console_t *c, ctock_pid_t pid)
{
    console_app_t *a = &c->apps[ctock_pid_index(pid)];
    if (a->pid != pid) {      /* first use by this (incarnation of the) process */
        memset(a, 0, sizeof(*a));
        a->pid = pid;
    }
    return a;
}

/* Copies the next chunk of app i's write into tx_buf and sends it. Returns
 * false if there was nothing (left) to send. */
static bool send_chunk(console_t *c, int i)
{
    console_app_t *a = &c->apps[i];
    ctock_buf_t b;
    if (!ctock_pid_alive(a->pid) || ctock_allowed_ro(a->pid, DRIVER_NUM_CONSOLE, ALLOW_WRITE, &b))
        return false;
    uint32_t want = a->write_len - a->write_done;
    if (want > CONSOLE_TX_BUF)
        want = CONSOLE_TX_BUF;
    uint32_t n = (uint32_t)ctock_buf_read(&b, a->write_done, c->tx_buf, want);
    if (n == 0)
        return false;   /* the buffer shrank under us: end the write early */
    c->tx_app = i;
    c->tx_pid = a->pid;
    c->tx_chunk = n;
    if (hil_uart_transmit(c->uart, c->tx_buf, n) != CTOCK_OK) {
        c->tx_app = -1;
        return false;
    }
    return true;
}

static void finish_write(console_t *c, int i)
{
    console_app_t *a = &c->apps[i];
    a->write_pending = false;
    ctock_upcall_schedule(a->pid, DRIVER_NUM_CONSOLE, UPCALL_WRITE_DONE, a->write_done, 0, 0);
}

/* Starts the next queued write, round-robin after `after`. */
static void start_next(console_t *c, int after)
{
    for (int k = 1; k <= CTOCK_MAX_PROCS; k++) {
        int i = (after + k) % CTOCK_MAX_PROCS;
        console_app_t *a = &c->apps[i];
        if (!a->write_pending)
            continue;
        if (send_chunk(c, i))
            return;
        if (ctock_pid_alive(a->pid))
            finish_write(c, i);
        else
            a->write_pending = false;
    }
}

static void transmitted(void *ctx, const uint8_t *buf, size_t len, ctock_err_t err)
{
    console_t *c = ctx;
    int i = c->tx_app;
    c->tx_app = -1;
    if (i < 0)
        return;
    console_app_t *a = &c->apps[i];
    if (a->pid != c->tx_pid) {    /* the process restarted meanwhile */
        start_next(c, i);
        return;
    }
    a->write_done += c->tx_chunk;
    /* Next chunk from inside this callback: the uart mux keeps it whole. */
    if (err == CTOCK_OK && a->write_done < a->write_len && send_chunk(c, i))
        return;
    if (ctock_pid_alive(a->pid))
        finish_write(c, i);
    else
        a->write_pending = false;
    start_next(c, i);
}

static void received(void *ctx, uint8_t *buf, size_t len, ctock_err_t err)
{
    console_t *c = ctx;
    int i = c->rx_app;
    c->rx_app = -1;
    if (i < 0)
        return;
    console_app_t *a = &c->apps[i];
    if (a->pid != c->rx_pid)
        return;                   /* the reader restarted meanwhile */
    ctock_buf_t b;
    uint32_t n = 0;
    if (ctock_allowed_rw(a->pid, DRIVER_NUM_CONSOLE, ALLOW_READ, &b) == CTOCK_OK)
        n = (uint32_t)ctock_buf_write(&b, 0, buf, len);
    ctock_upcall_schedule(a->pid, DRIVER_NUM_CONSOLE, UPCALL_READ_DONE, (uint32_t)err, n, 0);
}

static const hil_uart_client_t client = { transmitted, received };

static ctock_ret_t cmd_write(console_t *c, ctock_pid_t pid, uint32_t len)
{
    console_app_t *a = app_for(c, pid);
    if (a->write_pending)
        return ctock_ret_failure(ERR_BUSY);
    ctock_buf_t b;
    ctock_allowed_ro(pid, DRIVER_NUM_CONSOLE, ALLOW_WRITE, &b);
    a->write_len = len < b.len ? len : b.len;
    a->write_done = 0;
    a->write_pending = true;
    int i = (int)ctock_pid_index(pid);
    if (a->write_len == 0) {
        finish_write(c, i);
    } else if (c->tx_app < 0 && !send_chunk(c, i)) {
        finish_write(c, i);
    }
    return ctock_ret_success();
}

static ctock_ret_t cmd_read(console_t *c, ctock_pid_t pid, uint32_t len)
{
    console_app_t *a = app_for(c, pid);
    if (c->rx_app >= 0)
        return ctock_ret_failure(ERR_BUSY);
    ctock_buf_t b;
    ctock_allowed_rw(pid, DRIVER_NUM_CONSOLE, ALLOW_READ, &b);
    uint32_t n = len < b.len ? len : b.len;
    if (n > CONSOLE_RX_BUF)
        return ctock_ret_failure(ERR_SIZE);
    if (n == 0)
        return ctock_ret_failure(ERR_SIZE);
    a->read_len = n;
    ctock_err_t e = hil_uart_receive(c->uart, c->rx_buf, n);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    c->rx_app = (int)ctock_pid_index(pid);
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
        if (c->rx_app == (int)ctock_pid_index(pid) && c->rx_pid == pid)
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
    c->driver.num_upcalls = 3;
    c->driver.num_allow_ro = 2;
    c->driver.num_allow_rw = 2;
    c->uart = uart;
    c->tx_app = -1;
    c->rx_app = -1;
    hil_uart_set_client(uart, &client, c);
}
