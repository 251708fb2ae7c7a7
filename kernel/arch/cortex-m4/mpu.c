/*
 * mpu.c - process isolation with the ARMv7-M PMSAv7 MPU (ctock/mpu.h).
 *
 * ARMv7-M ARM B3.5: 8 regions; a region is a power of two from 32 bytes to
 * 4 GiB aligned to its size; one of 256 bytes or more has 8 equal
 * subregions, each disabled by a bit of SRD (a disabled subregion is not
 * part of the region). The kernel runs privileged with PRIVDEFENA = 1, so
 * any address no region covers keeps the default map for the kernel and
 * faults for a process. Regions never overlap here, so their numbers
 * (priorities) do not matter.
 *
 * Region plan for one process (the configuration is computed when the
 * process starts and when its break moves, then loaded on every switch):
 *
 *   region 0  its flash image: the whole TBF (elf2tbf makes it a power of
 *             two; the app flash layout aligns it): user read-only,
 *             executable
 *   region 1+ its RAM from mem_start up to the app break rounded up to 32
 *             bytes: user read/write, never executable. The block is a
 *             power of two aligned to its size, so a chain of regions, each
 *             an eighth of the one before, reaches that end exactly:
 *
 *   mem_start+mem_len +------------------+  -
 *                     | kernel-owned     |  |  no region: no access
 *   kernel_brk -----> +------------------+  |  (grants, kernel reserve)
 *                     | free             |  |
 *   ram_end --------> +------------------+  -  = align32(app_brk) <= kernel_brk
 *                     | 32 B  region 3   |  size S/64 (< 256: no subregions)
 *                     +- - - - - - - - - +
 *                     | k2 x S/64        |  region 2: size S/8, first k2 of 8
 *                     +- - - - - - - - - +     subregions enabled
 *                     | k1 x S/8         |  region 1: size S (the block),
 *   mem_start ------> +------------------+     first k1 of 8 subregions
 *
 *   An S = 4 KiB block needs at most 3 RAM regions (512-, 64-, 32-byte
 *   steps), 32 KiB at most 4, 64 KiB at most 5: flash + RAM fit in 8.
 *
 * Everything else - kernel flash and RAM, peripherals, other processes,
 * the kernel-owned top of the process's own block - is in no region, so
 * an unprivileged access there is a MemManage fault (DACCVIOL, or IACCVIOL
 * for a fetch; MSTKERR/MUNSTKERR while stacking). Not used: TEX/cache
 * attributes beyond normal memory, the FPU's lazy stacking.
 */
#include "ctock/mpu.h"

#define MPU_TYPE (*(volatile uint32_t *)0xE000ED90)
#define MPU_CTRL (*(volatile uint32_t *)0xE000ED94)
#define MPU_RBAR (*(volatile uint32_t *)0xE000ED9C)
#define MPU_RASR (*(volatile uint32_t *)0xE000EDA0)

#define CTRL_ENABLE 1u
#define CTRL_PRIVDEFENA 4u

#define RBAR_VALID (1u << 4)
#define RASR_ENABLE 1u
#define RASR_SIZE(log2) (((log2) - 1u) << 1)
#define RASR_SRD(srd) ((uint32_t)(srd) << 8)
#define RASR_AP_SHIFT 24
#define RASR_XN (1u << 28)
#define AP_PRIV_RW_USER_RO 2u
#define AP_FULL 3u
/* Normal memory: flash write-through (C), RAM write-back shareable (C B S). */
#define ATTR_FLASH (1u << 17)
#define ATTR_RAM ((1u << 18) | (1u << 17) | (1u << 16))

static unsigned log2u(uint32_t v)
{
    unsigned n = 0;
    while (v > 1) {
        v >>= 1;
        n++;
    }
    return n;
}

bool mpu_region_ok(uint32_t start, uint32_t size)
{
    return size >= 32 && (size & (size - 1)) == 0 && (start & (size - 1)) == 0;
}

void mpu_init(void)
{
    for (uint32_t r = 0; r < MPU_REGIONS; r++) {
        MPU_RBAR = RBAR_VALID | r;
        MPU_RASR = 0;
    }
    MPU_CTRL = CTRL_ENABLE | CTRL_PRIVDEFENA;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

static bool put(mpu_config_t *c, unsigned *n, uint32_t base, uint32_t size, uint32_t srd,
                uint32_t bits)
{
    if (*n >= MPU_REGIONS)
        return false;
    c->rbar[*n] = base | RBAR_VALID | *n;
    c->rasr[*n] = bits | RASR_SRD(srd) | RASR_SIZE(log2u(size)) | RASR_ENABLE;
    (*n)++;
    return true;
}

bool mpu_configure_process(mpu_config_t *out, uint32_t flash_start, uint32_t flash_size,
                           uint32_t mem_start, uint32_t mem_size, uint32_t app_brk,
                           uint32_t limit)
{
    if (!mpu_region_ok(flash_start, flash_size) || !mpu_region_ok(mem_start, mem_size) ||
        app_brk < mem_start || app_brk - mem_start > mem_size)
        return false;
    uint32_t end = mem_start + ((app_brk - mem_start + MPU_RAM_GRANULE - 1) & ~(MPU_RAM_GRANULE - 1));
    if (end > limit)
        return false;

    mpu_config_t c = { .ram_end = end };
    unsigned n = 0;
    put(&c, &n, flash_start, flash_size, 0,
        (AP_PRIV_RW_USER_RO << RASR_AP_SHIFT) | ATTR_FLASH);

    uint32_t ram_bits = RASR_XN | (AP_FULL << RASR_AP_SHIFT) | ATTR_RAM;
    uint32_t base = mem_start, size = mem_size;
    /* Invariant: base is aligned to size, and end - base < 8 * size. */
    while (base < end) {
        if (size >= 256) {
            uint32_t sub = size / 8, k = (end - base) / sub;
            if (k >= 8) {
                if (!put(&c, &n, base, size, 0, ram_bits))
                    return false;
                base += size;
            } else if (k > 0) {
                if (!put(&c, &n, base, size, (0xFFu << k) & 0xFFu, ram_bits))
                    return false;
                base += k * sub;
            }
            size = sub;
        } else {
            if (end - base >= size) {
                if (!put(&c, &n, base, size, 0, ram_bits))
                    return false;
                base += size;
            }
            size /= 2;
        }
    }
    for (unsigned r = n; r < MPU_REGIONS; r++) {
        c.rbar[r] = RBAR_VALID | r;
        c.rasr[r] = 0;
    }
    *out = c;
    return true;
}

void mpu_load(const mpu_config_t *c)
{
    /* Privileged code keeps working throughout (PRIVDEFENA, and every
     * region gives the kernel read/write), so no need to disable. */
    for (unsigned r = 0; r < MPU_REGIONS; r++) {
        MPU_RBAR = c->rbar[r];
        MPU_RASR = c->rasr[r];
    }
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

static const char *ap_text(uint32_t ap)
{
    static const char *const t[8] = {
        "none/none", "rw/none", "rw/r", "rw/rw", "?", "r/none", "r/r", "r/r",
    };
    return t[ap & 7u];
}

void mpu_print(const mpu_config_t *c, mpu_out_fn out)
{
    for (unsigned r = 0; r < MPU_REGIONS; r++) {
        uint32_t rasr = c->rasr[r];
        if (!(rasr & RASR_ENABLE)) {
            out("ctock:   region %u: unused\n", r);
            continue;
        }
        uint32_t base = c->rbar[r] & ~31u;
        unsigned lg = ((rasr >> 1) & 31u) + 1;
        uint32_t size = lg >= 32 ? 0 : (1u << lg);
        uint32_t srd = (rasr >> 8) & 0xFFu;
        uint32_t lo = base, hi = base + size;
        unsigned on = 8;
        if (size >= 256 && srd) {
            unsigned first = 0, last = 7;
            while (first < 8 && (srd & (1u << first)))
                first++;
            while (last > first && (srd & (1u << last)))
                last--;
            on = last - first + 1;
            lo = base + first * (size / 8);
            hi = base + (last + 1) * (size / 8);
        }
        out("ctock:   region %u: 0x%08x %6u bytes  %s %s  srd 0x%02x (%u/8 on)  user 0x%08x-0x%08x\n",
            r, (unsigned)base, (unsigned)size, ap_text(rasr >> RASR_AP_SHIFT),
            (rasr & RASR_XN) ? "xn" : "x ", (unsigned)srd, on, (unsigned)lo, (unsigned)(hi - 1));
    }
}

bool mpu_add_region(mpu_config_t *c, uint32_t base, uint32_t size)
{
    if (!mpu_region_ok(base, size))
        return false;
    for (unsigned n = 0; n < MPU_REGIONS; n++) {
        if (c->rasr[n] != 0)
            continue;
        c->rbar[n] = base | RBAR_VALID | n;
        c->rasr[n] = RASR_XN | (AP_FULL << RASR_AP_SHIFT) | ATTR_RAM |
                     RASR_SIZE(log2u(size)) | RASR_ENABLE;
        return true;
    }
    return false;
}
