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
 * a load/store node_step.c decodes (LDR/STR all sizes and addressing
 * modes, LDRD/STRD, LDM/STM, PUSH/POP; not exclusives, LDRT/STRT,
 * TBB/TBH, FP): every access it will make is computed from the registers
 * and decided byte-exactly in execution order (mpu_check on its first and
 * last byte, as the hooked step does). A denied one raises MemManage
 * DACCVIOL + MMARVALID with nothing executed. All allowed (and all plain
 * RAM/flash): node_step.c executes it in C (unprivileged code, the forms
 * it covers: nothing translated, the TLB untouched, ~1 us per
 * access), or it runs alone on Unicorn with every page open (run_one:
 * two blocks translated per access, never reused). Everything else
 * re-runs the instruction with a memory hook that checks each access
 * byte-exactly (mpu_check, SCS rule) and logs the old bytes of every RAM
 * write. A denied access stops the step; the writes are undone, the
 * registers restored (uc_context) and MemManage DACCVIOL+MMARVALID
 * (MMFAR) or BusFault PRECISERR+BFARVALID (BFAR) is raised with that
 * instruction's PC. Adding and deleting that hook makes Unicorn
 * re-translate all code (~5 ms per step).
 *
 * Counting: the block hook counted the refused instruction's whole block
 * at its start; the run loop takes back the instructions from the refused
 * one on (node_run.c), the step counts 1, and the rest of the block
 * counts again when it runs (without a second deadline check, see
 * continue_block). Instruction counts and event times are thus the same as
 * when the page is open (--mpu-fast once it is hot).
 *
 * Hot cut pages (--mpu-fast only): a cut page whose allowed accesses have
 * cost NODE_HOT_STEPS precise steps (a quick step counts 1, a hooked one
 * NODE_HOT_HOOKED) becomes page-exact for the rest of the run: the fill
 * grants it the union of its pieces' permissions (logged once). Tock's
 * app break rarely falls on a 1 KiB boundary, so a process's data and
 * heap usually share a page with no-access memory above the break.
 * Faults inside such a page are then missed, faults anywhere else stay
 * byte-exact.
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
        /* Unicorn looking at `until` after each run, not the guest (a
         * refusal would turn into uc_emu_start's error). The entry stays:
         * flushing the TLB after every run cost more than the run itself
         * in short slices; a guest fetch there meets unmapped memory and
         * is decided by node_mem_fetch_error. */
        e->perms = UC_PROT_EXEC;
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
        n->tlb_fault_ctx = ctx;
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

/* After a completed step: if the CPU is back in the block the refusal
 * interrupted, the block hook treats the rest as that block's (no
 * deadline check there), so events fall on the same instruction as
 * when the whole block runs at once (--mpu-fast, a hot page). */
static void continue_block(node_t *n, uint32_t pc, unsigned len)
{
    uint32_t next = cortexm_get(&n->cpu, UC_ARM_REG_PC) & ~1u;
    if (next == pc + len && next > n->last_block_pc && next < n->last_block_end)
        n->cont_pc = next;
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
    if (step_finish(n, pc, err)) {
        uint16_t hw = 0;
        uc_mem_read(uc, pc, &hw, 2);
        if (n->tlb_fault_type != UC_MEM_FETCH)
            count_step(n, n->tlb_fault_page, NODE_HOT_HOOKED);
        continue_block(n, pc, (hw >> 11) >= 0x1D ? 4 : 2);
    }
}

/* ---- quick precise path: decode, check, then execute or run one ---- */

/* Runs the instruction at pc (len bytes) alone on Unicorn with every page
 * open, stopped by uc_emu_start's `until` = the next instruction or, when
 * it branches, by the block hook at the next block. The cached block
 * holding pc is dropped first (it would run past `until`), and Unicorn
 * drops the block it translated for `until` after the run: two blocks
 * translated per call, never reused. Only for what node_step.c leaves to
 * Unicorn. */
static bool run_one(node_t *n, uint32_t pc, unsigned len)
{
    uc_err err;
    step_begin(n, pc);
    uc_ctl_remove_cache(n->cpu.uc, pc, pc + len);
    err = uc_emu_start(n->cpu.uc, pc | 1u, pc + len, 0, 0);
    return step_finish(n, pc, err);
}

/* The quick precise path: decode the load/store at pc (node_step.c) and
 * decide each of its accesses byte-exactly, in execution order (as
 * step_check would); a denied one raises the fault with nothing run.
 * When all are allowed and touch only RAM/flash, node_step.c executes
 * unprivileged instructions it can (nothing translated, TLB untouched);
 * the rest run alone on Unicorn (run_one). Privileged code always runs
 * on Unicorn so that other memory hooks (--check-capsules) see it.
 * False: not a load/store of plain memory, use the hooked step. */
static bool quick_step(node_t *n, uint32_t pc)
{
    ls_insn_t in;

    if (node_step_decode(n, pc, &in) < 0)
        return false;
    n->step_ctx = n->tlb_fault_ctx;     /* unchanged since the refusal */
    n->step_fault = STEP_FAULT_NONE;
    for (int i = 0; i < in.naccess; i++) {
        const board_mem_t *m;
        step_decide(n, in.acc[i].addr, in.acc[i].size, in.acc[i].write);
        if (n->step_fault) {
            raise_data_fault(n, n->step_fault, n->step_addr, pc, n->step_write);
            n->step_fault = STEP_FAULT_NONE;
            return true;
        }
        m = board_mem_at(n->board, in.acc[i].addr, in.acc[i].size);
        if (!m || (in.acc[i].write && !m->guest_writable))
            return false;                 /* devices, bus faults: the hooked step */
    }
    if (in.emulable && !n->step_ctx.privileged) {
        node_step_execute(n, pc, &in);
        n->cycles++;
        n->instructions++;
        n->precise_steps++;
        n->emulated_steps++;
    } else if (!run_one(n, pc, in.len)) {
        return true;
    }
    n->quick_steps++;
    if (n->tlb_fault_type != UC_MEM_FETCH)
        count_step(n, n->tlb_fault_page, 1);
    continue_block(n, pc, in.len);
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

static void raise_fetch_fault(node_t *n, int exc, uint32_t addr)
{
    observers_guest_log(&n->obs, n->cycles, "cpu: guest error: %s instruction fetch at 0x%08x",
                        exc == EXC_MEMMANAGE ? "MPU/execute-never: denied" : "bus fault:", addr);
    cortexm_fault(&n->cpu, exc, exc == EXC_MEMMANAGE ? CFSR_IACCVIOL : CFSR_IBUSERR);
}

void node_mem_slow_path(node_t *n, uint32_t pc)
{
    n->tlb_fault = false;
    n->step_retry_err = UC_ERR_OK;
    if (n->tlb_fault_type == UC_MEM_FETCH) {
        mpu_ctx_t ctx = n->tlb_fault_ctx;
        uint16_t hw = 0;
        int exc = fetch_fault(n, pc, ctx);
        if (!exc && uc_mem_read(n->cpu.uc, pc, &hw, 2) == UC_ERR_OK && (hw >> 11) >= 0x1D)
            exc = fetch_fault(n, pc + 2, ctx);       /* 32-bit: second halfword */
        if (exc) {
            raise_fetch_fault(n, exc, pc);
            return;
        }
    }
    if (!quick_step(n, pc))
        step_one(n, pc);
}

void node_mem_fetch_error(node_t *n, uint32_t addr)
{
    int exc = fetch_fault(n, addr, cortexm_mpu_ctx(&n->cpu));
    raise_fetch_fault(n, exc ? exc : EXC_BUSFAULT, addr);
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
