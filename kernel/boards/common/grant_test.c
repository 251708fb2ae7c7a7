/*
 * grant_test.c - the grant test driver (see grant_test.h).
 */
#include "grant_test.h"

#include "ctock/kernel.h"

static ctock_grant_t hogs[GRANT_TEST_HOGS];
static ctock_grant_t slots;

static uint32_t pattern(ctock_pid_t pid, uint32_t i, uint32_t word)
{
    return (pid * 0x9E3779B1u) ^ (i << 24) ^ word;
}

typedef struct {
    uint32_t i;
    uint32_t result;
    ctock_err_t inner;
    unsigned visits;
} hog_t;

/* Fresh instances are zero: fill them; otherwise check the fill. */
static void hog_cb(void *data, ctock_pid_t pid, void *ctx)
{
    uint32_t *w = data;
    hog_t *h = ctx;
    if (w[0] == 0) {
        for (uint32_t k = 0; k < GRANT_TEST_HOG_BYTES / 4; k++)
            w[k] = pattern(pid, h->i, k) | 1u;
        h->result = 1;
        return;
    }
    h->result = 2;
    for (uint32_t k = 0; k < GRANT_TEST_HOG_BYTES / 4; k++) {
        if (w[k] != (pattern(pid, h->i, k) | 1u))
            h->result = 0;
    }
}

static void count_cb(void *data, ctock_pid_t pid, void *ctx)
{
    (void)data;
    (void)pid;
    ((hog_t *)ctx)->visits++;
}

static void reenter_cb(void *data, ctock_pid_t pid, void *ctx)
{
    hog_t *h = ctx;
    (void)data;
    h->inner = grant_enter(&hogs[0], pid, count_cb, h);
    grant_each(&hogs[0], count_cb, h);
}

static ctock_ret_t command(void *ctx, ctock_pid_t pid, uint32_t cmd, uint32_t a0, uint32_t a1)
{
    hog_t h = { a0, 0, CTOCK_OK, 0 };
    kernel_grant_info_t info;
    ctock_err_t e;
    (void)ctx;
    (void)a1;
    switch (cmd) {
    case 0: return ctock_ret_success_u32(GRANT_TEST_HOGS);
    case 1:
        if (a0 >= GRANT_TEST_HOGS)
            return ctock_ret_failure(ERR_INVAL);
        e = grant_enter(&hogs[a0], pid, hog_cb, &h);
        if (e != CTOCK_OK)
            return ctock_ret_failure(e);
        return h.result ? ctock_ret_success_u32(h.result) : ctock_ret_failure(ERR_FAIL);
    case 2:
        e = grant_enter(&hogs[0], pid, reenter_cb, &h);
        if (e != CTOCK_OK)
            return ctock_ret_failure(e);
        return ctock_ret_success_2u32((uint32_t)h.inner, h.visits);
    case 3:
        if (a0 >= GRANT_TEST_HOGS)
            return ctock_ret_failure(ERR_INVAL);
        return ctock_ret_success_u32(grant_each(&hogs[a0], count_cb, &h));
    case 4:
        if (!kernel_grant_info(a0, &info))
            return ctock_ret_failure(ERR_INVAL);
        return ctock_ret_success_3u32(info.driver, info.data_bytes, info.instance_bytes);
    case 5:
        kernel_grant_info(0, &info);   /* the hogs exist: grant 0 does too */
        return ctock_ret_success_3u32(info.header_bytes, info.table_entry_bytes, CTOCK_MAX_PROCS);
    case 6: return ctock_ret_success_u32(kernel_grant_count());
    default: return ctock_ret_failure(ERR_NOSUPPORT);
    }
}

ctock_driver_t grant_test_driver = {
    .command = command,
    .grant = &slots,
};

void grant_test_init(void)
{
    for (unsigned i = 0; i < GRANT_TEST_HOGS; i++)
        grant_init(&hogs[i], GRANT_TEST_HOG_BYTES, 0, 0, 0);
    /* Larger than a hog: once a hog gets NOMEM, a subscribe does too. */
    grant_init(&slots, GRANT_TEST_HOG_BYTES, 1, 0, 0);
}
