/*
 * radio_power.c - formats a radio's time per state and charge for the run
 * summaries (radio_power.h).
 */
#include "radio_power.h"

#include <stdio.h>

#include "../peripherals/radio154.h"

void radio_power_format(char *buf, size_t len, const void *radio, uint64_t now, uint32_t clock_hz)
{
    uint64_t cyc[RADIO_STATE_COUNT];
    radio154_state_cycles(radio, now, cyc);
    double total = now ? (double)now : 1.0;
    size_t off = 0;
    buf[0] = '\0';
    for (int s = 0; s < RADIO_STATE_COUNT && off < len; s++) {
        if (!cyc[s])
            continue;
        off += (size_t)snprintf(buf + off, len - off, "%s%s %.6f s (%.2f%%)", off ? ", " : "",
                                radio_state_name((radio_state_t)s), (double)cyc[s] / clock_hz,
                                100.0 * (double)cyc[s] / total);
    }
    if (off >= len)
        return;
    double mc = radio154_charge_mc(radio, now);
    double secs = (double)now / clock_hz;
    snprintf(buf + off, len - off, "%scharge %.6f mC, average %.6f mA", off ? "; " : "", mc,
             secs > 0 ? mc / secs : 0.0);
}
