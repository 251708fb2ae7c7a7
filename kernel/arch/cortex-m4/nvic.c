/*
 * nvic.c - NVIC helpers and the Tock-style split interrupt handling
 * (ctock/interrupt.h).
 *
 * irq_top_half() runs in the ISR (from irq_handler in switch.S): it masks
 * the line in the NVIC and records it pending. The kernel loop later calls
 * irq_service_pending(): for each pending line it clears the NVIC pending
 * latch, runs the driver's bottom half and unmasks the line. Clearing first
 * matters on QEMU, whose NVIC pends a level interrupt only on a rising edge
 * or at exception return: an edge raised by the bottom half must survive.
 * Not modelled: nested bottom halves, per-line priorities (all 0x80).
 */
#include "ctock/interrupt.h"

#include "ctock/arch.h"

#define NVIC_ISER ((volatile uint32_t *)0xE000E100)
#define NVIC_ICER ((volatile uint32_t *)0xE000E180)
#define NVIC_ICPR ((volatile uint32_t *)0xE000E280)
#define NVIC_IPR ((volatile uint8_t *)0xE000E400)

#define WORDS (IRQ_MAX / 32)

static struct {
    irq_handler_fn fn;
    void *ctx;
} handlers[IRQ_MAX];
static volatile uint32_t pending[WORDS];

void nvic_enable(unsigned irq) { NVIC_ISER[irq >> 5] = 1u << (irq & 31); }
void nvic_disable(unsigned irq) { NVIC_ICER[irq >> 5] = 1u << (irq & 31); }
void nvic_clear_pending(unsigned irq) { NVIC_ICPR[irq >> 5] = 1u << (irq & 31); }
void nvic_set_priority(unsigned irq, uint8_t prio) { NVIC_IPR[irq] = prio; }

void irq_register(unsigned irq, irq_handler_fn fn, void *ctx)
{
    if (irq >= IRQ_MAX)
        return;
    handlers[irq].fn = fn;
    handlers[irq].ctx = ctx;
    nvic_set_priority(irq, 0x80);
    nvic_clear_pending(irq);
    nvic_enable(irq);
}

/* ISR context (handler mode, from irq_handler). */
void irq_top_half(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    unsigned irq = (ipsr & 0x1FF) - 16;
    if (irq >= IRQ_MAX)
        return;
    nvic_disable(irq);
    pending[irq >> 5] |= 1u << (irq & 31);
}

bool irq_has_pending(void)
{
    for (unsigned i = 0; i < WORDS; i++)
        if (pending[i])
            return true;
    return false;
}

void irq_service_pending(void)
{
    for (unsigned w = 0; w < WORDS; w++) {
        arch_irq_disable();
        uint32_t bits = pending[w];
        pending[w] = 0;
        arch_irq_enable();
        while (bits) {
            unsigned b = (unsigned)__builtin_ctz(bits);
            unsigned irq = w * 32 + b;
            bits &= bits - 1;
            /* Clear the latch before the bottom half: an edge the handler
             * causes (e.g. the next UART byte) must stay pending. */
            nvic_clear_pending(irq);
            if (handlers[irq].fn)
                handlers[irq].fn(handlers[irq].ctx);
            if (handlers[irq].fn)
                nvic_enable(irq);
        }
    }
}
