/*
 * fpgaio.h - MPS2 "FPGA system control and I/O" block as on AN386: two user
 * LEDs, user buttons, 1 Hz / 100 Hz counters and a prescaled cycle counter.
 * No IRQs.
 */
#ifndef PERIPHERALS_FPGAIO_H
#define PERIPHERALS_FPGAIO_H

#include "periph.h"

#define FPGAIO_LED0      0x00  /* bits 1:0 = LED0, LED1 */
#define FPGAIO_BUTTON    0x08  /* read-only, bits 1:0 */
#define FPGAIO_CLK1HZ    0x10
#define FPGAIO_CLK100HZ  0x14
#define FPGAIO_COUNTER   0x18
#define FPGAIO_PRESCALE  0x1C
#define FPGAIO_PSCNTR    0x20
#define FPGAIO_MISC      0x4C

#define FPGAIO_NUM_LEDS  2

void *fpgaio_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t fpgaio_ops;

/* Host side (panel, scenarios): sets the state of the user buttons that the
 * BUTTON register reports (bit n = button n pressed). */
void fpgaio_set_buttons(void *model, uint32_t bits);

#endif
