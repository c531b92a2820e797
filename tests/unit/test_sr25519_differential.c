/* sr25519 verification: the variable-time verifier the library uses against the
 * constant-time one built from libsodium's operations, on many random keys, messages and
 * signatures, intact and corrupted in every way the reference distinguishes. The two must
 * give the same verdict every time, and the intact signatures must verify. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/merlin.h"
#include "crypto/sr25519.h"

#define ROUNDS 300

static const uint8_t L[32] = { 0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                               0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };

typedef struct {
    uint8_t seed[randombytes_SEEDBYTES];
    uint32_t counter;
} stream;

/* Reproducible test bytes: each call draws from a fresh deterministic stream. */
static void draw(stream *st, uint8_t *out, size_t len)
{
    memcpy(st->seed, &st->counter, sizeof st->counter);
    st->counter++;
    randombytes_buf_deterministic(out, len, st->seed);
}

static uint32_t draw_below(stream *st, uint32_t n)
{
    uint8_t b[4];
    draw(st, b, sizeof b);
    uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return v % n;
}

typedef struct {
    unsigned total, valid;
} tally;

static void compare(tally *t, const char *what, const uint8_t *pk, size_t pk_len,
                    const uint8_t *msg, size_t len, const uint8_t *sig, size_t sig_len)
{
    bool fast = gt_sr25519_verify(pk, pk_len, msg, len, sig, sig_len);
    bool ct = gt_sr25519_verify_ct(pk, pk_len, msg, len, sig, sig_len);
    if (fast != ct) {
        char pk_hex[2 * 40 + 1] = "", sig_hex[2 * 80 + 1] = "";
        sodium_bin2hex(pk_hex, sizeof pk_hex, pk, pk_len < 40 ? pk_len : 40);
        sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sig_len < 80 ? sig_len : 80);
        fail_msg("%s: variable-time %d, constant-time %d (pk %s, sig %s, msg %zu bytes)", what,
                 fast, ct, pk_hex, sig_hex, len);
    }
    t->total++;
    t->valid += fast;
}

/* The schnorrkel challenge for (pk, R, msg), as signer and verifier draw it. */
static void challenge(uint8_t k[32], const uint8_t pk[32], const uint8_t R[32],
                      const uint8_t *msg, size_t len)
{
    gt_merlin t;
    uint8_t wide[64];
    gt_merlin_init(&t, "SigningContext");
    gt_merlin_append(&t, "", (const uint8_t *)"substrate", 9);
    gt_merlin_append(&t, "sign-bytes", msg, len);
    gt_merlin_append(&t, "proto-name", (const uint8_t *)"Schnorr-sig", 11);
    gt_merlin_append(&t, "sign:pk", pk, 32);
    gt_merlin_append(&t, "sign:R", R, 32);
    gt_merlin_challenge(&t, "sign:c", wide, 64);
    crypto_core_ristretto255_scalar_reduce(k, wide);
}

/* A signature with a chosen nonce r over the key bytes pk_bytes as given (which need not be
 * the canonical encoding of x*B): R = r*B, s = r + k*x. */
static void sign_with_nonce(uint8_t sig[64], const uint8_t x[32], const uint8_t pk_bytes[32],
                            const uint8_t r[32], const uint8_t *msg, size_t len)
{
    uint8_t k[32], kx[32];
    if (crypto_scalarmult_ristretto255_base(sig, r) != 0)
        memset(sig, 0, 32);
    challenge(k, pk_bytes, sig, msg, len);
    crypto_core_ristretto255_scalar_mul(kx, k, x);
    crypto_core_ristretto255_scalar_add(sig + 32, kx, r);
    sig[63] |= 0x80;
}

static void one_round(stream *st, tally *t)
{
    uint8_t mini[32], rnd[32], pk[32], sig[64], msg[200], bad[80], bad_pk[40];
    gt_sr25519_secret sk;

    draw(st, mini, sizeof mini);
    gt_sr25519_expand(&sk, mini);
    gt_sr25519_public(pk, &sk);
    /* mostly 32 bytes (a deployment's hash in hex), sometimes anything up to 200 */
    size_t len = draw_below(st, 4) ? 32 : draw_below(st, sizeof msg + 1);
    draw(st, msg, sizeof msg);
    draw(st, rnd, sizeof rnd);
    gt_sr25519_sign_rnd(sig, &sk, pk, msg, len, rnd);

    unsigned before = t->valid;
    compare(t, "intact", pk, 32, msg, len, sig, 64);
    if (t->valid != before + 1)
        fail_msg("an intact signature did not verify");

    /* one bit of the signature, the key or the message flipped */
    memcpy(bad, sig, 64);
    uint32_t bit = draw_below(st, 512);
    bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    compare(t, "signature bit", pk, 32, msg, len, bad, 64);
    memcpy(bad_pk, pk, 32);
    bit = draw_below(st, 256);
    bad_pk[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    compare(t, "key bit", bad_pk, 32, msg, len, sig, 64);
    if (len) {
        uint8_t m2[200];
        memcpy(m2, msg, len);
        bit = draw_below(st, (uint32_t)len * 8);
        m2[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        compare(t, "message bit", pk, 32, m2, len, sig, 64);
        compare(t, "message cut", pk, 32, msg, len - 1, sig, 64);
    }

    /* R: another valid point, its negation, random bytes, the identity */
    uint8_t wide[64];
    draw(st, wide, sizeof wide);
    memcpy(bad, sig, 64);
    crypto_core_ristretto255_from_hash(bad, wide);
    compare(t, "other R", pk, 32, msg, len, bad, 64);
    memcpy(bad, sig, 64);
    uint8_t zero[32] = { 0 };
    assert_int_equal(crypto_core_ristretto255_sub(bad, zero, sig), 0);
    compare(t, "negated R", pk, 32, msg, len, bad, 64);
    memcpy(bad, sig, 64);
    draw(st, bad, 32);
    compare(t, "random R", pk, 32, msg, len, bad, 64);
    memcpy(bad, sig, 64);
    bad[31] |= 0x80;
    compare(t, "R with bit 255", pk, 32, msg, len, bad, 64);

    /* s: plus l (non-canonical), random, zero, l - 1, marker cleared */
    memcpy(bad, sig, 64);
    bad[63] &= 0x7f;
    unsigned carry = 0;
    for (int i = 0; i < 32; i++) {
        carry += (unsigned)bad[32 + i] + L[i];
        bad[32 + i] = (uint8_t)carry;
        carry >>= 8;
    }
    bad[63] |= 0x80;
    compare(t, "s + l", pk, 32, msg, len, bad, 64);
    memcpy(bad, sig, 64);
    draw(st, bad + 32, 32);
    bad[63] |= 0x80;
    compare(t, "random s", pk, 32, msg, len, bad, 64);
    bad[63] &= 0x0f;
    bad[63] |= 0x80;
    compare(t, "random canonical-sized s", pk, 32, msg, len, bad, 64);
    memset(bad + 32, 0, 32);
    bad[63] = 0x80;
    compare(t, "s = 0", pk, 32, msg, len, bad, 64);
    memcpy(bad + 32, L, 32);
    bad[32] -= 1;
    bad[63] |= 0x80;
    compare(t, "s = l - 1", pk, 32, msg, len, bad, 64);
    memcpy(bad, sig, 64);
    bad[63] &= 0x7f;
    compare(t, "marker cleared", pk, 32, msg, len, bad, 64);

    /* the key: random bytes, another valid key, the identity, with bit 255 set */
    draw(st, bad_pk, 32);
    compare(t, "random key", bad_pk, 32, msg, len, sig, 64);
    crypto_core_ristretto255_random(bad_pk);
    compare(t, "other key", bad_pk, 32, msg, len, sig, 64);
    memset(bad_pk, 0, 32);
    compare(t, "identity key", bad_pk, 32, msg, len, sig, 64);
    memcpy(bad_pk, pk, 32);
    bad_pk[31] |= 0x80;
    sign_with_nonce(bad, sk.key, bad_pk, rnd, msg, len); /* a signature made for those bytes */
    compare(t, "key with bit 255", bad_pk, 32, msg, len, bad, 64);

    /* lengths: Go pads or cuts the key to 32 and the signature to 64 bytes */
    uint32_t cut = draw_below(st, 64);
    compare(t, "short signature", pk, 32, msg, len, sig, cut);
    memcpy(bad, sig, 64);
    draw(st, bad + 64, 16);
    compare(t, "long signature", pk, 32, msg, len, bad, 64 + 1 + draw_below(st, 16));
    compare(t, "short key", pk, draw_below(st, 32), msg, len, sig, 64);
    memcpy(bad_pk, pk, 32);
    draw(st, bad_pk + 32, 8);
    compare(t, "long key", bad_pk, 33 + draw_below(st, 8), msg, len, sig, 64);

    /* valid signatures at the edges of the arithmetic: R = identity (nonce 0), and a
     * nonce of l - 1 */
    uint8_t r[32] = { 0 };
    sign_with_nonce(bad, sk.key, pk, r, msg, len);
    before = t->valid;
    compare(t, "identity R", pk, 32, msg, len, bad, 64);
    assert_int_equal(t->valid, before + 1);
    memcpy(r, L, 32);
    r[0] -= 1;
    sign_with_nonce(bad, sk.key, pk, r, msg, len);
    before = t->valid;
    compare(t, "nonce l - 1", pk, 32, msg, len, bad, 64);
    assert_int_equal(t->valid, before + 1);

    sodium_memzero(&sk, sizeof sk);
}

static void test_random_and_corrupted(void **state)
{
    (void)state;
    stream st = { { 0x5e, 0x25, 0x51, 0x9d }, 0 };
    tally t = { 0, 0 };
    for (int i = 0; i < ROUNDS; i++)
        one_round(&st, &t);
    /* five valid signatures a round (intact, padded or cut to size, identity R, nonce
     * l - 1); every corruption is refused */
    assert_int_equal(t.valid, 5 * ROUNDS);
    assert_true(t.total - t.valid >= 18 * ROUNDS);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_and_corrupted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
