/* ed25519 with Go's verification semantics.
 *
 * libsodium's crypto_sign_verify_detached is stricter than Go's crypto/ed25519.Verify:
 *   - it refuses public keys with a non-canonical encoding (y >= p), which Go reduces;
 *   - it refuses small-order public keys and small-order R, which Go accepts;
 * Both compute the same cofactorless equation over the same hash input otherwise, so a
 * signature libsodium accepts is one Go accepts. When libsodium refuses, we recompute Go's
 * verdict with libsodium's group operations (crypto_core_ed25519_add/sub decode any point on
 * the curve, whatever its order or encoding). Verification handles public data only, so the
 * variable-time code below is fine. */
#include "crypto/ed25519.h"

#include <string.h>

#include <sodium.h>

static const uint8_t IDENTITY[32] = { 1 }; /* (0, 1): y = 1, x positive */

/* s < l, as Go's SetCanonicalBytes (and libsodium) require of the signature's s. */
static int scalar_is_canonical(const uint8_t s[32])
{
    static const uint8_t L[32] = { 0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                   0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10 };
    for (int i = 31; i >= 0; i--) {
        if (s[i] != L[i])
            return s[i] < L[i];
    }
    return 0;
}

int gt_ed25519_verify_go_slow(const uint8_t pk[32], const uint8_t *msg, size_t len,
                              const uint8_t sig[64])
{
    uint8_t A[32], A8[32], h[64], k[32], q[32], qA8[32], mA[32], kA[32], sB[32], Rp[32];
    crypto_hash_sha512_state hs;

    if (sig[63] & 0xe0)
        return GT_ED25519_INVALID;
    if (!scalar_is_canonical(sig + 32))
        return GT_ED25519_INVALID;
    /* Decoding: adding the identity re-encodes A canonically and fails if A is not a point. */
    if (crypto_core_ed25519_add(A, pk, IDENTITY) != 0)
        return GT_ED25519_INVALID;

    /* k = SHA-512(R || pk || msg) mod l, over the key bytes as given (Go hashes them raw). */
    crypto_hash_sha512_init(&hs);
    crypto_hash_sha512_update(&hs, sig, 32);
    crypto_hash_sha512_update(&hs, pk, 32);
    crypto_hash_sha512_update(&hs, msg, len);
    crypto_hash_sha512_final(&hs, h);
    crypto_core_ed25519_scalar_reduce(k, h);

    /* [k]A for any A, including small and mixed order: write k = 8q + m with m < 8; then
     * [k]A = [q]([8]A) + [m]A. [8]A lies in the prime-order subgroup, where libsodium's
     * scalar multiplication works; [m]A is at most seven additions. */
    crypto_core_ed25519_add(A8, A, A);
    crypto_core_ed25519_add(A8, A8, A8);
    crypto_core_ed25519_add(A8, A8, A8);
    unsigned m = k[0] & 7u;
    uint8_t carry = 0;
    for (int i = 31; i >= 0; i--) { /* q = k >> 3 */
        q[i] = (uint8_t)((k[i] >> 3) | carry);
        carry = (uint8_t)(k[i] << 5);
    }
    if (memcmp(A8, IDENTITY, 32) == 0 || sodium_is_zero(q, 32))
        memcpy(qA8, IDENTITY, 32);
    else if (crypto_scalarmult_ed25519_noclamp(qA8, q, A8) != 0)
        return GT_ED25519_INVALID; /* unreachable: 0 < q < l and A8 has order l */
    memcpy(mA, IDENTITY, 32);
    for (unsigned i = 0; i < m; i++)
        crypto_core_ed25519_add(mA, mA, A);
    crypto_core_ed25519_add(kA, qA8, mA);

    /* [s]B; libsodium reports s = 0 (product = identity) as failure. */
    if (crypto_scalarmult_ed25519_base_noclamp(sB, sig + 32) != 0)
        memcpy(sB, IDENTITY, 32);
    crypto_core_ed25519_sub(Rp, sB, kA);
    /* Go compares the canonical encoding of the result with R's bytes as sent. */
    return memcmp(Rp, sig, 32) == 0 ? GT_ED25519_VALID : GT_ED25519_INVALID;
}

int gt_ed25519_verify_go(const uint8_t *pk, size_t pk_len, const uint8_t *msg, size_t len,
                         const uint8_t *sig, size_t sig_len)
{
    if (pk_len != GT_ED25519_PUBLIC_BYTES)
        return GT_ED25519_PANIC;
    if (sig_len != GT_ED25519_SIGNATURE_BYTES || (sig[63] & 0xe0))
        return GT_ED25519_INVALID;
    if (crypto_sign_verify_detached(sig, msg, len, pk) == 0)
        return GT_ED25519_VALID;
    /* libsodium refused: either the signature is bad, or it hit one of libsodium's extra
     * rules. Only Go's own rules decide. */
    return gt_ed25519_verify_go_slow(pk, msg, len, sig);
}

void gt_ed25519_keypair(uint8_t pk[GT_ED25519_PUBLIC_BYTES], uint8_t sk[GT_ED25519_SECRET_BYTES],
                        const uint8_t seed[GT_ED25519_SEED_BYTES])
{
    crypto_sign_seed_keypair(pk, sk, seed);
}

void gt_ed25519_sign(uint8_t sig[GT_ED25519_SIGNATURE_BYTES], const uint8_t sk[GT_ED25519_SECRET_BYTES],
                     const uint8_t *msg, size_t len)
{
    crypto_sign_detached(sig, NULL, msg, len, sk);
}

void gt_ed25519_derive_hard(uint8_t out[GT_ED25519_SEED_BYTES],
                            const uint8_t seed[GT_ED25519_SEED_BYTES], const uint8_t cc[32])
{
    /* SCALE of the tuple (&str, [u8; 32], [u8; 32]): compact length 11 (11 << 2 = 0x2c), the
     * string bytes, then the two fixed arrays without length prefixes. */
    static const uint8_t tag[12] = { 0x2c, 'E', 'd', '2', '5', '5', '1', '9', 'H', 'D', 'K', 'D' };
    uint8_t buf[sizeof tag + 64];
    memcpy(buf, tag, sizeof tag);
    memcpy(buf + sizeof tag, seed, 32);
    memcpy(buf + sizeof tag + 32, cc, 32);
    crypto_generichash(out, 32, buf, sizeof buf, NULL, 0);
    sodium_memzero(buf, sizeof buf);
}
