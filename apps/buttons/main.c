/* buttons: each press of button i toggles LED i and prints a line; each
 * release prints one too. Runs forever, interrupt-driven (sleeps between
 * presses). On ctock-sim press the buttons with --button (e.g.
 * `--button 0@1.5s`) or the panel's keys 1 and 2.
 */
#include <stdio.h>

#include "button.h"
#include "led.h"

static void on_button(int index, int pressed, int unused, void *ud)
{
    if (pressed) {
        led_toggle(index);
        printf("buttons: button %d pressed, LED %d toggled\n", index, index);
    } else {
        printf("buttons: button %d released\n", index);
    }
}

int main(void)
{
    int n = button_count();
    if (n < 0) {
        printf("buttons: no button driver (%s)\n", tock_strerror(n));
        return 1;
    }
    int leds = led_count();
    printf("buttons: %d buttons, %d LEDs\n", n, leds);
    button_subscribe(on_button, NULL);
    for (int i = 0; i < n && i < leds; i++)
        button_enable_interrupt(i);
    for (;;)
        tock_yield_wait();
}
