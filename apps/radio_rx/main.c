/* radio_rx: turns the radio on and prints every data frame it receives
 * (broadcast or addressed to this node), one line each:
 *   radio_rx: from 0x0001 seq 3 len 4 payload "tx 4"
 * `from` is the source's short address (0x then 16 hex digits for a long
 * one, "none" without one), `len` the payload length, the payload quoted
 * if it is printable ASCII, else in hex.
 */
#include <stdio.h>

#include "ieee802154.h"

static ieee802154_rx_t rx;
static ieee802154_frame_t frame;

static void print_frame(const ieee802154_frame_t *f)
{
    char from[24], payload[2 * 127 + 3];
    ieee802154_addr_t src;
    ieee802154_frame_src(f, &src);
    if (src.mode == IEEE802154_ADDR_SHORT)
        snprintf(from, sizeof from, "0x%04x", src.short_addr);
    else if (src.mode == IEEE802154_ADDR_LONG)
        snprintf(from, sizeof from, "0x%016llx", (unsigned long long)src.long_addr);
    else
        snprintf(from, sizeof from, "none");
    uint8_t seq = 0;
    ieee802154_frame_seq(f, &seq);
    const uint8_t *p = ieee802154_frame_payload(f);
    bool text = true;
    for (int i = 0; i < f->payload_len; i++)
        text = text && p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"';
    if (text) {
        snprintf(payload, sizeof payload, "\"%.*s\"", f->payload_len, (const char *)p);
    } else {
        for (int i = 0; i < f->payload_len; i++)
            snprintf(payload + 2 * i, 3, "%02x", p[i]);
        payload[2 * f->payload_len] = 0;
    }
    printf("radio_rx: from %s seq %u len %u payload %s\n", from, seq, f->payload_len, payload);
}

int main(void)
{
    if (!ieee802154_exists()) {
        printf("radio_rx: no 802.15.4 driver on this board\n");
        return 1;
    }
    uint16_t me = 0;
    ieee802154_get_address_short(&me);
    int st = ieee802154_radio_on();
    printf("radio_rx: node 0x%04x listening (%s)\n", me, tock_strerror(st));
    for (;;) {
        st = ieee802154_receive(&rx, &frame, 0);
        if (st == 1)
            print_frame(&frame);
        else if (st < 0)
            printf("radio_rx: receive failed (%s)\n", tock_strerror(st));
    }
}
