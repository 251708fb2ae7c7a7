/*
 * panel.h - the SDL2 board panel (ctock-sim --panel): the board's two LEDs
 * and two buttons (pressed with keys 1, 2 or the mouse),
 * whether the CPU is active, asleep or deep asleep (live, plus the asleep
 * fraction so far), virtual time, and the guest's faults (count per
 * process, the last one's class, function and instruction). It paces the simulation to wall time
 * times --speed. The panel learns about the board only through observer
 * events and the node's statistics; models never see it.
 */
#ifndef SIM_PANEL_H
#define SIM_PANEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "node.h"
#include "observer.h"

typedef struct panel panel_t;

/* Opens the window. NULL (one-line reason in err) when SDL cannot start,
 * e.g. without a display. */
panel_t *panel_open(uint32_t clock_hz, double speed, char *err, size_t errlen);
void panel_close(panel_t *p);
const observer_t *panel_observer(panel_t *p);

/* The cycle the node may run up to now, from wall time since the first
 * call: start + wall_seconds * clock_hz * speed. After a stall (the host
 * could not keep up) pacing restarts from the present instead of racing. */
uint64_t panel_allowed_cycle(panel_t *p, uint64_t now_cycle);
/* Handles window events; false once the user closed the window (close
 * button, Esc or q). */
bool panel_poll(panel_t *p);
/* Redraws at most ~60 times per wall second (force: always). */
void panel_render(panel_t *p, uint64_t now_cycle, const node_stats_t *st, bool force);
/* Sleeps up to ms milliseconds of wall time (between paced slices). */
void panel_wait(panel_t *p, int ms);
/* A guest fault, for the fault banner: `who` ("process 'crash'",
 * "kernel") is counted, and the two lines (class; pc symbol and
 * instruction) are shown as the last fault. Strings are copied. */
void panel_fault(panel_t *p, const char *who, const char *line1, const char *line2);
/* --pause-on-fault: one round of the pause (the caller loops, virtual time
 * frozen, checking its own stop conditions): draws the last fault with
 * "paused", handles window events, waits ~20 ms. */
typedef enum { PANEL_PAUSED, PANEL_CONTINUE, PANEL_QUIT } panel_pause_t;
panel_pause_t panel_pause(panel_t *p, uint64_t now_cycle, const node_stats_t *st);
/* Input: the panel shows `count` (<= 2) board buttons and reports presses
 * (keys 1, 2 held down, or a mouse button held on a drawn button) as
 * fn(ctx, button, pressed) from panel_poll. The buttons' drawn state
 * follows the board (observer pin events of BOARD_BUTTON_PERIPH), so
 * --button presses show too. */
void panel_set_button_input(panel_t *p, unsigned count,
                            void (*fn)(void *ctx, unsigned button, bool pressed), void *ctx);
/* Draws a frame and saves it as a BMP file (hidden --panel-screenshot
 * flag, for checking the look). 0 or -1. */
int panel_screenshot(panel_t *p, uint64_t now_cycle, const node_stats_t *st, const char *path);

#endif
