/*
 * node.c - one simulated board: Unicorn CPU + memory map + System Control
 * Space + peripheral models + event queue, run in virtual time.
 *
 * Time: one executed instruction = one cycle. A UC_HOOK_BLOCK hook adds
 * each translated block's instruction count (looked up once per block with
 * UC_CTL_TB_REQUEST_CACHE, then cached) and stops the CPU at the first
 * block boundary at or after the deadline = min(next event, run limit).
 * There is no per-instruction hook and no memory read/write hook: MMIO goes
 * through uc_mmio_map callbacks, protection faults through the invalid-
 * access hook, which costs nothing until it fires.
 *
 * Exceptions: SVC and EXC_RETURN arrive as UC_HOOK_INTR (2 and 8); the hook
 * only records them and stops, the run loop does the work (cortexm.c). An
 * interrupt pended during an MMIO access stops the CPU at the end of the
 * block. One pended while masked by PRIMASK/BASEPRI arms a check in the
 * block hook (reads of the mask registers, only while armed) that stops
 * the CPU once the guest unmasks it (`cpsie i` has no hook of its own).
 *
 * Sleep: `wfi` returns from uc_emu_start with PC just after it; with
 * nothing to wake for, the clock jumps to the next event and the skipped
 * cycles count as sleep or deep sleep (SCR.SLEEPDEEP).
 *
 * UsageFaults Unicorn lacks (DIVBYZERO, UNALIGNED, NOCP) come from code
 * hooks bounded to the candidate instructions of each newly seen block
 * (node_trap.c, called from the block-size cache fill).
 *
 * Not modelled: instruction timings, bus wait states, `wfe` (a no-op, as
 * is `yield`), SLEEPONEXIT, event/interrupt latency below one block.
 */
#include "node.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "cortexm.h"
#include "node_debug.h"
#include "node_priv.h"

/* ---- periph_host_t for the models ---- */

void node_halt_emu(node_t *n)
{
    /* Only the deadline: the block hook stops at the next block boundary.
     * uc_emu_stop() inside an MMIO callback would abandon the rest of the
     * block with PC left at its start (measured), re-running the access. */
    n->deadline = 0;
}

void node_stop_emu(node_t *n)
{
    n->stop_called = true;
    uc_emu_stop(n->cpu.uc);
}

static uint64_t host_now(void *opaque)
{
    return ((node_t *)opaque)->cycles;
}

static void host_set_irq(void *opaque, int irq, bool level)
{
    nvic_set_level(&((node_t *)opaque)->scs.nvic, irq, level);
}

static void host_guest_exit(void *opaque, int status)
{
    node_t *n = opaque;
    n->exited = true;
    n->exit_status = status;
    node_halt_emu(n);
}

/* DMA of a model (bus master): memory regions only, no MMIO, no MPU; a
 * write needs a region the guest may write (not flash). */
static int host_mem_read(void *opaque, uint32_t addr, void *buf, uint32_t len)
{
    node_t *n = opaque;
    if (len && !board_mem_at(n->board, addr, len))
        return -1;
    return node_read_mem(n, addr, buf, len);
}

static int host_mem_write(void *opaque, uint32_t addr, const void *buf, uint32_t len)
{
    node_t *n = opaque;
    const board_mem_t *m = board_mem_at(n->board, addr, len);
    if (len && (!m || !m->guest_writable))
        return -1;
    return node_write_mem(n, addr, buf, len);
}

/* NVIC: something became pending; the run loop decides whether it is taken. */
static void on_pend(void *ctx)
{
    node_halt_emu(ctx);
}

static void on_reset_request(void *ctx)
{
    node_t *n = ctx;
    observers_guest_log(&n->obs, n->cycles, "scb: SYSRESETREQ: resetting the node");
    n->reset_requested = true;
    node_halt_emu(n);
}

/* ---- Unicorn hooks ---- */

static void refresh_deadline(node_t *n)
{
    uint64_t next = evq_next_time(&n->evq);
    if (n->deadline != 0)
        n->deadline = next < n->limit ? next : n->limit;
}

static uint64_t periph_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    node_periph_t *p = ud;
    if (node_mem_step_denied(p->n))
        return 0;
    uint32_t v = p->row->ops->read(p->model, (uint32_t)off, size);
    refresh_deadline(p->n);
    return v;
}

static void periph_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *ud)
{
    node_periph_t *p = ud;
    if (node_mem_step_denied(p->n))
        return;
    p->row->ops->write(p->model, (uint32_t)off, size, (uint32_t)v);
    refresh_deadline(p->n);
}

static uint64_t scs_mmio_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    node_t *n = ud;
    if (node_mem_step_denied(n))
        return 0;
    uint32_t v = scs_read(&n->scs, (uint32_t)off, size);
    refresh_deadline(n);
    return v;
}

static void scs_mmio_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *ud)
{
    node_t *n = ud;
    if (node_mem_step_denied(n))
        return;
    scs_write(&n->scs, (uint32_t)off, size, (uint32_t)v);
    /* MPU registers: permissions change for the next access (QEMU flushes
     * here too; the guest's DSB/ISB is what makes it architectural). */
    if (off + size > MPU_WINDOW_BASE - SCS_BASE &&
        off < MPU_WINDOW_BASE - SCS_BASE + MPU_WINDOW_SIZE)
        node_mem_mpu_changed(n);
    /* CCR / CPACR: the trap hooks are re-decided before the next block. */
    if ((off & ~3u) == 0xD14 || (off & ~3u) == 0xD88)
        node_halt_emu(n);
    refresh_deadline(n);
}

/* Decodes Thumb instruction lengths: the fallback when Unicorn cannot
 * tell a block's instruction count. */
uint16_t node_count_thumb(node_t *n, uint32_t addr, uint32_t size)
{
    uint16_t count = 0;
    for (uint32_t off = 0; off < size; count++) {
        uint16_t hw = 0;
        uc_mem_read(n->cpu.uc, addr + off, &hw, 2);
        off += ((hw >> 11) >= 0x1D) ? 4 : 2;   /* 0b11101/0b11110/0b11111 */
    }
    return count;
}

static void tb_fill(node_t *n, tb_entry_t *e, uint32_t addr, uint32_t size)
{
    uc_tb tb;
    n->tb_misses++;
    e->pc = addr;
    e->size = (uint16_t)size;
    if (uc_ctl_request_cache(n->cpu.uc, addr, &tb) == UC_ERR_OK &&
        tb.pc == addr && tb.size == size && tb.icount > 0)
        e->icount = tb.icount;
    else
        e->icount = node_count_thumb(n, addr, size);
}

/* Armed only while an interrupt is pending but masked: did the guest
 * lower PRIMASK/BASEPRI/FAULTMASK (no hook fires for cpsie/msr)? */
static bool unmasked_now(node_t *n)
{
    nvic_t *nv = &n->scs.nvic;
    if (!cortexm_privileged(&n->cpu))
        return false;                       /* masks cannot change there */
    cortexm_sync_masks(&n->cpu);
    return nvic_next_to_take(nv) != 0;
}

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    node_t *n = ud;
    if (n->stepping) {                      /* counted by the step */
        if (n->step_blocks++ > 0)
            node_stop_emu(n);               /* the step's instruction branched */
        return;
    }
    bool rest_of_block = (uint32_t)addr == n->cont_pc;   /* checked when it began */
    n->cont_pc = NODE_NO_CONT;
    if (!rest_of_block && (n->cycles >= n->deadline || (n->mask_watch && unmasked_now(n)))) {
        n->hook_stopped = true;             /* this block does not run */
        n->stop_pc = (uint32_t)addr;
        node_stop_emu(n);
        return;
    }
    tb_entry_t *e = &n->tbc[(addr >> 1) & (TBC_SIZE - 1)];
    if (e->pc != (uint32_t)addr || e->size != size) {
        tb_fill(n, e, (uint32_t)addr, size);
        if (node_trap_scan(n, (uint32_t)addr, size)) {
            n->hook_stopped = true;         /* runs once translated with its hooks */
            n->stop_pc = (uint32_t)addr;
            node_stop_emu(n);
            return;
        }
    } else
        n->tb_hits++;
    n->cycles += e->icount;
    n->instructions += e->icount;
    n->last_block_pc = (uint32_t)addr;
    n->last_block_icount = e->icount;
    n->last_block_end = addr + size;
}

static void on_intr(uc_engine *uc, uint32_t intno, void *ud)
{
    node_t *n = ud;
    n->intr = (int)intno;
    node_stop_emu(n);
}

/* `wfe` and `yield` arrive as invalid instructions with PC after them. */
static bool on_insn_invalid(uc_engine *uc, void *ud)
{
    node_t *n = ud;
    uint32_t pc = cortexm_get(&n->cpu, UC_ARM_REG_PC);
    uint16_t hw = 0;
    if (pc >= 2 && uc_mem_read(uc, pc - 2, &hw, 2) == UC_ERR_OK &&
        (hw == HW_WFE || hw == HW_YIELD))
        return true;
    return false;
}

static bool on_mem_invalid(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
                           int64_t value, void *ud)
{
    node_t *n = ud;
    n->mem_fault = true;
    n->mem_type = type;
    n->mem_addr = (uint32_t)addr;
    if (n->stepping)
        node_mem_step_invalid(n, type, (uint32_t)addr, size);
    return false;
}

/* ---- life cycle ---- */

static int fail(node_t *n, const char **err, const char *msg)
{
    *err = msg;
    node_destroy(n);
    return -1;
}

static int map_board(node_t *n, const char **err)
{
    uc_engine *uc = n->cpu.uc;
    for (int i = 0; i < n->board->mem_count; i++) {
        const board_mem_t *m = &n->board->mem[i];
        uint32_t perms = m->guest_writable ? UC_PROT_ALL : (UC_PROT_READ | UC_PROT_EXEC);
        if (uc_mem_map(uc, m->base, m->size, perms) != UC_ERR_OK)
            return fail(n, err, "cannot map a memory region (size not 1 KiB-aligned?)");
        if (m->fill) {
            uint8_t *buf = malloc(m->size);
            if (!buf)
                return fail(n, err, "out of memory");
            memset(buf, m->fill, m->size);
            uc_mem_write(uc, m->base, buf, m->size);
            free(buf);
        }
    }
    if (uc_mmio_map(uc, SCS_BASE, SCS_SIZE, scs_mmio_read, n, scs_mmio_write, n) != UC_ERR_OK)
        return fail(n, err, "cannot map the System Control Space");
    for (int i = 0; i < n->board->periph_count; i++) {
        const board_periph_t *row = &n->board->periph[i];
        node_periph_t *p = &n->periph[n->nperiph];
        periph_config_t cfg = { row->name, row->base, row->size,
                                { row->irq[0], row->irq[1], row->irq[2], row->irq[3] } };
        if (n->nperiph >= NODE_MAX_PERIPH)
            return fail(n, err, "too many peripherals on the board");
        p->n = n;
        p->row = row;
        p->model = row->create(&n->host, &cfg);
        if (!p->model)
            return fail(n, err, "a peripheral model rejected its configuration");
        n->nperiph++;
        if (uc_mmio_map(uc, row->base, row->size, periph_read, p, periph_write, p) != UC_ERR_OK)
            return fail(n, err, "cannot map a peripheral window");
    }
    return 0;
}

/* Unicorn's translated-code buffer, in MiB: NODE_TCG_BUFFER_MIB, or
 * CTOCK_SIM_TCG_BUFFER_MIB from the environment (a test hook: results do
 * not depend on it). Set before Unicorn's lazy initialisation. */
static int set_code_buffer(node_t *n, const char **err)
{
    const char *env = getenv("CTOCK_SIM_TCG_BUFFER_MIB");
    unsigned long mib = NODE_TCG_BUFFER_MIB;
    if (env && *env) {
        char *end = NULL;
        mib = strtoul(env, &end, 10);
        if (end == env || *end || mib < 1 || mib > NODE_TCG_BUFFER_MAX_MIB)
            return fail(n, err, "CTOCK_SIM_TCG_BUFFER_MIB: not a size in MiB from 1 to 64");
    }
    if (uc_ctl_set_tcg_buffer_size(n->cpu.uc, (uint32_t)(mib << 20)) != UC_ERR_OK)
        return fail(n, err, "cannot set Unicorn's code buffer size");
    return 0;
}

node_t *node_create(const board_t *board, uint32_t clock_hz, const char **err)
{
    uc_hook h;
    node_t *n = calloc(1, sizeof *n);
    if (!n) {
        *err = "out of memory";
        return NULL;
    }
    n->board = board;
    n->clock_hz = clock_hz ? clock_hz : board->clock_hz;
    n->power = POWER_ACTIVE;
    n->intr = -1;
    n->need_reset = true;
    n->cont_pc = NODE_NO_CONT;
    evq_init(&n->evq);
    n->host = (periph_host_t){ .opaque = n, .now = host_now, .set_irq = host_set_irq,
                               .evq = &n->evq, .observers = &n->obs,
                               .clock_hz = n->clock_hz, .guest_exit = host_guest_exit,
                               .mem_read = host_mem_read, .mem_write = host_mem_write };
    scs_init(&n->scs, &n->host);
    n->scs.nvic.on_pend = on_pend;
    n->scs.nvic.on_pend_ctx = n;
    n->scs.scb.reset_request = on_reset_request;
    n->scs.scb.reset_ctx = n;
    n->tbc = malloc(TBC_SIZE * sizeof *n->tbc);
    if (!n->tbc) {
        free(n);
        *err = "out of memory";
        return NULL;
    }
    memset(n->tbc, 0xFF, TBC_SIZE * sizeof *n->tbc);
    if (cortexm_open(&n->cpu, &n->scs, board, &n->obs, &n->cycles, err) < 0) {
        free(n->tbc);
        free(n);
        return NULL;
    }
    if (set_code_buffer(n, err) < 0 || map_board(n, err) < 0)
        return NULL;
    /* Unicorn 2.1.1 hands out its code buffer as one region that is
     * assigned (zeroed, write pointer back to its start) by the first TB
     * flush. Until then a full buffer assigns it without flushing: live
     * translations are overwritten while Unicorn still uses them
     * (measured: segfaults with 1-16 MiB, wrong code run and a different
     * instruction count with 32 MiB). A flush now, with nothing
     * translated yet, assigns it; every later fill flushes properly. The
     * zeroing makes the whole buffer resident, hence its small size. */
    uc_ctl_flush_tb(n->cpu.uc);
    uc_engine *uc = n->cpu.uc;
    if (uc_hook_add(uc, &h, UC_HOOK_BLOCK, (void *)on_block, n, 1, 0) != UC_ERR_OK ||
        uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)on_intr, n, 1, 0) != UC_ERR_OK ||
        uc_hook_add(uc, &h, UC_HOOK_INSN_INVALID, (void *)on_insn_invalid, n, 1, 0) != UC_ERR_OK ||
        uc_hook_add(uc, &h, UC_HOOK_MEM_INVALID, (void *)on_mem_invalid, n, 1, 0) != UC_ERR_OK) {
        fail(n, err, "cannot install Unicorn hooks");
        return NULL;
    }
    if (node_trap_init(n) < 0) {
        fail(n, err, "out of memory");
        return NULL;
    }
    if (node_mem_init(n, err) < 0) {
        node_destroy(n);
        return NULL;
    }
    return n;
}

void node_destroy(node_t *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->nperiph; i++)
        if (n->periph[i].row->ops->destroy)
            n->periph[i].row->ops->destroy(n->periph[i].model);
    node_mem_destroy(n);
    cortexm_close(&n->cpu);
    node_trap_destroy(n);
    free(n->tbc);
    free(n);
}

int node_write_mem(node_t *n, uint32_t addr, const void *data, size_t len)
{
    if (len == 0)
        return 0;
    if (!board_mem_at(n->board, addr, (uint32_t)len) ||
        uc_mem_write(n->cpu.uc, addr, data, len) != UC_ERR_OK)
        return -1;
    /* Code may have changed under cached block sizes. */
    memset(n->tbc, 0xFF, TBC_SIZE * sizeof *n->tbc);
    return 0;
}

int node_read_mem(node_t *n, uint32_t addr, void *data, size_t len)
{
    return uc_mem_read(n->cpu.uc, addr, data, len) == UC_ERR_OK ? 0 : -1;
}

void *node_model(node_t *n, const char *name, const periph_ops_t *ops)
{
    for (int i = 0; i < n->nperiph; i++)
        if (strcmp(n->periph[i].row->name, name) == 0 && n->periph[i].row->ops == ops)
            return n->periph[i].model;
    return NULL;
}

void node_set_power(node_t *n, power_state_t s)
{
    if (n->power == s)
        return;
    n->power = s;
    observers_power(&n->obs, n->cycles, s);
}

int node_reset(node_t *n)
{
    scs_reset(&n->scs);
    for (int i = 0; i < n->nperiph; i++)
        if (n->periph[i].row->ops->reset)
            n->periph[i].row->ops->reset(n->periph[i].model);
    cortexm_reset(&n->cpu);
    n->need_reset = false;
    n->reset_requested = false;
    n->mask_watch = false;
    node_set_power(n, POWER_ACTIVE);
    return 0;
}
