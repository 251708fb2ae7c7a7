/*
 * call_bench.c - the capsule-call timing driver (see call_bench.h).
 */
#include "call_bench.h"

#include "ctock/arch.h"

/* The trivial HIL: one operation through an ops table, like every HIL. */
typedef struct bench_hil bench_hil_t;
typedef struct {
    uint32_t (*ping)(bench_hil_t *h, uint32_t v);
} bench_hil_ops_t;
struct bench_hil {
    const bench_hil_ops_t *ops;
    uint32_t calls;
};

/* The callee capsule. */
static uint32_t callee_ping(bench_hil_t *h, uint32_t v)
{
    h->calls++;
    return v + 1;
}
static const bench_hil_ops_t callee_ops = { callee_ping };
static bench_hil_t callee = { &callee_ops, 0 };

/* The caller capsule's state: the HILs it was given at init. */
static struct {
    bench_hil_t *target;
    hil_alarm_t *clock;
    hil_led_t *leds;
} caller;

/* Hide a pointer's origin from the optimiser, so calls through it stay
 * indirect calls (no devirtualising or inlining of the callee). */
#define OPAQUE(p) __asm__ volatile("" : "+r"(p))

static uint32_t time_empty(uint32_t n)
{
    hil_alarm_t *clk = caller.clock;
    uint32_t t0 = hil_alarm_now(clk);
    for (uint32_t i = 0; i < n; i++)
        __asm__ volatile("" ::: "memory");
    return hil_alarm_now(clk) - t0;
}

static uint32_t time_ping(uint32_t n)
{
    hil_alarm_t *clk = caller.clock;
    bench_hil_t *h = caller.target;
    uint32_t v = 0;
    OPAQUE(h);
    uint32_t t0 = hil_alarm_now(clk);
    for (uint32_t i = 0; i < n; i++) {
        v = h->ops->ping(h, v);
        __asm__ volatile("" ::: "memory");
    }
    uint32_t t = hil_alarm_now(clk) - t0;
    OPAQUE(v);
    return t;
}

static uint32_t time_led(uint32_t n)
{
    hil_alarm_t *clk = caller.clock;
    hil_led_t *l = caller.leds;
    OPAQUE(l);
    bool on = l->ops->get(l, 0);
    uint32_t t0 = hil_alarm_now(clk);
    for (uint32_t i = 0; i < n; i++) {
        l->ops->set(l, 0, on);
        __asm__ volatile("" ::: "memory");
    }
    return hil_alarm_now(clk) - t0;
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    (void)ctx;
    (void)pid;
    (void)a1;
    if (cmd == 0)
        return ctock_ret_success();
    if (cmd > 2)
        return ctock_ret_failure(ERR_NOSUPPORT);
    if (a0 == 0 || a0 > CALL_BENCH_MAX_N)
        return ctock_ret_failure(ERR_INVAL);
    uint32_t s = arch_irq_save();
    uint32_t calls = cmd == 1 ? time_ping(a0) : time_led(a0);
    uint32_t empty = time_empty(a0);
    arch_irq_restore(s);
    return ctock_ret_success_3u32(calls, empty, a0);
}

ctock_driver_t call_bench_driver = {
    .command = command,
};

void call_bench_init(hil_alarm_t *clock, hil_led_t *leds)
{
    caller.target = &callee;
    caller.clock = clock;
    caller.leds = leds;
}
