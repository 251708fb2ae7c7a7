/*
 * scenario_run.c - the multi-node run behind ctock-sim --scenario:
 *
 *   load the scenario -> create the world: nodes, medium, radio log and
 *   pcap files, consoles -> run slices of whole quanta (about 10 ms) until
 *   --until / all --expect texts seen / every node exited / a node failed
 *   / a signal -> unfinished console lines -> summary -> exit code.
 *
 * stdout carries only the nodes' console lines ("[name] text"), flushed
 * after each slice; their order depends only on the run (quantum, node
 * index, time), never on wall time, so runs are byte-identical. Command-
 * line --until, --seed and --clock override the scenario's values.
 */
#define _POSIX_C_SOURCE 200809L
#include "scenario_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../peripherals/radio154.h"
#include "console.h"
#include "console_lines.h"
#include "radio_log.h"
#include "radio_power.h"
#include "scenario.h"
#include "trace.h"
#include "wallclock.h"
#include "world.h"

typedef enum { SC_TIME, SC_EXPECT, SC_ALL_EXITED, SC_NODE_FAILED, SC_SIGNAL } sc_stop_t;

typedef struct sc_run {
    const cli_opts_t *opt;
    scenario_t sc;
    uint32_t clock_hz;
    uint64_t seed, until;
    world_t *w;
    radio_log_t *radio;
    console_t console;
    console_lines_t *lines;
    const char **names;
    const char **node_pcap;
    double wall0, wall_run;
} sc_run_t;

static void all_seen(void *ctx) { world_request_stop(ctx); }

/* Scenario values, then the command line's over them. */
static void settle_options(sc_run_t *r)
{
    const cli_opts_t *o = r->opt;
    r->clock_hz = o->clock_set ? o->clock_hz : r->sc.clock_set ? r->sc.clock_hz
                                                                : CLI_DEFAULT_CLOCK_HZ;
    r->seed = o->seed_set ? o->seed : r->sc.seed_set ? r->sc.seed : CLI_DEFAULT_SEED;
    if (o->until_kind != CLI_UNTIL_NONE)
        r->until = cli_time_cycles(o->until_kind, o->until, r->clock_hz);
    else if (r->sc.until_set)
        r->until = cli_time_cycles(r->sc.until_kind, r->sc.until, r->clock_hz);
    else
        r->until = cli_time_cycles(CLI_UNTIL_NS, CLI_DEFAULT_UNTIL_NS, r->clock_hz);
}

/* --pcap-node NAME=FILE -> per node file names. */
static int pcap_nodes(sc_run_t *r)
{
    for (int i = 0; i < r->opt->npcap_nodes; i++) {
        const char *spec = r->opt->pcap_nodes[i], *eq = strchr(spec, '=');
        char name[SCENARIO_NAME_MAX];
        size_t n = (size_t)(eq - spec);
        int idx = -1;
        if (n < sizeof name) {
            memcpy(name, spec, n);
            name[n] = 0;
            idx = scenario_node_index(&r->sc, name);
        }
        if (idx < 0) {
            fprintf(stderr, "ctock-sim: --pcap-node %s: %s has no node called '%.*s'\n", spec,
                    r->sc.path, (int)n, spec);
            return -1;
        }
        if (r->node_pcap[idx]) {
            fprintf(stderr, "ctock-sim: --pcap-node %s: node '%s' already has a capture file\n",
                    spec, r->sc.nodes[idx].name);
            return -1;
        }
        r->node_pcap[idx] = eq + 1;
    }
    return 0;
}

static int build(sc_run_t *r)
{
    char err[512];
    scenario_t *sc = &r->sc;
    if (scenario_load(r->opt->scenario, sc, err, sizeof err) < 0) {
        fprintf(stderr, "ctock-sim: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    settle_options(r);
    r->names = calloc((size_t)sc->nnodes, sizeof *r->names);
    r->node_pcap = calloc((size_t)sc->nnodes, sizeof *r->node_pcap);
    r->lines = calloc((size_t)sc->nnodes, sizeof *r->lines);
    double (*pos)[3] = calloc((size_t)sc->nnodes, sizeof *pos);
    r->w = world_create(r->clock_hz, r->seed);
    if (!r->names || !r->node_pcap || !r->lines || !pos || !r->w) {
        free(pos);
        fprintf(stderr, "ctock-sim: out of memory\n");
        return CLI_EXIT_INTERNAL;
    }
    for (int i = 0; i < sc->nnodes; i++) {
        const scenario_node_t *n = &sc->nodes[i];
        r->names[i] = n->name;
        memcpy(pos[i], n->position, sizeof pos[i]);
        if (world_add_node(r->w, n->name, n->kernel, (const char *const *)n->apps, n->napps, err,
                           sizeof err) < 0) {
            fprintf(stderr, "ctock-sim: %s:%d: node '%s': %s\n", sc->path, n->line, n->name, err);
            free(pos);
            return CLI_EXIT_USAGE;
        }
    }
    int rc = world_set_medium(r->w, &sc->medium, (const double (*)[3])pos, err, sizeof err);
    free(pos);
    if (rc < 0) {
        fprintf(stderr, "ctock-sim: %s:%d: medium: %s\n", sc->path, sc->medium_line, err);
        return CLI_EXIT_USAGE;
    }
    if (pcap_nodes(r) < 0)
        return CLI_EXIT_USAGE;
    radio_log_config_t rc_cfg = {
        .clock_hz = r->clock_hz, .nnodes = sc->nnodes, .names = r->names,
        .log_path = r->opt->radio_log, .verbose = r->opt->radio_log_all,
        .pcap_path = r->opt->pcap, .node_pcap = r->node_pcap,
    };
    if (!(r->radio = radio_log_open(&rc_cfg, err, sizeof err))) {
        fprintf(stderr, "ctock-sim: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    world_set_radio_observer(r->w, radio_log_observer(r->radio));
    console_init(&r->console, stdout, r->opt->expects, r->opt->nexpects, all_seen, r->w);
    for (int i = 0; i < sc->nnodes; i++) {
        console_lines_init(&r->lines[i], &r->console, sc->nodes[i].name);
        if (node_add_observer(world_node(r->w, i), console_lines_observer(&r->lines[i])) < 0) {
            fprintf(stderr, "ctock-sim: too many observers\n");
            return CLI_EXIT_INTERNAL;
        }
    }
    if (world_start(r->w, !r->opt->mpu_fast, err, sizeof err) < 0) {
        fprintf(stderr, "ctock-sim: %s\n", err);
        return CLI_EXIT_INTERNAL;
    }
    return 0;
}

/* --speed: wait until wall time allows virtual time `target`. */
static void pace(sc_run_t *r, uint64_t target, volatile sig_atomic_t *stop_signal)
{
    double rate = (double)r->clock_hz * r->opt->speed;
    while (!*stop_signal && (double)target > (wall_now() - r->wall0) * rate) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
}

static sc_stop_t run_loop(sc_run_t *r, volatile sig_atomic_t *stop_signal)
{
    uint64_t q = world_quantum(r->w);
    uint64_t per_slice = r->clock_hz / 100 / q;
    uint64_t slice = q * (per_slice ? per_slice : 1);   /* ~10 ms of whole quanta */
    for (;;) {
        if (*stop_signal)
            return SC_SIGNAL;
        uint64_t now = world_now(r->w);
        if (now >= r->until)
            return SC_TIME;
        uint64_t target = (now / slice + 1) * slice;
        if (target > r->until)
            target = r->until;
        if (r->opt->speed_set)
            pace(r, target, stop_signal);
        double t0 = wall_now();
        world_run_result_t res = world_run_until(r->w, target);
        r->wall_run += wall_now() - t0;
        fflush(stdout);
        switch (res) {
        case WORLD_RUN_TIME_REACHED:
            break;
        case WORLD_RUN_STOPPED:
            if (console_all_seen(&r->console))
                return SC_EXPECT;
            break;
        case WORLD_RUN_ALL_EXITED:
            return SC_ALL_EXITED;
        case WORLD_RUN_NODE_FAILED:
            return SC_NODE_FAILED;
        }
    }
}

static const char *node_end(const sc_run_t *r, int i, char *buf, size_t len)
{
    node_t *n = world_node(r->w, i);
    switch (world_node_state(r->w, i)) {
    case WORLD_NODE_EXITED:
        snprintf(buf, len, ", exited with status %d", node_exit_status(n));
        return buf;
    case WORLD_NODE_LOCKUP:
        return ", core lockup";
    case WORLD_NODE_ERROR:
        snprintf(buf, len, ", emulator error: %s", node_error(n) ? node_error(n) : "?");
        return buf;
    case WORLD_NODE_RUNNING:
    default:
        return "";
    }
}

static void node_summary(const sc_run_t *r, int i)
{
    node_t *n = world_node(r->w, i);
    node_stats_t st;
    char end[200], ts[32];
    node_stats(n, &st);
    double c = st.cycles ? (double)st.cycles : 1.0;
    trace_format_time(ts, sizeof ts, st.cycles, r->clock_hz);
    fprintf(stderr, "ctock-sim: [%s] virtual time %s s, instructions %llu, asleep %.2f%%, "
            "exceptions %llu%s\n", r->names[i], ts, (unsigned long long)st.instructions,
            100.0 * (double)(st.sleep_cycles + st.deep_sleep_cycles) / c,
            (unsigned long long)st.exceptions, node_end(r, i, end, sizeof end));
    void *radio = world_node_radio(r->w, i);
    if (!radio)
        return;
    radio_counts_t rc;
    radio_log_counts(r->radio, i, &rc);
    char power[512];
    radio_power_format(power, sizeof power, radio, st.cycles, r->clock_hz);
    fprintf(stderr, "ctock-sim: [%s] radio: sent %llu, received %llu; %s\n", r->names[i],
            (unsigned long long)rc.sent, (unsigned long long)rc.outcomes[RADIO_RX_OK], power);
}

static void radio_summary(const sc_run_t *r)
{
    radio_counts_t rc;
    char drops[512];
    size_t off = 0;
    uint64_t dropped = 0;
    radio_log_counts(r->radio, -1, &rc);
    for (int k = 0; k < RADIO_RESULT_COUNT; k++) {
        if (k == RADIO_RX_OK || k == RADIO_DROP_OUT_OF_RANGE || !rc.outcomes[k])
            continue;
        dropped += rc.outcomes[k];
        off += (size_t)snprintf(drops + off, sizeof drops - off, "%s %s %llu", off ? "," : "",
                                radio_result_name((radio_result_t)k),
                                (unsigned long long)rc.outcomes[k]);
        if (off >= sizeof drops)
            break;
    }
    fprintf(stderr, "ctock-sim: radio: %llu frames sent, %llu receptions ok, %llu dropped%s%s, "
            "%llu out of range\n", (unsigned long long)rc.sent,
            (unsigned long long)rc.outcomes[RADIO_RX_OK], (unsigned long long)dropped,
            off ? ":" : "", off ? drops : "",
            (unsigned long long)rc.outcomes[RADIO_DROP_OUT_OF_RANGE]);
}

static void summary(const sc_run_t *r, sc_stop_t why, int stop_signal)
{
    int failed = world_failed_node(r->w);
    char ts[32];
    switch (why) {
    case SC_TIME:
        fprintf(stderr, "ctock-sim: stopped: time limit reached\n");
        break;
    case SC_EXPECT:
        fprintf(stderr, "ctock-sim: stopped: all %d expected texts seen\n", r->opt->nexpects);
        break;
    case SC_ALL_EXITED:
        fprintf(stderr, "ctock-sim: stopped: every node exited\n");
        break;
    case SC_NODE_FAILED: {
        char end[200];
        fprintf(stderr, "ctock-sim: stopped: node '%s' failed%s\n", r->names[failed],
                node_end(r, failed, end, sizeof end));
        break;
    }
    case SC_SIGNAL:
        fprintf(stderr, "ctock-sim: stopped: interrupted (%s)\n",
                cli_signal_name(stop_signal));
        break;
    }
    uint64_t now = world_now(r->w), quanta, runs, late, insns = 0;
    world_counts(r->w, &quanta, &runs, &late);
    trace_format_time(ts, sizeof ts, now, r->clock_hz);
    double vs = (double)now / r->clock_hz, wall = wall_now() - r->wall0;
    fprintf(stderr, "ctock-sim: virtual time %s s (%llu cycles at %.6g MHz), %d nodes, "
            "%llu quanta of %llu cycles\n", ts, (unsigned long long)now, r->clock_hz / 1e6,
            world_node_count(r->w), (unsigned long long)quanta,
            (unsigned long long)world_quantum(r->w));
    for (int i = 0; i < world_node_count(r->w); i++) {
        node_stats_t st;
        node_stats(world_node(r->w, i), &st);
        insns += st.instructions;
        node_summary(r, i);
    }
    radio_summary(r);
    if (late)
        fprintf(stderr, "ctock-sim: internal error: %llu frames told to a radio after their SFD\n",
                (unsigned long long)late);
    fprintf(stderr, "ctock-sim: wall time %.3f s (%.3f s running nodes), %.1f virtual s per "
            "wall s, %llu instructions (%.1f MIPS)\n", wall, r->wall_run,
            wall > 0 ? vs / wall : 0.0, (unsigned long long)insns,
            r->wall_run > 0 ? (double)insns / r->wall_run / 1e6 : 0.0);
}

static int exit_code(const sc_run_t *r, sc_stop_t why, int stop_signal)
{
    bool met = console_report_unseen(&r->console);
    switch (why) {
    case SC_EXPECT:
        return CLI_EXIT_OK;
    case SC_NODE_FAILED:
        return world_node_state(r->w, world_failed_node(r->w)) == WORLD_NODE_ERROR
               ? CLI_EXIT_INTERNAL : CLI_EXIT_GUEST;
    case SC_SIGNAL:
        return 128 + stop_signal;
    case SC_TIME:
    case SC_ALL_EXITED:
    default:
        return met ? CLI_EXIT_OK : CLI_EXIT_EXPECT;
    }
}

int scenario_run(const cli_opts_t *opt, volatile sig_atomic_t *stop_signal)
{
    static sc_run_t r;
    char err[512];
    memset(&r, 0, sizeof r);
    r.opt = opt;
    r.wall0 = wall_now();
    int rc = build(&r);
    if (rc == 0) {
        sc_stop_t why = run_loop(&r, stop_signal);
        for (int i = 0; i < world_node_count(r.w); i++)
            console_lines_flush(&r.lines[i], node_now(world_node(r.w, i)));
        fflush(stdout);
        if (!opt->quiet)
            summary(&r, why, *stop_signal);
        rc = exit_code(&r, why, *stop_signal);
    }
    if (radio_log_close(r.radio, err, sizeof err) < 0 && rc == 0) {
        fprintf(stderr, "ctock-sim: %s\n", err);
        rc = CLI_EXIT_INTERNAL;
    }
    world_destroy(r.w);
    free(r.lines);
    free(r.names);
    free(r.node_pcap);
    scenario_free(&r.sc);
    return rc;
}
