/*
 * main.c - board "sim": the ctock-sim machine (MPS2-AN386 map plus the ctock
 * sysctl, docs/board.md). The CPU clock comes from sysctl CLOCK_HZ (set by
 * ctock-sim --clock); the wiring is shared with an386 (boards/common).
 */
#include "mps2/sysctl.h"
#include "mps2_board.h"

int main(void)
{
    mps2_board_main("sim", sysctl_clock_hz(48000000u));
}
