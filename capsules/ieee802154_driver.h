/*
 * ieee802154_driver.h - IEEE 802.15.4: processes send and receive data
 * frames (Tock's capsules/extra/src/ieee802154/driver.rs, driver number
 * 0x30001, with libtock-c's numbering: libtock/net/ieee802154).
 *
 * Usage (board):
 *   ieee802154_vdev_init(&vdev, &mux);               (ieee802154_virtual_mac.h)
 *   virtual_alarm_init(&drv_valarm, &alarm_mux);
 *   ieee802154_driver_init(&drv, &vdev.dev, &drv_valarm.hil);
 *   { DRIVER_NUM_IEEE802154, &drv.driver }   in the driver table
 * A board without a radio leaves the driver out: command 0 then answers
 * NODEVICE (the an386 board).
 *
 * Usage (process): allow-ro 0 the payload, subscribe 1, command 26 (dst
 * short address), yield until the TX upcall. To receive: allow-rw 0 a ring
 * buffer (below), subscribe 0, command 30 (radio on); each frame is put in
 * the ring and upcall 0 follows.
 *
 * Syscall interface (Ok = Success; "+1": the value plus one, Tock's and
 * libtock-c's convention that keeps it positive)
 *   command 0            exists                            Success
 *   command 1            radio status                      Success (listening: some
 *                                                          process turned it on) | OFF
 *   command 2 (a)        short address := a                Success
 *   command 3            long address := allow-rw 1        Success | SIZE (not 8 bytes)
 *                        (8 bytes, most significant first) | INVAL (no buffer)
 *   command 4 (p)        PAN id := p                       Success
 *   command 5 (c)        channel := c                      Success | INVAL (not 11..26)
 *   command 6 (p)        TX power := (int32) p dBm         Success | INVAL (not -128..127;
 *                                                          the radio clamps to -20..+8)
 *   command 7            commit 2-6 and 28 to the radio    Success
 *   command 8            short address                     Success u32: address + 1
 *   command 9            long address into allow-rw 1      Success | SIZE | INVAL
 *   command 10           PAN id                            Success u32: PAN + 1
 *   command 11           channel                           Success u32: channel + 1
 *   command 12           TX power                          Success u32: (u32)(int32) dBm + 1
 *   command 13-25        neighbor and key tables           NOSUPPORT (no security)
 *   command 26 (dst)     send allow-ro 0 as the payload    Success | BUSY (this process
 *                        of a data frame to short address  has a frame queued) | SIZE
 *                        dst (0xFFFF: broadcast; unicast   (payload too long) | NOSUPPORT
 *                        asks for an ACK). allow-rw 1, if  (security level != 0) | NOMEM
 *                        given: byte 0 = security level    (no room for the grant)
 *   command 27           send allow-ro 0 as the whole      Success | BUSY | SIZE (not
 *                        MPDU (header + payload, no FCS)   3..125 bytes) | NOMEM
 *   command 28 (lo, hi)  long address := hi << 32 | lo     Success
 *   command 29           long address                      Success u64
 *   command 30           radio on: this process listens    Success | NOMEM
 *   command 31           radio off for this process        Success | NOMEM
 *   other                                                  NOSUPPORT
 *   allow-ro 0           TX payload (26) or frame (27)
 *   allow-rw 0           RX ring buffer (below)
 *   allow-rw 1           config: long address (3, 9), security level (26)
 *   subscribe 0          frame received: (LQI, 0, 0)
 *   subscribe 1          frame sent: (status, acked, 0): status 0 or an error code
 *                        (BUSY: the channel stayed busy, FAIL); acked 1 if a unicast
 *                        frame's ACK came (0 after 3 retries without one)
 *
 * RX ring buffer (Tock's layout, shared with the process):
 *   | read index | write index | frame 0 | frame 1 | ... | frame n-1 |
 *   frame i (130 bytes): | header len | payload len | MIC len (0) | MPDU (127) |
 * Its length must be 2 + n * 130 (n >= 1; at most 255 frames are used),
 * else it is ignored. The kernel writes frame `write index`, advances it,
 * and when it reaches `read index` (full) advances that too, dropping the
 * oldest frame. The process reads frames from `read index` and advances
 * it; to read safely it takes the buffer back first (allow-rw 0 NULL), as
 * TRD 104 requires for allowed memory. Every data frame the radio takes
 * (addressed to this node or broadcast, on its PAN) goes to every process
 * with a ring buffer.
 *
 * Addresses, PAN and channel are one configuration for all processes (as
 * on Tock); the board's defaults hold until a process commits others. The
 * radio listens while at least one live process has turned it on (30,
 * until its 31); a process that dies with it on stops counting within a
 * second. Otherwise the radio sleeps between transmissions.
 * Per process: a grant with 2 upcall, 1 read-only and 2 read-write allow
 * slots and its TX request (56 bytes).
 */
#ifndef CTOCK_IEEE802154_DRIVER_H
#define CTOCK_IEEE802154_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "ctock/capsule.h"
#include "ctock/hil/time.h"
#include "ieee802154_device.h"

#define IEEE802154_RING_META 2       /* read index, write index */
#define IEEE802154_RX_FRAME_META 3   /* header len, payload len, MIC len */
#define IEEE802154_RX_FRAME_SIZE (IEEE802154_RX_FRAME_META + HIL_RADIO154_MAX_PSDU)

/* Per process, in the grant. */
typedef struct {
    bool tx_pending;          /* queued, not yet given to the radio */
    bool tx_raw;              /* command 27 (else 26) */
    uint16_t tx_dst;          /* command 26's destination */
    bool rx_on;               /* command 30 (until 31) */
} ieee802154_app_t;

typedef struct {
    ctock_driver_t driver;
    ctock_grant_t grant;
    ieee802154_device_t *dev;
    hil_alarm_t *alarm;       /* checks once a second that a listener lives */
    hil_radio154_config_t cfg;   /* set by commands 2-6, 28; committed by 7 */
    ctock_pid_t tx_pid;       /* whose frame is in flight, or NONE */
    unsigned tx_last;         /* table index served last (round robin) */
    bool listening;           /* what the device was told */
    uint8_t tx_buf[HIL_RADIO154_MAX_MPDU];
} ieee802154_driver_t;

void ieee802154_driver_init(ieee802154_driver_t *d, ieee802154_device_t *dev, hil_alarm_t *alarm);

#endif
