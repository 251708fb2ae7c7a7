/*
 * board.h - a board as a const table: its memory regions and its
 * peripheral rows (name, window, IRQ wiring, model). docs/board.md is the
 * contract these tables follow. A node (node.c) maps each region with
 * uc_mem_map and each peripheral window with uc_mmio_map; the System
 * Control Space (NVIC, SCB, SysTick, MPU) is part of every node and is not
 * listed here.
 */
#ifndef SIM_BOARD_H
#define SIM_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../peripherals/periph.h"
#include "node.h"

typedef struct board_mem {
    const char *name;
    uint32_t base;
    uint32_t size;         /* multiple of 1 KiB (Unicorn's ARM page) */
    bool guest_writable;   /* false: read/execute for the guest (flash);
                            * a guest write is a BusFault */
    uint8_t fill;          /* initial content (0xFF = erased flash) */
} board_mem_t;

/* Host-side byte input of a model (UART RX); NULL when it has none. */
typedef void (*periph_input_fn_t)(void *model, const uint8_t *data, size_t len);
/* Host-side pin input of a model (GPIO: buttons); NULL when it has none. */
typedef void (*periph_pin_fn_t)(void *model, unsigned pin, bool level);
/* Seeds a model's random source (TRNG); NULL when it has none. */
typedef void (*periph_seed_fn_t)(void *model, uint64_t seed);

typedef struct board_periph {
    const char *name;      /* instance name, e.g. "uart0" */
    uint32_t base;
    uint32_t size;         /* multiple of 1 KiB */
    int irq[4];            /* model-specific order, -1 = not wired */
    periph_create_fn_t create;
    const periph_ops_t *ops;
    periph_input_fn_t input;
    periph_pin_fn_t set_pin;
    periph_seed_fn_t seed;
} board_periph_t;

struct board {
    const char *name;
    uint32_t clock_hz;     /* default CPU clock */
    const board_mem_t *mem;
    int mem_count;
    const board_periph_t *periph;
    int periph_count;
};

/* The sim board's user buttons: BUTTON<i> is pin i of this peripheral's
 * pin input, active high (docs/board.md). */
#define BOARD_BUTTON_PERIPH "gpio0"
#define BOARD_NUM_BUTTONS 2

/* The ctock simulated board (docs/board.md, board `sim`). */
extern const board_t board_sim;

/* Board by name ("sim"), NULL if unknown. */
const board_t *board_find(const char *name);

/* The memory region holding [addr, addr+len), NULL if none. */
const board_mem_t *board_mem_at(const board_t *b, uint32_t addr, uint32_t len);

#endif
