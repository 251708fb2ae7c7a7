/* stack_overflow: unbounded recursion with 256 bytes per frame. The stack
 * is at the bottom of the RAM block, so it runs off mem_start into memory
 * the process has no region for -> MemManage DACCVIOL (or MSTKERR if an
 * exception entry is what crosses the edge), address below mem_start. */
#include "zoo.h"

static unsigned dive(unsigned depth)
{
    volatile uint8_t pad[256];
    pad[0] = (uint8_t)depth;
    pad[255] = (uint8_t)depth;
    if (depth == zoo_opaque(0xFFFFFFFFu))   /* never: keeps gcc from calling it infinite */
        return 0;
    return dive(depth + 1) + pad[0] + pad[255];
}

int main(void)
{
    printf("stack_overflow: start, ram 0x%08x\n", (unsigned)zoo_memop(TOCK_MEMOP_RAM_START));
    return (int)dive(0);
}
