/*
 * loader.h - puts the kernel ELF and the app TBF images into a node's
 * memory before reset.
 *
 * node_load_elf() (declared in node.h) lives in loader.c: a 32-bit
 * little-endian ARM executable's PT_LOAD segments are copied to their
 * physical (load) addresses, and memsz beyond filesz is zeroed. Refused:
 * overlapping segments, and a vector table at 0 whose reset PC lacks the
 * Thumb bit or points outside the loaded bytes, or whose initial SP is not
 * in writable mapped memory (checked with node_read_mem()).
 *
 * loader_load_apps() builds the app flash image with app_flash_build()
 * (app_flash.h: the layout, shared with tools/tbfpack so QEMU runs the same
 * bytes) and writes it with one node_write_mem().
 */
#ifndef SIM_LOADER_H
#define SIM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app_flash.h"
#include "node.h"

/* Where one app image went (for the fault reporter). */
typedef struct loader_app {
    uint32_t addr, size;   /* the TBF: [addr, addr + size) */
    uint32_t app_start;    /* addr + header_size + protected_trailer_size */
    char name[64];         /* Package Name TLV, "" when absent */
} loader_app_t;

/* Loads the TBF files into [flash_base, flash_end) as app_flash.h
 * pictures; all of that range is written (0xFF after the last app). A
 * checksum mismatch is a warning on stderr ("ctock-sim: <file>: warning:
 * ..."; the image is still loaded so the kernel can reject it). apps (may
 * be NULL) gets count entries. Returns 0, or -1 with "<file>: <problem>"
 * in err; nothing is written then. */
int loader_load_apps(node_t *n, const char *const *paths, int count, uint32_t flash_base,
                     uint32_t flash_end, loader_app_t *apps, char *err, size_t errlen);

#endif
