/*
 * periph.h - the contract between a memory-mapped peripheral model and the
 * node that hosts it.
 *
 * A model is a struct of its own plus a periph_ops_t table. The node maps
 * the model's register window with uc_mmio_map and forwards each access as
 * (offset, size, value). A model never touches Unicorn or the UI: it reads
 * the time, drives IRQ lines, schedules events and reports to observers only
 * through its periph_host_t, so unit tests can host a model with fakes.
 *
 * Error rules (as QEMU's device models): a guest mistake (bad offset,
 * read of a write-only register) is logged through observers_guest_log and
 * the access is ignored (reads return 0); programmer errors are asserts.
 */
#ifndef PERIPHERALS_PERIPH_H
#define PERIPHERALS_PERIPH_H

#include <stdbool.h>
#include <stdint.h>

#include "../sim/event.h"
#include "../sim/observer.h"

typedef struct periph_host {
    void *opaque;
    /* Current virtual time in CPU cycles. */
    uint64_t (*now)(void *opaque);
    /* Drive external interrupt line `irq` (NVIC number) high or low. A
     * rising level pends the interrupt; it stays pending until the guest
     * clears the source or the NVIC acknowledges it (pulse-style sources
     * just call with 1). */
    void (*set_irq)(void *opaque, int irq, bool level);
    evq_t *evq;
    const observer_list_t *observers;
    uint32_t clock_hz;   /* CPU clock; models that count time convert with it */
    /* The guest asked to end the simulation (sysctl EXIT); may be NULL. */
    void (*guest_exit)(void *opaque, int status);
    /* Bus-master (DMA) access to guest memory: plain memory regions only
     * (not MMIO), no MPU check. 0, or -1 when [addr, addr+len) is not all
     * memory (the access is not done). May be NULL (no DMA: every access
     * fails). */
    int (*mem_read)(void *opaque, uint32_t addr, void *buf, uint32_t len);
    int (*mem_write)(void *opaque, uint32_t addr, const void *buf, uint32_t len);
} periph_host_t;

/* Where a model sits on the board (one row of sim/board.c's table). */
typedef struct periph_config {
    const char *name;    /* instance name, e.g. "uart0" */
    uint32_t base;
    uint32_t size;
    int irq[4];          /* model-specific order; -1 = not wired */
} periph_config_t;

/* Every model exports `void *<model>_create(host, cfg)` of this type (NULL on
 * a bad configuration) and a `const periph_ops_t <model>_ops`. */
typedef void *(*periph_create_fn_t)(const periph_host_t *host, const periph_config_t *cfg);

typedef struct periph_ops {
    const char *name;
    uint32_t (*read)(void *model, uint32_t offset, unsigned size);
    void (*write)(void *model, uint32_t offset, unsigned size, uint32_t value);
    void (*reset)(void *model);
    void (*destroy)(void *model);
} periph_ops_t;

#endif
