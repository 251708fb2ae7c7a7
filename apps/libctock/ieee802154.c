/* ieee802154.c: IEEE 802.15.4 driver wrappers (see ieee802154.h). */
#include "ieee802154.h"

#include <string.h>

#include "alarm.h"

enum {
    CMD_STATUS = 1, CMD_SET_SHORT = 2, CMD_SET_PAN = 4, CMD_SET_CHANNEL = 5, CMD_SET_POWER = 6,
    CMD_COMMIT = 7, CMD_GET_SHORT = 8, CMD_GET_PAN = 10, CMD_GET_CHANNEL = 11,
    CMD_GET_POWER = 12, CMD_SEND = 26, CMD_SEND_RAW = 27, CMD_SET_LONG = 28, CMD_GET_LONG = 29,
    CMD_RADIO_ON = 30, CMD_RADIO_OFF = 31,
};
enum { UPCALL_RX = 0, UPCALL_TX = 1, ALLOW_RO_TX = 0, ALLOW_RW_RX = 0 };

static int cmd(uint32_t num, uint32_t a0, uint32_t a1)
{
    return tock_status(tock_command(IEEE802154_DRIVER, num, a0, a1));
}

/* Commands 8, 10, 11, 12 answer the value + 1. */
static int get_plus_one(uint32_t num, uint32_t *v)
{
    int st = tock_status_u32(tock_command(IEEE802154_DRIVER, num, 0, 0), v);
    if (st == TOCK_OK)
        *v -= 1;
    return st;
}

bool ieee802154_exists(void) { return tock_driver_exists(IEEE802154_DRIVER); }
int ieee802154_radio_on(void) { return cmd(CMD_RADIO_ON, 0, 0); }
int ieee802154_radio_off(void) { return cmd(CMD_RADIO_OFF, 0, 0); }
bool ieee802154_is_on(void) { return cmd(CMD_STATUS, 0, 0) == TOCK_OK; }
int ieee802154_set_address_short(uint16_t addr) { return cmd(CMD_SET_SHORT, addr, 0); }
int ieee802154_set_pan(uint16_t pan) { return cmd(CMD_SET_PAN, pan, 0); }
int ieee802154_set_channel(uint8_t channel) { return cmd(CMD_SET_CHANNEL, channel, 0); }
int ieee802154_set_power(int8_t dbm) { return cmd(CMD_SET_POWER, (uint32_t)(int32_t)dbm, 0); }
int ieee802154_config_commit(void) { return cmd(CMD_COMMIT, 0, 0); }

int ieee802154_set_address_long(uint64_t addr)
{
    return cmd(CMD_SET_LONG, (uint32_t)addr, (uint32_t)(addr >> 32));
}

int ieee802154_get_address_short(uint16_t *addr)
{
    uint32_t v = 0;
    int st = get_plus_one(CMD_GET_SHORT, &v);
    *addr = (uint16_t)v;
    return st;
}

int ieee802154_get_pan(uint16_t *pan)
{
    uint32_t v = 0;
    int st = get_plus_one(CMD_GET_PAN, &v);
    *pan = (uint16_t)v;
    return st;
}

int ieee802154_get_channel(uint8_t *channel)
{
    uint32_t v = 0;
    int st = get_plus_one(CMD_GET_CHANNEL, &v);
    *channel = (uint8_t)v;
    return st;
}

int ieee802154_get_power(int8_t *dbm)
{
    uint32_t v = 0;
    int st = get_plus_one(CMD_GET_POWER, &v);
    *dbm = (int8_t)v;
    return st;
}

int ieee802154_get_address_long(uint64_t *addr)
{
    tock_syscall_return_t r = tock_command(IEEE802154_DRIVER, CMD_GET_LONG, 0, 0);
    if (r.type != TOCK_RET_SUCCESS_U64)
        return r.type == TOCK_RET_FAILURE ? -(int)r.data[0] : TOCK_EBADRVAL;
    *addr = ((uint64_t)r.data[1] << 32) | r.data[0];
    return TOCK_OK;
}

/* --- Sending ---------------------------------------------------------- */

static int send_start(uint32_t command, uint16_t dst, const void *buf, size_t len,
                      tock_upcall_fn_t *done, void *userdata)
{
    int st = tock_allow_ro(IEEE802154_DRIVER, ALLOW_RO_TX, buf, len);
    if (st == TOCK_OK)
        st = tock_subscribe(IEEE802154_DRIVER, UPCALL_TX, done, userdata);
    if (st == TOCK_OK)
        st = cmd(command, dst, 0);
    return st;
}

int ieee802154_send_async(uint16_t dst, const void *payload, size_t len, tock_upcall_fn_t *done,
                          void *userdata)
{
    return send_start(CMD_SEND, dst, payload, len, done, userdata);
}

int ieee802154_send_raw_async(const void *frame, size_t len, tock_upcall_fn_t *done,
                              void *userdata)
{
    return send_start(CMD_SEND_RAW, 0, frame, len, done, userdata);
}

typedef struct {
    volatile bool done;
    int status;
    bool acked;
} send_wait_t;

static void sent(int status, int acked, int unused, void *ud)
{
    send_wait_t *w = ud;
    (void)unused;
    w->status = -status;
    w->acked = acked != 0;
    w->done = true;
}

static int send_wait(uint32_t command, uint16_t dst, const void *buf, size_t len, bool unicast)
{
    send_wait_t w = { false, 0, false };
    int st = send_start(command, dst, buf, len, sent, &w);
    if (st != TOCK_OK)
        return st;
    tock_yield_for(&w.done);
    tock_allow_ro(IEEE802154_DRIVER, ALLOW_RO_TX, NULL, 0);
    if (w.status == TOCK_OK && unicast && !w.acked)
        return TOCK_ENOACK;
    return w.status;
}

int ieee802154_send(uint16_t dst, const void *payload, size_t len)
{
    return send_wait(CMD_SEND, dst, payload, len, dst != IEEE802154_BROADCAST);
}

/* The app's own header says whether an ACK is due: the ACK request bit
 * and a destination other than the broadcast address (as the MAC decides). */
int ieee802154_send_raw(const void *frame, size_t len)
{
    ieee802154_frame_t f;
    ieee802154_addr_t dst;
    f.len = (uint8_t)(len < sizeof f.mpdu ? len : sizeof f.mpdu);
    memcpy(f.mpdu, frame, f.len);
    ieee802154_frame_dst(&f, &dst);
    bool ack_due = f.len >= 1 && (f.mpdu[0] & 0x20u) != 0 && dst.mode != IEEE802154_ADDR_NONE &&
                   !(dst.mode == IEEE802154_ADDR_SHORT && dst.short_addr == IEEE802154_BROADCAST);
    return send_wait(CMD_SEND_RAW, 0, frame, len, ack_due);
}

/* --- Receiving -------------------------------------------------------- */

static void arrived(int lqi, int unused1, int unused2, void *ud)
{
    (void)lqi;
    (void)unused1;
    (void)unused2;
    ((ieee802154_rx_t *)ud)->arrived = true;
}

static int share_ring(ieee802154_rx_t *rx)
{
    return tock_allow_rw(IEEE802154_DRIVER, ALLOW_RW_RX, rx->ring, sizeof(rx->ring));
}

int ieee802154_receive_async(ieee802154_rx_t *rx, tock_upcall_fn_t *fn, void *userdata)
{
    int st = share_ring(rx);
    if (st == TOCK_OK)
        st = tock_subscribe(IEEE802154_DRIVER, UPCALL_RX, fn, userdata);
    return st;
}

int ieee802154_rx_take(ieee802154_rx_t *rx, ieee802154_frame_t *f)
{
    int st = tock_allow_rw(IEEE802154_DRIVER, ALLOW_RW_RX, NULL, 0);
    if (st != TOCK_OK)
        return st;
    uint8_t *read = &rx->ring[0], write = rx->ring[1];
    int got = 0;
    if (*read < IEEE802154_RING_FRAMES && *read != write) {
        const uint8_t *u = &rx->ring[IEEE802154_RING_META_LEN + *read * IEEE802154_FRAME_LEN];
        unsigned len = (unsigned)u[0] + u[1];
        if (u[0] <= len && len <= sizeof(f->mpdu)) {
            f->header_len = u[0];
            f->payload_len = u[1];
            f->len = (uint8_t)len;
            memcpy(f->mpdu, &u[IEEE802154_FRAME_META_LEN], len);
            got = 1;
        }
        *read = (uint8_t)((*read + 1u) % IEEE802154_RING_FRAMES);
    }
    st = share_ring(rx);
    return st == TOCK_OK ? got : st;
}

typedef struct {
    volatile bool fired;
} timeout_t;

static void timed_out(int now, int expiry, int unused, void *ud)
{
    (void)now;
    (void)expiry;
    (void)unused;
    ((timeout_t *)ud)->fired = true;
}

int ieee802154_receive(ieee802154_rx_t *rx, ieee802154_frame_t *f, uint32_t timeout_ms)
{
    int st = ieee802154_receive_async(rx, arrived, rx);
    if (st != TOCK_OK)
        return st;
    timeout_t t = { false };
    if (timeout_ms > 0) {
        st = alarm_set_relative_async(alarm_ms_to_ticks(timeout_ms), timed_out, &t);
        if (st != TOCK_OK)
            return st;
    }
    int got;
    for (;;) {
        rx->arrived = false;
        got = ieee802154_rx_take(rx, f);
        if (got != 0 || t.fired)
            break;                 /* a frame, an error, or the time is up */
        while (!rx->arrived && !t.fired)
            tock_yield_wait();
    }
    if (timeout_ms > 0 && !t.fired) {
        /* Stop the alarm and drop its upcall if it is already queued: it
         * points at `t`, which is gone once we return. */
        alarm_stop();
        tock_subscribe(ALARM_DRIVER, 0, NULL, NULL);
    }
    return got;
}

int ieee802154_receive_stop(void)
{
    int st = tock_allow_rw(IEEE802154_DRIVER, ALLOW_RW_RX, NULL, 0);
    if (st == TOCK_OK)
        st = tock_subscribe(IEEE802154_DRIVER, UPCALL_RX, NULL, NULL);
    return st;
}

/* --- Frame fields ----------------------------------------------------- */

/* Offsets of the addressing fields (0 when absent), by the PAN ID presence
 * rules of 802.15.4-2006 and -2015. False if the header is not one we
 * can read. */
typedef struct {
    uint8_t dst_mode, src_mode;
    unsigned dst_off, src_off;
} fields_t;

static unsigned addr_bytes(uint8_t mode)
{
    return mode == IEEE802154_ADDR_SHORT ? 2u : mode == IEEE802154_ADDR_LONG ? 8u : 0u;
}

static bool fields(const ieee802154_frame_t *f, fields_t *out)
{
    if (f->len < 3)
        return false;
    unsigned fc = f->mpdu[0] | (f->mpdu[1] << 8);
    unsigned version = (fc >> 12) & 3u;
    bool compression = (fc >> 6) & 1u;
    out->dst_mode = (fc >> 10) & 3u;
    out->src_mode = (fc >> 14) & 3u;
    bool dst = out->dst_mode != IEEE802154_ADDR_NONE, src = out->src_mode != IEEE802154_ADDR_NONE;
    bool dst_pan, src_pan;
    if (version == 2) {
        bool both_long = out->dst_mode == IEEE802154_ADDR_LONG &&
                         out->src_mode == IEEE802154_ADDR_LONG;
        dst_pan = dst && src ? !(both_long && compression) : dst ? !compression : !src && compression;
        src_pan = dst && src ? !both_long && !compression : src && !compression;
    } else {
        dst_pan = dst;
        src_pan = src && !compression;
    }
    unsigned off = (version == 2 && (fc & 0x100u)) ? 2u : 3u;    /* sequence number */
    off += dst_pan ? 2u : 0u;
    out->dst_off = off;
    off += addr_bytes(out->dst_mode) + (src_pan ? 2u : 0u);
    out->src_off = off;
    off += addr_bytes(out->src_mode);
    return off <= f->len;
}

static void read_addr(const ieee802154_frame_t *f, uint8_t mode, unsigned off,
                      ieee802154_addr_t *a)
{
    a->mode = mode;
    a->short_addr = 0;
    a->long_addr = 0;
    if (mode == IEEE802154_ADDR_SHORT) {
        a->short_addr = (uint16_t)(f->mpdu[off] | (f->mpdu[off + 1] << 8));
    } else if (mode == IEEE802154_ADDR_LONG) {
        for (int i = 7; i >= 0; i--)
            a->long_addr = (a->long_addr << 8) | f->mpdu[off + i];
    }
}

bool ieee802154_frame_seq(const ieee802154_frame_t *f, uint8_t *seq)
{
    if (f->len < 3 || (((f->mpdu[1] >> 4) & 3u) == 2 && (f->mpdu[1] & 1u)))
        return false;
    *seq = f->mpdu[2];
    return true;
}

void ieee802154_frame_src(const ieee802154_frame_t *f, ieee802154_addr_t *a)
{
    fields_t x;
    if (fields(f, &x))
        read_addr(f, x.src_mode, x.src_off, a);
    else
        read_addr(f, IEEE802154_ADDR_NONE, 0, a);
}

void ieee802154_frame_dst(const ieee802154_frame_t *f, ieee802154_addr_t *a)
{
    fields_t x;
    if (fields(f, &x))
        read_addr(f, x.dst_mode, x.dst_off, a);
    else
        read_addr(f, IEEE802154_ADDR_NONE, 0, a);
}
