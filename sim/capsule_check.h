/*
 * capsule_check.h - ctock-sim --check-capsules: every load and store made
 * by capsule code is checked against what that capsule may touch
 * (capsule_map.h: its own state, what it was handed, the grant instances
 * of its grants entered now, the kernel stack, loads from kernel flash),
 * and each place that breaks the rule is reported once on `out`:
 *
 *   ctock-sim: capsule check at 0.020012345 s: capsule 'bad_capsule'
 *     pc=0x000014a2 (poke_other_capsule+0x4) store 1 byte at 0x20000c50
 *     (capsule 'console' state: console+0x4c); allowed: own state
 *     bad_capsule 0x2000082c-0x20000860, stack ..., kernel flash ...
 *
 * (one line). Code in the helpers block (memcpy & co., the formatter,
 * libgcc) and library capsules run on their caller's behalf: their
 * accesses count as the capsule's that called them ("pc=... (memcpy+0x8,
 * returning to copy_kernel+0x12)"); called by kernel code, they are not
 * checked.
 *
 * How (opt-in, it costs speed): a block hook learns whose code each
 * translated block is (one compare for blocks outside capsule code); a
 * code hook over the capsule and helper code keeps the exact PC; a memory
 * hook on every load and store (Unicorn then runs loads and stores on its
 * slow path: the whole guest slows down) checks those of capsule blocks.
 * The entered grants are read from guest RAM (grant_entered_top) only
 * when the cheaper rules refuse an access.
 *
 * Not seen: accesses by kernel code on a capsule's behalf other than the
 * helpers (ctock_buf_read's destination, printk's arguments), DMA, and an
 * interrupt that preempts a helper called by a capsule: the helper's
 * accesses after the return count as the caller's only if LR still holds
 * its return address.
 */
#ifndef SIM_CAPSULE_CHECK_H
#define SIM_CAPSULE_CHECK_H

#include <stdint.h>
#include <stdio.h>

#include "board.h"
#include "node.h"

#define CAPSULE_CHECK_MAX_SITES 1024   /* reported places; more are counted only */

typedef struct capsule_check_cfg {
    node_t *node;
    const board_t *board;          /* peripheral names in reports */
    const char *kernel_path;       /* the kernel ELF the node runs */
    uint32_t clock_hz;
    FILE *out;                     /* reports and warnings: stderr */
    /* The process whose RAM block holds addr, or NULL (may be NULL). */
    const char *(*process_at)(void *ctx, uint32_t addr);
    void *ctx;
} capsule_check_cfg_t;

typedef struct capsule_check capsule_check_t;

/* Loads the capsule map from the kernel ELF and hooks the node (before it
 * runs). NULL with a one-line err: a kernel without capsule blocks, no
 * memory, hooks refused. */
capsule_check_t *capsule_check_create(const capsule_check_cfg_t *cfg, char *err, size_t errlen);
/* Unhooks the node (which must still exist) and frees. NULL is fine. */
void capsule_check_destroy(capsule_check_t *c);

/* Accesses that broke the rule, and the distinct places (capsule, PC,
 * load/store, helper's caller) they came from. */
uint64_t capsule_check_violations(const capsule_check_t *c);
unsigned capsule_check_sites(const capsule_check_t *c);
/* "no violations (12345 capsule accesses checked)" or "7 violations at 5
 * places (capsule 'bad_capsule' 7); 12345 capsule accesses checked". */
void capsule_check_summary(const capsule_check_t *c, char *buf, size_t len);

#endif
