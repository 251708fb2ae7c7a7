/*
 * scenario_run.h - ctock-sim --scenario: builds a world from a scenario
 * file (scenario.h, world.h), runs it in 10 ms slices of whole quanta and
 * prints the run summary; main.c hands over to it after parsing flags.
 */
#ifndef SIM_SCENARIO_RUN_H
#define SIM_SCENARIO_RUN_H

#include <signal.h>

#include "cli.h"

/* Runs the scenario opt->scenario with the command line's overrides;
 * returns ctock-sim's exit code (cli.h). *stop_signal != 0 (set by a
 * signal handler) ends the run at the next slice. */
int scenario_run(const cli_opts_t *opt, volatile sig_atomic_t *stop_signal);

#endif
