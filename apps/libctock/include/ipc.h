/* ipc.h: IPC (Tock driver 0x10000): find a service by package name,
 * notify it, share a buffer with it (libtock-c's ipc.h, Tock 2 numbering).
 *
 * Syscall interface (capsules/ipc.h):
 *   command 1             discover the allow-ro 0 name -> Success u32 id
 *                         | NODEVICE (no such process)
 *   command 2 (id)        notify service id             | INVAL (bad id)
 *   command 3 (id)        notify client id              | INVAL (bad id)
 *   allow-ro 0            the package name for discover
 *   allow-rw <id>         buffer shared with process id (a power of two
 *                         >= 32 bytes, aligned to its size)
 *   subscribe <own id>    as a service: fn(client id, len, buffer address)
 *   subscribe <svc id>    as a client of svc: fn(svc id, len, address)
 *
 * The notified process reads and writes the shared buffer in place at the
 * address its upcall gets: the kernel gives it an MPU region over it.
 */
#ifndef CTOCK_IPC_H
#define CTOCK_IPC_H

#include <stddef.h>
#include <stdint.h>

#include "tock.h"

#define IPC_DRIVER 0x10000u

bool ipc_exists(void);

/* The id of the process named pkg_name (>= 0), or a negative TOCK_E*
 * (TOCK_ENODEVICE: no such process). */
int ipc_discover(const char *pkg_name);

/* Registers this process as the service pkg_name (its own package name):
 * fn(client id, len, buffer address, ud) on every client notify. */
int ipc_register_service(const char *pkg_name, tock_upcall_fn_t *fn, void *ud);

/* As a client of svc_id: fn(svc id, len, address, ud) when it notifies us. */
int ipc_register_client(int svc_id, tock_upcall_fn_t *fn, void *ud);

/* Notify service svc_id (client side) / client client_id (service side). */
int ipc_notify_service(int svc_id);
int ipc_notify_client(int client_id);

/* Shares buf[0..len) with process id (allow-rw id); NULL, 0 unshares.
 * len must be a power of two >= 32 and buf aligned to it. */
int ipc_share(int id, void *buf, size_t len);

/* A buffer of len bytes (a power of two >= 32) aligned to len, from the
 * heap (sbrk), for ipc_share; NULL if the heap is full. */
void *ipc_alloc_shared(size_t len);

#endif
