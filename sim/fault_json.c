/*
 * fault_json.c - one fault as one JSON object on one line (--fault-json;
 * the field list is in docs/simulator.md, "Faults"). Register values and
 * status words are "0x%08x" strings (JSON has no hex); time is given both
 * as exact cycles and as seconds with nine decimals.
 */
#include <stdio.h>

#include "fault_report.h"
#include "json.h"
#include "trace.h"

static void bit_list(json_t *j, const char **names, int n)
{
    json_arr_begin(j);
    for (int i = 0; i < n; i++)
        json_str(j, names[i]);
    json_arr_end(j);
}

static void registers(json_t *j, const fault_info_t *f)
{
    static const char *const rn[13] = {"r0", "r1", "r2", "r3", "r4", "r5", "r6",
                                       "r7", "r8", "r9", "r10", "r11", "r12"};
    json_obj_begin(j);
    for (int i = 0; i < 13; i++) {
        json_key(j, rn[i]);
        json_hex32(j, f->r[i]);
    }
    json_key(j, "sp");
    json_hex32(j, f->sp);
    json_key(j, "lr");
    json_hex32(j, f->lr);
    json_key(j, "pc");
    json_hex32(j, f->pc);
    json_key(j, "xpsr");
    json_hex32(j, f->xpsr);
    json_obj_end(j);
}

static void str_or_null(json_t *j, const char *key, const char *s)
{
    json_key(j, key);
    if (s && *s)
        json_str(j, s);
    else
        json_null(j);
}

bool fault_report_json(const fault_note_t *n, uint32_t clock_hz, const char *process,
                       char *buf, size_t len)
{
    const fault_info_t *f = &n->info;
    const char *names[24];
    char ts[32];
    json_t j;
    json_init(&j, buf, len);
    json_obj_begin(&j);
    trace_format_time(ts, sizeof ts, n->cycle, clock_hz);
    json_key(&j, "time_s");
    json_raw_number(&j, ts);
    json_key(&j, "cycles");
    json_u64(&j, n->cycle);
    str_or_null(&j, "process", process);
    json_key(&j, "process_index");
    if (n->app >= 0)
        json_i64(&j, n->app);
    else
        json_null(&j);
    json_key(&j, "kernel");
    json_bool(&j, n->kernel);
    json_key(&j, "exception");
    json_str(&j, fault_exception_name(f->exception));
    json_key(&j, "exception_number");
    json_i64(&j, f->exception);
    json_key(&j, "class");
    json_str(&j, fault_class(f));
    json_key(&j, "cfsr");
    json_hex32(&j, f->cfsr);
    json_key(&j, "cfsr_bits");
    bit_list(&j, names, fault_cfsr_bits(f->cfsr, names, 24));
    json_key(&j, "hfsr");
    json_hex32(&j, f->hfsr);
    json_key(&j, "hfsr_bits");
    bit_list(&j, names, fault_hfsr_bits(f->hfsr, names, 24));
    json_key(&j, "mmfar");
    if (f->cfsr & CFSR_MMARVALID)
        json_hex32(&j, f->mmfar);
    else
        json_null(&j);
    json_key(&j, "bfar");
    if (f->cfsr & CFSR_BFARVALID)
        json_hex32(&j, f->bfar);
    else
        json_null(&j);
    json_key(&j, "mode");
    json_str(&j, f->thread_mode ? "thread" : "handler");
    json_key(&j, "privileged");
    json_bool(&j, f->privileged);
    json_key(&j, "lockup");
    json_bool(&j, f->lockup);
    json_key(&j, "registers");
    registers(&j, f);
    str_or_null(&j, "pc_symbol", n->pc_sym);
    str_or_null(&j, "instruction", n->insn);
    str_or_null(&j, "encoding", n->encoding);
    json_obj_end(&j);
    return json_ok(&j);
}
