/*
 * event.c - a node's timed-event queue: a binary min-heap of event pointers
 * ordered by (when, seq). Events are owned by the models; each remembers its
 * heap slot so cancel and re-schedule are O(log n).
 *
 * Not modelled: nothing beyond the ordering; the capacity is fixed
 * (EVQ_MAX_EVENTS), overflowing it is a programmer error (assert).
 */
#include "event.h"

#include <assert.h>
#include <stddef.h>

static bool before(const event_t *a, const event_t *b)
{
    return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void place(evq_t *q, int i, event_t *ev)
{
    q->heap[i] = ev;
    ev->heap_index = i;
}

static void sift_up(evq_t *q, int i)
{
    event_t *ev = q->heap[i];
    while (i > 0) {
        int parent = (i - 1) / 2;
        if (!before(ev, q->heap[parent]))
            break;
        place(q, i, q->heap[parent]);
        i = parent;
    }
    place(q, i, ev);
}

static void sift_down(evq_t *q, int i)
{
    event_t *ev = q->heap[i];
    for (;;) {
        int child = 2 * i + 1;
        if (child >= q->count)
            break;
        if (child + 1 < q->count && before(q->heap[child + 1], q->heap[child]))
            child++;
        if (!before(q->heap[child], ev))
            break;
        place(q, i, q->heap[child]);
        i = child;
    }
    place(q, i, ev);
}

void event_init(event_t *ev, event_fn_t fn, void *ctx)
{
    ev->when = 0;
    ev->seq = 0;
    ev->fn = fn;
    ev->ctx = ctx;
    ev->heap_index = -1;
}

void evq_init(evq_t *q)
{
    q->count = 0;
    q->next_seq = 0;
}

bool event_is_queued(const event_t *ev)
{
    return ev->heap_index >= 0;
}

void evq_cancel(evq_t *q, event_t *ev)
{
    int i = ev->heap_index;
    if (i < 0)
        return;
    assert(i < q->count && q->heap[i] == ev);
    ev->heap_index = -1;
    q->count--;
    if (i == q->count)
        return;
    event_t *moved = q->heap[q->count];
    place(q, i, moved);
    sift_down(q, i);
    if (q->heap[i] == moved)
        sift_up(q, i);
}

void evq_schedule(evq_t *q, event_t *ev, uint64_t when)
{
    evq_cancel(q, ev);
    assert(q->count < EVQ_MAX_EVENTS);
    ev->when = when;
    ev->seq = q->next_seq++;
    place(q, q->count, ev);
    q->count++;
    sift_up(q, q->count - 1);
}

uint64_t evq_next_time(const evq_t *q)
{
    return q->count ? q->heap[0]->when : UINT64_MAX;
}

int evq_run_due(evq_t *q, uint64_t now)
{
    int ran = 0;
    while (q->count && q->heap[0]->when <= now) {
        event_t *ev = q->heap[0];
        evq_cancel(q, ev);
        /* The callback may re-schedule ev or others; fn runs last. */
        ev->fn(ev->ctx, ev->when);
        ran++;
    }
    return ran;
}
