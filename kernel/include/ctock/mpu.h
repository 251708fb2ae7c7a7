/*
 * mpu.h - the memory protection the kernel core asks of the architecture
 * (implemented by kernel/arch/cortex-m4/mpu.c, the ARMv7-M PMSAv7 MPU).
 *
 * A process may read and execute its own flash image and read and write
 * its RAM block from its start up to (about) its app break; nothing else.
 * The core computes a process's configuration when it starts and whenever
 * its break moves (mpu_configure_process), keeps it in the process, and
 * loads it before every switch to that process (mpu_load). The kernel runs
 * privileged with the default memory map underneath, so it is unaffected.
 *
 * Granularity: the accessible RAM ends at the app break rounded up to
 * MPU_RAM_GRANULE bytes; the rounding never reaches past the limit the
 * core gives (the kernel-owned top of the block).
 */
#ifndef CTOCK_MPU_H
#define CTOCK_MPU_H

#include <stdbool.h>
#include <stdint.h>

#define MPU_REGIONS 8
#define MPU_RAM_GRANULE 32u

typedef struct {
    uint32_t rbar[MPU_REGIONS];   /* as written: address | VALID | region */
    uint32_t rasr[MPU_REGIONS];   /* 0 = region disabled */
    uint32_t ram_end;             /* first address past the accessible RAM */
} mpu_config_t;

/* printf-like output (printk_wait, debug_polled). */
typedef void (*mpu_out_fn)(const char *fmt, ...);

/* Enables the MPU (no regions yet) with the default map for privileged
 * code (PRIVDEFENA); faults in HardFault/NMI handlers ignore it. */
void mpu_init(void);

/* Computes a process's configuration: flash [flash_start, +flash_size)
 * read/execute, RAM [mem_start, align(app_brk)) read/write, no execute.
 * flash_size and mem_size must be powers of two >= 32 with their bases
 * aligned to them. Returns false (config untouched) if that can't be
 * expressed or align(app_brk) > limit. */
bool mpu_configure_process(mpu_config_t *c, uint32_t flash_start, uint32_t flash_size,
                           uint32_t mem_start, uint32_t mem_size, uint32_t app_brk,
                           uint32_t limit);

/* Is [start, start+size) a region the MPU can protect on its own? */
bool mpu_region_ok(uint32_t start, uint32_t size);

/* Adds one user read/write, never executable region [base, base+size) to
 * c in a free region slot (IPC's shared buffers, Tock's add_mpu_region).
 * False if mpu_region_ok fails or no slot is free. */
bool mpu_add_region(mpu_config_t *c, uint32_t base, uint32_t size);

/* Programs the hardware with c. */
void mpu_load(const mpu_config_t *c);

/* One line per region: base, size, permissions, subregions, the range an
 * unprivileged access may touch. */
void mpu_print(const mpu_config_t *c, mpu_out_fn out);

#endif
