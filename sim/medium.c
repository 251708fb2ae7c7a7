/*
 * medium.c - the three medium models and the routing of one frame
 * (medium.h). The loss draws come from the medium's own SplitMix64 stream,
 * seeded once: a draw is 53 random bits as a double in [0, 1), the frame
 * is lost when it is below the link's loss. Links with loss 0 or 1 draw
 * nothing.
 */
#include "medium.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "splitmix.h"

#define PATH_LOSS_1M_DB 40.0     /* 2.4 GHz free space at 1 m is ~40 dB */
#define PATH_LOSS_EXPONENT 3.0   /* between free space (2) and indoors (4) */

struct medium {
    medium_config_t cfg;
    int nnodes;
    double (*pos)[3];
    int *table;                  /* nnodes x nnodes: link index + 1, 0 = unlisted */
    medium_table_link_t *links;
    uint64_t rng;
};

static double draw(medium_t *m)
{
    return (double)(splitmix64(&m->rng) >> 11) * (1.0 / 9007199254740992.0);
}

const char *medium_model_name(medium_model_t model)
{
    switch (model) {
    case MEDIUM_UNIT_DISK:     return "unit_disk";
    case MEDIUM_CONSTANT_LOSS: return "constant_loss";
    case MEDIUM_TABLE:         return "table";
    }
    return "?";
}

static bool bad_ratio(double v) { return !(v >= 0.0 && v <= 1.0); }

static medium_t *fail(medium_t *m, char *err, size_t errlen, const char *msg)
{
    snprintf(err, errlen, "%s", msg);
    medium_destroy(m);
    return NULL;
}

medium_t *medium_create(const medium_config_t *cfg, int nnodes, const double (*positions)[3],
                        uint64_t seed, char *err, size_t errlen)
{
    medium_t *m = calloc(1, sizeof *m);
    if (!m)
        return fail(m, err, errlen, "out of memory");
    m->cfg = *cfg;
    m->cfg.links = NULL;
    m->nnodes = nnodes;
    m->rng = seed;
    if (bad_ratio(cfg->loss))
        return fail(m, err, errlen, "loss must be between 0 and 1");
    switch (cfg->model) {
    case MEDIUM_UNIT_DISK:
        if (!(cfg->tx_range > 0.0))
            return fail(m, err, errlen, "tx_range must be positive");
        if (!(cfg->interference_range >= cfg->tx_range))
            return fail(m, err, errlen, "interference_range must be at least tx_range");
        if (!positions && nnodes > 0)
            return fail(m, err, errlen, "unit_disk needs node positions");
        m->pos = malloc(sizeof *m->pos * (size_t)(nnodes > 0 ? nnodes : 1));
        if (!m->pos)
            return fail(m, err, errlen, "out of memory");
        if (nnodes > 0)
            memcpy(m->pos, positions, sizeof *m->pos * (size_t)nnodes);
        break;
    case MEDIUM_CONSTANT_LOSS:
        break;
    case MEDIUM_TABLE:
        m->table = calloc((size_t)nnodes * (size_t)nnodes + 1, sizeof *m->table);
        m->links = malloc(sizeof *m->links * (size_t)(cfg->nlinks > 0 ? cfg->nlinks : 1));
        if (!m->table || !m->links)
            return fail(m, err, errlen, "out of memory");
        for (int i = 0; i < cfg->nlinks; i++) {
            const medium_table_link_t *l = &cfg->links[i];
            if (l->from < 0 || l->from >= nnodes || l->to < 0 || l->to >= nnodes)
                return fail(m, err, errlen, "link names a node that does not exist");
            if (l->from == l->to)
                return fail(m, err, errlen, "link from a node to itself");
            if (bad_ratio(l->loss))
                return fail(m, err, errlen, "link loss must be between 0 and 1");
            int *slot = &m->table[l->from * nnodes + l->to];
            if (*slot)
                return fail(m, err, errlen, "link listed twice");
            m->links[i] = *l;
            *slot = i + 1;
        }
        m->cfg.nlinks = cfg->nlinks;
        break;
    default:
        return fail(m, err, errlen, "unknown medium model");
    }
    return m;
}

void medium_destroy(medium_t *m)
{
    if (!m)
        return;
    free(m->pos);
    free(m->table);
    free(m->links);
    free(m);
}

static int8_t clamp_dbm(double v)
{
    long r = lround(v);
    return (int8_t)(r < -128 ? -128 : r > 127 ? 127 : r);
}

static void unit_disk(const medium_t *m, int src, int dst, int8_t tx_power_dbm,
                      medium_link_t *out)
{
    double dx = m->pos[src][0] - m->pos[dst][0];
    double dy = m->pos[src][1] - m->pos[dst][1];
    double dz = m->pos[src][2] - m->pos[dst][2];
    double d = sqrt(dx * dx + dy * dy + dz * dz);
    out->loss = m->cfg.loss;
    out->rssi = clamp_dbm(tx_power_dbm - PATH_LOSS_1M_DB -
                          10.0 * PATH_LOSS_EXPONENT * log10(d > 1.0 ? d : 1.0));
    if (d <= m->cfg.tx_range)
        out->reach = MEDIUM_REACH_DECODE;
    else if (d <= m->cfg.interference_range)
        out->reach = MEDIUM_REACH_ENERGY;
    else
        out->reach = MEDIUM_REACH_NONE;
}

void medium_link(const medium_t *m, int src, int dst, int8_t tx_power_dbm, medium_link_t *out)
{
    switch (m->cfg.model) {
    case MEDIUM_UNIT_DISK:
        unit_disk(m, src, dst, tx_power_dbm, out);
        return;
    case MEDIUM_CONSTANT_LOSS:
        out->reach = MEDIUM_REACH_DECODE;
        out->rssi = m->cfg.rssi;
        out->loss = m->cfg.loss;
        return;
    case MEDIUM_TABLE: {
        int slot = m->table[src * m->nnodes + dst];
        if (slot) {
            out->reach = MEDIUM_REACH_DECODE;
            out->rssi = m->links[slot - 1].rssi;
            out->loss = m->links[slot - 1].loss;
        } else {
            out->reach = m->cfg.table_default_energy ? MEDIUM_REACH_ENERGY : MEDIUM_REACH_NONE;
            out->rssi = MEDIUM_DEFAULT_RSSI;
            out->loss = 0.0;
        }
        return;
    }
    }
}

void medium_route(medium_t *m, const radio_frame_t *f, const medium_sink_t *sink)
{
    for (int dst = 0; dst < m->nnodes; dst++) {
        if (dst == f->src_node || !sink->present(sink->ctx, dst))
            continue;
        medium_link_t l;
        medium_link(m, f->src_node, dst, f->tx_power_dbm, &l);
        switch (l.reach) {
        case MEDIUM_REACH_NONE:
            sink->dropped(sink->ctx, dst, f, RADIO_DROP_OUT_OF_RANGE, l.rssi);
            break;
        case MEDIUM_REACH_ENERGY:
            sink->deliver(sink->ctx, dst, f, l.rssi, false);
            break;
        case MEDIUM_REACH_DECODE: {
            bool lost = l.loss >= 1.0 || (l.loss > 0.0 && draw(m) < l.loss);
            sink->deliver(sink->ctx, dst, f, l.rssi, !lost);
            if (lost)
                sink->dropped(sink->ctx, dst, f, RADIO_DROP_LOSS, l.rssi);
            break;
        }
        }
    }
}
