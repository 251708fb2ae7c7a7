/* div_zero: sdiv by zero; the kernel sets CCR.DIV_0_TRP at boot ->
 * UsageFault DIVBYZERO (without the trap the result would be 0). */
#include "zoo.h"

int main(void)
{
    printf("div_zero: start\n");
    int a = (int)zoo_opaque(42), b = (int)zoo_opaque(0);
    int q;
    __asm__ volatile("sdiv %0, %1, %2" : "=r"(q) : "r"(a), "r"(b));
    printf("div_zero: 42 / 0 = %d (should not get here)\n", q);
    return 0;
}
