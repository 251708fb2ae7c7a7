/*
 * systick.h - the ARMv7-M SysTick timer (SYST_CSR/RVR/CVR/CALIB at
 * 0xE000E010). A 24-bit down-counter clocked by the CPU clock
 * (CLKSOURCE=1) or by a 1 MHz reference clock (CLKSOURCE=0, as QEMU's
 * mps2). When it counts from 1 to 0 it sets COUNTFLAG and, with TICKINT,
 * pends the SysTick exception; the next tick reloads RVR.
 *
 * The counter is never stepped: its value is computed from virtual time
 * against an anchor (cycle, value), and only the 1 -> 0 transitions are
 * scheduled as events. Not modelled: debug halt, the SKEW/NOREF subtleties
 * of clocks that are not a multiple of 1 MHz (SKEW is then reported).
 */
#ifndef PERIPHERALS_SYSTICK_H
#define PERIPHERALS_SYSTICK_H

#include <stdbool.h>
#include <stdint.h>

#include "nvic.h"
#include "periph.h"

#define SYSTICK_REF_HZ 1000000u

typedef struct systick {
    const periph_host_t *host;
    nvic_t *nvic;
    event_t wrap_ev;
    uint32_t csr;            /* ENABLE, TICKINT, CLKSOURCE (COUNTFLAG apart) */
    bool countflag;
    uint32_t rvr;
    uint32_t anchor_val;     /* counter value at anchor_cycle */
    uint64_t anchor_cycle;   /* tick-aligned while enabled */
} systick_t;

void systick_init(systick_t *st, const periph_host_t *host, nvic_t *nvic);
void systick_reset(systick_t *st);
/* Registers at offsets 0x0 CSR, 0x4 RVR, 0x8 CVR, 0xC CALIB (word). */
uint32_t systick_read(systick_t *st, uint32_t offset);
void systick_write(systick_t *st, uint32_t offset, uint32_t value);
/* Register value without read side effects (COUNTFLAG not cleared). */
uint32_t systick_peek(systick_t *st, uint32_t offset);
/* Current counter value (no side effects). */
uint32_t systick_value(systick_t *st);

#endif
