/*
 * node_input.c - host-side inputs of a node that are not bytes: pin levels
 * (GPIO inputs: the board's buttons) and the seed of its random sources.
 * Both go to the board rows that declare them (board_periph_t.set_pin /
 * .seed), so the node knows nothing about the models behind them.
 */
#include <string.h>

#include "node.h"
#include "node_priv.h"

int node_set_input(node_t *n, const char *periph, unsigned pin, bool level)
{
    for (int i = 0; i < n->nperiph; i++) {
        const board_periph_t *row = n->periph[i].row;
        if (strcmp(row->name, periph) == 0 && row->set_pin) {
            row->set_pin(n->periph[i].model, pin, level);
            return 0;
        }
    }
    observers_guest_log(&n->obs, n->cycles, "node: no pin input '%s' for pin %u", periph, pin);
    return -1;
}

void node_seed(node_t *n, uint64_t seed)
{
    for (int i = 0; i < n->nperiph; i++)
        if (n->periph[i].row->seed)
            n->periph[i].row->seed(n->periph[i].model, seed);
}

void node_set_mpu_exact(node_t *n, bool exact)
{
    n->mpu_exact = exact;
}
