/* test_radio154_rx.c - R154 radio model, receive side: delivery with
 * RXINFO and the DMA-ed buffer, one result per frame, not listening /
 * wrong channel / out of range, collisions (also when told a quantum
 * late), bad FCS and KEEP_BAD_FCS, the address filter, overrun, RX DMA
 * error, automatic ACK timing and content, commands refused during an ACK,
 * re-tune and reset during a reception, the RSSI register. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "radio154_fixture.h"
#include "peripherals/radio154_priv.h"   /* radio154_lqi, RADIO154_MAX_HEARD */

/* Tells the radio about a frame starting now and runs to its end. */
static radio_frame_t hear(const uint8_t *psdu, uint8_t len, uint8_t channel, int8_t rssi)
{
    radio_frame_t f = on_air(psdu, len, channel, fh.now);
    radio154_incoming(radio, &f, rssi, true);
    run_to(f.end);
    return f;
}

static void test_rx_ok(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, 0x33, false, 0x1234, 0x0001, 10);
    listen(11);
    wr(RADIO154_IRQ_ENABLE, RADIO154_IRQ_RX_DONE);
    radio_frame_t f = on_air(psdu, len, 11, fh.now);
    radio154_incoming(radio, &f, -60, true);
    run_to(f.end - 1);
    assert_int_equal(nresults, 0);
    assert_false(fh.irq[IRQ]);
    assert_int_equal((int8_t)rd(RADIO154_RSSI), -60);   /* energy on the channel now */
    run_to(f.end);
    assert_true(fh.irq[IRQ]);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_RX_DONE);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
    assert_int_equal((int8_t)rd(RADIO154_RSSI), RADIO154_RSSI_NONE);
    uint8_t lqi = radio154_lqi(-60);
    assert_int_equal(lqi, (-60 + 95) * 4);
    assert_int_equal(rd(RADIO154_RXINFO),
                     len | (uint32_t)lqi << 8 | (uint32_t)(uint8_t)-60 << 16 | RADIO154_RXINFO_FCS_OK);
    assert_int_equal(ram[RX_BUF - RAM_BASE], len);
    assert_memory_equal(ram + (RX_BUF - RAM_BASE) + 1, psdu, len);
    assert_int_equal(nresults, 1);
    assert_int_equal(results[0].result, RADIO_RX_OK);
    assert_int_equal(results[0].cycle, f.end);
    assert_int_equal(results[0].rssi, -60);
    assert_int_equal(results[0].lqi, lqi);
    assert_int_equal(results[0].f.id, f.id);
    assert_int_equal(nsent, 0);   /* no AR bit, no AUTO_ACK: no ACK */
    assert_int_equal(fh.nlog, 0);
}

static void test_not_listening_wrong_channel_out_of_range(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, 1, false, 0x1234, 0x0001, 3);
    radio_frame_t asleep = hear(psdu, len, 11, -50);
    wake();
    radio_frame_t idle = hear(psdu, len, 11, -50);
    listen(12);
    radio_frame_t other = hear(psdu, len, 11, -50);
    radio_frame_t far = on_air(psdu, len, 12, fh.now);
    radio154_incoming(radio, &far, -95, false);
    run_to(far.end);
    assert_int_equal(result_of(asleep.id), RADIO_DROP_NOT_LISTENING);
    assert_int_equal(result_of(idle.id), RADIO_DROP_NOT_LISTENING);
    assert_int_equal(result_of(other.id), RADIO_DROP_WRONG_CHANNEL);
    assert_int_equal(result_of(far.id), RADIO_DROP_OUT_OF_RANGE);
    assert_int_equal(nresults, 4);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), 0);
}

/* Two overlapping frames on the channel: both lost; one on another
 * channel at the same time is unaffected by them. */
static void test_collision(void **state)
{
    uint8_t a[RADIO_MAX_PSDU], b[RADIO_MAX_PSDU];
    uint8_t la = data_frame(a, 1, false, 0x1234, 0x0001, 20);
    uint8_t lb = data_frame(b, 2, false, 0x1234, 0x0001, 5);
    listen(11);
    radio_frame_t fa = on_air(a, la, 11, fh.now);
    radio_frame_t fb = on_air(b, lb, 11, fh.now + us(400));   /* during fa */
    radio_frame_t fc = on_air(b, lb, 13, fh.now + us(100));
    radio154_incoming(radio, &fa, -60, true);
    radio154_incoming(radio, &fc, -60, true);
    run_to(fb.start);
    radio154_incoming(radio, &fb, -70, true);
    run_to(fa.end);
    assert_int_equal(result_of(fa.id), RADIO_DROP_COLLISION);
    assert_int_equal(result_of(fb.id), RADIO_DROP_COLLISION);
    assert_int_equal(result_of(fc.id), RADIO_DROP_WRONG_CHANNEL);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), 0);
    /* The radio is free again: the next frame is received. */
    radio_frame_t ok = hear(b, lb, 11, -60);
    assert_int_equal(result_of(ok.id), RADIO_RX_OK);
    assert_int_equal(nresults, 4);
}

/* A frame the medium tells a quantum after its start, whose start is
 * before the end of a frame still lingering, and energy only frames: all
 * corrupt what they overlap. */
static void test_collision_late_and_energy_only(void **state)
{
    uint8_t a[RADIO_MAX_PSDU];
    uint8_t la = data_frame(a, 1, false, 0x1234, 0x0001, 8);
    listen(11);
    /* Energy only (interference range) over a decodable frame. */
    radio_frame_t fa = on_air(a, la, 11, fh.now);
    radio_frame_t noise = on_air(a, la, 11, fh.now + us(200));
    radio154_incoming(radio, &fa, -60, true);
    radio154_incoming(radio, &noise, -95, false);
    run_to(noise.end);
    assert_int_equal(result_of(fa.id), RADIO_DROP_COLLISION);
    assert_int_equal(result_of(noise.id), RADIO_DROP_OUT_OF_RANGE);
    /* fb starts 100 us before fa2's end but is told 150 us after its own
     * start (after fa2 was judged): fa2 is delivered, fb is lost. */
    radio_frame_t fa2 = on_air(a, la, 11, fh.now);
    radio154_incoming(radio, &fa2, -60, true);
    radio_frame_t fb = on_air(a, la, 11, fa2.end - us(100));
    run_to(fb.start + us(150));
    radio154_incoming(radio, &fb, -60, true);
    run_to(fb.end);
    assert_int_equal(result_of(fa2.id), RADIO_RX_OK);
    assert_int_equal(result_of(fb.id), RADIO_DROP_COLLISION);
    assert_int_equal(nresults, 4);
}

static void test_bad_fcs(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, 1, false, 0x1234, 0x0001, 4);
    psdu[len - 1] ^= 0x01;
    listen(11);
    radio_frame_t bad = hear(psdu, len, 11, -60);
    assert_int_equal(result_of(bad.id), RADIO_DROP_BAD_FCS);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), 0);
    wr(RADIO154_CONFIG, RADIO154_CONFIG_KEEP_BAD_FCS);
    radio_frame_t kept = hear(psdu, len, 11, -60);
    assert_int_equal(result_of(kept.id), RADIO_RX_OK);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_RX_DONE);
    assert_int_equal(rd(RADIO154_RXINFO) & RADIO154_RXINFO_FCS_OK, 0);
    assert_int_equal(rd(RADIO154_RXINFO) & 0xFF, len);
    assert_memory_equal(ram + (RX_BUF - RAM_BASE) + 1, psdu, len);
}

static void test_address_filter(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    listen(11);
    wr(RADIO154_CONFIG, RADIO154_CONFIG_ADDR_FILTER);
    wr(RADIO154_PANID, 0x1234);
    wr(RADIO154_SHORTADDR, 0x0001);
    struct { uint16_t pan, dst; radio_result_t want; } cases[] = {
        {0x1234, 0x0001, RADIO_RX_OK},        {0x1234, 0xFFFF, RADIO_RX_OK},
        {0xFFFF, 0x0001, RADIO_RX_OK},        {0x1234, 0x0002, RADIO_DROP_FILTERED},
        {0x4321, 0x0001, RADIO_DROP_FILTERED},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t len = data_frame(psdu, (uint8_t)i, false, cases[i].pan, cases[i].dst, 2);
        radio_frame_t f = hear(psdu, len, 11, -60);
        assert_int_equal(result_of(f.id), cases[i].want);
        wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_RX_DONE);
    }
    /* Extended destination: LONGADDR. */
    wr(RADIO154_LONGADDR_LO, 0x44332211);
    wr(RADIO154_LONGADDR_HI, 0x88776655);
    uint8_t mine[] = {0x41, 0x0C, 7, 0x34, 0x12, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                      0, 0};
    uint8_t len = add_fcs(mine, 13);
    radio_frame_t f = hear(mine, len, 11, -60);
    assert_int_equal(result_of(f.id), RADIO_RX_OK);
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_RX_DONE);
    mine[12] = 0x89;
    len = add_fcs(mine, 13);
    f = hear(mine, len, 11, -60);
    assert_int_equal(result_of(f.id), RADIO_DROP_FILTERED);
    /* ACK frames always pass. */
    uint8_t ack[5] = {0x02, 0x00, 9};
    f = hear(ack, add_fcs(ack, 3), 11, -60);
    assert_int_equal(result_of(f.id), RADIO_RX_OK);
    /* Without ADDR_FILTER, a frame for someone else is delivered. */
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_RX_DONE);
    wr(RADIO154_CONFIG, 0);
    len = data_frame(psdu, 1, false, 0x4321, 0x0002, 2);
    f = hear(psdu, len, 11, -60);
    assert_int_equal(result_of(f.id), RADIO_RX_OK);
}

static void test_overrun(void **state)
{
    uint8_t a[RADIO_MAX_PSDU], b[RADIO_MAX_PSDU];
    uint8_t la = data_frame(a, 1, false, 0x1234, 0x0001, 4);
    uint8_t lb = data_frame(b, 2, false, 0x1234, 0x0001, 6);
    listen(11);
    radio_frame_t fa = hear(a, la, 11, -60);
    radio_frame_t fb = hear(b, lb, 11, -60);
    assert_int_equal(result_of(fa.id), RADIO_RX_OK);
    assert_int_equal(result_of(fb.id), RADIO_DROP_OVERRUN);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), RADIO154_IRQ_RX_DONE | RADIO154_IRQ_RX_OVERRUN);
    assert_int_equal(rd(RADIO154_RXINFO) & 0xFF, la);         /* the first frame stays */
    assert_memory_equal(ram + (RX_BUF - RAM_BASE) + 1, a, la);
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_RX_DONE | RADIO154_IRQ_RX_OVERRUN);
    radio_frame_t fc = hear(b, lb, 11, -60);
    assert_int_equal(result_of(fc.id), RADIO_RX_OK);
}

static void test_rx_dma_error(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, 1, false, 0x1234, 0x0001, 4);
    listen(11);
    wr(RADIO154_RX_ADDR, RAM_BASE + RAM_SIZE - 8);   /* the frame does not fit */
    radio_frame_t f = hear(psdu, len, 11, -60);
    assert_int_equal(result_of(f.id), RADIO_DROP_DMA_ERROR);
    assert_int_equal(fh.nlog, 1);
    assert_int_equal(rd(RADIO154_IRQ_STATUS), 0);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
}

/* A data frame with AR to our short address: TURNAROUND at its end (the
 * medium is told of the ACK then), the ACK (02 00 seq FCS) on the air
 * 192 us later, ACK state for its airtime, then RX. */
static void test_auto_ack(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    listen(20);
    wr(RADIO154_CONFIG, RADIO154_CONFIG_AUTO_ACK | RADIO154_CONFIG_ADDR_FILTER);
    wr(RADIO154_PANID, 0x1234);
    wr(RADIO154_SHORTADDR, 0x0001);
    wr(RADIO154_TXPOWER, 4);
    uint8_t len = data_frame(psdu, 0x5A, true, 0x1234, 0x0001, 12);
    radio_frame_t f = hear(psdu, len, 20, -60);
    assert_int_equal(result_of(f.id), RADIO_RX_OK);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    assert_int_equal(nsent, 1);
    run_to(f.end + us(RADIO154_TURNAROUND_US) - 1);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    run_to(f.end + us(RADIO154_TURNAROUND_US));
    assert_int_equal(nsent, 1);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_ACK);
    uint8_t want[5] = {0x02, 0x00, 0x5A};
    assert_int_equal(add_fcs(want, 3), 5);
    assert_int_equal(sent[0].len, 5);
    assert_memory_equal(sent[0].psdu, want, 5);
    assert_int_equal(sent[0].channel, 20);
    assert_int_equal(sent[0].tx_power_dbm, 4);
    assert_int_equal(sent[0].start, f.end + us(RADIO154_TURNAROUND_US));
    assert_int_equal(sent[0].end, sent[0].start + us(RADIO154_AIRTIME_US(5)));
    run_to(sent[0].end);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
    assert_int_equal(rd(RADIO154_IRQ_STATUS) & RADIO154_IRQ_TX_DONE, 0);   /* not a guest TX */
    /* No ACK for broadcast, for someone else (filter off), without AR, or
     * for a frame dropped as overrun. */
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_RX_DONE);
    wr(RADIO154_CONFIG, RADIO154_CONFIG_AUTO_ACK);
    const uint16_t dsts[] = {0xFFFF, 0x0002};
    for (unsigned i = 0; i < 2; i++) {
        len = data_frame(psdu, 1, true, 0x1234, dsts[i], 2);
        f = hear(psdu, len, 20, -60);
        assert_int_equal(result_of(f.id), RADIO_RX_OK);
        wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_RX_DONE);
    }
    len = data_frame(psdu, 1, false, 0x1234, 0x0001, 2);
    hear(psdu, len, 20, -60);
    len = data_frame(psdu, 2, true, 0x1234, 0x0001, 2);
    f = hear(psdu, len, 20, -60);   /* RX_DONE still set */
    assert_int_equal(result_of(f.id), RADIO_DROP_OVERRUN);
    run_to(fh.now + us(2000));
    assert_int_equal(nsent, 1);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
}

/* During an automatic ACK the radio refuses TX, RX and IDLE (logged), and
 * SLEEP once the ACK is on the air; a frame arriving meanwhile finds it
 * not listening. Then it is back in RX and takes the TX. */
static void test_commands_during_ack(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    listen(11);
    wr(RADIO154_CONFIG, RADIO154_CONFIG_AUTO_ACK);
    wr(RADIO154_SHORTADDR, 0x0001);
    wr(RADIO154_PANID, 0x1234);
    uint8_t len = data_frame(psdu, 7, true, 0x1234, 0x0001, 2);
    hear(psdu, len, 11, -60);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_TURNAROUND);
    radio_frame_t during = on_air(psdu, len, 11, fh.now);
    radio154_incoming(radio, &during, -60, true);
    len = data_frame(psdu, 8, false, 0x1234, 0x0002, 3);
    ram[TX_BUF - RAM_BASE] = len;
    memcpy(ram + (TX_BUF - RAM_BASE) + 1, psdu, len - 2u);
    wr(RADIO154_TX_ADDR, TX_BUF);
    cmd(RADIO154_CMD_TX);
    cmd(RADIO154_CMD_RX);
    cmd(RADIO154_CMD_IDLE);
    assert_int_equal(fh.nlog, 3);
    run_to(fh.now + us(RADIO154_TURNAROUND_US));
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_ACK);
    cmd(RADIO154_CMD_SLEEP);
    cmd(RADIO154_CMD_TX);
    assert_int_equal(fh.nlog, 5);
    assert_int_equal(nsent, 1);                       /* the ACK only */
    run_to(sent[0].end);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
    cmd(RADIO154_CMD_TX);
    run_to(fh.now + us(RADIO154_TURNAROUND_US));
    assert_int_equal(nsent, 2);
    assert_memory_equal(sent[1].psdu, psdu, len);
    run_to(sent[1].end);
    assert_int_equal(rd(RADIO154_TXSTATUS), RADIO154_TX_OK);
    assert_int_equal(result_of(during.id), RADIO_DROP_NOT_LISTENING);
    assert_int_equal(fh.nlog, 5);
}

/* Re-tuning, IDLE and reset while receiving: the frame is lost, reported
 * once at its end. */
static void test_abort_reception(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, 1, false, 0x1234, 0x0001, 30);
    listen(11);
    radio_frame_t f1 = on_air(psdu, len, 11, fh.now);
    radio154_incoming(radio, &f1, -60, true);
    run_to(f1.start + us(400));
    wr(RADIO154_CHANNEL, 12);
    run_to(f1.end);
    assert_int_equal(result_of(f1.id), RADIO_DROP_WRONG_CHANNEL);
    wr(RADIO154_CHANNEL, 11);
    radio_frame_t f2 = on_air(psdu, len, 11, fh.now);
    radio154_incoming(radio, &f2, -60, true);
    run_to(f2.start + us(400));
    cmd(RADIO154_CMD_IDLE);
    run_to(f2.start + us(600));
    cmd(RADIO154_CMD_RX);
    run_to(f2.end);
    assert_int_equal(result_of(f2.id), RADIO_DROP_NOT_LISTENING);
    radio_frame_t f3 = on_air(psdu, len, 11, fh.now);
    radio154_incoming(radio, &f3, -60, true);
    run_to(f3.start + us(400));
    radio154_ops.reset(radio);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_SLEEP);
    run_to(f3.end + us(1000));
    assert_int_equal(result_of(f3.id), RADIO_DROP_NOT_LISTENING);
    assert_int_equal(nresults, 3);
    assert_int_equal(fh.nlog, 0);
}

/* More frames at once than the radio tracks (64): every frame still gets
 * exactly one result, and none is delivered (they all overlap). */
static void test_many_frames(void **state)
{
    uint8_t psdu[RADIO_MAX_PSDU];
    uint8_t len = data_frame(psdu, 1, false, 0x1234, 0x0001, 100);
    listen(11);
    radio_frame_t f[80];
    for (int i = 0; i < 80; i++) {
        f[i] = on_air(psdu, len, (uint8_t)(11 + i % 4), fh.now + (uint64_t)i);
        radio154_incoming(radio, &f[i], -60, true);
    }
    run_to(f[79].end + us(1000));
    assert_int_equal(nresults, 80);
    for (int i = 0; i < 80; i++) {
        /* frames 64.. found no room: collisions, whatever their channel */
        bool ours = i % 4 == 0 || i >= RADIO154_MAX_HEARD;
        assert_int_equal(result_of(f[i].id), ours ? RADIO_DROP_COLLISION : RADIO_DROP_WRONG_CHANNEL);
    }
    assert_int_equal(rd(RADIO154_IRQ_STATUS), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rx_ok, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_listening_wrong_channel_out_of_range, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_collision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_collision_late_and_energy_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_fcs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_address_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overrun, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rx_dma_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_auto_ack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_commands_during_ack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_abort_reception, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many_frames, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
