/*
 * observer.h - how the panel, tracers and tests watch a node without the
 * models knowing about them. Models report through the node's observer list;
 * any callback may be NULL. Times are node CPU cycles.
 */
#ifndef SIM_OBSERVER_H
#define SIM_OBSERVER_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    POWER_ACTIVE = 0,   /* executing instructions */
    POWER_SLEEP,        /* wfi, SCR.SLEEPDEEP = 0 */
    POWER_DEEP_SLEEP,   /* wfi, SCR.SLEEPDEEP = 1 */
} power_state_t;

/* A synchronous fault the core took (HardFault, MemManage, BusFault,
 * UsageFault), as seen at exception entry: the state the guest's own fault
 * handler will see, plus what only the host knows. */
typedef struct fault_info {
    int exception;          /* 3 HardFault, 4 MemManage, 5 BusFault, 6 UsageFault */
    uint32_t cfsr, hfsr, mmfar, bfar;
    uint32_t r[13];         /* r0-r12 at the fault */
    uint32_t sp, lr, pc, xpsr;  /* sp in use at the fault; pc of the faulting instruction
                                 * (block start where Unicorn is imprecise) */
    bool thread_mode;       /* faulted in thread mode (a process on PSP) */
    bool privileged;        /* privileged at the fault */
    bool lockup;            /* this fault locked the core up */
} fault_info_t;

typedef struct observer {
    void *ctx;
    void (*led)(void *ctx, uint64_t cycle, unsigned index, bool on);
    void (*console_tx)(void *ctx, uint64_t cycle, uint8_t byte);
    void (*power)(void *ctx, uint64_t cycle, power_state_t state);
    /* A guest error or an unmodelled feature the guest touched. */
    void (*guest_log)(void *ctx, uint64_t cycle, const char *msg);
    /* The core is entering a fault exception. */
    void (*fault)(void *ctx, uint64_t cycle, const fault_info_t *f);
    /* A GPIO pin of peripheral `periph` ("gpio0") changed level; `output`:
     * the guest drives it (else the host: buttons). */
    void (*pin)(void *ctx, uint64_t cycle, const char *periph, unsigned pin, bool output,
                bool level);
} observer_t;

#define OBSERVERS_MAX 8

typedef struct observer_list {
    const observer_t *list[OBSERVERS_MAX];
    int count;
} observer_list_t;

/* Returns 0, or -1 when the list is full. */
int observers_add(observer_list_t *ol, const observer_t *o);
void observers_led(const observer_list_t *ol, uint64_t cycle, unsigned index, bool on);
void observers_console_tx(const observer_list_t *ol, uint64_t cycle, uint8_t byte);
void observers_power(const observer_list_t *ol, uint64_t cycle, power_state_t s);
void observers_fault(const observer_list_t *ol, uint64_t cycle, const fault_info_t *f);
void observers_pin(const observer_list_t *ol, uint64_t cycle, const char *periph, unsigned pin,
                   bool output, bool level);
/* printf-style; the message is formatted once and passed to every observer. */
void observers_guest_log(const observer_list_t *ol, uint64_t cycle, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
