/* json.Marshal, driven by the same schema tables as the reader. */
#include "json/writer.h"
#include "core/gonet.h"

#include <stdlib.h>
#include <string.h>

static const char hexdig[] = "0123456789abcdef";

bool gt_utf8_valid(const uint8_t *s, size_t n);

/* Bytes that Go's encoder writes as they are (HTML escaping on). */
static bool safe_byte(uint8_t c)
{
    return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c < 0x80;
}

static size_t rune_len(const uint8_t *s, const uint8_t *e, uint32_t *r)
{
    uint8_t c = s[0];
    size_t n = (size_t)(e - s);
    if (c >= 0xc2 && c < 0xe0 && n >= 2 && (s[1] & 0xc0) == 0x80) {
        *r = ((uint32_t)(c & 0x1f) << 6) | (s[1] & 0x3f);
        return 2;
    }
    if (c >= 0xe0 && c < 0xf0 && n >= 3 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
        !(c == 0xe0 && s[1] < 0xa0) && !(c == 0xed && s[1] >= 0xa0)) {
        *r = ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
        return 3;
    }
    if (c >= 0xf0 && c < 0xf5 && n >= 4 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
        (s[3] & 0xc0) == 0x80 && !(c == 0xf0 && s[1] < 0x90) && !(c == 0xf4 && s[1] >= 0x90)) {
        *r = 0x10000; /* exact value not needed */
        return 4;
    }
    return 0;
}

void gt_json_put_string(gt_buf *out, const char *str, size_t n)
{
    if (n == 0) { /* the empty gt_str may have a NULL pointer */
        gt_buf_put(out, "\"\"", 2);
        return;
    }
    const uint8_t *s = (const uint8_t *)str, *e = s + n, *start = s;
    gt_buf_putc(out, '"');
    while (s < e) {
        uint8_t c = *s;
        if (safe_byte(c)) {
            s++;
            continue;
        }
        if (c < 0x80) {
            gt_buf_put(out, start, (size_t)(s - start));
            switch (c) {
            case '"': gt_buf_put(out, "\\\"", 2); break;
            case '\\': gt_buf_put(out, "\\\\", 2); break;
            case '\n': gt_buf_put(out, "\\n", 2); break;
            case '\r': gt_buf_put(out, "\\r", 2); break;
            case '\t': gt_buf_put(out, "\\t", 2); break;
            default: {
                /* Go 1.19 writes \b and \f as \u0008 and \u000c too. */
                char u[6] = {'\\', 'u', '0', '0', hexdig[c >> 4], hexdig[c & 15]};
                gt_buf_put(out, u, 6);
            }
            }
            s++;
            start = s;
            continue;
        }
        uint32_t r = 0;
        size_t k = rune_len(s, e, &r);
        if (k == 0) {
            gt_buf_put(out, start, (size_t)(s - start));
            gt_buf_put(out, "\\ufffd", 6);
            s++;
            start = s;
            continue;
        }
        if (r == 0x2028 || r == 0x2029) {
            gt_buf_put(out, start, (size_t)(s - start));
            gt_buf_put(out, r == 0x2028 ? "\\u2028" : "\\u2029", 6);
            s += k;
            start = s;
            continue;
        }
        s += k;
    }
    gt_buf_put(out, start, (size_t)(s - start));
    gt_buf_putc(out, '"');
}

void gt_json_put_compact(gt_buf *out, const char *raw, size_t n)
{
    const uint8_t *s = (const uint8_t *)raw, *e = s + n, *start = s;
    bool in_string = false;
    while (s < e) {
        uint8_t c = *s;
        if (in_string) {
            if (c == '\\') {
                s += 2;
                continue;
            }
            if (c == '"') {
                in_string = false;
                s++;
                continue;
            }
            if (c == '<' || c == '>' || c == '&') {
                gt_buf_put(out, start, (size_t)(s - start));
                char u[6] = {'\\', 'u', '0', '0', hexdig[c >> 4], hexdig[c & 15]};
                gt_buf_put(out, u, 6);
                s++;
                start = s;
                continue;
            }
            if (c == 0xe2 && e - s >= 3 && s[1] == 0x80 && (s[2] & 0xfe) == 0xa8) {
                gt_buf_put(out, start, (size_t)(s - start));
                gt_buf_put(out, s[2] == 0xa8 ? "\\u2028" : "\\u2029", 6);
                s += 3;
                start = s;
                continue;
            }
            s++;
            continue;
        }
        if (c == '"') {
            in_string = true;
            s++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            gt_buf_put(out, start, (size_t)(s - start));
            s++;
            start = s;
            continue;
        }
        s++;
    }
    gt_buf_put(out, start, (size_t)(s - start));
}

static bool is_empty(const gt_schema *s, const void *v)
{
    switch (s->kind) {
    case GT_KIND_BOOL: return !*(const bool *)v;
    case GT_KIND_U8: return *(const uint8_t *)v == 0;
    case GT_KIND_U16: return *(const uint16_t *)v == 0;
    case GT_KIND_U32: return *(const uint32_t *)v == 0;
    case GT_KIND_U64: return *(const uint64_t *)v == 0;
    case GT_KIND_TIMESTAMP: return *(const int64_t *)v == 0;
    case GT_KIND_STRING: return ((const gt_str *)v)->len == 0;
    case GT_KIND_RAW: return ((const gt_str *)v)->len == 0;
    case GT_KIND_HEX: return ((const gt_bytes *)v)->len == 0;
    case GT_KIND_IP: return ((const gt_ip *)v)->len == 0;
    case GT_KIND_PTR: return *(void *const *)v == NULL;
    case GT_KIND_SLICE:
    case GT_KIND_MAP: return ((const gt_slice *)v)->len == 0;
    default: return false; /* structs and IPNet are never empty to Go */
    }
}

static int cmp_kv(const void *a, const void *b)
{
    const gt_kv *x = a, *y = b;
    size_t n = x->key.len < y->key.len ? x->key.len : y->key.len;
    int c = n ? memcmp(x->key.ptr, y->key.ptr, n) : 0; /* empty keys may be NULL */
    if (c)
        return c;
    return (x->key.len > y->key.len) - (x->key.len < y->key.len);
}

int gt_json_encode(gt_buf *out, const gt_schema *s, const void *v)
{
    switch (s->kind) {
    case GT_KIND_BOOL:
        gt_buf_puts(out, *(const bool *)v ? "true" : "false");
        return 0;
    case GT_KIND_U8: gt_buf_put_u64(out, *(const uint8_t *)v); return 0;
    case GT_KIND_U16: gt_buf_put_u64(out, *(const uint16_t *)v); return 0;
    case GT_KIND_U32: gt_buf_put_u64(out, *(const uint32_t *)v); return 0;
    case GT_KIND_U64: gt_buf_put_u64(out, *(const uint64_t *)v); return 0;
    case GT_KIND_TIMESTAMP: gt_buf_put_i64(out, *(const int64_t *)v); return 0;
    case GT_KIND_STRING: {
        const gt_str *str = v;
        gt_json_put_string(out, str->ptr, str->len);
        return 0;
    }
    case GT_KIND_RAW: {
        const gt_str *raw = v;
        if (raw->len == 0)
            gt_buf_puts(out, "null");
        else
            gt_json_put_compact(out, raw->ptr, raw->len);
        return 0;
    }
    case GT_KIND_IPNET: {
        /* IPNet.MarshalJSON: "" for no IP, else its String() — which the encoder then
         * compacts with HTML escaping, so "<nil>" comes out escaped. */
        const gt_ipnet *n = v;
        if (n->ip.len == 0) {
            gt_buf_puts(out, "\"\"");
            return 0;
        }
        char txt[100];
        size_t len = gt_ipnet_format(n, txt);
        gt_json_put_string(out, txt, len);
        return 0;
    }
    case GT_KIND_IP: {
        const gt_ip *ip = v;
        if (ip->len == 0) {
            gt_buf_puts(out, "\"\"");
            return 0;
        }
        if (ip->len != 4 && ip->len != 16)
            return -1;
        char txt[64];
        size_t len = gt_ip_format(ip, txt);
        gt_json_put_string(out, txt, len);
        return 0;
    }
    case GT_KIND_HEX: {
        const gt_bytes *b = v;
        gt_buf_putc(out, '"');
        if (gt_buf_reserve(out, b->len * 2)) {
            for (size_t i = 0; i < b->len; i++) {
                out->data[out->len++] = hexdig[b->ptr[i] >> 4];
                out->data[out->len++] = hexdig[b->ptr[i] & 15];
            }
        }
        gt_buf_putc(out, '"');
        return 0;
    }
    case GT_KIND_PTR: {
        const void *p = *(void *const *)v;
        if (!p) {
            gt_buf_puts(out, "null");
            return 0;
        }
        return gt_json_encode(out, s->elem, p);
    }
    case GT_KIND_SLICE: {
        const gt_slice *sl = v;
        if (!sl->set) {
            gt_buf_puts(out, "null");
            return 0;
        }
        gt_buf_putc(out, '[');
        for (uint32_t i = 0; i < sl->len; i++) {
            if (i)
                gt_buf_putc(out, ',');
            if (gt_json_encode(out, s->elem, (const uint8_t *)sl->items + (size_t)i * s->elem->size) != 0)
                return -1;
        }
        gt_buf_putc(out, ']');
        return 0;
    }
    case GT_KIND_MAP: {
        const gt_map *m = v;
        if (!m->set) {
            gt_buf_puts(out, "null");
            return 0;
        }
        gt_kv *sorted = NULL;
        if (m->len) {
            sorted = malloc(m->len * sizeof *sorted);
            if (!sorted)
                return -1;
            memcpy(sorted, m->items, m->len * sizeof *sorted);
            qsort(sorted, m->len, sizeof *sorted, cmp_kv);
        }
        gt_buf_putc(out, '{');
        for (uint32_t i = 0; i < m->len; i++) {
            if (i)
                gt_buf_putc(out, ',');
            gt_json_put_string(out, sorted[i].key.ptr, sorted[i].key.len);
            gt_buf_putc(out, ':');
            gt_json_put_string(out, sorted[i].value.ptr, sorted[i].value.len);
        }
        gt_buf_putc(out, '}');
        free(sorted);
        return 0;
    }
    case GT_KIND_STRUCT: {
        gt_buf_putc(out, '{');
        bool first = true;
        for (uint32_t i = 0; i < s->nfields; i++) {
            const gt_field *f = &s->fields[i];
            const void *fv = (const uint8_t *)v + f->offset;
            if ((f->flags & GT_FIELD_OMITEMPTY) && is_empty(f->type, fv))
                continue;
            if (!first)
                gt_buf_putc(out, ',');
            first = false;
            gt_json_put_string(out, f->name, strlen(f->name));
            gt_buf_putc(out, ':');
            if (gt_json_encode(out, f->type, fv) != 0)
                return -1;
        }
        gt_buf_putc(out, '}');
        return 0;
    }
    }
    return -1;
}
