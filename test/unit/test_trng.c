/* test_trng.c - ctock TRNG model: words become READY one word time after
 * EN (and after each DATA read), the IRQ follows READY && IE, reads of DATA
 * clear READY, the stream follows the seed and survives a reset. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fake_host.h"
#include "peripherals/trng.h"

#define HZ 48000000u
#define RATE (HZ / 100000u)   /* 10 us */

static fake_host_t fh;
static void *rng;

static int setup(void **state)
{
    fake_init(&fh, HZ);
    periph_config_t cfg = {.name = "trng0", .base = 0x40031000, .size = 0x1000,
                           .irq = {3, -1, -1, -1}};
    rng = trng_create(&fh.host, &cfg);
    return rng ? 0 : -1;
}

static int teardown(void **state)
{
    trng_ops.destroy(rng);
    return 0;
}

static uint32_t rd(uint32_t off) { return trng_ops.read(rng, off, 4); }
static void wr(uint32_t off, uint32_t v) { trng_ops.write(rng, off, 4, v); }

static void test_id_rate_reset(void **state)
{
    assert_int_equal(rd(TRNG_ID), TRNG_ID_VALUE);
    assert_int_equal(rd(TRNG_RATE), RATE);
    assert_int_equal(rd(TRNG_CTRL), 0);
    assert_int_equal(rd(TRNG_STATUS), 0);
    fake_advance(&fh, 10 * RATE);
    assert_int_equal(rd(TRNG_STATUS), 0);      /* nothing without EN */
}

static void test_word_timing_and_irq(void **state)
{
    fake_advance(&fh, 1000);
    wr(TRNG_CTRL, TRNG_CTRL_EN | TRNG_CTRL_IE);
    fake_advance(&fh, 1000 + RATE - 1);
    assert_int_equal(rd(TRNG_STATUS), 0);
    assert_false(fh.irq[3]);
    fake_advance(&fh, 1000 + RATE);
    assert_int_equal(rd(TRNG_STATUS), TRNG_STATUS_READY);
    assert_true(fh.irq[3]);
    uint32_t w1 = rd(TRNG_DATA);
    assert_int_equal(rd(TRNG_STATUS), 0);      /* read clears READY ... */
    assert_false(fh.irq[3]);                   /* ... and the line */
    fake_advance(&fh, 1000 + 2 * RATE);
    assert_true(fh.irq[3]);
    uint32_t w2 = rd(TRNG_DATA);
    assert_int_not_equal(w1, w2);
    assert_int_equal(fh.irq_rises[3], 2);
    wr(TRNG_CTRL, TRNG_CTRL_EN);               /* IE off: READY without the line */
    fake_advance(&fh, 1000 + 3 * RATE);
    assert_int_equal(rd(TRNG_STATUS), TRNG_STATUS_READY);
    assert_false(fh.irq[3]);
}

static void test_stop_and_guest_errors(void **state)
{
    wr(TRNG_CTRL, TRNG_CTRL_EN);
    fake_advance(&fh, RATE / 2);
    wr(TRNG_CTRL, 0);                          /* the word in progress is lost */
    fake_advance(&fh, 4 * RATE);
    assert_int_equal(rd(TRNG_STATUS), 0);
    assert_int_equal(rd(TRNG_DATA), 0);        /* not READY: 0, logged */
    assert_int_equal(fh.nlog, 1);
    wr(TRNG_DATA, 5);                          /* read-only: logged */
    assert_int_equal(fh.nlog, 2);
    rd(0x40);
    assert_int_equal(fh.nlog, 3);
}

/* The first n words after seeding with `seed` and a reset. */
static void words(uint64_t seed, uint32_t *out, int n)
{
    trng_seed(rng, seed);
    trng_ops.reset(rng);
    wr(TRNG_CTRL, TRNG_CTRL_EN);
    for (int i = 0; i < n; i++) {
        fake_advance(&fh, fh.now + RATE);
        out[i] = rd(TRNG_DATA);
    }
    wr(TRNG_CTRL, 0);
}

static void test_seeded_stream(void **state)
{
    uint32_t a[4], b[4], c[4], d[4];
    words(7, a, 4);
    words(7, b, 4);
    words(8, c, 4);
    assert_memory_equal(a, b, sizeof a);
    assert_memory_not_equal(a, c, sizeof a);
    /* A reset alone does not restart the stream. */
    trng_ops.reset(rng);
    wr(TRNG_CTRL, TRNG_CTRL_EN);
    fake_advance(&fh, fh.now + RATE);
    d[0] = rd(TRNG_DATA);
    assert_int_not_equal(d[0], b[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_id_rate_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_word_timing_and_irq, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_and_guest_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seeded_stream, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
