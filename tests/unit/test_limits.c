/* Limits with clear errors (docs/LIMITS.md): input size, nesting depth, long
 * strings and arrays, long texts in error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"

static const char minimal[] = "{\"version\":0}";

/* ---- input size ---- */

static void limit_input_default(void **state)
{
    (void)state;
    assert_int_equal(GT_PARSE_MAX_INPUT_DEFAULT, (size_t)64 << 20);
    /* One byte over the default: refused before a byte is read (the pages of this
     * buffer are never touched). */
    size_t len = GT_PARSE_MAX_INPUT_DEFAULT + 1;
    char *big = malloc(len);
    assert_non_null(big);
    gt_deployment *d = (gt_deployment *)1;
    gt_error err;
    assert_int_equal(gt_deployment_parse(big, len, &d, &err), GT_ELIMIT);
    assert_null(d);
    assert_int_equal(err.code, GT_ELIMIT);
    assert_int_equal(err.offset, GT_PARSE_MAX_INPUT_DEFAULT);
    assert_string_equal(err.message, "input of 67108865 bytes exceeds the limit of 67108864 bytes");
    /* The same through parse_ex with zero options (0 = the default). */
    gt_parse_options opts = {0};
    assert_int_equal(gt_deployment_parse_ex(big, len, &opts, &d, &err), GT_ELIMIT);
    free(big);
}

static void limit_input_custom(void **state)
{
    (void)state;
    size_t n = strlen(minimal);
    gt_parse_options opts = {n};
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse_ex(minimal, n, &opts, &d, &err), GT_OK);
    gt_deployment_free(d);
    opts.max_input = n - 1;
    assert_int_equal(gt_deployment_parse_ex(minimal, n, &opts, &d, &err), GT_ELIMIT);
    assert_null(d);
    assert_int_equal(err.offset, n - 1);
    /* A caller may also raise the limit above the default (not exercised with 64 MiB of
     * input here: see docs/LIMITS.md for what bounds it). */
    opts.max_input = GT_PARSE_MAX_INPUT_DEFAULT * 2;
    assert_int_equal(gt_deployment_parse_ex(minimal, n, &opts, &d, &err), GT_OK);
    gt_deployment_free(d);
}

/* ---- nesting depth: the reference's encoding/json stops at 10,000 levels ---- */

/* `{"<key>":` + (levels - 1) nested containers + closers + `}`: `levels` levels in all.
 * *opener gets the offset of the last opening bracket. */
static char *nested(const char *key, int levels, char open, char close, size_t *len, size_t *opener)
{
    size_t klen = strlen(key), cap = (size_t)levels * 8 + klen + 64, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s, cap, "{\"%s\":", key);
    for (int i = 1; i < levels; i++) {
        *opener = n;
        s[n++] = open;
        if (open == '{' && i + 1 < levels)
            n += (size_t)snprintf(s + n, cap - n, "\"a\":");
    }
    for (int i = 1; i < levels; i++)
        s[n++] = close;
    s[n++] = '}';
    s[n] = '\0';
    *len = n;
    return s;
}

static void expect_depth(const char *key, char open, char close)
{
    size_t len, at;
    gt_deployment *d = NULL;
    gt_error err;
    char *ok = nested(key, 10000, open, close, &len, &at);
    assert_int_equal(gt_deployment_parse(ok, len, &d, &err), GT_OK);
    gt_deployment_free(d);
    free(ok);
    char *bad = nested(key, 10001, open, close, &len, &at);
    assert_int_equal(gt_deployment_parse(bad, len, &d, &err), GT_ESYNTAX);
    assert_null(d);
    char want[64];
    snprintf(want, sizeof want, "invalid character '%c' exceeded max depth", open);
    assert_string_equal(err.message, want);
    assert_int_equal(err.offset, at); /* the bracket that opens level 10,001 */
    free(bad);
}

static void limit_depth_arrays_unknown_field(void **state)
{
    (void)state;
    expect_depth("deep", '[', ']');
}

static void limit_depth_objects_unknown_field(void **state)
{
    (void)state;
    expect_depth("deep", '{', '}');
}

static void limit_depth_inside_data(void **state)
{
    (void)state;
    /* Inside a workload's raw data the levels of the document count too: 3 levels
     * (document, workloads, workload) then data's own. */
    size_t cap = 200000, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s, cap, "{\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":");
    size_t at = 0;
    for (int i = 0; i < 9998; i++) {
        at = n;
        s[n++] = '[';
    }
    for (int i = 0; i < 9998; i++)
        s[n++] = ']';
    n += (size_t)snprintf(s + n, cap - n, "}]}");
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(s, n, &d, &err), GT_ESYNTAX);
    assert_int_equal(err.offset, at);
    /* One level less parses (the data then fails to load, which is another matter). */
    n = 0;
    n += (size_t)snprintf(s, cap, "{\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":");
    for (int i = 0; i < 9997; i++)
        s[n++] = '[';
    for (int i = 0; i < 9997; i++)
        s[n++] = ']';
    n += (size_t)snprintf(s + n, cap - n, "}]}");
    assert_int_equal(gt_deployment_parse(s, n, &d, &err), GT_OK);
    char hex[GT_HASH_HEX_SIZE];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_EDATA);
    gt_deployment_free(d);
    free(s);
}

/* ---- strings and arrays: bounded by the input size only ---- */

static void limit_long_string(void **state)
{
    (void)state;
    size_t slen = 8u << 20, cap = slen + 64;
    char *s = malloc(cap);
    assert_non_null(s);
    size_t n = (size_t)snprintf(s, cap, "{\"description\":\"");
    memset(s + n, 'x', slen);
    n += slen;
    n += (size_t)snprintf(s + n, cap - n, "\"}");
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(s, n, &d, &err), GT_OK);
    assert_int_equal(d->description.len, slen);
    char *enc = NULL;
    size_t elen = 0;
    assert_int_equal(gt_deployment_encode(d, &enc, &elen, &err), GT_OK);
    assert_true(elen > slen);
    free(enc);
    gt_deployment_free(d);
    free(s);
}

static void limit_long_array(void **state)
{
    (void)state;
    const int count = 200000;
    size_t cap = (size_t)count * 24 + 128, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s, cap, "{\"signature_requirement\":{\"requests\":[");
    for (int i = 0; i < count; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s{\"twin_id\":%d}", i ? "," : "", i);
    n += (size_t)snprintf(s + n, cap - n, "]}}");
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(s, n, &d, &err), GT_OK);
    assert_int_equal(d->signature_requirement.requests.len, (uint32_t)count);
    assert_int_equal(d->signature_requirement.requests.items[count - 1].twin_id, (uint32_t)count - 1);
    gt_deployment_free(d);
    free(s);
}

/* ---- error texts stay bounded whatever the input ---- */

static void limit_error_texts(void **state)
{
    (void)state;
    /* A huge invalid IP in workload data: the message quotes at most a bounded part. */
    size_t blen = 100000, cap = blen + 256, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    n += (size_t)snprintf(s, cap,
                          "{\"workloads\":[{\"name\":\"n\",\"type\":\"network\",\"data\":{\"ip_range\":\"");
    memset(s + n, '9', blen);
    n += blen;
    n += (size_t)snprintf(s + n, cap - n, "\"}}]}");
    gt_deployment *d = NULL;
    gt_error err;
    assert_int_equal(gt_deployment_parse(s, n, &d, &err), GT_OK);
    int rc = gt_deployment_valid(d, &err);
    assert_int_not_equal(rc, GT_OK);
    assert_true(strlen(err.message) < GT_ERROR_MESSAGE_MAX);
    assert_true(strlen(err.path) < GT_ERROR_PATH_MAX);
    gt_deployment_free(d);
    /* A huge unknown key of a syntax error: the offset is exact, the text short. */
    n = (size_t)snprintf(s, cap, "{\"");
    memset(s + n, 'k', blen);
    n += blen;
    n += (size_t)snprintf(s + n, cap - n, "\" 1}");
    assert_int_equal(gt_deployment_parse(s, n, &d, &err), GT_ESYNTAX);
    assert_int_equal(err.offset, blen + 4);
    assert_string_equal(err.message, "invalid character '1' after object key");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(limit_input_default),
        cmocka_unit_test(limit_input_custom),
        cmocka_unit_test(limit_depth_arrays_unknown_field),
        cmocka_unit_test(limit_depth_objects_unknown_field),
        cmocka_unit_test(limit_depth_inside_data),
        cmocka_unit_test(limit_long_string),
        cmocka_unit_test(limit_long_array),
        cmocka_unit_test(limit_error_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
