/*
 * radio154_rx.c - what the R154 radio makes of the frames the medium tells
 * it about (radio154_incoming): lock, collision, FCS, filter, delivery by
 * DMA, automatic ACK request, and the energy CCA and RSSI see.
 *
 * Each told frame has two milestones, run in time order by one event
 * (rx_ev; at equal times ends before SFDs, then in the order told):
 *   SFD (start + 160 us): energy only -> OUT_OF_RANGE; radio not in RX ->
 *     NOT_LISTENING; other channel -> WRONG_CHANNEL; already receiving ->
 *     COLLISION; else the radio locks onto it.
 *   end (f.end): the locked frame is judged (collision, FCS, filter,
 *     overrun, DMA) and delivered; every frame's result is reported to the
 *     port, exactly once, here.
 * Collision: two frames on the same channel whose times overlap mark each
 * other when the later one is told; a locked frame so marked is lost.
 * Frames linger RADIO154_SHR_US after their end, so a frame told up to one
 * quantum (<= 160 us) late still finds the frames it overlaps; a frame
 * that was judged before an overlapping one was told (it started in the
 * last quantum of the first) corrupts only the later one.
 */
#include "radio154_priv.h"

#include <assert.h>
#include <string.h>

static void rx_milestone(void *ctx, uint64_t when);

void radio154_rx_init(radio154_t *r)
{
    r->locked = -1;
    event_init(&r->rx_ev, rx_milestone, r);
}

uint8_t radio154_lqi(int8_t rssi)
{
    int q = (rssi + 95) * 4;   /* 0 at -95 dBm, 255 from -31 dBm */
    return (uint8_t)(q < 0 ? 0 : q > 255 ? 255 : q);
}

static bool overlap(const radio_frame_t *a, const radio_frame_t *b)
{
    return a->channel == b->channel && a->start < b->end && b->start < a->end;
}

static void report(radio154_t *r, const radio_frame_t *f, radio_result_t result, int8_t rssi)
{
    if (r->attached && r->port.received)
        r->port.received(r->port.ctx, f, result, rssi, radio154_lqi(rssi));
}

/* The time of h's next milestone, UINT64_MAX when it has none left. */
static uint64_t milestone(const heard_t *h)
{
    if (!h->used || h->reported)
        return UINT64_MAX;
    return h->sfd_done ? h->f.end : h->sfd;
}

/* The heard frame with the earliest milestone, -1 if none. */
static int next_heard(const radio154_t *r)
{
    int best = -1;
    for (int i = 0; i < RADIO154_MAX_HEARD; i++) {
        const heard_t *h = &r->heard[i];
        uint64_t t = milestone(h);
        if (t == UINT64_MAX)
            continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const heard_t *b = &r->heard[best];
        uint64_t bt = milestone(b);
        bool earlier = t < bt ||
                       (t == bt && (h->sfd_done > b->sfd_done ||   /* ends first */
                                    (h->sfd_done == b->sfd_done && h->order < b->order)));
        if (earlier)
            best = i;
    }
    return best;
}

static void schedule_next(radio154_t *r)
{
    int i = next_heard(r);
    if (i < 0)
        evq_cancel(r->host.evq, &r->rx_ev);
    else
        evq_schedule(r->host.evq, &r->rx_ev, milestone(&r->heard[i]));
}

static void decide(heard_t *h, radio_result_t result)
{
    h->decided = true;
    h->result = result;
}

static void on_sfd(radio154_t *r, int i)
{
    heard_t *h = &r->heard[i];
    h->sfd_done = true;
    if (!h->decodable)
        decide(h, RADIO_DROP_OUT_OF_RANGE);
    else if (r->state != RADIO_STATE_RX)
        decide(h, RADIO_DROP_NOT_LISTENING);
    else if (h->f.channel != r->channel)
        decide(h, RADIO_DROP_WRONG_CHANNEL);
    else if (r->locked >= 0) {
        decide(h, RADIO_DROP_COLLISION);
        r->heard[r->locked].overlapped = true;
    } else
        r->locked = i;
}

/* Judges the frame the radio was receiving, delivers it if it passes. */
static radio_result_t judge(radio154_t *r, const heard_t *h, uint64_t when)
{
    const radio_frame_t *f = &h->f;
    if (h->overlapped)
        return RADIO_DROP_COLLISION;
    bool fcs_ok = radio154_fcs_ok(f->psdu, f->len);
    if (!fcs_ok && !(r->config & RADIO154_CONFIG_KEEP_BAD_FCS))
        return RADIO_DROP_BAD_FCS;
    mac_dest_t d = mac_dest_parse(f->psdu, f->len);
    if ((r->config & RADIO154_CONFIG_ADDR_FILTER) && !radio154_addressed_to_us(r, &d))
        return RADIO_DROP_FILTERED;
    if (r->irq_status & RADIO154_IRQ_RX_DONE) {
        radio154_raise(r, RADIO154_IRQ_RX_OVERRUN);
        return RADIO_DROP_OVERRUN;
    }
    uint8_t buf[1 + RADIO_MAX_PSDU];
    buf[0] = f->len;
    memcpy(buf + 1, f->psdu, f->len);
    if (!r->host.mem_write ||
        r->host.mem_write(r->host.opaque, r->rx_addr, buf, 1u + f->len) < 0) {
        observers_guest_log(r->host.observers, when,
                            "%s: guest error: RX_ADDR 0x%x is not RAM for a %u-byte frame",
                            r->name, (unsigned)r->rx_addr, 1u + f->len);
        return RADIO_DROP_DMA_ERROR;
    }
    r->rxinfo = f->len | (uint32_t)radio154_lqi(h->rssi) << 8 | (uint32_t)(uint8_t)h->rssi << 16 |
                (fcs_ok ? RADIO154_RXINFO_FCS_OK : 0);
    radio154_raise(r, RADIO154_IRQ_RX_DONE);
    if ((r->config & RADIO154_CONFIG_AUTO_ACK) && fcs_ok && radio154_wants_ack(r, &d))
        radio154_start_ack(r, d.seq, when);
    return RADIO_RX_OK;
}

static void on_end(radio154_t *r, int i)
{
    heard_t *h = &r->heard[i];
    if (r->locked == i) {
        assert(r->state == RADIO_STATE_RX);   /* leaving RX aborts the lock */
        r->locked = -1;
        decide(h, judge(r, h, h->f.end));
    }
    assert(h->decided);
    h->reported = true;
    report(r, &h->f, h->result, h->rssi);
}

static void rx_milestone(void *ctx, uint64_t when)
{
    radio154_t *r = ctx;
    int i;
    while ((i = next_heard(r)) >= 0 && milestone(&r->heard[i]) <= when) {
        if (r->heard[i].sfd_done)
            on_end(r, i);
        else
            on_sfd(r, i);
    }
    schedule_next(r);
}

void radio154_incoming(void *model, const radio_frame_t *f, int8_t rssi, bool decodable)
{
    radio154_t *r = model;
    assert(f->len <= RADIO_MAX_PSDU && f->end > f->start);
    uint64_t now = radio154_now(r);
    uint64_t linger = radio154_us(r, RADIO154_SHR_US);
    int slot = -1;
    for (int i = 0; i < RADIO154_MAX_HEARD && slot < 0; i++) {
        const heard_t *h = &r->heard[i];
        if (!h->used || (h->reported && h->f.end + linger <= now))
            slot = i;
    }
    if (slot < 0) {
        /* More frames at once than the radio tracks: they overlap each other. */
        report(r, f, RADIO_DROP_COLLISION, rssi);
        return;
    }
    heard_t *h = &r->heard[slot];
    *h = (heard_t){
        .used = true, .f = *f, .rssi = rssi, .decodable = decodable,
        .sfd = f->start + radio154_us(r, RADIO154_SHR_US), .order = r->heard_order++,
    };
    for (int i = 0; i < RADIO154_MAX_HEARD; i++) {
        heard_t *g = &r->heard[i];
        if (i != slot && g->used && overlap(&g->f, &h->f))
            g->overlapped = h->overlapped = true;
    }
    schedule_next(r);
}

void radio154_rx_abort(radio154_t *r, radio_result_t why)
{
    if (r->locked < 0)
        return;
    decide(&r->heard[r->locked], why);
    r->locked = -1;
}

bool radio154_rx_energy(const radio154_t *r, uint8_t channel, uint64_t from, uint64_t to)
{
    for (int i = 0; i < RADIO154_MAX_HEARD; i++) {
        const heard_t *h = &r->heard[i];
        if (h->used && h->f.channel == channel && h->f.start < to && h->f.end > from)
            return true;
    }
    return false;
}

int8_t radio154_rx_rssi(const radio154_t *r, uint64_t now)
{
    int8_t best = RADIO154_RSSI_NONE;
    if (r->state != RADIO_STATE_RX)
        return best;
    for (int i = 0; i < RADIO154_MAX_HEARD; i++) {
        const heard_t *h = &r->heard[i];
        if (h->used && h->f.channel == r->channel && h->f.start <= now && now < h->f.end &&
            h->rssi > best)
            best = h->rssi;
    }
    return best;
}
