/*
 * trace.c - writes LED, power-state and guest-log events as timestamped
 * lines (see trace.h). Deterministic: the text depends only on the event
 * cycles and the clock, never on wall time. Console bytes are not traced
 * (they are on stdout).
 */
#include "trace.h"

#include <errno.h>
#include <string.h>

void trace_format_time(char *buf, size_t len, uint64_t cycles, uint32_t hz)
{
    uint64_t s = cycles / hz;
    uint64_t ns = (cycles % hz) * 1000000000ull / hz;   /* < 1e18: no overflow */
    snprintf(buf, len, "%llu.%09llu", (unsigned long long)s, (unsigned long long)ns);
}

static void on_led(void *ctx, uint64_t cycle, unsigned index, bool on)
{
    trace_t *t = ctx;
    char ts[32];
    trace_format_time(ts, sizeof ts, cycle, t->clock_hz);
    if (t->file)
        fprintf(t->file, "%s led%u %s\n", ts, index, on ? "on" : "off");
    if (t->leds_stderr)
        fprintf(stderr, "%s led%u %s\n", ts, index, on ? "on" : "off");
}

static void on_power(void *ctx, uint64_t cycle, power_state_t s)
{
    trace_t *t = ctx;
    static const char *const names[] = {"active", "sleep", "deep-sleep"};
    char ts[32];
    if (!t->file)
        return;
    trace_format_time(ts, sizeof ts, cycle, t->clock_hz);
    fprintf(t->file, "%s %s\n", ts, (unsigned)s < 3 ? names[s] : "power?");
}

static void on_log(void *ctx, uint64_t cycle, const char *msg)
{
    trace_t *t = ctx;
    char ts[32];
    if (!t->file)
        return;
    trace_format_time(ts, sizeof ts, cycle, t->clock_hz);
    fprintf(t->file, "%s log ", ts);
    for (const char *p = msg; *p; p++)   /* keep it one line */
        fputc(*p == '\n' || *p == '\r' ? ' ' : *p, t->file);
    fputc('\n', t->file);
}

static void on_fault(void *ctx, uint64_t cycle, const fault_info_t *f)
{
    trace_t *t = ctx;
    static const char *const names[] = {"HardFault", "MemManage", "BusFault", "UsageFault"};
    char ts[32];
    if (!t->file)
        return;
    trace_format_time(ts, sizeof ts, cycle, t->clock_hz);
    fprintf(t->file, "%s fault %s pc 0x%08x cfsr 0x%08x%s\n", ts,
            f->exception >= 3 && f->exception <= 6 ? names[f->exception - 3] : "exception",
            f->pc, f->cfsr, f->lockup ? " lockup" : "");
}

static void on_pin(void *ctx, uint64_t cycle, const char *periph, unsigned pin, bool output,
                   bool level)
{
    trace_t *t = ctx;
    char ts[32];
    if (!t->file)
        return;
    trace_format_time(ts, sizeof ts, cycle, t->clock_hz);
    fprintf(t->file, "%s %s.%u %s %s\n", ts, periph, pin, output ? "out" : "in",
            level ? "high" : "low");
}

int trace_open(trace_t *t, const char *path, bool leds_stderr, uint32_t clock_hz, char *err,
               size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->leds_stderr = leds_stderr;
    t->clock_hz = clock_hz;
    if (path) {
        t->file = fopen(path, "w");
        if (!t->file) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            return -1;
        }
    }
    t->obs = (observer_t){.ctx = t, .led = on_led, .power = on_power, .guest_log = on_log,
                          .fault = on_fault, .pin = on_pin};
    return 0;
}

const observer_t *trace_observer(trace_t *t) { return &t->obs; }

int trace_close(trace_t *t)
{
    int rc = 0;
    if (t->file) {
        if (ferror(t->file))
            rc = -1;
        if (fclose(t->file) != 0)
            rc = -1;
        t->file = NULL;
    }
    return rc;
}
