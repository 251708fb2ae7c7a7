/*
 * disasm.c - capstone in Thumb + M-class mode (see disasm.h). A handle is
 * opened per call: faults are rare, and this keeps the module stateless.
 */
#include "disasm.h"

#include <capstone/capstone.h>
#include <stdio.h>

int disasm_thumb(const uint8_t *code, size_t len, uint32_t addr, char *out, size_t outlen)
{
    csh h;
    int size = -1;
    snprintf(out, outlen, "(invalid)");
    if (len < 2 || cs_open(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS, &h) != CS_ERR_OK)
        return -1;
    cs_insn *insn;
    size_t n = cs_disasm(h, code, len, addr, 1, &insn);
    if (n == 1) {
        if (insn[0].op_str[0])
            snprintf(out, outlen, "%s %s", insn[0].mnemonic, insn[0].op_str);
        else
            snprintf(out, outlen, "%s", insn[0].mnemonic);
        size = (int)insn[0].size;
        cs_free(insn, n);
    }
    cs_close(&h);
    return size;
}
