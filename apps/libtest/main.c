/* libtest: a self-checking app for libctock and the process ABI.
 *
 * Checks crt0's work (.data copied, .bss zeroed, GOT and .data pointers
 * relocated, including function pointers), the formatter, memops and sbrk,
 * and the alarm, console and LED drivers through both async and blocking
 * calls, yield-no-wait and yield-wait-for. Prints one line per failure and
 * then "libtest: PASS (n checks)" or "libtest: FAIL (k of n checks)"; the
 * exit code is the number of failures.
 */
#include <stdio.h>
#include <string.h>

#include "alarm.h"
#include "console.h"
#include "led.h"
#include "tock.h"

static int checks, failures;

static void check(int ok, const char *what)
{
    checks++;
    if (!ok) {
        failures++;
        printf("libtest: FAIL %s\n", what);
    }
}

/* Data that needs crt0: initialised values, pointers in .data (relocated
 * through .rel.data), function pointers, and .bss. */
static int initialised = 12345;
static const char *const words[] = {"alpha", "beta", "gamma"};
static int twice(int x) { return 2 * x; }
static int (*const fn_table[])(int) = {twice};
struct named { const char *name; int (*fn)(int); };
static struct named named_fn = {"twice", twice};
static char zeroed[64];

static void check_startup(void)
{
    check(initialised == 12345, ".data initialised");
    check(strcmp(words[0], "alpha") == 0 && strcmp(words[2], "gamma") == 0,
          "string pointers in .data relocated");
    check(fn_table[0](21) == 42, "function pointer in .data relocated");
    check(named_fn.fn == twice && strcmp(named_fn.name, "twice") == 0, "struct of pointers");
    int all_zero = 1;
    for (unsigned i = 0; i < sizeof zeroed; i++)
        all_zero &= zeroed[i] == 0;
    check(all_zero, ".bss zeroed");
}

static void check_format(void)
{
    char b[64];
    snprintf(b, sizeof b, "%d|%i|%u|%x|%X|%o|%c|%s|%%", -7, 8, 9u, 0xab, 0xcd, 8, 'q', "s");
    check(strcmp(b, "-7|8|9|ab|CD|10|q|s|%") == 0, "snprintf basic conversions");
    snprintf(b, sizeof b, "[%5d|%-5d|%05d|%+d|% d|%.3d]", 42, 42, 42, 7, 7, 5);
    check(strcmp(b, "[   42|42   |00042|+7| 7|005]") == 0, "snprintf flags and width");
    snprintf(b, sizeof b, "[%#x|%#o|%.2s|%-4s|%4s|%*d]", 255, 8, "abc", "ab", "ab", 4, 1);
    check(strcmp(b, "[0xff|010|ab|ab  |  ab|   1]") == 0, "snprintf alt, precision, *");
    snprintf(b, sizeof b, "%lld %llu %ld %hhd %zu", -1234567890123LL, 18446744073709551615ULL,
             -70000L, (signed char)-3, (size_t)64);
    check(strcmp(b, "-1234567890123 18446744073709551615 -70000 -3 64") == 0,
          "snprintf length modifiers");
    snprintf(b, sizeof b, "%d %d %u", (int)0x80000000, 0, 4294967295u);
    check(strcmp(b, "-2147483648 0 4294967295") == 0, "snprintf extremes");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-truncation"
    int n = snprintf(b, 5, "%s", "truncated");
#pragma GCC diagnostic pop
    check(n == 9 && strcmp(b, "trun") == 0, "snprintf truncation");
    snprintf(b, sizeof b, "%p %s", (void *)0x1234, (const char *)NULL);
    check(strcmp(b, "0x1234 (null)") == 0, "snprintf %p and NULL string");
}

static void check_memory(void)
{
    uint32_t ram_start = 0, ram_end = 0, flash_start = 0, flash_end = 0;
    check(tock_status_u32(tock_memop(TOCK_MEMOP_RAM_START, 0), &ram_start) == TOCK_OK &&
              tock_status_u32(tock_memop(TOCK_MEMOP_RAM_END, 0), &ram_end) == TOCK_OK,
          "memop RAM bounds");
    uint32_t local = (uint32_t)&ram_start, bss = (uint32_t)zeroed;
    check(local > ram_start && local < ram_end, "stack inside the process RAM");
    check(bss > local && bss < ram_end, ".bss above the stack");
    check(tock_status_u32(tock_memop(TOCK_MEMOP_FLASH_START, 0), &flash_start) == TOCK_OK &&
              tock_status_u32(tock_memop(TOCK_MEMOP_FLASH_END, 0), &flash_end) == TOCK_OK,
          "memop flash bounds");
    uint32_t code = (uint32_t)&twice, text = (uint32_t)words[1];
    check(code > flash_start && code < flash_end && text > flash_start && text < flash_end,
          "code and rodata inside the process flash");

    char *old = tock_sbrk(128);
    check(old != (void *)-1 && (uint32_t)old >= bss + sizeof zeroed, "sbrk grows the heap");
    if (old != (void *)-1) {
        memset(old, 0x5a, 128);
        check(old[127] == 0x5a && (char *)tock_sbrk(0) == old + 128, "new heap is usable");
    }
}

static volatile int upcall_count;

static void count_upcall(int a, int b, int c, void *ud)
{
    upcall_count++;
    *(volatile bool *)ud = true;
}

static void check_alarm(void)
{
    uint32_t hz = 0, t0 = 0, t1 = 0;
    check(alarm_frequency(&hz) == TOCK_OK && hz >= 1000, "alarm frequency");
    check(alarm_now(&t0) == TOCK_OK, "alarm now");
    check(alarm_delay_ms(20) == TOCK_OK, "alarm_delay_ms");
    alarm_now(&t1);
    check(t1 - t0 >= alarm_ms_to_ticks(20), "delay lasted at least 20 ms");
    check(alarm_ms_to_ticks(1000) == hz && alarm_ticks_to_ms(hz / 2) == 500, "ms <-> ticks");

    alarm_schedule_t s;
    alarm_schedule_start(&s, 7);
    uint32_t start = s.base;
    for (int k = 0; k < 300; k++) /* 2.1 s: folds whole seconds into base */
        if (alarm_schedule_wait(&s) != TOCK_OK)
            break;
    alarm_now(&t1);
    uint32_t deadline = start + alarm_ms_to_ticks(2100);
    check(t1 - deadline < alarm_ms_to_ticks(20), "absolute schedule: 300 x 7 ms on time");

    /* Async form with an upcall. */
    volatile bool fired = false;
    upcall_count = 0;
    check(alarm_set_relative_async(alarm_ms_to_ticks(5), count_upcall, (void *)&fired) == TOCK_OK,
          "alarm async set");
    check(!fired, "upcall does not run before yield");
    tock_yield_for(&fired);
    check(upcall_count == 1, "upcall ran once in yield");

    /* Yield-wait-for: subscribe the Null Upcall, wait for upcall 0. */
    uint32_t now = 0;
    alarm_now(&now);
    check(tock_subscribe(ALARM_DRIVER, 0, NULL, NULL) == TOCK_OK, "subscribe Null Upcall");
    uint32_t dt = alarm_ms_to_ticks(5);
    check(tock_status(tock_command(ALARM_DRIVER, 6, now, dt)) == TOCK_OK, "alarm set absolute");
    tock_upcall_args_t a = tock_yield_wait_for(ALARM_DRIVER, 0);
    check(a.arg1 == now + dt && a.arg0 - now >= dt, "yield-wait-for returns (now, expiry)");
    check(!tock_yield_no_wait(), "yield-no-wait with nothing pending");
}

static void check_drivers(void)
{
    check(tock_driver_exists(CONSOLE_DRIVER) && tock_driver_exists(ALARM_DRIVER),
          "console and alarm exist");
    tock_syscall_return_t r = tock_command(0x7777, 0, 0, 0);
    check(tock_status(r) == TOCK_ENODEVICE, "unknown driver: ENODEVICE");
    check(tock_subscribe(0x7777, 0, count_upcall, NULL) == TOCK_ENODEVICE,
          "subscribe to unknown driver: ENODEVICE");
    int leds = led_count();
    check(leds >= 1, "LED count");
    check(led_on(leds) == TOCK_EINVAL, "LED index out of range: EINVAL");
    check(console_write("libtest: console\n", 17) == 17, "blocking console write");
    volatile bool done = false;
    static const char msg[] = "libtest: async console\n";
    check(console_write_async(msg, sizeof msg - 1, count_upcall, (void *)&done) == TOCK_OK,
          "async console write");
    tock_yield_for(&done);
}

/* Re-entrancy: printf from an upcall that runs while a blocking console
 * write waits, and a blocking alarm wait from an upcall during another. */
static volatile int nested_printf_ret, nested_delay_ret;
static volatile bool nested_ran, outer_returned, nested_inside;

static void printf_upcall(int a, int b, int c, void *ud)
{
    nested_inside = !outer_returned;
    nested_printf_ret = printf("libtest: nested printf from an upcall\n");
    nested_ran = true;
}

static void delay_upcall(int a, int b, int c, void *ud)
{
    nested_delay_ret = alarm_delay_ms(1);
    nested_ran = true;
}

static void check_reentrancy(void)
{
    static char line[161];
    memset(line, '-', sizeof line - 2);
    memcpy(line, "libtest: ", 9);
    line[sizeof line - 2] = '\n';
    nested_ran = outer_returned = false;
    alarm_set_relative_async(1, printf_upcall, NULL);
    int n = console_write(line, sizeof line - 1);
    outer_returned = true;
    tock_yield_for(&nested_ran);
    check(n == (int)sizeof line - 1 && nested_printf_ret > 0, "printf nested in console_write");
    check(nested_inside, "the alarm upcall ran inside console_write");

    static const char msg[] = "libtest: write whose upcall waits on the alarm\n";
    nested_ran = false;
    console_write_async(msg, sizeof msg - 1, delay_upcall, NULL);
    int st = alarm_delay_ms(50);
    tock_yield_for(&nested_ran);
    check(st == TOCK_OK && nested_delay_ret == TOCK_EBUSY, "nested blocking alarm wait: EBUSY");
}

int main(void)
{
    check_startup();
    check_format();
    check_memory();
    check_drivers();
    check_alarm();
    check_reentrancy();
    if (failures)
        printf("libtest: FAIL (%d of %d checks)\n", failures, checks);
    else
        printf("libtest: PASS (%d checks)\n", checks);
    return failures;
}
