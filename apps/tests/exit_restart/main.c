/* exit_restart: prints a line, waits 100 ms and exits with restart
 * (code 7): the kernel restarts it with zeroed RAM, again and again. */
#include "zoo.h"

#include "alarm.h"

static uint32_t runs;   /* .bss: zero at every start */

int main(void)
{
    runs++;
    printf("exit_restart: start, run counter %u\n", (unsigned)runs);
    alarm_delay_ms(100);
    tock_restart(7);
}
