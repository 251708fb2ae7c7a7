/*
 * elf_syms.h - walks the defined, named symbols of an ELF's symbol tables
 * (libelf), skipping ARM mapping symbols ($t, $d, $a: they name no
 * function or object). Shared by the fault reporter's symbol table
 * (symbols.c) and the capsule map (capsule_map_elf.c).
 */
#ifndef SIM_ELF_SYMS_H
#define SIM_ELF_SYMS_H

#include <gelf.h>

/* fn(ctx, e, sym, name) for each defined symbol (st_shndx != SHN_UNDEF)
 * with a name; a negative return stops the walk and is returned. 0 when
 * every call returned >= 0 (or there is no symbol table). */
int elf_syms_each(Elf *e, int (*fn)(void *ctx, Elf *e, const GElf_Sym *s, const char *name),
                  void *ctx);

#endif
