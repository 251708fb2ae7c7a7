/*
 * medium.h - the radio medium of a world: who hears a frame, how well,
 * and whether the loss model drops it. One question per (sender,
 * receiver) pair, answered by one of three models:
 *
 *   unit_disk      positions in metres: within tx_range a receiver can
 *                  decode; within interference_range it only gets the
 *                  energy (it can collide, CCA sees it); beyond, nothing.
 *                  RSSI = tx power - 40 dB - 30 dB x log10(distance / 1 m)
 *                  (log-distance path loss, exponent 3, 40 dB at 1 m),
 *                  never above tx power - 40 dB; optional loss ratio.
 *   constant_loss  everyone hears everyone at one RSSI; each frame is lost
 *                  at each receiver with probability `loss`.
 *   table          explicit directed links (from, to, loss, rssi); pairs
 *                  not listed hear nothing (default "none") or only the
 *                  energy (default "energy").
 *
 * medium_route() applies the model to one frame: receivers in index
 * order, one draw of the medium's own seeded generator per receiver that
 * could decode with 0 < loss < 1 (so the draws, and a run, depend only on
 * the seed and the frames). A lost frame still reaches the receiver as
 * energy (it corrupts what it overlaps). Not modelled: fading, the
 * capture effect, obstacles, links changing over time, channels (every
 * radio on any channel is told; the radio model checks the channel).
 */
#ifndef SIM_MEDIUM_H
#define SIM_MEDIUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../peripherals/radio_port.h"

typedef enum { MEDIUM_UNIT_DISK, MEDIUM_CONSTANT_LOSS, MEDIUM_TABLE } medium_model_t;

#define MEDIUM_DEFAULT_RSSI (-60)   /* constant_loss and table links without rssi */

typedef struct medium_table_link {
    int from, to;          /* node indices */
    double loss;           /* 0..1 */
    int8_t rssi;
} medium_table_link_t;

typedef struct medium_config {
    medium_model_t model;
    double tx_range, interference_range;   /* unit_disk, metres */
    double loss;                           /* unit_disk, constant_loss: 0..1 */
    int8_t rssi;                           /* constant_loss */
    const medium_table_link_t *links;      /* table (copied by medium_create) */
    int nlinks;
    bool table_default_energy;             /* table: unlisted pairs hear energy */
} medium_config_t;

typedef enum {
    MEDIUM_REACH_NONE = 0,   /* out of range: not told at all */
    MEDIUM_REACH_ENERGY,     /* energy only (interference range) */
    MEDIUM_REACH_DECODE,     /* decodable, unless lost */
} medium_reach_t;

/* What one sender -> receiver link is like. */
typedef struct medium_link {
    medium_reach_t reach;
    int8_t rssi;             /* at the receiver, dBm */
    double loss;             /* probability a decodable frame is lost */
} medium_link_t;

typedef struct medium medium_t;

/* What medium_route() does with a frame at each receiver. */
typedef struct medium_sink {
    void *ctx;
    /* Is receiver `dst` on the medium (a node that stopped is not)? */
    bool (*present)(void *ctx, int dst);
    /* Tell `dst`'s radio: decodable, or energy only. */
    void (*deliver)(void *ctx, int dst, const radio_frame_t *f, int8_t rssi, bool decodable);
    /* The medium decided `dst` will not get the frame: RADIO_DROP_LOSS
     * (delivered as energy just before) or RADIO_DROP_OUT_OF_RANGE. */
    void (*dropped)(void *ctx, int dst, const radio_frame_t *f, radio_result_t why, int8_t rssi);
} medium_sink_t;

/* positions: nnodes x {x, y, z} metres (unit_disk; may be NULL otherwise).
 * NULL with a message in err on a bad configuration (range, loss, link
 * index). */
medium_t *medium_create(const medium_config_t *cfg, int nnodes, const double (*positions)[3],
                        uint64_t seed, char *err, size_t errlen);
void medium_destroy(medium_t *m);

/* The link src -> dst for a frame sent at tx_power_dbm (src != dst). */
void medium_link(const medium_t *m, int src, int dst, int8_t tx_power_dbm, medium_link_t *out);

/* Routes f (f->src_node set) to every other present node, in index order. */
void medium_route(medium_t *m, const radio_frame_t *f, const medium_sink_t *sink);

/* "unit_disk", "constant_loss", "table". */
const char *medium_model_name(medium_model_t model);

#endif
