/*
 * pcap.h - a writer of classic libpcap capture files (the format tshark
 * and Wireshark read): a 24-byte global header, then one 16-byte record
 * header plus the packet bytes per packet. ctock-sim writes the radio
 * frames of a world with link type 195 (LINKTYPE_IEEE802_15_4_WITHFCS:
 * the PSDU, FCS included) and microsecond timestamps in virtual time.
 *
 * All fields are written little-endian (magic 0xa1b2c3d4 read back as
 * d4 c3 b2 a1), whatever the host, so the files are byte-identical across
 * machines. Not supported: nanosecond captures, pcapng, reading.
 */
#ifndef SIM_PCAP_H
#define SIM_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCAP_LINKTYPE_IEEE802_15_4_WITHFCS 195u
#define PCAP_SNAPLEN 65535u
#define PCAP_HEADER_SIZE 24u
#define PCAP_RECORD_HEADER_SIZE 16u

typedef struct pcap {
    FILE *f;
    const char *path;   /* for messages; NULL for a caller's stream */
    int error;          /* a write failed */
} pcap_t;

/* Creates (truncates) `path` and writes the global header. 0, or -1 with
 * "<path>: <why>" in err. */
int pcap_open(pcap_t *p, const char *path, uint32_t linktype, char *err, size_t errlen);
/* The same on a stream the caller owns (pcap_close does not close it). */
int pcap_open_stream(pcap_t *p, FILE *f, uint32_t linktype);
/* One packet captured at `ts_us` microseconds (virtual time). */
void pcap_write(pcap_t *p, uint64_t ts_us, const uint8_t *data, uint32_t len);
/* Flushes and closes (when opened by path); 0, or -1 if any write failed. */
int pcap_close(pcap_t *p);

#endif
