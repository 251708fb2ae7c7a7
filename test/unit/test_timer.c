/* test_timer.c - CMSDK APB timer model: VALUE at given cycles, RELOAD also
 * setting VALUE, tick/interrupt timing, periodic reload (RELOAD + 1),
 * one-shot with RELOAD = 0, frozen while disabled, INTCLEAR, IRQEN gating. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fake_host.h"
#include "peripherals/timer_cmsdk.h"

enum { IRQ = 9 };
#define EN TIMER_CMSDK_CTRL_EN
#define IRQEN TIMER_CMSDK_CTRL_IRQEN

static fake_host_t fh;
static void *tm;

static int setup(void **state)
{
    fake_init(&fh, 48000000);
    periph_config_t cfg = {.name = "timer1", .base = 0x40001000, .size = 0x1000,
                           .irq = {IRQ, -1, -1, -1}};
    tm = timer_cmsdk_create(&fh.host, &cfg);
    return tm ? 0 : -1;
}

static int teardown(void **state)
{
    timer_cmsdk_ops.destroy(tm);
    return 0;
}

static uint32_t rd(uint32_t off) { return timer_cmsdk_ops.read(tm, off, 4); }
static void wr(uint32_t off, uint32_t v) { timer_cmsdk_ops.write(tm, off, 4, v); }

static void test_reset_values_and_ids(void **state)
{
    assert_int_equal(rd(TIMER_CMSDK_CTRL), 0);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 0);
    assert_int_equal(rd(TIMER_CMSDK_RELOAD), 0);
    assert_int_equal(rd(TIMER_CMSDK_INTSTATUS), 0);
    assert_int_equal(rd(0xFE0), 0x22);
    assert_int_equal(rd(0xFFC), 0xb1);
}

static void test_reload_write_sets_value_and_disabled_is_frozen(void **state)
{
    wr(TIMER_CMSDK_RELOAD, 1000);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 1000);
    fake_advance(&fh, 50000);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 1000);
    assert_int_equal(rd(TIMER_CMSDK_RELOAD), 1000);
    assert_int_equal(fh.irq_rises[IRQ], 0);
}

static void test_periodic_ticks(void **state)
{
    wr(TIMER_CMSDK_RELOAD, 1000);
    fake_advance(&fh, 100);
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 400);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 700);
    fake_advance(&fh, 1099);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 1);
    assert_false(fh.irq[IRQ]);
    fake_advance(&fh, 1100);                  /* decrement to 0: the tick */
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 0);
    assert_int_equal(rd(TIMER_CMSDK_INTSTATUS), 1);
    assert_true(fh.irq[IRQ]);
    fake_advance(&fh, 1101);                  /* reload one cycle later */
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 1000);
    wr(TIMER_CMSDK_INTSTATUS, 1);             /* write 1 to clear */
    assert_int_equal(rd(TIMER_CMSDK_INTSTATUS), 0);
    assert_false(fh.irq[IRQ]);
    fake_advance(&fh, 2100);                  /* period is RELOAD + 1 */
    assert_false(fh.irq[IRQ]);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 1);
    fake_advance(&fh, 2101);
    assert_true(fh.irq[IRQ]);
    assert_int_equal(fh.irq_rises[IRQ], 2);
    wr(TIMER_CMSDK_INTSTATUS, 1);
    fake_advance(&fh, 1100 + 10 * 1001);      /* ten periods after the first tick */
    assert_int_equal(fh.irq_rises[IRQ], 3);   /* line stayed high: one rise */
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 0);
}

static void test_intstatus_write_zero_keeps_bit(void **state)
{
    wr(TIMER_CMSDK_RELOAD, 10);
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 10);
    wr(TIMER_CMSDK_INTSTATUS, 0);
    wr(TIMER_CMSDK_INTSTATUS, 2);
    assert_int_equal(rd(TIMER_CMSDK_INTSTATUS), 1);
}

static void test_tick_without_irqen_is_lost(void **state)
{
    wr(TIMER_CMSDK_RELOAD, 100);
    wr(TIMER_CMSDK_CTRL, EN);
    fake_advance(&fh, 150);
    assert_int_equal(rd(TIMER_CMSDK_INTSTATUS), 0);
    assert_false(fh.irq[IRQ]);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 51);   /* 0 at 100, 100 at 101 */
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 201);
    assert_true(fh.irq[IRQ]);
}

static void test_one_shot_with_reload_zero(void **state)
{
    wr(TIMER_CMSDK_VALUE, 50);
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 50);
    assert_true(fh.irq[IRQ]);
    wr(TIMER_CMSDK_INTSTATUS, 1);
    fake_advance(&fh, 100000);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 0);
    assert_false(fh.irq[IRQ]);
    assert_int_equal(evq_next_time(&fh.evq), UINT64_MAX);
}

static void test_disable_freezes_and_enable_resumes(void **state)
{
    wr(TIMER_CMSDK_RELOAD, 1000);
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 300);
    wr(TIMER_CMSDK_CTRL, IRQEN);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 700);
    fake_advance(&fh, 5000);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 700);
    assert_false(fh.irq[IRQ]);
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 5699);
    assert_false(fh.irq[IRQ]);
    fake_advance(&fh, 5700);
    assert_true(fh.irq[IRQ]);
}

static void test_value_write_restarts_count(void **state)
{
    wr(TIMER_CMSDK_RELOAD, 1000);
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 500);
    wr(TIMER_CMSDK_VALUE, 20);
    assert_int_equal(rd(TIMER_CMSDK_RELOAD), 1000);
    fake_advance(&fh, 519);
    assert_false(fh.irq[IRQ]);
    fake_advance(&fh, 520);
    assert_true(fh.irq[IRQ]);
    fake_advance(&fh, 521);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 1000);
}

static void test_value_zero_reloads_without_tick(void **state)
{
    wr(TIMER_CMSDK_RELOAD, 100);
    wr(TIMER_CMSDK_CTRL, EN | IRQEN);
    fake_advance(&fh, 10);
    wr(TIMER_CMSDK_VALUE, 0);
    fake_advance(&fh, 11);
    assert_false(fh.irq[IRQ]);
    assert_int_equal(rd(TIMER_CMSDK_VALUE), 100);
    fake_advance(&fh, 110);
    assert_false(fh.irq[IRQ]);
    fake_advance(&fh, 111);
    assert_true(fh.irq[IRQ]);
}

static void test_bad_offsets_logged(void **state)
{
    assert_int_equal(rd(0x10), 0);
    wr(0x10, 5);
    wr(0xFD0, 5);
    assert_int_equal(fh.nlog, 3);
    wr(TIMER_CMSDK_CTRL, EN | TIMER_CMSDK_CTRL_EXTCLK);   /* unmodelled: logged */
    assert_int_equal(fh.nlog, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reset_values_and_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reload_write_sets_value_and_disabled_is_frozen,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_periodic_ticks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_intstatus_write_zero_keeps_bit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tick_without_irqen_is_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_shot_with_reload_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disable_freezes_and_enable_resumes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_write_restarts_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_value_zero_reloads_without_tick, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_offsets_logged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
