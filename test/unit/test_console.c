/* test_console.c - the --expect matcher on the console byte stream and the
 * trace's exact time formatting and line format. */
#define _DEFAULT_SOURCE   /* open_memstream */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/console.h"
#include "sim/trace.h"

static int stops;
static void on_all(void *ctx) { stops++; }

static void feed(console_t *c, const char *s, uint64_t cycle)
{
    for (; *s; s++)
        console_observer(c)->console_tx(c, cycle, (uint8_t)*s);
}

static void test_expect_across_writes(void **state)
{
    const char *ex[] = {"hello: done", "LED 0 on"};
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    console_t c;
    stops = 0;
    console_init(&c, out, ex, 2, on_all, NULL);
    feed(&c, "hello: do", 10);
    assert_false(console_all_seen(&c));
    feed(&c, "ne\nblink: LED 0 o", 20);
    assert_int_equal(c.nseen, 1);
    assert_int_equal(stops, 0);
    feed(&c, "n\n", 30);
    assert_true(console_all_seen(&c));
    assert_int_equal(stops, 1);
    assert_true(c.all_seen_cycle == 30);
    fclose(out);
    assert_string_equal(buf, "hello: done\nblink: LED 0 on\n");
    free(buf);
}

static void test_no_expectations_means_all_seen(void **state)
{
    console_t c;
    console_init(&c, NULL, NULL, 0, on_all, NULL);
    stops = 0;
    feed(&c, "anything", 1);
    assert_true(console_all_seen(&c));
    assert_int_equal(stops, 0);
}

static void test_long_stream_window(void **state)
{
    const char *ex[] = {"needle"};
    console_t c;
    console_init(&c, NULL, ex, 1, NULL, NULL);
    for (int i = 0; i < 5000; i++)
        feed(&c, "x", 1);
    assert_false(console_all_seen(&c));
    feed(&c, "nee", 2);
    feed(&c, "dle", 3);
    assert_true(console_all_seen(&c));
}

static void test_time_format(void **state)
{
    char b[32];
    trace_format_time(b, sizeof b, 24000000, 48000000);
    assert_string_equal(b, "0.500000000");
    trace_format_time(b, sizeof b, 480000000, 48000000);
    assert_string_equal(b, "10.000000000");
    trace_format_time(b, sizeof b, 1, 48000000);      /* 20.83 ns, truncated */
    assert_string_equal(b, "0.000000020");
    trace_format_time(b, sizeof b, 16000000ull * 3600 + 8, 16000000);
    assert_string_equal(b, "3600.000000500");
}

static void test_trace_lines(void **state)
{
    char path[] = "/tmp/ctock_trace_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    trace_t t;
    char err[256];
    assert_int_equal(trace_open(&t, path, false, 48000000, err, sizeof err), 0);
    const observer_t *o = trace_observer(&t);
    o->led(o->ctx, 24000000, 0, true);
    o->power(o->ctx, 24000480, POWER_SLEEP);
    o->power(o->ctx, 28800000, POWER_ACTIVE);
    o->power(o->ctx, 28800048, POWER_DEEP_SLEEP);
    o->guest_log(o->ctx, 48000000, "uart0: guest error:\nbad offset");
    assert_int_equal(trace_close(&t), 0);
    char got[512] = {0};
    FILE *f = fopen(path, "r");
    size_t n = fread(got, 1, sizeof got - 1, f);
    fclose(f);
    unlink(path);
    got[n] = 0;
    assert_string_equal(got,
                        "0.500000000 led0 on\n"
                        "0.500010000 sleep\n"
                        "0.600000000 active\n"
                        "0.600001000 deep-sleep\n"
                        "1.000000000 log uart0: guest error: bad offset\n");
    assert_int_equal(trace_open(&t, "/nonexistent/dir/t.txt", false, 1000, err, sizeof err), -1);
    assert_non_null(strstr(err, "t.txt"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expect_across_writes),
        cmocka_unit_test(test_no_expectations_means_all_seen),
        cmocka_unit_test(test_long_stream_window),
        cmocka_unit_test(test_time_format),
        cmocka_unit_test(test_trace_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
