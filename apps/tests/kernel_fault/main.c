/* kernel_fault: asks the test kernels' fault-test driver (0x90ff0, only in
 * kernel-<board>-test.elf) to make the kernel fail: KFAULT_CMD 1 = the
 * kernel executes udf (kernel fault), 3 = debug_panic. The kernel panics;
 * on ctock-sim the run ends with a failure status. */
#include "zoo.h"

#ifndef KFAULT_CMD
#define KFAULT_CMD 1
#endif

int main(void)
{
    printf("kernel_fault: start, command %u\n", (unsigned)KFAULT_CMD);
    tock_syscall_return_t r = tock_command(0x90ff0u, KFAULT_CMD, 0, 0);
    printf("kernel_fault: command returned %s\n", tock_strerror(tock_status(r)));
    return 0;
}
