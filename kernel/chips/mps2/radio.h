/*
 * radio.h - driver for ctock's R154 IEEE 802.15.4 radio (sim board only;
 * registers in docs/radio.md) implementing hil/radio154.h.
 *
 * The driver owns two DMA buffers: the frame it transmits (PHR + MPDU, the
 * radio appends the FCS) and the one the radio receives into (length +
 * MPDU + FCS). Address filtering, automatic ACKs and the CCA before each
 * transmit are always on; "listen after transmit" is chosen per transmit. The registers are
 * first written when the radio is first powered on: until then it stays
 * in SLEEP, its reset state, and a kernel whose apps never use the radio
 * never touches it.
 */
#ifndef CTOCK_MPS2_RADIO_H
#define CTOCK_MPS2_RADIO_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/hil/radio154.h"

#define R154_ID_VALUE 0x34353152u   /* "R154" */

typedef enum { R154_OFF, R154_WAKING, R154_ON } r154_power_t;

typedef struct {
    hil_radio154_t hil;              /* first: the HIL view */
    uint32_t base;
    bool set_up;                     /* IRQ_ENABLE, RX_ADDR written */
    r154_power_t power;
    bool transmitting;               /* between CMD TX and TX_DONE */
    bool listening;                  /* RX (else IDLE) while on and not transmitting */
    bool rx_after_tx;                /* listen once the transmit is done */
    hil_radio154_config_t cfg;
    uint32_t rx_overruns;            /* frames the radio dropped: RX buffer still full */
    uint8_t tx_frame[1 + HIL_RADIO154_MAX_MPDU] __attribute__((aligned(4)));
    uint8_t rx_frame[128] __attribute__((aligned(4)));
} ctock_radio_t;

/* `cfg`: the settings applied at the first power-on (board defaults). */
void ctock_radio_init(ctock_radio_t *r, uint32_t base, const hil_radio154_config_t *cfg);
/* Interrupt bottom half (irq_register with the radio's line). */
void ctock_radio_irq(void *ctx);

#endif
