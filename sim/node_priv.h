/*
 * node_priv.h - the node's state, shared by node.c (life cycle, hooks,
 * memory) and node_run.c (the run loop). Nothing outside sim/node*.c
 * includes this.
 */
#ifndef SIM_NODE_PRIV_H
#define SIM_NODE_PRIV_H

#include "../peripherals/scs.h"
#include "board.h"
#include "cortexm.h"
#include "node.h"

#define NODE_MAX_PERIPH 16
/* Unicorn's translated-code buffer (node.c): all of it is resident. A
 * kernel and its apps translate 1,000-2,000 blocks, under 2 MiB in every
 * test; a full buffer is flushed and its code translated again, which
 * changes no result. */
#define NODE_TCG_BUFFER_MIB 2
#define NODE_TCG_BUFFER_MAX_MIB 64      /* CTOCK_SIM_TCG_BUFFER_MIB's limit */
#define TBC_SIZE 16384u                 /* direct-mapped block-size cache */
/* uc_emu_start's `until`: never a Thumb PC (bit 0 set). After every run
 * Unicorn looks up the block at until - 1 (to drop it); node_mem.c lets
 * that fetch through. */
#define NODE_NO_UNTIL 0xFFFFF001u
#define NODE_NO_CONT 0xFFFFFFFFu        /* cont_pc: no block to continue */
#define HW_WFI 0xBF30u
#define HW_WFE 0xBF20u
#define HW_YIELD 0xBF10u

typedef struct node_periph {
    node_t *n;
    const board_periph_t *row;
    void *model;
} node_periph_t;

/* One RAM write of a stepped instruction, undone if the step faults. */
#define STEP_LOG_MAX 24
typedef struct step_log {
    uint32_t addr;
    uint8_t size;
    uint8_t old[8];
} step_log_t;

enum { STEP_FAULT_NONE = 0, STEP_FAULT_MPU, STEP_FAULT_BUS };

/* A page a region boundary cuts, and how many allowed accesses went the
 * precise (stepped) way since the MPU was last written. */
#define NODE_HOT_PAGES 64
#define NODE_HOT_STEPS 16384u        /* quick steps; hooked ones count more */
typedef struct hot_page {
    uint32_t page;
    uint32_t steps;
} hot_page_t;

/* A Thumb load/store decoded for the precise path (node_step.c). */
#define LS_MAX_ACCESS 16
enum { LS_SINGLE = 0, LS_DUAL, LS_MULTI };
typedef struct ls_access {
    uint32_t addr;
    uint8_t size;
    bool write;
} ls_access_t;
typedef struct ls_insn {
    unsigned len;                   /* 2 or 4 bytes */
    int naccess;
    ls_access_t acc[LS_MAX_ACCESS]; /* in Unicorn's order */
    uint8_t kind;                   /* LS_* */
    bool load, sign;
    uint8_t rt, rt2;                /* LS_SINGLE, LS_DUAL */
    uint16_t regs;                  /* LS_MULTI: register list */
    int8_t wb_reg;                  /* base written back, -1: none */
    uint32_t wb_value;
    bool emulable;                  /* false: must run on Unicorn */
} ls_insn_t;

typedef struct tb_entry {
    uint32_t pc;
    uint16_t size;
    uint16_t icount;
} tb_entry_t;

/* A decoded instruction that may raise a UsageFault Unicorn does not
 * (node_trap.c), with the code hook bounded to its address. */
#define TRAP_TABLE 8192u                /* open-addressing slots */
#define TRAP_MAX_SITES 4096u
#define TRAP_MAX_INVAL 32
#define TRAP_SCAN_MAX 4096u
#define TRAP_MAX_PENDING 512
typedef struct trap_site {
    uint32_t pc;                        /* 0xFFFFFFFF = free slot */
    uint8_t kind, cond, rn, rm, shift, mode, align;
    int32_t imm;
    uc_hook hook;
    struct node *n;
} trap_site_t;

typedef struct trap_range {
    uint32_t lo, hi;
} trap_range_t;

struct node {
    const board_t *board;
    uint32_t clock_hz;
    cortexm_t cpu;
    scs_t scs;
    evq_t evq;
    observer_list_t obs;
    periph_host_t host;
    node_periph_t periph[NODE_MAX_PERIPH];
    int nperiph;
    tb_entry_t *tbc;
    uint64_t tb_hits, tb_misses;

    /* Run state. Hooks write the stop causes; the run loop reads them. */
    uint64_t cycles, instructions, sleep_cycles, deep_sleep_cycles;
    uint64_t limit, deadline;
    uint64_t last_block_end;
    uint32_t last_block_pc;         /* the last block the block hook counted */
    uint16_t last_block_icount;
    uint32_t cont_pc;               /* rest of a block after a precise step, or ~0 */
    bool in_emu, hook_stopped, mask_watch, need_reset, reset_requested;
    int intr;                       /* UC_HOOK_INTR number, -1 = none */
    bool mem_fault;
    int mem_type;
    uint32_t mem_addr;
    bool stop_requested, exited, error;
    int exit_status;
    power_state_t power;
    char errmsg[160];

    /* Memory protection (node_mem.c). */
    bool tlb_fault;                 /* the TLB fill refused an access */
    uint32_t stop_pc;               /* the block the block hook refused */
    bool stop_called;               /* uc_emu_stop() was called this slice */
    int tlb_fault_type;             /* UC_MEM_READ / WRITE / FETCH */
    uint32_t tlb_fault_page;
    mpu_ctx_t tlb_fault_ctx;        /* privilege and priority of the refused access */
    bool stepping;                  /* one instruction under access checks */
    uint32_t step_pc;
    int step_blocks;
    mpu_ctx_t step_ctx;
    int step_fault;                 /* STEP_FAULT_* */
    uint32_t step_addr;
    bool step_write;
    uc_err step_retry_err;          /* the step hit a non-memory error */
    step_log_t step_log[STEP_LOG_MAX];
    int step_nlog;
    uc_context *step_regs;
    bool mpu_exact;                  /* never let a cut page turn hot */
    hot_page_t hot[NODE_HOT_PAGES];
    uint64_t precise_steps;         /* instructions run on the precise path */
    uint64_t quick_steps;           /* of which decoded, without step hooks */
    uint64_t emulated_steps;        /* of which executed by node_step.c */
    uint32_t hot_pages;             /* cut pages that became page-exact */
    int tb_flush_pending;           /* slices until translated code is dropped */

    /* UsageFault traps Unicorn lacks (node_trap.c). */
    trap_site_t *trap_sites;
    uint32_t trap_nsites;
    unsigned trap_classes;          /* what the CCR/CPACR seen last enable */
    trap_range_t trap_inval[TRAP_MAX_INVAL];   /* blocks to translate again */
    int trap_ninval;
    trap_site_t *trap_pending[TRAP_MAX_PENDING];   /* sites to hook before the next slice */
    int trap_npending;
    bool trap_flush_all, trap_reset_pending, trap_full_logged;
    uint32_t trap_bits;             /* set by a site hook: the CFSR bit */
    uint32_t trap_pc;
    uint64_t trap_count, trap_hooks_added;
};

/* Stops the CPU at the next block boundary (when running) and makes the
 * run loop re-decide. */
void node_halt_emu(node_t *n);
void node_set_power(node_t *n, power_state_t s);
/* uc_emu_stop() from a hook, recorded (see NODE_NO_UNTIL). */
void node_stop_emu(node_t *n);

/* node_mem.c: TLB-based protection and the precise slow path. */
int node_mem_init(node_t *n, const char **err);
void node_mem_destroy(node_t *n);
/* After Unicorn stopped on a refused TLB fill at pc (precise): decide the
 * access, raising the fault or completing the instruction. */
void node_mem_slow_path(node_t *n, uint32_t pc);
/* An invalid (unmapped/read-only) access seen while stepping. */
void node_mem_step_invalid(node_t *n, uc_mem_type type, uint32_t addr, int size);
/* While stepping: an access was denied, device side effects must not happen. */
bool node_mem_step_denied(const node_t *n);
void node_mem_mpu_changed(node_t *n);
/* A fetch Unicorn found invalid at addr (with every page open, or in the
 * page of NODE_NO_UNTIL): MemManage where the MPU forbids it (execute-
 * never included), else BusFault IBUSERR. */
void node_mem_fetch_error(node_t *n, uint32_t addr);

/* node_step.c: decodes the Thumb load/store at pc from the current
 * registers: its accesses (count, or -1: not a load/store it knows) and
 * whether node_step_execute may run it. */
int node_step_decode(node_t *n, uint32_t pc, ls_insn_t *in);
/* Runs a decoded, emulable instruction whose accesses were all allowed
 * and touch only RAM/flash: memory, registers, IT state, PC. */
void node_step_execute(node_t *n, uint32_t pc, const ls_insn_t *in);

/* node.c: instructions in [addr, addr + size) (Thumb lengths). */
uint16_t node_count_thumb(node_t *n, uint32_t addr, uint32_t size);

/* node_trap.c: DIVBYZERO / UNALIGNED / NOCP through per-address hooks. */
int node_trap_init(node_t *n);
void node_trap_destroy(node_t *n);
/* A block seen for the first time: hooks its trapping candidates; true =
 * hooks were added and the block must not run before it is translated
 * again (the caller stops the CPU). */
bool node_trap_scan(node_t *n, uint32_t addr, uint32_t size);
/* Outside emulation, before each slice: applies CCR/CPACR changes and
 * drops the translations of blocks that got hooks. */
void node_trap_before_slice(node_t *n);
/* After a site hook stopped the CPU: PC on the instruction, UsageFault. */
void node_trap_raise(node_t *n);

#endif
