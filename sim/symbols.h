/*
 * symbols.h - function symbols of an ELF (kernel or app), for naming a
 * code address as "function+0xoffset" in fault reports.
 *
 * Addresses are the ELF's own (link) addresses; the caller maps a runtime
 * PC into them (an app is linked at 0x80000000 and runs wherever its TBF
 * landed, see faults.c). Thumb function symbols have bit 0 set in the ELF;
 * it is cleared here. An address belongs to the function whose
 * [value, value + size) holds it; a size-0 symbol (assembly labels) covers
 * up to the next symbol, at most SYMBOLS_SIZE0_SPAN bytes.
 */
#ifndef SIM_SYMBOLS_H
#define SIM_SYMBOLS_H

#include <stddef.h>
#include <stdint.h>

#define SYMBOLS_SIZE0_SPAN 4096u

typedef struct symtab symtab_t;

/* An empty table (for symtab_add). NULL when out of memory. */
symtab_t *symtab_new(void);
/* Reads STT_FUNC symbols (and size-0 STT_NOTYPE labels in executable
 * sections) of a 32-bit ELF. NULL with "<path>: <why>" in err. */
symtab_t *symtab_load(const char *path, char *err, size_t errlen);
void symtab_free(symtab_t *t);

/* Adds a symbol (name copied). 0 or -1 (out of memory). */
int symtab_add(symtab_t *t, const char *name, uint32_t addr, uint32_t size);
size_t symtab_count(const symtab_t *t);

/* The symbol holding addr, and addr's offset into it; NULL if none. */
const char *symtab_lookup(const symtab_t *t, uint32_t addr, uint32_t *offset);
/* "name+0x1a" ("name" at offset 0) into buf; returns 0, or -1 (buf = "")
 * when no symbol holds addr. t may be NULL. */
int symtab_format(const symtab_t *t, uint32_t addr, char *buf, size_t len);

/* Copies len bytes at link address addr from the ELF's loaded segments
 * (file bytes only). 0, or -1 if any byte is not in the file. */
int symtab_read(const symtab_t *t, uint32_t addr, void *buf, size_t len);

#endif
