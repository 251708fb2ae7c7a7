/*
 * low_level_debug.h - Low-level debug: processes print alert codes and
 * numbers with nothing but the command system call (Tock's
 * capsules/core/src/low_level_debug, driver number 0x8; for toolchain and
 * relocation bugs, where printf itself may be broken).
 *
 * Usage (board):
 *   uart_mux_device_init(&lldb_dev, &uart_mux);
 *   lldb_init(&lldb, &lldb_dev.hil);
 *   { DRIVER_NUM_LOW_LEVEL_DEBUG, &lldb.driver }   in the driver table
 *
 * Syscall interface
 *   command 0            exists                          Success
 *   command 1 (code)     print an alert code             Success
 *   command 2 (a)        print one number                Success
 *   command 3 (a, b)     print two numbers               Success
 *   other                                                NOSUPPORT
 *   No allows, no subscribes: the process is never told when the line is
 *   out.
 *
 * Output, one line each on the UART (Tock's format; numbers in hex, APP
 * is the process id that process_info reports):
 *   LowLevelDebug: App 0xAPP alert code 0xCODE
 *   LowLevelDebug: App 0xAPP prints 0xA
 *   LowLevelDebug: App 0xAPP prints 0xA 0xB
 *   LowLevelDebug: Dropped 0xN entries for app 0xAPP
 *   LowLevelDebug: grant init failed
 * A line goes out at once if the capsule's UART device is idle; otherwise
 * it waits in the process's queue (LLDB_QUEUE entries in its grant); when
 * the queue is full its last entry becomes a "Dropped" count. A process
 * without room for the grant loses the line and the capsule prints
 * "grant init failed" (Tock's behaviour). Per process: 8 + 12 * 4 bytes.
 */
#ifndef CTOCK_LOW_LEVEL_DEBUG_H
#define CTOCK_LOW_LEVEL_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/uart.h"

#define LLDB_QUEUE 4
#define LLDB_LINE 64   /* longest line: 2 x 8 hex digits + text */

typedef enum { LLDB_NONE = 0, LLDB_DROPPED, LLDB_ALERT, LLDB_PRINT1, LLDB_PRINT2 } lldb_kind_t;

typedef struct {
    uint32_t kind;        /* lldb_kind_t */
    uint32_t a, b;
} lldb_entry_t;

/* Per process, in the grant. */
typedef struct {
    lldb_entry_t queue[LLDB_QUEUE];
} lldb_app_t;

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;
    hil_uart_t *uart;
    bool busy;             /* a line is on the UART */
    bool grant_failed;     /* print "grant init failed" next */
    uint8_t line[LLDB_LINE];
} lldb_t;

void lldb_init(lldb_t *d, hil_uart_t *uart);

#endif
