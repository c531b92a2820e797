/* Deployment.Sign and Deployment.Verify. */
#include "core/deployment_impl.h"
#include "core/gonet.h"
#include "core/sig_index.h"
#include "gridtypes/signing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_polka(const gt_deployment *d)
{
    gt_str s = d->signature_requirement.signature_style;
    return s.len == 12 && memcmp(s.ptr, "polka-wallet", 12) == 0;
}

int gt_deployment_signing_message(const gt_deployment *d, uint8_t out[64], size_t *len, gt_error *err)
{
    uint8_t hash[GT_HASH_SIZE];
    int rc = gt_deployment_challenge_hash(d, hash, err);
    if (rc != GT_OK)
        return rc;
    if (!is_polka(d)) {
        memcpy(out, hash, sizeof hash);
        *len = sizeof hash;
        return GT_OK;
    }
    memcpy(out, "<Bytes>", 7);
    gt_hex_encode(hash, sizeof hash, (char *)out + 7);
    memcpy(out + 39, "</Bytes>", 8);
    *len = 47;
    return GT_OK;
}

static int refuse(gt_verify_report *rep, gt_verify_reason why, uint32_t twin, gt_error *err, int code,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int refuse(gt_verify_report *rep, gt_verify_reason why, uint32_t twin, gt_error *err, int code,
                  const char *fmt, ...)
{
    if (rep) {
        rep->reason = why;
        rep->twin = twin;
    }
    char msg[GT_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return gt_error_set(err, code, "%s", msg);
}

static int check_requests(const gt_deployment *d, const gt_sig_index *sigs, gt_key_getter getter, void *ctx,
                          const uint8_t *msg, size_t msg_len, gt_verify_report *rep, gt_error *err);

int gt_deployment_verify(const gt_deployment *d, gt_key_getter getter, void *ctx, gt_verify_report *rep,
                         gt_error *err)
{
    gt_error_clear(err);
    if (rep)
        memset(rep, 0, sizeof *rep);
    if (!d || !getter)
        return gt_error_set(err, GT_EARG, "gt_deployment_verify: NULL argument");
    uint8_t msg[64];
    size_t msg_len;
    int rc = gt_deployment_signing_message(d, msg, &msg_len, err);
    if (rc != GT_OK) {
        if (rep)
            rep->reason = GT_VERIFY_HASH;
        return rc;
    }
    const gt_signature_requirement *sr = &d->signature_requirement;
    gt_sig_index sigs;
    if (gt_sig_index_init(&sigs, sr) != GT_OK)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    rc = check_requests(d, &sigs, getter, ctx, msg, msg_len, rep, err);
    gt_sig_index_free(&sigs);
    return rc;
}

/* Deployment.Verify after the message: each request's signature, then the originator
 * and the weight. */
static int check_requests(const gt_deployment *d, const gt_sig_index *sigs, gt_key_getter getter, void *ctx,
                          const uint8_t *msg, size_t msg_len, gt_verify_report *rep, gt_error *err)
{
    const gt_signature_requirement *sr = &d->signature_requirement;
    int rc;
    bool originator = false;
    uint64_t weight = 0;
    for (uint32_t i = 0; i < sr->requests.len; i++) {
        const gt_signature_request *rq = &sr->requests.items[i];
        bool required = rq->required;
        if (rq->twin_id == d->twin_id) {
            originator = true;
            required = true; /* the reference forces the originator's signature */
        }
        const gt_signature *sig = gt_sig_index_first(sigs, rq->twin_id);
        /* the key type this twin's signature asks for (ed25519 without one), reported for
         * every refusal about the twin, its key's lookup included */
        gt_str type = sig ? sig->signature_type : (gt_str){"", 0};
        gt_key_type kt = (type.len == 7 && memcmp(type.ptr, "sr25519", 7) == 0) ? GT_KEY_SR25519 : GT_KEY_ED25519;
        if (rep)
            rep->key_type = kt;
        if (!sig && required)
            return refuse(rep, GT_VERIFY_MISSING_REQUIRED, rq->twin_id, err, GT_EVERIFY,
                          "missing required signature for twin '%u'", rq->twin_id);
        uint8_t key[GT_KEY_MAX];
        size_t key_len = 0;
        gt_error kerr;
        gt_error_clear(&kerr);
        if (getter(ctx, rq->twin_id, key, sizeof key, &key_len, &kerr) != GT_OK)
            return refuse(rep, GT_VERIFY_KEY_NOT_FOUND, rq->twin_id, err, GT_EVERIFY,
                          "failed to get public key for twin '%u': %s", rq->twin_id, kerr.message);
        gt_str hex = sig ? sig->signature : (gt_str){"", 0};
        uint8_t stack_sig[128];
        uint8_t *raw = hex.len / 2 <= sizeof stack_sig ? stack_sig : malloc(hex.len / 2 + 1);
        if (!raw)
            return gt_error_set(err, GT_ENOMEM, "out of memory");
        size_t raw_len = 0;
        gt_hex_err herr;
        if (gt_hex_decode(hex.ptr, hex.len, raw, &raw_len, &herr) != 0) {
            char why[128];
            gt_gobuf b;
            gt_gobuf_init(&b, why, sizeof why);
            gt_hex_error_format(&b, &herr);
            if (raw != stack_sig)
                free(raw);
            return refuse(rep, GT_VERIFY_BAD_HEX, rq->twin_id, err, GT_EVERIFY, "invalid signature: %s", why);
        }
        gt_error verr;
        rc = gt_signature_verify(kt, key, key_len, msg, msg_len, raw, raw_len, &verr);
        if (raw != stack_sig)
            free(raw);
        if (rc == GT_EPANIC)
            return refuse(rep, GT_VERIFY_KEY_PANIC, rq->twin_id, err, GT_EPANIC, "panic: %s", verr.message);
        if (rc != GT_OK)
            return refuse(rep, GT_VERIFY_BAD_SIGNATURE, rq->twin_id, err, GT_EVERIFY,
                          "failed to verify signature");
        weight += rq->weight; /* wraps, like the reference's uint */
    }
    if (!originator)
        return refuse(rep, GT_VERIFY_NO_ORIGINATOR, d->twin_id, err, GT_EVERIFY,
                      "originator twin id must be in the signature requests");
    if (weight < sr->weight_required) {
        if (rep) {
            rep->weight_reached = weight;
            rep->weight_required = sr->weight_required;
        }
        return refuse(rep, GT_VERIFY_WEIGHT, d->twin_id, err, GT_EVERIFY, "required signature weight is not reached");
    }
    return GT_OK;
}

int gt_deployment_sign_with(gt_deployment *d, uint32_t twin, gt_signer_fn signer, void *ctx,
                            const char *type_name, gt_error *err)
{
    gt_error_clear(err);
    if (!d || !signer || !type_name)
        return gt_error_set(err, GT_EARG, "gt_deployment_sign: NULL argument");
    uint8_t msg[64];
    size_t msg_len;
    int rc = gt_deployment_signing_message(d, msg, &msg_len, err);
    if (rc != GT_OK)
        return rc;
    uint8_t sig[128];
    size_t sig_len = 0;
    rc = signer(ctx, msg, msg_len, sig, sizeof sig, &sig_len, err);
    if (rc != GT_OK)
        return rc;
    if (sig_len > sizeof sig) /* a signer that overran its buffer: do not hex past it */
        return gt_error_set(err, GT_EARG, "signer returned %zu bytes, more than the %zu it was given", sig_len,
                            sizeof sig);
    char hex[257];
    gt_hex_encode(sig, sig_len, hex);
    gt_str hs = gt_deployment_strdup(d, hex, 2 * sig_len);
    if (!hs.ptr)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    gt_signature_requirement *sr = &d->signature_requirement;
    for (uint32_t i = 0; i < sr->signatures.len; i++) {
        if (sr->signatures.items[i].twin_id == twin) {
            sr->signatures.items[i].signature = hs; /* the reference keeps the old type */
            return GT_OK;
        }
    }
    gt_arena *a = gt_deployment_arena(d);
    uint32_t n = sr->signatures.len;
    gt_signature *items = gt_arena_alloc(a, (n + 1) * sizeof *items);
    if (!items)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    if (n)
        memcpy(items, sr->signatures.items, n * sizeof *items);
    items[n].twin_id = twin;
    items[n].signature = hs;
    items[n].signature_type = gt_deployment_strdup(d, type_name, strlen(type_name));
    sr->signatures.items = items;
    sr->signatures.len = n + 1;
    sr->signatures.cap = n + 1;
    sr->signatures.set = true;
    return GT_OK;
}

static int keypair_signer(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig, size_t cap, size_t *siglen,
                          gt_error *err)
{
    if (cap < GT_SIGNATURE_BYTES)
        return gt_error_set(err, GT_EARG, "signature buffer too small");
    int rc = gt_keypair_sign(ctx, msg, len, sig, err);
    if (rc == GT_OK)
        *siglen = GT_SIGNATURE_BYTES;
    return rc;
}

int gt_deployment_sign(gt_deployment *d, uint32_t twin, const gt_keypair *kp, gt_error *err)
{
    if (!kp)
        return gt_error_set(err, GT_EARG, "gt_deployment_sign: NULL key pair");
    return gt_deployment_sign_with(d, twin, keypair_signer, (void *)(uintptr_t)kp, gt_key_type_name(kp->type), err);
}
