/*
 * scb.h - the System Control Block (0xE000ED00-0xE000ED8F): CPUID, ICSR,
 * VTOR, AIRCR, SCR, CCR, SHPR1-3, SHCSR, the fault status and address
 * registers, the ID registers and CPACR.
 *
 * Exception state lives in the NVIC (nvic.h); this module is a register
 * view of it plus the few SCB-only fields. The CPU glue reads vtor, scr and
 * ccr and sets fault status bits directly (the fields are public).
 *
 * CCR.UNALIGN_TRP/DIV_0_TRP and CPACR are enforced by the node
 * (sim/node_trap.c: UsageFault UNALIGNED, DIVBYZERO, NOCP).
 * Not modelled (stored, logged on use): SCR.SLEEPONEXIT and SEVONPEND,
 * AIRCR.VECTRESET and VECTCLRACTIVE (debug only).
 * Unprivileged SCS accesses never reach this module: the node turns them
 * into BusFaults (sim/node_mem.c).
 */
#ifndef PERIPHERALS_SCB_H
#define PERIPHERALS_SCB_H

#include <stdbool.h>
#include <stdint.h>

#include "fault_status.h"
#include "nvic.h"
#include "periph.h"

#define SCB_CPUID 0x410FC241u

#define SCR_SLEEPONEXIT  (1u << 1)
#define SCR_SLEEPDEEP    (1u << 2)
#define CCR_NONBASETHRDENA (1u << 0)
#define CCR_STKALIGN     (1u << 9)

typedef struct scb {
    nvic_t *nvic;
    const periph_host_t *host;
    uint32_t vtor, scr, ccr, cpacr;
    uint32_t cfsr, hfsr, dfsr, mmfar, bfar, afsr;
    /* AIRCR.SYSRESETREQ; NULL = logged and ignored. */
    void (*reset_request)(void *ctx);
    void *reset_ctx;
    bool logged_sleeponexit, logged_ccr;
} scb_t;

void scb_init(scb_t *scb, nvic_t *nvic, const periph_host_t *host);
void scb_reset(scb_t *scb);
/* Offsets from 0xE000E000 (0xD00-0xD8F), word-aligned, `bytes` = byte-lane
 * mask of a write. False for offsets outside the SCB. */
bool scb_read(scb_t *scb, uint32_t offset, uint32_t *value);
bool scb_write(scb_t *scb, uint32_t offset, uint32_t value, uint32_t bytes);

#endif
