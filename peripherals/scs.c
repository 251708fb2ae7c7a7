/*
 * scs.c - address decoding of the System Control Space. What is modelled
 * lives in nvic.c, scb.c, systick.c and mpu.c; see scs.h for the map and
 * for what is only stored or logged.
 */
#include "scs.h"

#include <stddef.h>

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
    mpu_reset(&s->mpu);
    s->actlr = 0;
    s->fpccr = FPCCR_RESET;
    s->fpcar = s->fpdscr = 0;
}

static bool in_mpu(uint32_t off)
{
    return off >= MPU_WINDOW_BASE - SCS_BASE &&
           off < MPU_WINDOW_BASE - SCS_BASE + MPU_WINDOW_SIZE;
}

/* Sub-word writes merge into the register's read value (RBAR reads VALID as
 * 0, so a byte write never selects a region by accident). */
static void mpu_window_write(scs_t *s, uint32_t off, uint32_t v, uint32_t m)
{
    uint32_t moff = off - (MPU_WINDOW_BASE - SCS_BASE);
    const char *err = NULL;
    if (m != 0xFFFFFFFFu)
        v = (mpu_read(&s->mpu, moff) & ~m) | (v & m);
    mpu_write(&s->mpu, moff, v, &err);
    if (err)
        glog(s, err, off);
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
    if (in_mpu(off)) {
        *v = mpu_read(&s->mpu, off - (MPU_WINDOW_BASE - SCS_BASE));
        return true;
    }
    return nvic_reg_read(&s->nvic, off, v) || scb_read(&s->scb, off, v);
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
    if (in_mpu(off)) {
        mpu_window_write(s, off, v, m);
        return true;
    }
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
