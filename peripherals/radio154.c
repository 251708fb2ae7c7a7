/*
 * radio154.c - ctock R154 802.15.4 radio model: registers, commands, the
 * state machine, transmission and the power counters (register page in
 * radio154.h, full spec in docs/radio.md). Reception is radio154_rx.c.
 *
 * One event, state_ev, ends each timed state:
 *   WAKING  --500 us-->  IDLE (IRQ WAKE)
 *   CCA     --128 us-->  busy: TXSTATUS BUSY, TX_DONE, RX or IDLE
 *                        clear: TURNAROUND (the frame is read by DMA)
 *   TURNAROUND --192 us--> TX (or ACK after a received frame): on the air
 * The frame is committed at TURNAROUND start: the medium is told then
 * (port->transmit with f->start 192 us ahead), so with the world's quantum
 * shorter than the turnaround every radio knows of a frame before it is on
 * the air, and collisions and CCA at the receivers are exact. A committed
 * frame is sent: SLEEP is refused in TURNAROUND as in TX/ACK.
 *   TX      --airtime--> TXSTATUS OK, TX_DONE, RX (AUTO_RX) or IDLE
 *   ACK     --airtime--> RX
 * A command that leaves a timed state cancels the event. Event handlers use
 * the event's own time, so a chain of states does not drift with the
 * node's block granularity.
 *
 * A TX aborted by SLEEP during CCA raises no TX_DONE. Not
 * modelled: see radio154.h.
 */
#include "radio154_priv.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static const double state_ma[RADIO_STATE_COUNT] = {
    [RADIO_STATE_SLEEP] = RADIO154_MA_SLEEP,     [RADIO_STATE_IDLE] = RADIO154_MA_IDLE,
    [RADIO_STATE_RX] = RADIO154_MA_RX,           [RADIO_STATE_TX] = RADIO154_MA_TX,
    [RADIO_STATE_WAKING] = RADIO154_MA_IDLE,     [RADIO_STATE_CCA] = RADIO154_MA_RX,
    [RADIO_STATE_TURNAROUND] = RADIO154_MA_RX,   [RADIO_STATE_ACK] = RADIO154_MA_TX,
};

uint64_t radio154_us(const radio154_t *r, uint64_t us)
{
    return us * r->host.clock_hz / 1000000u;
}

uint64_t radio154_now(const radio154_t *r)
{
    return r->host.now(r->host.opaque);
}

static void guest_error(const radio154_t *r, const char *what, uint32_t v)
{
    observers_guest_log(r->host.observers, radio154_now(r), "%s: guest error: %s 0x%x", r->name,
                        what, (unsigned)v);
}

static void update_irq(radio154_t *r)
{
    bool level = (r->irq_status & r->irq_enable) != 0;
    if (level != r->level) {
        r->level = level;
        if (r->irq >= 0)
            r->host.set_irq(r->host.opaque, r->irq, level);
    }
}

void radio154_raise(radio154_t *r, uint32_t irq_bits)
{
    r->irq_status |= irq_bits;
    update_irq(r);
}

void radio154_set_state(radio154_t *r, radio_state_t s, uint64_t when)
{
    if (s == r->state)
        return;
    if (when < r->state_since)
        when = r->state_since;   /* an overdue event: no negative time */
    r->state_cycles[r->state] += when - r->state_since;
    r->state_since = when;
    r->state = s;
    if (r->attached && r->port.state)
        r->port.state(r->port.ctx, when, s);
}

static radio_state_t after_tx(const radio154_t *r)
{
    return (r->config & RADIO154_CONFIG_AUTO_RX) ? RADIO_STATE_RX : RADIO_STATE_IDLE;
}

static void tx_finished(radio154_t *r, uint32_t status, uint64_t when)
{
    r->txstatus = status;
    radio154_set_state(r, after_tx(r), when);
    radio154_raise(r, RADIO154_IRQ_TX_DONE);
}

/* Reads the TX frame by DMA: PHR (L) at TX_ADDR, then L-2 MPDU bytes; the
 * FCS is ours. -1 (logged) on a bad length or address. */
static int load_tx_frame(radio154_t *r)
{
    uint8_t len;
    if (!r->host.mem_read || r->host.mem_read(r->host.opaque, r->tx_addr, &len, 1) < 0) {
        guest_error(r, "TX_ADDR is not memory:", r->tx_addr);
        return -1;
    }
    if (len < 5 || len > RADIO_MAX_PSDU) {
        guest_error(r, "TX frame length (PHR) not in 5..127:", len);
        return -1;
    }
    if (r->host.mem_read(r->host.opaque, r->tx_addr + 1, r->tx_psdu, len - 2u) < 0) {
        guest_error(r, "TX frame runs out of memory at TX_ADDR", r->tx_addr);
        return -1;
    }
    uint16_t fcs = ieee802154_fcs(r->tx_psdu, len - 2u);
    r->tx_psdu[len - 2] = (uint8_t)fcs;
    r->tx_psdu[len - 1] = (uint8_t)(fcs >> 8);
    r->tx_len = len;
    return 0;
}

static uint64_t transmit(radio154_t *r, const uint8_t *psdu, uint8_t len, uint64_t when);

/* TURNAROUND from `when`, then `psdu` on the air (committed now). */
static void turnaround(radio154_t *r, const uint8_t *psdu, uint8_t len, uint64_t when)
{
    uint64_t on_air = when + radio154_us(r, RADIO154_TURNAROUND_US);
    radio154_set_state(r, RADIO_STATE_TURNAROUND, when);
    r->air_end = transmit(r, psdu, len, on_air);
    evq_schedule(r->host.evq, &r->state_ev, on_air);
}

static void start_turnaround(radio154_t *r, uint64_t when)
{
    if (load_tx_frame(r) < 0) {
        tx_finished(r, RADIO154_TX_ERROR, when);
        return;
    }
    r->ack_next = false;
    turnaround(r, r->tx_psdu, r->tx_len, when);
}

/* The TX command's sequence, from IDLE or RX. */
static void start_tx(radio154_t *r, uint64_t when)
{
    radio154_rx_abort(r, RADIO_DROP_NOT_LISTENING);
    if (r->config & RADIO154_CONFIG_CCA_EN) {
        r->cca_start = when;
        radio154_set_state(r, RADIO_STATE_CCA, when);
        evq_schedule(r->host.evq, &r->state_ev, when + radio154_us(r, RADIO154_CCA_US));
    } else {
        start_turnaround(r, when);
    }
}

void radio154_start_ack(radio154_t *r, uint8_t seq, uint64_t when)
{
    uint8_t ack[5] = {0x02, 0x00, seq};   /* frame control: type ACK */
    uint16_t fcs = ieee802154_fcs(ack, 3);
    ack[3] = (uint8_t)fcs;
    ack[4] = (uint8_t)(fcs >> 8);
    r->ack_next = true;
    turnaround(r, ack, sizeof ack, when);
}

/* Tells the medium of a frame on the air from `when`; returns its end. */
static uint64_t transmit(radio154_t *r, const uint8_t *psdu, uint8_t len, uint64_t when)
{
    radio_frame_t f = {
        .src_node = r->node_index, .channel = r->channel, .tx_power_dbm = r->txpower,
        .len = len, .start = when, .end = when + radio154_us(r, RADIO154_AIRTIME_US(len)),
    };
    memcpy(f.psdu, psdu, len);
    if (r->attached && r->port.transmit)
        r->port.transmit(r->port.ctx, &f);
    return f.end;
}

static void state_timeout(void *ctx, uint64_t when)
{
    radio154_t *r = ctx;
    switch (r->state) {
    case RADIO_STATE_WAKING:
        radio154_set_state(r, RADIO_STATE_IDLE, when);
        radio154_raise(r, RADIO154_IRQ_WAKE);
        break;
    case RADIO_STATE_CCA:
        if (radio154_rx_energy(r, r->channel, r->cca_start, when))
            tx_finished(r, RADIO154_TX_BUSY, when);
        else
            start_turnaround(r, when);
        break;
    case RADIO_STATE_TURNAROUND:
        radio154_set_state(r, r->ack_next ? RADIO_STATE_ACK : RADIO_STATE_TX, when);
        r->ack_next = false;
        evq_schedule(r->host.evq, &r->state_ev, r->air_end);
        break;
    case RADIO_STATE_TX:
        tx_finished(r, RADIO154_TX_OK, when);
        break;
    case RADIO_STATE_ACK:
        radio154_set_state(r, RADIO_STATE_RX, when);
        break;
    default:
        assert(!"radio154: state event in an untimed state");
    }
}

/* Leaves whatever the radio was doing for `s` (SLEEP or IDLE) at once. */
static void stop_to(radio154_t *r, radio_state_t s, uint64_t now)
{
    evq_cancel(r->host.evq, &r->state_ev);
    radio154_rx_abort(r, RADIO_DROP_NOT_LISTENING);
    r->ack_next = false;
    radio154_set_state(r, s, now);
}

static void command(radio154_t *r, uint32_t cmd)
{
    uint64_t now = radio154_now(r);
    radio_state_t s = r->state;
    bool listening_or_idle = s == RADIO_STATE_IDLE || s == RADIO_STATE_RX;
    switch (cmd) {
    case RADIO154_CMD_SLEEP:
        if (s == RADIO_STATE_TX || s == RADIO_STATE_ACK || s == RADIO_STATE_TURNAROUND)
            break;   /* a committed frame is sent */
        stop_to(r, RADIO_STATE_SLEEP, now);
        return;
    case RADIO154_CMD_WAKE:
        if (s == RADIO_STATE_SLEEP) {
            radio154_set_state(r, RADIO_STATE_WAKING, now);
            evq_schedule(r->host.evq, &r->state_ev, now + radio154_us(r, RADIO154_WAKE_US));
        }
        return;   /* from other states: no effect */
    case RADIO154_CMD_RX:
        if (!listening_or_idle)
            break;
        radio154_set_state(r, RADIO_STATE_RX, now);
        return;
    case RADIO154_CMD_TX:
        if (!listening_or_idle)
            break;
        start_tx(r, now);
        return;
    case RADIO154_CMD_IDLE:
        if (!listening_or_idle)
            break;
        stop_to(r, RADIO_STATE_IDLE, now);
        return;
    default:
        guest_error(r, "unknown command", cmd);
        return;
    }
    observers_guest_log(r->host.observers, now, "%s: guest error: command %u not allowed in state %s",
                        r->name, (unsigned)cmd, radio_state_name(s));
}

static void set_channel(radio154_t *r, uint32_t v)
{
    if (v < RADIO154_CHANNEL_MIN || v > RADIO154_CHANNEL_MAX) {
        guest_error(r, "CHANNEL not in 11..26:", v);
        return;
    }
    if (v != r->channel)
        radio154_rx_abort(r, RADIO_DROP_WRONG_CHANNEL);   /* re-tune: the frame is lost */
    r->channel = (uint8_t)v;
}

static uint32_t radio154_read(void *model, uint32_t offset, unsigned size)
{
    radio154_t *r = model;
    switch (offset & ~3u) {
    case RADIO154_CMD:         return 0;   /* write-only, reads 0 */
    case RADIO154_STATE:       return r->state;
    case RADIO154_CHANNEL:     return r->channel;
    case RADIO154_TXPOWER:     return (uint8_t)r->txpower;
    case RADIO154_CONFIG:      return r->config;
    case RADIO154_IRQ_STATUS:  return r->irq_status;
    case RADIO154_IRQ_ENABLE:  return r->irq_enable;
    case RADIO154_TX_ADDR:     return r->tx_addr;
    case RADIO154_RX_ADDR:     return r->rx_addr;
    case RADIO154_RXINFO:      return r->rxinfo;
    case RADIO154_TXSTATUS:    return r->txstatus;
    case RADIO154_PANID:       return r->panid;
    case RADIO154_SHORTADDR:   return r->shortaddr;
    case RADIO154_LONGADDR_LO: return r->longaddr_lo;
    case RADIO154_LONGADDR_HI: return r->longaddr_hi;
    case RADIO154_RSSI:        return (uint8_t)radio154_rx_rssi(r, radio154_now(r));
    case RADIO154_ID:          return RADIO154_ID_VALUE;
    default:
        guest_error(r, "read of bad offset", offset);
        return 0;
    }
}

static void radio154_write(void *model, uint32_t offset, unsigned size, uint32_t value)
{
    radio154_t *r = model;
    switch (offset & ~3u) {
    case RADIO154_CMD:
        command(r, value);
        break;
    case RADIO154_CHANNEL:
        set_channel(r, value);
        break;
    case RADIO154_TXPOWER: {
        int v = (int8_t)(value & 0xFF);
        r->txpower = (int8_t)(v < RADIO154_TXPOWER_MIN ? RADIO154_TXPOWER_MIN
                              : v > RADIO154_TXPOWER_MAX ? RADIO154_TXPOWER_MAX : v);
        break;
    }
    case RADIO154_CONFIG:
        r->config = value & 0x1Fu;
        break;
    case RADIO154_IRQ_STATUS:   /* write 1 to clear */
        r->irq_status &= ~value;
        update_irq(r);
        break;
    case RADIO154_IRQ_ENABLE:
        r->irq_enable = value & 0xFu;
        update_irq(r);
        break;
    case RADIO154_TX_ADDR:     r->tx_addr = value; break;
    case RADIO154_RX_ADDR:     r->rx_addr = value; break;
    case RADIO154_PANID:       r->panid = value & 0xFFFFu; break;
    case RADIO154_SHORTADDR:   r->shortaddr = value & 0xFFFFu; break;
    case RADIO154_LONGADDR_LO: r->longaddr_lo = value; break;
    case RADIO154_LONGADDR_HI: r->longaddr_hi = value; break;
    case RADIO154_STATE:
    case RADIO154_RXINFO:
    case RADIO154_TXSTATUS:
    case RADIO154_RSSI:
    case RADIO154_ID:
        guest_error(r, "write to read-only offset", offset);
        break;
    default:
        guest_error(r, "write to bad offset", offset);
        break;
    }
}

/* Registers and state; frames on the air stay (their results are still
 * reported), and so do the power counters. */
static void radio154_reset(void *model)
{
    radio154_t *r = model;
    stop_to(r, RADIO_STATE_SLEEP, radio154_now(r));
    r->channel = 11;
    r->txpower = 0;
    r->config = r->irq_status = r->irq_enable = 0;
    r->tx_addr = r->rx_addr = r->rxinfo = r->txstatus = 0;
    r->panid = r->shortaddr = 0xFFFF;
    r->longaddr_lo = r->longaddr_hi = 0;
    update_irq(r);
}

static void radio154_destroy(void *model)
{
    radio154_t *r = model;
    evq_cancel(r->host.evq, &r->state_ev);
    evq_cancel(r->host.evq, &r->rx_ev);
    free(r);
}

void *radio154_create(const periph_host_t *host, const periph_config_t *cfg)
{
    assert(host && host->now && host->evq && host->observers && host->set_irq);
    if (!cfg || cfg->size < 0x1000 || host->clock_hz == 0)
        return NULL;
    radio154_t *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->host = *host;
    r->name = cfg->name ? cfg->name : "radio";
    r->irq = cfg->irq[0];
    r->node_index = -1;
    r->state = RADIO_STATE_SLEEP;
    r->state_since = radio154_now(r);
    event_init(&r->state_ev, state_timeout, r);
    radio154_rx_init(r);
    radio154_reset(r);
    return r;
}

void radio154_attach(void *model, const radio_port_t *port, int node_index)
{
    radio154_t *r = model;
    r->attached = port != NULL;
    if (port)
        r->port = *port;
    r->node_index = node_index;
}

void radio154_state_cycles(const void *model, uint64_t now, uint64_t out[RADIO_STATE_COUNT])
{
    const radio154_t *r = model;
    for (int s = 0; s < RADIO_STATE_COUNT; s++)
        out[s] = r->state_cycles[s];
    if (now > r->state_since)
        out[r->state] += now - r->state_since;
}

double radio154_charge_mc(const void *model, uint64_t now)
{
    const radio154_t *r = model;
    uint64_t cycles[RADIO_STATE_COUNT];
    radio154_state_cycles(model, now, cycles);
    double mc = 0;
    for (int s = 0; s < RADIO_STATE_COUNT; s++)
        mc += (double)cycles[s] / r->host.clock_hz * state_ma[s];   /* mA x s = mC */
    return mc;
}

const periph_ops_t radio154_ops = {
    .name = "ctock-r154",
    .read = radio154_read,
    .write = radio154_write,
    .reset = radio154_reset,
    .destroy = radio154_destroy,
};
