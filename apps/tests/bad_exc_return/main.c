/* bad_exc_return: branches to an EXC_RETURN value (0xFFFFFFFD) from Thread
 * mode. ARMv7-M treats EXC_RETURN values specially only in Handler mode
 * (ARM ARM B1.5.8); an unprivileged process can never be there, so this is
 * an ordinary branch to 0xFFFFFFFC, in the never-executable system space
 * and in no MPU region -> MemManage IACCVIOL, stacked pc 0xFFFFFFFC. (A
 * real INVPC needs an exception return with a bad frame, which only the
 * kernel performs.) */
#include "zoo.h"

int main(void)
{
    printf("bad_exc_return: start\n");
    __asm__ volatile("bx %0" ::"r"(zoo_opaque(0xFFFFFFFDu)));
    printf("bad_exc_return: returned (should not get here)\n");
    return 0;
}
