/*
 * faults.c - fault decoding and attribution (see faults.h). Bit names and
 * meanings are the ARMv7-M Architecture Reference Manual's (B3.2.15 CFSR,
 * B3.2.16 HFSR); the class picks the most telling bit, the same order a
 * reader of the CFSR would look in: usage faults name the instruction's
 * problem, memory faults the kind of access, stacking faults the frame.
 */
#include "faults.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bit_name {
    uint32_t mask;
    const char *name;
    const char *words;   /* the class when this bit is the telling one */
} bit_name_t;

/* In bit order (for the JSON list); class_order below says which wins. */
static const bit_name_t cfsr_names[] = {
    {CFSR_IACCVIOL, "IACCVIOL", "instruction access violation"},
    {CFSR_DACCVIOL, "DACCVIOL", "data access violation"},
    {CFSR_MUNSTKERR, "MUNSTKERR", "MPU fault on exception return unstacking"},
    {CFSR_MSTKERR, "MSTKERR", "MPU fault on exception entry stacking"},
    {CFSR_MLSPERR, "MLSPERR", "MPU fault on lazy FP state preservation"},
    {CFSR_MMARVALID, "MMARVALID", NULL},
    {CFSR_IBUSERR, "IBUSERR", "instruction bus error"},
    {CFSR_PRECISERR, "PRECISERR", "precise data bus error"},
    {CFSR_IMPRECISERR, "IMPRECISERR", "imprecise data bus error"},
    {CFSR_UNSTKERR, "UNSTKERR", "bus error on exception return unstacking"},
    {CFSR_STKERR, "STKERR", "bus error on exception entry stacking"},
    {CFSR_LSPERR, "LSPERR", "bus error on lazy FP state preservation"},
    {CFSR_BFARVALID, "BFARVALID", NULL},
    {CFSR_UNDEFINSTR, "UNDEFINSTR", "undefined instruction"},
    {CFSR_INVSTATE, "INVSTATE", "invalid state (Thumb bit clear or bad EPSR)"},
    {CFSR_INVPC, "INVPC", "invalid PC load (bad EXC_RETURN)"},
    {CFSR_NOCP, "NOCP", "no coprocessor (FPU disabled?)"},
    {CFSR_UNALIGNED, "UNALIGNED", "unaligned access"},
    {CFSR_DIVBYZERO, "DIVBYZERO", "divide by zero"},
};

static const bit_name_t hfsr_names[] = {
    {HFSR_VECTTBL, "VECTTBL", "vector table read error"},
    {HFSR_FORCED, "FORCED", "escalated fault"},
    {HFSR_DEBUGEVT, "DEBUGEVT", "debug event"},
};

/* Which CFSR bit names the class when several are set. */
static const uint32_t class_order[] = {
    CFSR_MSTKERR, CFSR_STKERR, CFSR_MUNSTKERR, CFSR_UNSTKERR, CFSR_MLSPERR, CFSR_LSPERR,
    CFSR_IACCVIOL, CFSR_IBUSERR, CFSR_DACCVIOL, CFSR_PRECISERR, CFSR_IMPRECISERR,
    CFSR_UNDEFINSTR, CFSR_INVSTATE, CFSR_INVPC, CFSR_NOCP, CFSR_UNALIGNED, CFSR_DIVBYZERO,
};

const char *fault_exception_name(int exception)
{
    static char buf[24];
    switch (exception) {
    case 3: return "HardFault";
    case 4: return "MemManage";
    case 5: return "BusFault";
    case 6: return "UsageFault";
    default:
        snprintf(buf, sizeof buf, "exception %d", exception);
        return buf;
    }
}

static int bits(const bit_name_t *t, size_t nt, uint32_t v, const char **names, int max)
{
    int n = 0;
    for (size_t i = 0; i < nt && n < max; i++)
        if (v & t[i].mask)
            names[n++] = t[i].name;
    return n;
}

int fault_cfsr_bits(uint32_t cfsr, const char **names, int max)
{
    return bits(cfsr_names, sizeof cfsr_names / sizeof cfsr_names[0], cfsr, names, max);
}

int fault_hfsr_bits(uint32_t hfsr, const char **names, int max)
{
    return bits(hfsr_names, sizeof hfsr_names / sizeof hfsr_names[0], hfsr, names, max);
}

void fault_join_bits(const char **names, int n, const char *sep, char *buf, size_t len)
{
    size_t used = 0;
    if (len)
        buf[0] = 0;
    for (int i = 0; i < n && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s", i ? sep : "", names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

const char *fault_class(const fault_info_t *f)
{
    for (size_t i = 0; i < sizeof class_order / sizeof class_order[0]; i++) {
        if (!(f->cfsr & class_order[i]))
            continue;
        for (size_t k = 0; k < sizeof cfsr_names / sizeof cfsr_names[0]; k++)
            if (cfsr_names[k].mask == class_order[i])
                return cfsr_names[k].words;
    }
    if (f->hfsr & HFSR_VECTTBL)
        return "vector table read error";
    if (f->hfsr & HFSR_FORCED)
        return "escalated fault";
    return "fault";
}

bool fault_address(const fault_info_t *f, uint32_t *addr, const char **which)
{
    if (f->cfsr & CFSR_MMARVALID) {
        *addr = f->mmfar;
        *which = "mmfar";
        return true;
    }
    if (f->cfsr & CFSR_BFARVALID) {
        *addr = f->bfar;
        *which = "bfar";
        return true;
    }
    return false;
}

static int app_holding_code(const fault_app_t *apps, int n, uint32_t a)
{
    for (int i = 0; i < n; i++)
        if (a >= apps[i].tbf_addr && a - apps[i].tbf_addr < apps[i].size)
            return i;
    return -1;
}

int fault_find_app(const fault_app_t *apps, int n, const fault_info_t *f, bool *kernel,
                   const char **how)
{
    bool process = f->thread_mode && !f->privileged;
    int i = app_holding_code(apps, n, f->pc);
    *kernel = false;
    *how = NULL;
    if (i >= 0) {
        *how = "pc";
        return i;
    }
    if (process && (i = app_holding_code(apps, n, f->lr & ~1u)) >= 0) {
        *how = "lr";
        return i;
    }
    for (i = 0; process && i < n; i++) {
        /* SP at the top of the block (empty stack) still belongs to it. */
        if (apps[i].ram_size && f->sp >= apps[i].ram_start &&
            f->sp - apps[i].ram_start <= apps[i].ram_size) {
            *how = "sp";
            return i;
        }
    }
    *kernel = !process;
    return -1;
}

uint32_t fault_app_link_addr(const fault_app_t *a, uint32_t pc)
{
    return pc - a->app_start + FAULT_APP_LINK_BASE;
}

/* "process 'NAME' loaded: flash 0x%x (%u bytes), ram 0x%x (%u bytes)",
 * anywhere in the line (the kernel prefixes "ctock: "). */
static void parse_loaded(fault_app_t *apps, int n, const char *line)
{
    const char *p = strstr(line, "process '");
    if (!p)
        return;
    p += 9;
    const char *q = strstr(p, "' loaded: flash ");
    if (!q || (size_t)(q - p) >= sizeof apps[0].name)
        return;
    unsigned flash, fsize, ram, rsize;
    if (sscanf(q, "' loaded: flash %x (%u bytes), ram %x (%u bytes)", &flash, &fsize, &ram,
               &rsize) != 4)
        return;
    for (int i = 0; i < n; i++) {
        /* Match by flash address: names need not be unique. */
        if (apps[i].tbf_addr == flash && strncmp(apps[i].name, p, (size_t)(q - p)) == 0 &&
            apps[i].name[q - p] == 0) {
            apps[i].ram_start = ram;
            apps[i].ram_size = rsize;
            return;
        }
    }
}

void fault_learn_console(fault_app_t *apps, int n, char *line, size_t cap, size_t *len,
                         uint8_t byte)
{
    if (byte == '\n' || byte == '\r') {
        line[*len < cap ? *len : cap - 1] = 0;
        if (*len < cap)
            parse_loaded(apps, n, line);
        *len = 0;
        return;
    }
    if (*len < cap - 1)
        line[*len] = (char)byte;
    (*len)++;   /* an over-long line is counted, then ignored */
}
