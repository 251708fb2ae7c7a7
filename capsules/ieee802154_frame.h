/*
 * ieee802154_frame.h - IEEE 802.15.4 MAC frames: parsing the MAC header
 * (MHR) of any frame and building the MHR of a data frame (the framing
 * part of Tock's capsules/extra/src/ieee802154/framer.rs and
 * net/ieee802154.rs, without security).
 *
 *   MHR: frame control (2) | sequence number (0/1) | destination PAN (0/2)
 *        | destination address (0/2/8) | source PAN (0/2) | source address
 *        (0/2/8)            all fields little-endian
 *   frame control: bits 0-2 type, 3 security, 4 frame pending, 5 ACK
 *        request, 6 PAN ID compression, 8 sequence number suppression
 *        (2015), 9 IE present (2015), 10-11 destination addressing mode,
 *        12-13 frame version, 14-15 source addressing mode
 *
 * Parsing follows the PAN ID presence rules of 802.15.4-2006 (versions
 * 2003 and 2006) and 802.15.4-2015 (Table 7-2). Refused (ERR_NOSUPPORT):
 * secured frames and 2015 frames with information elements. Built frames
 * are version 2006 data frames with a sequence number and PAN ID
 * compression when both addresses are present.
 *
 * Plain functions over byte buffers, no state: the MAC, the virtual MAC
 * and the ieee802154 driver call them (capsules/allowlist.txt).
 */
#ifndef CTOCK_IEEE802154_FRAME_H
#define CTOCK_IEEE802154_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctock/abi.h"

enum {
    IEEE802154_FRAME_BEACON = 0,
    IEEE802154_FRAME_DATA = 1,
    IEEE802154_FRAME_ACK = 2,
    IEEE802154_FRAME_COMMAND = 3,
};
enum { IEEE802154_ADDR_NONE = 0, IEEE802154_ADDR_SHORT = 2, IEEE802154_ADDR_LONG = 3 };
enum { IEEE802154_VERSION_2003 = 0, IEEE802154_VERSION_2006 = 1, IEEE802154_VERSION_2015 = 2 };

#define IEEE802154_BROADCAST 0xFFFFu        /* short address and PAN: everyone */
#define IEEE802154_NO_SHORT_ADDR 0xFFFEu    /* "use my extended address" */
#define IEEE802154_FC_ACK_REQUEST (1u << 5)

typedef struct {
    uint8_t mode;            /* IEEE802154_ADDR_NONE / _SHORT / _LONG */
    uint16_t short_addr;
    uint64_t long_addr;      /* the extended address as a number */
} ieee802154_addr_t;

typedef struct {
    uint8_t type;            /* IEEE802154_FRAME_* */
    uint8_t version;         /* IEEE802154_VERSION_* */
    bool frame_pending;
    bool ack_request;
    bool has_seq;
    uint8_t seq;
    bool has_dst_pan;
    bool has_src_pan;        /* in the frame, or implied by PAN ID compression */
    uint16_t dst_pan;
    uint16_t src_pan;
    ieee802154_addr_t dst;
    ieee802154_addr_t src;
    uint8_t header_len;      /* MHR bytes: the payload starts here */
} ieee802154_header_t;

/* Parses the MHR of mpdu[0..len) (the MPDU without its FCS). CTOCK_OK,
 * ERR_INVAL (truncated, reserved addressing mode, impossible PAN ID
 * compression) or ERR_NOSUPPORT (security, IEs, reserved version). */
ctock_err_t ieee802154_frame_parse(const uint8_t *mpdu, size_t len, ieee802154_header_t *h);

/* Writes the MHR of a data frame into buf[0..cap): sequence number `seq`,
 * destination and source on PAN `pan`, ACK request as asked (never for a
 * broadcast destination). Returns the MHR length, 0 if it does not fit or
 * an address mode is invalid (dst and src must not both be NONE). */
size_t ieee802154_frame_data_header(uint8_t *buf, size_t cap, uint8_t seq, uint16_t pan,
                                    const ieee802154_addr_t *dst,
                                    const ieee802154_addr_t *src, bool ack_request);

/* True if a frame with this header is to be acknowledged by its receiver:
 * ACK request set and a destination that is not the broadcast address. */
bool ieee802154_frame_wants_ack(const ieee802154_header_t *h);

#endif
