/*
 * process_info.h - Process info: processes list the processes on the
 * board, their names and run statistics (Tock's
 * capsules/extra/src/process_info.rs, driver number 0x10002).
 *
 * Usage (board):
 *   process_info_init(&pinfo);
 *   { DRIVER_NUM_PROCESS_INFO, &pinfo.driver }   in the driver table
 *
 * Syscall interface (Tock's numbering; "process id" is ctock's pid, the
 * number LowLevelDebug prints as "App 0x..": it changes on every restart)
 *   command 0            exists                          Success
 *   command 1            number of processes             Success u32
 *   command 2            their process ids, u32 each, in Success u32 (count;
 *                        the allow-rw 0 buffer (as many  all of them, even
 *                        as fit)                         those that did not fit)
 *   command 3            their short ids, likewise: 0    Success u32 (count)
 *                        each (ctock has no fixed short
 *                        ids: Tock's LocallyUnique)
 *   command 4 (id)       its name into the buffer (as    Success u32 (name length)
 *                        much as fits, no NUL)           | INVAL (no such id)
 *   command 5 (id)       4 u32 into the buffer:          Success | INVAL
 *                        timeslice expirations, system
 *                        calls, restarts, state (0
 *                        running, 1 yielded, 2 yielded-
 *                        for, 3 stopped, 4 faulted, 5
 *                        terminated)
 *   command 6            (Tock: change a process's       NOSUPPORT (comes with the
 *                        state)                          process console)
 *   other                                                NOSUPPORT
 *   allow-rw 0           buffer for commands 2-5
 *   No subscribes.
 *
 * "Processes" are every loaded process, in process table order, whatever
 * their state (faulted and terminated ones too), as Tock's process_each.
 * Differences from Tock: command 5 for an unknown id is INVAL (Tock:
 * Success, buffer untouched). Per process: a grant with 1 rw allow slot
 * (16 bytes), no state.
 */
#ifndef CTOCK_PROCESS_INFO_H
#define CTOCK_PROCESS_INFO_H

#include "ctock/capsule.h"

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;
} process_info_t;

void process_info_init(process_info_t *d);

#endif
