/* stdio.c: printf, vprintf, puts and putchar on the console.
 *
 * Output is gathered in a small buffer on the caller's stack and written
 * with blocking console writes: when the buffer fills and when the call
 * ends. Nothing stays buffered between calls, so output is never lost at
 * exit and a line printed from an upcall is not interleaved mid-buffer.
 * (The compiler may turn printf("...\n") into puts() and printf("%c") into
 * putchar(), so those are here too.)
 */
#include <stdarg.h>
#include <stdio.h>

#include "console.h"
#include "fmt.h"

#define STDIO_CHUNK 80

struct linebuf {
    int len;
    int error;
    char buf[STDIO_CHUNK];
};

static void flush(struct linebuf *lb)
{
    if (lb->len > 0 && console_write(lb->buf, (size_t)lb->len) < 0)
        lb->error = 1;
    lb->len = 0;
}

static void put_console(void *ctx, char c)
{
    struct linebuf *lb = ctx;
    lb->buf[lb->len++] = c;
    if (lb->len == STDIO_CHUNK)
        flush(lb);
}

int vprintf(const char *restrict fmt, va_list ap)
{
    struct linebuf lb = {0, 0, {0}};
    int n = fmt_vformat(put_console, &lb, fmt, ap);
    flush(&lb);
    return lb.error ? EOF : n;
}

int printf(const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *s)
{
    struct linebuf lb = {0, 0, {0}};
    while (*s)
        put_console(&lb, *s++);
    put_console(&lb, '\n');
    flush(&lb);
    return lb.error ? EOF : 1;
}

#undef putchar
int putchar(int c)
{
    char ch = (char)c;
    return console_write(&ch, 1) == 1 ? (unsigned char)c : EOF;
}
