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
 * time, in CONSOLE_TX_BUF chunks that keep the UART between them.
 */
#ifndef CTOCK_CONSOLE_H
#define CTOCK_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/uart.h"

#define CONSOLE_TX_BUF 128
#define CONSOLE_RX_BUF 64

typedef struct {
    ctock_pid_t pid;          /* owner of this slot (0: free) */
    uint32_t write_len;       /* bytes requested */
    uint32_t write_done;      /* bytes sent so far */
    bool write_pending;       /* queued or in progress */
    uint32_t read_len;
} console_app_t;

typedef struct {
    ctock_driver_t driver;
    hil_uart_t *uart;
    console_app_t apps[CTOCK_MAX_PROCS];
    int tx_app;               /* index of the app being sent, -1: idle */
    ctock_pid_t tx_pid;       /* ... and which incarnation of it */
    uint32_t tx_chunk;
    int rx_app;               /* index of the app reading, -1: none */
    ctock_pid_t rx_pid;
    uint8_t tx_buf[CONSOLE_TX_BUF];
    uint8_t rx_buf[CONSOLE_RX_BUF];
} console_t;

void console_init(console_t *c, hil_uart_t *uart);

#endif
