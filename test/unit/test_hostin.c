/* test_hostin.c - stdin flow control: hostin_room allows HOSTIN_AHEAD
 * bytes ahead of a 115200-baud line, and hostin_poll never reads past the
 * cap it is given, so an endless stdin cannot hold up a run. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/hostin.h"

static void test_room_follows_the_line_rate(void **state)
{
    hostin_t h;
    memset(&h, 0, sizeof h);
    h.char_cycles = 10ull * 48000000 / HOSTIN_BAUD;   /* 4166 at 48 MHz */
    assert_int_equal(hostin_room(&h, 0), HOSTIN_AHEAD);
    h.fed = HOSTIN_AHEAD;
    assert_int_equal(hostin_room(&h, 0), 0);
    assert_int_equal(hostin_room(&h, 4165), 0);
    assert_int_equal(hostin_room(&h, 4166), 1);
    /* One virtual second at 48 MHz: 11522 characters of line time. */
    assert_int_equal(hostin_room(&h, 48000000), 48000000 / 4166);
    h.fed = HOSTIN_AHEAD + 100000;   /* fed more than allowed: no room, no wrap */
    assert_int_equal(hostin_room(&h, 48000000), 0);
}

static void test_poll_reads_at_most_cap_and_counts(void **state)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    static const char text[] = "0123456789";
    assert_int_equal(write(fds[1], text, 10), 10);
    hostin_t h;
    memset(&h, 0, sizeof h);
    h.fd = fds[0];
    h.active = true;
    h.char_cycles = 1;
    uint8_t buf[16];
    assert_int_equal(hostin_poll(&h, buf, 4, 0), 4);
    assert_memory_equal(buf, "0123", 4);
    assert_int_equal(h.fed, 4);
    assert_int_equal(hostin_poll(&h, buf, 0, 0), 0);   /* no room: nothing read */
    assert_int_equal(hostin_poll(&h, buf, sizeof buf, 0), 6);
    assert_int_equal(h.fed, 10);
    assert_int_equal(hostin_poll(&h, buf, sizeof buf, 0), 0);   /* empty, still open */
    assert_true(h.active);
    close(fds[1]);
    assert_int_equal(hostin_poll(&h, buf, sizeof buf, 0), 0);   /* EOF */
    assert_false(h.active);
    close(fds[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_room_follows_the_line_rate),
        cmocka_unit_test(test_poll_reads_at_most_cap_and_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
