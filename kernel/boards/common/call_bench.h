/*
 * call_bench.h - a system call driver that times a capsule-to-capsule call
 * with the CPU clock (bench/calls.sh, apps/bench_calls). Only in the test
 * kernels (kernel-<board>-test.elf, CTOCK_TEST_KERNEL).
 *
 * Two "capsules" live in call_bench.c: a caller and a callee that
 * implements a trivial HIL (one function pointer, ping(h, v): count the
 * call, return v + 1). The caller times n calls through the HIL's ops
 * table, and an empty loop of n iterations, each between two reads of the
 * board's free-running CPU-clock counter (timer 0 through the alarm HIL's
 * now()), with interrupts masked so nothing else runs in between.
 *
 *   command 0            Success (the driver exists; also the "do nothing"
 *                        command for the syscall round trip)
 *   command 1 (n)        Success 3u32: (cycles for n HIL ping calls,
 *                        cycles for an empty loop of n iterations, n).
 *                        INVAL: n == 0 or n > CALL_BENCH_MAX_N
 *   command 2 (n)        the same through the LED HIL's set() (LED 0 set
 *                        to its current state, so nothing visible changes)
 *   other                NOSUPPORT
 */
#ifndef CTOCK_CALL_BENCH_H
#define CTOCK_CALL_BENCH_H

#include "ctock/capsule.h"
#include "ctock/hil/led.h"
#include "ctock/hil/time.h"

#define DRIVER_NUM_CALL_BENCH 0x90ff2u
#define CALL_BENCH_MAX_N 100000u

extern ctock_driver_t call_bench_driver;

/* clock: a free-running counter at the CPU clock; leds: the board's LEDs. */
void call_bench_init(hil_alarm_t *clock, hil_led_t *leds);

#endif
