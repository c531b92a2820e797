/* The Go-compatible reader: the encoding/json rules DESIGN.md lists, each asserted on
 * a small struct of our own so a failure names the rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "json/reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct inner {
    gt_str s;
    uint32_t n;
} inner;

typedef struct outer {
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    bool b;
    gt_str str;
    int64_t ts;
    gt_str raw;
    inner in;
    inner *ptr;
    GT_SLICE(inner) list;
    gt_map env;
    gt_ipnet net;
    gt_ip ip;
    gt_bytes hex;
} outer;

/* Written without name_len (0): the reader's ordinary key matching, no fast path. */
static const gt_field inner_fields[] = {
    {"s", offsetof(inner, s), &gt_schema_string, 0, 0},
    {"n", offsetof(inner, n), &gt_schema_uint32, 0, 0},
};
static const gt_schema inner_schema = {GT_KIND_STRUCT, sizeof(inner), "inner", inner_fields, 2, NULL};
static const gt_schema inner_ptr = {GT_KIND_PTR, sizeof(void *), "*inner", NULL, 0, &inner_schema};
static const gt_schema inner_list = {GT_KIND_SLICE, sizeof(gt_slice), "[]inner", NULL, 0, &inner_schema};
static const gt_field outer_fields[] = {
    GT_FIELD(outer, u8, "u8", gt_schema_uint8, 0),
    GT_FIELD(outer, u16, "u16", gt_schema_uint16, 0),
    GT_FIELD(outer, u32, "u32", gt_schema_uint32, 0),
    GT_FIELD(outer, u64, "u64", gt_schema_uint64, 0),
    GT_FIELD(outer, b, "b", gt_schema_bool, 0),
    GT_FIELD(outer, str, "str", gt_schema_string, 0),
    GT_FIELD(outer, ts, "ts", gt_schema_timestamp, 0),
    GT_FIELD(outer, raw, "raw", gt_schema_raw, 0),
    GT_FIELD(outer, in, "in", inner_schema, 0),
    GT_FIELD(outer, ptr, "ptr", inner_ptr, 0),
    GT_FIELD(outer, list, "list", inner_list, 0),
    GT_FIELD(outer, env, "env", gt_schema_map, 0),
    GT_FIELD(outer, net, "net", gt_schema_ipnet, 0),
    GT_FIELD(outer, ip, "ip", gt_schema_ip, 0),
    GT_FIELD(outer, hex, "hex_key", gt_schema_hex, 0),
};
static const gt_schema outer_schema = {GT_KIND_STRUCT, sizeof(outer), "outer", outer_fields,
                                       sizeof outer_fields / sizeof outer_fields[0], NULL};

typedef struct fixture {
    gt_arena arena;
    outer o;
    gt_error err;
} fixture;

static int setup(void **state)
{
    static fixture f;
    memset(&f, 0, sizeof f);
    gt_arena_init(&f.arena, 1024);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gt_arena_free(&f->arena);
    return 0;
}

/* Decodes `json` into f->o (keeping what is already there, as Go does). */
static int decode(fixture *f, const char *json)
{
    size_t n = strlen(json);
    char *copy = gt_arena_alloc_raw(&f->arena, n + GT_JSON_PAD);
    assert_non_null(copy);
    memcpy(copy, json, n);
    memset(copy + n, 0, GT_JSON_PAD); /* the padding the reader needs */
    gt_reader r;
    gt_reader_init(&r, (const uint8_t *)copy, (const uint8_t *)copy, n, &f->arena, &f->err, "");
    return gt_json_decode(&r, &outer_schema, &f->o);
}

static void assert_str(gt_str s, const char *want)
{
    assert_int_equal(s.len, strlen(want));
    assert_memory_equal(s.ptr, want, s.len);
}

static void test_exact_then_folded_keys(void **state)
{
    fixture *f = *state;
    assert_int_equal(decode(f, "{\"STR\":\"a\",\"U32\":7}"), GT_OK);
    assert_str(f->o.str, "a");
    assert_int_equal(f->o.u32, 7);
    /* U+017F (long s) folds to s, U+212A (Kelvin) to k; dotless i does not fold to i */
    assert_int_equal(decode(f, "{\"\xc5\xbf" "tr\":\"long\",\"hex_\xe2\x84\xaa" "ey\":\"00\"}"), GT_OK);
    assert_str(f->o.str, "long");
    assert_int_equal(f->o.hex.len, 1);
    assert_int_equal(decode(f, "{\"b\":true,\"\xc4\xb1n\":{\"n\":1}}"), GT_OK);
    assert_int_equal(f->o.in.n, 0);
    /* escaped keys are unescaped before matching */
    assert_int_equal(decode(f, "{\"\\u0073tr\":\"esc\"}"), GT_OK);
    assert_str(f->o.str, "esc");
}

static void test_repeated_keys_merge(void **state)
{
    fixture *f = *state;
    assert_int_equal(decode(f, "{\"in\":{\"s\":\"x\",\"n\":1},\"in\":{\"n\":2}}"), GT_OK);
    assert_str(f->o.in.s, "x"); /* objects merge */
    assert_int_equal(f->o.in.n, 2);
    assert_int_equal(decode(f, "{\"ptr\":{\"s\":\"p\"},\"ptr\":{\"n\":3}}"), GT_OK);
    assert_non_null(f->o.ptr);
    assert_str(f->o.ptr->s, "p");
    assert_int_equal(f->o.ptr->n, 3);
    assert_int_equal(decode(f, "{\"env\":{\"A\":\"1\"},\"env\":{\"B\":\"2\",\"A\":\"3\"}}"), GT_OK);
    assert_int_equal(f->o.env.len, 2);
    assert_str(f->o.env.items[0].value, "3");
}

static void test_arrays_reuse_elements(void **state)
{
    fixture *f = *state;
    /* element-wise merge, then a shorter array, then a longer one uncovers the stale
     * third element exactly as Go's reused backing array does */
    assert_int_equal(decode(f, "{\"list\":[{\"s\":\"a\",\"n\":1},{\"s\":\"b\"},{\"s\":\"c\",\"n\":3}],"
                               "\"list\":[{\"n\":9}],\"list\":[{},{},{}]}"),
                     GT_OK);
    assert_int_equal(f->o.list.len, 3);
    assert_str(f->o.list.items[0].s, "a");
    assert_int_equal(f->o.list.items[0].n, 9);
    assert_str(f->o.list.items[2].s, "c");
    assert_int_equal(f->o.list.items[2].n, 3);
    /* [] leaves an empty, non-nil slice and forgets the old elements */
    assert_int_equal(decode(f, "{\"list\":[],\"list\":[{}]}"), GT_OK);
    assert_int_equal(f->o.list.len, 1);
    assert_null(f->o.list.items[0].s.ptr);
    assert_true(f->o.list.set);
}

static void test_null_rules(void **state)
{
    fixture *f = *state;
    assert_int_equal(decode(f, "{\"str\":\"keep\",\"u32\":5,\"b\":true,\"ts\":9,\"ptr\":{},\"list\":[{}],"
                               "\"env\":{},\"net\":\"10.0.0.1/8\",\"raw\":[1],\"ip\":\"1.2.3.4\",\"hex_key\":\"00\"}"),
                     GT_OK);
    assert_int_equal(decode(f, "{\"str\":null,\"u32\":null,\"b\":null,\"ts\":null,\"ptr\":null,\"list\":null,"
                               "\"env\":null,\"net\":null,\"in\":null,\"raw\":null,\"ip\":null,\"hex_key\":null}"),
                     GT_OK);
    assert_str(f->o.str, "keep");
    assert_int_equal(f->o.u32, 5);
    assert_true(f->o.b);
    assert_int_equal(f->o.ts, 0);     /* its own decoder runs */
    assert_null(f->o.ptr);            /* pointers, slices, maps become nil */
    assert_false(f->o.list.set);
    assert_false(f->o.env.set);
    assert_int_equal(f->o.net.ip.len, 16); /* IP nets (structs) keep their value */
    assert_int_equal(f->o.ip.len, 0);      /* net.IP and hex bytes are slices: nil */
    assert_false(f->o.hex.set);
    assert_str(f->o.raw, "null");     /* raw data keeps the literal */
}

static void test_integer_ranges(void **state)
{
    fixture *f = *state;
    assert_int_equal(decode(f, "{\"u8\":255,\"u16\":65535,\"u32\":4294967295,\"u64\":18446744073709551615}"), GT_OK);
    assert_int_equal(f->o.u64, UINT64_MAX);
    const char *bad[] = {"{\"u8\":256}", "{\"u32\":-1}", "{\"u32\":1.0}", "{\"u32\":1e2}", "{\"u32\":-0}",
                         "{\"u64\":18446744073709551616}", "{\"u32\":\"1\"}", "{\"u32\":true}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(decode(f, bad[i]), GT_ETYPE);
        assert_non_null(strstr(f->err.message, "cannot unmarshal"));
    }
    assert_int_equal(decode(f, "{\"u8\":300}"), GT_ETYPE);
    assert_string_equal(f->err.path, "u8");
}

/* Go 1.19's UnmarshalTypeError text: the innermost struct's name without its package,
 * then the struct fields' JSON names from the root, without indexes or map keys (the
 * error's path keeps them). */
static void test_type_error_texts_like_go(void **state)
{
    fixture *f = *state;
    struct {
        const char *json, *msg, *path;
    } cases[] = {
        {"{\"u8\":300}", "json: cannot unmarshal number 300 into Go struct field outer.u8 of type uint8", "u8"},
        {"{\"in\":{\"n\":\"x\"}}", "json: cannot unmarshal string into Go struct field inner.in.n of type uint32",
         "in.n"},
        {"{\"list\":[{},{\"n\":true}]}",
         "json: cannot unmarshal bool into Go struct field inner.list.n of type uint32", "list[1].n"},
        {"{\"list\":[{},5]}", "json: cannot unmarshal number into Go struct field outer.list of type inner",
         "list[1]"},
        {"{\"env\":{\"K\":5}}", "json: cannot unmarshal number into Go struct field outer.env of type string",
         "env.K"},
        {"{\"in\":{\"s\":\"a\"},\"env\":{\"K\":{}}}",
         "json: cannot unmarshal object into Go struct field outer.env of type string", "env.K"},
        {"5", "json: cannot unmarshal number into Go value of type outer", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&f->o, 0, sizeof f->o);
        assert_int_equal(decode(f, cases[i].json), GT_ETYPE);
        assert_string_equal(f->err.message, cases[i].msg);
        assert_string_equal(f->err.path, cases[i].path);
    }
}

static void test_timestamps(void **state)
{
    fixture *f = *state;
    assert_int_equal(decode(f, "{\"ts\":-5}"), GT_OK);
    assert_int_equal(f->o.ts, -5);
    assert_int_equal(decode(f, "{\"ts\":\"2021-01-02T03:04:05Z\"}"), GT_OK);
    assert_int_equal(f->o.ts, 1609556645);
    assert_int_equal(decode(f, "{\"ts\":\"2021-01-02T03:04:05.999+01:00\"}"), GT_OK);
    assert_int_equal(f->o.ts, 1609556645 - 3600);
    const char *bad[] = {"{\"ts\":\"2021-01-02\"}", "{\"ts\":\"123\"}", "{\"ts\":1.5}", "{\"ts\":true}",
                         "{\"ts\":{}}", "{\"ts\":9223372036854775808}", "{\"ts\":\"2021-02-30T00:00:00Z\"}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(decode(f, bad[i]), GT_EVALUE);
}

static void test_strings_like_go(void **state)
{
    fixture *f = *state;
    /* bad UTF-8: one U+FFFD per bad byte; lone surrogates: U+FFFD; pairs joined */
    assert_int_equal(decode(f, "{\"str\":\"a\xff\xe2\x82z\"}"), GT_OK);
    assert_str(f->o.str, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
    assert_int_equal(decode(f, "{\"str\":\"\\ud83d\\ude00|\\ud800|\\udc00x\"}"), GT_OK);
    assert_str(f->o.str, "\xf0\x9f\x98\x80|\xef\xbf\xbd|\xef\xbf\xbdx");
    assert_int_equal(decode(f, "{\"str\":\"\\u0000\\/\\b\"}"), GT_OK);
    assert_int_equal(f->o.str.len, 3);
    assert_int_equal(decode(f, "{\"str\":\"tab\there\"}"), GT_ESYNTAX);
    assert_string_equal(f->err.message, "invalid character '\\t' in string literal");
    assert_int_equal(f->err.offset, 11);
}

/* Strings with escapes, read 16 bytes at a time when long enough: one escape of every
 * kind (and a two-byte UTF-8 rune, and a bad escape or control byte) at every position of
 * a 40-byte string, in documents with room after the string and without, against the
 * escapes worked out here. */
static void test_escapes_at_every_position(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *in, *out; /* out NULL: a syntax error at in[bad] */
        size_t bad;
    } kinds[] = {
        {"\\\"", "\"", 0}, {"\\\\", "\\", 0}, {"\\/", "/", 0}, {"\\b", "\b", 0}, {"\\f", "\f", 0},
        {"\\n", "\n", 0}, {"\\r", "\r", 0}, {"\\t", "\t", 0}, {"\\u0041", "A", 0},
        {"\xc3\xa9", "\xc3\xa9", 0}, {"\\\\\\\"", "\\\"", 0}, {"\\x", NULL, 1},
        {"\\\x01", NULL, 1}, {"\x01", NULL, 0}, {"\\u00g0", NULL, 4},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        for (size_t at = 0; at <= 40; at++) {
            for (int tail = 0; tail < 2; tail++) {
                char json[160], want[128];
                int n = snprintf(json, sizeof json, "{\"str\":\"%.*s%s%.*s\"%s}", (int)at,
                                 "abcdefghijklmnopqrstuvwxyz0123456789ABCD", kinds[k].in, (int)(40 - at),
                                 "EFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqr", tail ? ",\"u8\":1" : "");
                assert_true(n > 0 && (size_t)n < sizeof json);
                memset(&f->o, 0, sizeof f->o);
                int rc = decode(f, json);
                if (!kinds[k].out) {
                    if (rc != GT_ESYNTAX)
                        fail_msg("%s: %d, want a syntax error", json, rc);
                    size_t bad = 8 + at + kinds[k].bad; /* the string starts at byte 8 */
                    if (f->err.offset != bad)
                        fail_msg("%s: error at %zu (%s), want %zu", json, f->err.offset, f->err.message, bad);
                    continue;
                }
                if (rc != GT_OK)
                    fail_msg("%s: %d %s", json, rc, f->err.message);
                snprintf(want, sizeof want, "%.*s%s%.*s", (int)at, "abcdefghijklmnopqrstuvwxyz0123456789ABCD",
                         kinds[k].out, (int)(40 - at), "EFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqr");
                size_t wn = strlen(want);
                if (f->o.str.len != wn || memcmp(f->o.str.ptr, want, wn) != 0)
                    fail_msg("%s: got %.*s", json, (int)f->o.str.len, f->o.str.ptr);
            }
        }
    }
}

static void test_syntax_errors_like_go(void **state)
{
    fixture *f = *state;
    struct {
        const char *json, *msg;
        size_t offset;
    } cases[] = {
        {"", "unexpected end of JSON input", 0},
        {"{\"u8\":1,}", "invalid character '}' looking for beginning of object key string", 8},
        {"{\"u8\":01}", "invalid character '1' after object key:value pair", 7},
        {"{\"u8\" 1}", "invalid character '1' after object key", 6},
        {"{\"list\":[{},]}", "invalid character ']' looking for beginning of value", 12},
        {"{} x", "invalid character 'x' after top-level value", 3},
        {"{\"b\":tru}", "invalid character '}' in literal true (expecting 'e')", 8},
        {"{\"u8\":1.}", "invalid character '}' after decimal point in numeric literal", 8},
        {"\xef\xbb\xbf{}", "invalid character '\xc3\xaf' looking for beginning of value", 0},
        /* strconv.Quote doubles a backslash; the end inside a token is a space there
         * (texts checked against Go 1.19's encoding/json) */
        {"\\", "invalid character '\\\\' looking for beginning of value", 0},
        {"{\"u8\":\\}", "invalid character '\\\\' looking for beginning of value", 6},
        {"{\"b\":tru", "invalid character ' ' in literal true (expecting 'e')", 8},
        {"{\"b\":n", "invalid character ' ' in literal null (expecting 'u')", 6},
        {"{\"str\":\"ab\\", "invalid character ' ' in string escape code", 11},
        {"{\"str\":\"\\u00", "invalid character ' ' in \\u hexadecimal character escape", 12},
        {"{\"str\":\"ab", "unexpected end of JSON input", 10},
        {"{\"u8\":-", "invalid character ' ' in numeric literal", 7},
        {"{\"u8\":1.", "invalid character ' ' after decimal point in numeric literal", 8},
        {"{\"u8\":1e", "invalid character ' ' in exponent of numeric literal", 8},
        {"{\"u8\":1E-", "invalid character ' ' in exponent of numeric literal", 9},
        {"{\"u8\":1", "unexpected end of JSON input", 7},
        /* Go quotes the bytes around U+00A0 differently: escaped up to it, printed after */
        {"\x9f", "invalid character '\\u009f' looking for beginning of value", 0},
        {"\xa0", "invalid character '\\u00a0' looking for beginning of value", 0},
        {"\xa1", "invalid character '\xc2\xa1' looking for beginning of value", 0},
        {"\xad", "invalid character '\\u00ad' looking for beginning of value", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&f->o, 0, sizeof f->o);
        assert_int_equal(decode(f, cases[i].json), GT_ESYNTAX);
        assert_string_equal(f->err.message, cases[i].msg);
        assert_int_equal(f->err.offset, cases[i].offset);
    }
    /* a syntax error after a type error wins, as Go checks syntax first */
    assert_int_equal(decode(f, "{\"u8\":\"x\",}"), GT_ESYNTAX);
}

static void test_depth_limit(void **state)
{
    fixture *f = *state;
    size_t depth = GT_JSON_MAX_DEPTH; /* the object itself is level 1 */
    char *ok = malloc(2 * depth + 32), *p = ok;
    p += sprintf(p, "{\"raw\":");
    for (size_t i = 0; i < depth - 1; i++)
        *p++ = '[';
    for (size_t i = 0; i < depth - 1; i++)
        *p++ = ']';
    strcpy(p, "}");
    assert_int_equal(decode(f, ok), GT_OK);
    p = ok + sprintf(ok, "{\"raw\":");
    for (size_t i = 0; i < depth; i++)
        *p++ = '[';
    for (size_t i = 0; i < depth; i++)
        *p++ = ']';
    strcpy(p, "}");
    assert_int_equal(decode(f, ok), GT_ESYNTAX);
    assert_string_equal(f->err.message, "invalid character '[' exceeded max depth");
    free(ok);
}

static void test_text_values(void **state)
{
    fixture *f = *state;
    assert_int_equal(decode(f, "{\"net\":\"10.1.2.3\\/16\",\"ip\":\"::ffff:1.2.3.4\",\"hex_key\":\"ABcd\"}"), GT_OK);
    assert_int_equal(f->o.net.mask.len, 4);
    assert_int_equal(f->o.ip.len, 16);
    assert_int_equal(f->o.hex.len, 2);
    assert_int_equal(f->o.hex.ptr[0], 0xab);
    assert_int_equal(decode(f, "{\"net\":\"10.1.2.3\"}"), GT_EVALUE);
    assert_string_equal(f->err.message, "invalid CIDR address: 10.1.2.3");
    assert_int_equal(decode(f, "{\"ip\":\"01.2.3.4\"}"), GT_EVALUE);
    assert_int_equal(decode(f, "{\"hex_key\":\"abc\"}"), GT_EVALUE);
    assert_int_equal(decode(f, "{\"net\":[]}"), GT_ETYPE);
    /* a value error stops decoding but a later syntax error still wins */
    assert_int_equal(decode(f, "{\"ip\":\"x\",\"u8\":1 2}"), GT_ESYNTAX);
}

static void test_raw_is_verbatim(void **state)
{
    fixture *f = *state;
    assert_int_equal(decode(f, "{\"raw\": { \"a\" : [1, 2] } }"), GT_OK);
    assert_str(f->o.raw, "{ \"a\" : [1, 2] }");
    assert_int_equal(decode(f, "{\"raw\":\"s\",\"raw\":7}"), GT_OK); /* replaced, not merged */
    assert_str(f->o.raw, "7");
}

/* What Go's scanner says when a document ends after s[0..k): at the end it feeds the
 * state one space, so an unfinished escape, literal or number gets that space's
 * "invalid character" text; otherwise the input ended unexpectedly. Written from the
 * scanner's states, independently of the reader. */
static const char *end_text(const char *s, size_t k, char *buf, size_t cap)
{
    bool in_str = false;
    int esc = 0; /* 1: after a backslash; 2..5: that many \u digits to come, minus 1 */
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (!in_str)
            in_str = c == '"';
        else if (esc == 1)
            esc = c == 'u' ? 2 : 0;
        else if (esc >= 2)
            esc = esc == 5 ? 0 : esc + 1;
        else if (c == '\\')
            esc = 1;
        else if (c == '"')
            in_str = false;
    }
    if (in_str)
        return esc == 1 ? "invalid character ' ' in string escape code"
               : esc   ? "invalid character ' ' in \\u hexadecimal character escape"
                       : "unexpected end of JSON input";
    size_t j = k;
    while (j > 0 && strchr("abcdefghijklmnopqrstuvwxyz0123456789.+-E", s[j - 1]))
        j--;
    static const char *const words[] = {"true", "false", "null"};
    for (int w = 0; w < 3; w++) {
        size_t len = k - j, wl = strlen(words[w]);
        if (len > 0 && len < wl && strncmp(s + j, words[w], len) == 0) {
            snprintf(buf, cap, "invalid character ' ' in literal %s (expecting '%c')", words[w], words[w][len]);
            return buf;
        }
    }
    if (k > j && (s[j] == '-' || (s[j] >= '0' && s[j] <= '9'))) {
        char last = s[k - 1];
        if (last == '-' && (k - j == 1 || (s[k - 2] != 'e' && s[k - 2] != 'E')))
            return "invalid character ' ' in numeric literal";
        if (last == '.')
            return "invalid character ' ' after decimal point in numeric literal";
        if (last == 'e' || last == 'E' || last == '+' || last == '-')
            return "invalid character ' ' in exponent of numeric literal";
    }
    return "unexpected end of JSON input";
}

/* The reader's fast paths read bytes after a token, and load 16 at a time, without
 * comparing positions with the end, relying on the NUL padding the reader's contract
 * puts there. Every prefix of a document that uses every kind of value is read from a
 * buffer of exactly its length plus that padding (so the sanitizer build sees any read
 * past it): each one is Go's end-of-input error (end_text) at its own length, and only
 * the whole one decodes. */
static void test_every_prefix_ends_cleanly(void **state)
{
    fixture *f = *state;
    static const char doc[] = "{\n"
                              "  \"u8\": 1,\n"
                              "  \"u16\": 300,\n"
                              "  \"u32\":70000 ,\n"
                              "  \"u64\": 10737418240,\n"
                              "  \"b\": true,\n"
                              "  \"str\": \"text with \\\"escapes\\\" \\u00e9\",\n"
                              "  \"ts\": 1700000000,\n"
                              "  \"raw\": {\"a\": [1, 2.5e3, null, false, -4E+2]},\n"
                              "  \"in\": {\"s\": \"x\", \"n\": 2},\n"
                              "  \"ptr\": {\"s\": \"y\", \"n\": 3},\n"
                              "  \"list\": [\n"
                              "    {\"s\": \"z\", \"n\": 4},\n"
                              "    {\"s\": \"w\", \"n\": 5}\n"
                              "  ],\n"
                              "  \"env\": {\"K\": \"v\", \"L\": \"w\"},\n"
                              "  \"net\": \"10.0.0.0/8\",\n"
                              "  \"ip\": \"10.0.0.1\",\n"
                              "  \"hex_key\": \"00ff\"\n"
                              "}";
    size_t n = sizeof doc - 1;
    for (size_t k = 0; k <= n; k++) {
        uint8_t *buf = malloc(k + GT_JSON_PAD);
        assert_non_null(buf);
        memcpy(buf, doc, k);
        memset(buf + k, 0, GT_JSON_PAD);
        memset(&f->o, 0, sizeof f->o);
        gt_reader r;
        gt_reader_init(&r, buf, buf, k, &f->arena, &f->err, "");
        int rc = gt_json_decode(&r, &outer_schema, &f->o);
        if (k < n) {
            char text[96];
            assert_int_equal(rc, GT_ESYNTAX);
            assert_string_equal(f->err.message, end_text(doc, k, text, sizeof text));
            assert_int_equal(f->err.offset, k);
        } else {
            assert_int_equal(rc, GT_OK);
            assert_int_equal(f->o.u64, 10737418240u);
            assert_str(f->o.str, "text with \"escapes\" \xc3\xa9");
            assert_int_equal(f->o.list.len, 2);
            assert_int_equal(f->o.env.len, 2);
            assert_int_equal(f->o.hex.len, 2);
            assert_int_equal(f->o.hex.ptr[1], 0xff);
        }
        free(buf);
    }
}

/* Members and elements after a ',', '{' or '[' are found at the learned indentation
 * only when the input has exactly a newline, that many spaces and a non-blank byte
 * there. Every mix of separators (indentation growing, shrinking, missing, tabs, CR,
 * more than 15 spaces, a blank byte where the member should start) at several places,
 * in objects and arrays, decodes to the same values as the compact document, and a
 * misplaced ',' is the same syntax error at the same offset. */
static void test_indentation_guess_checks_the_input(void **state)
{
    fixture *f = *state;
    static const char *seps[] = {
        "",       "\n  ",   "\n    ", "\n      ", "\n", "\n\t", "\n  \t", "\r\n  ",
        "\n                  ", /* 18 spaces */
        "\n   \n  ",           " ",   "\n  \r",
    };
    size_t nseps = sizeof seps / sizeof seps[0];
    char doc[512];
    for (size_t a = 0; a < nseps; a++)
        for (size_t b = 0; b < nseps; b++)
            for (size_t c = 0; c < nseps; c++)
                for (size_t d = 0; d < nseps; d += 3) {
                    /* the object's members: indentation learned after '{' or the first ',' */
                    int n = snprintf(doc, sizeof doc,
                                     "{\n  \"u8\": 1,%s\"u16\": 2,%s\"str\": \"s\",%s\"list\": "
                                     "[\n    {\"n\": 1},%s{\"n\": 2},%s{\"n\": 3}\n  ]}",
                                     seps[a], seps[b], seps[c], seps[d], seps[(a + d) % nseps]);
                    assert_true(n > 0 && (size_t)n < sizeof doc);
                    memset(&f->o, 0, sizeof f->o);
                    assert_int_equal(decode(f, doc), GT_OK);
                    assert_int_equal(f->o.u8, 1);
                    assert_int_equal(f->o.u16, 2);
                    assert_str(f->o.str, "s");
                    assert_int_equal(f->o.list.len, 3);
                    for (uint32_t i = 0; i < 3; i++)
                        assert_int_equal(f->o.list.items[i].n, i + 1);
                    /* a second ',' where a member should start */
                    n = snprintf(doc, sizeof doc, "{\n  \"u8\": 1,%s\"u16\": 2,%s,\"str\": \"s\"}",
                                 seps[a], seps[b]);
                    memset(&f->o, 0, sizeof f->o);
                    assert_int_equal(decode(f, doc), GT_ESYNTAX);
                    assert_string_equal(f->err.message,
                                        "invalid character ',' looking for beginning of object key string");
                    assert_int_equal(f->err.offset, (size_t)(strrchr(doc, ',') - doc));
                }
    /* after '{' and '[': objects (and arrays) at one level are looked for at the
     * indentation last seen there */
    for (size_t a = 0; a < nseps; a++)
        for (size_t b = 0; b < nseps; b++)
            for (size_t c = 0; c < nseps; c++) {
                int n = snprintf(doc, sizeof doc,
                                 "{%s\"list\": [%s{%s\"n\": 1}, {%s\"n\": 2},{%s\"n\": 3}],%s\"in\": {%s\"n\": 4}}",
                                 seps[a], seps[b], seps[a], seps[b], seps[c], seps[c], seps[b]);
                assert_true(n > 0 && (size_t)n < sizeof doc);
                memset(&f->o, 0, sizeof f->o);
                assert_int_equal(decode(f, doc), GT_OK);
                assert_int_equal(f->o.list.len, 3);
                for (uint32_t i = 0; i < 3; i++)
                    assert_int_equal(f->o.list.items[i].n, i + 1);
                assert_int_equal(f->o.in.n, 4);
                /* a ',' where the first member should start */
                n = snprintf(doc, sizeof doc, "{%s\"list\": [{%s\"n\": 1}, {%s,\"n\": 2}]}", seps[a], seps[b],
                             seps[c]);
                memset(&f->o, 0, sizeof f->o);
                assert_int_equal(decode(f, doc), GT_ESYNTAX);
                assert_string_equal(f->err.message,
                                    "invalid character ',' looking for beginning of object key string");
                assert_int_equal(f->err.offset, (size_t)(strrchr(doc, ',') - doc));
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_exact_then_folded_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_repeated_keys_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_arrays_reuse_elements, setup, teardown),
        cmocka_unit_test_setup_teardown(test_null_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_integer_ranges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timestamps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_strings_like_go, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_errors_like_go, setup, teardown),
        cmocka_unit_test_setup_teardown(test_type_error_texts_like_go, setup, teardown),
        cmocka_unit_test_setup_teardown(test_depth_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_text_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_raw_is_verbatim, setup, teardown),
        cmocka_unit_test_setup_teardown(test_escapes_at_every_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_prefix_ends_cleanly, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indentation_guess_checks_the_input, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
