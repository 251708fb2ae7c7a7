/*
 * main.c - board "an386": qemu-system-arm -M mps2-an386 (docs/board.md). The
 * CPU clock is QEMU's MPS2 SYSCLK, a 25 MHz constant; there is no sysctl,
 * so a kernel panic just halts. No TRNG and no GPIO (QEMU
 * leaves the CMSDK GPIOs unimplemented): no RNG, GPIO or button driver.
 * No 802.15.4 radio: no ieee802154 driver (NODEVICE), nothing at 0x40032000. The wiring is shared with the sim board
 * (boards/common).
 */
#include "mps2_board.h"

#ifndef CTOCK_UNALIGNED_TRAP
#define CTOCK_UNALIGNED_TRAP 0
#endif

int main(void)
{
    static const mps2_board_config_t cfg = {
        .name = "an386",
        .hz = 25000000u,
        .fault_policy = FAULT_POLICY_RESTART,
        .fault_restarts = 3,
        .unaligned_trap = CTOCK_UNALIGNED_TRAP,
        .halt = NULL,
        /* QEMU's AN386 has no TRNG (its RNG driver would be missing:
         * command 0 answers NODEVICE) and leaves the CMSDK GPIOs
         * unimplemented (reads 0, writes ignored): no GPIO, no buttons. */
        .has_trng = false,
        .has_gpio = false,
        .has_radio = false,
    };
    mps2_board_main(&cfg);
}
