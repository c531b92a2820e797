/* The divergence functions of the flat FFI (gridtypes/ffi.h): the catalogue, the hash
 * search, the explanation in gt_ffi_verify's report, and the parts of gt_ffi_compare's JSON
 * that --all and the spans add; each against what the native engines (gridtypes/diagnose.h,
 * tested on their own) find, and their errors. */
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

#include <nettle/md5.h>

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

static void test_compare_all_and_spans(void **state)
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
    assert_non_null(strstr(json, "\"equal\":true,"));
    assert_non_null(strstr(json, "\"theirs_kind\":\"challenge\""));
    assert_non_null(strstr(json, "\"differences\":[]"));
    gt_ffi_free(json);
    gt_ffi_free(text);

    char *theirs = edited(d, "10.20.2.5", "::ffff:10.20.2.5");
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)theirs, strlen(theirs), GT_FFI_COMPARE_ALL, &json, &len,
                                    &err),
                     GT_OK);
    assert_non_null(strstr(json, "\"equal\":false"));
    assert_non_null(strstr(json, "{\"ours_offset\":426,\"theirs_offset\":426,"
                                 "\"path\":\"workloads[3].data.network.interfaces[0].ip\",\"fragment_offset\":426,"
                                 "\"fragment\":\"10.20.2.5\",\"fragment_length\":9,\"ours_length\":0,"
                                 "\"theirs_length\":7,\"ours_text\":\"\",\"theirs_text\":\"::ffff:\",\"ours_hex\":\"\","
                                 "\"theirs_hex\":\"3a3a666666663a\",\"causes\":[{\"code\":\"ip-unnormalised\""));
    gt_ffi_free(json);
    free(theirs);

    /* a hash given as theirs */
    char hex[33];
    assert_int_equal(gt_ffi_hash_hex(d, hex, &err), GT_OK);
    assert_int_equal(gt_ffi_compare(d, (const uint8_t *)hex, 32, 0, &json, &len, &err), GT_OK);
    assert_non_null(strstr(json, "\"equal\":true,"));
    assert_non_null(strstr(json, "\"theirs_kind\":\"hash\""));
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

static void test_divergences_and_expect(void **state)
{
    (void)state;
    char *json;
    size_t len;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_divergences(&json, &len, &err), GT_OK);
    assert_int_equal(json[0], '[');
    for (size_t i = 0; i < gt_divergence_count(); i++) {
        char name[96];
        snprintf(name, sizeof name, "{\"name\":\"%s\",", gt_divergence_get(i)->name);
        assert_non_null(strstr(json, name));
    }
    gt_ffi_free(json);

    gt_deployment *d = parse_example("examples/deployment.json");
    uint8_t *text;
    size_t n;
    assert_int_equal(gt_ffi_challenge(d, &text, &n, &err), GT_OK);
    /* their hash: the challenge with CR LF, hashed */
    uint8_t h[16];
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, n, text);
    md5_update(&m, 2, (const uint8_t *)"\r\n");
    md5_digest(&m, 16, h);
    gt_ffi_free(text);
    char theirs[33];
    for (int i = 0; i < 16; i++)
        snprintf(theirs + 2 * i, 3, "%02x", h[i]);
    assert_int_equal(gt_ffi_expect(d, theirs, 32, &json, &len, &err), GT_OK);
    assert_non_null(strstr(json, "\"matches\":[{\"divergences\":[{\"name\":\"trailing-crlf\",\"kind\":\"slip\""));
    gt_ffi_free(json);
    /* a hash no divergence gives, then a bad one */
    assert_int_equal(gt_ffi_expect(d, "0x0123456789ABCDEF0123456789abcdef", 34, &json, &len, &err), GT_OK);
    assert_non_null(strstr(json, "\"equal\":false,\"ours\":\""));
    assert_non_null(strstr(json, "\"theirs\":\"0123456789abcdef0123456789abcdef\""));
    assert_non_null(strstr(json, "\"matches\":[]}"));
    gt_ffi_free(json);
    char hex[33];
    assert_int_equal(gt_ffi_hash_hex(d, hex, &err), GT_OK);
    assert_int_equal(gt_ffi_expect(d, hex, 32, &json, &len, &err), GT_OK);
    assert_non_null(strstr(json, "\"equal\":true"));
    gt_ffi_free(json);
    json = (char *)1;
    assert_int_equal(gt_ffi_expect(d, "xyz", 3, &json, &len, &err), GT_EVALUE);
    assert_null(json);
    gt_ffi_deployment_free(d);
}

/* A signer that signs the hex text of the hash instead of its bytes. */
static int sign_hex(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig, size_t cap, size_t *siglen,
                    gt_error *err)
{
    (void)cap;
    char hex[33];
    for (size_t i = 0; i < 16 && i < len; i++)
        snprintf(hex + 2 * i, 3, "%02x", msg[i]);
    *siglen = 64;
    return gt_keypair_sign(ctx, (const uint8_t *)hex, 32, sig, err);
}

static void test_verify_report_explains(void **state)
{
    (void)state;
    gt_deployment *d = parse_example("examples/deployment.json");
    gt_keypair kp;
    gt_error e;
    assert_int_equal(gt_keypair_from_secret("//Alice", 7, GT_KEY_ED25519, &kp, &e), GT_OK);
    assert_int_equal(gt_deployment_sign_with(d, d->twin_id, sign_hex, &kp, "ed25519", &e), GT_OK);
    gt_ffi_keys *t = gt_ffi_keys_new();
    gt_ffi_error err;
    assert_int_equal(gt_ffi_keys_add_raw(t, d->twin_id, kp.public_key, 32, &err), GT_OK);
    char *json;
    size_t len;
    assert_int_equal(gt_ffi_verify(d, t, &json, &len, &err), GT_EVERIFY);
    assert_non_null(strstr(json, "\"reason\":\"bad_signature\""));
    assert_non_null(strstr(json, ",\"explanation\":{\"code\":\"other-form\",\"text\":\""));
    assert_non_null(strstr(json, "\"expected_message\":\"raw-hash\""));
    assert_non_null(strstr(json, "\"message\":\"hex-hash\",\"key_type\":\"ed25519\",\"key_twin\":7301"));
    gt_ffi_free(json);

    /* a refusal that is not a bad signature has no explanation */
    gt_ffi_keys *empty = gt_ffi_keys_new();
    assert_int_equal(gt_ffi_verify(d, empty, &json, &len, &err), GT_EVERIFY);
    assert_non_null(strstr(json, "\"reason\":\"key_not_found\""));
    assert_null(strstr(json, "explanation"));
    gt_ffi_free(json);
    gt_ffi_keys_free(empty);
    gt_ffi_keys_free(t);
    gt_keypair_wipe(&kp);
    gt_ffi_deployment_free(d);
}

static void test_lint(void **state)
{
    (void)state;
    gt_deployment *d = parse_example("examples/deployment.json");
    char *json;
    size_t len;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_lint(d, &json, &len, &err), GT_OK);
    assert_int_equal(err.code, GT_OK);
    assert_non_null(strstr(json, "{\"findings\":[{\"code\":\"key-case\","
                                 "\"path\":\"workloads[3].data.network.mycelium.Network\",\"offset\":"));
    assert_non_null(strstr(json, "\"fix\":\"write the key as \\\"Network\\\"\"}],\"more\":0}"));
    gt_ffi_free(json);
    gt_ffi_deployment_free(d);
    d = parse_example("examples/workloads/zmount.json");
    assert_int_equal(gt_ffi_lint(d, &json, &len, &err), GT_OK);
    assert_string_equal(json, "{\"findings\":[],\"more\":0}");
    gt_ffi_free(json);
    assert_int_equal(gt_ffi_lint(d, NULL, &len, &err), GT_EARG);
    gt_ffi_deployment_free(d);
}

static void test_encode_canonical(void **state)
{
    (void)state;
    gt_deployment *d = parse_example("examples/deployment.json");
    uint8_t *json;
    size_t len;
    gt_ffi_error err;
    assert_int_equal(gt_ffi_encode_canonical(d, &json, &len, &err), GT_OK);
    assert_int_equal(strlen((char *)json), len);
    /* the mycelium network's key in Go's spelling; the hash unchanged */
    assert_non_null(strstr((char *)json, "\"mycelium\":{\"Network\":\"mynet\""));
    gt_deployment *c;
    assert_int_equal(gt_ffi_parse(json, len, 0, &c, &err), GT_OK);
    char h1[33], h2[33];
    assert_int_equal(gt_ffi_hash_hex(d, h1, &err), GT_OK);
    assert_int_equal(gt_ffi_hash_hex(c, h2, &err), GT_OK);
    assert_string_equal(h1, h2);
    gt_ffi_free(json);
    gt_ffi_deployment_free(c);
    assert_int_equal(gt_ffi_encode_canonical(NULL, &json, &len, &err), GT_EARG);
    gt_ffi_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compare_all_and_spans),
        cmocka_unit_test(test_divergences_and_expect),
        cmocka_unit_test(test_verify_report_explains),
        cmocka_unit_test(test_lint),
        cmocka_unit_test(test_encode_canonical),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
