/* rng: prints random bytes from the RNG driver in hex, once with the
 * blocking call and once with the async one, then exits. On ctock-sim the
 * bytes follow --seed (same seed, same bytes); a board without a TRNG
 * (an386) prints that the driver is missing.
 */
#include <stdio.h>

#include "rng.h"

#define RNG_BYTES 16

static void print_hex(const char *how, const uint8_t *b, int n)
{
    char line[2 * RNG_BYTES + 1];
    for (int i = 0; i < n; i++)
        snprintf(line + 2 * i, 3, "%02x", b[i]);
    line[2 * n] = 0;
    printf("rng: %s %d bytes: %s\n", how, n, line);
}

static volatile bool async_done;
static int async_count;

static void got(int status, int count, int unused, void *ud)
{
    async_count = count;
    async_done = true;
}

int main(void)
{
    uint8_t buf[RNG_BYTES];
    if (!rng_exists()) {
        printf("rng: no RNG driver on this board\n");
        return 1;
    }
    int n = rng_get(buf, sizeof buf, sizeof buf);
    if (n < 0) {
        printf("rng: rng_get failed (%s)\n", tock_strerror(n));
        return 1;
    }
    print_hex("blocking", buf, n);

    int st = rng_get_async(buf, sizeof buf, sizeof buf, got, NULL);
    if (st != TOCK_OK) {
        printf("rng: rng_get_async failed (%s)\n", tock_strerror(st));
        return 1;
    }
    tock_yield_for(&async_done);
    print_hex("async", buf, async_count);
    return 0;
}
