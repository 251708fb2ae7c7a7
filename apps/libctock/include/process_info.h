/* process_info.h: the process info driver (Tock driver 0x10002): the
 * processes on the board, their names and statistics. All synchronous.
 *
 * Syscall interface (Tock's capsules/extra/src/process_info.rs):
 *   command 0          exists
 *   command 1          number of processes (u32)
 *   command 2          their ids into the read-write allowed buffer (u32
 *                      each, as many as fit); returns the count
 *   command 3          their short ids, likewise (ctock: 0 each)
 *   command 4 (id)     its name into the buffer; returns the name length
 *                      (EINVAL: no such id)
 *   command 5 (id)     4 u32 into the buffer: timeslice expirations,
 *                      system calls, restarts, state (EINVAL: no such id)
 *   allow-rw 0         the buffer
 * Ids are the kernel's process ids (they change when a process restarts);
 * all loaded processes count, faulted and terminated ones too.
 */
#ifndef CTOCK_PROCESS_INFO_H
#define CTOCK_PROCESS_INFO_H

#include <stddef.h>
#include <stdint.h>

#define PROCESS_INFO_DRIVER 0x10002u

/* Process states (command 5, Tock's numbering). */
enum {
    PROCESS_STATE_RUNNING = 0,
    PROCESS_STATE_YIELDED = 1,
    PROCESS_STATE_YIELDED_FOR = 2,
    PROCESS_STATE_STOPPED = 3,
    PROCESS_STATE_FAULTED = 4,
    PROCESS_STATE_TERMINATED = 5,
};

typedef struct {
    uint32_t timeslice_expirations;
    uint32_t syscalls;
    uint32_t restarts;
    uint32_t state;
} process_info_stats_t;

/* Number of processes, or a negative error code. */
int process_info_count(void);
/* Up to max ids into ids[]; returns the number of processes (may be more
 * than max), or a negative error code. */
int process_info_ids(uint32_t *ids, size_t max);
/* The name of process `id` as a C string in buf (truncated to len - 1).
 * Returns the full name length, or a negative error code. */
int process_info_name(uint32_t id, char *buf, size_t len);
/* Its statistics. TOCK_OK or a negative error code. */
int process_info_stats(uint32_t id, process_info_stats_t *out);
/* "running", "yielded", ... for a state number. */
const char *process_info_state_name(uint32_t state);

#endif /* CTOCK_PROCESS_INFO_H */
