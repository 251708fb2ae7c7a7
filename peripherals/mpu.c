/*
 * mpu.c - the ARMv7-M PMSAv7 MPU (ARMv7-M ARM B3.5): register window and the
 * access decision, byte-exact, for one address (mpu_check, mpu_perms) or a
 * whole TLB page (mpu_page).
 *
 * Modelled: 8 regions of 2^(SIZE+1) bytes at a size-aligned base, 8
 * subregions (SRD) for regions of 256 bytes and more, AP and XN, priority by
 * region number (the highest enabled region that hits wins; a disabled
 * subregion is no hit, so a lower region or the background shows through),
 * MPU_CTRL ENABLE/HFNMIENA/PRIVDEFENA, the default memory map (MPU off, the
 * PPB, negative priority without HFNMIENA, PRIVDEFENA background) with its
 * execute-never areas, RBAR VALID/REGION and the three register aliases.
 *
 * Not modelled: TEX/S/C/B are stored and read back but change nothing (no
 * caches, no memory types: no UsageFault for unaligned Device accesses, no
 * ordering). Vector table reads always use the default map; that is the
 * caller's business (they do not come through here). Unprivileged PPB
 * accesses fault in the System Control Space, not here.
 *
 * Where the ARM ARM says UNPREDICTABLE, this model does what QEMU 7.2 does
 * (target/arm: get_phys_addr_pmsav7, hw/intc/armv7m_nvic.c), because the
 * differential test compares the two:
 *   - SIZE 0: the region never hits. SIZE 1..3: a region of 4/8/16 bytes.
 *   - A base not aligned to the region size: the region never hits (the
 *     base is not masked).
 *   - SRD is ignored for regions below 256 bytes.
 *   - AP 100 (reserved): no access for anyone; AP 111 behaves as 110.
 *   - HFNMIENA=1 with ENABLE=0: the MPU is off.
 *   - On a region hit only System space (0xE0000000-0xFFFFFFFF) is forced
 *     execute-never; Peripheral and Device space follow the region's XN.
 *     (With no hit, the default map makes all three execute-never.)
 *   - RNR writes >= 8 and RBAR VALID writes with REGION >= 8 are ignored.
 *   - RASR reserved bits read as zero (kept: 0x173FFF3F).
 */
#include "mpu.h"

#include <assert.h>
#include <stddef.h>

#define CTRL_ENABLE     (1u << 0)
#define CTRL_HFNMIENA   (1u << 1)
#define CTRL_PRIVDEFENA (1u << 2)
#define CTRL_MASK       (CTRL_ENABLE | CTRL_HFNMIENA | CTRL_PRIVDEFENA)
#define RBAR_ADDR_MASK  0xFFFFFFE0u
#define RBAR_VALID      (1u << 4)
#define RASR_MASK       0x173FFF3Fu   /* XN AP TEX S C B | SRD SIZE ENABLE */
#define RASR_XN         (1u << 28)
#define MPU_TYPE_VALUE  ((uint32_t)MPU_REGIONS << 8)

#define PERM_RWX (MPU_R | MPU_W | MPU_X)
#define PERM_RX  (MPU_R | MPU_X)

/* AP[2:0] -> permissions before XN (ARMv7-M ARM table B3-15). */
static const uint8_t ap_priv[8] = { 0, PERM_RWX, PERM_RWX, PERM_RWX, 0, PERM_RX, PERM_RX, PERM_RX };
static const uint8_t ap_user[8] = { 0, 0,        PERM_RX,  PERM_RWX, 0, 0,       PERM_RX, PERM_RX };

/* One enabled, well-formed region, decoded from RBAR/RASR. */
typedef struct region {
    uint32_t base;
    uint32_t last;      /* base + size - 1 (0xFFFFFFFF for 4 GiB) */
    unsigned lg;        /* log2(size), 2..32 */
    unsigned srd;       /* SRD, already 0 for regions < 256 bytes */
} region_t;

void mpu_reset(mpu_t *m)
{
    *m = (mpu_t){0};
}

/* ---- register window ---------------------------------------------------- */

uint32_t mpu_read(const mpu_t *m, uint32_t offset)
{
    assert(m->rnr < MPU_REGIONS);
    switch (offset) {
    case 0x00: return MPU_TYPE_VALUE;
    case 0x04: return m->ctrl;
    case 0x08: return m->rnr;
    case 0x0C: case 0x14: case 0x1C: case 0x24:     /* RBAR and aliases */
        return m->rbar[m->rnr];
    case 0x10: case 0x18: case 0x20: case 0x28:     /* RASR and aliases */
        return m->rasr[m->rnr];
    default:
        return 0;
    }
}

static void write_rbar(mpu_t *m, uint32_t v, const char **err)
{
    if (v & RBAR_VALID) {       /* VALID: REGION selects and is written to RNR */
        unsigned r = v & 0xF;
        if (r >= MPU_REGIONS) {
            *err = "mpu: guest error: RBAR.REGION >= 8 (write ignored)";
            return;
        }
        m->rnr = r;
    }
    m->rbar[m->rnr] = (v & RBAR_ADDR_MASK) | m->rnr;   /* VALID reads as 0 */
}

/* Guest mistakes in an enabled region are worth a log line; the region is
 * still stored and treated as QEMU does (see the header comment). */
static const char *rasr_complaint(uint32_t rbar, uint32_t rasr)
{
    unsigned size = (rasr >> 1) & 0x1F;
    if (!(rasr & 1))
        return NULL;
    if (size == 0)
        return "mpu: guest error: RASR.SIZE 0 (region never matches)";
    if (size < 4)
        return "mpu: guest error: RASR.SIZE < 4 is UNPREDICTABLE (region of 2^(SIZE+1) bytes)";
    if ((rbar & RBAR_ADDR_MASK) & (uint32_t)((1ull << (size + 1)) - 1))
        return "mpu: guest error: RBAR.ADDR not aligned to the region size (region never matches)";
    return NULL;
}

void mpu_write(mpu_t *m, uint32_t offset, uint32_t value, const char **guest_error)
{
    const char *dummy = NULL, **err = guest_error ? guest_error : &dummy;
    assert(m->rnr < MPU_REGIONS);
    switch (offset) {
    case 0x00:                                      /* MPU_TYPE is read-only */
        return;
    case 0x04:
        if ((value & (CTRL_ENABLE | CTRL_HFNMIENA)) == CTRL_HFNMIENA)
            *err = "mpu: guest error: MPU_CTRL HFNMIENA without ENABLE is UNPREDICTABLE";
        m->ctrl = value & CTRL_MASK;
        return;
    case 0x08:
        if (value >= MPU_REGIONS)
            *err = "mpu: guest error: MPU_RNR >= 8 (write ignored)";
        else
            m->rnr = value;
        return;
    case 0x0C: case 0x14: case 0x1C: case 0x24:
        write_rbar(m, value, err);
        return;
    case 0x10: case 0x18: case 0x20: case 0x28:
    {
        const char *why;
        m->rasr[m->rnr] = value & RASR_MASK;
        if ((why = rasr_complaint(m->rbar[m->rnr], m->rasr[m->rnr])) != NULL)
            *err = why;
        return;
    }
    default:
        *err = "mpu: guest error: bad offset";
        return;
    }
}

/* ---- decision ----------------------------------------------------------- */

/* Is the MPU in force for this access context? (B3.5.3 MPU_CTRL) */
static bool mpu_on(const mpu_t *m, mpu_ctx_t ctx)
{
    if (!(m->ctrl & CTRL_ENABLE))
        return false;
    return !ctx.hfnmi || (m->ctrl & CTRL_HFNMIENA);
}

/* The PPB, 0xE0000000-0xE00FFFFF, always uses the default map. */
static bool is_ppb(uint32_t addr) { return (addr >> 20) == 0xE00; }

/* System space, 0xE0000000-0xFFFFFFFF, is execute-never whatever maps it. */
static bool is_system(uint32_t addr) { return addr >= 0xE0000000u; }

/* Default memory map (B3.1): all read/write; Peripheral, Device and System
 * space are execute-never. Boundaries are 512 MiB aligned. */
static unsigned default_perms(uint32_t addr)
{
    bool xn = (addr >= 0x40000000u && addr < 0x60000000u) || addr >= 0xA0000000u;
    return xn ? (MPU_R | MPU_W) : PERM_RWX;
}

static unsigned background_perms(const mpu_t *m, uint32_t addr, mpu_ctx_t ctx)
{
    return ctx.privileged && (m->ctrl & CTRL_PRIVDEFENA) ? default_perms(addr) : 0;
}

static unsigned region_perms(uint32_t rasr, uint32_t addr, bool privileged)
{
    unsigned ap = (rasr >> 24) & 7;
    unsigned p = privileged ? ap_priv[ap] : ap_user[ap];
    if ((rasr & RASR_XN) || is_system(addr))
        p &= ~MPU_X;
    return p;
}

/* Decode region n; false if it is disabled or can never hit (QEMU rules). */
static bool region_get(const mpu_t *m, int n, region_t *r)
{
    uint32_t rasr = m->rasr[n];
    unsigned size = (rasr >> 1) & 0x1F;
    uint64_t mask;
    if (!(rasr & 1) || size == 0)
        return false;
    r->lg = size + 1;
    mask = (1ull << r->lg) - 1;
    r->base = m->rbar[n] & RBAR_ADDR_MASK;
    if (r->base & mask)
        return false;
    r->last = (uint32_t)(r->base + mask);
    r->srd = r->lg >= 8 ? (rasr >> 8) & 0xFF : 0;
    return true;
}

/* Subregion index of addr (which must lie in r); 0 for small regions. */
static unsigned subregion_of(const region_t *r, uint32_t addr)
{
    return r->lg >= 8 ? ((addr - r->base) >> (r->lg - 3)) & 7 : 0;
}

static bool region_hits(const region_t *r, uint32_t addr)
{
    if (addr < r->base || addr > r->last)
        return false;
    return !(r->srd & (1u << subregion_of(r, addr)));
}

unsigned mpu_perms(const mpu_t *m, uint32_t addr, mpu_ctx_t ctx)
{
    region_t r;
    if (!mpu_on(m, ctx) || is_ppb(addr))
        return default_perms(addr);
    for (int n = MPU_REGIONS - 1; n >= 0; n--) {
        if (region_get(m, n, &r) && region_hits(&r, addr))
            return region_perms(m->rasr[n], addr, ctx.privileged);
    }
    return background_perms(m, addr, ctx);
}

bool mpu_check(const mpu_t *m, uint32_t addr, unsigned acc, mpu_ctx_t ctx)
{
    assert(acc == MPU_R || acc == MPU_W || acc == MPU_X);
    return (mpu_perms(m, addr, ctx) & acc) != 0;
}

/* ---- whole pages -------------------------------------------------------- */

enum cover { COVER_NONE, COVER_CUT, COVER_ON, COVER_OFF };

/* How region r meets the page [page, last]: not at all, cut by a region or
 * subregion boundary, or wholly inside one run of enabled (ON) or disabled
 * (OFF) subregions. */
static enum cover region_cover(const region_t *r, uint32_t page, uint32_t last)
{
    if (r->last < page || r->base > last)
        return COVER_NONE;
    if (r->base > page || r->last < last)
        return COVER_CUT;
    if (r->lg < 8)
        return COVER_ON;
    /* The page (a power of two, aligned) lies in one subregion or spans
     * 2, 4 or 8 whole ones. */
    uint32_t page_size = last - page + 1, sub_size = 1u << (r->lg - 3);
    unsigned first = subregion_of(r, page);
    unsigned count = page_size > sub_size ? page_size / sub_size : 1;
    unsigned all = (1u << count) - 1;
    unsigned bits = (r->srd >> first) & all;
    return bits == 0 ? COVER_ON : bits == all ? COVER_OFF : COVER_CUT;
}

/* Scan a page that a region cuts. Permissions only change at region and
 * subregion boundaries, so evaluate at the page start and at every boundary
 * inside the page (at most 1 + 8 * 9 lookups). Returns the intersection;
 * *uniform tells whether every piece had the same permissions. */
static unsigned page_scan(const mpu_t *m, uint32_t page, uint32_t last,
                          mpu_ctx_t ctx, bool *uniform)
{
    unsigned all = mpu_perms(m, page, ctx), any = all;
    region_t r;
    for (int n = 0; n < MPU_REGIONS; n++) {
        if (!region_get(m, n, &r) || region_cover(&r, page, last) == COVER_NONE)
            continue;
        uint64_t step = r.lg >= 8 ? 1ull << (r.lg - 3) : 1ull << r.lg;
        for (uint64_t b = r.base; b <= (uint64_t)r.last + 1; b += step) {
            if (b > page && b <= last) {
                unsigned p = mpu_perms(m, (uint32_t)b, ctx);
                all &= p;
                any |= p;
            }
        }
    }
    *uniform = all == any;
    return all;
}

bool mpu_page(const mpu_t *m, uint32_t page, uint32_t page_size, mpu_ctx_t ctx,
              unsigned *perms)
{
    /* Pages are powers of two, aligned, and no larger than the PPB (1 MiB),
     * so the default map is uniform over any page. */
    assert(page_size >= 4 && page_size <= (1u << 20));
    assert((page_size & (page_size - 1)) == 0 && (page & (page_size - 1)) == 0);
    uint32_t last = page + (page_size - 1);
    region_t r;
    if (!mpu_on(m, ctx) || is_ppb(page)) {
        *perms = default_perms(page);
        return true;
    }
    for (int n = MPU_REGIONS - 1; n >= 0; n--) {
        if (!region_get(m, n, &r))
            continue;
        switch (region_cover(&r, page, last)) {
        case COVER_NONE: case COVER_OFF:
            continue;
        case COVER_ON:          /* wins the whole page; lower regions hidden */
            *perms = region_perms(m->rasr[n], page, ctx.privileged);
            return true;
        case COVER_CUT: {       /* e.g. an app break inside a kernel page */
            bool uniform;
            *perms = page_scan(m, page, last, ctx, &uniform);
            return uniform;
        }
        }
    }
    *perms = background_perms(m, page, ctx);
    return true;
}
