/* test_radio154.c - R154 radio model, registers and transmit side: FCS
 * vectors, reset values, wake timing, TX timing with and without CCA, CCA
 * busy, TX DMA errors, commands not allowed, bad offsets, IRQ line, power
 * counters and charge, a radio without a port. Reception: test_radio154_rx.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "radio154_fixture.h"

static void assert_close(double got, double want, double eps)
{
    if (fabs(got - want) > eps)
        fail_msg("%.12f is not %.12f (+-%g)", got, want, eps);
}

/* A TX frame in guest RAM: PHR + MPDU without FCS. Returns L. */
static uint8_t put_tx_frame(uint8_t seq, unsigned payload_len)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, seq, false, 0x1234, 0x0002, payload_len);
    ram[TX_BUF - RAM_BASE] = len;
    memcpy(ram + (TX_BUF - RAM_BASE) + 1, psdu, len - 2u);
    wr(RADIO154_TX_ADDR, TX_BUF);
    return len;
}

static void test_fcs_vectors(void **state)
{
    /* IEEE 802.15.4-2006 7.2.1.9: the ACK frame whose MHR is, first bit on
     * the air first, 0100 0000 0000 0000 0101 0110 (bytes 02 00 6A) has the
     * FCS 0010 0111 1001 1110 (r0 first): low byte 0xE4, high byte 0x79. */
    const uint8_t ack[] = {0x02, 0x00, 0x6A};
    assert_int_equal(ieee802154_fcs(ack, 3), 0x79E4);
    /* CRC-16/KERMIT's catalogue check value. */
    assert_int_equal(ieee802154_fcs((const uint8_t *)"123456789", 9), 0x2189);
    assert_int_equal(ieee802154_fcs(ack, 0), 0);
}

static void test_reset_values(void **state)
{
    assert_int_equal(rd(RADIO154_ID), RADIO154_ID_VALUE);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_SLEEP);
    assert_int_equal(rd(RADIO154_CHANNEL), 11);
    assert_int_equal(rd(RADIO154_PANID), 0xFFFF);
    assert_int_equal(rd(RADIO154_SHORTADDR), 0xFFFF);
    assert_int_equal((int8_t)rd(RADIO154_RSSI), RADIO154_RSSI_NONE);
    const uint32_t zero[] = {RADIO154_CMD, RADIO154_TXPOWER, RADIO154_CONFIG,
                             RADIO154_IRQ_STATUS, RADIO154_IRQ_ENABLE, RADIO154_TX_ADDR,
                             RADIO154_RX_ADDR, RADIO154_RXINFO, RADIO154_TXSTATUS,
                             RADIO154_LONGADDR_LO, RADIO154_LONGADDR_HI};
    for (unsigned i = 0; i < sizeof zero / sizeof zero[0]; i++)
        assert_int_equal(rd(zero[i]), 0);
    assert_int_equal(fh.nlog, 0);
}

static void test_registers_and_reset(void **state)
{
    wr(RADIO154_CHANNEL, 26);
    wr(RADIO154_TXPOWER, (uint8_t)-7);
    wr(RADIO154_CONFIG, 0xFFFFFFFF);
    wr(RADIO154_PANID, 0xABCD1234);
    wr(RADIO154_SHORTADDR, 0x5678);
    wr(RADIO154_LONGADDR_LO, 0x11223344);
    wr(RADIO154_LONGADDR_HI, 0x55667788);
    wr(RADIO154_TX_ADDR, 0x20000010);
    wr(RADIO154_IRQ_ENABLE, 0xFF);
    assert_int_equal(rd(RADIO154_CHANNEL), 26);
    assert_int_equal((int8_t)rd(RADIO154_TXPOWER), -7);
    assert_int_equal(rd(RADIO154_CONFIG), 0x1F);
    assert_int_equal(rd(RADIO154_PANID), 0x1234);
    assert_int_equal(rd(RADIO154_SHORTADDR), 0x5678);
    assert_int_equal(rd(RADIO154_LONGADDR_LO), 0x11223344);
    assert_int_equal(rd(RADIO154_LONGADDR_HI), 0x55667788);
    assert_int_equal(rd(RADIO154_TX_ADDR), 0x20000010);
    assert_int_equal(rd(RADIO154_IRQ_ENABLE), 0xF);
    /* TXPOWER is clamped to -20..+8. */
    wr(RADIO154_TXPOWER, 20);
    assert_int_equal((int8_t)rd(RADIO154_TXPOWER), 8);
    wr(RADIO154_TXPOWER, (uint8_t)-100);
    assert_int_equal((int8_t)rd(RADIO154_TXPOWER), -20);
    wake();
    radio154_ops.reset(radio);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_SLEEP);
    assert_int_equal(rd(RADIO154_CHANNEL), 11);
    assert_int_equal(rd(RADIO154_CONFIG), 0);
    assert_int_equal(rd(RADIO154_PANID), 0xFFFF);
    assert_int_equal(rd(RADIO154_LONGADDR_HI), 0);
    assert_int_equal(rd(RADIO154_IRQ_ENABLE), 0);
    assert_int_equal(fh.nlog, 0);
}

static void test_wake_timing_and_irq(void **state)
{
    run_to(1000);
    wr(RADIO154_IRQ_ENABLE, RADIO154_IRQ_WAKE);
    cmd(RADIO154_CMD_WAKE);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_WAKING);
    run_to(1000 + us(RADIO154_WAKE_US) - 1);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_WAKING);
    assert_false(fh.irq[IRQ]);
    run_to(1000 + us(RADIO154_WAKE_US));
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_IDLE);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_WAKE);
    assert_true(fh.irq[IRQ]);
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_TX_DONE);   /* RW1C: other bits stay */
    assert_true(fh.irq[IRQ]);
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_WAKE);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), 0);
    assert_false(fh.irq[IRQ]);
    /* WAKE outside SLEEP: no effect, not an error. */
    cmd(RADIO154_CMD_WAKE);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_IDLE);
    assert_int_equal(fh.nlog, 0);
    /* The port saw SLEEP -> WAKING -> IDLE at their cycles. */
    assert_int_equal(nstates, 2);
    assert_int_equal(states[0].state, RADIO_STATE_WAKING);
    assert_int_equal(states[0].cycle, 1000);
    assert_int_equal(states[1].state, RADIO_STATE_IDLE);
    assert_int_equal(states[1].cycle, 1000 + us(RADIO154_WAKE_US));
}

/* TX without CCA: TURNAROUND 192 us, then the frame is on the air for its
 * airtime; TX_DONE at its end. The medium is told at TURNAROUND start,
 * with the frame's start 192 us ahead. */
static void test_tx_timing(void **state)
{
    wake();
    wr(RADIO154_CHANNEL, 15);
    wr(RADIO154_TXPOWER, (uint8_t)-3);
    wr(RADIO154_IRQ_ENABLE, RADIO154_IRQ_TX_DONE);
    uint8_t len = put_tx_frame(0x42, 7);
    uint64_t t0 = fh.now;
    cmd(RADIO154_CMD_TX);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    /* The guest may reuse its buffer once the frame is read (at the TX command here). */
    memset(ram + (TX_BUF - RAM_BASE), 0xEE, 64);
    assert_int_equal(nsent, 1);
    run_to(t0 + us(RADIO154_TURNAROUND_US) - 1);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    run_to(t0 + us(RADIO154_TURNAROUND_US));
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TX);
    assert_int_equal(nsent, 1);
    uint64_t start = t0 + us(RADIO154_TURNAROUND_US);
    uint64_t end = start + us((6 + len) * 32);
    assert_int_equal(sent[0].start, start);
    assert_int_equal(sent[0].end, end);
    assert_int_equal(sent[0].len, len);
    assert_int_equal(sent[0].channel, 15);
    assert_int_equal(sent[0].tx_power_dbm, -3);
    assert_int_equal(sent[0].src_node, 3);
    uint8_t want[RADIO_MAX_PSDU];
    assert_int_equal(data_frame(want, 0x42, false, 0x1234, 0x0002, 7), len);
    assert_memory_equal(sent[0].psdu, want, len);   /* MPDU + the FCS the radio added */
    run_to(end - 1);
    assert_false(fh.irq[IRQ]);
    run_to(end);
    assert_true(fh.irq[IRQ]);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_TX_DONE);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_OK);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_IDLE);   /* no AUTO_RX */
    assert_int_equal(fh.nlog, 0);
}

/* CCA_EN adds 128 us of CCA before the turnaround; AUTO_RX ends in RX. */
static void test_tx_with_cca_and_auto_rx(void **state)
{
    wake();
    wr(RADIO154_CONFIG, RADIO154_CONFIG_CCA_EN | RADIO154_CONFIG_AUTO_RX);
    uint8_t len = put_tx_frame(1, 0);
    uint64_t t0 = fh.now;
    cmd(RADIO154_CMD_TX);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_CCA);
    run_to(t0 + us(RADIO154_CCA_US));
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    run_to(t0 + us(RADIO154_CCA_US + RADIO154_TURNAROUND_US));
    assert_int_equal(nsent, 1);
    assert_int_equal(sent[0].start, t0 + us(RADIO154_CCA_US + RADIO154_TURNAROUND_US));
    run_to(sent[0].end);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_OK);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
    assert_int_equal(sent[0].end - sent[0].start, us((6 + len) * 32));
}

/* Energy on the channel during the CCA window: BUSY, nothing sent. Energy
 * on another channel, or ended before the window, does not count; energy
 * only (not decodable) does. */
static void test_cca_busy(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, 9, false, 0x1234, 0x0002, 20);
    wake();
    wr(RADIO154_CONFIG, RADIO154_CONFIG_CCA_EN);
    put_tx_frame(1, 0);
    /* A frame on channel 12 and one that ended before the window: clear. */
    radio_frame_t other = on_air(psdu, len, 12, fh.now);
    radio154_incoming(radio, &other, -50, true);
    radio_frame_t old = on_air(psdu, 5, 11, fh.now);
    radio154_incoming(radio, &old, -50, true);
    run_to(old.end);
    cmd(RADIO154_CMD_TX);
    run_to(fh.now + us(RADIO154_CCA_US));
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    run_to(fh.now + us(RADIO154_TURNAROUND_US));
    assert_int_equal(nsent, 1);
    run_to(sent[0].end);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_TX_DONE);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_OK);
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_TX_DONE);

    /* A far frame (energy only) on our channel overlapping the window. */
    radio_frame_t far = on_air(psdu, len, 11, fh.now + us(100));
    radio154_incoming(radio, &far, -90, false);
    wr(RADIO154_CONFIG, RADIO154_CONFIG_CCA_EN | RADIO154_CONFIG_AUTO_RX);
    uint64_t t0 = fh.now;
    cmd(RADIO154_CMD_TX);
    run_to(t0 + us(RADIO154_CCA_US) - 1);
    assert_int_equal(rd(RADIO154_IRQ_STATUS) & RADIO154_IRQ_TX_DONE, 0);
    run_to(t0 + us(RADIO154_CCA_US));
    assert_int_equal(rd(RADIO154_IRQ_STATUS) & RADIO154_IRQ_TX_DONE, RADIO154_IRQ_TX_DONE);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_BUSY);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
    run_to(far.end + us(1000));
    assert_int_equal(nsent, 1);   /* only the first TX went out */
    assert_int_equal(result_of(far.id), RADIO_DROP_OUT_OF_RANGE);
}

/* Bad TX_ADDR or frame length: TXSTATUS ERROR, TX_DONE, logged, nothing sent. */
static void test_tx_dma_errors(void **state)
{
    wake();
    wr(RADIO154_TX_ADDR, 0x10000000);   /* not memory */
    cmd(RADIO154_CMD_TX);
    assert_int_equal(fh.nlog, 1);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_ERROR);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_TX_DONE);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_IDLE);
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_TX_DONE);
    ram[TX_BUF - RAM_BASE] = 4;   /* L below 5 */
    wr(RADIO154_TX_ADDR, TX_BUF);
    cmd(RADIO154_CMD_TX);
    assert_int_equal(fh.nlog, 2);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_ERROR);
    ram[RAM_SIZE - 4] = 100;       /* the frame would run past the end of RAM */
    wr(RADIO154_TX_ADDR, RAM_BASE + RAM_SIZE - 4);
    cmd(RADIO154_CMD_TX);
    assert_int_equal(fh.nlog, 3);
    run_to(fh.now + us(10000));
    assert_int_equal(nsent, 0);
}

static void test_commands_not_allowed(void **state)
{
    cmd(RADIO154_CMD_TX);                 /* TX in SLEEP */
    assert_int_equal(fh.nlog, 1);
    cmd(RADIO154_CMD_RX);
    assert_int_equal(fh.nlog, 2);
    cmd(9);                               /* unknown */
    assert_int_equal(fh.nlog, 3);
    cmd(0);
    assert_int_equal(fh.nlog, 4);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_SLEEP);
    cmd(RADIO154_CMD_WAKE);
    cmd(RADIO154_CMD_RX);                 /* RX while WAKING */
    assert_int_equal(fh.nlog, 5);
    run_to(fh.now + us(RADIO154_WAKE_US));
    put_tx_frame(1, 0);
    cmd(RADIO154_CMD_TX);
    run_to(fh.now + us(RADIO154_TURNAROUND_US));
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TX);
    cmd(RADIO154_CMD_SLEEP);              /* not during TX */
    cmd(RADIO154_CMD_IDLE);
    cmd(RADIO154_CMD_TX);
    assert_int_equal(fh.nlog, 8);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TX);
    run_to(sent[0].end);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_IDLE);
    assert_int_equal(nsent, 1);
    /* SLEEP during a turnaround: refused (logged), the committed frame is
     * sent and TX_DONE follows. */
    cmd(RADIO154_CMD_TX);
    assert_int_equal(nsent, 2);
    cmd(RADIO154_CMD_SLEEP);
    assert_int_equal(fh.nlog, 9);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    run_to(sent[1].end);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_IDLE);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_TX_DONE | RADIO154_IRQ_WAKE);
}

static void test_bad_offsets(void **state)
{
    assert_int_equal(rd(0x040), 0);
    assert_int_equal(fh.nlog, 1);
    assert_int_equal(rd(0x800), 0);
    assert_int_equal(fh.nlog, 2);
    wr(0x040, 1);
    assert_int_equal(fh.nlog, 3);
    const uint32_t ro[] = {RADIO154_STATE, RADIO154_RXINFO, RADIO154_TXSTATUS, RADIO154_RSSI,
                           RADIO154_ID};
    for (unsigned i = 0; i < sizeof ro / sizeof ro[0]; i++)
        wr(ro[i], 0x55);
    assert_int_equal(fh.nlog, 3 + 5);
    assert_int_equal(rd(RADIO154_ID), RADIO154_ID_VALUE);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_SLEEP);
    wr(RADIO154_CHANNEL, 10);
    wr(RADIO154_CHANNEL, 27);
    assert_int_equal(fh.nlog, 10);
    assert_int_equal(rd(RADIO154_CHANNEL), 11);
    /* Byte accesses act on the word. */
    assert_int_equal(radio154_ops.read(radio, RADIO154_ID + 2, 1), RADIO154_ID_VALUE);
}

/* 1 s in RX draws 18.8 mC (18.8 mA); the counters add up to the elapsed
 * time and survive a reset. */
static void test_state_cycles_and_charge(void **state)
{
    run_to(us(1000));                     /* 1 ms asleep */
    cmd(RADIO154_CMD_WAKE);
    run_to(fh.now + us(RADIO154_WAKE_US));
    cmd(RADIO154_CMD_RX);
    uint64_t rx_from = fh.now;
    run_to(rx_from + HZ);                 /* 1 s */
    uint64_t c[RADIO_STATE_COUNT];
    radio154_state_cycles(radio, fh.now, c);
    assert_int_equal(c[RADIO_STATE_SLEEP], us(1000));
    assert_int_equal(c[RADIO_STATE_WAKING], us(RADIO154_WAKE_US));
    assert_int_equal(c[RADIO_STATE_RX], HZ);
    double want = RADIO154_MA_RX * 1.0 + RADIO154_MA_IDLE * 500e-6 + RADIO154_MA_SLEEP * 1e-3;
    assert_close(radio154_charge_mc(radio, fh.now), want, 1e-9);
    assert_close(radio154_charge_mc(radio, fh.now) - RADIO154_MA_IDLE * 500e-6 -
                            RADIO154_MA_SLEEP * 1e-3, 18.8, 1e-9);
    radio154_ops.reset(radio);
    run_to(fh.now + HZ / 2);
    radio154_state_cycles(radio, fh.now, c);
    assert_int_equal(c[RADIO_STATE_RX], HZ);
    assert_int_equal(c[RADIO_STATE_SLEEP], us(1000) + HZ / 2);
    uint64_t total = 0;
    for (int s = 0; s < RADIO_STATE_COUNT; s++)
        total += c[s];
    assert_int_equal(total, fh.now);
}

/* Without a port the frame goes nowhere, but TX_DONE still fires; frames
 * told to it get no report (nobody to tell) and no crash. */
static void test_no_port(void **state)
{
    radio154_attach(radio, NULL, 0);
    wake();
    put_tx_frame(5, 3);
    uint64_t t0 = fh.now;
    cmd(RADIO154_CMD_TX);
    uint8_t len = ram[TX_BUF - RAM_BASE];
    run_to(t0 + us(RADIO154_TURNAROUND_US + RADIO154_AIRTIME_US(len)) - 1);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), 0);
    run_to(t0 + us(RADIO154_TURNAROUND_US + RADIO154_AIRTIME_US(len)));
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_TX_DONE);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_OK);
    wr(RADIO154_RX_ADDR, RX_BUF);
    cmd(RADIO154_CMD_RX);
    uint8_t psdu[RADIO_MAX_PSDU];
    radio_frame_t f = on_air(psdu, data_frame(psdu, 1, false, 0xFFFF, 0xFFFF, 0), 11, fh.now);
    radio154_incoming(radio, &f, -40, true);
    run_to(f.end);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_TX_DONE | RADIO154_IRQ_RX_DONE);
    assert_int_equal(nsent + nresults + nstates, 0);
    assert_int_equal(fh.nlog, 0);
}

static void test_names(void **state)
{
    assert_string_equal(radio_result_name(RADIO_RX_OK), "ok");
    assert_string_equal(radio_result_name(RADIO_DROP_COLLISION), "collision");
    assert_string_equal(radio_state_name(RADIO_STATE_TURNAROUND), "turnaround");
    for (int r = 0; r < RADIO_RESULT_COUNT; r++)
        assert_string_not_equal(radio_result_name((radio_result_t)r), "?");
    for (int s = 0; s < RADIO_STATE_COUNT; s++)
        assert_string_not_equal(radio_state_name((radio_state_t)s), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fcs_vectors),
        cmocka_unit_test(test_names),
        cmocka_unit_test_setup_teardown(test_reset_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registers_and_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wake_timing_and_irq, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_timing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_with_cca_and_auto_rx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cca_busy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tx_dma_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commands_not_allowed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_offsets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_state_cycles_and_charge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_port, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
