/*
 * console.c - writes guest console bytes to the output stream and matches
 * --expect texts on the byte stream (a text may span several writes or
 * lines). Matching cost: for each byte, each unseen text is compared
 * against the end of a small window: O(bytes * texts * length), fine for
 * console rates. Output is buffered; main flushes at slice ends.
 */
#include "console.h"

#include <string.h>

void console_init(console_t *c, FILE *out, const char *const *expects, int nexpects,
                  void (*on_all_seen)(void *), void *cb_ctx)
{
    memset(c, 0, sizeof *c);
    c->out = out;
    if (nexpects > CONSOLE_MAX_EXPECTS)
        nexpects = CONSOLE_MAX_EXPECTS;
    for (int i = 0; i < nexpects; i++)
        c->expects[i] = expects[i];
    c->nexpects = nexpects;
    c->on_all_seen = on_all_seen;
    c->cb_ctx = cb_ctx;
    c->obs = (observer_t){.ctx = c, .console_tx = NULL};
}

static bool ends_with(const console_t *c, const char *text)
{
    size_t n = strlen(text);
    if (n > CONSOLE_WINDOW)
        n = CONSOLE_WINDOW;
    if (n == 0 || n > c->wlen)
        return false;
    /* With a truncated text, its first CONSOLE_WINDOW bytes must match. */
    return memcmp(c->window + c->wlen - n, text, n) == 0;
}

void console_byte(console_t *c, uint64_t cycle, uint8_t byte)
{
    if (c->out)
        fputc(byte, c->out);
    c->bytes++;
    if (c->nseen == c->nexpects)
        return;
    if (c->wlen == CONSOLE_WINDOW) {
        memmove(c->window, c->window + 1, CONSOLE_WINDOW - 1);
        c->wlen--;
    }
    c->window[c->wlen++] = (char)byte;
    for (int i = 0; i < c->nexpects; i++) {
        if (!c->seen[i] && ends_with(c, c->expects[i])) {
            c->seen[i] = true;
            c->nseen++;
        }
    }
    if (c->nexpects > 0 && c->nseen == c->nexpects) {
        c->all_seen_cycle = cycle;
        if (c->on_all_seen)
            c->on_all_seen(c->cb_ctx);
    }
}

static void on_tx(void *ctx, uint64_t cycle, uint8_t byte) { console_byte(ctx, cycle, byte); }

const observer_t *console_observer(console_t *c)
{
    c->obs.console_tx = on_tx;
    return &c->obs;
}

bool console_all_seen(const console_t *c) { return c->nseen == c->nexpects; }

bool console_report_unseen(const console_t *c)
{
    for (int i = 0; i < c->nexpects; i++)
        if (!c->seen[i])
            fprintf(stderr, "ctock-sim: expected text not seen: \"%s\"\n", c->expects[i]);
    return console_all_seen(c);
}
