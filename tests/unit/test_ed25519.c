/* ed25519: RFC 8032 vectors, signatures made by the Go reference, and the places where Go's
 * crypto/ed25519.Verify accepts what libsodium's verifier refuses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/ed25519.h"
#include "gridtypes/crypto.h"

static size_t unhex(uint8_t *out, const char *hex)
{
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
        out[i] = (uint8_t)v;
    }
    return n;
}

static const struct {
    const char *seed, *pk, *msg, *sig;
} RFC8032[] = {
    { "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
    { "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
      "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
    { "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
      "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
};

static void test_rfc8032(void **state)
{
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        uint8_t seed[32], pk[32], want_pk[32], sk[64], msg[8], sig[64], want_sig[64];
        unhex(seed, RFC8032[i].seed);
        unhex(want_pk, RFC8032[i].pk);
        size_t ml = unhex(msg, RFC8032[i].msg);
        unhex(want_sig, RFC8032[i].sig);
        gt_ed25519_keypair(pk, sk, seed);
        assert_memory_equal(pk, want_pk, 32);
        gt_ed25519_sign(sig, sk, msg, ml);
        assert_memory_equal(sig, want_sig, 64);
        assert_int_equal(gt_ed25519_verify_go(pk, 32, msg, ml, sig, 64), GT_ED25519_VALID);
        assert_int_equal(gt_ed25519_verify_go_slow(pk, msg, ml, sig), GT_ED25519_VALID);
        sig[5] ^= 1;
        assert_int_equal(gt_ed25519_verify_go(pk, 32, msg, ml, sig, 64), GT_ED25519_INVALID);
        assert_int_equal(gt_ed25519_verify_go_slow(pk, msg, ml, sig), GT_ED25519_INVALID);
        sodium_memzero(sk, sizeof sk);
    }
}

/* From /work/shared/conformance/signatures (messages: the deployments' MD5 hashes). */
static void test_go_reference_signatures(void **state)
{
    (void)state;
    uint8_t pk[33], msg[16], sig[65];
    /* 0001-ed25519-valid */
    unhex(pk, "d531568bb12f37c370f1ca777641e19ca3a58dcafb817a455233d7a8d84b5343");
    unhex(msg, "81461cdbe76bcfbb12617f512feb9dca");
    unhex(sig, "5de9d8374882826d8408b2fbf2c6706493edd863d412102576f8d4c7ca59d2b428b369fdb7258f572beb2d37f3a868faac07b1e4d34a9fc4ad2de6e8ea7bb40e");
    assert_int_equal(gt_signature_verify(GT_KEY_ED25519, pk, 32, msg, 16, sig, 64, NULL), GT_OK);
    /* 0020, twin 751 */
    unhex(pk, "465f998d5c834b181d166dc2d51def669cc700fe43939327acc6c3712dfa30b8");
    unhex(msg, "651c5d659e925911affb9a7ae849273a");
    unhex(sig, "0f08eab708d22f41a51ccad60c20894a68efbd690d9ad5b79abab4f52d180286b1f5ba82610fb497306e5a3bcbfc3bf8341def84ad4ec59b344812166ab01f0a");
    assert_int_equal(gt_signature_verify(GT_KEY_ED25519, pk, 32, msg, 16, sig, 64, NULL), GT_OK);
    /* 0045-ed25519-sig-65-bytes: Go refuses any length but 64 */
    unhex(pk, "d531568bb12f37c370f1ca777641e19ca3a58dcafb817a455233d7a8d84b5343");
    unhex(msg, "611f5a30b363b24d1abc5fc5ad8b5797");
    unhex(sig, "4cb6ea604613e0e8ed0a50fffea8b18c7e9c8ad273fd7be16231b21317e04d5f13697b00fe8da1c2dd362ab142d823fa2f336bfcd58b9cbbe400e9c076c3530000");
    assert_int_equal(gt_signature_verify(GT_KEY_ED25519, pk, 32, msg, 16, sig, 65, NULL), GT_EVERIFY);
    assert_int_equal(gt_signature_verify(GT_KEY_ED25519, pk, 32, msg, 16, sig, 63, NULL), GT_EVERIFY);
    /* 0036/0037/0038: a key that is not 32 bytes makes Go panic */
    gt_error err;
    assert_int_equal(gt_signature_verify(GT_KEY_ED25519, pk, 31, msg, 16, sig, 64, &err), GT_EPANIC);
    assert_string_equal(err.message, "ed25519: bad public key length: 31");
    pk[32] = 0x43;
    assert_int_equal(gt_signature_verify(GT_KEY_ED25519, pk, 33, msg, 16, sig, 64, &err), GT_EPANIC);
    assert_string_equal(err.message, "ed25519: bad public key length: 33");
    assert_int_equal(gt_signature_verify(GT_KEY_ED25519, NULL, 0, msg, 16, sig, 64, &err), GT_EPANIC);
    assert_string_equal(err.message, "ed25519: bad public key length: 0");
}

static void sig_for(uint8_t sig[64], const uint8_t R[32], unsigned s)
{
    memcpy(sig, R, 32);
    memset(sig + 32, 0, 32);
    sig[32] = (uint8_t)s;
}

/* With the identity as public key, [S]B - [k]A = [S]B whatever the message: Go accepts
 * R = [S]B for any message, in every encoding of the identity Go's decoder takes. libsodium
 * refuses all of these. */
static void test_identity_key_accepted_like_go(void **state)
{
    (void)state;
    uint8_t B2[32], sig[64], two[32] = { 2 };
    crypto_scalarmult_ed25519_base_noclamp(B2, two);
    sig_for(sig, B2, 2);
    const char *keys[] = {
        "0100000000000000000000000000000000000000000000000000000000000000", /* canonical */
        "0100000000000000000000000000000000000000000000000000000000000080", /* x = -0 */
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", /* y = p + 1 */
    };
    for (size_t i = 0; i < 3; i++) {
        uint8_t pk[32];
        unhex(pk, keys[i]);
        assert_int_not_equal(crypto_sign_verify_detached(sig, (const uint8_t *)"any", 3, pk), 0);
        assert_int_equal(gt_ed25519_verify_go(pk, 32, (const uint8_t *)"any", 3, sig, 64), GT_ED25519_VALID);
        assert_int_equal(gt_ed25519_verify_go(pk, 32, (const uint8_t *)"other", 5, sig, 64), GT_ED25519_VALID);
        sig_for(sig, B2, 3);
        assert_int_equal(gt_ed25519_verify_go(pk, 32, (const uint8_t *)"any", 3, sig, 64), GT_ED25519_INVALID);
        sig_for(sig, B2, 2);
    }
}

/* An order-8 point (from the well-known small-order list), checked here. */
static void order8_point(uint8_t T[32])
{
    static const uint8_t id[32] = { 1 };
    uint8_t t2[32], t4[32], t8[32];
    unhex(T, "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
    assert_int_equal(crypto_core_ed25519_add(t2, T, T), 0);
    crypto_core_ed25519_add(t4, t2, t2);
    crypto_core_ed25519_add(t8, t4, t4);
    assert_memory_not_equal(t4, id, 32);
    assert_memory_equal(t8, id, 32);
}

static unsigned k_mod8(const uint8_t R[32], const uint8_t pk[32], const uint8_t *msg, size_t len)
{
    crypto_hash_sha512_state hs;
    uint8_t h[64], k[32];
    crypto_hash_sha512_init(&hs);
    crypto_hash_sha512_update(&hs, R, 32);
    crypto_hash_sha512_update(&hs, pk, 32);
    crypto_hash_sha512_update(&hs, msg, len);
    crypto_hash_sha512_final(&hs, h);
    crypto_core_ed25519_scalar_reduce(k, h);
    return k[0] & 7u;
}

/* A mixed-order key A = aB + T: Go computes R' = R - [k]T, so a signature made with a
 * verifies exactly when k = 0 mod 8. libsodium agrees for such keys (they are canonical and
 * not of small order): the fast and the slow path must give the same, predictable answers. */
static void test_mixed_order_key(void **state)
{
    (void)state;
    uint8_t T[32], a[32], aB[32], A[32], r[32], R[32], k[32], ka[32], sig[64];
    const uint8_t msg[] = "mixed order";
    order8_point(T);
    crypto_core_ed25519_scalar_random(a);
    crypto_scalarmult_ed25519_base_noclamp(aB, a);
    crypto_core_ed25519_add(A, aB, T);
    int seen_valid = 0, seen_invalid = 0;
    for (int i = 0; i < 200 && !(seen_valid && seen_invalid); i++) {
        crypto_core_ed25519_scalar_random(r);
        crypto_scalarmult_ed25519_base_noclamp(R, r);
        crypto_hash_sha512_state hs;
        uint8_t h[64];
        crypto_hash_sha512_init(&hs);
        crypto_hash_sha512_update(&hs, R, 32);
        crypto_hash_sha512_update(&hs, A, 32);
        crypto_hash_sha512_update(&hs, msg, sizeof msg);
        crypto_hash_sha512_final(&hs, h);
        crypto_core_ed25519_scalar_reduce(k, h);
        crypto_core_ed25519_scalar_mul(ka, k, a);
        memcpy(sig, R, 32);
        crypto_core_ed25519_scalar_add(sig + 32, ka, r);
        int want = (k[0] & 7) == 0 ? GT_ED25519_VALID : GT_ED25519_INVALID;
        assert_int_equal(gt_ed25519_verify_go(A, 32, msg, sizeof msg, sig, 64), want);
        assert_int_equal(gt_ed25519_verify_go_slow(A, msg, sizeof msg, sig), want);
        if (want == GT_ED25519_VALID)
            seen_valid = 1;
        else
            seen_invalid = 1;
    }
    assert_true(seen_valid && seen_invalid);
}

/* A small-order key with a small-order R: Go accepts when R = -[k]A; libsodium refuses both
 * small-order inputs. S = 0 so [S]B is the identity. */
static void test_small_order_key_and_R(void **state)
{
    (void)state;
    static const uint8_t id[32] = { 1 };
    uint8_t T[32], multiples[8][32], sig[64], msg[12] = "small order";
    order8_point(T);
    memcpy(multiples[0], id, 32);
    for (int j = 1; j < 8; j++)
        crypto_core_ed25519_add(multiples[j], multiples[j - 1], T);
    int accepted = 0;
    for (uint8_t m = 0; m < 40 && accepted < 3; m++) {
        msg[11] = m;
        for (int j = 0; j < 8; j++) {
            /* R = -[j]T = [8 - j]T; valid iff k = j mod 8 */
            memcpy(sig, multiples[(8 - j) % 8], 32);
            memset(sig + 32, 0, 32);
            unsigned km = k_mod8(sig, T, msg, sizeof msg);
            int want = km == (unsigned)j ? GT_ED25519_VALID : GT_ED25519_INVALID;
            assert_int_equal(gt_ed25519_verify_go(T, 32, msg, sizeof msg, sig, 64), want);
            accepted += want == GT_ED25519_VALID;
            assert_int_not_equal(crypto_sign_verify_detached(sig, msg, sizeof msg, T), 0);
        }
    }
    assert_true(accepted >= 3); /* Go's acceptances were actually exercised */
}

static void test_slow_path_agrees_on_random_inputs(void **state)
{
    (void)state;
    for (int i = 0; i < 64; i++) {
        uint8_t seed[32], pk[32], sk[64], msg[40], sig[64];
        randombytes_buf(seed, sizeof seed);
        randombytes_buf(msg, sizeof msg);
        gt_ed25519_keypair(pk, sk, seed);
        gt_ed25519_sign(sig, sk, msg, sizeof msg);
        if (i % 2)
            sig[(size_t)i % 64] ^= (uint8_t)(1u << (i % 5)); /* stays below the top 3 bits */
        int fast = gt_ed25519_verify_go(pk, 32, msg, sizeof msg, sig, 64);
        int libsodium = crypto_sign_verify_detached(sig, msg, sizeof msg, pk) == 0
                            ? GT_ED25519_VALID : GT_ED25519_INVALID;
        assert_int_equal(fast, libsodium);
        assert_int_equal(gt_ed25519_verify_go_slow(pk, msg, sizeof msg, sig), fast);
    }
}

static void test_scalar_and_bits_checks(void **state)
{
    (void)state;
    uint8_t seed[32] = { 1 }, pk[32], sk[64], sig[64];
    const uint8_t msg[] = "m";
    gt_ed25519_keypair(pk, sk, seed);
    gt_ed25519_sign(sig, sk, msg, 1);
    /* S + l: same scalar, non-canonical: refused (Go's SetCanonicalBytes) */
    static const uint8_t L[32] = { 0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                   0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };
    uint8_t big[64];
    memcpy(big, sig, 64);
    unsigned c = 0;
    for (int i = 0; i < 32; i++) {
        c += (unsigned)big[32 + i] + L[i];
        big[32 + i] = (uint8_t)c;
        c >>= 8;
    }
    assert_int_equal(gt_ed25519_verify_go(pk, 32, msg, 1, big, 64), GT_ED25519_INVALID);
    memcpy(big, sig, 64);
    big[63] |= 0x20;
    assert_int_equal(gt_ed25519_verify_go(pk, 32, msg, 1, big, 64), GT_ED25519_INVALID);
    /* a key that is not a curve point */
    uint8_t bad[32];
    memcpy(bad, pk, 32);
    for (int t = 0; t < 256; t++) {
        bad[0] = (uint8_t)t;
        uint8_t tmp[32];
        if (crypto_core_ed25519_add(tmp, bad, bad) != 0) {
            assert_int_equal(gt_ed25519_verify_go(bad, 32, msg, 1, sig, 64), GT_ED25519_INVALID);
            break;
        }
    }
    sodium_memzero(sk, sizeof sk);
}

static void test_derive_hard_alice(void **state)
{
    (void)state;
    uint8_t seed[32], cc[32], out[32], pk[32], sk[64], want[32];
    unhex(seed, "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    unhex(cc, "14416c6963650000000000000000000000000000000000000000000000000000");
    gt_ed25519_derive_hard(out, seed, cc);
    gt_ed25519_keypair(pk, sk, out);
    unhex(want, "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee");
    assert_memory_equal(pk, want, 32);
    sodium_memzero(sk, sizeof sk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc8032),
        cmocka_unit_test(test_go_reference_signatures),
        cmocka_unit_test(test_identity_key_accepted_like_go),
        cmocka_unit_test(test_mixed_order_key),
        cmocka_unit_test(test_small_order_key_and_R),
        cmocka_unit_test(test_slow_path_agrees_on_random_inputs),
        cmocka_unit_test(test_scalar_and_bits_checks),
        cmocka_unit_test(test_derive_hard_alice),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
