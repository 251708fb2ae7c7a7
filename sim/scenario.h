/*
 * scenario.h - the scenario file of a multi-node run (ctock-sim
 * --scenario FILE), parsed with libconfig:
 *
 *   seed = 42; until = "60s"; clock = "48MHz";   # optional CLI defaults
 *   medium = { model = "unit_disk"; tx_range = 30.0; interference_range = 60.0; };
 *   nodes = (
 *     { name = "a"; position = [0.0, 0.0]; kernel = "kernel-sim.elf";
 *       apps = ["apps/radio_ping.tbf"]; },
 *     { name = "n"; count = 10; position = [0.0, 10.0]; step = [10.0, 0.0];
 *       kernel = "kernel-sim.elf"; apps = ["apps/radio_pong.tbf"]; }   # n0..n9
 *   );
 *
 * docs/simulator.md ("Networks") has the full list of keys. Unknown keys,
 * wrong types and out-of-range values are errors naming the file and the
 * line; relative paths are resolved against the scenario file's
 * directory. The parser checks no file exists (the loader does, when the
 * world is built).
 */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "medium.h"

#define SCENARIO_NAME_MAX 32      /* node names: 1..31 of [A-Za-z0-9_.-] */
#define SCENARIO_MAX_NODES 1024

typedef struct scenario_node {
    char name[SCENARIO_NAME_MAX];
    double position[3];           /* metres; z = 0 when two are given */
    char *kernel;                 /* resolved path */
    char **apps;                  /* resolved paths */
    int napps;
    int line;                     /* line of the node's entry */
} scenario_node_t;

typedef struct scenario {
    char *path;                   /* as given, for messages */
    bool seed_set, until_set, clock_set;
    uint64_t seed;
    cli_until_kind_t until_kind;
    uint64_t until;
    uint32_t clock_hz;
    medium_config_t medium;       /* medium.links points into `links` */
    medium_table_link_t *links;
    int medium_line;
    scenario_node_t *nodes;
    int nnodes;
} scenario_t;

/* Reads and checks `path`. 0, or -1 with "PATH:LINE: message" (or
 * "PATH: message" where no line applies) in err; the scenario is then
 * empty (scenario_free is still safe). */
int scenario_load(const char *path, scenario_t *s, char *err, size_t errlen);
void scenario_free(scenario_t *s);

/* The index of the node called `name`, or -1. */
int scenario_node_index(const scenario_t *s, const char *name);

#endif
