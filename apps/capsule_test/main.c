/* capsule_test: checks every system call driver's command surface from a
 * process: command 0 (exists) of each driver, each driver's commands,
 * bad indices (EINVAL), unknown commands (ENOSUPPORT), subscribe and
 * allow numbers the driver does not have, and a driver that does not
 * exist (ENODEVICE). Drivers the board may leave out (RNG, GPIO, button,
 * 802.15.4: an386 has no TRNG, no GPIO and no radio) are checked for
 * ENODEVICE there.
 *
 * Prints one line per failure, then "capsule_test: PASS (n checks)" or
 * "capsule_test: FAIL (k of n checks)"; the exit code is the failure count.
 */
#include <stdio.h>
#include <string.h>

#include "alarm.h"
#include "button.h"
#include "console.h"
#include "gpio.h"
#include "ieee802154.h"
#include "ipc.h"
#include "led.h"
#include "lldb.h"
#include "process_info.h"
#include "rng.h"
#include "tock.h"

static int checks, failures;

static void check(int ok, const char *what)
{
    checks++;
    if (!ok) {
        failures++;
        printf("capsule_test: FAIL %s\n", what);
    }
}

static int cmd(uint32_t driver, uint32_t num, uint32_t a0, uint32_t a1)
{
    return tock_status(tock_command(driver, num, a0, a1));
}

static int cmd_u32(uint32_t driver, uint32_t num, uint32_t a0, uint32_t a1, uint32_t *v)
{
    return tock_status_u32(tock_command(driver, num, a0, a1), v);
}

static void noop(int a, int b, int c, void *ud) {}

/* Every driver: exists, an unknown command, a subscribe number it lacks. */
static void check_common(uint32_t driver, const char *name, uint32_t bad_sub)
{
    char what[80];
    snprintf(what, sizeof what, "%s: command 0 (exists)", name);
    check(cmd(driver, 0, 0, 0) == TOCK_OK, what);
    snprintf(what, sizeof what, "%s: unknown command -> ENOSUPPORT", name);
    check(cmd(driver, 99, 0, 0) == TOCK_ENOSUPPORT, what);
    snprintf(what, sizeof what, "%s: subscribe %u -> ENOSUPPORT", name, (unsigned)bad_sub);
    check(tock_subscribe(driver, bad_sub, noop, NULL) == TOCK_ENOSUPPORT, what);
}

static void check_alarm(void)
{
    uint32_t hz = 0, now = 0;
    check_common(ALARM_DRIVER, "alarm", 1);
    check(cmd_u32(ALARM_DRIVER, 1, 0, 0, &hz) == TOCK_OK && hz > 0, "alarm: frequency");
    check(cmd_u32(ALARM_DRIVER, 2, 0, 0, &now) == TOCK_OK, "alarm: now");
    check(cmd(ALARM_DRIVER, 4, 0, 0) == TOCK_ENOSUPPORT, "alarm: command 4 -> ENOSUPPORT");
    check(cmd(ALARM_DRIVER, 3, 0, 0) == TOCK_EALREADY, "alarm: stop with none -> EALREADY");
}

static void check_console(void)
{
    check_common(CONSOLE_DRIVER, "console", 3);
    check(cmd(CONSOLE_DRIVER, 2, 100, 0) == TOCK_ESIZE, "console: read of 100 -> ESIZE");
    check(tock_allow_ro(CONSOLE_DRIVER, 2, "x", 1) == TOCK_EINVAL, "console: allow-ro 2 -> EINVAL");
}

static void check_led(void)
{
    uint32_t n = 0;
    check(cmd_u32(LED_DRIVER, 0, 0, 0, &n) == TOCK_OK && n == 2, "led: command 0 = 2 LEDs");
    check(cmd(LED_DRIVER, 99, 0, 0) == TOCK_ENOSUPPORT, "led: unknown command -> ENOSUPPORT");
    for (uint32_t c = 1; c <= 3; c++) {
        char what[64];
        snprintf(what, sizeof what, "led: command %u, LED %u -> EINVAL", (unsigned)c, (unsigned)n);
        check(cmd(LED_DRIVER, c, n, 0) == TOCK_EINVAL, what);
    }
    check(led_on(1) == TOCK_OK && led_off(1) == TOCK_OK, "led: on/off LED 1");
}

static void check_lldb(void)
{
    check_common(LLDB_DRIVER, "low-level debug", 0);
    check(lldb_print1(0x7) == TOCK_OK, "low-level debug: print one number");
    check(lldb_print2(0x8, 0x9) == TOCK_OK, "low-level debug: print two numbers");
    check(lldb_alert(0x1) == TOCK_OK, "low-level debug: alert code");
}

static void check_process_info(void)
{
    uint32_t ids[4];
    char name[16];
    process_info_stats_t s;
    check_common(PROCESS_INFO_DRIVER, "process info", 0);
    int n = process_info_count();
    check(n >= 1, "process info: count >= 1");
    check(process_info_ids(ids, 4) == n, "process info: ids = count");
    int self = -1;
    for (int i = 0; i < n && i < 4; i++)
        if (process_info_name(ids[i], name, sizeof name) == 12 && strcmp(name, "capsule_test") == 0)
            self = i;
    check(self >= 0, "process info: finds 'capsule_test' by name");
    if (self >= 0) {
        check(process_info_stats(ids[self], &s) == TOCK_OK && s.state == PROCESS_STATE_RUNNING &&
                  s.syscalls > 10,
              "process info: own stats (running, syscalls counted)");
        char shortname[5];
        check(process_info_name(ids[self], shortname, sizeof shortname) == 12 &&
                  strcmp(shortname, "caps") == 0,
              "process info: name truncated to the buffer");
    }
    check(process_info_name(0, name, sizeof name) == TOCK_EINVAL, "process info: name of id 0 -> EINVAL");
    check(process_info_stats(0xFFFFFF00u, &s) == TOCK_EINVAL, "process info: stats of a bad id -> EINVAL");
    check(cmd(PROCESS_INFO_DRIVER, 6, 0, 0) == TOCK_ENOSUPPORT, "process info: command 6 -> ENOSUPPORT");
    check(tock_allow_rw(PROCESS_INFO_DRIVER, 1, ids, 4) == TOCK_EINVAL, "process info: allow-rw 1 -> EINVAL");
}

static void check_rng(void)
{
    if (!rng_exists()) {
        check(cmd(RNG_DRIVER, 0, 0, 0) == TOCK_ENODEVICE, "rng: missing -> ENODEVICE");
        return;
    }
    uint8_t buf[12];
    memset(buf, 0, sizeof buf);
    check_common(RNG_DRIVER, "rng", 1);
    check(rng_get(buf, sizeof buf, 10) == 10, "rng: 10 bytes");
    int zero = 0;
    for (int i = 0; i < 10; i++)
        zero += buf[i] == 0;
    check(zero < 5 && buf[10] == 0 && buf[11] == 0, "rng: bytes written, no more than asked");
    check(rng_get(buf, 4, 10) == 4, "rng: request longer than the buffer -> what fits");
    check(tock_allow_rw(RNG_DRIVER, 1, buf, 4) == TOCK_EINVAL, "rng: allow-rw 1 -> EINVAL");
}

static void check_button(void)
{
    uint32_t n = 0;
    if (cmd(BUTTON_DRIVER, 0, 0, 0) == TOCK_ENODEVICE) {
        check(1, "button: missing -> ENODEVICE");
        return;
    }
    check(cmd_u32(BUTTON_DRIVER, 0, 0, 0, &n) == TOCK_OK && n == 2, "button: command 0 = 2 buttons");
    check(cmd(BUTTON_DRIVER, 99, 0, 0) == TOCK_ENOSUPPORT, "button: unknown command -> ENOSUPPORT");
    check(tock_subscribe(BUTTON_DRIVER, 1, noop, NULL) == TOCK_ENOSUPPORT, "button: subscribe 1 -> ENOSUPPORT");
    for (uint32_t c = 1; c <= 3; c++) {
        char what[64];
        snprintf(what, sizeof what, "button: command %u, button 2 -> EINVAL", (unsigned)c);
        check(cmd(BUTTON_DRIVER, c, 2, 0) == TOCK_EINVAL, what);
    }
    check(button_read(0) == 0 && button_read(1) == 0, "button: read (not pressed)");
    check(button_enable_interrupt(1) == TOCK_OK && button_disable_interrupt(1) == TOCK_OK,
          "button: interrupt on and off");
}

static void check_gpio(void)
{
    if (cmd(GPIO_DRIVER, 0, 0, 0) == TOCK_ENODEVICE) {
        check(1, "gpio: missing -> ENODEVICE");
        return;
    }
    check_common(GPIO_DRIVER, "gpio", 1);
    int n = gpio_count();
    check(n == 16, "gpio: 16 pins");
    for (uint32_t c = 1; c <= 9; c++) {
        char what[64];
        snprintf(what, sizeof what, "gpio: command %u, pin %d -> EINVAL", (unsigned)c, n);
        check(cmd(GPIO_DRIVER, c, (uint32_t)n, 0) == TOCK_EINVAL, what);
    }
    check(gpio_enable_output(0) == TOCK_ENODEVICE, "gpio: pin 0 (a button) -> ENODEVICE");
    check(gpio_enable_output(5) == TOCK_OK && gpio_set(5) == TOCK_OK && gpio_read(5) == 1,
          "gpio: output pin 5 set reads 1");
    check(gpio_toggle(5) == TOCK_OK && gpio_read(5) == 0, "gpio: toggle reads 0");
    check(gpio_set(5) == TOCK_OK && gpio_clear(5) == TOCK_OK && gpio_read(5) == 0, "gpio: clear");
    check(gpio_enable_input(6, GPIO_PULL_NONE) == TOCK_OK && gpio_read(6) == 0,
          "gpio: input pin 6 (undriven) reads 0");
    check(gpio_enable_input(6, 3) == TOCK_ENOSUPPORT, "gpio: bad pull -> ENOSUPPORT");
    check(gpio_enable_interrupt(6, 3) == TOCK_ENOSUPPORT, "gpio: bad edge -> ENOSUPPORT");
    check(gpio_enable_interrupt(6, GPIO_EDGE_RISING) == TOCK_OK &&
              gpio_disable_interrupt(6) == TOCK_OK && gpio_disable(5) == TOCK_OK,
          "gpio: interrupt on/off, disable");
}

static void check_ipc(void)
{
    char name[] = "no_such_app";
    check_common(IPC_DRIVER, "ipc", 4);
    int self = ipc_discover("capsule_test");
    check(self >= 0, "ipc: discover own package name");
    check(ipc_discover("no_such_app") == TOCK_ENODEVICE, "ipc: discover unknown name -> ENODEVICE");
    check(tock_allow_ro(IPC_DRIVER, 0, name, 0) == TOCK_OK &&
              cmd(IPC_DRIVER, 1, 0, 0) == TOCK_EINVAL,
          "ipc: discover with an empty name -> EINVAL");
    check(cmd(IPC_DRIVER, 2, 200, 0) == TOCK_EINVAL, "ipc: notify service 200 -> EINVAL");
    check(cmd(IPC_DRIVER, 3, 200, 0) == TOCK_EINVAL, "ipc: notify client 200 -> EINVAL");
    check(tock_allow_ro(IPC_DRIVER, 1, name, 4) == TOCK_EINVAL, "ipc: allow-ro 1 -> EINVAL");
    check(tock_allow_rw(IPC_DRIVER, 4, name, 4) == TOCK_EINVAL, "ipc: allow-rw 4 -> EINVAL");
}

static void check_ieee802154(void)
{
    if (!ieee802154_exists()) {
        check(cmd(IEEE802154_DRIVER, 0, 0, 0) == TOCK_ENODEVICE, "ieee802154: missing -> ENODEVICE");
        return;
    }
    static uint8_t big[120], cfg[4];
    uint16_t a = 0, pan = 0;
    uint8_t ch = 0;
    int8_t p = 1;
    uint64_t l = 0;
    check_common(IEEE802154_DRIVER, "ieee802154", 2);
    check(!ieee802154_is_on(), "ieee802154: status EOFF while nobody listens");
    check(ieee802154_get_address_short(&a) == TOCK_OK && a == 0x0001 &&
              ieee802154_get_pan(&pan) == TOCK_OK && pan == 0xABCD &&
              ieee802154_get_channel(&ch) == TOCK_OK && ch == 26 &&
              ieee802154_get_power(&p) == TOCK_OK && p == 0,
          "ieee802154: defaults: address 0x0001 (node 0), PAN 0xABCD, channel 26, 0 dBm");
    check(ieee802154_get_address_long(&l) == TOCK_OK && l == 0x4354434B00000001ull,
          "ieee802154: default long address CTCK:0001");
    check(ieee802154_set_channel(10) == TOCK_EINVAL && ieee802154_set_channel(27) == TOCK_EINVAL,
          "ieee802154: channels 10 and 27 -> EINVAL");
    check(ieee802154_set_channel(15) == TOCK_OK && ieee802154_set_power(-5) == TOCK_OK &&
              ieee802154_set_address_short(0x1234) == TOCK_OK &&
              ieee802154_set_address_long(0x0102030405060708ull) == TOCK_OK &&
              ieee802154_config_commit() == TOCK_OK && ieee802154_get_channel(&ch) == TOCK_OK &&
              ch == 15 && ieee802154_get_power(&p) == TOCK_OK && p == -5 &&
              ieee802154_get_address_short(&a) == TOCK_OK && a == 0x1234 &&
              ieee802154_get_address_long(&l) == TOCK_OK && l == 0x0102030405060708ull,
          "ieee802154: set, commit, get back");
    ieee802154_set_channel(26);
    ieee802154_set_power(0);
    ieee802154_set_address_short(0x0001);
    ieee802154_set_address_long(0x4354434B00000001ull);
    ieee802154_config_commit();
    check(cmd(IEEE802154_DRIVER, 13, 0, 0) == TOCK_ENOSUPPORT &&
              cmd(IEEE802154_DRIVER, 24, 0, 0) == TOCK_ENOSUPPORT,
          "ieee802154: neighbor and key commands -> ENOSUPPORT");
    check(cmd(IEEE802154_DRIVER, 9, 0, 0) == TOCK_EINVAL, "ieee802154: long address without config buffer -> EINVAL");
    check(tock_allow_rw(IEEE802154_DRIVER, 1, cfg, sizeof cfg) == TOCK_OK &&
              cmd(IEEE802154_DRIVER, 9, 0, 0) == TOCK_ESIZE,
          "ieee802154: long address into 4 bytes -> ESIZE");
    cfg[0] = 5;
    check(ieee802154_send(IEEE802154_BROADCAST, "x", 1) == TOCK_ENOSUPPORT,
          "ieee802154: send with security level 5 -> ENOSUPPORT");
    tock_allow_rw(IEEE802154_DRIVER, 1, NULL, 0);
    check(ieee802154_send(IEEE802154_BROADCAST, big, sizeof big) == TOCK_ESIZE,
          "ieee802154: 120-byte payload -> ESIZE");
    check(ieee802154_send_raw(big, 2) == TOCK_ESIZE, "ieee802154: 2-byte raw frame -> ESIZE");
    check(ieee802154_send(IEEE802154_BROADCAST, "x", 1) == TOCK_OK, "ieee802154: broadcast sent");
    check(ieee802154_send(0x0002, "x", 1) == TOCK_ENOACK, "ieee802154: unicast to nobody -> ENOACK");
    static const uint8_t raw_bcast[] = { 0x41, 0x88, 0x55, 0xCD, 0xAB, 0xFF, 0xFF, 0x01, 0x00, 'r' };
    static const uint8_t raw_ucast[] = { 0x61, 0x88, 0x56, 0xCD, 0xAB, 0x02, 0x00, 0x01, 0x00, 'r' };
    check(ieee802154_send_raw(raw_bcast, sizeof raw_bcast) == TOCK_OK &&
              ieee802154_send_raw(raw_ucast, sizeof raw_ucast) == TOCK_ENOACK,
          "ieee802154: raw broadcast sent, raw unicast to nobody -> ENOACK");
    check(ieee802154_radio_on() == TOCK_OK && ieee802154_is_on() &&
              ieee802154_radio_off() == TOCK_OK && !ieee802154_is_on(),
          "ieee802154: radio on and off");
    check(tock_allow_ro(IEEE802154_DRIVER, 1, big, 1) == TOCK_EINVAL, "ieee802154: allow-ro 1 -> EINVAL");
    check(tock_allow_rw(IEEE802154_DRIVER, 2, big, 1) == TOCK_EINVAL, "ieee802154: allow-rw 2 -> EINVAL");
}

int main(void)
{
    check(cmd(0x12345, 0, 0, 0) == TOCK_ENODEVICE, "no driver 0x12345 -> ENODEVICE");
    check_alarm();
    check_console();
    check_led();
    check_lldb();
    check_process_info();
    check_rng();
    check_button();
    check_gpio();
    check_ipc();
    check_ieee802154();
    if (failures)
        printf("capsule_test: FAIL (%d of %d checks)\n", failures, checks);
    else
        printf("capsule_test: PASS (%d checks)\n", checks);
    return failures;
}
