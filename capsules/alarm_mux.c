/*
 * alarm_mux.c - alarm virtualizer (see alarm_mux.h).
 * Cost: O(number of virtual alarms) per set/fire; there are a handful.
 */
#include "alarm_mux.h"

#include <stddef.h>

/* Programs the hardware for the earliest armed virtual alarm. */
static void rearm(alarm_mux_t *mux)
{
    if (mux->firing)
        return;
    uint32_t now = hil_alarm_now(mux->hw);
    virtual_alarm_t *best = NULL;
    uint32_t best_left = 0;
    for (virtual_alarm_t *v = mux->alarms; v; v = v->next) {
        if (!v->armed)
            continue;
        uint32_t left = hil_time_within(now, v->reference, v->dt)
                            ? v->reference + v->dt - now : 0;
        if (best == NULL || left < best_left) {
            best = v;
            best_left = left;
        }
    }
    if (best == NULL)
        mux->hw->ops->disarm(mux->hw);
    else
        mux->hw->ops->set_alarm(mux->hw, best->reference, best->dt);
}

static void hw_fired(void *ctx)
{
    alarm_mux_t *mux = ctx;
    mux->firing = true;
    /* Clients may re-arm (or arm others) from their callback: loop until a
     * pass finds nothing expired. */
    bool any;
    unsigned passes = 0;
    do {
        any = false;
        uint32_t now = hil_alarm_now(mux->hw);
        for (virtual_alarm_t *v = mux->alarms; v; v = v->next) {
            if (v->armed && !hil_time_within(now, v->reference, v->dt)) {
                v->armed = false;
                any = true;
                if (v->hil.fired)
                    v->hil.fired(v->hil.client_ctx);
            }
        }
    } while (any && ++passes < 8);   /* a client re-arming in the past can't loop us forever */
    mux->firing = false;
    rearm(mux);
}

static uint32_t v_now(hil_alarm_t *h)
{
    return hil_alarm_now(((virtual_alarm_t *)h)->mux->hw);
}

static void v_set(hil_alarm_t *h, uint32_t reference, uint32_t dt)
{
    virtual_alarm_t *v = (virtual_alarm_t *)h;
    v->reference = reference;
    v->dt = dt;
    v->armed = true;
    rearm(v->mux);
}

static void v_disarm(hil_alarm_t *h)
{
    virtual_alarm_t *v = (virtual_alarm_t *)h;
    v->armed = false;
    rearm(v->mux);
}

static bool v_is_armed(hil_alarm_t *h)
{
    return ((virtual_alarm_t *)h)->armed;
}

static const hil_alarm_ops_t v_ops = { v_now, v_set, v_disarm, v_is_armed };

void alarm_mux_init(alarm_mux_t *mux, hil_alarm_t *hw)
{
    mux->hw = hw;
    mux->alarms = NULL;
    mux->firing = false;
    hw->fired = hw_fired;
    hw->client_ctx = mux;
}

void virtual_alarm_init(virtual_alarm_t *va, alarm_mux_t *mux)
{
    va->hil.ops = &v_ops;
    va->hil.frequency_hz = mux->hw->frequency_hz;
    va->hil.fired = NULL;
    va->mux = mux;
    va->armed = false;
    va->next = mux->alarms;
    mux->alarms = va;
}
