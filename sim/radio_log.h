/*
 * radio_log.h - what a world's radios did, for people and tools: the
 * --radio-log text file, the --pcap captures and the counts of the run
 * summary. It is a world_radio_observer_t (world.h).
 *
 * Radio log: one line per transmission and per outcome at each receiver,
 * in virtual-time order (at one time: transmissions, then outcomes by
 * receiver index):
 *
 *   0.012345678 tx a id=17 ch=26 len=20                 at the frame's start
 *   0.012998678 rx b id=17 ok rssi=-45 lqi=255          at the frame's end
 *   0.012998678 drop c id=17 collision rssi=-70
 *
 * Drop reasons: radio_result_name() (not-listening, wrong-channel,
 * collision, bad-fcs, filtered, overrun, loss, dma-error, out-of-range).
 * out-of-range lines (receivers beyond reach, or getting the energy only)
 * are written with `verbose` only; they are always counted.
 *
 * pcap: the network file has every frame sent, in the order they were
 * sent; a node's file has the frames it sent and those it received OK, in
 * the order that happened (a reception is known at the frame's end). The
 * timestamp of a record is always the frame's start.
 */
#ifndef SIM_RADIO_LOG_H
#define SIM_RADIO_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../peripherals/radio_port.h"
#include "world.h"

typedef struct radio_log radio_log_t;

typedef struct radio_log_config {
    uint32_t clock_hz;
    int nnodes;
    const char *const *names;      /* node names, nnodes of them */
    const char *log_path;          /* --radio-log, or NULL */
    bool verbose;                  /* log out-of-range outcomes too */
    const char *pcap_path;         /* --pcap, or NULL */
    const char *const *node_pcap;  /* per node: --pcap-node file or NULL (may be NULL) */
} radio_log_config_t;

typedef struct radio_counts {
    uint64_t sent;
    uint64_t outcomes[RADIO_RESULT_COUNT];
} radio_counts_t;

/* Opens the files. NULL with "<path>: <why>" in err. */
radio_log_t *radio_log_open(const radio_log_config_t *cfg, char *err, size_t errlen);
const world_radio_observer_t *radio_log_observer(radio_log_t *l);
/* Totals; per node with node >= 0 (sent by it, outcomes at it). */
void radio_log_counts(const radio_log_t *l, int node, radio_counts_t *out);
/* Writes what is still held back, closes the files; 0, or -1 if a write
 * failed (err names the file). Frees l. */
int radio_log_close(radio_log_t *l, char *err, size_t errlen);

#endif
