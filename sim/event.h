/*
 * event.h - a node's queue of timed events, ordered by (time, sequence).
 *
 * Time is the node's CPU cycle count. Ties are broken by the order in which
 * events were scheduled, so a run is reproducible. Events are owned by their
 * models (embedded in the model struct); the queue only links them. The
 * whole API: schedule, cancel, peek at the next deadline, run what is due.
 */
#ifndef SIM_EVENT_H
#define SIM_EVENT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct event event_t;
typedef void (*event_fn_t)(void *ctx, uint64_t now);

struct event {
    uint64_t when;      /* cycle at which fn runs */
    uint64_t seq;       /* scheduling order, for ties */
    event_fn_t fn;
    void *ctx;
    int heap_index;     /* -1 when not queued */
};

#define EVQ_MAX_EVENTS 64

typedef struct evq {
    event_t *heap[EVQ_MAX_EVENTS];
    int count;
    uint64_t next_seq;
} evq_t;

/* Prepares an event owned by a model; it is not queued. */
void event_init(event_t *ev, event_fn_t fn, void *ctx);
void evq_init(evq_t *q);
/* Queues ev at `when` (re-queues it if already queued). */
void evq_schedule(evq_t *q, event_t *ev, uint64_t when);
/* Removes ev if queued; a no-op otherwise. */
void evq_cancel(evq_t *q, event_t *ev);
bool event_is_queued(const event_t *ev);
/* Cycle of the earliest event, or UINT64_MAX when the queue is empty. */
uint64_t evq_next_time(const evq_t *q);
/* Runs (in order) every event due at or before `now`; returns how many. */
int evq_run_due(evq_t *q, uint64_t now);

#endif
