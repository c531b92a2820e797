/* gt_ffi_signing_message + gt_ffi_sign_message + gt_ffi_add_signature: the three steps give
 * what gt_ffi_sign gives (byte for byte with ed25519, verifying with sr25519), for every
 * style, and refuse what they must. */
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

static gt_deployment *parse_example(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/examples/deployment.json", GT_SOURCE_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static uint8_t buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    assert_true(n > 0 && n < sizeof buf);
    gt_deployment *d = NULL;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_parse(buf, n, 0, &d, &err), GT_OK);
    return d;
}

static char *encoded(const gt_deployment *d)
{
    uint8_t *out;
    size_t len;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_encode(d, &out, &len, &err), GT_OK);
    return (char *)out;
}

/* gt_ffi_sign's way and the three steps', on two copies of the example. */
static void sign_both_ways(int32_t type, const char *style, gt_deployment **one, gt_deployment **three)
{
    static const char secret[] = "//Alice";
    gt_ffi_error err;
    *one = parse_example();
    *three = parse_example();
    assert_int_equal(gt_ffi_sign(*one, (const uint8_t *)secret, strlen(secret), type, 7301, style, &err), GT_OK);

    uint8_t msg[64], sig[64], pub[32];
    size_t n = 0;
    char *before = encoded(*three);
    assert_int_equal(gt_ffi_signing_message(*three, style, msg, &n, &err), GT_OK);
    char *after = encoded(*three);
    assert_string_equal(before, after); /* asking changes nothing */
    gt_ffi_free(before);
    gt_ffi_free(after);
    const char *st = style ? style : "";
    assert_int_equal(n, strcmp(st, "polka-wallet") == 0 ? 47 : 16);
    assert_int_equal(gt_ffi_sign_message((const uint8_t *)secret, strlen(secret), type, msg, n, sig, pub, &err),
                     GT_OK);
    uint8_t want_pub[32];
    assert_int_equal(gt_ffi_key((const uint8_t *)secret, strlen(secret), type, want_pub, NULL, &err), GT_OK);
    assert_memory_equal(pub, want_pub, 32);
    assert_int_equal(gt_ffi_add_signature(*three, 7301, type, style, sig, sizeof sig, &err), GT_OK);

    /* the twin's key verifies both */
    gt_ffi_keys *keys = gt_ffi_keys_new();
    assert_int_equal(gt_ffi_keys_add_raw(keys, 7301, pub, 32, &err), GT_OK);
    assert_int_equal(gt_ffi_verify(*one, keys, NULL, NULL, &err), GT_OK);
    assert_int_equal(gt_ffi_verify(*three, keys, NULL, NULL, &err), GT_OK);
    gt_ffi_keys_free(keys);
}

static void test_ed25519_same_bytes_every_style(void **state)
{
    (void)state;
    const char *styles[] = { NULL, "", "polka-wallet" };
    for (size_t i = 0; i < 3; i++) {
        gt_deployment *one, *three;
        sign_both_ways(GT_FFI_KEY_ED25519, styles[i], &one, &three);
        char *a = encoded(one), *b = encoded(three);
        assert_string_equal(a, b); /* ed25519 is deterministic: the very same deployment */
        gt_ffi_free(a);
        gt_ffi_free(b);
        gt_ffi_deployment_free(one);
        gt_ffi_deployment_free(three);
    }
}

static void test_sr25519_verifies_every_style(void **state)
{
    (void)state;
    const char *styles[] = { NULL, "", "polka-wallet" };
    for (size_t i = 0; i < 3; i++) {
        gt_deployment *one, *three;
        sign_both_ways(GT_FFI_KEY_SR25519, styles[i], &one, &three);
        char *b = encoded(three);
        assert_non_null(strstr(b, "\"signature_type\":\"sr25519\""));
        gt_ffi_free(b);
        gt_ffi_deployment_free(one);
        gt_ffi_deployment_free(three);
    }
}

static void test_replacing_keeps_the_type(void **state)
{
    (void)state;
    gt_deployment *d = parse_example();
    gt_ffi_error err;
    uint8_t sig[64];
    memset(sig, 0xab, sizeof sig);
    assert_int_equal(gt_ffi_add_signature(d, 7301, GT_FFI_KEY_SR25519, NULL, sig, sizeof sig, &err), GT_OK);
    memset(sig, 0xcd, sizeof sig);
    assert_int_equal(gt_ffi_add_signature(d, 7301, GT_FFI_KEY_ED25519, NULL, sig, sizeof sig, &err), GT_OK);
    char *e = encoded(d);
    assert_non_null(strstr(e, "\"signature_type\":\"sr25519\"")); /* the reference keeps the old type */
    assert_non_null(strstr(e, "cdcdcdcd"));
    assert_null(strstr(e, "abababab"));
    gt_ffi_free(e);
    gt_ffi_deployment_free(d);
}

static void test_refusals_leave_the_deployment_alone(void **state)
{
    (void)state;
    gt_deployment *d = parse_example();
    char *before = encoded(d);
    gt_ffi_error err;
    uint8_t sig[129] = { 0 }, msg[64];
    size_t n;
    assert_int_equal(gt_ffi_add_signature(d, 7301, 7, "polka-wallet", sig, 64, &err), GT_EARG);
    assert_int_equal(gt_ffi_add_signature(d, 7301, GT_FFI_KEY_ED25519, "polka-wallet", sig, 129, &err), GT_ELIMIT);
    assert_int_equal(gt_ffi_add_signature(d, 7301, GT_FFI_KEY_ED25519, NULL, NULL, 64, &err), GT_EARG);
    assert_int_equal(gt_ffi_add_signature(NULL, 7301, GT_FFI_KEY_ED25519, NULL, sig, 64, &err), GT_EARG);
    assert_int_equal(gt_ffi_signing_message(d, NULL, NULL, &n, &err), GT_EARG);
    assert_int_equal(gt_ffi_signing_message(NULL, NULL, msg, &n, &err), GT_EARG);
    assert_int_equal(gt_ffi_sign_message((const uint8_t *)"//Alice", 7, 9, msg, 16, sig, NULL, &err), GT_EARG);
    assert_int_equal(gt_ffi_sign_message((const uint8_t *)"not a phrase", 12, GT_FFI_KEY_SR25519, msg, 16, sig,
                                         NULL, &err),
                     GT_EKEY);
    assert_null(strstr(err.message, "not a phrase")); /* secrets are never quoted */
    char *after = encoded(d);
    assert_string_equal(before, after);
    gt_ffi_free(before);
    gt_ffi_free(after);

    /* a workload whose data cannot be loaded: no message, and nothing changes */
    static const char bad[] = "{\"workloads\":[{\"type\":\"zmount\",\"name\":\"d\",\"data\":null}]}";
    gt_deployment *b = NULL;
    assert_int_equal(gt_ffi_parse((const uint8_t *)bad, strlen(bad), 0, &b, &err), GT_OK);
    assert_int_equal(gt_ffi_signing_message(b, "polka-wallet", msg, &n, &err), GT_EPANIC);
    assert_int_equal(gt_ffi_add_signature(b, 1, GT_FFI_KEY_ED25519, "polka-wallet", sig, 64, &err), GT_EPANIC);
    char *be = encoded(b);
    assert_non_null(strstr(be, "\"signature_style\":\"\""));
    gt_ffi_free(be);
    gt_ffi_deployment_free(b);
    gt_ffi_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ed25519_same_bytes_every_style),
        cmocka_unit_test(test_sr25519_verifies_every_style),
        cmocka_unit_test(test_replacing_keeps_the_type),
        cmocka_unit_test(test_refusals_leave_the_deployment_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
