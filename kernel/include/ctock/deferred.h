/*
 * deferred.h - deferred calls: work a driver asks the kernel loop to run
 * later, outside the current call chain (Tock's DeferredCall).
 *
 * A driver registers once at boot and gets a handle; deferred_call_set()
 * marks it pending (callable from anywhere, including interrupt top halves);
 * the kernel loop runs pending calls after interrupt bottom halves.
 * Not modelled: priorities (calls run in registration order).
 */
#ifndef CTOCK_DEFERRED_H
#define CTOCK_DEFERRED_H

#include <stdbool.h>

#define DEFERRED_CALL_MAX 16

typedef void (*deferred_fn_t)(void *ctx);

/* Returns a handle >= 0, or -1 when the table is full (a board bug). */
int deferred_call_register(deferred_fn_t fn, void *ctx);
void deferred_call_set(int handle);
bool deferred_call_has_pending(void);
/* Runs every pending call once (calls set while running run next round). */
void deferred_call_service(void);

#endif
