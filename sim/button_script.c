/*
 * button_script.c - the --button schedule (see button_script.h).
 */
#include "button_script.h"

#include <stdlib.h>

#include "board.h"

static void add(button_script_t *s, uint64_t cycle, unsigned button, bool pressed)
{
    s->ev[s->n++] = (button_change_t){ cycle, button, pressed };
}

void button_script_init(button_script_t *s, const cli_opts_t *o)
{
    s->n = s->next = 0;
    for (int i = 0; i < o->nbuttons; i++) {
        const cli_button_t *b = &o->buttons[i];
        uint64_t at = cli_time_cycles(b->at_kind, b->at, o->clock_hz);
        add(s, at, b->button, b->action != CLI_BUTTON_UP);
        if (b->action == CLI_BUTTON_CLICK)
            add(s, at + cli_time_cycles(b->hold_kind, b->hold, o->clock_hz), b->button, false);
    }
    /* Insertion sort: stable, so equal times keep the flags' order. */
    for (int i = 1; i < s->n; i++) {
        button_change_t e = s->ev[i];
        int j = i;
        for (; j > 0 && s->ev[j - 1].cycle > e.cycle; j--)
            s->ev[j] = s->ev[j - 1];
        s->ev[j] = e;
    }
}

uint64_t button_script_next(const button_script_t *s)
{
    return s->next < s->n ? s->ev[s->next].cycle : UINT64_MAX;
}

void button_script_apply(button_script_t *s, node_t *n, uint64_t now)
{
    for (; s->next < s->n && s->ev[s->next].cycle <= now; s->next++)
        node_set_input(n, BOARD_BUTTON_PERIPH, s->ev[s->next].button, s->ev[s->next].pressed);
}
