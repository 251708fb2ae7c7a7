/*
 * world.h - many nodes in one deterministic simulation, their radios
 * joined by a medium (medium.h).
 *
 * Every node has its own Unicorn CPU, memory, peripheral models, event
 * queue and clock, all at the same CPU clock, so a node's cycle count is
 * world time. The world advances in lockstep quanta on a fixed grid:
 *
 *   quantum = 160 us (the 802.15.4 SHR, preamble + SFD) less 512 cycles
 *             (the most a node can run past a limit: one translated block)
 *             - 7168 cycles (149.3 us) at 48 MHz
 *
 *   for each quantum [T0, T1):
 *     run node 0, node 1, ... (index order) to T1
 *     of the frames radios committed (a radio commits a frame at its
 *       TURNAROUND start, 192 us before it is on the air), take those
 *       starting before T1 + 192 us (no frame committed later can start
 *       earlier), sort them by (start, node index), give each an id
 *       (1, 2, ... in that order) and route it through the medium to every
 *       other radio (radio154_incoming); the others wait a quantum
 *
 * A receiver's clock is below T1 + 512 cycles < (start of any frame
 * routed at T1) when told, so every radio learns of a frame before it is
 * on the air: collisions and CCA see every frame. With the same scenario,
 * images and seed, a run is the same to the cycle.
 *
 * A node whose guest exits with status 0 leaves the world (it is no longer
 * run or told of frames); a lockup, emulator error or non-zero exit ends
 * the run (world_run_until says which node).
 *
 * Not modelled: clock drift between nodes, different clocks per node.
 */
#ifndef SIM_WORLD_H
#define SIM_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../peripherals/radio_port.h"
#include "medium.h"
#include "node.h"

#define WORLD_NAME_MAX 32
#define WORLD_MAX_BLOCK_CYCLES 512u   /* Unicorn/QEMU: at most 512 instructions per block */

typedef struct world world_t;

typedef enum {
    WORLD_NODE_RUNNING = 0,
    WORLD_NODE_EXITED,      /* guest exit; see world_node_exit_status */
    WORLD_NODE_LOCKUP,
    WORLD_NODE_ERROR,       /* emulator error; node_error() says which */
} world_node_state_t;

typedef enum {
    WORLD_RUN_TIME_REACHED = 0,
    WORLD_RUN_STOPPED,      /* world_request_stop() was called */
    WORLD_RUN_ALL_EXITED,   /* every node exited with status 0 */
    WORLD_RUN_NODE_FAILED,  /* lockup, error or non-zero exit: world_failed_node() */
} world_run_result_t;

/* What the radio log, pcap writers and statistics see (any callback may
 * be NULL). Times are world cycles. */
typedef struct world_radio_observer {
    void *ctx;
    /* A frame goes on the air (at f->start; id and src_node set). Called
     * at the end of a quantum before the frame's start, in (start, node)
     * order. */
    void (*sent)(void *ctx, const radio_frame_t *f);
    /* What became of frame f at receiver `node`, as of f->end: the radio's
     * own result, RADIO_DROP_LOSS when the medium's loss model took it, or
     * RADIO_DROP_OUT_OF_RANGE (beyond interference range, or energy only). */
    void (*outcome)(void *ctx, int node, const radio_frame_t *f, radio_result_t result,
                    int8_t rssi, uint8_t lqi);
    /* End of a quantum: no later sent/outcome call has a time below `cycle`. */
    void (*horizon)(void *ctx, uint64_t cycle);
} world_radio_observer_t;

world_t *world_create(uint32_t clock_hz, uint64_t seed);
void world_destroy(world_t *w);

/* Adds a node of the sim board running `kernel` and `apps`: creates it,
 * loads the images, wires its radio and NODE_ID. 0, or -1 with
 * "<file>: <problem>" in err. */
int world_add_node(world_t *w, const char *name, const char *kernel, const char *const *apps,
                   int napps, char *err, size_t errlen);
/* After the nodes: the medium (positions: one {x,y,z} per node, may be
 * NULL except for unit_disk). 0, or -1 with a message in err. */
int world_set_medium(world_t *w, const medium_config_t *cfg, const double (*positions)[3],
                     char *err, size_t errlen);
void world_set_radio_observer(world_t *w, const world_radio_observer_t *o);
/* Seeds every node (world_node_seed), sets byte-exact MPU checks (or the
 * --mpu-fast trade-off, node.h) and resets it. 0, or -1 with a message. */
int world_start(world_t *w, bool mpu_exact, char *err, size_t errlen);

/* Runs whole quanta of the grid, the last one cut at `cycle`. */
world_run_result_t world_run_until(world_t *w, uint64_t cycle);
/* Safe from observer callbacks: the run ends after the current quantum. */
void world_request_stop(world_t *w);

uint64_t world_now(const world_t *w);
uint64_t world_quantum(const world_t *w);
uint32_t world_clock_hz(const world_t *w);
int world_node_count(const world_t *w);
node_t *world_node(const world_t *w, int index);
const char *world_node_name(const world_t *w, int index);
world_node_state_t world_node_state(const world_t *w, int index);
int world_failed_node(const world_t *w);   /* -1 if none */
/* The node's radio model (radio154), or NULL when its board has none. */
void *world_node_radio(const world_t *w, int index);
/* Quanta run so far, node runs (node_run_until calls) in them, and frames
 * told to a radio whose clock had already passed their SFD (always 0
 * unless the lockstep is broken; the summary reports it). */
void world_counts(const world_t *w, uint64_t *quanta, uint64_t *node_runs, uint64_t *late);

/* The seed node `index` of a world seeded with `seed` gets (SplitMix64 of
 * seed + (index + 1) x golden ratio); index -1 is the medium's. */
uint64_t world_node_seed(uint64_t seed, int index);

#endif
