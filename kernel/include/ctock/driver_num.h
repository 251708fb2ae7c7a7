/*
 * driver_num.h - the registry of system call driver numbers.
 *
 * One place for every driver number, so two capsules never claim the same
 * one. The numbers are Tock's (capsules/core/src/driver.rs), so libtock-c
 * style apps find the drivers where they expect them.
 */
#ifndef CTOCK_DRIVER_NUM_H
#define CTOCK_DRIVER_NUM_H

enum {
    DRIVER_NUM_ALARM = 0x00000,
    DRIVER_NUM_CONSOLE = 0x00001,
    DRIVER_NUM_LED = 0x00002,
    DRIVER_NUM_BUTTON = 0x00003,
    DRIVER_NUM_GPIO = 0x00004,
    DRIVER_NUM_LOW_LEVEL_DEBUG = 0x00008,
    DRIVER_NUM_IPC = 0x10000,
    DRIVER_NUM_PROCESS_INFO = 0x10002,
    DRIVER_NUM_RNG = 0x40001,
    DRIVER_NUM_IEEE802154 = 0x30001,
};

#endif
