/* fmt.h: a small printf-style formatter, the engine behind printf and
 * snprintf in libctock (stdio.c, fmt.c).
 *
 * Supported: %d %i %u %x %X %o %c %s %p %%, flags - 0 + space #, width and
 * precision (numbers or *), length modifiers hh h l ll z j t. Not
 * supported: floating point (%f %e %g %a print as "%?"), %n.
 *
 * Why not newlib's printf: the distribution's newlib is not built with
 * -msingle-pic-base, so its stdio and malloc reach their globals through
 * absolute addresses that crt0 cannot relocate (elf2tbf rejects such
 * images). This formatter keeps all state on the stack.
 */
#ifndef CTOCK_FMT_H
#define CTOCK_FMT_H

#include <stdarg.h>

/* Called once per output character. */
typedef void fmt_put_fn(void *ctx, char c);

/* Format to put(); returns the number of characters produced. */
int fmt_vformat(fmt_put_fn *put, void *ctx, const char *fmt, va_list ap);

#endif /* CTOCK_FMT_H */
