/*
 * test_traps.c - the UsageFaults ctock-sim adds to Unicorn (sim/node_trap.c):
 * DIVBYZERO with CCR.DIV_0_TRP, UNALIGNED for LDRD/STRD/LDM/STM (always) and
 * single loads/stores with CCR.UNALIGN_TRP, NOCP for FP instructions while
 * CPACR denies CP10/CP11. Each case runs a hand-assembled snippet (bytes
 * from arm-none-eabi-as, listed next to them) at CODE in flash on the
 * m4_node fixture, whose handlers log {IPSR, LR, SP, PSP}. The snippets end
 * `movs r7, #1; b .`: r7 = 1 means the instruction under test completed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "m4_node.h"

#define CODE 0x1000u
#define DATA 0x20001000u
#define FRAME 0x20007FE0u
#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP (1u << 4)
#define TAIL 0x01, 0x27, 0xfe, 0xe7     /* movs r7, #1; b . */

static const uint8_t udiv_code[] = { 0xb0, 0xfb, 0xf1, 0xf2, TAIL };   /* udiv r2, r0, r1 */
/* str r5, [r6]; sdiv r2, r0, r1; str r5, [r6, #4] */
static const uint8_t sdiv_code[] = { 0x35, 0x60, 0x90, 0xfb, 0xf1, 0xf2, 0x75, 0x60, TAIL };
/* cmp r1, #0; it ne; udivne r2, r0, r1 */
static const uint8_t udiv_it_code[] = { 0x00, 0x29, 0x18, 0xbf, 0xb0, 0xfb, 0xf1, 0xf2, TAIL };
static const uint8_t ldr_code[] = { 0x22, 0x68, TAIL };                /* ldr r2, [r4] */
static const uint8_t strw_code[] = { 0xc4, 0xf8, 0x02, 0x50, TAIL };   /* str.w r5, [r4, #2] */
static const uint8_t ldrh_reg_code[] = { 0x34, 0xf8, 0x11, 0x20, TAIL };   /* ldrh.w r2, [r4, r1, lsl #1] */
static const uint8_t ldrd_code[] = { 0xd4, 0xe9, 0x02, 0x23, TAIL };   /* ldrd r2, r3, [r4, #8] */
static const uint8_t strd_code[] = { 0xc4, 0xe9, 0x00, 0x23, TAIL };   /* strd r2, r3, [r4] */
static const uint8_t ldm_code[] = { 0x0c, 0xcc, TAIL };                /* ldmia r4!, {r2, r3} */
static const uint8_t stm_code[] = { 0x84, 0xe8, 0x0c, 0x00, TAIL };    /* stmia.w r4, {r2, r3} */
/* vldr s0, [r4]; vmov r2, s0 */
static const uint8_t vldr_code[] = { 0x94, 0xed, 0x00, 0x0a, 0x10, 0xee, 0x10, 0x2a, TAIL };
static const uint8_t vmov_code[] = { 0x00, 0xee, 0x90, 0x0a, TAIL };   /* vmov s1, r0 */
/* str r5, [r6]; dsb; isb; udiv r2, r0, r1: the guest turns the trap on */
static const uint8_t ccr_code[] = { 0x35, 0x60, 0xbf, 0xf3, 0x4f, 0x8f, 0xbf, 0xf3, 0x6f, 0x8f,
                                    0xb0, 0xfb, 0xf1, 0xf2, TAIL };

static int faults_seen;
static fault_info_t last_fault;
static void on_fault(void *ctx, uint64_t cycle, const fault_info_t *f)
{
    if (faults_seen++ == 0)
        last_fault = *f;
}
static const observer_t fault_obs = { .fault = on_fault };

static scb_t *scb_of(node_t *n) { return &node_scs(n)->scb; }

/* A node about to run `code` at CODE in privileged thread mode, with
 * UsageFault enabled and the given CCR trap bits. */
static node_t *snippet(const uint8_t *code, size_t len, uint32_t ccr_bits)
{
    node_t *n = m4_node(M4_SPIN);
    node_write_mem(n, CODE, code, len);
    node_set_reg(n, UC_ARM_REG_PC, CODE);
    nvic_set_enabled(&node_scs(n)->nvic, EXC_USAGEFAULT, true);
    scb_of(n)->ccr |= ccr_bits;
    node_set_reg(n, UC_ARM_REG_R2, 0x5555AAAA);
    node_set_reg(n, UC_ARM_REG_R3, 0x3333CCCC);
    faults_seen = 0;
    node_add_observer(n, &fault_obs);
    return n;
}

/* The first fault was a UsageFault with `bits` at pc, and nothing of the
 * instruction (nor what follows) happened. */
static void assert_trapped(node_t *n, uint32_t bits, uint32_t pc)
{
    assert_true(m4_log_count(n) >= 1);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_USAGEFAULT);
    assert_int_equal(scb_of(n)->cfsr, bits);
    assert_int_equal(m4_rd32(n, FRAME + 24), pc);
    assert_int_equal(faults_seen >= 1, 1);
    assert_int_equal(last_fault.exception, EXC_USAGEFAULT);
    assert_int_equal(last_fault.cfsr, bits);
    assert_int_equal(last_fault.pc, pc);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 0);
}

static void assert_not_trapped(node_t *n)
{
    assert_int_equal(m4_log_count(n), 0);
    assert_int_equal(scb_of(n)->cfsr, 0);
    assert_int_equal(faults_seen, 0);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 1);
}

static void test_div_by_zero_traps_only_with_div0_trp(void **state)
{
    node_t *n = snippet(udiv_code, sizeof udiv_code, 0);     /* trap off: result 0 */
    node_set_reg(n, UC_ARM_REG_R0, 42);
    node_set_reg(n, UC_ARM_REG_R1, 0);
    node_run_until(n, 50);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0);
    node_destroy(n);

    n = snippet(udiv_code, sizeof udiv_code, CCR_DIV_0_TRP);
    node_set_reg(n, UC_ARM_REG_R0, 42);
    node_set_reg(n, UC_ARM_REG_R1, 0);
    node_run_until(n, 50);
    assert_trapped(n, CFSR_DIVBYZERO, CODE);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x5555AAAA);   /* not written */
    node_destroy(n);

    n = snippet(udiv_code, sizeof udiv_code, CCR_DIV_0_TRP);  /* non-zero: runs */
    node_set_reg(n, UC_ARM_REG_R0, 42);
    node_set_reg(n, UC_ARM_REG_R1, 5);
    node_run_until(n, 50);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 8);
    node_destroy(n);
}

/* sdiv mid-block: the store before it happened, the one after did not;
 * the stacked PC is the sdiv's, not the block's. */
static void test_sdiv_mid_block_is_precise(void **state)
{
    node_t *n = snippet(sdiv_code, sizeof sdiv_code, CCR_DIV_0_TRP);
    node_stats_t st;
    node_set_reg(n, UC_ARM_REG_R0, (uint32_t)-7);
    node_set_reg(n, UC_ARM_REG_R1, 0);
    node_set_reg(n, UC_ARM_REG_R5, 0xA5A5A5A5);
    node_set_reg(n, UC_ARM_REG_R6, DATA);
    node_run_until(n, 1);                       /* only the first block */
    node_run_until(n, 30);
    assert_trapped(n, CFSR_DIVBYZERO, CODE + 2);
    assert_int_equal(m4_rd32(n, DATA), 0xA5A5A5A5);
    assert_int_equal(m4_rd32(n, DATA + 4), 0);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x5555AAAA);
    node_stats(n, &st);
    assert_int_equal(st.cycles, st.instructions);
    node_destroy(n);

    n = snippet(sdiv_code, sizeof sdiv_code, CCR_DIV_0_TRP);
    node_set_reg(n, UC_ARM_REG_R0, (uint32_t)-7);
    node_set_reg(n, UC_ARM_REG_R1, 2);
    node_set_reg(n, UC_ARM_REG_R6, DATA);
    node_run_until(n, 30);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), (uint32_t)-3);
    node_destroy(n);
}

/* `it ne; udivne` with a zero divisor: the condition fails, no trap. */
static void test_conditional_divide_skipped_does_not_trap(void **state)
{
    node_t *n = snippet(udiv_it_code, sizeof udiv_it_code, CCR_DIV_0_TRP);
    node_set_reg(n, UC_ARM_REG_R0, 42);
    node_set_reg(n, UC_ARM_REG_R1, 0);
    node_run_until(n, 50);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x5555AAAA);
    node_destroy(n);

    n = snippet(udiv_it_code, sizeof udiv_it_code, CCR_DIV_0_TRP);
    node_set_reg(n, UC_ARM_REG_R0, 42);
    node_set_reg(n, UC_ARM_REG_R1, 6);
    node_run_until(n, 50);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 7);
    node_destroy(n);
}

/* The guest sets CCR.DIV_0_TRP itself (str; dsb; isb) and divides by 0. */
static void test_guest_enables_div0_trap(void **state)
{
    node_t *n = snippet(ccr_code, sizeof ccr_code, 0);
    node_set_reg(n, UC_ARM_REG_R0, 1);
    node_set_reg(n, UC_ARM_REG_R1, 0);
    node_set_reg(n, UC_ARM_REG_R5, CCR_STKALIGN | CCR_DIV_0_TRP);
    node_set_reg(n, UC_ARM_REG_R6, 0xE000ED14);
    node_run_until(n, 50);
    assert_trapped(n, CFSR_DIVBYZERO, CODE + 10);
    node_destroy(n);
}

/* With UsageFault disabled the trap escalates to HardFault FORCED. */
static void test_div_trap_escalates(void **state)
{
    node_t *n = snippet(udiv_code, sizeof udiv_code, CCR_DIV_0_TRP);
    nvic_set_enabled(&node_scs(n)->nvic, EXC_USAGEFAULT, false);
    node_set_reg(n, UC_ARM_REG_R1, 0);
    node_run_until(n, 50);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);
    assert_int_equal(scb_of(n)->cfsr, CFSR_DIVBYZERO);
    assert_int_equal(scb_of(n)->hfsr, HFSR_FORCED);
    assert_int_equal(m4_rd32(n, FRAME + 24), CODE);
    node_destroy(n);
}

static void test_unaligned_ldr_traps_only_with_unalign_trp(void **state)
{
    uint32_t words[2] = { 0x44332211, 0x88776655 };
    node_t *n = snippet(ldr_code, sizeof ldr_code, 0);         /* allowed */
    node_write_mem(n, DATA, words, sizeof words);
    node_set_reg(n, UC_ARM_REG_R4, DATA + 1);
    node_run_until(n, 50);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x55443322);
    node_destroy(n);

    n = snippet(ldr_code, sizeof ldr_code, CCR_UNALIGN_TRP);
    node_set_reg(n, UC_ARM_REG_R4, DATA + 1);
    node_run_until(n, 50);
    assert_trapped(n, CFSR_UNALIGNED, CODE);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x5555AAAA);
    node_destroy(n);

    n = snippet(ldr_code, sizeof ldr_code, CCR_UNALIGN_TRP);   /* aligned: never */
    node_write_mem(n, DATA, words, sizeof words);
    node_set_reg(n, UC_ARM_REG_R4, DATA + 4);
    node_run_until(n, 50);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x88776655);
    node_destroy(n);
}

/* A trapped store writes nothing; halfword accesses need 2-byte alignment
 * (register offset with shift). */
static void test_unaligned_store_and_halfword(void **state)
{
    node_t *n = snippet(strw_code, sizeof strw_code, CCR_UNALIGN_TRP);
    node_set_reg(n, UC_ARM_REG_R4, DATA);                      /* DATA + 2 */
    node_set_reg(n, UC_ARM_REG_R5, 0xFFFFFFFF);
    node_run_until(n, 50);
    assert_trapped(n, CFSR_UNALIGNED, CODE);
    assert_int_equal(m4_rd32(n, DATA), 0);
    assert_int_equal(m4_rd32(n, DATA + 4), 0);
    node_destroy(n);

    n = snippet(ldrh_reg_code, sizeof ldrh_reg_code, CCR_UNALIGN_TRP);
    node_set_reg(n, UC_ARM_REG_R4, DATA + 1);                  /* + r1 * 2: odd */
    node_set_reg(n, UC_ARM_REG_R1, 3);
    node_run_until(n, 50);
    assert_trapped(n, CFSR_UNALIGNED, CODE);
    node_destroy(n);

    n = snippet(ldrh_reg_code, sizeof ldrh_reg_code, CCR_UNALIGN_TRP);
    node_set_reg(n, UC_ARM_REG_R4, DATA + 2);                  /* halfword-aligned: fine */
    node_set_reg(n, UC_ARM_REG_R1, 3);
    node_run_until(n, 50);
    assert_not_trapped(n);
    node_destroy(n);
}

/* LDRD/STRD/LDM/STM need word alignment whatever CCR says. */
static void test_unaligned_ldrd_ldm_always_trap(void **state)
{
    static const struct { const uint8_t *code; size_t len; } cases[] = {
        { ldrd_code, sizeof ldrd_code }, { strd_code, sizeof strd_code },
        { ldm_code, sizeof ldm_code }, { stm_code, sizeof stm_code },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        node_t *n = snippet(cases[i].code, cases[i].len, 0);
        node_set_reg(n, UC_ARM_REG_R4, DATA + 2);
        node_run_until(n, 50);
        assert_trapped(n, CFSR_UNALIGNED, CODE);
        assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x5555AAAA);
        assert_int_equal(node_reg(n, UC_ARM_REG_R3), 0x3333CCCC);
        assert_int_equal(node_reg(n, UC_ARM_REG_R4), DATA + 2);   /* no writeback */
        for (uint32_t a = DATA; a < DATA + 16; a += 4)
            assert_int_equal(m4_rd32(n, a), 0);                   /* no store */
        node_destroy(n);

        n = snippet(cases[i].code, cases[i].len, CCR_UNALIGN_TRP);   /* aligned: fine */
        node_set_reg(n, UC_ARM_REG_R4, DATA);
        node_run_until(n, 50);
        assert_not_trapped(n);
        node_destroy(n);
    }
}

static void test_fp_without_cpacr_is_nocp(void **state)
{
    uint32_t one = 0x3F800000;
    node_t *n = snippet(vldr_code, sizeof vldr_code, 0);       /* CPACR = 0 at reset */
    node_set_reg(n, UC_ARM_REG_R4, DATA);
    node_run_until(n, 50);
    assert_trapped(n, CFSR_NOCP, CODE);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0x5555AAAA);
    node_destroy(n);

    n = snippet(vmov_code, sizeof vmov_code, 0);
    node_run_until(n, 50);
    assert_trapped(n, CFSR_NOCP, CODE);
    node_destroy(n);

    n = snippet(vldr_code, sizeof vldr_code, 0);               /* CP10/CP11 full access */
    scb_of(n)->cpacr = 0x00F00000;
    node_write_mem(n, DATA, &one, 4);
    node_set_reg(n, UC_ARM_REG_R4, DATA);
    node_run_until(n, 50);
    assert_not_trapped(n);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), one);
    node_destroy(n);

    n = snippet(vmov_code, sizeof vmov_code, 0);               /* privileged only */
    scb_of(n)->cpacr = 0x00500000;
    node_run_until(n, 50);
    assert_not_trapped(n);
    node_destroy(n);

    n = snippet(vmov_code, sizeof vmov_code, 0);
    scb_of(n)->cpacr = 0x00500000;
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);                    /* unprivileged */
    node_run_until(n, 50);
    assert_trapped(n, CFSR_NOCP, CODE);
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_div_by_zero_traps_only_with_div0_trp),
        cmocka_unit_test(test_sdiv_mid_block_is_precise),
        cmocka_unit_test(test_conditional_divide_skipped_does_not_trap),
        cmocka_unit_test(test_guest_enables_div0_trap),
        cmocka_unit_test(test_div_trap_escalates),
        cmocka_unit_test(test_unaligned_ldr_traps_only_with_unalign_trp),
        cmocka_unit_test(test_unaligned_store_and_halfword),
        cmocka_unit_test(test_unaligned_ldrd_ldm_always_trap),
        cmocka_unit_test(test_fp_without_cpacr_is_nocp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
