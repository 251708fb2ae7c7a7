/* lldb.h: the low-level debug driver (Tock driver 8): print alert codes
 * and numbers with a single command system call, no buffers, no upcalls
 * (for when printf itself is suspect). The kernel prints, on the UART:
 *   LowLevelDebug: App 0x<id> alert code 0x<code>
 *   LowLevelDebug: App 0x<id> prints 0x<a>[ 0x<b>]
 *
 * Syscall interface (Tock's capsules/core/src/low_level_debug):
 *   command 0          exists
 *   command 1 (code)   alert code
 *   command 2 (a)      print one number
 *   command 3 (a, b)   print two numbers
 * All are fire-and-forget: they return before the line is out; lines that
 * do not fit the kernel's queue (4 per process) are counted as dropped.
 */
#ifndef CTOCK_LLDB_H
#define CTOCK_LLDB_H

#include <stdint.h>

#define LLDB_DRIVER 8u

/* Alert codes libtock-c / libtock-rs use. */
#define LLDB_ALERT_PANIC 0x01u
#define LLDB_ALERT_WRONG_LOCATION 0x02u

/* Each returns TOCK_OK or a negative error code (ENODEVICE: no driver). */
int lldb_alert(uint32_t code);
int lldb_print1(uint32_t a);
int lldb_print2(uint32_t a, uint32_t b);

#endif /* CTOCK_LLDB_H */
