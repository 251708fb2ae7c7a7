/*
 * deferred.c - deferred call table (see ctock/deferred.h).
 * The pending set is one word updated with interrupts masked, so
 * deferred_call_set() is safe from any context.
 */
#include "ctock/deferred.h"

#include <stdint.h>

#include "ctock/arch.h"

static struct {
    deferred_fn_t fn;
    void *ctx;
} calls[DEFERRED_CALL_MAX];
static unsigned ncalls;
static volatile uint32_t pending;

int deferred_call_register(deferred_fn_t fn, void *ctx)
{
    if (ncalls == DEFERRED_CALL_MAX)
        return -1;
    calls[ncalls].fn = fn;
    calls[ncalls].ctx = ctx;
    return (int)ncalls++;
}

void deferred_call_set(int handle)
{
    if (handle < 0 || (unsigned)handle >= ncalls)
        return;
    uint32_t primask = arch_irq_save();
    pending |= 1u << handle;
    arch_irq_restore(primask);
}

bool deferred_call_has_pending(void)
{
    return pending != 0;
}

void deferred_call_service(void)
{
    arch_irq_disable();
    uint32_t run = pending;
    pending = 0;
    arch_irq_enable();
    for (unsigned i = 0; i < ncalls; i++)
        if (run & (1u << i))
            calls[i].fn(calls[i].ctx);
}
