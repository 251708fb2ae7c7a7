/* capsule_bad: drives the test kernels' planted faulty capsule (0x90ff3,
 * capsules/testing/bad_capsule.h) for test/system/test_capsule_runtime_check.sh.
 * Built twice: capsule_good issues only the good command (own state and
 * its entered grant: nothing to report); capsule_bad then makes it do
 * each bad access once: (a) another capsule's state, (b) a kernel
 * variable, (c) just below its grant data, (d) this process's buffer
 * through a kept pointer after the allow was taken back, (e) a kernel
 * variable through memcpy. ctock-sim --check-capsules reports each; the
 * kernel itself notices nothing, so every command succeeds. */
#include <stdio.h>

#include "tock.h"

#define BAD_CAPSULE 0x90ff3u

#ifdef CAPSULE_GOOD_ONLY
#define NAME "capsule_good"
#else
#define NAME "capsule_bad"
static uint8_t buf[16];
#endif

static uint32_t command(uint32_t cmd, uint32_t arg, const char *what)
{
    tock_syscall_return_t r = tock_command(BAD_CAPSULE, cmd, arg, 0);
    int st = tock_status(r);
    uint32_t v = r.type == TOCK_RET_SUCCESS_U32 ? r.data[0] : 0;
    printf(NAME ": command %u (%s): %s\n", (unsigned)cmd, what, tock_strerror(st));
    return v;
}

int main(void)
{
    if (!tock_driver_exists(BAD_CAPSULE)) {
        printf(NAME ": no bad capsule (not a test kernel)\n");
        return 1;
    }
    uint32_t n = 0;
    for (uint32_t i = 1; i <= 3; i++)
        n = command(1, i, "good: own state and grant");
    printf(NAME ": good command sum %u\n", (unsigned)n);
#ifndef CAPSULE_GOOD_ONLY
    command(2, 'x', "a: other capsule's state");
    printf(NAME ": kernel word %u\n", (unsigned)command(3, 0, "b: kernel data"));
    command(4, 0, "c: below its grant");
    tock_allow_rw(BAD_CAPSULE, 0, buf, sizeof buf);
    uint32_t kept = command(5, 0, "keep the buffer's address");
    printf(NAME ": buffer at 0x%08x, kept 0x%08x\n", (unsigned)(uintptr_t)buf,
           (unsigned)kept);
    tock_allow_rw(BAD_CAPSULE, 0, NULL, 0);
    command(6, 'D', "d: process memory through the kept pointer");
    printf(NAME ": buffer[0] after the allow was taken back: '%c'\n", buf[0]);
    printf(NAME ": kernel word by memcpy %u\n",
           (unsigned)command(7, 0, "e: kernel data through memcpy"));
#endif
    printf(NAME ": done\n");
    return 0;
}
