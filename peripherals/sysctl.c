/*
 * sysctl.c - the ctock sysctl block (docs/board.md): ID reads "CTCK",
 * CLOCK_HZ the CPU clock, NODE_ID the node's index in its world (the kernel
 * derives its radio addresses from it), and a write to EXIT asks the host
 * to end the simulation with the written value as status (host->guest_exit;
 * ignored and logged when the host has none). Nothing else is modelled.
 */
#include "sysctl.h"

#include <assert.h>
#include <stdlib.h>

typedef struct sysctl {
    periph_host_t host;
    const char *name;
    uint32_t node_id;
} sysctl_t;

static uint64_t now(const sysctl_t *s) { return s->host.now(s->host.opaque); }

static uint32_t sysctl_read(void *model, uint32_t offset, unsigned size)
{
    sysctl_t *s = model;
    switch (offset) {
    case SYSCTL_ID:
        return SYSCTL_ID_VALUE;
    case SYSCTL_CLOCK_HZ:
        return s->host.clock_hz;
    case SYSCTL_NODE_ID:
        return s->node_id;
    case SYSCTL_EXIT:
        observers_guest_log(s->host.observers, now(s),
                            "%s: guest error: read of write-only EXIT", s->name);
        return 0;
    default:
        observers_guest_log(s->host.observers, now(s),
                            "%s: guest error: read of bad offset 0x%03x", s->name, offset);
        return 0;
    }
}

static void sysctl_write(void *model, uint32_t offset, unsigned size, uint32_t value)
{
    sysctl_t *s = model;
    switch (offset) {
    case SYSCTL_EXIT:
        if (s->host.guest_exit)
            s->host.guest_exit(s->host.opaque, (int)value);
        else
            observers_guest_log(s->host.observers, now(s),
                                "%s: EXIT(%d) ignored: host has no exit hook", s->name,
                                (int)value);
        break;
    case SYSCTL_ID:
    case SYSCTL_CLOCK_HZ:
    case SYSCTL_NODE_ID:
        observers_guest_log(s->host.observers, now(s),
                            "%s: guest error: write to read-only offset 0x%03x", s->name,
                            offset);
        break;
    default:
        observers_guest_log(s->host.observers, now(s),
                            "%s: guest error: write to bad offset 0x%03x", s->name, offset);
        break;
    }
}

/* A reset keeps the node id: it names the node, not a register state. */
static void sysctl_reset(void *model) { (void)model; }

void sysctl_set_node_id(void *model, uint32_t id)
{
    ((sysctl_t *)model)->node_id = id;
}

static void sysctl_destroy(void *model) { free(model); }

void *sysctl_create(const periph_host_t *host, const periph_config_t *cfg)
{
    assert(host && host->now && host->observers);
    if (!cfg || cfg->size < 0x10)
        return NULL;
    sysctl_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->host = *host;
    s->name = cfg->name ? cfg->name : "sysctl";
    return s;
}

const periph_ops_t sysctl_ops = {
    .name = "ctock-sysctl",
    .read = sysctl_read,
    .write = sysctl_write,
    .reset = sysctl_reset,
    .destroy = sysctl_destroy,
};
