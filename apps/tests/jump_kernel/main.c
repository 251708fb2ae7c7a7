/* jump_kernel: calls address 0x00000200 (kernel flash, Thumb) -> the fetch
 * faults: MemManage IACCVIOL, the stacked pc is 0x00000200. */
#include "zoo.h"

int main(void)
{
    printf("jump_kernel: start\n");
    void (*fn)(void) = (void (*)(void))zoo_opaque(0x00000201u);
    fn();
    printf("jump_kernel: returned (should not get here)\n");
    return 0;
}
