/* write_grant: writes to the first byte of its own kernel-owned region
 * (memop 6, the grant start) -> MemManage DACCVIOL at exactly that
 * address: the MPU's RAM regions end at the app break (rounded up to 32
 * bytes), never in the kernel-owned top. */
#include "zoo.h"

int main(void)
{
    uint32_t grant = zoo_memop(TOCK_MEMOP_GRANT_START);
    printf("write_grant: start, grant region at 0x%08x\n", (unsigned)grant);
    /* Even with the break right at the grant start, it stays unreachable. */
    int r = tock_brk((void *)grant);
    printf("write_grant: brk to the grant start: %s\n", tock_strerror(r));
    *(volatile uint8_t *)(grant - 1) = 1;
    printf("write_grant: last byte below it is writable\n");
    *(volatile uint8_t *)zoo_opaque(grant) = 1;
    printf("write_grant: wrote the grant region (should not get here)\n");
    return 0;
}
