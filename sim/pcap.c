/*
 * pcap.c - the classic pcap writer (pcap.h): global header
 * (magic, version 2.4, thiszone 0, sigfigs 0, snaplen, link type), then
 * per packet (ts_sec, ts_usec, incl_len, orig_len) and the bytes. Packets
 * longer than the snap length are cut there (incl_len < orig_len), as
 * libpcap does; 802.15.4 frames (127 bytes at most) never are.
 */
#include "pcap.h"

#include <errno.h>
#include <string.h>

static void put32(uint8_t *b, uint32_t v)
{
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
    b[2] = (uint8_t)(v >> 16);
    b[3] = (uint8_t)(v >> 24);
}

static void put16(uint8_t *b, uint16_t v)
{
    b[0] = (uint8_t)v;
    b[1] = (uint8_t)(v >> 8);
}

static void emit(pcap_t *p, const void *data, size_t len)
{
    if (p->f && fwrite(data, 1, len, p->f) != len)
        p->error = 1;
}

int pcap_open_stream(pcap_t *p, FILE *f, uint32_t linktype)
{
    uint8_t h[PCAP_HEADER_SIZE];
    memset(p, 0, sizeof *p);
    p->f = f;
    put32(h, 0xa1b2c3d4u);       /* microsecond timestamps */
    put16(h + 4, 2);             /* version 2.4 */
    put16(h + 6, 4);
    put32(h + 8, 0);             /* thiszone: GMT */
    put32(h + 12, 0);            /* sigfigs */
    put32(h + 16, PCAP_SNAPLEN);
    put32(h + 20, linktype);
    emit(p, h, sizeof h);
    return p->error ? -1 : 0;
}

int pcap_open(pcap_t *p, const char *path, uint32_t linktype, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (pcap_open_stream(p, f, linktype) < 0) {
        snprintf(err, errlen, "%s: cannot write", path);
        fclose(f);
        p->f = NULL;
        return -1;
    }
    p->path = path;
    return 0;
}

void pcap_write(pcap_t *p, uint64_t ts_us, const uint8_t *data, uint32_t len)
{
    uint8_t h[PCAP_RECORD_HEADER_SIZE];
    uint32_t incl = len > PCAP_SNAPLEN ? PCAP_SNAPLEN : len;
    put32(h, (uint32_t)(ts_us / 1000000u));
    put32(h + 4, (uint32_t)(ts_us % 1000000u));
    put32(h + 8, incl);
    put32(h + 12, len);
    emit(p, h, sizeof h);
    emit(p, data, incl);
}

int pcap_close(pcap_t *p)
{
    int rc = p->error ? -1 : 0;
    if (p->f) {
        if (fflush(p->f) != 0 || ferror(p->f))
            rc = -1;
        if (p->path && fclose(p->f) != 0)
            rc = -1;
    }
    p->f = NULL;
    return rc;
}
