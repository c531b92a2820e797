/* gt_verify_explain: a signature made over the wrong message, with the wrong key type, the
 * wrong twin's key or over a divergent challenge is refused by gt_deployment_verify (the
 * verdict), and the explanation names the mistake. Signatures are made here with //Alice
 * and //Bob over exactly the mistaken message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes.h"

#include <nettle/md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t twin[2];
    uint8_t key[2][32];
    size_t n;
} keys;

static int getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    const keys *k = ctx;
    for (size_t i = 0; i < k->n; i++) {
        if (k->twin[i] == twin && cap >= 32) {
            memcpy(key, k->key[i], 32);
            *len = 32;
            return GT_OK;
        }
    }
    return gt_error_set(err, GT_ENOTFOUND, "key not found");
}

/* A signer that ignores the message it is given and signs `msg` instead. */
typedef struct {
    const gt_keypair *kp;
    const uint8_t *msg;
    size_t len;
} wrong;

static int sign_wrong(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig, size_t cap, size_t *siglen,
                      gt_error *err)
{
    (void)msg;
    (void)len;
    const wrong *w = ctx;
    if (cap < GT_SIGNATURE_BYTES)
        return gt_error_set(err, GT_EARG, "small");
    *siglen = GT_SIGNATURE_BYTES;
    return gt_keypair_sign(w->kp, w->msg, w->len, sig, err);
}

static gt_deployment *parse(const char *json)
{
    gt_deployment *d;
    gt_error err;
    if (gt_deployment_parse(json, strlen(json), &d, &err) != GT_OK)
        fail_msg("parse: %s", err.message);
    return d;
}

static const char zmount[] =
    "{\"version\":0,\"twin_id\":7,\"signature_requirement\":{\"requests\":[{\"twin_id\":7,\"weight\":1},"
    "{\"twin_id\":8,\"weight\":1}],\"weight_required\":1,\"signature_style\":\"%s\"},"
    "\"workloads\":[{\"version\":0,\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":5}}]}";

static gt_deployment *deployment(const char *style)
{
    char json[1024];
    snprintf(json, sizeof json, zmount, style);
    return parse(json);
}

static gt_keypair pair(const char *uri, gt_key_type t)
{
    gt_keypair kp;
    gt_error err;
    assert_int_equal(gt_keypair_from_secret(uri, strlen(uri), t, &kp, &err), GT_OK);
    return kp;
}

/* Signs d for twin 7 over msg with kp (signature_type `type`), verifies with k (the
 * verdict must be a bad signature) and explains. */
static gt_verify_explanation run(gt_deployment *d, const gt_keypair *kp, const char *type, const void *msg,
                                 size_t len, const keys *k)
{
    gt_error err;
    wrong w = {kp, msg, len};
    assert_int_equal(gt_deployment_sign_with(d, 7, sign_wrong, &w, type, &err), GT_OK);
    gt_verify_report rep;
    assert_int_equal(gt_deployment_verify(d, getter, (void *)k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_BAD_SIGNATURE);
    gt_verify_explanation x;
    assert_int_equal(gt_verify_explain(d, getter, (void *)k, &rep, &x, &err), GT_OK);
    char hex[33];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    assert_string_equal(x.checked_hash, hex);
    assert_int_equal(x.twin, 7);
    return x;
}

static void hash_of(const gt_deployment *d, uint8_t h[16], char hex[33])
{
    gt_error err;
    assert_int_equal(gt_deployment_challenge_hash(d, h, &err), GT_OK);
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
}

static void test_forms_and_styles(void **state)
{
    (void)state;
    gt_keypair alice = pair("//Alice", GT_KEY_SR25519);
    keys k = {{7, 8}, {{0}}, 1};
    memcpy(k.key[0], alice.public_key, 32);
    uint8_t h[16];
    char hex[33], wrapped[64];

    /* the hex text of the hash, default style */
    gt_deployment *d = deployment("");
    hash_of(d, h, hex);
    gt_verify_explanation x = run(d, &alice, "sr25519", hex, 32, &k);
    assert_int_equal(x.finding, GT_FINDING_OTHER_FORM);
    assert_int_equal(x.form, GT_MESSAGE_HEX_HASH);
    assert_int_equal(x.expected_form, GT_MESSAGE_RAW_HASH);
    assert_string_equal(x.code, "other-form");
    gt_deployment_free(d);

    /* the <Bytes> wrapper without signature_style */
    d = deployment("");
    hash_of(d, h, hex);
    snprintf(wrapped, sizeof wrapped, "<Bytes>%s</Bytes>", hex);
    x = run(d, &alice, "sr25519", wrapped, strlen(wrapped), &k);
    assert_int_equal(x.finding, GT_FINDING_OTHER_STYLE);
    assert_int_equal(x.form, GT_MESSAGE_WRAPPED_HASH);
    gt_deployment_free(d);

    /* the raw bytes with signature_style polka-wallet */
    d = deployment("polka-wallet");
    hash_of(d, h, hex);
    x = run(d, &alice, "sr25519", h, 16, &k);
    assert_int_equal(x.finding, GT_FINDING_OTHER_STYLE);
    assert_int_equal(x.form, GT_MESSAGE_RAW_HASH);
    assert_int_equal(x.expected_form, GT_MESSAGE_WRAPPED_HASH);
    gt_deployment_free(d);

    /* the challenge text itself */
    d = deployment("");
    char *text;
    size_t len;
    gt_error err;
    assert_int_equal(gt_deployment_challenge(d, &text, &len, &err), GT_OK);
    x = run(d, &alice, "sr25519", text, len, &k);
    assert_int_equal(x.finding, GT_FINDING_OTHER_FORM);
    assert_int_equal(x.form, GT_MESSAGE_CHALLENGE);
    free(text);
    gt_deployment_free(d);
    gt_keypair_wipe(&alice);
}

static void test_keys(void **state)
{
    (void)state;
    gt_keypair alice = pair("//Alice", GT_KEY_SR25519), bob = pair("//Bob", GT_KEY_ED25519);
    uint8_t h[16];
    char hex[33];

    /* an sr25519 signature filed as ed25519 */
    keys k = {{7, 8}, {{0}}, 1};
    memcpy(k.key[0], alice.public_key, 32);
    gt_deployment *d = deployment("");
    hash_of(d, h, hex);
    gt_verify_explanation x = run(d, &alice, "ed25519", h, 16, &k);
    assert_int_equal(x.finding, GT_FINDING_OTHER_KEY_TYPE);
    assert_int_equal(x.key_type, GT_KEY_SR25519);
    assert_int_equal(x.form, GT_MESSAGE_RAW_HASH);
    gt_deployment_free(d);

    /* twin 7's signature made with twin 8's key */
    k.n = 2;
    memcpy(k.key[1], bob.public_key, 32);
    d = deployment("");
    hash_of(d, h, hex);
    x = run(d, &bob, "ed25519", h, 16, &k);
    assert_int_equal(x.finding, GT_FINDING_OTHER_TWIN_KEY);
    assert_int_equal(x.key_twin, 8);
    assert_int_equal(x.key_type, GT_KEY_ED25519);
    gt_deployment_free(d);

    /* nothing: a signature over something else */
    d = deployment("");
    x = run(d, &alice, "sr25519", "something else", 14, &k);
    assert_int_equal(x.finding, GT_FINDING_NONE);
    assert_true(x.tried >= 4 * 2 * 2);
    gt_deployment_free(d);
    gt_keypair_wipe(&alice);
    gt_keypair_wipe(&bob);
}

/* A signature over the hash of the challenge a client with a known divergence writes. */
static void test_divergent_hash(void **state)
{
    (void)state;
    gt_keypair alice = pair("//Alice", GT_KEY_ED25519);
    keys k = {{7, 8}, {{0}}, 1};
    memcpy(k.key[0], alice.public_key, 32);
    gt_deployment *d = parse("{\"version\":0,\"twin_id\":7,\"signature_requirement\":{\"requests\":[{\"twin_id\":7,"
                             "\"weight\":1}],\"weight_required\":1},\"workloads\":[{\"version\":0,\"name\":\"n\","
                             "\"type\":\"network-light\",\"data\":{\"subnet\":\"10.1.2.0/24\","
                             "\"mycelium\":{\"hex_key\":\"00aa\"}}}]}");
    size_t e = gt_divergence_find("nl-port-undefined");
    uint8_t *text;
    size_t len;
    gt_error err;
    assert_int_equal(gt_divergence_apply(d, &e, 1, NULL, &text, &len, &err), GT_OK);
    uint8_t h[16];
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, len, text);
    md5_digest(&m, 16, h);
    free(text);
    gt_verify_explanation x = run(d, &alice, "ed25519", h, 16, &k);
    assert_int_equal(x.finding, GT_FINDING_DIVERGENT_HASH);
    assert_int_equal(x.divergence.nentries, 1);
    assert_int_equal(x.divergence.entries[0], e);
    assert_string_not_equal(x.signed_hash, x.checked_hash);
    gt_deployment_free(d);
    gt_keypair_wipe(&alice);
}

/* A refusal that is not a bad signature has nothing to explain. */
static void test_not_a_signature(void **state)
{
    (void)state;
    keys k = {{7, 8}, {{0}}, 0};
    gt_deployment *d = deployment("");
    gt_verify_report rep;
    gt_error err;
    assert_int_equal(gt_deployment_verify(d, getter, &k, &rep, &err), GT_EVERIFY);
    assert_int_equal(rep.reason, GT_VERIFY_MISSING_REQUIRED);
    gt_verify_explanation x;
    assert_int_equal(gt_verify_explain(d, getter, &k, &rep, &x, &err), GT_OK);
    assert_int_equal(x.finding, GT_FINDING_NOT_SIGNATURE);
    assert_int_equal(gt_verify_explain(d, NULL, &k, &rep, &x, &err), GT_EARG);
    assert_string_equal(gt_message_form_name(GT_MESSAGE_WRAPPED_HASH), "wrapped-hash");
    gt_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms_and_styles),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_divergent_hash),
        cmocka_unit_test(test_not_a_signature),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
