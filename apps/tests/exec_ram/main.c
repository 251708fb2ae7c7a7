/* exec_ram: copies `bx lr` into its own RAM and calls it. Process RAM is
 * never executable (XN) -> MemManage IACCVIOL at that RAM address. */
#include "zoo.h"

static uint16_t code[4] __attribute__((aligned(4)));

int main(void)
{
    code[0] = 0x4770;   /* bx lr */
    code[1] = 0x4770;
    printf("exec_ram: start, calling 0x%08x\n", (unsigned)(uintptr_t)code);
    void (*fn)(void) = (void (*)(void))zoo_opaque((uint32_t)(uintptr_t)code | 1u);
    fn();
    printf("exec_ram: returned (should not get here)\n");
    return 0;
}
