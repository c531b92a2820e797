/* base58 (bitcoin alphabet) against the bitcoin / decred test vectors, plus round trips
 * and the decoder's rejections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/gonet.h"

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = strlen(h) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        char t[3] = {h[2 * i], h[2 * i + 1], 0};
        v = (unsigned)strtoul(t, NULL, 16);
        out[i] = (uint8_t)v;
    }
    return n;
}

static void enc_is(const uint8_t *in, size_t n, const char *want)
{
    char out[256];
    size_t len = 999;
    assert_int_equal(gt_base58_encode(in, n, out, sizeof out, &len), 0);
    if (strcmp(out, want) != 0)
        fail_msg("encode: got %s want %s", out, want);
    assert_int_equal(len, strlen(want));
    assert_true(len <= gt_base58_encoded_max(n));

    /* and back */
    uint8_t back[256];
    size_t blen = 999;
    assert_int_equal(gt_base58_decode(out, len, back, sizeof back, &blen), 0);
    assert_int_equal(blen, n);
    assert_memory_equal(back, in, n);
}

static void test_hex_vectors(void **state)
{
    (void)state;
    static const struct {
        const char *hex, *b58;
    } v[] = {
        {"", ""},
        {"61", "2g"},
        {"626262", "a3gV"},
        {"636363", "aPEr"},
        {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
        {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
        {"516b6fcd0f", "ABnLTmg"},
        {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
        {"572e4794", "3EFU7m"},
        {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
        {"10c8511e", "Rt5zm"},
        {"00000000000000000000", "1111111111"},
        {"00", "1"},
        {"0001", "12"},
        {"0000ff00", "11LQX"},
        {"ffffffffffffffffffffffffffffffff", "YcVfxkQb6JRzqk5kF2tNLv"},
        {"812e2e1164a744d76fdabde840673d2d", "GxCfwJVus7y6jHzC4xoQha"},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
         "1thX6LZfHDZZKUs92febYZhYRcXddmzfzF2NvTkPNE"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint8_t buf[64];
        size_t n = unhex(v[i].hex, buf);
        enc_is(buf, n, v[i].b58);
    }
}

static void test_string_vectors(void **state)
{
    (void)state;
    static const struct {
        const char *in, *b58;
    } v[] = {
        {" ", "Z"},
        {"-", "n"},
        {"0", "q"},
        {"1", "r"},
        {"-1", "4SU"},
        {"11", "4k8"},
        {"abc", "ZiCa"},
        {"1234598760", "3mJr7AoUXx2Wqd"},
        {"abcdefghijklmnopqrstuvwxyz", "3yxU3u1igY8WkgtjK92fbJQCd4BZiiT1v25f"},
        {"00000000000000000000000000000000000000000000000000000000000000",
         "3sN2THZeE9Eh9eYrwkvZqNstbHGvrxSAM7gXUXvyFQP8XvQLUqNCS27icwUeDT7ckHm4FUHM2mTVh1vbLmk7y"},
        {"Hello World!", "2NEpo7TZRRrLZSi2U"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        enc_is((const uint8_t *)v[i].in, strlen(v[i].in), v[i].b58);
}

static void test_buffer_limits(void **state)
{
    (void)state;
    uint8_t in[16];
    memset(in, 0xff, sizeof in);
    char out[64];
    size_t len;
    size_t need = gt_base58_encoded_max(16) + 1;
    assert_int_equal(gt_base58_encode(in, 16, out, need - 1, &len), -1);
    assert_int_equal(gt_base58_encode(in, 16, out, need, &len), 0);
    assert_int_equal(len, 22);
    /* empty input needs room for one scratch digit and the NUL */
    assert_int_equal(gt_base58_encode(in, 0, out, 2, &len), 0);
    assert_int_equal(len, 0);
    assert_string_equal(out, "");

    uint8_t dec[4];
    assert_int_equal(gt_base58_decode("11111", 5, dec, sizeof dec, &len), -1);
    assert_int_equal(gt_base58_decode("1111", 4, dec, sizeof dec, &len), 0);
    assert_int_equal(len, 4);
    assert_int_equal(gt_base58_decode("YcVfxkQb6JRzqk5kF2tNLv", 22, dec, sizeof dec, &len), -1);
    assert_int_equal(gt_base58_decode("", 0, dec, 0, &len), 0);
    assert_int_equal(len, 0);
}

static void test_decode_rejects(void **state)
{
    (void)state;
    uint8_t out[64];
    size_t len;
    /* 0, O, I, l are not in the alphabet; nor is anything outside ASCII alphanumerics */
    const char *bad[] = {"0", "O", "I", "l", "2g0", "+", " 2g", "2g ", "\xc3\xa9", "a\0b"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = strlen(bad[i]);
        if (i == sizeof bad / sizeof bad[0] - 1)
            n = 3;
        assert_int_equal(gt_base58_decode(bad[i], n, out, sizeof out, &len), -1);
    }
    assert_int_equal(gt_base58_decode("2g", 2, out, sizeof out, &len), 0);
    assert_int_equal(len, 1);
    assert_int_equal(out[0], 'a');
}

static void test_round_trip_sweep(void **state)
{
    (void)state;
    /* every length up to 40 with a few byte patterns, including leading zeros */
    for (size_t n = 0; n <= 40; n++) {
        for (int pat = 0; pat < 4; pat++) {
            uint8_t in[40];
            for (size_t i = 0; i < n; i++)
                in[i] = pat == 0 ? 0 : pat == 1 ? 0xff : pat == 2 ? (uint8_t)(i * 37 + 11)
                                                               : (i < n / 2 ? 0 : (uint8_t)i);
            char out[80];
            size_t len;
            assert_int_equal(gt_base58_encode(in, n, out, sizeof out, &len), 0);
            uint8_t back[80];
            size_t blen;
            assert_int_equal(gt_base58_decode(out, len, back, sizeof back, &blen), 0);
            assert_int_equal(blen, n);
            assert_memory_equal(back, in, n);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hex_vectors),
        cmocka_unit_test(test_string_vectors),
        cmocka_unit_test(test_buffer_limits),
        cmocka_unit_test(test_decode_rejects),
        cmocka_unit_test(test_round_trip_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
