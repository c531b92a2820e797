/* sr25519: published schnorrkel/substrate vectors, signatures made by the Go reference (from
 * the conformance corpus), deterministic signing, and the Go verifier's edge cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/merlin.h"
#include "crypto/sr25519.h"
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

/* Both verifiers: the variable-time one the library uses and the constant-time one built
 * from libsodium's operations. They must agree on every input; returns their verdict. */
static bool verify_both(const uint8_t *pk, size_t pk_len, const uint8_t *msg, size_t len,
                        const uint8_t *sig, size_t sig_len)
{
    bool fast = gt_sr25519_verify(pk, pk_len, msg, len, sig, sig_len);
    bool ct = gt_sr25519_verify_ct(pk, pk_len, msg, len, sig, sig_len);
    if (fast != ct)
        fail_msg("variable-time verifier says %d, constant-time one %d", fast, ct);
    return fast;
}

static void public_of_mini(uint8_t pk[32], const char *mini_hex)
{
    uint8_t mini[32];
    gt_sr25519_secret sk;
    unhex(mini, mini_hex);
    gt_sr25519_expand(&sk, mini);
    gt_sr25519_public(pk, &sk);
}

/* polkadot wasm-crypto test vectors (sr25519KeypairFromSeed) and sp-core's
 * sr_test_vector_should_work: mini secret -> public key with Ed25519 expansion. */
static void test_expand_vectors(void **state)
{
    (void)state;
    uint8_t pk[32], want[32];
    gt_sr25519_secret sk;

    gt_sr25519_expand(&sk, (const uint8_t *)"12345678901234567890123456789012");
    gt_sr25519_public(pk, &sk);
    unhex(want, "741c08a06f41c596608f6774259bd9043304adfa5d3eea62760bd9be97634d63");
    assert_memory_equal(pk, want, 32);

    public_of_mini(pk, "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    unhex(want, "44a996beb1eef7bdcab976ab6d2ca26104834164ecf28fb375600576fcc6eb0f");
    assert_memory_equal(pk, want, 32);

    /* The dev phrase's mini secret. wasm-crypto prints the secret in "ed25519 form": the key
     * times the cofactor (i.e. the clamped SHA-512 half), then the nonce. */
    uint8_t mini[32], key8[32], nonce[32];
    unhex(mini, "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    gt_sr25519_expand(&sk, mini);
    gt_sr25519_public(pk, &sk);
    unhex(want, "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a");
    assert_memory_equal(pk, want, 32);
    uint8_t carry = 0;
    for (int i = 0; i < 32; i++) { /* key << 3 */
        key8[i] = (uint8_t)((sk.key[i] << 3) | carry);
        carry = (uint8_t)(sk.key[i] >> 5);
    }
    unhex(want, "28b0ae221c6bb06856b287f60d7ea0d98552ea5a16db16956849aa371db3eb51");
    assert_memory_equal(key8, want, 32);
    unhex(nonce, "fd190cce74df356432b410bd64682309d6dedb27c76845daf388557cbac3ca34");
    assert_memory_equal(sk.nonce, nonce, 32);
}

/* wasm-crypto sr25519_deriveHardKnown / deriveSoftKnown / deriveSoftPubkey. */
static void test_derive_vectors(void **state)
{
    (void)state;
    uint8_t mini[32], cc[32], pk[32], base_pk[32], want[32], derived_mini[32];
    gt_sr25519_secret sk, d;
    unhex(mini, "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    gt_sr25519_expand(&sk, mini);
    gt_sr25519_public(base_pk, &sk);

    unhex(cc, "14416c6963650000000000000000000000000000000000000000000000000000"); /* "Alice" */
    gt_sr25519_derive_hard(&d, derived_mini, &sk, cc);
    gt_sr25519_public(pk, &d);
    unhex(want, "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    assert_memory_equal(pk, want, 32);
    gt_sr25519_secret again;
    gt_sr25519_expand(&again, derived_mini); /* the derived key is the expansion of mini_out */
    assert_memory_equal(&again, &d, sizeof d);

    unhex(cc, "0c666f6f00000000000000000000000000000000000000000000000000000000"); /* "foo" */
    unhex(want, "40b9675df90efa6069ff623b0fdfcf706cd47ca7452a5056c7ad58194d23440a");
    uint8_t rnd[32] = { 9 };
    gt_sr25519_derive_soft(&d, &sk, cc, rnd);
    gt_sr25519_public(pk, &d);
    assert_memory_equal(pk, want, 32);
    assert_true(gt_sr25519_derive_public_soft(pk, base_pk, cc));
    assert_memory_equal(pk, want, 32);
    /* the random part only changes the nonce seed */
    gt_sr25519_secret d2;
    gt_sr25519_derive_soft(&d2, &sk, cc, NULL);
    assert_memory_equal(d2.key, d.key, 32);
    assert_memory_not_equal(d2.nonce, d.nonce, 32);
}

struct corpus_case {
    const char *name, *pk, *msg, *sig;
    bool valid;
};

/* Signatures produced by the Go reference, from /work/shared/conformance/signatures. The
 * message is the deployment's 16-byte MD5 challenge hash (hex here), computed from each
 * deployment.json; 0002 and 0040/0042 verifying confirms both the hash and our verifier. */
static const struct corpus_case CORPUS[] = {
    { "0002-sr25519-valid", "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474f",
      "8b9aabe239cc159b5e753e2dffeff614",
      "46f91ada0ffd9710bef2c4ea6cd1be2d8e317182a672b943847f40c2a30ed04d853a6760dbedc9ba06ad5204672bb272c316da39393ff4665bb126ed52925e86",
      true },
    { "0020-multisig twin 739", "888a6468e820df949102e3d2c1acfaad2eb6439a3b320dd27a6c88041d017744",
      "651c5d659e925911affb9a7ae849273a",
      "b04461d114e013c106bfd1f47b6e99da86e1741df5506272893ee387ace9a81b6c5d29ed1f1ee55e88fa5dd132f18d447cec24962cb2a9034db7d1a1b104ff85",
      true },
    { "0039-sr25519-key-all-zero", "0000000000000000000000000000000000000000000000000000000000000000",
      "d356160537c12e93938a972608154670",
      "a8df2904a6292b45b307871e80c0a99f4fb75c9c702990375abe8a40dede6761335421d31d83b21aee23a3192155946b2728dd3cdecb0b86270fdeb9b3d1398a",
      false },
    { "0040-sr25519-key-33-bytes-truncated-ok",
      "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474fff",
      "0df557286b1d909c36ad096fb4ff2dff",
      "800866545d3b63f5bde9315e2b378c6cab678763c592c870a3dbc46af959a313f79223f21b23bf4af751bc9f7c29f4c3cefe12d27d2c07a9833c11fbad003585",
      true },
    { "0041-sr25519-key-31-bytes", "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c1647",
      "0deeff12c72f0d2f0ea9920c55914146",
      "7258a2b55c847e05c40cd38b7ed1222cc7969184c43733f84076058e0968285bd82a65a6cc79d35918f908fa8ce724a741392399300e550d646dd5e2dda47283",
      false },
    { "0042-sr25519-sig-65-bytes-truncated-ok",
      "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474f",
      "8c9541c013efe536bf7151ef01086f0f",
      "d4b660942df40f50d108d721bc78d3b12b4df39fa58762f0c0566fe9a72d634e2482dd7f3b3d2102174e9e34fc45c49c7c98fed5a9ba7517430c2cdc18b66089ee",
      true },
    { "0043-sr25519-sig-63-bytes", "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474f",
      "bd1aa07b050b8ccc65980bf21216171d",
      "5a0bae9dda7b4a39d6183b459cf817ca6622aa00caf38d6e075b4ca1905749408e942b27794ec9c6969f2236850d6563240fb5e6b37c78cbc53e1f4d3fcbe4",
      false },
    { "0044-sr25519-marker-bit-cleared",
      "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474f",
      "ee22f279d11133cd32a42d24b1fe8d58",
      "e27611b35474800fb2ff1acfcfccb43c72b41ba23b896a97a93950a029ff623a1540af714fc5a57eb944789d8eaa6ee61e97f03874ab6dd76cd1357ee5d42606",
      false },
};

static void test_go_reference_signatures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CORPUS / sizeof CORPUS[0]; i++) {
        uint8_t pk[40], msg[16], sig[80];
        size_t pkl = unhex(pk, CORPUS[i].pk), ml = unhex(msg, CORPUS[i].msg);
        size_t sl = unhex(sig, CORPUS[i].sig);
        bool got = verify_both(pk, pkl, msg, ml, sig, sl);
        if (got != CORPUS[i].valid)
            fail_msg("%s: got %d", CORPUS[i].name, got);
        int rc = gt_signature_verify(GT_KEY_SR25519, pk, pkl, msg, ml, sig, sl, NULL);
        assert_int_equal(rc, CORPUS[i].valid ? GT_OK : GT_EVERIFY);
    }
    /* 0044's signature is the real one with the marker cleared: setting it back verifies. */
    uint8_t pk[32], msg[16], sig[64];
    unhex(pk, CORPUS[7].pk);
    unhex(msg, CORPUS[7].msg);
    unhex(sig, CORPUS[7].sig);
    sig[63] |= 0x80;
    assert_true(verify_both(pk, 32, msg, 16, sig, 64));
}

/* polka-wallet style: the message is "<Bytes>" + hex(hash) + "</Bytes>" (corpus 0004). */
static void test_polka_wallet_message(void **state)
{
    (void)state;
    uint8_t pk[32], sig[64];
    const char *msg = "<Bytes>80b397bf95bc55c454f76271f6915ffa</Bytes>";
    unhex(pk, "b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474f");
    unhex(sig, "36ff46b1f5dfaaf936804f938523b1a7ebe81d476d12baa39a15f814d7195b41cfb15ad13b639788ed1b1770463328a384d1a0df96289f7928dc80de325a7c86");
    assert_true(verify_both(pk, 32, (const uint8_t *)msg, strlen(msg), sig, 64));
}

/* sp-core verify_known_old_message_should_work: a pre-audit signature without the marker
 * bit must be refused by the modern verifier. */
static void test_unmarked_old_signature_refused(void **state)
{
    (void)state;
    uint8_t pk[32], sig[64];
    const char *msg = "Verifying that I am the owner of 5G9hQLdsKQswNPgB499DeA5PkFBbgkLPJWkkS6FAM6xGQ8xD. Hash: 221455a3\n";
    unhex(pk, "b4bfa1f7a5166695eb75299fd1c4c03ea212871c342f2c5dfea0902b2c246918");
    unhex(sig, "5a9755f069939f45d96aaf125cf5ce7ba1db998686f87f2fb3cbdea922078741a73891ba265f70c31436e18a9acd14d189d73c12317ab6c313285cd938453202");
    assert_false(verify_both(pk, 32, (const uint8_t *)msg, strlen(msg), sig, 64));
}

static void dev_key(gt_sr25519_secret *sk, uint8_t pk[32])
{
    uint8_t mini[32];
    unhex(mini, "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    gt_sr25519_expand(sk, mini);
    gt_sr25519_public(pk, sk);
}

static void test_sign_deterministic_and_tamper(void **state)
{
    (void)state;
    gt_sr25519_secret sk;
    uint8_t pk[32], s1[64], s2[64], s3[64], rnd[32] = { 7 }, rnd2[32] = { 8 };
    const uint8_t msg[] = "deployment hash!";
    dev_key(&sk, pk);

    gt_sr25519_sign_rnd(s1, &sk, pk, msg, 16, rnd);
    gt_sr25519_sign_rnd(s2, &sk, pk, msg, 16, rnd);
    assert_memory_equal(s1, s2, 64);
    assert_true(s1[63] & 0x80);
    assert_true(verify_both(pk, 32, msg, 16, s1, 64));
    gt_sr25519_sign_rnd(s3, &sk, pk, msg, 16, rnd2);
    assert_memory_not_equal(s1, s3, 64);
    assert_true(verify_both(pk, 32, msg, 16, s3, 64));
    gt_sr25519_sign(s3, &sk, pk, msg, 16);
    assert_true(verify_both(pk, 32, msg, 16, s3, 64));

    uint8_t bad[64];
    uint8_t m2[16];
    memcpy(m2, msg, 16);
    m2[3] ^= 1;
    assert_false(verify_both(pk, 32, m2, 16, s1, 64));
    assert_false(verify_both(pk, 32, msg, 15, s1, 64));
    for (size_t i = 0; i < 64; i += 9) {
        memcpy(bad, s1, 64);
        bad[i] ^= 0x10;
        assert_false(verify_both(pk, 32, msg, 16, bad, 64));
    }
    uint8_t pk2[32];
    memcpy(pk2, pk, 32);
    pk2[0] ^= 2;
    assert_false(verify_both(pk2, 32, msg, 16, s1, 64));
    /* other key, valid point */
    gt_sr25519_secret other;
    gt_sr25519_expand(&other, (const uint8_t *)"12345678901234567890123456789012");
    gt_sr25519_public(pk2, &other);
    assert_false(verify_both(pk2, 32, msg, 16, s1, 64));
    /* empty message signs and verifies too */
    gt_sr25519_sign_rnd(s2, &sk, pk, NULL, 0, rnd);
    assert_true(verify_both(pk, 32, (const uint8_t *)"", 0, s2, 64));
}

/* s + l encodes the same scalar non-canonically; ristretto255 Scalar.Decode refuses it. */
static void test_noncanonical_s_refused(void **state)
{
    (void)state;
    static const uint8_t L[32] = { 0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                   0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };
    gt_sr25519_secret sk;
    uint8_t pk[32], sig[64], rnd[32] = { 1 };
    const uint8_t msg[4] = "abc";
    dev_key(&sk, pk);
    gt_sr25519_sign_rnd(sig, &sk, pk, msg, 3, rnd);
    sig[63] &= 0x7f;
    unsigned carry = 0;
    for (int i = 0; i < 32; i++) {
        carry += (unsigned)sig[32 + i] + L[i];
        sig[32 + i] = (uint8_t)carry;
        carry >>= 8;
    }
    assert_int_equal(carry, 0);
    assert_int_equal(sig[63] & 0x80, 0); /* s + l < 2^255: room for the marker */
    sig[63] |= 0x80;
    assert_false(verify_both(pk, 32, msg, 3, sig, 64));
}

/* Builds the challenge k for (pk, R, msg) exactly as the verifier does. */
static void challenge(uint8_t k[32], const uint8_t pk[32], const uint8_t R[32], const uint8_t *msg,
                      size_t len)
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

/* Identity points, which libsodium's scalar multiplication reports as errors:
 *  - R = identity (all zeros) is a valid ristretto encoding; with s = k * key the equation
 *    holds and Go accepts, so must we;
 *  - the all-zero public key: s*B - k*0 = s*B, so R = s*B would satisfy the equation, but
 *    go-schnorrkel v1.1.0 refuses the point at infinity as a key. */
static void test_identity_points(void **state)
{
    (void)state;
    gt_sr25519_secret sk;
    uint8_t pk[32], R[32] = { 0 }, k[32], sig[64];
    const uint8_t msg[5] = "hello";
    dev_key(&sk, pk);
    challenge(k, pk, R, msg, 5);
    memcpy(sig, R, 32);
    crypto_core_ristretto255_scalar_mul(sig + 32, k, sk.key);
    sig[63] |= 0x80;
    assert_true(verify_both(pk, 32, msg, 5, sig, 64));

    uint8_t zero_pk[32] = { 0 }, s[32] = { 5 };
    crypto_scalarmult_ristretto255_base(sig, s);
    memcpy(sig + 32, s, 32);
    sig[63] |= 0x80;
    assert_false(verify_both(zero_pk, 32, msg, 5, sig, 64));
    assert_false(verify_both(zero_pk, 0, msg, 5, sig, 64)); /* empty key pads to zero */
}

static void test_undecodable_inputs(void **state)
{
    (void)state;
    gt_sr25519_secret sk;
    uint8_t pk[32], sig[64], rnd[32] = { 3 };
    const uint8_t msg[3] = "xyz";
    dev_key(&sk, pk);
    gt_sr25519_sign_rnd(sig, &sk, pk, msg, 3, rnd);
    uint8_t bad_pk[32];
    memset(bad_pk, 0xff, 32); /* >= p: not a canonical field element */
    assert_false(verify_both(bad_pk, 32, msg, 3, sig, 64));
    uint8_t bad_sig[64];
    memcpy(bad_sig, sig, 64);
    memset(bad_sig, 0xff, 32); /* R undecodable */
    assert_false(verify_both(pk, 32, msg, 3, bad_sig, 64));
    assert_false(verify_both(pk, 32, msg, 3, sig, 0));
    /* a 65-byte signature is cut to 64, a longer key to 32 */
    uint8_t long_sig[65], long_pk[40];
    memcpy(long_sig, sig, 64);
    long_sig[64] = 0xaa;
    memcpy(long_pk, pk, 32);
    memset(long_pk + 32, 0x77, 8);
    assert_true(verify_both(long_pk, 40, msg, 3, long_sig, 65));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_expand_vectors),
        cmocka_unit_test(test_derive_vectors),
        cmocka_unit_test(test_go_reference_signatures),
        cmocka_unit_test(test_polka_wallet_message),
        cmocka_unit_test(test_unmarked_old_signature_refused),
        cmocka_unit_test(test_sign_deterministic_and_tamper),
        cmocka_unit_test(test_noncanonical_s_refused),
        cmocka_unit_test(test_identity_points),
        cmocka_unit_test(test_undecodable_inputs),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
