/* test_fpgaio.c - FPGAIO model (LEDs reported to observers with their cycle,
 * buttons, 1 Hz/100 Hz counters, prescaled counter) and the sysctl block. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fake_host.h"
#include "peripherals/fpgaio.h"
#include "peripherals/sysctl.h"

static fake_host_t fh;
static void *io;

static int setup(void **state)
{
    fake_init(&fh, 48000000);
    periph_config_t cfg = {.name = "fpgaio", .base = 0x40028000, .size = 0x1000,
                           .irq = {-1, -1, -1, -1}};
    io = fpgaio_create(&fh.host, &cfg);
    return io ? 0 : -1;
}

static int teardown(void **state)
{
    fpgaio_ops.destroy(io);
    return 0;
}

static uint32_t rd(uint32_t off) { return fpgaio_ops.read(io, off, 4); }
static void wr(uint32_t off, uint32_t v) { fpgaio_ops.write(io, off, 4, v); }

static void test_led_changes_reported_with_time(void **state)
{
    fake_advance(&fh, 1000);
    wr(FPGAIO_LED0, 1);
    fake_advance(&fh, 2000);
    wr(FPGAIO_LED0, 1);          /* no change: no report */
    wr(FPGAIO_LED0, 2);          /* LED0 off, LED1 on */
    fake_advance(&fh, 3000);
    wr(FPGAIO_LED0, 0xFC);       /* only bits 1:0 exist */
    assert_int_equal(rd(FPGAIO_LED0), 0);
    assert_int_equal(fh.nled, 4);
    assert_int_equal(fh.led[0].cycle, 1000);
    assert_int_equal(fh.led[0].a, 0);
    assert_true(fh.led[0].on);
    assert_int_equal(fh.led[1].cycle, 2000);
    assert_int_equal(fh.led[1].a, 0);
    assert_false(fh.led[1].on);
    assert_int_equal(fh.led[2].a, 1);
    assert_true(fh.led[2].on);
    assert_int_equal(fh.led[3].cycle, 3000);
    assert_int_equal(fh.led[3].a, 1);
    assert_false(fh.led[3].on);
}

static void test_buttons(void **state)
{
    assert_int_equal(rd(FPGAIO_BUTTON), 0);
    fpgaio_set_buttons(io, 2);
    assert_int_equal(rd(FPGAIO_BUTTON), 2);
    wr(FPGAIO_BUTTON, 0);        /* read-only: logged, ignored */
    assert_int_equal(rd(FPGAIO_BUTTON), 2);
    assert_int_equal(fh.nlog, 1);
}

static void test_clock_counters(void **state)
{
    fake_advance(&fh, 47999999);
    assert_int_equal(rd(FPGAIO_CLK1HZ), 0);
    assert_int_equal(rd(FPGAIO_CLK100HZ), 99);
    fake_advance(&fh, 48000000);
    assert_int_equal(rd(FPGAIO_CLK1HZ), 1);
    assert_int_equal(rd(FPGAIO_CLK100HZ), 100);
    wr(FPGAIO_CLK1HZ, 7);
    assert_int_equal(rd(FPGAIO_CLK1HZ), 7);
    fake_advance(&fh, 96000000);
    assert_int_equal(rd(FPGAIO_CLK1HZ), 8);
}

static void test_prescaled_counter(void **state)
{
    /* PRESCALE = 0: COUNTER counts CPU cycles. */
    fake_advance(&fh, 100);
    assert_int_equal(rd(FPGAIO_COUNTER), 100);
    assert_int_equal(rd(FPGAIO_PSCNTR), 0);
    /* PRESCALE = 5, PSCNTR = 7: 7 cycles to 0, reload one cycle later and
     * COUNTER increments; then every 6 cycles. */
    wr(FPGAIO_COUNTER, 0);
    wr(FPGAIO_PRESCALE, 5);
    wr(FPGAIO_PSCNTR, 7);
    fake_advance(&fh, 107);
    assert_int_equal(rd(FPGAIO_PSCNTR), 0);
    assert_int_equal(rd(FPGAIO_COUNTER), 0);
    fake_advance(&fh, 108);
    assert_int_equal(rd(FPGAIO_PSCNTR), 5);
    assert_int_equal(rd(FPGAIO_COUNTER), 1);
    fake_advance(&fh, 114);
    assert_int_equal(rd(FPGAIO_COUNTER), 2);
    assert_int_equal(rd(FPGAIO_PSCNTR), 5);
    fake_advance(&fh, 114 + 6000);
    assert_int_equal(rd(FPGAIO_COUNTER), 1002);
    assert_int_equal(rd(FPGAIO_PRESCALE), 5);
}

static void test_misc_and_bad_offset(void **state)
{
    wr(FPGAIO_MISC, 0x55);
    assert_int_equal(rd(FPGAIO_MISC), 0x55);
    assert_int_equal(rd(0x04), 0);
    assert_int_equal(fh.nlog, 2);   /* MISC unmodelled once + bad offset */
}

static void test_sysctl(void **state)
{
    periph_config_t cfg = {.name = "sysctl", .base = 0x40030000, .size = 0x1000,
                           .irq = {-1, -1, -1, -1}};
    fh.host.clock_hz = 16000000;
    void *s = sysctl_create(&fh.host, &cfg);
    assert_non_null(s);
    assert_int_equal(sysctl_ops.read(s, SYSCTL_ID, 4), 0x4354434B);
    assert_int_equal(sysctl_ops.read(s, SYSCTL_CLOCK_HZ, 4), 16000000);
    assert_int_equal(sysctl_ops.read(s, SYSCTL_NODE_ID, 4), 0);      /* single node */
    sysctl_set_node_id(s, 5);
    assert_int_equal(sysctl_ops.read(s, SYSCTL_NODE_ID, 4), 5);
    sysctl_ops.reset(s);
    assert_int_equal(sysctl_ops.read(s, SYSCTL_NODE_ID, 4), 5);      /* names the node */
    assert_false(fh.exited);
    sysctl_ops.write(s, SYSCTL_EXIT, 4, 3);
    assert_true(fh.exited);
    assert_int_equal(fh.exit_status, 3);
    sysctl_ops.write(s, SYSCTL_ID, 4, 0);
    assert_int_equal(fh.nlog, 1);
    sysctl_ops.write(s, SYSCTL_NODE_ID, 4, 9);                      /* read-only */
    assert_int_equal(fh.nlog, 2);
    assert_int_equal(sysctl_ops.read(s, SYSCTL_NODE_ID, 4), 5);
    sysctl_ops.destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_led_changes_reported_with_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_buttons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clock_counters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prescaled_counter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misc_and_bad_offset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sysctl, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
