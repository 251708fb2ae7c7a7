/*
 * console_lines.c - per-node line assembly with a name prefix (see
 * console_lines.h).
 */
#include "console_lines.h"

#include <stdio.h>
#include <string.h>

static void emit(console_lines_t *l, uint64_t cycle)
{
    for (const char *p = l->prefix; *p; p++)
        console_byte(l->console, cycle, (uint8_t)*p);
    for (size_t i = 0; i < l->len; i++)
        console_byte(l->console, cycle, (uint8_t)l->buf[i]);
    console_byte(l->console, cycle, '\n');
    l->len = 0;
}

static void on_tx(void *ctx, uint64_t cycle, uint8_t byte)
{
    console_lines_t *l = ctx;
    if (byte == '\r')
        return;
    if (byte == '\n') {
        emit(l, cycle);
        return;
    }
    if (l->len == sizeof l->buf)
        emit(l, cycle);
    l->buf[l->len++] = (char)byte;
}

void console_lines_init(console_lines_t *l, console_t *console, const char *name)
{
    memset(l, 0, sizeof *l);
    l->console = console;
    snprintf(l->prefix, sizeof l->prefix, "[%s] ", name);
    l->obs = (observer_t){.ctx = l, .console_tx = on_tx};
}

const observer_t *console_lines_observer(console_lines_t *l) { return &l->obs; }

void console_lines_flush(console_lines_t *l, uint64_t cycle)
{
    if (l->len)
        emit(l, cycle);
}
