/* gpio.c: GPIO driver wrappers. */
#include "gpio.h"

static int cmd(uint32_t num, int pin, uint32_t arg)
{
    return tock_status(tock_command(GPIO_DRIVER, num, (uint32_t)pin, arg));
}

int gpio_count(void)
{
    uint32_t n = 0;
    int st = tock_status_u32(tock_command(GPIO_DRIVER, 10, 0, 0), &n);
    return st == TOCK_OK ? (int)n : st;
}

int gpio_enable_output(int pin) { return cmd(1, pin, 0); }
int gpio_set(int pin) { return cmd(2, pin, 0); }
int gpio_clear(int pin) { return cmd(3, pin, 0); }
int gpio_toggle(int pin) { return cmd(4, pin, 0); }
int gpio_enable_input(int pin, gpio_pull_t pull) { return cmd(5, pin, (uint32_t)pull); }
int gpio_enable_interrupt(int pin, gpio_edge_t edge) { return cmd(7, pin, (uint32_t)edge); }
int gpio_disable_interrupt(int pin) { return cmd(8, pin, 0); }
int gpio_disable(int pin) { return cmd(9, pin, 0); }

int gpio_read(int pin)
{
    uint32_t v = 0;
    int st = tock_status_u32(tock_command(GPIO_DRIVER, 6, (uint32_t)pin, 0), &v);
    return st == TOCK_OK ? (int)v : st;
}

int gpio_subscribe(tock_upcall_fn_t *fn, void *userdata)
{
    return tock_subscribe(GPIO_DRIVER, 0, fn, userdata);
}

typedef struct {
    int pin, level;
    volatile bool done;
} gpio_wait_t;

static void wait_cb(int pin, int level, int unused, void *ud)
{
    gpio_wait_t *w = ud;
    if (pin == w->pin) {
        w->level = level;
        w->done = true;
    }
}

int gpio_wait_for(int pin, gpio_edge_t edge)
{
    gpio_wait_t w = { pin, 0, false };
    int st = gpio_subscribe(wait_cb, &w);
    if (st == TOCK_OK)
        st = gpio_enable_interrupt(pin, edge);
    if (st != TOCK_OK)
        return st;
    tock_yield_for(&w.done);
    gpio_subscribe(NULL, NULL);
    return w.level;
}
