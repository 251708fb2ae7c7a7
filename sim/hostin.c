/*
 * hostin.c - stdin to UART bytes (see hostin.h).
 *
 * Determinism: a regular file is read as fast as hostin_room() allows,
 * which depends only on virtual time, so a run with `< file` is
 * deterministic. Bytes from a pipe are fed at the simulation slice in which
 * they arrive: piped input that is all written before the run starts (up to
 * HOSTIN_AHEAD bytes) is deterministic, input that trickles in later is
 * not. Keystrokes from a terminal are not, by nature.
 *
 * Terminal: the saved attributes live in statics so that a signal handler
 * can restore them (tcsetattr is async-signal-safe). A terminal that is
 * already non-canonical when we start (another ctock-sim sharing it, or a
 * program that set raw mode) is used as it is and never touched: restoring
 * "our" saved copy could otherwise leave it raw after both have ended.
 */
#define _POSIX_C_SOURCE 200809L
#include "hostin.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_tio;
static volatile sig_atomic_t tio_changed;
static struct termios raw_tio;

void hostin_restore(void)
{
    if (tio_changed) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
        tio_changed = 0;
    }
}

/* Fatal signals: put the terminal back, then die as the signal says. */
static void on_fatal(int sig)
{
    hostin_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Ctrl-Z: cooked terminal while stopped; raw again after `fg`. */
static void on_tstp(int sig)
{
    int was = tio_changed;
    hostin_restore();
    tio_changed = was;   /* remembered for SIGCONT */
    signal(sig, SIG_DFL);
    raise(sig);          /* stops here until SIGCONT */
}

static void on_cont(int sig)
{
    (void)sig;
    signal(SIGTSTP, on_tstp);
    if (tio_changed)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw_tio);
}

static void handle(int sig, void (*fn)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Non-canonical, no echo, for the length of the run. ISIG stays on so that
 * Ctrl-C interrupts the simulator; ICRNL stays on so Enter gives '\n'. */
static bool tty_raw(int fd)
{
    if (tcgetattr(fd, &saved_tio) != 0)
        return false;
    if (!(saved_tio.c_lflag & ICANON))
        return true;    /* already raw: use it, leave it alone */
    raw_tio = saved_tio;
    raw_tio.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL);
    raw_tio.c_cc[VMIN] = 1;
    raw_tio.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &raw_tio) != 0)
        return false;
    tio_changed = 1;
    atexit(hostin_restore);
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGQUIT};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        handle(fatal[i], on_fatal);
    handle(SIGTSTP, on_tstp);
    handle(SIGCONT, on_cont);
    return true;
}

void hostin_init(hostin_t *h, uint32_t clock_hz)
{
    struct stat st;
    memset(h, 0, sizeof *h);
    h->fd = STDIN_FILENO;
    h->char_cycles = 10ull * clock_hz / HOSTIN_BAUD;
    if (h->char_cycles == 0)
        h->char_cycles = 1;
    if (fstat(h->fd, &st) != 0)
        return;
    if (isatty(h->fd)) {
        /* Keystrokes only when the console is on the terminal too (an
         * interactive run); with stdout captured (ctest, | tee) the terminal
         * stays cooked and gives whole lines after Enter. */
        if (tcgetpgrp(h->fd) != getpgrp())
            return;   /* background job: reading would stop us (SIGTTIN) */
        h->active = isatty(STDOUT_FILENO) ? tty_raw(h->fd) : true;
        h->tty = tio_changed;
        return;
    }
    h->active = S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
                S_ISCHR(st.st_mode);   /* e.g. /dev/null: gives EOF at once */
}

size_t hostin_room(const hostin_t *h, uint64_t now_cycle)
{
    uint64_t allowed = HOSTIN_AHEAD + now_cycle / h->char_cycles;
    return allowed > h->fed ? (size_t)(allowed - h->fed > SIZE_MAX ? SIZE_MAX
                                                                    : allowed - h->fed)
                            : 0;
}

size_t hostin_poll(hostin_t *h, uint8_t *buf, size_t cap, int timeout_ms)
{
    if (!h->active || cap == 0)
        return 0;
    struct pollfd p = {.fd = h->fd, .events = POLLIN};
    int r = poll(&p, 1, timeout_ms);
    if (r < 0) {
        if (errno != EINTR)
            h->active = false;
        return 0;
    }
    if (r == 0)
        return 0;
    if (p.revents & POLLNVAL) {
        h->active = false;
        return 0;
    }
    ssize_t n = read(h->fd, buf, cap);
    if (n <= 0) {
        if (n == 0 || (errno != EINTR && errno != EAGAIN))
            h->active = false;
        return 0;
    }
    h->fed += (uint64_t)n;
    return (size_t)n;
}
