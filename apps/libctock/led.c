/* led.c: LED driver wrappers. */
#include "led.h"

#include "tock.h"

int led_count(void)
{
    uint32_t n = 0;
    int st = tock_status_u32(tock_command(LED_DRIVER, 0, 0, 0), &n);
    return st == TOCK_OK ? (int)n : st;
}

int led_on(int index)
{
    return tock_status(tock_command(LED_DRIVER, 1, (uint32_t)index, 0));
}

int led_off(int index)
{
    return tock_status(tock_command(LED_DRIVER, 2, (uint32_t)index, 0));
}

int led_toggle(int index)
{
    return tock_status(tock_command(LED_DRIVER, 3, (uint32_t)index, 0));
}
