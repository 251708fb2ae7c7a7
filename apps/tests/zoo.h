/*
 * zoo.h - shared bits of the crash zoo (apps/tests/): each app does one
 * bad thing; test/diff/test_qemu_crash_zoo.sh and
 * test/system/test_crash_zoo.sh check the kernel's fault dump, the fault
 * policy and that the other processes run on. Every app prints
 * "<name>: start" first, and "<name>: ..." lines with the addresses the
 * tests compare against the dump.
 */
#ifndef ZOO_H
#define ZOO_H

#include <stdint.h>
#include <stdio.h>

#include "tock.h"

static inline uint32_t zoo_memop(uint32_t op)
{
    uint32_t v = 0;
    tock_status_u32(tock_memop(op, 0), &v);
    return v;
}

/* Keeps the compiler from proving things about an address or value. */
static inline uint32_t zoo_opaque(uint32_t v)
{
    __asm__ volatile("" : "+r"(v));
    return v;
}

#endif
