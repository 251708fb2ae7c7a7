/*
 * gpio_cmsdk.h - ARM CMSDK AHB GPIO (Cortex-M System Design Kit TRM, ARM
 * DDI 0479, "AHB GPIO"): one 16-bit port. AN386 has four at 0x40010000,
 * 0x40011000, 0x40012000, 0x40013000, each with a combined interrupt
 * (GPIO 0: IRQ 6, GPIO 1: IRQ 7); the sim board fits GPIO 0 and wires its
 * pins 0 and 1 to the user buttons BUTTON0/1 (docs/board.md).
 *
 *   offset       name          access  meaning
 *   0x000        DATA          RW      read: the pin levels; write: DATAOUT
 *   0x004        DATAOUT       RW      output register
 *   0x010/0x014  OUTENSET/CLR  RW      output enable (write 1 sets / clears;
 *                                      both read the enable bits)
 *   0x018/0x01C  ALTFUNCSET/CLR RW     alternate function (kept, no effect)
 *   0x020/0x024  INTENSET/CLR  RW      interrupt enable
 *   0x028/0x02C  INTTYPESET/CLR RW     1 = edge, 0 = level
 *   0x030/0x034  INTPOLSET/CLR RW      1 = rising / high, 0 = falling / low
 *   0x038        INTSTATUS     R       pending interrupts (enabled pins only)
 *                INTCLEAR      W       write 1 to clear an edge interrupt
 *   0x400-0x7FC  MASKLOWBYTE   RW      pins 7:0 through the mask in address
 *                                      bits 9:2: reads DATA & mask, writes
 *                                      DATAOUT bits under the mask only
 *   0x800-0xBFC  MASKHIGHBYTE  RW      pins 15:8 likewise (mask << 8)
 *   0xFD0-0xFFC  PID4..CID3    R       CMSDK AHB GPIO identification
 *
 * A pin's level: DATAOUT's bit where the output is enabled, otherwise the
 * level the host drives (gpio_cmsdk_set_input; 0 until driven). An edge
 * interrupt latches on a level change in the enabled polarity's direction
 * (INTCLEAR clears it); a level interrupt is pending while the level
 * matches the polarity (clearing it has no effect). The combined IRQ line
 * (irq[0]) is high while any INTSTATUS bit is set. Changes of a pin's level
 * are reported to the observers (observers_pin) with the cycle.
 *
 * Not modelled: the per-pin interrupt lines (AN386: IRQ 24-39 for GPIO 0),
 * alternate functions (ALTFUNC is stored only), input synchronisation
 * delay (two clock cycles on hardware), pull resistors.
 */
#ifndef PERIPHERALS_GPIO_CMSDK_H
#define PERIPHERALS_GPIO_CMSDK_H

#include "periph.h"

#define GPIO_DATA        0x000
#define GPIO_DATAOUT     0x004
#define GPIO_OUTENSET    0x010
#define GPIO_OUTENCLR    0x014
#define GPIO_ALTFUNCSET  0x018
#define GPIO_ALTFUNCCLR  0x01C
#define GPIO_INTENSET    0x020
#define GPIO_INTENCLR    0x024
#define GPIO_INTTYPESET  0x028
#define GPIO_INTTYPECLR  0x02C
#define GPIO_INTPOLSET   0x030
#define GPIO_INTPOLCLR   0x034
#define GPIO_INTSTATUS   0x038   /* read */
#define GPIO_INTCLEAR    0x038   /* write */
#define GPIO_MASKLOW     0x400
#define GPIO_MASKHIGH    0x800
#define GPIO_PID4        0xFD0

#define GPIO_PINS 16

/* irq[0]: the combined interrupt. */
void *gpio_cmsdk_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t gpio_cmsdk_ops;

/* Host side (buttons, scenarios): drives input pin `pin` (0-15) to
 * `level`; a pin with its output enabled ignores it until the output is
 * disabled. */
void gpio_cmsdk_set_input(void *model, unsigned pin, bool level);

#endif
