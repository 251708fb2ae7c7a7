/*
 * disasm.h - one Thumb instruction as text (capstone, ARMv7-M: Thumb and
 * M-profile), for fault reports: "udf #0xff", "ldr r0, [r1, #4]".
 */
#ifndef SIM_DISASM_H
#define SIM_DISASM_H

#include <stddef.h>
#include <stdint.h>

/* Disassembles the instruction at code[0..len) (len >= 2; 4 to be sure of
 * a 32-bit one) that sits at address addr. Writes "mnemonic operands" to
 * out and returns its size in bytes (2 or 4), or -1 with out = "(invalid)"
 * when the bytes are no instruction (or capstone is unavailable). */
int disasm_thumb(const uint8_t *code, size_t len, uint32_t addr, char *out, size_t outlen);

#endif
