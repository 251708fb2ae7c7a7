/*
 * test_node.c - the node as a host for peripheral models: MMIO forwarding
 * (offset, size, value), periph_host_t (now, events, IRQ lines), events
 * scheduled during emulation cutting the CPU slice, interrupt latency,
 * stop requests, DMA for models; and the `sim` board table building with
 * the real models.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "m4_node.h"
#include "peripherals/radio154.h"
#include "peripherals/uart_cmsdk.h"

/* ---- a tiny model: "pulse" ----
 * +0 write: raise the IRQ line `value` cycles from now; +4 write: lower it;
 * +8 read: the time; +8 write: guest_exit(value); +C..: byte writes are
 * recorded as (offset, size, value). */
typedef struct pulse {
    const periph_host_t *host;
    int irq;
    event_t ev;
    uint32_t last_off, last_size, last_val;
} pulse_t;

static pulse_t *last_pulse;

static void pulse_fire(void *ctx, uint64_t now)
{
    pulse_t *p = ctx;
    p->host->set_irq(p->host->opaque, p->irq, true);
}

static void *pulse_create(const periph_host_t *host, const periph_config_t *cfg)
{
    pulse_t *p = calloc(1, sizeof *p);
    p->host = host;
    p->irq = cfg->irq[0];
    event_init(&p->ev, pulse_fire, p);
    last_pulse = p;
    return p;
}

static uint32_t pulse_read(void *m, uint32_t off, unsigned size)
{
    pulse_t *p = m;
    return off == 8 ? (uint32_t)p->host->now(p->host->opaque) : 0;
}

static void pulse_write(void *m, uint32_t off, unsigned size, uint32_t v)
{
    pulse_t *p = m;
    const periph_host_t *h = p->host;
    p->last_off = off;
    p->last_size = size;
    p->last_val = v;
    if (off == 0)
        evq_schedule(h->evq, &p->ev, h->now(h->opaque) + v);
    else if (off == 4)
        h->set_irq(h->opaque, p->irq, false);
    else if (off == 8)
        h->guest_exit(h->opaque, (int)v);
}

static void pulse_destroy(void *m) { free(m); }

static const periph_ops_t pulse_ops = { "pulse", pulse_read, pulse_write, NULL, pulse_destroy };

static const board_periph_t pulse_rows[] = {
    { "pulse", 0x40000000, 0x1000, { 5, -1, -1, -1 }, pulse_create, &pulse_ops, NULL, NULL, NULL },
};
static const board_t pulse_board = { "pulse", 48000000, m4_mem, 2, pulse_rows, 1 };

static const uint16_t prog_main[] = {
    0x6025,     /* str  r5, [r4]      schedule the pulse in r5 cycles */
    0x68a6,     /* ldr  r6, [r4, #8]  now */
    0x3701,     /* loop: adds r7, #1 */
    0xe7fd,     /* b    loop */
};
static const uint16_t prog_irq[] = {
    0x68a0,     /* ldr  r0, [r4, #8]  now, in the handler */
    0x4680,     /* mov  r8, r0 */
    0x6060,     /* str  r0, [r4, #4]  lower the line */
    0x7360,     /* strb r0, [r4, #13] */
    0x4770,     /* bx   lr */
};
static const uint16_t prog_exit[] = {
    0x2003,     /* movs r0, #3 */
    0x60a0,     /* str  r0, [r4, #8]  guest_exit(3) */
    0xe7fe,     /* b    . */
};

static node_t *pulse_node(uint32_t entry)
{
    const char *err = NULL;
    node_t *n = node_create(&pulse_board, 0, &err);
    uint32_t vec = 0x20001101;
    assert_non_null(n);
    node_add_observer(n, &m4_verbose);
    node_write_mem(n, 0, m4_image, sizeof m4_image);
    node_write_mem(n, 4 * (EXC_IRQ0 + 5), &vec, 4);
    node_write_mem(n, 0x20001000, prog_main, sizeof prog_main);
    node_write_mem(n, 0x20001100, prog_irq, sizeof prog_irq);
    node_write_mem(n, 0x20001200, prog_exit, sizeof prog_exit);
    node_reset(n);
    node_set_reg(n, UC_ARM_REG_PC, entry);
    node_set_reg(n, UC_ARM_REG_R4, 0x40000000);
    nvic_set_enabled(&node_scs(n)->nvic, EXC_IRQ0 + 5, true);
    return n;
}

static void test_event_from_mmio_interrupts_on_time(void **state)
{
    node_t *n = pulse_node(0x20001000);
    node_set_reg(n, UC_ARM_REG_R5, 100);
    assert_int_equal(node_run_until(n, 1000000), NODE_RUN_TIME_REACHED);
    /* Time at MMIO = cycles including the current block (4 instructions). */
    assert_int_equal(node_reg(n, UC_ARM_REG_R6), 4);
    /* The pulse fires at 104; the 2-instruction loop reaches a block
     * boundary at 104 exactly; the handler's first block has 5. */
    assert_int_equal(node_reg(n, UC_ARM_REG_R8), 109);
    node_stats_t st;
    node_stats(n, &st);
    assert_int_equal(st.exceptions, 1);
    assert_true(st.cycles >= 1000000 && st.cycles < 1000002);   /* a block past */
    assert_false(node_scs(n)->nvic.pending[EXC_IRQ0 + 5]);   /* line lowered */
    node_destroy(n);
}

static void test_mmio_forwarding(void **state)
{
    node_t *n = pulse_node(0x20001000);
    node_set_reg(n, UC_ARM_REG_R5, 10);
    node_run_until(n, 200);
    /* The handler's last access: strb r0, [r4, #13] with r0 = its time. */
    assert_int_equal(node_reg(n, UC_ARM_REG_R8), 19);
    assert_int_equal(last_pulse->last_off, 13);
    assert_int_equal(last_pulse->last_size, 1);
    assert_int_equal(last_pulse->last_val, 19);
    node_destroy(n);
}

static void test_guest_exit(void **state)
{
    node_t *n = pulse_node(0x20001200);
    assert_int_equal(node_run_until(n, 1000), NODE_RUN_GUEST_EXIT);
    assert_int_equal(node_exit_status(n), 3);
    assert_true(node_now(n) < 10);
    assert_int_equal(node_run_until(n, 2000), NODE_RUN_GUEST_EXIT);
    node_destroy(n);
}

static node_t *stop_target;
static void stop_on_log(void *ctx, uint64_t cycle, const char *msg)
{
    node_request_stop(stop_target);
}

static void test_request_stop(void **state)
{
    node_t *n = m4_node(M4_LOAD_THREAD);
    static const observer_t stopper = { .guest_log = stop_on_log };
    stop_target = n;
    node_add_observer(n, &stopper);
    node_set_reg(n, UC_ARM_REG_R4, 0x50000000);     /* faults -> guest log */
    assert_int_equal(node_run_until(n, 100000), NODE_RUN_STOPPED);
    assert_true(node_now(n) < 100);
    node_destroy(n);
}

/* periph_host_t DMA: board memory only; writes not into flash. */
static void test_model_dma(void **state)
{
    node_t *n = pulse_node(0x20001000);
    const periph_host_t *h = last_pulse->host;
    uint8_t buf[8] = {1, 2, 3, 4, 5, 6, 7, 8}, back[8] = {0};
    assert_int_equal(h->mem_write(h->opaque, 0x20002000, buf, 8), 0);
    assert_int_equal(node_read_mem(n, 0x20002000, back, 8), 0);
    assert_memory_equal(back, buf, 8);
    assert_int_equal(h->mem_read(h->opaque, 0x20002004, back, 4), 0);
    assert_memory_equal(back, buf + 4, 4);
    assert_int_equal(h->mem_read(h->opaque, 0x00000000, back, 4), 0);     /* flash: readable */
    assert_int_equal(h->mem_write(h->opaque, 0x00001000, buf, 4), -1);   /* not writable */
    assert_int_equal(h->mem_read(h->opaque, 0x40000000, back, 4), -1);   /* MMIO */
    assert_int_equal(h->mem_write(h->opaque, 0x2000FFFC, buf, 8), -1);   /* past the end */
    assert_int_equal(h->mem_read(h->opaque, 0x2000FFFC, back, 8), -1);
    node_destroy(n);
}

static void test_sim_board_builds(void **state)
{
    const char *err = NULL;
    const board_t *b = board_find("sim");
    assert_non_null(b);
    assert_null(board_find("nope"));
    node_t *n = node_create(b, 0, &err);
    assert_non_null(n);
    assert_int_equal(node_clock_hz(n), 48000000);
    uint32_t v = 0;
    assert_int_equal(node_read_mem(n, 0x0007FFFC, &v, 4), 0);
    assert_int_equal(v, 0xFFFFFFFF);                 /* erased flash */
    node_uart_input(n, (const uint8_t *)"hi", 2);
    void *radio = node_model(n, "radio0", &radio154_ops);
    assert_non_null(radio);
    assert_int_equal(radio154_ops.read(radio, RADIO154_ID, 4), RADIO154_ID_VALUE);
    assert_null(node_model(n, "radio0", &uart_cmsdk_ops));   /* wrong ops */
    assert_null(node_model(n, "radio9", &radio154_ops));
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_from_mmio_interrupts_on_time),
        cmocka_unit_test(test_mmio_forwarding),
        cmocka_unit_test(test_guest_exit),
        cmocka_unit_test(test_request_stop),
        cmocka_unit_test(test_model_dma),
        cmocka_unit_test(test_sim_board_builds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
