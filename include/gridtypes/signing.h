/* gridtypes/signing.h — Deployment.Sign and Deployment.Verify with the reference's rules.
 *
 * Verify (what a node does): the message is the 16-byte ChallengeHash, or for
 * signature_style "polka-wallet" the text "<Bytes>" + hex(hash) + "</Bytes>". For every
 * signature request, in order: the deployment's own twin is always required; the twin's
 * first signature entry is used (none: an empty signature); the key comes from the
 * caller's getter; signature_type "sr25519" selects sr25519, anything else ed25519; the
 * hex signature must decode and verify; weights add up (wrapping, as the reference's
 * uint). Then the originator must have had a request and the weight must be reached. */
#ifndef GRIDTYPES_SIGNING_H
#define GRIDTYPES_SIGNING_H

#include "gridtypes/crypto.h"
#include "gridtypes/deployment.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GT_KEY_MAX 256 /* longest public key a getter may return */

/* The key getter: writes twin's public key (as the chain stores it, any length up to
 * cap) to key and its length to *len. Returns GT_OK, or an error status with err set
 * (for instance GT_ENOTFOUND "key not found"). */
typedef int (*gt_key_getter)(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err);

/* Why a verification was refused (gt_error.code is GT_EVERIFY, or GT_EPANIC where the
 * reference panics: an ed25519 key that is not 32 bytes). */
typedef enum gt_verify_reason {
    GT_VERIFY_OK = 0,
    GT_VERIFY_HASH,              /* the challenge could not be computed */
    GT_VERIFY_MISSING_REQUIRED,  /* a required twin (or the originator) did not sign */
    GT_VERIFY_KEY_NOT_FOUND,     /* the getter failed */
    GT_VERIFY_BAD_HEX,           /* the signature is not valid hex */
    GT_VERIFY_BAD_SIGNATURE,     /* the signature does not verify */
    GT_VERIFY_KEY_PANIC,         /* ed25519 key of the wrong length: the reference panics */
    GT_VERIFY_NO_ORIGINATOR,     /* the deployment's twin has no signature request */
    GT_VERIFY_WEIGHT             /* the weights fall short */
} gt_verify_reason;

/* Details of a refusal, for tools that explain it (all optional). */
typedef struct gt_verify_report {
    gt_verify_reason reason;
    uint32_t twin;           /* the twin concerned (when one is) */
    gt_key_type key_type;    /* the key type used for that twin */
    uint64_t weight_reached; /* for GT_VERIFY_WEIGHT */
    uint64_t weight_required;
} gt_verify_report;

/* Deployment.Verify. GT_OK when the signatures are accepted. report may be NULL. */
int gt_deployment_verify(const gt_deployment *d, gt_key_getter getter, void *ctx, gt_verify_report *report,
                         gt_error *err);

/* The message that signatures must sign for this deployment (see above) into out
 * (at least 16 + 15 + 32 bytes); *len gets its length. */
int gt_deployment_signing_message(const gt_deployment *d, uint8_t out[64], size_t *len, gt_error *err);

/* The signer: signs msg into sig (cap bytes), sets *siglen. */
typedef int (*gt_signer_fn)(void *ctx, const uint8_t *msg, size_t len, uint8_t *sig, size_t cap, size_t *siglen,
                            gt_error *err);

/* Deployment.Sign(twin, signer): signs and stores the hex signature: replaces the
 * signature of an existing entry of `twin` (keeping its signature_type, as the
 * reference) or appends {twin, signature, type_name}. Unlike the reference, which always
 * signs the bare hash, the message is the one Verify will check, so polka-wallet
 * deployments signed here verify. */
int gt_deployment_sign_with(gt_deployment *d, uint32_t twin, gt_signer_fn signer, void *ctx,
                            const char *type_name, gt_error *err);

/* Signs with a key pair (a gt_signer_fn over gt_keypair_sign). */
int gt_deployment_sign(gt_deployment *d, uint32_t twin, const gt_keypair *kp, gt_error *err);

#ifdef __cplusplus
}
#endif
#endif
