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

typedef struct observer {
    void *ctx;
    void (*led)(void *ctx, uint64_t cycle, unsigned index, bool on);
    void (*console_tx)(void *ctx, uint64_t cycle, uint8_t byte);
    void (*power)(void *ctx, uint64_t cycle, power_state_t state);
    /* A guest error or an unmodelled feature the guest touched. */
    void (*guest_log)(void *ctx, uint64_t cycle, const char *msg);
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
/* printf-style; the message is formatted once and passed to every observer. */
void observers_guest_log(const observer_list_t *ol, uint64_t cycle, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
