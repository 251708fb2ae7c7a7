/*
 * capsule_map_elf.c - fills a capsule map from a kernel ELF (see
 * capsule_map.h): libelf reads .symtab (the __capsule_* blocks, the
 * layout symbols, data symbols for naming) and the board's records in
 * .ctock.capsule_map (ctock/capsule_map.h).
 *
 * Not handled: a capsule named "helpers" (the name of the helpers block).
 */
#include "capsule_map.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_syms.h"

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

enum { PART_TEXT, PART_DATA, PART_BSS, NPARTS };
static const char *const part_names[NPARTS] = { "text", "data", "bss" };

/* The capsule blocks found so far, by name. */
typedef struct block {
    char name[CAPSULE_NAME_MAX];
    uint32_t start[NPARTS], end[NPARTS];
} block_t;

typedef struct loading {
    capsule_map_t *m;
    capsule_layout_t layout;
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
                    ld->layout.helpers.hi = value;
                    ld->helpers_end = true;
                } else {
                    ld->layout.helpers.lo = value;
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

/* Capsule block bounds, layout symbols, and every sized data object. */
static int take_symbol(void *ctx, Elf *e, const GElf_Sym *s, const char *name)
{
    loading_t *ld = ctx;
    (void)e;
    uint32_t v = (uint32_t)s->st_value;
    int r = capsule_symbol(ld, name, v);
    if (r <= 0 || layout_symbol(&ld->layout, name, v))
        return r;
    if (GELF_ST_TYPE(s->st_info) == STT_OBJECT && s->st_size &&
        capsule_map_add_object(ld->m, name, v, (uint32_t)s->st_size) < 0)
        return -1;
    return 0;
}

static int read_symbols(loading_t *ld, Elf *e)
{
    return elf_syms_each(e, take_symbol, ld);
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
            int c = capsule_map_find(m, cap);
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
    loading_t ld = { 0 };
    ld.m = capsule_map_new(&ld.layout);
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
    else if (ld.layout.stack.hi <= ld.layout.stack.lo || !ld.layout.flash.hi)
        why = "no kernel stack (_sstack/_estack) or app flash start (_sapps) symbol";
    capsule_map_set_layout(ld.m, &ld.layout);
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
