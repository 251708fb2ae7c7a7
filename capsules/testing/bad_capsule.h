/*
 * bad_capsule.h - a planted faulty capsule for the capsule checker's test
 * (test/system/test_capsule_runtime_check.sh, apps/capsule_bad). Only in
 * the test kernels (kernel-<board>-test.elf); driver number 0x90ff3.
 *
 * It passes the build check (tools/check_capsules.sh): every bad access
 * goes through a pointer computed or kept at run time, which no rule on
 * the source or the object can see. ctock-sim --check-capsules reports
 * each one; without the flag nothing notices.
 *
 * Usage (test board):
 *   bad_capsule_init(&bad, console.rx_buf, &ndrivers);
 *   CAPSULE_STATE(bad_capsule, bad);
 *   { DRIVER_NUM_BAD_CAPSULE, &bad.driver }   in the driver table
 *
 * Syscall interface
 *   command 0          exists                                   Success
 *   command 1 (v)      good: writes its own state and the data   Success u32
 *                      of its grant instance (entered); returns  (calls so far)
 *                      how often it was called
 *   command 2 (v)      (a) stores byte v into another capsule's  Success
 *                      state (the pointer the board gave it)
 *   command 3          (b) loads a kernel variable and returns   Success u32
 *                      it
 *   command 4          (c) inside its grant callback, loads and  Success
 *                      stores back the word just below its grant
 *                      data (the instance's last slot)
 *   command 5          keeps the address of the allow-rw 0       Success u32
 *                      buffer (copied out of the ctock_buf_t      (the address)
 *                      with memcpy, around the API) and returns it
 *   command 6 (v)      (d) stores byte v at the kept address:    Success | INVAL
 *                      process memory, directly                  (nothing kept)
 *   command 7          (e) memcpy of the kernel variable into    Success u32
 *                      its own state: a load by memcpy on its
 *                      behalf
 *   other                                                        NOSUPPORT
 *   allow-rw 0         the buffer command 5 keeps
 */
#ifndef CTOCK_BAD_CAPSULE_H
#define CTOCK_BAD_CAPSULE_H

#include <stdint.h>

#include "ctock/capsule.h"

#define DRIVER_NUM_BAD_CAPSULE 0x90ff3u

/* Per process, in the grant. */
typedef struct {
    uint32_t calls;
    uint32_t last;
} bad_capsule_app_t;

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;          /* bad_capsule_app_t, 0 upcalls, 1 rw allow */
    uint8_t *peer_state;          /* another capsule's state: not to touch */
    const uint32_t *kernel_word;  /* a kernel variable: not to touch */
    uint8_t *kept;                /* a process buffer's address, kept */
    uint32_t scratch[4];          /* own state */
    uint32_t zero;                /* 0, which the compiler can't know */
} bad_capsule_t;

void bad_capsule_init(bad_capsule_t *b, uint8_t *peer_state, const void *kernel_word);

#endif
