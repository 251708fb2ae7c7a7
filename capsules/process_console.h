/*
 * process_console.h - a kernel shell on the console UART (Tock's
 * capsules/core/src/process_console.rs): inspect and manage processes
 * while they run.
 *
 * Usage (board, through the UART mux and a virtual alarm for uptime):
 *   uart_mux_device_init(&pconsole_dev, &uart_mux);
 *   virtual_alarm_init(&pconsole_valarm, &alarm_mux);
 *   process_console_init(&pconsole, &pconsole_dev.hil, &pconsole_valarm.hil);
 *   process_console_start(&pconsole);   // owns UART RX from now on
 *
 * Commands, one per line (CR or LF ends a line, backspace edits):
 *   help                 the commands
 *   list                 processes: slot, pid, name, state, faults,
 *                        restarts, syscalls, timeslice expirations, grants
 *   status               kernel: uptime ticks, process counts, timeslices
 *   stop NAME            stop scheduling the process
 *   start NAME           resume a stopped process
 *   terminate NAME       terminate it (as exit)
 *   boot NAME            start a terminated or faulted process afresh
 *   fault NAME           force it into the fault path (dump + fault policy)
 *   kernelmem            the kernel memory map (also: "kernel memory map")
 *
 * Receive: the process console owns UART RX on a board that enables it
 * (apps' console reads get BUSY); it reads one byte at a time. Transmit:
 * each command's whole answer (the echoed command line first) is one
 * write through the mux, so it never interleaves mid-line with app output
 * or kernel messages. A line typed while an answer is still being sent
 * waits, and so does further input (the UART driver holds it back).
 */
#ifndef CTOCK_PROCESS_CONSOLE_H
#define CTOCK_PROCESS_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/time.h"
#include "ctock/hil/uart.h"

#define PCONSOLE_LINE 64
#define PCONSOLE_OUT 1536

typedef struct {
    hil_uart_t *uart;
    hil_alarm_t *alarm;          /* uptime (may be NULL) */
    uint8_t rx_byte;
    char line[PCONSOLE_LINE + 1];
    size_t line_len;
    bool line_too_long;
    bool line_ready;             /* a whole line waits for the transmitter */
    bool tx_busy;
    size_t out_len;
    char out[PCONSOLE_OUT];
} process_console_t;

void process_console_init(process_console_t *pc, hil_uart_t *uart, hil_alarm_t *alarm);
/* Prints the banner and starts reading commands. */
void process_console_start(process_console_t *pc);

#endif
