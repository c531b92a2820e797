/* The FFI's diagnosis entries: gt_ffi_compare and the locator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gridtypes/diagnose.h"
#include "gridtypes/ffi.h"

/* A deployment whose challenge ends in a workload name and holds an IP, written over
 * several lines so that positions have lines and columns to show. */
static const char DOC[] = "{\n"
                          "  \"version\": 0,\n"
                          "  \"twin_id\": 7,\n"
                          "  \"workloads\": [\n"
                          "    {\"version\": 0, \"name\": \"pip\", \"type\": \"ip\", \"data\": {\"v4\": true}}\n"
                          "  ]\n"
                          "}\n";

static gt_deployment *parse_doc(void)
{
    gt_deployment *d = NULL;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_parse((const uint8_t *)DOC, sizeof DOC - 1, 0, &d, &err), GT_OK);
    return d;
}

static char *compare(gt_deployment *d, const void *theirs, size_t len, uint32_t flags)
{
    char *json = NULL;
    size_t n = 0;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_compare(d, theirs, len, flags, &json, &n, &err), GT_OK);
    assert_int_equal(err.code, GT_OK);
    assert_non_null(json);
    assert_int_equal(strlen(json), n);
    return json;
}

static void test_compare_equal_raw_and_hex(void **state)
{
    (void)state;
    gt_deployment *d = parse_doc();
    uint8_t *ch;
    size_t len;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_challenge(d, &ch, &len, &err), GT_OK);

    char *json = compare(d, ch, len, 0);
    char hash[33], want[256];
    assert_int_equal(gt_ffi_hash_hex(d, hash, &err), GT_OK);
    snprintf(want, sizeof want,
             "{\"equal\":true,\"ours_length\":%zu,\"theirs_length\":%zu,\"theirs_kind\":\"challenge\","
             "\"ours_hash\":\"%s\",\"theirs_hash\":\"\",\"truncated\":false,\"differences\":[]}",
             len, len, hash);
    assert_string_equal(json, want);
    gt_ffi_free(json);

    char *hex = malloc(2 * len + 1);
    for (size_t i = 0; i < len; i++)
        snprintf(hex + 2 * i, 3, "%02X", ch[i]); /* either letter case is read */
    json = compare(d, hex, 2 * len, GT_FFI_COMPARE_HEX);
    assert_string_equal(json, want);
    gt_ffi_free(json);
    free(hex);
    gt_ffi_free(ch);
    gt_ffi_deployment_free(d);
}

static void test_compare_names_field_and_cause(void **state)
{
    (void)state;
    gt_deployment *d = parse_doc();
    uint8_t *ch;
    size_t len;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_challenge(d, &ch, &len, &err), GT_OK);
    uint8_t *theirs = malloc(len + 2);
    memcpy(theirs, ch, len);
    memcpy(theirs + len, "\r\n", 2);
    char *json = compare(d, theirs, len + 2, 0);
    assert_non_null(strstr(json, "\"equal\":false"));
    char lengths[96];
    snprintf(lengths, sizeof lengths, "\"ours_length\":%zu,\"theirs_length\":%zu", len, len + 2);
    assert_non_null(strstr(json, lengths));
    char offsets[64];
    snprintf(offsets, sizeof offsets, "\"ours_offset\":%zu,\"theirs_offset\":%zu", len, len);
    assert_non_null(strstr(json, offsets));
    /* the causes are the library's own, passed through */
    gt_comparison *c;
    gt_error e;
    assert_int_equal(gt_challenge_compare(d, theirs, len + 2, 0, &c, &e), GT_OK);
    assert_true(c->ndiffs >= 1);
    for (size_t i = 0; i < c->diffs[0].ncauses; i++) {
        char code[96];
        snprintf(code, sizeof code, "{\"code\":\"%s\"", c->diffs[0].causes[i].code);
        assert_non_null(strstr(json, code));
    }
    gt_comparison_free(c);
    gt_ffi_free(json);

    /* a byte changed inside the workload's name is blamed on that field */
    memcpy(theirs, ch, len);
    size_t at = len;
    for (size_t i = 0; i + 3 <= len && at == len; i++)
        if (memcmp(theirs + i, "pip", 3) == 0)
            at = i;
    assert_true(at < len);
    theirs[at + 1] = 'X';
    json = compare(d, theirs, len, 0);
    assert_non_null(strstr(json, "\"path\":\"workloads[0].name\""));
    assert_non_null(strstr(json, "\"fragment\":\"pip\""));
    gt_ffi_free(json);
    free(theirs);
    gt_ffi_free(ch);
    gt_ffi_deployment_free(d);
}

static void test_compare_refusals(void **state)
{
    (void)state;
    gt_deployment *d = parse_doc();
    char *json = (char *)1;
    size_t n = 1;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)"0g", 2, GT_FFI_COMPARE_HEX, &json, &n, &err), GT_EVALUE);
    assert_int_equal(err.code, GT_EVALUE);
    assert_true(err.offset == 1);
    assert_null(json);
    assert_int_equal(n, 0);
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)"", 0, 0x80, &json, &n, &err), GT_EARG);
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)"", 0, 0, NULL, &n, &err), GT_EARG);
    gt_ffi_deployment_free(d);

    static const char data_null[] = "{\"twin_id\":1,\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":null}]}";
    assert_int_equal(gt_ffi_parse((const uint8_t *)data_null, sizeof data_null - 1, 0, &d, &err), GT_OK);
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)"x", 1, 0, &json, &n, &err), GT_EPANIC);
    assert_null(json);
    gt_ffi_deployment_free(d);
}

static void test_locator(void **state)
{
    (void)state;
    gt_ffi_locator *l = NULL;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_locator_new((const uint8_t *)DOC, sizeof DOC - 1, &l, &err), GT_OK);
    uint64_t out[4];
    const char *path = "workloads[0].name";
    assert_int_equal(gt_ffi_locator_path(l, path, strlen(path), out, &err), GT_OK);
    assert_int_equal(err.code, GT_OK);
    const char *at = strstr(DOC, "\"pip\"");
    assert_int_equal(out[0], (uint64_t)(at - DOC));
    assert_int_equal(out[1], 5);
    assert_int_equal(out[2], (uint64_t)(at - strstr(DOC, "    {")) + 1);
    assert_int_equal(out[3], strlen(path));

    /* only a prefix exists: pointed at, and said */
    path = "workloads[0].data.v6";
    assert_int_equal(gt_ffi_locator_path(l, path, strlen(path), out, &err), GT_ENOTFOUND);
    assert_int_equal(err.code, GT_ENOTFOUND);
    assert_int_equal(out[0], (uint64_t)(strstr(DOC, "{\"v4\"") - DOC));
    assert_int_equal(out[3], strlen("workloads[0].data"));

    assert_int_equal(gt_ffi_locator_position(l, 0, out, &err), GT_OK);
    assert_int_equal(out[1], 1);
    assert_int_equal(out[2], 1);
    assert_int_equal(gt_ffi_locator_position(l, sizeof DOC, out, &err), GT_EARG);
    gt_ffi_locator_free(l);

    /* the locator keeps its own copy: the caller's bytes may go */
    char *copy = malloc(sizeof DOC);
    memcpy(copy, DOC, sizeof DOC);
    assert_int_equal(gt_ffi_locator_new((const uint8_t *)copy, strlen(copy), &l, &err), GT_OK);
    memset(copy, ' ', strlen(copy));
    free(copy);
    assert_int_equal(gt_ffi_locator_path(l, "twin_id", 7, out, &err), GT_OK);
    assert_int_equal(out[1], 3);
    gt_ffi_locator_free(l);

    /* nothing to point at */
    assert_int_equal(gt_ffi_locator_new((const uint8_t *)"  ", 2, &l, &err), GT_OK);
    assert_int_equal(gt_ffi_locator_path(l, "a", 1, out, &err), GT_ENOTFOUND);
    assert_int_equal(out[0], 0);
    gt_ffi_locator_free(l);
    assert_int_equal(gt_ffi_locator_new(NULL, 3, &l, &err), GT_EARG);
    assert_null(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_equal_raw_and_hex),
        cmocka_unit_test(test_compare_names_field_and_cause),
        cmocka_unit_test(test_compare_refusals),
        cmocka_unit_test(test_locator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
