/*
 * ieee802154_mac.c - 802.15.4 MAC: CSMA-CA, ACKs and retries, duplicate
 * rejection, radio power (see ieee802154_mac.h).
 *
 * One alarm serves three states that never overlap: the backoff before a
 * CCA (MAC_TX_BACKOFF), the ACK wait (MAC_TX_WAIT_ACK) and, with no frame
 * in flight, the retry of a power or listen change the radio refused
 * while it sent an automatic ACK (MAC_TX_IDLE).
 */
#include "ieee802154_mac.h"

#include <string.h>

#define MIN_BE 3                    /* macMinBE */
#define MAX_BE 5                    /* macMaxBE */
#define MAX_CSMA_BACKOFFS 4         /* macMaxCSMABackoffs */
#define MAX_FRAME_RETRIES 3         /* macMaxFrameRetries */
#define UNIT_BACKOFF_US 320u        /* aUnitBackoffPeriod: 20 symbols of 16 us */
#define ACK_WAIT_US 864u            /* macAckWaitDuration: 54 symbols */
#define BUSY_RETRY_US 1000u         /* radio busy with an automatic ACK */

static uint32_t us_to_ticks(const ieee802154_mac_t *m, uint32_t us)
{
    return (uint32_t)((uint64_t)us * m->alarm->frequency_hz / 1000000u);
}

static void arm(ieee802154_mac_t *m, uint32_t us)
{
    m->alarm->ops->set_alarm(m->alarm, hil_alarm_now(m->alarm), us_to_ticks(m, us));
}

static uint32_t next_random(ieee802154_mac_t *m)
{
    uint32_t x = m->random;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return m->random = x;
}

/* Puts the radio where the MAC's state wants it: on while the user
 * listens or a frame is under way, asleep otherwise; when on and not
 * sending, listening or idle as the user wants. */
static void update_power(ieee802154_mac_t *m)
{
    bool need = m->listen || m->tx != MAC_TX_IDLE;
    hil_radio154_t *r = m->radio;
    ctock_err_t e = CTOCK_OK;
    switch (m->power) {
    case MAC_POWER_OFF:
        if (need && r->ops->power_on(r) == CTOCK_OK)
            m->power = MAC_POWER_WAKING;
        return;
    case MAC_POWER_WAKING:
        return;
    case MAC_POWER_ON:
        if (!need) {
            e = r->ops->power_off(r);
            if (e == CTOCK_OK)
                m->power = MAC_POWER_OFF;
        } else if (m->tx != MAC_TX_SENDING && m->tx != MAC_TX_WAIT_ACK) {
            e = r->ops->receive(r, m->listen);
        }
        break;
    }
    if (e == ERR_BUSY && m->tx == MAC_TX_IDLE)
        arm(m, BUSY_RETRY_US);       /* an automatic ACK: try again later */
}

static void finish(ieee802154_mac_t *m, ctock_err_t err, bool acked)
{
    m->tx = MAC_TX_IDLE;
    m->tx_frame = NULL;
    const ieee802154_device_client_t *c = m->dev.client;
    if (c && c->transmitted)
        c->transmitted(m->dev.client_ctx, err, acked);
    update_power(m);
}

/* Wait random(0 .. 2^BE - 1) unit backoff periods, then CCA. */
static void backoff(ieee802154_mac_t *m)
{
    m->tx = MAC_TX_BACKOFF;
    uint32_t periods = next_random(m) & ((1u << m->csma_be) - 1u);
    arm(m, periods * UNIT_BACKOFF_US);
}

/* A new CSMA-CA run for the frame (first attempt or a retry). */
static void start_attempt(ieee802154_mac_t *m)
{
    m->csma_tries = 0;
    m->csma_be = MIN_BE;
    if (m->power == MAC_POWER_ON) {
        backoff(m);
    } else {
        m->tx = MAC_TX_WAIT_POWER;
        update_power(m);
    }
}

static void channel_busy(ieee802154_mac_t *m)
{
    if (++m->csma_tries > MAX_CSMA_BACKOFFS) {
        finish(m, ERR_BUSY, false);  /* channel access failure */
        return;
    }
    if (m->csma_be < MAX_BE)
        m->csma_be++;
    backoff(m);
}

static void send_now(ieee802154_mac_t *m)
{
    hil_radio154_t *r = m->radio;
    ctock_err_t e = r->ops->transmit(r, m->tx_frame, m->tx_len, m->tx_wants_ack || m->listen);
    if (e == CTOCK_OK) {
        m->tx = MAC_TX_SENDING;
    } else if (e == ERR_BUSY) {
        channel_busy(m);             /* the radio is sending an automatic ACK */
    } else if (e == ERR_OFF) {
        m->power = MAC_POWER_OFF;    /* should not happen: wake it again */
        m->tx = MAC_TX_WAIT_POWER;
        update_power(m);
    } else {
        finish(m, ERR_FAIL, false);
    }
}

static void ack_timeout(ieee802154_mac_t *m)
{
    if (++m->retries > MAX_FRAME_RETRIES)
        finish(m, CTOCK_OK, false);  /* sent, never acknowledged */
    else
        start_attempt(m);
}

static void alarm_fired(void *ctx)
{
    ieee802154_mac_t *m = ctx;
    switch (m->tx) {
    case MAC_TX_BACKOFF: send_now(m); break;
    case MAC_TX_WAIT_ACK: ack_timeout(m); break;
    case MAC_TX_IDLE: update_power(m); break;
    default: break;
    }
}

/* Radio callbacks. */

static void power_done(void *ctx)
{
    ieee802154_mac_t *m = ctx;
    m->power = MAC_POWER_ON;
    if (m->tx == MAC_TX_WAIT_POWER)
        backoff(m);
    update_power(m);
}

static void transmit_done(void *ctx, ctock_err_t err)
{
    ieee802154_mac_t *m = ctx;
    if (m->tx != MAC_TX_SENDING)
        return;
    if (err == ERR_BUSY) {
        channel_busy(m);
    } else if (err != CTOCK_OK) {
        finish(m, ERR_FAIL, false);
    } else if (m->tx_wants_ack) {
        m->tx = MAC_TX_WAIT_ACK;     /* the radio listens (rx_after) */
        arm(m, ACK_WAIT_US);
    } else {
        finish(m, CTOCK_OK, false);
    }
}

static bool same_addr(const ieee802154_addr_t *a, const ieee802154_addr_t *b)
{
    if (a->mode != b->mode)
        return false;
    if (a->mode == IEEE802154_ADDR_SHORT)
        return a->short_addr == b->short_addr;
    return a->mode != IEEE802154_ADDR_LONG || a->long_addr == b->long_addr;
}

/* A retransmission of an ACK-requested frame we already took (its ACK
 * was lost, so the sender sent it again)? Remembers the frame if not. */
static bool duplicate(ieee802154_mac_t *m, const ieee802154_header_t *h)
{
    if (!h->has_seq || !ieee802154_frame_wants_ack(h) || h->src.mode == IEEE802154_ADDR_NONE)
        return false;
    for (unsigned i = 0; i < m->seen_count; i++) {
        if (same_addr(&m->seen[i].src, &h->src)) {
            bool dup = m->seen[i].seq == h->seq;
            m->seen[i].seq = h->seq;
            return dup;
        }
    }
    unsigned slot = m->seen_count < IEEE802154_MAC_DUP_SOURCES ? m->seen_count++ : m->seen_next;
    m->seen_next = (uint8_t)((slot + 1) % IEEE802154_MAC_DUP_SOURCES);
    m->seen[slot].src = h->src;
    m->seen[slot].seq = h->seq;
    return false;
}

static void received(void *ctx, const uint8_t *mpdu, size_t len, uint8_t lqi, int8_t rssi)
{
    ieee802154_mac_t *m = ctx;
    (void)rssi;
    ieee802154_header_t h;
    if (ieee802154_frame_parse(mpdu, len, &h) != CTOCK_OK)
        return;
    if (h.type == IEEE802154_FRAME_ACK) {
        if (m->tx == MAC_TX_WAIT_ACK && h.has_seq && h.seq == m->tx_seq) {
            m->alarm->ops->disarm(m->alarm);
            finish(m, CTOCK_OK, true);
        }
        return;
    }
    if (h.type != IEEE802154_FRAME_DATA || duplicate(m, &h))
        return;
    const ieee802154_device_client_t *c = m->dev.client;
    if (c && c->received)
        c->received(m->dev.client_ctx, mpdu, len, &h, lqi);
}

static const hil_radio154_client_t radio_client = { power_done, transmit_done, received };

/* The device interface (ieee802154_device.h). */

static ctock_err_t dev_transmit(ieee802154_device_t *d, const uint8_t *mpdu, size_t len)
{
    ieee802154_mac_t *m = (ieee802154_mac_t *)d;
    if (len < 3 || len > HIL_RADIO154_MAX_MPDU)
        return ERR_SIZE;
    if (m->tx != MAC_TX_IDLE)
        return ERR_BUSY;
    ieee802154_header_t h;
    bool parsed = ieee802154_frame_parse(mpdu, len, &h) == CTOCK_OK;
    m->tx_frame = mpdu;
    m->tx_len = len;
    m->tx_wants_ack = parsed && h.has_seq && ieee802154_frame_wants_ack(&h);
    m->tx_seq = h.seq;
    m->retries = 0;
    m->alarm->ops->disarm(m->alarm);   /* a pending busy retry: superseded */
    start_attempt(m);
    return CTOCK_OK;
}

static void dev_listen(ieee802154_device_t *d, bool on)
{
    ieee802154_mac_t *m = (ieee802154_mac_t *)d;
    m->listen = on;
    update_power(m);
}

static bool dev_listening(ieee802154_device_t *d)
{
    return ((ieee802154_mac_t *)d)->listen;
}

static void dev_get_config(ieee802154_device_t *d, hil_radio154_config_t *cfg)
{
    *cfg = ((ieee802154_mac_t *)d)->cfg;
}

static ctock_err_t dev_set_config(ieee802154_device_t *d, const hil_radio154_config_t *cfg)
{
    ieee802154_mac_t *m = (ieee802154_mac_t *)d;
    ctock_err_t e = m->radio->ops->configure(m->radio, cfg);
    if (e == CTOCK_OK)
        m->cfg = *cfg;
    return e;
}

static uint8_t dev_next_seq(ieee802154_device_t *d)
{
    return ((ieee802154_mac_t *)d)->dsn++;
}

static const ieee802154_device_ops_t dev_ops = {
    dev_transmit, dev_listen, dev_listening, dev_get_config, dev_set_config, dev_next_seq,
};

void ieee802154_mac_init(ieee802154_mac_t *m, hil_radio154_t *radio, hil_alarm_t *alarm,
                         const hil_radio154_config_t *defaults)
{
    memset(m, 0, sizeof(*m));
    m->dev.ops = &dev_ops;
    m->radio = radio;
    m->alarm = alarm;
    m->cfg = *defaults;
    m->power = MAC_POWER_OFF;
    m->tx = MAC_TX_IDLE;
    m->random = (uint32_t)defaults->long_addr ^ (uint32_t)(defaults->long_addr >> 32) ^
                ((uint32_t)defaults->short_addr << 16) ^ 0x9E3779B9u;
    if (m->random == 0)
        m->random = 1;
    radio->ops->configure(radio, defaults);
    hil_radio154_set_client(radio, &radio_client, m);
    alarm->fired = alarm_fired;
    alarm->client_ctx = m;
}
