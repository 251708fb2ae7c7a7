/*
 * hostin.h - host stdin as UART input.
 *
 *   pipe, FIFO, socket, regular file, /dev/... : read as bytes
 *   terminal, stdout a terminal too (interactive) : put in non-canonical,
 *       no-echo mode for the run, each keystroke a byte (Enter gives '\n';
 *       Ctrl-C still interrupts the simulator, see main.c)
 *   terminal, stdout not (ctest, | tee) : left cooked, lines after Enter
 *   closed, unreadable, background terminal : no input
 *
 * Flow: the UART takes one byte per character time, so stdin is read no
 * faster than that. hostin_room() allows HOSTIN_AHEAD bytes ahead of the
 * line at 115200 baud (the kernel's console rate) since the start of the
 * run; an endless stdin (`< /dev/zero`, `yes |`) therefore costs wall time
 * in proportion to virtual time and never holds up --until. A guest that
 * programs a faster line rate still gets every byte, only paced at 115200.
 *
 * Reads never block the simulation: poll() first, then read what is there.
 */
#ifndef SIM_HOSTIN_H
#define SIM_HOSTIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HOSTIN_AHEAD 4096   /* bytes fed ahead of the line */
#define HOSTIN_BAUD  115200u

typedef struct hostin {
    int fd;
    bool active;          /* false: closed, EOF reached, error, background tty */
    bool tty;             /* stdin is a terminal we put in raw mode */
    uint64_t fed;         /* bytes handed to the UART so far */
    uint64_t char_cycles; /* CPU cycles per character at HOSTIN_BAUD */
} hostin_t;

/* Decides whether stdin is an input source; for a terminal in the
 * foreground, switches it to non-canonical no-echo mode and installs the
 * handlers that put it back (exit, fatal signals, Ctrl-Z/fg). */
void hostin_init(hostin_t *h, uint32_t clock_hz);
/* Bytes that may be read now, at virtual time now_cycle. */
size_t hostin_room(const hostin_t *h, uint64_t now_cycle);
/* Reads what is available within timeout_ms (0: do not wait) into buf,
 * at most cap bytes, and counts them as fed. Returns the byte count (0
 * when nothing came); deactivates on EOF/error. */
size_t hostin_poll(hostin_t *h, uint8_t *buf, size_t cap, int timeout_ms);
/* Puts the terminal back as it was (no-op unless hostin_init changed it).
 * Async-signal-safe; called again is harmless. */
void hostin_restore(void);

#endif
