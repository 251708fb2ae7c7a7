/*
 * cli.c - parses ctock-sim's flags into cli_opts_t and prints the usage.
 * Numbers are decimal with an optional fraction and a unit; they are
 * converted with integer arithmetic so "1.5s" is exactly 1500000000 ns.
 * It does not open files or check that they exist (the loader does).
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VERSION "0.1"

/* Parses "DIGITS[.DIGITS]" at s: all digits as one integer (at most 18
 * significant), count of fraction digits, pointer past the number. */
static int parse_decimal(const char *s, uint64_t *mant, unsigned *fdigits, const char **end)
{
    uint64_t m = 0;
    unsigned nd = 0, fd = 0;
    bool frac = false;
    for (; *s; s++) {
        if (*s == '.' && !frac) {
            frac = true;
            continue;
        }
        if (!isdigit((unsigned char)*s))
            break;
        if (nd >= 18)
            return -1;
        m = m * 10 + (uint64_t)(*s - '0');
        if (m || nd)
            nd++;
        if (frac)
            fd++;
    }
    if (s[-1] == '.' && !fd)
        return -1;
    *mant = m;
    *fdigits = fd;
    *end = s;
    return 0;
}

/* mant * 10^(exp10 - fdigits), truncated; -1 on overflow. */
static int scale(uint64_t mant, unsigned fdigits, unsigned exp10, uint64_t *out)
{
    unsigned __int128 v = mant;
    for (unsigned i = fdigits; i < exp10; i++)
        v *= 10;
    for (unsigned i = exp10; i < fdigits; i++)
        v /= 10;
    if (v > UINT64_MAX)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int cli_parse_time(const char *s, cli_until_kind_t *kind, uint64_t *value)
{
    static const struct { const char *unit; unsigned exp10; } units[] = {
        {"s", 9}, {"ms", 6}, {"us", 3}, {"ns", 0},
    };
    uint64_t mant;
    unsigned fd;
    const char *u;
    if (!s || !isdigit((unsigned char)*s) || parse_decimal(s, &mant, &fd, &u) < 0)
        return -1;
    if (strcmp(u, "cyc") == 0) {
        if (fd)
            return -1;
        *kind = CLI_UNTIL_CYCLES;
        *value = mant;
        return 0;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(u, units[i].unit) == 0) {
            *kind = CLI_UNTIL_NS;
            return scale(mant, fd, units[i].exp10, value);
        }
    }
    return -1;
}

int cli_parse_clock(const char *s, uint32_t *hz)
{
    static const struct { const char *unit; unsigned exp10; } units[] = {
        {"", 0}, {"hz", 0}, {"khz", 3}, {"mhz", 6}, {"ghz", 9},
    };
    uint64_t mant, v;
    unsigned fd;
    const char *u;
    if (!s || !isdigit((unsigned char)*s) || parse_decimal(s, &mant, &fd, &u) < 0)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcasecmp(u, units[i].unit) == 0) {
            if (scale(mant, fd, units[i].exp10, &v) < 0)
                return -1;
            if (v < 1000 || v > 1000000000)
                return -1;
            *hz = (uint32_t)v;
            return 0;
        }
    }
    return -1;
}

uint64_t cli_time_cycles(cli_until_kind_t kind, uint64_t value, uint32_t clock_hz)
{
    switch (kind) {
    case CLI_UNTIL_CYCLES:
        return value;
    case CLI_UNTIL_NS: {
        unsigned __int128 c = (unsigned __int128)value * clock_hz / 1000000000u;
        return c > UINT64_MAX ? UINT64_MAX : (uint64_t)c;
    }
    default:
        return UINT64_MAX;
    }
}

uint64_t cli_until_cycles(const cli_opts_t *o)
{
    return cli_time_cycles(o->until_kind, o->until, o->clock_hz);
}

int cli_parse_button(const char *s, cli_button_t *b)
{
    char buf[64];
    char *end;
    if (!s || !isdigit((unsigned char)*s) || strlen(s) >= sizeof buf)
        return -1;
    unsigned long n = strtoul(s, &end, 10);
    if (*end != '@' || n >= CLI_NUM_BUTTONS)
        return -1;
    strcpy(buf, end + 1);
    char *colon = strchr(buf, ':');
    if (colon)
        *colon++ = 0;
    memset(b, 0, sizeof *b);
    b->button = (unsigned)n;
    if (cli_parse_time(buf, &b->at_kind, &b->at) < 0)
        return -1;
    b->action = CLI_BUTTON_CLICK;
    b->hold_kind = CLI_UNTIL_NS;
    b->hold = CLI_CLICK_NS;
    if (!colon)
        return 0;
    if (strcmp(colon, "down") == 0)
        b->action = CLI_BUTTON_DOWN;
    else if (strcmp(colon, "up") == 0)
        b->action = CLI_BUTTON_UP;
    else if (cli_parse_time(colon, &b->hold_kind, &b->hold) < 0 || b->hold == 0)
        return -1;
    return 0;
}

void cli_usage(FILE *f, const char *prog)
{
    fprintf(f,
"usage: %s [options] KERNEL.elf [APP.tbf ...]\n"
"       %s --scenario FILE [options]\n"
"\n"
"Runs a ctock kernel image and its apps on the simulated `sim` board in\n"
"deterministic virtual time. Guest console bytes go to stdout; the run\n"
"summary and diagnostics to stderr.\n"
"\n"
"With --scenario, runs every node the FILE lists (libconfig syntax; see\n"
"docs/simulator.md), their 802.15.4 radios joined by the file's medium;\n"
"each console line is printed as '[NAME] line'. There --until, --seed and\n"
"--clock override the file's values; --expect, --speed, --mpu-fast and\n"
"--quiet apply; the other single-node options are refused.\n"
"\n"
"options:\n"
"  --until TIME     stop at this virtual time: 10s, 1.5s, 250ms, 1500us, 20ns,\n"
"                   or CPU cycles as 48000cyc (headless default: 10s; with\n"
"                   --panel: until the window is closed)\n"
"  --expect TEXT    succeed and stop as soon as TEXT has appeared on the\n"
"                   console (repeatable: all must appear)\n"
"  --clock HZ       CPU clock: 48MHz (default), 16000000, 1.5MHz; 1kHz..1GHz\n"
"  --headless       no panel (the default)\n"
"  --panel          open the SDL2 panel (LEDs, active/asleep, virtual time)\n"
"                   and pace virtual time to wall time\n"
"  --speed X        pace virtual time to wall time: X virtual seconds per wall\n"
"                   second (panel default 1; headless runs are paced only\n"
"                   when this is given, e.g. for typing at the console)\n"
"  --trace-leds     print LED changes to stderr\n"
"  --trace FILE     write LED changes, power-state changes and guest log lines\n"
"                   to FILE, one per line: '<seconds>.<9 digits> <event>'\n"
"  --input TEXT     bytes for the UART receiver at start (repeatable); stdin\n"
"                   is fed too: a pipe or file as bytes at up to 115200 baud,\n"
"                   a terminal as keystrokes (raw mode while the run lasts)\n"
"  --symbols APP.elf  the ELF of an app, for naming fault PCs (repeatable);\n"
"                   by default NAME.elf next to each NAME.tbf is used\n"
"  --fault-json FILE  append one JSON object per guest fault to FILE\n"
"                   (JSON Lines: time, process, class, CFSR, registers, ...)\n"
"  --pause-on-fault with --panel: freeze at the first fault and show it until\n"
"                   space/c (continue) or Esc/q (quit); headless: stop the run\n"
"                   at the first fault with exit code 3\n"
"  --mpu-fast       trade MPU exactness for speed: a page a region boundary\n"
"                   cuts that the guest hammers (16384 precise steps) is\n"
"                   checked per 1 KiB page from then on, so a process may\n"
"                   then reach the denied part of that page unnoticed (by\n"
"                   default every check stays byte-exact: ~1 us per\n"
"                   access to such a page)\n"
"  --check-capsules report every load or store by capsule code outside what\n"
"                   that capsule may touch (its own state, what the board\n"
"                   handed it, its grant while entered, the kernel stack,\n"
"                   kernel flash for loads), using the kernel ELF's capsule\n"
"                   map; a run with any such access exits with code 3. Slow:\n"
"                   every load and store is hooked\n"
"  --seed N         seed of the board's random sources (the TRNG): same seed,\n"
"                   same random numbers; a decimal or 0x hex 64-bit number\n"
"                   (default 1)\n"
"  --button N@TIME[:down|:up|:HOLD]\n"
"                   press button N (0 or 1: GPIO 0 pin N) at virtual TIME\n"
"                   (10s, 1.5s, 250ms, 48000cyc) and release it 100 ms later;\n"
"                   :HOLD holds it that long (0@1s:2s), :down presses it only,\n"
"                   :up releases it only (repeatable, any order)\n"
"  --scenario FILE  run the nodes, medium and defaults FILE describes\n"
"  --radio-log FILE (scenario) one line per frame sent and per outcome at\n"
"                   each receiver: '<seconds> tx a id=17 ch=26 len=20',\n"
"                   '... rx b id=17 ok rssi=-45 lqi=255', '... drop c id=17\n"
"                   collision rssi=-70'\n"
"  --radio-log-all  (scenario) log out-of-range receivers too\n"
"  --pcap FILE      (scenario) every frame sent, as a pcap capture (802.15.4\n"
"                   with FCS, virtual-time timestamps; tshark -r FILE)\n"
"  --pcap-node NAME=FILE  (scenario) the frames node NAME sent and received\n"
"                   OK (repeatable)\n"
"  --quiet          no summary on stderr\n"
"  --help           this text\n"
"  --version        version\n"
"\n"
"exit codes:\n"
"  0  success: all --expect texts seen, or time limit reached without any\n"
"     (a guest exit with status 0 counts as success too)\n"
"  1  an --expect text did not appear by the time limit or guest exit\n"
"  2  bad usage or input: flag, value, kernel ELF, app TBF, no display\n"
"  3  guest failure: core lockup, guest exit with a non-zero status, a\n"
"     fault with --pause-on-fault and no panel, or with --check-capsules a\n"
"     capsule access outside what it may touch (even if all --expect texts\n"
"     were seen)\n"
"  4  internal or emulator error\n"
"  130, 143  interrupted by SIGINT (Ctrl-C) or SIGTERM (128 + signal), after\n"
"     the summary\n",
            prog, prog);
}

/* Flags that take a value. */
static const char *const valued[] = {
    "--until", "--expect", "--clock", "--speed", "--trace", "--input", "--panel-screenshot",
    "--symbols", "--fault-json", "--seed", "--button", "--scenario", "--radio-log", "--pcap",
    "--pcap-node",
};

static bool takes_value(const char *name)
{
    for (size_t i = 0; i < sizeof valued / sizeof valued[0]; i++)
        if (strcmp(name, valued[i]) == 0)
            return true;
    return false;
}

__attribute__((format(printf, 3, 4)))
static cli_result_t fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return CLI_ERROR;
}

static cli_result_t set_value(cli_opts_t *o, const char *name, const char *v, char *err,
                              size_t errlen)
{
    if (strcmp(name, "--until") == 0) {
        if (cli_parse_time(v, &o->until_kind, &o->until) < 0)
            return fail(err, errlen,
                        "bad --until value '%s' (use e.g. 10s, 1.5s, 250ms, 1500us, 48000cyc)",
                        v);
    } else if (strcmp(name, "--clock") == 0) {
        if (cli_parse_clock(v, &o->clock_hz) < 0)
            return fail(err, errlen,
                        "bad --clock value '%s' (use e.g. 48MHz, 16000000, 1.5MHz; 1kHz..1GHz)",
                        v);
        o->clock_set = true;
    } else if (strcmp(name, "--speed") == 0) {
        char *end;
        double d = strtod(v, &end);
        if (end == v || *end || !(d >= 0.001 && d <= 1e6))
            return fail(err, errlen, "bad --speed value '%s' (a number, 0.001..1000000)", v);
        o->speed = d;
        o->speed_set = true;
    } else if (strcmp(name, "--expect") == 0) {
        if (!*v)
            return fail(err, errlen, "--expect needs a non-empty text");
        if (o->nexpects >= CLI_MAX_EXPECTS)
            return fail(err, errlen, "too many --expect texts (at most 32)");
        o->expects[o->nexpects++] = v;
    } else if (strcmp(name, "--input") == 0) {
        if (o->ninputs >= CLI_MAX_EXPECTS)
            return fail(err, errlen, "too many --input texts (at most 32)");
        o->inputs[o->ninputs++] = v;
    } else if (strcmp(name, "--trace") == 0) {
        if (!*v)
            return fail(err, errlen, "--trace needs a file name");
        o->trace_file = v;
    } else if (strcmp(name, "--symbols") == 0) {
        if (!*v)
            return fail(err, errlen, "--symbols needs an ELF file name");
        if (o->nsymbols >= CLI_MAX_SYMBOLS)
            return fail(err, errlen, "too many --symbols files (at most 16)");
        o->symbols[o->nsymbols++] = v;
    } else if (strcmp(name, "--fault-json") == 0) {
        if (!*v)
            return fail(err, errlen, "--fault-json needs a file name");
        o->fault_json = v;
    } else if (strcmp(name, "--button") == 0) {
        if (o->nbuttons >= CLI_MAX_BUTTONS)
            return fail(err, errlen, "too many --button events (at most %d)", CLI_MAX_BUTTONS);
        if (cli_parse_button(v, &o->buttons[o->nbuttons]) < 0)
            return fail(err, errlen,
                        "bad --button value '%s' (use N@TIME, N@TIME:down, N@TIME:up or "
                        "N@TIME:HOLD with N 0..%d, e.g. 0@1.5s, 1@2s:250ms)",
                        v, CLI_NUM_BUTTONS - 1);
        o->nbuttons++;
    } else if (strcmp(name, "--seed") == 0) {
        char *end;
        errno = 0;
        unsigned long long seed = strtoull(v, &end, 0);
        if (!isdigit((unsigned char)*v) || *end || errno)
            return fail(err, errlen, "bad --seed value '%s' (a number, e.g. 42 or 0x2a)", v);
        o->seed = seed;
        o->seed_set = true;
    } else if (strcmp(name, "--scenario") == 0 || strcmp(name, "--radio-log") == 0 ||
               strcmp(name, "--pcap") == 0) {
        if (!*v)
            return fail(err, errlen, "%s needs a file name", name);
        if (strcmp(name, "--scenario") == 0)
            o->scenario = v;
        else if (strcmp(name, "--radio-log") == 0)
            o->radio_log = v;
        else
            o->pcap = v;
    } else if (strcmp(name, "--pcap-node") == 0) {
        const char *eq = strchr(v, '=');
        if (!eq || eq == v || !eq[1])
            return fail(err, errlen, "bad --pcap-node value '%s' (use NAME=FILE)", v);
        if (o->npcap_nodes >= CLI_MAX_PCAP_NODES)
            return fail(err, errlen, "too many --pcap-node files (at most %d)",
                        CLI_MAX_PCAP_NODES);
        o->pcap_nodes[o->npcap_nodes++] = v;
    } else if (strcmp(name, "--panel-screenshot") == 0) {
        o->screenshot = v;
        o->screenshot_set = true;
    }
    return CLI_OK;
}

static bool set_switch(cli_opts_t *o, const char *name)
{
    if (strcmp(name, "--headless") == 0)
        o->headless = true;
    else if (strcmp(name, "--panel") == 0)
        o->panel = true;
    else if (strcmp(name, "--trace-leds") == 0)
        o->trace_leds = true;
    else if (strcmp(name, "--mpu-fast") == 0)
        o->mpu_fast = true;
    else if (strcmp(name, "--check-capsules") == 0)
        o->check_capsules = true;
    else if (strcmp(name, "--pause-on-fault") == 0)
        o->pause_on_fault = true;
    else if (strcmp(name, "--quiet") == 0)
        o->quiet = true;
    else if (strcmp(name, "--radio-log-all") == 0)
        o->radio_log_all = true;
    else if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        o->help = true;
    else if (strcmp(name, "--version") == 0)
        o->version = true;
    else
        return false;
    return true;
}

/* --scenario: the images come from the file; single-node options that
 * name one board are refused rather than applied to some node. */
static cli_result_t check_scenario_mode(const cli_opts_t *o, char *err, size_t errlen)
{
    const struct { bool given; const char *flag; } refused[] = {
        {o->panel, "--panel (the panel shows one board; use --radio-log and --pcap)"},
        {o->ninputs > 0, "--input"}, {o->nbuttons > 0, "--button"},
        {o->trace_file != NULL, "--trace"}, {o->trace_leds, "--trace-leds"},
        {o->nsymbols > 0, "--symbols"}, {o->fault_json != NULL, "--fault-json"},
        {o->pause_on_fault, "--pause-on-fault"}, {o->check_capsules, "--check-capsules"},
        {o->screenshot_set, "--panel-screenshot"},
    };
    if (o->kernel)
        return fail(err, errlen, "--scenario runs the images its file lists: no KERNEL.elf "
                    "or APP.tbf on the command line ('%s')", o->kernel);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (refused[i].given)
            return fail(err, errlen, "%s is not available with --scenario", refused[i].flag);
    return CLI_OK;
}

cli_result_t cli_parse(int argc, char *const argv[], cli_opts_t *o, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->clock_hz = CLI_DEFAULT_CLOCK_HZ;
    o->speed = 1.0;
    o->seed = CLI_DEFAULT_SEED;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
        } else if (!options_done && a[0] == '-' && a[1]) {
            char name[32];
            const char *eq = strchr(a, '=');
            size_t n = eq ? (size_t)(eq - a) : strlen(a);
            if (n >= sizeof name)
                return fail(err, errlen, "unknown option '%s'", a);
            memcpy(name, a, n);
            name[n] = 0;
            if (takes_value(name)) {
                const char *v = eq ? eq + 1 : NULL;
                if (!v) {
                    if (i + 1 >= argc)
                        return fail(err, errlen, "option %s needs a value", name);
                    v = argv[++i];
                }
                if (set_value(o, name, v, err, errlen) != CLI_OK)
                    return CLI_ERROR;
            } else if (eq || !set_switch(o, name)) {
                return fail(err, errlen, "unknown option '%s'", a);
            }
        } else if (!o->kernel) {
            o->kernel = a;
        } else {
            if (o->napps >= CLI_MAX_APPS)
                return fail(err, errlen, "too many app images (at most 64)");
            o->apps[o->napps++] = a;
        }
    }
    if (o->help || o->version)
        return CLI_OK;
    if (o->panel && o->headless)
        return fail(err, errlen, "--panel and --headless exclude each other");
    if (o->scenario)
        return check_scenario_mode(o, err, errlen);
    if (o->radio_log || o->radio_log_all || o->pcap || o->npcap_nodes)
        return fail(err, errlen, "--radio-log, --radio-log-all, --pcap and --pcap-node need "
                    "--scenario (a single node has no radio medium)");
    if (!o->kernel)
        return fail(err, errlen, "no kernel image given (usage: ctock-sim [options] KERNEL.elf [APP.tbf ...])");
    return CLI_OK;
}

const char *cli_version(void) { return VERSION; }

const char *cli_signal_name(int sig)
{
    switch (sig) {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "signal";
    }
}
