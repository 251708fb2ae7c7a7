/*
 * test_mpu_cut_page.c - a page that an MPU boundary cuts stays byte-exact
 * however often its allowed part is used (sim/node_mem.c's quick precise
 * path): thousands of unprivileged loads and stores next to the boundary
 * go through, then a store to the denied side of the same 1 KiB page
 * faults with its own PC and address. Under the old rule (page-exact after
 * 256 precise steps) that last store went through.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "m4_node.h"

#define RASR_EN 1u
#define RASR_SIZE(log2) ((uint32_t)((log2) - 1) << 1)
#define RASR_AP(ap) ((uint32_t)(ap) << 24)
#define RASR_SRD(m) ((uint32_t)(m) << 8)

#define CODE 0x00040000u          /* hand-assembled loop, outside m4_image */
#define DATA 0x20004000u          /* 256-byte region, top subregion off */

static void region(node_t *n, unsigned r, uint32_t base, uint32_t rasr)
{
    mpu_t *m = &node_scs(n)->mpu;
    mpu_write(m, 0x0C, base | 0x10 | r, NULL);
    mpu_write(m, 0x10, rasr, NULL);
}

/* r4 = allowed address, r6 = denied address (same page), r2 = rounds:
 *   loop: str r5,[r4]; ldr r1,[r4]; ldrd r8,r9,[r4,#-8]; push/pop-free;
 *         subs r2,#1; bne loop; str r5,[r6]; b . */
static const uint16_t loop_code[] = {
    0x6025,                 /* str r5, [r4] */
    0x6821,                 /* ldr r1, [r4] */
    0xE954, 0x8902,         /* ldrd r8, r9, [r4, #-8] */
    0x3A01,                 /* subs r2, #1 */
    0xD1F9,                 /* bne loop */
    0x6035,                 /* str r5, [r6]  (CODE + 12) */
    0xE7FE,                 /* b . */
};

static node_t *cut_node(uint32_t rounds, uint32_t allowed, uint32_t denied)
{
    node_t *n = m4_node(CODE);
    node_write_mem(n, CODE, loop_code, sizeof loop_code);
    region(n, 0, 0x00000000, RASR_EN | RASR_SIZE(19) | RASR_AP(6));
    region(n, 1, 0x20007000, RASR_EN | RASR_SIZE(12) | RASR_AP(3));
    region(n, 2, DATA, RASR_EN | RASR_SIZE(8) | RASR_AP(3) | RASR_SRD(0x80));
    mpu_write(&node_scs(n)->mpu, 0x04, 1u | 4u, NULL);       /* ENABLE, PRIVDEFENA */
    nvic_set_enabled(&node_scs(n)->nvic, EXC_MEMMANAGE, true);
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);                    /* unprivileged */
    node_set_reg(n, UC_ARM_REG_R2, rounds);
    node_set_reg(n, UC_ARM_REG_R4, allowed);
    node_set_reg(n, UC_ARM_REG_R5, 0xC0FFEE00);
    node_set_reg(n, UC_ARM_REG_R6, denied);
    return n;
}

/* Runs until the first fault is logged (the handler returns to the store,
 * which faults again: the log must not overrun RAM). */
static void run_to_fault(node_t *n)
{
    for (uint64_t t = 1000; m4_log_count(n) == 0 && t < 10000000; t += 1000)
        node_run_until(n, t);
}

static void expect_fault_at_final_store(node_t *n, uint32_t denied, uint32_t rounds)
{
    assert_true(m4_log_count(n) >= 1);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_MEMMANAGE);
    assert_int_equal(node_scs(n)->scb.cfsr, CFSR_DACCVIOL | CFSR_MMARVALID);
    assert_int_equal(node_scs(n)->scb.mmfar, denied);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), CODE + 12);   /* stacked PC */
    assert_int_equal(m4_rd32(n, denied), 0);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0);           /* every round ran */
    (void)rounds;
}

/* 3000 rounds x 3 precise instructions right below the subregion edge,
 * then the store just above it. */
static void test_hammered_cut_page_stays_exact(void **state)
{
    const uint32_t rounds = 3000, allowed = DATA + 0xDC, denied = DATA + 0xE0;
    node_t *n = cut_node(rounds, allowed, denied);
    run_to_fault(n);
    assert_int_equal(m4_rd32(n, allowed), 0xC0FFEE00);
    assert_int_equal(node_reg(n, UC_ARM_REG_R1), 0xC0FFEE00);
    expect_fault_at_final_store(n, denied, rounds);
    node_destroy(n);
}

/* The denied side far from the edge (other end of the same page), and an
 * unaligned word straddling the edge: the faulting beat is reported. */
static void test_denied_side_anywhere_in_page(void **state)
{
    node_t *n = cut_node(2000, DATA + 0x10, DATA + 0x3FC);
    run_to_fault(n);
    expect_fault_at_final_store(n, DATA + 0x3FC, 2000);
    node_destroy(n);

    n = cut_node(2000, DATA + 0x10, DATA + 0xDE);              /* bytes 0xDE-0xE1 */
    run_to_fault(n);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_MEMMANAGE);
    assert_int_equal(node_scs(n)->scb.mmfar, DATA + 0xE0);
    assert_int_equal(m4_rd32(n, DATA + 0xDC), 0);              /* nothing of it stored */
    node_destroy(n);
}

/* Past the hot-page threshold (16384 precise steps): by default the page
 * turns page-exact and the final store to its denied side is missed (the
 * documented speed trade-off); with node_set_mpu_exact (--mpu-exact) it
 * still faults precisely. 6000 rounds x 3 steps = 18000 steps. */
static void test_hot_page_default_vs_exact(void **state)
{
    const uint32_t rounds = 6000, allowed = DATA + 0xDC, denied = DATA + 0xE0;
    node_t *n = cut_node(rounds, allowed, denied);
    node_set_mpu_exact(n, true);
    run_to_fault(n);
    expect_fault_at_final_store(n, denied, rounds);
    node_destroy(n);

    n = cut_node(rounds, allowed, denied);
    for (uint64_t t = 1000; node_reg(n, UC_ARM_REG_R2) != 0 && t < 10000000; t += 1000)
        node_run_until(n, t);
    node_run_until(n, node_now(n) + 1000);
    assert_int_equal(node_reg(n, UC_ARM_REG_R2), 0);
    assert_int_equal(m4_log_count(n), 0);                    /* the fault was missed */
    assert_int_equal(m4_rd32(n, denied), 0xC0FFEE00);        /* and the store landed */
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hammered_cut_page_stays_exact),
        cmocka_unit_test(test_denied_side_anywhere_in_page),
        cmocka_unit_test(test_hot_page_default_vs_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
