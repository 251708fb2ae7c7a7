/*
 * test_mpu.c - the PMSAv7 MPU model (peripherals/mpu.c) without a CPU:
 * register window (aliases, RNR and RBAR VALID/REGION, reserved bits), region
 * sizes and alignment, every AP value, XN, subregions at byte-exact
 * boundaries, overlap priority, PRIVDEFENA, HFNMIENA, the default map, the
 * page summary (mpu_page) and a seeded property test that mpu_page agrees
 * with mpu_check everywhere in sampled pages. Also the SCS forwarding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "peripherals/mpu.h"
#include "peripherals/scs.h"

#define RWX (MPU_R | MPU_W | MPU_X)
#define RW (MPU_R | MPU_W)
#define RX (MPU_R | MPU_X)

#define O_TYPE 0x00
#define O_CTRL 0x04
#define O_RNR 0x08
#define O_RBAR 0x0C
#define O_RASR 0x10

static const mpu_ctx_t PRIV = { .privileged = true };
static const mpu_ctx_t USER = { .privileged = false };
static const mpu_ctx_t HFNMI = { .privileged = true, .hfnmi = true };

/* RASR value: AP, XN, SRD, SIZE field, ENABLE. */
static uint32_t rasr(unsigned ap, bool xn, unsigned srd, unsigned size)
{
    return (xn ? 1u << 28 : 0) | (ap << 24) | (srd << 8) | (size << 1) | 1;
}

/* log2(bytes) -> SIZE field */
static unsigned sz(unsigned lg) { return lg - 1; }

static void region(mpu_t *m, unsigned n, uint32_t base, uint32_t rasr_v)
{
    const char *err = NULL;
    mpu_write(m, O_RBAR, base | 0x10 | n, &err);
    mpu_write(m, O_RASR, rasr_v, &err);
}

static mpu_t fresh(uint32_t ctrl)
{
    mpu_t m;
    mpu_reset(&m);
    mpu_write(&m, O_CTRL, ctrl, NULL);
    return m;
}

/* ---- register window ---- */

static void test_reset_and_type(void **state)
{
    mpu_t m;
    memset(&m, 0xA5, sizeof m);
    m.rnr = 3;
    mpu_reset(&m);
    assert_int_equal(mpu_read(&m, O_TYPE), 0x800);
    for (uint32_t off = 0x04; off < MPU_WINDOW_SIZE; off += 4)
        assert_int_equal(mpu_read(&m, off), 0);
    const char *err = NULL;
    mpu_write(&m, O_TYPE, 0xFFFFFFFF, &err);            /* read-only */
    assert_int_equal(mpu_read(&m, O_TYPE), 0x800);
    assert_null(err);
}

static void test_ctrl(void **state)
{
    mpu_t m = fresh(0);
    const char *err = NULL;
    mpu_write(&m, O_CTRL, 0xFFFFFFFF, &err);
    assert_int_equal(mpu_read(&m, O_CTRL), 7);
    assert_null(err);
    mpu_write(&m, O_CTRL, 2, &err);                      /* HFNMIENA, !ENABLE */
    assert_non_null(err);
    assert_int_equal(mpu_read(&m, O_CTRL), 2);           /* stored anyway */
}

static void test_rnr_out_of_range(void **state)
{
    mpu_t m = fresh(0);
    const char *err = NULL;
    mpu_write(&m, O_RNR, 5, &err);
    assert_null(err);
    assert_int_equal(mpu_read(&m, O_RNR), 5);
    mpu_write(&m, O_RNR, 8, &err);
    assert_non_null(err);
    assert_int_equal(mpu_read(&m, O_RNR), 5);            /* unchanged */
    err = NULL;
    mpu_write(&m, O_RNR, 0x105, &err);                   /* QEMU compares all bits */
    assert_non_null(err);
    assert_int_equal(mpu_read(&m, O_RNR), 5);
}

static void test_rbar_valid_region_and_aliases(void **state)
{
    mpu_t m = fresh(0);
    const char *err = NULL;
    mpu_write(&m, O_RBAR, 0x20000000 | 0x10 | 6, &err);  /* VALID, region 6 */
    assert_int_equal(mpu_read(&m, O_RNR), 6);
    assert_int_equal(mpu_read(&m, O_RBAR), 0x20000006);  /* VALID reads 0 */
    mpu_write(&m, O_RBAR, 0x30000000 | 2, &err);         /* VALID=0: REGION ignored */
    assert_int_equal(mpu_read(&m, O_RNR), 6);
    assert_int_equal(mpu_read(&m, O_RBAR), 0x30000006);
    mpu_write(&m, O_RBAR, 0x3000001F, &err);             /* VALID, REGION 15 >= 8 */
    assert_non_null(err);
    assert_int_equal(mpu_read(&m, O_RNR), 6);
    assert_int_equal(mpu_read(&m, O_RBAR), 0x30000006);
    for (uint32_t a = 0; a < 4; a++) {                   /* aliases 0..3 */
        mpu_write(&m, O_RBAR + 8 * a, 0x40000000 + 0x100 * a + 0x10 + a, NULL);
        assert_int_equal(mpu_read(&m, O_RNR), a);
        mpu_write(&m, O_RASR + 8 * a, 0x0300000B + (a << 8), NULL);
    }
    for (uint32_t a = 0; a < 4; a++) {
        mpu_write(&m, O_RNR, a, NULL);
        for (uint32_t alias = 0; alias < 4; alias++) {   /* any alias reads RNR's */
            assert_int_equal(mpu_read(&m, O_RBAR + 8 * alias), 0x40000000 + 0x100 * a + a);
            assert_int_equal(mpu_read(&m, O_RASR + 8 * alias), 0x0300000B + (a << 8));
        }
    }
    assert_int_equal(m.rbar[2], 0x40000202);
}

static void test_rasr_reserved_bits(void **state)
{
    mpu_t m = fresh(0);
    mpu_write(&m, O_RNR, 1, NULL);
    mpu_write(&m, O_RASR, 0xFFFFFFFE, NULL);             /* ENABLE off: no complaint */
    assert_int_equal(mpu_read(&m, O_RASR), 0x173FFF3E);  /* as QEMU: 0x173F << 16 | 0xFF3F */
    mpu_write(&m, O_RASR, 0x12345678, NULL);
    assert_int_equal(mpu_read(&m, O_RASR), 0x12345638);
}

static void test_rasr_complaints(void **state)
{
    mpu_t m = fresh(1);
    const char *err = NULL;
    region(&m, 0, 0x20000100, rasr(3, false, 0, sz(8)));  /* 256 B, aligned */
    mpu_write(&m, O_RBAR, 0x20000000 | 0x10 | 0, &err);
    assert_null(err);
    mpu_write(&m, O_RASR, rasr(3, false, 0, 0), &err);    /* SIZE 0 */
    assert_non_null(err);
    err = NULL;
    mpu_write(&m, O_RASR, rasr(3, false, 0, 2), &err);    /* SIZE < 4 */
    assert_non_null(err);
    err = NULL;
    mpu_write(&m, O_RBAR, 0x20000020 | 0x10 | 0, &err);
    mpu_write(&m, O_RASR, rasr(3, false, 0, sz(8)), &err); /* misaligned */
    assert_non_null(err);
    err = NULL;
    mpu_write(&m, O_RASR, rasr(3, false, 0, sz(8)) & ~1u, &err); /* disabled: fine */
    assert_null(err);
}

/* ---- access decision ---- */

static void test_disabled_default_map(void **state)
{
    mpu_t m = fresh(0);
    region(&m, 0, 0, rasr(0, true, 0, 31));              /* ignored: MPU off */
    static const struct { uint32_t a; unsigned p; } cases[] = {
        { 0x00000000, RWX }, { 0x1FFFFFFF, RWX }, { 0x20000000, RWX }, { 0x3FFFFFFF, RWX },
        { 0x40000000, RW }, { 0x5FFFFFFF, RW }, { 0x60000000, RWX }, { 0x9FFFFFFF, RWX },
        { 0xA0000000, RW }, { 0xDFFFFFFF, RW }, { 0xE0000000, RW }, { 0xE000ED90, RW },
        { 0xFFFFFFFF, RW },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(mpu_perms(&m, cases[i].a, USER), cases[i].p);
        assert_int_equal(mpu_perms(&m, cases[i].a, PRIV), cases[i].p);
        assert_int_equal(mpu_check(&m, cases[i].a, MPU_X, USER), (cases[i].p & MPU_X) != 0);
        assert_true(mpu_check(&m, cases[i].a, MPU_W, USER));
    }
}

static void test_region_sizes(void **state)
{
    for (unsigned lg = 5; lg <= 32; lg++) {
        mpu_t m = fresh(1);
        uint32_t base = (uint32_t)(0x20000000ull & ~((1ull << lg) - 1));
        uint32_t last = (uint32_t)(base + ((1ull << lg) - 1));
        region(&m, 3, base, rasr(3, false, 0, sz(lg)));
        assert_true(mpu_check(&m, base, MPU_R, USER));
        assert_true(mpu_check(&m, last, MPU_W, USER));
        if (base > 0)
            assert_false(mpu_check(&m, base - 1, MPU_R, USER));
        if (last < 0xFFFFFFFFu)
            assert_false(mpu_check(&m, last + 1, MPU_R, USER));
    }
}

static void test_tiny_sizes_as_qemu(void **state)
{
    /* SIZE 1..3 are UNPREDICTABLE; QEMU makes regions of 4, 8, 16 bytes. */
    for (unsigned size = 1; size <= 3; size++) {
        mpu_t m = fresh(1);
        region(&m, 0, 0x20000040, rasr(3, false, 0, size));
        uint32_t bytes = 1u << (size + 1);
        assert_true(mpu_check(&m, 0x20000040, MPU_R, USER));
        assert_true(mpu_check(&m, 0x20000040 + bytes - 1, MPU_R, USER));
        assert_false(mpu_check(&m, 0x20000040 + bytes, MPU_R, USER));
        assert_false(mpu_check(&m, 0x2000003F, MPU_R, USER));
    }
    mpu_t m = fresh(1);                                   /* SIZE 0: never */
    region(&m, 0, 0x20000000, rasr(3, false, 0, 0));
    assert_false(mpu_check(&m, 0x20000000, MPU_R, USER));
}

static void test_misaligned_base_never_hits(void **state)
{
    mpu_t m = fresh(1);
    region(&m, 0, 0x20000020, rasr(3, false, 0, sz(8)));  /* 256 B at +0x20 */
    for (uint32_t a = 0x20000000; a < 0x20000200; a += 0x10)
        assert_int_equal(mpu_perms(&m, a, USER), 0);
    region(&m, 0, 0x20000100, rasr(3, false, 0, sz(8)));  /* now aligned */
    assert_int_equal(mpu_perms(&m, 0x20000100, USER), RWX);
}

static void test_every_ap(void **state)
{
    /* AP -> {privileged, unprivileged} permissions (before XN). */
    static const unsigned want[8][2] = {
        { 0, 0 }, { RWX, 0 }, { RWX, RX }, { RWX, RWX },
        { 0, 0 }, { RX, 0 }, { RX, RX }, { RX, RX },
    };
    for (unsigned ap = 0; ap < 8; ap++) {
        for (int xn = 0; xn < 2; xn++) {
            mpu_t m = fresh(1);
            region(&m, 2, 0x20000000, rasr(ap, xn, 0, sz(10)));
            for (int priv = 0; priv < 2; priv++) {
                mpu_ctx_t c = priv ? PRIV : USER;
                unsigned p = want[ap][priv ? 0 : 1] & (xn ? ~MPU_X : ~0u);
                assert_int_equal(mpu_perms(&m, 0x20000000, c), p);
                assert_int_equal(mpu_check(&m, 0x200003FF, MPU_R, c), !!(p & MPU_R));
                assert_int_equal(mpu_check(&m, 0x20000200, MPU_W, c), !!(p & MPU_W));
                assert_int_equal(mpu_check(&m, 0x20000004, MPU_X, c), !!(p & MPU_X));
            }
        }
    }
}

static void test_xn_areas_under_regions(void **state)
{
    /* A full-access region over Peripheral, Device and System space: only
     * System space stays execute-never (QEMU's rule). */
    mpu_t m = fresh(1);
    region(&m, 7, 0, rasr(3, false, 0, 31));              /* 4 GiB, RWX */
    assert_true(mpu_check(&m, 0x40000000, MPU_X, USER));
    assert_true(mpu_check(&m, 0xA0000000, MPU_X, USER));
    assert_true(mpu_check(&m, 0xDFFFFFFC, MPU_X, USER));
    assert_false(mpu_check(&m, 0xE0000000 + 0x100000, MPU_X, PRIV));
    assert_false(mpu_check(&m, 0xFFFFFFFE, MPU_X, USER));
    assert_true(mpu_check(&m, 0xFFFFFFFE, MPU_W, USER));
}

static void test_ppb_always_default_map(void **state)
{
    mpu_t m = fresh(1);                                   /* no regions, no PRIVDEFENA */
    assert_int_equal(mpu_perms(&m, 0xE000ED00, USER), RW);
    assert_int_equal(mpu_perms(&m, 0xE00FFFFF, PRIV), RW);
    assert_int_equal(mpu_perms(&m, 0xE0100000, PRIV), 0);  /* just past the PPB */
    assert_int_equal(mpu_perms(&m, 0xDFFFFFFF, PRIV), 0);
    region(&m, 0, 0xE0000000, rasr(0, true, 0, sz(29)));  /* no access over System */
    assert_int_equal(mpu_perms(&m, 0xE000E100, USER), RW);
    assert_int_equal(mpu_perms(&m, 0xE0100000, PRIV), 0);
}

/* Region of 256 << k bytes at 0x20000000, subregions 1 and 6 disabled. */
static void test_subregions_byte_exact(void **state)
{
    for (unsigned lg = 8; lg <= 16; lg++) {
        mpu_t m = fresh(1);
        uint32_t base = 0x20000000, sub = 1u << (lg - 3);
        region(&m, 4, base, rasr(3, false, 0x42, sz(lg)));
        for (unsigned i = 0; i < 8; i++) {
            bool on = i != 1 && i != 6;
            uint32_t a = base + i * sub, e = a + sub;
            assert_int_equal(mpu_check(&m, a, MPU_R, USER), on);
            assert_int_equal(mpu_check(&m, e - 1, MPU_R, USER), on);
            if (i > 0) {
                bool prev = i - 1 != 1 && i - 1 != 6;
                assert_int_equal(mpu_check(&m, a - 1, MPU_R, USER), prev);
            }
        }
        assert_false(mpu_check(&m, base - 1, MPU_R, USER));
        assert_false(mpu_check(&m, base + 8 * sub, MPU_R, USER));
    }
}

static void test_srd_ignored_below_256(void **state)
{
    for (unsigned lg = 5; lg <= 7; lg++) {
        mpu_t m = fresh(1);
        region(&m, 0, 0x20000000, rasr(3, false, 0xFF, sz(lg)));
        for (uint32_t a = 0x20000000; a < 0x20000000 + (1u << lg); a++)
            assert_true(mpu_check(&m, a, MPU_W, USER));
    }
}

static void test_disabled_subregion_shows_lower_region(void **state)
{
    mpu_t m = fresh(1 | 4);
    region(&m, 1, 0x20000000, rasr(6, false, 0, sz(12)));    /* 4 KiB RO */
    region(&m, 5, 0x20000000, rasr(3, false, 0x10, sz(11))); /* 2 KiB RW, sub 4 off */
    assert_true(mpu_check(&m, 0x200003FF, MPU_W, USER));
    assert_false(mpu_check(&m, 0x20000400, MPU_W, USER));    /* sub 4 of region 5 */
    assert_true(mpu_check(&m, 0x20000400, MPU_R, USER));     /* region 1 shows */
    assert_false(mpu_check(&m, 0x200004FF, MPU_W, USER));
    assert_true(mpu_check(&m, 0x20000500, MPU_W, USER));
    assert_false(mpu_check(&m, 0x20000800, MPU_W, USER));    /* past region 5 */
    assert_true(mpu_check(&m, 0x20000800, MPU_R, USER));
    region(&m, 1, 0x20000000, rasr(6, false, 0, sz(12)) & ~1u);  /* region 1 off */
    assert_false(mpu_check(&m, 0x20000400, MPU_R, USER));    /* no background */
    assert_true(mpu_check(&m, 0x20000400, MPU_W, PRIV));     /* PRIVDEFENA */
}

static void test_overlap_priority(void **state)
{
    mpu_t m = fresh(1);
    region(&m, 2, 0x20000000, rasr(3, false, 0, sz(16)));    /* 64 KiB RW */
    region(&m, 6, 0x20001000, rasr(0, false, 0, sz(5)));     /* 32 B no access */
    assert_true(mpu_check(&m, 0x20000FFF, MPU_W, USER));
    assert_false(mpu_check(&m, 0x20001000, MPU_R, USER));
    assert_false(mpu_check(&m, 0x2000101F, MPU_R, PRIV));
    assert_true(mpu_check(&m, 0x20001020, MPU_W, USER));
    /* Swap numbers: the big region now wins everywhere. */
    m = fresh(1);
    region(&m, 6, 0x20000000, rasr(3, false, 0, sz(16)));
    region(&m, 2, 0x20001000, rasr(0, false, 0, sz(5)));
    assert_true(mpu_check(&m, 0x20001000, MPU_W, USER));
}

static void test_privdefena(void **state)
{
    mpu_t m = fresh(1);
    region(&m, 0, 0x00000000, rasr(6, false, 0, sz(18)));    /* flash RO */
    assert_false(mpu_check(&m, 0x20000000, MPU_R, PRIV));
    assert_false(mpu_check(&m, 0x20000000, MPU_R, USER));
    mpu_write(&m, O_CTRL, 1 | 4, NULL);
    assert_true(mpu_check(&m, 0x20000000, MPU_W, PRIV));
    assert_true(mpu_check(&m, 0x20000000, MPU_X, PRIV));
    assert_false(mpu_check(&m, 0x40000000, MPU_X, PRIV));    /* default map XN */
    assert_false(mpu_check(&m, 0xA0000000, MPU_X, PRIV));
    assert_false(mpu_check(&m, 0x20000000, MPU_R, USER));    /* never for user */
    assert_false(mpu_check(&m, 0x00000000, MPU_W, PRIV));    /* region, not background */
}

static void test_hfnmiena(void **state)
{
    mpu_t m = fresh(1);                                       /* ENABLE only */
    region(&m, 0, 0x20000000, rasr(0, true, 0, sz(16)));      /* no access */
    assert_false(mpu_check(&m, 0x20000000, MPU_R, PRIV));
    assert_true(mpu_check(&m, 0x20000000, MPU_W, HFNMI));     /* MPU off at prio < 0 */
    assert_true(mpu_check(&m, 0x20000000, MPU_X, HFNMI));
    assert_true(mpu_check(&m, 0x30000000, MPU_R, HFNMI));
    mpu_write(&m, O_CTRL, 1 | 2, NULL);                       /* HFNMIENA */
    assert_false(mpu_check(&m, 0x20000000, MPU_R, HFNMI));
    assert_false(mpu_check(&m, 0x30000000, MPU_R, HFNMI));    /* no background */
    mpu_write(&m, O_CTRL, 2, NULL);                           /* HFNMIENA alone: off */
    assert_true(mpu_check(&m, 0x20000000, MPU_R, HFNMI));
    assert_true(mpu_check(&m, 0x20000000, MPU_R, USER));
}

/* ---- pages ---- */

static void page_is(const mpu_t *m, uint32_t page, mpu_ctx_t c, bool uniform, unsigned perms)
{
    unsigned p = 0xFF;
    assert_int_equal(mpu_page(m, page, 1024, c, &p), uniform);
    assert_int_equal(p, perms);
}

static void test_page_uniform_and_cut(void **state)
{
    mpu_t m = fresh(1);
    page_is(&m, 0x20000000, USER, true, 0);                  /* background fault */
    page_is(&m, 0xE000E000, USER, true, RW);                 /* PPB */
    region(&m, 0, 0x20000000, rasr(3, false, 0, sz(12)));    /* 4 KiB */
    page_is(&m, 0x20000000, USER, true, RWX);
    page_is(&m, 0x20000C00, USER, true, RWX);
    page_is(&m, 0x20001000, USER, true, 0);
    page_is(&m, 0x1FFFFC00, USER, true, 0);
    /* A 32-byte no-access region in the middle of a page. */
    region(&m, 1, 0x20000460, rasr(0, false, 0, sz(5)));
    page_is(&m, 0x20000400, USER, false, 0);
    page_is(&m, 0x20000000, USER, true, RWX);
    page_is(&m, 0x20000800, USER, true, RWX);
    /* The same region under the big one (lower number) does not cut. */
    m = fresh(1);
    region(&m, 1, 0x20000000, rasr(3, false, 0, sz(12)));
    region(&m, 0, 0x20000460, rasr(0, false, 0, sz(5)));
    page_is(&m, 0x20000400, USER, true, RWX);
    /* A read-only 512-byte region over the top half of a RW page. */
    m = fresh(1);
    region(&m, 0, 0x20000000, rasr(3, false, 0, sz(12)));
    region(&m, 1, 0x20000600, rasr(6, true, 0, sz(9)));
    page_is(&m, 0x20000400, USER, false, MPU_R);
    page_is(&m, 0x20000400, PRIV, false, MPU_R);
}

static void test_page_subregions(void **state)
{
    mpu_t m = fresh(1);
    /* 2 KiB region: 256-byte subregions, 4 per page. */
    region(&m, 0, 0x20000000, rasr(3, false, 0xF0, sz(11)));
    page_is(&m, 0x20000000, USER, true, RWX);                /* subs 0-3 on */
    page_is(&m, 0x20000400, USER, true, 0);                  /* subs 4-7 off */
    region(&m, 0, 0x20000000, rasr(3, false, 0x20, sz(11)));
    page_is(&m, 0x20000400, USER, false, 0);                 /* sub 5 off only */
    /* 64 KiB region: 8 KiB subregions, a page inside one subregion. */
    region(&m, 0, 0x20000000, rasr(3, false, 0x02, sz(16)));
    page_is(&m, 0x20000000, USER, true, RWX);
    page_is(&m, 0x20002000, USER, true, 0);
    page_is(&m, 0x20003C00, USER, true, 0);
    page_is(&m, 0x20004000, USER, true, RWX);
    /* 256-byte region with 32-byte subregions inside a page. */
    m = fresh(1 | 4);
    region(&m, 0, 0x20000100, rasr(3, false, 0x01, sz(8)));
    page_is(&m, 0x20000000, PRIV, true, RWX);                /* priv: same everywhere */
    page_is(&m, 0x20000000, USER, false, 0);                 /* user: cut */
    /* Cut by a boundary but equal on both sides: uniform. */
    m = fresh(1);
    region(&m, 0, 0x20000000, rasr(3, false, 0, sz(12)));
    region(&m, 1, 0x20000500, rasr(3, false, 0, sz(8)));
    page_is(&m, 0x20000400, USER, true, RWX);
    region(&m, 1, 0x20000500, rasr(3, true, 0, sz(8)));      /* XN: now differs */
    page_is(&m, 0x20000400, USER, false, RW);
}

static void test_page_four_gib_and_hfnmi(void **state)
{
    mpu_t m = fresh(1);
    region(&m, 0, 0, rasr(2, false, 0, 31));                 /* 4 GiB, user RO */
    page_is(&m, 0x00000000, USER, true, RX);
    page_is(&m, 0xFFFFFC00, USER, true, MPU_R);              /* System: XN */
    page_is(&m, 0x40000000, USER, true, RX);
    page_is(&m, 0xE0000000, USER, true, RW);                 /* PPB: default map */
    region(&m, 0, 0, rasr(2, false, 0x80, 31));              /* 0xE0000000+ off */
    page_is(&m, 0xE0100000, USER, true, 0);
    page_is(&m, 0xDFFFFC00, USER, true, RX);
    page_is(&m, 0x20000000, HFNMI, true, RWX);               /* MPU off at prio < 0 */
    page_is(&m, 0x40000000, HFNMI, true, RW);
}

/* ---- property: mpu_page agrees with mpu_check ---- */

static uint64_t rng_state;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static void random_config(mpu_t *m)
{
    static const uint32_t homes[] = { 0x00000000, 0x20000000, 0x40000000, 0xE0000000, 0xFFFF0000 };
    mpu_reset(m);
    mpu_write(m, O_CTRL, (rnd() & 6) | (rnd() % 8 != 0), NULL);   /* mostly on */
    for (unsigned n = 0; n < MPU_REGIONS; n++) {
        unsigned size = rnd() % 4 == 0 ? rnd() % 32 : 4 + rnd() % 12;  /* mostly small */
        uint32_t home = homes[rnd() % 5] + (rnd() % 0x4000);
        uint32_t base = home & ~0x1Fu;
        if (size > 0 && rnd() % 8)                          /* mostly aligned */
            base &= (uint32_t)~((1ull << (size + 1)) - 1);
        uint32_t r = (rnd() & 0x173FFF00u) | (size << 1) | (rnd() % 4 != 0);
        region(m, n, base, r);
    }
}

static void check_page(const mpu_t *m, uint32_t page, uint32_t psize, mpu_ctx_t c, int *cut)
{
    unsigned p, all = RWX;
    bool same = true, uniform = mpu_page(m, page, psize, c, &p);
    unsigned first = mpu_perms(m, page, c);
    /* Boundaries are multiples of 4 (base 32-aligned, regions >= 4 bytes):
     * check both ends of every 4-byte unit, with mpu_check per access kind. */
    for (uint32_t off = 0; off < psize; off += 2) {
        uint32_t a = page + off + (off & 2 ? 1 : 0);
        unsigned here = (mpu_check(m, a, MPU_R, c) ? MPU_R : 0) |
                        (mpu_check(m, a, MPU_W, c) ? MPU_W : 0) |
                        (mpu_check(m, a, MPU_X, c) ? MPU_X : 0);
        if (uniform && here != p)
            fail_msg("page 0x%08x uniform 0x%x but 0x%08x has 0x%x", page, p, a, here);
        all &= here;
        same = same && here == first;
    }
    assert_int_equal(p, all);                                /* intersection */
    assert_int_equal(uniform, same);                         /* exact answer */
    if (!uniform)
        (*cut)++;
}

static void test_property_page_vs_check(void **state)
{
    static const uint32_t homes[] = { 0x00000000, 0x20000000, 0x40000000, 0xE0000000, 0xFFFF0000 };
    int cut = 0, pages = 0;
    rng_state = 0x9E3779B97F4A7C15ull;
    for (int cfg = 0; cfg < 2000; cfg++) {
        mpu_t m;
        random_config(&m);
        mpu_ctx_t c = { .privileged = rnd() & 1, .hfnmi = (rnd() % 8) == 0 };
        for (int i = 0; i < 12; i++, pages++) {
            unsigned n = rnd() % MPU_REGIONS;
            uint64_t end = (m.rbar[n] & ~0x1Fu) + (2ull << ((m.rasr[n] >> 1) & 0x1F));
            uint32_t psize = i == 11 ? 4096 : i == 10 ? 256 : 1024;  /* Unicorn: 1 KiB */
            uint32_t page = homes[rnd() % 5] + (rnd() % 0x5000);
            if (i % 3 == 0)                                  /* where a region starts */
                page = m.rbar[n];
            else if (i % 3 == 1)                             /* ... or ends */
                page = (uint32_t)end;
            check_page(&m, page & ~(psize - 1), psize, c, &cut);
        }
    }
    print_message("property: %d pages, %d cut\n", pages, cut);
    /* The generator must exercise both answers. */
    assert_true(cut > pages / 20);
    assert_true(cut < pages - pages / 20);
}

/* ---- through the System Control Space ---- */

static int nlogs;
static char last_log[256];
static uint64_t now_fn(void *o) { return 0; }
static void log_fn(void *ctx, uint64_t c, const char *msg)
{
    nlogs++;
    strncpy(last_log, msg, sizeof last_log - 1);
}

static void test_scs_forwarding(void **state)
{
    static evq_t q;
    static observer_list_t obs;
    static const observer_t log_obs = { .guest_log = log_fn };
    static scs_t s;
    const periph_host_t host = { .now = now_fn, .evq = &q, .observers = &obs,
                                 .clock_hz = 48000000 };
    evq_init(&q);
    obs.count = 0;
    observers_add(&obs, &log_obs);
    nlogs = 0;
    scs_init(&s, &host);
    assert_int_equal(scs_read(&s, 0xD90, 4), 0x800);
    scs_write(&s, 0xDAC, 4, 0x20000000 | 0x10 | 5);          /* RBAR_A2, VALID, region 5 */
    scs_write(&s, 0xDB0, 4, rasr(3, false, 0, sz(10)));      /* RASR_A2 */
    scs_write(&s, 0xD94, 4, 1);
    assert_int_equal(nlogs, 0);
    assert_int_equal(scs_read(&s, 0xD98, 4), 5);
    assert_true(mpu_check(&s.mpu, 0x200003FF, MPU_W, USER));
    assert_false(mpu_check(&s.mpu, 0x20000400, MPU_R, USER));
    scs_write(&s, 0xD98, 4, 9);                              /* RNR >= 8 */
    assert_int_equal(nlogs, 1);
    assert_non_null(strstr(last_log, "RNR"));
    assert_non_null(strstr(last_log, "0xe000ed98"));
    assert_int_equal(scs_read(&s, 0xD98, 4), 5);
    scs_write(&s, 0xD9F, 1, 0x30);                           /* RBAR top byte */
    assert_int_equal(scs_read(&s, 0xD9C, 4), 0x30000005);
    assert_int_equal(scs_read(&s, 0xD98, 4), 5);
    scs_reset(&s);
    assert_int_equal(scs_read(&s, 0xD94, 4), 0);
    assert_int_equal(s.mpu.rasr[5], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reset_and_type),
        cmocka_unit_test(test_ctrl),
        cmocka_unit_test(test_rnr_out_of_range),
        cmocka_unit_test(test_rbar_valid_region_and_aliases),
        cmocka_unit_test(test_rasr_reserved_bits),
        cmocka_unit_test(test_rasr_complaints),
        cmocka_unit_test(test_disabled_default_map),
        cmocka_unit_test(test_region_sizes),
        cmocka_unit_test(test_tiny_sizes_as_qemu),
        cmocka_unit_test(test_misaligned_base_never_hits),
        cmocka_unit_test(test_every_ap),
        cmocka_unit_test(test_xn_areas_under_regions),
        cmocka_unit_test(test_ppb_always_default_map),
        cmocka_unit_test(test_subregions_byte_exact),
        cmocka_unit_test(test_srd_ignored_below_256),
        cmocka_unit_test(test_disabled_subregion_shows_lower_region),
        cmocka_unit_test(test_overlap_priority),
        cmocka_unit_test(test_privdefena),
        cmocka_unit_test(test_hfnmiena),
        cmocka_unit_test(test_page_uniform_and_cut),
        cmocka_unit_test(test_page_subregions),
        cmocka_unit_test(test_page_four_gib_and_hfnmi),
        cmocka_unit_test(test_property_page_vs_check),
        cmocka_unit_test(test_scs_forwarding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
