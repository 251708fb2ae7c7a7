/*
 * test_systick.c - SysTick (peripherals/systick.c) against a fake clock:
 * reload/wrap timing in cycles, COUNTFLAG, TICKINT, CVR clear, clock
 * source, disable; then on a node: wfi sleeps until the tick and the
 * skipped cycles are accounted as sleep or deep sleep.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "m4_node.h"
#include "peripherals/systick.h"

#define CSR 0x0
#define RVR 0x4
#define CVR 0x8
#define CALIB 0xC

static uint64_t fake_now;
static evq_t q;
static observer_list_t obs;
static nvic_t nv;
static systick_t st;

static uint64_t now_fn(void *o) { return fake_now; }
static const periph_host_t host = { .now = now_fn, .evq = &q, .observers = &obs,
                                    .clock_hz = 48000000 };

static int setup(void **state)
{
    fake_now = 0;
    evq_init(&q);
    nvic_reset(&nv);
    systick_init(&st, &host, &nv);
    return 0;
}

static void advance(uint64_t t)
{
    fake_now = t;
    evq_run_due(&q, t);
}

static void start(uint32_t reload, uint32_t csr)
{
    systick_write(&st, RVR, reload);
    systick_write(&st, CVR, 0);
    systick_write(&st, CSR, csr);
}

static void test_reload_and_wrap_timing(void **state)
{
    start(99, 7);                        /* ENABLE | TICKINT | CLKSOURCE */
    assert_int_equal(systick_read(&st, CVR), 0);
    advance(1);
    assert_int_equal(systick_read(&st, CVR), 99);   /* first tick reloads */
    advance(10);
    assert_int_equal(systick_read(&st, CVR), 90);
    advance(99);
    assert_int_equal(systick_read(&st, CVR), 1);
    assert_false(nv.pending[EXC_SYSTICK]);
    assert_true(evq_next_time(&q) == 100);
    advance(100);
    assert_true(nv.pending[EXC_SYSTICK]);
    assert_int_equal(systick_read(&st, CVR), 0);
    assert_true(evq_next_time(&q) == 200);           /* period RVR + 1 */
    advance(150);
    assert_int_equal(systick_read(&st, CVR), 50);
}

static void test_countflag_clears_on_read(void **state)
{
    start(9, 5);                         /* no TICKINT */
    advance(10);
    assert_false(nv.pending[EXC_SYSTICK]);
    assert_int_equal(systick_read(&st, CSR), 0x10005);
    assert_int_equal(systick_read(&st, CSR), 0x5);
}

static void test_countflag_without_event_delivery(void **state)
{
    start(9, 7);
    fake_now = 25;                       /* the CPU ran past the deadline */
    assert_int_equal(systick_read(&st, CSR), 0x10007);
    assert_true(nv.pending[EXC_SYSTICK]);
    assert_true(evq_next_time(&q) == 30);
}

static void test_cvr_write_clears(void **state)
{
    start(99, 7);
    advance(100);
    advance(150);
    systick_write(&st, CVR, 12345);      /* any value clears */
    assert_int_equal(systick_read(&st, CVR), 0);
    assert_int_equal(systick_read(&st, CSR), 0x7);   /* COUNTFLAG cleared too */
    assert_true(evq_next_time(&q) == 250);
}

static void test_reference_clock(void **state)
{
    start(9, 3);                         /* CLKSOURCE = 0: 1 MHz at 48 MHz */
    assert_true(evq_next_time(&q) == 480);
    advance(48 * 3);
    assert_int_equal(systick_read(&st, CVR), 7);
    assert_int_equal(systick_read(&st, CALIB), 9999);
}

static void test_disable_freezes(void **state)
{
    start(99, 7);
    advance(130);                        /* value 70 */
    systick_write(&st, CSR, 6);
    assert_true(evq_next_time(&q) == UINT64_MAX);
    advance(1000);
    assert_int_equal(systick_read(&st, CVR), 70);
    systick_write(&st, CSR, 7);
    assert_true(evq_next_time(&q) == 1070);
}

static void test_reload_change_takes_effect_at_reload(void **state)
{
    start(99, 7);
    advance(50);
    systick_write(&st, RVR, 9);
    assert_int_equal(systick_read(&st, CVR), 50);
    assert_true(evq_next_time(&q) == 100);
    advance(100);
    assert_true(evq_next_time(&q) == 110);
    start(0, 7);                         /* reload 0: never wraps */
    assert_true(evq_next_time(&q) == UINT64_MAX);
}

/* ---- on a node ---- */

static int sleeps, deeps, actives;
static void power(void *ctx, uint64_t cycle, power_state_t s)
{
    sleeps += s == POWER_SLEEP;
    deeps += s == POWER_DEEP_SLEEP;
    actives += s == POWER_ACTIVE;
}
static const observer_t power_obs = { .power = power };

static void run_wfi(bool deep)
{
    node_t *n = m4_node(M4_WFI_THREAD);
    scs_t *s = node_scs(n);
    node_stats_t stats;

    sleeps = deeps = actives = 0;
    node_add_observer(n, &power_obs);
    if (deep)
        scs_write(s, 0xD10, 4, 4);       /* SCR.SLEEPDEEP */
    scs_write(s, 0x14, 4, 999);
    scs_write(s, 0x18, 4, 0);
    scs_write(s, 0x10, 4, 7);
    assert_int_equal(node_run_until(n, 4500), NODE_RUN_TIME_REACHED);
    node_stats(n, &stats);
    assert_int_equal(m4_log_count(n), 4);              /* ticks at 1000..4000 */
    for (int i = 0; i < 4; i++)
        assert_int_equal(m4_log(n, i).ipsr, EXC_SYSTICK);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 4);   /* woke 4 times */
    assert_int_equal(stats.cycles, 4500);
    assert_int_equal(stats.exceptions, 4);
    assert_int_equal(stats.cycles,
                     stats.instructions + stats.sleep_cycles + stats.deep_sleep_cycles);
    /* Per wake: entry, 13 handler + 3 thread instructions, then sleep. */
    assert_int_equal(stats.instructions, 1 + 4 * 16);
    assert_int_equal(deep ? stats.deep_sleep_cycles : stats.sleep_cycles, 4500 - 65);
    assert_int_equal(deep ? deeps : sleeps, 5);
    assert_int_equal(actives, 4);
    assert_int_equal(node_power_state(n), deep ? POWER_DEEP_SLEEP : POWER_SLEEP);
    node_destroy(n);
}

static void test_wfi_sleeps_until_tick(void **state) { run_wfi(false); }
static void test_wfi_deep_sleep(void **state) { run_wfi(true); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_reload_and_wrap_timing, setup),
        cmocka_unit_test_setup(test_countflag_clears_on_read, setup),
        cmocka_unit_test_setup(test_countflag_without_event_delivery, setup),
        cmocka_unit_test_setup(test_cvr_write_clears, setup),
        cmocka_unit_test_setup(test_reference_clock, setup),
        cmocka_unit_test_setup(test_disable_freezes, setup),
        cmocka_unit_test_setup(test_reload_change_takes_effect_at_reload, setup),
        cmocka_unit_test(test_wfi_sleeps_until_tick),
        cmocka_unit_test(test_wfi_deep_sleep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
