/*
 * radio154_fixture.h - hosts the R154 radio model for unit tests: the fake
 * host (fake_host.h) plus fake guest RAM for DMA, a port that records what
 * the radio transmits, what it reports for each frame and its state
 * changes, and builders for 802.15.4 frames. Include it once per test
 * program (after cmocka.h).
 */
#ifndef TEST_UNIT_RADIO154_FIXTURE_H
#define TEST_UNIT_RADIO154_FIXTURE_H

#include "fake_host.h"
#include "peripherals/radio154.h"

#define HZ 48000000u
#define IRQ 5
#define RAM_BASE 0x20000000u
#define RAM_SIZE 1024u
#define TX_BUF (RAM_BASE + 0x100)
#define RX_BUF (RAM_BASE + 0x200)
#define MAX_REC 128

static uint64_t us(uint64_t n) { return n * (HZ / 1000000u); }

typedef struct rx_rec {
    uint64_t cycle;
    radio_frame_t f;
    radio_result_t result;
    int8_t rssi;
    uint8_t lqi;
} rx_rec_t;

typedef struct state_rec {
    uint64_t cycle;
    radio_state_t state;
} state_rec_t;

static fake_host_t fh;
static void *radio;
static uint8_t ram[RAM_SIZE];
static radio_frame_t sent[MAX_REC];
static uint64_t sent_at[MAX_REC];
static int nsent;
static rx_rec_t results[MAX_REC];
static int nresults;
static state_rec_t states[MAX_REC];
static int nstates;
static uint64_t next_id;

static int fake_mem_read(void *o, uint32_t addr, void *buf, uint32_t len)
{
    if (addr < RAM_BASE || (uint64_t)addr + len > (uint64_t)RAM_BASE + RAM_SIZE)
        return -1;
    memcpy(buf, ram + (addr - RAM_BASE), len);
    return 0;
}

static int fake_mem_write(void *o, uint32_t addr, const void *buf, uint32_t len)
{
    if (addr < RAM_BASE || (uint64_t)addr + len > (uint64_t)RAM_BASE + RAM_SIZE)
        return -1;
    memcpy(ram + (addr - RAM_BASE), buf, len);
    return 0;
}

static void port_transmit(void *ctx, const radio_frame_t *f)
{
    if (nsent < MAX_REC) {
        sent_at[nsent] = fh.now;
        sent[nsent++] = *f;
    }
}

static void port_received(void *ctx, const radio_frame_t *f, radio_result_t result, int8_t rssi,
                          uint8_t lqi)
{
    if (nresults < MAX_REC)
        results[nresults++] = (rx_rec_t){fh.now, *f, result, rssi, lqi};
}

static void port_state(void *ctx, uint64_t cycle, radio_state_t s)
{
    if (nstates < MAX_REC)
        states[nstates++] = (state_rec_t){cycle, s};
}

static const radio_port_t test_port = {
    .ctx = NULL, .transmit = port_transmit, .received = port_received, .state = port_state,
};

static int setup(void **state)
{
    fake_init(&fh, HZ);
    fh.host.mem_read = fake_mem_read;
    fh.host.mem_write = fake_mem_write;
    memset(ram, 0, sizeof ram);
    nsent = nresults = nstates = 0;
    next_id = 100;
    periph_config_t cfg = {.name = "radio0", .base = 0x40032000, .size = 0x1000,
                           .irq = {IRQ, -1, -1, -1}};
    radio = radio154_create(&fh.host, &cfg);
    if (!radio)
        return -1;
    radio154_attach(radio, &test_port, 3);
    return 0;
}

static int teardown(void **state)
{
    radio154_ops.destroy(radio);
    return 0;
}

static uint32_t rd(uint32_t off) { return radio154_ops.read(radio, off, 4); }
static void wr(uint32_t off, uint32_t v) { radio154_ops.write(radio, off, 4, v); }
static void cmd(uint32_t c) { wr(RADIO154_CMD, c); }
static void run_to(uint64_t t) { fake_advance(&fh, t); }

/* Wakes the radio (500 us) and leaves it in IDLE. */
static void wake(void)
{
    cmd(RADIO154_CMD_WAKE);
    run_to(fh.now + us(RADIO154_WAKE_US));
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_IDLE);
    wr(RADIO154_IRQ_STATUS, RADIO154_IRQ_WAKE);
}

/* Puts the radio in RX on `channel` with RX_ADDR set. */
static inline void listen(uint32_t channel)
{
    wake();
    wr(RADIO154_CHANNEL, channel);
    wr(RADIO154_RX_ADDR, RX_BUF);
    cmd(RADIO154_CMD_RX);
    assert_int_equal(rd(RADIO154_STATE), RADIO_STATE_RX);
}

/* Appends the FCS to mpdu[0..n) (room for 2 more bytes); returns L. */
static inline uint8_t add_fcs(uint8_t *mpdu, unsigned n)
{
    uint16_t fcs = ieee802154_fcs(mpdu, n);
    mpdu[n] = (uint8_t)fcs;
    mpdu[n + 1] = (uint8_t)(fcs >> 8);
    return (uint8_t)(n + 2);
}

/* A data frame (PAN ID compression, short source 0x0009) to PAN `pan`,
 * short address `dst`, with `payload_len` payload bytes; FCS included.
 * Returns L. */
static inline uint8_t data_frame(uint8_t *psdu, uint8_t seq, bool ack_request, uint16_t pan,
                          uint16_t dst, unsigned payload_len)
{
    uint16_t fc = 0x0001 | (ack_request ? 0x0020 : 0) | 0x0040 | 2u << 10 | 2u << 14;
    uint8_t hdr[] = {(uint8_t)fc, (uint8_t)(fc >> 8), seq, (uint8_t)pan, (uint8_t)(pan >> 8),
                     (uint8_t)dst, (uint8_t)(dst >> 8), 0x09, 0x00};
    memcpy(psdu, hdr, sizeof hdr);
    for (unsigned i = 0; i < payload_len; i++)
        psdu[sizeof hdr + i] = (uint8_t)(0xA0 + i);
    return add_fcs(psdu, sizeof hdr + payload_len);
}

/* A frame of `len` on `channel` starting on the air at `start` (ids 100, 101, ...). */
static inline radio_frame_t on_air(const uint8_t *psdu, uint8_t len, uint8_t channel, uint64_t start)
{
    radio_frame_t f = {.id = next_id++, .src_node = 1, .channel = channel, .len = len,
                       .start = start, .end = start + us(RADIO154_AIRTIME_US(len))};
    memcpy(f.psdu, psdu, len);
    return f;
}

/* The result the radio reported for the frame with this id, -1 if none;
 * fails if it reported it more than once. */
static inline int result_of(uint64_t id)
{
    int found = -1;
    for (int i = 0; i < nresults; i++) {
        if (results[i].f.id == id) {
            assert_int_equal(found, -1);
            found = (int)results[i].result;
        }
    }
    return found;
}

#endif
