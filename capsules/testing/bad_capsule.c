/*
 * bad_capsule.c - the planted faulty capsule (see bad_capsule.h). Each
 * case is its own function, kept out of line, so a report's PC names it.
 */
#include "bad_capsule.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { ALLOW_KEPT = 0 };

static void good_cb(void *data, ctock_pid_t pid, void *ctx)
{
    bad_capsule_app_t *a = data;
    (void)pid;
    a->calls++;
    a->last = *(const uint32_t *)ctx;
}

__attribute__((noinline)) static ctock_ret_t good_own_state_and_grant(bad_capsule_t *b,
                                                                      ctock_pid_t pid,
                                                                      uint32_t v)
{
    b->scratch[v & 3u] = v;
    ctock_err_t e = grant_enter(&b->grant, pid, good_cb, &v);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    return ctock_ret_success_u32(b->scratch[0] + b->scratch[1] + b->scratch[2] + b->scratch[3]);
}

__attribute__((noinline)) static void poke_other_capsule(bad_capsule_t *b, uint32_t v)
{
    b->peer_state[0] = (uint8_t)v;
}

__attribute__((noinline)) static uint32_t peek_kernel(const bad_capsule_t *b)
{
    return b->kernel_word[0];
}

static void below_grant_cb(void *data, ctock_pid_t pid, void *ctx)
{
    const bad_capsule_t *b = ctx;
    (void)pid;
    ((uint32_t *)data)[-1] ^= b->zero;   /* unchanged, but loaded and stored */
}

__attribute__((noinline)) static ctock_ret_t poke_below_grant(bad_capsule_t *b, ctock_pid_t pid)
{
    ctock_err_t e = grant_enter(&b->grant, pid, below_grant_cb, b);
    return e == CTOCK_OK ? ctock_ret_success() : ctock_ret_failure(e);
}

/* The address out of a ctock_buf_t without naming its field: what the
 * build check's buffer-addr rule cannot see. */
static ctock_ret_t keep_buffer(bad_capsule_t *b, ctock_pid_t pid)
{
    ctock_buf_t buf;
    uint32_t words[sizeof(ctock_buf_t) / 4];
    ctock_err_t e = ctock_allowed_rw(pid, DRIVER_NUM_BAD_CAPSULE, ALLOW_KEPT, &buf);
    if (e != CTOCK_OK)
        return ctock_ret_failure(e);
    memcpy(words, &buf, sizeof(words));   /* { pid, addr, len, writable } */
    b->kept = (uint8_t *)(uintptr_t)words[1];
    return ctock_ret_success_u32(words[1]);
}

__attribute__((noinline)) static void poke_kept_process_memory(bad_capsule_t *b, uint32_t v)
{
    b->kept[0] = (uint8_t)v;
}

__attribute__((noinline)) static uint32_t copy_kernel_with_memcpy(bad_capsule_t *b)
{
    /* A length the compiler can't know keeps this a call to memcpy. */
    memcpy(&b->scratch[0], b->kernel_word, sizeof(b->scratch[0]) + b->zero);
    return b->scratch[0];
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t arg0, uint32_t arg1)
{
    bad_capsule_t *b = ctx;
    (void)arg1;
    switch (cmd) {
    case 0: return ctock_ret_success();
    case 1: return good_own_state_and_grant(b, pid, arg0);
    case 2: poke_other_capsule(b, arg0); return ctock_ret_success();
    case 3: return ctock_ret_success_u32(peek_kernel(b));
    case 4: return poke_below_grant(b, pid);
    case 5: return keep_buffer(b, pid);
    case 6:
        if (b->kept == NULL)
            return ctock_ret_failure(ERR_INVAL);
        poke_kept_process_memory(b, arg0);
        return ctock_ret_success();
    case 7: return ctock_ret_success_u32(copy_kernel_with_memcpy(b));
    default: return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

void bad_capsule_init(bad_capsule_t *b, uint8_t *peer_state, const void *kernel_word)
{
    memset(b, 0, sizeof(*b));
    b->driver.command = command;
    b->driver.ctx = b;
    b->driver.grant = &b->grant;
    grant_init(&b->grant, sizeof(bad_capsule_app_t), 0, 0, 1);
    b->peer_state = peer_state;
    b->kernel_word = kernel_word;
}
