/*
 * uart_cmsdk.c - ARM CMSDK APB UART model (ARM DDI0479C), in QEMU's
 * register order: table -> update_irq -> read -> write -> reset -> create.
 *
 * Timing (deterministic, in CPU cycles): a byte written to DATA occupies the
 * transmitter for one character time, 10 * BAUDDIV cycles (start, 8 data,
 * stop bits; BAUDDIV < 16 means "not programmed" and the 115200-baud divider
 * is used). When it leaves the wire it goes to the console observers,
 * TXFULL clears and, if TX interrupts are enabled, INTSTATUS.TX is set.
 * Like QEMU 7.2 (our reference), the TX interrupt is an event on the
 * full -> empty transition: enabling TXINTEN with an empty buffer does not
 * set INTSTATUS.TX, so a driver must write the first byte itself.
 *
 * Receive: host bytes wait in a queue; the line starts a byte when RX is
 * enabled and the receive buffer is empty, and the byte lands one character
 * time later (RXFULL, INTSTATUS.RX if RXINTEN). Host input therefore never
 * overruns, as with QEMU's chardev flow control.
 *
 * Differences from QEMU, deliberate: a byte written while TX is disabled
 * waits in the buffer and is sent when TX is enabled (QEMU would keep it
 * forever). Not modelled: HSTEST (logged), parity/framing errors, baud-rate
 * mismatch between the ends of the line.
 *
 * IRQ lines are driven on level changes only: rx = INTSTATUS.RX,
 * tx = INTSTATUS.TX, overflow = INTSTATUS.TXO | INTSTATUS.RXO, where the
 * overrun status bits are STATE overrun bits ANDed with their enables.
 */
#include "uart_cmsdk.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

enum { IRQ_RX, IRQ_TX, IRQ_OVF, IRQ_COUNT };

typedef struct uart {
    periph_host_t host;
    const char *name;
    int irq[IRQ_COUNT];
    bool level[IRQ_COUNT];   /* last level driven on each line */

    uint32_t state, ctrl, intstatus, bauddiv;
    uint8_t txbuf, rxbuf;

    event_t tx_done;         /* queued while a byte is on the TX wire */
    event_t rx_arrive;       /* queued while a byte is on the RX wire */
    uint64_t rx_line_free;   /* cycle the RX line finished its last byte */

    uint8_t *rxq;            /* host input not yet delivered (ring) */
    size_t rxq_head, rxq_len, rxq_cap;
    bool hstest_logged;
} uart_t;

/* PID4..PID7, PID0..PID3, CID0..CID3, as the CMSDK TRM and QEMU give them. */
static const uint8_t uart_id[12] = {
    0x04, 0x00, 0x00, 0x00, 0x21, 0xb8, 0x1b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static uint64_t now(const uart_t *u) { return u->host.now(u->host.opaque); }

uint64_t uart_cmsdk_char_cycles(const void *model)
{
    const uart_t *u = model;
    uint32_t div = u->bauddiv;
    if (div < 16) {
        div = u->host.clock_hz / UART_CMSDK_DEFAULT_BAUD;
        if (div < 16)
            div = 16;
    }
    return 10ull * div;
}

static void drive(uart_t *u, int line, bool level)
{
    if (u->level[line] == level)
        return;
    u->level[line] = level;
    if (u->irq[line] >= 0)
        u->host.set_irq(u->host.opaque, u->irq[line], level);
}

/* The one place that decides the IRQ lines. */
static void update_irq(uart_t *u)
{
    uint32_t omask = UART_CMSDK_INT_TXO | UART_CMSDK_INT_RXO;
    u->intstatus &= ~omask;
    u->intstatus |= u->state & (u->ctrl >> 2) & omask;
    drive(u, IRQ_RX, u->intstatus & UART_CMSDK_INT_RX);
    drive(u, IRQ_TX, u->intstatus & UART_CMSDK_INT_TX);
    drive(u, IRQ_OVF, u->intstatus & omask);
}

static void tx_start(uart_t *u)
{
    if ((u->ctrl & UART_CMSDK_CTRL_TXEN) && (u->state & UART_CMSDK_STATE_TXFULL) &&
        !event_is_queued(&u->tx_done))
        evq_schedule(u->host.evq, &u->tx_done, now(u) + uart_cmsdk_char_cycles(u));
}

static void tx_done_fn(void *ctx, uint64_t t)
{
    uart_t *u = ctx;
    observers_console_tx(u->host.observers, t, u->txbuf);
    u->state &= ~UART_CMSDK_STATE_TXFULL;
    if (u->ctrl & UART_CMSDK_CTRL_TXINTEN)
        u->intstatus |= UART_CMSDK_INT_TX;
    update_irq(u);
}

static bool rx_ready(const uart_t *u)
{
    return (u->ctrl & UART_CMSDK_CTRL_RXEN) && !(u->state & UART_CMSDK_STATE_RXFULL);
}

/* Starts the next queued byte on the RX line if the receiver can take it. */
static void rx_kick(uart_t *u)
{
    if (u->rxq_len == 0 || !rx_ready(u) || event_is_queued(&u->rx_arrive))
        return;
    uint64_t start = now(u);
    if (start < u->rx_line_free)
        start = u->rx_line_free;
    evq_schedule(u->host.evq, &u->rx_arrive, start + uart_cmsdk_char_cycles(u));
}

static void rx_arrive_fn(void *ctx, uint64_t t)
{
    uart_t *u = ctx;
    if (u->rxq_len == 0 || !rx_ready(u))
        return;   /* RX disabled meanwhile: the byte waits for the next kick */
    u->rxbuf = u->rxq[u->rxq_head];
    u->rxq_head = (u->rxq_head + 1) % u->rxq_cap;
    u->rxq_len--;
    u->rx_line_free = t;
    u->state |= UART_CMSDK_STATE_RXFULL;
    if (u->ctrl & UART_CMSDK_CTRL_RXINTEN)
        u->intstatus |= UART_CMSDK_INT_RX;
    update_irq(u);
}

void uart_cmsdk_input(void *model, const uint8_t *data, size_t len)
{
    uart_t *u = model;
    if (u->rxq_len + len > u->rxq_cap) {
        size_t cap = u->rxq_cap ? u->rxq_cap : 256;
        while (cap < u->rxq_len + len)
            cap *= 2;
        uint8_t *q = malloc(cap);
        if (!q) {
            observers_guest_log(u->host.observers, now(u),
                                "%s: host input dropped (out of memory)", u->name);
            return;
        }
        for (size_t i = 0; i < u->rxq_len; i++)
            q[i] = u->rxq[(u->rxq_head + i) % u->rxq_cap];
        free(u->rxq);
        u->rxq = q;
        u->rxq_head = 0;
        u->rxq_cap = cap;
    }
    for (size_t i = 0; i < len; i++)
        u->rxq[(u->rxq_head + u->rxq_len + i) % u->rxq_cap] = data[i];
    u->rxq_len += len;
    rx_kick(u);
}

static uint32_t uart_read(void *model, uint32_t offset, unsigned size)
{
    uart_t *u = model;
    switch (offset) {
    case UART_CMSDK_DATA: {
        uint32_t r = u->rxbuf;
        u->state &= ~UART_CMSDK_STATE_RXFULL;
        update_irq(u);
        rx_kick(u);
        return r;
    }
    case UART_CMSDK_STATE:
        return u->state;
    case UART_CMSDK_CTRL:
        return u->ctrl;
    case UART_CMSDK_INTSTATUS:
        return u->intstatus;
    case UART_CMSDK_BAUDDIV:
        return u->bauddiv;
    default:
        if (offset >= UART_CMSDK_PID4 && offset <= UART_CMSDK_CID3 && !(offset & 3))
            return uart_id[(offset - UART_CMSDK_PID4) / 4];
        observers_guest_log(u->host.observers, now(u),
                            "%s: guest error: read of bad offset 0x%03x", u->name, offset);
        return 0;
    }
}

static void uart_write(void *model, uint32_t offset, unsigned size, uint32_t value)
{
    uart_t *u = model;
    switch (offset) {
    case UART_CMSDK_DATA:
        u->txbuf = (uint8_t)value;
        if (u->state & UART_CMSDK_STATE_TXFULL) {
            /* Overrun: the newest byte replaces the buffered one (as QEMU). */
            u->state |= UART_CMSDK_STATE_TXOVR;
        } else {
            u->state |= UART_CMSDK_STATE_TXFULL;
            tx_start(u);
        }
        update_irq(u);
        break;
    case UART_CMSDK_STATE:
        /* TXFULL/RXFULL are read-only; the overrun bits are write-1-to-clear. */
        u->state &= ~(value & (UART_CMSDK_STATE_TXOVR | UART_CMSDK_STATE_RXOVR));
        update_irq(u);
        break;
    case UART_CMSDK_CTRL:
        u->ctrl = value & 0x7f;
        if ((u->ctrl & UART_CMSDK_CTRL_HSTEST) && !u->hstest_logged) {
            u->hstest_logged = true;
            observers_guest_log(u->host.observers, now(u),
                                "%s: unmodelled: high-speed test mode", u->name);
        }
        if ((u->ctrl & UART_CMSDK_CTRL_TXEN) && u->bauddiv < 16)
            observers_guest_log(u->host.observers, now(u),
                                "%s: guest error: TX enabled with BAUDDIV %u < 16",
                                u->name, u->bauddiv);
        tx_start(u);
        update_irq(u);
        rx_kick(u);
        break;
    case UART_CMSDK_INTSTATUS:
        /* Write-1-to-clear; clearing TXO/RXO clears the STATE overrun bit. */
        u->state &= ~(value & (UART_CMSDK_INT_TXO | UART_CMSDK_INT_RXO));
        u->intstatus &= ~value;
        update_irq(u);
        break;
    case UART_CMSDK_BAUDDIV:
        u->bauddiv = value & 0xFFFFF;   /* 20-bit field */
        break;
    default:
        if (offset >= UART_CMSDK_PID4 && offset <= UART_CMSDK_CID3)
            observers_guest_log(u->host.observers, now(u),
                                "%s: guest error: write to read-only ID register 0x%03x",
                                u->name, offset);
        else
            observers_guest_log(u->host.observers, now(u),
                                "%s: guest error: write to bad offset 0x%03x", u->name, offset);
        break;
    }
}

/* Device reset. The host input queue is the far end of the line and keeps
 * its bytes. */
static void uart_reset(void *model)
{
    uart_t *u = model;
    evq_cancel(u->host.evq, &u->tx_done);
    evq_cancel(u->host.evq, &u->rx_arrive);
    u->state = u->ctrl = u->intstatus = u->bauddiv = 0;
    u->txbuf = u->rxbuf = 0;
    u->rx_line_free = 0;
    u->hstest_logged = false;
    update_irq(u);
}

static void uart_destroy(void *model)
{
    uart_t *u = model;
    if (!u)
        return;
    evq_cancel(u->host.evq, &u->tx_done);
    evq_cancel(u->host.evq, &u->rx_arrive);
    free(u->rxq);
    free(u);
}

void *uart_cmsdk_create(const periph_host_t *host, const periph_config_t *cfg)
{
    assert(host && host->now && host->set_irq && host->evq && host->observers);
    if (!cfg || cfg->size < 0x1000 || host->clock_hz == 0)
        return NULL;
    uart_t *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->host = *host;
    u->name = cfg->name ? cfg->name : "uart";
    for (int i = 0; i < IRQ_COUNT; i++)
        u->irq[i] = cfg->irq[i];
    event_init(&u->tx_done, tx_done_fn, u);
    event_init(&u->rx_arrive, rx_arrive_fn, u);
    uart_reset(u);
    return u;
}

const periph_ops_t uart_cmsdk_ops = {
    .name = "cmsdk-apb-uart",
    .read = uart_read,
    .write = uart_write,
    .reset = uart_reset,
    .destroy = uart_destroy,
};
