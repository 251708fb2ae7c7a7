/* write_grant: writes to the first byte of its own grant region (memop 6,
 * the kernel break) -> MemManage DACCVIOL at exactly that address: the
 * MPU's RAM regions end at the app break (rounded up to 32 bytes), never
 * in the kernel-owned top of the block.
 *
 * Grants are allocated lazily and move the kernel break down, so the app
 * first makes the kernel allocate the console's grant (the only one its
 * printf needs) with a Null Upcall subscribe; the break it reads then
 * stays put. It brks as high as the MPU allows below the grant region
 * (the grant start rounded down to 32 bytes), writes the last byte below
 * its break, then the grant start. */
#include "zoo.h"

int main(void)
{
    tock_subscribe(1, 1, NULL, NULL);   /* console grant now, not in printf */
    uint32_t grant = zoo_memop(TOCK_MEMOP_GRANT_START);
    printf("write_grant: start, grant region at 0x%08x\n", (unsigned)grant);
    uint32_t top = grant & ~31u;
    int r = tock_brk((void *)top);
    printf("write_grant: brk to the grant start rounded down to 32 bytes: %s\n", tock_strerror(r));
    *(volatile uint8_t *)(top - 1) = 1;
    printf("write_grant: last byte below the break is writable\n");
    *(volatile uint8_t *)zoo_opaque(grant) = 1;
    printf("write_grant: wrote the grant region (should not get here)\n");
    return 0;
}
