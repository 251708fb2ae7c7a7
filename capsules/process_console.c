/*
 * process_console.c - the process console (see process_console.h): a
 * kernel shell on the UART. Process management and memory introspection
 * go through ctock_proc_* / ctock_kernel_mem, which the capsule allowlist
 * grants to this capsule only.
 */
#include "process_console.h"

#include <stdarg.h>
#include <string.h>

#include "ctock/debug.h"

static const char *const state_names[] = {
    "Running", "Yielded", "YieldedFor", "Stopped", "Faulted", "Terminated",
};

static void out(process_console_t *pc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = sizeof(pc->out) - pc->out_len;
    int n = ctock_vsnprintf(pc->out + pc->out_len, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        pc->out_len += (size_t)n < room ? (size_t)n : room - 1;
}

/* The kernel's libc has no strcmp. */
static bool streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static const char *state_name(uint32_t s)
{
    return s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

/* The table slot of the process named `name`, or -1 (and a message). */
static int find(process_console_t *pc, const char *name)
{
    ctock_proc_info_t p;
    if (*name == 0) {
        out(pc, "usage: <command> NAME (list shows the names)\n");
        return -1;
    }
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++)
        if (ctock_proc_info(i, &p) && streq(p.name, name))
            return (int)i;
    out(pc, "no process named '%s'\n", name);
    return -1;
}

static void cmd_help(process_console_t *pc)
{
    out(pc, "Welcome to the process console.\n"
            "Commands:\n"
            "  help              this list\n"
            "  list              processes: id, name, state, faults, restarts, syscalls\n"
            "  status            kernel: uptime, processes, timeslices\n"
            "  stop NAME         stop scheduling a process\n"
            "  start NAME        resume a stopped process\n"
            "  terminate NAME    terminate a process\n"
            "  boot NAME         start a terminated or faulted process\n"
            "  fault NAME        force a process into the fault path\n"
            "  kernelmem         kernel memory map (or: kernel memory map)\n");
}

static void cmd_list(process_console_t *pc)
{
    ctock_proc_info_t p;
    ctock_proc_mem_t m;
    out(pc, " id pid        name             state       faults restarts syscalls timeslices grants\n");
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++) {
        if (!ctock_proc_info(i, &p))
            continue;
        uint32_t grants = ctock_proc_mem(i, &m) ? m.grants : 0;
        out(pc, " %u  0x%08x %-16s %-11s %6u %8u %8u %10u %6u\n", i, (unsigned)p.pid, p.name,
            state_name(p.state), (unsigned)p.faults, (unsigned)p.restarts,
            (unsigned)p.syscalls, (unsigned)p.timeslice_expirations, (unsigned)grants);
    }
}

static void cmd_status(process_console_t *pc)
{
    ctock_proc_info_t p;
    unsigned count = 0, counts[6] = { 0 };
    uint32_t syscalls = 0, slices = 0, restarts = 0;
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++) {
        if (!ctock_proc_info(i, &p))
            continue;
        count++;
        if (p.state < 6)
            counts[p.state]++;
        syscalls += p.syscalls;
        slices += p.timeslice_expirations;
        restarts += p.restarts;
    }
    if (pc->alarm)
        out(pc, "uptime: %u ticks at %u Hz\n", (unsigned)hil_alarm_now(pc->alarm),
            (unsigned)pc->alarm->frequency_hz);
    out(pc, "processes: %u (%u running or yielded, %u stopped, %u faulted, %u terminated)\n",
        count, counts[0] + counts[1] + counts[2], counts[3], counts[4], counts[5]);
    out(pc, "timeslice expirations: %u\n", (unsigned)slices);
    out(pc, "syscalls: %u\n", (unsigned)syscalls);
    out(pc, "restarts: %u\n", (unsigned)restarts);
}

static void region(process_console_t *pc, const char *what, uint32_t lo, uint32_t hi,
                   const char *note)
{
    out(pc, "  0x%08x-0x%08x %7u bytes  %-10s %s\n", (unsigned)lo, (unsigned)hi,
        (unsigned)(hi - lo), what, note);
}

static void cmd_kernelmem(process_console_t *pc)
{
    ctock_kernel_mem_t k;
    ctock_kernel_mem(&k);
    out(pc, "kernel memory map:\n");
    region(pc, "RAM", k.ram_start, k.ram_end, "(kernel + app pool)");
    region(pc, ".stack", k.stack_start, k.stack_end, "(kernel stack)");
    region(pc, ".data", k.data_start, k.data_end, "(kernel data)");
    region(pc, ".bss", k.bss_start, k.bss_end, "(kernel bss)");
    region(pc, "app pool", k.appmem_start, k.appmem_end, "(process RAM blocks)");
    region(pc, "app flash", k.apps_start, k.apps_end, "(TBF images)");
    ctock_proc_info_t p;
    ctock_proc_mem_t m;
    uint32_t used = 0;
    for (unsigned i = 0; i < CTOCK_MAX_PROCS; i++) {
        if (!ctock_proc_info(i, &p) || !ctock_proc_mem(i, &m))
            continue;
        used += m.mem_end - m.mem_start;
        out(pc, "process '%s' (id %u, %s):\n", p.name, i, state_name(p.state));
        region(pc, "block", m.mem_start, m.mem_end, "");
        region(pc, "app", m.mem_start, m.app_brk, "(app memory below the break)");
        region(pc, "free", m.app_brk, m.kernel_brk, "");
        out(pc, "  0x%08x-0x%08x %7u bytes  %-10s (%u grants, %u bytes; table %u bytes)\n",
            (unsigned)m.kernel_brk, (unsigned)m.mem_end, (unsigned)(m.mem_end - m.kernel_brk),
            "grants", (unsigned)m.grants, (unsigned)m.grant_bytes,
            (unsigned)m.grant_table_bytes);
        region(pc, "flash", m.flash_start, m.flash_end, "");
    }
    out(pc, "app pool: %u of %u bytes in process blocks\n", (unsigned)used,
        (unsigned)(k.appmem_end - k.appmem_start));
}

typedef ctock_err_t (*manage_fn)(unsigned index);

static void cmd_manage(process_console_t *pc, const char *name, manage_fn fn, const char *done,
                       const char *already, const char *off)
{
    int i = find(pc, name);
    if (i < 0)
        return;
    switch (fn((unsigned)i)) {
    case CTOCK_OK: out(pc, "process '%s' %s\n", name, done); break;
    case ERR_ALREADY: out(pc, "process '%s' %s\n", name, already); break;
    case ERR_OFF: out(pc, "process '%s' %s\n", name, off); break;
    default: out(pc, "process '%s': failed\n", name); break;
    }
}

/* Splits off the first word of s (in place); returns the rest. */
static char *word(char *s)
{
    while (*s && *s != ' ')
        s++;
    if (*s == 0)
        return s;
    *s++ = 0;
    while (*s == ' ')
        s++;
    return s;
}

static void run(process_console_t *pc, char *line)
{
    while (*line == ' ')
        line++;
    size_t n = strlen(line);
    while (n > 0 && line[n - 1] == ' ')
        line[--n] = 0;
    out(pc, "tock$ %s\n", line);
    if (pc->line_too_long) {
        out(pc, "line too long (at most %u characters)\n", (unsigned)PCONSOLE_LINE);
        return;
    }
    if (n == 0)
        return;
    if (streq(line, "kernel memory map")) {
        cmd_kernelmem(pc);
        return;
    }
    char *arg = word(line);
    if (streq(line, "help"))
        cmd_help(pc);
    else if (streq(line, "list"))
        cmd_list(pc);
    else if (streq(line, "status"))
        cmd_status(pc);
    else if (streq(line, "kernelmem"))
        cmd_kernelmem(pc);
    else if (streq(line, "stop"))
        cmd_manage(pc, arg, ctock_proc_stop, "stopped", "is already stopped", "is not running");
    else if (streq(line, "start"))
        cmd_manage(pc, arg, ctock_proc_start, "started", "is not stopped", "is not running");
    else if (streq(line, "terminate"))
        cmd_manage(pc, arg, ctock_proc_terminate, "terminated", "is not running", "is not running");
    else if (streq(line, "boot"))
        cmd_manage(pc, arg, ctock_proc_boot, "booted", "is already running", "cannot boot");
    else if (streq(line, "fault"))
        cmd_manage(pc, arg, ctock_proc_fault, "faulted", "is not running", "is not running");
    else
        out(pc, "unknown command '%s' (help lists the commands)\n", line);
}

static void arm_rx(process_console_t *pc)
{
    hil_uart_receive(pc->uart, &pc->rx_byte, 1);
}

static void send(process_console_t *pc)
{
    if (pc->out_len == 0)
        return;
    pc->tx_busy = true;
    if (hil_uart_transmit(pc->uart, (const uint8_t *)pc->out, pc->out_len) != CTOCK_OK)
        pc->tx_busy = false;
}

/* Runs the waiting line and sends its answer; the transmitter is idle. */
static void run_line(process_console_t *pc)
{
    pc->line[pc->line_len] = 0;
    pc->out_len = 0;
    run(pc, pc->line);
    pc->line_len = 0;
    pc->line_too_long = false;
    pc->line_ready = false;
    send(pc);
}

static void transmitted(void *ctx, const uint8_t *buf, size_t len, ctock_err_t err)
{
    process_console_t *pc = ctx;
    (void)buf;
    (void)len;
    (void)err;
    pc->tx_busy = false;
    pc->out_len = 0;
    if (pc->line_ready) {
        run_line(pc);
        arm_rx(pc);   /* input was held back while the line waited */
    }
}

static void received(void *ctx, uint8_t *buf, size_t len, ctock_err_t err)
{
    process_console_t *pc = ctx;
    if (err == CTOCK_OK && len == 1) {
        uint8_t c = buf[0];
        if (c == '\r' || c == '\n') {
            if (pc->line_len > 0 || pc->line_too_long) {
                pc->line_ready = true;
                if (pc->tx_busy)
                    return;   /* run when the answer before it is out */
                run_line(pc);
            }
        } else if (c == 0x08 || c == 0x7F) {
            if (pc->line_len > 0)
                pc->line_len--;
        } else if (c >= 0x20 && c < 0x7F) {
            if (pc->line_len < PCONSOLE_LINE)
                pc->line[pc->line_len++] = (char)c;
            else
                pc->line_too_long = true;
        }
    }
    arm_rx(pc);
}

static const hil_uart_client_t client = { transmitted, received };

void process_console_init(process_console_t *pc, hil_uart_t *uart, hil_alarm_t *alarm)
{
    memset(pc, 0, sizeof(*pc));
    pc->uart = uart;
    pc->alarm = alarm;
    hil_uart_set_client(uart, &client, pc);
}

void process_console_start(process_console_t *pc)
{
    out(pc, "ctock: process console ready (type help)\n");
    send(pc);
    arm_rx(pc);
}
