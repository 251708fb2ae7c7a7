/*
 * cli.h - ctock-sim's command line: parsed into a plain struct so that it
 * can be unit-tested without running anything.
 *
 *   ctock-sim [options] KERNEL.elf [APP.tbf ...]
 *   ctock-sim --scenario FILE [options]      (many nodes, scenario.h)
 *
 * Values are parsed exactly (integer arithmetic): times into nanoseconds or
 * cycles, clocks into Hz. See cli_usage() for the option list.
 */
#ifndef SIM_CLI_H
#define SIM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CLI_MAX_APPS     64
#define CLI_MAX_EXPECTS  32
#define CLI_MAX_SYMBOLS  16
#define CLI_MAX_BUTTONS  64
#define CLI_MAX_PCAP_NODES 64
#define CLI_NUM_BUTTONS  2              /* BUTTON0, BUTTON1 of the sim board */
#define CLI_CLICK_NS     100000000ull   /* --button N@T: released 100 ms later */
#define CLI_DEFAULT_CLOCK_HZ 48000000u
#define CLI_DEFAULT_UNTIL_NS 10000000000ull   /* headless default: 10 s */
#define CLI_DEFAULT_SEED 1u                     /* --seed default: runs reproduce */

/* Exit codes of ctock-sim (also listed by --help). */
enum {
    CLI_EXIT_OK = 0,          /* expectations met, or time limit reached without any */
    CLI_EXIT_EXPECT = 1,      /* an --expect text did not appear in time */
    CLI_EXIT_USAGE = 2,       /* bad flag or value, unreadable/invalid ELF or TBF */
    CLI_EXIT_GUEST = 3,       /* lockup, guest exit with non-zero status, a fault
                               * with --pause-on-fault and no panel, or a capsule
                               * check violation (--check-capsules) */
    CLI_EXIT_INTERNAL = 4,    /* emulator or simulator error */
};

typedef enum { CLI_UNTIL_NONE, CLI_UNTIL_NS, CLI_UNTIL_CYCLES } cli_until_kind_t;

/* One --button: press (and release) of a button at a virtual time. */
typedef enum { CLI_BUTTON_CLICK, CLI_BUTTON_DOWN, CLI_BUTTON_UP } cli_button_action_t;
typedef struct cli_button {
    unsigned button;
    cli_until_kind_t at_kind;       /* ns or cycles */
    uint64_t at;
    cli_button_action_t action;
    cli_until_kind_t hold_kind;     /* CLICK: how long it is held */
    uint64_t hold;
} cli_button_t;

typedef struct cli_opts {
    const char *kernel;
    const char *apps[CLI_MAX_APPS];
    int napps;
    cli_until_kind_t until_kind;
    uint64_t until;                 /* ns or cycles, per until_kind */
    const char *expects[CLI_MAX_EXPECTS];
    int nexpects;
    uint32_t clock_hz;
    bool headless, panel;
    double speed;                   /* panel: virtual s per wall s */
    bool speed_set;                 /* --speed given: headless runs are paced too */
    bool trace_leds;
    const char *trace_file;
    bool quiet;
    const char *inputs[CLI_MAX_EXPECTS];   /* --input texts, fed in order */
    int ninputs;
    const char *symbols[CLI_MAX_SYMBOLS];  /* --symbols APP.elf */
    int nsymbols;
    const char *fault_json;         /* --fault-json FILE (JSON Lines, appended) */
    bool pause_on_fault;
    bool mpu_fast;                  /* --mpu-fast: hammered cut pages go page-exact */
    bool check_capsules;            /* --check-capsules: capsule accesses checked */
    uint64_t seed;                  /* --seed N: the node's random sources (TRNG) */
    cli_button_t buttons[CLI_MAX_BUTTONS];   /* --button, in the order given */
    int nbuttons;
    bool seed_set, clock_set;       /* given on the command line (over the scenario's) */
    const char *scenario;           /* --scenario FILE: a multi-node run */
    const char *radio_log;          /* --radio-log FILE */
    bool radio_log_all;             /* --radio-log-all: out-of-range outcomes too */
    const char *pcap;               /* --pcap FILE: every frame of the network */
    const char *pcap_nodes[CLI_MAX_PCAP_NODES];   /* --pcap-node NAME=FILE, as given */
    int npcap_nodes;
    bool help, version;
    bool screenshot_set;            /* hidden: --panel-screenshot FILE.bmp */
    const char *screenshot;
} cli_opts_t;

typedef enum { CLI_OK = 0, CLI_ERROR = -1 } cli_result_t;

/* Parses argv. On CLI_ERROR, err holds one line (no newline) naming the flag
 * or value. help/version set in opts mean: print and exit 0. */
cli_result_t cli_parse(int argc, char *const argv[], cli_opts_t *opts, char *err, size_t errlen);

/* "10s", "1.5s", "250ms", "1500us", "20ns" -> ns; "48000cyc" -> cycles.
 * Returns 0 or -1. */
int cli_parse_time(const char *s, cli_until_kind_t *kind, uint64_t *value);
/* "48MHz", "48000000", "1.5MHz", "32kHz", "1GHz" -> Hz in [1 kHz, 1 GHz]. 0/-1. */
int cli_parse_clock(const char *s, uint32_t *hz);

/* "N@TIME", "N@TIME:down", "N@TIME:up", "N@TIME:HOLD" -> b. 0 or -1. */
int cli_parse_button(const char *s, cli_button_t *b);
/* A time from cli_parse_time in cycles at clock_hz. */
uint64_t cli_time_cycles(cli_until_kind_t kind, uint64_t value, uint32_t clock_hz);

/* The --until limit in cycles at clock_hz (UINT64_MAX when none). */
uint64_t cli_until_cycles(const cli_opts_t *o);

void cli_usage(FILE *f, const char *prog);
const char *cli_version(void);
/* "SIGINT", "SIGTERM" or "SIGHUP": the signals that end a run (exit
 * 128 + the signal's number); "signal" for any other. */
const char *cli_signal_name(int sig);

#endif
