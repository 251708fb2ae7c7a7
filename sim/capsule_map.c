/*
 * capsule_map.c - the capsules of a kernel and the checking rule (see
 * capsule_map.h; capsule_map_elf.c fills a map from the kernel ELF).
 * Lookups are linear over the capsules (a kernel has a few dozen) and
 * their areas, which is fast enough for the checker: it asks only about
 * accesses made by capsule code.
 */
#include "capsule_map.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../peripherals/scs.h"
#include "symbols.h"

/* count objects of size bytes, stride apart, from lo. */
typedef struct area {
    uint32_t lo, size, count, stride;
    bool state;
    char what[CAPSULE_AREA_WHAT_MAX];
} area_t;

typedef struct capsule {
    char name[CAPSULE_NAME_MAX];
    capsule_range_t text;
    bool library;
    area_t *areas;
    int nareas, cap;
} capsule_t;

struct capsule_map {
    capsule_layout_t layout;
    capsule_t *caps;
    int ncaps, cap;
    symtab_t *objects;
};

capsule_map_t *capsule_map_new(const capsule_layout_t *layout)
{
    capsule_map_t *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->layout = *layout;
    m->objects = symtab_new();
    if (!m->objects) {
        free(m);
        return NULL;
    }
    return m;
}

void capsule_map_free(capsule_map_t *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->ncaps; i++)
        free(m->caps[i].areas);
    free(m->caps);
    symtab_free(m->objects);
    free(m);
}

int capsule_map_find(const capsule_map_t *m, const char *name)
{
    for (int i = 0; i < m->ncaps; i++)
        if (strcmp(m->caps[i].name, name) == 0)
            return i;
    return -1;
}

void capsule_map_set_layout(capsule_map_t *m, const capsule_layout_t *layout)
{
    m->layout = *layout;
}

int capsule_map_add_capsule(capsule_map_t *m, const char *name, uint32_t text_lo,
                            uint32_t text_hi)
{
    int i = capsule_map_find(m, name);
    if (i < 0) {
        if (strlen(name) >= CAPSULE_NAME_MAX)
            return -1;
        if (m->ncaps == m->cap) {
            int cap = m->cap ? 2 * m->cap : 16;
            capsule_t *c = realloc(m->caps, (size_t)cap * sizeof *c);
            if (!c)
                return -1;
            m->caps = c;
            m->cap = cap;
        }
        i = m->ncaps++;
        memset(&m->caps[i], 0, sizeof m->caps[i]);
        strcpy(m->caps[i].name, name);
    }
    if (text_hi > text_lo)
        m->caps[i].text = (capsule_range_t){ text_lo, text_hi };
    return i;
}

static int add_area(capsule_map_t *m, int cap, const area_t *a)
{
    capsule_t *c = &m->caps[cap];
    if (c->nareas == c->cap) {
        int n = c->cap ? 2 * c->cap : 8;
        area_t *p = realloc(c->areas, (size_t)n * sizeof *p);
        if (!p)
            return -1;
        c->areas = p;
        c->cap = n;
    }
    c->areas[c->nareas++] = *a;
    return 0;
}

int capsule_map_add_each(capsule_map_t *m, int cap, uint32_t lo, uint32_t size, uint32_t count,
                         uint32_t stride, bool state, const char *what)
{
    if (cap < 0 || cap >= m->ncaps || !size || !count || stride < size ||
        (uint64_t)lo + (uint64_t)stride * (count - 1) + size > 0x100000000ull)
        return -1;
    area_t a = { lo, size, count, stride, state, "" };
    snprintf(a.what, sizeof a.what, "%s", what);
    return add_area(m, cap, &a);
}

int capsule_map_add_area(capsule_map_t *m, int cap, uint32_t lo, uint32_t hi, bool state,
                         const char *what)
{
    if (cap < 0 || cap >= m->ncaps)
        return -1;
    if (hi <= lo)
        return 0;
    return capsule_map_add_each(m, cap, lo, hi - lo, 1, hi - lo, state, what);
}

int capsule_map_add_object(capsule_map_t *m, const char *name, uint32_t addr, uint32_t size)
{
    return symtab_add(m->objects, name, addr, size);
}

const capsule_layout_t *capsule_map_layout(const capsule_map_t *m) { return &m->layout; }
int capsule_map_count(const capsule_map_t *m) { return m->ncaps; }

const char *capsule_map_name(const capsule_map_t *m, int cap)
{
    return cap >= 0 && cap < m->ncaps ? m->caps[cap].name : "?";
}

static bool in_range(capsule_range_t r, uint32_t addr, uint32_t size)
{
    return addr >= r.lo && (uint64_t)addr + size <= r.hi;
}

static bool in_area(const area_t *a, uint32_t addr, uint32_t size)
{
    if (addr < a->lo)
        return false;
    uint32_t off = addr - a->lo, idx = off / a->stride;
    return idx < a->count && (uint64_t)(off - idx * a->stride) + size <= a->size;
}

int capsule_map_capsule_at(const capsule_map_t *m, uint32_t pc)
{
    for (int i = 0; i < m->ncaps; i++)
        if (pc >= m->caps[i].text.lo && pc < m->caps[i].text.hi)
            return i;
    return -1;
}

capsule_range_t capsule_map_code_span(const capsule_map_t *m)
{
    capsule_range_t s = m->layout.helpers;
    for (int i = 0; i < m->ncaps; i++) {
        capsule_range_t t = m->caps[i].text;
        if (t.hi <= t.lo)
            continue;
        if (s.hi <= s.lo) {
            s = t;
            continue;
        }
        if (t.lo < s.lo)
            s.lo = t.lo;
        if (t.hi > s.hi)
            s.hi = t.hi;
    }
    return s;
}

int capsule_map_set_library(capsule_map_t *m, int cap)
{
    if (cap < 0 || cap >= m->ncaps)
        return -1;
    m->caps[cap].library = true;
    return 0;
}

bool capsule_map_is_library(const capsule_map_t *m, int cap)
{
    return cap >= 0 && cap < m->ncaps && m->caps[cap].library;
}

bool capsule_map_in_helpers(const capsule_map_t *m, uint32_t pc)
{
    if (pc >= m->layout.helpers.lo && pc < m->layout.helpers.hi)
        return true;
    return capsule_map_is_library(m, capsule_map_capsule_at(m, pc));
}

int capsule_map_object_name(const capsule_map_t *m, uint32_t addr, char *buf, size_t len)
{
    return symtab_format(m->objects, addr, buf, len);
}

/* The grant at address g lies in capsule c's state. */
static bool owns_grant(const capsule_t *c, uint32_t g)
{
    for (int i = 0; i < c->nareas; i++)
        if (c->areas[i].state && in_area(&c->areas[i], g, 1))
            return true;
    return false;
}

capsule_verdict_t capsule_map_check(const capsule_map_t *m, int cap, uint32_t addr,
                                    uint32_t size, bool write,
                                    const capsule_entered_t *entered, int nentered)
{
    if (cap < 0 || cap >= m->ncaps)
        return CAPSULE_DENIED;
    const capsule_t *c = &m->caps[cap];
    for (int i = 0; i < c->nareas; i++)
        if (in_area(&c->areas[i], addr, size))
            return CAPSULE_OWN;
    if (in_range(m->layout.stack, addr, size))
        return CAPSULE_STACK;
    if (!write && in_range(m->layout.flash, addr, size))
        return CAPSULE_FLASH;
    for (int i = 0; i < nentered; i++) {
        capsule_range_t d = { entered[i].data, entered[i].data + entered[i].bytes };
        if (d.hi > d.lo && in_range(d, addr, size) && owns_grant(c, entered[i].grant))
            return CAPSULE_GRANT;
    }
    return CAPSULE_DENIED;
}

/* ---- describing addresses ------------------------------------------------- */

static void append(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void append(char *buf, size_t len, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 1 >= len)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, len - used, fmt, ap);
    va_end(ap);
}

/* The capsule area holding addr, state areas first; NULL if none. */
static const area_t *area_at(const capsule_map_t *m, uint32_t addr, bool state, int *cap)
{
    for (int i = 0; i < m->ncaps; i++)
        for (int k = 0; k < m->caps[i].nareas; k++)
            if (m->caps[i].areas[k].state == state && in_area(&m->caps[i].areas[k], addr, 1)) {
                *cap = i;
                return &m->caps[i].areas[k];
            }
    return NULL;
}

void capsule_map_describe(const capsule_map_t *m, const board_t *board, uint32_t addr,
                          char *buf, size_t len)
{
    const capsule_layout_t *l = &m->layout;
    char sym[96];
    int cap;
    bool named = capsule_map_object_name(m, addr, sym, sizeof sym) == 0;
    const area_t *a;
    buf[0] = 0;
    if ((a = area_at(m, addr, true, &cap)) != NULL || (a = area_at(m, addr, false, &cap)) != NULL) {
        const char *what = strncmp(a->what, "state ", 6) == 0 ? a->what + 6 : a->what;
        snprintf(buf, len, "capsule '%s' %s: %s", m->caps[cap].name,
                 a->state ? "state" : "handed", named ? sym : what);
        return;
    }
    if (in_range(l->stack, addr, 1))
        snprintf(buf, len, "kernel stack");
    else if (in_range(l->kdata, addr, 1) || in_range(l->kbss, addr, 1))
        snprintf(buf, len, "kernel %s%s%s", in_range(l->kdata, addr, 1) ? ".data" : ".bss",
                 named ? ": " : "", named ? sym : "");
    else if (in_range(l->appmem, addr, 1))
        snprintf(buf, len, "app RAM");
    else if (in_range(l->flash, addr, 1))
        snprintf(buf, len, "kernel flash%s%s", named ? ": " : "", named ? sym : "");
    else if (addr >= SCS_BASE && addr - SCS_BASE < SCS_SIZE)
        snprintf(buf, len, "System Control Space");
    if (buf[0] || !board)
        goto done;
    for (int i = 0; i < board->periph_count; i++) {
        const board_periph_t *p = &board->periph[i];
        if (addr >= p->base && addr - p->base < p->size) {
            snprintf(buf, len, "peripheral %s +0x%x", p->name, addr - p->base);
            return;
        }
    }
    const board_mem_t *mem = board_mem_at(board, addr, 1);
    if (mem && !mem->guest_writable && addr >= l->flash.hi)
        snprintf(buf, len, "app flash");
    else if (mem)
        snprintf(buf, len, "%s", mem->name);
done:
    if (!buf[0])
        snprintf(buf, len, "unmapped");
}

void capsule_map_allowed(const capsule_map_t *m, int cap, const capsule_entered_t *entered,
                         int nentered, char *buf, size_t len)
{
    buf[0] = 0;
    if (cap >= 0 && cap < m->ncaps) {
        const capsule_t *c = &m->caps[cap];
        for (int i = 0; i < c->nareas; i++) {
            const area_t *a = &c->areas[i];
            append(buf, len, "%s%s %s ", buf[0] ? ", " : "", a->state ? "own" : "handed",
                   a->what);
            if (a->count == 1)
                append(buf, len, "0x%08x-0x%08x", a->lo, a->lo + a->size);
            else
                append(buf, len, "%u x %u bytes from 0x%08x, %u apart", a->count, a->size,
                       a->lo, a->stride);
        }
        for (int i = 0; i < nentered; i++)
            if (owns_grant(c, entered[i].grant) && entered[i].bytes)
                append(buf, len, "%sgrant 0x%08x-0x%08x (entered)", buf[0] ? ", " : "",
                       entered[i].data, entered[i].data + entered[i].bytes);
    }
    append(buf, len, "%sstack 0x%08x-0x%08x, kernel flash 0x%08x-0x%08x (loads)",
           buf[0] ? ", " : "", m->layout.stack.lo, m->layout.stack.hi, m->layout.flash.lo,
           m->layout.flash.hi);
}
