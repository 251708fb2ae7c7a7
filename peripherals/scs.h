/*
 * scs.h - the System Control Space, 0xE000E000-0xE000EFFF: one MMIO window
 * that dispatches to the NVIC (nvic.h), SysTick (systick.h), SCB (scb.h)
 * and the MPU (mpu.h).
 *
 *   0x004 ICTR   0x008 ACTLR   0x010-0x01F SysTick   0x100-0x4EF NVIC
 *   0xD00-0xD8F SCB   0xD90-0xDBB MPU   0xF00 STIR   0xF34-0xF3F FP regs
 *
 * The MPU window (0xD90-0xDBB) is forwarded to mpu_read/mpu_write and the
 * MPU's guest errors are logged here; the node enforces s->mpu with
 * mpu_check / mpu_page. Other offsets read 0 and are logged as guest
 * errors. Sub-word accesses act on the byte lanes they cover; an access
 * crossing a word is a logged guest error.
 */
#ifndef PERIPHERALS_SCS_H
#define PERIPHERALS_SCS_H

#include <stdint.h>

#include "mpu.h"
#include "nvic.h"
#include "periph.h"
#include "scb.h"
#include "systick.h"

#define SCS_BASE 0xE000E000u
#define SCS_SIZE 0x1000u

typedef struct scs {
    const periph_host_t *host;
    nvic_t nvic;
    scb_t scb;
    systick_t systick;
    mpu_t mpu;
    uint32_t actlr, fpccr, fpcar, fpdscr;
} scs_t;

/* host must outlive the scs; the NVIC's on_pend is left for the caller. */
void scs_init(scs_t *s, const periph_host_t *host);
void scs_reset(scs_t *s);
uint32_t scs_read(scs_t *s, uint32_t offset, unsigned size);
void scs_write(scs_t *s, uint32_t offset, unsigned size, uint32_t value);

#endif
