/* write_kernel: writes to kernel RAM (0x20001000: the kernel's stack and
 * data are at the start of SRAM) -> MemManage DACCVIOL, MMFAR 0x20001000. */
#include "zoo.h"

int main(void)
{
    printf("write_kernel: start\n");
    volatile uint32_t *p = (volatile uint32_t *)zoo_opaque(0x20001000u);
    *p = 0xBADC0DEu;
    printf("write_kernel: wrote kernel RAM (should not get here)\n");
    return 0;
}
