/*
 * upcall.c - per-process upcall queues: capsules schedule upcalls, the
 * kernel delivers one per yield by rewriting the process's exception frame.
 *
 * Delivery (Tock's push_function_call on Cortex-M): the frame the process
 * left on its stack at `svc` is overwritten in place:
 *   r0-r2 = the upcall's arguments, r3 = appdata,
 *   lr    = the address after the `svc` (so the upcall returns to the caller
 *           of yield), pc = upcall function, xPSR = Thumb (+ the stack
 *           alignment bit of the original frame, so the SP comes back right).
 * Queued tasks remember the subscribed function; a task queued while the
 * Null Upcall was subscribed is kept only for yield-wait-for and discarded
 * by the other yields. Queue full -> the upcall is dropped and counted.
 */
#include <string.h>

#include "ctock/debug.h"
#include "process.h"

void upcall_clear(process_t *p)
{
    p->task_head = 0;
    p->task_count = 0;
}

static task_t *task_at(process_t *p, unsigned i)
{
    return &p->tasks[(p->task_head + i) % PROCESS_TASKS];
}

static void task_remove_at(process_t *p, unsigned i)
{
    for (unsigned j = i; j + 1 < p->task_count; j++)
        *task_at(p, j) = *task_at(p, j + 1);
    p->task_count--;
}

/* Drops Null-Upcall tasks at the head of the queue. */
static void discard_null_head(process_t *p)
{
    while (p->task_count > 0 && task_at(p, 0)->fn == 0) {
        p->task_head = (uint8_t)((p->task_head + 1) % PROCESS_TASKS);
        p->task_count--;
    }
}

bool upcall_has_deliverable(process_t *p)
{
    discard_null_head(p);
    return p->task_count > 0;
}

uint32_t *process_frame(process_t *p)
{
    uint32_t sp = p->ctx.psp;
    if (sp & 3u || !process_in_app_ram(p, sp, ARCH_FRAME_BYTES))
        return NULL;
    return (uint32_t *)sp;
}

bool upcall_deliver(process_t *p)
{
    if (!upcall_has_deliverable(p))
        return false;
    uint32_t *frame = process_frame(p);
    if (frame == NULL) {
        process_fault_detected(p, "upcall with the stack pointer outside its RAM");
        return false;
    }
    task_t t = *task_at(p, 0);
    task_remove_at(p, 0);

    frame[FRAME_R0] = t.a0;
    frame[FRAME_R1] = t.a1;
    frame[FRAME_R2] = t.a2;
    frame[FRAME_R3] = t.appdata;
    frame[FRAME_LR] = frame[FRAME_PC] | 1u;
    frame[FRAME_PC] = t.fn & ~1u;
    frame[FRAME_XPSR] = 0x01000000u | (frame[FRAME_XPSR] & (1u << 9));
    p->state = PROC_RUNNING;
    return true;
}

bool upcall_take(process_t *p, uint32_t driver, uint32_t num, task_t *out)
{
    for (unsigned i = 0; i < p->task_count; i++) {
        task_t *t = task_at(p, i);
        if (t->driver == driver && t->num == num) {
            *out = *t;
            task_remove_at(p, i);
            return true;
        }
    }
    return false;
}

void upcall_remove(process_t *p, uint32_t driver, uint32_t num)
{
    task_t dummy;
    while (upcall_take(p, driver, num, &dummy))
        ;
}

ctock_err_t ctock_upcall_schedule(ctock_pid_t pid, uint32_t driver, uint32_t num,
                                  uint32_t a0, uint32_t a1, uint32_t a2)
{
    process_t *p = process_from_pid(pid);
    if (p == NULL)
        return ERR_NODEVICE;
    const ctock_driver_t *d = kernel_driver(driver);
    if (d == NULL || d->grant == NULL || num >= d->grant->num_upcalls)
        return ERR_INVAL;

    if (p->state == PROC_YIELDED_FOR && p->wait_driver == driver && p->wait_num == num) {
        /* yield-wait-for: the upcall's arguments become yield's return. */
        uint32_t *frame = process_frame(p);
        if (frame != NULL) {
            frame[FRAME_R0] = a0;
            frame[FRAME_R1] = a1;
            frame[FRAME_R2] = a2;
        }
        p->state = PROC_RUNNING;
        return CTOCK_OK;
    }

    if (p->task_count == PROCESS_TASKS) {
        p->dropped_upcalls++;
        return ERR_NOMEM;
    }
    task_t *t = &p->tasks[(p->task_head + p->task_count) % PROCESS_TASKS];
    t->driver = driver;
    t->num = num;
    /* No instance: the process never subscribed, i.e. the Null Upcall. */
    grant_inst_t *i = grant_instance(p, d->grant, false);
    const upcall_slot_t *s = i ? grant_upcall_slot(d->grant, i, num) : NULL;
    t->fn = s ? s->fn : 0;
    t->appdata = s ? s->appdata : 0;
    t->a0 = a0;
    t->a1 = a1;
    t->a2 = a2;
    p->task_count++;
    return CTOCK_OK;
}
