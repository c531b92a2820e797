/* sr25519: Schnorr signatures over ristretto255 with Merlin transcripts (schnorrkel), as
 * substrate uses them: ed25519-style key expansion, signing context "substrate".
 *
 * Internal header: not part of the public API (see include/gridtypes/crypto.h). */
#ifndef GT_CRYPTO_SR25519_H
#define GT_CRYPTO_SR25519_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GT_SR25519_MINI_BYTES 32
#define GT_SR25519_PUBLIC_BYTES 32
#define GT_SR25519_SIGNATURE_BYTES 64
#define GT_SR25519_CHAIN_CODE_BYTES 32

/* An expanded secret key: `key` is a canonical scalar (< l), `nonce` seeds signing nonces. */
typedef struct gt_sr25519_secret {
    uint8_t key[32];
    uint8_t nonce[32];
} gt_sr25519_secret;

/* Expands a 32-byte mini secret key like schnorrkel's ExpansionMode::Ed25519 (the mode
 * substrate uses): SHA-512, ed25519 clamping of the first half, divided by the cofactor. */
void gt_sr25519_expand(gt_sr25519_secret *out, const uint8_t mini[GT_SR25519_MINI_BYTES]);

/* pk = key * B, compressed ristretto255. */
void gt_sr25519_public(uint8_t pk[GT_SR25519_PUBLIC_BYTES], const gt_sr25519_secret *sk);

/* Signs msg under the "substrate" signing context. The nonce mixes 32 fresh bytes from
 * randombytes with the key's nonce seed (schnorrkel's witness RNG). */
void gt_sr25519_sign(uint8_t sig[GT_SR25519_SIGNATURE_BYTES], const gt_sr25519_secret *sk,
                     const uint8_t pk[GT_SR25519_PUBLIC_BYTES], const uint8_t *msg,
                     size_t len);

/* As gt_sr25519_sign with the 32 "random" bytes supplied: deterministic, for tests. */
void gt_sr25519_sign_rnd(uint8_t sig[GT_SR25519_SIGNATURE_BYTES], const gt_sr25519_secret *sk,
                         const uint8_t pk[GT_SR25519_PUBLIC_BYTES], const uint8_t *msg,
                         size_t len, const uint8_t rnd[32]);

/* Verifies like zosbase's Sr25519VerifyingKey.Verify (go-schnorrkel v1.1.0,
 * gtank/ristretto255 v0.1.2): pk and sig are zero-padded or truncated to 32 and 64 bytes;
 * pk must decode and not be the identity; sig must carry the schnorrkel marker (bit 7 of
 * byte 63), its R must decode and its s be canonical. Returns true when valid. Variable
 * time (all of its inputs are public), through ristretto_vartime.h where available. */
bool gt_sr25519_verify(const uint8_t *pk, size_t pk_len, const uint8_t *msg, size_t len,
                       const uint8_t *sig, size_t sig_len);

/* The same verdicts from libsodium's constant-time ristretto255 operations: the path used
 * where ristretto_vartime.h is not available, and the one the differential test compares
 * gt_sr25519_verify with. */
bool gt_sr25519_verify_ct(const uint8_t *pk, size_t pk_len, const uint8_t *msg, size_t len,
                          const uint8_t *sig, size_t sig_len);

/* Hard derivation (schnorrkel hard_derive_mini_secret_key with an empty index, as substrate
 * calls it): writes the derived mini secret to mini_out (may be NULL) and its expansion to
 * out. out may alias sk. */
void gt_sr25519_derive_hard(gt_sr25519_secret *out, uint8_t mini_out[GT_SR25519_MINI_BYTES],
                            const gt_sr25519_secret *sk,
                            const uint8_t cc[GT_SR25519_CHAIN_CODE_BYTES]);

/* Soft derivation (schnorrkel derived_key_simple with an empty index). The new nonce seed is
 * drawn from the witness RNG with the 32 bytes `rnd` (NULL: randombytes); it never affects
 * the public key. out may alias sk. */
void gt_sr25519_derive_soft(gt_sr25519_secret *out, const gt_sr25519_secret *sk,
                            const uint8_t cc[GT_SR25519_CHAIN_CODE_BYTES], const uint8_t *rnd);

/* The public half of soft derivation: out = pk + scalar * B. Returns false if pk does not
 * decode. */
bool gt_sr25519_derive_public_soft(uint8_t out[GT_SR25519_PUBLIC_BYTES],
                                   const uint8_t pk[GT_SR25519_PUBLIC_BYTES],
                                   const uint8_t cc[GT_SR25519_CHAIN_CODE_BYTES]);

#endif
