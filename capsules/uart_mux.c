/*
 * uart_mux.c - UART virtualizer: whole transmits, round-robin between
 * devices, a device may chain its next transmit (see uart_mux.h).
 */
#include "uart_mux.h"

#include <stddef.h>

static void start(uart_mux_t *mux, uart_mux_device_t *dev)
{
    mux->tx_current = dev;
    if (hil_uart_transmit(mux->uart, dev->tx_buf, dev->tx_len) != CTOCK_OK) {
        /* The UART refused: hand the buffer back with the error. */
        mux->tx_current = NULL;
        dev->tx_pending = false;
        if (dev->hil.client && dev->hil.client->transmitted)
            dev->hil.client->transmitted(dev->hil.client_ctx, dev->tx_buf, dev->tx_len, ERR_FAIL);
    }
}

/* Starts the next pending device after `after` (round-robin). */
static void start_next(uart_mux_t *mux, uart_mux_device_t *after)
{
    uart_mux_device_t *d = after && after->next ? after->next : mux->devices;
    for (uart_mux_device_t *first = d; d != NULL;) {
        if (d->tx_pending) {
            start(mux, d);
            return;
        }
        d = d->next ? d->next : mux->devices;
        if (d == first)
            break;
    }
}

static void transmitted(void *ctx, const uint8_t *buf, size_t len, ctock_err_t err)
{
    uart_mux_t *mux = ctx;
    uart_mux_device_t *dev = mux->tx_current;
    mux->tx_current = NULL;
    if (dev == NULL)
        return;
    dev->tx_pending = false;
    mux->completing = dev;
    if (dev->hil.client && dev->hil.client->transmitted)
        dev->hil.client->transmitted(dev->hil.client_ctx, buf, len, err);
    mux->completing = NULL;
    if (dev->tx_pending)
        start(mux, dev);        /* chained: keep the UART */
    else
        start_next(mux, dev);
}

static void received(void *ctx, uint8_t *buf, size_t len, ctock_err_t err)
{
    uart_mux_t *mux = ctx;
    uart_mux_device_t *dev = mux->rx_current;
    mux->rx_current = NULL;
    if (dev && dev->hil.client && dev->hil.client->received)
        dev->hil.client->received(dev->hil.client_ctx, buf, len, err);
}

static const hil_uart_client_t mux_client = { transmitted, received };

static ctock_err_t dev_transmit(hil_uart_t *h, const uint8_t *buf, size_t len)
{
    uart_mux_device_t *dev = (uart_mux_device_t *)h;
    uart_mux_t *mux = dev->mux;
    if (dev->tx_pending || mux->tx_current == dev)
        return ERR_BUSY;
    if (len == 0)
        return ERR_SIZE;
    dev->tx_buf = buf;
    dev->tx_len = len;
    dev->tx_pending = true;
    if (mux->tx_current == NULL && mux->completing == NULL)
        start(mux, dev);
    return CTOCK_OK;
}

static ctock_err_t dev_receive(hil_uart_t *h, uint8_t *buf, size_t len)
{
    uart_mux_device_t *dev = (uart_mux_device_t *)h;
    uart_mux_t *mux = dev->mux;
    if (mux->rx_current != NULL)
        return ERR_BUSY;
    ctock_err_t e = hil_uart_receive(mux->uart, buf, len);
    if (e == CTOCK_OK)
        mux->rx_current = dev;
    return e;
}

static ctock_err_t dev_receive_abort(hil_uart_t *h)
{
    uart_mux_device_t *dev = (uart_mux_device_t *)h;
    if (dev->mux->rx_current != dev)
        return ERR_ALREADY;
    return hil_uart_receive_abort(dev->mux->uart);
}

static const hil_uart_ops_t dev_ops = { dev_transmit, dev_receive, dev_receive_abort };

void uart_mux_init(uart_mux_t *mux, hil_uart_t *uart)
{
    mux->uart = uart;
    mux->devices = NULL;
    mux->tx_current = mux->completing = mux->rx_current = NULL;
    hil_uart_set_client(uart, &mux_client, mux);
}

void uart_mux_device_init(uart_mux_device_t *dev, uart_mux_t *mux)
{
    dev->hil.ops = &dev_ops;
    dev->hil.client = NULL;
    dev->mux = mux;
    dev->tx_pending = false;
    dev->next = NULL;
    uart_mux_device_t **p = &mux->devices;
    while (*p)
        p = &(*p)->next;
    *p = dev;
}
