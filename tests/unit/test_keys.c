/* Keys from secrets: BIP39 English (published vectors), substrate's mini secret, secret URIs
 * and junctions, the substrate development accounts, SS58, and wiping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/bip39.h"
#include "crypto/keys.h"
#include "crypto/uri.h"
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

#define DEV "bottom drive obey lake curtain smoke basket hold race lonely fit walk"

/* Trezor's BIP39 English vectors (entropy <-> phrase). */
static const struct {
    const char *entropy, *phrase;
} BIP39[] = {
    { "00000000000000000000000000000000",
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about" },
    { "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
      "legal winner thank year wave sausage worth useful legal winner thank yellow" },
    { "80808080808080808080808080808080",
      "letter advice cage absurd amount doctor acoustic avoid letter advice cage above" },
    { "ffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong" },
    { "9e885d952ad362caeb4efe34a8e91bd2",
      "ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic" },
    { "6610b25967cdcca9d59875f5cb50b0ea75433311869e930b",
      "gravity machine north sort system female filter attitude volume fold club stay feature office ecology stable narrow fog" },
    { "0000000000000000000000000000000000000000000000000000000000000000",
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art" },
    { "68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c",
      "hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length" },
};

static void test_bip39_vectors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BIP39 / sizeof BIP39[0]; i++) {
        uint8_t want[32], got[32];
        size_t n = unhex(want, BIP39[i].entropy), gl = 0;
        char phrase[GT_BIP39_PHRASE_MAX];
        assert_int_equal(gt_bip39_entropy_to_phrase(want, n, phrase, sizeof phrase, NULL), GT_OK);
        assert_string_equal(phrase, BIP39[i].phrase);
        assert_int_equal(gt_bip39_phrase_to_entropy(BIP39[i].phrase, strlen(BIP39[i].phrase), got,
                                                    &gl, NULL), GT_OK);
        assert_int_equal(gl, n);
        assert_memory_equal(got, want, n);
    }
    assert_string_equal(gt_bip39_english[0], "abandon");
    assert_string_equal(gt_bip39_english[2047], "zoo");
}

static void test_bip39_errors(void **state)
{
    (void)state;
    uint8_t e[32];
    size_t n;
    gt_error err;
    const char *bad_checksum = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon";
    assert_int_equal(gt_bip39_phrase_to_entropy(bad_checksum, strlen(bad_checksum), e, &n, &err), GT_EKEY);
    assert_non_null(strstr(err.message, "checksum"));
    const char *eleven = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    assert_int_equal(gt_bip39_phrase_to_entropy(eleven, strlen(eleven), e, &n, NULL), GT_EKEY);
    const char *unknown = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abaut";
    assert_int_equal(gt_bip39_phrase_to_entropy(unknown, strlen(unknown), e, &n, NULL), GT_EKEY);
    const char *upper = "Abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    assert_int_equal(gt_bip39_phrase_to_entropy(upper, strlen(upper), e, &n, NULL), GT_EKEY);
    /* extra whitespace is fine (Rust's split_whitespace) */
    const char *spaced = "  abandon abandon  abandon abandon abandon abandon abandon abandon abandon abandon abandon about ";
    assert_int_equal(gt_bip39_phrase_to_entropy(spaced, strlen(spaced), e, &n, NULL), GT_OK);
    char small[10];
    assert_int_equal(gt_bip39_entropy_to_phrase(e, 16, small, sizeof small, NULL), GT_ELIMIT);
    assert_int_equal(gt_bip39_entropy_to_phrase(e, 15, small, sizeof small, NULL), GT_EARG);
}

/* substrate-bip39: the dev phrase's mini secret (the seed of polkadot-js / subkey's dev
 * accounts), without and with a password. */
static void test_mini_secret(void **state)
{
    (void)state;
    uint8_t e[32], mini[32], want[32];
    size_t n;
    assert_int_equal(gt_bip39_phrase_to_entropy(DEV, strlen(DEV), e, &n, NULL), GT_OK);
    assert_int_equal(gt_bip39_mini_secret(mini, e, n, "", 0, NULL), GT_OK);
    unhex(want, "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    assert_memory_equal(mini, want, 32);
    assert_int_equal(gt_bip39_mini_secret(mini, e, n, "password", 8, NULL), GT_OK);
    unhex(want, "7093ab08d7abbb67ff41479a98ef998e4be773901f13668a012f51d207577a88");
    assert_memory_equal(mini, want, 32);
}

static void expect_public(const char *uri, gt_key_type type, const char *hex)
{
    gt_keypair kp;
    gt_error err;
    uint8_t want[32];
    int rc = gt_keypair_from_secret(uri, strlen(uri), type, &kp, &err);
    if (rc != GT_OK)
        fail_msg("%s: %s", uri, err.message);
    unhex(want, hex);
    assert_memory_equal(kp.public_key, want, 32);
    assert_int_equal(kp.type, type);
    gt_keypair_wipe(&kp);
}

static void test_dev_accounts(void **state)
{
    (void)state;
    const char *alice_sr = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
    const char *alice_ed = "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee";
    expect_public("//Alice", GT_KEY_SR25519, alice_sr);
    expect_public(DEV "//Alice", GT_KEY_SR25519, alice_sr);
    expect_public("//Alice", GT_KEY_ED25519, alice_ed);
    expect_public(DEV "//Alice", GT_KEY_ED25519, alice_ed);
    expect_public("//Bob", GT_KEY_SR25519, "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
    expect_public("//Bob", GT_KEY_ED25519, "d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69");
    /* sp-core derive_soft_known_pair_should_work */
    expect_public(DEV "/Alice", GT_KEY_SR25519, "d6c71059dbbe9ad2b0ed3f289738b800836eb425544ce694825285b958ca755e");
    expect_public("/Alice", GT_KEY_SR25519, "d6c71059dbbe9ad2b0ed3f289738b800836eb425544ce694825285b958ca755e");
    /* the root key itself, and the same seed given as hex (with and without 0x) */
    expect_public(DEV, GT_KEY_SR25519, "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a");
    /* as in sp-core, an empty URI has no phrase: it is the dev phrase's root key */
    expect_public("", GT_KEY_SR25519, "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a");
    expect_public("0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e//Alice",
                  GT_KEY_SR25519, alice_sr);
    expect_public("0xFAC7959DBFE72F052E5A0C3C8D6530F202B02FD8F9F5CA3580EC8DEB7797479E//Alice",
                  GT_KEY_ED25519, alice_ed);
    expect_public("fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e//Alice",
                  GT_KEY_SR25519, alice_sr);
}

static void public_of(const char *uri, gt_key_type type, uint8_t pk[32])
{
    gt_keypair kp;
    assert_int_equal(gt_keypair_from_secret(uri, strlen(uri), type, &kp, NULL), GT_OK);
    memcpy(pk, kp.public_key, 32);
    gt_keypair_wipe(&kp);
}

/* sp-core default_phrase_should_be_used: "//Alice///password" is the dev phrase with that
 * password; the password changes the key; it is ignored for hex seeds. */
static void test_passwords(void **state)
{
    (void)state;
    uint8_t a[32], b[32], c[32];
    public_of("//Alice///password", GT_KEY_SR25519, a);
    public_of(DEV "//Alice///password", GT_KEY_SR25519, b);
    public_of("//Alice", GT_KEY_SR25519, c);
    assert_memory_equal(a, b, 32);
    assert_memory_not_equal(a, c, 32);
    public_of("0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e//Alice///pw",
              GT_KEY_SR25519, a);
    assert_memory_equal(a, c, 32);
    /* the password may contain slashes */
    public_of("//Alice///a/b//c", GT_KEY_ED25519, a);
    public_of("//Alice///a/b//d", GT_KEY_ED25519, b);
    assert_memory_not_equal(a, b, 32);
}

static void test_junction_chain_codes(void **state)
{
    (void)state;
    uint8_t cc[32], want[32] = { 0 };
    gt_junction_chain_code(cc, "Alice", 5);
    unhex(want, "14416c6963650000000000000000000000000000000000000000000000000000");
    assert_memory_equal(cc, want, 32);
    memset(want, 0, 32);
    gt_junction_chain_code(cc, "0", 1);
    assert_memory_equal(cc, want, 32);
    want[0] = 5;
    gt_junction_chain_code(cc, "+5", 2); /* Rust's u64 parser takes a '+' */
    assert_memory_equal(cc, want, 32);
    gt_junction_chain_code(cc, "005", 3);
    assert_memory_equal(cc, want, 32);
    memset(want, 0xff, 8);
    gt_junction_chain_code(cc, "18446744073709551615", 20);
    assert_memory_equal(cc, want, 32);
    /* u64 overflow: a string; 20 chars + 1 prefix byte still fit in 32 */
    gt_junction_chain_code(cc, "18446744073709551616", 20);
    assert_int_equal(cc[0], 20 << 2);
    assert_memory_equal(cc + 1, "18446744073709551616", 20);
    /* 31 chars + prefix = 32 bytes: stored; 32 chars: hashed (blake2b-256 of the encoding) */
    const char *s31 = "abcdefghijklmnopqrstuvwxyz01234";
    gt_junction_chain_code(cc, s31, 31);
    assert_int_equal(cc[0], 31 << 2);
    assert_memory_equal(cc + 1, s31, 31);
    const char *s32 = "abcdefghijklmnopqrstuvwxyz012345";
    uint8_t enc[33];
    enc[0] = 32 << 2;
    memcpy(enc + 1, s32, 32);
    crypto_generichash(want, 32, enc, sizeof enc, NULL, 0);
    gt_junction_chain_code(cc, s32, 32);
    assert_memory_equal(cc, want, 32);
    /* 64 chars: two-byte compact prefix ((64 << 2) | 1, little-endian) */
    char s64[64];
    memset(s64, 'x', sizeof s64);
    uint8_t enc64[66] = { 0x01, 0x01 };
    memcpy(enc64 + 2, s64, 64);
    crypto_generichash(want, 32, enc64, sizeof enc64, NULL, 0);
    gt_junction_chain_code(cc, s64, 64);
    assert_memory_equal(cc, want, 32);
}

static void test_uri_errors(void **state)
{
    (void)state;
    gt_keypair kp;
    gt_error err;
    struct {
        const char *uri;
        int code;
    } cases[] = {
        { DEV "//Alice/soft", GT_EKEY },               /* ed25519: no soft junctions */
        { "//", GT_EKEY },                              /* empty junction */
        { DEV "//Alice/", GT_EKEY },
        { "bottom-drive", GT_EKEY },                    /* '-' is not a phrase character */
        { "0x1234//Alice", GT_EKEY },                   /* short hex seed */
        { "0xzz7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e", GT_EKEY },
        { "bottom drive obey lake curtain smoke basket hold race lonely fit fit", GT_EKEY },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&kp, 0xaa, sizeof kp);
        int rc = gt_keypair_from_secret(cases[i].uri, strlen(cases[i].uri), GT_KEY_ED25519, &kp, &err);
        if (rc != cases[i].code)
            fail_msg("%s: %d (%s)", cases[i].uri, rc, err.message);
        /* a failed call leaves no key material behind */
        static const uint8_t zero[sizeof(gt_keypair)];
        assert_memory_equal(&kp, zero, sizeof kp);
    }
    assert_int_equal(gt_keypair_from_secret("bottom-drive", 12, GT_KEY_SR25519, &kp, &err), GT_EKEY);
    assert_int_equal(err.offset, 6);
    /* the offset is in err, not repeated in the text; a printable byte is not quoted (it
     * belongs to the secret), whitespace and a byte order mark are named */
    assert_string_equal(err.message, "secret URI: found a character where '/' should start the derivation path");
    assert_int_equal(gt_keypair_from_secret("bottom drive\n//x", 15, GT_KEY_SR25519, &kp, &err), GT_EKEY);
    assert_int_equal(err.offset, 12);
    assert_string_equal(err.message, "secret URI: found a newline where '/' should start the derivation path");
    assert_int_equal(gt_keypair_from_secret("\xef\xbb\xbf//Alice", 10, GT_KEY_SR25519, &kp, &err), GT_EKEY);
    assert_int_equal(err.offset, 0);
    assert_non_null(strstr(err.message, "byte order mark"));
    assert_int_equal(gt_keypair_from_secret("//Alice//", 9, GT_KEY_SR25519, &kp, &err), GT_EKEY);
    assert_int_equal(err.offset, 7);
    assert_string_equal(err.message, "secret URI: empty junction");
    assert_int_equal(gt_keypair_from_secret("//Alice", 7, (gt_key_type)7, &kp, &err), GT_EARG);
    assert_int_equal(gt_keypair_from_secret("//Alice", 7, GT_KEY_SR25519, NULL, &err), GT_EARG);
    /* the same soft path works for sr25519 */
    assert_int_equal(gt_keypair_from_secret(DEV "//Alice/soft", strlen(DEV "//Alice/soft"),
                                            GT_KEY_SR25519, &kp, NULL), GT_OK);
    gt_keypair_wipe(&kp);
}

static void test_ss58(void **state)
{
    (void)state;
    char addr[GT_SS58_BUFSIZE];
    uint8_t pk[32];
    unhex(pk, "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    assert_int_equal(gt_ss58_encode(pk, 32, GT_SS58_PREFIX_SUBSTRATE, addr, sizeof addr, NULL), GT_OK);
    assert_string_equal(addr, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    unhex(pk, "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48");
    assert_int_equal(gt_ss58_encode(pk, 32, 42, addr, sizeof addr, NULL), GT_OK);
    assert_string_equal(addr, "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty");
    unhex(pk, "d6c71059dbbe9ad2b0ed3f289738b800836eb425544ce694825285b958ca755e");
    assert_int_equal(gt_ss58_encode(pk, 32, 42, addr, sizeof addr, NULL), GT_OK);
    assert_string_equal(addr, "5GvKEoc787uDV8etY1AM8vF385edu2iyqD1WfCjDugzLUiAL");
    /* polkadot (prefix 0) Alice */
    unhex(pk, "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d");
    assert_int_equal(gt_ss58_encode(pk, 32, 0, addr, sizeof addr, NULL), GT_OK);
    assert_string_equal(addr, "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5");
    assert_int_equal(gt_ss58_encode(pk, 32, 42, addr, 10, NULL), GT_ELIMIT);
    assert_int_equal(gt_ss58_encode(pk, 31, 42, addr, sizeof addr, NULL), GT_EARG);
    assert_int_equal(gt_ss58_encode(pk, 32, 16384, addr, sizeof addr, NULL), GT_EARG);
}

/* gt_public_key_from_text (the forms are tested in test_ffi.c): its messages name the bad
 * character and leave the offset to err, so that a tool printing both says it once. */
static void test_public_key_messages(void **state)
{
    (void)state;
    uint8_t out[64];
    size_t n;
    gt_error err;
    const char *upper = "0XD43593C715FDD31C61141ABD04A99FD6822C8558854CCDE39A5684E7A56DA27D";
    assert_int_equal(gt_public_key_from_text(upper, strlen(upper), out, sizeof out, &n, &err), GT_OK);
    assert_int_equal(n, 32);
    assert_int_equal(out[0], 0xd4);
    assert_int_equal(gt_public_key_from_text("0xd4g3", 6, out, sizeof out, &n, &err), GT_EKEY);
    assert_int_equal(err.offset, 4);
    assert_string_equal(err.message, "public key after 0x is not hex: 'g' is not a hex digit");
    const char *spaced = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHG utQY";
    assert_int_equal(gt_public_key_from_text(spaced, strlen(spaced), out, sizeof out, &n, &err), GT_EKEY);
    assert_int_equal(err.offset, 43);
    assert_null(strstr(err.message, "43"));
    assert_non_null(strstr(err.message, "byte 0x20 is not a base58 digit"));
    /* too short to be an address: read as hex with a typo */
    assert_int_equal(gt_public_key_from_text("88dc34zz", 8, out, sizeof out, &n, &err), GT_EKEY);
    assert_int_equal(err.offset, 6);
    assert_non_null(strstr(err.message, "'z' is not a hex digit"));
}

static void test_sign_verify_round_trip(void **state)
{
    (void)state;
    const gt_key_type types[2] = { GT_KEY_ED25519, GT_KEY_SR25519 };
    const uint8_t msg[16] = "0123456789abcdef";
    for (int i = 0; i < 2; i++) {
        gt_keypair kp, other;
        uint8_t sig[GT_SIGNATURE_BYTES];
        assert_int_equal(gt_keypair_from_secret("//Alice", 7, types[i], &kp, NULL), GT_OK);
        assert_int_equal(gt_keypair_from_secret("//Bob", 5, types[i], &other, NULL), GT_OK);
        assert_int_equal(gt_keypair_sign(&kp, msg, sizeof msg, sig, NULL), GT_OK);
        assert_int_equal(gt_signature_verify(types[i], kp.public_key, 32, msg, sizeof msg, sig, 64, NULL), GT_OK);
        assert_int_equal(gt_signature_verify(types[i], other.public_key, 32, msg, sizeof msg, sig, 64, NULL), GT_EVERIFY);
        assert_int_equal(gt_signature_verify(types[i], kp.public_key, 32, msg, 15, sig, 64, NULL), GT_EVERIFY);
        sig[10] ^= 4;
        assert_int_equal(gt_signature_verify(types[i], kp.public_key, 32, msg, sizeof msg, sig, 64, NULL), GT_EVERIFY);
        /* a signature of one type never verifies as the other */
        assert_int_equal(gt_keypair_sign(&kp, msg, sizeof msg, sig, NULL), GT_OK);
        assert_int_equal(gt_signature_verify(types[1 - i], kp.public_key, 32, msg, sizeof msg, sig, 64, NULL), GT_EVERIFY);
        gt_keypair_wipe(&kp);
        gt_keypair_wipe(&other);
    }
    uint8_t seed[32];
    gt_keypair a, b;
    unhex(seed, "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e");
    assert_int_equal(gt_keypair_from_seed(seed, GT_KEY_SR25519, &a, NULL), GT_OK);
    public_of(DEV, GT_KEY_SR25519, b.public_key);
    assert_memory_equal(a.public_key, b.public_key, 32);
    assert_string_equal(gt_key_type_name(GT_KEY_SR25519), "sr25519");
    assert_string_equal(gt_key_type_name(GT_KEY_ED25519), "ed25519");
    gt_keypair_wipe(&a);
}

/* Secrets are wiped: the key pair by gt_keypair_wipe, and a key pair buffer that held a key
 * when a later call fails. */
static void test_wipe(void **state)
{
    (void)state;
    static const uint8_t zero[sizeof(gt_keypair)];
    gt_keypair kp;
    assert_int_equal(gt_keypair_from_secret("//Alice", 7, GT_KEY_SR25519, &kp, NULL), GT_OK);
    assert_memory_not_equal(kp.secret, zero, sizeof kp.secret);
    gt_keypair_wipe(&kp);
    assert_memory_equal(&kp, zero, sizeof kp);
    gt_keypair_wipe(NULL);

    assert_int_equal(gt_keypair_from_secret("//Alice", 7, GT_KEY_ED25519, &kp, NULL), GT_OK);
    assert_memory_not_equal(kp.secret, zero, sizeof kp.secret);
    assert_int_equal(gt_keypair_from_secret("//Alice/x", 9, GT_KEY_ED25519, &kp, NULL), GT_EKEY);
    assert_memory_equal(&kp, zero, sizeof kp);

    /* a failed phrase->phrase conversion leaves no partial words in the caller's buffer */
    char small[20];
    uint8_t e[16];
    memset(e, 0x42, sizeof e);
    memset(small, 'z', sizeof small);
    assert_int_equal(gt_bip39_entropy_to_phrase(e, 16, small, sizeof small, NULL), GT_ELIMIT);
    for (size_t i = 0; i < sizeof small; i++)
        assert_int_equal(small[i], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bip39_vectors),
        cmocka_unit_test(test_bip39_errors),
        cmocka_unit_test(test_mini_secret),
        cmocka_unit_test(test_dev_accounts),
        cmocka_unit_test(test_passwords),
        cmocka_unit_test(test_junction_chain_codes),
        cmocka_unit_test(test_uri_errors),
        cmocka_unit_test(test_ss58),
        cmocka_unit_test(test_public_key_messages),
        cmocka_unit_test(test_sign_verify_round_trip),
        cmocka_unit_test(test_wipe),
    };
    if (sodium_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
