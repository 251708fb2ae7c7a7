/* elf2tbf: pack a ctock app ELF (linked with apps/layout.ld) into a TBF v2
 * image, the Tock Binary Format the kernel loads from app flash.
 *
 *   elf2tbf -o out.tbf [--name NAME] [--stack N] [--heap N]
 *           [--kernel-heap N] [--min-ram N] [-v] app.elf
 *
 * Output (all little-endian; offsets from the start of the TBF):
 *
 *    0  base header   u16 version = 2, u16 header_size, u32 total_size,
 *                     u32 flags = 1 (enabled), u32 checksum
 *   16  Main TLV      u16 type = 1, u16 length = 12,
 *                     u32 init_fn_offset   _start, from the end of the header
 *                     u32 protected_trailer_size = 0 (nothing after the header)
 *                     u32 minimum_ram_size
 *   32  Name TLV      u16 type = 3, u16 length = strlen(name), name bytes,
 *                     zero padding to 4 bytes
 *   header_size       the app binary ("app_start"): the flash image of the
 *                     ELF from 0x80000000 up to .endflash (crt0 header, text,
 *                     rodata, GOT image, .data image), then the .data
 *                     relocations: u32 byte length, {r_offset, r_info}...
 *   ...               zero padding up to total_size, a power of two (the
 *                     Cortex-M MPU protects power-of-two aligned regions)
 *
 * checksum = XOR of every 32-bit word of the header except the checksum.
 * minimum_ram_size = end of .bss in the RAM image (stack + GOT + data + bss,
 * rounded to 8) + app heap + kernel heap (grant space), unless --min-ram.
 * The kernel adds only its grant pointer table when it sizes the RAM block
 * and takes the process's grants from the top of it, so the kernel heap
 * is the headroom for them (docs/kernel.md "Grants").
 *
 * Checks the ELF is a 32-bit little-endian ARM executable with the crt0
 * header at 0x80000000, that it was linked with --emit-relocs, and that no
 * code or rodata holds an absolute address (non-PIC code, which would break
 * once the app runs anywhere but its link address).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FLASH_BASE 0x80000000u
#define CRT0_HEADER_WORDS 10
#define TBF_VERSION 2
#define TBF_FLAG_ENABLED 1u
#define TLV_MAIN 1
#define TLV_PACKAGE_NAME 3
#define NAME_MAX_LEN 64

/* ARM relocation types that matter here (ELF for the Arm Architecture). */
enum {
    R_NONE = 0, R_ABS32 = 2, R_ABS16 = 5, R_ABS12 = 6, R_THM_ABS5 = 7, R_ABS8 = 8,
    R_TARGET1 = 38, R_MOVW_ABS_NC = 43, R_MOVT_ABS = 44,
    R_THM_MOVW_ABS_NC = 47, R_THM_MOVT_ABS = 48,
};

/* crt0 header word indices (apps/layout.ld). */
enum {
    H_GOT_SYM, H_GOT_START, H_GOT_SIZE, H_DATA_SYM, H_DATA_START, H_DATA_SIZE,
    H_BSS_START, H_BSS_SIZE, H_RELDATA, H_STACK,
};

struct options {
    const char *out;
    const char *name;
    const char *in;
    long stack;       /* -1: take it from the ELF */
    long heap;
    long kernel_heap;
    long min_ram;     /* -1: compute */
    bool verbose;
};

struct app {
    uint32_t hdr[CRT0_HEADER_WORDS];
    uint8_t *flash;     /* image of [FLASH_BASE, FLASH_BASE + flash_len) */
    uint32_t flash_len; /* = hdr[H_RELDATA] */
    uint32_t *rel;      /* .data relocations, pairs */
    uint32_t rel_words;
    uint32_t init_fn;   /* offset of _start from app_start */
};

static const char *in_name = "elf2tbf";

static void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "elf2tbf: %s: ", in_name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void __attribute__((noreturn)) usage(int rc)
{
    fprintf(rc ? stderr : stdout,
            "usage: elf2tbf -o OUT.tbf [--name NAME] [--stack N] [--heap N]\n"
            "               [--kernel-heap N] [--min-ram N] [-v] APP.elf\n"
            "  --name NAME       package name (default: ELF file name without .elf)\n"
            "  --stack N         expected stack size; must match the linked STACK_SIZE\n"
            "  --heap N          app heap above .bss, in bytes (default 1024)\n"
            "  --kernel-heap N   grant space for the kernel, in bytes (default 1024)\n"
            "  --min-ram N       minimum RAM in the TBF header (default: computed)\n"
            "  -v, --verbose     print the header fields\n"
            "  sizes take a decimal or 0x number, optionally followed by K\n");
    exit(rc);
}

static long parse_size(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 0);
    if (*end == 'K' || *end == 'k') {
        v *= 1024;
        end++;
    }
    if (errno || end == s || *end || s[0] == '-' || v > 0x10000000ul) {
        fprintf(stderr, "elf2tbf: bad value '%s' for %s\n", s, opt);
        exit(2);
    }
    return (long)v;
}

static void parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"name", required_argument, NULL, 'n'},
        {"stack", required_argument, NULL, 's'},
        {"heap", required_argument, NULL, 'H'},
        {"app-heap", required_argument, NULL, 'H'},
        {"kernel-heap", required_argument, NULL, 'K'},
        {"min-ram", required_argument, NULL, 'm'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (struct options){NULL, NULL, NULL, -1, 1024, 1024, -1, false};
    int c;
    while ((c = getopt_long(argc, argv, "o:n:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 'n': o->name = optarg; break;
        case 's': o->stack = parse_size("--stack", optarg); break;
        case 'H': o->heap = parse_size("--heap", optarg); break;
        case 'K': o->kernel_heap = parse_size("--kernel-heap", optarg); break;
        case 'm': o->min_ram = parse_size("--min-ram", optarg); break;
        case 'v': o->verbose = true; break;
        case 'h': usage(0);
        default: usage(2);
        }
    }
    if (optind != argc - 1 || !o->out) {
        fprintf(stderr, "elf2tbf: need exactly one input ELF and -o OUT.tbf\n");
        usage(2);
    }
    o->in = argv[optind];
}

/* ---- reading the ELF ---------------------------------------------------- */

static Elf32_Shdr *section_by_name(Elf *elf, size_t shstrndx, const char *want, Elf_Scn **out)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        Elf32_Shdr *sh = elf32_getshdr(scn);
        const char *name = sh ? elf_strptr(elf, shstrndx, sh->sh_name) : NULL;
        if (name && strcmp(name, want) == 0) {
            if (out)
                *out = scn;
            return sh;
        }
    }
    return NULL;
}

static void check_header(Elf *elf)
{
    if (elf_kind(elf) != ELF_K_ELF)
        die("not an ELF file");
    const char *ident = elf_getident(elf, NULL);
    if (!ident || ident[EI_CLASS] != ELFCLASS32)
        die("not an ARM ELF (not a 32-bit ELF)");
    Elf32_Ehdr *eh = elf32_getehdr(elf);
    if (!eh)
        die("cannot read ELF header: %s", elf_errmsg(-1));
    if (eh->e_machine != EM_ARM)
        die("not an ARM ELF (e_machine %u)", eh->e_machine);
    if (ident[EI_DATA] != ELFDATA2LSB)
        die("not a little-endian ARM ELF");
    if (eh->e_type != ET_EXEC)
        die("not a linked executable (an object file or library?)");
    size_t file_size = 0;
    elf_rawfile(elf, &file_size);
    if ((uint64_t)eh->e_shoff + (uint64_t)eh->e_shnum * eh->e_shentsize > file_size ||
        (uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * eh->e_phentsize > file_size)
        die("truncated ELF (headers point past the end of the file)");
}

static void read_crt0_header(Elf *elf, size_t shstrndx, struct app *app)
{
    Elf_Scn *scn;
    Elf32_Shdr *sh = section_by_name(elf, shstrndx, ".crt0_header", &scn);
    if (!sh)
        die("no .crt0_header section: not linked with apps/layout.ld");
    if (sh->sh_addr != FLASH_BASE)
        die(".crt0_header at 0x%08x, want 0x%08x (apps/layout.ld)", sh->sh_addr, FLASH_BASE);
    Elf_Data *d = elf_getdata(scn, NULL);
    if (!d || d->d_size < sizeof app->hdr)
        die(".crt0_header is %zu bytes, want %zu", d ? d->d_size : 0, sizeof app->hdr);
    memcpy(app->hdr, d->d_buf, sizeof app->hdr);

    const uint32_t *h = app->hdr;
    if (h[H_RELDATA] < sizeof app->hdr || h[H_RELDATA] > 0x00100000u)
        die("crt0 header: bad end of flash image %u", h[H_RELDATA]);
    if ((h[H_GOT_SIZE] | h[H_DATA_SIZE] | h[H_BSS_SIZE] | h[H_RELDATA]) & 3)
        die("crt0 header: GOT, data, bss and flash sizes must be multiples of 4");
    if (h[H_GOT_SYM] + h[H_GOT_SIZE] > h[H_RELDATA] || h[H_DATA_SYM] + h[H_DATA_SIZE] > h[H_RELDATA])
        die("crt0 header: GOT or data image lies past the end of the flash image");
    if (h[H_GOT_START] > h[H_BSS_START] || h[H_DATA_START] > h[H_BSS_START])
        die("crt0 header: .got and .data must come before .bss");
    if (h[H_STACK] % 8)
        die("crt0 header: stack size %u is not a multiple of 8", h[H_STACK]);
    app->flash_len = h[H_RELDATA];
}

/* Copy every loadable part of the ELF whose load address is in flash. */
static void read_flash_image(Elf *elf, struct app *app)
{
    size_t file_size, nph;
    const uint8_t *raw = (const uint8_t *)elf_rawfile(elf, &file_size);
    Elf32_Phdr *ph = elf32_getphdr(elf);
    if (!raw || !ph || elf_getphdrnum(elf, &nph) != 0)
        die("no program headers");
    app->flash = calloc(1, app->flash_len);
    if (!app->flash)
        die("out of memory");
    bool have_text = false;
    for (size_t i = 0; i < nph; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_filesz == 0)
            continue;
        uint32_t lma = ph[i].p_paddr;
        if (lma < FLASH_BASE || lma - FLASH_BASE >= app->flash_len)
            continue; /* RAM-only (NOLOAD) or after .endflash (.ARM.exidx) */
        if ((uint64_t)ph[i].p_offset + ph[i].p_filesz > file_size)
            die("truncated ELF: segment %zu lies past the end of the file", i);
        uint32_t off = lma - FLASH_BASE;
        uint32_t n = ph[i].p_filesz;
        if (n > app->flash_len - off)
            n = app->flash_len - off;
        memcpy(app->flash + off, raw + ph[i].p_offset, n);
        have_text = have_text || off == 0;
    }
    if (!have_text)
        die("no loadable segment at 0x%08x", FLASH_BASE);

    Elf32_Ehdr *eh = elf32_getehdr(elf);
    uint32_t entry = eh->e_entry & ~1u; /* Thumb bit: the offset is to the instruction */
    if (entry < FLASH_BASE + sizeof app->hdr || entry - FLASH_BASE >= app->flash_len)
        die("entry point 0x%08x is not in the app's code", eh->e_entry);
    app->init_fn = entry - FLASH_BASE;
}

static bool is_absolute(uint32_t type)
{
    switch (type) {
    case R_ABS32: case R_ABS16: case R_ABS12: case R_THM_ABS5: case R_ABS8: case R_TARGET1:
    case R_MOVW_ABS_NC: case R_MOVT_ABS: case R_THM_MOVW_ABS_NC: case R_THM_MOVT_ABS:
        return true;
    default:
        return false;
    }
}

static const char *symbol_name(Elf *elf, Elf32_Shdr *rel_sh, uint32_t symidx)
{
    Elf_Scn *symscn = elf_getscn(elf, rel_sh->sh_link);
    Elf32_Shdr *symsh = symscn ? elf32_getshdr(symscn) : NULL;
    Elf_Data *d = symscn ? elf_getdata(symscn, NULL) : NULL;
    if (!symsh || !d || symidx >= d->d_size / sizeof(Elf32_Sym))
        return "?";
    const Elf32_Sym *sym = (const Elf32_Sym *)d->d_buf + symidx;
    const char *name = elf_strptr(elf, symsh->sh_link, sym->st_name);
    return name && *name ? name : "(section)";
}

/* Walk the relocations --emit-relocs kept: reject absolute addresses in
 * flash, collect the ones in .data for crt0. */
static void read_relocations(Elf *elf, size_t shstrndx, struct app *app)
{
    Elf_Scn *data_scn = NULL;
    Elf32_Shdr *data_sh = section_by_name(elf, shstrndx, ".data", &data_scn);
    size_t data_idx = data_sh ? elf_ndxscn(data_scn) : 0;
    unsigned rel_sections = 0;
    size_t cap = 0;

    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        Elf32_Shdr *sh = elf32_getshdr(scn);
        if (!sh)
            continue;
        if (sh->sh_type == SHT_RELA)
            die("RELA relocations are not supported (ARM uses REL)");
        if (sh->sh_type != SHT_REL)
            continue;
        rel_sections++;
        Elf_Scn *tscn = elf_getscn(elf, sh->sh_info);
        Elf32_Shdr *tsh = tscn ? elf32_getshdr(tscn) : NULL;
        if (!tsh || !(tsh->sh_flags & SHF_ALLOC))
            continue; /* debug info */
        const char *tname = elf_strptr(elf, shstrndx, tsh->sh_name);
        bool in_flash = !(tsh->sh_flags & SHF_WRITE);
        bool in_data = data_sh && sh->sh_info == data_idx;
        if (!in_flash && !in_data)
            continue; /* the GOT: crt0 relocates it wholesale */

        Elf_Data *d = elf_getdata(scn, NULL);
        size_t n = d ? d->d_size / sizeof(Elf32_Rel) : 0;
        const Elf32_Rel *rel = d ? d->d_buf : NULL;
        for (size_t i = 0; i < n; i++) {
            uint32_t type = ELF32_R_TYPE(rel[i].r_info);
            if (in_flash) {
                if (is_absolute(type))
                    die("non-PIC code: absolute address of '%s' in %s+0x%x (code not built with "
                        "-fPIC -msingle-pic-base, e.g. newlib's stdio or malloc)",
                        symbol_name(elf, sh, ELF32_R_SYM(rel[i].r_info)), tname ? tname : "?",
                        rel[i].r_offset - tsh->sh_addr);
                continue;
            }
            if (type == R_NONE)
                continue;
            if (type != R_ABS32 && type != R_TARGET1)
                die("unsupported relocation type %u in .data (at 0x%x)", type, rel[i].r_offset);
            uint32_t off = rel[i].r_offset;
            uint32_t lo = app->hdr[H_DATA_START], hi = lo + app->hdr[H_DATA_SIZE];
            if (off < lo || off + 4 > hi || (off & 3))
                die("relocation at 0x%x is outside .data", off);
            if (app->rel_words + 2 > cap) {
                cap = cap ? cap * 2 : 64;
                app->rel = realloc(app->rel, cap * sizeof *app->rel);
                if (!app->rel)
                    die("out of memory");
            }
            app->rel[app->rel_words++] = off;
            app->rel[app->rel_words++] = rel[i].r_info;
        }
    }
    if (rel_sections == 0)
        die("no relocation sections: link the app with -Wl,--emit-relocs");
}

static void load_app(const char *path, struct app *app)
{
    memset(app, 0, sizeof *app);
    if (elf_version(EV_CURRENT) == EV_NONE)
        die("libelf too old");
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        die("cannot open: %s", strerror(errno));
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    if (!elf)
        die("not an ELF file (%s)", elf_errmsg(-1));
    check_header(elf);
    size_t shstrndx;
    if (elf_getshdrstrndx(elf, &shstrndx) != 0)
        die("no section names: %s", elf_errmsg(-1));
    read_crt0_header(elf, shstrndx, app);
    read_flash_image(elf, app);
    read_relocations(elf, shstrndx, app);
    elf_end(elf);
    close(fd);
}

/* ---- writing the TBF ---------------------------------------------------- */

static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t next_pow2(uint32_t v)
{
    uint32_t p = 1;
    while (p < v)
        p <<= 1;
    return p;
}

static const char *default_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    static char name[NAME_MAX_LEN + 1];
    snprintf(name, sizeof name, "%s", base);
    char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".elf") == 0)
        *dot = '\0';
    return name;
}

static uint32_t ram_needed(const struct options *o, const struct app *app)
{
    if (o->stack >= 0 && (uint32_t)o->stack != app->hdr[H_STACK])
        die("--stack %ld but the app was linked with STACK_SIZE %u", o->stack, app->hdr[H_STACK]);
    uint32_t image = (app->hdr[H_BSS_START] + app->hdr[H_BSS_SIZE] + 7u) & ~7u;
    uint32_t need = image + (uint32_t)o->heap + (uint32_t)o->kernel_heap;
    if (o->min_ram >= 0) {
        if ((uint32_t)o->min_ram < image + (uint32_t)o->kernel_heap)
            die("--min-ram %ld is less than the app needs (%u: stack, data and kernel heap)",
                o->min_ram, image + (uint32_t)o->kernel_heap);
        need = (uint32_t)o->min_ram;
    }
    return need;
}

static void write_tbf(const struct options *o, const struct app *app)
{
    const char *name = o->name ? o->name : default_name(o->in);
    size_t name_len = strlen(name);
    if (name_len == 0 || name_len > NAME_MAX_LEN)
        die("package name must be 1 to %d bytes", NAME_MAX_LEN);

    uint32_t header_size = 16 + 16 + 4 + (((uint32_t)name_len + 3u) & ~3u);
    uint32_t binary_len = app->flash_len + 4 + app->rel_words * 4;
    uint32_t total = next_pow2(header_size + binary_len);
    uint32_t min_ram = ram_needed(o, app);

    uint8_t *img = calloc(1, total);
    if (!img)
        die("out of memory");
    put16(img + 0, TBF_VERSION);
    put16(img + 2, header_size);
    put32(img + 4, total);
    put32(img + 8, TBF_FLAG_ENABLED);
    put16(img + 16, TLV_MAIN);
    put16(img + 18, 12);
    put32(img + 20, app->init_fn);
    put32(img + 24, 0); /* protected_trailer_size: the binary follows the header */
    put32(img + 28, min_ram);
    put16(img + 32, TLV_PACKAGE_NAME);
    put16(img + 34, (uint32_t)name_len);
    memcpy(img + 36, name, name_len);
    uint32_t sum = 0;
    for (uint32_t i = 0; i < header_size; i += 4)
        if (i != 12)
            sum ^= get32(img + i);
    put32(img + 12, sum);

    uint8_t *bin = img + header_size;
    memcpy(bin, app->flash, app->flash_len);
    put32(bin + app->flash_len, app->rel_words * 4);
    for (uint32_t i = 0; i < app->rel_words; i++)
        put32(bin + app->flash_len + 4 + 4 * i, app->rel[i]);

    FILE *f = fopen(o->out, "wb");
    if (!f)
        die("cannot create %s: %s", o->out, strerror(errno));
    if (fwrite(img, 1, total, f) != total || fclose(f) != 0) {
        remove(o->out);
        die("cannot write %s", o->out);
    }
    if (o->verbose)
        printf("%s: name %s, header %u, binary %u (flash image %u, %u relocations), "
               "total %u, init_fn +%u, min RAM %u (stack %u, got %u, data %u, bss %u)\n",
               o->out, name, header_size, binary_len, app->flash_len, app->rel_words / 2, total,
               app->init_fn, min_ram, app->hdr[H_STACK], app->hdr[H_GOT_SIZE],
               app->hdr[H_DATA_SIZE], app->hdr[H_BSS_SIZE]);
    free(img);
}

int main(int argc, char **argv)
{
    struct options o;
    parse_options(argc, argv, &o);
    in_name = o.in;
    struct app app;
    load_app(o.in, &app);
    write_tbf(&o, &app);
    free(app.flash);
    free(app.rel);
    return 0;
}
