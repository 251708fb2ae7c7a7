/* test_cli.c - ctock-sim flag parsing: times, clocks, repeatable flags,
 * errors naming the flag, defaults. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "sim/cli.h"

static cli_opts_t o;
static char err[256];

static cli_result_t parse(int argc, const char **argv)
{
    err[0] = 0;
    return cli_parse(argc, (char *const *)argv, &o, err, sizeof err);
}

static void test_times(void **state)
{
    cli_until_kind_t k;
    uint64_t v;
    assert_int_equal(cli_parse_time("10s", &k, &v), 0);
    assert_int_equal(k, CLI_UNTIL_NS);
    assert_true(v == 10000000000ull);
    assert_int_equal(cli_parse_time("1.5s", &k, &v), 0);
    assert_true(v == 1500000000ull);
    assert_int_equal(cli_parse_time("250ms", &k, &v), 0);
    assert_true(v == 250000000ull);
    assert_int_equal(cli_parse_time("1500us", &k, &v), 0);
    assert_true(v == 1500000ull);
    assert_int_equal(cli_parse_time("0.000000001s", &k, &v), 0);
    assert_true(v == 1);
    assert_int_equal(cli_parse_time("20ns", &k, &v), 0);
    assert_true(v == 20);
    assert_int_equal(cli_parse_time("48000cyc", &k, &v), 0);
    assert_int_equal(k, CLI_UNTIL_CYCLES);
    assert_true(v == 48000);
    const char *bad[] = {"10", "10parsecs", "", "s", "-1s", "1.s", ".5s", "1.5cyc",
                         "99999999999999999999s", "10 s", "1e3s"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(cli_parse_time(bad[i], &k, &v), -1);
}

static void test_clocks(void **state)
{
    uint32_t hz;
    assert_int_equal(cli_parse_clock("48MHz", &hz), 0);
    assert_int_equal(hz, 48000000);
    assert_int_equal(cli_parse_clock("48000000", &hz), 0);
    assert_int_equal(hz, 48000000);
    assert_int_equal(cli_parse_clock("1.5MHz", &hz), 0);
    assert_int_equal(hz, 1500000);
    assert_int_equal(cli_parse_clock("32kHz", &hz), 0);
    assert_int_equal(hz, 32000);
    assert_int_equal(cli_parse_clock("1GHz", &hz), 0);
    assert_int_equal(hz, 1000000000);
    assert_int_equal(cli_parse_clock("1kHz", &hz), 0);
    const char *bad[] = {"0", "fast", "999", "1.1GHz", "2GHz", "48MHzz", "", "-48MHz"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(cli_parse_clock(bad[i], &hz), -1);
}

static void test_defaults(void **state)
{
    const char *argv[] = {"ctock-sim", "k.elf"};
    assert_int_equal(parse(2, argv), CLI_OK);
    assert_string_equal(o.kernel, "k.elf");
    assert_int_equal(o.napps, 0);
    assert_int_equal(o.clock_hz, 48000000);
    assert_int_equal(o.until_kind, CLI_UNTIL_NONE);
    assert_true(o.speed == 1.0);
    assert_false(o.panel);
    assert_false(o.quiet);
    assert_true(cli_until_cycles(&o) == UINT64_MAX);
}

static void test_full_command_line(void **state)
{
    const char *argv[] = {"ctock-sim", "--until", "1.5s", "--expect", "hello", "--expect=bye",
                          "--clock=16MHz", "--headless", "--trace", "t.txt", "--trace-leds",
                          "--quiet", "--input", "ab", "--speed", "20", "k.elf", "a.tbf",
                          "b.tbf"};
    assert_int_equal(parse(19, argv), CLI_OK);
    assert_int_equal(o.nexpects, 2);
    assert_string_equal(o.expects[1], "bye");
    assert_int_equal(o.clock_hz, 16000000);
    assert_true(cli_until_cycles(&o) == 24000000ull);
    assert_true(o.headless && o.trace_leds && o.quiet);
    assert_string_equal(o.trace_file, "t.txt");
    assert_int_equal(o.ninputs, 1);
    assert_true(o.speed == 20.0);
    assert_int_equal(o.napps, 2);
    assert_string_equal(o.apps[1], "b.tbf");
}

static void test_until_cycles(void **state)
{
    const char *argv[] = {"ctock-sim", "--until", "480cyc", "--", "--odd-name.elf"};
    assert_int_equal(parse(5, argv), CLI_OK);
    assert_true(cli_until_cycles(&o) == 480);
    assert_string_equal(o.kernel, "--odd-name.elf");
}

static void expect_error(int argc, const char **argv, const char *needle)
{
    assert_int_equal(parse(argc, argv), CLI_ERROR);
    assert_non_null(strstr(err, needle));
    assert_null(strchr(err, '\n'));
}

static void test_errors(void **state)
{
    const char *a1[] = {"ctock-sim", "--bogus", "k.elf"};
    expect_error(3, a1, "--bogus");
    const char *a2[] = {"ctock-sim", "--until", "10parsecs", "k.elf"};
    expect_error(4, a2, "--until");
    const char *a3[] = {"ctock-sim", "--clock", "0", "k.elf"};
    expect_error(4, a3, "--clock");
    const char *a4[] = {"ctock-sim", "--until"};
    expect_error(2, a4, "--until");
    const char *a5[] = {"ctock-sim", "--quiet"};
    expect_error(2, a5, "kernel");
    const char *a6[] = {"ctock-sim", "--panel", "--headless", "k.elf"};
    expect_error(4, a6, "--panel");
    const char *a7[] = {"ctock-sim", "--speed", "0", "k.elf"};
    expect_error(4, a7, "--speed");
    const char *a8[] = {"ctock-sim", "--quiet=1", "k.elf"};
    expect_error(3, a8, "--quiet");
}

static void test_help_and_version_need_no_kernel(void **state)
{
    const char *a1[] = {"ctock-sim", "--help"};
    assert_int_equal(parse(2, a1), CLI_OK);
    assert_true(o.help);
    const char *a2[] = {"ctock-sim", "--version"};
    assert_int_equal(parse(2, a2), CLI_OK);
    assert_true(o.version);
}

static void test_fault_options(void **state)
{
    const char *argv[] = {"ctock-sim", "--symbols", "a.elf", "--symbols=b.elf", "--fault-json",
                          "f.jsonl", "--pause-on-fault", "k.elf"};
    assert_int_equal(parse(8, argv), CLI_OK);
    assert_int_equal(o.nsymbols, 2);
    assert_string_equal(o.symbols[1], "b.elf");
    assert_string_equal(o.fault_json, "f.jsonl");
    assert_true(o.pause_on_fault);
    assert_false(o.speed_set);
    assert_false(o.check_capsules);
    const char *a1[] = {"ctock-sim", "--check-capsules", "k.elf"};
    assert_int_equal(parse(3, a1), CLI_OK);
    assert_true(o.check_capsules);
    const char *a4[] = {"ctock-sim", "--check-capsules=yes", "k.elf"};
    expect_error(3, a4, "--check-capsules");
    const char *a2[] = {"ctock-sim", "--fault-json", "", "k.elf"};
    expect_error(4, a2, "--fault-json");
    const char *a3[] = {"ctock-sim", "--speed", "1", "k.elf"};
    assert_int_equal(parse(4, a3), CLI_OK);
    assert_true(o.speed_set);
}

static void test_seed_and_buttons(void **state)
{
    const char *dflt[] = {"ctock-sim", "k.elf"};
    assert_int_equal(parse(2, dflt), CLI_OK);
    assert_true(o.seed == CLI_DEFAULT_SEED);
    assert_int_equal(o.nbuttons, 0);
    const char *a[] = {"ctock-sim", "--seed", "0x2a", "--button", "1@1.5s", "--button=0@2s:down",
                       "--button", "0@2.5s:up", "--button", "1@3s:250ms", "k.elf"};
    assert_int_equal(parse(11, a), CLI_OK);
    assert_true(o.seed == 42);
    assert_int_equal(o.nbuttons, 4);
    assert_int_equal(o.buttons[0].button, 1);
    assert_int_equal(o.buttons[0].action, CLI_BUTTON_CLICK);
    assert_true(o.buttons[0].at == 1500000000ull);
    assert_true(o.buttons[0].hold == CLI_CLICK_NS);
    assert_int_equal(o.buttons[1].action, CLI_BUTTON_DOWN);
    assert_int_equal(o.buttons[2].action, CLI_BUTTON_UP);
    assert_true(o.buttons[3].hold == 250000000ull);
    assert_true(cli_time_cycles(o.buttons[0].at_kind, o.buttons[0].at, 48000000) == 72000000ull);
    static const char *const bad[] = {"2@1s", "0@", "0@1s:sideways", "x@1s", "0@1s:0s", "@1s", "0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *b[] = {"ctock-sim", "--button", bad[i], "k.elf"};
        assert_int_equal(parse(4, b), CLI_ERROR);
        assert_non_null(strstr(err, "--button"));
    }
    const char *s1[] = {"ctock-sim", "--seed", "-1", "k.elf"};
    assert_int_equal(parse(4, s1), CLI_ERROR);
    const char *s2[] = {"ctock-sim", "--seed", "12x", "k.elf"};
    assert_int_equal(parse(4, s2), CLI_ERROR);
}

static void test_scenario_options(void **state)
{
    const char *ok[] = {"ctock-sim", "--scenario", "net.cfg", "--until", "2s", "--seed", "9",
                        "--radio-log", "r.log", "--radio-log-all", "--pcap=n.pcap",
                        "--pcap-node", "a=a.pcap", "--pcap-node", "b=b.pcap", "--expect", "[a] x"};
    assert_int_equal(parse(17, ok), CLI_OK);
    assert_string_equal(o.scenario, "net.cfg");
    assert_null(o.kernel);
    assert_true(o.seed_set && o.seed == 9);
    assert_false(o.clock_set);
    assert_string_equal(o.radio_log, "r.log");
    assert_true(o.radio_log_all);
    assert_string_equal(o.pcap, "n.pcap");
    assert_int_equal(o.npcap_nodes, 2);
    assert_string_equal(o.pcap_nodes[1], "b=b.pcap");

    const char *kernel[] = {"ctock-sim", "--scenario", "net.cfg", "k.elf"};
    assert_int_equal(parse(4, kernel), CLI_ERROR);
    assert_non_null(strstr(err, "no KERNEL.elf"));
    const char *panel[] = {"ctock-sim", "--scenario", "net.cfg", "--panel"};
    assert_int_equal(parse(4, panel), CLI_ERROR);
    assert_non_null(strstr(err, "--panel"));
    const char *button[] = {"ctock-sim", "--scenario", "net.cfg", "--button", "0@1s"};
    assert_int_equal(parse(5, button), CLI_ERROR);
    assert_non_null(strstr(err, "--button is not available with --scenario"));
    const char *pn[] = {"ctock-sim", "--scenario", "net.cfg", "--pcap-node", "a.pcap"};
    assert_int_equal(parse(5, pn), CLI_ERROR);
    assert_non_null(strstr(err, "NAME=FILE"));
    const char *single[] = {"ctock-sim", "--pcap", "n.pcap", "k.elf"};
    assert_int_equal(parse(4, single), CLI_ERROR);
    assert_non_null(strstr(err, "need --scenario"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_clocks),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_full_command_line),
        cmocka_unit_test(test_fault_options),
        cmocka_unit_test(test_seed_and_buttons),
        cmocka_unit_test(test_until_cycles),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_help_and_version_need_no_kernel),
        cmocka_unit_test(test_scenario_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
