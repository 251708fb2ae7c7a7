/*
 * json.c - the JSON writer (see json.h). Everything goes through put() and
 * putc_(), which stop at the buffer's end and flag the error; the buffer is
 * kept NUL-terminated.
 */
#include "json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void put(json_t *j, const char *s, size_t n)
{
    if (j->error)
        return;
    if (n >= j->cap - j->len) {
        j->error = true;
        return;
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
    j->buf[j->len] = 0;
}

static void puts_(json_t *j, const char *s) { put(j, s, strlen(s)); }

void json_init(json_t *j, char *buf, size_t cap)
{
    memset(j, 0, sizeof *j);
    j->buf = buf;
    j->cap = cap;
    if (cap)
        buf[0] = 0;
    else
        j->error = true;
}

/* Before any value: a comma between members, a key inside an object. */
static void value_start(json_t *j)
{
    if (j->depth == 0) {
        if (j->len)
            j->error = true;   /* one top-level value per record */
        return;
    }
    if (j->is_obj[j->depth - 1]) {
        if (!j->after_key)
            j->error = true;
        j->after_key = false;
        return;
    }
    if (!j->first[j->depth - 1])
        puts_(j, ",");
    j->first[j->depth - 1] = false;
}

static void open_(json_t *j, bool obj)
{
    value_start(j);
    if (j->depth >= JSON_MAX_DEPTH) {
        j->error = true;
        return;
    }
    j->first[j->depth] = true;
    j->is_obj[j->depth] = obj;
    j->depth++;
    puts_(j, obj ? "{" : "[");
}

static void close_(json_t *j, bool obj)
{
    if (j->depth == 0 || j->is_obj[j->depth - 1] != obj || j->after_key) {
        j->error = true;
        return;
    }
    j->depth--;
    puts_(j, obj ? "}" : "]");
}

void json_obj_begin(json_t *j) { open_(j, true); }
void json_obj_end(json_t *j) { close_(j, true); }
void json_arr_begin(json_t *j) { open_(j, false); }
void json_arr_end(json_t *j) { close_(j, false); }

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;   /* overlong, surrogate or out of range */
    return n;
}

static void string(json_t *j, const char *s)
{
    char esc[8];
    puts_(j, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned c = *p;
        const char *e = NULL;
        switch (c) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default: break;
        }
        if (e) {
            puts_(j, e);
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            puts_(j, esc);
            p++;
        } else if (c < 0x80) {
            put(j, (const char *)p, 1);
            p++;
        } else {
            size_t n = utf8_len(p);
            if (n) {
                put(j, (const char *)p, n);
                p += n;
            } else {
                snprintf(esc, sizeof esc, "\\u%04x", c);   /* Latin-1 reading of the byte */
                puts_(j, esc);
                p++;
            }
        }
    }
    puts_(j, "\"");
}

void json_key(json_t *j, const char *key)
{
    if (j->depth == 0 || !j->is_obj[j->depth - 1] || j->after_key) {
        j->error = true;
        return;
    }
    if (!j->first[j->depth - 1])
        puts_(j, ",");
    j->first[j->depth - 1] = false;
    string(j, key);
    puts_(j, ":");
    j->after_key = true;
}

void json_str(json_t *j, const char *s)
{
    value_start(j);
    string(j, s ? s : "");
}

void json_u64(json_t *j, uint64_t v)
{
    char b[24];
    value_start(j);
    snprintf(b, sizeof b, "%" PRIu64, v);
    puts_(j, b);
}

void json_i64(json_t *j, int64_t v)
{
    char b[24];
    value_start(j);
    snprintf(b, sizeof b, "%" PRId64, v);
    puts_(j, b);
}

void json_bool(json_t *j, bool v)
{
    value_start(j);
    puts_(j, v ? "true" : "false");
}

void json_null(json_t *j)
{
    value_start(j);
    puts_(j, "null");
}

void json_raw_number(json_t *j, const char *digits)
{
    value_start(j);
    puts_(j, digits);
}

void json_hex32(json_t *j, uint32_t v)
{
    char b[16];
    value_start(j);
    snprintf(b, sizeof b, "\"0x%08x\"", v);
    puts_(j, b);
}

bool json_ok(const json_t *j) { return !j->error && j->depth == 0 && !j->after_key && j->len; }
