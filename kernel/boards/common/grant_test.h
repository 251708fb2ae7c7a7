/*
 * grant_test.h - a system call driver that makes the kernel allocate
 * grants for the calling process on request, and reports what grants
 * cost, so tests (apps/grant_hog, test/system/test_grants.sh) and
 * bench/grants.sh can exercise and measure them. Only in the test kernels
 * (kernel-<board>-test.elf, CTOCK_TEST_KERNEL).
 *
 * It declares GRANT_TEST_HOGS "hog" grants of GRANT_TEST_HOG_BYTES bytes
 * each (no slots), plus its own driver grant: one upcall slot and
 * GRANT_TEST_HOG_BYTES of state, larger than a hog, so a process whose
 * hog allocation failed also gets NOMEM from subscribe 0.
 *
 *   command 0            Success u32: GRANT_TEST_HOGS
 *   command 1 (i)        enter hog grant i for the caller, allocating it on
 *                        first use. Success u32: 1 = allocated now (it was
 *                        zero; filled with a pattern of pid and i), 2 = it
 *                        was there and its pattern is intact. FAIL: the
 *                        pattern was damaged. INVAL (i out of range),
 *                        NOMEM (no room in the caller's grant region)
 *   command 2            re-entrancy: inside hog grant 0 of the caller,
 *                        enter it again and run grant_each over it.
 *                        Success 2u32: (the inner grant_enter's error code,
 *                        grant_each's callbacks). NOMEM as command 1
 *   command 3 (i)        Success u32: processes that have hog grant i
 *                        (grant_each). INVAL
 *   command 4 (id)       grant id of the kernel: Success 3u32 (driver
 *                        number or 0xFFFFFFFF, state bytes, instance bytes).
 *                        INVAL (id >= the number of grants)
 *   command 5            Success 3u32: (instance header bytes, table entry
 *                        bytes, CTOCK_MAX_PROCS)
 *   command 6            Success u32: number of grants the kernel has
 *   other                NOSUPPORT
 *   subscribe 0          never scheduled: subscribing allocates the
 *                        driver's grant (NOMEM when there is no room)
 */
#ifndef CTOCK_GRANT_TEST_H
#define CTOCK_GRANT_TEST_H

#include "ctock/capsule.h"

#define DRIVER_NUM_GRANT_TEST 0x90ff1u
#define GRANT_TEST_HOGS 16
#define GRANT_TEST_HOG_BYTES 256

extern ctock_driver_t grant_test_driver;

/* Declares the driver's grants (before the processes are loaded). */
void grant_test_init(void);

#endif
