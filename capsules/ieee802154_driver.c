/*
 * ieee802154_driver.c - the 802.15.4 system call driver (see
 * ieee802154_driver.h).
 *
 * Transmit: each process has at most one frame queued (its grant). When
 * the device is free, the next process is taken round robin by table
 * index after the last one served; its frame is built into the driver's
 * buffer inside its grant (payload read from its allow-ro 0), then given
 * to the device outside the grant. A frame that cannot be built fails at
 * once: the command returns the error if it was the caller's own, else
 * the owner gets its TX upcall with the error (Tock's do_next_tx_sync /
 * _async).
 * Receive: every data frame is written into the ring of every process
 * that has a valid one (grant_each), followed by its RX upcall.
 */
#include "ieee802154_driver.h"

#include <string.h>

#include "ctock/driver_num.h"

enum { UPCALL_RX = 0, UPCALL_TX = 1 };
enum { ALLOW_RO_TX = 0, ALLOW_RW_RX = 0, ALLOW_RW_CFG = 1 };
enum {
    CMD_EXISTS = 0, CMD_STATUS = 1, CMD_SET_SHORT = 2, CMD_SET_LONG = 3, CMD_SET_PAN = 4,
    CMD_SET_CHANNEL = 5, CMD_SET_POWER = 6, CMD_COMMIT = 7, CMD_GET_SHORT = 8,
    CMD_GET_LONG = 9, CMD_GET_PAN = 10, CMD_GET_CHANNEL = 11, CMD_GET_POWER = 12,
    CMD_SEND = 26, CMD_SEND_RAW = 27,
    CMD_SET_LONG_U64 = 28, CMD_GET_LONG_U64 = 29, CMD_RADIO_ON = 30, CMD_RADIO_OFF = 31,
};
#define LISTENER_CHECK_MS 1000u
#define MAX_RING_FRAMES 255u          /* the indices are bytes */

/* --- Transmit --------------------------------------------------------- */

typedef struct {
    ieee802154_driver_t *d;
    ctock_err_t err;
    size_t len;
} build_t;

/* Command 26: MHR from the driver's configuration + the process payload. */
static ctock_err_t build_data(ieee802154_driver_t *d, const ieee802154_app_t *a,
                              ctock_pid_t pid, size_t *len)
{
    ctock_buf_t cfg, payload;
    uint8_t level = 0;
    if (ctock_allowed_rw(pid, DRIVER_NUM_IEEE802154, ALLOW_RW_CFG, &cfg) == CTOCK_OK &&
        cfg.len > 0 && ctock_buf_read(&cfg, 0, &level, 1) == 1 && level != 0)
        return ERR_NOSUPPORT;                /* 802.15.4 security */
    ieee802154_addr_t dst = { IEEE802154_ADDR_SHORT, a->tx_dst, 0 };
    ieee802154_addr_t src = { IEEE802154_ADDR_SHORT, d->cfg.short_addr, 0 };
    if (d->cfg.short_addr >= IEEE802154_NO_SHORT_ADDR) {
        src.mode = IEEE802154_ADDR_LONG;     /* no short address: use the long one */
        src.long_addr = d->cfg.long_addr;
    }
    size_t hl = ieee802154_frame_data_header(d->tx_buf, sizeof(d->tx_buf), 0, d->cfg.pan,
                                             &dst, &src, true);
    if (hl == 0 ||
        ctock_allowed_ro(pid, DRIVER_NUM_IEEE802154, ALLOW_RO_TX, &payload) != CTOCK_OK)
        return ERR_FAIL;
    if (payload.len > sizeof(d->tx_buf) - hl)
        return ERR_SIZE;
    if (ctock_buf_read(&payload, 0, &d->tx_buf[hl], payload.len) != payload.len)
        return ERR_FAIL;
    d->tx_buf[2] = d->dev->ops->next_seq(d->dev);
    *len = hl + payload.len;
    return CTOCK_OK;
}

/* Command 27: the process's whole MPDU. */
static ctock_err_t build_raw(ieee802154_driver_t *d, ctock_pid_t pid, size_t *len)
{
    ctock_buf_t frame;
    if (ctock_allowed_ro(pid, DRIVER_NUM_IEEE802154, ALLOW_RO_TX, &frame) != CTOCK_OK)
        return ERR_FAIL;
    if (frame.len < 3 || frame.len > sizeof(d->tx_buf))
        return ERR_SIZE;
    if (ctock_buf_read(&frame, 0, d->tx_buf, frame.len) != frame.len)
        return ERR_FAIL;
    *len = frame.len;
    return CTOCK_OK;
}

static void build_cb(void *data, ctock_pid_t pid, void *ctx)
{
    ieee802154_app_t *a = data;
    build_t *b = ctx;
    a->tx_pending = false;
    b->err = a->tx_raw ? build_raw(b->d, pid, &b->len) : build_data(b->d, a, pid, &b->len);
}

typedef struct {
    unsigned after;           /* round robin: the index served last */
    ctock_pid_t best;
    unsigned best_dist;
} pick_t;

static void pick_cb(void *data, ctock_pid_t pid, void *ctx)
{
    const ieee802154_app_t *a = data;
    pick_t *p = ctx;
    if (!a->tx_pending)
        return;
    unsigned dist = (ctock_pid_index(pid) + CTOCK_MAX_PROCS - p->after - 1) % CTOCK_MAX_PROCS;
    if (p->best == CTOCK_PID_NONE || dist < p->best_dist) {
        p->best = pid;
        p->best_dist = dist;
    }
}

/* Starts queued frames until one is in flight or none is left. Returns
 * the error of `caller`'s frame if it was started and failed at once. */
static ctock_err_t start_next(ieee802154_driver_t *d, ctock_pid_t caller)
{
    ctock_err_t caller_err = CTOCK_OK;
    while (d->tx_pid == CTOCK_PID_NONE) {
        pick_t p = { d->tx_last, CTOCK_PID_NONE, 0 };
        grant_each(&d->grant, pick_cb, &p);
        if (p.best == CTOCK_PID_NONE)
            break;
        d->tx_last = ctock_pid_index(p.best);
        build_t b = { d, CTOCK_OK, 0 };
        ctock_err_t e = grant_enter(&d->grant, p.best, build_cb, &b);
        if (e == CTOCK_OK)
            e = b.err;
        if (e == CTOCK_OK)
            e = d->dev->ops->transmit(d->dev, d->tx_buf, b.len);
        if (e == CTOCK_OK)
            d->tx_pid = p.best;
        else if (p.best == caller)
            caller_err = e;
        else
            ctock_upcall_schedule(p.best, DRIVER_NUM_IEEE802154, UPCALL_TX, (uint32_t)e, 0, 0);
    }
    return caller_err;
}

static void transmitted(void *ctx, ctock_err_t err, bool acked)
{
    ieee802154_driver_t *d = ctx;
    ctock_pid_t pid = d->tx_pid;
    d->tx_pid = CTOCK_PID_NONE;
    if (pid != CTOCK_PID_NONE && ctock_pid_alive(pid))
        ctock_upcall_schedule(pid, DRIVER_NUM_IEEE802154, UPCALL_TX, (uint32_t)err, acked, 0);
    start_next(d, CTOCK_PID_NONE);
}

/* --- Receive ---------------------------------------------------------- */

typedef struct {
    const uint8_t *mpdu;
    size_t len;
    const ieee802154_header_t *h;
    uint8_t lqi;
} rx_t;

/* Puts the frame into this process's ring (if it has a valid one). */
static void deliver_cb(void *data, ctock_pid_t pid, void *ctx)
{
    const rx_t *rx = ctx;
    (void)data;
    ctock_buf_t ring;
    if (ctock_allowed_rw(pid, DRIVER_NUM_IEEE802154, ALLOW_RW_RX, &ring) != CTOCK_OK ||
        ring.len <= IEEE802154_RING_META ||
        (ring.len - IEEE802154_RING_META) % IEEE802154_RX_FRAME_SIZE != 0)
        return;
    uint32_t frames = (ring.len - IEEE802154_RING_META) / IEEE802154_RX_FRAME_SIZE;
    if (frames > MAX_RING_FRAMES)
        frames = MAX_RING_FRAMES;
    uint8_t idx[2];                          /* read index, write index */
    if (ctock_buf_read(&ring, 0, idx, 2) != 2 || idx[0] >= frames || idx[1] >= frames)
        return;
    size_t off = IEEE802154_RING_META + (size_t)idx[1] * IEEE802154_RX_FRAME_SIZE;
    uint8_t meta[IEEE802154_RX_FRAME_META] = {
        rx->h->header_len, (uint8_t)(rx->len - rx->h->header_len), 0,
    };
    ctock_buf_write(&ring, off, meta, sizeof(meta));
    ctock_buf_write(&ring, off + IEEE802154_RX_FRAME_META, rx->mpdu, rx->len);
    idx[1] = (uint8_t)((idx[1] + 1u) % frames);
    if (idx[1] == idx[0])
        idx[0] = (uint8_t)((idx[0] + 1u) % frames);   /* full: drop the oldest */
    ctock_buf_write(&ring, 0, idx, 2);
    ctock_upcall_schedule(pid, DRIVER_NUM_IEEE802154, UPCALL_RX, rx->lqi, 0, 0);
}

static void received(void *ctx, const uint8_t *mpdu, size_t len, const ieee802154_header_t *h,
                     uint8_t lqi)
{
    ieee802154_driver_t *d = ctx;
    rx_t rx = { mpdu, len, h, lqi };
    grant_each(&d->grant, deliver_cb, &rx);
}

static const ieee802154_device_client_t dev_client = { transmitted, received };

/* --- Listening -------------------------------------------------------- */

static void count_cb(void *data, ctock_pid_t pid, void *ctx)
{
    (void)pid;
    if (((const ieee802154_app_t *)data)->rx_on)
        (*(unsigned *)ctx)++;
}

/* The radio listens while a live process has it on; while it does, the
 * alarm checks again once a second (a process that dies does not say so). */
static void update_listening(ieee802154_driver_t *d)
{
    unsigned listeners = 0;
    grant_each(&d->grant, count_cb, &listeners);
    bool want = listeners > 0;
    if (want != d->listening) {
        d->listening = want;
        d->dev->ops->listen(d->dev, want);
    }
    if (want) {
        uint32_t dt = (uint32_t)((uint64_t)LISTENER_CHECK_MS * d->alarm->frequency_hz / 1000u);
        d->alarm->ops->set_alarm(d->alarm, hil_alarm_now(d->alarm), dt);
    } else {
        d->alarm->ops->disarm(d->alarm);
    }
}

static void check_listeners(void *ctx)
{
    update_listening(ctx);
}

/* --- Commands --------------------------------------------------------- */

typedef struct {
    uint32_t cmd, arg;
    ctock_err_t err;
} app_cmd_t;

static void app_cmd_cb(void *data, ctock_pid_t pid, void *ctx)
{
    ieee802154_app_t *a = data;
    app_cmd_t *c = ctx;
    (void)pid;
    switch (c->cmd) {
    case CMD_SEND:
    case CMD_SEND_RAW:
        if (a->tx_pending) {
            c->err = ERR_BUSY;
            return;
        }
        a->tx_pending = true;
        a->tx_raw = c->cmd == CMD_SEND_RAW;
        a->tx_dst = (uint16_t)c->arg;
        break;
    case CMD_RADIO_ON: a->rx_on = true; break;
    case CMD_RADIO_OFF: a->rx_on = false; break;
    default: break;
    }
}

/* Queues the process's frame (one per process; as on Tock, it may queue
 * the next while its previous one is in flight) and starts it if the
 * radio is free. */
static ctock_ret_t send(ieee802154_driver_t *d, ctock_pid_t pid, uint32_t cmd, uint32_t dst)
{
    app_cmd_t c = { cmd, dst, CTOCK_OK };
    ctock_err_t e = grant_enter(&d->grant, pid, app_cmd_cb, &c);
    if (e == CTOCK_OK)
        e = c.err;
    if (e == CTOCK_OK)
        e = start_next(d, pid);
    return e == CTOCK_OK ? ctock_ret_success() : ctock_ret_failure(e);
}

static ctock_ret_t radio_on_off(ieee802154_driver_t *d, ctock_pid_t pid, uint32_t cmd)
{
    app_cmd_t c = { cmd, 0, CTOCK_OK };
    ctock_err_t e = grant_enter(&d->grant, pid, app_cmd_cb, &c);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    update_listening(d);
    return ctock_ret_success();
}

/* Commands 3 and 9: the long address through allow-rw 1, 8 bytes, most
 * significant first (Tock's [u8; 8]). */
static ctock_ret_t long_via_cfg(ieee802154_driver_t *d, ctock_pid_t pid, bool set)
{
    ctock_buf_t b;
    if (ctock_allowed_rw(pid, DRIVER_NUM_IEEE802154, ALLOW_RW_CFG, &b) != CTOCK_OK || b.len == 0)
        return ctock_ret_failure(ERR_INVAL);
    if (b.len != 8)
        return ctock_ret_failure(ERR_SIZE);
    uint8_t be[8];
    if (set) {
        if (ctock_buf_read(&b, 0, be, 8) != 8)
            return ctock_ret_failure(ERR_INVAL);
        uint64_t v = 0;
        for (int i = 0; i < 8; i++)
            v = (v << 8) | be[i];
        d->cfg.long_addr = v;
    } else {
        for (int i = 0; i < 8; i++)
            be[i] = (uint8_t)(d->cfg.long_addr >> (56 - 8 * i));
        if (ctock_buf_write(&b, 0, be, 8) != 8)
            return ctock_ret_failure(ERR_INVAL);
    }
    return ctock_ret_success();
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
    ieee802154_driver_t *d = ctx;
    switch (cmd) {
    case CMD_EXISTS:
        return ctock_ret_success();
    case CMD_STATUS:
        return d->dev->ops->listening(d->dev) ? ctock_ret_success() : ctock_ret_failure(ERR_OFF);
    case CMD_SET_SHORT:
        d->cfg.short_addr = (uint16_t)arg0;
        return ctock_ret_success();
    case CMD_SET_LONG:
        return long_via_cfg(d, pid, true);
    case CMD_SET_PAN:
        d->cfg.pan = (uint16_t)arg0;
        return ctock_ret_success();
    case CMD_SET_CHANNEL:
        if (arg0 < HIL_RADIO154_MIN_CHANNEL || arg0 > HIL_RADIO154_MAX_CHANNEL)
            return ctock_ret_failure(ERR_INVAL);
        d->cfg.channel = (uint8_t)arg0;
        return ctock_ret_success();
    case CMD_SET_POWER:
        if ((int32_t)arg0 < -128 || (int32_t)arg0 > 127)
            return ctock_ret_failure(ERR_INVAL);
        d->cfg.tx_power_dbm = (int8_t)arg0;
        return ctock_ret_success();
    case CMD_COMMIT: {
        hil_radio154_config_t cfg = d->cfg;   /* by value: see ieee802154_driver_init */
        ctock_err_t e = d->dev->ops->set_config(d->dev, &cfg);
        return e == CTOCK_OK ? ctock_ret_success() : ctock_ret_failure(e);
    }
    case CMD_GET_SHORT:
        return ctock_ret_success_u32((uint32_t)d->cfg.short_addr + 1u);
    case CMD_GET_LONG:
        return long_via_cfg(d, pid, false);
    case CMD_GET_PAN:
        return ctock_ret_success_u32((uint32_t)d->cfg.pan + 1u);
    case CMD_GET_CHANNEL:
        return ctock_ret_success_u32((uint32_t)d->cfg.channel + 1u);
    case CMD_GET_POWER:
        return ctock_ret_success_u32((uint32_t)(int32_t)d->cfg.tx_power_dbm + 1u);
    case CMD_SEND:
    case CMD_SEND_RAW:
        return send(d, pid, cmd, arg0);
    case CMD_SET_LONG_U64:
        d->cfg.long_addr = ((uint64_t)arg1 << 32) | arg0;
        return ctock_ret_success();
    case CMD_GET_LONG_U64:
        return ctock_ret_success_u64(d->cfg.long_addr);
    case CMD_RADIO_ON:
    case CMD_RADIO_OFF:
        return radio_on_off(d, pid, cmd);
    default:
        /* 13-25: neighbor and key tables (security): not implemented. */
        return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void ieee802154_driver_init(ieee802154_driver_t *d, ieee802154_device_t *dev, hil_alarm_t *alarm)
{
    memset(d, 0, sizeof(*d));
    d->driver.command = command;
    d->driver.ctx = d;
    d->driver.grant = &d->grant;
    grant_init(&d->grant, sizeof(ieee802154_app_t), 2, 1, 2);
    d->dev = dev;
    d->alarm = alarm;
    d->tx_pid = CTOCK_PID_NONE;
    d->tx_last = CTOCK_MAX_PROCS - 1;        /* the first round starts at index 0 */
    hil_radio154_config_t cfg;   /* by value: the MAC writes only its caller's stack */
    dev->ops->get_config(dev, &cfg);
    d->cfg = cfg;
    ieee802154_device_set_client(dev, &dev_client, d);
    alarm->fired = check_listeners;
    alarm->client_ctx = d;
}
