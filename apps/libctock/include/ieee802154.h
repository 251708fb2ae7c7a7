/* ieee802154.h: the IEEE 802.15.4 driver (Tock driver 0x30001): data
 * frames to and from other nodes over the radio.
 *
 * Syscall interface (Tock's capsules/extra/src/ieee802154/driver.rs with
 * libtock-c's numbering; docs/syscalls.md has the full table):
 *   command 1            status: Success while the radio listens, else EOFF
 *   command 2/4/5/6      set short address / PAN / channel / TX power
 *   command 7            commit the settings to the radio
 *   command 8/10/11/12   get them (+1, as libtock-c expects)
 *   command 26 (dst)     send allow-ro 0 as the payload of a data frame
 *   command 27           send allow-ro 0 as a whole frame (MPDU, no FCS)
 *   command 28/29        set / get the long address (u64)
 *   command 30/31        radio on / off (for this process: listen or not)
 *   allow-ro 0           payload or frame to send
 *   allow-rw 0           RX ring buffer
 *   allow-rw 1           config (security level 0 for command 26)
 *   subscribe 0          frame received: (LQI, 0, 0)
 *   subscribe 1          frame sent: (status code, acked, 0)
 *
 * The addresses, PAN, channel and power are one setting for the whole
 * node (every process shares them); set them, then commit. On ctock-sim
 * the kernel starts with channel 26, PAN 0xABCD, short address
 * 0x0001 + the node's index in its world, long address
 * 0x4354434B0000xxxx ("CTCK", then the short address).
 *
 * Sending: a unicast frame asks for an ACK; the kernel's MAC retries up
 * to 3 times. The radio wakes by itself to send and sleeps afterwards
 * unless some process turned it on to listen.
 *
 * Receiving: frames go into a ring buffer the process shares with the
 * kernel (Tock's layout: read index, write index, then frames of 130
 * bytes: header length, payload length, MIC length, MPDU). The radio must
 * be on (ieee802154_radio_on). The library takes the ring back from the
 * kernel while it reads it (TRD 104), so a frame that arrives in those
 * few instructions is lost to this process.
 */
#ifndef CTOCK_IEEE802154_H
#define CTOCK_IEEE802154_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tock.h"

#define IEEE802154_DRIVER 0x30001u
#define IEEE802154_BROADCAST 0xFFFFu
#define IEEE802154_MAX_MPDU 125      /* 127 bytes on air minus the FCS */
#define IEEE802154_FRAME_META_LEN 3  /* header len, payload len, MIC len */
#define IEEE802154_FRAME_LEN (IEEE802154_FRAME_META_LEN + 127)
#define IEEE802154_RING_META_LEN 2   /* read index, write index */
#define IEEE802154_RING_FRAMES 3
#define IEEE802154_RING_LEN(frames) (IEEE802154_RING_META_LEN + (frames) * IEEE802154_FRAME_LEN)

enum { IEEE802154_ADDR_NONE = 0, IEEE802154_ADDR_SHORT = 2, IEEE802154_ADDR_LONG = 3 };

bool ieee802154_exists(void);

/* Listen (on) or stop listening (off) for this process. */
int ieee802154_radio_on(void);
int ieee802154_radio_off(void);
/* True while the radio listens for some process. */
bool ieee802154_is_on(void);

/* Settings: set, then ieee802154_config_commit(). */
int ieee802154_set_address_short(uint16_t addr);
int ieee802154_set_address_long(uint64_t addr);
int ieee802154_set_pan(uint16_t pan);
int ieee802154_set_channel(uint8_t channel);     /* 11..26 */
int ieee802154_set_power(int8_t dbm);
int ieee802154_config_commit(void);
int ieee802154_get_address_short(uint16_t *addr);
int ieee802154_get_address_long(uint64_t *addr);
int ieee802154_get_pan(uint16_t *pan);
int ieee802154_get_channel(uint8_t *channel);
int ieee802154_get_power(int8_t *dbm);

/* Async send: done(status, acked, 0, userdata) runs in a later yield;
 * status is 0 (sent) or a TRD 104 error code (EBUSY: the channel stayed
 * busy); acked is 1 if the ACK of a unicast frame came. payload must stay
 * untouched until then. Returns TOCK_OK or an error (ESIZE: too long). */
int ieee802154_send_async(uint16_t dst, const void *payload, size_t len, tock_upcall_fn_t *done,
                          void *userdata);
/* Blocking send: TOCK_OK (sent, and acknowledged if unicast), TOCK_ENOACK
 * (unicast, sent but never acknowledged) or an error. */
int ieee802154_send(uint16_t dst, const void *payload, size_t len);
/* The same with a whole frame (header + payload, no FCS) built by the app. */
int ieee802154_send_raw_async(const void *frame, size_t len, tock_upcall_fn_t *done,
                              void *userdata);
int ieee802154_send_raw(const void *frame, size_t len);

/* A received frame, copied out of the ring. */
typedef struct {
    uint8_t len;                 /* MPDU bytes: header + payload */
    uint8_t header_len;
    uint8_t payload_len;
    uint8_t mpdu[127];
} ieee802154_frame_t;

/* The ring shared with the kernel, and what the library keeps with it. */
typedef struct {
    uint8_t ring[IEEE802154_RING_LEN(IEEE802154_RING_FRAMES)];
    volatile bool arrived;       /* an RX upcall came since the last look */
} ieee802154_rx_t;

/* Async receive: shares rx's ring and subscribes fn(lqi, 0, 0, userdata)
 * to run after each frame; fetch frames with ieee802154_rx_take. */
int ieee802154_receive_async(ieee802154_rx_t *rx, tock_upcall_fn_t *fn, void *userdata);
/* The oldest frame in the ring into *f: 1 if there was one, 0 if not, or
 * an error. */
int ieee802154_rx_take(ieee802154_rx_t *rx, ieee802154_frame_t *f);
/* Blocking receive: the next frame into *f, waiting up to timeout_ms (0:
 * forever). 1: a frame, 0: timed out, or an error. Uses the process's
 * alarm for the timeout. */
int ieee802154_receive(ieee802154_rx_t *rx, ieee802154_frame_t *f, uint32_t timeout_ms);
/* Takes the ring back and unsubscribes. */
int ieee802154_receive_stop(void);

/* Frame fields (IEEE 802.15.4-2006/2015 headers, no security). */
typedef struct {
    uint8_t mode;                /* IEEE802154_ADDR_* */
    uint16_t short_addr;
    uint64_t long_addr;
} ieee802154_addr_t;

bool ieee802154_frame_seq(const ieee802154_frame_t *f, uint8_t *seq);
/* Source / destination address (mode NONE if absent or unparsable). */
void ieee802154_frame_src(const ieee802154_frame_t *f, ieee802154_addr_t *a);
void ieee802154_frame_dst(const ieee802154_frame_t *f, ieee802154_addr_t *a);
static inline const uint8_t *ieee802154_frame_payload(const ieee802154_frame_t *f)
{
    return f->mpdu + f->header_len;
}

#endif /* CTOCK_IEEE802154_H */
