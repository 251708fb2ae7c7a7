/*
 * plan.c - the scenarios of the MPU conformance firmware (see plan.h).
 * Region fields: { num, log2 size, AP, XN, SRD, off, base }.
 * Regions 6 (code, RO/RO, executable) and 7 (data and stacks, RW/RW, XN)
 * are added by main.c unless F_NOINFRA; test regions 0-5 below them
 * cannot hide them (higher number wins).
 */
#include "plan.h"

#define R(n, sz, ap, xn, srd, b) { n, sz, ap, xn, srd, 0, b }
#define ROFF(n, sz, ap, xn, srd, b) { n, sz, ap, xn, srd, 1, b }
#define SP(k, pv, a, e, c, f) { k, pv, a, e, c, f, OP_NONE, 0, 0 }
/* the same after writing v to region n's RASR or RBAR */
#define SPRASR(n, v, k, pv, a, e, c, f) { k, pv, a, e, c, f, OP_RASR, n, v }
#define SPRBAR(n, v, k, pv, a, e, c, f) { k, pv, a, e, c, f, OP_RBAR, n, v }
/* RASR of a region: AP, XN, SRD, log2 size, enabled, normal memory (C) */
#define RASR(ap, xn, srd, sz) ((uint32_t)(xn) << 28 | (uint32_t)(ap) << 24 | 1u << 17 \
                               | (uint32_t)(srd) << 8 | (uint32_t)((sz) - 1) << 1 | 1u)

/* expected CFSR values */
#define DACC 0x82u    /* DACCVIOL | MMARVALID */
#define IACC 0x01u    /* IACCVIOL */
#define MSTK 0x10u    /* MSTKERR */
#define MUNSTK 0x08u  /* MUNSTKERR */
#define PRECISE 0x8200u /* BusFault PRECISERR | BFARVALID */

const scenario_t plan[] = {
    { .name = "mpu-off", .ctrl = 0, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(2, 10, 0, 0, 0, 0x20000400), R(3, 12, 0, 1, 0, 0x00010000) } },

    { .name = "32B", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P,
      .kinds = KM_BX | KM_WORDS | KM_SPLIT | KM(K_X32),
      .reg = { R(0, 5, 3, 0, 0, 0x20000020), R(1, 5, 2, 1, 0, 0x20000080),
               R(3, 5, 1, 0, 0, 0x200000A0), R(2, 5, 6, 0, 0, 0x200000C0) } },

    { .name = "64B-128B", .ctrl = C_EN, .privs = PV_U | PV_P | PV_H, .kinds = KM_BX,
      .reg = { R(0, 6, 1, 0, 0, 0x20000100), R(1, 7, 3, 1, 0, 0x20000180),
               R(2, 6, 5, 0, 0, 0x20000200) } },

    { .name = "256B-subregions", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P,
      .kinds = KM_BX | KM(K_X32),
      .reg = { R(0, 8, 3, 0, 0xA5, 0x20000300), R(1, 8, 2, 1, 0x3C, 0x20000400) } },

    { .name = "1KiB", .ctrl = C_EN, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(3, 10, 3, 0, 0x81, 0x20000800), R(4, 10, 6, 0, 0x18, 0x20000C00) } },

    { .name = "4KiB", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P,
      .kinds = KM_BX | KM_WORDS | KM_SPLIT,
      .reg = { R(2, 12, 2, 0, 0x18, 0x20001000), R(5, 12, 3, 1, 0x00, 0x20002000) } },

    { .name = "64KiB-ram", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(1, 16, 3, 0, 0x0A, 0x20000000) } },

    { .name = "64KiB-flash", .ctrl = C_EN, .privs = PV_U | PV_P,
      .kinds = KM(K_RB) | KM(K_WB) | KM(K_RW) | KM(K_X) | KM(K_RU) | KM(K_RD),
      .reg = { R(0, 16, 6, 0, 0x42, 0x00010000), R(2, 10, 5, 0, 0, 0x00014000),
               R(4, 8, 6, 1, 0x10, 0x00018000) } },

    { .name = "big", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(0, 32, 1, 0, 0x01, 0x00000000), R(1, 29, 2, 1, 0, 0x20000000),
               R(2, 18, 6, 0, 0x08, 0x00000000) },
      .points = { 0x00010000, 0x00014000, 0x20004000, 0x2000B000 } },

    { .name = "big-no-background", .ctrl = C_EN, .privs = PV_P | PV_H, .kinds = KM_BX,
      .reg = { R(0, 32, 1, 0, 0x01, 0x00000000), R(1, 29, 2, 1, 0, 0x20000000),
               R(2, 18, 6, 0, 0x08, 0x00000000) },
      .points = { 0x00010000, 0x00014000, 0x20004000, 0x2000B000 } },

    { .name = "ap0-3", .ctrl = C_EN, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(0, 10, 0, 0, 0, 0x20004000), R(1, 10, 1, 0, 0, 0x20004400),
               R(2, 10, 2, 0, 0, 0x20004800), R(3, 10, 3, 0, 0, 0x20004C00) },
      .points = { 0x20004200, 0x20004600, 0x20004A00, 0x20004E00 } },

    { .name = "ap4-7", .ctrl = C_EN, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(0, 10, 4, 0, 0, 0x20004000), R(1, 10, 5, 0, 0, 0x20004400),
               R(2, 10, 6, 0, 0, 0x20004800), R(3, 10, 7, 0, 0, 0x20004C00) },
      .points = { 0x20004200, 0x20004600, 0x20004A00, 0x20004E00 } },

    { .name = "ap0-3-xn", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(0, 10, 0, 1, 0, 0x20005000), R(1, 10, 1, 1, 0, 0x20005400),
               R(2, 10, 2, 1, 0, 0x20005800), R(3, 10, 3, 1, 0, 0x20005C00) },
      .points = { 0x20005200, 0x20005600, 0x20005A00, 0x20005E00 } },

    { .name = "ap4-7-xn", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(0, 10, 4, 1, 0, 0x20005000), R(1, 10, 5, 1, 0, 0x20005400),
               R(2, 10, 6, 1, 0, 0x20005800), R(3, 10, 7, 1, 0, 0x20005C00) },
      .points = { 0x20005200, 0x20005600, 0x20005A00, 0x20005E00 } },

    /* r1 4K RW/RW, r2 2K RO/RO over it, r3 1K no access over r2, r5 256 B
     * RW/RO with its low half disabled (r1 shows through), r4 disabled */
    { .name = "overlap", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(1, 12, 3, 0, 0, 0x20008000), R(2, 11, 6, 0, 0, 0x20008000),
               R(3, 10, 0, 0, 0, 0x20008400), R(5, 8, 2, 0, 0x0F, 0x20008800),
               ROFF(4, 10, 1, 0, 0, 0x20008C00) } },

    /* r5 4K RO/RO XN over r1 1K RW/RW: r1 visible only in r5's disabled
     * subregion 4; r0 16K RW/RO under both */
    { .name = "overlap-subregion", .ctrl = C_EN, .privs = PV_U | PV_P, .kinds = KM_BX,
      .reg = { R(5, 12, 6, 1, 0x10, 0x20009000), R(1, 10, 3, 0, 0, 0x20009800),
               R(0, 14, 2, 0, 0, 0x20008000) },
      .points = { 0x20009A00 } },

    /* all eight regions, each higher number a smaller region on the same
     * base: every end is a priority boundary */
    { .name = "eight-regions", .ctrl = C_EN | C_PRIVDEF, .privs = PV_P | PV_H, .kinds = KM_BX,
      .flags = F_NOINFRA,
      .reg = { R(0, 12, 1, 0, 0, 0x2000A000), R(1, 11, 5, 0, 0, 0x2000A000),
               R(2, 10, 0, 0, 0, 0x2000A000), R(3, 9, 1, 0, 0, 0x2000A000),
               R(4, 8, 5, 1, 0, 0x2000A000), R(5, 7, 0, 0, 0, 0x2000A000),
               R(6, 6, 1, 0, 0, 0x2000A000), R(7, 5, 5, 0, 0, 0x2000A000) } },

    { .name = "hfnmiena-0", .ctrl = C_EN | C_PRIVDEF, .privs = PV_P | PV_F, .kinds = KM_BX,
      .reg = { R(2, 10, 0, 0, 0, 0x2000B000), R(3, 10, 5, 1, 0, 0x2000B400) } },

    { .name = "hfnmiena-1", .ctrl = C_EN | C_PRIVDEF | C_HFNMI, .privs = PV_P | PV_F, .kinds = KM_BX,
      .reg = { R(2, 10, 0, 0, 0, 0x2000B000), R(3, 10, 5, 1, 0, 0x2000B400) } },

    { .name = "escalate", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P, .kinds = KM_BX,
      .flags = F_ESCALATE,
      .reg = { R(2, 8, 2, 1, 0, 0x2000B800) } },

    /* exception entry pushes 32 bytes below SP; return pops them */
    { .name = "stacking", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U, .kinds = 0,
      .reg = { R(2, 10, 2, 0, 0, 0x20003000), R(3, 10, 3, 0, 0, 0x20003400),
               R(4, 10, 0, 0, 0, 0x20003800) },
      .special = {
          SP(K_STK, PV_U, 0x20003440, 0, 0, 0),
          SP(K_STK, PV_U, 0x20003420, 0, 0, 0),
          SP(K_STK, PV_U, 0x20003418, 4, MSTK, 0),
          SP(K_STK, PV_U, 0x20003200, 4, MSTK, 0),
          SP(K_STK, PV_U, 0x20003800, 0, 0, 0),
          SP(K_STK, PV_U, 0x20003808, 4, MSTK, 0),
          SP(K_STK, PV_U, 0x20003900, 4, MSTK, 0),
          SP(K_UNSTK, PV_U, 0x20003200, 0, 0, 0),
          SP(K_UNSTK, PV_U, 0x200033F8, 0, 0, 0),
          SP(K_UNSTK, PV_U, 0x200037E0, 0, 0, 0),
          SP(K_UNSTK, PV_U, 0x200037E8, 4, MUNSTK, 0),
          SP(K_UNSTK, PV_U, 0x20003900, 4, MUNSTK, 0) } },

    /* the PPB ignores the MPU (unprivileged access is a BusFault); the
     * default map is execute-never for peripherals, MPU on or off */
    { .name = "ppb-default-map", .ctrl = C_EN | C_PRIVDEF, .privs = 0, .kinds = 0,
      .special = {
          SP(K_RB, PV_P, 0xE000ED00, 0, 0, 0),
          SP(K_RB, PV_U, 0xE000ED00, 5, PRECISE, 0xE000ED00),
          SP(K_RB, PV_U, 0x40004004, 4, DACC, 0x40004004),
          SP(K_X, PV_P, 0x40004000, 4, IACC, 0) } },

    /* the MPU stays on: rewriting RASR/RBAR, and switching privilege,
     * must take effect at once (no stale permissions) */
    { .name = "reprogram-while-on", .ctrl = C_EN | C_PRIVDEF, .privs = 0, .kinds = 0,
      .flags = F_KEEP_ON,
      .reg = { R(2, 10, 3, 0, 0, 0x20006000), R(3, 10, 3, 0, 0, 0x20006400) },
      .special = {
          SP(K_RB, PV_U, 0x20006100, 0, 0, 0),
          SP(K_X, PV_U, 0x20006200, 0, 0, 0),
          SPRASR(2, RASR(0, 0, 0, 10), K_RB, PV_U, 0x20006100, 4, DACC, 0x20006100),
          SP(K_RB, PV_P, 0x20006100, 4, DACC, 0x20006100),
          SPRASR(2, RASR(2, 0, 0, 10), K_RB, PV_U, 0x20006100, 0, 0, 0),
          SP(K_WB, PV_U, 0x20006100, 4, DACC, 0x20006100),
          SP(K_WB, PV_P, 0x20006100, 0, 0, 0),
          SP(K_X, PV_U, 0x20006200, 0, 0, 0),
          SPRASR(2, RASR(2, 1, 0, 10), K_X, PV_U, 0x20006200, 4, IACC, 0),
          SPRASR(2, RASR(3, 0, 0x01, 10), K_RB, PV_U, 0x20006040, 4, DACC, 0x20006040),
          SP(K_RB, PV_P, 0x20006040, 0, 0, 0),
          SP(K_RB, PV_U, 0x20006080, 0, 0, 0),
          SP(K_RB, PV_U, 0x20006500, 0, 0, 0),
          SPRBAR(3, 0x20006800, K_RB, PV_U, 0x20006500, 4, DACC, 0x20006500),
          SP(K_RB, PV_U, 0x20006900, 0, 0, 0),
          SPRASR(3, RASR(3, 0, 0, 10) & ~1u, K_RB, PV_U, 0x20006900, 4, DACC, 0x20006900) } },

    /* UNPREDICTABLE per the ARM ARM (compared with QEMU only): a base not
     * aligned to the size, SIZE < 4 (an 8-byte region), SRD on a 128-byte
     * region, AP 100 next to them */
    { .name = "unpredictable", .ctrl = C_EN | C_PRIVDEF, .privs = PV_U | PV_P, .kinds = KM_BX,
      .flags = F_UNPRED,
      .reg = { R(0, 10, 3, 0, 0, 0x20000200), R(1, 3, 3, 0, 0, 0x20000040),
               R(2, 7, 3, 0, 0x0F, 0x20000080), R(3, 8, 4, 0, 0xF0, 0x20000100) } },

    { .name = "default-map-mpu-off", .ctrl = 0, .privs = 0, .kinds = 0,
      .special = {
          SP(K_RB, PV_U, 0x40004004, 0, 0, 0),
          SP(K_X, PV_P, 0x40004000, 4, IACC, 0),
          SP(K_X, PV_U, 0x40004000, 4, IACC, 0) } },
};

const unsigned plan_len = sizeof plan / sizeof plan[0];
