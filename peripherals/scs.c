/*
 * scs.c - address decoding of the System Control Space and the MPU register
 * store. What is modelled lives in nvic.c, scb.c and systick.c; see scs.h
 * for the map and for what is only stored or logged.
 */
#include "scs.h"

#include <stddef.h>

#define MPU_TYPE_8_REGIONS 0x00000800u
#define FPCCR_RESET 0xC0000000u

static void glog(scs_t *s, const char *what, uint32_t off)
{
    const periph_host_t *h = s->host;
    observers_guest_log(h->observers, h->now(h->opaque),
                        "scs: %s at 0x%08x", what, SCS_BASE + off);
}

void scs_init(scs_t *s, const periph_host_t *host)
{
    s->host = host;
    s->nvic.on_pend = NULL;
    s->nvic.on_pend_ctx = NULL;
    nvic_reset(&s->nvic);
    scb_init(&s->scb, &s->nvic, host);
    systick_init(&s->systick, host, &s->nvic);
    scs_reset(s);
}

void scs_reset(scs_t *s)
{
    nvic_reset(&s->nvic);
    scb_reset(&s->scb);
    systick_reset(&s->systick);
    s->mpu = (scs_mpu_t){0};
    s->actlr = 0;
    s->fpccr = FPCCR_RESET;
    s->fpcar = s->fpdscr = 0;
}

static bool mpu_read(scs_t *s, uint32_t off, uint32_t *v)
{
    scs_mpu_t *m = &s->mpu;
    unsigned r = m->rnr % SCS_MPU_REGIONS;
    switch (off) {
    case 0xD90: *v = MPU_TYPE_8_REGIONS; return true;
    case 0xD94: *v = m->ctrl; return true;
    case 0xD98: *v = m->rnr; return true;
    case 0xD9C: case 0xDA4: case 0xDAC: case 0xDB4:
        *v = (m->rbar[r] & ~0x1Fu) | r;
        return true;
    case 0xDA0: case 0xDA8: case 0xDB0: case 0xDB8:
        *v = m->rasr[r];
        return true;
    default:
        return false;
    }
}

static bool mpu_write(scs_t *s, uint32_t off, uint32_t v)
{
    scs_mpu_t *m = &s->mpu;
    switch (off) {
    case 0xD90: return true;                  /* MPU_TYPE is read-only */
    case 0xD94: m->ctrl = v & 7; return true;
    case 0xD98: m->rnr = v & 0xFF; return true;
    case 0xD9C: case 0xDA4: case 0xDAC: case 0xDB4:
        if (v & 0x10)                         /* VALID: REGION selects */
            m->rnr = v & 0xF;
        m->rbar[m->rnr % SCS_MPU_REGIONS] = v & ~0x1Fu;
        return true;
    case 0xDA0: case 0xDA8: case 0xDB0: case 0xDB8:
        m->rasr[m->rnr % SCS_MPU_REGIONS] = v;
        return true;
    default:
        return false;
    }
}

static bool word_read(scs_t *s, uint32_t off, uint32_t *v)
{
    *v = 0;
    if (off >= 0x010 && off < 0x020) {
        *v = systick_read(&s->systick, off - 0x010);
        return true;
    }
    switch (off) {
    case 0x004: *v = NVIC_NUM_IRQS / 32 - 1; return true;    /* ICTR */
    case 0x008: *v = s->actlr; return true;
    case 0xF34: *v = s->fpccr; return true;
    case 0xF38: *v = s->fpcar; return true;
    case 0xF3C: *v = s->fpdscr; return true;
    }
    return nvic_reg_read(&s->nvic, off, v) || scb_read(&s->scb, off, v) ||
           mpu_read(s, off, v);
}

static bool word_write(scs_t *s, uint32_t off, uint32_t v, uint32_t bytes, uint32_t m)
{
    if (off >= 0x010 && off < 0x020) {
        uint32_t old = systick_peek(&s->systick, off - 0x010);
        systick_write(&s->systick, off - 0x010, (old & ~m) | (v & m));
        return true;
    }
    switch (off) {
    case 0x004: return true;                                  /* ICTR RO */
    case 0x008: s->actlr = (s->actlr & ~m) | (v & m); return true;
    case 0xF34: case 0xF38: case 0xF3C: {
        uint32_t *r = off == 0xF34 ? &s->fpccr : off == 0xF38 ? &s->fpcar : &s->fpdscr;
        *r = (*r & ~m) | (v & m);
        glog(s, "unmodelled: FP context control register stored", off);
        return true;
    }
    }
    if (nvic_reg_write(&s->nvic, off, v, bytes) || scb_write(&s->scb, off, v, bytes))
        return true;
    uint32_t old = 0;
    if (mpu_read(s, off, &old))
        return mpu_write(s, off, (old & ~m) | (v & m));
    return false;
}

uint32_t scs_read(scs_t *s, uint32_t offset, unsigned size)
{
    uint32_t shift = (offset & 3) * 8, v;
    if ((offset & 3) + size > 4) {
        glog(s, "guest error: unaligned read", offset);
        return 0;
    }
    if (!word_read(s, offset & ~3u, &v)) {
        glog(s, "guest error: read of unmodelled register", offset);
        return 0;
    }
    if (size == 4)
        return v;
    return (v >> shift) & ((1u << (8 * size)) - 1);
}

void scs_write(scs_t *s, uint32_t offset, unsigned size, uint32_t value)
{
    uint32_t shift = (offset & 3) * 8;
    uint32_t bytes = ((1u << size) - 1) << (offset & 3);
    uint32_t m = size == 4 ? 0xFFFFFFFFu : ((1u << (8 * size)) - 1) << shift;
    if ((offset & 3) + size > 4) {
        glog(s, "guest error: unaligned write", offset);
        return;
    }
    if (!word_write(s, offset & ~3u, (value << shift) & m, bytes, m))
        glog(s, "guest error: write to unmodelled register", offset);
}
