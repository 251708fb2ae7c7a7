/*
 * plan.h - the MPU conformance plan: a table of scenarios (an MPU
 * configuration plus which privileges and access kinds to probe); main.c
 * derives the probes of each scenario deterministically from its regions
 * (addr-1/addr for bytes, addr-4/addr for words, addr-2/addr for execute,
 * at every region and subregion boundary and at the extra points), works
 * out the expected outcome from the ARMv7-M ARM rules (ref_allowed() in
 * main.c), runs each probe and logs one line.
 *
 * Explicit probes (`special`) carry their expected outcome written out by
 * hand: exception stacking/unstacking faults, the PPB and the default
 * map's execute-never areas.
 *
 * To extend: add a scenario to plan.c. Keep probed addresses in the RAM
 * probe area 0x20000000-0x2000BFFF or the flash pad 0x10000-0x1FFFF (the
 * generator skips anything else); regions 6 and 7 are the "infra" regions
 * (code, data/stacks) unless the scenario says NOINFRA.
 */
#ifndef MPU_CONFORMANCE_PLAN_H
#define MPU_CONFORMANCE_PLAN_H

#include <stdint.h>

/* MPU_CTRL bits */
#define C_EN 1u
#define C_HFNMI 2u
#define C_PRIVDEF 4u

/* Privileges to probe with (bit mask) */
#define PV_U 1u /* unprivileged thread mode (CONTROL.nPRIV = 1, PSP) */
#define PV_P 2u /* privileged thread mode */
#define PV_H 4u /* handler mode (inside the SVC handler) */
#define PV_F 8u /* privileged at priority -1 (FAULTMASK); only probes expected ok */

/* Access kinds (bit mask for scenarios; enum values for probes) */
enum {
    K_RB, K_WB,   /* byte load/store at addr-1, addr */
    K_RW, K_WW,   /* aligned word at addr-4, addr */
    K_X,          /* execute a `bx lr` at addr-2, addr */
    K_RU, K_WU,   /* unaligned word straddling: addr-3, addr-1 */
    K_RD, K_WD,   /* ldrd/strd at addr-4 (straddling), addr */
    K_X32,        /* execute a 32-bit `nop.w` straddling: addr-2 (RAM only) */
    K_STK, K_UNSTK, /* written-out probes only */
    K_COUNT
};
#define KM(k) (1u << (k))
#define KM_BYTES (KM(K_RB) | KM(K_WB))
#define KM_WORDS (KM(K_RW) | KM(K_WW))
#define KM_SPLIT (KM(K_RU) | KM(K_WU) | KM(K_RD) | KM(K_WD))
#define KM_BX (KM_BYTES | KM(K_X))

/* Scenario flags */
#define F_NOINFRA 1u  /* all 8 regions are test regions (privileged probes only) */
#define F_ESCALATE 2u /* SHCSR.MEMFAULTENA = 0: MemManage escalates to HardFault */
#define F_UNPRED 4u   /* UNPREDICTABLE configuration: results only compared with QEMU */
#define F_KEEP_ON 8u  /* the MPU stays on for the whole scenario (no MPU_CTRL writes
                       * between probes, printing privileged through PRIVDEFENA):
                       * region rewrites and privilege changes alone must take
                       * effect. Specials only; their stubs are written up front. */

typedef struct region {
    uint8_t num;      /* region number 0-7 */
    uint8_t size;     /* log2 of the size in bytes, 5 (32 B) .. 32 (4 GiB); 0 ends the list */
    uint8_t ap;       /* AP[2:0] */
    uint8_t xn;       /* XN */
    uint8_t srd;      /* subregion disable bits (regions of 256 B and more) */
    uint8_t off;      /* 1: RASR.ENABLE = 0 (programmed but disabled) */
    uint32_t base;
} region_t;

/* MPU register write done (with the MPU left on) just before a special probe */
enum { OP_NONE, OP_RASR, OP_RBAR };

typedef struct special {
    uint8_t kind;     /* K_* */
    uint8_t priv;     /* PV_* (one bit) */
    uint32_t addr;
    uint8_t exc;      /* expected exception: 0 none, 3 HardFault, 4 MemManage, 5 BusFault */
    uint32_t cfsr;    /* expected CFSR */
    uint32_t far;     /* expected MMFAR/BFAR when the CFSR says valid */
    uint8_t op;       /* OP_*: first write op_val to region op_num's RASR or RBAR */
    uint8_t op_num;
    uint32_t op_val;
} special_t;

#define MAX_REGIONS 8
#define MAX_POINTS 8
#define MAX_SPECIALS 16

typedef struct scenario {
    const char *name;
    uint8_t ctrl;     /* MPU_CTRL for the probes */
    uint8_t privs;    /* PV_* */
    uint16_t kinds;   /* KM(K_*) for the generated probes */
    uint8_t flags;    /* F_* */
    region_t reg[MAX_REGIONS];         /* size 0 ends */
    uint32_t points[MAX_POINTS];       /* extra boundaries to probe around; 0 ends */
    special_t special[MAX_SPECIALS];   /* addr 0 ends */
} scenario_t;

extern const scenario_t plan[];
extern const unsigned plan_len;

/* Memory the probes may touch (same on both boards) */
#define RAM_PROBE_START 0x20000000u
#define RAM_PROBE_END 0x2000C000u
#define PAD_START 0x00010000u
#define PAD_END 0x00020000u

#endif
