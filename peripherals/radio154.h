/*
 * radio154.h - ctock R154: an IEEE 802.15.4 (2.4 GHz O-QPSK, 250 kbit/s)
 * transceiver as a register-level model (ctock's own device, sim board
 * only). docs/radio.md is the full datasheet: commands, receive rules,
 * power. In short:
 *
 *   Base 0x40032000 (4 KiB window), one interrupt line (sim board: IRQ 49).
 *   All registers are 32 bits wide; byte/halfword accesses act on the word.
 *
 *   offset name        access reset       meaning
 *   0x000  CMD         WO     -           1 SLEEP, 2 WAKE, 3 RX, 4 TX, 5 IDLE
 *   0x004  STATE       RO     0 (SLEEP)   radio_state_t (radio_port.h)
 *   0x008  CHANNEL     RW     11          11..26
 *   0x00C  TXPOWER     RW     0           int8 dBm in bits 7:0, clamped -20..+8
 *   0x010  CONFIG      RW     0           CCA_EN, AUTO_RX, ADDR_FILTER,
 *                                         AUTO_ACK, KEEP_BAD_FCS (bits 0-4)
 *   0x014  IRQ_STATUS  RW1C   0           TX_DONE, RX_DONE, WAKE, RX_OVERRUN
 *   0x018  IRQ_ENABLE  RW     0           same bits
 *   0x01C  TX_ADDR     RW     0           guest address: PHR (L), MPDU w/o FCS
 *   0x020  RX_ADDR     RW     0           guest address of a 128-byte buffer
 *   0x024  RXINFO      RO     0           L | LQI<<8 | RSSI<<16 | FCS_OK<<24
 *   0x028  TXSTATUS    RO     0           0 OK, 1 BUSY (CCA), 2 ERROR
 *   0x02C  PANID       RW     0xFFFF
 *   0x030  SHORTADDR   RW     0xFFFF
 *   0x034  LONGADDR_LO RW     0           extended address bits 31:0
 *   0x038  LONGADDR_HI RW     0           extended address bits 63:32
 *   0x03C  RSSI        RO     -100        int8 dBm in bits 7:0 (energy now, RX)
 *   0xFFC  ID          RO     0x34353152  "R154" (little-endian ASCII)
 *
 *   IRQ line = IRQ_STATUS & IRQ_ENABLE != 0 (level).
 *
 * Timing (virtual time, CPU cycles at host->clock_hz): one byte = 32 us,
 * airtime of a frame of length L = (4 preamble + 1 SFD + 1 PHR + L) bytes,
 * the SFD is complete 160 us after the frame starts; CCA 128 us;
 * turnaround 192 us; wake 500 us.
 *
 * The model never sees other nodes: frames go out through a radio_port_t
 * (radio_port.h) and come in through radio154_incoming(); the medium
 * decides who hears what at which RSSI. TX and RX frames are moved by DMA
 * through host->mem_read/mem_write (periph.h).
 *
 * Not modelled: security (AES-CCM), frame pending, beacons/superframes,
 * TSCH, energy detection scans, spurious receptions, clock drift, capture
 * effect (any overlap corrupts both frames), TX current depending on
 * TXPOWER.
 */
#ifndef PERIPHERALS_RADIO154_H
#define PERIPHERALS_RADIO154_H

#include <stdbool.h>
#include <stdint.h>

#include "periph.h"
#include "radio_port.h"

#define RADIO154_CMD          0x000
#define RADIO154_STATE        0x004
#define RADIO154_CHANNEL      0x008
#define RADIO154_TXPOWER      0x00C
#define RADIO154_CONFIG       0x010
#define RADIO154_IRQ_STATUS   0x014
#define RADIO154_IRQ_ENABLE   0x018
#define RADIO154_TX_ADDR      0x01C
#define RADIO154_RX_ADDR      0x020
#define RADIO154_RXINFO       0x024
#define RADIO154_TXSTATUS     0x028
#define RADIO154_PANID        0x02C
#define RADIO154_SHORTADDR    0x030
#define RADIO154_LONGADDR_LO  0x034
#define RADIO154_LONGADDR_HI  0x038
#define RADIO154_RSSI         0x03C
#define RADIO154_ID           0xFFC

#define RADIO154_ID_VALUE     0x34353152u   /* "R154" */

/* CMD values */
#define RADIO154_CMD_SLEEP 1
#define RADIO154_CMD_WAKE  2
#define RADIO154_CMD_RX    3
#define RADIO154_CMD_TX    4
#define RADIO154_CMD_IDLE  5

/* CONFIG bits */
#define RADIO154_CONFIG_CCA_EN       (1u << 0)
#define RADIO154_CONFIG_AUTO_RX      (1u << 1)
#define RADIO154_CONFIG_ADDR_FILTER  (1u << 2)
#define RADIO154_CONFIG_AUTO_ACK     (1u << 3)
#define RADIO154_CONFIG_KEEP_BAD_FCS (1u << 4)

/* IRQ_STATUS / IRQ_ENABLE bits */
#define RADIO154_IRQ_TX_DONE    (1u << 0)
#define RADIO154_IRQ_RX_DONE    (1u << 1)
#define RADIO154_IRQ_WAKE       (1u << 2)
#define RADIO154_IRQ_RX_OVERRUN (1u << 3)

/* RXINFO fields */
#define RADIO154_RXINFO_FCS_OK  (1u << 24)

/* TXSTATUS values */
#define RADIO154_TX_OK    0
#define RADIO154_TX_BUSY  1
#define RADIO154_TX_ERROR 2

#define RADIO154_CHANNEL_MIN 11
#define RADIO154_CHANNEL_MAX 26
#define RADIO154_TXPOWER_MIN (-20)
#define RADIO154_TXPOWER_MAX 8
#define RADIO154_RSSI_NONE   (-100)   /* RSSI with no energy / not in RX */

/* Timing in microseconds. */
#define RADIO154_BYTE_US       32u
#define RADIO154_SHR_US        160u   /* preamble + SFD: the SFD is complete */
#define RADIO154_CCA_US        128u
#define RADIO154_TURNAROUND_US 192u
#define RADIO154_WAKE_US       500u
/* Airtime of a frame of PSDU length L (FCS included), in microseconds. */
#define RADIO154_AIRTIME_US(L) ((6u + (unsigned)(L)) * RADIO154_BYTE_US)

/* Current draw per state in milliamperes (docs/radio.md, CC2420-like). */
#define RADIO154_MA_SLEEP 0.00002
#define RADIO154_MA_IDLE  0.426
#define RADIO154_MA_RX    18.8
#define RADIO154_MA_TX    17.4

/* irq[0]: the radio's interrupt line. NULL on a bad configuration. */
void *radio154_create(const periph_host_t *host, const periph_config_t *cfg);
extern const periph_ops_t radio154_ops;

/* Connects the model to the medium; `node_index` goes into frames it sends
 * (src_node). Without a port, frames go on the air and nobody hears them;
 * TX_DONE still fires. The port is copied; port->ctx must outlive the
 * model. */
void radio154_attach(void *model, const radio_port_t *port, int node_index);

/* The medium: frame f reaches this radio at `rssi`; decodable = false
 * means energy only (interference range; such a frame's result is always
 * RADIO_DROP_OUT_OF_RANGE, but its energy counts for CCA, RSSI and
 * collisions). The world calls it before f->start (the sender commits a
 * frame 192 us ahead, at TURNAROUND start); the model also copes with
 * f->start up to 160 us in this node's past (f->start + 160 us never is). The
 * model copies f and schedules its own events (SFD at start + 160 us, end
 * at f->end); each frame gets exactly one port->received call, at f->end
 * (at once, as a collision, if the radio already tracks 64 frames). */
void radio154_incoming(void *model, const radio_frame_t *f, int8_t rssi, bool decodable);

/* Cycles spent in each state up to `now` (>= the last state change), and
 * the charge drawn in millicoulombs (currents above). Both survive a
 * reset. */
void radio154_state_cycles(const void *model, uint64_t now, uint64_t out[RADIO_STATE_COUNT]);
double radio154_charge_mc(const void *model, uint64_t now);

/* IEEE 802.15.4 FCS over `len` bytes (CRC-16/KERMIT as the standard
 * transmits it: polynomial 0x1021 reflected, initial value 0); the frame
 * carries the result low byte first. */
uint16_t ieee802154_fcs(const uint8_t *data, unsigned len);

#endif
