/* Deployment.Sign and Verify, both key types and both styles, and their refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes/signing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct keys {
    gt_keypair kp[2];
    uint32_t twin[2];
    int n;
} keys;

static int getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    keys *k = ctx;
    for (int i = 0; i < k->n; i++) {
        if (k->twin[i] == twin && cap >= 32) {
            memcpy(key, k->kp[i].public_key, 32);
            *len = 32;
            return GT_OK;
        }
    }
    return gt_error_set(err, GT_ENOTFOUND, "key not found");
}

static gt_deployment *make(uint32_t twin, const char *style)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"twin_id\":%u,\"signature_requirement\":{\"requests\":[{\"twin_id\":%u,\"weight\":1}],"
             "\"weight_required\":1,\"signature_style\":\"%s\"},\"workloads\":[{\"name\":\"d\",\"type\":"
             "\"zmount\",\"data\":{\"size\":1}}]}",
             twin, twin, style);
    gt_deployment *d;
    gt_error err;
    assert_int_equal(gt_deployment_parse(json, strlen(json), &d, &err), GT_OK);
    return d;
}

static void round_trip(gt_key_type type, const char *style)
{
    keys k = {.n = 1, .twin = {42}};
    gt_error err;
    assert_int_equal(gt_keypair_from_secret("//Alice", 7, type, &k.kp[0], &err), GT_OK);
    gt_deployment *d = make(42, style);
    gt_verify_report rep;
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_MISSING_REQUIRED);
    assert_int_equal(gt_deployment_sign(d, 42, &k.kp[0], &err), GT_OK);
    assert_int_equal(d->signature_requirement.signatures.len, 1);
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_OK);
    /* signing again replaces the entry instead of adding one */
    assert_int_equal(gt_deployment_sign(d, 42, &k.kp[0], &err), GT_OK);
    assert_int_equal(d->signature_requirement.signatures.len, 1);
    /* tampering with a signed field breaks the signature */
    d->description = gt_deployment_strdup(d, "changed", 7);
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_BAD_SIGNATURE);
    assert_int_equal(rep.twin, 42);
    gt_deployment_free(d);
    gt_keypair_wipe(&k.kp[0]);
}

static void test_ed25519_default(void **s) { (void)s; round_trip(GT_KEY_ED25519, ""); }
static void test_ed25519_polka(void **s) { (void)s; round_trip(GT_KEY_ED25519, "polka-wallet"); }
static void test_sr25519_default(void **s) { (void)s; round_trip(GT_KEY_SR25519, ""); }
static void test_sr25519_polka(void **s) { (void)s; round_trip(GT_KEY_SR25519, "polka-wallet"); }

static void test_polka_message(void **state)
{
    (void)state;
    gt_deployment *d = make(1, "polka-wallet");
    uint8_t msg[64];
    size_t len;
    gt_error err;
    assert_int_equal(gt_deployment_signing_message(d, msg, &len, &err), GT_OK);
    assert_int_equal(len, 47);
    assert_memory_equal(msg, "<Bytes>", 7);
    assert_memory_equal(msg + 39, "</Bytes>", 8);
    char hex[GT_HASH_HEX_SIZE];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    assert_memory_equal(msg + 7, hex, 32);
    gt_deployment_free(d);
}

static void test_refusal_reasons(void **state)
{
    (void)state;
    keys k = {.n = 1, .twin = {42}};
    gt_error err;
    gt_verify_report rep;
    assert_int_equal(gt_keypair_from_secret("//Bob", 5, GT_KEY_ED25519, &k.kp[0], &err), GT_OK);
    /* key not found */
    gt_deployment *d = make(7, "");
    assert_int_equal(gt_deployment_sign(d, 7, &k.kp[0], &err), GT_OK);
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_KEY_NOT_FOUND);
    assert_string_equal(err.message, "failed to get public key for twin '7': key not found");
    gt_deployment_free(d);
    /* ... and for an sr25519 signature, the report names sr25519, the type it asked for */
    gt_keypair sr;
    assert_int_equal(gt_keypair_from_secret("//Bob", 5, GT_KEY_SR25519, &sr, &err), GT_OK);
    d = make(7, "");
    assert_int_equal(gt_deployment_sign(d, 7, &sr, &err), GT_OK);
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_KEY_NOT_FOUND);
    assert_int_equal(rep.twin, 7);
    assert_int_equal(rep.key_type, GT_KEY_SR25519);
    gt_keypair_wipe(&sr);
    gt_deployment_free(d);
    /* weights fall short */
    d = make(42, "");
    d->signature_requirement.weight_required = 5;
    assert_int_equal(gt_deployment_sign(d, 42, &k.kp[0], &err), GT_OK);
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_WEIGHT);
    assert_int_equal(rep.weight_reached, 1);
    assert_int_equal(rep.weight_required, 5);
    gt_deployment_free(d);
    /* malformed hex */
    d = make(42, "");
    assert_int_equal(gt_deployment_sign(d, 42, &k.kp[0], &err), GT_OK);
    d->signature_requirement.signatures.items[0].signature = (gt_str){"zz", 2};
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_BAD_HEX);
    gt_deployment_free(d);
    gt_keypair_wipe(&k.kp[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ed25519_default), cmocka_unit_test(test_ed25519_polka),
        cmocka_unit_test(test_sr25519_default), cmocka_unit_test(test_sr25519_polka),
        cmocka_unit_test(test_polka_message),   cmocka_unit_test(test_refusal_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
