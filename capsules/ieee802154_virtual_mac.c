/*
 * ieee802154_virtual_mac.c - the 802.15.4 MAC shared by several users
 * (see ieee802154_virtual_mac.h).
 */
#include "ieee802154_virtual_mac.h"

/* The user with a queued frame that comes first after `last` (round
 * robin), or NULL. */
static ieee802154_vdev_t *next_queued(ieee802154_mux_t *mux)
{
    ieee802154_vdev_t *start = mux->last && mux->last->next ? mux->last->next : mux->users;
    ieee802154_vdev_t *v = start;
    do {
        if (v->frame)
            return v;
        v = v->next ? v->next : mux->users;
    } while (v != start);
    return NULL;
}

static void done(ieee802154_vdev_t *v, ctock_err_t err, bool acked)
{
    v->frame = NULL;
    const ieee802154_device_client_t *c = v->dev.client;
    if (c && c->transmitted)
        c->transmitted(v->dev.client_ctx, err, acked);
}

/* Hands queued frames to the MAC until one is in flight or none is left.
 * A frame the MAC refuses at once is its user's error: returned if that
 * user is `caller` (its transmit call), else reported by transmitted(). */
static ctock_err_t start_next(ieee802154_mux_t *mux, ieee802154_vdev_t *caller)
{
    ctock_err_t caller_err = CTOCK_OK;
    while (mux->inflight == NULL && mux->users) {
        ieee802154_vdev_t *v = next_queued(mux);
        if (v == NULL)
            break;
        mux->last = v;
        ctock_err_t e = mux->mac->ops->transmit(mux->mac, v->frame, v->len);
        if (e == CTOCK_OK) {
            mux->inflight = v;
        } else if (v == caller) {
            v->frame = NULL;
            caller_err = e;
        } else {
            done(v, e, false);
        }
    }
    return caller_err;
}

static void mac_transmitted(void *ctx, ctock_err_t err, bool acked)
{
    ieee802154_mux_t *mux = ctx;
    ieee802154_vdev_t *v = mux->inflight;
    mux->inflight = NULL;
    if (v)
        done(v, err, acked);
    start_next(mux, NULL);
}

static void mac_received(void *ctx, const uint8_t *mpdu, size_t len, const ieee802154_header_t *h,
                         uint8_t lqi)
{
    ieee802154_mux_t *mux = ctx;
    for (ieee802154_vdev_t *v = mux->users; v; v = v->next) {
        const ieee802154_device_client_t *c = v->dev.client;
        if (c && c->received)
            c->received(v->dev.client_ctx, mpdu, len, h, lqi);
    }
}

static const ieee802154_device_client_t mac_client = { mac_transmitted, mac_received };

static ctock_err_t v_transmit(ieee802154_device_t *d, const uint8_t *mpdu, size_t len)
{
    ieee802154_vdev_t *v = (ieee802154_vdev_t *)d;
    if (len < 3 || len > HIL_RADIO154_MAX_MPDU)
        return ERR_SIZE;
    if (v->frame)
        return ERR_BUSY;
    v->frame = mpdu;
    v->len = len;
    return start_next(v->mux, v);
}

static void v_listen(ieee802154_device_t *d, bool on)
{
    ieee802154_vdev_t *v = (ieee802154_vdev_t *)d;
    v->listen = on;
    bool any = false;
    for (ieee802154_vdev_t *u = v->mux->users; u; u = u->next)
        any = any || u->listen;
    v->mux->mac->ops->listen(v->mux->mac, any);
}

static bool v_listening(ieee802154_device_t *d)
{
    ieee802154_device_t *mac = ((ieee802154_vdev_t *)d)->mux->mac;
    return mac->ops->listening(mac);
}

static void v_get_config(ieee802154_device_t *d, hil_radio154_config_t *cfg)
{
    ieee802154_device_t *mac = ((ieee802154_vdev_t *)d)->mux->mac;
    mac->ops->get_config(mac, cfg);
}

static ctock_err_t v_set_config(ieee802154_device_t *d, const hil_radio154_config_t *cfg)
{
    ieee802154_device_t *mac = ((ieee802154_vdev_t *)d)->mux->mac;
    return mac->ops->set_config(mac, cfg);
}

static uint8_t v_next_seq(ieee802154_device_t *d)
{
    ieee802154_device_t *mac = ((ieee802154_vdev_t *)d)->mux->mac;
    return mac->ops->next_seq(mac);
}

static const ieee802154_device_ops_t v_ops = {
    v_transmit, v_listen, v_listening, v_get_config, v_set_config, v_next_seq,
};

void ieee802154_mux_init(ieee802154_mux_t *mux, ieee802154_device_t *mac)
{
    mux->mac = mac;
    mux->users = NULL;
    mux->inflight = NULL;
    mux->last = NULL;
    ieee802154_device_set_client(mac, &mac_client, mux);
}

void ieee802154_vdev_init(ieee802154_vdev_t *v, ieee802154_mux_t *mux)
{
    v->dev.ops = &v_ops;
    v->dev.client = NULL;
    v->dev.client_ctx = NULL;
    v->mux = mux;
    v->frame = NULL;
    v->len = 0;
    v->listen = false;
    v->next = mux->users;
    mux->users = v;
}
