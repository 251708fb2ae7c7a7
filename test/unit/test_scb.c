/*
 * test_scb.c - the System Control Space register view (peripherals/scs.c,
 * scb.c): identification, ICSR, VTOR, AIRCR key and PRIGROUP, SHPR/SHCSR,
 * fault status write-1-to-clear, MPU store, sub-word access, and guest
 * errors for unmodelled offsets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "peripherals/scs.h"

static uint64_t fake_now;
static evq_t q;
static observer_list_t obs;
static int nlogs, resets;
static char last_log[256];
static scs_t s;

static uint64_t now_fn(void *o) { return fake_now; }
static void log_fn(void *ctx, uint64_t c, const char *m)
{
    nlogs++;
    strncpy(last_log, m, sizeof last_log - 1);
}
static const observer_t log_obs = { .guest_log = log_fn };
static const periph_host_t host = { .now = now_fn, .evq = &q, .observers = &obs,
                                    .clock_hz = 48000000 };
static void on_reset(void *ctx) { resets++; }

static int setup(void **state)
{
    evq_init(&q);
    obs.count = 0;
    observers_add(&obs, &log_obs);
    nlogs = resets = 0;
    scs_init(&s, &host);
    s.scb.reset_request = on_reset;
    return 0;
}

static uint32_t rd(uint32_t addr) { return scs_read(&s, addr - SCS_BASE, 4); }
static void wr(uint32_t addr, uint32_t v) { scs_write(&s, addr - SCS_BASE, 4, v); }

static void test_identification(void **state)
{
    assert_int_equal(rd(0xE000ED00), 0x410FC241);
    assert_int_equal(rd(0xE000E004), 1);              /* ICTR: 64 IRQs */
    assert_int_equal(rd(0xE000ED90), 0x00000800);     /* MPU_TYPE: 8 regions */
    assert_int_equal(rd(0xE000ED14), 0x00000200);     /* CCR.STKALIGN */
    assert_int_equal(rd(0xE000ED0C), 0xFA050000);
    assert_int_equal(nlogs, 0);
}

static void test_icsr(void **state)
{
    wr(0xE000ED04, 1u << 28);                          /* PENDSVSET */
    assert_true(s.nvic.pending[EXC_PENDSV]);
    assert_int_equal(rd(0xE000ED04), (1u << 28) | (14u << 12));
    wr(0xE000ED04, 1u << 26);                          /* PENDSTSET */
    assert_int_equal(rd(0xE000ED04) & 0x1FF000, 14u << 12);   /* tie: lower number */
    wr(0xE000ED04, (1u << 27) | (1u << 25));           /* both clear */
    assert_int_equal(rd(0xE000ED04), 0);
    /* VECTACTIVE and RETTOBASE follow the running exception. */
    s.nvic.active[EXC_SVCALL] = true;
    s.nvic.ipsr = EXC_SVCALL;
    assert_int_equal(rd(0xE000ED04), (1u << 11) | 11);
    s.nvic.active[EXC_PENDSV] = true;
    assert_int_equal(rd(0xE000ED04), 11);
    /* ISRPENDING for an external interrupt, even disabled. */
    wr(0xE000E200, 1);
    assert_int_equal(rd(0xE000ED04) & (1u << 22), 1u << 22);
}

static void test_vtor_and_aircr(void **state)
{
    wr(0xE000ED08, 0x0004007F);
    assert_int_equal(rd(0xE000ED08), 0x00040000);      /* bits 6:0 RAZ */
    wr(0xE000ED0C, 0x00000500);                        /* no key: ignored */
    assert_int_equal(s.nvic.prigroup, 0);
    assert_int_equal(nlogs, 1);
    wr(0xE000ED0C, 0x05FA0500);
    assert_int_equal(s.nvic.prigroup, 5);
    assert_int_equal(rd(0xE000ED0C), 0xFA050500);
    assert_int_equal(resets, 0);
    wr(0xE000ED0C, 0x05FA0504);                        /* SYSRESETREQ */
    assert_int_equal(resets, 1);
}

static void test_shpr_and_shcsr(void **state)
{
    wr(0xE000ED1C, 0xFF000000);                        /* SVCall */
    wr(0xE000ED20, 0x4080FFFF);                        /* SysTick, PendSV, DebugMon */
    assert_int_equal(s.nvic.prio[EXC_SVCALL], 0xE0);
    assert_int_equal(s.nvic.prio[EXC_PENDSV], 0x80);
    assert_int_equal(s.nvic.prio[EXC_SYSTICK], 0x40);
    assert_int_equal(rd(0xE000ED20), 0x408000E0);      /* 13 reserved: RAZ */
    scs_write(&s, 0xD18 + 1, 1, 0x60);                 /* byte: BusFault */
    assert_int_equal(rd(0xE000ED18), 0x00006000);
    assert_int_equal(scs_read(&s, 0xD18 + 1, 1), 0x60);
    wr(0xE000ED24, 0x00070000);                        /* enable MemManage/Bus/Usage */
    assert_true(nvic_is_enabled(&s.nvic, EXC_USAGEFAULT));
    s.nvic.active[EXC_SVCALL] = true;
    s.nvic.pending[EXC_BUSFAULT] = true;
    assert_int_equal(rd(0xE000ED24), 0x00070000 | (1u << 7) | (1u << 14));
}

static void test_fault_status_w1c(void **state)
{
    s.scb.cfsr = CFSR_PRECISERR | CFSR_BFARVALID | CFSR_UNDEFINSTR;
    s.scb.hfsr = HFSR_FORCED;
    assert_int_equal(scs_read(&s, 0xD29, 1), 0x82);    /* BFSR byte */
    scs_write(&s, 0xD29, 1, 0x80);                     /* clear BFARVALID */
    assert_int_equal(rd(0xE000ED28), CFSR_PRECISERR | CFSR_UNDEFINSTR);
    scs_write(&s, 0xD2A, 2, 0x0001);                   /* UFSR halfword */
    assert_int_equal(rd(0xE000ED28), CFSR_PRECISERR);
    wr(0xE000ED2C, HFSR_FORCED);
    assert_int_equal(rd(0xE000ED2C), 0);
    wr(0xE000ED38, 0x12345678);
    assert_int_equal(rd(0xE000ED38), 0x12345678);
}

static void test_mpu_store(void **state)
{
    wr(0xE000ED9C, 0x20000000 | 0x10 | 3);             /* RBAR VALID, region 3 */
    assert_int_equal(rd(0xE000ED98), 3);
    wr(0xE000EDA0, 0x0303001F);
    wr(0xE000ED98, 0);
    assert_int_equal(rd(0xE000EDA0), 0);
    wr(0xE000ED98, 3);
    assert_int_equal(rd(0xE000EDA0), 0x0303001F);
    assert_int_equal(rd(0xE000ED9C), 0x20000003);
    wr(0xE000ED94, 5);
    assert_int_equal(s.mpu.ctrl, 5);
}

static void test_unmodelled_offsets_log(void **state)
{
    assert_int_equal(rd(0xE000E500), 0);
    assert_int_equal(nlogs, 1);
    assert_non_null(strstr(last_log, "0xe000e500"));
    wr(0xE000EE00, 1);
    assert_int_equal(nlogs, 2);
    scs_write(&s, 0xD0A, 4, 0);                        /* crosses a word */
    assert_int_equal(nlogs, 3);
}

static void test_nvic_through_scs(void **state)
{
    scs_write(&s, 0x400 + 5, 1, 0xFF);                 /* IPR byte for IRQ5 */
    assert_int_equal(s.nvic.prio[EXC_IRQ0 + 5], 0xE0);
    wr(0xE000EF00, 7);                                 /* STIR */
    assert_true(s.nvic.pending[EXC_IRQ0 + 7]);
    assert_int_equal(rd(0xE000EF00), 0);
    wr(0xE000E010, 5);                                 /* SysTick CSR */
    assert_int_equal(rd(0xE000E010), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_identification, setup),
        cmocka_unit_test_setup(test_icsr, setup),
        cmocka_unit_test_setup(test_vtor_and_aircr, setup),
        cmocka_unit_test_setup(test_shpr_and_shcsr, setup),
        cmocka_unit_test_setup(test_fault_status_w1c, setup),
        cmocka_unit_test_setup(test_mpu_store, setup),
        cmocka_unit_test_setup(test_unmodelled_offsets_log, setup),
        cmocka_unit_test_setup(test_nvic_through_scs, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
