/*
 * node.h - one simulated board: a Cortex-M4 (Unicorn), its memory map and
 * peripheral models, its event queue and its clock.
 *
 * A node advances in virtual time measured in CPU cycles (one executed
 * instruction = one cycle). node_run_until() runs the CPU in slices that end
 * at the next event deadline (counted with a per-translated-block hook, no
 * per-instruction hook), delivers due events, takes pending exceptions, and
 * on `wfi` with nothing pending jumps the clock to the next event, recording
 * the skipped time as sleep or deep sleep.
 *
 * Not modelled here: caches, bus wait states, real instruction timings.
 */
#ifndef SIM_NODE_H
#define SIM_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "observer.h"

typedef struct node node_t;
typedef struct board board_t;   /* sim/board.h: const description of a board */

typedef enum {
    NODE_RUN_TIME_REACHED = 0,  /* reached the requested cycle */
    NODE_RUN_STOPPED,           /* node_request_stop() was called (e.g. by an observer) */
    NODE_RUN_GUEST_EXIT,        /* guest wrote sysctl EXIT; see node_exit_status() */
    NODE_RUN_LOCKUP,            /* the core locked up (fault in a fault handler, ...) */
    NODE_RUN_ERROR,             /* emulator error; see node_error() */
} node_run_result_t;

typedef struct node_stats {
    uint64_t cycles;             /* virtual time so far */
    uint64_t instructions;       /* executed (counted per translated block) */
    uint64_t sleep_cycles;       /* spent in wfi with SLEEPDEEP = 0 */
    uint64_t deep_sleep_cycles;  /* spent in wfi with SLEEPDEEP = 1 */
    uint64_t exceptions;         /* exception entries */
} node_stats_t;

/* Creates a node for `board` with CPU clock `clock_hz`; NULL on failure
 * (message in *err, a static string). */
node_t *node_create(const board_t *board, uint32_t clock_hz, const char **err);
void node_destroy(node_t *n);

/* Loads the kernel ELF's PT_LOAD segments into flash/RAM. Returns 0, or -1
 * with a one-line message (naming the file and the problem) in err. */
int node_load_elf(node_t *n, const char *path, char *err, size_t errlen);
/* Copies bytes into the memory map (host access; flash included). 0 or -1. */
int node_write_mem(node_t *n, uint32_t addr, const void *data, size_t len);
int node_read_mem(node_t *n, uint32_t addr, void *data, size_t len);
/* Resets the core: SP and PC from the vector table at VTOR = 0. */
int node_reset(node_t *n);

int node_add_observer(node_t *n, const observer_t *o);
/* Bytes from the host's stdin side go to UART0 RX through this. */
void node_uart_input(node_t *n, const uint8_t *data, size_t len);
/* (node_input.c) Drives input pin `pin` of peripheral `periph` (e.g.
 * "gpio0": the buttons) to `level` now. 0, or -1 (logged) when the board
 * has no such pin input. */
int node_set_input(node_t *n, const char *periph, unsigned pin, bool level);
/* The model behind board row `name` ("radio0") if its ops are `ops` (so
 * the caller may cast it to that model), else NULL. For the world, which
 * wires models to the medium (radio154_attach) or sets host-side state
 * (sysctl_set_node_id). */
struct periph_ops;
void *node_model(node_t *n, const char *name, const struct periph_ops *ops);
/* (node_input.c) Seeds every random source of the board (the TRNG) from
 * `seed`: same seed, same numbers. Call before node_reset. */
void node_seed(node_t *n, uint64_t seed);
/* Byte-exact MPU checks in cut pages for the whole run (ctock-sim's
 * default; --mpu-fast turns it off): a page a region boundary cuts never
 * turns "hot" (checked per page after 16384 precise steps), at the cost of
 * ~1 us per access to such a page (unprivileged loads/stores; privileged
 * ones step on Unicorn, ~10-20 us). A node starts exact=false (tests
 * of the hot-page rule rely on it). */
void node_set_mpu_exact(node_t *n, bool exact);

node_run_result_t node_run_until(node_t *n, uint64_t cycle);
/* Safe to call from an observer callback; the run returns at the next
 * block boundary with NODE_RUN_STOPPED. */
void node_request_stop(node_t *n);

uint64_t node_now(const node_t *n);
uint32_t node_clock_hz(const node_t *n);
void node_stats(const node_t *n, node_stats_t *out);
power_state_t node_power_state(const node_t *n);
int node_exit_status(const node_t *n);
const char *node_error(const node_t *n);

#endif
