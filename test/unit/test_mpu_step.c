/*
 * test_mpu_step.c - the MPU's precise path (pages a region boundary cuts)
 * gives the same results as running the code with the page open, and the
 * results do not depend on Unicorn's translated-code buffer:
 *
 *  - every Thumb load/store form node_step.c executes in C (immediate,
 *    register, SP-relative, indexed with writeback, signed, LDRD/STRD,
 *    LDM/STM, PUSH/POP, inside IT blocks), and the exclusives and LDRT
 *    it leaves to the hooked step, end in the same registers, memory,
 *    instruction count and cycle at every stop as on a node whose region
 *    covers the page whole;
 *  - privileged accesses to a cut page (run alone on Unicorn, two blocks
 *    translated per access) with a 1 MiB code buffer, which they fill
 *    over and over, end as with a 64 MiB one and as with the page open.
 *    Unicorn 2.1.1 overwrote live translations on the first fill
 *    (segfault; sim/node.c arms the buffer).
 *
 * And a fetch from the page of uc_emu_start's `until`, which Unicorn
 * looks up after every run, is MemManage like any execute-never fetch.
 *
 * Each run advances the clock by 1 cycle per node_run_until and records
 * where the CPU stopped: the two nodes must stop at the same
 * instructions, so events would fall on the same instructions too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "m4_node.h"

#define RASR_EN 1u
#define RASR_SIZE(log2) ((uint32_t)((log2) - 1) << 1)
#define RASR_AP(ap) ((uint32_t)(ap) << 24)
#define RASR_SRD(m) ((uint32_t)(m) << 8)
#define CTRL_ENABLE 1u
#define CTRL_PRIVDEFENA 4u

#define CODE 0x00040000u
#define DATA 0x20004000u          /* cut: a 256-byte region, top 32 bytes off */
#define MAX_STOPS 4096

/* Assembled with arm-none-eabi-as -mcpu=cortex-m4; r4 = DATA + 0x40,
 * sp = DATA + 0xC0, r5/r6 = patterns. 36 loads/stores run (3 skipped by
 * their IT condition), all in the cut page's allowed part. */
static const uint16_t forms_code[] = {
    0x6025,             /* str r5, [r4] */
    0x6820,             /* ldr r0, [r4] */
    0x7165,             /* strb r5, [r4, #5] */
    0x7961,             /* ldrb r1, [r4, #5] */
    0x80E5,             /* strh r5, [r4, #6] */
    0x88E2,             /* ldrh r2, [r4, #6] */
    0x2705,             /* movs r7, #5 */
    0x57E3,             /* ldrsb r3, [r4, r7] */
    0x3701,             /* adds r7, #1 */
    0x5FE6,             /* ldrsh r6, [r4, r7] */
    0x53E3,             /* strh r3, [r4, r7] */
    0x9001,             /* str r0, [sp, #4] */
    0x9F01,             /* ldr r7, [sp, #4] */
    0xB50F,             /* push {r0-r3, lr} */
    0xBC0F,             /* pop {r0-r3} */
    0xBC80,             /* pop {r7} */
    0xF8D4, 0x8004,     /* ldr.w r8, [r4, #4] */
    0xF8C4, 0x600C,     /* str.w r6, [r4, #12] */
    0xF854, 0x9F08,     /* ldr.w r9, [r4, #8]! */
    0xF854, 0xA908,     /* ldr.w r10, [r4], #-8 */
    0xF804, 0x2D01,     /* strb.w r2, [r4, #-1]! */
    0xF814, 0xBB01,     /* ldrb.w r11, [r4], #1 */
    0xF994, 0xC005,     /* ldrsb.w r12, [r4, #5] */
    0xF9B4, 0x3006,     /* ldrsh.w r3, [r4, #6] */
    0x2702,             /* movs r7, #2 */
    0xF854, 0x2027,     /* ldr.w r2, [r4, r7, lsl #2] */
    0xE9C4, 0x5604,     /* strd r5, r6, [r4, #16] */
    0xE9D4, 0x0104,     /* ldrd r0, r1, [r4, #16] */
    0xE9E4, 0x8906,     /* strd r8, r9, [r4, #24]! */
    0xE874, 0x2306,     /* ldrd r2, r3, [r4], #-24 */
    0xC40F,             /* stmia r4!, {r0-r3} */
    0xE934, 0x000F,     /* ldmdb r4!, {r0-r3} */
    0xE904, 0x0160,     /* stmdb r4, {r5, r6, r8} */
    0xE894, 0x0F00,     /* ldmia.w r4, {r8-r11} */
    0xCC03,             /* ldmia r4!, {r0, r1} */
    0x3C08,             /* subs r4, #8 */
    0x4280,             /* cmp r0, r0 */
    0xBF0C,             /* ite eq */
    0x68A1,             /* ldreq r1, [r4, #8] */
    0x68E2,             /* ldrne r2, [r4, #12]   (skipped) */
    0xBF1A,             /* itte ne */
    0x6165,             /* strne r5, [r4, #20]   (skipped) */
    0x61A5,             /* strne r5, [r4, #24]   (skipped) */
    0x61E6,             /* streq r6, [r4, #28] */
    0xBF08,             /* it eq */
    0xF8D4, 0xC004,     /* ldreq.w r12, [r4, #4] */
    0xCC11,             /* ldmia r4, {r0, r4} */
    0xE7FE,             /* done: b done */
};
#define FORMS_DONE (CODE + sizeof forms_code - 2)
#define FORMS_STEPS 36

/* Forms node_step.c does not decode: the hooked step runs them. */
static const uint16_t hooked_code[] = {
    0xE854, 0x0F00,     /* ldrex r0, [r4] */
    0x3001,             /* adds r0, #1 */
    0xE844, 0x0100,     /* strex r1, r0, [r4] */
    0x6822,             /* ldr r2, [r4] */
    0xF854, 0x3E04,     /* ldrt r3, [r4, #4] */
    0x2700,             /* movs r7, #0 */
    0xE7FE,             /* done: b done */
};
#define HOOKED_DONE (CODE + sizeof hooked_code - 2)

/* test_mpu_cut_page's loop, with r6 allowed too: str, ldr, ldrd per round. */
static const uint16_t loop_code[] = {
    0x6025,             /* loop: str r5, [r4] */
    0x6821,             /* ldr r1, [r4] */
    0xE954, 0x8902,     /* ldrd r8, r9, [r4, #-8] */
    0x3A01,             /* subs r2, #1 */
    0xD1F9,             /* bne loop */
    0x6035,             /* str r5, [r6] */
    0xE7FE,             /* done: b done */
};
#define LOOP_DONE (CODE + sizeof loop_code - 2)

typedef struct stop {
    uint64_t cycles;
    uint32_t pc;
} stop_t;

typedef struct outcome {
    uint32_t regs[16];
    uint32_t xpsr;
    uint8_t data[256];
    uint64_t instructions, precise, emulated;
    int nstops;
    stop_t stops[MAX_STOPS];
} outcome_t;

static void region(node_t *n, unsigned r, uint32_t base, uint32_t rasr)
{
    mpu_t *m = &node_scs(n)->mpu;
    mpu_write(m, 0x0C, base | 0x10 | r, NULL);
    mpu_write(m, 0x10, rasr, NULL);
}

/* A node running `code`: the data page cut (256-byte region, top
 * subregion off) or whole (4 KiB region); unprivileged with PRIVDEFENA,
 * or privileged without it (the kernel's regions then bind it too). */
static node_t *data_node(const uint16_t *code, size_t size, bool cut, bool privileged,
                         const char *buffer_mib)
{
    unsigned ap = privileged ? 1 : 3;       /* privileged RW only / full access */
    node_t *n;
    if (buffer_mib)
        setenv("CTOCK_SIM_TCG_BUFFER_MIB", buffer_mib, 1);
    n = m4_node(CODE);
    unsetenv("CTOCK_SIM_TCG_BUFFER_MIB");
    node_write_mem(n, CODE, code, size);
    region(n, 0, 0x00000000, RASR_EN | RASR_SIZE(19) | RASR_AP(6));
    region(n, 1, 0x20007000, RASR_EN | RASR_SIZE(12) | RASR_AP(3));
    region(n, 2, DATA, cut ? RASR_EN | RASR_SIZE(8) | RASR_AP(ap) | RASR_SRD(0x80)
                           : RASR_EN | RASR_SIZE(12) | RASR_AP(ap));
    mpu_write(&node_scs(n)->mpu, 0x04, CTRL_ENABLE | (privileged ? 0 : CTRL_PRIVDEFENA), NULL);
    nvic_set_enabled(&node_scs(n)->nvic, EXC_MEMMANAGE, true);
    node_set_mpu_exact(n, true);
    node_set_reg(n, UC_ARM_REG_R4, DATA + 0x40);
    node_set_reg(n, UC_ARM_REG_R5, 0xC0FFEE80);
    node_set_reg(n, UC_ARM_REG_R6, 0x12345678);
    node_set_reg(n, UC_ARM_REG_SP, DATA + 0xC0);
    if (!privileged)
        node_set_reg(n, UC_ARM_REG_CONTROL, 1);
    return n;
}

/* Runs to `done`, one cycle of clock at a time, recording every stop. */
static void run_to(node_t *n, uint32_t done, outcome_t *o)
{
    node_stats_t st;
    memset(o, 0, sizeof *o);
    for (uint64_t t = 1; (node_reg(n, UC_ARM_REG_PC) & ~1u) != done && t < 1000000; t++) {
        node_run_until(n, t);
        if (o->nstops < MAX_STOPS)
            o->stops[o->nstops++] = (stop_t){ node_now(n), node_reg(n, UC_ARM_REG_PC) & ~1u };
    }
    for (int r = 0; r <= 12; r++)
        o->regs[r] = node_reg(n, UC_ARM_REG_R0 + r);
    o->regs[13] = node_reg(n, UC_ARM_REG_SP);
    o->regs[14] = node_reg(n, UC_ARM_REG_LR);
    o->regs[15] = node_reg(n, UC_ARM_REG_PC);
    o->xpsr = node_reg(n, UC_ARM_REG_XPSR);
    node_read_mem(n, DATA, o->data, sizeof o->data);
    node_stats(n, &st);
    o->instructions = st.instructions;
    node_mpu_step_stats(n, &o->precise, &o->emulated);
    assert_int_equal(o->regs[15] & ~1u, done);
    assert_int_equal(m4_log_count(n), 0);          /* no fault */
}

static void assert_same(const outcome_t *a, const outcome_t *b)
{
    for (int r = 0; r < 16; r++)
        assert_int_equal(a->regs[r], b->regs[r]);
    assert_int_equal(a->xpsr, b->xpsr);
    assert_memory_equal(a->data, b->data, sizeof a->data);
    assert_int_equal(a->instructions, b->instructions);
    assert_int_equal(a->nstops, b->nstops);
    for (int i = 0; i < a->nstops; i++) {
        assert_int_equal(a->stops[i].cycles, b->stops[i].cycles);
        assert_int_equal(a->stops[i].pc, b->stops[i].pc);
    }
}

static outcome_t got, want;

static void test_forms_match_open_page(void **state)
{
    node_t *open = data_node(forms_code, sizeof forms_code, false, false, NULL);
    node_t *cut = data_node(forms_code, sizeof forms_code, true, false, NULL);
    run_to(open, FORMS_DONE, &want);
    run_to(cut, FORMS_DONE, &got);
    assert_int_equal(want.precise, 0);
    assert_int_equal(got.precise, FORMS_STEPS);    /* each load/store a precise step */
    assert_int_equal(got.emulated, FORMS_STEPS);   /* all executed in C */
    assert_same(&got, &want);
    node_destroy(open);
    node_destroy(cut);
}

static void test_hooked_steps_match_open_page(void **state)
{
    node_t *open = data_node(hooked_code, sizeof hooked_code, false, false, NULL);
    node_t *cut = data_node(hooked_code, sizeof hooked_code, true, false, NULL);
    run_to(open, HOOKED_DONE, &want);
    run_to(cut, HOOKED_DONE, &got);
    assert_int_equal(got.precise, 4);
    assert_int_equal(got.emulated, 1);             /* the plain ldr */
    assert_same(&got, &want);
    node_destroy(open);
    node_destroy(cut);
}

static void test_privileged_steps_fill_tiny_code_buffer(void **state)
{
    const uint32_t rounds = 3000;
    node_t *n;

    n = data_node(loop_code, sizeof loop_code, false, true, "1");
    node_set_reg(n, UC_ARM_REG_R2, rounds);
    node_set_reg(n, UC_ARM_REG_R6, DATA + 0x10);
    run_to(n, LOOP_DONE, &want);
    node_destroy(n);
    assert_int_equal(want.precise, 0);

    for (int i = 0; i < 2; i++) {
        n = data_node(loop_code, sizeof loop_code, true, true, i == 0 ? "1" : "64");
        node_set_reg(n, UC_ARM_REG_R2, rounds);
        node_set_reg(n, UC_ARM_REG_R6, DATA + 0x10);
        run_to(n, LOOP_DONE, &got);
        node_destroy(n);
        assert_int_equal(got.precise, 3 * rounds + 1);
        assert_int_equal(got.emulated, 0);            /* privileged: run on Unicorn */
        assert_same(&got, &want);
    }
}

/* After every run Unicorn looks up the block at uc_emu_start's `until`
 * (sim/node_priv.h: NODE_NO_UNTIL), whose page the TLB then keeps open for
 * fetches; a guest fetch there is still execute-never: MemManage. */
static void test_fetch_from_until_page_is_execute_never(void **state)
{
    static const uint16_t spin[] = { 0xE7FE };      /* b . */
    node_t *n = m4_node(CODE);
    node_write_mem(n, CODE, spin, sizeof spin);
    nvic_set_enabled(&node_scs(n)->nvic, EXC_MEMMANAGE, true);
    node_run_until(n, 100);
    node_run_until(n, 200);                         /* the page's entry exists now */
    node_set_reg(n, UC_ARM_REG_PC, 0xFFFFF000u | 1u);
    node_run_until(n, 300);
    assert_true(m4_log_count(n) >= 1);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_MEMMANAGE);
    assert_true(node_scs(n)->scb.cfsr & CFSR_IACCVIOL);
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_match_open_page),
        cmocka_unit_test(test_hooked_steps_match_open_page),
        cmocka_unit_test(test_privileged_steps_fill_tiny_code_buffer),
        cmocka_unit_test(test_fetch_from_until_page_is_execute_never),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
