/* test_scenario.c - the scenario file parser: a good file (options,
 * media, nodes, count groups, paths resolved against the file's
 * directory) and errors that name the file and line: unknown keys, a
 * node without a kernel, bad media, syntax errors, unknown link ends. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/scenario.h"

static char dir[64], path[128], err[512];
static scenario_t sc;

static void write_file(const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    strcpy(dir, "/tmp/test_scenario.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/net.cfg", dir);
    return 0;
}

static int teardown(void **state)
{
    scenario_free(&sc);
    return 0;
}

static int cleanup(void **state)
{
    unlink(path);
    rmdir(dir);
    return 0;
}

/* Loads `text`; expects failure with "net.cfg:LINE: " and `what` in the message. */
static void expect_error(const char *text, int line, const char *what)
{
    char want[160];
    write_file(text);
    err[0] = 0;
    if (scenario_load(path, &sc, err, sizeof err) != -1)
        fail_msg("loaded, want an error: %s", text);
    snprintf(want, sizeof want, "%s:%d: ", path, line);
    if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, what))
        fail_msg("got \"%s\", want \"%s...%s\"", err, want, what);
    assert_int_equal(sc.nnodes, 0);
}

static void test_good_file(void **state)
{
    char want[256];
    write_file("# a comment\n"
               "seed = 42; until = \"60s\";\n"
               "medium = { model = \"unit_disk\"; tx_range = 30.0; interference_range = 60; };\n"
               "nodes = (\n"
               "  { name = \"a\"; position = [0.0, 0.0]; kernel = \"kernel-sim.elf\";\n"
               "    apps = [\"apps/radio_ping.tbf\"]; },\n"
               "  { name = \"b\"; position = (10, 0.0, 2.5); kernel = \"/abs/k.elf\";\n"
               "    apps = [\"x.tbf\", \"../y.tbf\"]; },\n"
               "  { name = \"n\"; count = 3; position = [0.0, 5.0]; step = [2.0, 1.0];\n"
               "    kernel = \"k.elf\"; }\n"
               ");\n");
    assert_int_equal(scenario_load(path, &sc, err, sizeof err), 0);
    assert_true(sc.seed_set && sc.seed == 42);
    assert_true(sc.until_set && sc.until_kind == CLI_UNTIL_NS && sc.until == 60000000000ull);
    assert_false(sc.clock_set);
    assert_int_equal(sc.medium.model, MEDIUM_UNIT_DISK);
    assert_true(sc.medium.tx_range == 30.0 && sc.medium.interference_range == 60.0);
    assert_int_equal(sc.medium_line, 3);
    assert_int_equal(sc.nnodes, 5);
    assert_string_equal(sc.nodes[0].name, "a");
    assert_int_equal(sc.nodes[0].line, 5);
    snprintf(want, sizeof want, "%s/kernel-sim.elf", dir);
    assert_string_equal(sc.nodes[0].kernel, want);
    assert_int_equal(sc.nodes[0].napps, 1);
    snprintf(want, sizeof want, "%s/apps/radio_ping.tbf", dir);
    assert_string_equal(sc.nodes[0].apps[0], want);
    assert_string_equal(sc.nodes[1].kernel, "/abs/k.elf");
    assert_true(sc.nodes[1].position[0] == 10.0 && sc.nodes[1].position[2] == 2.5);
    snprintf(want, sizeof want, "%s/../y.tbf", dir);
    assert_string_equal(sc.nodes[1].apps[1], want);
    assert_string_equal(sc.nodes[2].name, "n0");
    assert_string_equal(sc.nodes[4].name, "n2");
    assert_int_equal(sc.nodes[4].napps, 0);
    assert_true(sc.nodes[4].position[0] == 4.0 && sc.nodes[4].position[1] == 7.0);
    assert_int_equal(scenario_node_index(&sc, "n1"), 3);
    assert_int_equal(scenario_node_index(&sc, "n"), -1);
}

static void test_other_media(void **state)
{
    write_file("clock = \"16MHz\"; seed = \"0xffffffffffffffff\";\n"
               "medium = { model = \"constant_loss\"; loss = 0.2; rssi = -70; };\n"
               "nodes = ( { name = \"a\"; kernel = \"k\"; } );\n");
    assert_int_equal(scenario_load(path, &sc, err, sizeof err), 0);
    assert_true(sc.clock_set && sc.clock_hz == 16000000);
    assert_true(sc.seed == UINT64_MAX);
    assert_int_equal(sc.medium.model, MEDIUM_CONSTANT_LOSS);
    assert_true(sc.medium.loss == 0.2);
    assert_int_equal(sc.medium.rssi, -70);
    assert_true(sc.nodes[0].position[0] == 0.0);   /* no position needed */
    scenario_free(&sc);

    write_file("medium = { model = \"table\"; default = \"energy\";\n"
               "  links = ( { from = \"b\"; to = \"a\"; loss = 0.5; rssi = -80; },\n"
               "            { from = \"a\"; to = \"b\"; } ); };\n"
               "nodes = ( { name = \"a\"; kernel = \"k\"; }, { name = \"b\"; kernel = \"k\"; } );\n");
    assert_int_equal(scenario_load(path, &sc, err, sizeof err), 0);
    assert_int_equal(sc.medium.model, MEDIUM_TABLE);
    assert_true(sc.medium.table_default_energy);
    assert_int_equal(sc.medium.nlinks, 2);
    assert_int_equal(sc.medium.links[0].from, 1);
    assert_int_equal(sc.medium.links[0].to, 0);
    assert_true(sc.medium.links[0].loss == 0.5);
    assert_int_equal(sc.medium.links[0].rssi, -80);
    assert_int_equal(sc.medium.links[1].rssi, MEDIUM_DEFAULT_RSSI);
    assert_true(sc.medium.links[1].loss == 0.0);
}

#define MEDIUM_OK "medium = { model = \"constant_loss\"; loss = 0.0; };\n"
#define NODE_A "nodes = ( { name = \"a\"; kernel = \"k\"; } );\n"

static void test_errors(void **state)
{
    expect_error(MEDIUM_OK "sed = 1;\n" NODE_A, 2, "unknown key 'sed' in the scenario");
    expect_error(MEDIUM_OK "nodes = (\n { name = \"a\";\n   kernal = \"k\"; } );\n", 4,
                 "unknown key 'kernal' in a node");
    expect_error(MEDIUM_OK "nodes = (\n  { name = \"a\"; apps = [\"x.tbf\"]; } );\n", 3,
                 "node 'a' has no 'kernel'");
    expect_error("\n\nmedium = { model = \"udg\"; };\n" NODE_A, 3, "unknown medium model 'udg'");
    expect_error("medium = { model = \"constant_loss\";\n loss = 1.5; };\n" NODE_A, 2,
                 "'loss' must be between 0 and 1");
    expect_error("medium = { model = \"constant_loss\"; loss = 0.1;\n tx_range = 3.0; };\n" NODE_A,
                 2, "unknown key 'tx_range' in a constant_loss medium");
    expect_error("medium = { model = \"unit_disk\"; tx_range = 30.0;\n interference_range = 10.0; };\n"
                 "nodes = ( { name = \"a\"; position = [0, 0]; kernel = \"k\"; } );\n", 2,
                 "'interference_range' must be at least 'tx_range'");
    expect_error("medium = { model = \"unit_disk\"; tx_range = 30.0; };\n"
                 "nodes = (\n { name = \"a\"; kernel = \"k\"; } );\n", 3, "has no 'position'");
    expect_error("medium = { model = \"table\";\n links = ( { from = \"a\"; to = \"zz\"; } ); };\n"
                 NODE_A, 2, "no node called 'zz'");
    expect_error(MEDIUM_OK "nodes = ( { name = \"a\"; kernel = \"k\"; },\n"
                 "  { name = \"a\"; kernel = \"k\"; } );\n", 3, "two nodes are called 'a'");
    expect_error(MEDIUM_OK "until = \"10 parsecs\";\n" NODE_A, 2, "bad 'until'");
    expect_error(MEDIUM_OK "nodes = ( { name = \"a\"; kernel = 7; } );\n", 2,
                 "'kernel' must be a string");
    expect_error(MEDIUM_OK "nodes = ( { name = \"a b\"; kernel = \"k\"; } );\n", 2,
                 "bad node name 'a b'");
    expect_error(MEDIUM_OK "\nnodes = ( { name = \"a\"; kernel = ; } );\n", 3, "syntax error");
    /* libconfig arrays hold one type: [1, 2.5] is refused (a list (1, 2.5) is not). */
    expect_error(MEDIUM_OK "nodes = ( { name = \"a\"; position = [1, 2.5]; kernel = \"k\"; } );\n",
                 2, "mismatched element type in array");
}

static void test_errors_without_line(void **state)
{
    write_file(NODE_A);
    assert_int_equal(scenario_load(path, &sc, err, sizeof err), -1);
    assert_non_null(strstr(err, "no 'medium'"));
    snprintf(path, sizeof path, "%s/missing.cfg", dir);
    assert_int_equal(scenario_load(path, &sc, err, sizeof err), -1);
    assert_non_null(strstr(err, "missing.cfg: No such file"));
    snprintf(path, sizeof path, "%s/net.cfg", dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_good_file, teardown),
        cmocka_unit_test_teardown(test_other_media, teardown),
        cmocka_unit_test_teardown(test_errors, teardown),
        cmocka_unit_test_teardown(test_errors_without_line, teardown),
    };
    return cmocka_run_group_tests(tests, setup, cleanup);
}
