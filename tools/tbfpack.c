/* tbfpack: lay out TBF images as one app-flash image, for loaders that take
 * a single file (qemu-system-arm -device loader,file=apps.bin,addr=0x40000).
 *
 *   tbfpack -o apps.bin [--size N] a.tbf b.tbf ...
 *
 * Each TBF's total_size is a power of two and the MPU needs the image
 * aligned to it, so images are placed largest first (stable for equal
 * sizes): from an aligned start every later, smaller image is then aligned
 * too, with no gaps. The rest of the output, up to --size (default 256 KiB,
 * the board's app flash), is 0xFF like erased flash, so the kernel's scan
 * stops after the last image. Each input's base header is checked (version,
 * sizes, checksum) and the placement is printed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct image {
    const char *path;
    uint8_t *data;
    uint32_t size; /* total_size */
    int order;
};

static void __attribute__((noreturn)) die(const char *path, const char *msg)
{
    fprintf(stderr, "tbfpack: %s: %s\n", path, msg);
    exit(1);
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void load(struct image *im)
{
    FILE *f = fopen(im->path, "rb");
    if (!f)
        die(im->path, strerror(errno));
    uint8_t hdr[16];
    if (fread(hdr, 1, 16, f) != 16)
        die(im->path, "shorter than a TBF base header");
    uint32_t version = hdr[0] | hdr[1] << 8, hsize = hdr[2] | hdr[3] << 8;
    im->size = get32(hdr + 4);
    if (version != 2)
        die(im->path, "not a TBF v2 image");
    if (hsize < 16 || hsize % 4 || hsize > im->size)
        die(im->path, "bad header_size");
    if (im->size & (im->size - 1))
        die(im->path, "total_size is not a power of two");
    im->data = malloc(im->size);
    if (!im->data)
        die(im->path, "out of memory");
    memcpy(im->data, hdr, 16);
    if (fread(im->data + 16, 1, im->size - 16, f) != im->size - 16)
        die(im->path, "file is shorter than its total_size");
    fclose(f);
    uint32_t sum = 0;
    for (uint32_t i = 0; i < hsize; i += 4)
        if (i != 12)
            sum ^= get32(im->data + i);
    if (sum != get32(im->data + 12))
        die(im->path, "header checksum mismatch");
}

static int larger_first(const void *a, const void *b)
{
    const struct image *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return x->order - y->order;
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    unsigned long flash = 256 * 1024;
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "-o") == 0 && first + 1 < argc) {
            out = argv[first + 1];
        } else if (strcmp(argv[first], "--size") == 0 && first + 1 < argc) {
            char *end;
            flash = strtoul(argv[first + 1], &end, 0);
            if (*end || flash == 0)
                die(argv[first + 1], "bad --size");
        } else {
            fprintf(stderr, "usage: tbfpack -o OUT.bin [--size N] APP.tbf...\n");
            return 2;
        }
        first += 2;
    }
    int n = argc - first;
    if (!out || n < 1) {
        fprintf(stderr, "usage: tbfpack -o OUT.bin [--size N] APP.tbf...\n");
        return 2;
    }
    struct image *im = calloc((size_t)n, sizeof *im);
    for (int i = 0; i < n; i++) {
        im[i].path = argv[first + i];
        im[i].order = i;
        load(&im[i]);
    }
    qsort(im, (size_t)n, sizeof *im, larger_first);

    uint8_t *bin = malloc(flash);
    if (!bin)
        die(out, "out of memory");
    memset(bin, 0xFF, flash);
    unsigned long pos = 0;
    for (int i = 0; i < n; i++) {
        if (pos + im[i].size > flash)
            die(im[i].path, "does not fit in the app flash size");
        memcpy(bin + pos, im[i].data, im[i].size);
        printf("tbfpack: +0x%05lx %6u bytes %s\n", pos, im[i].size, im[i].path);
        pos += im[i].size;
    }
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(bin, 1, flash, f) != flash || fclose(f) != 0)
        die(out, "cannot write");
    return 0;
}
