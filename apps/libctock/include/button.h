/* button.h: the button driver (Tock driver 3).
 *
 * Syscall interface (Tock's capsules/core/src/button.rs):
 *   command 0       number of buttons (Success with u32)
 *   command 1 (i)   interrupts from button i on (press and release)
 *   command 2 (i)   ... off
 *   command 3 (i)   read: 1 pressed, 0 not
 *   subscribe 0     (button index, 1 pressed / 0 released, 0)
 * EINVAL for a button index >= the count. On ctock-sim's board the two
 * buttons are GPIO 0 pins 0 and 1, pressed from the command line
 * (--button) or the panel (keys 1, 2); an386 has no button driver.
 */
#ifndef CTOCK_BUTTON_H
#define CTOCK_BUTTON_H

#include <stdbool.h>

#include "tock.h"

#define BUTTON_DRIVER 3u

/* Number of buttons, or a negative error code (ENODEVICE: none). */
int button_count(void);
/* 1 pressed, 0 not, or a negative error code. */
int button_read(int index);
/* Async: fn(index, pressed, 0, userdata) on every press and release of the
 * buttons whose interrupts are on. */
int button_subscribe(tock_upcall_fn_t *fn, void *userdata);
int button_enable_interrupt(int index);
int button_disable_interrupt(int index);

/* Blocking: turns interrupts of button `index` on, waits for its next
 * press or release and returns 1 (pressed) or 0 (released), or a negative
 * error code. The subscription is left to the caller's later calls:
 * button_wait replaces any button_subscribe callback. */
int button_wait(int index);

#endif /* CTOCK_BUTTON_H */
