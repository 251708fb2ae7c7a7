/*
 * printf.c - the kernel's tiny formatter: %s %c %d %u %x %X %p %%, with an
 * optional '0' flag, '-' (left-justify, strings only) and field width.
 * No floats, no long long, no precision.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "ctock/debug.h"

typedef struct {
    char *buf;
    size_t size, n;
} out_t;

static void put(out_t *o, char c)
{
    if (o->n + 1 < o->size)
        o->buf[o->n] = c;
    o->n++;
}

static void put_num(out_t *o, uint32_t v, unsigned base, bool upper, bool neg,
                    unsigned width, char pad)
{
    char tmp[12];
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned len = 0;
    do {
        tmp[len++] = digits[v % base];
        v /= base;
    } while (v);
    if (neg)
        tmp[len++] = '-';
    for (unsigned i = len; i < width; i++)
        put(o, pad);
    while (len)
        put(o, tmp[--len]);
}

int ctock_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    out_t o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        unsigned width = 0;
        bool left = false;
        if (*fmt == '-') {
            left = true;
            fmt++;
        }
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (unsigned)(*fmt++ - '0');
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            unsigned len = 0;
            if (!s)
                s = "(null)";
            for (const char *q = s; *q; q++)
                len++;
            for (unsigned i = len; i < width && !left; i++)
                put(&o, ' ');
            while (*s)
                put(&o, *s++);
            for (unsigned i = len; i < width && left; i++)
                put(&o, ' ');
            break;
        }
        case 'c': put(&o, (char)va_arg(ap, int)); break;
        case 'd': {
            int v = va_arg(ap, int);
            put_num(&o, v < 0 ? (uint32_t)(-(int64_t)v) : (uint32_t)v, 10, false, v < 0, width, pad);
            break;
        }
        case 'u': put_num(&o, va_arg(ap, unsigned), 10, false, false, width, pad); break;
        case 'x': put_num(&o, va_arg(ap, unsigned), 16, false, false, width, pad); break;
        case 'X': put_num(&o, va_arg(ap, unsigned), 16, true, false, width, pad); break;
        case 'p':
            put(&o, '0');
            put(&o, 'x');
            put_num(&o, (uint32_t)(uintptr_t)va_arg(ap, void *), 16, false, false, 8, '0');
            break;
        case '%': put(&o, '%'); break;
        case '\0': fmt--; break;
        default: put(&o, '%'); put(&o, *fmt); break;
        }
    }
    if (size)
        buf[o.n < size ? o.n : size - 1] = '\0';
    return (int)o.n;
}

int ctock_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = ctock_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
