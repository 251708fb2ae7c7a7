/*
 * capsule_check.c - the --check-capsules hooks and reports (see
 * capsule_check.h; the rule itself is capsule_map.c's).
 *
 * Unicorn's PC inside a memory hook is only as fresh as its last sync
 * (the start of the translated block, or the last instruction a code hook
 * saw), so the checker keeps its own: the block hook records whose block
 * runs, the code hook (bounded to capsule and helper code) the exact
 * instruction. A translated block never spans two capsules or a capsule
 * and other code: every function ends in a branch, which ends a block.
 */
#include "capsule_check.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "capsule_map.h"
#include "node_debug.h"
#include "symbols.h"
#include "trace.h"

#define SITE_SLOTS (4 * CAPSULE_CHECK_MAX_SITES)   /* open addressing, power of 2 */
#define ENTERED_MAX 32                             /* nested grant callbacks read */

struct capsule_check {
    capsule_check_cfg_t cfg;
    capsule_map_t *map;
    symtab_t *functions;
    uc_engine *uc;
    uc_hook h_block, h_code, h_mem;
    bool hooked_code;
    capsule_range_t span;          /* capsule and helper code */

    /* Whose code runs (hooks). */
    int cur;                       /* capsule of the current block, -1: none */
    bool in_helpers;               /* the current block is helper code */
    int caller;                    /* the capsule that called the helpers, -1: none */
    uint32_t caller_ret;           /* its return address (LR at the call) */
    uint32_t pc;                   /* last capsule/helper instruction */

    uint64_t checked, violations;
    uint64_t *per_capsule;
    uint64_t sites[SITE_SLOTS];    /* reported places, key + 1 (0: free) */
    unsigned nsites;
    bool suppressed_noted;
};

static uint32_t reg(capsule_check_t *c, int r)
{
    return node_reg(c->cfg.node, r);
}

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    capsule_check_t *c = ud;
    uint32_t pc = (uint32_t)addr;
    (void)uc;
    (void)size;
    if (pc < c->span.lo || pc >= c->span.hi) {
        c->cur = -1;
        c->in_helpers = false;
        return;
    }
    if (capsule_map_in_helpers(c->map, pc)) {
        if (!c->in_helpers) {   /* entered from outside: LR is the caller's return */
            c->caller_ret = reg(c, UC_ARM_REG_LR);
            c->caller = capsule_map_capsule_at(c->map, c->caller_ret & ~1u);
            if (capsule_map_is_library(c->map, c->caller))
                c->caller = -1;   /* back in a library after an interrupt: caller unknown */
            c->in_helpers = true;
        }
        c->cur = c->caller;
    } else {
        c->in_helpers = false;
        c->cur = capsule_map_capsule_at(c->map, pc);
    }
    c->pc = pc;
}

static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)uc;
    (void)size;
    ((capsule_check_t *)ud)->pc = (uint32_t)addr;
}

/* The grant instances entered now, from the kernel's list in guest RAM. */
static int read_entered(capsule_check_t *c, capsule_entered_t *out)
{
    uint32_t top = capsule_map_layout(c->map)->grant_entered_top, rec;
    int n = 0;
    if (!top || node_read_mem(c->cfg.node, top, &rec, 4) < 0)
        return 0;
    while (rec && n < ENTERED_MAX) {
        uint32_t w[4];   /* outer, grant, data, data_bytes (kernel/core/grant.c) */
        if (node_read_mem(c->cfg.node, rec, w, sizeof w) < 0)
            break;
        out[n++] = (capsule_entered_t){ w[1], w[2], w[3] };
        rec = w[0];
    }
    return n;
}

/* True the first time this place is seen (and there is room to say so). */
static bool new_site(capsule_check_t *c, uint64_t key)
{
    uint64_t k = key + 1;
    uint32_t i = (uint32_t)((k * 0x9E3779B97F4A7C15ull) >> 40) & (SITE_SLOTS - 1);
    while (c->sites[i]) {
        if (c->sites[i] == k)
            return false;
        i = (i + 1) & (SITE_SLOTS - 1);
    }
    if (c->nsites == CAPSULE_CHECK_MAX_SITES) {
        if (!c->suppressed_noted)
            fprintf(c->cfg.out, "ctock-sim: capsule check: %u places reported, further ones "
                    "are counted only\n", CAPSULE_CHECK_MAX_SITES);
        c->suppressed_noted = true;
        return false;
    }
    c->sites[i] = k;
    c->nsites++;
    return true;
}

static void report(capsule_check_t *c, int cap, uint32_t addr, int size, bool write,
                   const capsule_entered_t *entered, int nentered)
{
    char when[32], fn[96], ret[96], what[160], allowed[1024];
    trace_format_time(when, sizeof when, node_now(c->cfg.node), c->cfg.clock_hz);
    if (symtab_format(c->functions, c->pc, fn, sizeof fn) < 0)
        snprintf(fn, sizeof fn, "?");
    if (c->in_helpers) {
        char caller[80];
        if (symtab_format(c->functions, c->caller_ret & ~1u, caller, sizeof caller) < 0)
            snprintf(caller, sizeof caller, "0x%08x", c->caller_ret & ~1u);
        snprintf(ret, sizeof ret, ", returning to %s", caller);
    } else {
        ret[0] = 0;
    }
    capsule_map_describe(c->map, c->cfg.board, addr, what, sizeof what);
    const char *proc = strcmp(what, "app RAM") == 0 && c->cfg.process_at
                           ? c->cfg.process_at(c->cfg.ctx, addr) : NULL;
    capsule_map_allowed(c->map, cap, entered, nentered, allowed, sizeof allowed);
    fprintf(c->cfg.out, "ctock-sim: capsule check at %s s: capsule '%s' pc=0x%08x (%s%s) %s %d "
            "byte%s at 0x%08x (%s%s%s%s); allowed: %s\n",
            when, capsule_map_name(c->map, cap), c->pc, fn, ret, write ? "store" : "load", size,
            size == 1 ? "" : "s", addr, what, proc ? ": process '" : "", proc ? proc : "",
            proc ? "'" : "", allowed);
}

static void on_mem(uc_engine *uc, uc_mem_type type, uint64_t addr64, int size, int64_t value,
                   void *ud)
{
    capsule_check_t *c = ud;
    (void)uc;
    (void)value;
    int cap = c->cur;
    if (cap < 0)
        return;
    uint32_t addr = (uint32_t)addr64;
    bool write = type == UC_MEM_WRITE;
    c->checked++;
    if (capsule_map_check(c->map, cap, addr, (uint32_t)size, write, NULL, 0) != CAPSULE_DENIED)
        return;
    capsule_entered_t entered[ENTERED_MAX];
    int n = read_entered(c, entered);
    if (capsule_map_check(c->map, cap, addr, (uint32_t)size, write, entered, n) != CAPSULE_DENIED)
        return;
    c->violations++;
    c->per_capsule[cap]++;
    uint64_t key = (uint64_t)c->pc << 32 ^ (uint64_t)(c->in_helpers ? c->caller_ret : 0) << 1 ^
                   (uint64_t)cap << 24 ^ (write ? 1u : 0u);
    if (new_site(c, key))
        report(c, cap, addr, size, write, entered, n);
}

capsule_check_t *capsule_check_create(const capsule_check_cfg_t *cfg, char *err, size_t errlen)
{
    capsule_check_t *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->cfg = *cfg;
    c->cur = c->caller = -1;
    c->map = capsule_map_load(cfg->kernel_path, cfg->out, err, errlen);
    if (!c->map) {
        free(c);
        return NULL;
    }
    c->functions = symtab_load(cfg->kernel_path, err, errlen);
    c->per_capsule = calloc((size_t)capsule_map_count(c->map) + 1, sizeof *c->per_capsule);
    if (!c->functions || !c->per_capsule) {
        if (c->functions)
            snprintf(err, errlen, "out of memory");
        capsule_check_destroy(c);
        return NULL;
    }
    if (!capsule_map_layout(c->map)->grant_entered_top)
        fprintf(cfg->out, "ctock-sim: %s: no grant_entered_top: capsule accesses to their "
                "grants will be reported\n", cfg->kernel_path);
    c->span = capsule_map_code_span(c->map);
    c->uc = node_cortexm(cfg->node)->uc;
    /* Unicorn's hook ranges are inclusive. */
    if (uc_hook_add(c->uc, &c->h_block, UC_HOOK_BLOCK, (void *)on_block, c, 1, 0) != UC_ERR_OK) {
        snprintf(err, errlen, "cannot install the capsule check hooks");
        capsule_check_destroy(c);
        return NULL;
    }
    if (c->span.hi > c->span.lo &&
        uc_hook_add(c->uc, &c->h_code, UC_HOOK_CODE, (void *)on_code, c, c->span.lo,
                    c->span.hi - 1) == UC_ERR_OK)
        c->hooked_code = true;
    if (!c->hooked_code ||
        uc_hook_add(c->uc, &c->h_mem, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE, (void *)on_mem, c, 1,
                    0) != UC_ERR_OK) {
        snprintf(err, errlen, "cannot install the capsule check hooks");
        capsule_check_destroy(c);
        return NULL;
    }
    /* No TB flush: nothing has been translated yet (the node has not run;
     * Unicorn's flush also costs ~1 s of page zeroing). */
    return c;
}

void capsule_check_destroy(capsule_check_t *c)
{
    if (!c)
        return;
    if (c->h_mem)
        uc_hook_del(c->uc, c->h_mem);
    if (c->hooked_code)
        uc_hook_del(c->uc, c->h_code);
    if (c->h_block)
        uc_hook_del(c->uc, c->h_block);
    symtab_free(c->functions);
    capsule_map_free(c->map);
    free(c->per_capsule);
    free(c);
}

uint64_t capsule_check_violations(const capsule_check_t *c) { return c ? c->violations : 0; }
unsigned capsule_check_sites(const capsule_check_t *c) { return c ? c->nsites : 0; }

void capsule_check_summary(const capsule_check_t *c, char *buf, size_t len)
{
    if (!c->violations) {
        snprintf(buf, len, "no violations (%llu capsule accesses checked)",
                 (unsigned long long)c->checked);
        return;
    }
    int used = snprintf(buf, len, "%llu violation%s at %u place%s (",
                        (unsigned long long)c->violations, c->violations == 1 ? "" : "s",
                        c->nsites, c->nsites == 1 ? "" : "s");
    bool first = true;
    for (int i = 0; i < capsule_map_count(c->map) && used >= 0 && (size_t)used < len; i++) {
        if (!c->per_capsule[i])
            continue;
        used += snprintf(buf + used, len - (size_t)used, "%scapsule '%s' %llu", first ? "" : ", ",
                         capsule_map_name(c->map, i), (unsigned long long)c->per_capsule[i]);
        first = false;
    }
    if (used >= 0 && (size_t)used < len)
        snprintf(buf + used, len - (size_t)used, "); %llu capsule accesses checked",
                 (unsigned long long)c->checked);
}
