/* read_other: reads 2 KiB below its own RAM block, which is inside the
 * block of the process loaded just before it (the tests load blink first)
 * -> MemManage DACCVIOL, MMFAR = that address. */
#include "zoo.h"

int main(void)
{
    uint32_t addr = zoo_memop(TOCK_MEMOP_RAM_START) - 2048u;
    printf("read_other: start, reading 0x%08x\n", (unsigned)addr);
    uint32_t v = *(volatile uint32_t *)zoo_opaque(addr);
    printf("read_other: read 0x%x (should not get here)\n", (unsigned)v);
    return 0;
}
