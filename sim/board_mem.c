/*
 * board_mem.c - look-ups in a board's memory table. Kept apart from the
 * board tables (board.c) so code and tests that use their own boards do
 * not link the peripheral models.
 */
#include "board.h"

const board_mem_t *board_mem_at(const board_t *b, uint32_t addr, uint32_t len)
{
    for (int i = 0; i < b->mem_count; i++) {
        const board_mem_t *m = &b->mem[i];
        if (addr >= m->base && (uint64_t)addr + len <= (uint64_t)m->base + m->size)
            return m;
    }
    return NULL;
}
