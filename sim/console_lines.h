/*
 * console_lines.h - one node's console in a multi-node run: the guest's
 * bytes are collected into lines, and each complete line goes to the
 * shared console (console.h: stdout and the --expect matcher) as
 * "[name] line\n". Nodes run one after the other within a quantum, so
 * whole lines keep nodes from mixing inside a line, and the order of lines
 * is fixed by the run (quantum, node index, time).
 *
 * A line longer than CONSOLE_LINES_MAX bytes is passed on in pieces of
 * that size, each prefixed as a line of its own. '\r' is dropped (the
 * prefix starts every line). Not handled: terminal control sequences.
 */
#ifndef SIM_CONSOLE_LINES_H
#define SIM_CONSOLE_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "console.h"
#include "observer.h"

#define CONSOLE_LINES_MAX 1024

typedef struct console_lines {
    console_t *console;
    char prefix[48];
    char buf[CONSOLE_LINES_MAX];
    size_t len;
    observer_t obs;
} console_lines_t;

void console_lines_init(console_lines_t *l, console_t *console, const char *name);
const observer_t *console_lines_observer(console_lines_t *l);
/* Passes on an unfinished line (with a '\n'), e.g. at the end of the run. */
void console_lines_flush(console_lines_t *l, uint64_t cycle);

#endif
