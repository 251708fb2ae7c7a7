/* grant_hog: makes the kernel allocate grant memory for it until NOMEM,
 * through the test kernels' grant test driver (0x90ff1,
 * kernel/boards/common/grant_test.h: each command 1 allocates one more
 * 256-byte grant in this process's grant region), and prints how much it
 * got. Then it checks what must still hold: its grants are intact, a
 * subscribe that needs a new grant gets ENOMEM, the break can't grow into
 * the grants, re-entering an entered grant is refused; and it prints the
 * kernel's grant sizes (for bench/grants.sh). Finally it waits and
 * exit-restarts: the restart frees its grants, so every run must get the
 * same amount (test/system/test_grants.sh).
 *
 * Its own console and alarm grants are allocated first (printf, an alarm
 * wait), so it can still print and wait once its grant region is full.
 * Every line is one printf shorter than libctock's 80-byte printf buffer,
 * so it is one console write and other processes' lines can't split it. */
#include <stdbool.h>
#include <stdio.h>

#include "alarm.h"
#include "tock.h"

#define GRANT_TEST 0x90ff1u

static uint32_t memop(uint32_t op)
{
    uint32_t v = 0;
    tock_status_u32(tock_memop(op, 0), &v);
    return v;
}

static uint32_t command_u32(uint32_t cmd, uint32_t arg, int *status)
{
    tock_syscall_return_t r = tock_command(GRANT_TEST, cmd, arg, 0);
    uint32_t v = 0;
    *status = tock_status_u32(r, &v);
    return v;
}

/* One line per grant, consecutive identical ones (the hogs) folded. */
static void print_sizes(void)
{
    int st;
    uint32_t n = command_u32(6, 0, &st);
    tock_syscall_return_t r = tock_command(GRANT_TEST, 5, 0, 0);
    printf("grant_hog: header %u bytes, table entry %u bytes, %u process slots, %u grants\n",
           (unsigned)r.data[0], (unsigned)r.data[1], (unsigned)r.data[2], (unsigned)n);
    tock_syscall_return_t g[2];
    uint32_t first = 0;
    for (uint32_t id = 0; id <= n; id++) {
        g[id & 1] = tock_command(GRANT_TEST, 4, id, 0);
        const tock_syscall_return_t *prev = &g[(id - 1) & 1];
        bool same = id > first && id < n && g[id & 1].data[0] == prev->data[0] &&
                    g[id & 1].data[1] == prev->data[1] && g[id & 1].data[2] == prev->data[2];
        if (id == first || same)
            continue;
        char ids[24], drv[24];
        if (id - 1 > first)
            snprintf(ids, sizeof ids, "%u-%u", (unsigned)first, (unsigned)(id - 1));
        else
            snprintf(ids, sizeof ids, "%u", (unsigned)first);
        if (prev->data[0] == 0xFFFFFFFFu)
            snprintf(drv, sizeof drv, "no driver");
        else
            snprintf(drv, sizeof drv, "driver 0x%x", (unsigned)prev->data[0]);
        printf("grant_hog: grant %s: %s, state %u bytes, instance %u bytes\n", ids, drv,
               (unsigned)prev->data[1], (unsigned)prev->data[2]);
        first = id;
    }
}

int main(void)
{
    int st = TOCK_OK;
    printf("grant_hog: start\n");               /* console grant */
    alarm_delay_ms(1);                           /* alarm grant */
    uint32_t before = memop(TOCK_MEMOP_GRANT_START);
    uint32_t hogs = command_u32(0, 0, &st);
    if (st != TOCK_OK) {
        printf("grant_hog: no grant test driver (%s): needs a test kernel\n", tock_strerror(st));
        return 1;
    }
    uint32_t got = 0;
    while (got < hogs) {
        command_u32(1, got, &st);
        if (st != TOCK_OK)
            break;
        got++;
    }
    uint32_t after = memop(TOCK_MEMOP_GRANT_START);
    printf("grant_hog: got %u grants, %u bytes, then %s\n", (unsigned)got,
           (unsigned)(before - after), tock_strerror(st));
    printf("grant_hog: kernel break 0x%08x -> 0x%08x\n", (unsigned)before, (unsigned)after);

    unsigned intact = 0;
    for (uint32_t i = 0; i < got; i++)
        intact += command_u32(1, i, &st) == 2 && st == TOCK_OK;
    printf("grant_hog: %u of %u grants intact\n", intact, (unsigned)got);
    printf("grant_hog: subscribe needing a new grant: %s\n",
           tock_strerror(tock_subscribe(GRANT_TEST, 0, NULL, NULL)));
    printf("grant_hog: brk into the grants: %s\n", tock_strerror(tock_brk((void *)(after + 1))));
    tock_syscall_return_t r = tock_command(GRANT_TEST, 2, 0, 0);
    printf("grant_hog: re-entering an entered grant: %s, grant_each inside visited %u\n",
           tock_strerror(-(int)r.data[0]), (unsigned)r.data[1]);
    uint32_t with = command_u32(3, 0, &st);
    printf("grant_hog: processes with hog grant 0: %u\n", (unsigned)with);
    print_sizes();
    alarm_delay_ms(200);
    printf("grant_hog: restarting\n");
    tock_restart(0);
}
