/*
 * faults.h - what the host can say about a guest fault (fault_info_t from
 * the core, observer.h): the exception's name, the CFSR/HFSR bits by name
 * (ARMv7-M ARM B3.2.15-B3.2.18), the fault class in words, the faulting
 * data address when the architecture marks it valid, and which process it
 * was, from where the app images sit in app flash.
 *
 * Pure functions over plain data: no node, no I/O (fault_report.c does the
 * output), so every rule here is unit-tested on synthetic fault_info_t.
 *
 * Attribution, first match wins:
 *   1. PC inside an app's TBF in app flash            -> that app ("pc")
 *   2. thread mode, LR inside an app's TBF            -> that app ("lr"; e.g.
 *      the process branched into kernel flash or to a bad address)
 *   3. thread mode, SP inside an app's RAM block      -> that app ("sp"; RAM
 *      blocks are learned from the kernel's "process 'x' loaded: ..." line)
 *   4. handler mode or privileged                     -> the kernel
 *   5. otherwise                                      -> an unknown process
 *
 * App code addresses: an app is linked at 0x80000000 (apps/layout.ld: the
 * crt0 header first, then .text) and the bytes from there are the TBF's
 * binary, which starts at app_start = TBF address + header_size +
 * protected_trailer_size (docs/apps.md). So a runtime PC maps to the link
 * address pc - app_start + 0x80000000, which the app ELF's symbols use.
 */
#ifndef SIM_FAULTS_H
#define SIM_FAULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../peripherals/fault_status.h"
#include "observer.h"
#include "symbols.h"

#define FAULT_APP_LINK_BASE 0x80000000u

/* One app image as placed in app flash. */
typedef struct fault_app {
    char name[64];          /* TBF Package Name, else the file name without .tbf */
    uint32_t tbf_addr;      /* [tbf_addr, tbf_addr + size) */
    uint32_t size;
    uint32_t app_start;     /* runtime address of link address 0x80000000 */
    uint32_t ram_start;     /* RAM block, 0/0 until the kernel has said */
    uint32_t ram_size;
    symtab_t *syms;         /* the app ELF's symbols, or NULL */
} fault_app_t;

/* "HardFault", "MemManage", "BusFault", "UsageFault", else "exception N". */
const char *fault_exception_name(int exception);

/* Names of the set CFSR (or HFSR) bits in bit order, at most max. Returns
 * how many were stored. */
int fault_cfsr_bits(uint32_t cfsr, const char **names, int max);
int fault_hfsr_bits(uint32_t hfsr, const char **names, int max);
/* Writes the names joined by sep ("" when none). */
void fault_join_bits(const char **names, int n, const char *sep, char *buf, size_t len);

/* The fault class in words, from the most telling CFSR bit: "undefined
 * instruction", "data access violation", "divide by zero", ...; for a
 * HardFault with no CFSR bit, "vector table read error" or "escalated
 * fault". Never NULL. */
const char *fault_class(const fault_info_t *f);

/* The faulting data address when valid: MMFAR with MMARVALID, else BFAR
 * with BFARVALID. *which is "mmfar" or "bfar". */
bool fault_address(const fault_info_t *f, uint32_t *addr, const char **which);

/* Which app faulted (index into apps), or -1 for the kernel or an
 * unknown process (*kernel says which). *how: "pc", "lr", "sp" or NULL. */
int fault_find_app(const fault_app_t *apps, int n, const fault_info_t *f, bool *kernel,
                   const char **how);

/* An app code address at runtime -> its link address in the app ELF. */
uint32_t fault_app_link_addr(const fault_app_t *a, uint32_t pc);

/* Feeds one console byte; on a complete "process 'NAME' loaded: flash
 * 0x... (N bytes), ram 0x... (N bytes)" line, records the RAM block of the
 * app named NAME. line/len are the caller's line buffer. */
void fault_learn_console(fault_app_t *apps, int n, char *line, size_t cap, size_t *len,
                         uint8_t byte);

#endif
