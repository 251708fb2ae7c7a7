/*
 * radio_log.c - the radio log, pcap captures and radio counts
 * (radio_log.h). Log lines are held until the world's horizon passes
 * their time, then written sorted by time (then transmissions before
 * outcomes, outcomes by receiver index, then arrival): a transmission is
 * reported at the end of the quantum it started in, an outcome during the
 * quantum its frame ends in, so the file comes out in time order.
 */
#include "radio_log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcap.h"
#include "trace.h"

#define LINE_MAX_LEN 128

typedef struct held_line {
    uint64_t time, seq;
    int rank;                      /* 0 tx, 1 + receiver index for an outcome */
    char text[LINE_MAX_LEN];
} held_line_t;

struct radio_log {
    radio_log_config_t cfg;
    FILE *log;
    pcap_t net;
    bool net_open;
    pcap_t *node_pcap;             /* nnodes */
    bool *node_pcap_open;
    radio_counts_t *counts;        /* [0] totals, [1 + i] node i */
    held_line_t *held;
    int nheld, held_cap;
    uint64_t seq;
    bool log_error;
    world_radio_observer_t obs;
};

static uint64_t to_us(const radio_log_t *l, uint64_t cycles)
{
    return (uint64_t)((unsigned __int128)cycles * 1000000u / l->cfg.clock_hz);
}

__attribute__((format(printf, 4, 5)))
static void hold(radio_log_t *l, uint64_t time, int rank, const char *fmt, ...)
{
    if (!l->log)
        return;
    if (l->nheld == l->held_cap) {
        int cap = l->held_cap ? l->held_cap * 2 : 64;
        held_line_t *h = realloc(l->held, sizeof *h * (size_t)cap);
        if (!h) {
            l->log_error = true;
            return;
        }
        l->held = h;
        l->held_cap = cap;
    }
    held_line_t *h = &l->held[l->nheld++];
    h->time = time;
    h->rank = rank;
    h->seq = l->seq++;
    char ts[32];
    trace_format_time(ts, sizeof ts, time, l->cfg.clock_hz);
    int n = snprintf(h->text, sizeof h->text, "%s ", ts);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->text + n, sizeof h->text - (size_t)n, fmt, ap);
    va_end(ap);
}

static int by_time(const void *a, const void *b)
{
    const held_line_t *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Writes the held lines with time < horizon (all with UINT64_MAX). */
static void release(radio_log_t *l, uint64_t horizon)
{
    if (!l->nheld)
        return;
    qsort(l->held, (size_t)l->nheld, sizeof *l->held, by_time);
    int n = 0;
    while (n < l->nheld && (horizon == UINT64_MAX || l->held[n].time < horizon)) {
        if (fprintf(l->log, "%s\n", l->held[n].text) < 0)
            l->log_error = true;
        n++;
    }
    memmove(l->held, l->held + n, sizeof *l->held * (size_t)(l->nheld - n));
    l->nheld -= n;
}

static void on_sent(void *ctx, const radio_frame_t *f)
{
    radio_log_t *l = ctx;
    l->counts[0].sent++;
    l->counts[1 + f->src_node].sent++;
    hold(l, f->start, 0, "tx %s id=%llu ch=%u len=%u", l->cfg.names[f->src_node],
         (unsigned long long)f->id, f->channel, f->len);
    if (l->net_open)
        pcap_write(&l->net, to_us(l, f->start), f->psdu, f->len);
    if (l->node_pcap_open[f->src_node])
        pcap_write(&l->node_pcap[f->src_node], to_us(l, f->start), f->psdu, f->len);
}

static void on_outcome(void *ctx, int node, const radio_frame_t *f, radio_result_t r,
                       int8_t rssi, uint8_t lqi)
{
    radio_log_t *l = ctx;
    if ((unsigned)r >= RADIO_RESULT_COUNT)
        return;
    l->counts[0].outcomes[r]++;
    l->counts[1 + node].outcomes[r]++;
    if (r == RADIO_RX_OK) {
        hold(l, f->end, 1 + node, "rx %s id=%llu ok rssi=%d lqi=%u", l->cfg.names[node],
             (unsigned long long)f->id, rssi, lqi);
        if (l->node_pcap_open[node])
            pcap_write(&l->node_pcap[node], to_us(l, f->start), f->psdu, f->len);
    } else if (r != RADIO_DROP_OUT_OF_RANGE || l->cfg.verbose) {
        hold(l, f->end, 1 + node, "drop %s id=%llu %s rssi=%d", l->cfg.names[node],
             (unsigned long long)f->id, radio_result_name(r), rssi);
    }
}

static void on_horizon(void *ctx, uint64_t cycle)
{
    radio_log_t *l = ctx;
    if (l->log)
        release(l, cycle);
}

static void free_log(radio_log_t *l)
{
    free(l->node_pcap);
    free(l->node_pcap_open);
    free(l->counts);
    free(l->held);
    free(l);
}

radio_log_t *radio_log_open(const radio_log_config_t *cfg, char *err, size_t errlen)
{
    radio_log_t *l = calloc(1, sizeof *l);
    if (!l) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    l->cfg = *cfg;
    size_t n = (size_t)cfg->nnodes;
    l->node_pcap = calloc(n + 1, sizeof *l->node_pcap);
    l->node_pcap_open = calloc(n + 1, sizeof *l->node_pcap_open);
    l->counts = calloc(n + 1, sizeof *l->counts);
    if (!l->node_pcap || !l->node_pcap_open || !l->counts) {
        snprintf(err, errlen, "out of memory");
        free_log(l);
        return NULL;
    }
    l->obs = (world_radio_observer_t){.ctx = l, .sent = on_sent, .outcome = on_outcome,
                                      .horizon = on_horizon};
    if (cfg->log_path && !(l->log = fopen(cfg->log_path, "w"))) {
        snprintf(err, errlen, "%s: %s", cfg->log_path, strerror(errno));
        radio_log_close(l, NULL, 0);
        return NULL;
    }
    if (cfg->pcap_path) {
        if (pcap_open(&l->net, cfg->pcap_path, PCAP_LINKTYPE_IEEE802_15_4_WITHFCS, err,
                      errlen) < 0) {
            radio_log_close(l, NULL, 0);
            return NULL;
        }
        l->net_open = true;
    }
    for (int i = 0; cfg->node_pcap && i < cfg->nnodes; i++) {
        if (!cfg->node_pcap[i])
            continue;
        if (pcap_open(&l->node_pcap[i], cfg->node_pcap[i], PCAP_LINKTYPE_IEEE802_15_4_WITHFCS,
                      err, errlen) < 0) {
            radio_log_close(l, NULL, 0);
            return NULL;
        }
        l->node_pcap_open[i] = true;
    }
    return l;
}

const world_radio_observer_t *radio_log_observer(radio_log_t *l) { return &l->obs; }

void radio_log_counts(const radio_log_t *l, int node, radio_counts_t *out)
{
    *out = l->counts[node < 0 ? 0 : 1 + node];
}

int radio_log_close(radio_log_t *l, char *err, size_t errlen)
{
    int rc = 0;
    if (!l)
        return 0;
    if (l->log) {
        release(l, UINT64_MAX);
        if (fclose(l->log) != 0 || l->log_error) {
            rc = -1;
            if (err)
                snprintf(err, errlen, "%s: error writing the radio log", l->cfg.log_path);
        }
    }
    if (l->net_open && pcap_close(&l->net) < 0) {
        rc = -1;
        if (err)
            snprintf(err, errlen, "%s: error writing the capture", l->cfg.pcap_path);
    }
    for (int i = 0; i < l->cfg.nnodes; i++) {
        if (l->node_pcap_open[i] && pcap_close(&l->node_pcap[i]) < 0) {
            rc = -1;
            if (err)
                snprintf(err, errlen, "%s: error writing the capture", l->cfg.node_pcap[i]);
        }
    }
    free_log(l);
    return rc;
}
