/*
 * test_exceptions.c - the Cortex-M4 exception model (sim/cortexm.c + the node
 * run loop) on a real Unicorn instance running the hand-assembled image of
 * m4_image.s: frame layout, alignment, EXC_RETURN variants, SVC, tail
 * chaining, preemption, PRIMASK, faults and lockup.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "m4_node.h"

static nvic_t *nv_of(node_t *n) { return &node_scs(n)->nvic; }

static void enable_irq(node_t *n, int irq, uint8_t prio)
{
    nvic_set_enabled(nv_of(n), EXC_IRQ0 + irq, true);
    nv_of(n)->prio[EXC_IRQ0 + irq] = prio;
}

/* Thread code stores r5 to [r4]: STIR pends IRQ r5. */
static node_t *pend_from_thread(int irq)
{
    node_t *n = m4_node(M4_STORE_SPIN);
    node_set_reg(n, UC_ARM_REG_R4, STIR);
    node_set_reg(n, UC_ARM_REG_R5, (uint32_t)irq);
    return n;
}

static void test_irq_entry_frame_and_return(void **state)
{
    node_t *n = pend_from_thread(1);
    static const int regs[] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2,
                                UC_ARM_REG_R3, UC_ARM_REG_R12, UC_ARM_REG_LR };
    static const uint32_t vals[] = { 0x10, 0x11, 0x12, 0x13, 0x1C, 0xDEADBEEF };
    node_stats_t st;

    enable_irq(n, 1, 0x80);
    for (int i = 0; i < 6; i++)
        node_set_reg(n, regs[i], vals[i]);
    node_set_reg(n, UC_ARM_REG_XPSR, 0x91000000);       /* N, V, T */
    assert_int_equal(node_run_until(n, 500), NODE_RUN_TIME_REACHED);

    assert_int_equal(m4_log_count(n), 1);
    m4_log_entry_t e = m4_log(n, 0);
    assert_int_equal(e.ipsr, 17);
    assert_int_equal(e.lr, 0xFFFFFFF9);
    assert_int_equal(e.sp, 0x20007FE0);
    /* The 8-word frame: r0-r3, r12, lr, return address, xPSR. */
    for (int i = 0; i < 6; i++)
        assert_int_equal(m4_rd32(n, 0x20007FE0 + 4 * i), vals[i]);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_SPIN);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 28), 0x91000000);
    /* Back in thread mode with everything restored. */
    for (int i = 0; i < 6; i++)
        assert_int_equal(node_reg(n, regs[i]), vals[i]);
    assert_int_equal(node_reg(n, UC_ARM_REG_SP), 0x20008000);
    assert_int_equal(node_reg(n, UC_ARM_REG_IPSR), 0);
    assert_int_equal(node_reg(n, UC_ARM_REG_XPSR) & 0xF9000000, 0x91000000);
    assert_int_equal(node_reg(n, UC_ARM_REG_PC), M4_SPIN);
    assert_false(nv_of(n)->active[17]);
    node_stats(n, &st);
    assert_int_equal(st.exceptions, 1);
    assert_int_equal(st.cycles, st.instructions);
    node_destroy(n);
}

static void test_entry_aligns_frame_to_8(void **state)
{
    node_t *n = pend_from_thread(1);
    enable_irq(n, 1, 0x80);
    node_set_reg(n, UC_ARM_REG_SP, 0x20007FFC);         /* SP % 8 == 4 */
    node_run_until(n, 500);
    assert_int_equal(m4_log_count(n), 1);
    assert_int_equal(m4_log(n, 0).sp, 0x20007FD8);       /* 36 bytes below */
    assert_int_equal(m4_rd32(n, 0x20007FD8 + 28) & (1u << 9), 1u << 9);
    assert_int_equal(m4_rd32(n, 0x20007FD8 + 24), M4_SPIN);
    assert_int_equal(node_reg(n, UC_ARM_REG_SP), 0x20007FFC);
    node_destroy(n);
}

static void test_svc_from_thread_msp(void **state)
{
    node_t *n = m4_node(M4_SVC_THREAD);
    node_set_reg(n, UC_ARM_REG_R0, 5);
    node_run_until(n, 500);
    assert_int_equal(m4_log_count(n), 1);
    m4_log_entry_t e = m4_log(n, 0);
    assert_int_equal(e.ipsr, EXC_SVCALL);
    assert_int_equal(e.lr, 0xFFFFFFF9);
    assert_int_equal(e.sp, 0x20007FE0);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_SVC_THREAD + 2);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 6);     /* resumed after svc */
    assert_int_equal(node_reg(n, UC_ARM_REG_R8), 0x20008000);
    assert_int_equal(node_reg(n, UC_ARM_REG_R9), 0);
    node_destroy(n);
}

static void svc_on_psp(uint32_t control)
{
    node_t *n = m4_node(M4_SVC_THREAD);
    node_set_reg(n, UC_ARM_REG_CONTROL, 2);
    node_set_reg(n, UC_ARM_REG_PSP, 0x20004000);
    node_set_reg(n, UC_ARM_REG_CONTROL, control);
    node_set_reg(n, UC_ARM_REG_R0, 41);
    node_run_until(n, 500);
    assert_int_equal(m4_log_count(n), 1);
    m4_log_entry_t e = m4_log(n, 0);
    assert_int_equal(e.ipsr, EXC_SVCALL);
    assert_int_equal(e.lr, 0xFFFFFFFD);
    assert_int_equal(e.sp, 0x20008000);                  /* handler on MSP */
    assert_int_equal(e.psp, 0x20003FE0);                 /* frame on PSP */
    assert_int_equal(m4_rd32(n, 0x20003FE0), 41);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 42);
    assert_int_equal(node_reg(n, UC_ARM_REG_R8), 0x20004000);
    assert_int_equal(node_reg(n, UC_ARM_REG_R9), control);
    assert_int_equal(node_reg(n, UC_ARM_REG_CONTROL), control);
    assert_int_equal(node_reg(n, UC_ARM_REG_IPSR), 0);
    node_destroy(n);
}

static void test_svc_from_thread_psp(void **state) { svc_on_psp(2); }
static void test_svc_from_unprivileged_psp(void **state) { svc_on_psp(3); }

/* The Tock pattern: a handler returns with 0xFFFFFFFD into a frame it
 * prepared on the process stack. */
static void test_return_to_thread_psp_from_msp(void **state)
{
    node_t *n = pend_from_thread(2);
    uint32_t frame[8] = { 0xA0, 0xA1, 0xA2, 0xA3, 0xAC, 0xFFFFFFFF, M4_PSP_THREAD, 0x01000000 };
    enable_irq(n, 2, 0x80);
    node_write_mem(n, 0x20004000 - 32, frame, sizeof frame);
    node_set_reg(n, UC_ARM_REG_PSP, 0x20004000 - 32);
    node_run_until(n, 500);
    assert_int_equal(node_reg(n, UC_ARM_REG_R0), 0xA0);
    assert_int_equal(node_reg(n, UC_ARM_REG_R12), 0xAC);
    assert_int_equal(node_reg(n, UC_ARM_REG_R8), 0x20004000);
    assert_int_equal(node_reg(n, UC_ARM_REG_R9), 2);     /* SPSEL */
    assert_int_equal(node_reg(n, UC_ARM_REG_MSP), 0x20007FE0);
    assert_int_equal(node_reg(n, UC_ARM_REG_PC), M4_SPIN);
    node_destroy(n);
}

static void test_tail_chain_lower_priority(void **state)
{
    node_t *n = pend_from_thread(0);      /* IRQ0 handler pends IRQ1 */
    enable_irq(n, 0, 0x80);
    enable_irq(n, 1, 0xC0);
    node_run_until(n, 500);
    assert_int_equal(m4_log_count(n), 2);
    assert_int_equal(m4_log(n, 0).ipsr, 16);
    assert_int_equal(m4_log(n, 1).ipsr, 17);
    /* Chained, not nested: same frame, returns to thread. */
    assert_int_equal(m4_log(n, 1).lr, 0xFFFFFFF9);
    assert_int_equal(m4_log(n, 1).sp, 0x20007FE0);
    assert_int_equal(node_reg(n, UC_ARM_REG_SP), 0x20008000);
    assert_int_equal(node_reg(n, UC_ARM_REG_IPSR), 0);
    node_destroy(n);
}

static void test_preemption_by_higher_priority(void **state)
{
    node_t *n = pend_from_thread(0);
    enable_irq(n, 0, 0xC0);
    enable_irq(n, 1, 0x40);
    node_run_until(n, 500);
    assert_int_equal(m4_log_count(n), 2);
    m4_log_entry_t inner = m4_log(n, 0), outer = m4_log(n, 1);
    assert_int_equal(inner.ipsr, 17);
    assert_int_equal(inner.lr, 0xFFFFFFF1);              /* back to handler */
    /* irq0_handler pushed lr: SP 0x20007FDC, realigned to 0x20007FB8. */
    assert_int_equal(inner.sp, 0x20007FB8);
    assert_int_equal(m4_rd32(n, 0x20007FB8 + 28) & 0x3FF, (1u << 9) | 16);
    assert_int_equal(outer.ipsr, 16);
    assert_int_equal(m4_rd32(n, 0x20007FDC), 0xFFFFFFF9);   /* irq0's pushed lr */
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_SPIN);
    assert_int_equal(node_reg(n, UC_ARM_REG_SP), 0x20008000);
    node_destroy(n);
}

static void test_same_group_does_not_preempt(void **state)
{
    node_t *n = pend_from_thread(0);
    enable_irq(n, 0, 0xC0);
    enable_irq(n, 1, 0x40);
    nv_of(n)->prigroup = 7;               /* one group: no preemption */
    node_run_until(n, 500);
    assert_int_equal(m4_log_count(n), 2);
    assert_int_equal(m4_log(n, 0).ipsr, 16);
    assert_int_equal(m4_log(n, 1).ipsr, 17);
    assert_int_equal(m4_log(n, 1).lr, 0xFFFFFFF9);
    node_destroy(n);
}

static void test_primask_blocks_then_cpsie_delivers(void **state)
{
    node_t *n = m4_node(M4_PRIMASK_THREAD);
    enable_irq(n, 1, 0x80);
    node_set_reg(n, UC_ARM_REG_R4, STIR);
    node_set_reg(n, UC_ARM_REG_R5, 1);
    node_set_reg(n, UC_ARM_REG_R6, LOG_BASE);
    node_run_until(n, 500);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 0);     /* not while masked */
    assert_int_equal(m4_log_count(n), 1);
    assert_int_equal(m4_log(n, 0).ipsr, 17);
    /* Taken right after cpsie: the next instruction already sees it. */
    assert_int_equal(node_reg(n, UC_ARM_REG_R8), 1);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_PRIMASK_THREAD + 10);
    node_destroy(n);
}

/* ARMv7-M: an illegal EXC_RETURN takes UsageFault INVPC on the current
 * frame (tail-chained, nothing stacked) with LR = the illegal value; the
 * returning exception stays active. QEMU: HardFault, LR 0xFFFFFFF5. */
static void test_invalid_exc_return_is_invpc(void **state)
{
    node_t *n = pend_from_thread(3);
    enable_irq(n, 3, 0x80);
    node_run_until(n, 300);
    assert_true(m4_log_count(n) >= 1);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);  /* UsageFault disabled */
    assert_int_equal(m4_log(n, 0).lr, 0xFFFFFFF5);
    assert_int_equal(m4_log(n, 0).sp, 0x20007FE0);        /* IRQ3's frame, no new one */
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_SPIN);
    assert_true(nv_of(n)->active[EXC_IRQ0 + 3]);
    assert_true(node_scs(n)->scb.cfsr & CFSR_INVPC);
    assert_int_equal(node_scs(n)->scb.hfsr, HFSR_FORCED);
    node_destroy(n);

    n = pend_from_thread(3);
    enable_irq(n, 3, 0x80);
    nvic_set_enabled(nv_of(n), EXC_USAGEFAULT, true);    /* prio 0 beats 0x80 */
    node_run_until(n, 300);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_USAGEFAULT);
    assert_int_equal(m4_log(n, 0).lr, 0xFFFFFFF5);
    assert_int_equal(m4_log(n, 0).sp, 0x20007FE0);
    assert_true(node_scs(n)->scb.cfsr & CFSR_INVPC);
    node_destroy(n);
}

/* Unprivileged code cannot touch the System Control Space: precise
 * BusFault (QEMU: CFSR 0x00008200), the register unchanged. */
static void test_unprivileged_scs_is_busfault(void **state)
{
    node_t *n = m4_node(M4_FLASH_WRITE_THREAD);
    node_scs(n)->systick.csr = 0;
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);              /* unprivileged thread */
    node_set_reg(n, UC_ARM_REG_R4, 0xE000E010);          /* SYST_CSR */
    node_set_reg(n, UC_ARM_REG_R5, 7);
    nvic_set_enabled(nv_of(n), EXC_BUSFAULT, true);
    node_run_until(n, 200);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_BUSFAULT);
    assert_int_equal(node_scs(n)->scb.cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
    assert_int_equal(node_scs(n)->scb.bfar, 0xE000E010);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_FLASH_WRITE_THREAD);
    assert_int_equal(node_scs(n)->systick.csr & 7, 0);    /* not written */
    node_destroy(n);

    n = m4_node(M4_LOAD_THREAD);                          /* reads too */
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);
    node_set_reg(n, UC_ARM_REG_R4, 0xE000E100);          /* ISER0 */
    node_run_until(n, 200);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);
    assert_int_equal(node_scs(n)->scb.bfar, 0xE000E100);
    node_destroy(n);

    n = pend_from_thread(1);                              /* STIR with USERSETMPEND */
    enable_irq(n, 1, 0x80);
    node_scs(n)->scb.ccr |= 2;
    node_set_reg(n, UC_ARM_REG_CONTROL, 1);
    node_run_until(n, 300);
    assert_int_equal(m4_log(n, 0).ipsr, 17);
    assert_int_equal(node_scs(n)->scb.cfsr, 0);
    node_destroy(n);
}

/* A process SVC with a bad PSP: the derived fault is taken at once with
 * the process's EXC_RETURN; the SVC stays pending. */
static void test_stacking_failure_takes_derived_fault(void **state)
{
    for (int bf = 0; bf < 2; bf++) {
        node_t *n = m4_node(M4_SVC_THREAD);
        node_set_reg(n, UC_ARM_REG_CONTROL, 2);
        node_set_reg(n, UC_ARM_REG_PSP, 0x30000000);
        node_set_reg(n, UC_ARM_REG_CONTROL, 3);
        if (bf) {   /* the derived fault must be above the SVC to be taken */
            nvic_set_enabled(nv_of(n), EXC_BUSFAULT, true);
            nv_of(n)->prio[EXC_SVCALL] = 0x80;
        }
        node_run_until(n, 40);
        assert_true(m4_log_count(n) >= 1);
        assert_int_equal(m4_log(n, 0).ipsr, bf ? EXC_BUSFAULT : EXC_HARDFAULT);
        assert_int_equal(m4_log(n, 0).lr, 0xFFFFFFFD);
        assert_int_equal(m4_log(n, 0).psp, 0x30000000 - 32);
        assert_true(node_scs(n)->scb.cfsr & CFSR_STKERR);
        assert_int_equal(node_scs(n)->scb.hfsr, bf ? 0 : HFSR_FORCED);
        assert_true(nv_of(n)->pending[EXC_SVCALL]);
        assert_false(nv_of(n)->active[EXC_SVCALL]);
        node_destroy(n);
    }
}

/* Data faults stack the PC of the faulting instruction, not of its block. */
static void test_precise_fault_pc(void **state)
{
    node_t *n = m4_node(M4_MID_LOAD_THREAD);
    node_set_reg(n, UC_ARM_REG_R4, 0x30000000);
    node_run_until(n, 40);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_MID_LOAD_THREAD + 4);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 2);     /* later ones did not run */
    assert_int_equal(node_scs(n)->scb.bfar, 0x30000000);
    node_destroy(n);
}

/* A failed pop: BusFault UNSTKERR tail-chained with LR = the EXC_RETURN,
 * the returning exception deactivated. */
static void test_unstacking_failure(void **state)
{
    node_t *n = pend_from_thread(2);
    enable_irq(n, 2, 0x80);
    node_set_reg(n, UC_ARM_REG_PSP, 0x30000000);
    nvic_set_enabled(nv_of(n), EXC_BUSFAULT, true);
    node_run_until(n, 100);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_BUSFAULT);
    assert_int_equal(m4_log(n, 0).lr, 0xFFFFFFFD);
    assert_int_equal(m4_log(n, 0).psp, 0x30000000);
    assert_true(node_scs(n)->scb.cfsr & CFSR_UNSTKERR);
    assert_false(nv_of(n)->active[EXC_IRQ0 + 2]);
    node_destroy(n);
}

/* Execute-never default-map areas: MemManage IACCVIOL (QEMU: CFSR 0x1). */
static void test_xn_fetch_is_iaccviol(void **state)
{
    node_t *n = m4_node(M4_SPIN);
    node_set_reg(n, UC_ARM_REG_PC, 0x40000000);
    node_run_until(n, 40);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);
    assert_int_equal(node_scs(n)->scb.cfsr, CFSR_IACCVIOL);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), 0x40000000);
    node_destroy(n);
}

/* Returning with stacked xPSR.T = 0: INVSTATE at the return address,
 * with T = 0 in the new frame (QEMU: HardFault, CFSR 0x20000). */
static void test_return_with_t_clear_is_invstate(void **state)
{
    node_t *n = pend_from_thread(4);
    enable_irq(n, 4, 0x80);
    node_run_until(n, 100);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);
    assert_int_equal(m4_log(n, 0).lr, 0xFFFFFFF9);
    assert_int_equal(node_scs(n)->scb.cfsr, CFSR_INVSTATE);
    assert_int_equal(m4_rd32(n, m4_log(n, 0).sp + 24), M4_SPIN);
    assert_int_equal(m4_rd32(n, m4_log(n, 0).sp + 28) & (1u << 24), 0);
    node_destroy(n);
}

static int faults_seen;
static fault_info_t last_fault;
static void on_fault(void *ctx, uint64_t cycle, const fault_info_t *f)
{
    faults_seen++;
    last_fault = *f;
}
static const observer_t fault_obs = { .fault = on_fault };

static void test_fault_observer(void **state)
{
    node_t *n = m4_node(M4_MID_LOAD_THREAD);
    faults_seen = 0;
    node_add_observer(n, &fault_obs);
    node_set_reg(n, UC_ARM_REG_R4, 0x30000000);
    nvic_set_enabled(nv_of(n), EXC_BUSFAULT, true);
    node_run_until(n, 12);
    assert_int_equal(faults_seen, 1);
    assert_int_equal(last_fault.exception, EXC_BUSFAULT);
    assert_int_equal(last_fault.cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
    assert_int_equal(last_fault.bfar, 0x30000000);
    assert_int_equal(last_fault.pc, M4_MID_LOAD_THREAD + 4);
    assert_int_equal(last_fault.r[4], 0x30000000);
    assert_int_equal(last_fault.sp, 0x20008000);
    assert_true(last_fault.thread_mode);
    assert_true(last_fault.privileged);
    assert_false(last_fault.lockup);
    node_destroy(n);
}

static void test_flash_write_is_busfault(void **state)
{
    node_t *n = m4_node(M4_FLASH_WRITE_THREAD);
    node_set_reg(n, UC_ARM_REG_R4, 0x1000);
    node_set_reg(n, UC_ARM_REG_R5, 0x12345678);
    node_run_until(n, 200);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_HARDFAULT);
    assert_int_equal(node_scs(n)->scb.cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
    assert_int_equal(node_scs(n)->scb.bfar, 0x1000);
    assert_int_equal(node_scs(n)->scb.hfsr, HFSR_FORCED);
    assert_int_equal(m4_rd32(n, 0x1000), 0xFFFFFFFF);    /* flash unchanged */
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_FLASH_WRITE_THREAD);
    node_destroy(n);

    n = m4_node(M4_FLASH_WRITE_THREAD);
    node_set_reg(n, UC_ARM_REG_R4, 0x1000);
    nvic_set_enabled(nv_of(n), EXC_BUSFAULT, true);
    node_run_until(n, 200);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_BUSFAULT);
    node_destroy(n);
}

static void test_unmapped_read_is_busfault(void **state)
{
    node_t *n = m4_node(M4_LOAD_THREAD);
    node_set_reg(n, UC_ARM_REG_R4, 0x50000000);
    nvic_set_enabled(nv_of(n), EXC_BUSFAULT, true);
    node_run_until(n, 200);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_BUSFAULT);
    assert_int_equal(node_scs(n)->scb.bfar, 0x50000000);
    node_destroy(n);
}

static void test_undefined_instruction(void **state)
{
    node_t *n = m4_node(M4_UDF_THREAD);
    nvic_set_enabled(nv_of(n), EXC_USAGEFAULT, true);
    node_run_until(n, 200);
    assert_int_equal(m4_log(n, 0).ipsr, EXC_USAGEFAULT);
    assert_int_equal(node_scs(n)->scb.cfsr, CFSR_UNDEFINSTR);
    assert_int_equal(m4_rd32(n, 0x20007FE0 + 24), M4_UDF_THREAD);
    node_destroy(n);
}

static void test_fault_in_hardfault_is_lockup(void **state)
{
    node_t *n = m4_node(M4_UDF_THREAD);
    uint32_t hf = M4_UDF_THREAD | 1;
    node_write_mem(n, 4 * EXC_HARDFAULT, &hf, 4);
    assert_int_equal(node_run_until(n, 1000), NODE_RUN_LOCKUP);
    assert_int_equal(node_reg(n, UC_ARM_REG_IPSR), EXC_HARDFAULT);
    assert_int_equal(node_run_until(n, 2000), NODE_RUN_LOCKUP);
    node_destroy(n);
}

static void test_erased_flash_locks_up_cleanly(void **state)
{
    const char *err;
    node_t *n = node_create(&m4_board, 0, &err);
    assert_non_null(n);
    assert_int_equal(node_run_until(n, 1000), NODE_RUN_LOCKUP);
    node_destroy(n);
}

static void test_wfe_is_a_hint(void **state)
{
    node_t *n = m4_node(M4_WFE_THREAD);
    node_run_until(n, 100);
    assert_int_equal(node_reg(n, UC_ARM_REG_R7), 42);
    assert_int_equal(m4_log_count(n), 0);
    node_destroy(n);
}

static void test_host_memory_access(void **state)
{
    node_t *n = m4_node(M4_SPIN);
    uint32_t v = 0xCAFEF00D, r = 0;
    assert_int_equal(node_write_mem(n, 0x2000, &v, 4), 0);   /* flash: host may */
    assert_int_equal(node_read_mem(n, 0x2000, &r, 4), 0);
    assert_int_equal(r, 0xCAFEF00D);
    assert_int_equal(node_write_mem(n, 0x30000000, &v, 4), -1);
    assert_int_equal(node_write_mem(n, 0x2000FFFE, &v, 4), -1);  /* crosses the end */
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_irq_entry_frame_and_return),
        cmocka_unit_test(test_entry_aligns_frame_to_8),
        cmocka_unit_test(test_svc_from_thread_msp),
        cmocka_unit_test(test_svc_from_thread_psp),
        cmocka_unit_test(test_svc_from_unprivileged_psp),
        cmocka_unit_test(test_return_to_thread_psp_from_msp),
        cmocka_unit_test(test_tail_chain_lower_priority),
        cmocka_unit_test(test_preemption_by_higher_priority),
        cmocka_unit_test(test_same_group_does_not_preempt),
        cmocka_unit_test(test_primask_blocks_then_cpsie_delivers),
        cmocka_unit_test(test_invalid_exc_return_is_invpc),
        cmocka_unit_test(test_unprivileged_scs_is_busfault),
        cmocka_unit_test(test_stacking_failure_takes_derived_fault),
        cmocka_unit_test(test_precise_fault_pc),
        cmocka_unit_test(test_unstacking_failure),
        cmocka_unit_test(test_xn_fetch_is_iaccviol),
        cmocka_unit_test(test_return_with_t_clear_is_invstate),
        cmocka_unit_test(test_fault_observer),
        cmocka_unit_test(test_flash_write_is_busfault),
        cmocka_unit_test(test_unmapped_read_is_busfault),
        cmocka_unit_test(test_undefined_instruction),
        cmocka_unit_test(test_fault_in_hardfault_is_lockup),
        cmocka_unit_test(test_erased_flash_locks_up_cleanly),
        cmocka_unit_test(test_wfe_is_a_hint),
        cmocka_unit_test(test_host_memory_access),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
