/*
 * mps2_board.h - shared board wiring for the MPS2-map boards (see
 * mps2_board.c).
 */
#ifndef MPS2_BOARD_H
#define MPS2_BOARD_H

#include <stdint.h>

/* Wires chip drivers, muxes and capsules, loads the processes in app flash
 * and enters the kernel loop; never returns. `hz` is the CPU clock. */
void mps2_board_main(const char *board_name, uint32_t hz) __attribute__((noreturn));

#endif
