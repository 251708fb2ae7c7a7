/*
 * interrupt.h - Tock-style split interrupt handling.
 *
 * Top half (in the ISR, kernel/arch/cortex-m4/nvic.c): mask the NVIC line,
 * record it pending, return to the kernel. Bottom half (kernel loop): run
 * the driver's handler registered here, then clear and unmask the line.
 * Drivers thus never run code in interrupt context.
 */
#ifndef CTOCK_INTERRUPT_H
#define CTOCK_INTERRUPT_H

#include <stdbool.h>
#include <stdint.h>

#define IRQ_MAX 64

typedef void (*irq_handler_fn)(void *ctx);

/* Registers the bottom half for external interrupt `irq` and enables it. */
void irq_register(unsigned irq, irq_handler_fn fn, void *ctx);
bool irq_has_pending(void);
/* Runs bottom halves of all pending lines, then re-enables them. */
void irq_service_pending(void);

/* NVIC helpers. */
void nvic_enable(unsigned irq);
void nvic_disable(unsigned irq);
void nvic_clear_pending(unsigned irq);
void nvic_set_priority(unsigned irq, uint8_t prio);

#endif
