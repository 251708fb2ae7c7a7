/* test_radio154_node.c - the R154 radio on a real node of the sim board:
 * Thumb code wakes it and sends a frame from SRAM through MMIO (the TX DMA
 * runs inside the MMIO write), and a received frame lands in SRAM by DMA
 * from the radio's event. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unicorn/unicorn.h>

#include "m4_image.h"
#include "peripherals/radio154.h"
#include "sim/board.h"
#include "sim/node.h"
#include "sim/node_debug.h"

#define RADIO_BASE 0x40032000u
#define PROG 0x20001000u
#define TXF 0x20002000u
#define RXF 0x20002100u

/* r4 = radio, r5 = TX frame: WAKE, wait for IDLE, TX_ADDR = r5, TX, r6 = STATE. */
static const uint16_t prog[] = {
    0x2002,   /* movs r0, #2 */
    0x6020,   /* str  r0, [r4, #0]     CMD = WAKE */
    0x6861,   /* wait: ldr r1, [r4, #4] STATE */
    0x2901,   /* cmp  r1, #1           IDLE? */
    0xd1fc,   /* bne  wait */
    0x61e5,   /* str  r5, [r4, #0x1c]  TX_ADDR */
    0x2004,   /* movs r0, #4 */
    0x6020,   /* str  r0, [r4, #0]     CMD = TX */
    0x6866,   /* ldr  r6, [r4, #4]     STATE */
    0xe7fe,   /* b    . */
};

static radio_frame_t sent[4];
static int nsent;
static radio_result_t last_result = RADIO_RESULT_COUNT;

static void on_transmit(void *ctx, const radio_frame_t *f)
{
    if (nsent < 4)
        sent[nsent++] = *f;
}

static void on_received(void *ctx, const radio_frame_t *f, radio_result_t r, int8_t rssi,
                        uint8_t lqi)
{
    last_result = r;
}

static void test_tx_and_rx_through_the_node(void **state)
{
    const char *err = NULL;
    node_t *n = node_create(board_find("sim"), 0, &err);
    assert_non_null(n);
    void *radio = node_model(n, "radio0", &radio154_ops);
    assert_non_null(radio);
    radio_port_t port = {.transmit = on_transmit, .received = on_received};
    radio154_attach(radio, &port, 4);

    uint8_t frame[1 + 12] = {14, 0x41, 0x88, 0x01, 0x34, 0x12, 0xFF, 0xFF, 0x01, 0x00,
                             'h', 'e', 'y'};   /* PHR 14: 12 MPDU bytes + FCS */
    assert_int_equal(node_write_mem(n, 0, m4_image, sizeof m4_image), 0);
    assert_int_equal(node_write_mem(n, PROG, prog, sizeof prog), 0);
    assert_int_equal(node_write_mem(n, TXF, frame, sizeof frame), 0);
    node_reset(n);
    node_set_reg(n, UC_ARM_REG_PC, PROG | 1);
    node_set_reg(n, UC_ARM_REG_R4, RADIO_BASE);
    node_set_reg(n, UC_ARM_REG_R5, TXF);

    uint32_t hz = node_clock_hz(n);
    uint64_t airtime = (uint64_t)RADIO154_AIRTIME_US(14) * hz / 1000000u;
    node_run_until(n, (uint64_t)hz / 100);   /* 10 ms */
    assert_int_equal(node_reg(n, UC_ARM_REG_R6), RADIO_STATE_TURNAROUND);
    assert_int_equal(nsent, 1);
    assert_int_equal(sent[0].len, 14);
    assert_int_equal(sent[0].src_node, 4);
    assert_memory_equal(sent[0].psdu, frame + 1, 12);
    uint16_t fcs = ieee802154_fcs(frame + 1, 12);
    assert_int_equal(sent[0].psdu[12] | sent[0].psdu[13] << 8, fcs);
    /* Woken (500 us) and turned around (192 us) before it went on the air. */
    assert_true(sent[0].start >= (uint64_t)(RADIO154_WAKE_US + RADIO154_TURNAROUND_US) * hz / 1000000u);
    assert_int_equal(sent[0].end - sent[0].start, airtime);
    assert_int_equal(radio154_ops.read(radio, RADIO154_TXSTATUS, 4), RADIO154_TX_OK);
    assert_int_equal(radio154_ops.read(radio, RADIO154_STATE, 4), RADIO_STATE_IDLE);

    /* The same frame back: the radio DMAs it into SRAM. */
    radio154_ops.write(radio, RADIO154_RX_ADDR, 4, RXF);
    radio154_ops.write(radio, RADIO154_CMD, 4, RADIO154_CMD_RX);
    radio_frame_t in = sent[0];
    in.start = node_now(n);
    in.end = in.start + airtime;
    radio154_incoming(radio, &in, -70, true);
    node_run_until(n, in.end + 1000);
    assert_int_equal(last_result, RADIO_RX_OK);
    uint8_t got[15];
    assert_int_equal(node_read_mem(n, RXF, got, sizeof got), 0);
    assert_int_equal(got[0], 14);
    assert_memory_equal(got + 1, sent[0].psdu, 14);
    assert_true(radio154_ops.read(radio, RADIO154_IRQ_STATUS, 4) & RADIO154_IRQ_RX_DONE);

    /* RX_ADDR in flash: not writable by DMA -> dropped, logged. */
    radio154_ops.write(radio, RADIO154_IRQ_STATUS, 4, RADIO154_IRQ_RX_DONE);
    radio154_ops.write(radio, RADIO154_RX_ADDR, 4, 0x00001000);
    in.start = node_now(n);
    in.end = in.start + airtime;
    radio154_incoming(radio, &in, -70, true);
    node_run_until(n, in.end + 1000);
    assert_int_equal(last_result, RADIO_DROP_DMA_ERROR);
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tx_and_rx_through_the_node),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
