/* bench_calls: cycles of a system call round trip against a
 * capsule-to-capsule call, for bench/calls.sh. Runs on the test kernel
 * (kernel-<board>-test.elf), which has the call bench driver (0x90ff2,
 * kernel/boards/common/call_bench.h).
 *
 * Userspace: the alarm counter runs at the CPU clock (alarm frequency ==
 * CPU clock on the mps2 boards), so a difference of two alarm reads is
 * cycles. Each figure is (loop of N syscalls - empty loop of N) / N, taken
 * REPS times and the least kept, so a run that a timer or UART interrupt
 * (or the timeslice) landed in does not count.
 * Kernel: the driver times N calls through a HIL ops table, minus an empty
 * loop, with interrupts masked, and returns the cycle totals.
 *
 * Figures are printed in tenths of a cycle (x.y). Every line is shorter
 * than libctock's 80-byte printf buffer. */
#include <stdint.h>
#include <stdio.h>

#include "alarm.h"
#include "tock.h"

#define CALL_BENCH 0x90ff2u
#define ALARM 0x0u
#define N 200u
#define REPS 5
#define KN 1000u

static uint32_t now(void)
{
    uint32_t t = 0;
    alarm_now(&t);
    return t;
}

static uint32_t time_empty(void)
{
    uint32_t t0 = now();
    for (uint32_t i = 0; i < N; i++)
        __asm__ volatile("" ::: "memory");
    return now() - t0;
}

static uint32_t time_command(uint32_t driver)
{
    uint32_t t0 = now();
    for (uint32_t i = 0; i < N; i++) {
        tock_command(driver, 0, 0, 0);
        __asm__ volatile("" ::: "memory");
    }
    return now() - t0;
}

static uint32_t time_yield(void)
{
    uint32_t t0 = now();
    for (uint32_t i = 0; i < N; i++) {
        tock_yield_no_wait();
        __asm__ volatile("" ::: "memory");
    }
    return now() - t0;
}

/* Least (loop - empty) over REPS runs, in tenths of a cycle per iteration. */
static uint32_t tenths(int which)
{
    uint32_t best = UINT32_MAX;
    for (int r = 0; r < REPS; r++) {
        uint32_t t = which == 0 ? time_command(ALARM)
                   : which == 1 ? time_command(CALL_BENCH)
                                : time_yield();
        uint32_t e = time_empty();
        uint32_t d = t > e ? t - e : 0;
        if (d < best)
            best = d;
    }
    return (best * 10u + N / 2) / N;
}

static int kernel_tenths(uint32_t cmd, uint32_t *calls, uint32_t *empty)
{
    tock_syscall_return_t r = tock_command(CALL_BENCH, cmd, KN, 0);
    if (r.type != TOCK_RET_SUCCESS_3U32)
        return -1;
    *calls = r.data[0];
    *empty = r.data[1];
    uint32_t d = r.data[0] > r.data[1] ? r.data[0] - r.data[1] : 0;
    return (int)((d * 10u + KN / 2) / KN);
}

int main(void)
{
    uint32_t hz = 0;
    alarm_frequency(&hz);
    if (tock_status(tock_command(CALL_BENCH, 0, 0, 0)) != TOCK_OK) {
        printf("bench_calls: no call bench driver (not a test kernel)\n");
        return 1;
    }
    printf("bench_calls: alarm %u Hz, N %u x %u reps, kernel N %u\n",
           (unsigned)hz, (unsigned)N, REPS, (unsigned)KN);
    uint32_t c_alarm = tenths(0), c_bench = tenths(1), c_yield = tenths(2);
    printf("bench_calls: command alarm 0 round trip %u.%u cycles\n",
           (unsigned)(c_alarm / 10), (unsigned)(c_alarm % 10));
    printf("bench_calls: command bench 0 round trip %u.%u cycles\n",
           (unsigned)(c_bench / 10), (unsigned)(c_bench % 10));
    printf("bench_calls: yield no-wait round trip %u.%u cycles\n",
           (unsigned)(c_yield / 10), (unsigned)(c_yield % 10));
    uint32_t calls, empty;
    int k = kernel_tenths(1, &calls, &empty);
    if (k < 0) {
        printf("bench_calls: kernel timing failed\n");
        return 1;
    }
    printf("bench_calls: capsule HIL call %u.%u cycles (%u - %u / %u)\n",
           (unsigned)(k / 10), (unsigned)(k % 10), (unsigned)calls,
           (unsigned)empty, (unsigned)KN);
    k = kernel_tenths(2, &calls, &empty);
    if (k < 0) {
        printf("bench_calls: kernel timing failed\n");
        return 1;
    }
    printf("bench_calls: capsule LED HIL set %u.%u cycles (%u - %u / %u)\n",
           (unsigned)(k / 10), (unsigned)(k % 10), (unsigned)calls,
           (unsigned)empty, (unsigned)KN);
    printf("bench_calls: done\n");
    return 0;
}
