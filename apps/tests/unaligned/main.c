/* unaligned: a word load from an odd address; the kernel sets
 * CCR.UNALIGN_TRP at boot -> UsageFault UNALIGNED (UsageFaults record no
 * address; the stacked pc is the ldr). */
#include "zoo.h"

static uint32_t words[2] = { 0x11223344u, 0x55667788u };

int main(void)
{
    uint32_t addr = (uint32_t)(uintptr_t)words + 1u;
    printf("unaligned: start, loading a word from 0x%08x\n", (unsigned)addr);
    uint32_t v;
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(zoo_opaque(addr)) : "memory");
    printf("unaligned: read 0x%x (should not get here)\n", (unsigned)v);
    return 0;
}
