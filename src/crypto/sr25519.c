/* schnorrkel signatures over ristretto255, built from libsodium's ristretto255 group and
 * scalar operations and our Merlin transcripts. Secret-dependent work (signing, key
 * expansion and derivation) only goes through libsodium's constant-time operations; this
 * file never branches on secret bits. Verification handles public data only and uses the
 * variable-time arithmetic of ristretto_vartime.c where the compiler allows it. */
#include "crypto/sr25519.h"

#include <string.h>

#include <sodium.h>

#include "crypto/merlin.h"
#include "crypto/ristretto_vartime.h"

static const char SIGNING_CONTEXT[] = "substrate";

/* Divides a 256-bit little-endian integer by 8: the expanded key was clamped to a multiple of
 * the cofactor, and schnorrkel stores it divided so that key * B on ristretto equals the
 * ed25519 key on the prime-order subgroup. */
static void divide_by_cofactor(uint8_t s[32])
{
    uint8_t carry = 0;
    for (int i = 31; i >= 0; i--) {
        uint8_t low = (uint8_t)(s[i] & 7);
        s[i] = (uint8_t)((s[i] >> 3) | carry);
        carry = (uint8_t)(low << 5);
    }
}

void gt_sr25519_expand(gt_sr25519_secret *out, const uint8_t mini[GT_SR25519_MINI_BYTES])
{
    uint8_t h[64];
    crypto_hash_sha512(h, mini, GT_SR25519_MINI_BYTES);
    h[0] &= 248;
    h[31] &= 63;
    h[31] |= 64;
    divide_by_cofactor(h);
    memcpy(out->key, h, 32);
    memcpy(out->nonce, h + 32, 32);
    sodium_memzero(h, sizeof h);
}

/* libsodium's ristretto scalar multiplications return -1 when the product is the identity.
 * For a point already known to be valid that is a legitimate result, not an error: we keep
 * the identity (all-zero encoding) explicitly instead of trusting what was left in q. */
static void base_mult(uint8_t q[32], const uint8_t n[32])
{
    if (crypto_scalarmult_ristretto255_base(q, n) != 0)
        memset(q, 0, 32);
}

void gt_sr25519_public(uint8_t pk[GT_SR25519_PUBLIC_BYTES], const gt_sr25519_secret *sk)
{
    base_mult(pk, sk->key);
}

/* SigningContext("substrate").bytes(msg) */
static void signing_transcript(gt_merlin *t, const uint8_t *msg, size_t len)
{
    gt_merlin_init(t, "SigningContext");
    gt_merlin_append(t, "", (const uint8_t *)SIGNING_CONTEXT, sizeof SIGNING_CONTEXT - 1);
    gt_merlin_append(t, "sign-bytes", msg, len);
}

static void challenge_scalar(gt_merlin *t, const char *label, uint8_t k[32])
{
    uint8_t wide[64];
    gt_merlin_challenge(t, label, wide, sizeof wide);
    crypto_core_ristretto255_scalar_reduce(k, wide);
}

void gt_sr25519_sign_rnd(uint8_t sig[GT_SR25519_SIGNATURE_BYTES], const gt_sr25519_secret *sk,
                         const uint8_t pk[GT_SR25519_PUBLIC_BYTES], const uint8_t *msg,
                         size_t len, const uint8_t rnd[32])
{
    gt_merlin t;
    uint8_t wide[64], r[32], k[32], kx[32], R[32], s[32];
    const uint8_t *seeds[1] = { sk->nonce };
    const size_t seed_lens[1] = { sizeof sk->nonce };

    signing_transcript(&t, msg, len);
    gt_merlin_append(&t, "proto-name", (const uint8_t *)"Schnorr-sig", 11);
    gt_merlin_append(&t, "sign:pk", pk, 32);
    gt_merlin_witness(&t, "signing", seeds, seed_lens, 1, rnd, wide, sizeof wide);
    crypto_core_ristretto255_scalar_reduce(r, wide);
    base_mult(R, r);
    gt_merlin_append(&t, "sign:R", R, 32);
    challenge_scalar(&t, "sign:c", k);
    crypto_core_ristretto255_scalar_mul(kx, k, sk->key);
    crypto_core_ristretto255_scalar_add(s, kx, r);

    memcpy(sig, R, 32);
    memcpy(sig + 32, s, 32);
    sig[63] |= 0x80; /* schnorrkel marker: tells sr25519 from ed25519 signatures */

    sodium_memzero(&t, sizeof t);
    sodium_memzero(wide, sizeof wide);
    sodium_memzero(r, sizeof r);
    sodium_memzero(kx, sizeof kx);
    sodium_memzero(s, sizeof s);
}

void gt_sr25519_sign(uint8_t sig[GT_SR25519_SIGNATURE_BYTES], const gt_sr25519_secret *sk,
                     const uint8_t pk[GT_SR25519_PUBLIC_BYTES], const uint8_t *msg, size_t len)
{
    uint8_t rnd[32];
    randombytes_buf(rnd, sizeof rnd);
    gt_sr25519_sign_rnd(sig, sk, pk, msg, len, rnd);
    sodium_memzero(rnd, sizeof rnd);
}

/* s < l, the check behind ristretto255 Scalar.Decode (SetCanonicalBytes). */
static bool scalar_is_canonical(const uint8_t s[32])
{
    static const uint8_t L[32] = { 0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                   0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10 };
    for (int i = 31; i >= 0; i--) {
        if (s[i] != L[i])
            return s[i] < L[i];
    }
    return false; /* s == l */
}

/* What both verifiers check before any point arithmetic. Go copies the key and signature
 * into fixed arrays (longer input is cut, shorter input is zero-padded): A and S get those
 * copies, with the schnorrkel marker cleared from S. Returns false when the signature is
 * refused on these grounds. */
static bool verify_prologue(uint8_t A[32], uint8_t S[64], const uint8_t *pk, size_t pk_len,
                            const uint8_t *sig, size_t sig_len)
{
    static const uint8_t identity[32] = { 0 };
    memset(A, 0, 32);
    memset(S, 0, 64);
    memcpy(A, pk, pk_len < 32 ? pk_len : 32);
    memcpy(S, sig, sig_len < 64 ? sig_len : 64);

    /* go-schnorrkel v1.1.0 refuses the point at infinity as a public key. Ristretto
     * encodings are canonical, so the identity is exactly the all-zero string. */
    if (sodium_memcmp(A, identity, 32) == 0)
        return false;
    /* gtank/ristretto255 v0.1.2 refuses an encoding with bit 255 set (it re-encodes and
     * compares); libsodium 1.0.18's ristretto255 decoding ignores that bit, so the
     * constant-time path needs this check for the key (for R its byte compare refuses). */
    if ((A[31] & 0x80) || (S[31] & 0x80))
        return false;
    if (!(S[63] & 0x80))
        return false; /* not marked as a schnorrkel signature */
    S[63] &= 0x7f;
    return scalar_is_canonical(S + 32);
}

/* k = the transcript's challenge over the key and R, as the signer drew it. */
static void verify_challenge(uint8_t k[32], const uint8_t *msg, size_t len, const uint8_t A[32],
                             const uint8_t R[32])
{
    gt_merlin t;
    signing_transcript(&t, msg, len);
    gt_merlin_append(&t, "proto-name", (const uint8_t *)"Schnorr-sig", 11);
    gt_merlin_append(&t, "sign:pk", A, 32);
    gt_merlin_append(&t, "sign:R", R, 32);
    challenge_scalar(&t, "sign:c", k);
}

bool gt_sr25519_verify_ct(const uint8_t *pk, size_t pk_len, const uint8_t *msg, size_t len,
                          const uint8_t *sig, size_t sig_len)
{
    uint8_t A[32], S[64], k[32], sB[32], kA[32], Rp[32];

    if (!verify_prologue(A, S, pk, pk_len, sig, sig_len))
        return false;
    if (!crypto_core_ristretto255_is_valid_point(A))
        return false;
    if (!crypto_core_ristretto255_is_valid_point(S))
        return false; /* R (the all-zero identity is a valid R) */
    verify_challenge(k, msg, len, A, S);

    /* R' = s*B - k*A; both products may be the identity (s = 0 or k = 0), which libsodium
     * reports as failure, so they are computed through helpers that keep the identity. */
    base_mult(sB, S + 32);
    if (crypto_scalarmult_ristretto255(kA, k, A) != 0)
        memset(kA, 0, 32); /* A was validated above: only k*A = identity gets here */
    if (crypto_core_ristretto255_sub(Rp, sB, kA) != 0)
        return false;
    /* Equal ristretto points have equal (canonical) encodings. */
    return sodium_memcmp(Rp, S, 32) == 0;
}

bool gt_sr25519_verify(const uint8_t *pk, size_t pk_len, const uint8_t *msg, size_t len,
                       const uint8_t *sig, size_t sig_len)
{
#if defined(GT_RISTRETTO_VARTIME_AVAILABLE)
    uint8_t A[32], S[64], k[32];
    gt_ristretto_point a, r;

    if (!verify_prologue(A, S, pk, pk_len, sig, sig_len))
        return false;
    if (!gt_ristretto_decode(&a, A) || !gt_ristretto_decode(&r, S))
        return false; /* the key, or R (the all-zero identity is a valid R) */
    verify_challenge(k, msg, len, A, S);

    /* Go's check, R == s*B - k*A (go-schnorrkel compares the elements with Equal), in one
     * variable-time pass: all of it is public. */
    return gt_ristretto_schnorr_check_vartime(&a, k, S + 32, &r);
#else
    return gt_sr25519_verify_ct(pk, pk_len, msg, len, sig, sig_len);
#endif
}

void gt_sr25519_derive_hard(gt_sr25519_secret *out, uint8_t mini_out[GT_SR25519_MINI_BYTES],
                            const gt_sr25519_secret *sk,
                            const uint8_t cc[GT_SR25519_CHAIN_CODE_BYTES])
{
    gt_merlin t;
    uint8_t mini[32];

    gt_merlin_init(&t, "SchnorrRistrettoHDKD");
    gt_merlin_append(&t, "sign-bytes", NULL, 0);
    gt_merlin_append(&t, "chain-code", cc, 32);
    gt_merlin_append(&t, "secret-key", sk->key, 32);
    gt_merlin_challenge(&t, "HDKD-hard", mini, sizeof mini);
    /* schnorrkel also draws a new chain code ("HDKD-chaincode"); substrate discards it. */
    gt_sr25519_expand(out, mini);
    if (mini_out)
        memcpy(mini_out, mini, sizeof mini);
    sodium_memzero(&t, sizeof t);
    sodium_memzero(mini, sizeof mini);
}

/* Shared by the secret and the public soft derivation: the scalar added to the key. */
static void soft_scalar(gt_merlin *t, const uint8_t pk[32], const uint8_t cc[32],
                        uint8_t scalar[32])
{
    gt_merlin_init(t, "SchnorrRistrettoHDKD");
    gt_merlin_append(t, "sign-bytes", NULL, 0);
    gt_merlin_append(t, "chain-code", cc, 32);
    gt_merlin_append(t, "public-key", pk, 32);
    challenge_scalar(t, "HDKD-scalar", scalar);
    uint8_t next_cc[32];
    gt_merlin_challenge(t, "HDKD-chaincode", next_cc, sizeof next_cc);
}

void gt_sr25519_derive_soft(gt_sr25519_secret *out, const gt_sr25519_secret *sk,
                            const uint8_t cc[GT_SR25519_CHAIN_CODE_BYTES], const uint8_t *rnd)
{
    gt_merlin t;
    uint8_t pk[32], scalar[32], nonce[32], own_rnd[32], sk_bytes[64];
    gt_sr25519_public(pk, sk);
    soft_scalar(&t, pk, cc, scalar);

    /* The nonce seed is witness_bytes("HDKD-nonce", [nonce, key || nonce]) after the challenges,
     * as schnorrkel does; it only protects future signatures against a weak RNG. */
    memcpy(sk_bytes, sk->key, 32);
    memcpy(sk_bytes + 32, sk->nonce, 32);
    const uint8_t *seeds[2] = { sk->nonce, sk_bytes };
    const size_t seed_lens[2] = { 32, 64 };
    if (!rnd) {
        randombytes_buf(own_rnd, sizeof own_rnd);
        rnd = own_rnd;
    }
    gt_merlin_witness(&t, "HDKD-nonce", seeds, seed_lens, 2, rnd, nonce, sizeof nonce);

    crypto_core_ristretto255_scalar_add(out->key, sk->key, scalar);
    memcpy(out->nonce, nonce, 32);

    sodium_memzero(&t, sizeof t);
    sodium_memzero(nonce, sizeof nonce);
    sodium_memzero(own_rnd, sizeof own_rnd);
    sodium_memzero(sk_bytes, sizeof sk_bytes);
    sodium_memzero(scalar, sizeof scalar);
}

bool gt_sr25519_derive_public_soft(uint8_t out[GT_SR25519_PUBLIC_BYTES],
                                   const uint8_t pk[GT_SR25519_PUBLIC_BYTES],
                                   const uint8_t cc[GT_SR25519_CHAIN_CODE_BYTES])
{
    gt_merlin t;
    uint8_t scalar[32], sB[32];
    if (!crypto_core_ristretto255_is_valid_point(pk))
        return false;
    soft_scalar(&t, pk, cc, scalar);
    base_mult(sB, scalar);
    return crypto_core_ristretto255_add(out, pk, sB) == 0;
}
