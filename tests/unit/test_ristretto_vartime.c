/* The variable-time ristretto255 arithmetic behind sr25519 verification, against libsodium's
 * constant-time ristretto255 (which follows the same specification): decoding accepts
 * exactly the strings libsodium accepts, and a*P + b*B is libsodium's point. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/ristretto_vartime.h"

#if defined(GT_RISTRETTO_VARTIME_AVAILABLE)

/* A reproducible stream of test bytes. */
static void fill(uint8_t *out, size_t len, uint32_t stream, uint32_t index)
{
    uint8_t seed[randombytes_SEEDBYTES] = { 0 };
    memcpy(seed, &stream, sizeof stream);
    memcpy(seed + 4, &index, sizeof index);
    randombytes_buf_deterministic(out, len, seed);
}

static void expect_same_decoding(const uint8_t s[32])
{
    gt_ristretto_point p;
    bool ours = gt_ristretto_decode(&p, s);
    /* libsodium 1.0.18 ignores bit 255 where the specification (and gtank/ristretto255,
     * the Go reference's) requires it clear */
    bool theirs = crypto_core_ristretto255_is_valid_point(s) == 1 && !(s[31] & 0x80);
    if (ours != theirs) {
        char hex[65];
        sodium_bin2hex(hex, sizeof hex, s, 32);
        fail_msg("decoding %s: ours %d, libsodium %d", hex, ours, theirs);
    }
}

/* Little-endian 32 bytes of (2^255 - 19) + delta, or of 2^255 + delta, for small delta. */
static void near_p(uint8_t out[32], int delta, bool power)
{
    /* start from 2^255 - 1 = 0x7fff...ff, then add (delta - 18) or (delta + 1) */
    memset(out, 0xff, 32);
    out[31] = 0x7f;
    int add = power ? delta + 1 : delta - 18;
    int borrow_or_carry = add;
    for (int i = 0; i < 32 && borrow_or_carry != 0; i++) {
        int v = out[i] + borrow_or_carry;
        out[i] = (uint8_t)(v & 0xff);
        borrow_or_carry = v >> 8; /* arithmetic shift: -1 for a borrow */
    }
}

static void test_decode_matches_libsodium(void **state)
{
    (void)state;
    uint8_t s[32];
    for (uint32_t i = 0; i < 20000; i++) { /* random strings: mostly refused */
        fill(s, 32, 1, i);
        expect_same_decoding(s);
        s[31] &= 0x7f; /* canonical-looking and non-negative: refused more subtly */
        s[0] &= 0xfe;
        expect_same_decoding(s);
    }
    for (uint32_t i = 0; i < 2000; i++) { /* valid encodings and near misses */
        uint8_t scalar[32];
        fill(scalar, 32, 2, i);
        scalar[31] &= 0x0f;
        if (crypto_scalarmult_ristretto255_base(s, scalar) != 0)
            continue;
        expect_same_decoding(s);
        uint8_t t[32];
        memcpy(t, s, 32);
        t[31] |= 0x80; /* bit 255 set */
        expect_same_decoding(t);
        memcpy(t, s, 32);
        t[i % 32] ^= (uint8_t)(1u << (i % 8)); /* one bit off */
        expect_same_decoding(t);
    }
    for (int delta = -40; delta <= 40; delta++) { /* around p and 2^255 */
        near_p(s, delta, false);
        expect_same_decoding(s);
        near_p(s, delta, true);
        expect_same_decoding(s);
    }
    for (unsigned v = 0; v < 256; v++) { /* small values, with and without bit 255 */
        memset(s, 0, 32);
        s[0] = (uint8_t)v;
        expect_same_decoding(s);
        s[31] = 0x80;
        expect_same_decoding(s);
    }
    memset(s, 0, 32);
    gt_ristretto_point p;
    assert_true(gt_ristretto_decode(&p, s)); /* the identity */
}

/* expected = a*P + b*B from libsodium's constant-time operations, as an encoding. */
static void libsodium_mul_add(uint8_t out[32], const uint8_t a[32], const uint8_t P[32],
                              const uint8_t b[32])
{
    uint8_t aP[32], bB[32];
    if (crypto_scalarmult_ristretto255(aP, a, P) != 0)
        memset(aP, 0, 32); /* the identity, which libsodium reports as an error */
    if (crypto_scalarmult_ristretto255_base(bB, b) != 0)
        memset(bB, 0, 32);
    assert_int_equal(crypto_core_ristretto255_add(out, aP, bB), 0);
}

static void expect_mul_add(const uint8_t a[32], const uint8_t P[32], const uint8_t b[32])
{
    uint8_t want[32], other[32];
    gt_ristretto_point p, got, w, o;
    assert_true(gt_ristretto_decode(&p, P));
    gt_ristretto_mul_add_base_vartime(&got, a, &p, b);
    libsodium_mul_add(want, a, P, b);
    assert_true(gt_ristretto_decode(&w, want));
    assert_true(gt_ristretto_equal(&got, &w));
    /* and not equal to a different point: want + B */
    uint8_t one[32] = { 1 }, base[32];
    crypto_scalarmult_ristretto255_base(base, one);
    assert_int_equal(crypto_core_ristretto255_add(other, want, base), 0);
    assert_true(gt_ristretto_decode(&o, other));
    assert_false(gt_ristretto_equal(&got, &o));
}

static void test_mul_add_matches_libsodium(void **state)
{
    (void)state;
    static const uint8_t L_MINUS_1[32] = { 0xec, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                           0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };
    uint8_t a[32], b[32], P[32], wide[64];
    for (uint32_t i = 0; i < 300; i++) {
        fill(wide, 64, 3, i);
        crypto_core_ristretto255_scalar_reduce(a, wide);
        fill(wide, 64, 4, i);
        crypto_core_ristretto255_scalar_reduce(b, wide);
        fill(wide, 64, 5, i);
        crypto_core_ristretto255_from_hash(P, wide);
        expect_mul_add(a, P, b);
    }
    /* scalars at the edges: 0, 1, 2, l - 1, and every single bit below 2^253 */
    uint8_t edges[5][32] = { { 0 }, { 1 }, { 2 }, { 0 }, { 0 } };
    memcpy(edges[3], L_MINUS_1, 32);
    memset(edges[4], 0x55, 32);
    edges[4][31] = 0x0f;
    fill(wide, 64, 6, 0);
    crypto_core_ristretto255_from_hash(P, wide);
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            expect_mul_add(edges[i], P, edges[j]);
    for (int bit = 0; bit < 253; bit++) {
        memset(a, 0, 32);
        a[bit / 8] = (uint8_t)(1u << (bit % 8));
        expect_mul_add(a, P, a);
        expect_mul_add(a, P, L_MINUS_1);
    }
    uint8_t identity[32] = { 0 };
    expect_mul_add(L_MINUS_1, identity, edges[4]);
}

/* R = s*B - k*A by libsodium; the check must accept it, and refuse R + B and R with s + 1 */
static void expect_schnorr(const uint8_t x[32], const uint8_t k[32], const uint8_t s[32])
{
    uint8_t A[32], R[32], kx[32], s1[32], one[32] = { 1 }, base[32], R2[32];
    gt_ristretto_point a, r, r2;
    if (crypto_scalarmult_ristretto255_base(A, x) != 0)
        memset(A, 0, 32);
    /* s*B - k*A = (s - k x) * B */
    crypto_core_ristretto255_scalar_mul(kx, k, x);
    crypto_core_ristretto255_scalar_sub(s1, s, kx);
    if (crypto_scalarmult_ristretto255_base(R, s1) != 0)
        memset(R, 0, 32);
    assert_true(gt_ristretto_decode(&a, A));
    assert_true(gt_ristretto_decode(&r, R));
    assert_true(gt_ristretto_schnorr_check_vartime(&a, k, s, &r));
    crypto_scalarmult_ristretto255_base(base, one);
    assert_int_equal(crypto_core_ristretto255_add(R2, R, base), 0);
    assert_true(gt_ristretto_decode(&r2, R2));
    assert_false(gt_ristretto_schnorr_check_vartime(&a, k, s, &r2));
    crypto_core_ristretto255_scalar_add(s1, s, one);
    assert_false(gt_ristretto_schnorr_check_vartime(&a, k, s1, &r));
}

static void test_schnorr_check(void **state)
{
    (void)state;
    uint8_t x[32], k[32], s[32], wide[64];
    for (uint32_t i = 0; i < 300; i++) {
        fill(wide, 64, 8, i);
        crypto_core_ristretto255_scalar_reduce(x, wide);
        fill(wide, 64, 9, i);
        crypto_core_ristretto255_scalar_reduce(k, wide);
        fill(wide, 64, 10, i);
        crypto_core_ristretto255_scalar_reduce(s, wide);
        expect_schnorr(x, k, s);
    }
    /* challenges around the point where the split stops (2^127), tiny and huge ones, and
     * s = 0 */
    fill(wide, 64, 11, 0);
    crypto_core_ristretto255_scalar_reduce(x, wide);
    fill(wide, 64, 12, 0);
    crypto_core_ristretto255_scalar_reduce(s, wide);
    static const uint8_t L_MINUS_1[32] = { 0xec, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                           0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };
    for (int bit = 0; bit < 253; bit++) {
        for (int form = 0; form < 3; form++) {
            memset(k, 0, 32);
            if (form == 1) /* 2^bit - 1 */
                for (int b = 0; b < bit; b++)
                    k[b / 8] |= (uint8_t)(1u << (b % 8));
            if (form != 1)
                k[bit / 8] |= (uint8_t)(1u << (bit % 8));
            if (form == 2)
                k[0] |= 1; /* 2^bit + 1 */
            expect_schnorr(x, k, s);
        }
    }
    memset(k, 0, 32);
    expect_schnorr(x, k, s);
    expect_schnorr(x, L_MINUS_1, s);
    memset(s, 0, 32);
    expect_schnorr(x, L_MINUS_1, s);
    memset(x, 0, 32); /* A = identity */
    expect_schnorr(x, L_MINUS_1, L_MINUS_1);
}

static void test_negate_and_equal(void **state)
{
    (void)state;
    uint8_t P[32], wide[64], zero[32] = { 0 }, one[32] = { 1 };
    gt_ristretto_point p, neg, r, identity;
    fill(wide, 64, 7, 0);
    crypto_core_ristretto255_from_hash(P, wide);
    assert_true(gt_ristretto_decode(&p, P));
    assert_true(gt_ristretto_decode(&identity, zero));
    assert_true(gt_ristretto_equal(&p, &p));
    assert_false(gt_ristretto_equal(&p, &identity));
    gt_ristretto_negate(&neg, &p);
    assert_false(gt_ristretto_equal(&p, &neg));
    /* 1*(-P) + 0*B, plus P, is the identity: check via -P against libsodium's 0 - P */
    gt_ristretto_mul_add_base_vartime(&r, one, &neg, zero);
    uint8_t minus_p[32];
    assert_int_equal(crypto_core_ristretto255_sub(minus_p, zero, P), 0);
    gt_ristretto_point want;
    assert_true(gt_ristretto_decode(&want, minus_p));
    assert_true(gt_ristretto_equal(&r, &want));
    assert_true(gt_ristretto_equal(&neg, &want));
    gt_ristretto_mul_add_base_vartime(&r, zero, &p, zero);
    assert_true(gt_ristretto_equal(&r, &identity));
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_matches_libsodium),
        cmocka_unit_test(test_mul_add_matches_libsodium),
        cmocka_unit_test(test_schnorr_check),
        cmocka_unit_test(test_negate_and_equal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#else

static void test_not_built(void **state)
{
    (void)state;
    skip(); /* no unsigned __int128: the library verifies through libsodium only */
}

int main(void)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_not_built) };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#endif
