/*
 * grant.c - grants: per-process kernel memory carved from the top of each
 * process's RAM block (the design and the picture: ctock/grant.h).
 *
 *   grant_init        a capsule declares a grant: id = its slot in every
 *                     process's grant pointer table
 *   grant_instance    the kernel core (subscribe, allow) and grant_enter
 *                     find or allocate a process's instance
 *   grant_enter/each  capsules reach instances only through callbacks
 *   grant_process_*   the table at (re)start, unlinking on exit or fault
 *
 * An instance is  [header 8 B][upcall slots][allow-ro][allow-rw][data],
 * every part a multiple of 8 bytes, so the data is 8-byte aligned and
 * kernel_brk stays 8-aligned. Allocation: kernel_brk -= size, as long as
 * kernel_brk stays >= the MPU's end of the process's RAM (the app break
 * rounded up to 32 bytes), then zero it, link it at the head of the
 * grant's list and record it in the table.
 *
 * Cost: allocation O(1); grant_each O(instances of that grant); freeing a
 * process O(grants x instances per grant) to find predecessors in the
 * singly linked lists (at most GRANT_MAX x CTOCK_MAX_PROCS steps).
 *
 * grant_entered_top: while a callback runs, a record of the instance it
 * was given sits in grant_enter's (or grant_each's) frame, linked to the
 * records of the callbacks it is nested in. The kernel never reads it:
 * it is for ctock-sim --check-capsules (docs/capsules.md), which lets a
 * capsule touch exactly the data of the instances of its own grants that
 * are entered. Four stores per callback.
 */
#include <string.h>

#include "ctock/debug.h"
#include "process.h"

#define TABLE_ENTRY_BYTES ((uint32_t)sizeof(grant_inst_t *))
#define HDR_BYTES ((uint32_t)sizeof(grant_inst_t))

_Static_assert(sizeof(grant_inst_t) == 8, "grant header is 8 bytes");
_Static_assert(sizeof(upcall_slot_t) == 8 && sizeof(allow_slot_t) == 8, "slots are 8 bytes");

/* The layout ctock-sim reads (sim/capsule_check.c): four 32-bit words. */
typedef struct grant_entered {
    struct grant_entered *outer;   /* the callback this one is nested in */
    const ctock_grant_t *grant;
    void *data;                    /* what the callback got */
    uint32_t data_bytes;
} grant_entered_t;

/* Innermost entered instance, NULL outside callbacks (see above). */
grant_entered_t *grant_entered_top;

static ctock_grant_t *grants[GRANT_MAX];
static unsigned grant_count;
static bool frozen;   /* processes were laid out with the current count */

static uint32_t align8(uint32_t v)
{
    return (v + 7u) & ~7u;
}

void grant_init(ctock_grant_t *g, size_t data_size, uint8_t num_upcalls,
                uint8_t num_allow_ro, uint8_t num_allow_rw)
{
    if (frozen)
        debug_panic("ctock: grant declared after the processes were loaded\n");
    if (grant_count == GRANT_MAX)
        debug_panic("ctock: too many grants (max %u)\n", GRANT_MAX);
    if (data_size > GRANT_MAX_DATA ||
        HDR_BYTES + (num_upcalls + num_allow_ro + num_allow_rw) * 8u + align8((uint32_t)data_size) > 0xFFF8u)
        debug_panic("ctock: grant of %u bytes is too large\n", (unsigned)data_size);
    g->head = NULL;
    g->data_size = (uint16_t)align8((uint32_t)data_size);
    g->num_upcalls = num_upcalls;
    g->num_allow_ro = num_allow_ro;
    g->num_allow_rw = num_allow_rw;
    g->id = (uint8_t)grant_count;
    grants[grant_count++] = g;
}

uint32_t grant_table_bytes(void)
{
    frozen = true;
    return align8(grant_count * TABLE_ENTRY_BYTES);
}

static uint32_t slots_bytes(const ctock_grant_t *g)
{
    return ((uint32_t)g->num_upcalls + g->num_allow_ro + g->num_allow_rw) * 8u;
}

static uint32_t instance_bytes(const ctock_grant_t *g)
{
    return HDR_BYTES + slots_bytes(g) + g->data_size;
}

static void *instance_data(const ctock_grant_t *g, grant_inst_t *i)
{
    return g->data_size ? (uint8_t *)(i + 1) + slots_bytes(g) : NULL;
}

void grant_process_init(process_t *p)
{
    uint32_t top = p->mem_start + p->mem_len, table = grant_table_bytes();
    p->grants = (grant_inst_t **)(top - table);
    memset(p->grants, 0, table);
    p->kernel_brk = top - table;
}

static void unlink(ctock_grant_t *g, grant_inst_t *i)
{
    for (grant_inst_t **pp = &g->head; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == i) {
            *pp = i->next;
            return;
        }
    }
    debug_panic("ctock: grant %u: instance 0x%08x not in its list\n", (unsigned)g->id,
                (unsigned)(uintptr_t)i);
}

void grant_process_free(process_t *p)
{
    if (p->grants == NULL)
        return;
    for (unsigned id = 0; id < grant_count; id++) {
        grant_inst_t *i = p->grants[id];
        if (i == NULL)
            continue;
        /* Only the kernel loop frees, never a capsule callback. */
        if (i->entered)
            debug_panic("ctock: process '%s' freed while its grant %u is entered\n", p->name, id);
        unlink(grants[id], i);
        p->grants[id] = NULL;
    }
    p->grants = NULL;
}

grant_inst_t *grant_instance(process_t *p, ctock_grant_t *g, bool alloc)
{
    if (g->id >= grant_count || grants[g->id] != g)
        debug_panic("ctock: grant 0x%08x was never declared\n", (unsigned)(uintptr_t)g);
    if (p->grants == NULL)
        return NULL;
    grant_inst_t *i = p->grants[g->id];
    if (i != NULL || !alloc)
        return i;

    /* kernel_brk >= mpu.ram_end always holds (process_brk and this keep
     * it), so the subtraction can't wrap. */
    uint32_t size = instance_bytes(g);
    if (p->kernel_brk - p->mpu.ram_end < size)
        return NULL;
    p->kernel_brk -= size;
    i = (grant_inst_t *)p->kernel_brk;
    memset(i, 0, size);
    i->proc = (uint8_t)(p - process_table);
    i->bytes = (uint16_t)size;
    i->next = g->head;
    g->head = i;
    p->grants[g->id] = i;
    return i;
}

upcall_slot_t *grant_upcall_slot(const ctock_grant_t *g, grant_inst_t *i, uint32_t num)
{
    return num < g->num_upcalls ? (upcall_slot_t *)(i + 1) + num : NULL;
}

allow_slot_t *grant_allow_slot(const ctock_grant_t *g, grant_inst_t *i, bool rw, uint32_t num)
{
    allow_slot_t *ro = (allow_slot_t *)((upcall_slot_t *)(i + 1) + g->num_upcalls);
    if (rw)
        return num < g->num_allow_rw ? ro + g->num_allow_ro + num : NULL;
    return num < g->num_allow_ro ? ro + num : NULL;
}

unsigned grant_process_usage(const process_t *p, uint32_t *bytes)
{
    unsigned n = 0;
    *bytes = 0;
    for (unsigned id = 0; p->grants != NULL && id < grant_count; id++) {
        if (p->grants[id] != NULL) {
            n++;
            *bytes += p->grants[id]->bytes;
        }
    }
    return n;
}

ctock_err_t grant_enter(ctock_grant_t *g, ctock_pid_t pid, grant_fn_t fn, void *ctx)
{
    process_t *p = process_from_pid(pid);
    if (p == NULL)
        return ERR_NODEVICE;
    grant_inst_t *i = grant_instance(p, g, true);
    if (i == NULL)
        return ERR_NOMEM;
    if (i->entered)
        return ERR_BUSY;
    grant_entered_t rec = { grant_entered_top, g, instance_data(g, i), g->data_size };
    i->entered = 1;
    grant_entered_top = &rec;
    fn(rec.data, pid, ctx);
    grant_entered_top = rec.outer;
    i->entered = 0;
    return CTOCK_OK;
}

unsigned grant_each(ctock_grant_t *g, grant_fn_t fn, void *ctx)
{
    unsigned n = 0;
    grant_inst_t *next;
    /* Take `next` first: fn may allocate (push at the head), never free. */
    for (grant_inst_t *i = g->head; i != NULL; i = next) {
        next = i->next;
        if (i->entered)
            continue;
        grant_entered_t rec = { grant_entered_top, g, instance_data(g, i), g->data_size };
        i->entered = 1;
        grant_entered_top = &rec;
        fn(rec.data, process_table[i->proc].pid, ctx);
        grant_entered_top = rec.outer;
        i->entered = 0;
        n++;
    }
    return n;
}

unsigned kernel_grant_count(void)
{
    return grant_count;
}

bool kernel_grant_info(unsigned id, kernel_grant_info_t *out)
{
    if (id >= grant_count)
        return false;
    const ctock_grant_t *g = grants[id];
    out->driver = kernel_driver_of_grant(g);
    out->data_bytes = g->data_size;
    out->slot_bytes = slots_bytes(g);
    out->instance_bytes = instance_bytes(g);
    out->header_bytes = HDR_BYTES;
    out->table_entry_bytes = TABLE_ENTRY_BYTES;
    return true;
}
