/*
 * main.c - ctock-sim: runs a kernel ELF and app TBFs on the `sim` board.
 *
 *   parse flags (--scenario: hand over to scenario_run.c)
 *   -> create node -> load ELF, apps -> reset -> feed --input
 *   -> run in 10 ms virtual slices until --until / all --expect texts seen /
 *   guest exit / lockup / error (or, with --panel, the window closes)
 *   -> summary on stderr -> exit code (see cli.h / --help).
 *
 * stdout carries guest console bytes only, flushed at the end of each slice.
 * Slices have fixed virtual boundaries, so with the same inputs the console
 * and trace are byte-identical (pacing to wall time only changes when the
 * slices run, never where they end).
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "button_script.h"
#include "capsule_check.h"
#include "cli.h"
#include "console.h"
#include "fault_report.h"
#include "hostin.h"
#include "loader.h"
#include "node.h"
#include "panel.h"
#include "radio_power.h"
#include "../peripherals/radio154.h"
#include "scenario_run.h"
#include "trace.h"
#include "wallclock.h"

#define SLICE_DIV      100           /* slice = clock_hz / 100 cycles = 10 ms */

typedef enum {
    STOP_TIME, STOP_EXPECT, STOP_GUEST_EXIT, STOP_LOCKUP, STOP_ERROR, STOP_CLOSED,
    STOP_SIGNAL, STOP_FAULT,
} stop_t;

/* SIGINT/SIGTERM/SIGHUP: the run ends at the next slice boundary with the
 * summary; a second one ends the process at once (terminal restored). */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    if (stop_signal) {
        hostin_restore();
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    stop_signal = sig;
}

static void install_stop_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        if (sigs[i] == SIGHUP && sigaction(SIGHUP, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
            continue;   /* nohup */
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

typedef struct run {
    cli_opts_t opt;
    node_t *node;
    console_t console;
    trace_t trace;
    panel_t *panel;
    hostin_t in;
    double wall_run;     /* seconds spent inside node_run_until */
    fault_report_t *faults;
    capsule_check_t *capcheck;   /* --check-capsules */
    loader_app_t apps[CLI_MAX_APPS];
    bool fault_handled;  /* --pause-on-fault: the first fault has been dealt with */
    bool paced;          /* headless with --speed: pace to wall time */
    button_script_t buttons;   /* --button presses */
    double pace_wall0;
    uint64_t pace_cycle0;
} run_t;

static void all_seen(void *ctx) { node_request_stop(ctx); }

/* One read per slice, no more than the line can have taken by now (see
 * hostin.h): an endless stdin never holds up the run. */
static void feed_stdin(run_t *r, int timeout_ms)
{
    uint8_t buf[HOSTIN_AHEAD];
    size_t room = hostin_room(&r->in, node_now(r->node));
    size_t n = hostin_poll(&r->in, buf, room < sizeof buf ? room : sizeof buf, timeout_ms);
    if (n > 0)
        node_uart_input(r->node, buf, n);
}

/* Headless pacing (--speed): the cycle the node may run up to now. As the
 * panel does, after a stall of over 0.25 s pacing restarts from now. */
static uint64_t paced_cycle(run_t *r, uint64_t now)
{
    double t = wall_now(), rate = (double)r->opt.clock_hz * r->opt.speed;
    double allowed = (double)r->pace_cycle0 + (t - r->pace_wall0) * rate;
    if (allowed - (double)now > 0.25 * rate) {
        r->pace_cycle0 = now;
        r->pace_wall0 = t;
        allowed = (double)now;
    }
    return allowed < (double)now ? now : (uint64_t)allowed;
}

/* --pause-on-fault, after a slice: the panel freezes at the first fault
 * until a key; headless runs stop once its note is out. STOP_TIME: go on. */
static stop_t pause_on_fault(run_t *r)
{
    if (!r->opt.pause_on_fault || r->fault_handled || !fault_report_count(r->faults))
        return STOP_TIME;
    if (!r->panel) {
        if (!fault_report_first_noted(r->faults))
            return STOP_TIME;   /* the guest's dump is still coming */
        r->fault_handled = true;
        return STOP_FAULT;
    }
    r->fault_handled = true;
    node_stats_t st;
    node_stats(r->node, &st);
    for (;;) {
        if (stop_signal)
            return STOP_SIGNAL;
        switch (panel_pause(r->panel, node_now(r->node), &st)) {
        case PANEL_CONTINUE:
            return STOP_TIME;
        case PANEL_QUIT:
            return STOP_FAULT;
        case PANEL_PAUSED:
            break;
        }
    }
}

/* Runs the node; returns why it stopped. */
static stop_t run_loop(run_t *r, uint64_t until)
{
    uint64_t slice = r->opt.clock_hz / SLICE_DIV;
    for (;;) {
        if (stop_signal)
            return STOP_SIGNAL;
        if (r->opt.nexpects > 0 && console_all_seen(&r->console))
            return STOP_EXPECT;
        uint64_t now = node_now(r->node);
        button_script_apply(&r->buttons, r->node, now);
        if (now >= until)
            return STOP_TIME;
        uint64_t target = now + slice - now % slice;   /* fixed slice boundaries */
        if (target > until)
            target = until;
        if (target > button_script_next(&r->buttons))
            target = button_script_next(&r->buttons);   /* a --button change */
        if (r->panel) {
            if (!panel_poll(r->panel))
                return STOP_CLOSED;
            if (panel_allowed_cycle(r->panel, now) < target) {
                node_stats_t st;
                node_stats(r->node, &st);
                panel_render(r->panel, now, &st, false);
                panel_wait(r->panel, 2);
                feed_stdin(r, 0);
                continue;
            }
        } else if (r->paced && paced_cycle(r, now) < target) {
            feed_stdin(r, 2);   /* waits up to 2 ms of wall time for input */
            struct timespec ts = {0, 1000000};
            nanosleep(&ts, NULL);
            continue;
        }
        double t0 = wall_now();
        node_run_result_t res = node_run_until(r->node, target);
        r->wall_run += wall_now() - t0;
        fflush(stdout);
        fault_report_tick(r->faults, node_now(r->node));
        stop_t ps = pause_on_fault(r);
        if (ps != STOP_TIME)
            return ps;
        feed_stdin(r, 0);
        if (r->panel) {
            node_stats_t st;
            node_stats(r->node, &st);
            panel_render(r->panel, node_now(r->node), &st, false);
        }
        switch (res) {
        case NODE_RUN_TIME_REACHED:
        case NODE_RUN_STOPPED:   /* expectations met: checked at the top */
            break;
        case NODE_RUN_GUEST_EXIT:
            return STOP_GUEST_EXIT;
        case NODE_RUN_LOCKUP:
            return STOP_LOCKUP;
        case NODE_RUN_ERROR:
        default:
            return STOP_ERROR;
        }
    }
}

static void summary(run_t *r, stop_t why, double wall_total)
{
    node_stats_t st;
    node_stats(r->node, &st);
    uint32_t hz = r->opt.clock_hz;
    char ts[32];
    trace_format_time(ts, sizeof ts, st.cycles, hz);
    /* On a terminal, the summary starts on its own line even when the run
     * stopped in the middle of a console line. */
    if (isatty(STDERR_FILENO) && r->console.wlen &&
        r->console.window[r->console.wlen - 1] != '\n')
        fputc('\n', stderr);
    switch (why) {
    case STOP_TIME:
        fprintf(stderr, "ctock-sim: stopped: time limit reached\n");
        break;
    case STOP_EXPECT:
        fprintf(stderr, "ctock-sim: stopped: all %d expected texts seen\n", r->opt.nexpects);
        break;
    case STOP_GUEST_EXIT:
        fprintf(stderr, "ctock-sim: stopped: guest exit with status %d\n",
                node_exit_status(r->node));
        break;
    case STOP_LOCKUP:
        fprintf(stderr, "ctock-sim: stopped: core lockup\n");
        break;
    case STOP_ERROR:
        fprintf(stderr, "ctock-sim: stopped: emulator error: %s\n",
                node_error(r->node) ? node_error(r->node) : "unknown");
        break;
    case STOP_CLOSED:
        fprintf(stderr, "ctock-sim: stopped: panel closed\n");
        break;
    case STOP_FAULT: {
        const fault_note_t *f = fault_report_first(r->faults);
        fprintf(stderr, "ctock-sim: stopped: fault in %s%s\n", f ? f->who : "?",
                r->panel ? " (quit at the pause)" : "");
        break;
    }
    case STOP_SIGNAL:
        fprintf(stderr, "ctock-sim: stopped: interrupted (%s)\n",
                cli_signal_name(stop_signal));
        break;
    }
    double vs = (double)st.cycles / hz;
    fprintf(stderr, "ctock-sim: virtual time %s s (%llu cycles at %.6g MHz)\n", ts,
            (unsigned long long)st.cycles, hz / 1e6);
    fprintf(stderr, "ctock-sim: wall time %.3f s (%.3f s emulating), %.1f virtual s per wall s\n",
            wall_total, r->wall_run, wall_total > 0 ? vs / wall_total : 0.0);
    fprintf(stderr, "ctock-sim: instructions %llu, emulated %.1f MIPS, exceptions %llu\n",
            (unsigned long long)st.instructions,
            r->wall_run > 0 ? (double)st.instructions / r->wall_run / 1e6 : 0.0,
            (unsigned long long)st.exceptions);
    double c = st.cycles ? (double)st.cycles : 1.0;
    double sl = 100.0 * (double)st.sleep_cycles / c;
    double dsl = 100.0 * (double)st.deep_sleep_cycles / c;
    fprintf(stderr, "ctock-sim: asleep %.2f%% of virtual time (sleep %.2f%%, deep sleep %.2f%%), "
            "active %.2f%%\n", sl + dsl, sl, dsl, 100.0 - sl - dsl);
    void *radio = node_model(r->node, "radio0", &radio154_ops);
    if (radio) {
        char power[512];
        radio_power_format(power, sizeof power, radio, st.cycles, node_clock_hz(r->node));
        fprintf(stderr, "ctock-sim: radio: %s\n", power);
    }
    if (fault_report_count(r->faults)) {
        char buf[256];
        fault_report_summary(r->faults, buf, sizeof buf);
        fprintf(stderr, "ctock-sim: faults %s\n", buf);
    }
    if (r->capcheck) {
        char buf[512];
        capsule_check_summary(r->capcheck, buf, sizeof buf);
        fprintf(stderr, "ctock-sim: capsule check: %s\n", buf);
    }
}

static int run_exit_code(run_t *r, stop_t why)
{
    bool met = console_report_unseen(&r->console);
    switch (why) {
    case STOP_EXPECT:
        return CLI_EXIT_OK;
    case STOP_GUEST_EXIT:
        if (node_exit_status(r->node) != 0)
            return CLI_EXIT_GUEST;
        return met ? CLI_EXIT_OK : CLI_EXIT_EXPECT;
    case STOP_LOCKUP:
    case STOP_FAULT:
        return CLI_EXIT_GUEST;
    case STOP_ERROR:
        return CLI_EXIT_INTERNAL;
    case STOP_SIGNAL:
        return 128 + stop_signal;
    case STOP_TIME:
    case STOP_CLOSED:
    default:
        return met ? CLI_EXIT_OK : CLI_EXIT_EXPECT;
    }
}

/* A capsule check violation fails a run that otherwise succeeded or only
 * missed an --expect text (CI wants a non-zero exit either way). */
static int exit_code(run_t *r, stop_t why)
{
    int rc = run_exit_code(r, why);
    if (capsule_check_violations(r->capcheck) && (rc == CLI_EXIT_OK || rc == CLI_EXIT_EXPECT))
        return CLI_EXIT_GUEST;
    return rc;
}

/* The panel's buttons (keys 1, 2 or clicks) drive the board's buttons. */
static void panel_button(void *ctx, unsigned button, bool pressed)
{
    node_set_input(ctx, BOARD_BUTTON_PERIPH, button, pressed);
}

/* Each fault, as the fault reporter records it, to the panel's banner. */
static void panel_on_fault(void *ctx, const fault_note_t *n)
{
    char l2[256];
    if (n->pc_sym[0] || n->insn[0])
        snprintf(l2, sizeof l2, "PC %08X %s%s%s", n->info.pc, n->pc_sym,
                 n->pc_sym[0] ? ": " : "", n->insn);
    else
        snprintf(l2, sizeof l2, "PC %08X", n->info.pc);
    panel_fault(ctx, n->who, n->cls, l2);
}

static const char *process_at(void *ctx, uint32_t addr)
{
    return fault_report_process_at(ctx, addr);
}

static int setup(run_t *r)
{
    char err[512];
    const char *cerr = NULL;
    r->node = node_create(&board_sim, r->opt.clock_hz, &cerr);
    if (!r->node) {
        fprintf(stderr, "ctock-sim: cannot create the board: %s\n", cerr ? cerr : "?");
        return CLI_EXIT_INTERNAL;
    }
    if (node_load_elf(r->node, r->opt.kernel, err, sizeof err) < 0 ||
        loader_load_apps(r->node, r->opt.apps, r->opt.napps, APP_FLASH_BASE,
                         APP_FLASH_BASE + APP_FLASH_SIZE, r->apps, err, sizeof err) < 0 ||
        trace_open(&r->trace, r->opt.trace_file, r->opt.trace_leds, r->opt.clock_hz, err,
                   sizeof err) < 0) {
        fprintf(stderr, "ctock-sim: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    if (r->opt.panel) {
        r->panel = panel_open(r->opt.clock_hz, r->opt.speed, err, sizeof err);
        if (!r->panel) {
            fprintf(stderr, "ctock-sim: %s\n", err);
            return CLI_EXIT_USAGE;
        }
        panel_set_button_input(r->panel, BOARD_NUM_BUTTONS, panel_button, r->node);
    }
    button_script_init(&r->buttons, &r->opt);
    fault_report_cfg_t fc = {
        .node = r->node, .clock_hz = r->opt.clock_hz, .kernel_path = r->opt.kernel,
        .app_paths = r->opt.apps, .apps = r->apps, .napps = r->opt.napps,
        .symbol_paths = r->opt.symbols, .nsymbols = r->opt.nsymbols,
        .json_path = r->opt.fault_json,
        .stop_at_fault = r->opt.pause_on_fault && r->panel,
        .stop_after_note = r->opt.pause_on_fault && !r->panel,
        .out = stderr, .on_fault = r->panel ? panel_on_fault : NULL, .ctx = r->panel,
    };
    r->faults = fault_report_create(&fc, err, sizeof err);
    if (!r->faults) {
        fprintf(stderr, "ctock-sim: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    if (r->opt.check_capsules) {
        capsule_check_cfg_t cc = {
            .node = r->node, .board = &board_sim, .kernel_path = r->opt.kernel,
            .clock_hz = r->opt.clock_hz, .out = stderr,
            .process_at = process_at, .ctx = r->faults,
        };
        r->capcheck = capsule_check_create(&cc, err, sizeof err);
        if (!r->capcheck) {
            fprintf(stderr, "ctock-sim: --check-capsules: %s\n", err);
            return CLI_EXIT_USAGE;
        }
    }
    console_init(&r->console, stdout, r->opt.expects, r->opt.nexpects, all_seen, r->node);
    if (node_add_observer(r->node, console_observer(&r->console)) < 0 ||
        node_add_observer(r->node, fault_report_observer(r->faults)) < 0 ||
        node_add_observer(r->node, trace_observer(&r->trace)) < 0 ||
        (r->panel && node_add_observer(r->node, panel_observer(r->panel)) < 0)) {
        fprintf(stderr, "ctock-sim: too many observers\n");
        return CLI_EXIT_INTERNAL;
    }
    node_seed(r->node, r->opt.seed);
    node_set_mpu_exact(r->node, !r->opt.mpu_fast);
    if (node_reset(r->node) < 0) {
        fprintf(stderr, "ctock-sim: reset failed: %s\n",
                node_error(r->node) ? node_error(r->node) : "?");
        return CLI_EXIT_INTERNAL;
    }
    for (int i = 0; i < r->opt.ninputs; i++)
        node_uart_input(r->node, (const uint8_t *)r->opt.inputs[i], strlen(r->opt.inputs[i]));
    hostin_init(&r->in, r->opt.clock_hz);
    r->paced = !r->panel && r->opt.speed_set;
    r->pace_wall0 = wall_now();
    r->pace_cycle0 = node_now(r->node);
    feed_stdin(r, 100);   /* piped input written before the start arrives here */
    return 0;
}

int main(int argc, char **argv)
{
    static run_t r;
    char err[512];
    if (cli_parse(argc, argv, &r.opt, err, sizeof err) != CLI_OK) {
        fprintf(stderr, "ctock-sim: %s\nTry 'ctock-sim --help' for more information.\n", err);
        return CLI_EXIT_USAGE;
    }
    if (r.opt.help) {
        cli_usage(stdout, "ctock-sim");
        return CLI_EXIT_OK;
    }
    if (r.opt.version) {
        printf("ctock-sim %s\n", cli_version());
        return CLI_EXIT_OK;
    }
    double wall0 = wall_now();
    install_stop_signals();
    if (r.opt.scenario)
        return scenario_run(&r.opt, &stop_signal);   /* many nodes: scenario_run.c */
    int rc = setup(&r);
    if (rc == 0) {
        uint64_t until = cli_until_cycles(&r.opt);
        if (r.opt.until_kind == CLI_UNTIL_NONE && !r.opt.panel)
            until = (uint64_t)(CLI_DEFAULT_UNTIL_NS / 1000000000ull) * r.opt.clock_hz;
        stop_t why = run_loop(&r, until);
        fflush(stdout);
        fault_report_flush(r.faults);
        if (r.panel && r.opt.screenshot_set) {
            node_stats_t st;
            node_stats(r.node, &st);
            if (panel_screenshot(r.panel, node_now(r.node), &st, r.opt.screenshot) < 0)
                fprintf(stderr, "ctock-sim: %s: could not save the screenshot\n",
                        r.opt.screenshot);
        }
        if (!r.opt.quiet)
            summary(&r, why, wall_now() - wall0);
        rc = exit_code(&r, why);
    }
    fflush(stdout);
    if (trace_close(&r.trace) < 0 && rc == 0) {
        fprintf(stderr, "ctock-sim: %s: error writing the trace\n", r.opt.trace_file);
        rc = CLI_EXIT_INTERNAL;
    }
    if (fault_report_destroy(r.faults) < 0 && rc == 0) {
        fprintf(stderr, "ctock-sim: %s: error writing the fault records\n", r.opt.fault_json);
        rc = CLI_EXIT_INTERNAL;
    }
    panel_close(r.panel);
    capsule_check_destroy(r.capcheck);
    if (r.node)
        node_destroy(r.node);
    hostin_restore();
    return rc;
}
