/* led.h: the LED driver (Tock driver 2). All calls are synchronous.
 *
 * Syscall interface (Tock's capsules/core/src/led.rs):
 *   command 0       number of LEDs (Success with u32)
 *   command 1 (i)   turn LED i on        (EINVAL if i is out of range)
 *   command 2 (i)   turn LED i off
 *   command 3 (i)   toggle LED i
 */
#ifndef CTOCK_LED_H
#define CTOCK_LED_H

#define LED_DRIVER 2u

/* Number of LEDs, or a negative error code (ENODEVICE: no LED driver). */
int led_count(void);

/* Return TOCK_OK or a negative error code. */
int led_on(int index);
int led_off(int index);
int led_toggle(int index);

#endif /* CTOCK_LED_H */
