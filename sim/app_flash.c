/*
 * app_flash.c - TBF checks and the app flash layout; see app_flash.h for
 * the picture. Used by ctock-sim's loader and by tools/tbfpack, so it
 * depends on nothing but libc.
 */
#include "app_flash.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_IMAGE_BYTES (16u << 20)   /* no board has more flash than this */

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t tbf_checksum(const uint8_t *hdr, size_t header_size)
{
    uint32_t sum = 0;
    for (size_t off = 0; off < header_size; off += 4) {
        if (off == 12)
            continue;
        uint8_t w[4] = {0, 0, 0, 0};
        memcpy(w, hdr + off, header_size - off < 4 ? header_size - off : 4);
        sum ^= le32(w);
    }
    return sum;
}

/* TLVs: type u16, length u16, value padded to 4 bytes; all inside the header. */
static int check_tlvs(const uint8_t *buf, unsigned header_size, char *why, size_t whylen)
{
    for (size_t off = TBF_BASE_HEADER_SIZE; off < header_size;) {
        if (header_size - off < 4) {
            snprintf(why, whylen, "bad TBF header: partial TLV at offset %zu", off);
            return -1;
        }
        size_t vlen = (le16(buf + off + 2) + 3u) & ~3u;
        if (vlen > header_size - off - 4) {
            snprintf(why, whylen, "bad TBF header: TLV type %u at offset %zu runs past header_size %u",
                     le16(buf + off), off, header_size);
            return -1;
        }
        off += 4 + vlen;
    }
    return 0;
}

int tbf_check(const uint8_t *buf, size_t len, tbf_info_t *info, char *why, size_t whylen)
{
    if (len < TBF_BASE_HEADER_SIZE) {
        snprintf(why, whylen, "truncated TBF image (%zu bytes; the base header alone is 16)", len);
        return -1;
    }
    info->version = (uint16_t)le16(buf);
    info->header_size = (uint16_t)le16(buf + 2);
    info->total_size = le32(buf + 4);
    info->flags = le32(buf + 8);
    info->checksum = le32(buf + 12);
    if (info->version != 2) {
        snprintf(why, whylen, "not a TBF v2 image (header version %u)", info->version);
        return -1;
    }
    if (info->header_size < TBF_BASE_HEADER_SIZE || info->header_size > info->total_size) {
        snprintf(why, whylen, "bad TBF header: header_size %u, total_size %u",
                 info->header_size, info->total_size);
        return -1;
    }
    if (info->total_size % 4 != 0) {
        /* The kernel's walk goes from one TBF to the next by total_size and
         * reads word-aligned headers: a misaligned next header ends the walk
         * and every later app would be silently lost. */
        snprintf(why, whylen,
                 "bad TBF header: total_size %u is not a multiple of 4 (the next app would "
                 "be misaligned)", info->total_size);
        return -1;
    }
    if (info->total_size > len) {
        snprintf(why, whylen, "truncated TBF image: total_size is %u bytes, the file has %zu",
                 info->total_size, len);
        return -1;
    }
    if (info->total_size < len) {
        snprintf(why, whylen, "TBF total_size %u does not match the file size %zu",
                 info->total_size, len);
        return -1;
    }
    if (check_tlvs(buf, info->header_size, why, whylen) < 0)
        return -1;
    info->checksum_computed = tbf_checksum(buf, info->header_size);
    return 0;
}

void tbf_header_info(const uint8_t *hdr, unsigned header_size, char *name, size_t namelen,
                     uint32_t *protected_trailer)
{
    if (namelen)
        name[0] = 0;
    *protected_trailer = 0;
    for (size_t off = TBF_BASE_HEADER_SIZE; off + 4 <= header_size;) {
        unsigned type = le16(hdr + off), len = le16(hdr + off + 2);
        if (len > header_size - off - 4)
            break;
        if (type == 1 && len >= 8)
            *protected_trailer = le32(hdr + off + 8);
        if (type == 3 && namelen) {
            size_t n = len < namelen - 1 ? len : namelen - 1;
            memcpy(name, hdr + off + 4, n);
            name[n] = 0;
            name[strnlen(name, n)] = 0;   /* stop at padding NULs */
        }
        off += 4 + ((len + 3u) & ~3u);
    }
}

/* Reads a whole file (at most MAX_IMAGE_BYTES). NULL with err on failure. */
static uint8_t *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = malloc(MAX_IMAGE_BYTES + 1);
    size_t got = buf ? fread(buf, 1, MAX_IMAGE_BYTES + 1, f) : 0;
    bool bad = !buf || ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: cannot read the file", path);
        free(buf);
        return NULL;
    }
    if (got > MAX_IMAGE_BYTES) {
        snprintf(err, errlen, "%s: file too large for an app image (over 16 MiB)", path);
        free(buf);
        return NULL;
    }
    *len = got;
    return buf;
}

static bool is_pow2(uint32_t v) { return v && !(v & (v - 1)); }

/* Address for an image of total_size bytes at or after cur: aligned to its
 * size if that is a power of two, leaving either no gap or room for a
 * padding header. */
static uint64_t place(uint64_t cur, uint32_t total_size)
{
    if (!is_pow2(total_size))
        return cur;
    uint64_t addr = (cur + total_size - 1) & ~(uint64_t)(total_size - 1);
    if (addr > cur && addr - cur < TBF_BASE_HEADER_SIZE)
        addr += total_size;
    return addr;
}

/* A bare TBF v2 header (disabled) covering gap bytes at p, the rest 0xFF. */
static void put_padding(uint8_t *p, uint32_t gap)
{
    put32(p, 2u | (uint32_t)TBF_BASE_HEADER_SIZE << 16);
    put32(p + 4, gap);
    put32(p + 8, 0);
    put32(p + 12, tbf_checksum(p, TBF_BASE_HEADER_SIZE));
    memset(p + TBF_BASE_HEADER_SIZE, 0xFF, gap - TBF_BASE_HEADER_SIZE);
}

/* Checks one file and copies it in at the next slot after *cur. */
static int add_app(const char *prog, const char *path, uint32_t base, uint8_t *out,
                   uint32_t size, uint64_t *cur, app_flash_slot_t *slot, char *err,
                   size_t errlen)
{
    size_t len;
    uint8_t *img = read_file(path, &len, err, errlen);
    if (!img)
        return -1;
    tbf_info_t info;
    char why[160];
    if (tbf_check(img, len, &info, why, sizeof why) < 0) {
        snprintf(err, errlen, "%s: %s", path, why);
        free(img);
        return -1;
    }
    if (info.checksum != info.checksum_computed)
        fprintf(stderr,
                "%s: %s: warning: TBF header checksum mismatch (stored 0x%08x, "
                "computed 0x%08x); loading it anyway, the kernel decides\n",
                prog, path, info.checksum, info.checksum_computed);
    uint64_t end = (uint64_t)base + size;
    uint64_t addr = place(*cur, info.total_size);
    if (addr + info.total_size > end) {
        snprintf(err, errlen,
                 "%s: does not fit in app flash (%u bytes at 0x%08llx; app flash ends at "
                 "0x%08llx)", path, info.total_size, (unsigned long long)addr,
                 (unsigned long long)end);
        free(img);
        return -1;
    }
    *slot = (app_flash_slot_t){.offset = (uint32_t)(addr - base), .size = info.total_size,
                               .pad_offset = (uint32_t)(*cur - base)};
    if (addr > *cur) {
        slot->pad_size = (uint32_t)(addr - *cur);
        put_padding(out + slot->pad_offset, slot->pad_size);
    }
    memcpy(out + slot->offset, img, info.total_size);
    free(img);
    *cur = addr + info.total_size;
    return 0;
}

int app_flash_build(const char *prog, const char *const *paths, int count, uint32_t base,
                    uint8_t *out, uint32_t size, app_flash_slot_t *slots, char *err,
                    size_t errlen)
{
    memset(out, 0xFF, size);
    uint64_t cur = base;
    for (int i = 0; i < count; i++) {
        app_flash_slot_t slot;
        if (add_app(prog, paths[i], base, out, size, &cur, &slot, err, errlen) < 0)
            return -1;
        if (slots)
            slots[i] = slot;
    }
    return 0;
}
