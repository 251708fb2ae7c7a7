/*
 * hil/radio154.h - hardware interface for an IEEE 802.15.4 transceiver
 * (2.4 GHz O-QPSK): power, configuration, frame transmit with a clear
 * channel assessment, receive with hardware address filtering and
 * automatic ACKs (Tock's hil::radio, reduced to what ctock's MAC uses).
 *
 * Frames cross this interface as MPDUs without the FCS: the radio appends
 * the FCS on transmit and checks and strips it on receive (frames with a
 * bad FCS never reach the client). The MAC above (capsules/ieee802154_mac)
 * does CSMA-CA, ACK waiting and retries, sequence numbers and power policy.
 *
 *   off --power_on--> waking --power_done(true)--> on (idle)
 *   on --receive(true)--> listening --receive(false)--> on (idle)
 *   on/listening --transmit--> CCA -> TX -> transmit_done -> listening
 *                                       (rx_after) or on (idle)
 *   on/listening --power_off--> off (at once)
 *
 * While listening with auto-ACK on, the radio answers a data frame that
 * asks for an ACK and is addressed to it by itself; for that short time
 * (turnaround + ACK, ~550 us) transmit, receive and power_off answer
 * ERR_BUSY. Callbacks run from the kernel loop (interrupt bottom halves),
 * never from an ISR. Not modelled: security, frame pending, energy scans.
 */
#ifndef CTOCK_HIL_RADIO154_H
#define CTOCK_HIL_RADIO154_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../abi.h"

#define HIL_RADIO154_MAX_PSDU 127   /* PHR limit, FCS included */
#define HIL_RADIO154_FCS_LEN 2
#define HIL_RADIO154_MAX_MPDU (HIL_RADIO154_MAX_PSDU - HIL_RADIO154_FCS_LEN)
#define HIL_RADIO154_MIN_CHANNEL 11
#define HIL_RADIO154_MAX_CHANNEL 26

/* What the radio's address filter and auto-ACK use, and the RF settings. */
typedef struct {
    uint8_t channel;          /* 11..26 */
    int8_t tx_power_dbm;      /* the radio clamps it to what it can do */
    uint16_t pan;
    uint16_t short_addr;
    uint64_t long_addr;       /* the extended address as a number */
} hil_radio154_config_t;

typedef struct hil_radio154 hil_radio154_t;

typedef struct {
    /* power_on finished: the radio is on and idle. */
    void (*power_done)(void *ctx);
    /* A transmit ended: CTOCK_OK (sent), ERR_BUSY (the CCA found the
     * channel busy: nothing was sent) or ERR_FAIL (the radio refused it). */
    void (*transmit_done)(void *ctx, ctock_err_t err);
    /* A frame with a good FCS passed the filter: mpdu[0..len) without the
     * FCS, valid only during the call. */
    void (*received)(void *ctx, const uint8_t *mpdu, size_t len, uint8_t lqi, int8_t rssi);
} hil_radio154_client_t;

typedef struct {
    /* Wakes the radio; power_done follows. ERR_ALREADY if on or waking. */
    ctock_err_t (*power_on)(hil_radio154_t *r);
    /* To sleep at once (a frame being received is lost). ERR_BUSY while a
     * transmit or an automatic ACK is in progress; ERR_ALREADY if off. */
    ctock_err_t (*power_off)(hil_radio154_t *r);
    /* On (idle or listening), not asleep or waking. */
    bool (*is_on)(hil_radio154_t *r);
    /* Takes effect at once, in any state (a change of channel while
     * listening re-tunes: a frame being received is lost). ERR_INVAL for
     * a channel outside 11..26 (nothing changed). */
    ctock_err_t (*configure)(hil_radio154_t *r, const hil_radio154_config_t *cfg);
    /* Listen (true) or idle (false). ERR_OFF if not on; ERR_BUSY while a
     * transmit or an automatic ACK is in progress. */
    ctock_err_t (*receive)(hil_radio154_t *r, bool on);
    /* Sends mpdu[0..len) (copied: the caller may reuse it at once) after a
     * clear channel assessment; afterwards the radio listens if
     * `rx_after`, else it idles. ERR_OFF if not on; ERR_BUSY while another
     * transmit or an automatic ACK is in progress; ERR_SIZE unless 3 <=
     * len <= HIL_RADIO154_MAX_MPDU. On CTOCK_OK exactly one transmit_done
     * follows. (Always with a CCA: a CMD TX the radio refused because an
     * automatic ACK began just before it would otherwise look like a TX
     * without CCA, both in TURNAROUND.) */
    ctock_err_t (*transmit)(hil_radio154_t *r, const uint8_t *mpdu, size_t len, bool rx_after);
} hil_radio154_ops_t;

struct hil_radio154 {
    const hil_radio154_ops_t *ops;
    const hil_radio154_client_t *client;
    void *client_ctx;
};

static inline void hil_radio154_set_client(hil_radio154_t *r, const hil_radio154_client_t *c,
                                           void *ctx)
{
    r->client = c;
    r->client_ctx = ctx;
}

#endif
