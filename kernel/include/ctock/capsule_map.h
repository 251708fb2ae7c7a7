/*
 * capsule_map.h - which memory each capsule may touch, declared by the
 * board next to the objects it creates; read by ctock-sim
 * --check-capsules (docs/capsules.md, layer 3). Board API: capsules never
 * include this.
 *
 *   CAPSULE_STATE(console, console);          console owns the object
 *   CAPSULE_HANDED(console, console_dev.hil); an interface another part
 *                                             owns, handed to console
 *   CAPSULE_HANDED_EACH(gpio_driver, gpio0.pins, 2, 16, hil);
 *                                             pins[2..16).hil, to gpio_driver
 *   CAPSULE_LIBRARY(ieee802154_frame);        code with no state of its own:
 *                                             it runs on its caller's behalf
 *
 * The capsule is named by its source file (console.c -> console), as in
 * capsules/allowlist.txt. Ownership rules: an object belongs to the
 * capsule whose code operates on it (a mux owns its devices and virtual
 * alarms: uart_mux_device_t, virtual_alarm_t); the HIL struct that object
 * embeds is handed to the capsule the board gives it to; a chip driver's
 * HIL struct (cmsdk_uart_t.hil, ...) is handed to the capsule that uses
 * it, the rest of the chip's struct is the kernel's. Data goes from one
 * capsule to another by value, on the stack, or in a buffer the receiver
 * only passes on (to a chip); a buffer lent with a HIL call that the
 * receiving capsule reads or writes itself (a frame the MAC parses) is
 * declared handed to it. A capsule that writes a result into another
 * capsule's state through a pointer breaks the rule. A library (pure
 * functions such as a frame encoder) may touch whatever its caller may;
 * it must not call other capsules.
 *
 * Each declaration is one record in the ELF section .ctock.capsule_map,
 * which the linker script keeps out of memory (an INFO section, like
 * debug information): it costs no flash or RAM and the kernel never
 * reads it. One declaration per line (records are named after the line).
 */
#ifndef CTOCK_CAPSULE_MAP_H
#define CTOCK_CAPSULE_MAP_H

#include <stdint.h>

#define CAPSULE_MAP_NAME_MAX 32

typedef enum {
    CAPSULE_MAP_STATE = 1,     /* the capsule's own state */
    CAPSULE_MAP_HANDED = 2,    /* an interface handed to the capsule */
    CAPSULE_MAP_LIBRARY = 3,   /* the capsule is a library (no object) */
} capsule_map_kind_t;

/* The record ctock-sim reads (sim/capsule_map.c): 92 bytes, little endian,
 * addresses as linked. `count` objects of `size` bytes, `stride` apart. */
typedef struct capsule_map_record {
    char capsule[CAPSULE_MAP_NAME_MAX];
    char object[CAPSULE_MAP_NAME_MAX + 8];
    const void *addr;
    uint32_t size;
    uint32_t count;
    uint32_t stride;
    uint32_t kind;
} capsule_map_record_t;

#define CAPSULE_MAP_CAT2(a, b) a##b
#define CAPSULE_MAP_CAT(a, b) CAPSULE_MAP_CAT2(a, b)
#define CAPSULE_MAP_STR2(x) #x
#define CAPSULE_MAP_STR(x) CAPSULE_MAP_STR2(x)
#define CAPSULE_MAP_RECORD static const capsule_map_record_t CAPSULE_MAP_CAT(capsule_map_line_, __LINE__) __attribute__((section(".ctock.capsule_map"), used))

#define CAPSULE_STATE(cap, obj) CAPSULE_MAP_RECORD = { #cap, #obj, &(obj), sizeof(obj), 1, sizeof(obj), CAPSULE_MAP_STATE }
#define CAPSULE_HANDED(cap, obj) CAPSULE_MAP_RECORD = { #cap, #obj, &(obj), sizeof(obj), 1, sizeof(obj), CAPSULE_MAP_HANDED }
#define CAPSULE_LIBRARY(cap) CAPSULE_MAP_RECORD = { #cap, "", 0, 0, 0, 0, CAPSULE_MAP_LIBRARY }
/* array[first .. end).member, each handed to cap. */
#define CAPSULE_HANDED_EACH(cap, array, first, end, member) CAPSULE_MAP_RECORD = { #cap, #array "[" CAPSULE_MAP_STR(first) ".." CAPSULE_MAP_STR(end) "]." #member, &(array)[first].member, sizeof((array)[0].member), (end) - (first), sizeof((array)[0]), CAPSULE_MAP_HANDED }

#endif
