/*
 * scenario.c - reads a scenario file with libconfig and checks it into a
 * scenario_t (scenario.h). libconfig gives comments, typed values,
 * groups and lists, and the line of every setting, so each message can
 * point at the line at fault. Every key is checked against the keys its
 * group may have: a misspelt key is an error, never silently ignored.
 * What this does not check: that the kernel and app files exist and are
 * valid (the loader does when the world is built).
 */
#define _POSIX_C_SOURCE 200809L
#include "scenario.h"

#include <ctype.h>
#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct parse {
    scenario_t *s;
    char *err;
    size_t errlen;
    char *dir;                 /* the scenario file's directory, "" for the cwd */
} parse_t;

__attribute__((format(printf, 3, 4)))
static int fail_at(parse_t *p, const config_setting_t *at, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *file = at && config_setting_source_file(at) ? config_setting_source_file(at)
                                                            : p->s->path;
    if (at && config_setting_source_line(at) > 0)
        snprintf(p->err, p->errlen, "%s:%u: %s", file, config_setting_source_line(at), msg);
    else
        snprintf(p->err, p->errlen, "%s: %s", file, msg);
    return -1;
}

static int check_keys(parse_t *p, const config_setting_t *g, const char *const *allowed,
                      const char *where)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(config_setting_name(m), *a) == 0;
        if (!ok)
            return fail_at(p, m, "unknown key '%s' in %s", config_setting_name(m), where);
    }
    return 0;
}

static int get_string(parse_t *p, const config_setting_t *v, const char **out)
{
    if (config_setting_type(v) != CONFIG_TYPE_STRING)
        return fail_at(p, v, "'%s' must be a string (in double quotes)", config_setting_name(v));
    *out = config_setting_get_string(v);
    return 0;
}

static int get_number(parse_t *p, const config_setting_t *v, const char *what, double *out)
{
    switch (config_setting_type(v)) {
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        *out = (double)config_setting_get_int64(v);
        return 0;
    case CONFIG_TYPE_FLOAT:
        *out = config_setting_get_float(v);
        return 0;
    default:
        return fail_at(p, v, "'%s' must be a number", what);
    }
}

static int get_ratio(parse_t *p, const config_setting_t *v, double *out)
{
    if (get_number(p, v, config_setting_name(v), out) < 0)
        return -1;
    if (!(*out >= 0.0 && *out <= 1.0))
        return fail_at(p, v, "'%s' must be between 0 and 1", config_setting_name(v));
    return 0;
}

static int get_dbm(parse_t *p, const config_setting_t *v, int8_t *out)
{
    int t = config_setting_type(v);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
        return fail_at(p, v, "'%s' must be an integer (dBm)", config_setting_name(v));
    long long d = config_setting_get_int64(v);
    if (d < -128 || d > 127)
        return fail_at(p, v, "'%s' must be between -128 and 127 dBm", config_setting_name(v));
    *out = (int8_t)d;
    return 0;
}

/* [x, y] or [x, y, z] */
static int get_point(parse_t *p, const config_setting_t *v, double out[3])
{
    int t = config_setting_type(v), n = config_setting_length(v);
    if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || n < 2 || n > 3)
        return fail_at(p, v, "'%s' must be [x, y] or [x, y, z] in metres",
                       config_setting_name(v));
    out[2] = 0.0;
    for (int i = 0; i < n; i++)
        if (get_number(p, config_setting_get_elem(v, (unsigned)i), config_setting_name(v),
                       &out[i]) < 0)
            return -1;
    return 0;
}

static char *resolve(parse_t *p, const char *path)
{
    size_t n = strlen(p->dir) + strlen(path) + 2;
    char *r = malloc(n);
    if (!r)
        return NULL;
    if (path[0] == '/' || !p->dir[0])
        snprintf(r, n, "%s", path);
    else
        snprintf(r, n, "%s/%s", p->dir, path);
    return r;
}

static bool good_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= SCENARIO_NAME_MAX)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
            return false;
    return true;
}

/* ---- nodes ---- */

typedef struct node_entry {
    const char *name, *kernel;
    const config_setting_t *apps, *position, *step, *name_at;
    int count;
} node_entry_t;

static int read_entry(parse_t *p, const config_setting_t *g, node_entry_t *e)
{
    static const char *const keys[] = {"name", "position", "kernel", "apps", "count", "step",
                                       NULL};
    memset(e, 0, sizeof *e);
    e->count = 1;
    if (!config_setting_is_group(g))
        return fail_at(p, g, "each entry of 'nodes' must be a group { name = ...; kernel = ...; }");
    if (check_keys(p, g, keys, "a node") < 0)
        return -1;
    const config_setting_t *v;
    if (!(v = config_setting_get_member(g, "name")))
        return fail_at(p, g, "node without a 'name'");
    if (get_string(p, v, &e->name) < 0)
        return -1;
    e->name_at = v;
    if (!(v = config_setting_get_member(g, "kernel")))
        return fail_at(p, g, "node '%s' has no 'kernel'", e->name);
    if (get_string(p, v, &e->kernel) < 0)
        return -1;
    if (!e->kernel[0])
        return fail_at(p, v, "node '%s': empty 'kernel'", e->name);
    e->apps = config_setting_get_member(g, "apps");
    if (e->apps) {
        int t = config_setting_type(e->apps);
        if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
            return fail_at(p, e->apps, "'apps' must be a list of file names: [\"a.tbf\", ...]");
        if (config_setting_length(e->apps) > CLI_MAX_APPS)
            return fail_at(p, e->apps, "too many apps (at most %d)", CLI_MAX_APPS);
        for (int i = 0; i < config_setting_length(e->apps); i++) {
            const char *a = NULL;
            if (get_string(p, config_setting_get_elem(e->apps, (unsigned)i), &a) < 0)
                return -1;
            if (!a[0])
                return fail_at(p, e->apps, "node '%s': empty app file name", e->name);
        }
    }
    e->position = config_setting_get_member(g, "position");
    e->step = config_setting_get_member(g, "step");
    if ((v = config_setting_get_member(g, "count"))) {
        int t = config_setting_type(v);
        long long c = (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) ?
                      config_setting_get_int64(v) : -1;
        if (c < 1 || c > SCENARIO_MAX_NODES)
            return fail_at(p, v, "'count' must be an integer, 1..%d", SCENARIO_MAX_NODES);
        e->count = (int)c;
    } else if (e->step) {
        return fail_at(p, e->step, "'step' needs 'count'");
    }
    if (e->step && !e->position)
        return fail_at(p, e->step, "'step' needs 'position'");
    return 0;
}

static int add_node(parse_t *p, const node_entry_t *e, const config_setting_t *g, int i,
                    const double pos[3], const double step[3])
{
    scenario_t *s = p->s;
    scenario_node_t *n = &s->nodes[s->nnodes];
    memset(n, 0, sizeof *n);
    n->line = config_setting_source_line(g);
    int len = e->count > 1 ? snprintf(n->name, sizeof n->name, "%s%d", e->name, i)
                           : snprintf(n->name, sizeof n->name, "%s", e->name);
    if (len >= (int)sizeof n->name || !good_name(n->name))
        return fail_at(p, e->name_at, "bad node name '%s' (1-%d characters of A-Z a-z 0-9 _ - .)",
                       n->name, SCENARIO_NAME_MAX - 1);
    if (scenario_node_index(s, n->name) >= 0)
        return fail_at(p, e->name_at, "two nodes are called '%s'", n->name);
    for (int k = 0; k < 3; k++)
        n->position[k] = pos[k] + step[k] * i;
    s->nnodes++;   /* from here scenario_free owns its strings */
    n->kernel = resolve(p, e->kernel);
    int napps = e->apps ? config_setting_length(e->apps) : 0;
    n->apps = calloc((size_t)(napps > 0 ? napps : 1), sizeof *n->apps);
    if (!n->kernel || !n->apps)
        return fail_at(p, NULL, "out of memory");
    for (int k = 0; k < napps; k++) {
        n->apps[k] = resolve(p, config_setting_get_string_elem(e->apps, (unsigned)k));
        if (!n->apps[k])
            return fail_at(p, NULL, "out of memory");
        n->napps++;
    }
    return 0;
}

static int read_nodes(parse_t *p, const config_setting_t *list, bool need_positions)
{
    scenario_t *s = p->s;
    if (config_setting_type(list) != CONFIG_TYPE_LIST)
        return fail_at(p, list, "'nodes' must be a list: ( { name = ...; }, ... )");
    if (config_setting_length(list) == 0)
        return fail_at(p, list, "'nodes' is empty");
    s->nodes = calloc(SCENARIO_MAX_NODES, sizeof *s->nodes);
    if (!s->nodes)
        return fail_at(p, NULL, "out of memory");
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        node_entry_t e;
        double pos[3] = {0, 0, 0}, step[3] = {0, 0, 0};
        if (read_entry(p, g, &e) < 0)
            return -1;
        if (!e.position && need_positions)
            return fail_at(p, g, "node '%s' has no 'position' (the unit_disk medium needs one)",
                           e.name);
        if ((e.position && get_point(p, e.position, pos) < 0) ||
            (e.step && get_point(p, e.step, step) < 0))
            return -1;
        if (s->nnodes + e.count > SCENARIO_MAX_NODES)
            return fail_at(p, g, "too many nodes (at most %d)", SCENARIO_MAX_NODES);
        for (int k = 0; k < e.count; k++)
            if (add_node(p, &e, g, k, pos, step) < 0)
                return -1;
    }
    return 0;
}

/* ---- medium ---- */

static int read_links(parse_t *p, const config_setting_t *list)
{
    static const char *const keys[] = {"from", "to", "loss", "rssi", NULL};
    scenario_t *s = p->s;
    if (config_setting_type(list) != CONFIG_TYPE_LIST)
        return fail_at(p, list, "'links' must be a list: ( { from = \"a\"; to = \"b\"; }, ... )");
    int n = config_setting_length(list);
    s->links = calloc((size_t)(n > 0 ? n : 1), sizeof *s->links);
    if (!s->links)
        return fail_at(p, NULL, "out of memory");
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i), *v;
        medium_table_link_t *l = &s->links[i];
        const char *from = NULL, *to = NULL;
        if (!config_setting_is_group(g))
            return fail_at(p, g, "each link must be a group { from = ...; to = ...; }");
        if (check_keys(p, g, keys, "a link") < 0)
            return -1;
        const config_setting_t *vf = config_setting_get_member(g, "from");
        const config_setting_t *vt = config_setting_get_member(g, "to");
        if (!vf || !vt)
            return fail_at(p, g, "a link needs 'from' and 'to'");
        if (get_string(p, vf, &from) < 0 || get_string(p, vt, &to) < 0)
            return -1;
        l->from = scenario_node_index(s, from);
        l->to = scenario_node_index(s, to);
        if (l->from < 0)
            return fail_at(p, vf, "no node called '%s'", from);
        if (l->to < 0)
            return fail_at(p, vt, "no node called '%s'", to);
        if (l->from == l->to)
            return fail_at(p, g, "a link from '%s' to itself", from);
        for (int k = 0; k < i; k++)
            if (s->links[k].from == l->from && s->links[k].to == l->to)
                return fail_at(p, g, "the link from '%s' to '%s' is listed twice", from, to);
        l->rssi = MEDIUM_DEFAULT_RSSI;
        if ((v = config_setting_get_member(g, "loss")) && get_ratio(p, v, &l->loss) < 0)
            return -1;
        if ((v = config_setting_get_member(g, "rssi")) && get_dbm(p, v, &l->rssi) < 0)
            return -1;
    }
    s->medium.links = s->links;
    s->medium.nlinks = n;
    return 0;
}

static int read_medium(parse_t *p, const config_setting_t *g)
{
    static const char *const disk_keys[] = {"model", "tx_range", "interference_range", "loss",
                                            NULL};
    static const char *const loss_keys[] = {"model", "loss", "rssi", NULL};
    static const char *const table_keys[] = {"model", "links", "default", NULL};
    medium_config_t *m = &p->s->medium;
    const config_setting_t *v;
    const char *model = NULL;
    if (!config_setting_is_group(g))
        return fail_at(p, g, "'medium' must be a group { model = \"...\"; ... }");
    if (!(v = config_setting_get_member(g, "model")))
        return fail_at(p, g, "the medium has no 'model' (unit_disk, constant_loss or table)");
    if (get_string(p, v, &model) < 0)
        return -1;
    m->rssi = MEDIUM_DEFAULT_RSSI;
    if (strcmp(model, "unit_disk") == 0) {
        m->model = MEDIUM_UNIT_DISK;
        if (check_keys(p, g, disk_keys, "a unit_disk medium") < 0)
            return -1;
        if (!(v = config_setting_get_member(g, "tx_range")))
            return fail_at(p, g, "the unit_disk medium needs 'tx_range' (metres)");
        if (get_number(p, v, "tx_range", &m->tx_range) < 0)
            return -1;
        if (!(m->tx_range > 0.0))
            return fail_at(p, v, "'tx_range' must be positive");
        m->interference_range = 2.0 * m->tx_range;
        if ((v = config_setting_get_member(g, "interference_range"))) {
            if (get_number(p, v, "interference_range", &m->interference_range) < 0)
                return -1;
            if (!(m->interference_range >= m->tx_range))
                return fail_at(p, v, "'interference_range' must be at least 'tx_range'");
        }
        if ((v = config_setting_get_member(g, "loss")) && get_ratio(p, v, &m->loss) < 0)
            return -1;
    } else if (strcmp(model, "constant_loss") == 0) {
        m->model = MEDIUM_CONSTANT_LOSS;
        if (check_keys(p, g, loss_keys, "a constant_loss medium") < 0)
            return -1;
        if (!(v = config_setting_get_member(g, "loss")))
            return fail_at(p, g, "the constant_loss medium needs 'loss' (0..1)");
        if (get_ratio(p, v, &m->loss) < 0)
            return -1;
        if ((v = config_setting_get_member(g, "rssi")) && get_dbm(p, v, &m->rssi) < 0)
            return -1;
    } else if (strcmp(model, "table") == 0) {
        m->model = MEDIUM_TABLE;
        if (check_keys(p, g, table_keys, "a table medium") < 0)
            return -1;
        if (!(v = config_setting_get_member(g, "links")))
            return fail_at(p, g, "the table medium needs 'links' (a list, may be empty)");
        if (read_links(p, v) < 0)
            return -1;
        if ((v = config_setting_get_member(g, "default"))) {
            const char *d = NULL;
            if (get_string(p, v, &d) < 0)
                return -1;
            if (strcmp(d, "energy") == 0)
                m->table_default_energy = true;
            else if (strcmp(d, "none") != 0)
                return fail_at(p, v, "'default' must be \"none\" or \"energy\"");
        }
    } else {
        return fail_at(p, v, "unknown medium model '%s' (unit_disk, constant_loss or table)",
                       model);
    }
    return 0;
}

/* ---- top level ---- */

static int read_options(parse_t *p, const config_setting_t *root)
{
    scenario_t *s = p->s;
    const config_setting_t *v;
    if ((v = config_setting_get_member(root, "seed"))) {
        int t = config_setting_type(v);
        if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) {
            long long n = config_setting_get_int64(v);
            if (n < 0)
                return fail_at(p, v, "'seed' must not be negative");
            s->seed = (uint64_t)n;
        } else if (t == CONFIG_TYPE_STRING) {
            const char *str = config_setting_get_string(v);
            char *end;
            errno = 0;
            s->seed = strtoull(str, &end, 0);
            if (!isdigit((unsigned char)str[0]) || *end || errno)
                return fail_at(p, v, "bad 'seed' \"%s\" (a number, e.g. 42 or \"0x2a\")", str);
        } else {
            return fail_at(p, v, "'seed' must be a number");
        }
        s->seed_set = true;
    }
    if ((v = config_setting_get_member(root, "until"))) {
        const char *str = NULL;
        if (get_string(p, v, &str) < 0)
            return -1;
        if (cli_parse_time(str, &s->until_kind, &s->until) < 0)
            return fail_at(p, v, "bad 'until' \"%s\" (e.g. \"10s\", \"250ms\", \"48000cyc\")", str);
        s->until_set = true;
    }
    if ((v = config_setting_get_member(root, "clock"))) {
        const char *str = NULL;
        if (get_string(p, v, &str) < 0)
            return -1;
        if (cli_parse_clock(str, &s->clock_hz) < 0)
            return fail_at(p, v, "bad 'clock' \"%s\" (e.g. \"48MHz\"; 1kHz..1GHz)", str);
        s->clock_set = true;
    }
    return 0;
}

static int read_all(parse_t *p, config_t *cfg)
{
    static const char *const keys[] = {"seed", "until", "clock", "medium", "nodes", NULL};
    const config_setting_t *root = config_root_setting(cfg), *nodes, *medium;
    if (check_keys(p, root, keys, "the scenario") < 0 || read_options(p, root) < 0)
        return -1;
    if (!(medium = config_setting_get_member(root, "medium")))
        return fail_at(p, NULL, "no 'medium' (e.g. medium = { model = \"constant_loss\"; loss = 0.0; };)");
    if (!(nodes = config_setting_get_member(root, "nodes")))
        return fail_at(p, NULL, "no 'nodes' list");
    p->s->medium_line = config_setting_source_line(medium);
    /* Nodes first: the table medium names them. */
    const config_setting_t *model = config_setting_is_group(medium) ?
                                    config_setting_get_member(medium, "model") : NULL;
    bool disk = model && config_setting_type(model) == CONFIG_TYPE_STRING &&
                strcmp(config_setting_get_string(model), "unit_disk") == 0;
    if (read_nodes(p, nodes, disk) < 0)
        return -1;
    return read_medium(p, medium);
}

int scenario_load(const char *path, scenario_t *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    parse_t p = {.s = s, .err = err, .errlen = errlen};
    s->path = strdup(path);
    p.dir = strdup(path);
    if (!s->path || !p.dir) {
        snprintf(err, errlen, "%s: out of memory", path);
        free(p.dir);
        scenario_free(s);
        return -1;
    }
    char *slash = strrchr(p.dir, '/');
    if (slash)
        *(slash == p.dir ? slash + 1 : slash) = 0;
    else
        p.dir[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        free(p.dir);
        scenario_free(s);
        return -1;
    }
    config_t cfg;
    config_init(&cfg);
    config_set_include_dir(&cfg, p.dir[0] ? p.dir : ".");
    int rc = 0;
    if (config_read(&cfg, f) != CONFIG_TRUE) {
        snprintf(err, errlen, "%s:%d: %s", config_error_file(&cfg) ? config_error_file(&cfg) : path,
                 config_error_line(&cfg), config_error_text(&cfg));
        rc = -1;
    } else {
        rc = read_all(&p, &cfg);
    }
    config_destroy(&cfg);
    fclose(f);
    free(p.dir);
    if (rc < 0)
        scenario_free(s);
    return rc;
}

void scenario_free(scenario_t *s)
{
    for (int i = 0; i < s->nnodes; i++) {
        free(s->nodes[i].kernel);
        for (int k = 0; k < s->nodes[i].napps; k++)
            free(s->nodes[i].apps[k]);
        free(s->nodes[i].apps);
    }
    free(s->nodes);
    free(s->links);
    free(s->path);
    memset(s, 0, sizeof *s);
}

int scenario_node_index(const scenario_t *s, const char *name)
{
    for (int i = 0; i < s->nnodes; i++)
        if (strcmp(s->nodes[i].name, name) == 0)
            return i;
    return -1;
}
