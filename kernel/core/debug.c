/*
 * debug.c - kernel messages through a UART (a uart mux device), so kernel
 * text and process output interleave by whole writes.
 *
 * printk() formats one message (at most DEBUG_LINE_MAX bytes) and appends it
 * whole to a ring buffer, or drops it whole if the ring is full (the drop
 * count is reported with the next message that fits). A deferred call starts
 * a transmit of the ring's oldest contiguous bytes; the transmit-done
 * callback sends the next part. printk_wait() waits for room instead (fault
 * dumps). On a panic, the ring is drained with polled output and the
 * board's halt hook runs. Not modelled: log levels, timestamps.
 */
#include <stdarg.h>
#include <stdbool.h>

#include "ctock/arch.h"
#include "ctock/debug.h"
#include "ctock/deferred.h"
#include "ctock/interrupt.h"

#define DEBUG_RING 1024
#define DEBUG_LINE_MAX 160

static char ring[DEBUG_RING];
static unsigned head, count;     /* head = oldest byte */
static unsigned in_flight;       /* bytes handed to the UART */
static unsigned dropped;
static hil_uart_t *uart;
static debug_putc_fn polled_putc;
static debug_halt_fn halt_hook;
static int deferred = -1;

static void start_tx(void *ctx)
{
    (void)ctx;
    if (uart == NULL || in_flight || count == 0)
        return;
    unsigned n = count;
    if (head + n > DEBUG_RING)
        n = DEBUG_RING - head;
    in_flight = n;
    if (hil_uart_transmit(uart, (const uint8_t *)&ring[head], n) != CTOCK_OK)
        in_flight = 0;
}

static void transmitted(void *ctx, const uint8_t *buf, size_t len, ctock_err_t err)
{
    (void)buf;
    (void)len;
    (void)err;
    head = (head + in_flight) % DEBUG_RING;
    count -= in_flight;
    in_flight = 0;
    start_tx(ctx);
}

static const hil_uart_client_t client = { .transmitted = transmitted };

void debug_init(hil_uart_t *u, debug_putc_fn panic_putc)
{
    uart = u;
    polled_putc = panic_putc;
    hil_uart_set_client(u, &client, NULL);
    deferred = deferred_call_register(start_tx, NULL);
    deferred_call_set(deferred);
}

static void append(const char *s, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        ring[(head + count + i) % DEBUG_RING] = s[i];
    count += n;
}

static void vprintk(bool wait, const char *fmt, va_list ap)
{
    char line[DEBUG_LINE_MAX];
    int n = ctock_vsnprintf(line, sizeof(line), fmt, ap);
    if (n >= (int)sizeof(line))
        n = sizeof(line) - 1;

    /* Waiting: the UART drains the ring from bottom halves (its transmit
     * done) and a deferred call (the next transmit), both run here. */
    while (wait && uart != NULL && count + (unsigned)n + 40 > DEBUG_RING) {
        if (!in_flight)
            deferred_call_set(deferred);   /* (re)start the transmit if idle */
        arch_irq_disable();
        if (!irq_has_pending() && !deferred_call_has_pending())
            arch_wfi();
        arch_irq_enable();
        irq_service_pending();
        deferred_call_service();
    }

    uint32_t primask = arch_irq_save();
    if (count + (unsigned)n > DEBUG_RING) {
        dropped++;
    } else {
        if (dropped) {
            char note[40];
            int m = ctock_snprintf(note, sizeof(note), "ctock: (%u messages dropped)\n", dropped);
            if (count + (unsigned)n + (unsigned)m <= DEBUG_RING) {
                append(note, (unsigned)m);
                dropped = 0;
            }
        }
        append(line, (unsigned)n);
    }
    arch_irq_restore(primask);
    if (deferred >= 0)
        deferred_call_set(deferred);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(false, fmt, ap);
    va_end(ap);
}

void printk_wait(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(true, fmt, ap);
    va_end(ap);
}

void debug_set_halt(debug_halt_fn halt)
{
    halt_hook = halt;
}

static void polled_vprint(const char *fmt, va_list ap)
{
    char line[DEBUG_LINE_MAX];
    ctock_vsnprintf(line, sizeof(line), fmt, ap);
    for (const char *s = line; *s && polled_putc; s++)
        polled_putc(*s);
}

void debug_polled(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    polled_vprint(fmt, ap);
    va_end(ap);
}

void debug_panic(const char *fmt, ...)
{
    arch_irq_disable();
    /* Whatever is queued (including bytes in flight) goes out first. */
    for (unsigned i = 0; i < count && polled_putc; i++)
        polled_putc(ring[(head + i) % DEBUG_RING]);
    count = 0;
    va_list ap;
    va_start(ap, fmt);
    polled_vprint(fmt, ap);
    va_end(ap);
    if (halt_hook)
        halt_hook();
    for (;;)
        arch_wfi();
}
