/*
 * main.c - board "an386": qemu-system-arm -M mps2-an386 (docs/board.md). The
 * CPU clock is QEMU's MPS2 SYSCLK, a 25 MHz constant; there is no sysctl.
 * The wiring is shared with the sim board (boards/common).
 */
#include "mps2_board.h"

int main(void)
{
    mps2_board_main("an386", 25000000u);
}
