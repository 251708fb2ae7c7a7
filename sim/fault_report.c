/*
 * fault_report.c - the fault observer (see fault_report.h): records each
 * fault at exception entry, writes its JSON line at once, and prints the
 * text note once the guest's dump is out. Symbols and disassembly come
 * from symbols.c and disasm.c, decoding and attribution from faults.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "fault_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disasm.h"
#include "json.h"
#include "trace.h"

#define MAX_PENDING 16
#define END_OF_DUMP "---| end of fault dump |---"

struct fault_report {
    fault_report_cfg_t cfg;
    fault_app_t apps[FAULT_MAX_APPS];
    const char *app_elf[FAULT_MAX_APPS];   /* the symbol file used, or NULL */
    char *owned[FAULT_MAX_APPS];           /* default NAME.elf paths we built */
    symtab_t *kernel_syms;
    FILE *json;
    bool json_failed;
    observer_t obs;
    char line[256];                        /* console line being assembled */
    size_t line_len;
    uint64_t last_tx;                      /* cycle of the last console byte */
    bool line_start;                       /* the console is at the start of a line */
    fault_note_t pending[MAX_PENDING];
    bool dump_ended[MAX_PENDING];          /* the guest's dump for pending[i] is out */
    int npending;
    unsigned dropped;                      /* notes not kept (too many at once) */
    fault_note_t first;
    unsigned count;
    bool first_noted;
    unsigned app_faults[FAULT_MAX_APPS], kernel_faults, other_faults;
};

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* The ELF matches the image that runs: its flash bytes from 0x80000000 are
 * the TBF's binary (compares up to 256 bytes). */
static bool elf_matches(fault_report_t *r, const symtab_t *t, const fault_app_t *a)
{
    uint8_t want[256], got[256];
    uint32_t avail = a->tbf_addr + a->size - a->app_start;
    size_t n = avail < sizeof want ? avail : sizeof want;
    if (n < 8 || symtab_read(t, FAULT_APP_LINK_BASE, want, n) < 0 ||
        node_read_mem(r->cfg.node, a->app_start, got, n) < 0)
        return false;
    return memcmp(want, got, n) == 0;
}

static int use_app_elf(fault_report_t *r, int i, const char *path, bool explicit_, char *err,
                       size_t errlen)
{
    char why[300];
    symtab_t *t = symtab_load(path, why, sizeof why);
    if (!t) {
        if (!explicit_)
            return 0;   /* no NAME.elf beside the TBF: no symbols, no fuss */
        snprintf(err, errlen, "--symbols %s", why);
        return -1;
    }
    if (!elf_matches(r, t, &r->apps[i])) {
        fprintf(r->cfg.out, "ctock-sim: %s: warning: does not match the app image of '%s' "
                "(stale build?); its symbols are not used\n", path, r->apps[i].name);
        symtab_free(t);
        return 0;
    }
    symtab_free(r->apps[i].syms);
    r->apps[i].syms = t;
    r->app_elf[i] = path;
    return 0;
}

/* The base name of path without ext into buf ("" if it does not end so). */
static void stem(const char *path, const char *ext, char *buf, size_t len)
{
    const char *b = base_name(path);
    size_t n = strlen(b), e = strlen(ext);
    buf[0] = 0;
    if (n > e && strcmp(b + n - e, ext) == 0)
        snprintf(buf, len, "%.*s", (int)(n - e), b);
}

static int load_symbols(fault_report_t *r, char *err, size_t errlen)
{
    char why[300];
    if (r->cfg.kernel_path)   /* no symbols (stripped, not an ELF) is fine */
        r->kernel_syms = symtab_load(r->cfg.kernel_path, why, sizeof why);
    for (int i = 0; i < r->cfg.napps; i++) {
        const char *tbf = r->cfg.app_paths[i];
        size_t n = strlen(tbf);
        if (n > 4 && strcmp(tbf + n - 4, ".tbf") == 0 && (r->owned[i] = malloc(n + 1))) {
            memcpy(r->owned[i], tbf, n - 4);
            memcpy(r->owned[i] + n - 4, ".elf", 5);
            if (access(r->owned[i], R_OK) == 0)
                use_app_elf(r, i, r->owned[i], false, err, errlen);
        }
    }
    for (int s = 0; s < r->cfg.nsymbols; s++) {
        const char *p = r->cfg.symbol_paths[s];
        char want[256], tbf_stem[256];
        stem(p, ".elf", want, sizeof want);
        if (!want[0]) {
            snprintf(err, errlen, "--symbols %s: expected an app ELF named NAME.elf", p);
            return -1;
        }
        bool used = false;
        for (int i = 0; i < r->cfg.napps; i++) {
            stem(r->cfg.app_paths[i], ".tbf", tbf_stem, sizeof tbf_stem);
            if (strcmp(want, r->apps[i].name) != 0 && strcmp(want, tbf_stem) != 0)
                continue;
            if (use_app_elf(r, i, p, true, err, errlen) < 0)
                return -1;
            used = true;
        }
        if (!used) {
            snprintf(err, errlen, "--symbols %s: no app named '%s' (an app's name is its "
                     "package name or its TBF file name)", p, want);
            return -1;
        }
    }
    return 0;
}

/* ---- recording ------------------------------------------------------------- */

/* The symbol of a code address: the app's ELF (link address) or the kernel's. */
static void name_pc(const fault_report_t *r, const fault_note_t *n, uint32_t pc, char *buf,
                    size_t len)
{
    buf[0] = 0;
    for (int i = 0; i < r->cfg.napps; i++) {
        const fault_app_t *a = &r->apps[i];
        if (pc >= a->tbf_addr && pc - a->tbf_addr < a->size) {
            if (a->syms && pc >= a->app_start)
                symtab_format(a->syms, fault_app_link_addr(a, pc), buf, len);
            return;
        }
    }
    (void)n;
    symtab_format(r->kernel_syms, pc, buf, len);
}

static void decode_insn(fault_report_t *r, fault_note_t *n)
{
    uint32_t pc = n->info.pc & ~1u;
    uint8_t code[4];
    size_t len = 4;
    if (node_read_mem(r->cfg.node, pc, code, 4) < 0) {
        len = 2;
        if (node_read_mem(r->cfg.node, pc, code, 2) < 0)
            return;   /* PC not in memory: an instruction fetch fault says it */
    }
    int size = disasm_thumb(code, len, pc, n->insn, sizeof n->insn);
    unsigned hw0 = code[0] | code[1] << 8;
    if (size == 4)
        snprintf(n->encoding, sizeof n->encoding, "%04x %04x", hw0,
                 (unsigned)(code[2] | code[3] << 8));
    else
        snprintf(n->encoding, sizeof n->encoding, "%04x", hw0);
}

static void on_fault(void *ctx, uint64_t cycle, const fault_info_t *f)
{
    fault_report_t *r = ctx;
    fault_note_t n;
    memset(&n, 0, sizeof n);
    n.cycle = cycle;
    n.info = *f;
    const char *how;
    n.app = fault_find_app(r->apps, r->cfg.napps, f, &n.kernel, &how);
    if (n.app >= 0)
        snprintf(n.who, sizeof n.who, "process '%s'", r->apps[n.app].name);
    else
        snprintf(n.who, sizeof n.who, "%s", n.kernel ? "kernel" : "unknown process");
    snprintf(n.cls, sizeof n.cls, "%s, %s", fault_exception_name(f->exception), fault_class(f));
    name_pc(r, &n, f->pc & ~1u, n.pc_sym, sizeof n.pc_sym);
    decode_insn(r, &n);

    if (n.app >= 0)
        r->app_faults[n.app]++;
    else if (n.kernel)
        r->kernel_faults++;
    else
        r->other_faults++;
    if (r->count++ == 0) {
        r->first = n;
        if (r->cfg.stop_at_fault)
            node_request_stop(r->cfg.node);
    }
    if (r->json && !r->json_failed) {
        char buf[4096];
        const char *proc = n.app >= 0 ? r->apps[n.app].name : n.kernel ? "kernel" : NULL;
        if (!fault_report_json(&n, r->cfg.clock_hz, proc, buf, sizeof buf) ||
            fprintf(r->json, "%s\n", buf) < 0 || fflush(r->json) != 0)
            r->json_failed = true;
    }
    if (r->npending < MAX_PENDING) {
        r->dump_ended[r->npending] = false;
        r->pending[r->npending++] = n;
    } else {
        r->dropped++;
    }
    if (r->cfg.on_fault)
        r->cfg.on_fault(r->cfg.ctx, &n);
}

static void print_pending(fault_report_t *r, int count);

static void on_console(void *ctx, uint64_t cycle, uint8_t byte)
{
    fault_report_t *r = ctx;
    r->last_tx = cycle;
    r->line_start = byte == '\n';
    if ((byte == '\n' || byte == '\r') && r->line_len < sizeof r->line &&
        r->line_len >= strlen(END_OF_DUMP)) {
        r->line[r->line_len] = 0;
        if (strstr(r->line, END_OF_DUMP)) {
            int done = 0;   /* the dumps of the faults so far are out */
            while (done < r->npending && r->pending[done].cycle < cycle)
                r->dump_ended[done++] = true;
            /* Right after the dump's last line (the console observer, added
             * before us, has already written it to stdout). */
            if (done && byte == '\n')
                print_pending(r, done);
        }
    }
    fault_learn_console(r->apps, r->cfg.napps, r->line, sizeof r->line, &r->line_len, byte);
}

/* ---- output ------------------------------------------------------------------ */

void fault_report_format(const fault_report_t *r, const fault_note_t *n, char *buf, size_t len)
{
    const fault_info_t *f = &n->info;
    char ts[32], app[24] = "", sym[200] = "", bits[160], hbits[64], at[48] = "";
    const char *names[24];
    trace_format_time(ts, sizeof ts, n->cycle, r->cfg.clock_hz);
    if (n->app >= 0)
        snprintf(app, sizeof app, " (app %d)", n->app);
    if (n->pc_sym[0]) {
        const char *file = n->app >= 0 ? r->app_elf[n->app] : r->cfg.kernel_path;
        snprintf(sym, sizeof sym, " = %s (%s)", n->pc_sym, file ? base_name(file) : "?");
    }
    fault_join_bits(names, fault_cfsr_bits(f->cfsr, names, 24), " ", bits, sizeof bits);
    fault_join_bits(names, fault_hfsr_bits(f->hfsr, names, 24), " ", hbits, sizeof hbits);
    uint32_t addr;
    const char *which;
    if (fault_address(f, &addr, &which))
        snprintf(at, sizeof at, ", %s 0x%08x", which, addr);
    int w = snprintf(buf, len,
                     "ctock-sim: fault in %s%s at %s s: %s%s\n"
                     "ctock-sim:   pc 0x%08x%s, lr 0x%08x, sp 0x%08x (%s mode%s)\n",
                     n->who, app, ts, n->cls, f->lockup ? " (core locked up)" : "",
                     f->pc, sym, f->lr, f->sp, f->thread_mode ? "thread" : "handler",
                     f->privileged ? ", privileged" : ", unprivileged");
    if (w < 0 || (size_t)w >= len)
        return;
    size_t used = (size_t)w;
    if (n->insn[0])
        w = snprintf(buf + used, len - used, "ctock-sim:   instruction: %s  [%s]\n", n->insn,
                     n->encoding);
    else
        w = snprintf(buf + used, len - used, "ctock-sim:   instruction: (not readable)\n");
    if (w < 0 || (size_t)w >= len - used)
        return;
    used += (size_t)w;
    snprintf(buf + used, len - used, "ctock-sim:   cfsr 0x%08x (%s), hfsr 0x%08x%s%s%s%s\n",
             f->cfsr, bits[0] ? bits : "none", f->hfsr, hbits[0] ? " (" : "", hbits,
             hbits[0] ? ")" : "", at);
}

/* Prints pending[0..count) and drops them from the queue. */
static void print_pending(fault_report_t *r, int count)
{
    char buf[1024];
    fflush(stdout);   /* the guest's dump first */
    if (!r->line_start)
        fputc('\n', r->cfg.out);   /* forced out mid-line: start our own */
    for (int i = 0; i < count; i++) {
        fault_report_format(r, &r->pending[i], buf, sizeof buf);
        fputs(buf, r->cfg.out);
    }
    if (count == r->npending && r->dropped) {
        fprintf(r->cfg.out, "ctock-sim: ... and %u more faults in a burst (not shown)\n",
                r->dropped);
        r->dropped = 0;
    }
    fflush(r->cfg.out);
    if (count && !r->first_noted) {
        r->first_noted = true;
        if (r->cfg.stop_after_note)
            node_request_stop(r->cfg.node);
    }
    memmove(r->pending, r->pending + count, (size_t)(r->npending - count) * sizeof r->pending[0]);
    memmove(r->dump_ended, r->dump_ended + count,
            (size_t)(r->npending - count) * sizeof r->dump_ended[0]);
    r->npending -= count;
}

/* A note is due once its fault's dump is out: the end marker came after
 * it, or the console has been quiet since (FAULT_QUIET_MS), or it is
 * FAULT_NOTE_MAX_MS old. Due notes are printed at a console line start
 * (unless over age), oldest first. */
void fault_report_tick(fault_report_t *r, uint64_t now)
{
    if (!r || !r->npending)
        return;
    uint64_t ms = r->cfg.clock_hz / 1000;
    int due = 0;
    bool overdue = false;
    for (; due < r->npending; due++) {
        uint64_t t0 = r->pending[due].cycle;
        bool quiet = now - (r->last_tx > t0 ? r->last_tx : t0) >= FAULT_QUIET_MS * ms;
        bool old = now - t0 >= FAULT_NOTE_MAX_MS * ms;
        if (!r->dump_ended[due] && !quiet && !old)
            break;
        overdue = overdue || old;
    }
    if (due && (r->line_start || overdue || r->last_tx < r->pending[0].cycle))
        print_pending(r, due);
}

void fault_report_flush(fault_report_t *r)
{
    if (r && r->npending)
        print_pending(r, r->npending);
}

unsigned fault_report_count(const fault_report_t *r) { return r ? r->count : 0; }

bool fault_report_waiting(const fault_report_t *r) { return r && r->npending; }

bool fault_report_first_noted(const fault_report_t *r) { return r && r->first_noted; }

void fault_report_summary(const fault_report_t *r, char *buf, size_t len)
{
    size_t n = (size_t)snprintf(buf, len, "%u (", r->count);
    const char *sep = "";
    for (int i = 0; i < r->cfg.napps && n < len; i++) {
        if (r->app_faults[i]) {
            n += (size_t)snprintf(buf + n, len - n, "%sprocess '%s' %u", sep, r->apps[i].name,
                                  r->app_faults[i]);
            sep = ", ";
        }
    }
    if (r->kernel_faults && n < len) {
        n += (size_t)snprintf(buf + n, len - n, "%skernel %u", sep, r->kernel_faults);
        sep = ", ";
    }
    if (r->other_faults && n < len)
        n += (size_t)snprintf(buf + n, len - n, "%sunknown process %u", sep, r->other_faults);
    if (n < len)
        snprintf(buf + n, len - n, ")");
}

const char *fault_report_process_at(const fault_report_t *r, uint32_t addr)
{
    for (int i = 0; r && i < r->cfg.napps; i++) {
        const fault_app_t *a = &r->apps[i];
        if (a->ram_size && addr >= a->ram_start && addr - a->ram_start < a->ram_size)
            return a->name;
    }
    return NULL;
}

const fault_note_t *fault_report_first(const fault_report_t *r)
{
    return r && r->count ? &r->first : NULL;
}

/* ---- life cycle -------------------------------------------------------------- */

fault_report_t *fault_report_create(const fault_report_cfg_t *cfg, char *err, size_t errlen)
{
    if (cfg->napps > FAULT_MAX_APPS) {
        snprintf(err, errlen, "too many apps for the fault reporter");
        return NULL;
    }
    fault_report_t *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->cfg = *cfg;
    for (int i = 0; i < cfg->napps; i++) {
        fault_app_t *a = &r->apps[i];
        const loader_app_t *l = &cfg->apps[i];
        a->tbf_addr = l->addr;
        a->size = l->size;
        a->app_start = l->app_start;
        if (l->name[0])
            snprintf(a->name, sizeof a->name, "%s", l->name);
        else
            stem(cfg->app_paths[i], ".tbf", a->name, sizeof a->name);
    }
    if (load_symbols(r, err, errlen) < 0) {
        fault_report_destroy(r);
        return NULL;
    }
    if (cfg->json_path) {
        r->json = fopen(cfg->json_path, "a");
        if (!r->json) {
            snprintf(err, errlen, "%s: %s", cfg->json_path, strerror(errno));
            fault_report_destroy(r);
            return NULL;
        }
    }
    r->line_start = true;
    r->obs = (observer_t){.ctx = r, .fault = on_fault, .console_tx = on_console};
    return r;
}

int fault_report_destroy(fault_report_t *r)
{
    if (!r)
        return 0;
    int rc = r->json_failed ? -1 : 0;
    if (r->json && fclose(r->json) != 0)
        rc = -1;
    symtab_free(r->kernel_syms);
    for (int i = 0; i < FAULT_MAX_APPS; i++) {
        symtab_free(r->apps[i].syms);
        free(r->owned[i]);
    }
    free(r);
    return rc;
}

const observer_t *fault_report_observer(fault_report_t *r) { return &r->obs; }
