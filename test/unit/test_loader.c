/* test_loader.c - loader_load_apps end to end on a faked node (alignment,
 * padding TBF, 0xFF fill, checksum warning still loads), ELF rejection.
 * The node is faked: node_write_mem writes into a local flash array. */
#define _DEFAULT_SOURCE   /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/loader.h"

#define FLASH_BASE 0x40000u
#define FLASH_END  0x80000u
static uint8_t flash[FLASH_END];
static int writes;

int node_write_mem(node_t *n, uint32_t addr, const void *data, size_t len)
{
    (void)n;
    if (addr < FLASH_BASE || addr > FLASH_END || len > FLASH_END - addr)
        return -1;
    memcpy(flash + addr, data, len);
    writes++;
    return 0;
}

int node_read_mem(node_t *n, uint32_t addr, void *data, size_t len)
{
    (void)n;
    if (addr > FLASH_END || len > FLASH_END - addr)
        return -1;
    memcpy(data, flash + addr, len);
    return 0;
}

static char dir[] = "/tmp/ctock_loader_XXXXXX";
static char err[512];

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Writes a TBF of total_size bytes with a 24-byte header (one 4-byte TLV). */
static const char *make_tbf(const char *name, uint32_t total, bool good_sum, uint8_t fillb)
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
    put32(b + 16, 5u | 4u << 16);   /* TLV type 5, 4 bytes */
    put32(b + 20, 0x12345678);
    put32(b + 12, tbf_checksum(b, 24) ^ (good_sum ? 0 : 1));
    FILE *f = fopen(p, "wb");
    fwrite(b, 1, total, f);
    fclose(f);
    free(b);
    return p;
}

static uint32_t rd32(uint32_t a)
{
    return flash[a] | flash[a + 1] << 8 | flash[a + 2] << 16 | (uint32_t)flash[a + 3] << 24;
}

static int setup(void **state)
{
    memset(flash, 0, sizeof flash);
    writes = 0;
    err[0] = 0;
    return 0;
}

static int load(int count, const char **paths)
{
    return loader_load_apps(NULL, paths, count, FLASH_BASE, FLASH_END, NULL, err, sizeof err);
}

static void test_back_to_back_and_erased_tail(void **state)
{
    const char *p[] = {make_tbf("a.tbf", 1000, true, 0xAA), make_tbf("b.tbf", 500, true, 0xBB)};
    assert_int_equal(load(2, p), 0);
    assert_int_equal(rd32(FLASH_BASE + 4), 1000);
    assert_int_equal(flash[FLASH_BASE + 999], 0xAA);
    assert_int_equal(rd32(FLASH_BASE + 1000 + 4), 500);   /* not a power of two: no gap */
    assert_int_equal(flash[FLASH_BASE + 1499], 0xBB);
    for (uint32_t a = FLASH_BASE + 1500; a < FLASH_END; a++)
        if (flash[a] != 0xFF)
            fail_msg("flash at 0x%x is 0x%02x, want erased 0xFF", a, flash[a]);
    assert_int_equal(writes, 1);   /* the whole app flash image in one write */
}

static void test_power_of_two_alignment_with_padding(void **state)
{
    const char *p[] = {make_tbf("a.tbf", 1000, true, 0xAA), make_tbf("p.tbf", 4096, true, 0xCC)};
    assert_int_equal(load(2, p), 0);
    uint32_t at = FLASH_BASE + 4096;                     /* aligned to 4096 */
    assert_int_equal(rd32(at + 4), 4096);
    assert_int_equal(flash[at + 4095], 0xCC);
    /* padding TBF from 1000 to 4096: v2, 16-byte header, disabled, valid sum */
    uint32_t pad = FLASH_BASE + 1000;
    assert_int_equal(rd32(pad), 2u | 16u << 16);
    assert_int_equal(rd32(pad + 4), 4096 - 1000);
    assert_int_equal(rd32(pad + 8), 0);
    assert_int_equal(rd32(pad + 12), tbf_checksum(flash + pad, 16));
    assert_int_equal(flash[pad + 16], 0xFF);
}

static void test_tiny_gap_skips_to_next_slot(void **state)
{
    const char *p[] = {make_tbf("a.tbf", 2040, true, 0xAA), make_tbf("q.tbf", 2048, true, 0xCC)};
    assert_int_equal(load(2, p), 0);
    /* 8-byte gap cannot hold a padding header: the app moves one slot on. */
    assert_int_equal(rd32(FLASH_BASE + 4096 + 4), 2048);
    assert_int_equal(rd32(FLASH_BASE + 2040 + 4), 4096 - 2040);
}

static void test_bad_checksum_is_loaded(void **state)
{
    const char *p[] = {make_tbf("bad.tbf", 256, false, 0xAA)};
    assert_int_equal(load(1, p), 0);
    assert_int_equal(rd32(FLASH_BASE + 4), 256);
    assert_int_not_equal(rd32(FLASH_BASE + 12), tbf_checksum(flash + FLASH_BASE, 24));
}

static void expect_fail(const char *path, const char *needle)
{
    const char *p[] = {path};
    assert_int_equal(load(1, p), -1);
    if (!strstr(err, needle) || !strstr(err, strrchr(path, '/') + 1) || strchr(err, '\n'))
        fail_msg("error '%s' lacks '%s' or the file name", err, needle);
}

static void write_bytes(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
}

static void test_structural_errors(void **state)
{
    char path[300];
    uint8_t b[64] = {0};
    snprintf(path, sizeof path, "%s/zero.tbf", dir);
    write_bytes(path, b, 64);
    expect_fail(path, "not a TBF v2");

    snprintf(path, sizeof path, "%s/tiny.tbf", dir);
    write_bytes(path, b, 10);
    expect_fail(path, "truncated");

    put32(b, 2u | 16u << 16);
    put32(b + 4, 100);
    snprintf(path, sizeof path, "%s/short.tbf", dir);
    write_bytes(path, b, 64);
    expect_fail(path, "truncated");

    put32(b + 4, 32);
    snprintf(path, sizeof path, "%s/long.tbf", dir);
    write_bytes(path, b, 64);
    expect_fail(path, "does not match");

    put32(b, 2u | 80u << 16);   /* header larger than the image */
    put32(b + 4, 64);
    snprintf(path, sizeof path, "%s/hdr.tbf", dir);
    write_bytes(path, b, 64);
    expect_fail(path, "header_size");

    put32(b, 2u | 24u << 16);
    put32(b + 16, 1u | 40u << 16);   /* TLV longer than the header */
    snprintf(path, sizeof path, "%s/tlv.tbf", dir);
    write_bytes(path, b, 64);
    expect_fail(path, "TLV");

    snprintf(path, sizeof path, "%s/missing.tbf", dir);
    expect_fail(path, "No such file");
}

static void test_flash_overflow(void **state)
{
    const char *big = make_tbf("big.tbf", 200000, true, 0x11);
    const char *p[] = {big, big};
    assert_int_equal(load(2, p), -1);
    assert_non_null(strstr(err, "flash"));
    assert_non_null(strstr(err, "big.tbf"));
    assert_int_equal(writes, 0);   /* nothing half-loaded */
}

static void test_elf_rejections(void **state)
{
    char path[300];
    snprintf(path, sizeof path, "%s/random.elf", dir);
    write_bytes(path, "garbage that is no elf", 22);
    assert_int_equal(node_load_elf(NULL, path, err, sizeof err), -1);
    assert_non_null(strstr(err, "random.elf"));
    assert_non_null(strstr(err, "not an ELF"));
    /* This test program itself: a host ELF, not 32-bit ARM. */
    assert_int_equal(node_load_elf(NULL, "/proc/self/exe", err, sizeof err), -1);
    assert_non_null(strstr(err, "ARM"));
    assert_int_equal(node_load_elf(NULL, "/nonexistent/k.elf", err, sizeof err), -1);
    assert_non_null(strstr(err, "k.elf"));
    assert_int_equal(writes, 0);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_back_to_back_and_erased_tail, setup),
        cmocka_unit_test_setup(test_power_of_two_alignment_with_padding, setup),
        cmocka_unit_test_setup(test_tiny_gap_skips_to_next_slot, setup),
        cmocka_unit_test_setup(test_bad_checksum_is_loaded, setup),
        cmocka_unit_test_setup(test_structural_errors, setup),
        cmocka_unit_test_setup(test_flash_overflow, setup),
        cmocka_unit_test_setup(test_elf_rejections, setup),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return rc;
}
