/* test_gpio.c - CMSDK AHB GPIO model: DATA/DATAOUT with output enable and
 * host inputs, the masked-access areas, edge and level interrupts with
 * polarity, INTCLEAR, the combined line, pin reports to observers, IDs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fake_host.h"
#include "peripherals/gpio_cmsdk.h"

static fake_host_t fh;
static void *gp;
static int npin;
static struct { unsigned pin; bool output, level; } pins[32];

static void on_pin(void *ctx, uint64_t cycle, const char *periph, unsigned pin, bool output,
                   bool level)
{
    if (npin < 32)
        pins[npin].pin = pin, pins[npin].output = output, pins[npin++].level = level;
}

static observer_t pin_obs = {.pin = on_pin};

static int setup(void **state)
{
    fake_init(&fh, 48000000);
    observers_add(&fh.observers, &pin_obs);
    npin = 0;
    periph_config_t cfg = {.name = "gpio0", .base = 0x40010000, .size = 0x1000,
                           .irq = {6, -1, -1, -1}};
    gp = gpio_cmsdk_create(&fh.host, &cfg);
    return gp ? 0 : -1;
}

static int teardown(void **state)
{
    gpio_cmsdk_ops.destroy(gp);
    return 0;
}

static uint32_t rd(uint32_t off) { return gpio_cmsdk_ops.read(gp, off, 4); }
static void wr(uint32_t off, uint32_t v) { gpio_cmsdk_ops.write(gp, off, 4, v); }

static void test_data_outen_inputs(void **state)
{
    assert_int_equal(rd(GPIO_DATA), 0);
    gpio_cmsdk_set_input(gp, 0, true);
    gpio_cmsdk_set_input(gp, 3, true);
    assert_int_equal(rd(GPIO_DATA), 0x9);
    wr(GPIO_DATA, 0x30);                       /* DATAOUT, not driven yet */
    assert_int_equal(rd(GPIO_DATAOUT), 0x30);
    assert_int_equal(rd(GPIO_DATA), 0x9);
    wr(GPIO_OUTENSET, 0x18);                   /* pin 3: output low now, pin 4 high */
    assert_int_equal(rd(GPIO_OUTENSET), 0x18);
    assert_int_equal(rd(GPIO_DATA), 0x11);
    wr(GPIO_OUTENCLR, 0x08);                   /* pin 3 back to its input */
    assert_int_equal(rd(GPIO_OUTENCLR), 0x10);
    assert_int_equal(rd(GPIO_DATA), 0x19);
    wr(GPIO_DATAOUT, 0xFFFF0000);              /* 16 pins only */
    assert_int_equal(rd(GPIO_DATAOUT), 0);
    /* Reports: in0 high, in3 high, out3 low, out4 high, in3 high, out4 low. */
    assert_int_equal(npin, 6);
    assert_int_equal(pins[2].pin, 3);
    assert_true(pins[2].output);
    assert_false(pins[2].level);
    assert_int_equal(pins[3].pin, 4);
    assert_true(pins[3].level);
    assert_int_equal(pins[4].pin, 3);
    assert_false(pins[4].output);
    assert_int_equal(pins[5].pin, 4);
    assert_false(pins[5].level);
}

static void test_masked_access(void **state)
{
    wr(GPIO_OUTENSET, 0xFFFF);
    wr(GPIO_MASKLOW + (0x05 << 2), 0xFF);      /* pins 0 and 2 only */
    assert_int_equal(rd(GPIO_DATAOUT), 0x05);
    wr(GPIO_MASKHIGH + (0x80 << 2), 0xFFFF);   /* pin 15 only */
    assert_int_equal(rd(GPIO_DATAOUT), 0x8005);
    wr(GPIO_MASKLOW + (0x01 << 2), 0);          /* clear pin 0 */
    assert_int_equal(rd(GPIO_DATAOUT), 0x8004);
    assert_int_equal(rd(GPIO_MASKLOW + (0x0C << 2)), 0x04);
    assert_int_equal(rd(GPIO_MASKHIGH + (0xFF << 2)), 0x8000);
}

static void test_edge_interrupts(void **state)
{
    wr(GPIO_INTTYPESET, 0x3);
    wr(GPIO_INTPOLSET, 0x1);                   /* pin 0 rising, pin 1 falling */
    wr(GPIO_INTENSET, 0x3);
    assert_false(fh.irq[6]);
    gpio_cmsdk_set_input(gp, 1, true);         /* pin 1 rises: wrong edge */
    assert_int_equal(rd(GPIO_INTSTATUS), 0);
    gpio_cmsdk_set_input(gp, 0, true);
    assert_int_equal(rd(GPIO_INTSTATUS), 0x1);
    assert_true(fh.irq[6]);
    gpio_cmsdk_set_input(gp, 0, false);        /* latched: stays */
    assert_int_equal(rd(GPIO_INTSTATUS), 0x1);
    gpio_cmsdk_set_input(gp, 1, false);
    assert_int_equal(rd(GPIO_INTSTATUS), 0x3);
    wr(GPIO_INTCLEAR, 0x1);
    assert_int_equal(rd(GPIO_INTSTATUS), 0x2);
    assert_true(fh.irq[6]);
    wr(GPIO_INTCLEAR, 0x2);
    assert_false(fh.irq[6]);
    gpio_cmsdk_set_input(gp, 0, true);
    wr(GPIO_INTENCLR, 0x1);                    /* disabling drops it */
    assert_int_equal(rd(GPIO_INTSTATUS), 0);
    assert_false(fh.irq[6]);
}

static void test_level_interrupts(void **state)
{
    wr(GPIO_INTPOLSET, 0x4);                   /* pin 2 level high, type level (0) */
    wr(GPIO_INTENSET, 0x4);
    assert_false(fh.irq[6]);
    gpio_cmsdk_set_input(gp, 2, true);
    assert_true(fh.irq[6]);
    wr(GPIO_INTCLEAR, 0x4);                    /* no effect while the level holds */
    assert_int_equal(rd(GPIO_INTSTATUS), 0x4);
    gpio_cmsdk_set_input(gp, 2, false);
    assert_false(fh.irq[6]);
    wr(GPIO_INTPOLCLR, 0x4);                   /* level low: pending at once */
    assert_true(fh.irq[6]);
    assert_int_equal(fh.irq_rises[6], 2);
}

static void test_ids_and_errors(void **state)
{
    fake_advance(&fh, 100);                    /* no events: time alone changes nothing */
    assert_int_equal(rd(GPIO_INTSTATUS), 0);
    assert_int_equal(rd(GPIO_PID4), 0x04);
    assert_int_equal(rd(0xFE0), 0x21);
    assert_int_equal(rd(0xFFC), 0xB1);
    rd(0x040);
    wr(0xFE0, 1);
    assert_int_equal(fh.nlog, 2);
    wr(GPIO_OUTENSET, 1);
    wr(GPIO_DATA, 1);
    gpio_cmsdk_ops.reset(gp);                  /* registers cleared */
    assert_int_equal(rd(GPIO_OUTENSET), 0);
    assert_int_equal(rd(GPIO_DATAOUT), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_data_outen_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_masked_access, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edge_interrupts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_level_interrupts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ids_and_errors, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
