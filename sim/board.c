/*
 * board.c - the boards ctock-sim can build, as const tables (see board.h
 * and docs/board.md). The `sim` board: the MPS2-AN386 map for what AN386
 * has (GPIO 0's pins 0-1 are the buttons BUTTON0/1), plus ctock's sysctl,
 * TRNG and 802.15.4 radio (docs/radio.md). Not listed: the System Control
 * Space, which every node provides itself (peripherals/scs.c).
 */
#include "board.h"

#include <string.h>

#include "../peripherals/fpgaio.h"
#include "../peripherals/gpio_cmsdk.h"
#include "../peripherals/radio154.h"
#include "../peripherals/sysctl.h"
#include "../peripherals/timer_cmsdk.h"
#include "../peripherals/trng.h"
#include "../peripherals/uart_cmsdk.h"

static const board_mem_t sim_mem[] = {
    /* name    base        size        guest_writable fill */
    { "flash", 0x00000000, 512 * 1024, false, 0xFF },
    { "sram",  0x20000000, 64 * 1024,  true,  0x00 },
};

static const board_periph_t sim_periph[] = {
    /* name      base        size    irq (model order)   create / ops / byte input / pin input / seed */
    { "timer0", 0x40000000, 0x1000, { 8, -1, -1, -1 },  timer_cmsdk_create, &timer_cmsdk_ops, NULL, NULL, NULL },
    { "timer1", 0x40001000, 0x1000, { 9, -1, -1, -1 },  timer_cmsdk_create, &timer_cmsdk_ops, NULL, NULL, NULL },
    { "gpio0",  0x40010000, 0x1000, { 6, -1, -1, -1 },  gpio_cmsdk_create,  &gpio_cmsdk_ops,  NULL, gpio_cmsdk_set_input, NULL },
    { "uart0",  0x40004000, 0x1000, { 0, 1, 12, -1 },   uart_cmsdk_create,  &uart_cmsdk_ops,  uart_cmsdk_input, NULL, NULL },
    { "fpgaio", 0x40028000, 0x1000, { -1, -1, -1, -1 }, fpgaio_create,      &fpgaio_ops,      NULL, NULL, NULL },
    { "sysctl", 0x40030000, 0x1000, { -1, -1, -1, -1 }, sysctl_create,      &sysctl_ops,      NULL, NULL, NULL },
    { "trng0",  0x40031000, 0x1000, { 48, -1, -1, -1 }, trng_create,        &trng_ops,        NULL, NULL, trng_seed },
    { "radio0", 0x40032000, 0x1000, { 49, -1, -1, -1 }, radio154_create,    &radio154_ops,    NULL, NULL, NULL },
};

const board_t board_sim = {
    .name = "sim",
    .clock_hz = 48000000,
    .mem = sim_mem,
    .mem_count = sizeof sim_mem / sizeof sim_mem[0],
    .periph = sim_periph,
    .periph_count = sizeof sim_periph / sizeof sim_periph[0],
};

const board_t *board_find(const char *name)
{
    if (strcmp(name, board_sim.name) == 0)
        return &board_sim;
    return NULL;
}
