/* ed25519 for gridtypes: libsodium key pairs and signatures, plus a verifier with the exact
 * acceptance rules of Go's crypto/ed25519.Verify, which the node uses.
 *
 * Internal header: not part of the public API (see include/gridtypes/crypto.h). */
#ifndef GT_CRYPTO_ED25519_H
#define GT_CRYPTO_ED25519_H

#include <stddef.h>
#include <stdint.h>

#define GT_ED25519_SEED_BYTES 32
#define GT_ED25519_PUBLIC_BYTES 32
#define GT_ED25519_SECRET_BYTES 64 /* libsodium layout: seed || public key */
#define GT_ED25519_SIGNATURE_BYTES 64

/* Verdicts of gt_ed25519_verify_go. */
enum {
    GT_ED25519_VALID = 0,
    GT_ED25519_INVALID = -1,
    GT_ED25519_PANIC = -2, /* Go panics: "ed25519: bad public key length: N" */
};

/* Verifies like Go's ed25519.Verify(pub, msg, sig) (Go >= 1.17, filippo.io/edwards25519):
 * pub must be 32 bytes (else PANIC), sig 64 bytes with the top three bits of byte 63 clear,
 * s < l, A any point with any encoding Go's decoder accepts (non-canonical y, "-0" x,
 * small or mixed order), and the check is the cofactorless [s]B - [k]A == R, comparing R's
 * canonical encoding to the signature's bytes. */
int gt_ed25519_verify_go(const uint8_t *pk, size_t pk_len, const uint8_t *msg, size_t len,
                         const uint8_t *sig, size_t sig_len);

/* The same verdict computed without libsodium's verifier (exposed for tests: it must agree
 * with gt_ed25519_verify_go on every input with a 32-byte key and 64-byte signature). */
int gt_ed25519_verify_go_slow(const uint8_t pk[32], const uint8_t *msg, size_t len,
                              const uint8_t sig[64]);

/* Key pair from a 32-byte seed (RFC 8032 secret key). */
void gt_ed25519_keypair(uint8_t pk[GT_ED25519_PUBLIC_BYTES], uint8_t sk[GT_ED25519_SECRET_BYTES],
                        const uint8_t seed[GT_ED25519_SEED_BYTES]);

/* Deterministic RFC 8032 signature. */
void gt_ed25519_sign(uint8_t sig[GT_ED25519_SIGNATURE_BYTES], const uint8_t sk[GT_ED25519_SECRET_BYTES],
                     const uint8_t *msg, size_t len);

/* Substrate hard derivation: blake2b-256 of SCALE("Ed25519HDKD", seed, chain code). out may
 * alias seed. */
void gt_ed25519_derive_hard(uint8_t out[GT_ED25519_SEED_BYTES],
                            const uint8_t seed[GT_ED25519_SEED_BYTES], const uint8_t cc[32]);

#endif
