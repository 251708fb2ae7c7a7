/*
 * main.c - board "sim": the ctock-sim machine (MPS2-AN386 map plus the ctock
 * sysctl, TRNG and R154 radio, docs/board.md). The CPU clock comes from
 * sysctl CLOCK_HZ (set by ctock-sim --clock), the node's index (its radio
 * addresses) from sysctl NODE_ID; a kernel panic ends the simulation with a failure
 * status through sysctl EXIT (ctock-sim exits 3); the wiring is shared with
 * an386 (boards/common).
 */
#include "mps2/sysctl.h"
#include "mps2_board.h"

#ifndef CTOCK_UNALIGNED_TRAP
#define CTOCK_UNALIGNED_TRAP 0
#endif

/* Status the simulator reports for a kernel panic (any non-zero fails). */
#define SIM_PANIC_STATUS 0x70616e63u   /* "panc" */

static uint32_t cpu_hz;

static void sim_halt(void)
{
    /* The panic text was written with polled output: the last byte is
     * still on the wire (the UART model takes 10 bit times). Give it a few
     * milliseconds, then stop. */
    for (volatile uint32_t i = 0; i < cpu_hz / 1000u; i++)
        ;
    sysctl_exit(SIM_PANIC_STATUS);
}

int main(void)
{
    static const mps2_board_config_t cfg_template = {
        .name = "sim",
        .fault_policy = FAULT_POLICY_RESTART,
        .fault_restarts = 3,
        .unaligned_trap = CTOCK_UNALIGNED_TRAP,
        .halt = sim_halt,
        .has_trng = true,
        .has_gpio = true,
        .has_radio = true,
    };
    mps2_board_config_t cfg = cfg_template;
    cfg.hz = cpu_hz = sysctl_clock_hz(48000000u);
    cfg.node_id = sysctl_node_id();
    mps2_board_main(&cfg);
}
