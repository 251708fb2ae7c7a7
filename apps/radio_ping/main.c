/* radio_ping: sends 100 requests "ping N" (unicast: each asks for an
 * ACK) to the pong node every 100 ms and waits up to 50 ms for its reply
 * "pong N". The pong's short address is 0x0002 (node 1 of a ctock-sim
 * world: the kernel gives node i the address 0x0001 + i) unless built with
 * -DRADIO_PING_PEER=0x..... One line per exchange, then a summary:
 *   radio_ping: req N status S reply yes|no
 *   radio_ping: done sent=100 acked=X replies=Y
 * S is the send's status: OK (acknowledged), ENOACK (sent, no ACK after
 * the MAC's retries), or an error (not sent). sent counts requests that
 * went on the air.
 */
#include <stdio.h>
#include <string.h>

#include "alarm.h"
#include "ieee802154.h"

#ifndef RADIO_PING_PEER
#define RADIO_PING_PEER 0x0002u
#endif
#define REQUESTS 100u
#define PERIOD_MS 100u
#define REPLY_TIMEOUT_MS 50u

static ieee802154_rx_t rx;
static ieee802154_frame_t frame;

/* Is `f` the reply "pong n" from the peer? */
static bool is_reply(const ieee802154_frame_t *f, unsigned n)
{
    ieee802154_addr_t src;
    ieee802154_frame_src(f, &src);
    if (src.mode != IEEE802154_ADDR_SHORT || src.short_addr != RADIO_PING_PEER)
        return false;
    char want[16];
    int len = snprintf(want, sizeof want, "pong %u", n);
    return f->payload_len == len && memcmp(ieee802154_frame_payload(f), want, (size_t)len) == 0;
}

/* Waits for the reply to request n until the deadline (older replies
 * that come late are skipped). */
static bool wait_reply(unsigned n, uint32_t start, uint32_t ticks)
{
    for (;;) {
        uint32_t now = 0;
        alarm_now(&now);
        uint32_t spent = now - start;
        if (spent >= ticks)
            return false;
        uint32_t left_ms = alarm_ticks_to_ms(ticks - spent);
        if (ieee802154_receive(&rx, &frame, left_ms ? left_ms : 1) != 1)
            return false;
        if (is_reply(&frame, n))
            return true;
    }
}

int main(void)
{
    if (!ieee802154_exists()) {
        printf("radio_ping: no 802.15.4 driver on this board\n");
        return 1;
    }
    uint16_t me = 0;
    ieee802154_get_address_short(&me);
    ieee802154_radio_on();
    ieee802154_receive_async(&rx, NULL, NULL);    /* the ring is ready before the first reply */
    printf("radio_ping: node 0x%04x pinging 0x%04x %u times\n", me, RADIO_PING_PEER, REQUESTS);
    unsigned sent = 0, acked = 0, replies = 0;
    alarm_schedule_t s;
    alarm_schedule_start(&s, PERIOD_MS);
    for (unsigned n = 1; n <= REQUESTS; n++) {
        alarm_schedule_wait(&s);
        uint32_t start = 0;
        alarm_now(&start);
        char req[16];
        int len = snprintf(req, sizeof req, "ping %u", n);
        int st = ieee802154_send(RADIO_PING_PEER, req, (size_t)len);
        bool on_air = st == TOCK_OK || st == TOCK_ENOACK;
        sent += on_air;
        acked += st == TOCK_OK;
        bool reply = on_air && wait_reply(n, start, alarm_ms_to_ticks(REPLY_TIMEOUT_MS));
        replies += reply;
        printf("radio_ping: req %u status %s reply %s\n", n, tock_strerror(st), reply ? "yes" : "no");
    }
    printf("radio_ping: done sent=%u acked=%u replies=%u\n", sent, acked, replies);
    ieee802154_receive_stop();
    ieee802154_radio_off();
    return 0;
}
