/*
 * fault_report.h - ctock-sim's host-side fault reporting: an observer of
 * the core's fault events (observers_fault) that says what only the host
 * knows, after the guest's own fault dump:
 *
 *   ctock-sim: fault in process 'crash' (app 1) at 0.512345678 s: UsageFault, undefined instruction
 *   ctock-sim:   pc 0x0004012a = main+0x6 (crash.elf), lr 0x00040111, sp 0x20004fd8
 *   ctock-sim:   instruction: udf #0xff  [deff]
 *   ctock-sim:   cfsr 0x00010000 (UNDEFINSTR), hfsr 0x00000000
 *
 * and, with --fault-json FILE, one JSON object per fault appended to FILE
 * (JSON Lines; the fields are in docs/simulator.md, "Faults").
 *
 * Timing: the record is taken at exception entry (registers, the
 * instruction bytes read from guest memory then). The text note waits for
 * the guest's dump: it is printed at the first slice end after the
 * console has shown "---| end of fault dump |---", or has been quiet for
 * FAULT_QUIET_MS of virtual time, or FAULT_NOTE_MAX_MS after the fault, and
 * at the end of the run at the latest.
 *
 * Symbols: the kernel ELF's for kernel addresses; for an app, NAME.elf next
 * to NAME.tbf, or a --symbols file whose name (without .elf) is the app's
 * package name or TBF file name. An app ELF whose first bytes of flash
 * image differ from the TBF's binary is not used (warning: stale build).
 */
#ifndef SIM_FAULT_REPORT_H
#define SIM_FAULT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "faults.h"
#include "loader.h"
#include "node.h"
#include "observer.h"

#define FAULT_QUIET_MS    20
#define FAULT_NOTE_MAX_MS 1000
#define FAULT_MAX_APPS    64

/* One fault as reported (also what the panel shows). */
typedef struct fault_note {
    uint64_t cycle;
    fault_info_t info;
    int app;                 /* index into the apps, -1: kernel or unknown */
    bool kernel;
    char who[80];            /* "process 'crash'", "kernel", "unknown process" */
    char cls[120];           /* "UsageFault, undefined instruction" */
    char pc_sym[96];         /* "main+0x6" or "" */
    char insn[64];           /* "udf #0xff" or "" */
    char encoding[16];       /* "deff", "f8d1 0004" or "" */
} fault_note_t;

typedef struct fault_report_cfg {
    node_t *node;
    uint32_t clock_hz;
    const char *kernel_path;
    const char *const *app_paths;       /* the TBF files, load order */
    const loader_app_t *apps;           /* where they went */
    int napps;
    const char *const *symbol_paths;    /* --symbols */
    int nsymbols;
    const char *json_path;              /* NULL: no JSON */
    bool stop_at_fault;                 /* stop the node at the first fault (panel pause) */
    bool stop_after_note;               /* stop it once the first note is out (headless) */
    FILE *out;                          /* the notes: stderr */
    /* Called for each fault as it is recorded (the panel); may be NULL. */
    void (*on_fault)(void *ctx, const fault_note_t *note);
    void *ctx;
} fault_report_cfg_t;

typedef struct fault_report fault_report_t;

/* Loads the symbols and opens the JSON file. NULL with a one-line err for
 * a --symbols or --fault-json file that cannot be used. Warnings (a
 * missing or stale default app ELF is silent / warned) go to cfg->out. */
fault_report_t *fault_report_create(const fault_report_cfg_t *cfg, char *err, size_t errlen);
/* Closes the JSON file; -1 if writing it failed. NULL is fine. */
int fault_report_destroy(fault_report_t *r);
const observer_t *fault_report_observer(fault_report_t *r);

/* After each slice: prints the notes that are due (see above). */
void fault_report_tick(fault_report_t *r, uint64_t now);
/* Prints every note still waiting (end of run). */
void fault_report_flush(fault_report_t *r);

unsigned fault_report_count(const fault_report_t *r);
/* A note is waiting for the guest's dump to end. */
bool fault_report_waiting(const fault_report_t *r);
/* The first fault's note has been printed. */
bool fault_report_first_noted(const fault_report_t *r);
/* "3 (process 'crash' 2, kernel 1)" into buf: the count per faulting party. */
void fault_report_summary(const fault_report_t *r, char *buf, size_t len);
/* The name of the process whose RAM block (as the kernel's boot lines
 * gave it) holds addr, or NULL (for --check-capsules' reports). */
const char *fault_report_process_at(const fault_report_t *r, uint32_t addr);
/* The first fault, once there is one (for --pause-on-fault). */
const fault_note_t *fault_report_first(const fault_report_t *r);
/* Formats a note's text lines into buf (what goes to stderr). */
void fault_report_format(const fault_report_t *r, const fault_note_t *n, char *buf, size_t len);
/* Writes a note as one JSON line into buf; false if it does not fit. */
bool fault_report_json(const fault_note_t *n, uint32_t clock_hz, const char *process,
                       char *buf, size_t len);

#endif
