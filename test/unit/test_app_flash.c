/* test_app_flash.c - the app flash layout shared by ctock-sim and tbfpack:
 * exact bytes and addresses for padding gaps, gaps too small for a padding
 * header, alignment by address, exact fit and overflow, bad TBFs (messages
 * "<file>: <problem>"), and the checksum warning with the caller's name. */
#define _DEFAULT_SOURCE   /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/app_flash.h"

#define SIZE APP_FLASH_SIZE
static uint8_t out[SIZE];
static uint8_t want[SIZE];
static app_flash_slot_t slots[8];
static char dir[] = "/tmp/ctock_app_flash_XXXXXX";
static char err[512];

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void write_bytes(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
}

/* A TBF of total bytes (24-byte header with one TLV, body filled with fillb)
 * written to dir/name; its bytes are also returned in img (if not NULL). */
static const char *make_tbf(const char *name, uint32_t total, bool good_sum, uint8_t fillb,
                            uint8_t *img)
{
    static char paths[8][300];
    static int k;
    char *p = paths[k++ % 8];
    snprintf(p, 300, "%s/%s", dir, name);
    uint8_t *b = malloc(total);
    memset(b, fillb, total);
    put32(b, 2u | 24u << 16);
    put32(b + 4, total);
    put32(b + 8, 1);
    put32(b + 16, 5u | 4u << 16);
    put32(b + 20, 0x12345678);
    put32(b + 12, tbf_checksum(b, 24) ^ (good_sum ? 0 : 1));
    write_bytes(p, b, total);
    if (img)
        memcpy(img, b, total);
    free(b);
    return p;
}

/* The padding TBF app_flash must write, built by hand: v2, header_size 16,
 * total_size gap, flags 0, checksum = XOR of those three words. */
static void want_padding(uint32_t off, uint32_t gap)
{
    uint32_t w0 = 2u | 16u << 16;
    put32(want + off, w0);
    put32(want + off + 4, gap);
    put32(want + off + 8, 0);
    put32(want + off + 12, w0 ^ gap);
    memset(want + off + 16, 0xFF, gap - 16);
}

static void assert_image(const uint8_t *exp)
{
    for (uint32_t i = 0; i < SIZE; i++)
        if (out[i] != exp[i])
            fail_msg("byte +0x%05x is 0x%02x, want 0x%02x", i, out[i], exp[i]);
}

static void assert_slot(int i, uint32_t offset, uint32_t size, uint32_t pad_offset,
                        uint32_t pad_size)
{
    assert_int_equal(slots[i].offset, offset);
    assert_int_equal(slots[i].size, size);
    assert_int_equal(slots[i].pad_offset, pad_offset);
    assert_int_equal(slots[i].pad_size, pad_size);
}

static int build(int count, const char **paths)
{
    return app_flash_build("test", paths, count, APP_FLASH_BASE, out, SIZE, slots, err,
                           sizeof err);
}

static int setup(void **state)
{
    memset(out, 0x5A, sizeof out);   /* every byte must be overwritten */
    memset(want, 0xFF, sizeof want);
    memset(slots, 0xEE, sizeof slots);
    err[0] = 0;
    return 0;
}

static void test_no_apps_is_erased_flash(void **state)
{
    assert_int_equal(build(0, NULL), 0);
    assert_image(want);
}

/* The hello (2 KiB) + blink (8 KiB) shape: blink must start at 0x2000. */
static void test_2k_then_8k_padding_gap(void **state)
{
    const char *p[] = {make_tbf("a.tbf", 0x800, true, 0xAA, want),
                       make_tbf("b.tbf", 0x2000, true, 0xBB, want + 0x2000)};
    want_padding(0x800, 0x1800);
    assert_int_equal(build(2, p), 0);
    assert_image(want);
    assert_slot(0, 0, 0x800, 0, 0);
    assert_slot(1, 0x2000, 0x2000, 0x800, 0x1800);
    /* The padding header is a valid, disabled TBF. */
    tbf_info_t info;
    char why[160];
    assert_int_equal(tbf_check(out + 0x800, 0x1800, &info, why, sizeof why), 0);
    assert_int_equal(info.flags, 0);
    assert_int_equal(info.checksum, info.checksum_computed);
}

static void test_command_line_order_not_largest_first(void **state)
{
    const char *p[] = {make_tbf("s.tbf", 0x400, true, 0x11, want),
                       make_tbf("l.tbf", 0x1000, true, 0x22, want + 0x1000),
                       make_tbf("t.tbf", 0x400, true, 0x33, want + 0x2000)};
    want_padding(0x400, 0xC00);
    assert_int_equal(build(3, p), 0);
    assert_image(want);
    assert_slot(2, 0x2000, 0x400, 0x2000, 0);
}

static void test_gap_under_16_bytes_skips_a_slot(void **state)
{
    /* 2040 + 8 bytes of gap before 2048: no room for a header, so the
     * 2 KiB image goes to 4096 and the padding covers 2040..4096. */
    const char *p[] = {make_tbf("a.tbf", 2040, true, 0xAA, want),
                       make_tbf("q.tbf", 2048, true, 0xCC, want + 4096)};
    want_padding(2040, 4096 - 2040);
    assert_int_equal(build(2, p), 0);
    assert_image(want);
    assert_slot(1, 4096, 2048, 2040, 2056);
}

static void test_gap_of_exactly_16_bytes(void **state)
{
    const char *p[] = {make_tbf("a.tbf", 2032, true, 0xAA, want),
                       make_tbf("q.tbf", 2048, true, 0xCC, want + 2048)};
    want_padding(2032, 16);
    assert_int_equal(build(2, p), 0);
    assert_image(want);
    assert_slot(1, 2048, 2048, 2032, 16);
}

static void test_alignment_is_by_address(void **state)
{
    /* At base 0x40800 a 4 KiB image cannot go at offset 0 (address
     * 0x40800); it goes to 0x41000, offset 0x800, behind a padding TBF. */
    const char *p[] = {make_tbf("f.tbf", 4096, true, 0x44, want + 0x800)};
    want_padding(0, 0x800);
    assert_int_equal(app_flash_build("test", p, 1, APP_FLASH_BASE + 0x800, out, SIZE, slots,
                                     err, sizeof err), 0);
    assert_image(want);
    assert_slot(0, 0x800, 4096, 0, 0x800);
}

static void test_exact_fit_and_overflow(void **state)
{
    const char *whole[] = {make_tbf("whole.tbf", SIZE, true, 0x77, want)};
    assert_int_equal(build(1, whole), 0);
    assert_image(want);

    const char *half = make_tbf("half.tbf", SIZE / 2, true, 0x11, NULL);
    const char *odd = make_tbf("odd.tbf", 28, true, 0x22, NULL);
    const char *over[] = {half, half, odd};
    assert_int_equal(build(3, over), -1);
    char exp[512];
    snprintf(exp, sizeof exp, "%s: does not fit in app flash (28 bytes at 0x00080000; app "
             "flash ends at 0x00080000)", odd);
    assert_string_equal(err, exp);

    /* Alignment alone pushes it out: 1000 bytes, then 128 KiB at 128 KiB
     * and another 128 KiB that would need 256 KiB. */
    const char *small = make_tbf("small.tbf", 1000, true, 0x33, NULL);
    const char *over2[] = {small, half, half};
    assert_int_equal(build(3, over2), -1);
    snprintf(exp, sizeof exp, "%s: does not fit in app flash (131072 bytes at 0x00080000; "
             "app flash ends at 0x00080000)", half);
    assert_string_equal(err, exp);
}

/* expect_error NAME BYTES LEN PROBLEM: err is exactly "<path>: PROBLEM". */
static void expect_error(const char *name, const void *b, size_t n, const char *problem)
{
    char path[300], exp[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (b)
        write_bytes(path, b, n);
    const char *p[] = {make_tbf("ok.tbf", 256, true, 0x10, NULL), path};
    assert_int_equal(build(2, p), -1);
    snprintf(exp, sizeof exp, "%s: %s", path, problem);
    assert_string_equal(err, exp);
}

static void test_bad_tbfs(void **state)
{
    uint8_t b[64] = {0};
    expect_error("tiny.tbf", b, 10,
                 "truncated TBF image (10 bytes; the base header alone is 16)");
    expect_error("zero.tbf", b, 64, "not a TBF v2 image (header version 0)");
    put32(b, 2u | 16u << 16);
    put32(b + 4, 100);
    expect_error("short.tbf", b, 64,
                 "truncated TBF image: total_size is 100 bytes, the file has 64");
    put32(b + 4, 32);
    expect_error("long.tbf", b, 64, "TBF total_size 32 does not match the file size 64");
    put32(b, 2u | 80u << 16);
    put32(b + 4, 64);
    expect_error("hdr.tbf", b, 64, "bad TBF header: header_size 80, total_size 64");
    put32(b, 2u | 24u << 16);
    put32(b + 16, 1u | 40u << 16);
    expect_error("tlv.tbf", b, 64,
                 "bad TBF header: TLV type 1 at offset 16 runs past header_size 24");
    put32(b, 2u | 18u << 16);
    expect_error("part.tbf", b, 64, "bad TBF header: partial TLV at offset 16");
    /* total_size not a multiple of 4: the next header would be misaligned. */
    uint8_t odd[66] = {0};
    put32(odd, 2u | 16u << 16);
    put32(odd + 4, 66);
    expect_error("odd.tbf", odd, 66,
                 "bad TBF header: total_size 66 is not a multiple of 4 (the next app would be "
                 "misaligned)");
    put32(odd + 4, 63);
    expect_error("odd3.tbf", odd, 63,
                 "bad TBF header: total_size 63 is not a multiple of 4 (the next app would be "
                 "misaligned)");
    expect_error("missing.tbf", NULL, 0, "No such file or directory");
}

/* Runs a build with stderr sent to a file; returns what was written. */
static char *build_capturing_stderr(const char *prog, int count, const char **paths, int *rc)
{
    static char text[2048];
    char path[300];
    snprintf(path, sizeof path, "%s/stderr.txt", dir);
    fflush(stderr);
    int saved = dup(2);
    FILE *f = fopen(path, "w+");
    assert_non_null(f);
    dup2(fileno(f), 2);
    *rc = app_flash_build(prog, paths, count, APP_FLASH_BASE, out, SIZE, slots, err,
                          sizeof err);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = 0;
    fclose(f);
    return text;
}

static void test_checksum_mismatch_warns_and_places(void **state)
{
    const char *p[] = {make_tbf("bad.tbf", 512, false, 0xAA, want)};
    uint32_t stored = rd32(want + 12);
    int rc;
    char *text = build_capturing_stderr("tbfpack", 1, p, &rc);
    assert_int_equal(rc, 0);
    assert_image(want);   /* placed as it is, bad checksum and all */
    char exp[600];
    snprintf(exp, sizeof exp,
             "tbfpack: %s: warning: TBF header checksum mismatch (stored 0x%08x, computed "
             "0x%08x); loading it anyway, the kernel decides\n",
             p[0], stored, stored ^ 1);
    assert_string_equal(text, exp);

    const char *good[] = {make_tbf("good.tbf", 512, true, 0xAA, NULL)};
    text = build_capturing_stderr("ctock-sim", 1, good, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(text, "");
}

static void test_checksum_of_partial_word(void **state)
{
    /* A header_size that is not a multiple of 4 is zero-padded. */
    uint8_t h[18] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xFF, 0xFF, 0xFF, 0xFF, 0x34, 0x12};
    assert_int_equal(tbf_checksum(h, sizeof h),
                     0x04030201u ^ 0x08070605u ^ 0x0C0B0A09u ^ 0x00001234u);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_no_apps_is_erased_flash, setup),
        cmocka_unit_test_setup(test_2k_then_8k_padding_gap, setup),
        cmocka_unit_test_setup(test_command_line_order_not_largest_first, setup),
        cmocka_unit_test_setup(test_gap_under_16_bytes_skips_a_slot, setup),
        cmocka_unit_test_setup(test_gap_of_exactly_16_bytes, setup),
        cmocka_unit_test_setup(test_alignment_is_by_address, setup),
        cmocka_unit_test_setup(test_exact_fit_and_overflow, setup),
        cmocka_unit_test_setup(test_bad_tbfs, setup),
        cmocka_unit_test_setup(test_checksum_mismatch_warns_and_places, setup),
        cmocka_unit_test_setup(test_checksum_of_partial_word, setup),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return rc;
}
