/* test_faults.c - host-side fault reporting on synthetic fault_info_t:
 * CFSR/HFSR decoding and the class, the valid fault address, attribution
 * to an app (pc, lr, sp learned from the kernel's console line, kernel),
 * the app PC -> link address mapping, symbol lookup, Thumb disassembly,
 * and the whole reporter on a real node: the note's text and the JSON
 * line of a `udf` in app flash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/board.h"
#include "sim/disasm.h"
#include "sim/fault_report.h"
#include "sim/faults.h"
#include "sim/json.h"
#include "sim/symbols.h"

static void test_cfsr_bits_and_class(void **state)
{
    const char *names[24];
    char buf[200];
    int n = fault_cfsr_bits(CFSR_DACCVIOL | CFSR_MMARVALID | CFSR_DIVBYZERO, names, 24);
    fault_join_bits(names, n, " ", buf, sizeof buf);
    assert_string_equal(buf, "DACCVIOL MMARVALID DIVBYZERO");
    n = fault_hfsr_bits(HFSR_FORCED | HFSR_VECTTBL, names, 24);
    fault_join_bits(names, n, ",", buf, sizeof buf);
    assert_string_equal(buf, "VECTTBL,FORCED");
    assert_int_equal(fault_cfsr_bits(0, names, 24), 0);

    fault_info_t f = {.exception = 6, .cfsr = CFSR_UNDEFINSTR};
    assert_string_equal(fault_class(&f), "undefined instruction");
    f.cfsr = CFSR_DIVBYZERO;
    assert_string_equal(fault_class(&f), "divide by zero");
    f.cfsr = CFSR_UNALIGNED;
    assert_string_equal(fault_class(&f), "unaligned access");
    f.cfsr = CFSR_INVPC;
    assert_string_equal(fault_class(&f), "invalid PC load (bad EXC_RETURN)");
    /* Stacking errors say more than the access bit set with them. */
    f.exception = 4;
    f.cfsr = CFSR_DACCVIOL | CFSR_MSTKERR;
    assert_string_equal(fault_class(&f), "MPU fault on exception entry stacking");
    f.cfsr = CFSR_IACCVIOL;
    assert_string_equal(fault_class(&f), "instruction access violation");
    f.exception = 3;
    f.cfsr = 0;
    f.hfsr = HFSR_FORCED;
    assert_string_equal(fault_class(&f), "escalated fault");
    f.hfsr = HFSR_VECTTBL;
    assert_string_equal(fault_class(&f), "vector table read error");
    assert_string_equal(fault_exception_name(3), "HardFault");
    assert_string_equal(fault_exception_name(4), "MemManage");
    assert_string_equal(fault_exception_name(5), "BusFault");
    assert_string_equal(fault_exception_name(6), "UsageFault");
    assert_string_equal(fault_exception_name(11), "exception 11");
}

static void test_fault_address_only_when_valid(void **state)
{
    uint32_t a;
    const char *which;
    fault_info_t f = {.cfsr = CFSR_DACCVIOL, .mmfar = 0x1234, .bfar = 0x5678};
    assert_false(fault_address(&f, &a, &which));   /* MMFAR not marked valid */
    f.cfsr |= CFSR_MMARVALID;
    assert_true(fault_address(&f, &a, &which));
    assert_int_equal(a, 0x1234);
    assert_string_equal(which, "mmfar");
    f.cfsr = CFSR_PRECISERR | CFSR_BFARVALID;
    assert_true(fault_address(&f, &a, &which));
    assert_int_equal(a, 0x5678);
    assert_string_equal(which, "bfar");
}

static fault_app_t apps[2] = {
    {.name = "hello", .tbf_addr = 0x40000, .size = 0x800, .app_start = 0x40030},
    {.name = "crash", .tbf_addr = 0x42000, .size = 0x2000, .app_start = 0x42030},
};

static void test_attribution(void **state)
{
    bool kernel;
    const char *how;
    fault_info_t f = {.pc = 0x42100, .thread_mode = true};
    assert_int_equal(fault_find_app(apps, 2, &f, &kernel, &how), 1);
    assert_string_equal(how, "pc");
    assert_false(kernel);
    f.pc = 0x40800;
    f.lr = 0x40101;      /* branched out of hello into nowhere */
    assert_int_equal(fault_find_app(apps, 2, &f, &kernel, &how), 0);
    assert_string_equal(how, "lr");
    /* SP: only once the kernel's "loaded" line has given the RAM block. */
    f.lr = 0xfffffffd;
    f.sp = 0x20004f00;
    assert_int_equal(fault_find_app(apps, 2, &f, &kernel, &how), -1);
    assert_false(kernel);   /* a process, but which one is unknown */
    char line[256];
    size_t len = 0;
    const char *text = "ctock: process 'crash' loaded: flash 0x00042000 (8192 bytes), "
                       "ram 0x20004000 (4096 bytes)\r\n";
    for (const char *p = text; *p; p++)
        fault_learn_console(apps, 2, line, sizeof line, &len, (uint8_t)*p);
    assert_int_equal(apps[1].ram_start, 0x20004000);
    assert_int_equal(apps[1].ram_size, 4096);
    assert_int_equal(apps[0].ram_size, 0);
    assert_int_equal(fault_find_app(apps, 2, &f, &kernel, &how), 1);
    assert_string_equal(how, "sp");
    /* Handler mode, not in app flash: the kernel. */
    f = (fault_info_t){.pc = 0x1234, .sp = 0x20004f00, .privileged = true};
    assert_int_equal(fault_find_app(apps, 2, &f, &kernel, &how), -1);
    assert_true(kernel);
    assert_null(how);
    /* The link address: app_start is 0x80000000 in the app ELF. */
    assert_int_equal(fault_app_link_addr(&apps[1], 0x4212a), 0x800000fa);
    apps[1].ram_start = apps[1].ram_size = 0;
}

static void test_symbol_lookup(void **state)
{
    symtab_t *t = symtab_new();
    assert_non_null(t);
    assert_int_equal(symtab_add(t, "main", 0x80000100, 0x40), 0);
    assert_int_equal(symtab_add(t, "_start", 0x80000028, 0x10), 0);
    assert_int_equal(symtab_add(t, "helper", 0x80000140, 0x20), 0);
    assert_int_equal(symtab_add(t, "asm_label", 0x80000200, 0), 0);
    assert_int_equal(symtab_add(t, "after", 0x80000210, 8), 0);
    char buf[64];
    uint32_t off;
    assert_int_equal(symtab_format(t, 0x80000100, buf, sizeof buf), 0);
    assert_string_equal(buf, "main");
    assert_int_equal(symtab_format(t, 0x8000013e, buf, sizeof buf), 0);
    assert_string_equal(buf, "main+0x3e");
    assert_int_equal(symtab_format(t, 0x80000140, buf, sizeof buf), 0);
    assert_string_equal(buf, "helper");
    assert_int_equal(symtab_format(t, 0x80000160, buf, sizeof buf), -1);   /* gap */
    assert_string_equal(buf, "");
    assert_int_equal(symtab_format(t, 0x80000020, buf, sizeof buf), -1);   /* before all */
    assert_int_equal(symtab_format(t, 0x8000020e, buf, sizeof buf), 0);   /* size-0 label */
    assert_string_equal(buf, "asm_label+0xe");
    assert_string_equal(symtab_lookup(t, 0x80000214, &off), "after");
    assert_int_equal(off, 4);
    assert_null(symtab_lookup(t, 0x80000218, &off));
    /* A linker-script label at a function's start does not hide it. */
    assert_int_equal(symtab_add(t, "_text", 0x80000100, 0), 0);
    assert_int_equal(symtab_format(t, 0x80000122, buf, sizeof buf), 0);
    assert_string_equal(buf, "main+0x22");
    assert_int_equal(symtab_format(NULL, 0x80000100, buf, sizeof buf), -1);
    symtab_free(t);
    char err[300];
    assert_null(symtab_load("/proc/self/exe", err, sizeof err));   /* x86-64, not ARM */
    assert_non_null(strstr(err, "ARM"));
    assert_null(symtab_load("/nonexistent.elf", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent.elf"));
}

static void test_disasm(void **state)
{
    char out[64];
    static const uint8_t udf[] = {0xff, 0xde, 0x00, 0x00};
    assert_int_equal(disasm_thumb(udf, 4, 0x40100, out, sizeof out), 2);
    assert_string_equal(out, "udf #0xff");
    static const uint8_t ldr[] = {0x48, 0x68};   /* ldr r0, [r1, #4] */
    assert_int_equal(disasm_thumb(ldr, 2, 0x40100, out, sizeof out), 2);
    assert_string_equal(out, "ldr r0, [r1, #4]");
    static const uint8_t sdiv[] = {0x91, 0xfb, 0xf2, 0xf0};   /* sdiv r0, r1, r2 */
    assert_int_equal(disasm_thumb(sdiv, 4, 0x40100, out, sizeof out), 4);
    assert_string_equal(out, "sdiv r0, r1, r2");
    assert_int_equal(disasm_thumb(sdiv, 1, 0x40100, out, sizeof out), -1);
    assert_string_equal(out, "(invalid)");
}

static void test_json_writer(void **state)
{
    char buf[256];
    json_t j;
    json_init(&j, buf, sizeof buf);
    json_obj_begin(&j);
    json_key(&j, "s");
    json_str(&j, "q\"b\\n\n\t\x01\x7f caf\xc3\xa9 \xff");
    json_key(&j, "a");
    json_arr_begin(&j);
    json_u64(&j, 18446744073709551615ull);
    json_i64(&j, -5);
    json_bool(&j, true);
    json_null(&j);
    json_hex32(&j, 0xdeadbeef);
    json_arr_end(&j);
    json_key(&j, "t");
    json_raw_number(&j, "0.500000000");
    json_key(&j, "e");
    json_obj_begin(&j);
    json_obj_end(&j);
    json_obj_end(&j);
    assert_true(json_ok(&j));
    assert_string_equal(buf, "{\"s\":\"q\\\"b\\\\n\\n\\t\\u0001\\u007f caf\xc3\xa9 \\u00ff\","
                             "\"a\":[18446744073709551615,-5,true,null,\"0xdeadbeef\"],"
                             "\"t\":0.500000000,\"e\":{}}");
    /* Misuse and overflow are errors, never a half record that looks fine. */
    json_init(&j, buf, sizeof buf);
    json_obj_begin(&j);
    json_str(&j, "value without a key");
    assert_false(json_ok(&j));
    json_init(&j, buf, sizeof buf);
    json_obj_begin(&j);
    assert_false(json_ok(&j));   /* unclosed */
    char small[8];
    json_init(&j, small, sizeof small);
    json_obj_begin(&j);
    json_key(&j, "long key");
    json_null(&j);
    json_obj_end(&j);
    assert_false(json_ok(&j));
    assert_true(strlen(small) < sizeof small);
}

/* ---- the whole reporter on a real node --------------------------------- */

static char note[2048];

static void test_report_on_a_node(void **state)
{
    const char *cerr = NULL;
    node_t *n = node_create(&board_sim, 48000000, &cerr);
    assert_non_null(n);
    /* An app at 0x40000 whose code at 0x40100 is `udf #0xff`. */
    static const uint8_t code[] = {0xff, 0xde, 0x00, 0xbf};
    assert_int_equal(node_write_mem(n, 0x40100, code, sizeof code), 0);
    loader_app_t la = {.addr = 0x40000, .size = 0x800, .app_start = 0x40030, .name = "cr\"ash"};
    const char *paths[] = {"/nonexistent/crash.tbf"};
    char json_path[] = "/tmp/ctock_faults_XXXXXX";
    int fd = mkstemp(json_path);
    assert_true(fd >= 0);
    close(fd);
    FILE *out = tmpfile();
    fault_report_cfg_t cfg = {.node = n, .clock_hz = 48000000, .app_paths = paths, .apps = &la,
                              .napps = 1, .json_path = json_path, .out = out};
    char err[300];
    fault_report_t *r = fault_report_create(&cfg, err, sizeof err);
    assert_non_null(r);
    const observer_t *o = fault_report_observer(r);
    fault_info_t f = {.exception = 6, .cfsr = CFSR_UNDEFINSTR, .pc = 0x40100, .lr = 0x400ab,
                      .sp = 0x20003fe0, .xpsr = 0x01000000, .thread_mode = true};
    f.r[0] = 1;
    f.r[12] = 0xc;
    o->fault(o->ctx, 24000000, &f);   /* 0.5 s */
    assert_int_equal(fault_report_count(r), 1);
    assert_true(fault_report_waiting(r));
    /* The note waits for the guest's dump: not yet 20 ms of quiet... */
    fault_report_tick(r, 24000000 + 48000 * 10);
    assert_true(fault_report_waiting(r));
    /* ... until the dump's end marker. */
    const char *end = "ctock: ---| end of fault dump |---\n";
    for (const char *p = end; *p; p++)
        o->console_tx(o->ctx, 24000100, (uint8_t)*p);
    fault_report_tick(r, 24000200);
    assert_false(fault_report_waiting(r));
    char sum[256];
    fault_report_summary(r, sum, sizeof sum);
    assert_string_equal(sum, "1 (process 'cr\"ash' 1)");
    assert_int_equal(fault_report_destroy(r), 0);
    node_destroy(n);

    rewind(out);
    size_t got = fread(note, 1, sizeof note - 1, out);
    note[got] = 0;
    fclose(out);
    assert_non_null(strstr(note, "ctock-sim: fault in process 'cr\"ash' (app 0) at 0.500000000 s: "
                                 "UsageFault, undefined instruction\n"));
    assert_non_null(strstr(note, "ctock-sim:   pc 0x00040100, lr 0x000400ab, sp 0x20003fe0 "
                                 "(thread mode, unprivileged)\n"));
    assert_non_null(strstr(note, "ctock-sim:   instruction: udf #0xff  [deff]\n"));
    assert_non_null(strstr(note, "ctock-sim:   cfsr 0x00010000 (UNDEFINSTR), hfsr 0x00000000\n"));

    FILE *jf = fopen(json_path, "r");
    assert_non_null(jf);
    char line[4096];
    assert_non_null(fgets(line, sizeof line, jf));
    assert_null(fgets(note, sizeof note, jf));   /* exactly one line */
    fclose(jf);
    unlink(json_path);
    assert_string_equal(line,
        "{\"time_s\":0.500000000,\"cycles\":24000000,\"process\":\"cr\\\"ash\","
        "\"process_index\":0,\"kernel\":false,\"exception\":\"UsageFault\","
        "\"exception_number\":6,\"class\":\"undefined instruction\",\"cfsr\":\"0x00010000\","
        "\"cfsr_bits\":[\"UNDEFINSTR\"],\"hfsr\":\"0x00000000\",\"hfsr_bits\":[],"
        "\"mmfar\":null,\"bfar\":null,\"mode\":\"thread\",\"privileged\":false,"
        "\"lockup\":false,\"registers\":{\"r0\":\"0x00000001\",\"r1\":\"0x00000000\","
        "\"r2\":\"0x00000000\",\"r3\":\"0x00000000\",\"r4\":\"0x00000000\","
        "\"r5\":\"0x00000000\",\"r6\":\"0x00000000\",\"r7\":\"0x00000000\","
        "\"r8\":\"0x00000000\",\"r9\":\"0x00000000\",\"r10\":\"0x00000000\","
        "\"r11\":\"0x00000000\",\"r12\":\"0x0000000c\",\"sp\":\"0x20003fe0\","
        "\"lr\":\"0x000400ab\",\"pc\":\"0x00040100\",\"xpsr\":\"0x01000000\"},"
        "\"pc_symbol\":null,\"instruction\":\"udf #0xff\",\"encoding\":\"deff\"}\n");
}

static void test_report_rejects_unusable_files(void **state)
{
    const char *cerr = NULL;
    node_t *n = node_create(&board_sim, 48000000, &cerr);
    assert_non_null(n);
    loader_app_t la = {.addr = 0x40000, .size = 0x800, .app_start = 0x40030, .name = "hello"};
    const char *paths[] = {"hello.tbf"};
    const char *syms[] = {"/nonexistent/other.elf"};
    fault_report_cfg_t cfg = {.node = n, .clock_hz = 48000000, .app_paths = paths, .apps = &la,
                              .napps = 1, .symbol_paths = syms, .nsymbols = 1, .out = stderr};
    char err[300];
    assert_null(fault_report_create(&cfg, err, sizeof err));
    assert_non_null(strstr(err, "no app named 'other'"));
    syms[0] = "/nonexistent/hello.elf";
    assert_null(fault_report_create(&cfg, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/hello.elf"));
    cfg.nsymbols = 0;
    cfg.json_path = "/nonexistent/dir/f.jsonl";
    assert_null(fault_report_create(&cfg, err, sizeof err));
    assert_non_null(strstr(err, "f.jsonl"));
    node_destroy(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cfsr_bits_and_class),
        cmocka_unit_test(test_fault_address_only_when_valid),
        cmocka_unit_test(test_attribution),
        cmocka_unit_test(test_symbol_lookup),
        cmocka_unit_test(test_disasm),
        cmocka_unit_test(test_json_writer),
        cmocka_unit_test(test_report_on_a_node),
        cmocka_unit_test(test_report_rejects_unusable_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
