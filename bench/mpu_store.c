/*
 * mpu_store.c - what the MPU costs a store-heavy loop on a node: the same
 * Thumb loop (str, ldr, subs, bne over one word) run privileged with the
 * MPU off, unprivileged with the MPU on and its data in a page the regions
 * cover whole, and unprivileged with its data in a page a subregion edge
 * cuts (precise steps until the page turns hot, then page-exact, as with
 * --mpu-fast; or byte-exact throughout, ctock-sim's default, on 1/100 of
 * the instructions).
 * Prints emulated MIPS (wall clock; shared machines are noisy).
 *
 * Usage: build/mpu_store [MILLION_INSTRUCTIONS]   (default 400)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sim/board.h"
#include "sim/node.h"
#include "sim/node_debug.h"

static const board_mem_t mem[] = {
    { "flash", 0x00000000, 64 * 1024, false, 0xFF },
    { "sram", 0x20000000, 64 * 1024, true, 0x00 },
};
static const board_t board = { "mpubench", 48000000, mem, 2, NULL, 0 };

/* 0x100: str r1,[r0]; ldr r2,[r0,#4]; subs r1,#1; bne 0x100; b . */
static const uint16_t loop[] = { 0x6001, 0x6842, 0x3901, 0xd1fb, 0xe7fe };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void region(node_t *n, unsigned r, uint32_t base, uint32_t rasr)
{
    mpu_write(&node_scs(n)->mpu, 0x0C, base | 0x10 | r, NULL);
    mpu_write(&node_scs(n)->mpu, 0x10, rasr, NULL);
}

static double run(int mode, uint32_t data, uint64_t insns)
{
    const char *err;
    uint32_t vec[2] = { 0x20010000, 0x101 };
    node_t *n = node_create(&board, 0, &err);
    if (!n) {
        fprintf(stderr, "node_create: %s\n", err);
        exit(1);
    }
    node_write_mem(n, 0, vec, sizeof vec);
    node_write_mem(n, 0x100, loop, sizeof loop);
    node_reset(n);
    if (mode) {
        region(n, 0, 0x00000000, 1 | (15u << 1) | (6u << 24));              /* flash RO */
        region(n, 1, 0x20000000, 1 | (11u << 1) | (3u << 24) | (0x80u << 8)); /* 4 KiB, last 512 B off */
        mpu_write(&node_scs(n)->mpu, 0x04, 5, NULL);                         /* ENABLE | PRIVDEFENA */
        node_set_reg(n, UC_ARM_REG_CONTROL, 1);
        node_set_mpu_exact(n, mode == 2);
    }
    node_set_reg(n, UC_ARM_REG_R0, data);
    node_set_reg(n, UC_ARM_REG_R1, (uint32_t)(insns / 4));
    double t0 = now();
    node_run_until(n, insns);
    double t = now() - t0;
    node_stats_t st;
    node_stats(n, &st);
    node_destroy(n);
    return st.instructions / t / 1e6;
}

int main(int argc, char **argv)
{
    uint64_t insns = (argc > 1 ? strtoull(argv[1], NULL, 0) : 400) * 1000000ull;
    printf("store-heavy loop, %llu M instructions\n", (unsigned long long)(insns / 1000000));
    printf("  MPU off, privileged:                    %7.0f MIPS\n", run(0, 0x20000100, insns));
    printf("  MPU on, unprivileged, whole page:       %7.0f MIPS\n", run(1, 0x20000100, insns));

    printf("  MPU on, unprivileged, page cut at 3.5K: %7.0f MIPS\n", run(1, 0x20000C00, insns));
    printf("  (the cut page: precise steps until 16384 make it hot, then page-exact; see sim/node_mem.c)\n");
    printf("  MPU on, unprivileged, page cut, exact:  %7.1f MIPS\n", run(2, 0x20000C00, insns / 100));
    printf("  (ctock-sim's default: every access there a precise step, decoded and run in C)\n");
    return 0;
}
