/* brk_mpu: memop brk/sbrk move the MPU with the break. Prints what each
 * step returned, then writes just past the (32-byte rounded) break, which
 * must fault: MemManage DACCVIOL at the printed address.
 *
 * The app first makes the kernel allocate the console's grant (Null
 * Upcall subscribe), so printf allocates nothing later and the grant
 * start (memop 6) it reads stays put. */
#include "zoo.h"

int main(void)
{
    tock_subscribe(1, 1, NULL, NULL);
    uint32_t grant = zoo_memop(TOCK_MEMOP_GRANT_START);
    uint32_t end = zoo_memop(TOCK_MEMOP_RAM_END);
    uint32_t top = grant & ~31u;   /* the highest break whose MPU end fits */
    uint8_t *old = tock_sbrk(256);
    printf("brk_mpu: start, sbrk(256) from 0x%08x\n", (unsigned)(uintptr_t)old);
    old[255] = 1;   /* the new memory is accessible at once */
    printf("brk_mpu: wrote the last new byte\n");
    printf("brk_mpu: brk past the grant start: %s\n", tock_strerror(tock_brk((void *)(grant + 4))));
    printf("brk_mpu: brk to the block end: %s\n", tock_strerror(tock_brk((void *)end)));
    printf("brk_mpu: brk to 32 bytes past the grant start rounded down: %s\n",
           tock_strerror(tock_brk((void *)(top + 32))));
    printf("brk_mpu: brk to the grant start rounded down to 32 bytes: %s\n",
           tock_strerror(tock_brk((void *)top)));
    *(volatile uint8_t *)(top - 1) = 1;
    uint32_t brk = (((uint32_t)(uintptr_t)old + 256u + 31u) & ~31u) + 4u;
    printf("brk_mpu: brk to 0x%08x: %s\n", (unsigned)brk, tock_strerror(tock_brk((void *)brk)));
    *(volatile uint8_t *)(brk + 27u) = 1;   /* inside the rounding: allowed */
    uint32_t past = brk + 28u;
    printf("brk_mpu: writing 0x%08x, past the break\n", (unsigned)past);
    *(volatile uint8_t *)zoo_opaque(past) = 1;
    printf("brk_mpu: wrote past the break (should not get here)\n");
    return 0;
}
