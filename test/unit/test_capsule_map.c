/* test_capsule_map.c - the --check-capsules rule on a hand-built map
 * (sim/capsule_map.h): whose code a PC is, each allowed kind of access
 * (own state and blocks, handed objects one by one or as an array's
 * members, the kernel stack, kernel flash for loads only, the data of an
 * entered instance of the capsule's own grant) and what is refused
 * (another capsule's state, an access straddling an area's end, a store
 * to flash, another capsule's entered grant, app RAM, peripherals), how
 * addresses and the allowed set are described, and the loader's refusal
 * of an ELF that is not a kernel with capsule blocks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/board.h"
#include "sim/capsule_map.h"

/* A kernel like the sim board's: flash below 0x40000, stack at the bottom
 * of SRAM, then .data/.bss, app RAM from 0x20002000. */
static const capsule_layout_t layout = {
    .helpers = { 0x1000, 0x1400 },
    .stack = { 0x20000000, 0x20000800 },
    .flash = { 0x0, 0x40000 },
    .kdata = { 0x20000800, 0x20000820 },
    .kbss = { 0x20000820, 0x20001800 },
    .appmem = { 0x20002000, 0x20010000 },
    .grant_entered_top = 0x20001700,
};

enum { CONSOLE_STATE = 0x20000c00, CONSOLE_SIZE = 0xd0, DEV = 0x20000b00, MUX = 0x20000a00,
       PINS = 0x20001000, PIN_STRIDE = 28, PIN_HIL = 16 };

typedef struct {
    capsule_map_t *m;
    int console, uart_mux, gpio;
} fixture_t;

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    f->m = capsule_map_new(&layout);
    assert_non_null(f->m);
    f->uart_mux = capsule_map_add_capsule(f->m, "uart_mux", 0x140, 0x284);
    f->console = capsule_map_add_capsule(f->m, "console", 0x398, 0x734);
    f->gpio = capsule_map_add_capsule(f->m, "gpio_driver", 0x800, 0x900);
    assert_int_equal(capsule_map_add_capsule(f->m, "unused", 0x900, 0x900), 3);   /* gc'd code */
    assert_int_equal(capsule_map_add_capsule(f->m, "console", 0, 0), f->console);  /* same one */
    assert_int_equal(capsule_map_add_area(f->m, f->console, CONSOLE_STATE,
                                          CONSOLE_STATE + CONSOLE_SIZE, true, "state console"), 0);
    /* The mux owns its device; the device's first 12 bytes (hil) are handed to console. */
    assert_int_equal(capsule_map_add_area(f->m, f->uart_mux, DEV, DEV + 0x20, true,
                                          "state console_dev"), 0);
    assert_int_equal(capsule_map_add_area(f->m, f->console, DEV, DEV + 12, false,
                                          "console_dev.hil"), 0);
    assert_int_equal(capsule_map_add_area(f->m, f->uart_mux, MUX, MUX + 0x14, true,
                                          "state uart_mux"), 0);
    assert_int_equal(capsule_map_add_area(f->m, f->console, 0x20000900, 0x20000900, true, "bss"),
                     0);   /* empty: ignored */
    assert_int_equal(capsule_map_add_object(f->m, "console", CONSOLE_STATE, CONSOLE_SIZE), 0);
    assert_int_equal(capsule_map_add_object(f->m, "ndrivers", 0x20000864, 4), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    capsule_map_free(f->m);
    free(f);
    return 0;
}

static void test_whose_code(void **state)
{
    fixture_t *f = *state;
    assert_int_equal(capsule_map_capsule_at(f->m, 0x140), f->uart_mux);
    assert_int_equal(capsule_map_capsule_at(f->m, 0x283), f->uart_mux);
    assert_int_equal(capsule_map_capsule_at(f->m, 0x284), -1);   /* end is exclusive */
    assert_int_equal(capsule_map_capsule_at(f->m, 0x398), f->console);
    assert_int_equal(capsule_map_capsule_at(f->m, 0x900), -1);   /* the empty one is nobody */
    assert_int_equal(capsule_map_capsule_at(f->m, 0x13f), -1);
    assert_true(capsule_map_in_helpers(f->m, 0x1000));
    assert_false(capsule_map_in_helpers(f->m, 0x1400));
    capsule_range_t span = capsule_map_code_span(f->m);
    assert_int_equal(span.lo, 0x140);
    assert_int_equal(span.hi, 0x1400);   /* up to the helpers' end */
    assert_string_equal(capsule_map_name(f->m, f->console), "console");
    assert_int_equal(capsule_map_count(f->m), 4);
}

static void test_own_and_handed(void **state)
{
    fixture_t *f = *state;
    capsule_map_t *m = f->m;
    int c = f->console;
    assert_int_equal(capsule_map_check(m, c, CONSOLE_STATE, 4, true, NULL, 0), CAPSULE_OWN);
    assert_int_equal(capsule_map_check(m, c, CONSOLE_STATE + CONSOLE_SIZE - 4, 4, false, NULL, 0),
                     CAPSULE_OWN);
    /* Straddling the end of its state, or just past it: refused. */
    assert_int_equal(capsule_map_check(m, c, CONSOLE_STATE + CONSOLE_SIZE - 2, 4, false, NULL, 0),
                     CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, c, CONSOLE_STATE + CONSOLE_SIZE, 1, false, NULL, 0),
                     CAPSULE_DENIED);
    /* The handed HIL part of the mux's device, not the rest of it. */
    assert_int_equal(capsule_map_check(m, c, DEV + 4, 4, true, NULL, 0), CAPSULE_OWN);
    assert_int_equal(capsule_map_check(m, c, DEV + 12, 4, false, NULL, 0), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, f->uart_mux, DEV + 12, 4, true, NULL, 0), CAPSULE_OWN);
    /* Another capsule's state. */
    assert_int_equal(capsule_map_check(m, c, MUX, 4, false, NULL, 0), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, f->uart_mux, CONSOLE_STATE, 1, true, NULL, 0),
                     CAPSULE_DENIED);
    /* A capsule index that is not one. */
    assert_int_equal(capsule_map_check(m, -1, CONSOLE_STATE, 4, false, NULL, 0), CAPSULE_DENIED);
}

static void test_handed_array_members(void **state)
{
    fixture_t *f = *state;
    capsule_map_t *m = f->m;
    /* pins[2..16).hil: 16-byte HIL structs, 28 apart (CAPSULE_HANDED_EACH). */
    capsule_map_t *g = m;
    int gpio = f->gpio;
    assert_int_equal(capsule_map_add_each(g, gpio, PINS + 2 * PIN_STRIDE, PIN_HIL, 14, PIN_STRIDE,
                                          false, "gpio0.pins[2..16].hil"), 0);
    assert_int_equal(capsule_map_add_each(g, gpio, PINS, 32, 2, 16, false, "overlapping"), -1);
    assert_int_equal(capsule_map_add_each(g, gpio, PINS, 4, 0, 4, false, "none"), -1);
    assert_int_equal(capsule_map_check(g, gpio, PINS + 2 * PIN_STRIDE, 4, true, NULL, 0),
                     CAPSULE_OWN);
    assert_int_equal(capsule_map_check(g, gpio, PINS + 15 * PIN_STRIDE + 12, 4, false, NULL, 0),
                     CAPSULE_OWN);
    /* The chip's part of a pin (after its HIL struct), and pins 0-1. */
    assert_int_equal(capsule_map_check(g, gpio, PINS + 2 * PIN_STRIDE + PIN_HIL, 4, false, NULL, 0),
                     CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(g, gpio, PINS + 1 * PIN_STRIDE, 4, false, NULL, 0),
                     CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(g, gpio, PINS + 16 * PIN_STRIDE, 4, false, NULL, 0),
                     CAPSULE_DENIED);   /* one past the last */
    char buf[512];
    capsule_map_allowed(g, gpio, NULL, 0, buf, sizeof buf);
    assert_string_equal(buf, "handed gpio0.pins[2..16].hil 14 x 16 bytes from 0x20001038, 28 apart, "
                             "stack 0x20000000-0x20000800, kernel flash 0x00000000-0x00040000 (loads)");
}

static void test_stack_flash_and_the_rest(void **state)
{
    fixture_t *f = *state;
    capsule_map_t *m = f->m;
    int c = f->console;
    assert_int_equal(capsule_map_check(m, c, 0x200007fc, 4, true, NULL, 0), CAPSULE_STACK);
    assert_int_equal(capsule_map_check(m, c, 0x200007fe, 4, true, NULL, 0), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, c, 0x1234, 4, false, NULL, 0), CAPSULE_FLASH);
    assert_int_equal(capsule_map_check(m, c, 0x1234, 4, true, NULL, 0), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, c, 0x40000, 4, false, NULL, 0), CAPSULE_DENIED);  /* app flash */
    assert_int_equal(capsule_map_check(m, c, 0x20000864, 4, false, NULL, 0), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, c, 0x20003000, 1, true, NULL, 0), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, c, 0x40004000, 4, false, NULL, 0), CAPSULE_DENIED);
}

static void test_entered_grants(void **state)
{
    fixture_t *f = *state;
    capsule_map_t *m = f->m;
    /* The console's grant lives in its state (at +0xc); the mux's in its. */
    capsule_entered_t in[2] = {
        { CONSOLE_STATE + 0xc, 0x20003f88, 16 },
        { MUX + 4, 0x20003e00, 8 },
    };
    assert_int_equal(capsule_map_check(m, f->console, 0x20003f88, 4, true, in, 2), CAPSULE_GRANT);
    assert_int_equal(capsule_map_check(m, f->console, 0x20003f94, 4, false, in, 2), CAPSULE_GRANT);
    assert_int_equal(capsule_map_check(m, f->console, 0x20003f84, 4, true, in, 2), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, f->console, 0x20003f96, 4, true, in, 2), CAPSULE_DENIED);
    /* Not its grant, though entered (the mux's), and not entered at all. */
    assert_int_equal(capsule_map_check(m, f->console, 0x20003e00, 4, true, in, 2), CAPSULE_DENIED);
    assert_int_equal(capsule_map_check(m, f->uart_mux, 0x20003e04, 4, true, in, 2), CAPSULE_GRANT);
    assert_int_equal(capsule_map_check(m, f->console, 0x20003f88, 4, true, in, 0), CAPSULE_DENIED);
    /* A grant with no data: nothing to touch. */
    capsule_entered_t empty = { CONSOLE_STATE + 0xc, 0, 0 };
    assert_int_equal(capsule_map_check(m, f->console, 0, 1, false, &empty, 1), CAPSULE_FLASH);
    assert_int_equal(capsule_map_check(m, f->console, 0, 1, true, &empty, 1), CAPSULE_DENIED);
}

static void test_descriptions(void **state)
{
    fixture_t *f = *state;
    capsule_map_t *m = f->m;
    char buf[512];
    capsule_map_describe(m, &board_sim, CONSOLE_STATE + 0x4c, buf, sizeof buf);
    assert_string_equal(buf, "capsule 'console' state: console+0x4c");
    capsule_map_describe(m, &board_sim, DEV + 4, buf, sizeof buf);
    assert_string_equal(buf, "capsule 'uart_mux' state: console_dev");   /* no symbol */
    capsule_map_describe(m, &board_sim, 0x20000864, buf, sizeof buf);
    assert_string_equal(buf, "kernel .bss: ndrivers");
    capsule_map_describe(m, &board_sim, 0x20000810, buf, sizeof buf);
    assert_string_equal(buf, "kernel .data");
    capsule_map_describe(m, &board_sim, 0x20000100, buf, sizeof buf);
    assert_string_equal(buf, "kernel stack");
    capsule_map_describe(m, &board_sim, 0x20003000, buf, sizeof buf);
    assert_string_equal(buf, "app RAM");
    capsule_map_describe(m, &board_sim, 0x40010, buf, sizeof buf);
    assert_string_equal(buf, "app flash");
    capsule_map_describe(m, &board_sim, 0x40004008, buf, sizeof buf);
    assert_string_equal(buf, "peripheral uart0 +0x8");
    capsule_map_describe(m, &board_sim, 0xE000ED04, buf, sizeof buf);
    assert_string_equal(buf, "System Control Space");
    capsule_map_describe(m, NULL, 0x90000000, buf, sizeof buf);
    assert_string_equal(buf, "unmapped");

    capsule_entered_t in = { CONSOLE_STATE + 0xc, 0x20003f88, 16 };
    capsule_map_allowed(m, f->console, &in, 1, buf, sizeof buf);
    assert_string_equal(buf, "own state console 0x20000c00-0x20000cd0, "
                             "handed console_dev.hil 0x20000b00-0x20000b0c, "
                             "grant 0x20003f88-0x20003f98 (entered), "
                             "stack 0x20000000-0x20000800, kernel flash 0x00000000-0x00040000 (loads)");
    capsule_map_allowed(m, f->uart_mux, &in, 1, buf, sizeof buf);   /* not its grant */
    assert_null(strstr(buf, "grant"));
}

static void test_load_refuses_non_kernels(void **state)
{
    (void)state;
    char err[256];
    assert_null(capsule_map_load("/nonexistent.elf", NULL, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent.elf"));
    char path[] = "/tmp/test_capsule_map_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "not an elf", 10), 10);
    close(fd);
    assert_null(capsule_map_load(path, NULL, err, sizeof err));
    assert_non_null(strstr(err, "not an ELF"));
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_whose_code, setup, teardown),
        cmocka_unit_test_setup_teardown(test_own_and_handed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_handed_array_members, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stack_flash_and_the_rest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entered_grants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_descriptions, setup, teardown),
        cmocka_unit_test(test_load_refuses_non_kernels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
