/* The diagnosis functions of the flat FFI (gridtypes/ffi.h): their JSON against what the
 * native engines (gridtypes/diagnose.h, tested on their own) find, and their errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gridtypes.h"
#include "gridtypes/ffi.h"

static gt_deployment *parse_example(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GT_SOURCE_DIR, rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    gt_deployment *d = NULL;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_parse((const uint8_t *)buf, n, 0, &d, &err), GT_OK);
    return d;
}

/* Our challenge with the first `what` replaced by `with` (a malloc'd C string). */
static char *edited(const gt_deployment *d, const char *what, const char *with)
{
    uint8_t *text;
    size_t n;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_challenge(d, &text, &n, &err), GT_OK);
    char *at = strstr((char *)text, what);
    assert_non_null(at);
    size_t pre = (size_t)(at - (char *)text), wl = strlen(what), nl = strlen(with);
    char *out = malloc(n - wl + nl + 1);
    memcpy(out, text, pre);
    memcpy(out + pre, with, nl);
    memcpy(out + pre + nl, at + wl, n - pre - wl + 1);
    gt_ffi_free(text);
    return out;
}

static void test_compare(void **state)
{
    (void)state;
    gt_deployment *d = parse_example("examples/deployment.json");
    gt_ffi_error err;
    char *json;
    size_t len;
    uint8_t *text;
    size_t n;
    assert_int_equal(gt_ffi_challenge(d, &text, &n, &err), GT_OK);
    assert_int_equal(gt_ffi_compare(d, text, n, 0, &json, &len, &err), GT_OK);
    assert_int_equal(err.code, GT_OK);
    assert_int_equal(strlen(json), len);
    assert_non_null(strstr(json, "\"equal\":true,\"theirs_kind\":\"challenge\""));
    assert_non_null(strstr(json, "\"differences\":[]"));
    gt_ffi_free(json);
    gt_ffi_free(text);

    char *theirs = edited(d, "10.20.2.5", "::ffff:10.20.2.5");
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)theirs, strlen(theirs), GT_FFI_COMPARE_ALL, &json, &len,
                                    &err),
                     GT_OK);
    assert_non_null(strstr(json, "\"equal\":false"));
    assert_non_null(strstr(json, "\"ours_length\":0,\"theirs_offset\":426,\"theirs_length\":7,\"ours_text\":\"\","
                                 "\"theirs_text\":\"::ffff:\",\"ours_hex\":\"\",\"theirs_hex\":\"3a3a666666663a\","
                                 "\"path\":\"workloads[3].data.network.interfaces[0].ip\",\"fragment_offset\":426,"
                                 "\"fragment_length\":9,\"causes\":[{\"code\":\"ip-unnormalised\""));
    gt_ffi_free(json);
    free(theirs);

    /* a hash given as theirs */
    char hex[33];
    assert_int_equal(gt_ffi_hash_hex(d, hex, &err), GT_OK);
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)hex, 32, 0, &json, &len, &err), GT_OK);
    assert_non_null(strstr(json, "\"equal\":true,\"theirs_kind\":\"hash\""));
    gt_ffi_free(json);

    /* errors */
    json = (char *)1;
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)"zz", 2, GT_FFI_COMPARE_HEX, &json, &len, &err), GT_EVALUE);
    assert_null(json);
    assert_int_equal(err.offset, 0);
    assert_int_equal(gt_ffi_compare(NULL, (const uint8_t *)"", 0, 0, &json, &len, &err), GT_EARG);
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)"", 0, 0, NULL, &len, &err), GT_EARG);
    gt_ffi_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
