/*
 * fault_test.c - the kernel-fault test driver (see fault_test.h).
 */
#include "fault_test.h"

#include "ctock/debug.h"

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    (void)ctx;
    (void)pid;
    (void)a0;
    (void)a1;
    switch (cmd) {
    case 0: return ctock_ret_success();
    case 1: __asm__ volatile("udf #0x42"); break;
    case 2: return ctock_ret_success_u32(*(volatile uint32_t *)0xFFFFFFF0u);
    case 3: debug_panic("ctock: kernel panic: test\n");
    default: break;
    }
    return ctock_ret_failure(ERR_NOSUPPORT);
}

const ctock_driver_t kernel_fault_test_driver = {
    .command = command,
    .grant = NULL,
};
