/* Go's unquote for JSON strings: escapes decoded, surrogate pairs joined, lone
 * surrogates and invalid UTF-8 replaced by U+FFFD one bad byte at a time. */
#include "json/reader.h" /* and json/scan.h, its SIMD runs */

#include <string.h>

/* Length of the valid UTF-8 sequence at s (Go's utf8.DecodeRune rules), or 0 when the
 * byte at s starts no valid sequence. */
static size_t utf8_valid_len(const uint8_t *s, const uint8_t *e)
{
    uint8_t c = s[0];
    size_t n = (size_t)(e - s);
    if (c < 0x80)
        return 1;
    if (c < 0xc2)
        return 0;
    if (c < 0xe0)
        return (n >= 2 && (s[1] & 0xc0) == 0x80) ? 2 : 0;
    if (c < 0xf0) {
        if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
            return 0;
        if (c == 0xe0 && s[1] < 0xa0)
            return 0; /* overlong */
        if (c == 0xed && s[1] >= 0xa0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xf5) {
        if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
            return 0;
        if (c == 0xf0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xf4 && s[1] >= 0x90)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

bool gt_utf8_valid(const uint8_t *s, size_t n);
bool gt_utf8_valid(const uint8_t *s, size_t n)
{
    const uint8_t *e = s + n;
    while (s < e) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        size_t k = utf8_valid_len(s, e);
        if (!k)
            return false;
        s += k;
    }
    return true;
}

const uint8_t gt_json_unescaped[256] = {
    ['"'] = '"',  ['\\'] = '\\', ['/'] = '/',  ['b'] = '\b',
    ['f'] = '\f', ['n'] = '\n',  ['r'] = '\r', ['t'] = '\t',
};

int gt_json_unquote(gt_arena *a, const uint8_t *s, const uint8_t *e, gt_str *out)
{
    size_t n = (size_t)(e - s);
    bool has_escape = memchr(s, '\\', n) != NULL;
    if (!has_escape && gt_utf8_valid(s, n)) {
        out->ptr = (const char *)s; /* s lives in the arena's copy of the input */
        out->len = n;
        return 0;
    }
    /* Each input byte yields at most 3 output bytes (a bad byte becomes U+FFFD). */
    uint8_t *buf = gt_arena_alloc_raw(a, n * 3 + 1);
    if (!buf)
        return GT_ENOMEM;
    uint8_t *w = buf;
    const uint8_t *p = s;
    while (p < e) {
#if GT_JSON_SSE2
        /* 16 bytes at a time up to the next backslash or non-ASCII byte: they are stored
         * whole, then only the plain ones counted. (Room: plain bytes are never widened,
         * so w is at most 3 (p - s) past buf, and 3n + 1 bytes were allocated.) */
        if (e - p >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
            unsigned stop = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')), v)); /* v: bit 7 set */
            _mm_storeu_si128((__m128i *)(void *)w, v);
            if (!stop) {
                p += 16;
                w += 16;
                continue;
            }
            unsigned k = (unsigned)__builtin_ctz(stop);
            p += k;
            w += k;
        }
#endif
        uint8_t c = *p;
        if (c == '\\') {
            c = p[1];
            p += 2;
            if (gt_json_unescaped[c]) { /* one table load rather than a switch's indirect jump */
                *w++ = gt_json_unescaped[c];
                continue;
            }
            /* \u, the only other escape the scanner lets through */
            uint32_t r = (uint32_t)gt_json_hex4(p);
            p += 4;
            if (r >= 0xd800 && r < 0xe000) {
                /* A high surrogate joins a following \u low surrogate; anything else
                 * (including a lone low surrogate) becomes U+FFFD. */
                int r2 = r < 0xdc00 && e - p >= 6 && p[0] == '\\' && p[1] == 'u' ? gt_json_hex4(p + 2) : -1;
                if (r2 >= 0xdc00 && r2 < 0xe000) {
                    r = 0x10000 + ((r - 0xd800) << 10) + ((uint32_t)r2 - 0xdc00);
                    p += 6;
                } else {
                    r = 0xfffd;
                }
            }
            w = gt_utf8_put(w, r);
            continue;
        }
        if (c < 0x80) {
            *w++ = c;
            p++;
            continue;
        }
        size_t k = utf8_valid_len(p, e);
        if (k) {
            memcpy(w, p, k);
            w += k;
            p += k;
        } else {
            w = gt_utf8_put(w, 0xfffd);
            p++;
        }
    }
    out->ptr = (const char *)buf;
    out->len = (size_t)(w - buf);
    return 0;
}

bool gt_json_parse_u64(const uint8_t *s, const uint8_t *e, uint64_t *out)
{
    if (s >= e)
        return false;
    uint64_t v = 0;
    for (const uint8_t *p = s; p < e; p++) {
        if (*p < '0' || *p > '9')
            return false;
        uint64_t d = (uint64_t)(*p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

bool gt_json_parse_i64(const uint8_t *s, const uint8_t *e, int64_t *out)
{
    bool neg = false;
    if (s < e && (*s == '-' || *s == '+')) {
        neg = *s == '-';
        s++;
    }
    uint64_t v;
    if (!gt_json_parse_u64(s, e, &v))
        return false;
    if (neg) {
        if (v > (uint64_t)INT64_MAX + 1)
            return false;
        *out = (int64_t)(0 - v);
    } else {
        if (v > (uint64_t)INT64_MAX)
            return false;
        *out = (int64_t)v;
    }
    return true;
}
