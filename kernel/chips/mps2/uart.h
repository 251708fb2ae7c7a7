/*
 * uart.h - CMSDK APB UART driver (interrupt-driven TX and RX) implementing
 * hil/uart.h.
 */
#ifndef CTOCK_MPS2_UART_H
#define CTOCK_MPS2_UART_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/hil/uart.h"

typedef struct {
    hil_uart_t hil;           /* first: the HIL view */
    uint32_t base;
    const uint8_t *tx_buf;
    size_t tx_len, tx_pos;
    uint8_t *rx_buf;
    size_t rx_len, rx_pos;
    int deferred;             /* drains early bytes / completes aborts later */
    bool rx_aborted;
    uint8_t early[32];        /* bytes that arrived with no receive pending */
    uint8_t early_head, early_count;
} cmsdk_uart_t;

void cmsdk_uart_init(cmsdk_uart_t *u, uint32_t base, uint32_t clock_hz, uint32_t baud);
/* Bottom halves, registered with irq_register() by the board. */
void cmsdk_uart_tx_irq(void *u);
void cmsdk_uart_rx_irq(void *u);
/* Polled output for panics: waits for room, writes one byte. */
void cmsdk_uart_putc_polled(uint32_t base, char c);

#endif
