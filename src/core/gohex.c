/* Go encoding/hex: EncodeToString and DecodeString with Go's error order and texts. */
#include "core/gonet.h"

#if defined(__SSE2__) && !defined(GT_NO_SIMD)
#include <emmintrin.h>
#define GT_HEX_SSE2 1
#else
#define GT_HEX_SSE2 0
#endif

static const char lowerhex[] = "0123456789abcdef";

size_t gt_hex_encode(const uint8_t *in, size_t n, char *out)
{
    size_t i = 0;
#if GT_HEX_SSE2
    /* 16 bytes at a time: split into nibbles, interleave them high first, and add '0'
     * or, for 10..15, 'a' - 10 (39 more). */
    const __m128i low = _mm_set1_epi8(0x0f), nine = _mm_set1_epi8(9), zero = _mm_set1_epi8('0'),
                  gap = _mm_set1_epi8('a' - 10 - '0');
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
        __m128i hi = _mm_and_si128(_mm_srli_epi16(v, 4), low), lo = _mm_and_si128(v, low);
        __m128i a = _mm_unpacklo_epi8(hi, lo), b = _mm_unpackhi_epi8(hi, lo);
        a = _mm_add_epi8(_mm_add_epi8(a, zero), _mm_and_si128(_mm_cmpgt_epi8(a, nine), gap));
        b = _mm_add_epi8(_mm_add_epi8(b, zero), _mm_and_si128(_mm_cmpgt_epi8(b, nine), gap));
        _mm_storeu_si128((__m128i *)(void *)(out + 2 * i), a);
        _mm_storeu_si128((__m128i *)(void *)(out + 2 * i + 16), b);
    }
#endif
    for (; i < n; i++) {
        out[2 * i] = lowerhex[in[i] >> 4];
        out[2 * i + 1] = lowerhex[in[i] & 0xF];
    }
    out[2 * n] = '\0';
    return 2 * n;
}

/* Each hex digit's value plus one; 0 for every other byte. */
static const uint8_t nibble_plus1[256] = {
    ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
    ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
    ['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int nibble(unsigned char c)
{
    return (int)nibble_plus1[c] - 1;
}

int gt_hex_decode(const char *s, size_t n, uint8_t *out, size_t *out_len, gt_hex_err *err)
{
    gt_hex_err e = {GT_HEX_OK, 0};
    size_t k = 0;
    size_t j = 1;

#if GT_HEX_SSE2
    /* 16 digits at a time while they are all valid; a block with anything else in it
     * is left to the pair loop, which finds the byte to blame. */
    const __m128i c0 = _mm_set1_epi8('0' - 1), c9 = _mm_set1_epi8('9' + 1), ca = _mm_set1_epi8('a' - 1),
                  cf = _mm_set1_epi8('f' + 1), lower = _mm_set1_epi8(0x20), bytes = _mm_set1_epi16(0x00ff);
    for (; j + 15 <= n; j += 16, k += 8) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + j - 1));
        __m128i l = _mm_or_si128(v, lower);
        __m128i is_digit = _mm_and_si128(_mm_cmpgt_epi8(v, c0), _mm_cmplt_epi8(v, c9));
        __m128i is_letter = _mm_and_si128(_mm_cmpgt_epi8(l, ca), _mm_cmplt_epi8(l, cf));
        if (_mm_movemask_epi8(_mm_or_si128(is_digit, is_letter)) != 0xffff)
            break;
        /* digit values: c - '0' for digits, (c | 0x20) - 'a' + 10 for letters */
        __m128i d = _mm_or_si128(_mm_and_si128(is_digit, _mm_sub_epi8(v, _mm_set1_epi8('0'))),
                                 _mm_and_si128(is_letter, _mm_sub_epi8(l, _mm_set1_epi8('a' - 10))));
        /* each 16-bit lane holds a pair, first digit in its low byte: (first << 4) | second */
        __m128i pairs = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(d, bytes), 4), _mm_srli_epi16(d, 8));
        _mm_storel_epi64((__m128i *)(void *)(out + k), _mm_packus_epi16(pairs, pairs));
    }
#endif
    /* Pairs left to right; within a pair the first byte is blamed first. */
    for (; j < n; j += 2) {
        unsigned a = nibble_plus1[(unsigned char)s[j - 1]];
        unsigned b = nibble_plus1[(unsigned char)s[j]];
        if (!a || !b) {
            e.status = GT_HEX_INVALID_BYTE;
            e.byte = (uint8_t)s[!a ? j - 1 : j];
            goto done;
        }
        out[k++] = (uint8_t)((a - 1) << 4 | (b - 1));
    }
    /* An odd tail: a bad last byte is the earlier problem, so it wins over the length. */
    if (n % 2 == 1) {
        if (nibble((unsigned char)s[j - 1]) < 0) {
            e.status = GT_HEX_INVALID_BYTE;
            e.byte = (uint8_t)s[j - 1];
        } else {
            e.status = GT_HEX_ODD_LENGTH;
        }
    }

done:
    if (out_len)
        *out_len = k;
    if (err)
        *err = e;
    return e.status == GT_HEX_OK ? 0 : -1;
}

/* strconv.IsPrint restricted to U+0000..U+00FF (the runes a byte can name): ASCII
 * graphics and space, and Latin-1 except NBSP and the soft hyphen. */
static bool latin1_is_print(unsigned r)
{
    if (r < 0x80)
        return r >= 0x20 && r < 0x7F;
    return r > 0xA0 && r != 0xAD;
}

void gt_hex_error_format(gt_gobuf *b, const gt_hex_err *err)
{
    static const char upperhex[] = "0123456789ABCDEF";
    if (err->status == GT_HEX_ODD_LENGTH) {
        gt_gobuf_puts(b, "encoding/hex: odd length hex string");
        return;
    }
    if (err->status != GT_HEX_INVALID_BYTE)
        return;
    /* fmt %#U of rune(byte): "U+00XX", then " 'c'" (c UTF-8 encoded) when printable. */
    unsigned r = err->byte;
    char t[12];
    size_t k = 0;
    t[k++] = 'U';
    t[k++] = '+';
    t[k++] = '0';
    t[k++] = '0';
    t[k++] = upperhex[r >> 4];
    t[k++] = upperhex[r & 0xF];
    if (latin1_is_print(r)) {
        t[k++] = ' ';
        t[k++] = '\'';
        if (r < 0x80) {
            t[k++] = (char)r;
        } else {
            t[k++] = (char)(0xC0 | (r >> 6));
            t[k++] = (char)(0x80 | (r & 0x3F));
        }
        t[k++] = '\'';
    }
    gt_gobuf_puts(b, "encoding/hex: invalid byte: ");
    gt_gobuf_put(b, t, k);
}
