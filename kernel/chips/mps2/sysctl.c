/*
 * sysctl.c - ctock sysctl at 0x40030000 (sim board only):
 *   0x00 ID (RO, "CTCK")   0x04 CLOCK_HZ (RO)   0x08 EXIT (WO)   0x0C NODE_ID (RO)
 * Never touched on the an386 board (QEMU has nothing mapped there).
 */
#include "sysctl.h"

#include "mps2.h"

#define SYSCTL_REG(off) (*(volatile uint32_t *)(MPS2_SYSCTL_BASE + (off)))

bool sysctl_present(void)
{
    return SYSCTL_REG(0x00) == SYSCTL_ID_VALUE;
}

uint32_t sysctl_clock_hz(uint32_t fallback)
{
    uint32_t hz = sysctl_present() ? SYSCTL_REG(0x04) : 0;
    return hz ? hz : fallback;
}

uint32_t sysctl_node_id(void)
{
    return sysctl_present() ? SYSCTL_REG(0x0C) : 0;
}

void sysctl_exit(uint32_t status)
{
    SYSCTL_REG(0x08) = status;
}
