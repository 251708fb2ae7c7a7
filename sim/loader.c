/*
 * loader.c - kernel ELF loading (libelf) and app flash loading (the image
 * is built by app_flash.c). Everything goes through node_write_mem(),
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

int loader_load_apps(node_t *n, const char *const *paths, int count, uint32_t flash_base,
                     uint32_t flash_end, char *err, size_t errlen)
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
    int rc = app_flash_build("ctock-sim", paths, count, flash_base, image, size, NULL, err,
                             errlen);
    if (rc == 0 && node_write_mem(n, flash_base, image, size) < 0) {
        snprintf(err, errlen, "app flash 0x%08x-0x%08x is not in the board's memory",
                 flash_base, flash_end);
        rc = -1;
    }
    free(image);
    return rc;
}
