/*
 * test_event.c - the event queue (sim/event.c): (time, sequence) order,
 * cancel, re-schedule, and events scheduled from callbacks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "sim/event.h"

static int order[64];
static uint64_t order_when[64];
static int norder;

static void record(void *ctx, uint64_t now)
{
    order_when[norder] = now;
    order[norder++] = (int)(intptr_t)ctx;
}

static int setup(void **state)
{
    norder = 0;
    return 0;
}

static void test_empty_queue(void **state)
{
    evq_t q;
    evq_init(&q);
    assert_true(evq_next_time(&q) == UINT64_MAX);
    assert_int_equal(evq_run_due(&q, 1000), 0);
}

static void test_time_order_and_ties(void **state)
{
    evq_t q;
    event_t ev[6];
    static const uint64_t when[6] = { 50, 10, 50, 30, 10, 50 };
    evq_init(&q);
    for (int i = 0; i < 6; i++) {
        event_init(&ev[i], record, (void *)(intptr_t)i);
        evq_schedule(&q, &ev[i], when[i]);
    }
    assert_true(evq_next_time(&q) == 10);
    assert_int_equal(evq_run_due(&q, 29), 2);
    assert_int_equal(evq_run_due(&q, 100), 4);
    /* time first, then scheduling order */
    static const int expect[6] = { 1, 4, 3, 0, 2, 5 };
    for (int i = 0; i < 6; i++)
        assert_int_equal(order[i], expect[i]);
    assert_true(order_when[0] == 10 && order_when[5] == 50);
    assert_false(event_is_queued(&ev[0]));
}

static void test_cancel_and_reschedule(void **state)
{
    evq_t q;
    event_t a, b, c;
    evq_init(&q);
    event_init(&a, record, (void *)1);
    event_init(&b, record, (void *)2);
    event_init(&c, record, (void *)3);
    evq_schedule(&q, &a, 10);
    evq_schedule(&q, &b, 20);
    evq_schedule(&q, &c, 30);
    evq_cancel(&q, &a);
    evq_cancel(&q, &a);                 /* no-op when not queued */
    assert_false(event_is_queued(&a));
    assert_true(evq_next_time(&q) == 20);
    evq_schedule(&q, &c, 5);            /* re-schedule moves it */
    assert_true(evq_next_time(&q) == 5);
    assert_int_equal(q.count, 2);
    assert_int_equal(evq_run_due(&q, 100), 2);
    assert_int_equal(order[0], 3);
    assert_int_equal(order[1], 2);
}

/* A heap stress against a sorted reference. */
static void test_many_random(void **state)
{
    evq_t q;
    event_t ev[EVQ_MAX_EVENTS];
    uint32_t seed = 12345;
    evq_init(&q);
    for (int i = 0; i < EVQ_MAX_EVENTS; i++) {
        seed = seed * 1103515245u + 12345u;
        event_init(&ev[i], record, (void *)(intptr_t)i);
        evq_schedule(&q, &ev[i], (seed >> 16) % 100);
    }
    for (int i = 0; i < EVQ_MAX_EVENTS; i += 3)
        evq_cancel(&q, &ev[i]);
    evq_run_due(&q, UINT64_MAX - 1);
    assert_int_equal(norder, EVQ_MAX_EVENTS - (EVQ_MAX_EVENTS + 2) / 3);
    for (int i = 1; i < norder; i++) {
        assert_true(order_when[i - 1] <= order_when[i]);
        if (order_when[i - 1] == order_when[i])
            assert_true(ev[order[i - 1]].seq < ev[order[i]].seq);
    }
}

static evq_t *chain_q;
static event_t chain_ev;
static int chain_runs;

static void chain(void *ctx, uint64_t now)
{
    chain_runs++;
    if (chain_runs < 3)
        evq_schedule(chain_q, &chain_ev, now + 10);   /* periodic */
}

static void test_callback_reschedules(void **state)
{
    evq_t q;
    evq_init(&q);
    chain_q = &q;
    chain_runs = 0;
    event_init(&chain_ev, chain, NULL);
    evq_schedule(&q, &chain_ev, 10);
    assert_int_equal(evq_run_due(&q, 25), 2);   /* 10 and 20 */
    assert_true(evq_next_time(&q) == 30);
    assert_int_equal(evq_run_due(&q, 30), 1);
    assert_true(evq_next_time(&q) == UINT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_empty_queue, setup),
        cmocka_unit_test_setup(test_time_order_and_ties, setup),
        cmocka_unit_test_setup(test_cancel_and_reschedule, setup),
        cmocka_unit_test_setup(test_many_random, setup),
        cmocka_unit_test_setup(test_callback_reschedules, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
