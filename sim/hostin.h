/*
 * hostin.h - host stdin as UART input. Only when stdin is a pipe, FIFO,
 * socket or regular file: a terminal is left alone (no line editing or raw
 * mode here), and a closed or unreadable stdin counts as no input. Reads
 * never block the simulation: poll() first, then read what is there.
 */
#ifndef SIM_HOSTIN_H
#define SIM_HOSTIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hostin {
    int fd;
    bool active;   /* false: terminal, closed, EOF reached or error */
} hostin_t;

/* Decides whether stdin is an input source. */
void hostin_init(hostin_t *h);
/* Reads what is available within timeout_ms (0: do not wait) into buf.
 * Returns the byte count (0 when nothing came); deactivates on EOF/error. */
size_t hostin_poll(hostin_t *h, uint8_t *buf, size_t cap, int timeout_ms);

#endif
