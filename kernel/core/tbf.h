/*
 * tbf.h - Tock Binary Format (TBF v2) header parser.
 *
 * Parses the base header (version, header_size, total_size, flags,
 * checksum) and the TLVs ctock uses: Main (1), Package Name (3) and
 * Program (9; preferred over Main when both exist, as Tock >= 2.1 does).
 * Other TLVs are skipped. Footers and credentials are not checked.
 */
#ifndef CTOCK_TBF_H
#define CTOCK_TBF_H

#include <stdbool.h>
#include <stdint.h>

#define TBF_NAME_MAX 24

typedef enum {
    TBF_OK = 0,
    TBF_END,            /* erased flash or no header: end of the app list */
    TBF_BAD_VERSION,
    TBF_BAD_SIZE,       /* header_size / total_size inconsistent */
    TBF_BAD_CHECKSUM,
    TBF_BAD_TLV,
} tbf_status_t;

typedef struct {
    uint32_t start;             /* address of the header = process flash start */
    uint32_t header_size;
    uint32_t total_size;
    uint32_t flags;
    bool is_app;                /* has Main or Program; otherwise padding */
    uint32_t init_fn_offset;    /* from the end of the header (Tock) */
    uint32_t protected_trailer; /* bytes after the header the app can't write */
    uint32_t min_ram_size;
    uint32_t binary_end_offset; /* Program header only; else total_size */
    uint32_t app_version;
    char name[TBF_NAME_MAX + 1];
} tbf_info_t;

#define TBF_FLAG_ENABLED 0x1u

/* Parses the header at `addr` with `avail` bytes of app flash left.
 * On an error other than TBF_END, info->total_size is set if the base
 * header's total_size is usable to skip the image (else 0). */
tbf_status_t tbf_parse(uint32_t addr, uint32_t avail, tbf_info_t *info);
const char *tbf_status_str(tbf_status_t s);

#endif
