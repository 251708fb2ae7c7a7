/*
 * loader.c - kernel ELF loading (libelf) and app TBF placement; see
 * loader.h for the flash layout. Everything goes through node_write_mem(),
 * which refuses addresses outside the board's memory map: that is how a
 * segment outside mapped memory is detected.
 *
 * Not done here: relocation (kernel images are linked for their address),
 * signature/credential checks (the kernel's job), the entry point (the core
 * takes SP and PC from the vector table on reset).
 */
#include "loader.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_IMAGE_BYTES (16u << 20)   /* no board has more flash than this */

static uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Writes len copies of byte at addr. */
static int fill_mem(node_t *n, uint32_t addr, uint8_t byte, uint64_t len)
{
    uint8_t chunk[1024];
    memset(chunk, byte, sizeof chunk);
    while (len > 0) {
        size_t k = len < sizeof chunk ? (size_t)len : sizeof chunk;
        if (node_write_mem(n, addr, chunk, k) < 0)
            return -1;
        addr += (uint32_t)k;
        len -= k;
    }
    return 0;
}

/* ---- kernel ELF ---------------------------------------------------------- */

static int elf_fail(char *err, size_t errlen, const char *path, const char *what)
{
    snprintf(err, errlen, "%s: %s", path, what);
    return -1;
}

static int load_segments(node_t *n, Elf *e, const char *path, char *err, size_t errlen)
{
    size_t size, nph;
    const uint8_t *raw = (const uint8_t *)elf_rawfile(e, &size);
    char msg[160];
    if (!raw || elf_getphdrnum(e, &nph) != 0)
        return elf_fail(err, errlen, path, "not a valid ELF file (no program headers)");
    int loaded = 0;
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph))
            return elf_fail(err, errlen, path, "not a valid ELF file (bad program header)");
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        if (ph.p_filesz > ph.p_memsz || ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
            return elf_fail(err, errlen, path, "truncated or corrupt ELF (segment beyond the file)");
        if ((uint64_t)ph.p_paddr + ph.p_memsz > 0x100000000ull ||
            node_write_mem(n, (uint32_t)ph.p_paddr, raw + ph.p_offset, ph.p_filesz) < 0 ||
            fill_mem(n, (uint32_t)(ph.p_paddr + ph.p_filesz), 0, ph.p_memsz - ph.p_filesz) < 0) {
            snprintf(msg, sizeof msg,
                     "segment at 0x%08llx (%llu bytes) lies outside the board's memory",
                     (unsigned long long)ph.p_paddr, (unsigned long long)ph.p_memsz);
            return elf_fail(err, errlen, path, msg);
        }
        loaded++;
    }
    if (!loaded)
        return elf_fail(err, errlen, path, "ELF has no loadable segments");
    return 0;
}

int node_load_elf(node_t *n, const char *path, char *err, size_t errlen)
{
    if (elf_version(EV_CURRENT) == EV_NONE)
        return elf_fail(err, errlen, path, "libelf initialisation failed");
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return elf_fail(err, errlen, path, strerror(errno));
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    int rc = -1;
    GElf_Ehdr eh;
    if (!e || elf_kind(e) != ELF_K_ELF) {
        elf_fail(err, errlen, path, "not an ELF file");
    } else if (!gelf_getehdr(e, &eh)) {
        elf_fail(err, errlen, path, "truncated or corrupt ELF header");
    } else if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_machine != EM_ARM) {
        elf_fail(err, errlen, path, "not a 32-bit ARM ELF (wrong class or machine)");
    } else if (eh.e_ident[EI_DATA] != ELFDATA2LSB) {
        elf_fail(err, errlen, path, "not a little-endian ELF");
    } else if (eh.e_type != ET_EXEC) {
        elf_fail(err, errlen, path, "not an executable ELF (relocatable or shared object?)");
    } else {
        rc = load_segments(n, e, path, err, errlen);
    }
    if (e)
        elf_end(e);
    close(fd);
    return rc;
}

/* ---- app TBF images -------------------------------------------------------- */

uint32_t loader_tbf_checksum(const uint8_t *hdr, size_t header_size)
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

int loader_check_tbf(const uint8_t *buf, size_t len, tbf_info_t *info, char *why,
                     size_t whylen)
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
    /* TLVs: type u16, length u16, value padded to 4 bytes; all inside the header. */
    for (size_t off = TBF_BASE_HEADER_SIZE; off < info->header_size;) {
        if (info->header_size - off < 4) {
            snprintf(why, whylen, "bad TBF header: partial TLV at offset %zu", off);
            return -1;
        }
        size_t vlen = (le16(buf + off + 2) + 3u) & ~3u;
        if (vlen > info->header_size - off - 4) {
            snprintf(why, whylen, "bad TBF header: TLV type %u at offset %zu runs past header_size %u",
                     le16(buf + off), off, info->header_size);
            return -1;
        }
        off += 4 + vlen;
    }
    info->checksum_computed = loader_tbf_checksum(buf, info->header_size);
    return 0;
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

/* A bare TBF v2 header (disabled) covering `size` bytes at addr, rest 0xFF. */
static int write_padding(node_t *n, uint32_t addr, uint32_t size)
{
    uint8_t h[TBF_BASE_HEADER_SIZE];
    put32(h, 2u | (uint32_t)TBF_BASE_HEADER_SIZE << 16);
    put32(h + 4, size);
    put32(h + 8, 0);
    put32(h + 12, loader_tbf_checksum(h, sizeof h));
    if (node_write_mem(n, addr, h, sizeof h) < 0)
        return -1;
    return fill_mem(n, addr + sizeof h, 0xFF, size - sizeof h);
}

int loader_load_apps(node_t *n, const char *const *paths, int count, uint32_t flash_base,
                     uint32_t flash_end, char *err, size_t errlen)
{
    if (flash_end <= flash_base || fill_mem(n, flash_base, 0xFF, flash_end - flash_base) < 0) {
        snprintf(err, errlen, "app flash 0x%08x-0x%08x is not in the board's memory",
                 flash_base, flash_end);
        return -1;
    }
    uint64_t cur = flash_base;
    for (int i = 0; i < count; i++) {
        const char *path = paths[i];
        size_t len;
        uint8_t *img = read_file(path, &len, err, errlen);
        if (!img)
            return -1;
        tbf_info_t info;
        char why[160];
        if (loader_check_tbf(img, len, &info, why, sizeof why) < 0) {
            snprintf(err, errlen, "%s: %s", path, why);
            free(img);
            return -1;
        }
        if (info.checksum != info.checksum_computed)
            fprintf(stderr,
                    "ctock-sim: %s: warning: TBF header checksum mismatch (stored 0x%08x, "
                    "computed 0x%08x); loading it anyway, the kernel decides\n",
                    path, info.checksum, info.checksum_computed);
        uint64_t addr = cur;
        if (is_pow2(info.total_size)) {
            addr = (cur + info.total_size - 1) & ~(uint64_t)(info.total_size - 1);
            if (addr > cur && addr - cur < TBF_BASE_HEADER_SIZE)
                addr += info.total_size;   /* leave room for a padding header */
        }
        if (addr + info.total_size > flash_end) {
            snprintf(err, errlen,
                     "%s: does not fit in app flash (%u bytes at 0x%08llx; app flash ends at "
                     "0x%08x)", path, info.total_size, (unsigned long long)addr, flash_end);
            free(img);
            return -1;
        }
        int rc = 0;
        if (addr > cur)
            rc = write_padding(n, (uint32_t)cur, (uint32_t)(addr - cur));
        if (rc == 0)
            rc = node_write_mem(n, (uint32_t)addr, img, info.total_size);
        free(img);
        if (rc < 0) {
            snprintf(err, errlen, "%s: cannot write the image to 0x%08llx", path,
                     (unsigned long long)addr);
            return -1;
        }
        cur = addr + info.total_size;
    }
    return 0;
}
