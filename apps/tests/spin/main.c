/* spin: an infinite loop with no system calls. SysTick preempts it every
 * timeslice, so the other processes and the kernel keep running. */
#include "zoo.h"

int main(void)
{
    printf("spin: start\n");
    for (volatile uint32_t i = 0;; i++)
        ;
}
