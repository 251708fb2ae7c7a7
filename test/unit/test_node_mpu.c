/*
 * test_node_mpu.c - the MPU enforced on a running node (sim/node_mem.c +
 * sim/cortexm.c) with the hand-assembled image of m4_image.s: unprivileged
 * accesses at region and subregion edges, byte-exact inside a 1 KiB page,
 * MMFAR, undoing a denied store, stacking onto a protected stack
 * (MSTKERR), and the privileged background map (PRIVDEFENA).
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
#define CTRL_ENABLE 1u
#define CTRL_PRIVDEFENA 4u

static void region(node_t *n, unsigned r, uint32_t base, uint32_t rasr)
{
    mpu_t *m = &node_scs(n)->mpu;
    mpu_write(m, 0x0C, base | 0x10 | r, NULL);
    mpu_write(m, 0x10, rasr, NULL);
}

/* Flash RO for all, a 4 KiB stack at 0x20007000 RW for all, a 256-byte
 * data region at 0x20004000 (RW, last 32-byte subregion off), MemManage
 * enabled; thread code unprivileged on MSP. */
static node_t *mpu_node(uint32_t entry, uint32_t ctrl, bool unprivileged)
{
    node_t *n = m4_node(entry);
    region(n, 0, 0x00000000, RASR_EN | RASR_SIZE(19) | RASR_AP(6));
    region(n, 1, 0x20007000, RASR_EN | RASR_SIZE(12) | RASR_AP(3));
    region(n, 2, 0x20004000, RASR_EN | RASR_SIZE(8) | RASR_AP(3) | RASR_SRD(0x80));
    mpu_write(&node_scs(n)->mpu, 0x04, ctrl, NULL);
    nvic_set_enabled(&node_scs(n)->nvic, EXC_MEMMANAGE, true);
    if (unprivileged)
        node_set_reg(n, UC_ARM_REG_CONTROL, 1);
    return n;
}

/* One unprivileged word store at addr: 0 when it went through, else the
 * exception that took it. */
static int store_at(uint32_t addr, uint32_t ctrl, bool unprivileged, node_t **out)
{
    node_t *n = mpu_node(M4_FLASH_WRITE_THREAD, ctrl, unprivileged);
    node_set_reg(n, UC_ARM_REG_R4, addr);
    node_set_reg(n, UC_ARM_REG_R5, 0xA5A5A5A5);
    node_run_until(n, 40);
    *out = n;
    return m4_log_count(n) ? (int)m4_log(n, 0).ipsr : 0;
}

static void test_region_and_subregion_edges(void **state)
{
    static const struct { uint32_t addr; bool ok; } probes[] = {
        { 0x20004000, true },  { 0x20003FFC, false },  /* region start */
        { 0x200040DC, true },  { 0x200040E0, false },  /* SRD bit 7 */
        { 0x200040FC, false }, { 0x20004100, false },  /* region end */
        { 0x20007FFC, true },  { 0x20008000, false },
    };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        node_t *n;
        int exc = store_at(probes[i].addr, CTRL_ENABLE | CTRL_PRIVDEFENA, true, &n);
        if (probes[i].ok) {
            assert_int_equal(exc, 0);
            assert_int_equal(m4_rd32(n, probes[i].addr), 0xA5A5A5A5);
        } else {
            assert_int_equal(exc, EXC_MEMMANAGE);
            assert_int_equal(node_scs(n)->scb.cfsr, CFSR_DACCVIOL | CFSR_MMARVALID);
            assert_int_equal(node_scs(n)->scb.mmfar, probes[i].addr);
            assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_FLASH_WRITE_THREAD);
            if (probes[i].addr != 0x20008000)
                assert_int_equal(m4_rd32(n, probes[i].addr), 0);
        }
        node_destroy(n);
    }
}

/* A denied store after an allowed one in the same block: the first stays,
 * the second never happens, the stacked PC is the second store's. */
static void test_denied_store_is_precise(void **state)
{
    node_t *n = mpu_node(M4_TWO_STORE_THREAD, CTRL_ENABLE | CTRL_PRIVDEFENA, true);
    node_set_reg(n, UC_ARM_REG_R4, 0x200040D8);
    node_set_reg(n, UC_ARM_REG_R6, 0x200040E4);
    node_set_reg(n, UC_ARM_REG_R5, 0x12345678);
    node_set_reg(n, UC_ARM_REG_R7, 0);
    node_run_until(n, 40);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_MEMMANAGE);
    assert_int_equal(m4_rd32(n, 0x200040D8), 0x12345678);
    assert_int_equal(m4_rd32(n, 0x200040E4), 0);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_TWO_STORE_THREAD + 4);
    assert_int_equal(node_scs(n)->scb.mmfar, 0x200040E4);
    node_destroy(n);
}

/* Exception entry onto a stack the MPU denies: MemManage MSTKERR, no
 * MMFAR. The derived MemManage escalates only when it is disabled or cannot
 * preempt the interrupted thread (ARM's MergeExcInfo, as QEMU); otherwise
 * the higher-priority of it and the SVC is taken, ties to the lower number
 * (MemManage), and the SVC stays pending. */
static void test_stacking_onto_protected_stack(void **state)
{
    node_t *n = mpu_node(M4_SVC_THREAD, CTRL_ENABLE | CTRL_PRIVDEFENA, false);
    node_set_reg(n, UC_ARM_REG_MSP, 0x20006000);          /* no region */
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);
    node_run_until(n, 30);
    assert_true(m4_log_count(n) >= 1);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_MEMMANAGE);
    assert_int_equal(m4_log(n, 0).lr, 0xFFFFFFF9);
    assert_true(node_scs(n)->scb.cfsr & CFSR_MSTKERR);
    assert_false(node_scs(n)->scb.cfsr & CFSR_MMARVALID);
    assert_int_equal(node_scs(n)->scb.hfsr & HFSR_FORCED, 0);
    assert_true(node_scs(n)->nvic.pending[EXC_SVCALL]);
    node_destroy(n);

    /* MemManage disabled: escalated to HardFault FORCED. */
    n = mpu_node(M4_SVC_THREAD, CTRL_ENABLE | CTRL_PRIVDEFENA, false);
    node_scs(n)->nvic.enabled[EXC_MEMMANAGE] = false;
    node_set_reg(n, UC_ARM_REG_MSP, 0x20006000);
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);
    node_run_until(n, 30);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);
    assert_true(node_scs(n)->scb.cfsr & CFSR_MSTKERR);
    assert_int_equal(node_scs(n)->scb.hfsr & HFSR_FORCED, HFSR_FORCED);
    node_destroy(n);

    n = mpu_node(M4_SVC_THREAD, CTRL_ENABLE | CTRL_PRIVDEFENA, false);
    node_scs(n)->nvic.prio[EXC_SVCALL] = 0x80;
    node_set_reg(n, UC_ARM_REG_MSP, 0x20006000);
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);
    node_run_until(n, 30);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_MEMMANAGE);
    assert_int_equal(node_scs(n)->scb.cfsr & CFSR_MSTKERR, CFSR_MSTKERR);
    assert_true(node_scs(n)->nvic.pending[EXC_SVCALL]);
    node_destroy(n);
}

/* Privileged code: the default map as background with PRIVDEFENA, no
 * access outside the regions without it. */
static void test_privileged_background(void **state)
{
    node_t *n;
    assert_int_equal(store_at(0x20006000, CTRL_ENABLE | CTRL_PRIVDEFENA, false, &n), 0);
    assert_int_equal(m4_rd32(n, 0x20006000), 0xA5A5A5A5);
    node_destroy(n);

    n = mpu_node(M4_FLASH_WRITE_THREAD, CTRL_ENABLE, false);
    /* The handler's log page, privileged only. */
    region(n, 3, 0x20000000, RASR_EN | RASR_SIZE(10) | RASR_AP(1));
    node_set_reg(n, UC_ARM_REG_R4, 0x20006000);
    node_run_until(n, 40);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_MEMMANAGE);
    assert_int_equal(node_scs(n)->scb.mmfar, 0x20006000);
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_and_subregion_edges),
        cmocka_unit_test(test_denied_store_is_precise),
        cmocka_unit_test(test_stacking_onto_protected_stack),
        cmocka_unit_test(test_privileged_background),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
