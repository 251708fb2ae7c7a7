/*
 * m4_node.h - shared fixture for the unit tests that run real Thumb code:
 * a board with only flash and SRAM (no peripheral models), the
 * hand-assembled image of m4_image.h in flash, and helpers to read the
 * handlers' log. log_handler appends {IPSR, LR, SP, PSP} entries.
 */
#ifndef M4_NODE_H
#define M4_NODE_H

#include <stdio.h>
#include <stdlib.h>
#include <unicorn/unicorn.h>

#include "m4_image.h"
#include "sim/board.h"
#include "sim/node.h"
#include "sim/node_debug.h"

#define LOG_BASE 0x20000000u
#define STIR 0xE000EF00u

static const board_mem_t m4_mem[] = {
    { "flash", 0x00000000, 512 * 1024, false, 0xFF },
    { "sram", 0x20000000, 64 * 1024, true, 0x00 },
};
static const board_t m4_board = { "m4test", 48000000, m4_mem, 2, NULL, 0 };

typedef struct m4_log_entry {
    uint32_t ipsr, lr, sp, psp;
} m4_log_entry_t;

static void m4_print_log(void *ctx, uint64_t cycle, const char *msg)
{
    if (getenv("CTOCK_TEST_VERBOSE"))
        fprintf(stderr, "[%llu] %s\n", (unsigned long long)cycle, msg);
}
static const observer_t m4_verbose = { .guest_log = m4_print_log };

/* A node with the image loaded and reset; PC set to `entry`. */
static inline node_t *m4_node(uint32_t entry)
{
    const char *err = NULL;
    node_t *n = node_create(&m4_board, 0, &err);
    if (!n) {
        fprintf(stderr, "node_create: %s\n", err);
        abort();
    }
    node_add_observer(n, &m4_verbose);
    node_write_mem(n, 0, m4_image, sizeof m4_image);
    node_reset(n);
    node_set_reg(n, UC_ARM_REG_PC, entry);
    return n;
}

static inline uint32_t m4_rd32(node_t *n, uint32_t addr)
{
    uint32_t v = 0xDEADDEAD;
    node_read_mem(n, addr, &v, 4);
    return v;
}

static inline uint32_t m4_log_count(node_t *n)
{
    return m4_rd32(n, LOG_BASE);
}

static inline m4_log_entry_t m4_log(node_t *n, unsigned i)
{
    m4_log_entry_t e;
    node_read_mem(n, LOG_BASE + 16 + 16 * i, &e, sizeof e);
    return e;
}

#endif
