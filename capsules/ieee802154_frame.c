/*
 * ieee802154_frame.c - MHR parsing and data frame headers (see
 * ieee802154_frame.h). Bounds: every read is checked against the frame
 * length and every write against the buffer capacity before it happens.
 */
#include "ieee802154_frame.h"

#include <string.h>

#define FC_SECURITY (1u << 3)
#define FC_PENDING (1u << 4)
#define FC_PAN_COMPRESSION (1u << 6)
#define FC_SEQ_SUPPRESSED (1u << 8)
#define FC_IE_PRESENT (1u << 9)
#define FC_DST_MODE_SHIFT 10
#define FC_VERSION_SHIFT 12
#define FC_SRC_MODE_SHIFT 14

static unsigned addr_len(uint8_t mode)
{
    return mode == IEEE802154_ADDR_SHORT ? 2u : mode == IEEE802154_ADDR_LONG ? 8u : 0u;
}

/* Which PAN IDs the frame carries (802.15.4-2015 Table 7-2 for version
 * 2015; 802.15.4-2006 7.2.1.5 before). False if the combination is
 * invalid. */
static bool pan_presence(const ieee802154_header_t *h, bool compression, bool *dst_pan,
                         bool *src_pan)
{
    bool dst = h->dst.mode != IEEE802154_ADDR_NONE;
    bool src = h->src.mode != IEEE802154_ADDR_NONE;
    if (h->version == IEEE802154_VERSION_2015) {
        if (dst && src) {
            bool both_long = h->dst.mode == IEEE802154_ADDR_LONG &&
                             h->src.mode == IEEE802154_ADDR_LONG;
            *dst_pan = !(both_long && compression);
            *src_pan = !both_long && !compression;
        } else if (dst || src) {
            *dst_pan = dst && !compression;
            *src_pan = src && !compression;
        } else {
            *dst_pan = compression;
            *src_pan = false;
        }
        return true;
    }
    if (compression && !(dst && src))
        return false;                      /* nothing to share the PAN ID with */
    *dst_pan = dst;
    *src_pan = src && !compression;
    return true;
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static void read_addr(const uint8_t *p, ieee802154_addr_t *a)
{
    if (a->mode == IEEE802154_ADDR_SHORT)
        a->short_addr = get16(p);
    else if (a->mode == IEEE802154_ADDR_LONG)
        a->long_addr = get64(p);
}

ctock_err_t ieee802154_frame_parse(const uint8_t *mpdu, size_t len, ieee802154_header_t *h)
{
    memset(h, 0, sizeof(*h));
    if (len < 2)
        return ERR_INVAL;
    uint16_t fc = get16(mpdu);
    h->type = fc & 0x7u;
    h->frame_pending = (fc & FC_PENDING) != 0;
    h->ack_request = (fc & IEEE802154_FC_ACK_REQUEST) != 0;
    h->version = (fc >> FC_VERSION_SHIFT) & 0x3u;
    h->dst.mode = (fc >> FC_DST_MODE_SHIFT) & 0x3u;
    h->src.mode = (fc >> FC_SRC_MODE_SHIFT) & 0x3u;
    if (h->dst.mode == 1 || h->src.mode == 1)
        return ERR_INVAL;                  /* reserved addressing mode */
    if (h->version > IEEE802154_VERSION_2015 || (fc & FC_SECURITY))
        return ERR_NOSUPPORT;
    bool v2015 = h->version == IEEE802154_VERSION_2015;
    if (v2015 && (fc & FC_IE_PRESENT))
        return ERR_NOSUPPORT;
    bool dst_pan, src_pan;
    if (!pan_presence(h, (fc & FC_PAN_COMPRESSION) != 0, &dst_pan, &src_pan))
        return ERR_INVAL;
    h->has_seq = !(v2015 && (fc & FC_SEQ_SUPPRESSED));
    size_t need = 2u + (h->has_seq ? 1u : 0u) + (dst_pan ? 2u : 0u) + addr_len(h->dst.mode) +
                  (src_pan ? 2u : 0u) + addr_len(h->src.mode);
    if (len < need)
        return ERR_INVAL;
    size_t off = 2;
    if (h->has_seq)
        h->seq = mpdu[off++];
    if (dst_pan) {
        h->has_dst_pan = true;
        h->dst_pan = get16(&mpdu[off]);
        off += 2;
    }
    read_addr(&mpdu[off], &h->dst);
    off += addr_len(h->dst.mode);
    if (src_pan) {
        h->has_src_pan = true;
        h->src_pan = get16(&mpdu[off]);
        off += 2;
    } else if (h->src.mode != IEEE802154_ADDR_NONE && h->has_dst_pan) {
        h->has_src_pan = true;             /* PAN ID compression: same PAN */
        h->src_pan = h->dst_pan;
    }
    read_addr(&mpdu[off], &h->src);
    off += addr_len(h->src.mode);
    h->header_len = (uint8_t)off;
    return CTOCK_OK;
}

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static size_t put_addr(uint8_t *p, const ieee802154_addr_t *a)
{
    if (a->mode == IEEE802154_ADDR_SHORT) {
        put16(p, a->short_addr);
    } else if (a->mode == IEEE802154_ADDR_LONG) {
        for (int i = 0; i < 8; i++)
            p[i] = (uint8_t)(a->long_addr >> (8 * i));
    }
    return addr_len(a->mode);
}

static bool valid_mode(uint8_t mode)
{
    return mode == IEEE802154_ADDR_NONE || mode == IEEE802154_ADDR_SHORT ||
           mode == IEEE802154_ADDR_LONG;
}

size_t ieee802154_frame_data_header(uint8_t *buf, size_t cap, uint8_t seq, uint16_t pan,
                                    const ieee802154_addr_t *dst,
                                    const ieee802154_addr_t *src, bool ack_request)
{
    if (!valid_mode(dst->mode) || !valid_mode(src->mode) ||
        (dst->mode == IEEE802154_ADDR_NONE && src->mode == IEEE802154_ADDR_NONE))
        return 0;
    bool dst_present = dst->mode != IEEE802154_ADDR_NONE;
    bool compression = dst_present && src->mode != IEEE802154_ADDR_NONE;
    bool broadcast = dst->mode == IEEE802154_ADDR_SHORT && dst->short_addr == IEEE802154_BROADCAST;
    size_t len = 3u + (dst_present ? 2u : 0u) + addr_len(dst->mode) +
                 (src->mode != IEEE802154_ADDR_NONE && !compression ? 2u : 0u) + addr_len(src->mode);
    if (len > cap)
        return 0;
    uint16_t fc = IEEE802154_FRAME_DATA | (uint16_t)(dst->mode << FC_DST_MODE_SHIFT) |
                  (uint16_t)(IEEE802154_VERSION_2006 << FC_VERSION_SHIFT) |
                  (uint16_t)(src->mode << FC_SRC_MODE_SHIFT);
    if (compression)
        fc |= FC_PAN_COMPRESSION;
    if (ack_request && dst_present && !broadcast)
        fc |= IEEE802154_FC_ACK_REQUEST;
    put16(buf, fc);
    buf[2] = seq;
    size_t off = 3;
    if (dst_present) {
        put16(&buf[off], pan);
        off += 2;
        off += put_addr(&buf[off], dst);
    }
    if (src->mode != IEEE802154_ADDR_NONE) {
        if (!compression) {
            put16(&buf[off], pan);
            off += 2;
        }
        off += put_addr(&buf[off], src);
    }
    return off;
}

bool ieee802154_frame_wants_ack(const ieee802154_header_t *h)
{
    if (!h->ack_request || h->dst.mode == IEEE802154_ADDR_NONE)
        return false;
    return !(h->dst.mode == IEEE802154_ADDR_SHORT && h->dst.short_addr == IEEE802154_BROADCAST);
}
