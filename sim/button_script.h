/*
 * button_script.h - the --button presses and releases as a schedule of
 * pin changes in virtual time. The run loop ends its slices at the next
 * change (button_script_next) and applies what is due between slices, so
 * a press lands on its cycle whenever the CPU sleeps (and at the first
 * block boundary after it otherwise); the same flags give the same run.
 */
#ifndef SIM_BUTTON_SCRIPT_H
#define SIM_BUTTON_SCRIPT_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"
#include "node.h"

typedef struct {
    uint64_t cycle;
    unsigned button;
    bool pressed;
} button_change_t;

typedef struct {
    button_change_t ev[2 * CLI_MAX_BUTTONS];
    int n, next;
} button_script_t;

/* From the parsed flags at clock_hz, ordered by time (ties: flag order). */
void button_script_init(button_script_t *s, const cli_opts_t *o);
/* Cycle of the next change, UINT64_MAX when none is left. */
uint64_t button_script_next(const button_script_t *s);
/* Drives every change due at `now` to the node (BOARD_BUTTON_PERIPH). */
void button_script_apply(button_script_t *s, node_t *n, uint64_t now);

#endif
