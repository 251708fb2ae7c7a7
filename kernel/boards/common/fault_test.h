/*
 * fault_test.h - a system call driver that makes the kernel fail on
 * purpose, so tests can see a kernel fault and a kernel panic end to end.
 * Only in the test kernels (kernel-<board>-test.elf, CTOCK_TEST_KERNEL).
 *
 *   command 0: Success (the driver exists)
 *   command 1: the kernel executes an undefined instruction (UsageFault in
 *              privileged thread mode -> kernel fault dump -> panic)
 *   command 2: the kernel reads from 0xFFFFFFF0 (no memory there)
 *   command 3: debug_panic("ctock: kernel panic: test")
 *   other:     NOSUPPORT
 */
#ifndef CTOCK_FAULT_TEST_H
#define CTOCK_FAULT_TEST_H

#include "ctock/capsule.h"

#define DRIVER_NUM_KERNEL_FAULT_TEST 0x90ff0u

extern const ctock_driver_t kernel_fault_test_driver;

#endif
