/* test_ieee802154_mac.c - the guest's 802.15.4 framer, MAC and virtual MAC
 * (capsules/ieee802154_{frame,mac,virtual_mac}.c), compiled for the host
 * against a scripted radio and alarm: MHR building and parsing, CSMA-CA
 * backoffs and busy channels, ACK waiting and retries, duplicate
 * rejection, the radio's power (on only while listening or sending), and
 * the virtual MAC's queueing and fan-out. These capsules use no kernel
 * symbol (only HIL function pointers), so their sources are included
 * here as they are. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../../capsules/ieee802154_frame.c"
#include "../../capsules/ieee802154_mac.c"
#include "../../capsules/ieee802154_virtual_mac.c"

#define HZ 48000000u
#define US(x) ((uint32_t)((uint64_t)(x) * HZ / 1000000u))

/* --- A scripted radio -------------------------------------------------- */

typedef struct {
    hil_radio154_t hil;
    bool on, waking, listening, transmitting;
    int power_ons, power_offs, transmits, receives;
    ctock_err_t off_answer;         /* what power_off answers (BUSY: ACK) */
    int tx_refusals;                /* transmits to refuse with BUSY (ACK) */
    uint8_t last[HIL_RADIO154_MAX_MPDU];
    size_t last_len;
    bool last_rx_after;
    hil_radio154_config_t cfg;
} fake_radio_t;

static ctock_err_t r_power_on(hil_radio154_t *h)
{
    fake_radio_t *r = (fake_radio_t *)h;
    if (r->on || r->waking)
        return ERR_ALREADY;
    r->waking = true;
    r->power_ons++;
    return CTOCK_OK;
}

static ctock_err_t r_power_off(hil_radio154_t *h)
{
    fake_radio_t *r = (fake_radio_t *)h;
    if (r->off_answer != CTOCK_OK)
        return r->off_answer;
    r->on = r->waking = r->listening = false;
    r->power_offs++;
    return CTOCK_OK;
}

static bool r_is_on(hil_radio154_t *h) { return ((fake_radio_t *)h)->on; }

static ctock_err_t r_configure(hil_radio154_t *h, const hil_radio154_config_t *cfg)
{
    if (cfg->channel < 11 || cfg->channel > 26)
        return ERR_INVAL;
    ((fake_radio_t *)h)->cfg = *cfg;
    return CTOCK_OK;
}

static ctock_err_t r_receive(hil_radio154_t *h, bool on)
{
    fake_radio_t *r = (fake_radio_t *)h;
    if (!r->on)
        return ERR_OFF;
    r->listening = on;
    r->receives++;
    return CTOCK_OK;
}

static ctock_err_t r_transmit(hil_radio154_t *h, const uint8_t *mpdu, size_t len, bool rx_after)
{
    fake_radio_t *r = (fake_radio_t *)h;
    assert_true(r->on);
    assert_false(r->transmitting);
    if (r->tx_refusals > 0) {
        r->tx_refusals--;
        return ERR_BUSY;
    }
    memcpy(r->last, mpdu, len);
    r->last_len = len;
    r->last_rx_after = rx_after;
    r->transmitting = true;
    r->transmits++;
    return CTOCK_OK;
}

static const hil_radio154_ops_t fake_radio_ops = {
    r_power_on, r_power_off, r_is_on, r_configure, r_receive, r_transmit,
};

static void radio_woke(fake_radio_t *r)
{
    assert_true(r->waking);
    r->waking = false;
    r->on = true;
    r->hil.client->power_done(r->hil.client_ctx);
}

static void radio_sent(fake_radio_t *r, ctock_err_t err)
{
    assert_true(r->transmitting);
    r->transmitting = false;
    r->listening = r->last_rx_after;
    r->hil.client->transmit_done(r->hil.client_ctx, err);
}

static void radio_hears(fake_radio_t *r, const uint8_t *mpdu, size_t len)
{
    r->hil.client->received(r->hil.client_ctx, mpdu, len, 200, -40);
}

/* --- A scripted alarm -------------------------------------------------- */

typedef struct {
    hil_alarm_t hil;
    uint32_t now, reference, dt;
    bool armed;
} fake_alarm_t;

static uint32_t a_now(hil_alarm_t *h) { return ((fake_alarm_t *)h)->now; }

static void a_set(hil_alarm_t *h, uint32_t reference, uint32_t dt)
{
    fake_alarm_t *a = (fake_alarm_t *)h;
    a->reference = reference;
    a->dt = dt;
    a->armed = true;
}

static void a_disarm(hil_alarm_t *h) { ((fake_alarm_t *)h)->armed = false; }
static bool a_is_armed(hil_alarm_t *h) { return ((fake_alarm_t *)h)->armed; }

static const hil_alarm_ops_t fake_alarm_ops = { a_now, a_set, a_disarm, a_is_armed };

/* Moves time to the alarm's expiry and fires it. */
static void alarm_fire(fake_alarm_t *a)
{
    assert_true(a->armed);
    a->now = a->reference + a->dt;
    a->armed = false;
    a->hil.fired(a->hil.client_ctx);
}

/* --- A MAC user -------------------------------------------------------- */

typedef struct {
    int transmitted, received;
    ctock_err_t err;
    bool acked;
    uint8_t rx_payload[HIL_RADIO154_MAX_MPDU];
    size_t rx_payload_len;
    ieee802154_header_t rx_h;
} user_t;

static void u_transmitted(void *ctx, ctock_err_t err, bool acked)
{
    user_t *u = ctx;
    u->transmitted++;
    u->err = err;
    u->acked = acked;
}

static void u_received(void *ctx, const uint8_t *mpdu, size_t len, const ieee802154_header_t *h,
                       uint8_t lqi)
{
    user_t *u = ctx;
    u->received++;
    u->rx_h = *h;
    u->rx_payload_len = len - h->header_len;
    memcpy(u->rx_payload, mpdu + h->header_len, u->rx_payload_len);
    assert_int_equal(lqi, 200);
}

static const ieee802154_device_client_t user_client = { u_transmitted, u_received };

/* --- Fixture ----------------------------------------------------------- */

static fake_radio_t radio;
static fake_alarm_t alarm;
static ieee802154_mac_t mac;
static user_t user;
static const hil_radio154_config_t defaults = { 26, 0, 0xABCD, 0x0001, 0x4354434B00000001ull };

static int setup(void **state)
{
    memset(&radio, 0, sizeof radio);
    memset(&alarm, 0, sizeof alarm);
    memset(&user, 0, sizeof user);
    radio.hil.ops = &fake_radio_ops;
    alarm.hil.ops = &fake_alarm_ops;
    alarm.hil.frequency_hz = HZ;
    alarm.now = 1000;
    ieee802154_mac_init(&mac, &radio.hil, &alarm.hil, &defaults);
    ieee802154_device_set_client(&mac.dev, &user_client, &user);
    return 0;
}

static ieee802154_addr_t short_addr_of(uint16_t a)
{
    ieee802154_addr_t x = { IEEE802154_ADDR_SHORT, a, 0 };
    return x;
}

/* A data frame from `src` to `dst` (short addresses) with payload "hi". */
static size_t data_frame(uint8_t *buf, uint8_t seq, uint16_t dst, uint16_t src)
{
    ieee802154_addr_t d = short_addr_of(dst), s = short_addr_of(src);
    size_t hl = ieee802154_frame_data_header(buf, HIL_RADIO154_MAX_MPDU, seq, 0xABCD, &d, &s, true);
    assert_true(hl > 0);
    memcpy(buf + hl, "hi", 2);
    return hl + 2;
}

static size_t ack_frame(uint8_t *buf, uint8_t seq)
{
    buf[0] = 0x02;     /* frame control: ACK, version 2003 */
    buf[1] = 0x00;
    buf[2] = seq;
    return 3;
}

/* Runs the backoff that precedes each CCA and checks it is one of
 * 0 .. 2^BE - 1 unit periods. */
static void run_backoff(unsigned be)
{
    assert_int_equal(mac.tx, MAC_TX_BACKOFF);
    assert_true(alarm.armed);
    assert_int_equal(alarm.dt % US(320), 0);
    assert_true(alarm.dt / US(320) < (1u << be));
    alarm_fire(&alarm);
}

/* --- Framer ------------------------------------------------------------ */

static void test_frame_short_roundtrip(void **state)
{
    uint8_t buf[HIL_RADIO154_MAX_MPDU];
    size_t len = data_frame(buf, 7, 0x0002, 0x0001);
    /* FC 0x8861: data, AR, PAN ID compression, dst short, 2006, src short */
    const uint8_t want[] = { 0x61, 0x98, 7, 0xCD, 0xAB, 0x02, 0x00, 0x01, 0x00, 'h', 'i' };
    assert_int_equal(len, sizeof want);
    assert_memory_equal(buf, want, sizeof want);
    ieee802154_header_t h;
    assert_int_equal(ieee802154_frame_parse(buf, len, &h), CTOCK_OK);
    assert_int_equal(h.type, IEEE802154_FRAME_DATA);
    assert_true(h.ack_request && h.has_seq && h.has_dst_pan && h.has_src_pan);
    assert_int_equal(h.seq, 7);
    assert_int_equal(h.dst_pan, 0xABCD);
    assert_int_equal(h.src_pan, 0xABCD);
    assert_int_equal(h.dst.short_addr, 0x0002);
    assert_int_equal(h.src.short_addr, 0x0001);
    assert_int_equal(h.header_len, 9);
    assert_true(ieee802154_frame_wants_ack(&h));
}

static void test_frame_broadcast_and_long(void **state)
{
    uint8_t buf[HIL_RADIO154_MAX_MPDU];
    ieee802154_addr_t bcast = short_addr_of(IEEE802154_BROADCAST);
    ieee802154_addr_t src = { IEEE802154_ADDR_LONG, 0, 0x0011223344556677ull };
    size_t hl = ieee802154_frame_data_header(buf, sizeof buf, 1, 0x1234, &bcast, &src, true);
    assert_int_equal(hl, 15);               /* 3 + PAN 2 + short 2 + long 8 */
    ieee802154_header_t h;
    assert_int_equal(ieee802154_frame_parse(buf, hl, &h), CTOCK_OK);
    assert_false(h.ack_request);            /* never for a broadcast */
    assert_false(ieee802154_frame_wants_ack(&h));
    assert_int_equal(h.src.mode, IEEE802154_ADDR_LONG);
    assert_true(h.src.long_addr == 0x0011223344556677ull);
    assert_int_equal(buf[7], 0x77);         /* little-endian on the air */
    assert_int_equal(h.src_pan, 0x1234);    /* compressed: the destination's */
    /* Does not fit, nothing to address. */
    assert_int_equal(ieee802154_frame_data_header(buf, 14, 1, 0x1234, &bcast, &src, true), 0);
    ieee802154_addr_t none = { IEEE802154_ADDR_NONE, 0, 0 };
    assert_int_equal(ieee802154_frame_data_header(buf, sizeof buf, 1, 1, &none, &none, false), 0);
}

static void test_frame_parse_rules(void **state)
{
    ieee802154_header_t h;
    /* 2015, both short, no compression: both PANs, 3 + 2 + 2 + 2 + 2. */
    const uint8_t v15[] = { 0x01, 0xA8, 9, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00 };
    assert_int_equal(ieee802154_frame_parse(v15, sizeof v15, &h), CTOCK_OK);
    assert_int_equal(h.version, IEEE802154_VERSION_2015);
    assert_int_equal(h.dst_pan, 0x0001);
    assert_int_equal(h.src_pan, 0x0003);
    assert_int_equal(h.src.short_addr, 0x0004);
    assert_int_equal(h.header_len, 11);
    /* 2015, sequence number suppressed, only a destination, compression:
     * no PAN at all. */
    const uint8_t v15b[] = { 0x41, 0x29, 0x02, 0x00 };
    assert_int_equal(ieee802154_frame_parse(v15b, sizeof v15b, &h), CTOCK_OK);
    assert_false(h.has_seq);
    assert_false(h.has_dst_pan);
    assert_int_equal(h.dst.short_addr, 2);
    assert_int_equal(h.header_len, 4);
    /* Truncated, security, reserved addressing mode, compression without
     * both addresses (2006), IEs. */
    assert_int_equal(ieee802154_frame_parse(v15, 10, &h), ERR_INVAL);
    const uint8_t sec[] = { 0x09, 0x00, 1 };
    assert_int_equal(ieee802154_frame_parse(sec, sizeof sec, &h), ERR_NOSUPPORT);
    const uint8_t reserved[] = { 0x01, 0x04, 1 };
    assert_int_equal(ieee802154_frame_parse(reserved, sizeof reserved, &h), ERR_INVAL);
    const uint8_t lone[] = { 0x41, 0x18, 1, 0xCD, 0xAB, 0x02, 0x00 };
    assert_int_equal(ieee802154_frame_parse(lone, sizeof lone, &h), ERR_INVAL);
    const uint8_t ie[] = { 0x01, 0x22, 1 };
    assert_int_equal(ieee802154_frame_parse(ie, sizeof ie, &h), ERR_NOSUPPORT);
    assert_int_equal(ieee802154_frame_parse(ie, 1, &h), ERR_INVAL);
}

/* --- MAC --------------------------------------------------------------- */

static void test_broadcast_wakes_sends_sleeps(void **state)
{
    uint8_t f[HIL_RADIO154_MAX_MPDU];
    size_t len = data_frame(f, 0, IEEE802154_BROADCAST, 0x0001);
    assert_int_equal(mac.dev.ops->transmit(&mac.dev, f, len), CTOCK_OK);
    assert_int_equal(mac.dev.ops->transmit(&mac.dev, f, len), ERR_BUSY);
    assert_int_equal(radio.power_ons, 1);
    assert_false(alarm.armed);              /* nothing before the radio is awake */
    radio_woke(&radio);
    run_backoff(3);
    assert_int_equal(radio.transmits, 1);
    assert_false(radio.last_rx_after);      /* no ACK to wait for, nobody listens */
    assert_memory_equal(radio.last, f, len);
    radio_sent(&radio, CTOCK_OK);
    assert_int_equal(user.transmitted, 1);
    assert_int_equal(user.err, CTOCK_OK);
    assert_false(user.acked);
    assert_int_equal(radio.power_offs, 1);  /* asleep again */
    assert_false(radio.on);
}

static void test_unicast_acked(void **state)
{
    uint8_t f[HIL_RADIO154_MAX_MPDU], ack[3];
    size_t len = data_frame(f, 42, 0x0002, 0x0001);
    mac.dev.ops->transmit(&mac.dev, f, len);
    radio_woke(&radio);
    run_backoff(3);
    assert_true(radio.last_rx_after);       /* listen for the ACK */
    radio_sent(&radio, CTOCK_OK);
    assert_int_equal(mac.tx, MAC_TX_WAIT_ACK);
    assert_int_equal(alarm.dt, US(864));
    radio_hears(&radio, ack, ack_frame(ack, 41));   /* someone else's */
    assert_int_equal(user.transmitted, 0);
    radio_hears(&radio, ack, ack_frame(ack, 42));
    assert_int_equal(user.transmitted, 1);
    assert_int_equal(user.err, CTOCK_OK);
    assert_true(user.acked);
    assert_false(alarm.armed);
    assert_int_equal(user.received, 0);     /* ACKs are the MAC's */
    assert_false(radio.on);
}

static void test_unicast_retries_then_noack(void **state)
{
    uint8_t f[HIL_RADIO154_MAX_MPDU];
    size_t len = data_frame(f, 5, 0x0002, 0x0001);
    mac.dev.ops->transmit(&mac.dev, f, len);
    radio_woke(&radio);
    for (int attempt = 0; attempt < 4; attempt++) {
        run_backoff(3);
        radio_sent(&radio, CTOCK_OK);
        assert_int_equal(user.transmitted, 0);
        assert_int_equal(alarm.dt, US(864));
        alarm_fire(&alarm);                 /* no ACK */
    }
    assert_int_equal(radio.transmits, 4);   /* 1 + macMaxFrameRetries */
    assert_int_equal(user.transmitted, 1);
    assert_int_equal(user.err, CTOCK_OK);
    assert_false(user.acked);
}

static void test_busy_channel(void **state)
{
    uint8_t f[HIL_RADIO154_MAX_MPDU];
    size_t len = data_frame(f, 0, IEEE802154_BROADCAST, 0x0001);
    mac.dev.ops->transmit(&mac.dev, f, len);
    radio_woke(&radio);
    unsigned be = 3;
    for (int i = 0; i < 5; i++) {           /* 1 + macMaxCSMABackoffs CCAs */
        run_backoff(be);
        radio_sent(&radio, ERR_BUSY);
        be = be < 5 ? be + 1 : 5;
    }
    assert_int_equal(user.transmitted, 1);
    assert_int_equal(user.err, ERR_BUSY);
    assert_false(radio.on);
}

static void test_radio_busy_acking(void **state)
{
    /* The radio refuses the TX command (it began an automatic ACK): the
     * MAC takes it as a busy channel and backs off, with a larger BE. */
    uint8_t f[HIL_RADIO154_MAX_MPDU];
    size_t len = data_frame(f, 0, IEEE802154_BROADCAST, 0x0001);
    mac.dev.ops->transmit(&mac.dev, f, len);
    radio_woke(&radio);
    radio.tx_refusals = 1;
    run_backoff(3);
    assert_int_equal(radio.transmits, 0);
    run_backoff(4);
    assert_int_equal(radio.transmits, 1);
    radio_sent(&radio, CTOCK_OK);
    assert_int_equal(user.transmitted, 1);
    assert_int_equal(user.err, CTOCK_OK);
}

static void test_backoffs_differ(void **state)
{
    /* The generator is seeded from the addresses: not all backoffs of a
     * run are equal (with BE 5 there are 32 choices). */
    uint32_t seen = 0;
    for (int i = 0; i < 16; i++)
        seen |= 1u << (next_random(&mac) & 31u);
    assert_true(__builtin_popcount(seen) > 4);
}

static void test_listen_receive_duplicates(void **state)
{
    mac.dev.ops->listen(&mac.dev, true);
    assert_int_equal(radio.power_ons, 1);
    radio_woke(&radio);
    assert_true(radio.listening);
    assert_true(mac.dev.ops->listening(&mac.dev));
    uint8_t f[HIL_RADIO154_MAX_MPDU];
    size_t len = data_frame(f, 9, 0x0001, 0x0003);
    radio_hears(&radio, f, len);
    assert_int_equal(user.received, 1);
    assert_int_equal(user.rx_h.src.short_addr, 0x0003);
    assert_int_equal(user.rx_payload_len, 2);
    assert_memory_equal(user.rx_payload, "hi", 2);
    radio_hears(&radio, f, len);            /* retransmission: its ACK was lost */
    assert_int_equal(user.received, 1);
    len = data_frame(f, 10, 0x0001, 0x0003);
    radio_hears(&radio, f, len);
    assert_int_equal(user.received, 2);
    radio_hears(&radio, f, 1);              /* unparsable */
    assert_int_equal(user.received, 2);
    mac.dev.ops->listen(&mac.dev, false);
    assert_false(radio.on);
}

static void test_sleep_retried_while_acking(void **state)
{
    mac.dev.ops->listen(&mac.dev, true);
    radio_woke(&radio);
    radio.off_answer = ERR_BUSY;            /* an automatic ACK is on the air */
    mac.dev.ops->listen(&mac.dev, false);
    assert_true(radio.on);
    assert_true(alarm.armed);
    assert_int_equal(alarm.dt, US(1000));
    radio.off_answer = CTOCK_OK;
    alarm_fire(&alarm);
    assert_false(radio.on);
}

static void test_config(void **state)
{
    hil_radio154_config_t c;
    mac.dev.ops->get_config(&mac.dev, &c);
    assert_int_equal(c.short_addr, 0x0001);
    c.channel = 27;
    assert_int_equal(mac.dev.ops->set_config(&mac.dev, &c), ERR_INVAL);
    c.channel = 15;
    c.pan = 0x1111;
    assert_int_equal(mac.dev.ops->set_config(&mac.dev, &c), CTOCK_OK);
    assert_int_equal(radio.cfg.pan, 0x1111);
    uint8_t seq = mac.dev.ops->next_seq(&mac.dev);
    assert_int_equal(mac.dev.ops->next_seq(&mac.dev), (uint8_t)(seq + 1));
}

/* --- Virtual MAC -------------------------------------------------------- */

static void test_virtual_mac(void **state)
{
    ieee802154_mux_t mux;
    ieee802154_vdev_t a, b;
    user_t ua = { 0 }, ub = { 0 };
    ieee802154_mux_init(&mux, &mac.dev);
    ieee802154_vdev_init(&a, &mux);
    ieee802154_vdev_init(&b, &mux);
    ieee802154_device_set_client(&a.dev, &user_client, &ua);
    ieee802154_device_set_client(&b.dev, &user_client, &ub);
    uint8_t fa[HIL_RADIO154_MAX_MPDU], fb[HIL_RADIO154_MAX_MPDU];
    size_t la = data_frame(fa, 1, IEEE802154_BROADCAST, 0x0001);
    size_t lb = data_frame(fb, 2, IEEE802154_BROADCAST, 0x0001);
    assert_int_equal(a.dev.ops->transmit(&a.dev, fa, la), CTOCK_OK);
    assert_int_equal(b.dev.ops->transmit(&b.dev, fb, lb), CTOCK_OK);   /* queued */
    assert_int_equal(a.dev.ops->transmit(&a.dev, fa, la), ERR_BUSY);
    assert_int_equal(a.dev.ops->transmit(&a.dev, fa, 2), ERR_SIZE);
    radio_woke(&radio);
    run_backoff(3);
    assert_int_equal(radio.last[2], 1);
    radio_sent(&radio, CTOCK_OK);           /* a done, b goes to the MAC */
    assert_int_equal(ua.transmitted, 1);
    assert_int_equal(ub.transmitted, 0);
    run_backoff(3);
    assert_int_equal(radio.last[2], 2);
    radio_sent(&radio, CTOCK_OK);
    assert_int_equal(ub.transmitted, 1);
    assert_false(radio.on);
    /* Listening: the MAC listens while any user does; frames go to all. */
    a.dev.ops->listen(&a.dev, true);
    b.dev.ops->listen(&b.dev, true);
    radio_woke(&radio);
    a.dev.ops->listen(&a.dev, false);
    assert_true(b.dev.ops->listening(&b.dev));
    assert_true(radio.listening);
    radio_hears(&radio, fa, la);
    assert_int_equal(ua.received, 1);
    assert_int_equal(ub.received, 1);
    b.dev.ops->listen(&b.dev, false);
    assert_false(radio.on);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_short_roundtrip),
        cmocka_unit_test(test_frame_broadcast_and_long),
        cmocka_unit_test(test_frame_parse_rules),
        cmocka_unit_test_setup(test_broadcast_wakes_sends_sleeps, setup),
        cmocka_unit_test_setup(test_unicast_acked, setup),
        cmocka_unit_test_setup(test_unicast_retries_then_noack, setup),
        cmocka_unit_test_setup(test_busy_channel, setup),
        cmocka_unit_test_setup(test_radio_busy_acking, setup),
        cmocka_unit_test_setup(test_backoffs_differ, setup),
        cmocka_unit_test_setup(test_listen_receive_duplicates, setup),
        cmocka_unit_test_setup(test_sleep_retried_while_acking, setup),
        cmocka_unit_test_setup(test_config, setup),
        cmocka_unit_test_setup(test_virtual_mac, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
