/*
 * app_flash.h - the app flash image: TBF files checked and laid out the way
 * the kernel's header walk expects them. The one implementation of the
 * layout, shared by ctock-sim (loader_load_apps) and tools/tbfpack (the
 * apps.bin QEMU loads), so both run byte-identical app flash.
 *
 *   base                                                      base + size
 *   | app 0 | padding TBF | app 1 (aligned) | ... | 0xFF 0xFF ... 0xFF |
 *
 * Apps go back to back in command-line order (as tockloader does); an app
 * whose total_size is a power of two starts at an address that is a
 * multiple of it (the MPU needs that), and the gap this leaves is covered by
 * a "padding" TBF (a bare 16-byte v2 header with flags 0, i.e. disabled, and
 * a valid checksum; the rest 0xFF) so the kernel's walk goes on to the next
 * app. A gap too small for that header (< 16 bytes) moves the app one more
 * alignment step on. After the last app the flash is erased (0xFF), which
 * ends the walk.
 *
 * Pure C: files are read with stdio, the image is built in the caller's
 * buffer; no Unicorn, no node. Not done here: signatures/credentials and
 * the TLVs' meaning (the kernel's job), reordering to save space.
 */
#ifndef SIM_APP_FLASH_H
#define SIM_APP_FLASH_H

#include <stddef.h>
#include <stdint.h>

#define APP_FLASH_BASE 0x00040000u   /* docs/board.md: app flash of both boards */
#define APP_FLASH_SIZE 0x00040000u   /* 256 KiB */

#define TBF_BASE_HEADER_SIZE 16

typedef struct tbf_info {
    uint16_t version;
    uint16_t header_size;
    uint32_t total_size;
    uint32_t flags;
    uint32_t checksum;          /* as stored */
    uint32_t checksum_computed; /* XOR of the header's words, checksum word excluded */
} tbf_info_t;

/* Where one app went: offsets are from the start of the image. */
typedef struct app_flash_slot {
    uint32_t offset;     /* the app's TBF */
    uint32_t size;       /* its total_size */
    uint32_t pad_offset; /* padding TBF before it (pad_size 0: none) */
    uint32_t pad_size;
} app_flash_slot_t;

/* XOR of the 32-bit little-endian words of a TBF header of header_size
 * bytes, skipping the checksum word (bytes 12..15); a partial last word is
 * zero-padded, as the Tock kernel computes it. */
uint32_t tbf_checksum(const uint8_t *hdr, size_t header_size);

/* Checks a TBF image held in memory (len = file size): v2 base header,
 * header_size within total_size, total_size a multiple of 4 and equal to
 * the file size, TLVs inside the header. Returns 0 (info filled; the checksum is NOT judged
 * here) or -1 with the problem in why (no file name, no newline). */
int tbf_check(const uint8_t *buf, size_t len, tbf_info_t *info, char *why, size_t whylen);

/* From a header that passed tbf_check: the Package Name TLV (type 3) into
 * name ("" when absent; cut to namelen - 1 bytes) and the Main TLV's
 * (type 1) protected_trailer_size (0 when absent). */
void tbf_header_info(const uint8_t *hdr, unsigned header_size, char *name, size_t namelen,
                     uint32_t *protected_trailer);

/* Builds the app flash image of the TBF files paths[0..count) into
 * out[0..size), which will sit at address base (alignment is by address,
 * not offset). Every byte of out is written. A checksum mismatch is not an
 * error: "<prog>: <file>: warning: TBF header checksum mismatch ..." goes
 * to stderr and the image is placed anyway, so the kernel can reject it.
 * slots (may be NULL) gets count entries. Returns 0, or -1 with
 * "<file>: <problem>" in err (out is then undefined). */
int app_flash_build(const char *prog, const char *const *paths, int count, uint32_t base,
                    uint8_t *out, uint32_t size, app_flash_slot_t *slots, char *err,
                    size_t errlen);

#endif
