/* The keyed string hash (src/core/strhash.c): the SipHash code against libsodium's
 * SipHash-2-4 (the same code with 2 and 4 rounds), and the process's key in use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/strhash.h"

#include <sodium.h>
#include <string.h>

static void test_siphash24_matches_libsodium(void **state)
{
    (void)state;
    uint8_t key[GT_STRHASH_KEY_BYTES], msg[80];
    for (int round = 0; round < 200; round++) {
        randombytes_buf(key, sizeof key);
        randombytes_buf(msg, sizeof msg);
        for (size_t n = 0; n <= sizeof msg; n++) {
            unsigned char want[crypto_shorthash_BYTES];
            crypto_shorthash(want, msg, n, key);
            uint64_t got = gt_siphash(key, 2, 4, (const char *)msg, n);
            uint8_t le[8];
            for (int i = 0; i < 8; i++)
                le[i] = (uint8_t)(got >> (8 * i));
            assert_memory_equal(le, want, 8);
        }
    }
}

/* The paper's first vector: key 00..0f, empty message. */
static void test_siphash24_vector(void **state)
{
    (void)state;
    uint8_t key[GT_STRHASH_KEY_BYTES];
    for (int i = 0; i < 16; i++)
        key[i] = (uint8_t)i;
    assert_true(gt_siphash(key, 2, 4, "", 0) == 0x726fdb47dd0e0e31ull);
}

static void test_keyed(void **state)
{
    (void)state;
    static const uint8_t zero[GT_STRHASH_KEY_BYTES];
    const char *names[] = {"", "a", "vm1", "network-0123456789", "a name of more than sixteen bytes"};
    int same_as_zero_key = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        uint64_t h = gt_strhash(names[i], n);
        assert_true(h == gt_strhash(names[i], n)); /* stable within the process */
        same_as_zero_key += h == gt_siphash(zero, 1, 3, names[i], n);
    }
    assert_int_equal(same_as_zero_key, 0); /* a random key, not a known one */
    assert_true(gt_strhash(NULL, 0) == gt_strhash("", 0));
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siphash24_matches_libsodium),
        cmocka_unit_test(test_siphash24_vector),
        cmocka_unit_test(test_keyed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
