/*
 * loader.c - kernel ELF loading (libelf) and app flash loading (the image
 * is built by app_flash.c). Everything goes through node_write_mem(),
 * which refuses addresses outside the board's memory map: that is how a
 * segment outside mapped memory is detected.
 *
 * Refused besides a malformed file: PT_LOAD segments that overlap (by
 * physical address and memsz, as QEMU's loader judges them), and a vector
 * table whose reset PC has the Thumb bit clear or lies outside the loaded
 * bytes, or whose initial SP is not in writable mapped memory.
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

/* One PT_LOAD segment as the loader places it: [paddr, paddr + memsz). */
typedef struct seg {
    uint32_t paddr, vaddr, filesz, memsz, flags;
    const uint8_t *data;
} seg_t;

#define MAX_SEGS 64

/* Reads and checks the PT_LOAD segments (non-empty ones) into segs. */
static int read_segments(Elf *e, const char *path, seg_t *segs, int *count, char *err,
                         size_t errlen)
{
    size_t size, nph;
    const uint8_t *raw = (const uint8_t *)elf_rawfile(e, &size);
    char msg[200];
    if (!raw || elf_getphdrnum(e, &nph) != 0)
        return elf_fail(err, errlen, path, "not a valid ELF file (no program headers)");
    int k = 0;
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph))
            return elf_fail(err, errlen, path, "not a valid ELF file (bad program header)");
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        if (ph.p_filesz > ph.p_memsz || ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
            return elf_fail(err, errlen, path, "truncated or corrupt ELF (segment beyond the file)");
        if ((uint64_t)ph.p_paddr + ph.p_memsz > 0x100000000ull) {
            snprintf(msg, sizeof msg,
                     "segment at 0x%08llx (%llu bytes) lies outside the board's memory",
                     (unsigned long long)ph.p_paddr, (unsigned long long)ph.p_memsz);
            return elf_fail(err, errlen, path, msg);
        }
        if (k >= MAX_SEGS)
            return elf_fail(err, errlen, path, "too many loadable segments (over 64)");
        segs[k++] = (seg_t){(uint32_t)ph.p_paddr, (uint32_t)ph.p_vaddr, (uint32_t)ph.p_filesz,
                            (uint32_t)ph.p_memsz, (uint32_t)ph.p_flags, raw + ph.p_offset};
    }
    if (!k)
        return elf_fail(err, errlen, path, "ELF has no loadable segments");
    *count = k;
    return 0;
}

/* Two segments loaded over each other: whichever is written last wins, so
 * the image is not what the linker meant (QEMU's loader refuses it too). */
static int check_overlaps(const seg_t *s, int count, const char *path, char *err,
                          size_t errlen)
{
    char msg[200];
    for (int i = 0; i < count; i++) {
        for (int j = i + 1; j < count; j++) {
            uint64_t a0 = s[i].paddr, a1 = a0 + s[i].memsz;
            uint64_t b0 = s[j].paddr, b1 = b0 + s[j].memsz;
            if (a0 < b1 && b0 < a1) {
                snprintf(msg, sizeof msg,
                         "loadable segments overlap: 0x%08x-0x%08x and 0x%08x-0x%08x",
                         s[i].paddr, (uint32_t)(a1 - 1), s[j].paddr, (uint32_t)(b1 - 1));
                return elf_fail(err, errlen, path, msg);
            }
        }
    }
    return 0;
}

/* The segment whose loaded bytes [paddr, paddr + filesz) hold [addr, addr + len). */
static const seg_t *seg_holding(const seg_t *s, int count, uint32_t addr, uint32_t len)
{
    for (int i = 0; i < count; i++)
        if (addr >= s[i].paddr && (uint64_t)addr + len <= (uint64_t)s[i].paddr + s[i].filesz)
            return &s[i];
    return NULL;
}

/* The core takes SP and PC from the vector table at VTOR = 0 on reset
 * (ARMv7-M B1.5.5). A reset PC with bit 0 clear would HardFault (INVSTATE)
 * before the first instruction, an SP outside RAM on the first push, and a
 * PC outside the image runs erased flash: all are build mistakes, so they
 * are reported here, naming the file, instead of as a lockup. */
static int check_vectors(node_t *n, const seg_t *s, int count, const char *path, char *err,
                         size_t errlen)
{
    char msg[200];
    const seg_t *v = seg_holding(s, count, 0, 8);
    if (!v)
        return elf_fail(err, errlen, path,
                        "no vector table at 0x00000000 (no segment loads the initial SP and PC)");
    const uint8_t *p = v->data + (0 - v->paddr);
    uint32_t sp = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                  (uint32_t)p[3] << 24;
    uint32_t pc = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 |
                  (uint32_t)p[7] << 24;
    if (!(pc & 1)) {
        snprintf(msg, sizeof msg,
                 "reset vector 0x%08x has the Thumb bit (bit 0) clear; the core would "
                 "HardFault at reset", pc);
        return elf_fail(err, errlen, path, msg);
    }
    if (!seg_holding(s, count, pc & ~1u, 2)) {
        snprintf(msg, sizeof msg, "reset vector 0x%08x does not point into the loaded image",
                 pc);
        return elf_fail(err, errlen, path, msg);
    }
    uint8_t probe[4];
    const seg_t *ss = sp >= 4 ? seg_holding(s, count, sp - 4, 4) : NULL;
    if (sp < 4 || node_read_mem(n, sp - 4, probe, sizeof probe) < 0 ||
        (ss && !(ss->flags & PF_W))) {
        snprintf(msg, sizeof msg, "initial SP 0x%08x does not point into writable memory", sp);
        return elf_fail(err, errlen, path, msg);
    }
    return 0;
}

static int load_segments(node_t *n, Elf *e, const char *path, char *err, size_t errlen)
{
    seg_t segs[MAX_SEGS];
    int count;
    char msg[160];
    if (read_segments(e, path, segs, &count, err, errlen) < 0)
        return -1;
    for (int i = 0; i < count; i++) {
        const seg_t *s = &segs[i];
        if (node_write_mem(n, s->paddr, s->data, s->filesz) < 0 ||
            fill_mem(n, s->paddr + s->filesz, 0, s->memsz - s->filesz) < 0) {
            snprintf(msg, sizeof msg,
                     "segment at 0x%08x (%u bytes) lies outside the board's memory", s->paddr,
                     s->memsz);
            return elf_fail(err, errlen, path, msg);
        }
    }
    if (check_overlaps(segs, count, path, err, errlen) < 0)
        return -1;
    return check_vectors(n, segs, count, path, err, errlen);
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

/* Fills apps[] from the built image and its slots. */
static void describe_apps(const uint8_t *image, const app_flash_slot_t *slots, int count,
                          uint32_t flash_base, loader_app_t *apps)
{
    for (int i = 0; i < count; i++) {
        const uint8_t *h = image + slots[i].offset;
        unsigned header_size = (unsigned)h[2] | (unsigned)h[3] << 8;
        uint32_t trailer;
        tbf_header_info(h, header_size, apps[i].name, sizeof apps[i].name, &trailer);
        apps[i].addr = flash_base + slots[i].offset;
        apps[i].size = slots[i].size;
        apps[i].app_start = apps[i].addr + header_size + trailer;
    }
}

int loader_load_apps(node_t *n, const char *const *paths, int count, uint32_t flash_base,
                     uint32_t flash_end, loader_app_t *apps, char *err, size_t errlen)
{
    if (flash_end <= flash_base) {
        snprintf(err, errlen, "app flash 0x%08x-0x%08x is not in the board's memory",
                 flash_base, flash_end);
        return -1;
    }
    uint32_t size = flash_end - flash_base;
    uint8_t *image = malloc(size);
    if (!image) {
        snprintf(err, errlen, "out of memory for the %u-byte app flash image", size);
        return -1;
    }
    app_flash_slot_t *slots = calloc(count > 0 ? (size_t)count : 1, sizeof *slots);
    int rc = slots ? app_flash_build("ctock-sim", paths, count, flash_base, image, size, slots,
                                     err, errlen)
                   : -1;
    if (!slots)
        snprintf(err, errlen, "out of memory for the app flash layout");
    if (rc == 0 && apps)
        describe_apps(image, slots, count, flash_base, apps);
    free(slots);
    if (rc == 0 && node_write_mem(n, flash_base, image, size) < 0) {
        snprintf(err, errlen, "app flash 0x%08x-0x%08x is not in the board's memory",
                 flash_base, flash_end);
        rc = -1;
    }
    free(image);
    return rc;
}
