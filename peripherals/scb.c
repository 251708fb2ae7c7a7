/*
 * scb.c - System Control Block registers (ARMv7-M B3.2) as a view of the
 * NVIC exception state. See scb.h for what is not modelled.
 */
#include "scb.h"

#include <stddef.h>

#define ICSR_NMIPENDSET (1u << 31)
#define ICSR_PENDSVSET  (1u << 28)
#define ICSR_PENDSVCLR  (1u << 27)
#define ICSR_PENDSTSET  (1u << 26)
#define ICSR_PENDSTCLR  (1u << 25)
#define ICSR_ISRPENDING (1u << 22)
#define ICSR_RETTOBASE  (1u << 11)
#define AIRCR_VECTKEY   0x05FAu
#define AIRCR_SYSRESETREQ (1u << 2)
#define CCR_WRITABLE    0x0000031Bu
#define SCR_WRITABLE    0x00000016u

/* SHCSR bit <-> exception state. */
static const struct { uint32_t bit; int exc; char kind; } shcsr_map[] = {
    { 1u << 0, EXC_MEMMANAGE, 'a' }, { 1u << 1, EXC_BUSFAULT, 'a' },
    { 1u << 3, EXC_USAGEFAULT, 'a' }, { 1u << 7, EXC_SVCALL, 'a' },
    { 1u << 8, EXC_DEBUGMON, 'a' }, { 1u << 10, EXC_PENDSV, 'a' },
    { 1u << 11, EXC_SYSTICK, 'a' }, { 1u << 12, EXC_USAGEFAULT, 'p' },
    { 1u << 13, EXC_MEMMANAGE, 'p' }, { 1u << 14, EXC_BUSFAULT, 'p' },
    { 1u << 15, EXC_SVCALL, 'p' }, { 1u << 16, EXC_MEMMANAGE, 'e' },
    { 1u << 17, EXC_BUSFAULT, 'e' }, { 1u << 18, EXC_USAGEFAULT, 'e' },
};

/* Cortex-M4 r0p1 ID registers, 0xD40-0xD7C. */
static const uint32_t id_regs[16] = {
    0x00000030, 0x00000200, 0x00100000, 0x00000000,  /* PFR0/1 DFR0 AFR0 */
    0x00100030, 0x00000000, 0x01000000, 0x00000000,  /* MMFR0-3 */
    0x01101110, 0x02111000, 0x21112231, 0x01111110,  /* ISAR0-3 */
    0x01310132, 0x00000000, 0x00000000, 0x00000000,  /* ISAR4, reserved */
};

static void glog(scb_t *scb, const char *what, uint32_t v)
{
    const periph_host_t *h = scb->host;
    observers_guest_log(h->observers, h->now(h->opaque), "scb: %s (0x%08x)", what, v);
}

void scb_init(scb_t *scb, nvic_t *nvic, const periph_host_t *host)
{
    scb->nvic = nvic;
    scb->host = host;
    scb->reset_request = NULL;
    scb->reset_ctx = NULL;
    scb_reset(scb);
}

void scb_reset(scb_t *scb)
{
    scb->vtor = 0;
    scb->scr = 0;
    scb->ccr = CCR_STKALIGN;
    scb->cpacr = 0;
    scb->cfsr = scb->hfsr = scb->dfsr = 0;
    scb->mmfar = scb->bfar = scb->afsr = 0;
    scb->logged_sleeponexit = scb->logged_ccr = false;
}

static uint32_t icsr_read(const scb_t *scb)
{
    const nvic_t *nv = scb->nvic;
    uint32_t v = nv->ipsr & 0x1FF;
    int pend = nvic_highest_pending(nv);

    /* RETTOBASE: the current exception is the only one active. */
    if (nv->ipsr && nvic_active_count(nv) == 1)
        v |= ICSR_RETTOBASE;
    v |= (uint32_t)(pend & 0x1FF) << 12;
    for (int e = EXC_IRQ0; e < NVIC_NUM_EXC; e++)
        if (nv->pending[e])
            v |= ICSR_ISRPENDING;
    if (nv->pending[EXC_SYSTICK])
        v |= ICSR_PENDSTSET;
    if (nv->pending[EXC_PENDSV])
        v |= ICSR_PENDSVSET;
    if (nv->pending[EXC_NMI])
        v |= ICSR_NMIPENDSET;
    return v;
}

static void icsr_write(scb_t *scb, uint32_t v)
{
    nvic_t *nv = scb->nvic;
    if (v & ICSR_PENDSVCLR)
        nvic_clear_pending(nv, EXC_PENDSV);
    if (v & ICSR_PENDSTCLR)
        nvic_clear_pending(nv, EXC_SYSTICK);
    if (v & ICSR_PENDSVSET)
        nvic_set_pending(nv, EXC_PENDSV);
    if (v & ICSR_PENDSTSET)
        nvic_set_pending(nv, EXC_SYSTICK);
    if (v & ICSR_NMIPENDSET)
        nvic_set_pending(nv, EXC_NMI);
}

static uint32_t shcsr_read(const scb_t *scb)
{
    const nvic_t *nv = scb->nvic;
    uint32_t v = 0;
    for (unsigned i = 0; i < sizeof shcsr_map / sizeof shcsr_map[0]; i++) {
        int e = shcsr_map[i].exc;
        bool on = shcsr_map[i].kind == 'a' ? nv->active[e]
                : shcsr_map[i].kind == 'p' ? nv->pending[e] : nv->enabled[e];
        if (on)
            v |= shcsr_map[i].bit;
    }
    return v;
}

static void shcsr_write(scb_t *scb, uint32_t v, uint32_t lanes)
{
    nvic_t *nv = scb->nvic;
    for (unsigned i = 0; i < sizeof shcsr_map / sizeof shcsr_map[0]; i++) {
        uint32_t bit = shcsr_map[i].bit;
        int e = shcsr_map[i].exc;
        bool on = v & bit;
        if (!(lanes & bit))
            continue;
        if (shcsr_map[i].kind == 'a')
            nv->active[e] = on;
        else if (shcsr_map[i].kind == 'e')
            nvic_set_enabled(nv, e, on);
        else if (on)
            nvic_set_pending(nv, e);
        else
            nvic_clear_pending(nv, e);
    }
}

static uint32_t lane_mask(uint32_t bytes)
{
    uint32_t m = 0;
    for (int i = 0; i < 4; i++)
        if (bytes & (1u << i))
            m |= 0xFFu << (8 * i);
    return m;
}

static void merge(uint32_t *reg, uint32_t v, uint32_t m)
{
    *reg = (*reg & ~m) | (v & m);
}

bool scb_read(scb_t *scb, uint32_t off, uint32_t *value)
{
    nvic_t *nv = scb->nvic;
    uint32_t v = 0;

    if (off >= 0xD18 && off < 0xD24) {   /* SHPR1-3, one byte per exception */
        for (int i = 0; i < 4; i++)
            v |= (uint32_t)nv->prio[4 + (off - 0xD18) + i] << (8 * i);
        *value = v;
        return true;
    }
    if (off >= 0xD40 && off < 0xD80) {
        *value = id_regs[(off - 0xD40) / 4];
        return true;
    }
    switch (off) {
    case 0xD00: v = SCB_CPUID; break;
    case 0xD04: v = icsr_read(scb); break;
    case 0xD08: v = scb->vtor; break;
    case 0xD0C: v = (0xFA05u << 16) | (nv->prigroup << 8); break;
    case 0xD10: v = scb->scr; break;
    case 0xD14: v = scb->ccr; break;
    case 0xD24: v = shcsr_read(scb); break;
    case 0xD28: v = scb->cfsr; break;
    case 0xD2C: v = scb->hfsr; break;
    case 0xD30: v = scb->dfsr; break;
    case 0xD34: v = scb->mmfar; break;
    case 0xD38: v = scb->bfar; break;
    case 0xD3C: v = scb->afsr; break;
    case 0xD88: v = scb->cpacr; break;
    default: return false;
    }
    *value = v;
    return true;
}

bool scb_write(scb_t *scb, uint32_t off, uint32_t v, uint32_t bytes)
{
    nvic_t *nv = scb->nvic;
    uint32_t m = lane_mask(bytes);

    if (off >= 0xD18 && off < 0xD24) {
        for (int i = 0; i < 4; i++) {
            int e = 4 + (int)(off - 0xD18) + i;
            /* Reserved slots (7-10, 13) are RAZ/WI. */
            if ((bytes & (1u << i)) && !(e >= 7 && e <= 10) && e != 13)
                nv->prio[e] = (uint8_t)(v >> (8 * i)) & NVIC_PRIO_MASK;
        }
        return true;
    }
    if (off >= 0xD40 && off < 0xD80)
        return true;    /* ID registers are read-only */
    switch (off) {
    case 0xD00: break;  /* CPUID is read-only */
    case 0xD04: icsr_write(scb, v & m); break;
    case 0xD08: merge(&scb->vtor, v & 0x3FFFFF80u, m); break;
    case 0xD0C:
        /* The key must come with the same (word) write. */
        if (bytes != 0xF || (v >> 16) != AIRCR_VECTKEY) {
            glog(scb, "guest error: AIRCR write without VECTKEY ignored", v);
            break;
        }
        nv->prigroup = (v >> 8) & 7;
        if (v & 3)
            glog(scb, "unmodelled: AIRCR VECTRESET/VECTCLRACTIVE", v);
        if (v & AIRCR_SYSRESETREQ) {
            if (scb->reset_request)
                scb->reset_request(scb->reset_ctx);
            else
                glog(scb, "unmodelled: AIRCR SYSRESETREQ ignored", v);
        }
        break;
    case 0xD10:
        merge(&scb->scr, v & SCR_WRITABLE, m);
        if ((scb->scr & SCR_SLEEPONEXIT) && !scb->logged_sleeponexit) {
            scb->logged_sleeponexit = true;
            glog(scb, "unmodelled: SCR.SLEEPONEXIT", scb->scr);
        }
        break;
    case 0xD14:
        merge(&scb->ccr, v & CCR_WRITABLE, m);
        break;
    case 0xD24: shcsr_write(scb, v, m); break;
    case 0xD28: scb->cfsr &= ~(v & m); break;   /* write 1 to clear */
    case 0xD2C: scb->hfsr &= ~(v & m); break;
    case 0xD30: scb->dfsr &= ~(v & m); break;
    case 0xD34: merge(&scb->mmfar, v, m); break;
    case 0xD38: merge(&scb->bfar, v, m); break;
    case 0xD3C: scb->afsr &= ~(v & m); break;
    case 0xD88: merge(&scb->cpacr, v & 0x00F00000u, m); break;
    default: return false;
    }
    return true;
}
