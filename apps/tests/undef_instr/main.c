/* undef_instr: executes a permanently undefined instruction -> UsageFault
 * UNDEFINSTR, the stacked pc is the udf. */
#include "zoo.h"

int main(void)
{
    printf("undef_instr: start\n");
    __asm__ volatile("udf #7");
    printf("undef_instr: survived (should not get here)\n");
    return 0;
}
