/*
 * console.h - the guest console sink: UART TX bytes go to a FILE (stdout)
 * and are matched against the --expect texts. When every text has been
 * seen, the optional on_all_seen callback runs (main stops the node).
 */
#ifndef SIM_CONSOLE_H
#define SIM_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "observer.h"

#define CONSOLE_MAX_EXPECTS 32
#define CONSOLE_WINDOW 512   /* longest --expect text matched */

typedef struct console {
    FILE *out;
    const char *expects[CONSOLE_MAX_EXPECTS];
    bool seen[CONSOLE_MAX_EXPECTS];
    int nexpects, nseen;
    uint64_t all_seen_cycle;
    char window[CONSOLE_WINDOW];   /* last bytes, newest at the end */
    size_t wlen;
    uint64_t bytes;
    void (*on_all_seen)(void *ctx);
    void *cb_ctx;
    observer_t obs;
} console_t;

/* expects: texts that must all appear (may be empty). Texts longer than
 * CONSOLE_WINDOW bytes are truncated to their first CONSOLE_WINDOW bytes. */
void console_init(console_t *c, FILE *out, const char *const *expects, int nexpects,
                  void (*on_all_seen)(void *), void *cb_ctx);
const observer_t *console_observer(console_t *c);
bool console_all_seen(const console_t *c);
/* Names each --expect text not seen (one stderr line each); returns
 * console_all_seen(). */
bool console_report_unseen(const console_t *c);
/* Feeds one byte as the observer does (for tests). */
void console_byte(console_t *c, uint64_t cycle, uint8_t byte);

#endif
