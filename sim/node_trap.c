/*
 * node_trap.c - the UsageFaults Unicorn 2.1 (QEMU 5) does not raise:
 *   DIVBYZERO  SDIV/UDIV by zero with CCR.DIV_0_TRP = 1;
 *   UNALIGNED  LDRD/STRD/LDM/STM/LDREX/STREX off their alignment (always),
 *              and halfword/word LDR/STR forms with CCR.UNALIGN_TRP = 1;
 *   NOCP       floating-point (coprocessor 10/11) instructions while
 *              CPACR.CP10 denies them (reset: denied; 01 = privileged only).
 *
 * No per-instruction hook: when the block hook sees a translated block for
 * the first time (the block-size cache fill in node.c) node_trap_scan
 * decodes its Thumb instructions once and gives each instruction that
 * could trap under the current CCR/CPACR a UC_HOOK_CODE hook bounded to
 * that one address (deduplicated, in a bounded table; the decode - divisor
 * register, base/offset/alignment, IT condition - is stored with it).
 * Unicorn emits a bounded code hook only into blocks that contain its
 * address, so code without such instructions runs as before. A block that
 * got new hooks is not run: the CPU stops before it, the run loop drops
 * the translations of that block's range (UC_CTL_TB_REMOVE_CACHE) and the
 * block is translated again with the hooks in it.
 *
 * The hook decides for this execution (IT condition passed, divisor == 0,
 * effective address misaligned, CPACR/privilege) and, to trap, stops the
 * CPU before the instruction runs: the run loop puts PC on it and raises
 * the UsageFault through cortexm_fault (escalation, observers_fault), so
 * the stacked PC is the faulting instruction and none of its effects
 * happened. A CCR or CPACR write re-scans every block (the block-size
 * cache is cleared); when a trap class is switched off its hooks are
 * deleted and translated code is dropped once Unicorn has forgotten them.
 *
 * Not modelled: PUSH/POP and SP-based LDRD/LDM (SP is word-aligned on
 * ARMv7-M; writing SP bits [1:0] is treated as not happening); the IT
 * state of a block that starts inside an IT block (QEMU cuts blocks at
 * 1 KiB pages) - such an instruction is checked as unconditional; FP
 * instructions outside coprocessor space 10/11 encodings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node_priv.h"

#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP   (1u << 4)
#define EMPTY_PC 0xFFFFFFFFu    /* never an instruction address (odd) */

enum { K_DIV = 1, K_ALIGN = 2, K_UNALIGN = 4, K_CP = 8 };   /* also class bits */
enum { A_IMM = 0, A_REG = 1 };

static const int regs[16] = {
    UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,
    UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9,
    UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR,
    UC_ARM_REG_PC,
};

/* The trap classes the current CCR/CPACR enable. */
static unsigned classes_now(const node_t *n)
{
    const scb_t *scb = &n->scs.scb;
    unsigned c = K_ALIGN;
    if (scb->ccr & CCR_DIV_0_TRP)
        c |= K_DIV;
    if (scb->ccr & CCR_UNALIGN_TRP)
        c |= K_UNALIGN;
    if (((scb->cpacr >> 20) & 3) != 3)
        c |= K_CP;
    return c;
}

/* ---- decoding (ARMv7-M Thumb, A5) ---- */

typedef struct decoded {
    uint8_t kind, rn, rm, shift, mode, align;
    int32_t imm;
} decoded_t;

/* Could the instruction at pc (hw1, hw2) trap under `cls`? Fills *d. */
static bool decode(uint32_t pc, uint16_t hw1, uint16_t hw2, bool wide, unsigned cls, decoded_t *d)
{
    memset(d, 0, sizeof *d);
    if (!wide) {
        unsigned top = hw1 >> 12;
        if (top == 0xC) {                               /* LDM/STM (16-bit) */
            d->kind = K_ALIGN;
            d->rn = (hw1 >> 8) & 7;
            d->align = 4;
            return cls & K_ALIGN;
        }
        if (!(cls & K_UNALIGN))
            return false;
        if (top == 0x5) {                               /* register offset */
            unsigned op = (hw1 >> 9) & 7;               /* STR STRH STRB LDRSB LDR LDRH LDRB LDRSH */
            static const uint8_t sz[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
            if (sz[op] == 1)
                return false;
            d->kind = K_UNALIGN;
            d->mode = A_REG;
            d->rm = (hw1 >> 6) & 7;
            d->rn = (hw1 >> 3) & 7;
            d->align = sz[op];
            return true;
        }
        if (top == 0x6 || top == 0x8) {                 /* LDR/STR, LDRH/STRH imm5 */
            d->kind = K_UNALIGN;
            d->rn = (hw1 >> 3) & 7;
            d->align = top == 0x6 ? 4 : 2;
            d->imm = (int32_t)(((hw1 >> 6) & 0x1F) * d->align);
            return true;
        }
        return false;                                   /* SP/PC-relative: aligned */
    }
    if ((hw1 & 0xFFD0) == 0xFB90 && (hw2 & 0xF0F0) == 0xF0F0) {   /* SDIV/UDIV */
        d->kind = K_DIV;
        d->rm = hw2 & 0xF;
        return cls & K_DIV;
    }
    if ((hw1 & 0xEC00) == 0xEC00 && (hw2 & 0x0E00) == 0x0A00) {   /* CP10/CP11 */
        d->kind = K_CP;
        return cls & K_CP;
    }
    if ((hw1 & 0xFE40) == 0xE800) {                     /* LDM/STM (32-bit) */
        unsigned op = (hw1 >> 7) & 3;
        d->kind = K_ALIGN;
        d->rn = hw1 & 0xF;
        d->align = 4;
        return (cls & K_ALIGN) && (op == 1 || op == 2) && d->rn != 13;
    }
    if ((hw1 & 0xFE40) == 0xE840) {                     /* dual, exclusive, TBB */
        unsigned p = (hw1 >> 8) & 1, u = (hw1 >> 7) & 1, w = (hw1 >> 5) & 1;
        unsigned op1 = (hw1 >> 7) & 3, op2 = (hw1 >> 4) & 3, op3 = (hw2 >> 4) & 0xF;
        d->kind = K_ALIGN;
        d->rn = hw1 & 0xF;
        if (!(cls & K_ALIGN) || d->rn == 13 || d->rn == 15)
            return false;
        if (p || w) {                                   /* LDRD/STRD (immediate) */
            d->align = 4;
            if (p)
                d->imm = (int32_t)((hw2 & 0xFF) * 4) * (u ? 1 : -1);
            return true;
        }
        if (op1 == 0) {                                 /* STREX/LDREX */
            d->align = 4;
            d->imm = (int32_t)(hw2 & 0xFF) * 4;
            return op2 <= 1;
        }
        if (op1 == 1 && op3 == 5) {                     /* STREXH/LDREXH */
            d->align = 2;
            return op2 <= 1;
        }
        return false;
    }
    if ((hw1 & 0xFE00) == 0xF800 && (cls & K_UNALIGN)) {   /* single load/store */
        unsigned s = (hw1 >> 8) & 1, size = (hw1 >> 5) & 3, l = (hw1 >> 4) & 1;
        unsigned rt = hw2 >> 12;
        if (size == 0 || size == 3 || (s && !l) || (size == 1 && l && rt == 15))
            return false;                               /* bytes, undefined, hints */
        d->kind = K_UNALIGN;
        d->align = (uint8_t)(1u << size);
        d->rn = hw1 & 0xF;
        if (d->rn == 15) {                              /* literal: fixed address */
            uint32_t imm = hw2 & 0xFFF;
            uint32_t a = ((pc + 4) & ~3u) + ((hw1 & 0x80) ? imm : (uint32_t)-imm);
            return (a & (d->align - 1)) != 0 && !s;
        }
        if (hw1 & 0x80) {
            d->imm = hw2 & 0xFFF;
        } else if (hw2 & 0x800) {                       /* imm8, P U W */
            if (hw2 & 0x400)
                d->imm = (int32_t)(hw2 & 0xFF) * ((hw2 & 0x200) ? 1 : -1);
        } else if ((hw2 & 0xFC0) == 0) {
            d->mode = A_REG;
            d->rm = hw2 & 0xF;
            d->shift = (hw2 >> 4) & 3;
        } else {
            return false;
        }
        return true;
    }
    return false;
}

/* ---- the site table ---- */

static trap_site_t *site_find(node_t *n, uint32_t pc, bool *found)
{
    uint32_t i = (pc * 2654435761u >> 7) & (TRAP_TABLE - 1);
    for (;; i = (i + 1) & (TRAP_TABLE - 1)) {
        trap_site_t *s = &n->trap_sites[i];
        if (s->pc == pc || s->pc == EMPTY_PC) {
            *found = s->pc == pc;
            return s;
        }
    }
}

static bool cond_passed(unsigned cond, uint32_t psr)
{
    bool N = psr >> 31 & 1, Z = psr >> 30 & 1, C = psr >> 29 & 1, V = psr >> 28 & 1, r;
    switch (cond >> 1) {
    case 0: r = Z; break;
    case 1: r = C; break;
    case 2: r = N; break;
    case 3: r = V; break;
    case 4: r = C && !Z; break;
    case 5: r = N == V; break;
    case 6: r = N == V && !Z; break;
    default: return true;
    }
    return (cond & 1) ? !r : r;
}

static void on_trap_site(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    trap_site_t *s = ud;
    node_t *n = s->n;
    uint32_t bits = 0;

    if (n->stepping || !(n->trap_classes & s->kind))
        return;
    if (s->cond != 0xE && !cond_passed(s->cond, cortexm_get(&n->cpu, UC_ARM_REG_CPSR)))
        return;
    switch (s->kind) {
    case K_DIV:
        if (cortexm_get(&n->cpu, regs[s->rm]) == 0)
            bits = CFSR_DIVBYZERO;
        break;
    case K_CP: {
        unsigned cp10 = (n->scs.scb.cpacr >> 20) & 3;
        if (cp10 == 0 || cp10 == 2 || (cp10 == 1 && !cortexm_privileged(&n->cpu)))
            bits = CFSR_NOCP;
        break;
    }
    default: {
        uint32_t a = cortexm_get(&n->cpu, regs[s->rn]);
        if (s->mode == A_REG)
            a += cortexm_get(&n->cpu, regs[s->rm]) << s->shift;
        else
            a += (uint32_t)s->imm;
        if (a & (s->align - 1u))
            bits = CFSR_UNALIGNED;
        break;
    }
    }
    if (bits) {
        n->trap_bits = bits;
        n->trap_pc = (uint32_t)addr;
        node_stop_emu(n);
    }
}

/* Deletes every site hook (outside emulation). */
static void drop_all(node_t *n)
{
    for (uint32_t i = 0; i < TRAP_TABLE; i++) {
        trap_site_t *s = &n->trap_sites[i];
        if (s->pc != EMPTY_PC && s->hook)
            uc_hook_del(n->cpu.uc, s->hook);
        s->pc = EMPTY_PC;
        s->hook = 0;
    }
    n->trap_nsites = 0;
    n->trap_npending = 0;
    n->tb_flush_pending = 2;   /* drop code calling the deleted hooks */
}

bool node_trap_scan(node_t *n, uint32_t addr, uint32_t size)
{
    uint8_t buf[TRAP_SCAN_MAX + 4];
    uint32_t len = size < TRAP_SCAN_MAX ? size : TRAP_SCAN_MAX;
    unsigned itstate = 0, cls = n->trap_classes;
    bool added = false;

    memset(buf, 0, sizeof buf);
    if (uc_mem_read(n->cpu.uc, addr, buf, len) != UC_ERR_OK)
        return false;
    for (uint32_t off = 0; off < len;) {
        uint16_t hw1 = (uint16_t)(buf[off] | buf[off + 1] << 8);
        uint16_t hw2 = (uint16_t)(buf[off + 2] | buf[off + 3] << 8);
        bool wide = (hw1 >> 11) >= 0x1D;
        unsigned cond = (itstate & 0xF) ? itstate >> 4 : 0xE;
        uint32_t pc = addr + off;
        decoded_t d;

        if (decode(pc, hw1, hw2, wide, cls, &d)) {
            bool found;
            trap_site_t *s = site_find(n, pc, &found);
            if (!found) {
                if (n->trap_npending >= TRAP_MAX_PENDING) {
                    /* Hook what we have, scan this block again next time. */
                    n->tbc[(addr >> 1) & (TBC_SIZE - 1)].pc = EMPTY_PC;
                    added = true;
                    break;
                }
                if (n->trap_nsites >= TRAP_MAX_SITES) {
                    if (!n->trap_full_logged) {
                        n->trap_full_logged = true;
                        observers_guest_log(&n->obs, n->cycles,
                                            "cpu: %u trap sites hooked: table full, starting over",
                                            TRAP_MAX_SITES);
                    }
                    n->trap_reset_pending = true;   /* done outside emulation */
                    return true;
                }
                s->n = n;
                s->kind = d.kind;
                s->cond = (uint8_t)cond;
                s->rn = d.rn;
                s->rm = d.rm;
                s->shift = d.shift;
                s->mode = d.mode;
                s->align = d.align ? d.align : 1;
                s->imm = d.imm;
                s->pc = pc;                 /* hooked outside emulation */
                n->trap_pending[n->trap_npending++] = s;
                n->trap_nsites++;
                added = true;
            }
        }
        if ((hw1 & 0xFF00) == 0xBF00 && (hw1 & 0xF))
            itstate = hw1 & 0xFF;                   /* IT */
        else if (itstate & 0xF)
            itstate = (itstate & 7) == 0 ? 0 : ((itstate & 0xE0) | ((itstate << 1) & 0x1F));
        off += wide ? 4 : 2;
    }
    if (added) {
        if (n->trap_ninval < TRAP_MAX_INVAL) {
            n->trap_inval[n->trap_ninval].lo = addr;
            n->trap_inval[n->trap_ninval].hi = addr + size;
            n->trap_ninval++;
        } else {
            n->trap_flush_all = true;
        }
    }
    return added;
}

void node_trap_before_slice(node_t *n)
{
    uc_engine *uc = n->cpu.uc;
    unsigned cls = classes_now(n);

    if (cls != n->trap_classes || n->trap_reset_pending) {
        if ((n->trap_classes & ~cls) || n->trap_reset_pending) {
            drop_all(n);
            n->trap_ninval = 0;           /* no hooks left to translate in */
            n->trap_flush_all = false;
        }
        n->trap_classes = cls;
        n->trap_reset_pending = false;
        /* Every block is scanned again when next seen. */
        memset(n->tbc, 0xFF, TBC_SIZE * sizeof *n->tbc);
    }
    for (int i = 0; i < n->trap_npending; i++) {
        trap_site_t *s = n->trap_pending[i];
        if (uc_hook_add(uc, &s->hook, UC_HOOK_CODE, (void *)on_trap_site, s, s->pc,
                        s->pc) != UC_ERR_OK)
            s->hook = 0;
        else
            n->trap_hooks_added++;
    }
    n->trap_npending = 0;
    if (n->trap_flush_all)
        uc_ctl_flush_tb(uc);
    else
        for (int i = 0; i < n->trap_ninval; i++)
            uc_ctl_remove_cache(uc, n->trap_inval[i].lo, n->trap_inval[i].hi);
    n->trap_ninval = 0;
    n->trap_flush_all = false;
    n->trap_bits = 0;
}

void node_trap_raise(node_t *n)
{
    uint32_t bits = n->trap_bits, pc = n->trap_pc;
    n->trap_bits = 0;
    cortexm_set(&n->cpu, UC_ARM_REG_PC, pc | 1u);
    /* The block hook counted the whole block: take back what did not run. */
    if (n->last_block_end != UINT64_MAX && pc < n->last_block_end &&
        n->last_block_end - pc < 0x10000) {
        uint16_t left = node_count_thumb(n, pc, (uint32_t)(n->last_block_end - pc));
        if (left <= n->cycles && left <= n->instructions) {
            n->cycles -= left;
            n->instructions -= left;
        }
    }
    n->trap_count++;
    observers_guest_log(&n->obs, n->cycles, "cpu: guest error: %s (pc 0x%08x)",
                        bits == CFSR_DIVBYZERO ? "divide by zero" :
                        bits == CFSR_UNALIGNED ? "unaligned access" : "coprocessor access denied",
                        pc);
    cortexm_fault(&n->cpu, EXC_USAGEFAULT, bits);
}

int node_trap_init(node_t *n)
{
    n->trap_sites = malloc(TRAP_TABLE * sizeof *n->trap_sites);
    if (!n->trap_sites)
        return -1;
    for (uint32_t i = 0; i < TRAP_TABLE; i++) {
        n->trap_sites[i].pc = EMPTY_PC;
        n->trap_sites[i].hook = 0;
    }
    n->trap_classes = K_ALIGN | K_CP;      /* reset: CCR traps off, CPACR denies */
    return 0;
}

void node_trap_destroy(node_t *n)
{
    free(n->trap_sites);
    n->trap_sites = NULL;
}
