/*
 * node_mem.c - memory protection for a node: the MPU (peripherals/mpu.h),
 * the System Control Space's privilege rule and the memory map, enforced
 * through Unicorn's TLB with no per-access hook on the normal path.
 *
 * Normal path: Unicorn runs in UC_TLB_VIRTUAL mode and asks on_tlb_fill
 * once per 1 KiB page and MMU index (Unicorn's Cortex-M MMU index already
 * separates privileged from unprivileged code, so privilege changes need
 * no flush). The fill grants the permissions every byte of the page has:
 * map (flash RX, RAM RWX, devices RW, nothing unmapped) AND the MPU
 * (mpu_page; for a page a region or subregion boundary cuts, the
 * intersection) AND, for unprivileged code, nothing in the SCS. The TLB is
 * flushed when MPU registers are written (as QEMU does; the guest's
 * DSB/ISB makes the change architecturally visible) and when the
 * execution priority crosses 0 (HFNMIENA, which the MMU index misses).
 *
 * Slow path, taken only when the fill refuses an access: Unicorn stops
 * with the precise PC of the instruction (cpu_loop_exit_restore). A
 * refused fetch is decided here (MemManage IACCVIOL, BusFault IBUSERR, or
 * allowed). Any other refusal goes the quick way when the instruction is
 * a load/store this file decodes (LDR/STR all sizes and addressing modes,
 * LDRD/STRD, LDM/STM, PUSH/POP; not exclusives, LDRT/STRT, TBB/TBH, FP):
 * every access it will make is computed from the registers and decided
 * byte-exactly in execution order (mpu_check on its first and last byte,
 * as the hooked step does). A denied one raises MemManage DACCVIOL +
 * MMARVALID with nothing executed; all allowed (and all plain RAM/flash)
 * runs that one instruction with every page open, stopped by uc_emu_start's
 * `until` = the next instruction (the cached block from pc is dropped
 * first, or it would run past `until`; Unicorn drops the blocks around
 * `until` after the run) or, if it branches, by the block hook. No hook is
 * added, so nothing else is re-translated: ~10-20 us per access.
 * Everything else re-runs the instruction with a memory hook that checks
 * each access byte-exactly (mpu_check, SCS rule) and logs the old bytes
 * of every RAM write. A denied access stops the step; the writes are
 * undone, the registers restored (uc_context) and MemManage
 * DACCVIOL+MMARVALID (MMFAR) or BusFault PRECISERR+BFARVALID (BFAR) is
 * raised with that instruction's PC. Adding and deleting that hook makes
 * Unicorn re-translate all code (~5 ms per step).
 *
 * Hot cut pages: a cut page whose allowed accesses have cost
 * NODE_HOT_STEPS precise steps (a quick step counts 1, a hooked one
 * NODE_HOT_HOOKED) becomes page-exact for the rest of the run: the fill
 * grants it the union of its pieces' permissions (logged once). Tock's
 * app break rarely falls on a 1 KiB boundary, so a process's data and
 * heap usually share a page with no-access memory above the break; a
 * loop over data there would run at ~0.1 MIPS on quick steps (cpu_bench:
 * 9 M of them) against ~500 MIPS page-exact. Faults inside such a page are
 * then missed, faults anywhere else stay byte-exact. Quick steps also
 * drop all translated code every QS_FLUSH_EVERY steps: with this many
 * re-translations Unicorn 2.1.1 crashed (tb_set_jmp_target, after ~1 M
 * steps; measured) when its code buffer filled up during a run.
 *
 * Not modelled: device reads inside a denied step may have happened before
 * the denial was seen when one instruction touches several devices
 * (LDM over a peripheral); FAULTMASK set by guest code (cpsid f) between
 * exceptions does not flush the TLB.
 */
#include <stdio.h>
#include <string.h>

#include "node_priv.h"

#define PAGE 1024u
#define NODE_HOT_HOOKED (NODE_HOT_STEPS / 256u)  /* a hooked step costs ~250x */
#define STIR_ADDR 0xE000EF00u
#define CCR_USERSETMPEND (1u << 1)

/* Permissions of the memory map alone (UC_PROT_* == MPU_R/W/X). */
static unsigned map_perms(const node_t *n, uint32_t page)
{
    const board_t *b = n->board;
    const board_mem_t *m = board_mem_at(b, page, PAGE);
    if (m)
        return m->guest_writable ? (MPU_R | MPU_W | MPU_X) : (MPU_R | MPU_X);
    if (page >= SCS_BASE && page < SCS_BASE + SCS_SIZE)
        return MPU_R | MPU_W;
    for (int i = 0; i < b->periph_count; i++)
        if (page >= b->periph[i].base && page - b->periph[i].base < b->periph[i].size)
            return MPU_R | MPU_W;
    return 0;
}

static bool in_scs(uint32_t a)
{
    return a >= SCS_BASE && a - SCS_BASE < SCS_SIZE;
}

/* Hot cut pages (see the file comment). */
static hot_page_t *hot_slot(node_t *n, uint32_t page)
{
    return &n->hot[(page / PAGE) % NODE_HOT_PAGES];
}

/* Union of the MPU permissions over the page (32-byte granules: the
 * smallest subregion). */
static unsigned page_union(const node_t *n, uint32_t page, mpu_ctx_t ctx)
{
    unsigned u = 0;
    for (uint32_t off = 0; off < PAGE; off += 32)
        u |= mpu_perms(&n->scs.mpu, page + off, ctx);
    return u;
}

static unsigned need_of(uc_mem_type type)
{
    return type == UC_MEM_FETCH ? MPU_X : type == UC_MEM_WRITE ? MPU_W : MPU_R;
}

static bool on_tlb_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *e,
                        void *ud)
{
    node_t *n = ud;
    uint32_t page = (uint32_t)vaddr;
    unsigned perms, mpu_perms;
    mpu_ctx_t ctx;

    e->paddr = vaddr;
    if (n->stepping) {
        /* Everything open: the step's hooks decide each access, Unicorn's
         * own map reports unmapped and read-only memory. */
        e->perms = UC_PROT_ALL;
        return true;
    }
    if (type == UC_MEM_FETCH && page == (NODE_NO_UNTIL & ~(PAGE - 1))) {
        e->perms = UC_PROT_EXEC;          /* Unicorn looking at `until`, not the guest */
        n->tlb_dirty = true;
        return true;
    }
    ctx = cortexm_mpu_ctx(&n->cpu);
    perms = map_perms(n, page);
    if (!mpu_page(&n->scs.mpu, page, PAGE, ctx, &mpu_perms)) {
        hot_page_t *h = hot_slot(n, page);
        if (h->page == page && h->steps >= NODE_HOT_STEPS)
            mpu_perms = page_union(n, page, ctx);   /* page-exact from here on */
    }
    perms &= mpu_perms;
    if (!ctx.privileged && in_scs(page))
        perms = 0;
    e->perms = (int)perms;
    if (!(perms & need_of(type))) {
        n->tlb_fault = true;
        n->tlb_fault_type = type;
        n->tlb_fault_page = page;
        return false;
    }
    return true;
}

/* One access of a step: allowed, or the fault it raises (step_fault). */
static void step_decide(node_t *n, uint32_t addr, int size, bool write)
{
    unsigned acc = write ? MPU_W : MPU_R;
    uint32_t last = addr + (uint32_t)(size > 0 ? size - 1 : 0);
    const mpu_t *mpu = &n->scs.mpu;

    if (n->step_fault)
        return;
    if (!mpu_check(mpu, addr, acc, n->step_ctx)) {
        n->step_fault = STEP_FAULT_MPU;
        n->step_addr = addr;
    } else if (!mpu_check(mpu, last, acc, n->step_ctx)) {
        n->step_fault = STEP_FAULT_MPU;
        n->step_addr = last & ~3u;      /* the aligned beat that faults */
    } else if (!n->step_ctx.privileged && in_scs(addr) &&
               !(write && addr == STIR_ADDR && (n->scs.scb.ccr & CCR_USERSETMPEND))) {
        n->step_fault = STEP_FAULT_BUS;
        n->step_addr = addr;
    }
    if (n->step_fault)
        n->step_write = write;
}

/* One access inside a step: a denied one stops it. */
static void step_check(node_t *n, uint32_t addr, int size, bool write)
{
    if (n->step_fault)
        return;
    step_decide(n, addr, size, write);
    if (n->step_fault)
        node_stop_emu(n);
}

static void on_step_access(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                           int64_t value, void *ud)
{
    node_t *n = ud;
    bool write = type == UC_MEM_WRITE;
    uint32_t a = (uint32_t)addr;

    if (write && n->step_nlog < STEP_LOG_MAX && size > 0 && size <= 8 &&
        board_mem_at(n->board, a, (uint32_t)size)) {
        step_log_t *l = &n->step_log[n->step_nlog++];
        l->addr = a;
        l->size = (uint8_t)size;
        uc_mem_read(uc, a, l->old, (size_t)size);
    }
    step_check(n, a, size, write);
}

bool node_mem_step_denied(const node_t *n)
{
    return n->stepping && n->step_fault != STEP_FAULT_NONE;
}

void node_mem_step_invalid(node_t *n, uc_mem_type type, uint32_t addr, int size)
{
    bool write = type == UC_MEM_WRITE_UNMAPPED || type == UC_MEM_WRITE_PROT;
    step_check(n, addr, size, write);      /* the MPU comes before the bus */
    if (!n->step_fault) {
        n->step_fault = STEP_FAULT_BUS;
        n->step_addr = addr;
        n->step_write = write;
    }
}

static void raise_data_fault(node_t *n, int kind, uint32_t addr, uint32_t pc, bool write)
{
    scb_t *scb = &n->scs.scb;
    observers_guest_log(&n->obs, n->cycles, "cpu: guest error: %s %s 0x%08x (pc 0x%08x)",
                        kind == STEP_FAULT_MPU ? "MPU: denied" : "bus fault:",
                        write ? "write to" : "read from", addr, pc);
    if (kind == STEP_FAULT_MPU) {
        scb->mmfar = addr;
        cortexm_fault(&n->cpu, EXC_MEMMANAGE, CFSR_DACCVIOL | CFSR_MMARVALID);
    } else {
        scb->bfar = addr;
        cortexm_fault(&n->cpu, EXC_BUSFAULT, CFSR_PRECISERR | CFSR_BFARVALID);
    }
}

/* Ends the step before the next instruction of the step's block (the
 * block hook ends it at the next block). */
static void on_step_code(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    node_t *n = ud;
    if ((uint32_t)addr != n->step_pc)
        node_stop_emu(n);
}

/* Counts precise-path steps per cut page, weighted by their cost (a
 * quick step 1, a hooked one NODE_HOT_HOOKED); reaching NODE_HOT_STEPS
 * makes the page page-exact for the rest of the run (logged once per
 * page). */
static void count_step(node_t *n, uint32_t page, uint32_t weight)
{
    hot_page_t *h = hot_slot(n, page);
    if (h->page != page) {
        h->page = page;
        h->steps = 0;
    }
    if (n->mpu_exact)
        return;                             /* exact (default; not --mpu-fast) */
    if (h->steps < NODE_HOT_STEPS && (h->steps += weight) >= NODE_HOT_STEPS) {
        n->hot_pages++;
        observers_guest_log(&n->obs, n->cycles,
                            "cpu: MPU: page 0x%08x is cut by a region boundary and hot "
                            "(%u precise steps): checked per 1 KiB page from now on",
                            page, h->steps);
        /* Blocks translated for the steps carry the memory hook's slow
         * path (~50 MIPS): the run loop drops them once Unicorn has
         * forgotten the deleted hooks (at the end of the next slice). */
        n->tb_flush_pending = 2;
    }
}

/* After a step's uc_emu_start: an error that is no memory problem goes
 * back to the normal path, a denied access is undone and raised, an
 * allowed instruction is counted. Returns true when it completed. */
static bool step_finish(node_t *n, uint32_t pc, uc_err err)
{
    uc_engine *uc = n->cpu.uc;
    n->stepping = false;
    uc_ctl_flush_tlb(uc);
    if (!n->step_fault && err != UC_ERR_OK && n->intr < 0 && !n->mem_fault) {
        /* Not a memory problem after all (e.g. undefined instruction):
         * leave it to the normal path, which will see it again. */
        uc_context_restore(uc, n->step_regs);
        n->step_retry_err = err;
        return false;
    }
    if (n->step_fault) {
        for (int i = n->step_nlog - 1; i >= 0; i--)
            uc_mem_write(uc, n->step_log[i].addr, n->step_log[i].old, n->step_log[i].size);
        uc_context_restore(uc, n->step_regs);
        n->intr = -1;
        raise_data_fault(n, n->step_fault, n->step_addr, pc, n->step_write);
        return false;
    }
    n->cycles++;
    n->instructions++;
    n->precise_steps++;
    return true;
}

static void step_begin(node_t *n, uint32_t pc)
{
    n->step_ctx = cortexm_mpu_ctx(&n->cpu);
    uc_context_save(n->cpu.uc, n->step_regs);
    n->stepping = true;
    n->step_pc = pc;
    n->step_blocks = 0;
    n->step_fault = STEP_FAULT_NONE;
    n->step_nlog = 0;
    n->mem_fault = false;
    n->intr = -1;
}

/* Runs the instruction at pc alone under the access checks. Not with
 * uc_emu_start's count: removing its hook afterwards flushes all
 * translated code. A code hook bounded to this instruction and the next,
 * plus the block hook, stop it after one instruction instead. Adding and
 * deleting the hooks still makes Unicorn re-translate everything (~5 ms):
 * only for instructions quick_step does not know. */
static void step_one(node_t *n, uint32_t pc)
{
    uc_engine *uc = n->cpu.uc;
    uc_hook hm, hc;
    uc_err err;

    step_begin(n, pc);
    if (uc_hook_add(uc, &hm, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)on_step_access, n,
                    1, 0) != UC_ERR_OK ||
        uc_hook_add(uc, &hc, UC_HOOK_CODE, (void *)on_step_code, n, pc, pc + 4) != UC_ERR_OK) {
        n->stepping = false;
        n->error = true;
        snprintf(n->errmsg, sizeof n->errmsg, "cannot hook the precise access path");
        return;
    }
    /* Code translated before the hooks existed would not call them:
     * translate from this instruction again. */
    uc_ctl_remove_cache(uc, pc, pc + 2);
    err = uc_emu_start(uc, pc | 1u, NODE_NO_UNTIL, 0, 0);
    uc_hook_del(uc, hm);
    uc_hook_del(uc, hc);
    if (step_finish(n, pc, err) && n->tlb_fault_type != UC_MEM_FETCH)
        count_step(n, n->tlb_fault_page, NODE_HOT_HOOKED);
}

/* ---- quick precise path: decode, check, run one instruction ---- */

#define QS_MAX 16
#define QS_FLUSH_EVERY 65536u
typedef struct qs_access {
    uint32_t addr;
    uint8_t size;
    bool write;
} qs_access_t;

static uint32_t qs_reg(node_t *n, unsigned r, uint32_t pc)
{
    if (r == 15)
        return pc + 4;
    if (r == 13)
        return cortexm_get(&n->cpu, UC_ARM_REG_SP);
    if (r == 14)
        return cortexm_get(&n->cpu, UC_ARM_REG_LR);
    return cortexm_get(&n->cpu, UC_ARM_REG_R0 + (int)r);
}

/* count word accesses from base upwards (LDM/STM/PUSH/POP: QEMU goes
 * through the registers in ascending address order). */
static int qs_multi(qs_access_t *a, uint32_t base, int count, bool write)
{
    if (count < 1 || count > QS_MAX)
        return -1;
    for (int i = 0; i < count; i++)
        a[i] = (qs_access_t){ base + 4u * (unsigned)i, 4, write };
    return count;
}

/* The data accesses of the Thumb load/store at pc from the current
 * registers, in the order Unicorn makes them; *len = 2 or 4. Returns their
 * number, or -1 for anything else (exclusives, table branches, LDRT/STRT,
 * hints, FP loads/stores, unpredictable forms): the caller steps those. */
static int qs_decode(node_t *n, uint32_t pc, qs_access_t *a, unsigned *len)
{
    uint16_t hw[2] = { 0, 0 };
    uint32_t hw1, hw2;

    if (uc_mem_read(n->cpu.uc, pc, &hw[0], 2) != UC_ERR_OK)
        return -1;
    hw1 = hw[0];
    if ((hw1 >> 11) < 0x1D) {
        unsigned rn = (hw1 >> 3) & 7, imm5 = (hw1 >> 6) & 31;
        bool l = (hw1 >> 11) & 1;
        *len = 2;
        if ((hw1 & 0xF000) == 0x5000) {               /* register offset */
            static const uint8_t sz[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
            unsigned op = (hw1 >> 9) & 7;
            a[0] = (qs_access_t){ qs_reg(n, rn, pc) + qs_reg(n, imm5 & 7, pc), sz[op], op < 3 };
            return 1;
        }
        if ((hw1 & 0xE000) == 0x6000) {               /* STR/LDR(B) imm5 */
            uint8_t size = (hw1 & 0x1000) ? 1 : 4;
            a[0] = (qs_access_t){ qs_reg(n, rn, pc) + imm5 * size, size, !l };
            return 1;
        }
        if ((hw1 & 0xF000) == 0x8000) {               /* STRH/LDRH imm5 */
            a[0] = (qs_access_t){ qs_reg(n, rn, pc) + imm5 * 2, 2, !l };
            return 1;
        }
        if ((hw1 & 0xF000) == 0x9000) {               /* SP-relative */
            a[0] = (qs_access_t){ qs_reg(n, 13, pc) + (hw1 & 0xFF) * 4, 4, !l };
            return 1;
        }
        if ((hw1 & 0xF800) == 0x4800) {               /* LDR literal */
            a[0] = (qs_access_t){ ((pc + 4) & ~3u) + (hw1 & 0xFF) * 4, 4, false };
            return 1;
        }
        if ((hw1 & 0xFE00) == 0xB400) {               /* PUSH */
            int c = __builtin_popcount(hw1 & 0x1FF);
            return qs_multi(a, qs_reg(n, 13, pc) - 4u * (unsigned)c, c, true);
        }
        if ((hw1 & 0xFE00) == 0xBC00)                 /* POP */
            return qs_multi(a, qs_reg(n, 13, pc), __builtin_popcount(hw1 & 0x1FF), false);
        if ((hw1 & 0xF000) == 0xC000)                 /* STMIA/LDMIA */
            return qs_multi(a, qs_reg(n, (hw1 >> 8) & 7, pc), __builtin_popcount(hw1 & 0xFF), !l);
        return -1;
    }
    if (uc_mem_read(n->cpu.uc, pc + 2, &hw[1], 2) != UC_ERR_OK)
        return -1;
    hw2 = hw[1];
    *len = 4;
    unsigned rn = hw1 & 15;
    bool l = (hw1 >> 4) & 1;
    if ((hw1 & 0xFE00) == 0xF800) {                   /* load/store single */
        unsigned sz = (hw1 >> 5) & 3, rt = hw2 >> 12;
        bool sign = (hw1 >> 8) & 1, imm12 = (hw1 >> 7) & 1;
        uint32_t addr;
        if (sz == 3 || (sign && !l) || (l && rt == 15 && sz != 2))
            return -1;                                /* undefined, PLD/PLI */
        if (rn == 15) {
            uint32_t base = (pc + 4) & ~3u;
            if (!l)
                return -1;
            addr = imm12 ? base + (hw2 & 0xFFF) : base - (hw2 & 0xFFF);
        } else if (imm12) {
            addr = qs_reg(n, rn, pc) + (hw2 & 0xFFF);
        } else if ((hw2 & 0x0FC0) == 0) {
            addr = qs_reg(n, rn, pc) + (qs_reg(n, hw2 & 15, pc) << ((hw2 >> 4) & 3));
        } else if ((hw2 & 0x0800) && (hw2 & 0x0F00) != 0x0E00 && (hw2 & 0x0500)) {
            uint32_t base = qs_reg(n, rn, pc), imm = hw2 & 0xFF;
            uint32_t off = (hw2 & 0x0200) ? base + imm : base - imm;
            addr = (hw2 & 0x0400) ? off : base;
        } else {
            return -1;                                /* LDRT/STRT, undefined */
        }
        a[0] = (qs_access_t){ addr, (uint8_t)(1u << sz), !l };
        return 1;
    }
    if ((hw1 & 0xFE40) == 0xE840) {                   /* LDRD/STRD, exclusives, TBB */
        bool p = (hw1 >> 8) & 1, u = (hw1 >> 7) & 1, w = (hw1 >> 5) & 1;
        uint32_t base, off, addr;
        if (!p && !w)
            return -1;
        if (rn == 15 && (!l || w))
            return -1;
        base = rn == 15 ? (pc + 4) & ~3u : qs_reg(n, rn, pc);
        off = u ? base + (hw2 & 0xFF) * 4 : base - (hw2 & 0xFF) * 4;
        addr = p ? off : base;
        a[0] = (qs_access_t){ addr, 4, !l };
        a[1] = (qs_access_t){ addr + 4, 4, !l };
        return 2;
    }
    if ((hw1 & 0xFE40) == 0xE800) {                   /* LDM/STM (IA, DB) */
        unsigned op = (hw1 >> 7) & 3;
        int c = __builtin_popcount(hw2);
        uint32_t base = qs_reg(n, rn, pc);
        if (op == 1)
            return qs_multi(a, base, c, !l);
        if (op == 2)
            return qs_multi(a, base - 4u * (unsigned)c, c, !l);
    }
    return -1;
}

/* The quick precise path (no hooks added, nothing re-translated beyond
 * the blocks around pc): decode the load/store at pc, decide each of its
 * accesses byte-exactly (as step_check would, in the same order); a denied
 * one raises the fault without running anything, all allowed runs the one
 * instruction with every page open, stopped by `until` = the next
 * instruction (Unicorn drops the translated block that holds `until`, so
 * it takes effect inside a cached block) or, when it branches, by the
 * block hook at the next block. False: not a plain load/store to RAM or
 * flash, use step_one. */
static bool quick_step(node_t *n, uint32_t pc)
{
    qs_access_t a[QS_MAX] = { { 0, 0, false } };
    unsigned len = 2;
    int na = qs_decode(n, pc, a, &len);
    uc_err err;

    if (na < 0)
        return false;
    n->step_ctx = cortexm_mpu_ctx(&n->cpu);
    n->step_fault = STEP_FAULT_NONE;
    for (int i = 0; i < na; i++) {
        const board_mem_t *m;
        step_decide(n, a[i].addr, a[i].size, a[i].write);
        if (n->step_fault) {
            raise_data_fault(n, n->step_fault, n->step_addr, pc, n->step_write);
            n->step_fault = STEP_FAULT_NONE;
            return true;
        }
        m = board_mem_at(n->board, a[i].addr, a[i].size);
        if (!m || (a[i].write && !m->guest_writable))
            return false;                 /* devices, bus faults: the hooked step */
    }
    step_begin(n, pc);
    /* A cached block from pc would run past `until` (Unicorn only drops
     * the blocks around the last run's exits, after that run). */
    uc_ctl_remove_cache(n->cpu.uc, pc, pc + len);
    err = uc_emu_start(n->cpu.uc, pc | 1u, pc + len, 0, 0);
    if (step_finish(n, pc, err)) {
        n->quick_steps++;
        if (n->tlb_fault_type != UC_MEM_FETCH)
            count_step(n, n->tlb_fault_page, 1);
        if (n->quick_steps % QS_FLUSH_EVERY == 0)
            uc_ctl_flush_tb(n->cpu.uc);
    }
    return true;
}

/* Is a fetch of the halfword at addr allowed? 0, or the fault's status. */
static int fetch_fault(node_t *n, uint32_t addr, mpu_ctx_t ctx)
{
    if (!mpu_check(&n->scs.mpu, addr, MPU_X, ctx))
        return EXC_MEMMANAGE;
    if (!board_mem_at(n->board, addr, 2))
        return EXC_BUSFAULT;
    return 0;
}

void node_mem_slow_path(node_t *n, uint32_t pc)
{
    n->tlb_fault = false;
    n->step_retry_err = UC_ERR_OK;
    if (n->tlb_fault_type == UC_MEM_FETCH) {
        mpu_ctx_t ctx = cortexm_mpu_ctx(&n->cpu);
        uint16_t hw = 0;
        int exc = fetch_fault(n, pc, ctx);
        if (!exc && uc_mem_read(n->cpu.uc, pc, &hw, 2) == UC_ERR_OK && (hw >> 11) >= 0x1D)
            exc = fetch_fault(n, pc + 2, ctx);       /* 32-bit: second halfword */
        if (exc) {
            observers_guest_log(&n->obs, n->cycles,
                                "cpu: guest error: %s instruction fetch at 0x%08x",
                                exc == EXC_MEMMANAGE ? "MPU/execute-never: denied" :
                                "bus fault:", pc);
            cortexm_fault(&n->cpu, exc, exc == EXC_MEMMANAGE ? CFSR_IACCVIOL : CFSR_IBUSERR);
            return;
        }
    }
    if (!quick_step(n, pc))
        step_one(n, pc);
}

void node_mem_mpu_changed(node_t *n)
{
    uc_ctl_flush_tlb(n->cpu.uc);
}

int node_mem_init(node_t *n, const char **err)
{
    uc_engine *uc = n->cpu.uc;
    uc_hook h;
    if (uc_ctl_tlb_mode(uc, UC_TLB_VIRTUAL) != UC_ERR_OK ||
        uc_hook_add(uc, &h, UC_HOOK_TLB_FILL, (void *)on_tlb_fill, n, 1, 0) != UC_ERR_OK) {
        *err = "Unicorn lacks the virtual TLB (needs 2.1)";
        return -1;
    }
    memset(n->hot, 0xFF, sizeof n->hot);
    if (uc_context_alloc(uc, &n->step_regs) != UC_ERR_OK) {
        *err = "out of memory";
        return -1;
    }
    return 0;
}

void node_mem_destroy(node_t *n)
{
    if (n->step_regs)
        uc_context_free(n->step_regs);
    n->step_regs = NULL;
}
