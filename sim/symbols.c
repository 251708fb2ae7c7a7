/*
 * symbols.c - ELF function symbols, sorted by address for binary search
 * (see symbols.h). libelf reads .symtab; the segments' file bytes are kept
 * for symtab_read (the fault reporter checks that an app ELF matches the
 * TBF that runs). Lookups are O(log n) after one sort, done lazily.
 */
#include "symbols.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf_syms.h"

typedef struct sym {
    uint32_t addr, size;
    char *name;
} sym_t;

typedef struct seg {
    uint32_t addr, len;
    uint8_t *bytes;
} seg_t;

struct symtab {
    sym_t *syms;
    size_t n, cap;
    bool sorted;
    seg_t *segs;
    size_t nsegs;
};

symtab_t *symtab_new(void)
{
    return calloc(1, sizeof(symtab_t));
}

void symtab_free(symtab_t *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->syms[i].name);
    for (size_t i = 0; i < t->nsegs; i++)
        free(t->segs[i].bytes);
    free(t->syms);
    free(t->segs);
    free(t);
}

int symtab_add(symtab_t *t, const char *name, uint32_t addr, uint32_t size)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        sym_t *s = realloc(t->syms, cap * sizeof *s);
        if (!s)
            return -1;
        t->syms = s;
        t->cap = cap;
    }
    char *copy = strdup(name);
    if (!copy)
        return -1;
    t->syms[t->n++] = (sym_t){addr, size, copy};
    t->sorted = false;
    return 0;
}

size_t symtab_count(const symtab_t *t) { return t ? t->n : 0; }

/* By address; at the same address a sized symbol first (it is the function,
 * a size-0 one is usually a label such as $t). */
static int by_addr(const void *a, const void *b)
{
    const sym_t *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    if ((x->size != 0) != (y->size != 0))
        return x->size ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void sort(symtab_t *t)
{
    if (!t->sorted) {
        qsort(t->syms, t->n, sizeof *t->syms, by_addr);
        t->sorted = true;
    }
}

const char *symtab_lookup(const symtab_t *ct, uint32_t addr, uint32_t *offset)
{
    symtab_t *t = (symtab_t *)ct;   /* sorting is a cache, not a change */
    if (!t || !t->n)
        return NULL;
    sort(t);
    /* Last symbol with sym.addr <= addr. */
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->syms[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Walk back over symbols at or below addr: a sized function that holds
     * it wins (it may contain size-0 labels, and linker-script symbols such
     * as _text sit at function starts); else the nearest size-0 label. */
    const sym_t *label = NULL;
    for (size_t i = lo; i-- > 0;) {
        const sym_t *s = &t->syms[i];
        uint32_t off = addr - s->addr;
        if (s->size && off < s->size) {
            *offset = off;
            return s->name;
        }
        if (!s->size && !label) {
            uint32_t span = SYMBOLS_SIZE0_SPAN;
            for (size_t k = i + 1; k < t->n; k++) {   /* up to the next address */
                if (t->syms[k].addr != s->addr) {
                    if (t->syms[k].addr - s->addr < span)
                        span = t->syms[k].addr - s->addr;
                    break;
                }
            }
            if (off < span)
                label = s;
        }
        if (off >= SYMBOLS_SIZE0_SPAN * 16)
            break;   /* far below: nothing further back can hold addr */
    }
    if (label) {
        *offset = addr - label->addr;
        return label->name;
    }
    return NULL;
}

int symtab_format(const symtab_t *t, uint32_t addr, char *buf, size_t len)
{
    uint32_t off;
    const char *name = symtab_lookup(t, addr, &off);
    if (!name) {
        if (len)
            buf[0] = 0;
        return -1;
    }
    if (off)
        snprintf(buf, len, "%s+0x%x", name, off);
    else
        snprintf(buf, len, "%s", name);
    return 0;
}

int symtab_read(const symtab_t *t, uint32_t addr, void *buf, size_t len)
{
    for (size_t i = 0; t && i < t->nsegs; i++) {
        const seg_t *s = &t->segs[i];
        if (addr >= s->addr && (uint64_t)addr + len <= (uint64_t)s->addr + s->len) {
            memcpy(buf, s->bytes + (addr - s->addr), len);
            return 0;
        }
    }
    return -1;
}

/* ---- loading --------------------------------------------------------------- */

static bool exec_section(Elf *e, size_t shndx)
{
    Elf_Scn *scn = elf_getscn(e, shndx);
    GElf_Shdr sh;
    return scn && gelf_getshdr(scn, &sh) && (sh.sh_flags & SHF_EXECINSTR);
}

/* Functions, and global size-less labels in code (assembly entry points). */
static int add_code_symbol(void *ctx, Elf *e, const GElf_Sym *s, const char *name)
{
    if (s->st_shndx >= SHN_LORESERVE)
        return 0;
    int type = GELF_ST_TYPE(s->st_info);
    bool label = type == STT_NOTYPE && s->st_size == 0 &&
                 GELF_ST_BIND(s->st_info) != STB_LOCAL && exec_section(e, s->st_shndx);
    if (type != STT_FUNC && !label)
        return 0;
    return symtab_add(ctx, name, (uint32_t)s->st_value & ~1u, (uint32_t)s->st_size);
}

static int read_symbols(symtab_t *t, Elf *e)
{
    return elf_syms_each(e, add_code_symbol, t);
}

static int read_segments(symtab_t *t, Elf *e)
{
    size_t size, nph;
    const uint8_t *raw = (const uint8_t *)elf_rawfile(e, &size);
    if (!raw || elf_getphdrnum(e, &nph) != 0)
        return 0;   /* symbols only */
    t->segs = calloc(nph ? nph : 1, sizeof *t->segs);
    if (!t->segs)
        return -1;
    for (size_t i = 0; i < nph; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD || !ph.p_filesz ||
            ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
            continue;
        seg_t *s = &t->segs[t->nsegs];
        s->bytes = malloc(ph.p_filesz);
        if (!s->bytes)
            return -1;
        memcpy(s->bytes, raw + ph.p_offset, ph.p_filesz);
        s->addr = (uint32_t)ph.p_paddr;
        s->len = (uint32_t)ph.p_filesz;
        t->nsegs++;
    }
    return 0;
}

symtab_t *symtab_load(const char *path, char *err, size_t errlen)
{
    if (elf_version(EV_CURRENT) == EV_NONE) {
        snprintf(err, errlen, "%s: libelf initialisation failed", path);
        return NULL;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    symtab_t *t = NULL;
    GElf_Ehdr eh;
    if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
        snprintf(err, errlen, "%s: not an ELF file", path);
    } else if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_machine != EM_ARM) {
        snprintf(err, errlen, "%s: not a 32-bit ARM ELF", path);
    } else if (!(t = symtab_new()) || read_symbols(t, e) < 0 || read_segments(t, e) < 0) {
        snprintf(err, errlen, "%s: out of memory reading symbols", path);
        symtab_free(t);
        t = NULL;
    } else if (!t->n) {
        snprintf(err, errlen, "%s: no function symbols (stripped?)", path);
        symtab_free(t);
        t = NULL;
    }
    if (e)
        elf_end(e);
    close(fd);
    return t;
}
