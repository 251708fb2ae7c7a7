/*
 * node_run.c - the node's run loop and its small accessors (the rest of
 * the node is in node.c; the model is described there).
 *
 * One iteration: deliver due events -> wake from sleep if something could
 * preempt (PRIMASK ignored, the WFI rule) -> take pending exceptions ->
 * run the CPU until the deadline (next event or the limit) -> act on why
 * it stopped (SVC, exception return, fault, wfi, deadline).
 */
#include <stdio.h>
#include <string.h>

#include "node_debug.h"
#include "node_priv.h"


static void glog_fault(node_t *n, const char *what, uint32_t addr, uint32_t pc)
{
    observers_guest_log(&n->obs, n->cycles, "cpu: guest error: %s 0x%08x (pc 0x%08x)",
                        what, addr, pc);
}

/* Something pending would preempt if PRIMASK were clear. */
static bool wake_pending(node_t *n)
{
    nvic_t *nv = &n->scs.nvic;
    int e;
    cortexm_sync_masks(&n->cpu);
    e = nvic_highest_pending(nv);
    return e && nvic_can_preempt(nv, e, false);
}

static void sleep_until(node_t *n, uint64_t t)
{
    if (n->power == POWER_DEEP_SLEEP)
        n->deep_sleep_cycles += t - n->cycles;
    else
        n->sleep_cycles += t - n->cycles;
    n->cycles = t;
}

static void on_intr_stop(node_t *n, int intno, uint32_t pc)
{
    cortexm_t *c = &n->cpu;
    switch (intno) {
    case 2:  cortexm_fault(c, EXC_SVCALL, 0); break;          /* PC is after the svc */
    case 8:  cortexm_return(c, pc | 1u); break;               /* PC = EXC_RETURN & ~1 */
    case 1:  cortexm_fault(c, EXC_USAGEFAULT, CFSR_UNDEFINSTR); break;
    case 17: cortexm_fault(c, EXC_USAGEFAULT, CFSR_NOCP); break;
    case 18: cortexm_fault(c, EXC_USAGEFAULT, CFSR_INVSTATE); break;
    case 22: cortexm_fault(c, EXC_USAGEFAULT, CFSR_UNALIGNED); break;
    case 23: cortexm_fault(c, EXC_USAGEFAULT, CFSR_DIVBYZERO); break;
    case 7:
        glog_fault(n, "bkpt without a debugger, HardFault at", pc, pc);
        cortexm_fault(c, EXC_HARDFAULT, HFSR_DEBUGEVT);
        break;
    case 3:
        /* Instruction fetch abort; from 0xFFFFFFFx (EXC_RETURN branched
         * to in thread mode) it is an execute-never MemManage fault. */
        glog_fault(n, "instruction fetch fault at", pc, pc);
        if (pc >= 0xFFFFFFF0u)
            cortexm_fault(c, EXC_MEMMANAGE, CFSR_IACCVIOL);
        else
            cortexm_fault(c, EXC_BUSFAULT, CFSR_IBUSERR);
        break;
    case 4:
        glog_fault(n, "data abort at", pc, pc);
        cortexm_fault(c, EXC_BUSFAULT, CFSR_PRECISERR);
        break;
    default:
        observers_guest_log(&n->obs, n->cycles, "cpu: unexpected CPU exception %d at pc 0x%08x",
                            intno, pc);
        cortexm_fault(c, EXC_HARDFAULT, HFSR_FORCED);
        break;
    }
}

static void on_error_stop(node_t *n, uc_err err, uint32_t pc)
{
    cortexm_t *c = &n->cpu;
    scb_t *scb = &n->scs.scb;
    switch (err) {
    case UC_ERR_READ_UNMAPPED: case UC_ERR_READ_PROT: case UC_ERR_READ_UNALIGNED:
    case UC_ERR_WRITE_UNMAPPED: case UC_ERR_WRITE_PROT: case UC_ERR_WRITE_UNALIGNED: {
        bool wr = err == UC_ERR_WRITE_UNMAPPED || err == UC_ERR_WRITE_PROT ||
                  err == UC_ERR_WRITE_UNALIGNED;
        glog_fault(n, wr ? (err == UC_ERR_WRITE_PROT ? "bus fault: write to read-only memory at"
                                                     : "bus fault: write to unmapped")
                         : "bus fault: read from unmapped", n->mem_addr, pc);
        scb->bfar = n->mem_addr;
        cortexm_fault(c, EXC_BUSFAULT, CFSR_PRECISERR | CFSR_BFARVALID);
        break;
    }
    case UC_ERR_FETCH_UNMAPPED: case UC_ERR_FETCH_PROT: case UC_ERR_FETCH_UNALIGNED:
        node_mem_fetch_error(n, n->mem_fault ? n->mem_addr : pc);
        break;
    case UC_ERR_INSN_INVALID:
        glog_fault(n, "undefined instruction at", pc, pc);
        cortexm_fault(c, EXC_USAGEFAULT, CFSR_UNDEFINSTR);
        break;
    case UC_ERR_EXCEPTION:
        glog_fault(n, "unhandled CPU exception at", pc, pc);
        cortexm_fault(c, EXC_HARDFAULT, HFSR_FORCED);
        break;
    default:
        n->error = true;
        snprintf(n->errmsg, sizeof n->errmsg, "emulator error at pc 0x%08x: %s",
                 pc, uc_strerror(err));
        break;
    }
}

/* The CPU stopped at pc before that instruction of the last counted
 * block ran (a refused or invalid data access, a trap): the block hook
 * counted the whole block when it began, so take back the instructions
 * from pc on. Counts stay those of the instructions that completed,
 * whatever the translated blocks look like. */
static void uncount_rest_of_block(node_t *n, uint32_t pc)
{
    uint16_t ran, rest;
    if (n->hook_stopped || n->last_block_end == UINT64_MAX || pc < n->last_block_pc ||
        pc >= n->last_block_end)
        return;                             /* no block of this run holds pc */
    ran = node_count_thumb(n, n->last_block_pc, pc - n->last_block_pc);
    rest = n->last_block_icount > ran ? (uint16_t)(n->last_block_icount - ran) : 0;
    n->cycles -= rest;
    n->instructions -= rest;
}

static bool data_access_stop(const node_t *n)
{
    if (n->tlb_fault)
        return n->tlb_fault_type != UC_MEM_FETCH;
    return n->mem_fault && n->mem_type != UC_MEM_FETCH_UNMAPPED &&
           n->mem_type != UC_MEM_FETCH_PROT;
}

/* One uc_emu_start and what stopped it. True: a precise step left the
 * CPU inside the block it interrupted, whose rest runs now, before any
 * event (as it would with the page open). */
static bool run_cpu(node_t *n)
{
    uc_engine *uc = n->cpu.uc;
    uint32_t pc;
    uint16_t hw = 0;
    uc_err err;

    n->hook_stopped = false;
    n->intr = -1;
    n->mem_fault = false;
    n->tlb_fault = false;
    n->stop_called = false;
    n->last_block_end = UINT64_MAX;
    pc = cortexm_get(&n->cpu, UC_ARM_REG_PC);
    n->in_emu = true;
    err = uc_emu_start(uc, pc | 1u, NODE_NO_UNTIL, 0, 0);
    n->in_emu = false;
    pc = cortexm_get(&n->cpu, UC_ARM_REG_PC);
    if (n->trap_bits && n->intr < 0) {
        uncount_rest_of_block(n, n->trap_pc);
        node_trap_raise(n);                 /* before the instruction ran */
        return false;
    }
    if (n->hook_stopped && err == UC_ERR_OK && n->intr < 0 && pc != n->stop_pc) {
        /* After a precise-path step Unicorn can report the PC of the
         * last cross-page jump for a stop in a chained block (measured);
         * the block that did not run is where the CPU is. */
        pc = n->stop_pc;
        cortexm_set(&n->cpu, UC_ARM_REG_PC, pc | 1u);   /* bit 0 keeps Thumb state */
    }
    if (n->intr < 0 && data_access_stop(n))
        uncount_rest_of_block(n, pc);
    if (n->intr < 0 && err == UC_ERR_EXCEPTION && n->tlb_fault) {
        /* A refused TLB fill: PC is the instruction's own. */
        n->cont_pc = NODE_NO_CONT;
        node_mem_slow_path(n, pc);
        if (n->error)
            return false;
        pc = cortexm_get(&n->cpu, UC_ARM_REG_PC);
        err = n->step_retry_err;
        if (err == UC_ERR_OK && n->intr < 0)
            return n->cont_pc != NODE_NO_CONT;
    }
    if (n->intr >= 0)
        on_intr_stop(n, n->intr, pc);
    else if (err != UC_ERR_OK)
        on_error_stop(n, err, pc);
    else if (!n->hook_stopped && pc == (uint32_t)n->last_block_end &&
             uc_mem_read(uc, pc - 2, &hw, 2) == UC_ERR_OK && hw == HW_WFI &&
             !wake_pending(n))
        node_set_power(n, (n->scs.scb.scr & SCR_SLEEPDEEP) ? POWER_DEEP_SLEEP : POWER_SLEEP);
    return false;
}

static void run_slice(node_t *n, uint64_t deadline)
{
    node_trap_before_slice(n);
    if (n->tb_flush_pending && --n->tb_flush_pending == 0)
        uc_ctl_flush_tb(n->cpu.uc);
    else if (n->tb_flush_pending && deadline > n->cycles + 1)
        deadline = n->cycles + 1;   /* one block: Unicorn then drops deleted hooks */
    n->deadline = deadline;
    n->mask_watch = nvic_masked_pending(&n->scs.nvic);
    while (run_cpu(n))
        ;
    n->cont_pc = NODE_NO_CONT;
}

node_run_result_t node_run_until(node_t *n, uint64_t limit)
{
    if (n->need_reset)
        node_reset(n);
    n->limit = limit;
    for (;;) {
        if (n->exited)
            return NODE_RUN_GUEST_EXIT;
        if (n->error)
            return NODE_RUN_ERROR;
        if (n->cpu.lockup)
            return NODE_RUN_LOCKUP;
        if (n->stop_requested) {
            n->stop_requested = false;
            return NODE_RUN_STOPPED;
        }
        if (n->reset_requested)
            node_reset(n);
        if (evq_run_due(&n->evq, n->cycles) > 0)
            continue;                       /* an event may have ended the run */
        if (n->power != POWER_ACTIVE && wake_pending(n))
            node_set_power(n, POWER_ACTIVE);
        if (n->power == POWER_ACTIVE)
            cortexm_take_pending(&n->cpu);
        if (n->cpu.lockup)
            continue;
        if (n->cycles >= limit)
            return NODE_RUN_TIME_REACHED;
        uint64_t next = evq_next_time(&n->evq);
        uint64_t deadline = next < limit ? next : limit;
        if (n->power != POWER_ACTIVE)
            sleep_until(n, deadline);
        else
            run_slice(n, deadline);
    }
}

void node_request_stop(node_t *n)
{
    n->stop_requested = true;
    node_halt_emu(n);
}

int node_add_observer(node_t *n, const observer_t *o)
{
    return observers_add(&n->obs, o);
}

void node_uart_input(node_t *n, const uint8_t *data, size_t len)
{
    for (int i = 0; i < n->nperiph; i++) {
        if (strcmp(n->periph[i].row->name, "uart0") == 0 && n->periph[i].row->input) {
            n->periph[i].row->input(n->periph[i].model, data, len);
            return;
        }
    }
    observers_guest_log(&n->obs, n->cycles, "node: no uart0 for %zu input bytes", len);
}

uint64_t node_now(const node_t *n) { return n->cycles; }
uint32_t node_clock_hz(const node_t *n) { return n->clock_hz; }
power_state_t node_power_state(const node_t *n) { return n->power; }
int node_exit_status(const node_t *n) { return n->exit_status; }
const char *node_error(const node_t *n) { return n->errmsg; }

void node_stats(const node_t *n, node_stats_t *out)
{
    out->cycles = n->cycles;
    out->instructions = n->instructions;
    out->sleep_cycles = n->sleep_cycles;
    out->deep_sleep_cycles = n->deep_sleep_cycles;
    out->exceptions = n->cpu.exceptions;
}

uint32_t node_reg(node_t *n, int uc_reg) { return cortexm_get(&n->cpu, uc_reg); }
void node_set_reg(node_t *n, int uc_reg, uint32_t v) { cortexm_set(&n->cpu, uc_reg, v); }
scs_t *node_scs(node_t *n) { return &n->scs; }
cortexm_t *node_cortexm(node_t *n) { return &n->cpu; }

void node_tb_stats(const node_t *n, uint64_t *hits, uint64_t *misses)
{
    *hits = n->tb_hits;
    *misses = n->tb_misses;
}

void node_mpu_step_stats(const node_t *n, uint64_t *precise, uint64_t *emulated)
{
    *precise = n->precise_steps;
    *emulated = n->emulated_steps;
}
