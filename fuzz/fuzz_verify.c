/* fuzz_verify: Deployment.Verify with a fixed key getter, and Sign -> Verify.
 *
 * Input: one selector byte, then a deployment. The selector's low two bits pick the
 * getter's table (the public keys of the conformance corpus): 0 ed25519 keys,
 * 1 sr25519 keys, 2 keys of the wrong length (33 and 31 bytes: the reference panics
 * for ed25519), 3 a getter that always fails.
 * Properties: no crash; a refusal has a message and a report reason; the verdict is
 * the same twice; then, when the challenge can be computed, the deployment re-signed by
 * a single originator (twin 1, the //Alice ed25519 key, whatever the signature style)
 * verifies.
 * Also, on the raw bytes (selector byte, then 32 bytes of key, 64 of signature, the rest
 * the message): the variable-time sr25519 verifier and the constant-time one agree, on
 * those bytes and on a valid signature of the message by //Alice with the 64 bytes XORed
 * in (a zero mask keeps it valid, which must then verify). */
#include "fuzz_common.h"

#include "core/gonet.h"
#include "crypto/sr25519.h"
#include "gridtypes/crypto.h"
#include "gridtypes/deployment.h"
#include "gridtypes/signing.h"

typedef struct {
    uint32_t twin;
    const char *hex;
} key_row;

static const key_row tables[4][3] = {
    {{727, "d531568bb12f37c370f1ca777641e19ca3a58dcafb817a455233d7a8d84b5343"},
     {739, "2ced1047cec1b30d93dd3421ce7973aa0968f9f396be43262a82f46e27b9e062"},
     {751, "465f998d5c834b181d166dc2d51def669cc700fe43939327acc6c3712dfa30b8"}},
    {{727, "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474f"},
     {739, "888a6468e820df949102e3d2c1acfaad2eb6439a3b320dd27a6c88041d017744"},
     {0, NULL}},
    {{727, "d531568bb12f37c370f1ca777641e19ca3a58dcafb817a455233d7a8d84b534300"},
     {739, "d531568bb12f37c370f1ca777641e19ca3a58dcafb817a455233d7a8d84b53"},
     {751, ""}},
    {{0, NULL}, {0, NULL}, {0, NULL}},
};

typedef struct {
    int table;
    const gt_keypair *alice; /* answers for twin 1 */
} getter_ctx;

static int getter(void *vctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    const getter_ctx *ctx = vctx;
    if (ctx->alice && twin == 1) {
        memcpy(key, ctx->alice->public_key, GT_PUBLIC_KEY_BYTES);
        *len = GT_PUBLIC_KEY_BYTES;
        return GT_OK;
    }
    for (int i = 0; i < 3; i++) {
        const key_row *r = &tables[ctx->table][i];
        if (r->hex && r->twin == twin) {
            size_t n = 0;
            FUZZ_CHECK(strlen(r->hex) / 2 <= cap, "key table entry too long");
            FUZZ_CHECK(gt_hex_decode(r->hex, strlen(r->hex), key, &n, NULL) == 0, "bad key table");
            *len = n;
            return GT_OK;
        }
    }
    return gt_error_set(err, GT_ENOTFOUND, "key not found");
}

static gt_keypair alice, alice_sr;
static int alice_ready;

static void sr25519_agree(const uint8_t *data, size_t size)
{
    if (size < 97)
        return;
    const uint8_t *pk = data + 1, *mask = data + 33, *msg = data + 97;
    size_t len = size - 97;
    bool fast = gt_sr25519_verify(pk, 32, msg, len, mask, 64);
    FUZZ_CHECK(fast == gt_sr25519_verify_ct(pk, 32, msg, len, mask, 64), "sr25519 verifiers disagree");

    uint8_t sig[64];
    bool zero = true;
    gt_error e;
    FUZZ_CHECK(gt_keypair_sign(&alice_sr, msg, len, sig, &e) == GT_OK, "sign: %s", e.message);
    for (int i = 0; i < 64; i++) {
        sig[i] ^= mask[i];
        zero &= mask[i] == 0;
    }
    fast = gt_sr25519_verify(alice_sr.public_key, 32, msg, len, sig, 64);
    FUZZ_CHECK(fast == gt_sr25519_verify_ct(alice_sr.public_key, 32, msg, len, sig, 64),
               "sr25519 verifiers disagree on a masked signature");
    FUZZ_CHECK(!zero || fast, "an intact sr25519 signature does not verify");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (!alice_ready) {
        gt_error e;
        FUZZ_CHECK(gt_keypair_from_secret("//Alice", 7, GT_KEY_ED25519, &alice, &e) == GT_OK, "//Alice: %s",
                   e.message);
        FUZZ_CHECK(gt_keypair_from_secret("//Alice", 7, GT_KEY_SR25519, &alice_sr, &e) == GT_OK,
                   "//Alice: %s", e.message);
        alice_ready = 1;
    }
    sr25519_agree(data, size);
    getter_ctx ctx = {data[0] & 3, NULL};
    gt_deployment *d = NULL;
    gt_error e;
    if (gt_deployment_parse(data + 1, size - 1, &d, &e) != GT_OK)
        return 0;

    gt_verify_report rep1, rep2;
    gt_error e1, e2;
    int rc1 = gt_deployment_verify(d, getter, &ctx, &rep1, &e1);
    int rc2 = gt_deployment_verify(d, getter, &ctx, &rep2, &e2);
    FUZZ_CHECK(rc1 == rc2 && strcmp(e1.message, e2.message) == 0, "two verifications differ");
    FUZZ_CHECK(rc1 == e1.code, "verify status %d, err code %d", rc1, e1.code);
    if (rc1 == GT_OK) {
        FUZZ_CHECK(rep1.reason == GT_VERIFY_OK, "accepted with a reason");
    } else {
        FUZZ_CHECK(e1.message[0], "refusal without message");
        FUZZ_CHECK(rep1.reason != GT_VERIFY_OK || rc1 == GT_ENOMEM, "refusal without a reason (%s)", e1.message);
        FUZZ_CHECK(rc1 == GT_EVERIFY || rc1 == GT_EPANIC || rep1.reason == GT_VERIFY_HASH,
                   "unexpected verify status %d: %s", rc1, e1.message);
    }

    /* Re-signed by a lone originator, it verifies. */
    uint8_t msg[64];
    size_t mlen;
    if (gt_deployment_signing_message(d, msg, &mlen, &e) == GT_OK) {
        d->twin_id = 1;
        d->signature_requirement.requests.len = 0;
        d->signature_requirement.signatures.len = 0;
        d->signature_requirement.weight_required = 1;
        FUZZ_CHECK(gt_deployment_add_request(d, 1, false, 1) == GT_OK, "add_request");
        FUZZ_CHECK(gt_deployment_sign(d, 1, &alice, &e) == GT_OK, "sign: %s", e.message);
        ctx.alice = &alice;
        int rc = gt_deployment_verify(d, getter, &ctx, &rep1, &e);
        FUZZ_CHECK(rc == GT_OK, "a freshly signed deployment does not verify: %s", e.message);
        /* And a flipped signature byte does not. */
        gt_signature *s = &d->signature_requirement.signatures.items[0];
        char *hex = (char *)(uintptr_t)s->signature.ptr;
        hex[0] = hex[0] == '0' ? '1' : '0';
        rc = gt_deployment_verify(d, getter, &ctx, &rep1, &e);
        FUZZ_CHECK(rc == GT_EVERIFY, "a tampered signature verifies");
    }
    gt_deployment_free(d);
    return 0;
}
