/*
 * observer.c - fan-out of model reports (LEDs, console bytes, power states,
 * guest errors, GPIO pin levels) to the registered observers. No filtering, no buffering:
 * every callback runs synchronously in registration order.
 */
#include "observer.h"

#include <stdarg.h>
#include <stdio.h>

int observers_add(observer_list_t *ol, const observer_t *o)
{
    if (ol->count >= OBSERVERS_MAX)
        return -1;
    ol->list[ol->count++] = o;
    return 0;
}

void observers_led(const observer_list_t *ol, uint64_t cycle, unsigned index, bool on)
{
    for (int i = 0; i < ol->count; i++)
        if (ol->list[i]->led)
            ol->list[i]->led(ol->list[i]->ctx, cycle, index, on);
}

void observers_console_tx(const observer_list_t *ol, uint64_t cycle, uint8_t byte)
{
    for (int i = 0; i < ol->count; i++)
        if (ol->list[i]->console_tx)
            ol->list[i]->console_tx(ol->list[i]->ctx, cycle, byte);
}

void observers_power(const observer_list_t *ol, uint64_t cycle, power_state_t s)
{
    for (int i = 0; i < ol->count; i++)
        if (ol->list[i]->power)
            ol->list[i]->power(ol->list[i]->ctx, cycle, s);
}

void observers_guest_log(const observer_list_t *ol, uint64_t cycle, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    bool any = false;

    for (int i = 0; i < ol->count; i++)
        any |= ol->list[i]->guest_log != NULL;
    if (!any)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (int i = 0; i < ol->count; i++)
        if (ol->list[i]->guest_log)
            ol->list[i]->guest_log(ol->list[i]->ctx, cycle, msg);
}

void observers_fault(const observer_list_t *ol, uint64_t cycle, const fault_info_t *f)
{
    for (int i = 0; i < ol->count; i++)
        if (ol->list[i]->fault)
            ol->list[i]->fault(ol->list[i]->ctx, cycle, f);
}

void observers_pin(const observer_list_t *ol, uint64_t cycle, const char *periph, unsigned pin,
                   bool output, bool level)
{
    for (int i = 0; i < ol->count; i++)
        if (ol->list[i]->pin)
            ol->list[i]->pin(ol->list[i]->ctx, cycle, periph, pin, output, level);
}
