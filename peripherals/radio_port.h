/*
 * radio_port.h - what passes between a node's radio model
 * (peripherals/radio154.c) and the world's radio medium (sim/medium.c,
 * sim/world.c). The model never sees other nodes; the medium never sees
 * registers.
 *
 *   radio --transmit(frame)--> medium: who hears it, at what RSSI, lost?
 *   medium --radio154_incoming(frame, rssi, decodable)--> each other radio
 *   radio --received(frame, result)--> world: logs, pcap, statistics
 *
 * Times are CPU cycles of the world clock (every node of a world runs at
 * the same clock, so a node's cycle count is world time).
 */
#ifndef PERIPHERALS_RADIO_PORT_H
#define PERIPHERALS_RADIO_PORT_H

#include <stdbool.h>
#include <stdint.h>

#define RADIO_MAX_PSDU 127

typedef struct radio_frame {
    uint64_t id;             /* unique in the world, in order of transmission (set by the medium) */
    int src_node;            /* index of the sending node (set by the medium) */
    uint8_t channel;         /* 11..26 */
    int8_t tx_power_dbm;
    uint8_t len;             /* PHR: PSDU length, FCS included (5..127) */
    uint8_t psdu[RADIO_MAX_PSDU];  /* MPDU + FCS, as sent (the FCS the sender computed) */
    uint64_t start;          /* cycle at which the preamble starts on the air */
    uint64_t end;            /* cycle at which the last FCS bit ends */
} radio_frame_t;

/* The result of one frame at one receiver. */
typedef enum {
    RADIO_RX_OK = 0,          /* delivered to the guest (RX_DONE) */
    RADIO_DROP_NOT_LISTENING, /* radio asleep, idle, transmitting or busy with another frame */
    RADIO_DROP_WRONG_CHANNEL,
    RADIO_DROP_COLLISION,     /* overlapped another frame at this receiver */
    RADIO_DROP_BAD_FCS,
    RADIO_DROP_FILTERED,      /* ADDR_FILTER: not for us */
    RADIO_DROP_OVERRUN,       /* the guest had not taken the previous frame */
    RADIO_DROP_LOSS,          /* the medium's loss model dropped it (medium side) */
    RADIO_DROP_OUT_OF_RANGE,  /* too far to decode (medium side; logged only on request);
                               * the model reports it for frames it was told about as
                               * energy only (radio154_incoming, decodable = false) */
    RADIO_DROP_DMA_ERROR,     /* received, but RX_ADDR is not guest RAM (guest error) */
    RADIO_RESULT_COUNT
} radio_result_t;

/* Radio states as STATE reads them (docs/radio.md). */
typedef enum {
    RADIO_STATE_SLEEP = 0, RADIO_STATE_IDLE, RADIO_STATE_RX, RADIO_STATE_TX,
    RADIO_STATE_WAKING, RADIO_STATE_CCA, RADIO_STATE_TURNAROUND, RADIO_STATE_ACK,
    RADIO_STATE_COUNT
} radio_state_t;

typedef struct radio_port {
    void *ctx;
    /* The radio starts sending `f` now (f->start == now); called from inside
     * the node's run. The medium copies the frame. */
    void (*transmit)(void *ctx, const radio_frame_t *f);
    /* What became of a frame this radio was told about (radio154_incoming). */
    void (*received)(void *ctx, const radio_frame_t *f, radio_result_t result, int8_t rssi,
                     uint8_t lqi);
    /* The radio entered `state` at `cycle` (power model, panel); may be NULL. */
    void (*state)(void *ctx, uint64_t cycle, radio_state_t state);
} radio_port_t;

const char *radio_result_name(radio_result_t r);   /* "ok", "collision", ... */
const char *radio_state_name(radio_state_t s);     /* "sleep", "rx", ... */

#endif
