/* start.c: crt0's C half: GOT fix-up, .data copy, .bss clear, relocations,
 * then main() and exit-terminate with main's return value.
 *
 * Runs with sp and r9 already set by crt0.S but before the GOT is valid, so
 * nothing here may touch a global variable or take a function's address
 * until fix_got() is done: only the header pointer and locals.
 *
 * Address convention (layout.ld): the app is linked with flash at
 * 0x80000000 and RAM at 0. A link-time address with the top bit set is in
 * flash (replace 0x80000000 by app_start), otherwise it is in RAM (add
 * mem_start).
 */
#include <stdint.h>

#include "tock.h"

/* The header layout.ld puts at app_start (libtock-c's struct hdr). */
struct crt0_header {
    uint32_t got_sym_start;  /* GOT image in flash, from app_start */
    uint32_t got_start;      /* GOT in RAM, from mem_start */
    uint32_t got_size;
    uint32_t data_sym_start; /* .data image in flash, from app_start */
    uint32_t data_start;     /* .data in RAM, from mem_start */
    uint32_t data_size;
    uint32_t bss_start;      /* .bss in RAM, from mem_start */
    uint32_t bss_size;
    uint32_t reldata_start;  /* .rel.data fixups in flash, from app_start */
    uint32_t stack_size;
};

/* What elf2tbf appends at reldata_start: a byte length, then ELF Rel
 * entries {r_offset, r_info}; r_offset is the RAM offset of a word holding
 * a link-time address. */
struct crt0_reldata {
    uint32_t len;
    uint32_t entries[];
};

#define FLASH_TAG 0x80000000u

int main(void);
void _ctock_start(uint32_t app_start, uint32_t mem_start) __attribute__((noreturn, used));

static uint32_t relocate(uint32_t link_addr, uint32_t app_start, uint32_t mem_start)
{
    if (link_addr & FLASH_TAG)
        return (link_addr ^ FLASH_TAG) + app_start;
    return link_addr + mem_start;
}

void _ctock_start(uint32_t app_start, uint32_t mem_start)
{
    const struct crt0_header *hdr = (const struct crt0_header *)app_start;

    uint32_t *got = (uint32_t *)(mem_start + hdr->got_start);
    const uint32_t *got_image = (const uint32_t *)(app_start + hdr->got_sym_start);
    for (uint32_t i = 0; i < hdr->got_size / 4; i++)
        got[i] = relocate(got_image[i], app_start, mem_start);

    uint32_t *data = (uint32_t *)(mem_start + hdr->data_start);
    const uint32_t *data_image = (const uint32_t *)(app_start + hdr->data_sym_start);
    for (uint32_t i = 0; i < hdr->data_size / 4; i++)
        data[i] = data_image[i];

    uint32_t *bss = (uint32_t *)(mem_start + hdr->bss_start);
    for (uint32_t i = 0; i < hdr->bss_size / 4; i++)
        bss[i] = 0;

    const struct crt0_reldata *rd = (const struct crt0_reldata *)(app_start + hdr->reldata_start);
    for (uint32_t i = 0; i < rd->len / 4; i += 2) {
        uint32_t *target = (uint32_t *)(mem_start + rd->entries[i]);
        *target = relocate(*target, app_start, mem_start);
    }

    tock_exit((uint32_t)main());
}
