/*
 * test_nvic.c - NVIC priority logic (peripherals/nvic.c) without a CPU:
 * implemented priority bits, PRIGROUP, masks, preemption decisions, fault
 * escalation, level-triggered re-pend and the register window.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "peripherals/nvic.h"

static int pends;
static void count_pend(void *ctx) { pends++; }

static nvic_t fresh(void)
{
    nvic_t nv = { .on_pend = count_pend };
    nvic_reset(&nv);
    pends = 0;
    return nv;
}

static void irq_setup(nvic_t *nv, int irq, uint8_t prio)
{
    uint32_t bank = 0x100 + 4 * (uint32_t)(irq / 32);
    nvic_reg_write(nv, bank, 1u << (irq % 32), 0xF);
    nvic_reg_write(nv, 0x400 + (uint32_t)(irq & ~3), (uint32_t)prio << (8 * (irq % 4)), 1u << (irq % 4));
}

static void test_fixed_and_implemented_priorities(void **state)
{
    nvic_t nv = fresh();
    uint32_t v;
    assert_int_equal(nvic_priority(&nv, EXC_RESET), -3);
    assert_int_equal(nvic_priority(&nv, EXC_NMI), -2);
    assert_int_equal(nvic_priority(&nv, EXC_HARDFAULT), -1);
    /* Only the top 3 bits exist. */
    nvic_reg_write(&nv, 0x404, 0x12345678, 0xF);   /* IRQ4-7 */
    nvic_reg_read(&nv, 0x404, &v);
    assert_int_equal(v, 0x00204060);
    assert_int_equal(nvic_priority(&nv, EXC_IRQ0 + 7), 0x00);
    assert_int_equal(nvic_priority(&nv, EXC_IRQ0 + 6), 0x20);
    /* Byte-lane write touches one priority only. */
    nvic_reg_write(&nv, 0x404, 0xE0u << 8, 0x2);
    nvic_reg_read(&nv, 0x404, &v);
    assert_int_equal(v, 0x0020E060);
}

static void test_group_priority_and_prigroup(void **state)
{
    nvic_t nv = fresh();
    assert_int_equal(nvic_group_priority(&nv, 0xA0), 0xA0);
    nv.prigroup = 5;             /* group = bits 7:6 */
    assert_int_equal(nvic_group_priority(&nv, 0xA0), 0x80);
    assert_int_equal(nvic_group_priority(&nv, 0x60), 0x40);
    nv.prigroup = 7;             /* no group bits at all */
    assert_int_equal(nvic_group_priority(&nv, 0xE0), 0);
    assert_int_equal(nvic_group_priority(&nv, -1), -1);
}

static void test_highest_pending_and_ties(void **state)
{
    nvic_t nv = fresh();
    irq_setup(&nv, 3, 0x40);
    irq_setup(&nv, 2, 0x40);
    irq_setup(&nv, 9, 0x20);
    assert_int_equal(nvic_highest_pending(&nv), 0);
    nvic_set_pending(&nv, EXC_IRQ0 + 3);
    nvic_set_pending(&nv, EXC_IRQ0 + 2);
    assert_int_equal(nvic_highest_pending(&nv), EXC_IRQ0 + 2);   /* tie: lower number */
    nvic_set_pending(&nv, EXC_IRQ0 + 9);
    assert_int_equal(nvic_highest_pending(&nv), EXC_IRQ0 + 9);
    nvic_set_pending(&nv, EXC_PENDSV);                            /* prio 0 */
    assert_int_equal(nvic_highest_pending(&nv), EXC_PENDSV);
    /* Disabled interrupts stay pending but are not chosen. */
    nvic_t nv2 = fresh();
    nvic_set_pending(&nv2, EXC_IRQ0 + 5);
    assert_int_equal(nvic_highest_pending(&nv2), 0);
    assert_int_equal(pends, 0);
    nvic_set_enabled(&nv2, EXC_IRQ0 + 5, true);
    assert_int_equal(pends, 1);                                   /* now takeable */
    assert_int_equal(nvic_next_to_take(&nv2), EXC_IRQ0 + 5);
}

static void test_preemption_decisions(void **state)
{
    nvic_t nv = fresh();
    irq_setup(&nv, 0, 0x80);
    irq_setup(&nv, 1, 0x40);
    irq_setup(&nv, 2, 0x80);
    irq_setup(&nv, 3, 0xA0);
    assert_int_equal(nvic_exec_priority(&nv, true), NVIC_PRIO_BASE);
    nvic_set_pending(&nv, EXC_IRQ0 + 0);
    assert_int_equal(nvic_next_to_take(&nv), EXC_IRQ0 + 0);
    nvic_acknowledge(&nv, EXC_IRQ0 + 0);
    nv.ipsr = EXC_IRQ0 + 0;
    assert_int_equal(nvic_exec_priority(&nv, true), 0x80);
    nvic_set_pending(&nv, EXC_IRQ0 + 2);                 /* equal: no */
    assert_int_equal(nvic_next_to_take(&nv), 0);
    nvic_set_pending(&nv, EXC_IRQ0 + 1);                 /* higher: yes */
    assert_int_equal(nvic_next_to_take(&nv), EXC_IRQ0 + 1);
    /* With PRIGROUP 6 (group = bit 7), 0x40 and 0x80 differ, 0x80/0xA0 not. */
    nv.prigroup = 6;
    assert_true(nvic_can_preempt(&nv, EXC_IRQ0 + 1, true));
    nv.prigroup = 7;
    assert_false(nvic_can_preempt(&nv, EXC_IRQ0 + 1, true));
    assert_true(nvic_can_preempt(&nv, EXC_NMI, true));
    /* Completion re-enables lower levels. */
    assert_int_equal(nvic_complete(&nv, EXC_IRQ0 + 0), 0);
    assert_int_equal(nvic_complete(&nv, EXC_IRQ0 + 0), -1);   /* not active */
    assert_int_equal(nvic_exec_priority(&nv, true), NVIC_PRIO_BASE);
}

static void test_masks(void **state)
{
    nvic_t nv = fresh();
    irq_setup(&nv, 0, 0x00);
    irq_setup(&nv, 1, 0x60);
    nvic_set_pending(&nv, EXC_IRQ0 + 1);
    nv.primask = true;
    assert_int_equal(nvic_exec_priority(&nv, true), 0);
    assert_int_equal(nvic_next_to_take(&nv), 0);
    assert_true(nvic_masked_pending(&nv));
    assert_true(nvic_can_preempt(&nv, EXC_IRQ0 + 1, false));      /* WFI wakes */
    assert_true(nvic_can_preempt(&nv, EXC_HARDFAULT, true));
    nv.primask = false;
    nv.basepri = 0x60;                   /* blocks 0x60 and lower priority */
    assert_int_equal(nvic_next_to_take(&nv), 0);
    nv.basepri = 0x80;
    assert_int_equal(nvic_next_to_take(&nv), EXC_IRQ0 + 1);
    nv.basepri = 0x1F;                   /* unimplemented bits only: no effect */
    assert_int_equal(nvic_exec_priority(&nv, true), NVIC_PRIO_BASE);
    nv.basepri = 0;
    nv.faultmask = true;
    assert_int_equal(nvic_exec_priority(&nv, true), -1);
    assert_false(nvic_can_preempt(&nv, EXC_HARDFAULT, true));
    assert_true(nvic_can_preempt(&nv, EXC_NMI, true));
    assert_false(nvic_masked_pending(&(nvic_t){ .prigroup = 0 }));
}

static void test_fault_escalation(void **state)
{
    nvic_t nv = fresh();
    /* Disabled UsageFault escalates; enabled it is taken itself. */
    assert_int_equal(nvic_fault_target(&nv, EXC_USAGEFAULT), EXC_HARDFAULT);
    nvic_set_enabled(&nv, EXC_USAGEFAULT, true);
    assert_int_equal(nvic_fault_target(&nv, EXC_USAGEFAULT), EXC_USAGEFAULT);
    /* A fault at or below the current priority escalates. */
    nv.prio[EXC_USAGEFAULT] = 0x40;
    irq_setup(&nv, 0, 0x20);
    nvic_acknowledge(&nv, EXC_IRQ0);
    assert_int_equal(nvic_fault_target(&nv, EXC_USAGEFAULT), EXC_HARDFAULT);
    /* SVC with PRIMASK set escalates too. */
    nv.primask = true;
    assert_int_equal(nvic_fault_target(&nv, EXC_SVCALL), EXC_HARDFAULT);
    /* In HardFault nothing but NMI can preempt: lockup. */
    nvic_acknowledge(&nv, EXC_HARDFAULT);
    assert_int_equal(nvic_fault_target(&nv, EXC_BUSFAULT), -1);
    assert_int_equal(nvic_fault_target(&nv, EXC_HARDFAULT), -1);
}

static void test_level_lines(void **state)
{
    nvic_t nv = fresh();
    irq_setup(&nv, 4, 0x20);
    nvic_set_level(&nv, 4, true);
    assert_true(nv.pending[EXC_IRQ0 + 4]);
    assert_int_equal(pends, 1);
    nvic_acknowledge(&nv, EXC_IRQ0 + 4);
    nvic_set_level(&nv, 4, true);                  /* no new edge */
    assert_false(nv.pending[EXC_IRQ0 + 4]);
    nvic_complete(&nv, EXC_IRQ0 + 4);              /* still high: pends again */
    assert_true(nv.pending[EXC_IRQ0 + 4]);
    nvic_acknowledge(&nv, EXC_IRQ0 + 4);
    nvic_set_level(&nv, 4, false);
    nvic_complete(&nv, EXC_IRQ0 + 4);
    assert_false(nv.pending[EXC_IRQ0 + 4]);
    nvic_set_level(&nv, NVIC_NUM_IRQS, true);      /* out of range: ignored */
}

static void test_register_window(void **state)
{
    nvic_t nv = fresh();
    uint32_t v;
    nvic_reg_write(&nv, 0x104, 0x00000005, 0xF);   /* ISER1: IRQ 32, 34 */
    nvic_reg_read(&nv, 0x184, &v);                 /* ICER1 reads enables */
    assert_int_equal(v, 5);
    nvic_reg_write(&nv, 0x184, 0x00000001, 0xF);
    nvic_reg_read(&nv, 0x104, &v);
    assert_int_equal(v, 4);
    nvic_reg_write(&nv, 0x204, 0x00000004, 0xF);   /* ISPR1 */
    assert_true(nv.pending[EXC_IRQ0 + 34]);
    nvic_reg_read(&nv, 0x284, &v);
    assert_int_equal(v, 4);
    nvic_reg_write(&nv, 0x284, 0x4, 0xF);          /* ICPR1 */
    assert_false(nv.pending[EXC_IRQ0 + 34]);
    nvic_reg_write(&nv, 0xF00, 33, 0xF);           /* STIR */
    assert_true(nv.pending[EXC_IRQ0 + 33]);
    nvic_acknowledge(&nv, EXC_IRQ0 + 33);
    nvic_reg_read(&nv, 0x304, &v);                 /* IABR1 */
    assert_int_equal(v, 2);
    nvic_reg_write(&nv, 0x304, 0, 0xF);            /* read-only */
    nvic_reg_read(&nv, 0x304, &v);
    assert_int_equal(v, 2);
    assert_true(nvic_reg_read(&nv, 0x108, &v));    /* beyond 64 IRQs: RAZ */
    assert_int_equal(v, 0);
    assert_false(nvic_reg_read(&nv, 0xD00, &v));   /* not the NVIC's */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_and_implemented_priorities),
        cmocka_unit_test(test_group_priority_and_prigroup),
        cmocka_unit_test(test_highest_pending_and_ties),
        cmocka_unit_test(test_preemption_decisions),
        cmocka_unit_test(test_masks),
        cmocka_unit_test(test_fault_escalation),
        cmocka_unit_test(test_level_lines),
        cmocka_unit_test(test_register_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
