/* radio_tx: sends an 802.15.4 data frame every second whose payload is a
 * counter ("tx N"), to the broadcast address unless built with
 * -DRADIO_TX_DST=0x.... One line per frame:
 *   radio_tx: sent N status S      (S: OK, ENOACK, EBUSY, ...)
 * It never turns the radio on to listen, so the radio sleeps between
 * frames. A board without a radio prints that and exits.
 */
#include <stdio.h>

#include "alarm.h"
#include "ieee802154.h"

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
