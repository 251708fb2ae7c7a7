/*
 * capsule_map.c - the capsules of a kernel ELF and the checking rule (see
 * capsule_map.h). libelf reads .symtab and the .ctock.capsule_map records;
 * lookups are linear over the capsules (a kernel has a few dozen) and
 * their areas, which is fast enough for the checker: it asks only about
 * accesses made by capsule code.
 *
 * Not handled: a capsule named "helpers" (the name of the helpers block);
 * more than one kernel per map.
 */
#include "capsule_map.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../peripherals/scs.h"
#include "symbols.h"

/* The record the board's CAPSULE_* macros emit (ctock/capsule_map.h). */
#define REC_CAPSULE 0
#define REC_OBJECT 32
#define REC_OBJECT_LEN 40
#define REC_ADDR 72
#define REC_SIZE 76
#define REC_COUNT 80
#define REC_STRIDE 84
#define REC_KIND 88
#define REC_BYTES 92
#define REC_KIND_STATE 1
#define REC_KIND_HANDED 2
#define REC_KIND_LIBRARY 3

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

static int find(const capsule_map_t *m, const char *name)
{
    for (int i = 0; i < m->ncaps; i++)
        if (strcmp(m->caps[i].name, name) == 0)
            return i;
    return -1;
}

int capsule_map_add_capsule(capsule_map_t *m, const char *name, uint32_t text_lo,
                            uint32_t text_hi)
{
    int i = find(m, name);
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

/* ---- loading ---------------------------------------------------------------- */

enum { PART_TEXT, PART_DATA, PART_BSS, NPARTS };
static const char *const part_names[NPARTS] = { "text", "data", "bss" };

/* The capsule blocks found so far, by name. */
typedef struct block {
    char name[CAPSULE_NAME_MAX];
    uint32_t start[NPARTS], end[NPARTS];
} block_t;

typedef struct loading {
    capsule_map_t *m;
    block_t *blocks;
    int nblocks, cap;
    bool helpers_start, helpers_end;
} loading_t;

static block_t *block_for(loading_t *ld, const char *name, size_t namelen)
{
    if (namelen >= CAPSULE_NAME_MAX)
        return NULL;
    for (int i = 0; i < ld->nblocks; i++)
        if (strlen(ld->blocks[i].name) == namelen && memcmp(ld->blocks[i].name, name, namelen) == 0)
            return &ld->blocks[i];
    if (ld->nblocks == ld->cap) {
        int cap = ld->cap ? 2 * ld->cap : 16;
        block_t *b = realloc(ld->blocks, (size_t)cap * sizeof *b);
        if (!b)
            return NULL;
        ld->blocks = b;
        ld->cap = cap;
    }
    block_t *b = &ld->blocks[ld->nblocks++];
    memset(b, 0, sizeof *b);
    memcpy(b->name, name, namelen);
    return b;
}

/* "__capsule_<name>_<part>_<start|end>". 0, 1 (not such a name) or -1. */
static int capsule_symbol(loading_t *ld, const char *s, uint32_t value)
{
    static const char prefix[] = "__capsule_";
    if (strncmp(s, prefix, sizeof prefix - 1) != 0)
        return 1;
    s += sizeof prefix - 1;
    size_t n = strlen(s);
    for (int p = 0; p < NPARTS; p++) {
        for (int end = 0; end < 2; end++) {
            char suffix[16];
            snprintf(suffix, sizeof suffix, "_%s_%s", part_names[p], end ? "end" : "start");
            size_t k = strlen(suffix);
            if (n <= k || strcmp(s + n - k, suffix) != 0)
                continue;
            if (p == PART_TEXT && n - k == 7 && strncmp(s, "helpers", 7) == 0) {
                if (end) {
                    ld->m->layout.helpers.hi = value;
                    ld->helpers_end = true;
                } else {
                    ld->m->layout.helpers.lo = value;
                    ld->helpers_start = true;
                }
                return 0;
            }
            block_t *b = block_for(ld, s, n - k);
            if (!b)
                return -1;
            if (end)
                b->end[p] = value;
            else
                b->start[p] = value;
            return 0;
        }
    }
    return 1;
}

/* The kernel layout symbols; true if name was one. */
static bool layout_symbol(capsule_layout_t *l, const char *name, uint32_t v)
{
    static const struct { const char *name; size_t off; } syms[] = {
        { "_sstack", offsetof(capsule_layout_t, stack.lo) },
        { "_estack", offsetof(capsule_layout_t, stack.hi) },
        { "_sdata", offsetof(capsule_layout_t, kdata.lo) },
        { "_edata", offsetof(capsule_layout_t, kdata.hi) },
        { "_sbss", offsetof(capsule_layout_t, kbss.lo) },
        { "_ebss", offsetof(capsule_layout_t, kbss.hi) },
        { "_sapps", offsetof(capsule_layout_t, flash.hi) },
        { "_sappmem", offsetof(capsule_layout_t, appmem.lo) },
        { "_eappmem", offsetof(capsule_layout_t, appmem.hi) },
        { "grant_entered_top", offsetof(capsule_layout_t, grant_entered_top) },
    };
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        if (strcmp(name, syms[i].name) == 0) {
            memcpy((char *)l + syms[i].off, &v, sizeof v);
            return true;
        }
    }
    return false;
}

static int read_symbols(loading_t *ld, Elf *e)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        size_t count = d ? sh.sh_size / sh.sh_entsize : 0;
        for (size_t i = 0; i < count; i++) {
            GElf_Sym s;
            if (!gelf_getsym(d, (int)i, &s) || s.st_shndx == SHN_UNDEF)
                continue;
            const char *name = elf_strptr(e, sh.sh_link, s.st_name);
            if (!name || !*name || name[0] == '$')
                continue;
            uint32_t v = (uint32_t)s.st_value;
            int r = capsule_symbol(ld, name, v);
            if (r < 0)
                return -1;
            if (r == 0 || layout_symbol(&ld->m->layout, name, v))
                continue;
            if (GELF_ST_TYPE(s.st_info) == STT_OBJECT && s.st_size &&
                capsule_map_add_object(ld->m, name, v, (uint32_t)s.st_size) < 0)
                return -1;
        }
    }
    return 0;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A NUL-terminated copy of a fixed-size name field. */
static void field(char *out, size_t outlen, const uint8_t *p, size_t n)
{
    size_t k = 0;
    while (k < n && k + 1 < outlen && p[k])
        k++;
    memcpy(out, p, k);
    out[k] = 0;
}

static int read_records(capsule_map_t *m, Elf *e, FILE *warn, const char *path)
{
    size_t shstrndx;
    Elf_Scn *scn = NULL;
    if (elf_getshdrstrndx(e, &shstrndx) != 0)
        return 0;
    while ((scn = elf_nextscn(e, scn)) != NULL) {
        GElf_Shdr sh;
        const char *name;
        if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(e, shstrndx, sh.sh_name)) ||
            strcmp(name, ".ctock.capsule_map") != 0)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        if (!d || !d->d_buf || d->d_size % REC_BYTES) {
            if (warn)
                fprintf(warn, "ctock-sim: %s: .ctock.capsule_map is not a whole number of "
                        "%d-byte records: ignored\n", path, REC_BYTES);
            return 0;
        }
        for (size_t off = 0; off < d->d_size; off += REC_BYTES) {
            const uint8_t *r = (const uint8_t *)d->d_buf + off;
            char cap[CAPSULE_NAME_MAX], obj[REC_OBJECT_LEN + 1], what[CAPSULE_AREA_WHAT_MAX];
            field(cap, sizeof cap, r + REC_CAPSULE, CAPSULE_NAME_MAX);
            field(obj, sizeof obj, r + REC_OBJECT, REC_OBJECT_LEN);
            uint32_t kind = le32(r + REC_KIND);
            bool state = kind == REC_KIND_STATE;
            int c = find(m, cap);
            if (c >= 0 && kind == REC_KIND_LIBRARY) {
                capsule_map_set_library(m, c);
                continue;
            }
            snprintf(what, sizeof what, "%s%s", state ? "state " : "", obj);
            if (c < 0 || (!state && kind != REC_KIND_HANDED) ||
                capsule_map_add_each(m, c, le32(r + REC_ADDR), le32(r + REC_SIZE),
                                     le32(r + REC_COUNT), le32(r + REC_STRIDE), state, what) < 0) {
                if (warn)
                    fprintf(warn, "ctock-sim: %s: capsule map record for '%s' (%s) ignored: %s\n",
                            path, cap, obj, c < 0 ? "no such capsule in this kernel"
                                                  : "malformed");
            }
        }
    }
    return 0;
}

/* The blocks become capsules: code, and data/bss as own areas. */
static int add_blocks(loading_t *ld)
{
    for (int i = 0; i < ld->nblocks; i++) {
        const block_t *b = &ld->blocks[i];
        int c = capsule_map_add_capsule(ld->m, b->name, b->start[PART_TEXT], b->end[PART_TEXT]);
        if (c < 0 ||
            capsule_map_add_area(ld->m, c, b->start[PART_DATA], b->end[PART_DATA], true, "data") < 0 ||
            capsule_map_add_area(ld->m, c, b->start[PART_BSS], b->end[PART_BSS], true, "bss") < 0)
            return -1;
    }
    return 0;
}

capsule_map_t *capsule_map_load(const char *path, FILE *warn, char *err, size_t errlen)
{
    capsule_layout_t none = {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, 0};
    loading_t ld = { capsule_map_new(&none), NULL, 0, 0, false, false };
    if (!ld.m || elf_version(EV_CURRENT) == EV_NONE) {
        snprintf(err, errlen, "%s: out of memory or no libelf", path);
        capsule_map_free(ld.m);
        return NULL;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        capsule_map_free(ld.m);
        return NULL;
    }
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    const char *why = NULL;
    if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh))
        why = "not an ELF file";
    else if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_machine != EM_ARM)
        why = "not a 32-bit ARM ELF";
    else if (read_symbols(&ld, e) < 0 || add_blocks(&ld) < 0 ||
             read_records(ld.m, e, warn, path) < 0)
        why = "out of memory reading the capsule map";
    else if (ld.nblocks == 0 || !ld.helpers_start || !ld.helpers_end)
        why = "no capsule blocks (__capsule_<name>_text_start ...): a kernel linked "
              "without them cannot be checked";
    else if (ld.m->layout.stack.hi <= ld.m->layout.stack.lo || !ld.m->layout.flash.hi)
        why = "no kernel stack (_sstack/_estack) or app flash start (_sapps) symbol";
    if (e)
        elf_end(e);
    close(fd);
    free(ld.blocks);
    if (why) {
        snprintf(err, errlen, "%s: %s", path, why);
        capsule_map_free(ld.m);
        return NULL;
    }
    return ld.m;
}
