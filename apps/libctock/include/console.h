/* console.h: the console driver (Tock driver 1): write and read bytes.
 *
 * Syscall interface (Tock's capsules/core/src/console.rs):
 *   command 0        exists
 *   command 1 (len)  write len bytes of the read-only allowed buffer
 *   command 2 (len)  read up to len bytes into the read-write allowed buffer
 *   command 3        abort a read (the read upcall then reports ECANCEL)
 *   allow-ro 1       buffer to write
 *   allow-rw 1       buffer to read into
 *   subscribe 1      write done: (bytes written, 0, 0)
 *   subscribe 2      read done: (status code, bytes read, 0)
 *
 * One write and one read may be outstanding at a time per process. The
 * blocking forms yield until their upcall arrives; other upcalls keep being
 * delivered meanwhile. console_write (and so printf) may be called from an
 * upcall that interrupts another console_write: the two are interleaved
 * chunk by chunk. Do not mix console_write_async with blocking writes.
 */
#ifndef CTOCK_CONSOLE_H
#define CTOCK_CONSOLE_H

#include <stddef.h>

#include "tock.h"

#define CONSOLE_DRIVER 1u

/* Start writing buf[0..len); done(written, 0, 0, userdata) runs in a later
 * yield. buf must stay untouched until then. Returns TOCK_OK or an error. */
int console_write_async(const void *buf, size_t len, tock_upcall_fn_t *done, void *userdata);

/* Write all of buf[0..len). Returns len, or a negative error code. */
int console_write(const void *buf, size_t len);

/* Start reading up to len bytes into buf; done(status, count, 0, userdata). */
int console_read_async(void *buf, size_t len, tock_upcall_fn_t *done, void *userdata);

/* Read up to len bytes (returns when the kernel delivers some).
 * Returns the count, or a negative error code. */
int console_read(void *buf, size_t len);

/* Abort an outstanding read. */
int console_read_abort(void);

#endif /* CTOCK_CONSOLE_H */
