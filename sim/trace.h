/*
 * trace.h - the --trace FILE and --trace-leds observer: one line per event,
 * "<seconds>.<9 digits> <event>", times from cycles with integer math:
 *
 *   0.500000000 led0 on        LED changes (file and --trace-leds on stderr)
 *   0.500010000 sleep          power states: active, sleep, deep-sleep (file)
 *   0.600000000 log uart0: ... guest errors / unmodelled features (file)
 *   0.700000000 fault UsageFault pc 0x0004012a cfsr 0x00010000   faults (file)
 *   1.500000000 gpio0.0 in high   GPIO pin levels: driven by the host (in:
 *   1.500020000 gpio0.5 out low   buttons) or by the guest (out) (file)
 */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "observer.h"

typedef struct trace {
    FILE *file;         /* NULL: no --trace */
    bool leds_stderr;   /* --trace-leds */
    uint32_t clock_hz;
    observer_t obs;
} trace_t;

/* Opens the trace file (path may be NULL). 0, or -1 with "<path>: <why>". */
int trace_open(trace_t *t, const char *path, bool leds_stderr, uint32_t clock_hz, char *err,
               size_t errlen);
/* The observer to register with the node. */
const observer_t *trace_observer(trace_t *t);
/* Flushes and closes; 0, or -1 if writing the file failed. */
int trace_close(trace_t *t);

/* Formats `cycles` at `hz` as "S.NNNNNNNNN" (truncated to the nanosecond). */
void trace_format_time(char *buf, size_t len, uint64_t cycles, uint32_t hz);

#endif
