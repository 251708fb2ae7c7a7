/*
 * radio154_frame.c - the parts of an IEEE 802.15.4 frame the R154 radio
 * itself looks at: the FCS, and the frame control, sequence number and
 * destination fields that address filtering and the automatic ACK need.
 *
 * Header layout (IEEE 802.15.4-2006, 7.2.1): frame control (2 bytes, little
 * endian: type in bits 2:0, ACK request bit 5, destination addressing mode
 * bits 11:10), sequence number, then the destination PAN ID and address
 * (2 or 8 bytes, little endian) when the mode is not 0. Not interpreted:
 * security, frame version, PAN ID compression (it only affects the source
 * fields in 2003/2006 frames), the source fields.
 */
#include "radio154_priv.h"

uint16_t ieee802154_fcs(const uint8_t *data, unsigned len)
{
    /* x^16 + x^12 + x^5 + 1, bits taken LSB first: the reflected form 0x8408. */
    uint16_t crc = 0;
    for (unsigned i = 0; i < len; i++) {
        crc ^= data[i];
        for (int b = 0; b < 8; b++)
            crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0x8408) : (uint16_t)(crc >> 1);
    }
    return crc;
}

bool radio154_fcs_ok(const uint8_t *psdu, unsigned len)
{
    if (len < 2)
        return false;
    uint16_t sent = (uint16_t)(psdu[len - 2] | psdu[len - 1] << 8);
    return ieee802154_fcs(psdu, len - 2) == sent;
}

static uint64_t le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

mac_dest_t mac_dest_parse(const uint8_t *psdu, unsigned len)
{
    mac_dest_t d = {0};
    unsigned mpdu = len >= 2 ? len - 2 : 0;   /* without the FCS */
    if (mpdu < 3)
        return d;
    uint16_t fc = (uint16_t)le(psdu, 2);
    d.type = fc & 7u;
    d.ack_request = (fc >> 5) & 1u;
    d.dst_mode = (fc >> 10) & 3u;
    d.seq = psdu[2];
    unsigned addr_len = d.dst_mode == 2 ? 2 : d.dst_mode == 3 ? 8 : 0;
    if (d.dst_mode >= 2) {
        if (mpdu < 3 + 2 + addr_len)
            return d;
        d.dst_pan = (uint16_t)le(psdu + 3, 2);
        if (d.dst_mode == 2)
            d.dst_short = (uint16_t)le(psdu + 5, 2);
        else
            d.dst_long = le(psdu + 5, 8);
    }
    d.parsed = true;
    return d;
}

static uint64_t long_address(const radio154_t *r)
{
    return (uint64_t)r->longaddr_hi << 32 | r->longaddr_lo;
}

bool radio154_addressed_to_us(const radio154_t *r, const mac_dest_t *d)
{
    if (!d->parsed)
        return false;
    if (d->type == MAC_TYPE_ACK)
        return true;
    if (d->type > MAC_TYPE_COMMAND)
        return false;                 /* reserved frame types */
    switch (d->dst_mode) {
    case 0:
        return true;                  /* no destination (PAN coordinator rule not modelled) */
    case 2:
    case 3:
        if (d->dst_pan != r->panid && d->dst_pan != 0xFFFF)
            return false;
        if (d->dst_mode == 2)
            return d->dst_short == r->shortaddr || d->dst_short == 0xFFFF;
        return d->dst_long == long_address(r);
    default:
        return false;                 /* mode 1 is reserved */
    }
}

bool radio154_wants_ack(const radio154_t *r, const mac_dest_t *d)
{
    if (!d->parsed || !d->ack_request ||
        (d->type != MAC_TYPE_DATA && d->type != MAC_TYPE_COMMAND))
        return false;
    if (d->dst_pan != r->panid && d->dst_pan != 0xFFFF)
        return false;
    if (d->dst_mode == 2)
        return d->dst_short == r->shortaddr && d->dst_short != 0xFFFF;
    if (d->dst_mode == 3)
        return d->dst_long == long_address(r);
    return false;                     /* no destination: not acknowledged */
}
