/* Secrets are wiped: after a derivation, signing, or a failure, no copy of the
 * seed, the mnemonic's entropy, the mini secret or the derived secret key is left where the
 * library put it — in the caller's key pair (wiped by gt_keypair_wipe, or on failure) and
 * in the dead stack frames of the functions that handled it.
 *
 * The stack check: the library call runs from a frame at a fixed depth, then scan_stack()
 * is called from the same depth and reads the bytes its own large local array overlays —
 * the dead frames of the call — looking for the secret. Patterns are kept XOR-masked on
 * the heap so that they are not on the stack themselves. A positive control (a function
 * that leaves a secret on its stack) shows the scan can see such leftovers; where it
 * cannot (another compiler's frame layout) the stack part is skipped, not failed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/bip39.h"
#include "gridtypes/crypto.h"

#define MASK 0x5a
#define SCAN_BYTES (48 * 1024)

typedef struct {
    uint8_t masked[64];
    size_t len;
    const char *what;
} pattern;

static pattern *pattern_new(const uint8_t *secret, size_t len, const char *what)
{
    pattern *p = calloc(1, sizeof *p);
    assert_non_null(p);
    assert_true(len <= sizeof p->masked);
    for (size_t i = 0; i < len; i++)
        p->masked[i] = secret[i] ^ MASK;
    p->len = len;
    p->what = what;
    return p;
}

/* Reads the stack below the caller's frame (what earlier, deeper calls left there) and
 * reports whether the pattern occurs. The array is not initialised on purpose. */
__attribute__((noinline)) static int scan_stack(const pattern *p)
{
    volatile uint8_t area[SCAN_BYTES];
    __asm__ volatile("" : : "r"(area) : "memory");
    for (size_t i = 0; i + p->len <= SCAN_BYTES; i++) {
        size_t k = 0;
        while (k < p->len && (uint8_t)(area[i + k] ^ MASK) == p->masked[k])
            k++;
        if (k == p->len)
            return 1;
    }
    return 0;
}

/* The positive control: copies the secret into a local buffer and leaves it there. */
__attribute__((noinline)) static void leave_on_stack(const pattern *p)
{
    volatile uint8_t buf[64];
    for (size_t i = 0; i < p->len; i++)
        buf[i] = p->masked[i] ^ MASK;
    __asm__ volatile("" : : "r"(buf) : "memory");
}

__attribute__((noinline)) static int control_sees(const pattern *p)
{
    leave_on_stack(p);
    return 1;
}

/* Runs the derivation (and, with `sign`, a signature) in a deeper frame; leaves the public
 * key in pub and a masked copy of the secret in secret64 (heap, may be NULL). */
__attribute__((noinline)) static int derive(const char *uri, gt_key_type type, uint8_t pub[32], uint8_t *secret64,
                                            int sign)
{
    gt_keypair kp;
    int rc = gt_keypair_from_secret(uri, strlen(uri), type, &kp, NULL);
    if (rc == GT_OK) {
        memcpy(pub, kp.public_key, 32);
        if (secret64)
            for (size_t i = 0; i < 64; i++)
                secret64[i] = kp.secret[i] ^ MASK;
        if (sign) {
            uint8_t sig[GT_SIGNATURE_BYTES];
            rc = gt_keypair_sign(&kp, (const uint8_t *)"m", 1, sig, NULL);
        }
    }
    gt_keypair_wipe(&kp);
    return rc;
}

static int stack_check_usable(void)
{
    static const uint8_t probe[32] = {0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                                      13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 0x99};
    pattern *p = pattern_new(probe, sizeof probe, "probe");
    control_sees(p);
    int seen = scan_stack(p);
    free(p);
    return seen;
}

static const char SEED_HEX[] = "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

static void seed_bytes(uint8_t out[32])
{
    for (int i = 0; i < 32; i++) {
        unsigned v;
        sscanf(SEED_HEX + 2 + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

/* The key pair itself: wiped by gt_keypair_wipe, and wiped when a derivation fails. */
static void secrets_keypair_buffer(void **state)
{
    (void)state;
    static const uint8_t zero[sizeof(gt_keypair)];
    gt_keypair kp;
    for (int t = 0; t < 2; t++) {
        gt_key_type type = t ? GT_KEY_SR25519 : GT_KEY_ED25519;
        assert_int_equal(gt_keypair_from_secret(SEED_HEX, strlen(SEED_HEX), type, &kp, NULL), GT_OK);
        assert_memory_not_equal(kp.secret, zero, sizeof kp.secret);
        gt_keypair_wipe(&kp);
        assert_memory_equal(&kp, zero, sizeof kp);
    }
    /* Failures after the seed was known: a soft junction for ed25519, a bad checksum. */
    static const char *const bad[] = {
        "0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60//a/b",
        "legal winner thank year wave sausage worth useful legal winner thank thank",
    };
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(gt_keypair_from_secret(SEED_HEX, strlen(SEED_HEX), GT_KEY_ED25519, &kp, NULL), GT_OK);
        gt_error err;
        assert_int_equal(gt_keypair_from_secret(bad[i], strlen(bad[i]), GT_KEY_ED25519, &kp, &err), GT_EKEY);
        assert_memory_equal(&kp, zero, sizeof kp);
        /* The message never quotes the secret. */
        assert_null(strstr(err.message, "9d61b19d"));
        assert_null(strstr(err.message, "legal"));
        assert_null(strstr(err.message, "winner"));
    }
}

static void expect_not_on_stack(const pattern *p)
{
    if (scan_stack(p))
        fail_msg("%s left on the stack", p->what);
}

/* A hex seed, for both key types, with hard and soft junctions. */
static void secrets_seed_not_on_stack(void **state)
{
    (void)state;
    if (!stack_check_usable())
        skip();
    uint8_t seed[32];
    seed_bytes(seed);
    pattern *ps = pattern_new(seed, 32, "the seed");
    memset(seed, 0, sizeof seed);
    static const char *const suffix[] = {"", "//hard", "//hard/soft", "///pw"};
    for (int t = 0; t < 2; t++) {
        for (size_t s = 0; s < 4; s++) {
            gt_key_type type = t ? GT_KEY_SR25519 : GT_KEY_ED25519;
            if (type == GT_KEY_ED25519 && s == 2)
                continue;
            char uri[128];
            snprintf(uri, sizeof uri, "%s%s", SEED_HEX, suffix[s]);
            uint8_t pub[32];
            uint8_t *secret = malloc(64);
            assert_non_null(secret);
            assert_int_equal(derive(uri, type, pub, secret, 0), GT_OK);
            expect_not_on_stack(ps);
            /* The derived secret key (first half: the ed25519 seed or the sr25519 scalar). */
            uint8_t plain[32];
            for (int i = 0; i < 32; i++)
                plain[i] = secret[i] ^ MASK;
            pattern *pk = pattern_new(plain, 32, type == GT_KEY_ED25519 ? "the ed25519 secret" : "the sr25519 scalar");
            memset(plain, 0, sizeof plain);
            expect_not_on_stack(pk);
            /* Then signing with it. */
            assert_int_equal(derive(uri, type, pub, NULL, 1), GT_OK);
            expect_not_on_stack(ps);
            expect_not_on_stack(pk);
            free(pk);
            free(secret);
        }
    }
    free(ps);
}

/* A mnemonic: its entropy and the mini secret computed from it. */
static void secrets_mnemonic_not_on_stack(void **state)
{
    (void)state;
    if (!stack_check_usable())
        skip();
    static const char phrase[] = "letter advice cage absurd amount doctor acoustic avoid letter advice cage above";
    uint8_t entropy[16];
    memset(entropy, 0x80, sizeof entropy); /* the phrase's entropy (Trezor vector) */
    pattern *pe = pattern_new(entropy, 16, "the mnemonic's entropy");
    uint8_t *mini = malloc(32);
    assert_non_null(mini);
    assert_int_equal(gt_bip39_mini_secret(mini, entropy, 16, "", 0, NULL), GT_OK);
    memset(entropy, 0, sizeof entropy);
    pattern *pm = pattern_new(mini, 32, "the mini secret");
    free(mini);
    for (int t = 0; t < 2; t++) {
        uint8_t pub[32];
        assert_int_equal(derive(phrase, t ? GT_KEY_SR25519 : GT_KEY_ED25519, pub, NULL, 0), GT_OK);
        expect_not_on_stack(pe);
        expect_not_on_stack(pm);
    }
    free(pe);
    free(pm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(secrets_keypair_buffer),
        cmocka_unit_test(secrets_seed_not_on_stack),
        cmocka_unit_test(secrets_mnemonic_not_on_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
