/*
 * wallclock.h - host wall time in seconds (CLOCK_MONOTONIC), for pacing
 * and for the run summaries' wall-time figures. Never used for anything
 * that decides what a run does: virtual time is the node clocks'.
 */
#ifndef SIM_WALLCLOCK_H
#define SIM_WALLCLOCK_H

#include <time.h>

static inline double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
