/*
 * uart_mux.h - share one UART among several users by whole writes
 * (Tock's MuxUart / UartDevice).
 *
 * Usage:
 *   uart_mux_init(&mux, &uart0.hil);
 *   uart_mux_device_init(&console_dev, &mux);   // each device is a hil_uart_t
 *   console_init(&console, &console_dev.hil);
 *
 * Each device gets the UART for one whole transmit() at a time, devices
 * taking turns round-robin. A device that starts its next transmit from
 * inside its own `transmitted` callback keeps the UART, so a write split in
 * chunks (or the kernel's debug ring) is never broken up by another device.
 * Receive: one device at a time (ERR_BUSY for a second receiver).
 */
#ifndef CTOCK_UART_MUX_H
#define CTOCK_UART_MUX_H

#include <stdbool.h>

#include "ctock/hil/uart.h"

typedef struct uart_mux uart_mux_t;

typedef struct uart_mux_device {
    hil_uart_t hil;                 /* first: what the device's user sees */
    uart_mux_t *mux;
    struct uart_mux_device *next;
    const uint8_t *tx_buf;
    size_t tx_len;
    bool tx_pending;
} uart_mux_device_t;

struct uart_mux {
    hil_uart_t *uart;
    uart_mux_device_t *devices;
    uart_mux_device_t *tx_current;  /* owns the UART's transmitter */
    uart_mux_device_t *completing;  /* inside its transmitted callback */
    uart_mux_device_t *rx_current;
};

void uart_mux_init(uart_mux_t *mux, hil_uart_t *uart);
void uart_mux_device_init(uart_mux_device_t *dev, uart_mux_t *mux);

#endif
