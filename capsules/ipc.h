/*
 * ipc.h - IPC: processes find each other by package name, notify each
 * other and share a buffer (Tock's kernel/src/ipc.rs, driver number
 * 0x10000, with Tock 2's numbering as libtock-c's ipc.c uses it).
 *
 * Usage (board):
 *   ipc_init(&ipc);
 *   { DRIVER_NUM_IPC, &ipc.driver }   in the driver table
 *
 * Ids: a process's IPC id is its process table index (0 ..
 * CTOCK_MAX_PROCS-1), Tock's ProcessId::index(); the same number is an
 * upcall number, an allow number and a command argument.
 *
 * Syscall interface
 *   command 0             exists                        Success
 *   command 1             discover: the live process    Success u32 (its id)
 *                         whose package name equals the | NODEVICE (no such name)
 *                         allow-ro 0 bytes (no NUL)     | INVAL (nothing allowed)
 *   command 2 (id)        notify service `id`: upcall   Success | INVAL (no live
 *                         `id` on process `id`            process `id`)
 *   command 3 (id)        notify client `id`: upcall    | SIZE, NOMEM (shared
 *                         <caller's id> on process `id`   buffer not mappable)
 *   other                                               NOSUPPORT
 *   allow-ro 0            the package name to discover
 *   allow-rw <id>         a buffer shared with process `id` (a power of two
 *                         >= 32 bytes, aligned to its size)
 *   subscribe <own id>    service upcall: a client notified us (command 2)
 *   subscribe <id>        client upcall: service `id` notified us (command 3)
 *   upcall args           (notifier's id, len, address) of the buffer the
 *                         notifier allowed to us (allow-rw <our id>), or
 *                         (id, 0, 0) if it allowed none
 *
 * Shared buffers, as Tock: on each notify that carries one, the notified
 * process gets one MPU region over the notifier's buffer (user read/write,
 * never executable; ctock_buf_share), kept until the notified process
 * restarts, at most 2 per process. It then reads and writes the buffer in
 * place at the address the upcall gives. A buffer the MPU cannot cover by
 * one region fails the notify with SIZE (Tock: the upcall still comes and
 * the access faults); no free region: NOMEM. Limits, as in Tock: the
 * region is not revoked when the owner takes the buffer back, exits or
 * restarts, only when the peer restarts.
 *
 * Differences from Tock: discover with nothing allowed is INVAL (Tock 2
 * compares against an empty name: NODEVICE); only live processes are
 * discovered and notified. Per process: a grant with CTOCK_MAX_PROCS
 * upcall and rw allow slots, 1 ro allow slot and a notify counter.
 */
#ifndef CTOCK_IPC_H
#define CTOCK_IPC_H

#include "ctock/capsule.h"

#define IPC_NAME_MAX 32   /* longest package name discover compares */

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;
} ipc_t;

void ipc_init(ipc_t *d);

#endif
