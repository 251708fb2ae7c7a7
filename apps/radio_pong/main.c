/* radio_pong: listens and answers each request "ping N" with "pong N",
 * sent to the requester's short address (unicast: it asks for an ACK).
 * One line per request:
 *   radio_pong: req N from 0x0001 reply status S
 * S is the reply's send status (OK: acknowledged, ENOACK, or an error).
 */
#include <stdio.h>
#include <string.h>

#include "ieee802154.h"

static ieee802154_rx_t rx;
static ieee802154_frame_t frame;

/* "ping N" -> N; false for anything else. */
static bool parse_request(const ieee802154_frame_t *f, unsigned *n)
{
    const uint8_t *p = ieee802154_frame_payload(f);
    if (f->payload_len < 6 || memcmp(p, "ping ", 5) != 0)
        return false;
    unsigned v = 0;
    for (int i = 5; i < f->payload_len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10u + (unsigned)(p[i] - '0');
    }
    *n = v;
    return true;
}

int main(void)
{
    if (!ieee802154_exists()) {
        printf("radio_pong: no 802.15.4 driver on this board\n");
        return 1;
    }
    uint16_t me = 0;
    ieee802154_get_address_short(&me);
    ieee802154_radio_on();
    printf("radio_pong: node 0x%04x answering\n", me);
    for (;;) {
        if (ieee802154_receive(&rx, &frame, 0) != 1)
            continue;
        unsigned n;
        ieee802154_addr_t src;
        ieee802154_frame_src(&frame, &src);
        if (src.mode != IEEE802154_ADDR_SHORT || !parse_request(&frame, &n))
            continue;
        char reply[16];
        int len = snprintf(reply, sizeof reply, "pong %u", n);
        int st = ieee802154_send(src.short_addr, reply, (size_t)len);
        printf("radio_pong: req %u from 0x%04x reply status %s\n", n, src.short_addr,
               tock_strerror(st));
    }
}
