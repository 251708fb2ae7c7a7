/*
 * hil/uart.h - hardware interface for a UART: buffer transmit and receive
 * with completion callbacks (Tock's hil::uart, reduced to what ctock uses).
 *
 * The implementer owns the buffer from transmit()/receive() until it hands
 * it back in the client callback. Callbacks run from the kernel loop
 * (interrupt bottom halves or deferred calls), never from an ISR.
 * Not modelled: baud rate / parity changes at run time, flow control.
 */
#ifndef CTOCK_HIL_UART_H
#define CTOCK_HIL_UART_H

#include <stddef.h>
#include <stdint.h>

#include "../abi.h"

typedef struct hil_uart hil_uart_t;

typedef struct {
    /* All `len` bytes of `buf` left the wire (err = CTOCK_OK), or not. */
    void (*transmitted)(void *ctx, const uint8_t *buf, size_t len, ctock_err_t err);
    /* `len` bytes arrived in `buf`; err = ERR_CANCEL after an abort. */
    void (*received)(void *ctx, uint8_t *buf, size_t len, ctock_err_t err);
} hil_uart_client_t;

typedef struct {
    /* Starts sending len (> 0) bytes. ERR_BUSY while a transmit is ongoing. */
    ctock_err_t (*transmit)(hil_uart_t *u, const uint8_t *buf, size_t len);
    /* Starts receiving exactly len (> 0) bytes. ERR_BUSY if already receiving. */
    ctock_err_t (*receive)(hil_uart_t *u, uint8_t *buf, size_t len);
    /* Ends an ongoing receive early: received() follows with ERR_CANCEL. */
    ctock_err_t (*receive_abort)(hil_uart_t *u);
} hil_uart_ops_t;

struct hil_uart {
    const hil_uart_ops_t *ops;
    const hil_uart_client_t *client;
    void *client_ctx;
};

static inline void hil_uart_set_client(hil_uart_t *u, const hil_uart_client_t *c, void *ctx)
{
    u->client = c;
    u->client_ctx = ctx;
}

static inline ctock_err_t hil_uart_transmit(hil_uart_t *u, const uint8_t *buf, size_t len)
{
    return u->ops->transmit(u, buf, len);
}

static inline ctock_err_t hil_uart_receive(hil_uart_t *u, uint8_t *buf, size_t len)
{
    return u->ops->receive(u, buf, len);
}

static inline ctock_err_t hil_uart_receive_abort(hil_uart_t *u)
{
    return u->ops->receive_abort(u);
}

#endif
