/*
 * ieee802154_virtual_mac.h - many users of one 802.15.4 MAC (Tock's
 * capsules/extra/src/ieee802154/virtual_mac.rs: MuxMac / MacUser).
 *
 * Usage (board):
 *   ieee802154_mux_init(&mux, &mac.dev);
 *   ieee802154_vdev_init(&vdev, &mux);       // vdev.dev is an ieee802154_device_t
 *   ieee802154_driver_init(&drv, &vdev.dev, ...);
 *
 * Each virtual device is a full ieee802154_device_t with one frame of its
 * own in flight at a time. Transmit: frames of different users queue and
 * go to the MAC one at a time, the next user taken round robin after the
 * last one served. Receive: every data frame goes to every user. Listen:
 * the MAC listens while any user listens. Configuration and the sequence
 * number are the MAC's, shared. Cost: O(users) per frame; there are a few.
 */
#ifndef CTOCK_IEEE802154_VIRTUAL_MAC_H
#define CTOCK_IEEE802154_VIRTUAL_MAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ieee802154_device.h"

typedef struct ieee802154_mux ieee802154_mux_t;

typedef struct ieee802154_vdev {
    ieee802154_device_t dev;          /* first: what the user sees */
    ieee802154_mux_t *mux;
    struct ieee802154_vdev *next;
    const uint8_t *frame;             /* queued or in flight; NULL: none */
    size_t len;
    bool listen;
} ieee802154_vdev_t;

struct ieee802154_mux {
    ieee802154_device_t *mac;
    ieee802154_vdev_t *users;         /* linked through next */
    ieee802154_vdev_t *inflight;      /* whose frame the MAC has, or NULL */
    ieee802154_vdev_t *last;          /* served last (round robin) */
};

void ieee802154_mux_init(ieee802154_mux_t *mux, ieee802154_device_t *mac);
void ieee802154_vdev_init(ieee802154_vdev_t *v, ieee802154_mux_t *mux);

#endif
