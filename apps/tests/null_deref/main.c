/* null_deref: reads address 0 (kernel flash: no MPU region for the process)
 * -> MemManage DACCVIOL, MMFAR 0x00000000. */
#include "zoo.h"

int main(void)
{
    printf("null_deref: start\n");
    volatile uint32_t *p = (volatile uint32_t *)zoo_opaque(0);
    printf("null_deref: read 0x%x (should not get here)\n", (unsigned)*p);
    return 0;
}
