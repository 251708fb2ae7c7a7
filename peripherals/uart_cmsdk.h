/*
 * uart_cmsdk.h - ARM CMSDK APB UART (Cortex-M System Design Kit TRM,
 * ARM DDI0479C, "APB UART"), the console UART of both boards.
 *
 * Configuration: cfg->irq[0] = RX, irq[1] = TX, irq[2] = combined overflow
 * (TX or RX overrun); any may be -1.
 *
 * Bytes the transmitter finishes go to observers_console_tx at the cycle
 * they leave the wire. Host input (uart_cmsdk_input) is queued and handed
 * to the receiver one byte per character time while RX is enabled and the
 * receive buffer is empty (as QEMU's chardev flow control does), so host
 * input never overruns the guest.
 */
#ifndef PERIPHERALS_UART_CMSDK_H
#define PERIPHERALS_UART_CMSDK_H

#include <stddef.h>
#include <stdint.h>

#include "periph.h"

/* Register offsets. */
#define UART_CMSDK_DATA       0x00
#define UART_CMSDK_STATE      0x04
#define UART_CMSDK_CTRL       0x08
#define UART_CMSDK_INTSTATUS  0x0C  /* read: status; write: 1 clears */
#define UART_CMSDK_BAUDDIV    0x10
#define UART_CMSDK_PID4       0xFD0
#define UART_CMSDK_CID3       0xFFC

/* STATE bits */
#define UART_CMSDK_STATE_TXFULL   (1u << 0)
#define UART_CMSDK_STATE_RXFULL   (1u << 1)
#define UART_CMSDK_STATE_TXOVR    (1u << 2)
#define UART_CMSDK_STATE_RXOVR    (1u << 3)
/* CTRL bits */
#define UART_CMSDK_CTRL_TXEN      (1u << 0)
#define UART_CMSDK_CTRL_RXEN      (1u << 1)
#define UART_CMSDK_CTRL_TXINTEN   (1u << 2)
#define UART_CMSDK_CTRL_RXINTEN   (1u << 3)
#define UART_CMSDK_CTRL_TXOINTEN  (1u << 4)
#define UART_CMSDK_CTRL_RXOINTEN  (1u << 5)
#define UART_CMSDK_CTRL_HSTEST    (1u << 6)
/* INTSTATUS bits */
#define UART_CMSDK_INT_TX         (1u << 0)
#define UART_CMSDK_INT_RX         (1u << 1)
#define UART_CMSDK_INT_TXO        (1u << 2)
#define UART_CMSDK_INT_RXO        (1u << 3)

/* BAUDDIV below the CMSDK minimum of 16 (e.g. not programmed yet) makes the
 * model use the divider for 115200 baud at the CPU clock. */
#define UART_CMSDK_DEFAULT_BAUD   115200u

void *uart_cmsdk_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t uart_cmsdk_ops;

/* Queues host bytes for the receiver (copied). */
void uart_cmsdk_input(void *model, const uint8_t *data, size_t len);

/* Cycles one character (start + 8 data + stop bits) takes on the wire with
 * the current BAUDDIV. */
uint64_t uart_cmsdk_char_cycles(const void *model);

#endif
