/*
 * mps2_board.h - shared board wiring for the MPS2-map boards (see
 * mps2_board.c).
 */
#ifndef MPS2_BOARD_H
#define MPS2_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/debug.h"
#include "ctock/kernel.h"

/* What differs between the boards. */
typedef struct {
    const char *name;
    uint32_t hz;                         /* CPU clock */
    kernel_fault_policy_t fault_policy;  /* overridden by -DCTOCK_FAULT_POLICY */
    unsigned fault_restarts;             /* threshold for FAULT_POLICY_RESTART */
    debug_halt_fn halt;                  /* on a kernel panic (may be NULL) */
    bool unaligned_trap;                 /* CCR.UNALIGN_TRP (-DCTOCK_UNALIGNED_TRAP=1) */
    bool has_trng;                       /* ctock TRNG at 0x40031000: RNG driver */
    bool has_gpio;                       /* CMSDK GPIO0 at 0x40010000: GPIO, buttons */
    bool has_radio;                      /* R154 radio at 0x40032000: 802.15.4 */
    uint32_t node_id;                    /* the node's index (radio addresses) */
} mps2_board_config_t;

/* Wires chip drivers, muxes and capsules, loads the processes in app flash
 * and enters the kernel loop; never returns. */
void mps2_board_main(const mps2_board_config_t *cfg) __attribute__((noreturn));

#endif
