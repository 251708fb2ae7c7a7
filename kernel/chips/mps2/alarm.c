/*
 * alarm.c - a 32-bit alarm from two CMSDK APB timers (ARM DDI 0479).
 *
 *   0x00 CTRL      bit0 enable, bit3 interrupt enable
 *   0x04 VALUE     current count (counts down at the peripheral clock)
 *   0x08 RELOAD    loaded into VALUE when it reaches 0 (and the IRQ fires)
 *   0x0C INTSTATUS write 1 to clear
 *
 * Timer 0 runs free from RELOAD = 0xFFFFFFFF, so now = 0xFFFFFFFF - VALUE
 * counts up and wraps every 2^32 ticks. Timer 1 is the compare: set_alarm
 * loads it with the ticks left until the expiration and enables its
 * interrupt; the bottom half disables it again (one-shot). The frequency is
 * the CPU clock on both boards. Not modelled: the timers' external inputs.
 */
#include "alarm.h"

#define CTRL 0x00
#define VALUE 0x04
#define RELOAD 0x08
#define INTCLEAR 0x0C
#define CTRL_EN 1u
#define CTRL_IRQEN 8u
#define MIN_DT 50u     /* ticks: never program a compare closer than this */

static inline volatile uint32_t *reg(uint32_t base, uint32_t off)
{
    return (volatile uint32_t *)(base + off);
}

static uint32_t now(hil_alarm_t *h)
{
    cmsdk_alarm_t *a = (cmsdk_alarm_t *)h;
    return 0xFFFFFFFFu - *reg(a->counter_base, VALUE);
}

static void disarm(hil_alarm_t *h)
{
    cmsdk_alarm_t *a = (cmsdk_alarm_t *)h;
    *reg(a->compare_base, CTRL) = 0;
    *reg(a->compare_base, INTCLEAR) = 1;
    a->armed = false;
}

static void set_alarm(hil_alarm_t *h, uint32_t reference, uint32_t dt)
{
    cmsdk_alarm_t *a = (cmsdk_alarm_t *)h;
    uint32_t t = now(h);
    uint32_t delta;
    if (hil_time_within(t, reference, dt))
        delta = reference + dt - t;
    else
        delta = MIN_DT;   /* already expired: fire as soon as possible */
    if (delta < MIN_DT)
        delta = MIN_DT;
    *reg(a->compare_base, CTRL) = 0;
    *reg(a->compare_base, INTCLEAR) = 1;
    *reg(a->compare_base, RELOAD) = 0xFFFFFFFFu;
    *reg(a->compare_base, VALUE) = delta;
    *reg(a->compare_base, CTRL) = CTRL_EN | CTRL_IRQEN;
    a->armed = true;
}

static bool is_armed(hil_alarm_t *h)
{
    return ((cmsdk_alarm_t *)h)->armed;
}

void cmsdk_alarm_irq(void *arg)
{
    cmsdk_alarm_t *a = arg;
    *reg(a->compare_base, INTCLEAR) = 1;
    if (!a->armed)
        return;
    *reg(a->compare_base, CTRL) = 0;
    a->armed = false;
    if (a->hil.fired)
        a->hil.fired(a->hil.client_ctx);
}

static const hil_alarm_ops_t ops = { now, set_alarm, disarm, is_armed };

void cmsdk_alarm_init(cmsdk_alarm_t *a, uint32_t counter_base, uint32_t compare_base,
                      uint32_t clock_hz)
{
    a->hil.ops = &ops;
    a->hil.frequency_hz = clock_hz;
    a->counter_base = counter_base;
    a->compare_base = compare_base;
    a->armed = false;

    *reg(counter_base, CTRL) = 0;
    *reg(counter_base, RELOAD) = 0xFFFFFFFFu;
    *reg(counter_base, VALUE) = 0xFFFFFFFFu;
    *reg(counter_base, INTCLEAR) = 1;
    *reg(counter_base, CTRL) = CTRL_EN;
    disarm(&a->hil);
}
