/*
 * node_priv.h - the node's state, shared by node.c (life cycle, hooks,
 * memory) and node_run.c (the run loop). Nothing outside sim/node*.c
 * includes this.
 */
#ifndef SIM_NODE_PRIV_H
#define SIM_NODE_PRIV_H

#include "../peripherals/scs.h"
#include "board.h"
#include "cortexm.h"
#include "node.h"

#define NODE_MAX_PERIPH 16
#define TBC_SIZE 16384u                 /* direct-mapped block-size cache */
#define HW_WFI 0xBF30u
#define HW_WFE 0xBF20u
#define HW_YIELD 0xBF10u

typedef struct node_periph {
    node_t *n;
    const board_periph_t *row;
    void *model;
} node_periph_t;

typedef struct tb_entry {
    uint32_t pc;
    uint16_t size;
    uint16_t icount;
} tb_entry_t;

struct node {
    const board_t *board;
    uint32_t clock_hz;
    cortexm_t cpu;
    scs_t scs;
    evq_t evq;
    observer_list_t obs;
    periph_host_t host;
    node_periph_t periph[NODE_MAX_PERIPH];
    int nperiph;
    tb_entry_t *tbc;
    uint64_t tb_hits, tb_misses;

    /* Run state. Hooks write the stop causes; the run loop reads them. */
    uint64_t cycles, instructions, sleep_cycles, deep_sleep_cycles;
    uint64_t limit, deadline;
    uint64_t last_block_end;
    bool in_emu, hook_stopped, mask_watch, need_reset, reset_requested;
    int intr;                       /* UC_HOOK_INTR number, -1 = none */
    bool mem_fault;
    int mem_type;
    uint32_t mem_addr;
    bool stop_requested, exited, error;
    int exit_status;
    power_state_t power;
    char errmsg[160];
};

/* Stops the CPU at the next block boundary (when running) and makes the
 * run loop re-decide. */
void node_halt_emu(node_t *n);
void node_set_power(node_t *n, power_state_t s);

#endif
