/* fmt.c: the formatter (see fmt.h) and snprintf/vsnprintf on top of it. */
#include "fmt.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct spec {
    bool left;     /* '-' */
    bool zero;     /* '0' */
    bool plus;     /* '+' */
    bool space;    /* ' ' */
    bool alt;      /* '#' */
    int width;
    int precision; /* -1: none */
};

struct out {
    fmt_put_fn *put;
    void *ctx;
    int count;
};

static void emit(struct out *o, char c)
{
    o->put(o->ctx, c);
    o->count++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        emit(o, c);
}

/* Emit prefix (sign or 0x), then zeros, then digits[0..len), padded to the
 * field width. */
static void field(struct out *o, const struct spec *sp, const char *prefix, const char *digits,
                  int len)
{
    int plen = 0;
    while (prefix[plen])
        plen++;
    int zeros = sp->precision > len ? sp->precision - len : 0;
    int body = plen + zeros + len;
    int fill = sp->width > body ? sp->width - body : 0;
    if (sp->zero && !sp->left && sp->precision < 0) {
        zeros += fill;
        fill = 0;
    }
    if (!sp->left)
        pad(o, ' ', fill);
    for (int i = 0; i < plen; i++)
        emit(o, prefix[i]);
    pad(o, '0', zeros);
    for (int i = 0; i < len; i++)
        emit(o, digits[i]);
    if (sp->left)
        pad(o, ' ', fill);
}

static void number(struct out *o, const struct spec *sp, uint64_t v, bool negative,
                   unsigned base, bool upper, const char *alt_prefix)
{
    char buf[24]; /* 2^64 in octal is 22 digits */
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int len = 0;
    while (v != 0) {
        buf[sizeof buf - 1 - len++] = digits[v % base];
        v /= base;
    }
    if (len == 0 && sp->precision != 0)
        buf[sizeof buf - 1 - len++] = '0';
    const char *prefix = "";
    if (negative)
        prefix = "-";
    else if (sp->plus)
        prefix = "+";
    else if (sp->space)
        prefix = " ";
    else if (alt_prefix)
        prefix = alt_prefix;
    field(o, sp, prefix, buf + sizeof buf - len, len);
}

static int parse_int(const char **p)
{
    int n = 0;
    while (**p >= '0' && **p <= '9')
        n = n * 10 + (*(*p)++ - '0');
    return n;
}

/* Length modifiers, as the number of bytes of the argument. */
enum { LEN_INT = 0, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static uint64_t get_unsigned(va_list *ap, int len)
{
    switch (len) {
    case LEN_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG: return va_arg(*ap, unsigned long);
    case LEN_LLONG: return va_arg(*ap, unsigned long long);
    case LEN_SIZE: return va_arg(*ap, size_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static int64_t get_signed(va_list *ap, int len)
{
    switch (len) {
    case LEN_CHAR: return (signed char)va_arg(*ap, int);
    case LEN_SHORT: return (short)va_arg(*ap, int);
    case LEN_LONG: return va_arg(*ap, long);
    case LEN_LLONG: return va_arg(*ap, long long);
    case LEN_SIZE: return (int32_t)va_arg(*ap, size_t);
    default: return va_arg(*ap, int);
    }
}

static void string(struct out *o, struct spec *sp, const char *s)
{
    if (!s)
        s = "(null)";
    int len = 0;
    while (s[len] && (sp->precision < 0 || len < sp->precision))
        len++;
    sp->precision = -1; /* precision limited the length; no zero padding */
    sp->zero = false;
    field(o, sp, "", s, len);
}

/* Parse one conversion after the '%'; returns the pointer past it. */
static const char *conversion(struct out *o, const char *p, va_list *ap)
{
    struct spec sp = {false, false, false, false, false, 0, -1};
    for (;; p++) {
        if (*p == '-') sp.left = true;
        else if (*p == '0') sp.zero = true;
        else if (*p == '+') sp.plus = true;
        else if (*p == ' ') sp.space = true;
        else if (*p == '#') sp.alt = true;
        else break;
    }
    if (*p == '*') {
        p++;
        sp.width = va_arg(*ap, int);
        if (sp.width < 0) {
            sp.left = true;
            sp.width = -sp.width;
        }
    } else {
        sp.width = parse_int(&p);
    }
    if (*p == '.') {
        p++;
        if (*p == '*') {
            p++;
            sp.precision = va_arg(*ap, int);
            if (sp.precision < 0)
                sp.precision = -1;
        } else {
            sp.precision = parse_int(&p);
        }
    }
    int len = LEN_INT;
    if (*p == 'h') {
        len = (p[1] == 'h') ? LEN_CHAR : LEN_SHORT;
        p += (p[1] == 'h') ? 2 : 1;
    } else if (*p == 'l') {
        len = (p[1] == 'l') ? LEN_LLONG : LEN_LONG;
        p += (p[1] == 'l') ? 2 : 1;
    } else if (*p == 'z' || *p == 't') {
        len = LEN_SIZE;
        p++;
    } else if (*p == 'j') {
        len = LEN_LLONG;
        p++;
    }

    char c = *p;
    if (c == '\0')
        return p;
    p++;
    switch (c) {
    case 'd':
    case 'i': {
        int64_t v = get_signed(ap, len);
        uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        number(o, &sp, mag, v < 0, 10, false, NULL);
        break;
    }
    case 'u': number(o, &sp, get_unsigned(ap, len), false, 10, false, NULL); break;
    case 'x': number(o, &sp, get_unsigned(ap, len), false, 16, false, sp.alt ? "0x" : NULL); break;
    case 'X': number(o, &sp, get_unsigned(ap, len), false, 16, true, sp.alt ? "0X" : NULL); break;
    case 'o': number(o, &sp, get_unsigned(ap, len), false, 8, false, sp.alt ? "0" : NULL); break;
    case 'p':
        sp.plus = sp.space = false;
        number(o, &sp, (uintptr_t)va_arg(*ap, void *), false, 16, false, "0x");
        break;
    case 'c': {
        char ch = (char)va_arg(*ap, int);
        sp.precision = -1;
        sp.zero = false;
        field(o, &sp, "", &ch, 1);
        break;
    }
    case 's': string(o, &sp, va_arg(*ap, const char *)); break;
    case '%': emit(o, '%'); break;
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
        (void)va_arg(*ap, double);
        emit(o, '%');
        emit(o, '?');
        break;
    default: /* unknown: print it as written */
        emit(o, '%');
        emit(o, c);
        break;
    }
    return p;
}

int fmt_vformat(fmt_put_fn *put, void *ctx, const char *fmt, va_list ap)
{
    struct out o = {put, ctx, 0};
    va_list args;
    va_copy(args, ap);
    for (const char *p = fmt; *p;) {
        if (*p != '%') {
            emit(&o, *p++);
            continue;
        }
        p = conversion(&o, p + 1, &args);
    }
    va_end(args);
    return o.count;
}

/* snprintf sink: keep what fits, always NUL-terminate when size > 0. */
struct strbuf {
    char *buf;
    size_t size;
    size_t pos;
};

static void put_str(void *ctx, char c)
{
    struct strbuf *sb = ctx;
    if (sb->pos + 1 < sb->size)
        sb->buf[sb->pos] = c;
    sb->pos++;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
    struct strbuf sb = {buf, size, 0};
    int n = fmt_vformat(put_str, &sb, fmt, ap);
    if (size > 0)
        buf[sb.pos < size ? sb.pos : size - 1] = '\0';
    return n;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
