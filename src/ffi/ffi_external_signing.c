/* gt_ffi_sign in three steps, for keys that live elsewhere than the deployment: the message
 * to sign, a signature made from a secret URI, and storing a signature made anywhere. */
#include "ffi/ffi_internal.h"

#include <string.h>

#include "gridtypes/crypto.h"
#include "gridtypes/deployment.h"
#include "gridtypes/signing.h"

int32_t gt_ffi_signing_message(gt_deployment *d, const char *style, uint8_t out[64], size_t *len,
                               gt_ffi_error *err)
{
    if (!d || !out || !len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_signing_message: NULL argument");
    gt_str before;
    int32_t rc = gt_fi_set_style(d, style, &before, err);
    if (rc != GT_OK)
        return rc;
    gt_error e;
    rc = gt_deployment_signing_message(d, out, len, &e);
    d->signature_requirement.signature_style = before;
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_sign_message(const uint8_t *secret, size_t len, int32_t key_type, const uint8_t *msg,
                            size_t msg_len, uint8_t sig[64], uint8_t pub[32], gt_ffi_error *err)
{
    if ((!secret && len) || (!msg && msg_len) || !sig)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_sign_message: NULL argument");
    gt_keypair kp;
    int32_t rc = gt_fi_keypair(secret, len, key_type, "gt_ffi_sign_message", &kp, err);
    if (rc != GT_OK)
        return rc;
    gt_error e;
    static const uint8_t empty[1] = { 0 };
    rc = gt_keypair_sign(&kp, msg ? msg : empty, msg_len, sig, &e);
    if (rc == GT_OK && pub)
        memcpy(pub, kp.public_key, GT_PUBLIC_KEY_BYTES);
    gt_keypair_wipe(&kp);
    return gt_fi_done(err, rc, &e);
}

/* A gt_signer_fn that hands over a signature made beforehand. */
typedef struct given_signature {
    const uint8_t *sig;
    size_t len;
} given_signature;

static int give_signature(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig, size_t cap, size_t *siglen,
                          gt_error *err)
{
    const given_signature *g = ctx;
    (void)msg;
    (void)len;
    if (g->len > cap)
        return gt_error_set(err, GT_ELIMIT, "a signature of %zu bytes, more than %zu", g->len, cap);
    if (g->len)
        memcpy(sig, g->sig, g->len);
    *siglen = g->len;
    return GT_OK;
}

int32_t gt_ffi_add_signature(gt_deployment *d, uint32_t twin, int32_t key_type, const char *style,
                             const uint8_t *sig, size_t sig_len, gt_ffi_error *err)
{
    if (!d || (!sig && sig_len))
        return gt_fi_fail(err, GT_EARG, "gt_ffi_add_signature: NULL argument");
    int type = gt_fi_key_type(key_type);
    if (type < 0)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_add_signature: unknown key type %d", (int)key_type);
    if (sig_len > 128)
        return gt_fi_fail(err, GT_ELIMIT, "gt_ffi_add_signature: a signature of %zu bytes, more than 128", sig_len);
    gt_str before;
    int32_t rc = gt_fi_set_style(d, style, &before, err);
    if (rc != GT_OK)
        return rc;
    given_signature g = { sig, sig_len };
    gt_error e;
    rc = gt_deployment_sign_with(d, twin, give_signature, &g, gt_key_type_name((gt_key_type)type), &e);
    if (rc != GT_OK)
        d->signature_requirement.signature_style = before; /* a failure leaves d as it was */
    return gt_fi_done(err, rc, &e);
}
