/*
 * elf_syms.c - the symbol-table walk of elf_syms.h.
 */
#include "elf_syms.h"

#include <stddef.h>

int elf_syms_each(Elf *e, int (*fn)(void *ctx, Elf *e, const GElf_Sym *s, const char *name),
                  void *ctx)
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
            int r = fn(ctx, e, &s, name);
            if (r < 0)
                return r;
        }
    }
    return 0;
}
