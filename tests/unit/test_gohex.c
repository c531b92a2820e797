/* encoding/hex parity with Go 1.19: EncodeToString, DecodeString results and error texts
 * (hex_test.go encDecTests / errTests plus %#U formatting of every byte). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/gonet.h"

static void dec_err(const char *in, size_t n, const char *want, size_t want_len)
{
    uint8_t out[64];
    size_t len = 999;
    gt_hex_err e;
    char buf[128];
    gt_gobuf b;
    assert_int_equal(gt_hex_decode(in, n, out, &len, &e), -1);
    gt_gobuf_init(&b, buf, sizeof buf);
    gt_hex_error_format(&b, &e);
    if (strcmp(buf, want) != 0)
        fail_msg("DecodeString(%.*s): %s, want %s", (int)n, in, buf, want);
    assert_int_equal(len, want_len);
}

static void test_enc_dec(void **state)
{
    (void)state;
    static const struct {
        const char *enc;
        const uint8_t dec[8];
        size_t n;
    } v[] = {
        {"", {0}, 0},
        {"0001020304050607", {0, 1, 2, 3, 4, 5, 6, 7}, 8},
        {"08090a0b0c0d0e0f", {8, 9, 10, 11, 12, 13, 14, 15}, 8},
        {"f0f1f2f3f4f5f6f7", {0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7}, 8},
        {"f8f9fafbfcfdfeff", {0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff}, 8},
        {"67", {'g'}, 1},
        {"e3a1", {0xe3, 0xa1}, 2},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char enc[32];
        assert_int_equal(gt_hex_encode(v[i].dec, v[i].n, enc), 2 * v[i].n);
        assert_string_equal(enc, v[i].enc);
        uint8_t dec[8];
        size_t len = 99;
        gt_hex_err e;
        assert_int_equal(gt_hex_decode(v[i].enc, strlen(v[i].enc), dec, &len, &e), 0);
        assert_int_equal(e.status, GT_HEX_OK);
        assert_int_equal(len, v[i].n);
        assert_memory_equal(dec, v[i].dec, v[i].n);
    }
    /* upper case is accepted too */
    uint8_t dec[4];
    size_t len;
    assert_int_equal(gt_hex_decode("F8F9FaFB", 8, dec, &len, NULL), 0);
    assert_int_equal(len, 4);
    assert_int_equal(dec[0], 0xf8);
    assert_int_equal(dec[3], 0xfb);
}

/* Go's errTests, then more */
static void test_go_err_table(void **state)
{
    (void)state;
    dec_err("0", 1, "encoding/hex: odd length hex string", 0);
    dec_err("zd4aa", 5, "encoding/hex: invalid byte: U+007A 'z'", 0);
    dec_err("d4aaz", 5, "encoding/hex: invalid byte: U+007A 'z'", 2);
    dec_err("30313", 5, "encoding/hex: odd length hex string", 2);
    dec_err("0g", 2, "encoding/hex: invalid byte: U+0067 'g'", 0);
    dec_err("00gg", 4, "encoding/hex: invalid byte: U+0067 'g'", 1);
    dec_err("0\x01", 2, "encoding/hex: invalid byte: U+0001", 0);
    dec_err("ffeed", 5, "encoding/hex: odd length hex string", 2);
    /* pair order: the first byte of a bad pair is blamed first */
    dec_err("zg", 2, "encoding/hex: invalid byte: U+007A 'z'", 0);
    dec_err("0gz", 3, "encoding/hex: invalid byte: U+0067 'g'", 0);
    dec_err("g", 1, "encoding/hex: invalid byte: U+0067 'g'", 0);
    dec_err(" ", 1, "encoding/hex: invalid byte: U+0020 ' '", 0);
    dec_err("'", 1, "encoding/hex: invalid byte: U+0027 '''", 0);
    dec_err("\x7f", 1, "encoding/hex: invalid byte: U+007F", 0);
    dec_err("\x80", 1, "encoding/hex: invalid byte: U+0080", 0);
    dec_err("\xa0", 1, "encoding/hex: invalid byte: U+00A0", 0);
    dec_err("\xa1", 1, "encoding/hex: invalid byte: U+00A1 '\xc2\xa1'", 0);
    dec_err("\xad", 1, "encoding/hex: invalid byte: U+00AD", 0);
    dec_err("\xc3", 1, "encoding/hex: invalid byte: U+00C3 '\xc3\x83'", 0);
    dec_err("\xff", 1, "encoding/hex: invalid byte: U+00FF '\xc3\xbf'", 0);
    dec_err("aa\0", 3, "encoding/hex: invalid byte: U+0000", 1);
    dec_err("abc\xc3\xa9", 5, "encoding/hex: invalid byte: U+00C3 '\xc3\x83'", 1);
}

static void test_error_texts_all_bytes(void **state)
{
    (void)state;
    /* every non-hex byte as a lone input: the text is "U+00XX" plus the rune when
     * strconv.IsPrint says so (ASCII graphics and space, Latin-1 but NBSP and SHY) */
    for (unsigned c = 0; c < 256; c++) {
        char in[1] = {(char)c};
        uint8_t out[1];
        size_t len;
        gt_hex_err e;
        bool hexd = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        assert_int_equal(gt_hex_decode(in, 1, out, &len, &e), -1);
        if (hexd) {
            assert_int_equal(e.status, GT_HEX_ODD_LENGTH);
            continue;
        }
        assert_int_equal(e.status, GT_HEX_INVALID_BYTE);
        assert_int_equal(e.byte, c);
        char buf[64];
        gt_gobuf b;
        gt_gobuf_init(&b, buf, sizeof buf);
        gt_hex_error_format(&b, &e);
        bool printable = (c >= 0x20 && c < 0x7f) || (c > 0xa0 && c != 0xad);
        size_t base = strlen("encoding/hex: invalid byte: U+00XX");
        assert_int_equal(b.len, printable ? base + (c < 0x80 ? 4 : 5) : base);
    }
}

/* Every byte value at every position of every length up to 70 (the vectorised 16-byte
 * blocks and the byte-by-byte tail), against nibble-by-nibble encoding, and back. */
static void test_enc_dec_all_lengths(void **state)
{
    (void)state;
    static const char digits[] = "0123456789abcdef";
    uint8_t in[70], back[70];
    char out[2 * 70 + 1], want[2 * 70 + 1];
    for (size_t n = 0; n <= sizeof in; n++) {
        for (unsigned shift = 0; shift < 256; shift += 37) {
            for (size_t i = 0; i < n; i++)
                in[i] = (uint8_t)(i * 7 + shift + (i >> 2));
            for (size_t i = 0; i < n; i++) {
                want[2 * i] = digits[in[i] >> 4];
                want[2 * i + 1] = digits[in[i] & 15];
            }
            want[2 * n] = '\0';
            assert_int_equal(gt_hex_encode(in, n, out), 2 * n);
            assert_string_equal(out, want);
            size_t len = 999;
            assert_int_equal(gt_hex_decode(out, 2 * n, back, &len, NULL), 0);
            assert_int_equal(len, n);
            if (n)
                assert_memory_equal(back, in, n);
        }
    }
    /* all 256 values inside one vectorised block */
    uint8_t all[256];
    char enc[513];
    for (unsigned v = 0; v < 256; v++)
        all[v] = (uint8_t)v;
    gt_hex_encode(all, sizeof all, enc);
    for (unsigned v = 0; v < 256; v++) {
        assert_int_equal(enc[2 * v], digits[v >> 4]);
        assert_int_equal(enc[2 * v + 1], digits[v & 15]);
    }
}

/* One bad byte at each position of an otherwise valid string (inside and across the
 * vectorised 16-digit blocks): Go blames that byte, after decoding the pairs before it. */
static void test_bad_byte_everywhere(void **state)
{
    (void)state;
    static const uint8_t bad[] = {'g', 'G', '/', ':', '@', '`', 'z', ' ', 0, 0x7f, 0x80, 0xc3, 0xff};
    char in[48];
    uint8_t out[24];
    for (size_t len = 0; len <= sizeof in; len++) {
        for (size_t at = 0; at < len; at++) {
            for (size_t b = 0; b < sizeof bad; b++) {
                for (size_t i = 0; i < len; i++)
                    in[i] = "0123456789abcdefABCDEF"[(i * 5 + len) % 22];
                in[at] = (char)bad[b];
                size_t got_len = 999;
                gt_hex_err e;
                assert_int_equal(gt_hex_decode(in, len, out, &got_len, &e), -1);
                assert_int_equal(e.status, GT_HEX_INVALID_BYTE);
                assert_int_equal(e.byte, bad[b]);
                assert_int_equal(got_len, at / 2);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enc_dec),
        cmocka_unit_test(test_enc_dec_all_lengths),
        cmocka_unit_test(test_bad_byte_everywhere),
        cmocka_unit_test(test_go_err_table),
        cmocka_unit_test(test_error_texts_all_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
