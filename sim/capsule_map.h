/*
 * capsule_map.h - what each capsule of a kernel may touch, read from the
 * kernel ELF, and the rule ctock-sim --check-capsules applies to every
 * load and store a capsule makes (docs/capsules.md, layer 3).
 *
 * From the ELF:
 *   - each capsule's code, data and bss blocks: the linker-script symbols
 *     __capsule_<name>_{text,data,bss}_{start,end} (kernel_layout.ld,
 *     generated from the capsule list);
 *   - the code that runs on its caller's behalf (memcpy & co., the
 *     formatter, libgcc): __capsule_helpers_text_{start,end};
 *   - the board's records in section .ctock.capsule_map
 *     (ctock/capsule_map.h): objects a capsule owns (its state) or was
 *     handed (an interface another part owns), and which capsules are
 *     libraries (code with no state, run on its caller's behalf, as the
 *     helpers are);
 *   - the kernel stack _sstack.._estack, kernel flash 0.._sapps, the
 *     kernel's .data/.bss, the app RAM pool _sappmem.._eappmem, the
 *     kernel's record of entered grants (grant_entered_top), and the data
 *     symbols, to name addresses.
 *
 * The rule (capsule_map_check): an access of capsule C to [addr, addr+size)
 * is allowed when the whole range lies in one of
 *   1. C's own areas: its data and bss blocks, its state, what it was handed;
 *   2. the kernel stack (C runs on it; the checker does not tell frames apart);
 *   3. kernel flash, for a load (code and constants; never a store);
 *   4. the data of a grant instance entered right now whose grant
 *      (ctock_grant_t) lies in C's state.
 * Everything else is a violation: other capsules' state, kernel data,
 * process memory (including allowed buffers: capsules reach those only
 * through ctock_buf_read/_write, which are kernel code), app flash,
 * peripherals.
 *
 * Pure data, no node: unit-tested on hand-built maps (test_capsule_map.c).
 */
#ifndef SIM_CAPSULE_MAP_H
#define SIM_CAPSULE_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "board.h"

#define CAPSULE_NAME_MAX 32
#define CAPSULE_AREA_WHAT_MAX 56

/* A range of memory (hi exclusive). */
typedef struct capsule_range {
    uint32_t lo, hi;
} capsule_range_t;

/* The kernel's layout, from the ELF's symbols. */
typedef struct capsule_layout {
    capsule_range_t helpers;      /* code running on its caller's behalf */
    capsule_range_t stack;        /* the kernel stack (MSP) */
    capsule_range_t flash;        /* kernel flash: loads allowed */
    capsule_range_t kdata, kbss;  /* kernel .data, .bss (naming only) */
    capsule_range_t appmem;       /* the app RAM pool (naming only) */
    uint32_t grant_entered_top;   /* address of the kernel's pointer; 0: none */
} capsule_layout_t;

/* One grant instance entered right now, as the kernel recorded it. */
typedef struct capsule_entered {
    uint32_t grant;               /* its ctock_grant_t */
    uint32_t data, bytes;         /* what the callback got */
} capsule_entered_t;

typedef enum {
    CAPSULE_DENIED = 0,
    CAPSULE_OWN,                  /* rule 1 */
    CAPSULE_STACK,                /* rule 2 */
    CAPSULE_FLASH,                /* rule 3 */
    CAPSULE_GRANT,                /* rule 4 */
} capsule_verdict_t;

typedef struct capsule_map capsule_map_t;

/* An empty map with this layout (for capsule_map_add_*). NULL: no memory. */
capsule_map_t *capsule_map_new(const capsule_layout_t *layout);
/* Loads a kernel ELF. NULL with "<path>: <why>" in err (not an ARM ELF,
 * no capsule blocks: a kernel linked without them). Warnings (a record
 * naming an unknown capsule, a malformed record) go to warn if not NULL. */
capsule_map_t *capsule_map_load(const char *path, FILE *warn, char *err, size_t errlen);
void capsule_map_free(capsule_map_t *m);

/* Adds capsule `name` with its code [text_lo, text_hi); returns its index
 * (the same index again for a name already added), or -1. */
int capsule_map_add_capsule(capsule_map_t *m, const char *name, uint32_t text_lo,
                            uint32_t text_hi);
/* Adds an area of capsule `cap` (rule 1); `state` marks its own state (a
 * grant in it is its grant). 0 or -1. Empty areas are ignored. */
int capsule_map_add_area(capsule_map_t *m, int cap, uint32_t lo, uint32_t hi, bool state,
                         const char *what);
/* The same for `count` objects of `size` bytes, `stride` apart from lo
 * (an array's members: CAPSULE_HANDED_EACH). 0 or -1 (also for
 * stride < size or count 0). */
int capsule_map_add_each(capsule_map_t *m, int cap, uint32_t lo, uint32_t size, uint32_t count,
                         uint32_t stride, bool state, const char *what);
/* Adds a data symbol, for naming addresses. 0 or -1. */
int capsule_map_add_object(capsule_map_t *m, const char *name, uint32_t addr, uint32_t size);

const capsule_layout_t *capsule_map_layout(const capsule_map_t *m);
void capsule_map_set_layout(capsule_map_t *m, const capsule_layout_t *layout);
/* The capsule named name, or -1. */
int capsule_map_find(const capsule_map_t *m, const char *name);
int capsule_map_count(const capsule_map_t *m);
const char *capsule_map_name(const capsule_map_t *m, int cap);
/* Marks capsule cap a library. 0 or -1. */
int capsule_map_set_library(capsule_map_t *m, int cap);
bool capsule_map_is_library(const capsule_map_t *m, int cap);
/* The capsule whose code holds pc, or -1 (libraries included). */
int capsule_map_capsule_at(const capsule_map_t *m, uint32_t pc);
/* The lowest and highest code addresses of any capsule and the helpers
 * (one range for a code hook); lo == hi when there is none. */
capsule_range_t capsule_map_code_span(const capsule_map_t *m);
/* pc is in code that runs on its caller's behalf: the helpers block or a
 * library capsule. */
bool capsule_map_in_helpers(const capsule_map_t *m, uint32_t pc);
/* The data symbol holding addr as "name" or "name+0x1c"; -1 if none. */
int capsule_map_object_name(const capsule_map_t *m, uint32_t addr, char *buf, size_t len);

/* The rule (see above) for an access of capsule cap; entered: the grant
 * instances entered now. */
capsule_verdict_t capsule_map_check(const capsule_map_t *m, int cap, uint32_t addr,
                                    uint32_t size, bool write,
                                    const capsule_entered_t *entered, int nentered);

/* What addr is, for a report: "capsule 'console' state: console+0x4c",
 * "kernel .bss: ndrivers", "kernel stack", "app RAM", "app flash",
 * "peripheral uart0 +0x8", "System Control Space", "unmapped" (board
 * may be NULL: no peripheral names). */
void capsule_map_describe(const capsule_map_t *m, const board_t *board, uint32_t addr,
                          char *buf, size_t len);
/* What capsule cap was allowed: "own state console 0x20000c04-0x20000cd4,
 * handed console_dev.hil 0x...-0x..., grant 0x...-0x... (entered), stack
 * 0x20000000-0x20000800, kernel flash 0x00000000-0x00040000 (loads)". */
void capsule_map_allowed(const capsule_map_t *m, int cap, const capsule_entered_t *entered,
                         int nentered, char *buf, size_t len);

#endif
