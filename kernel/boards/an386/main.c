/*
 * main.c - board "an386": qemu-system-arm -M mps2-an386 (docs/board.md). The
 * CPU clock is QEMU's MPS2 SYSCLK, a 25 MHz constant; there is no sysctl,
 * so a kernel panic just halts. The wiring is shared with the sim board
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
    };
    mps2_board_main(&cfg);
}
