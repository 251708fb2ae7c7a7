/*
 * radio.c - driver for the R154 802.15.4 radio (see radio.h; the register
 * page is docs/radio.md, the host model peripherals/radio154.c).
 *
 *   0x000 CMD  0x004 STATE  0x008 CHANNEL  0x00C TXPOWER  0x010 CONFIG
 *   0x014 IRQ_STATUS (W1C)  0x018 IRQ_ENABLE  0x01C TX_ADDR  0x020 RX_ADDR
 *   0x024 RXINFO  0x028 TXSTATUS  0x02C PANID  0x030 SHORTADDR
 *   0x034/0x038 LONGADDR_LO/HI
 *
 * The radio refuses a command the current state does not allow (a logged
 * guest error). The states the driver does not start itself are the
 * automatic ACK's (TURNAROUND, then ACK, right after a received frame
 * that asked for one), which refuse TX and IDLE (and SLEEP once the ACK
 * is on the air). An ACK can begin between reading STATE and writing CMD,
 * but only when a frame ends, and a frame on the air shows in RSSI: so
 * before TX and IDLE the driver reads RSSI, then STATE, and gives the
 * command only if the radio is not in an ACK and, listening, hears no
 * energy (a frame could end meanwhile); else ERR_BUSY, which the MAC
 * treats like a busy CCA. After each command it reads STATE again and
 * answers ERR_BUSY if the command was refused all the same, rather than
 * wait for an interrupt that never comes. Every TX starts with a CCA, so
 * a TX the radio took reads CCA at once, never TURNAROUND (which an ACK
 * also shows).
 *
 * Interrupts: WAKE (power_done), TX_DONE (transmit_done with TXSTATUS),
 * RX_DONE (received, from the RX buffer; RX_DONE is cleared only after
 * the client returned, because clearing it lets the radio DMA the next
 * frame into the same buffer), RX_OVERRUN (counted).
 */
#include "radio.h"

#include <string.h>

#define REG(r, off) (*(volatile uint32_t *)((r)->base + (off)))
#define CMD 0x000
#define STATE 0x004
#define CHANNEL 0x008
#define TXPOWER 0x00C
#define CONFIG 0x010
#define IRQ_STATUS 0x014
#define IRQ_ENABLE 0x018
#define TX_ADDR 0x01C
#define RX_ADDR 0x020
#define RXINFO 0x024
#define TXSTATUS 0x028
#define PANID 0x02C
#define SHORTADDR 0x030
#define LONGADDR_LO 0x034
#define LONGADDR_HI 0x038
#define RSSI 0x03C
#define RSSI_NONE (-100)             /* no energy, or not in RX */

enum { CMD_SLEEP = 1, CMD_WAKE = 2, CMD_RX = 3, CMD_TX = 4, CMD_IDLE = 5 };
enum {
    ST_SLEEP = 0, ST_IDLE = 1, ST_RX = 2, ST_TX = 3, ST_WAKING = 4, ST_CCA = 5,
    ST_TURNAROUND = 6, ST_ACK = 7,
};
#define CONFIG_CCA_EN (1u << 0)
#define CONFIG_AUTO_RX (1u << 1)
#define CONFIG_ADDR_FILTER (1u << 2)
#define CONFIG_AUTO_ACK (1u << 3)
#define IRQ_TX_DONE (1u << 0)
#define IRQ_RX_DONE (1u << 1)
#define IRQ_WAKE (1u << 2)
#define IRQ_RX_OVERRUN (1u << 3)
#define RXINFO_FCS_OK (1u << 24)
#define TXSTATUS_OK 0u
#define TXSTATUS_BUSY 1u
#define MIN_PSDU 5u                  /* an ACK: frame control, sequence number, FCS */

static uint32_t state(const ctock_radio_t *r)
{
    return REG(r, STATE);
}

static void write_config(ctock_radio_t *r)
{
    REG(r, CHANNEL) = r->cfg.channel;
    REG(r, TXPOWER) = (uint8_t)r->cfg.tx_power_dbm;
    REG(r, PANID) = r->cfg.pan;
    REG(r, SHORTADDR) = r->cfg.short_addr;
    REG(r, LONGADDR_LO) = (uint32_t)r->cfg.long_addr;
    REG(r, LONGADDR_HI) = (uint32_t)(r->cfg.long_addr >> 32);
}

static void set_up(ctock_radio_t *r)
{
    if (r->set_up)
        return;
    r->set_up = true;
    REG(r, IRQ_STATUS) = IRQ_TX_DONE | IRQ_RX_DONE | IRQ_WAKE | IRQ_RX_OVERRUN;
    REG(r, IRQ_ENABLE) = IRQ_TX_DONE | IRQ_RX_DONE | IRQ_WAKE | IRQ_RX_OVERRUN;
    REG(r, RX_ADDR) = (uint32_t)r->rx_frame;
    REG(r, CONFIG) = CONFIG_ADDR_FILTER | CONFIG_AUTO_ACK;
    write_config(r);
}

/* The radio's STATE if no automatic ACK is under way or can begin within
 * the next instructions, else -1: an ACK's TURNAROUND or ACK, or energy
 * on the channel while listening (a frame that may end and ask for an
 * ACK). RSSI is read before STATE: a frame that ended before the RSSI
 * read has started its ACK before the STATE read. Not for our own TX
 * (the caller checks `transmitting` first). */
static int quiet_state(const ctock_radio_t *r)
{
    bool energy = (int8_t)REG(r, RSSI) > RSSI_NONE;
    uint32_t st = state(r);
    if (st == ST_TURNAROUND || st == ST_ACK || (st == ST_RX && energy))
        return -1;
    return (int)st;
}

static ctock_err_t power_on(hil_radio154_t *h)
{
    ctock_radio_t *r = (ctock_radio_t *)h;
    if (r->power != R154_OFF)
        return ERR_ALREADY;
    set_up(r);
    REG(r, CMD) = CMD_WAKE;
    r->power = R154_WAKING;
    return CTOCK_OK;
}

static ctock_err_t power_off(hil_radio154_t *h)
{
    ctock_radio_t *r = (ctock_radio_t *)h;
    if (r->power == R154_OFF)
        return ERR_ALREADY;
    if (r->transmitting)
        return ERR_BUSY;
    if (quiet_state(r) < 0)
        return ERR_BUSY;             /* let the automatic ACK finish first */
    REG(r, CMD) = CMD_SLEEP;
    if (state(r) != ST_SLEEP)
        return ERR_BUSY;             /* refused all the same */
    /* Whatever was pending (a frame in the RX buffer, a WAKE not yet
     * handled) belongs to the radio's last wake-up: drop it. */
    REG(r, IRQ_STATUS) = IRQ_RX_DONE | IRQ_WAKE | IRQ_RX_OVERRUN;
    r->power = R154_OFF;
    r->listening = false;
    return CTOCK_OK;
}

static bool is_on(hil_radio154_t *h)
{
    return ((ctock_radio_t *)h)->power == R154_ON;
}

static ctock_err_t configure(hil_radio154_t *h, const hil_radio154_config_t *cfg)
{
    ctock_radio_t *r = (ctock_radio_t *)h;
    if (cfg->channel < HIL_RADIO154_MIN_CHANNEL || cfg->channel > HIL_RADIO154_MAX_CHANNEL)
        return ERR_INVAL;
    r->cfg = *cfg;
    if (r->set_up)
        write_config(r);
    return CTOCK_OK;
}

static ctock_err_t receive(hil_radio154_t *h, bool on)
{
    ctock_radio_t *r = (ctock_radio_t *)h;
    if (r->power != R154_ON)
        return ERR_OFF;
    if (r->transmitting)
        return ERR_BUSY;
    int st = quiet_state(r);
    if (st < 0)
        return ERR_BUSY;
    int want = on ? ST_RX : ST_IDLE;
    if (st != want) {
        REG(r, CMD) = on ? CMD_RX : CMD_IDLE;
        if ((int)state(r) != want)
            return ERR_BUSY;
    }
    r->listening = on;
    return CTOCK_OK;
}

static ctock_err_t transmit(hil_radio154_t *h, const uint8_t *mpdu, size_t len, bool rx_after)
{
    ctock_radio_t *r = (ctock_radio_t *)h;
    if (len < MIN_PSDU - HIL_RADIO154_FCS_LEN || len > HIL_RADIO154_MAX_MPDU)
        return ERR_SIZE;
    if (r->power != R154_ON)
        return ERR_OFF;
    if (r->transmitting)
        return ERR_BUSY;
    int st = quiet_state(r);
    if (st != ST_IDLE && st != ST_RX)
        return ERR_BUSY;             /* an automatic ACK, or a frame on the air */
    r->tx_frame[0] = (uint8_t)(len + HIL_RADIO154_FCS_LEN);
    memcpy(&r->tx_frame[1], mpdu, len);
    REG(r, CONFIG) = CONFIG_ADDR_FILTER | CONFIG_AUTO_ACK | CONFIG_CCA_EN |
                     (rx_after ? CONFIG_AUTO_RX : 0u);
    REG(r, TX_ADDR) = (uint32_t)r->tx_frame;
    REG(r, CMD) = CMD_TX;
    if (state(r) != ST_CCA)
        return ERR_BUSY;             /* refused: an automatic ACK began meanwhile */
    r->transmitting = true;
    r->rx_after_tx = rx_after;
    return CTOCK_OK;
}

static const hil_radio154_ops_t ops = {
    power_on, power_off, is_on, configure, receive, transmit,
};

static void handle_rx(ctock_radio_t *r)
{
    uint32_t info = REG(r, RXINFO);
    uint32_t psdu_len = info & 0xFFu;
    bool good = (info & RXINFO_FCS_OK) && psdu_len >= MIN_PSDU &&
                psdu_len <= HIL_RADIO154_MAX_PSDU && r->rx_frame[0] == psdu_len;
    if (good && r->power == R154_ON && r->hil.client && r->hil.client->received)
        r->hil.client->received(r->hil.client_ctx, &r->rx_frame[1],
                                psdu_len - HIL_RADIO154_FCS_LEN, (uint8_t)(info >> 8),
                                (int8_t)(info >> 16));
}

void ctock_radio_irq(void *ctx)
{
    ctock_radio_t *r = ctx;
    if (!r->set_up)
        return;
    const hil_radio154_client_t *c = r->hil.client;
    uint32_t st = REG(r, IRQ_STATUS);
    if (st & IRQ_WAKE) {
        REG(r, IRQ_STATUS) = IRQ_WAKE;
        if (r->power == R154_WAKING) {
            r->power = R154_ON;
            r->listening = false;
            if (c && c->power_done)
                c->power_done(r->hil.client_ctx);
        }
    }
    if (st & IRQ_TX_DONE) {
        REG(r, IRQ_STATUS) = IRQ_TX_DONE;
        if (r->transmitting) {
            uint32_t txs = REG(r, TXSTATUS);
            r->transmitting = false;
            r->listening = r->rx_after_tx;
            ctock_err_t err = txs == TXSTATUS_OK ? CTOCK_OK
                              : txs == TXSTATUS_BUSY ? ERR_BUSY : ERR_FAIL;
            if (c && c->transmit_done)
                c->transmit_done(r->hil.client_ctx, err);
        }
    }
    if (st & IRQ_RX_DONE) {
        handle_rx(r);
        REG(r, IRQ_STATUS) = IRQ_RX_DONE;
    }
    if (st & IRQ_RX_OVERRUN) {
        REG(r, IRQ_STATUS) = IRQ_RX_OVERRUN;
        r->rx_overruns++;
    }
}

void ctock_radio_init(ctock_radio_t *r, uint32_t base, const hil_radio154_config_t *cfg)
{
    memset(r, 0, sizeof(*r));
    r->hil.ops = &ops;
    r->base = base;
    r->power = R154_OFF;
    r->cfg = *cfg;
}
