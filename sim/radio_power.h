/*
 * radio_power.h - the radio's share of a node's power, as the run summary
 * prints it: time in each radio state (those with any) and the charge the
 * radio drew, from the R154 model's per-state counters and its
 * per-state currents (docs/radio.md). Used by the single-node and the
 * scenario summaries alike.
 */
#ifndef SIM_RADIO_POWER_H
#define SIM_RADIO_POWER_H

#include <stddef.h>
#include <stdint.h>

/* "sleep 9.98 s (99.8%), rx 0.01 s (0.1%), ...; charge 0.18 mC, average 0.018 mA"
 * for `radio` (a radio154 model) at cycle `now`. */
void radio_power_format(char *buf, size_t len, const void *radio, uint64_t now, uint32_t clock_hz);

#endif
