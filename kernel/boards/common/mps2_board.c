/*
 * mps2_board.c - the wiring both MPS2-map boards share (`sim` for ctock-sim,
 * `an386` for qemu-system-arm -M mps2-an386): UART0 console, timer-based
 * alarm, FPGAIO LEDs, the TRNG, GPIO 0 and the R154 radio (sim), their muxes
 * and capsules (console, alarm, LED, low-level debug, process info, RNG,
 * button, GPIO, the 802.15.4 MAC, virtual MAC and driver), the driver table, the
 * round-robin scheduler, the fault policy and the processes in app flash.
 * Each board's main.c decides only what differs (mps2_board_config_t): its
 * name, how it learns the CPU clock, its fault policy and what a panic does.
 * Test kernels (CTOCK_TEST_KERNEL) also register the kernel-fault test
 * driver (fault_test.c) and the grant test driver (grant_test.c); the
 * -pconsole kernels (CTOCK_PROCESS_CONSOLE) add the process console.
 */
#include "mps2_board.h"

#include <stdint.h>

#include "alarm_driver.h"
#include "alarm_mux.h"
#include "button_driver.h"
#include "console.h"
#include "ctock/arch.h"
#include "ctock/capsule_map.h"
#include "ctock/debug.h"
#include "ctock/driver_num.h"
#include "ctock/interrupt.h"
#include "ctock/kernel.h"
#include "gpio_driver.h"
#include "ieee802154_driver.h"
#include "ieee802154_mac.h"
#include "ieee802154_virtual_mac.h"
#include "ipc.h"
#include "led_driver.h"
#include "low_level_debug.h"
#include "mps2/alarm.h"
#include "mps2/gpio.h"
#include "mps2/led.h"
#include "mps2/mps2.h"
#include "mps2/radio.h"
#include "mps2/trng.h"
#include "mps2/uart.h"
#include "process_info.h"
#ifdef CTOCK_PROCESS_CONSOLE
#include "process_console.h"
#endif
#include "rng_driver.h"
#include "uart_mux.h"

#ifdef CTOCK_TEST_KERNEL
#include "fault_test.h"
#include "grant_test.h"
#include "call_bench.h"
#include "bad_capsule.h"
#endif

#define BAUD 115200
/* 802.15.4 defaults (sim): Tock's channel and PAN; the addresses follow
 * the node's index in its ctock-sim world (sysctl NODE_ID). */
#define RADIO_CHANNEL 26
#define RADIO_PAN 0xABCDu
#define RADIO_SHORT_BASE 0x0001u
#define RADIO_LONG_PREFIX 0x4354434B00000000ull   /* "CTCK" << 32 */
#define TIMESLICE_US 10000

extern uint32_t _sapps, _eapps, _sappmem, _eappmem;

static cmsdk_uart_t uart0;
static cmsdk_alarm_t hw_alarm;
static fpgaio_leds_t leds;
static uart_mux_t uart_mux;
static uart_mux_device_t debug_dev, console_dev;
static alarm_mux_t alarm_mux;
static virtual_alarm_t alarm_drv_valarm;
static console_t console;
static alarm_driver_t alarm_drv;
static led_driver_t led_drv;
static ctock_trng_t trng;
static rng_driver_t rng_drv;
static uart_mux_device_t lldb_dev;
static lldb_t lldb;
static process_info_t pinfo;
static ipc_t ipc;
#ifdef CTOCK_PROCESS_CONSOLE
/* The process console (kernel-<board>-pconsole.elf): owns UART RX. */
static uart_mux_device_t pconsole_dev;
static virtual_alarm_t pconsole_valarm;
static process_console_t pconsole;
#endif
/* GPIO 0 (sim): pins 0-1 are BUTTON0/1 (active high), the rest GPIOs. */
#define NUM_BUTTONS 2
static cmsdk_gpio_t gpio0;
static hil_gpio_pin_t *button_pins[NUM_BUTTONS];
static hil_gpio_pin_t *gpio_pins[CMSDK_GPIO_PINS];   /* NULL: a button's pin */
static button_driver_t button_drv;
static gpio_driver_t gpio_drv;
/* The R154 radio (sim) and the 802.15.4 stack: MAC -> virtual MAC -> driver. */
static ctock_radio_t radio;
static virtual_alarm_t mac154_valarm, ieee802154_drv_valarm;
static ieee802154_mac_t mac154;
static ieee802154_mux_t mac154_mux;
static ieee802154_vdev_t ieee802154_drv_vdev;
static ieee802154_driver_t ieee802154_drv;
static ctock_driver_entry_t drivers[CTOCK_MAX_DRIVERS];
static unsigned ndrivers;
#ifdef CTOCK_TEST_KERNEL
/* The planted faulty capsule (capsules/testing/bad_capsule.h). */
static bad_capsule_t bad_capsule;
#endif

/* What each capsule owns and was handed, for ctock-sim --check-capsules
 * (ctock/capsule_map.h; records in the ELF only, no flash or RAM). A mux
 * owns its devices and virtual alarms, their HIL structs are handed to
 * their users; a chip's HIL struct is handed to the capsule that uses it. */
CAPSULE_STATE(uart_mux, uart_mux);
CAPSULE_STATE(uart_mux, debug_dev);
CAPSULE_STATE(uart_mux, console_dev);
CAPSULE_STATE(uart_mux, lldb_dev);
CAPSULE_HANDED(uart_mux, uart0.hil);
CAPSULE_STATE(alarm_mux, alarm_mux);
CAPSULE_STATE(alarm_mux, alarm_drv_valarm);
CAPSULE_HANDED(alarm_mux, hw_alarm.hil);
CAPSULE_STATE(console, console);
CAPSULE_HANDED(console, console_dev.hil);
CAPSULE_STATE(alarm_driver, alarm_drv);
CAPSULE_HANDED(alarm_driver, alarm_drv_valarm.hil);
CAPSULE_STATE(led_driver, led_drv);
CAPSULE_HANDED(led_driver, leds.hil);
CAPSULE_STATE(rng_driver, rng_drv);
CAPSULE_HANDED(rng_driver, trng.hil);
CAPSULE_STATE(low_level_debug, lldb);
CAPSULE_HANDED(low_level_debug, lldb_dev.hil);
CAPSULE_STATE(process_info, pinfo);
CAPSULE_STATE(ipc, ipc);
CAPSULE_STATE(button_driver, button_drv);
CAPSULE_HANDED(button_driver, button_pins);
CAPSULE_HANDED_EACH(button_driver, gpio0.pins, 0, NUM_BUTTONS, hil);
CAPSULE_STATE(gpio_driver, gpio_drv);
CAPSULE_HANDED(gpio_driver, gpio_pins);
CAPSULE_HANDED_EACH(gpio_driver, gpio0.pins, NUM_BUTTONS, CMSDK_GPIO_PINS, hil);
CAPSULE_STATE(alarm_mux, mac154_valarm);
CAPSULE_STATE(alarm_mux, ieee802154_drv_valarm);
CAPSULE_STATE(ieee802154_mac, mac154);
CAPSULE_HANDED(ieee802154_mac, radio.hil);
CAPSULE_HANDED(ieee802154_mac, mac154_valarm.hil);
CAPSULE_HANDED(ieee802154_mac, ieee802154_drv.tx_buf);   /* lent with each transmit */
CAPSULE_HANDED(ieee802154_mac, radio.rx_frame);          /* lent with each received frame */
CAPSULE_STATE(ieee802154_virtual_mac, mac154_mux);
CAPSULE_STATE(ieee802154_virtual_mac, ieee802154_drv_vdev);
CAPSULE_HANDED(ieee802154_virtual_mac, mac154.dev);
CAPSULE_LIBRARY(ieee802154_frame);
CAPSULE_STATE(ieee802154_driver, ieee802154_drv);
CAPSULE_HANDED(ieee802154_driver, ieee802154_drv_vdev.dev);
CAPSULE_HANDED(ieee802154_driver, ieee802154_drv_valarm.hil);
#ifdef CTOCK_PROCESS_CONSOLE
CAPSULE_STATE(uart_mux, pconsole_dev);
CAPSULE_STATE(alarm_mux, pconsole_valarm);
CAPSULE_STATE(process_console, pconsole);
CAPSULE_HANDED(process_console, pconsole_dev.hil);
CAPSULE_HANDED(process_console, pconsole_valarm.hil);
#endif
#ifdef CTOCK_TEST_KERNEL
CAPSULE_STATE(bad_capsule, bad_capsule);
#endif

static void add_driver(uint32_t num, const ctock_driver_t *d)
{
    if (ndrivers < CTOCK_MAX_DRIVERS)
        drivers[ndrivers] = (ctock_driver_entry_t){ num, d };
    ndrivers++;   /* kernel_set_drivers panics if there were too many */
}

static void panic_putc(char c)
{
    cmsdk_uart_putc_polled(MPS2_UART0_BASE, c);
}

void mps2_board_main(const mps2_board_config_t *cfg)
{
    uint32_t hz = cfg->hz;
    debug_set_halt(cfg->halt);

    /* 1. Chip: peripherals, interrupt bottom halves. */
    cmsdk_uart_init(&uart0, MPS2_UART0_BASE, hz, BAUD);
    cmsdk_alarm_init(&hw_alarm, MPS2_TIMER0_BASE, MPS2_TIMER1_BASE, hz);
    fpgaio_leds_init(&leds, MPS2_FPGAIO_BASE);
    irq_register(MPS2_IRQ_UART0_TX, cmsdk_uart_tx_irq, &uart0);
    irq_register(MPS2_IRQ_UART0_RX, cmsdk_uart_rx_irq, &uart0);
    irq_register(MPS2_IRQ_TIMER1, cmsdk_alarm_irq, &hw_alarm);
    if (cfg->has_gpio) {
        cmsdk_gpio_init(&gpio0, MPS2_GPIO0_BASE);
        irq_register(MPS2_IRQ_GPIO0, cmsdk_gpio_irq, &gpio0);
    }
    if (cfg->has_trng) {
        ctock_trng_init(&trng, MPS2_TRNG_BASE);
        irq_register(MPS2_IRQ_TRNG, ctock_trng_irq, &trng);
    }
    hil_radio154_config_t radio_defaults = {
        .channel = RADIO_CHANNEL,
        .tx_power_dbm = 0,
        .pan = RADIO_PAN,
        .short_addr = (uint16_t)(RADIO_SHORT_BASE + cfg->node_id),
        .long_addr = RADIO_LONG_PREFIX | (uint16_t)(RADIO_SHORT_BASE + cfg->node_id),
    };
    if (cfg->has_radio) {
        ctock_radio_init(&radio, MPS2_RADIO_BASE, &radio_defaults);
        irq_register(MPS2_IRQ_RADIO, ctock_radio_irq, &radio);
    }

    /* 2. Muxes: the UART shared by kernel messages and the console. */
    uart_mux_init(&uart_mux, &uart0.hil);
    uart_mux_device_init(&debug_dev, &uart_mux);
    uart_mux_device_init(&console_dev, &uart_mux);
    uart_mux_device_init(&lldb_dev, &uart_mux);
    debug_init(&debug_dev.hil, panic_putc);
    alarm_mux_init(&alarm_mux, &hw_alarm.hil);
    virtual_alarm_init(&alarm_drv_valarm, &alarm_mux);
    printk("ctock: booting on board %s (%u MHz)\n", cfg->name, (unsigned)(hz / 1000000u));

    /* 3. Capsules. */
    console_init(&console, &console_dev.hil);
    alarm_driver_init(&alarm_drv, &alarm_drv_valarm.hil);
    led_driver_init(&led_drv, &leds.hil);
    lldb_init(&lldb, &lldb_dev.hil);
    process_info_init(&pinfo);
    ipc_init(&ipc);
    if (cfg->has_trng)
        rng_driver_init(&rng_drv, &trng.hil);
    if (cfg->has_gpio) {
        for (unsigned i = 0; i < CMSDK_GPIO_PINS; i++) {
            if (i < NUM_BUTTONS)
                button_pins[i] = cmsdk_gpio_pin(&gpio0, i);
            else
                gpio_pins[i] = cmsdk_gpio_pin(&gpio0, i);
        }
        button_driver_init(&button_drv, button_pins, NUM_BUTTONS);
        gpio_driver_init(&gpio_drv, gpio_pins, CMSDK_GPIO_PINS);
    }
    if (cfg->has_radio) {
        virtual_alarm_init(&mac154_valarm, &alarm_mux);
        ieee802154_mac_init(&mac154, &radio.hil, &mac154_valarm.hil, &radio_defaults);
        ieee802154_mux_init(&mac154_mux, &mac154.dev);
        ieee802154_vdev_init(&ieee802154_drv_vdev, &mac154_mux);
        virtual_alarm_init(&ieee802154_drv_valarm, &alarm_mux);
        ieee802154_driver_init(&ieee802154_drv, &ieee802154_drv_vdev.dev,
                               &ieee802154_drv_valarm.hil);
    }
#ifdef CTOCK_TEST_KERNEL
    grant_test_init();
    call_bench_init(&hw_alarm.hil, &leds.hil);
    /* Given another capsule's state and a kernel variable, which it must
     * not touch (and touches on command). */
    bad_capsule_init(&bad_capsule, console.rx_buf, &ndrivers);
#endif

    /* 4. Driver numbers -> drivers (a board without the device leaves its
     * driver out: command 0 answers NODEVICE). */
    add_driver(DRIVER_NUM_ALARM, &alarm_drv.driver);
    add_driver(DRIVER_NUM_CONSOLE, &console.driver);
    add_driver(DRIVER_NUM_LED, &led_drv.driver);
    add_driver(DRIVER_NUM_LOW_LEVEL_DEBUG, &lldb.driver);
    add_driver(DRIVER_NUM_PROCESS_INFO, &pinfo.driver);
    add_driver(DRIVER_NUM_IPC, &ipc.driver);
    if (cfg->has_trng)
        add_driver(DRIVER_NUM_RNG, &rng_drv.driver);
    if (cfg->has_gpio) {
        add_driver(DRIVER_NUM_BUTTON, &button_drv.driver);
        add_driver(DRIVER_NUM_GPIO, &gpio_drv.driver);
    }
    if (cfg->has_radio)
        add_driver(DRIVER_NUM_IEEE802154, &ieee802154_drv.driver);
#ifdef CTOCK_TEST_KERNEL
    add_driver(DRIVER_NUM_KERNEL_FAULT_TEST, &kernel_fault_test_driver);
    add_driver(DRIVER_NUM_GRANT_TEST, &grant_test_driver);
    add_driver(DRIVER_NUM_CALL_BENCH, &call_bench_driver);
    add_driver(DRIVER_NUM_BAD_CAPSULE, &bad_capsule.driver);
#endif
    kernel_set_drivers(drivers, ndrivers);
#ifdef CTOCK_PROCESS_CONSOLE
    uart_mux_device_init(&pconsole_dev, &uart_mux);
    virtual_alarm_init(&pconsole_valarm, &alarm_mux);
    process_console_init(&pconsole, &pconsole_dev.hil, &pconsole_valarm.hil);
    process_console_start(&pconsole);
#endif

    /* 5. Scheduler: round robin, 10 ms timeslice. */
    sched_init(hz, TIMESLICE_US);

    /* 6. Fault policy (docs/kernel.md): the board's, unless the build
     * chose one (CTOCK_FAULT_POLICY, e.g. the test kernels: panic). */
#ifdef CTOCK_FAULT_POLICY
    kernel_set_fault_policy(CTOCK_FAULT_POLICY, cfg->fault_restarts);
#else
    kernel_set_fault_policy(cfg->fault_policy, cfg->fault_restarts);
#endif
    arch_set_unaligned_trap(cfg->unaligned_trap);

    /* 7. Processes from app flash. */
    kernel_load_processes((uint32_t)&_sapps, (uint32_t)&_eapps,
                          (uint32_t)&_sappmem, (uint32_t)&_eappmem);

    /* 8. Kernel loop. */
    kernel_loop();
}
