/* allow_bad: allows buffers that are not (all) its own. Each must fail
 * with INVAL and the process must not fault; prints one line per case,
 * then "allow_bad: done" and exits 0. */
#include "zoo.h"

#include "console.h"

static int failures;

static void expect_inval(const char *what, int r)
{
    printf("allow_bad: %s: %s\n", what, tock_strerror(r));
    if (r != TOCK_EINVAL)
        failures++;
}

int main(void)
{
    uint32_t ram = zoo_memop(TOCK_MEMOP_RAM_START), grant = zoo_memop(TOCK_MEMOP_GRANT_START);
    uint32_t flash = zoo_memop(TOCK_MEMOP_FLASH_START);
    printf("allow_bad: start\n");
    expect_inval("rw kernel RAM", tock_allow_rw(CONSOLE_DRIVER, 1, (void *)0x20001000u, 16));
    expect_inval("rw grant region", tock_allow_rw(CONSOLE_DRIVER, 1, (void *)grant, 16));
    expect_inval("rw across the break", tock_allow_rw(CONSOLE_DRIVER, 1, (void *)(grant - 8), 16));
    expect_inval("rw below its RAM", tock_allow_rw(CONSOLE_DRIVER, 1, (void *)(ram - 16), 32));
    expect_inval("rw its own flash", tock_allow_rw(CONSOLE_DRIVER, 1, (void *)flash, 16));
    expect_inval("ro kernel flash", tock_allow_ro(CONSOLE_DRIVER, 1, (const void *)0x100u, 16));
    expect_inval("ro wrapping length", tock_allow_ro(CONSOLE_DRIVER, 1, (const void *)ram, 0xFFFFFFF0u));
    printf("allow_bad: done, %d unexpected\n", failures);
    return failures;
}
