/*
 * mpu.h - the ARMv7-M Protected Memory System Architecture (PMSAv7) MPU of
 * a Cortex-M4: 8 regions, registers at 0xE000ED90-0xE000EDB8 (ARMv7-M ARM
 * B3.5), and the access decision for one address or one whole page.
 *
 * Pure logic: no Unicorn, no node. The System Control Space forwards the
 * register window here; the node asks mpu_check() / mpu_page() when it
 * fills Unicorn's TLB and on the precise path for pages a region boundary
 * cuts.
 *
 * Registers (offsets from 0xE000ED90):
 *   0x00 MPU_TYPE    RO  DREGION = 8 (0x00000800)
 *   0x04 MPU_CTRL    RW  ENABLE(0) HFNMIENA(1) PRIVDEFENA(2)
 *   0x08 MPU_RNR     RW  REGION[7:0] (values >= 8 are a guest error)
 *   0x0C MPU_RBAR    RW  ADDR[31:5] VALID(4) REGION[3:0]; VALID=1 also writes RNR
 *   0x10 MPU_RASR    RW  XN(28) AP[26:24] TEX S C B SRD[15:8] SIZE[5:1] ENABLE(0)
 *   0x14-0x24        RBAR/RASR aliases 1-3 (same registers)
 */
#ifndef PERIPHERALS_MPU_H
#define PERIPHERALS_MPU_H

#include <stdbool.h>
#include <stdint.h>

#define MPU_REGIONS 8
#define MPU_WINDOW_BASE 0xE000ED90u
#define MPU_WINDOW_SIZE 0x2Cu

typedef struct mpu {
    uint32_t ctrl;
    uint32_t rnr;
    uint32_t rbar[MPU_REGIONS];   /* as read back: ADDR | REGION (VALID reads 0) */
    uint32_t rasr[MPU_REGIONS];
} mpu_t;

/* Access kinds, also used as permission bit masks. */
#define MPU_R 1u
#define MPU_W 2u
#define MPU_X 4u

typedef struct mpu_ctx {
    bool privileged;      /* privileged access (handler mode or nPRIV = 0) */
    bool hfnmi;           /* executing at priority < 0 (HardFault/NMI/FAULTMASK) */
} mpu_ctx_t;

void mpu_reset(mpu_t *m);
/* Register access; offset is from MPU_WINDOW_BASE, word accesses. A guest
 * error (e.g. RNR >= 8) is reported through *guest_error (may be NULL) as a
 * static string and otherwise ignored. */
uint32_t mpu_read(const mpu_t *m, uint32_t offset);
void mpu_write(mpu_t *m, uint32_t offset, uint32_t value, const char **guest_error);

/* Is one access of kind `acc` (MPU_R, MPU_W or MPU_X) at addr allowed?
 * Applies the enabled regions (highest number wins, subregions, AP, XN),
 * the background default map (MPU off, PRIVDEFENA, HFNMIENA, and always
 * for the PPB 0xE0000000-0xE00FFFFF), and the default map's execute-never
 * areas (0x40000000-0x5FFFFFFF, 0xA0000000-0xFFFFFFFF) which hold even with
 * the MPU off. Under an enabled region only System space
 * (0xE0000000-0xFFFFFFFF) stays execute-never; elsewhere the region's XN
 * decides (as QEMU 7.2 does). */
bool mpu_check(const mpu_t *m, uint32_t addr, unsigned acc, mpu_ctx_t ctx);

/* All permissions (MPU_R|MPU_W|MPU_X mask) at addr: the same decision as
 * mpu_check for the three access kinds at once. */
unsigned mpu_perms(const mpu_t *m, uint32_t addr, mpu_ctx_t ctx);

/* Permissions (MPU_R|MPU_W|MPU_X mask) that hold for every byte of the
 * page [page, page + page_size). Returns true when every byte has exactly
 * these permissions; false when a region or subregion boundary cuts the
 * page into pieces that differ (then *perms is the intersection, and the
 * caller must decide each access with mpu_check). A boundary between
 * pieces with equal permissions (e.g. a process region inside a page that
 * PRIVDEFENA also opens to the kernel) still counts as uniform.
 * page_size is a power of two from 4 bytes to 1 MiB and page is aligned to
 * it. Cost: one pass over the 8 regions; a page that a region cuts adds at
 * most 73 lookups. */
bool mpu_page(const mpu_t *m, uint32_t page, uint32_t page_size, mpu_ctx_t ctx,
              unsigned *perms);

#endif
