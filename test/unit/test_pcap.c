/* test_pcap.c - the pcap writer: global header bytes, record layout
 * (timestamp split, lengths, data), little-endian whatever the host,
 * errors for a file that cannot be created. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sim/pcap.h"

static size_t contents(FILE *f, uint8_t *buf, size_t cap)
{
    fflush(f);
    rewind(f);
    return fread(buf, 1, cap, f);
}

static uint32_t le32(const uint8_t *b)
{
    return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void test_global_header(void **state)
{
    static const uint8_t want[24] = {
        0xd4, 0xc3, 0xb2, 0xa1,   /* magic, microseconds */
        0x02, 0x00, 0x04, 0x00,   /* version 2.4 */
        0, 0, 0, 0,               /* thiszone */
        0, 0, 0, 0,               /* sigfigs */
        0xff, 0xff, 0x00, 0x00,   /* snaplen 65535 */
        195, 0, 0, 0,             /* LINKTYPE_IEEE802_15_4_WITHFCS */
    };
    FILE *f = tmpfile();
    pcap_t p;
    uint8_t buf[64];
    assert_int_equal(pcap_open_stream(&p, f, PCAP_LINKTYPE_IEEE802_15_4_WITHFCS), 0);
    assert_int_equal(pcap_close(&p), 0);
    assert_int_equal(contents(f, buf, sizeof buf), 24);
    assert_memory_equal(buf, want, 24);
    fclose(f);
}

static void test_records(void **state)
{
    const uint8_t frame1[5] = {0x02, 0x00, 0x2a, 0x11, 0x22};
    uint8_t frame2[127];
    for (unsigned i = 0; i < sizeof frame2; i++)
        frame2[i] = (uint8_t)(i * 7);
    FILE *f = tmpfile();
    pcap_t p;
    uint8_t buf[512];
    pcap_open_stream(&p, f, PCAP_LINKTYPE_IEEE802_15_4_WITHFCS);
    pcap_write(&p, 12345678ull, frame1, sizeof frame1);       /* 12.345678 s */
    pcap_write(&p, 4000000000ull * 1000000ull + 999999ull, frame2, sizeof frame2);
    assert_int_equal(pcap_close(&p), 0);
    size_t n = contents(f, buf, sizeof buf);
    assert_int_equal(n, 24 + 16 + 5 + 16 + 127);
    const uint8_t *r = buf + 24;
    assert_int_equal(le32(r), 12);
    assert_int_equal(le32(r + 4), 345678);
    assert_int_equal(le32(r + 8), 5);          /* incl_len */
    assert_int_equal(le32(r + 12), 5);         /* orig_len */
    assert_memory_equal(r + 16, frame1, 5);
    r += 16 + 5;
    assert_int_equal(le32(r), 4000000000u);
    assert_int_equal(le32(r + 4), 999999);
    assert_int_equal(le32(r + 8), 127);
    assert_int_equal(le32(r + 12), 127);
    assert_memory_equal(r + 16, frame2, 127);
    fclose(f);
}

static void test_open_error(void **state)
{
    pcap_t p;
    char err[256];
    assert_int_equal(pcap_open(&p, "/nonexistent-dir/x.pcap", PCAP_LINKTYPE_IEEE802_15_4_WITHFCS,
                               err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent-dir/x.pcap: "));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_global_header),
        cmocka_unit_test(test_records),
        cmocka_unit_test(test_open_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
