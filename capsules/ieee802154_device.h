/*
 * ieee802154_device.h - the MAC device interface between the 802.15.4
 * capsules (Tock's capsules/extra/src/ieee802154/device.rs MacDevice, in
 * C: a struct of function pointers plus a client).
 *
 *   ieee802154_driver (0x30001)          one user per virtual device
 *        | ieee802154_device_t
 *   ieee802154_virtual_mac               queues TX of its users, fans out RX
 *        | ieee802154_device_t
 *   ieee802154_mac                       CSMA-CA, ACKs, retries, power
 *        | hil_radio154_t
 *   chips/mps2/radio.c                   the R154 radio
 *
 * The MAC and every virtual device implement the same interface, so a
 * user does not know whether it shares the radio. Frames are MPDUs
 * without FCS. The addresses, PAN and channel are the radio's: one
 * configuration for every user (as on Tock).
 */
#ifndef CTOCK_IEEE802154_DEVICE_H
#define CTOCK_IEEE802154_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctock/abi.h"
#include "ctock/hil/radio154.h"
#include "ieee802154_frame.h"

typedef struct ieee802154_device ieee802154_device_t;

typedef struct {
    /* The frame given to transmit() is done with: err CTOCK_OK (sent;
     * `acked` says whether the ACK it asked for came), ERR_BUSY (the
     * channel stayed busy: not sent) or ERR_FAIL (the radio failed). */
    void (*transmitted)(void *ctx, ctock_err_t err, bool acked);
    /* A data frame for this node: mpdu[0..len) without FCS, its parsed
     * header, the link quality. Valid only during the call. */
    void (*received)(void *ctx, const uint8_t *mpdu, size_t len, const ieee802154_header_t *h,
                     uint8_t lqi);
} ieee802154_device_client_t;

typedef struct {
    /* Sends mpdu[0..len), which must stay untouched until transmitted().
     * If its header asks for an ACK (and its destination is not the
     * broadcast address), the MAC waits for it and retries. ERR_BUSY if
     * this device already has a frame queued or in flight; ERR_SIZE
     * unless 3 <= len <= HIL_RADIO154_MAX_MPDU. */
    ctock_err_t (*transmit)(ieee802154_device_t *d, const uint8_t *mpdu, size_t len);
    /* This user wants to receive (true) or no longer (false): the radio
     * listens while any user does, and sleeps when nobody listens and
     * nothing is being sent. */
    void (*listen)(ieee802154_device_t *d, bool on);
    /* The radio listens for some user (not: it is awake for a transmit). */
    bool (*listening)(ieee802154_device_t *d);
    /* The configuration in use / a new one (ERR_INVAL: bad channel). */
    void (*get_config)(ieee802154_device_t *d, hil_radio154_config_t *cfg);
    ctock_err_t (*set_config)(ieee802154_device_t *d, const hil_radio154_config_t *cfg);
    /* The next data sequence number (the MAC's DSN, one for all users). */
    uint8_t (*next_seq)(ieee802154_device_t *d);
} ieee802154_device_ops_t;

struct ieee802154_device {
    const ieee802154_device_ops_t *ops;
    const ieee802154_device_client_t *client;
    void *client_ctx;
};

static inline void ieee802154_device_set_client(ieee802154_device_t *d,
                                                const ieee802154_device_client_t *c, void *ctx)
{
    d->client = c;
    d->client_ctx = ctx;
}

#endif
