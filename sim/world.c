/*
 * world.c - nodes in lockstep quanta and the frames between their radios
 * (world.h has the model). The world implements each radio's port: a
 * transmitted frame is copied into a pending list; at each quantum's end
 * the frames that no later one can start before are sorted, numbered and
 * routed through the medium. A radio commits a frame 192 us (its
 * turnaround) before the frame is on the air, longer than a quantum, so
 * every frame starting before (quantum end + 192 us) is known at the
 * quantum's end; later ones wait for the next quantum, still well before
 * their start. Ids therefore follow start times exactly.
 *
 * A frame the loss model drops is still told to the receiver, as energy
 * (it corrupts what it overlaps); the radio then reports it "out of
 * range" at its end, and the world reports that outcome as "loss"
 * (remembered per (frame id, receiver) until then).
 */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../peripherals/radio154.h"
#include "../peripherals/sysctl.h"
#include "app_flash.h"
#include "board.h"
#include "loader.h"
#include "splitmix.h"

typedef struct world_node {
    world_t *w;
    int index;
    char name[WORLD_NAME_MAX];
    node_t *node;
    void *radio;
    world_node_state_t state;
} world_node_t;

typedef struct lost_frame {
    uint64_t id;
    int dst;
} lost_frame_t;

struct world {
    uint32_t clock_hz;
    uint64_t seed, quantum, now;
    world_node_t **nodes;
    int nnodes;
    medium_t *medium;
    radio_frame_t *pending;            /* frames committed, not yet routed */
    int npending, pending_cap;
    lost_frame_t *lost;
    int nlost, lost_cap;
    uint64_t next_id;
    world_radio_observer_t obs;
    bool stop_requested;
    int failed;
    uint64_t shr;                      /* 160 us in cycles */
    uint64_t lead;                     /* 192 us in cycles: commit to air */
    uint64_t quanta, node_runs, late;
};

uint64_t world_node_seed(uint64_t seed, int index)
{
    return splitmix64_mix(seed + 0x9E3779B97F4A7C15ull * (uint64_t)(index + 1));
}

world_t *world_create(uint32_t clock_hz, uint64_t seed)
{
    world_t *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->clock_hz = clock_hz;
    w->seed = seed;
    uint64_t shr = (uint64_t)clock_hz * RADIO154_SHR_US / 1000000u;
    w->shr = shr;
    w->lead = (uint64_t)clock_hz * RADIO154_TURNAROUND_US / 1000000u;
    /* Below ~6.4 MHz the SHR is under 1024 cycles: keep half of it. */
    uint64_t margin = WORLD_MAX_BLOCK_CYCLES < shr / 2 ? WORLD_MAX_BLOCK_CYCLES : shr / 2;
    w->quantum = shr - margin > 0 ? shr - margin : 1;
    w->next_id = 1;
    w->failed = -1;
    return w;
}

void world_destroy(world_t *w)
{
    if (!w)
        return;
    for (int i = 0; i < w->nnodes; i++) {
        node_destroy(w->nodes[i]->node);
        free(w->nodes[i]);
    }
    free(w->nodes);
    medium_destroy(w->medium);
    free(w->pending);
    free(w->lost);
    free(w);
}

/* ---- the radio port of each node ---- */

static bool grow(void **arr, int *cap, int need, size_t elem)
{
    if (need <= *cap)
        return true;
    int ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, (size_t)ncap * elem);
    if (!p)
        return false;
    *arr = p;
    *cap = ncap;
    return true;
}

static void port_transmit(void *ctx, const radio_frame_t *f)
{
    world_node_t *wn = ctx;
    world_t *w = wn->w;
    if (!grow((void **)&w->pending, &w->pending_cap, w->npending + 1, sizeof *w->pending)) {
        fprintf(stderr, "ctock-sim: out of memory: frame from %s not sent\n", wn->name);
        return;
    }
    radio_frame_t *c = &w->pending[w->npending++];
    *c = *f;
    c->src_node = wn->index;
}

static bool take_lost(world_t *w, uint64_t id, int dst)
{
    for (int i = 0; i < w->nlost; i++) {
        if (w->lost[i].id == id && w->lost[i].dst == dst) {
            w->lost[i] = w->lost[--w->nlost];
            return true;
        }
    }
    return false;
}

static void port_received(void *ctx, const radio_frame_t *f, radio_result_t result, int8_t rssi,
                          uint8_t lqi)
{
    world_node_t *wn = ctx;
    world_t *w = wn->w;
    if (result == RADIO_DROP_OUT_OF_RANGE && take_lost(w, f->id, wn->index))
        result = RADIO_DROP_LOSS;
    if (w->obs.outcome)
        w->obs.outcome(w->obs.ctx, wn->index, f, result, rssi, lqi);
}

/* ---- nodes ---- */

int world_add_node(world_t *w, const char *name, const char *kernel, const char *const *apps,
                   int napps, char *err, size_t errlen)
{
    const char *cerr = NULL;
    world_node_t *wn = calloc(1, sizeof *wn);
    world_node_t **nodes = realloc(w->nodes, sizeof *nodes * (size_t)(w->nnodes + 1));
    if (!wn || !nodes) {
        free(wn);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    w->nodes = nodes;
    wn->w = w;
    wn->index = w->nnodes;
    snprintf(wn->name, sizeof wn->name, "%s", name);
    wn->node = node_create(&board_sim, w->clock_hz, &cerr);
    if (!wn->node) {
        snprintf(err, errlen, "cannot create node '%s': %s", name, cerr ? cerr : "?");
        free(wn);
        return -1;
    }
    if (node_load_elf(wn->node, kernel, err, errlen) < 0 ||
        loader_load_apps(wn->node, apps, napps, APP_FLASH_BASE, APP_FLASH_BASE + APP_FLASH_SIZE,
                         NULL, err, errlen) < 0) {
        node_destroy(wn->node);
        free(wn);
        return -1;
    }
    void *sysctl = node_model(wn->node, "sysctl", &sysctl_ops);
    if (sysctl)
        sysctl_set_node_id(sysctl, (uint32_t)wn->index);
    wn->radio = node_model(wn->node, "radio0", &radio154_ops);
    if (wn->radio) {
        radio_port_t port = {.ctx = wn, .transmit = port_transmit, .received = port_received};
        radio154_attach(wn->radio, &port, wn->index);
    }
    w->nodes[w->nnodes++] = wn;
    return 0;
}

int world_set_medium(world_t *w, const medium_config_t *cfg, const double (*positions)[3],
                     char *err, size_t errlen)
{
    medium_destroy(w->medium);
    w->medium = medium_create(cfg, w->nnodes, positions, world_node_seed(w->seed, -1), err,
                              errlen);
    return w->medium ? 0 : -1;
}

void world_set_radio_observer(world_t *w, const world_radio_observer_t *o)
{
    w->obs = *o;
}

int world_start(world_t *w, bool mpu_exact, char *err, size_t errlen)
{
    if (!w->medium) {
        snprintf(err, errlen, "the world has no medium");
        return -1;
    }
    for (int i = 0; i < w->nnodes; i++) {
        node_t *n = w->nodes[i]->node;
        node_seed(n, world_node_seed(w->seed, i));
        node_set_mpu_exact(n, mpu_exact);
        if (node_reset(n) < 0) {
            snprintf(err, errlen, "node '%s': reset failed: %s", w->nodes[i]->name,
                     node_error(n) ? node_error(n) : "?");
            return -1;
        }
    }
    return 0;
}

/* ---- routing ---- */

static bool sink_present(void *ctx, int dst)
{
    world_node_t *wn = ((world_t *)ctx)->nodes[dst];
    return wn->state == WORLD_NODE_RUNNING && wn->radio;
}

static void sink_deliver(void *ctx, int dst, const radio_frame_t *f, int8_t rssi, bool decodable)
{
    world_t *w = ctx;
    /* The lockstep's promise to the radio (world.h); counted, never expected. */
    if (node_now(w->nodes[dst]->node) >= f->start + w->shr)
        w->late++;
    radio154_incoming(w->nodes[dst]->radio, f, rssi, decodable);
}

static void sink_dropped(void *ctx, int dst, const radio_frame_t *f, radio_result_t why,
                         int8_t rssi)
{
    world_t *w = ctx;
    if (why == RADIO_DROP_LOSS) {
        /* Told as energy just before; the radio reports it at f->end. */
        if (grow((void **)&w->lost, &w->lost_cap, w->nlost + 1, sizeof *w->lost))
            w->lost[w->nlost++] = (lost_frame_t){f->id, dst};
        return;
    }
    if (w->obs.outcome)
        w->obs.outcome(w->obs.ctx, dst, f, why, rssi, 0);
}

static int by_start(const void *a, const void *b)
{
    const radio_frame_t *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->src_node > y->src_node) - (x->src_node < y->src_node);
}

static void route_pending(world_t *w)
{
    medium_sink_t sink = {.ctx = w, .present = sink_present, .deliver = sink_deliver,
                          .dropped = sink_dropped};
    /* (start, node) is unique: a radio sends one frame at a time. */
    qsort(w->pending, (size_t)w->npending, sizeof *w->pending, by_start);
    int n = 0;
    while (n < w->npending && w->pending[n].start < w->now + w->lead) {
        radio_frame_t *f = &w->pending[n++];
        f->id = w->next_id++;
        if (w->obs.sent)
            w->obs.sent(w->obs.ctx, f);
        medium_route(w->medium, f, &sink);
    }
    memmove(w->pending, w->pending + n, sizeof *w->pending * (size_t)(w->npending - n));
    w->npending -= n;
}

/* A node left the world: frames it was told of as lost are forgotten. */
static void retire(world_t *w, int index)
{
    for (int i = 0; i < w->nlost;) {
        if (w->lost[i].dst == index)
            w->lost[i] = w->lost[--w->nlost];
        else
            i++;
    }
}

static void run_node(world_t *w, world_node_t *wn, uint64_t end)
{
    for (;;) {
        switch (node_run_until(wn->node, end)) {
        case NODE_RUN_TIME_REACHED:
            return;
        case NODE_RUN_STOPPED:
            continue;           /* not the world's request: keep the lockstep */
        case NODE_RUN_GUEST_EXIT:
            wn->state = WORLD_NODE_EXITED;
            if (node_exit_status(wn->node) != 0 && w->failed < 0)
                w->failed = wn->index;
            break;
        case NODE_RUN_LOCKUP:
            wn->state = WORLD_NODE_LOCKUP;
            if (w->failed < 0)
                w->failed = wn->index;
            break;
        case NODE_RUN_ERROR:
        default:
            wn->state = WORLD_NODE_ERROR;
            if (w->failed < 0)
                w->failed = wn->index;
            break;
        }
        retire(w, wn->index);
        return;
    }
}

static void run_quantum(world_t *w, uint64_t end)
{
    for (int i = 0; i < w->nnodes; i++) {
        world_node_t *wn = w->nodes[i];
        if (wn->state != WORLD_NODE_RUNNING)
            continue;
        w->node_runs++;
        run_node(w, wn, end);
    }
    w->quanta++;
    w->now = end;
    route_pending(w);
    if (w->obs.horizon)
        w->obs.horizon(w->obs.ctx, end);
}

world_run_result_t world_run_until(world_t *w, uint64_t cycle)
{
    while (w->now < cycle) {
        uint64_t end = (w->now / w->quantum + 1) * w->quantum;
        run_quantum(w, end < cycle ? end : cycle);
        if (w->failed >= 0)
            return WORLD_RUN_NODE_FAILED;
        bool any = false;
        for (int i = 0; i < w->nnodes && !any; i++)
            any = w->nodes[i]->state == WORLD_NODE_RUNNING;
        if (!any)
            return WORLD_RUN_ALL_EXITED;
        if (w->stop_requested) {
            w->stop_requested = false;
            return WORLD_RUN_STOPPED;
        }
    }
    return WORLD_RUN_TIME_REACHED;
}

void world_request_stop(world_t *w) { w->stop_requested = true; }
uint64_t world_now(const world_t *w) { return w->now; }
uint64_t world_quantum(const world_t *w) { return w->quantum; }
uint32_t world_clock_hz(const world_t *w) { return w->clock_hz; }
int world_node_count(const world_t *w) { return w->nnodes; }
node_t *world_node(const world_t *w, int index) { return w->nodes[index]->node; }
const char *world_node_name(const world_t *w, int index) { return w->nodes[index]->name; }
world_node_state_t world_node_state(const world_t *w, int index) { return w->nodes[index]->state; }
int world_failed_node(const world_t *w) { return w->failed; }
void *world_node_radio(const world_t *w, int index) { return w->nodes[index]->radio; }

void world_counts(const world_t *w, uint64_t *quanta, uint64_t *node_runs, uint64_t *late)
{
    *quanta = w->quanta;
    *node_runs = w->node_runs;
    *late = w->late;
}
