/* button.c: button driver wrappers. */
#include "button.h"

enum { CMD_ENABLE = 1, CMD_DISABLE = 2, CMD_READ = 3, UPCALL_BUTTON = 0 };

int button_count(void)
{
    uint32_t n = 0;
    int st = tock_status_u32(tock_command(BUTTON_DRIVER, 0, 0, 0), &n);
    return st == TOCK_OK ? (int)n : st;
}

int button_read(int index)
{
    uint32_t v = 0;
    int st = tock_status_u32(tock_command(BUTTON_DRIVER, CMD_READ, (uint32_t)index, 0), &v);
    return st == TOCK_OK ? (int)v : st;
}

int button_subscribe(tock_upcall_fn_t *fn, void *userdata)
{
    return tock_subscribe(BUTTON_DRIVER, UPCALL_BUTTON, fn, userdata);
}

int button_enable_interrupt(int index)
{
    return tock_status(tock_command(BUTTON_DRIVER, CMD_ENABLE, (uint32_t)index, 0));
}

int button_disable_interrupt(int index)
{
    return tock_status(tock_command(BUTTON_DRIVER, CMD_DISABLE, (uint32_t)index, 0));
}

typedef struct {
    int index, pressed;
    volatile bool done;
} button_wait_t;

static void wait_cb(int index, int pressed, int unused, void *ud)
{
    button_wait_t *w = ud;
    if (index == w->index) {
        w->pressed = pressed;
        w->done = true;
    }
}

int button_wait(int index)
{
    button_wait_t w = { index, 0, false };
    int st = button_subscribe(wait_cb, &w);
    if (st == TOCK_OK)
        st = button_enable_interrupt(index);
    if (st != TOCK_OK)
        return st;
    tock_yield_for(&w.done);
    button_subscribe(NULL, NULL);
    return w.pressed;
}
