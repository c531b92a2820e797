/* Public signing and verification entry points: dispatch on the key type. */
#include <string.h>

#include <sodium.h>

#include "crypto/ed25519.h"
#include "crypto/keys.h"
#include "crypto/sr25519.h"
#include "gridtypes/crypto.h"

const char *gt_key_type_name(gt_key_type type)
{
    return type == GT_KEY_SR25519 ? "sr25519" : "ed25519";
}

int gt_keypair_sign(const gt_keypair *kp, const uint8_t *msg, size_t len,
                    uint8_t sig[GT_SIGNATURE_BYTES], gt_error *err)
{
    int rc;
    if (!kp || !sig || (!msg && len))
        return gt_error_set(err, GT_EARG, "NULL argument");
    if ((rc = gt_crypto_init(err)) != GT_OK)
        return rc;
    static const uint8_t empty[1] = { 0 };
    if (!msg)
        msg = empty;
    switch (kp->type) {
    case GT_KEY_ED25519:
        gt_ed25519_sign(sig, kp->secret, msg, len);
        return GT_OK;
    case GT_KEY_SR25519: {
        gt_sr25519_secret sk;
        memcpy(sk.key, kp->secret, 32);
        memcpy(sk.nonce, kp->secret + 32, 32);
        gt_sr25519_sign(sig, &sk, kp->public_key, msg, len);
        sodium_memzero(&sk, sizeof sk);
        return GT_OK;
    }
    }
    return gt_error_set(err, GT_EARG, "unknown key type %d", (int)kp->type);
}

int gt_signature_verify(gt_key_type type, const uint8_t *pk, size_t pk_len, const uint8_t *msg,
                        size_t len, const uint8_t *sig, size_t sig_len, gt_error *err)
{
    static const uint8_t empty[1] = { 0 };
    int rc;
    if ((!pk && pk_len) || (!msg && len) || (!sig && sig_len))
        return gt_error_set(err, GT_EARG, "NULL argument");
    if ((rc = gt_crypto_init(err)) != GT_OK)
        return rc;
    /* Zero-length inputs may come as NULL; the verifiers below read nothing from them. */
    pk = pk ? pk : empty;
    msg = msg ? msg : empty;
    sig = sig ? sig : empty;
    switch (type) {
    case GT_KEY_ED25519:
        switch (gt_ed25519_verify_go(pk, pk_len, msg, len, sig, sig_len)) {
        case GT_ED25519_VALID:
            return GT_OK;
        case GT_ED25519_PANIC:
            return gt_error_set(err, GT_EPANIC, "ed25519: bad public key length: %zu", pk_len);
        default:
            return gt_error_set(err, GT_EVERIFY, "invalid ed25519 signature");
        }
    case GT_KEY_SR25519:
        if (gt_sr25519_verify(pk, pk_len, msg, len, sig, sig_len))
            return GT_OK;
        return gt_error_set(err, GT_EVERIFY, "invalid sr25519 signature");
    }
    return gt_error_set(err, GT_EARG, "unknown key type %d", (int)type);
}

void gt_keypair_wipe(gt_keypair *kp)
{
    if (kp)
        sodium_memzero(kp, sizeof *kp);
}
