/*
 * radio154_priv.h - the R154 model's state, shared by its three files:
 *   radio154.c        registers, commands, the state machine, TX, power
 *   radio154_rx.c     frames on the air at this radio: SFD, lock, collision,
 *                     end of frame, delivery, CCA energy, RSSI
 *   radio154_frame.c  FCS and the MAC header fields the filter and the
 *                     automatic ACK look at
 * Not a public header: the world and the guest see radio154.h only.
 */
#ifndef PERIPHERALS_RADIO154_PRIV_H
#define PERIPHERALS_RADIO154_PRIV_H

#include "radio154.h"

/* Frames this radio keeps track of at once (on the air or lingering). More
 * than that at one receiver: the extra frames are dropped as collisions. */
#define RADIO154_MAX_HEARD 64

/* One frame the medium told this radio about. It stays in the table until
 * RADIO154_SHR_US after its end, so a frame told later (up to one quantum
 * after its own start) still finds every frame it overlaps. */
typedef struct heard {
    bool used;
    radio_frame_t f;
    int8_t rssi;
    bool decodable;
    uint64_t sfd;          /* cycle at which its SFD is complete */
    uint64_t order;        /* order in which it was told (ties) */
    bool sfd_done;         /* the SFD milestone ran */
    bool overlapped;       /* another frame's energy on its channel overlapped it here */
    bool decided;          /* result below is final (dropped before its end) */
    radio_result_t result;
    bool reported;         /* port->received was called (at f.end) */
} heard_t;

typedef struct radio154 {
    periph_host_t host;
    const char *name;
    int irq;
    bool level;
    radio_port_t port;
    bool attached;
    int node_index;

    /* registers */
    uint8_t channel;
    int8_t txpower;
    uint32_t config, irq_status, irq_enable, tx_addr, rx_addr, rxinfo, txstatus;
    uint32_t panid, shortaddr, longaddr_lo, longaddr_hi;

    /* state machine (radio154.c) */
    radio_state_t state;
    event_t state_ev;      /* end of WAKING, CCA, TURNAROUND, TX or ACK */
    uint64_t cca_start;
    bool ack_next;         /* this TURNAROUND leads to an automatic ACK */
    uint8_t tx_len;        /* the TX frame read by DMA at TURNAROUND start */
    uint64_t air_end;      /* end of the frame (TX or ACK) committed at TURNAROUND start */
    uint8_t tx_psdu[RADIO_MAX_PSDU];

    /* reception (radio154_rx.c) */
    heard_t heard[RADIO154_MAX_HEARD];
    uint64_t heard_order;
    int locked;            /* index of the frame being received, -1 if none */
    event_t rx_ev;         /* the next SFD or end of a heard frame */

    /* power */
    uint64_t state_since;
    uint64_t state_cycles[RADIO_STATE_COUNT];
} radio154_t;

/* radio154.c */
uint64_t radio154_us(const radio154_t *r, uint64_t us);   /* microseconds -> cycles */
uint64_t radio154_now(const radio154_t *r);
void radio154_set_state(radio154_t *r, radio_state_t s, uint64_t when);
void radio154_raise(radio154_t *r, uint32_t irq_bits);
/* The frame just received asks for an ACK: TURNAROUND now, ACK after it. */
void radio154_start_ack(radio154_t *r, uint8_t seq, uint64_t when);

/* radio154_rx.c */
void radio154_rx_init(radio154_t *r);
/* The radio stops receiving (left RX or re-tuned): the frame it was
 * receiving, if any, is dropped with `why`. */
void radio154_rx_abort(radio154_t *r, radio_result_t why);
/* Any energy on `channel` during [from, to)? (CCA) */
bool radio154_rx_energy(const radio154_t *r, uint8_t channel, uint64_t from, uint64_t to);
/* Strongest energy on the tuned channel at `now`, RADIO154_RSSI_NONE if none. */
int8_t radio154_rx_rssi(const radio154_t *r, uint64_t now);
uint8_t radio154_lqi(int8_t rssi);

/* radio154_frame.c: what the filter and the automatic ACK read of an MPDU. */
typedef struct mac_dest {
    bool parsed;           /* the header is long enough for its fields */
    unsigned type;         /* frame control bits 2:0 */
    bool ack_request;      /* frame control bit 5 */
    unsigned dst_mode;     /* 0 none, 1 reserved, 2 short, 3 extended */
    uint8_t seq;
    uint16_t dst_pan;
    uint16_t dst_short;
    uint64_t dst_long;
} mac_dest_t;

#define MAC_TYPE_BEACON  0
#define MAC_TYPE_DATA    1
#define MAC_TYPE_ACK     2
#define MAC_TYPE_COMMAND 3

/* psdu of length len (FCS included). */
mac_dest_t mac_dest_parse(const uint8_t *psdu, unsigned len);
bool radio154_fcs_ok(const uint8_t *psdu, unsigned len);
/* ADDR_FILTER's test against PANID/SHORTADDR/LONGADDR. */
bool radio154_addressed_to_us(const radio154_t *r, const mac_dest_t *d);
/* AUTO_ACK's test: a data/command frame with AR, unicast to us. */
bool radio154_wants_ack(const radio154_t *r, const mac_dest_t *d);

#endif
