/*
 * cpu_bench: a CPU-bound app for measuring emulation speed. It does a fixed
 * amount of work (rounds of a sieve of Eratosthenes, a CRC-32 over the
 * sieve, and an insertion sort: ALU, loads, stores and branches) and prints
 * a checksum, so the same work can be timed on ctock-sim and on QEMU.
 * The round count is fixed at build time (CPU_BENCH_ROUNDS).
 */
#include <stdint.h>
#include <stdio.h>

#ifndef CPU_BENCH_ROUNDS
#define CPU_BENCH_ROUNDS 4000
#endif

#define SIEVE_N 2048
#define SORT_N 128

static uint8_t sieve[SIEVE_N];
static uint32_t values[SORT_N];

static uint32_t count_primes(void)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i < SIEVE_N; i++) {
        sieve[i] = 1;
    }
    sieve[0] = sieve[1] = 0;
    for (uint32_t i = 2; i * i < SIEVE_N; i++) {
        if (sieve[i]) {
            for (uint32_t j = i * i; j < SIEVE_N; j += i) {
                sieve[j] = 0;
            }
        }
    }
    for (uint32_t i = 0; i < SIEVE_N; i++) {
        count += sieve[i];
    }
    return count;
}

static uint32_t crc32(const uint8_t *p, uint32_t len, uint32_t crc)
{
    crc = ~crc;
    while (len--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
        }
    }
    return ~crc;
}

static void insertion_sort(uint32_t seed)
{
    for (uint32_t i = 0; i < SORT_N; i++) {
        seed = seed * 1664525u + 1013904223u;
        values[i] = seed >> 8;
    }
    for (uint32_t i = 1; i < SORT_N; i++) {
        uint32_t v = values[i];
        uint32_t j = i;
        while (j > 0 && values[j - 1] > v) {
            values[j] = values[j - 1];
            j--;
        }
        values[j] = v;
    }
}

int main(void)
{
    uint32_t crc = 0;
    uint32_t primes = 0;
    printf("cpu_bench: %d rounds\n", CPU_BENCH_ROUNDS);
    for (uint32_t round = 0; round < CPU_BENCH_ROUNDS; round++) {
        primes = count_primes();
        crc = crc32(sieve, SIEVE_N, crc);
        insertion_sort(crc);
        crc = crc32((const uint8_t *)values, sizeof(values), crc);
    }
    printf("cpu_bench: primes %lu crc %08lx\n", (unsigned long)primes, (unsigned long)crc);
    printf("cpu_bench: done\n");
    return 0;
}
