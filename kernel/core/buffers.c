/*
 * buffers.c - process buffers for capsules: look up what a process allowed,
 * and copy in and out with bounds checks.
 *
 * A buffer's bounds were checked against the process's memory when it was
 * allowed (syscall.c). Each access re-checks that the process is still the
 * same live process, clamps to the buffer, and checks the bytes against the
 * process's memory again, so a capsule holding a stale or altered
 * ctock_buf_t can at worst copy nothing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "process.h"

static ctock_err_t allowed(ctock_pid_t pid, uint32_t driver, uint32_t num,
                           bool rw, ctock_buf_t *out)
{
    process_t *p = process_from_pid(pid);
    memset(out, 0, sizeof(*out));
    out->pid = pid;
    out->writable = rw;
    if (p == NULL)
        return ERR_NODEVICE;
    const ctock_driver_t *d = kernel_driver(driver);
    unsigned count = d == NULL || d->grant == NULL ? 0
                     : rw ? d->grant->num_allow_rw : d->grant->num_allow_ro;
    if (num >= count)
        return ERR_INVAL;
    /* Never allowed anything to this driver: no instance, an empty buffer. */
    grant_inst_t *i = grant_instance(p, d->grant, false);
    if (i != NULL) {
        const allow_slot_t *a = grant_allow_slot(d->grant, i, rw, num);
        out->addr = a->addr;
        out->len = a->len;
    }
    return CTOCK_OK;
}

ctock_err_t ctock_allowed_ro(ctock_pid_t pid, uint32_t driver, uint32_t num, ctock_buf_t *out)
{
    return allowed(pid, driver, num, false, out);
}

ctock_err_t ctock_allowed_rw(ctock_pid_t pid, uint32_t driver, uint32_t num, ctock_buf_t *out)
{
    return allowed(pid, driver, num, true, out);
}

/* Bytes of [offset, offset + n) that may be copied: within the buffer, and
 * the range re-checked against the process's memory (app RAM below its
 * break; flash too for reading), so a capsule that altered or forged a
 * ctock_buf_t can still reach nothing but the process's own memory. */
static size_t clamp(const ctock_buf_t *b, size_t offset, size_t n)
{
    const process_t *p = process_from_pid(b->pid);
    if (p == NULL || b->len == 0 || offset >= b->len)
        return 0;
    n = n < b->len - offset ? n : b->len - offset;
    if (n > UINT32_MAX - b->addr - offset)
        return 0;
    uint32_t start = b->addr + (uint32_t)offset;
    bool ok = process_in_app_ram(p, start, (uint32_t)n) ||
              (!b->writable && process_in_flash(p, start, (uint32_t)n));
    return ok ? n : 0;
}

size_t ctock_buf_read(const ctock_buf_t *b, size_t offset, void *dst, size_t n)
{
    n = clamp(b, offset, n);
    if (n)
        memcpy(dst, (const void *)(b->addr + offset), n);
    return n;
}

size_t ctock_buf_write(const ctock_buf_t *b, size_t offset, const void *src, size_t n)
{
    if (!b->writable)
        return 0;
    n = clamp(b, offset, n);
    if (n)
        memcpy((void *)(b->addr + offset), src, n);
    return n;
}

ctock_err_t ctock_buf_share(const ctock_buf_t *b, ctock_pid_t peer, uint32_t *addr)
{
    *addr = 0;
    const process_t *owner = process_from_pid(b->pid);
    process_t *p = process_from_pid(peer);
    if (owner == NULL || p == NULL)
        return ERR_NODEVICE;
    if (!b->writable || b->len == 0 || owner == p ||
        !process_in_app_ram(owner, b->addr, b->len))
        return ERR_INVAL;
    if (!mpu_region_ok(b->addr, b->len))
        return ERR_SIZE;
    if (!process_share_region(p, b->addr, b->len))
        return ERR_NOMEM;
    *addr = b->addr;
    return CTOCK_OK;
}
