/* Variable-time ristretto255 for checking signatures: decoding, equality and the double
 * scalar multiplication a*P + b*B (B the base point) that a Schnorr check needs, over
 * edwards25519 in extended coordinates with our own field arithmetic (fe25519.h).
 *
 * Everything here takes time that depends on its inputs, so it must only ever see public
 * data (keys, signatures, messages). Signing and key derivation use libsodium's
 * constant-time operations instead.
 *
 * Internal header. Available where the compiler has unsigned __int128
 * (GT_RISTRETTO_VARTIME_AVAILABLE); elsewhere callers keep libsodium's constant-time path. */
#ifndef GT_CRYPTO_RISTRETTO_VARTIME_H
#define GT_CRYPTO_RISTRETTO_VARTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "crypto/fe25519.h"

#if defined(GT_FE25519_AVAILABLE)
#define GT_RISTRETTO_VARTIME_AVAILABLE 1

/* A point of edwards25519 in extended coordinates: x = X/Z, y = Y/Z, x*y = T/Z. A ristretto255
 * element is represented by any point of its coset; gt_ristretto_equal compares elements. */
typedef struct gt_ristretto_point {
    gt_fe X, Y, Z, T;
} gt_ristretto_point;

/* Decodes a ristretto255 encoding as the ristretto255 specification and gtank/ristretto255
 * v0.1.2's Decode (the Go reference's) do: the bytes must be the canonical encoding of a
 * non-negative field element s (bit 255 clear, s < p), and s must map to a point. Returns
 * false, leaving *p unspecified, when they do not. The all-zero string is the identity and
 * decodes. (libsodium 1.0.18's crypto_core_ristretto255_is_valid_point agrees except that
 * it ignores bit 255.) */
bool gt_ristretto_decode(gt_ristretto_point *p, const uint8_t s[32]);

/* Whether p and q represent the same ristretto255 element. */
bool gt_ristretto_equal(const gt_ristretto_point *p, const gt_ristretto_point *q);

/* r = -p. r may alias p. */
void gt_ristretto_negate(gt_ristretto_point *r, const gt_ristretto_point *p);

/* r = a*P + b*B, where a and b are 32-byte little-endian scalars below 2^253 (any value
 * below the group order l qualifies) and B is the ristretto255 base point. Straus'
 * interleaving with width-5 NAF digits for P and width-8 for B (B's odd multiples are
 * computed once per process, thread-safely). Variable time. */
void gt_ristretto_mul_add_base_vartime(gt_ristretto_point *r, const uint8_t a[32],
                                       const gt_ristretto_point *P, const uint8_t b[32]);

/* Whether R == s*B - k*A (the Schnorr verification equation) for scalars k, s below l.
 * The challenge k is first split as c0 = c1 k (mod l) with c0, c1 of about 127 bits, and
 * c1 R == (c1 s) B - c0 A is checked instead (the same thing in a group of prime order), so
 * the chain of doublings is half as long. Variable time. */
bool gt_ristretto_schnorr_check_vartime(const gt_ristretto_point *A, const uint8_t k[32],
                                        const uint8_t s[32], const gt_ristretto_point *R);

#endif
#endif
