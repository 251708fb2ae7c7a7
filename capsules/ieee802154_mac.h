/*
 * ieee802154_mac.h - IEEE 802.15.4 MAC over a radio HIL: unslotted
 * CSMA-CA, ACK waiting with retries, the data sequence number, duplicate
 * rejection and the radio's power (Tock's capsules/extra/src/ieee802154/
 * mac.rs AwakeMac plus the parts of framer.rs that are not framing).
 *
 * Usage (board):
 *   virtual_alarm_init(&mac_valarm, &alarm_mux);
 *   ieee802154_mac_init(&mac, &radio.hil, &mac_valarm.hil, &defaults);
 *   ieee802154_mux_init(&mux, &mac.dev);            (ieee802154_virtual_mac.h)
 *
 * Transmit (one frame at a time, ieee802154_device.h):
 *   wake the radio if it sleeps (500 us)
 *   CSMA-CA: wait random(0 .. 2^BE - 1) x 320 us, then CCA + send; a busy
 *     channel: BE = min(BE + 1, 5) and again, at most 4 more times, then
 *     ERR_BUSY (BE starts at 3: macMinBE, macMaxBE, macMaxCSMABackoffs)
 *   a frame asking for an ACK (unicast, ACK request bit): listen for it
 *     for 864 us after the transmit (macAckWaitDuration, 54 symbols); none
 *     -> again (new CSMA-CA), at most 3 retries (macMaxFrameRetries); then
 *     done with acked = false (CTOCK_OK: it was sent, as on Tock)
 * Receive: the radio filters addresses and sends ACKs itself (auto-ACK);
 *   the MAC matches received ACKs to the frame it waits for, drops other
 *   non-data frames and retransmissions it already delivered (same
 *   source and sequence number as the last ACK-requested frame from that
 *   source, 4 sources remembered), and hands data frames to its user.
 * Power: the radio is on while its user listens or a frame is being
 *   sent, and asleep otherwise (retried every 1 ms while the radio is
 *   busy with an automatic ACK).
 *
 * The backoff's random numbers come from an xorshift generator seeded
 * with the node's addresses, so runs are reproducible and nodes differ.
 * Not modelled: slotted CSMA-CA and beacons, frame pending, security,
 * macMaxFrameTotalWaitTime, PAN coordinator duties.
 */
#ifndef CTOCK_IEEE802154_MAC_H
#define CTOCK_IEEE802154_MAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctock/hil/radio154.h"
#include "ctock/hil/time.h"
#include "ieee802154_device.h"

#define IEEE802154_MAC_DUP_SOURCES 4

typedef enum { MAC_POWER_OFF, MAC_POWER_WAKING, MAC_POWER_ON } ieee802154_mac_power_t;

typedef enum {
    MAC_TX_IDLE,          /* no frame */
    MAC_TX_WAIT_POWER,    /* a frame waits for the radio to wake */
    MAC_TX_BACKOFF,       /* CSMA-CA backoff (alarm) */
    MAC_TX_SENDING,       /* CCA + transmit in the radio */
    MAC_TX_WAIT_ACK,      /* listening for the ACK (alarm: timeout) */
} ieee802154_mac_tx_t;

typedef struct {
    ieee802154_addr_t src;
    uint8_t seq;
} ieee802154_mac_seen_t;

typedef struct {
    ieee802154_device_t dev;          /* first: the device view for the user */
    hil_radio154_t *radio;
    hil_alarm_t *alarm;
    hil_radio154_config_t cfg;
    ieee802154_mac_power_t power;
    bool listen;                      /* the user wants frames */
    ieee802154_mac_tx_t tx;
    const uint8_t *tx_frame;          /* the user's, until transmitted() */
    size_t tx_len;
    bool tx_wants_ack;
    uint8_t tx_seq;
    uint8_t csma_tries;               /* NB: busy CCAs of this attempt */
    uint8_t csma_be;                  /* BE */
    uint8_t retries;                  /* ACK timeouts so far */
    uint8_t dsn;                      /* next data sequence number */
    uint32_t random;                  /* xorshift32 state, never 0 */
    ieee802154_mac_seen_t seen[IEEE802154_MAC_DUP_SOURCES];
    uint8_t seen_count, seen_next;
} ieee802154_mac_t;

/* `defaults`: channel, power, PAN and addresses until a user sets others. */
void ieee802154_mac_init(ieee802154_mac_t *m, hil_radio154_t *radio, hil_alarm_t *alarm,
                         const hil_radio154_config_t *defaults);

#endif
