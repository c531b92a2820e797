/* The two loops that matter when reading JSON: "skip whitespace" and "find the end of
 * a string". Pretty-printed JSON is mostly indentation and short strings. On x86-64
 * (where SSE2 is always there) they look at 16 bytes at a time; elsewhere they go byte
 * by byte (and so everywhere when GT_NO_SIMD is defined: `make check` tests both). Both
 * take [p, e) followed by the reader's padding of NUL bytes (GT_JSON_PAD, at least 16):
 * a NUL stops both, so they need no end check, and a 16-byte load from p < e ends
 * within the padding. Inline, for the reader's hot paths. */
#ifndef GT_JSON_SCAN_H
#define GT_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__) && !defined(GT_NO_SIMD)
#include <emmintrin.h>
#define GT_JSON_SSE2 1
#else
#define GT_JSON_SSE2 0
#endif

static inline bool gt_json_is_ws(uint8_t c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* For JSON text without the reader's padding (the locator, the diagnosis engines' tree),
 * read byte by byte: the first index from i in s[0..n) that is not whitespace, and the
 * index of the quote that closes the string opened at i (n when it is not closed). */
static inline size_t gt_json_text_ws(const uint8_t *s, size_t n, size_t i)
{
    while (i < n && gt_json_is_ws(s[i]))
        i++;
    return i;
}

static inline size_t gt_json_text_string_end(const uint8_t *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i;
    }
    return n;
}

/* Bytes a string scan must stop at: the closing quote, a backslash, control bytes
 * (errors) and non-ASCII bytes (which make the string need UTF-8 checking). */
static inline bool gt_json_string_special(uint8_t c)
{
    return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

#if GT_JSON_SSE2
/* Bit i set when p[i] is a space, for the 16 bytes at p (newline-and-indentation tests;
 * p before the end, so the load ends within the padding). */
static inline unsigned gt_json_spaces16(const uint8_t *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
}
#endif

/* The first byte in [p, e) that is not JSON whitespace, or e. */
static inline const uint8_t *gt_json_ws_run(const uint8_t *p, const uint8_t *e)
{
    (void)e; /* the padding's NUL ends every run */
#if GT_JSON_SSE2
    const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  tab = _mm_set1_epi8('\t');
    for (;;) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, nl)),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, tab)));
        unsigned other = ~(unsigned)_mm_movemask_epi8(ws) & 0xffffu;
        if (other)
            return p + __builtin_ctz(other);
        p += 16;
    }
#else
    while (gt_json_is_ws(*p))
        p++;
    return p;
#endif
}

/* The first byte in [p, e) where gt_json_string_special holds, or e. */
static inline const uint8_t *gt_json_string_run(const uint8_t *p, const uint8_t *e)
{
    (void)e; /* the padding's NUL, a control byte, ends every run */
#if GT_JSON_SSE2
    /* As signed bytes, both the control bytes and the bytes >= 0x80 are < 0x20. */
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), sp = _mm_set1_epi8(' ');
    for (;;) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                                 _mm_cmplt_epi8(v, sp));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask)
            return p + __builtin_ctz(mask);
        p += 16;
    }
#else
    while (!gt_json_string_special(*p))
        p++;
    return p;
#endif
}

#endif
