/* blink: toggles LED 0 every 500 ms, forever, on an absolute schedule.
 *
 * The reference time t0 is read once; change k happens at t0 + k * 500 ms
 * (alarm_schedule_t), so the time spent printing and in the kernel never
 * accumulates into drift. LED 0 starts off; the first change turns it on.
 */
#include <stdbool.h>
#include <stdio.h>

#include "alarm.h"
#include "led.h"

#define BLINK_PERIOD_MS 500u

int main(void)
{
    printf("blink: toggling LED 0 every %u ms\n", BLINK_PERIOD_MS);
    led_off(0);
    bool on = false;

    alarm_schedule_t sched;
    int st = alarm_schedule_start(&sched, BLINK_PERIOD_MS);
    while (st == TOCK_OK) {
        st = alarm_schedule_wait(&sched);
        if (st != TOCK_OK)
            break;
        led_toggle(0);
        on = !on;
        printf("blink: LED 0 %s\n", on ? "on" : "off");
    }
    printf("blink: alarm failed (%s)\n", tock_strerror(st));
    return 1;
}
