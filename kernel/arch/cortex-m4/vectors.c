/*
 * vectors.c - the vector table and the reset handler.
 *
 * Reset: copy .data from flash, zero .bss, set up the core (arch_init), then
 * the board's main(). Every external interrupt goes to irq_handler
 * (switch.S), which defers to the driver's bottom half (nvic.c).
 */
#include <stdint.h>

#include "ctock/arch.h"

#define NUM_EXTERNAL_IRQS 64   /* the sim board uses up to 48 (TRNG); AN386 32 */

extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern int main(void);

void svc_handler(void);
void systick_handler(void);
void irq_handler(void);
void fault_handler(void);
void reset_handler(void) __attribute__((noreturn));

static void unused_handler(void)
{
    for (;;)
        ;
}

__attribute__((section(".vectors"), used))
void (*const vector_table[16 + NUM_EXTERNAL_IRQS])(void) = {
    (void (*)(void))(&_estack),
    reset_handler,
    fault_handler,   /* NMI */
    fault_handler,   /* HardFault */
    fault_handler,   /* MemManage */
    fault_handler,   /* BusFault */
    fault_handler,   /* UsageFault */
    0, 0, 0, 0,
    svc_handler,
    unused_handler,  /* DebugMonitor */
    0,
    unused_handler,  /* PendSV */
    systick_handler,
    [16 ... 16 + NUM_EXTERNAL_IRQS - 1] = irq_handler,
};

void reset_handler(void)
{
    uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata;)
        *dst++ = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss;)
        *dst++ = 0;
    *(volatile uint32_t *)0xE000ED08 = (uint32_t)(uintptr_t)vector_table;  /* VTOR */
    arch_init();
    main();
    for (;;)
        ;
}
