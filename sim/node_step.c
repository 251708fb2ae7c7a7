/*
 * node_step.c - the Thumb loads and stores of the MPU's precise path
 * (node_mem.c): decoded from the registers (every access they will make,
 * in Unicorn's order) and, once node_mem.c has allowed all of them,
 * executed here in C on plain RAM and flash.
 *
 * Why in C: the instruction that a page cut by an MPU boundary refused
 * must run alone, and Unicorn can only run one instruction by translating
 * a block for it (uc_emu_start with `until`, whose block Unicorn drops
 * after the run) or by hooking every instruction. Both translate code per
 * access that is never reused: a loop over data in such a page (every
 * process has one: its app break lies inside a 1 KiB page) translated two
 * blocks per access and filled Unicorn's code buffer (measured with
 * cpu_bench: 2.4 million translations per 2 virtual seconds). Executing
 * the decoded instruction here translates nothing and leaves the TLB and
 * the translated code untouched.
 *
 * Covered: LDR/STR of every size and addressing mode (immediate, register,
 * literal, pre/post-indexed with writeback), LDRSB/LDRSH, LDRD/STRD,
 * LDM/STM (IA, DB), PUSH/POP, inside or outside an IT block (a refused
 * access means its condition passed; the IT state advances here).
 * Decoded but left to Unicorn (node_step_decode says so): loads into PC or
 * SP (branches, exception return, SP alignment), the UNPREDICTABLE forms
 * (writeback onto a loaded or stored register, SP or PC in a list, ...)
 * and, by node_mem.c's choice, privileged code (so that --check-capsules'
 * memory hooks see every access). Not decoded (-1): exclusives, LDRT/STRT,
 * TBB/TBH, hints, FP loads/stores, undefined encodings.
 */
#include <string.h>

#include "node_priv.h"

#define XPSR_IT_LO_SHIFT 25           /* IT[1:0] */
#define XPSR_IT_HI_SHIFT 8            /* IT[7:2] at bits 15:10 */

static uint32_t reg_value(node_t *n, unsigned r, uint32_t pc)
{
    if (r == 15)
        return pc + 4;
    if (r == 13)
        return cortexm_get(&n->cpu, UC_ARM_REG_SP);
    if (r == 14)
        return cortexm_get(&n->cpu, UC_ARM_REG_LR);
    return cortexm_get(&n->cpu, UC_ARM_REG_R0 + (int)r);
}

static void set_reg(node_t *n, unsigned r, uint32_t v)
{
    if (r == 13)
        cortexm_set(&n->cpu, UC_ARM_REG_SP, v & ~3u);   /* M profile: SP[1:0] read as 0 */
    else if (r == 14)
        cortexm_set(&n->cpu, UC_ARM_REG_LR, v);
    else
        cortexm_set(&n->cpu, UC_ARM_REG_R0 + (int)r, v);
}

static void single(ls_insn_t *in, uint32_t addr, uint8_t size, bool load, unsigned rt)
{
    in->kind = LS_SINGLE;
    in->load = load;
    in->rt = (uint8_t)rt;
    in->acc[0] = (ls_access_t){ addr, size, !load };
    in->naccess = 1;
    /* A load into PC branches; PC as store data and byte/halfword loads
     * into SP are UNPREDICTABLE; a word load into SP needs SP's rules. */
    if (rt == 15 || (rt == 13 && (load || size != 4)))
        in->emulable = false;
}

/* LDM/STM/PUSH/POP: words from base upwards, registers in ascending
 * order (QEMU's order too). */
static int multi(ls_insn_t *in, uint32_t base, uint16_t regs, bool load)
{
    int count = __builtin_popcount(regs);
    if (count < 1 || count > LS_MAX_ACCESS)
        return -1;
    in->kind = LS_MULTI;
    in->load = load;
    in->regs = regs;
    for (int i = 0; i < count; i++)
        in->acc[i] = (ls_access_t){ base + 4u * (unsigned)i, 4, !load };
    in->naccess = count;
    if (regs & ((1u << 13) | (1u << 15)))
        in->emulable = false;               /* SP or PC in the list */
    return count;
}

static void writeback(ls_insn_t *in, unsigned rn, uint32_t value)
{
    in->wb_reg = (int8_t)rn;
    in->wb_value = value;
}

static int decode16(node_t *n, uint32_t pc, uint32_t hw, ls_insn_t *in)
{
    unsigned rt = hw & 7, rn = (hw >> 3) & 7, imm5 = (hw >> 6) & 31;
    bool load = (hw >> 11) & 1;

    in->len = 2;
    if ((hw & 0xF000) == 0x5000) {                    /* register offset */
        static const uint8_t size[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
        unsigned op = (hw >> 9) & 7;
        single(in, reg_value(n, rn, pc) + reg_value(n, imm5 & 7, pc), size[op], op >= 3, rt);
        in->sign = op == 3 || op == 7;                /* LDRSB, LDRSH */
        return 1;
    }
    if ((hw & 0xE000) == 0x6000) {                    /* STR/LDR(B) imm5 */
        uint8_t size = (hw & 0x1000) ? 1 : 4;
        single(in, reg_value(n, rn, pc) + imm5 * size, size, load, rt);
        return 1;
    }
    if ((hw & 0xF000) == 0x8000) {                    /* STRH/LDRH imm5 */
        single(in, reg_value(n, rn, pc) + imm5 * 2, 2, load, rt);
        return 1;
    }
    if ((hw & 0xF000) == 0x9000) {                    /* SP-relative */
        single(in, reg_value(n, 13, pc) + (hw & 0xFF) * 4, 4, load, (hw >> 8) & 7);
        return 1;
    }
    if ((hw & 0xF800) == 0x4800) {                    /* LDR literal */
        single(in, ((pc + 4) & ~3u) + (hw & 0xFF) * 4, 4, true, (hw >> 8) & 7);
        return 1;
    }
    if ((hw & 0xFE00) == 0xB400) {                    /* PUSH {list, lr} */
        uint16_t regs = (uint16_t)((hw & 0xFF) | ((hw & 0x100) << 6));
        uint32_t sp = reg_value(n, 13, pc), size = 4u * (unsigned)__builtin_popcount(regs);
        if (multi(in, sp - size, regs, false) < 0)
            return -1;
        writeback(in, 13, sp - size);
        return in->naccess;
    }
    if ((hw & 0xFE00) == 0xBC00) {                    /* POP {list, pc} */
        uint16_t regs = (uint16_t)((hw & 0xFF) | ((hw & 0x100) << 7));
        uint32_t sp = reg_value(n, 13, pc);
        if (multi(in, sp, regs, true) < 0)
            return -1;
        writeback(in, 13, sp + 4u * (unsigned)in->naccess);
        return in->naccess;
    }
    if ((hw & 0xF000) == 0xC000) {                    /* STMIA/LDMIA rn! */
        unsigned base_reg = (hw >> 8) & 7;
        uint16_t regs = hw & 0xFF;
        uint32_t base = reg_value(n, base_reg, pc);
        if (multi(in, base, regs, load) < 0)
            return -1;
        /* LDM writes back unless it loads the base; STM always does (a
         * listed base is stored as it was: rare, left to Unicorn). */
        if (!load || !(regs & (1u << base_reg)))
            writeback(in, base_reg, base + 4u * (unsigned)in->naccess);
        if (!load && (regs & (1u << base_reg)))
            in->emulable = false;
        return in->naccess;
    }
    return -1;
}

/* LDR/STR (immediate, register, literal, indexed), sizes 1/2/4. */
static int decode32_single(node_t *n, uint32_t pc, uint32_t hw1, uint32_t hw2, ls_insn_t *in)
{
    unsigned size_log = (hw1 >> 5) & 3, rt = hw2 >> 12, rn = hw1 & 15;
    bool load = (hw1 >> 4) & 1, sign = (hw1 >> 8) & 1, imm12 = (hw1 >> 7) & 1;
    uint8_t size = (uint8_t)(1u << size_log);

    if (size_log == 3 || (sign && !load) || (sign && size_log == 2) ||
        (load && rt == 15 && size_log != 2))
        return -1;                                    /* undefined, PLD/PLI */
    if (rn == 15) {                                   /* literal */
        uint32_t base = (pc + 4) & ~3u;
        if (!load)
            return -1;
        single(in, imm12 ? base + (hw2 & 0xFFF) : base - (hw2 & 0xFFF), size, true, rt);
    } else if (imm12) {
        single(in, reg_value(n, rn, pc) + (hw2 & 0xFFF), size, load, rt);
    } else if ((hw2 & 0x0FC0) == 0) {                 /* register, LSL #0-3 */
        unsigned rm = hw2 & 15;
        single(in, reg_value(n, rn, pc) + (reg_value(n, rm, pc) << ((hw2 >> 4) & 3)), size,
               load, rt);
        if (rm == 13 || rm == 15)
            in->emulable = false;
    } else if ((hw2 & 0x0800) && (hw2 & 0x0F00) != 0x0E00 && (hw2 & 0x0500)) {
        bool pre = hw2 & 0x0400, wback = hw2 & 0x0100;
        uint32_t base = reg_value(n, rn, pc), imm = hw2 & 0xFF;
        uint32_t off = (hw2 & 0x0200) ? base + imm : base - imm;
        single(in, pre ? off : base, size, load, rt);
        if (wback) {
            writeback(in, rn, off);
            if (rn == rt)
                in->emulable = false;
        }
    } else {
        return -1;                                    /* LDRT/STRT, undefined */
    }
    in->sign = sign;
    return 1;
}

static int decode32(node_t *n, uint32_t pc, uint32_t hw1, uint32_t hw2, ls_insn_t *in)
{
    unsigned rn = hw1 & 15;
    bool load = (hw1 >> 4) & 1;

    in->len = 4;
    if ((hw1 & 0xFE00) == 0xF800)
        return decode32_single(n, pc, hw1, hw2, in);
    if ((hw1 & 0xFE40) == 0xE840) {                   /* LDRD/STRD; exclusives, TBB: -1 */
        bool pre = (hw1 >> 8) & 1, up = (hw1 >> 7) & 1, wback = (hw1 >> 5) & 1;
        unsigned rt = hw2 >> 12, rt2 = (hw2 >> 8) & 15;
        uint32_t base, off, addr;
        if (!pre && !wback)
            return -1;
        if (rn == 15 && (!load || wback))
            return -1;
        base = rn == 15 ? (pc + 4) & ~3u : reg_value(n, rn, pc);
        off = up ? base + (hw2 & 0xFF) * 4 : base - (hw2 & 0xFF) * 4;
        addr = pre ? off : base;
        in->kind = LS_DUAL;
        in->load = load;
        in->rt = (uint8_t)rt;
        in->rt2 = (uint8_t)rt2;
        in->acc[0] = (ls_access_t){ addr, 4, !load };
        in->acc[1] = (ls_access_t){ addr + 4, 4, !load };
        in->naccess = 2;
        if (wback)
            writeback(in, rn, off);
        if (rt == 13 || rt == 15 || rt2 == 13 || rt2 == 15 || (load && rt == rt2) ||
            (wback && (rn == rt || rn == rt2)))
            in->emulable = false;
        return 2;
    }
    if ((hw1 & 0xFE40) == 0xE800) {                   /* LDM/STM IA, DB */
        unsigned op = (hw1 >> 7) & 3;
        bool wback = (hw1 >> 5) & 1;
        uint16_t regs = (uint16_t)hw2;
        uint32_t base = reg_value(n, rn, pc), size = 4u * (unsigned)__builtin_popcount(regs);
        uint32_t lo;
        if (op != 1 && op != 2)
            return -1;                                /* SRS/RFE: not on M profile */
        lo = op == 1 ? base : base - size;
        if (multi(in, lo, regs, load) < 0)
            return -1;
        if (wback) {
            writeback(in, rn, op == 1 ? base + size : base - size);
            if (regs & (1u << rn))
                in->emulable = false;
        }
        if (rn == 15 || in->naccess < 2)
            in->emulable = false;                     /* UNPREDICTABLE */
        return in->naccess;
    }
    return -1;
}

int node_step_decode(node_t *n, uint32_t pc, ls_insn_t *in)
{
    uint16_t hw[2] = { 0, 0 };

    memset(in, 0, sizeof *in);
    in->wb_reg = -1;
    in->emulable = true;
    if (uc_mem_read(n->cpu.uc, pc, &hw[0], 2) != UC_ERR_OK)
        return -1;
    if ((hw[0] >> 11) < 0x1D)
        return decode16(n, pc, hw[0], in);
    if (uc_mem_read(n->cpu.uc, pc + 2, &hw[1], 2) != UC_ERR_OK)
        return -1;
    return decode32(n, pc, hw[0], hw[1], in);
}

static uint32_t load_value(node_t *n, const ls_access_t *a, bool sign)
{
    uint8_t b[4] = { 0, 0, 0, 0 };
    uint32_t v;
    uc_mem_read(n->cpu.uc, a->addr, b, a->size);
    v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    if (sign && a->size == 1)
        v = (uint32_t)(int32_t)(int8_t)v;
    else if (sign && a->size == 2)
        v = (uint32_t)(int32_t)(int16_t)v;
    return v;
}

static void store_value(node_t *n, const ls_access_t *a, uint32_t v)
{
    uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
    uc_mem_write(n->cpu.uc, a->addr, b, a->size);
}

/* The IT state after one more instruction of the block (ITAdvance). */
static void advance_it(node_t *n)
{
    uint32_t xpsr = cortexm_get(&n->cpu, UC_ARM_REG_XPSR);
    uint32_t it = ((xpsr >> XPSR_IT_LO_SHIFT) & 3u) | ((xpsr >> XPSR_IT_HI_SHIFT) & 0xFCu);
    if (!(it & 0xF))
        return;
    it = (it & 7) == 0 ? 0 : ((it & 0xE0) | ((it << 1) & 0x1F));
    xpsr &= ~((3u << XPSR_IT_LO_SHIFT) | (0xFCu << XPSR_IT_HI_SHIFT));
    xpsr |= (it & 3u) << XPSR_IT_LO_SHIFT | (it & 0xFCu) << XPSR_IT_HI_SHIFT;
    cortexm_set(&n->cpu, UC_ARM_REG_EPSR, xpsr);
}

void node_step_execute(node_t *n, uint32_t pc, const ls_insn_t *in)
{
    uint32_t value[LS_MAX_ACCESS];
    unsigned reg[LS_MAX_ACCESS];
    int i = 0;

    /* Which register each access moves, in access order. */
    if (in->kind == LS_SINGLE) {
        reg[0] = in->rt;
    } else if (in->kind == LS_DUAL) {
        reg[0] = in->rt;
        reg[1] = in->rt2;
    } else {
        for (unsigned r = 0; r < 16; r++)
            if (in->regs & (1u << r))
                reg[i++] = r;
    }
    /* Every value is read before any register changes (a loaded base
     * register does not move the later addresses: they are decoded). */
    for (i = 0; i < in->naccess; i++)
        value[i] = in->load ? load_value(n, &in->acc[i], in->sign) : reg_value(n, reg[i], pc);
    for (i = 0; i < in->naccess; i++) {
        if (in->load)
            set_reg(n, reg[i], value[i]);
        else
            store_value(n, &in->acc[i], value[i]);
    }
    if (in->wb_reg >= 0)
        set_reg(n, (unsigned)in->wb_reg, in->wb_value);
    advance_it(n);
    cortexm_set(&n->cpu, UC_ARM_REG_PC, (pc + in->len) | 1u);
}
