/*
 * json.h - a small JSON writer into a fixed buffer, for the --fault-json
 * records (one object per line). It tracks nesting and commas so callers
 * only say what comes next:
 *
 *   json_t j; char buf[1024];
 *   json_init(&j, buf, sizeof buf);
 *   json_obj_begin(&j);
 *   json_key(&j, "name"); json_str(&j, "a \"quoted\" name");
 *   json_key(&j, "bits"); json_arr_begin(&j); json_str(&j, "X"); json_arr_end(&j);
 *   json_obj_end(&j);
 *   if (json_ok(&j)) puts(buf);      // {"name":"a \"quoted\" name","bits":["X"]}
 *
 * Strings are escaped as RFC 8259 says: quote, backslash and control
 * characters (\b \f \n \r \t or \u00XX); bytes >= 0x80 that are not valid
 * UTF-8 become \u00XX of the byte (the output is always valid UTF-8).
 * Overflow or misuse (a value without a key in an object, unbalanced ends)
 * makes json_ok() false; the buffer then holds no usable record.
 */
#ifndef SIM_JSON_H
#define SIM_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 8

typedef struct json {
    char *buf;
    size_t cap, len;
    int depth;
    bool first[JSON_MAX_DEPTH];    /* no member written yet at this level */
    bool is_obj[JSON_MAX_DEPTH];
    bool after_key;
    bool error;
} json_t;

void json_init(json_t *j, char *buf, size_t cap);
void json_obj_begin(json_t *j);
void json_obj_end(json_t *j);
void json_arr_begin(json_t *j);
void json_arr_end(json_t *j);
void json_key(json_t *j, const char *key);
void json_str(json_t *j, const char *s);
void json_u64(json_t *j, uint64_t v);
void json_i64(json_t *j, int64_t v);
void json_bool(json_t *j, bool v);
void json_null(json_t *j);
/* A number written as given (e.g. "0.500000000"); caller vouches for it. */
void json_raw_number(json_t *j, const char *digits);
/* "0x%08x" as a string. */
void json_hex32(json_t *j, uint32_t v);
/* True when the record is complete and fits: all levels closed, no error. */
bool json_ok(const json_t *j);

#endif
