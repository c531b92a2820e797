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
    gt_parse_options opts = {0, 0};
    assert_int_equal(gt_deployment_parse_ex(big, len, &opts, &d, &err), GT_ELIMIT);
    free(big);
}

static void limit_input_custom(void **state)
{
    (void)state;
    size_t n = strlen(minimal);
    gt_parse_options opts = {n, 0};
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

/* ---- memory budget ---- */

/* {"workloads":[W,W,...]}: n workloads, each w (a printf format) given its index. */
static char *workloads(const char *w, size_t n, size_t *len)
{
    size_t cap = n * (strlen(w) + 24) + 64, k = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    k += (size_t)snprintf(s, cap, "{\"workloads\":[");
    for (size_t i = 0; i < n; i++) {
        if (i)
            s[k++] = ',';
        k += (size_t)snprintf(s + k, cap - k, w, i);
    }
    k += (size_t)snprintf(s + k, cap - k, "]}");
    *len = k;
    return s;
}

static void limit_memory_default(void **state)
{
    (void)state;
    /* 200,000 workloads written "{}": 600 KB that would take ~200 MB (each one an empty
     * workload and the error its data gives). The default budget is 16 bytes per byte. */
    size_t len;
    char *s = workloads("{}", 200000, &len);
    gt_deployment *d = (gt_deployment *)1;
    gt_error err;
    assert_int_equal(gt_deployment_parse(s, len, &d, &err), GT_ELIMIT);
    assert_null(d);
    char want[160];
    snprintf(want, sizeof want, "the deployment needs more memory than its budget of %zu bytes (input of %zu bytes)",
             len * GT_PARSE_MEMORY_FACTOR, len);
    assert_string_equal(err.message, want);
    assert_true(err.offset > 0 && err.offset < len); /* how far the parse got */
    /* with the budget lifted it parses */
    gt_parse_options opts = {0, SIZE_MAX};
    assert_int_equal(gt_deployment_parse_ex(s, len, &opts, &d, &err), GT_OK);
    assert_int_equal(d->workloads.len, 200000);
    gt_deployment_free(d);
    free(s);
}

static void limit_memory_dense_valid(void **state)
{
    (void)state;
    /* The densest valid deployments (one-line workloads, no spaces) fit the default. */
    static const char *const shapes[] = {
        "{\"name\":\"w%zu\",\"type\":\"ip\",\"data\":{}}",
        "{\"name\":\"w%zu\",\"type\":\"zmount\",\"data\":{\"size\":1}}",
        "{\"name\":\"w%zu\",\"data\":{\"size\":1},\"type\":\"zmount\"}",
        "{\"version\":0,\"name\":\"w%zu\",\"type\":\"ipv4\",\"data\":{}}",
    };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        for (size_t n = 10; n <= 100000; n *= 10) {
            size_t len;
            char *s = workloads(shapes[k], n, &len);
            gt_deployment *d = NULL;
            gt_error err;
            if (gt_deployment_parse(s, len, &d, &err) != GT_OK)
                fail_msg("%s x %zu: %s", shapes[k], n, err.message);
            gt_deployment_free(d);
            free(s);
        }
    }
}

static void limit_memory_custom(void **state)
{
    (void)state;
    /* a budget smaller than the input itself: refused before a byte is decoded */
    const char *json = "{\"version\":1,\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}}]}";
    size_t len = strlen(json);
    gt_parse_options opts = {0, len / 2};
    gt_deployment *d = (gt_deployment *)1;
    gt_error err;
    assert_int_equal(gt_deployment_parse_ex(json, len, &opts, &d, &err), GT_ELIMIT);
    assert_null(d);
    assert_int_equal(err.offset, 0);
    assert_non_null(strstr(err.message, "budget of"));
    /* a budget that holds the copy but not the workloads: refused where it ran out */
    size_t n;
    char *many = workloads("{\"name\":\"w%zu\",\"type\":\"zmount\",\"data\":{\"size\":1}}", 20000, &n);
    opts.max_memory = n * 2;
    assert_int_equal(gt_deployment_parse_ex(many, n, &opts, &d, &err), GT_ELIMIT);
    assert_true(err.offset > 0 && err.offset < n);
    opts.max_memory = n * 12;
    assert_int_equal(gt_deployment_parse_ex(many, n, &opts, &d, &err), GT_OK);
    gt_deployment_free(d);
    free(many);
    /* a map whose key index would not fit: the index counts too */
    size_t cap = 2000000, k = 0;
    char *env = malloc(cap);
    assert_non_null(env);
    k += (size_t)snprintf(env, cap, "{\"workloads\":[{\"name\":\"vm\",\"type\":\"zmachine-light\",\"data\":{\"env\":{");
    for (int i = 0; i < 50000; i++)
        k += (size_t)snprintf(env + k, cap - k, "%s\"%d\":\"\"", i ? "," : "", i);
    k += (size_t)snprintf(env + k, cap - k, "}}}]}");
    opts.max_memory = k * 3;
    assert_int_equal(gt_deployment_parse_ex(env, k, &opts, &d, &err), GT_ELIMIT);
    opts.max_memory = 0;
    assert_int_equal(gt_deployment_parse_ex(env, k, &opts, &d, &err), GT_OK);
    gt_deployment_free(d);
    free(env);
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
        cmocka_unit_test(limit_memory_default),
        cmocka_unit_test(limit_memory_dense_valid),
        cmocka_unit_test(limit_memory_custom),
        cmocka_unit_test(limit_depth_arrays_unknown_field),
        cmocka_unit_test(limit_depth_objects_unknown_field),
        cmocka_unit_test(limit_depth_inside_data),
        cmocka_unit_test(limit_long_string),
        cmocka_unit_test(limit_long_array),
        cmocka_unit_test(limit_error_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
