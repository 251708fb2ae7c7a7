/* tbfpack: lay out TBF images as one app-flash image, for loaders that take
 * a single file (qemu-system-arm -device loader,file=apps.bin,addr=0x40000).
 *
 *   tbfpack -o apps.bin [--size N] a.tbf b.tbf ...
 *
 * The bytes are exactly those ctock-sim puts in its app flash for the same
 * TBF files (both use sim/app_flash.c): images in command-line order, a
 * power-of-two-sized one aligned to its size as an address in app flash at
 * 0x40000, gaps covered by disabled padding TBFs, and 0xFF like erased
 * flash up to --size (default 256 KiB, the board's app flash), so the
 * kernel's scan stops after the last image. Each input is checked as
 * ctock-sim checks it (a checksum mismatch is only a warning) and the
 * placement is printed on stdout. Exit status: 0, 1 on a bad or misfitting
 * image or an I/O error, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/app_flash.h"

#define USAGE "usage: tbfpack -o OUT.bin [--size N] APP.tbf...\n"

static int parse_size(const char *s, uint32_t *size)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (*s == '-' || *end || v == 0 || v > 0xFFFFFFFFull - APP_FLASH_BASE) {
        fprintf(stderr, "tbfpack: %s: bad --size\n", s);
        return -1;
    }
    *size = (uint32_t)v;
    return 0;
}

static void print_layout(const char *const *paths, const app_flash_slot_t *slots, int n)
{
    for (int i = 0; i < n; i++) {
        if (slots[i].pad_size)
            printf("tbfpack: +0x%05x %6u bytes (padding)\n", slots[i].pad_offset,
                   slots[i].pad_size);
        printf("tbfpack: +0x%05x %6u bytes %s\n", slots[i].offset, slots[i].size, paths[i]);
    }
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    uint32_t size = APP_FLASH_SIZE;
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-o") == 0 && first + 1 < argc) {
            out = argv[first + 1];
        } else if (strcmp(argv[first], "--size") == 0 && first + 1 < argc) {
            if (parse_size(argv[first + 1], &size) < 0)
                return 2;
        } else {
            fputs(USAGE, stderr);
            return 2;
        }
        first += 2;
    }
    int n = argc - first;
    if (!out || n < 1) {
        fputs(USAGE, stderr);
        return 2;
    }
    const char *const *paths = (const char *const *)argv + first;
    uint8_t *bin = malloc(size);
    app_flash_slot_t *slots = calloc((size_t)n, sizeof *slots);
    if (!bin || !slots) {
        fprintf(stderr, "tbfpack: %s: out of memory\n", out);
        return 1;
    }
    char err[512];
    if (app_flash_build("tbfpack", paths, n, APP_FLASH_BASE, bin, size, slots, err,
                        sizeof err) < 0) {
        fprintf(stderr, "tbfpack: %s\n", err);
        return 1;
    }
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(bin, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "tbfpack: %s: cannot write\n", out);
        return 1;
    }
    print_layout(paths, slots, n);
    free(bin);
    free(slots);
    return 0;
}
