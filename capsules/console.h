/*
 * console.h - Console: process text output and input over a UART
 * (Tock's capsules/core/src/console.rs, driver number 0x1).
 *
 * Usage (board):
 *   uart_mux_device_init(&console_dev, &uart_mux);
 *   console_init(&console, &console_dev.hil);
 *   { DRIVER_NUM_CONSOLE, &console.driver }   in the driver table
 *
 * Usage (process): allow-ro 1 the text, subscribe 1, command 1 (len),
 * yield until the write-done upcall.
 *
 * Syscall interface
 *   command 0            exists                         Success
 *   command 1 (len)      write min(len, buffer) bytes    Success | BUSY (a write of
 *                        of the allow-ro 1 buffer        this process is ongoing)
 *   command 2 (len)      read min(len, buffer) bytes     Success | BUSY (another read
 *                        into the allow-rw 1 buffer      ongoing) | SIZE (> 64 bytes)
 *   command 3            abort the ongoing read          Success
 *   other                                                NOSUPPORT
 *   allow-ro 1           text to write
 *   allow-rw 1           buffer to read into
 *   subscribe 1          write done: (bytes written, 0, 0)
 *   subscribe 2          read done: (status: 0 or error code, bytes read, 0)
 *
 * Writes of several processes are queued and sent one whole write at a
 * time, in CONSOLE_TX_BUF chunks that keep the UART between them; the next
 * write is taken round robin by process index. A process's write state
 * lives in its instance of the console's grant (with its allow and
 * subscribe slots), allocated by its first subscribe, allow or command.
 */
#ifndef CTOCK_CONSOLE_H
#define CTOCK_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/uart.h"

#define CONSOLE_TX_BUF 128
#define CONSOLE_RX_BUF 64

/* Per process, in the grant. */
typedef struct {
    uint32_t write_len;       /* bytes requested */
    uint32_t write_done;      /* bytes sent so far */
    uint32_t read_len;        /* bytes of the read in progress */
    bool write_pending;       /* queued or in progress */
} console_app_t;

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;      /* console_app_t + 3 upcalls, 2 ro, 2 rw allows */
    hil_uart_t *uart;
    ctock_pid_t tx_pid;       /* process whose chunk is on the UART, or NONE */
    uint32_t tx_chunk;
    ctock_pid_t rx_pid;       /* process reading, or NONE */
    uint8_t tx_buf[CONSOLE_TX_BUF];
    uint8_t rx_buf[CONSOLE_RX_BUF];
} console_t;

void console_init(console_t *c, hil_uart_t *uart);

#endif
