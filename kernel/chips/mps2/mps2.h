/*
 * mps2.h - the MPS2 (AN386) peripheral map as the guest sees it; the
 * contract is docs/board.md.
 */
#ifndef CTOCK_MPS2_H
#define CTOCK_MPS2_H

#define MPS2_TIMER0_BASE 0x40000000u
#define MPS2_TIMER1_BASE 0x40001000u
#define MPS2_UART0_BASE 0x40004000u
#define MPS2_FPGAIO_BASE 0x40028000u
#define MPS2_SYSCTL_BASE 0x40030000u   /* sim board only */

#define MPS2_IRQ_UART0_RX 0
#define MPS2_IRQ_UART0_TX 1
#define MPS2_IRQ_TIMER0 8
#define MPS2_IRQ_TIMER1 9
#define MPS2_IRQ_UART_OVERFLOW 12

#endif
