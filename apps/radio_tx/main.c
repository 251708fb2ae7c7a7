/* radio_tx: sends an 802.15.4 data frame every second whose payload is a
 * counter ("tx N"), to the broadcast address unless built with
 * -DRADIO_TX_DST=0x.... One line per frame:
 *   radio_tx: sent N status S      (S: OK, ENOACK, EBUSY, ...)
 * It never turns the radio on to listen, so the radio sleeps between
 * frames. A board without a radio prints that and exits.
 * Built as radio_tx_jitter (-DRADIO_TX_JITTER), it first waits a random
 * 0-999 ms (RNG driver; ctock-sim seeds each node's TRNG differently), so
 * the nodes of a world, which boot together, do not all send at once.
 */
#include <stdio.h>

#include "alarm.h"
#include "ieee802154.h"
#include "rng.h"

#ifndef RADIO_TX_DST
#define RADIO_TX_DST IEEE802154_BROADCAST
#endif
#define PERIOD_MS 1000u

int main(void)
{
    if (!ieee802154_exists()) {
        printf("radio_tx: no 802.15.4 driver on this board\n");
        return 1;
    }
    uint16_t me = 0;
    ieee802154_get_address_short(&me);
    printf("radio_tx: node 0x%04x sending to 0x%04x every %u ms\n", me, RADIO_TX_DST, PERIOD_MS);
#ifdef RADIO_TX_JITTER
    /* Nodes of a world boot together: start at a random phase instead. */
    uint8_t r[2] = {0, 0};
    if (rng_get(r, sizeof r, sizeof r) == (int)sizeof r) {
        unsigned phase = ((unsigned)r[0] << 8 | r[1]) % PERIOD_MS;
        printf("radio_tx: phase %u ms\n", phase);
        alarm_delay_ms(phase);
    }
#endif
    alarm_schedule_t s;
    alarm_schedule_start(&s, PERIOD_MS);
    for (unsigned n = 1;; n++) {
        alarm_schedule_wait(&s);
        char payload[16];
        int len = snprintf(payload, sizeof payload, "tx %u", n);
        int st = ieee802154_send(RADIO_TX_DST, payload, (size_t)len);
        printf("radio_tx: sent %u status %s\n", n, tock_strerror(st));
    }
}
