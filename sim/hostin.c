/*
 * hostin.c - stdin to UART bytes (see hostin.h). A regular file is read in
 * full at the first poll, so a run with `< file` is deterministic. Bytes
 * from a pipe are fed at the simulation slice in which they arrive: piped
 * input that is all written before the run starts (echo ... |) is
 * deterministic, input that trickles in later is not.
 */
#define _POSIX_C_SOURCE 200809L
#include "hostin.h"

#include <errno.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

void hostin_init(hostin_t *h)
{
    struct stat st;
    h->fd = STDIN_FILENO;
    h->active = false;
    if (fstat(h->fd, &st) != 0 || isatty(h->fd))
        return;
    h->active = S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) ||
                S_ISCHR(st.st_mode);   /* e.g. /dev/null: gives EOF at once */
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
    return (size_t)n;
}
