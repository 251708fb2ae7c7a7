/*
 * debug.h - kernel messages ("ctock: ..."), printed through a UART (in
 * practice a uart mux device) so they interleave with process output by
 * whole messages.
 *
 * printk() formats into a ring buffer and returns at once; the text leaves
 * from the kernel loop. Before debug_init() text waits in the ring. On a
 * kernel panic debug_panic() bypasses everything and polls the UART.
 * Formats: %s %c %d %u %x %p, with optional '0' and width (e.g. %08x).
 */
#ifndef CTOCK_DEBUG_H
#define CTOCK_DEBUG_H

#include <stdarg.h>
#include <stddef.h>

#include "hil/uart.h"

/* Polled byte output for panics (the chip provides it). */
typedef void (*debug_putc_fn)(char c);

void debug_init(hil_uart_t *uart, debug_putc_fn panic_putc);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like printk, but when the ring is full it waits for room (servicing
 * interrupt bottom halves and deferred calls, sleeping in between) instead
 * of dropping the message. For long output such as fault dumps; only from
 * the kernel loop's own context, never from a bottom half or callback. */
void printk_wait(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the queued text and the message with polled output, then calls
 * the board's halt hook (if any) and halts. */
void debug_panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* The board's last word on a panic, e.g. telling a simulator to stop with a
 * failure status (sim board: sysctl EXIT). Runs with interrupts off; may
 * return (the kernel then sleeps forever). */
typedef void (*debug_halt_fn)(void);
void debug_set_halt(debug_halt_fn halt);
/* Like printk but polled and immediate (used by the fault handler). */
void debug_polled(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The formatter behind all of them: writes at most size-1 chars + NUL. */
int ctock_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ctock_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
