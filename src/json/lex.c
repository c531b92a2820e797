/* Tokens of JSON with the exact syntax errors of Go's encoding/json scanner, and a
 * non-recursive skipper for values nobody asked for (unknown keys, type mismatches,
 * nesting up to the reference's depth limit). */
#include "json/reader.h"

#include <stdio.h>
#include <string.h>

#include "json/scan.h"

void gt_json_quote_char(uint8_t c, char out[16])
{
    /* Go prints the byte as the rune U+00xx through strconv.Quote. */
    if (c == '\'') {
        strcpy(out, "'\\''");
        return;
    }
    if (c == '"') {
        strcpy(out, "'\"'");
        return;
    }
    if (c == '\\') {
        strcpy(out, "'\\\\'"); /* strconv.Quote doubles it */
        return;
    }
    static const char shortesc[] = "abtnvfr";
    if (c >= 0x07 && c <= 0x0d) {
        snprintf(out, 16, "'\\%c'", shortesc[c - 7]);
    } else if (c < 0x20 || c == 0x7f) {
        snprintf(out, 16, "'\\x%02x'", c);
    } else if (c < 0x80) {
        snprintf(out, 16, "'%c'", c);
    } else if (c <= 0xa0 || c == 0xad) {
        /* strconv.Quote escapes what unicode.IsPrint refuses: C1 controls, U+00A0 (a space
         * but not the ASCII one) and the soft hyphen U+00AD */
        snprintf(out, 16, "'\\u%04x'", c);
    } else {
        snprintf(out, 16, "'%c%c'", (char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f)));
    }
}

int gt_json_syntax_error(gt_reader *r, const uint8_t *at, const char *context)
{
    char where[GT_ERROR_PATH_MAX];
    gt_reader_path(r, NULL, where, sizeof where);
    if (!at || at >= r->end) {
        gt_error_set(r->err, GT_ESYNTAX, "unexpected end of JSON input");
        gt_error_at(r->err, gt_reader_offset(r, r->end), where);
    } else {
        char q[16];
        gt_json_quote_char(*at, q);
        gt_error_set(r->err, GT_ESYNTAX, "invalid character %s %s", q, context);
        gt_error_at(r->err, gt_reader_offset(r, at), where);
    }
    r->status = GT_ESYNTAX;
    return -1;
}

/* The input ends inside a token. Go's scanner, at the end, feeds the token's state one
 * space (scanner.eof), so an unfinished literal, escape or number gets the text of a
 * space in that place, at the offset of the end; only a token a space would finish or
 * continue (a string's body, a complete number) ends in "unexpected end of JSON input". */
static int eof_in_token(gt_reader *r, const char *context)
{
    char where[GT_ERROR_PATH_MAX];
    gt_reader_path(r, NULL, where, sizeof where);
    gt_error_set(r->err, GT_ESYNTAX, "invalid character ' ' %s", context);
    gt_error_at(r->err, gt_reader_offset(r, r->end), where);
    r->status = GT_ESYNTAX;
    return -1;
}

static inline bool is_hex(uint8_t c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

#if GT_JSON_SSE2
/* The usual string with escapes (JSON kept in a JSON string: \" every few bytes), 16
 * bytes at a time: every special byte of a block is settled from one bit mask instead of
 * a new scan per escape. Returns the closing quote, or NULL to leave the string to the
 * byte-wise scanner below, from its start: a \u escape and anything that is an error,
 * the end of the input included (the padding's NUL is a control byte, and follows no
 * escape). Every block starts at or before the end, so its load ends in the padding. */
static const uint8_t *scan_escaped(const uint8_t *p, bool *simple)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), sp = _mm_set1_epi8(' ');
    bool plain = true;
    for (;;) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        /* quotes, backslashes, and (as signed bytes below ' ') control and non-ASCII bytes */
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)), _mm_cmplt_epi8(v, sp)));
        unsigned next = 16; /* where the next block starts, past an escape that ends beyond */
        while (m) {
            unsigned k = (unsigned)__builtin_ctz(m);
            uint8_t c = p[k];
            if (c == '\\') {
                if (!gt_json_unescaped[p[k + 1]])
                    return NULL; /* \u, an error, or the end */
                plain = false;
                if (k + 2 >= 16) {
                    next = k + 2;
                    break;
                }
                m &= ~0u << (k + 2); /* the escaped byte may be a quote or a backslash itself */
            } else if (c == '"') {
                *simple = plain;
                return p + k;
            } else if (c >= 0x80) {
                plain = false;
                m &= m - 1;
            } else {
                return NULL; /* a control byte: an error */
            }
        }
        p += next;
    }
}
#endif

int gt_json_scan_string(gt_reader *r, const uint8_t **start, const uint8_t **end, bool *plain)
{
#if GT_JSON_SSE2
    const uint8_t *q = scan_escaped(r->p + 1, plain);
    if (q) {
        *start = r->p + 1;
        *end = q;
        r->p = q + 1;
        return 0;
    }
#endif
    const uint8_t *p = r->p + 1;
    const uint8_t *e = r->end;
    bool simple = true;
    *start = p;
    for (;;) {
        /* Fast path over ordinary ASCII bytes, the vast majority. */
        p = gt_json_string_run(p, e);
        if (p >= e)
            return gt_json_syntax_error(r, NULL, NULL);
        uint8_t c = *p;
        if (c == '"')
            break;
        if (c >= 0x80) {
            simple = false;
            p++;
            continue;
        }
        if (c < 0x20)
            return gt_json_syntax_error(r, p, "in string literal");
        /* backslash */
        simple = false;
        p++;
        if (p >= e)
            return eof_in_token(r, "in string escape code");
        c = *p;
        if (gt_json_unescaped[c]) {
            p++;
        } else if (c == 'u') {
            p++;
            for (int i = 0; i < 4; i++, p++) {
                if (p >= e)
                    return eof_in_token(r, "in \\u hexadecimal character escape");
                if (!is_hex(*p))
                    return gt_json_syntax_error(r, p, "in \\u hexadecimal character escape");
            }
        } else {
            return gt_json_syntax_error(r, p, "in string escape code");
        }
    }
    *end = p;
    *plain = simple;
    r->p = p + 1;
    return 0;
}

int gt_json_scan_number(gt_reader *r, const uint8_t **start, const uint8_t **end)
{
    const uint8_t *p = r->p, *e = r->end;
    *start = p;
    if (*p == '-') {
        p++;
        if (p >= e)
            return eof_in_token(r, "in numeric literal");
        if (*p < '0' || *p > '9')
            return gt_json_syntax_error(r, p, "in numeric literal");
    }
    if (*p == '0') {
        p++;
    } else {
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < e && *p == '.') {
        p++;
        if (p >= e)
            return eof_in_token(r, "after decimal point in numeric literal");
        if (*p < '0' || *p > '9')
            return gt_json_syntax_error(r, p, "after decimal point in numeric literal");
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < e && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < e && (*p == '+' || *p == '-'))
            p++;
        if (p >= e)
            return eof_in_token(r, "in exponent of numeric literal");
        if (*p < '0' || *p > '9')
            return gt_json_syntax_error(r, p, "in exponent of numeric literal");
        while (p < e && *p >= '0' && *p <= '9')
            p++;
    }
    *end = p;
    r->p = p;
    return 0;
}

int gt_json_scan_literal(gt_reader *r, const char *word)
{
    const uint8_t *p = r->p + 1;
    for (const char *w = word + 1; *w; w++, p++) {
        if (p >= r->end || *p != (uint8_t)*w) {
            char ctx[48];
            snprintf(ctx, sizeof ctx, "in literal %s (expecting '%c')", word, *w);
            return p >= r->end ? eof_in_token(r, ctx) : gt_json_syntax_error(r, p, ctx);
        }
    }
    r->p = p;
    return 0;
}

/* Scans one scalar token (string, number or literal) or reports what Go reports for
 * a byte that cannot start a value. */
static int skip_scalar(gt_reader *r)
{
    const uint8_t *a, *b;
    bool plain;
    switch (*r->p) {
    case '"': return gt_json_scan_string(r, &a, &b, &plain);
    case 't': return gt_json_scan_literal(r, "true");
    case 'f': return gt_json_scan_literal(r, "false");
    case 'n': return gt_json_scan_literal(r, "null");
    default:
        if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
            return gt_json_scan_number(r, &a, &b);
        return gt_json_syntax_error(r, r->p, "looking for beginning of value");
    }
}

static int object_key(gt_reader *r)
{
    gt_json_ws(r);
    if (r->p >= r->end)
        return gt_json_syntax_error(r, NULL, NULL);
    if (*r->p != '"')
        return gt_json_syntax_error(r, r->p, "looking for beginning of object key string");
    const uint8_t *a, *b;
    bool plain;
    if (gt_json_scan_string(r, &a, &b, &plain) != 0)
        return -1;
    return gt_json_read_colon(r);
}

int gt_json_skip_value(gt_reader *r)
{
    /* One bit per open container: 1 = object, 0 = array. */
    uint64_t kinds[(GT_JSON_MAX_DEPTH + 64) / 64 + 1];
    int top = 0; /* containers opened by this call */
    int rc = -1;

value:
    gt_json_ws(r);
    if (r->p >= r->end) {
        gt_json_syntax_error(r, NULL, NULL);
        goto out;
    }
    if (*r->p == '{' || *r->p == '[') {
        bool obj = *r->p == '{';
        if (r->depth + 1 > GT_JSON_MAX_DEPTH) {
            gt_json_syntax_error(r, r->p, "exceeded max depth");
            goto out;
        }
        r->depth++;
        if (obj)
            kinds[top / 64] |= (uint64_t)1 << (top % 64);
        else
            kinds[top / 64] &= ~((uint64_t)1 << (top % 64));
        top++;
        r->p++;
        gt_json_ws(r);
        if (r->p >= r->end) {
            gt_json_syntax_error(r, NULL, NULL);
            goto out;
        }
        if (*r->p == (obj ? '}' : ']')) {
            r->p++;
            top--;
            r->depth--;
            goto after;
        }
        if (obj && object_key(r) != 0)
            goto out;
        goto value;
    }
    if (skip_scalar(r) != 0)
        goto out;

after:
    if (top == 0) {
        rc = 0;
        goto out;
    }
    gt_json_ws(r);
    if (r->p >= r->end) {
        gt_json_syntax_error(r, NULL, NULL);
        goto out;
    }
    {
        bool obj = (kinds[(top - 1) / 64] >> ((top - 1) % 64)) & 1;
        uint8_t c = *r->p;
        if (c == ',') {
            r->p++;
            if (obj) {
                if (object_key(r) != 0)
                    goto out;
            } else {
                gt_json_ws(r);
                if (r->p < r->end && *r->p == ']') {
                    gt_json_syntax_error(r, r->p, "looking for beginning of value");
                    goto out;
                }
            }
            goto value;
        }
        if (c == (obj ? '}' : ']')) {
            r->p++;
            top--;
            r->depth--;
            goto after;
        }
        gt_json_syntax_error(r, r->p, obj ? "after object key:value pair" : "after array element");
    }
out:
    r->depth -= top;
    return rc;
}
