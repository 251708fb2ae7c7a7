/*
 * panel.c - SDL2 panel (see panel.h). Drawing uses SDL_Renderer rectangles
 * only (LED discs as horizontal spans, text from font5x7), so it needs no
 * SDL add-on libraries and renders the same under Xvfb.
 *
 *   +--------------------------------------------+
 *   | CTOCK-SIM   BOARD SIM                      |
 *   |   (O) LED0        (O) LED1                 |
 *   |   [#] CPU ACTIVE / SLEEP / DEEP SLEEP      |
 *   |   ASLEEP 99.7%  (DEEP 0.0%)                |
 *   |   TIME 12.345 S   SPEED X1                 |
 *   |   FAULTS: 'CRASH' X2  KERNEL X0     (red)    |
 *   |   USAGEFAULT, UNDEFINED INSTRUCTION ...      |
 *   |   MAIN+0X6: UDF #0XFF                        |
 *   |   [BUTTON0 (1)]  [BUTTON1 (2)]               |
 *   +--------------------------------------------+
 *
 * Buttons: keys 1 and 2 (held = pressed) or a mouse button held on one
 * call the input callback (panel_set_button_input); their drawn state
 * comes back from the board's pin events, like the LEDs'.
 * Not shown: console text (stdout has it).
 */
#include "panel.h"

#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "font5x7.h"

#define W 440
#define H 330
#define BTN_Y 256   /* the button row */
#define BTN_W 150
#define BTN_H 24
#define FAULT_WHO_MAX 8   /* processes counted separately in the banner */
#define PX 2   /* font pixel size */

struct panel {
    SDL_Window *win;
    SDL_Renderer *ren;
    uint32_t clock_hz;
    double speed;
    bool led[2];
    power_state_t power;
    bool pace_started;
    uint64_t pace_cycle0;
    uint64_t pace_wall0;       /* SDL_GetPerformanceCounter ticks */
    uint64_t last_render;      /* wall ms */
    observer_t obs;
    unsigned faults;
    struct { char who[40]; unsigned count; } who[FAULT_WHO_MAX];
    int nwho;
    char fault1[96], fault2[96];   /* the last fault */
    bool paused;
    unsigned nbuttons;
    bool button[2];                /* as the board reports them */
    int mouse_button;              /* held with the mouse, -1 none */
    void (*button_fn)(void *ctx, unsigned button, bool pressed);
    void *button_ctx;
};

static void on_led(void *ctx, uint64_t cycle, unsigned index, bool on)
{
    panel_t *p = ctx;
    if (index < 2)
        p->led[index] = on;
}

static void on_pin(void *ctx, uint64_t cycle, const char *periph, unsigned pin, bool output,
                   bool level)
{
    panel_t *p = ctx;
    if (!output && pin < 2 && strcmp(periph, BOARD_BUTTON_PERIPH) == 0)
        p->button[pin] = level;
}

void panel_set_button_input(panel_t *p, unsigned count,
                            void (*fn)(void *ctx, unsigned button, bool pressed), void *ctx)
{
    p->nbuttons = count < 2 ? count : 2;
    p->button_fn = fn;
    p->button_ctx = ctx;
}

static void press(panel_t *p, unsigned button, bool pressed)
{
    if (button < p->nbuttons && p->button_fn)
        p->button_fn(p->button_ctx, button, pressed);
}

/* The drawn button under (x, y), or -1. */
static int button_at(const panel_t *p, int x, int y)
{
    for (unsigned i = 0; i < p->nbuttons; i++) {
        int bx = 22 + (int)i * (BTN_W + 20);
        if (x >= bx && x < bx + BTN_W && y >= BTN_Y && y < BTN_Y + BTN_H)
            return (int)i;
    }
    return -1;
}

static void on_power(void *ctx, uint64_t cycle, power_state_t s)
{
    ((panel_t *)ctx)->power = s;
}

panel_t *panel_open(uint32_t clock_hz, double speed, char *err, size_t errlen)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, errlen, "cannot open the panel (no display?): %s", SDL_GetError());
        return NULL;
    }
    panel_t *p = calloc(1, sizeof *p);
    if (!p) {
        SDL_Quit();
        snprintf(err, errlen, "cannot open the panel: out of memory");
        return NULL;
    }
    p->win = SDL_CreateWindow("ctock-sim", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, W,
                              H, 0);
    if (p->win)
        p->ren = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_SOFTWARE);
    if (!p->ren) {
        snprintf(err, errlen, "cannot open the panel window: %s", SDL_GetError());
        panel_close(p);
        return NULL;
    }
    p->clock_hz = clock_hz;
    p->speed = speed;
    p->obs = (observer_t){.ctx = p, .led = on_led, .power = on_power, .pin = on_pin};
    p->mouse_button = -1;
    return p;
}

void panel_close(panel_t *p)
{
    if (!p)
        return;
    if (p->ren)
        SDL_DestroyRenderer(p->ren);
    if (p->win)
        SDL_DestroyWindow(p->win);
    free(p);
    SDL_Quit();
}

const observer_t *panel_observer(panel_t *p) { return &p->obs; }

uint64_t panel_allowed_cycle(panel_t *p, uint64_t now_cycle)
{
    uint64_t t = SDL_GetPerformanceCounter();
    double freq = (double)SDL_GetPerformanceFrequency();
    if (!p->pace_started) {
        p->pace_started = true;
        p->pace_cycle0 = now_cycle;
        p->pace_wall0 = t;
    }
    double wall = (double)(t - p->pace_wall0) / freq;
    double allowed = (double)p->pace_cycle0 + wall * p->clock_hz * p->speed;
    /* More than 0.25 virtual-at-speed seconds behind: restart pacing. */
    if (allowed - (double)now_cycle > 0.25 * p->clock_hz * p->speed) {
        p->pace_cycle0 = now_cycle;
        p->pace_wall0 = t;
        allowed = (double)now_cycle;
    }
    return allowed < (double)now_cycle ? now_cycle : (uint64_t)allowed;
}

void panel_fault(panel_t *p, const char *who, const char *line1, const char *line2)
{
    p->faults++;
    snprintf(p->fault1, sizeof p->fault1, "%s: %s", who, line1);
    snprintf(p->fault2, sizeof p->fault2, "%s", line2);
    for (int i = 0; i < p->nwho; i++) {
        if (strcmp(p->who[i].who, who) == 0) {
            p->who[i].count++;
            return;
        }
    }
    if (p->nwho < FAULT_WHO_MAX) {
        snprintf(p->who[p->nwho].who, sizeof p->who[0].who, "%s", who);
        p->who[p->nwho++].count = 1;
    }
}

bool panel_poll(panel_t *p)
{
    SDL_Event e;
    bool open = true;
    while (SDL_PollEvent(&e)) {
        if (e.type == SDL_QUIT)
            open = false;
        else if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE)
            open = false;
        else if (e.type == SDL_KEYDOWN &&
                 (e.key.keysym.sym == SDLK_ESCAPE || e.key.keysym.sym == SDLK_q))
            open = false;
        else if ((e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) && !e.key.repeat &&
                 e.key.keysym.sym >= SDLK_1 && e.key.keysym.sym <= SDLK_2)
            press(p, (unsigned)(e.key.keysym.sym - SDLK_1), e.type == SDL_KEYDOWN);
        else if (e.type == SDL_MOUSEBUTTONDOWN && p->mouse_button < 0) {
            p->mouse_button = button_at(p, e.button.x, e.button.y);
            if (p->mouse_button >= 0)
                press(p, (unsigned)p->mouse_button, true);
        } else if (e.type == SDL_MOUSEBUTTONUP && p->mouse_button >= 0) {
            press(p, (unsigned)p->mouse_button, false);
            p->mouse_button = -1;
        }
    }
    return open;
}

void panel_wait(panel_t *p, int ms)
{
    (void)p;
    SDL_Delay((Uint32)ms);
}

static void color(panel_t *p, uint32_t rgb)
{
    SDL_SetRenderDrawColor(p->ren, rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff, 255);
}

static void rect(panel_t *p, int x, int y, int w, int h)
{
    SDL_Rect r = {x, y, w, h};
    SDL_RenderFillRect(p->ren, &r);
}

static void text(panel_t *p, int x, int y, int scale, const char *s)
{
    for (; *s; s++, x += (FONT_W + 1) * scale) {
        uint8_t rows[FONT_H];
        font_glyph(*s, rows);
        for (int r = 0; r < FONT_H; r++)
            for (int c = 0; c < FONT_W; c++)
                if (rows[r] & (1u << (FONT_W - 1 - c)))
                    rect(p, x + c * scale, y + r * scale, scale, scale);
    }
}

static void disc(panel_t *p, int cx, int cy, int r)
{
    for (int dy = -r; dy <= r; dy++) {
        int dx = 0;
        while ((dx + 1) * (dx + 1) + dy * dy <= r * r)
            dx++;
        SDL_RenderDrawLine(p->ren, cx - dx, cy + dy, cx + dx, cy + dy);
    }
}

static void draw_led(panel_t *p, int x, int y, const char *label, bool on, uint32_t lit)
{
    color(p, 0x404040);
    disc(p, x, y, 17);
    color(p, on ? lit : 0x1c2a1c);
    disc(p, x, y, 14);
    if (on) {
        color(p, 0xe8ffe8);
        disc(p, x - 5, y - 5, 3);
    }
    color(p, 0xd0d0d0);
    text(p, x + 26, y - 7, PX, label);
    color(p, on ? lit : 0x707070);
    text(p, x + 26 + 5 * (FONT_W + 1) * PX, y - 7, PX, on ? "ON" : "OFF");
}

/* The fault banner: red when there were faults, the count per process,
 * then the last fault in small type (function names need the width). */
static void draw_faults(panel_t *p)
{
    char buf[128];
    int y = 200;
    color(p, p->faults ? (p->paused ? 0xc02020 : 0x802020) : 0x203020);
    rect(p, 16, y, W - 32, 20);
    color(p, 0xf0f0f0);
    if (!p->faults) {
        text(p, 22, y + 4, PX, "NO FAULTS");
        return;
    }
    size_t n = (size_t)snprintf(buf, sizeof buf, "FAULTS %u:", p->faults);
    for (int i = 0; i < p->nwho && n < sizeof buf; i++) {
        const char *w = p->who[i].who;
        if (strncmp(w, "process ", 8) == 0)
            w += 8;
        n += (size_t)snprintf(buf + n, sizeof buf - n, " %s X%u", w, p->who[i].count);
    }
    text(p, 22, y + 4, PX, buf);
    color(p, 0xff9080);
    text(p, 22, y + 28, 1, p->fault1);
    text(p, 22, y + 40, 1, p->fault2);
}

panel_pause_t panel_pause(panel_t *p, uint64_t now_cycle, const node_stats_t *st)
{
    SDL_Event e;
    p->paused = true;
    while (SDL_PollEvent(&e)) {
        SDL_Keycode k = e.type == SDL_KEYDOWN ? e.key.keysym.sym : 0;
        if (e.type == SDL_QUIT ||
            (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) ||
            k == SDLK_ESCAPE || k == SDLK_q) {
            p->paused = false;
            return PANEL_QUIT;
        }
        if (k == SDLK_SPACE || k == SDLK_c) {
            p->paused = false;
            p->pace_started = false;   /* no catching up for the time we stood */
            return PANEL_CONTINUE;
        }
    }
    panel_render(p, now_cycle, st, true);
    SDL_Delay(20);
    return PANEL_PAUSED;
}

static void draw(panel_t *p, uint64_t now_cycle, const node_stats_t *st)
{
    char buf[96];

    color(p, 0x161a20);
    SDL_RenderClear(p->ren);
    color(p, 0x2a3240);
    rect(p, 0, 0, W, 30);
    color(p, 0xf0f0f0);
    text(p, 12, 8, PX, "CTOCK-SIM");
    color(p, 0x9aa4b4);
    text(p, 150, 8, PX, "BOARD SIM");

    draw_led(p, 40, 62, "LED0", p->led[0], 0x30ff50);
    draw_led(p, 250, 62, "LED1", p->led[1], 0xffb020);

    static const char *const names[] = {"ACTIVE", "SLEEP", "DEEP SLEEP"};
    static const uint32_t colors[] = {0x40e060, 0x4080ff, 0xa060ff};
    int ps = (unsigned)p->power < 3 ? (int)p->power : 0;
    color(p, 0x404040);
    rect(p, 22, 98, 36, 24);
    color(p, colors[ps]);
    rect(p, 25, 101, 30, 18);
    color(p, 0xd0d0d0);
    text(p, 66, 103, PX, "CPU");
    color(p, colors[ps]);
    text(p, 66 + 4 * 6 * PX, 103, PX, names[ps]);

    double cyc = st->cycles ? (double)st->cycles : 1.0;
    double asleep = 100.0 * (double)(st->sleep_cycles + st->deep_sleep_cycles) / cyc;
    double deep = 100.0 * (double)st->deep_sleep_cycles / cyc;
    color(p, 0x2a3240);
    rect(p, 22, 136, 396, 10);
    color(p, 0x4080ff);
    rect(p, 22, 136, (int)(396 * asleep / 100.0), 10);
    color(p, 0xd0d0d0);
    snprintf(buf, sizeof buf, "ASLEEP %.1f%%  (DEEP %.1f%%)", asleep, deep);
    text(p, 22, 154, PX, buf);

    uint64_t s = now_cycle / p->clock_hz;
    uint64_t msec = (now_cycle % p->clock_hz) * 1000 / p->clock_hz;
    snprintf(buf, sizeof buf, "TIME %llu.%03llu S", (unsigned long long)s,
             (unsigned long long)msec);
    text(p, 22, 178, PX, buf);
    snprintf(buf, sizeof buf, "SPEED X%g  %u MHZ", p->speed, p->clock_hz / 1000000);
    color(p, 0x9aa4b4);
    text(p, 230, 178, PX, buf);
    draw_faults(p);
    for (unsigned i = 0; i < p->nbuttons; i++) {
        int bx = 22 + (int)i * (BTN_W + 20);
        color(p, 0x404040);
        rect(p, bx, BTN_Y, BTN_W, BTN_H);
        color(p, p->button[i] ? 0xe0c040 : 0x2a3240);
        rect(p, bx + 2, BTN_Y + 2, BTN_W - 4, BTN_H - 4);
        color(p, p->button[i] ? 0x161a20 : 0xd0d0d0);
        snprintf(buf, sizeof buf, "BUTTON%u (%u)", i, i + 1);
        text(p, bx + 10, BTN_Y + 5, PX, buf);
    }
    color(p, 0x6a7484);
    text(p, 22, H - 22, PX, p->paused ? "PAUSED: SPACE/C GO ON, ESC/Q QUIT"
                                      : "ESC OR Q: QUIT");
}

void panel_render(panel_t *p, uint64_t now_cycle, const node_stats_t *st, bool force)
{
    uint64_t ms = SDL_GetTicks64();
    if (!force && ms - p->last_render < 16)
        return;
    p->last_render = ms;
    draw(p, now_cycle, st);
    SDL_RenderPresent(p->ren);
}

int panel_screenshot(panel_t *p, uint64_t now_cycle, const node_stats_t *st, const char *path)
{
    draw(p, now_cycle, st);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return -1;
    int rc = SDL_RenderReadPixels(p->ren, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch);
    if (rc == 0)
        rc = SDL_SaveBMP(s, path);
    SDL_FreeSurface(s);
    SDL_RenderPresent(p->ren);
    return rc == 0 ? 0 : -1;
}
