/*
 * loader.h - puts the kernel ELF and the app TBF images into a node's
 * memory before reset.
 *
 * node_load_elf() (declared in node.h) lives in loader.c: a 32-bit
 * little-endian ARM executable's PT_LOAD segments are copied to their
 * physical (load) addresses, and memsz beyond filesz is zeroed.
 *
 * App flash layout written by loader_load_apps() (as tockloader does):
 *
 *   flash_base                                              flash_end
 *   | app 0 | padding TBF | app 1 (aligned) | ... | 0xFF 0xFF ... 0xFF |
 *
 * Apps go back to back in command-line order; an app whose total_size is a
 * power of two starts at a multiple of it (the MPU needs that), and the gap
 * this leaves is covered by a "padding" TBF (a bare 16-byte v2 header with
 * the enabled flag clear, the rest 0xFF) so the kernel's header walk goes on
 * to the next app. After the last app the flash is erased (0xFF), which
 * ends the walk.
 */
#ifndef SIM_LOADER_H
#define SIM_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "node.h"

#define TBF_BASE_HEADER_SIZE 16

typedef struct tbf_info {
    uint16_t version;
    uint16_t header_size;
    uint32_t total_size;
    uint32_t flags;
    uint32_t checksum;          /* as stored */
    uint32_t checksum_computed; /* XOR of the header's words, checksum word excluded */
} tbf_info_t;

/* Checks a TBF image held in memory (len = file size): v2 base header,
 * header_size within total_size, total_size equal to the file size, TLVs
 * inside the header. Returns 0 (info filled; the checksum is NOT judged
 * here) or -1 with the problem in why (no file name, no newline). */
int loader_check_tbf(const uint8_t *buf, size_t len, tbf_info_t *info, char *why,
                     size_t whylen);

/* XOR of the 32-bit little-endian words of a TBF header of header_size
 * bytes, skipping the checksum word (bytes 12..15); a partial last word is
 * zero-padded, as the Tock kernel computes it. */
uint32_t loader_tbf_checksum(const uint8_t *hdr, size_t header_size);

/* Loads the TBF files into [flash_base, flash_end) as pictured above.
 * A checksum mismatch is a warning on stderr (the image is still loaded so
 * the kernel can reject it). Returns 0, or -1 with "<file>: <problem>" in
 * err. */
int loader_load_apps(node_t *n, const char *const *paths, int count, uint32_t flash_base,
                     uint32_t flash_end, char *err, size_t errlen);

#endif
