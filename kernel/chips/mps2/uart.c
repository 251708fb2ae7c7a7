/*
 * uart.c - CMSDK APB UART (ARM DDI 0479, "Cortex-M System Design Kit"),
 * interrupt driven.
 *
 *   0x00 DATA      write: send byte; read: received byte
 *   0x04 STATE     bit0 TX full, bit1 RX full, bit2 TX overrun, bit3 RX overrun
 *   0x08 CTRL      bit0 TX en, bit1 RX en, bit2 TX irq en, bit3 RX irq en
 *   0x0C INTSTATUS read: bit0 TX, bit1 RX, bit2/3 overrun; write 1 to clear
 *   0x10 BAUDDIV   clock / baud, >= 16
 *
 * TX: write one byte, the TX interrupt (TX buffer no longer full) sends the
 * next; the last one completes the buffer. QEMU raises it at once, ctock-sim
 * after 10 * BAUDDIV cycles: both work since the driver only reacts to the
 * interrupt. RX: each RX interrupt moves one byte into the receive buffer;
 * up to 32 bytes that arrive while no receive is pending wait in a small
 * ring and are handed to the next receive (ctock-sim's --input arrives at
 * boot, before any app reads). When the ring is full the driver leaves the
 * byte in the UART and masks the RX interrupt until a receive makes room
 * (flow control: the sender is held, nothing is dropped). Not modelled:
 * overrun reporting (on real hardware a sender that does not wait would
 * overrun the UART meanwhile).
 */
#include "uart.h"

#include <stdbool.h>

#include "ctock/deferred.h"

#define REG(u, off) (*(volatile uint32_t *)((u)->base + (off)))
#define DATA 0x00
#define STATE 0x04
#define CTRL 0x08
#define INTSTATUS 0x0C
#define BAUDDIV 0x10

#define STATE_TXFULL 1u
#define STATE_RXFULL 2u
#define CTRL_TXEN 1u
#define CTRL_RXEN 2u
#define CTRL_TXIE 4u
#define CTRL_RXIE 8u
#define INT_TX 1u
#define INT_RX 2u

/* One byte in flight at a time: its TX interrupt sends the next. If the
 * holding register is still full (a polled panic write), the pending TX
 * interrupt of that byte calls us again. */
static void send_next(cmsdk_uart_t *u)
{
    if (u->tx_pos < u->tx_len && !(REG(u, STATE) & STATE_TXFULL))
        REG(u, DATA) = u->tx_buf[u->tx_pos++];
}

static ctock_err_t transmit(hil_uart_t *h, const uint8_t *buf, size_t len)
{
    cmsdk_uart_t *u = (cmsdk_uart_t *)h;
    if (u->tx_buf != NULL)
        return ERR_BUSY;
    if (len == 0)
        return ERR_SIZE;
    u->tx_buf = buf;
    u->tx_len = len;
    u->tx_pos = 0;
    send_next(u);
    return CTOCK_OK;
}

void cmsdk_uart_tx_irq(void *arg)
{
    cmsdk_uart_t *u = arg;
    REG(u, INTSTATUS) = INT_TX;
    if (u->tx_buf == NULL)
        return;
    if (u->tx_pos < u->tx_len) {
        send_next(u);
        return;
    }
    const uint8_t *buf = u->tx_buf;
    size_t len = u->tx_len;
    u->tx_buf = NULL;
    if (u->hil.client && u->hil.client->transmitted)
        u->hil.client->transmitted(u->hil.client_ctx, buf, len, CTOCK_OK);
}

static void rx_complete(cmsdk_uart_t *u, ctock_err_t err)
{
    uint8_t *buf = u->rx_buf;
    size_t n = u->rx_pos;
    u->rx_buf = NULL;
    u->rx_aborted = false;
    if (u->hil.client && u->hil.client->received)
        u->hil.client->received(u->hil.client_ctx, buf, n, err);
}

/* Moves received bytes from the UART into the pending receive, or into the
 * early ring when none is pending. When the ring is full the byte stays in
 * the UART and the RX interrupt is switched off: flow control rather than
 * loss (ctock-sim and QEMU both hold further input while RX is full).
 * rx_deferred() switches it back on once a receive has made room. */
static void rx_drain(cmsdk_uart_t *u)
{
    while (REG(u, STATE) & STATE_RXFULL) {
        /* Bytes still in the ring are older: while there are any, new ones
         * queue behind them (rx_deferred hands them over in order). */
        bool pending = u->rx_buf != NULL && !u->rx_aborted && u->early_count == 0;
        if (!pending && u->early_count == sizeof(u->early)) {
            REG(u, CTRL) &= ~CTRL_RXIE;
            return;
        }
        uint8_t c = (uint8_t)REG(u, DATA);
        if (!pending) {
            u->early[(u->early_head + u->early_count++) % sizeof(u->early)] = c;
            continue;
        }
        u->rx_buf[u->rx_pos++] = c;
        if (u->rx_pos == u->rx_len)
            rx_complete(u, CTOCK_OK);
    }
}

void cmsdk_uart_rx_irq(void *arg)
{
    cmsdk_uart_t *u = arg;
    REG(u, INTSTATUS) = INT_RX;
    rx_drain(u);
}

static ctock_err_t receive(hil_uart_t *h, uint8_t *buf, size_t len)
{
    cmsdk_uart_t *u = (cmsdk_uart_t *)h;
    if (u->rx_buf != NULL)
        return ERR_BUSY;
    if (len == 0)
        return ERR_SIZE;
    u->rx_buf = buf;
    u->rx_len = len;
    u->rx_pos = 0;
    u->rx_aborted = false;
    if (u->early_count)
        deferred_call_set(u->deferred);
    return CTOCK_OK;
}

/* Deferred: hand early bytes to the receive, or complete an abort. */
static void rx_deferred(void *arg)
{
    cmsdk_uart_t *u = arg;
    if (u->rx_buf == NULL)
        return;
    if (u->rx_aborted) {
        rx_complete(u, ERR_CANCEL);
        return;
    }
    while (u->early_count && u->rx_pos < u->rx_len) {
        u->rx_buf[u->rx_pos++] = u->early[u->early_head];
        u->early_head = (uint8_t)((u->early_head + 1) % sizeof(u->early));
        u->early_count--;
    }
    if (u->rx_pos == u->rx_len)
        rx_complete(u, CTOCK_OK);
    /* Room again: take what the UART held back, then resume interrupts. */
    rx_drain(u);
    if (u->early_count < sizeof(u->early))
        REG(u, CTRL) |= CTRL_RXIE;
}

static ctock_err_t receive_abort(hil_uart_t *h)
{
    cmsdk_uart_t *u = (cmsdk_uart_t *)h;
    if (u->rx_buf == NULL)
        return ERR_ALREADY;
    u->rx_aborted = true;
    deferred_call_set(u->deferred);
    return CTOCK_OK;
}

static const hil_uart_ops_t ops = { transmit, receive, receive_abort };

void cmsdk_uart_init(cmsdk_uart_t *u, uint32_t base, uint32_t clock_hz, uint32_t baud)
{
    u->hil.ops = &ops;
    u->base = base;
    u->tx_buf = NULL;
    u->rx_buf = NULL;
    u->early_head = u->early_count = 0;
    u->deferred = deferred_call_register(rx_deferred, u);
    uint32_t div = clock_hz / baud;
    REG(u, CTRL) = 0;
    REG(u, BAUDDIV) = div < 16 ? 16 : div;
    REG(u, INTSTATUS) = 0xF;
    REG(u, CTRL) = CTRL_TXEN | CTRL_RXEN | CTRL_TXIE | CTRL_RXIE;
}

void cmsdk_uart_putc_polled(uint32_t base, char c)
{
    volatile uint32_t *state = (volatile uint32_t *)(base + STATE);
    volatile uint32_t *ctrl = (volatile uint32_t *)(base + CTRL);
    *ctrl |= CTRL_TXEN;
    while (*state & STATE_TXFULL)
        ;
    *(volatile uint32_t *)(base + DATA) = (uint8_t)c;
}
