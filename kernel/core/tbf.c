/*
 * tbf.c - TBF v2 header parser (see tbf.h and Tock's doc/TockBinaryFormat.md).
 *
 * Layout (little-endian):
 *   base  : u16 version(2) | u16 header_size | u32 total_size | u32 flags | u32 checksum
 *   TLVs  : u16 type | u16 length | data, each padded to 4 bytes, up to header_size
 *   Main (1)    : u32 init_fn_offset, u32 protected_trailer_size, u32 minimum_ram_size
 *   Program (9) : the same three + u32 binary_end_offset, u32 version
 *   Name (3)    : UTF-8 bytes
 * Checksum: XOR of every 32-bit word of the header except the checksum word.
 * Not checked: footers/credentials, kernel version, permissions, fixed addresses.
 */
#include "tbf.h"

#include <string.h>

enum { TLV_MAIN = 1, TLV_PACKAGE_NAME = 3, TLV_PROGRAM = 9 };

static uint32_t rd32(uint32_t addr)
{
    const volatile uint8_t *p = (const volatile uint8_t *)addr;
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint16_t rd16(uint32_t addr)
{
    const volatile uint8_t *p = (const volatile uint8_t *)addr;
    return (uint16_t)(p[0] | (p[1] << 8));
}

const char *tbf_status_str(tbf_status_t s)
{
    switch (s) {
    case TBF_OK: return "ok";
    case TBF_END: return "end of apps";
    case TBF_BAD_VERSION: return "bad TBF version";
    case TBF_BAD_SIZE: return "bad header or total size";
    case TBF_BAD_CHECKSUM: return "bad checksum";
    case TBF_BAD_TLV: return "bad header TLV";
    }
    return "?";
}

static bool total_size_usable(uint32_t total, uint32_t avail)
{
    return total >= 16 && (total & 3u) == 0 && total <= avail;
}

static tbf_status_t parse_tlvs(uint32_t addr, tbf_info_t *info)
{
    bool have_program = false;
    uint32_t off = 16;

    while (off + 4 <= info->header_size) {
        uint16_t type = rd16(addr + off);
        uint16_t len = rd16(addr + off + 2);
        uint32_t data = addr + off + 4;
        if (off + 4 + len > info->header_size)
            return TBF_BAD_TLV;
        if (type == TLV_MAIN || type == TLV_PROGRAM) {
            if (len < 12 || (type == TLV_PROGRAM && len < 20))
                return TBF_BAD_TLV;
            if (type == TLV_PROGRAM || !have_program) {
                info->is_app = true;
                info->init_fn_offset = rd32(data);
                info->protected_trailer = rd32(data + 4);
                info->min_ram_size = rd32(data + 8);
            }
            if (type == TLV_PROGRAM) {
                have_program = true;
                info->binary_end_offset = rd32(data + 12);
                info->app_version = rd32(data + 16);
            }
        } else if (type == TLV_PACKAGE_NAME) {
            uint32_t n = len < TBF_NAME_MAX ? len : TBF_NAME_MAX;
            for (uint32_t i = 0; i < n; i++)
                info->name[i] = (char)((const volatile uint8_t *)data)[i];
            info->name[n] = '\0';
        }
        off += 4 + ((len + 3u) & ~3u);
    }
    return TBF_OK;
}

tbf_status_t tbf_parse(uint32_t addr, uint32_t avail, tbf_info_t *info)
{
    memset(info, 0, sizeof(*info));
    info->start = addr;
    if (avail < 16)
        return TBF_END;

    uint32_t w0 = rd32(addr);
    uint16_t version = (uint16_t)w0;
    uint32_t total = rd32(addr + 4);
    if (w0 == 0xFFFFFFFFu || w0 == 0)
        return TBF_END;     /* erased (or zeroed) flash: no more apps */
    if (total_size_usable(total, avail))
        info->total_size = total;
    if (version != 2)
        return TBF_BAD_VERSION;

    uint32_t hsize = w0 >> 16;
    if (hsize < 16 || (hsize & 3u) != 0 || !total_size_usable(total, avail) || hsize > total)
        return TBF_BAD_SIZE;
    info->header_size = hsize;
    info->flags = rd32(addr + 8);

    uint32_t sum = 0;
    for (uint32_t off = 0; off < hsize; off += 4)
        if (off != 12)
            sum ^= rd32(addr + off);
    if (sum != rd32(addr + 12))
        return TBF_BAD_CHECKSUM;

    info->binary_end_offset = total;
    tbf_status_t s = parse_tlvs(addr, info);
    if (s != TBF_OK)
        return s;
    /* hsize <= total here, so total - hsize cannot wrap; the sums could. */
    if (info->is_app && (info->protected_trailer > total - hsize ||
                         info->init_fn_offset >= total - hsize ||
                         info->binary_end_offset > total))
        return TBF_BAD_SIZE;
    return TBF_OK;
}
