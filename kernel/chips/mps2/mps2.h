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
#define MPS2_GPIO0_BASE 0x40010000u    /* CMSDK AHB GPIO 0 (sim board only: QEMU
                                        * leaves it unimplemented) */
#define MPS2_SYSCTL_BASE 0x40030000u   /* sim board only */
#define MPS2_TRNG_BASE 0x40031000u     /* ctock TRNG, sim board only */
#define MPS2_RADIO_BASE 0x40032000u    /* ctock R154 802.15.4 radio, sim board only */

#define MPS2_IRQ_UART0_RX 0
#define MPS2_IRQ_UART0_TX 1
#define MPS2_IRQ_TIMER0 8
#define MPS2_IRQ_TIMER1 9
#define MPS2_IRQ_GPIO0 6                /* GPIO 0 combined */
#define MPS2_IRQ_UART_OVERFLOW 12
#define MPS2_IRQ_TRNG 48                /* free on AN386 (uses 0-39) */
#define MPS2_IRQ_RADIO 49               /* free on AN386 */

#endif
