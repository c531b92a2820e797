/* The KEYS.json of `verify`: {"<twin>": "<hex public key>", ...}, the answers the
 * chain would give the node's key getter. A flat object of strings needs no general JSON
 * reader, so this is a small strict one that says where it stopped. */
#include "keys_file.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t n, i;
} kr;

static void ws(kr *r)
{
    while (r->i < r->n && isspace((unsigned char)r->s[r->i]))
        r->i++;
}

/* A string without escapes (twin ids and hex need none) at r->i. */
static bool str(kr *r, const char **p, size_t *len)
{
    if (r->i >= r->n || r->s[r->i] != '"')
        return false;
    size_t start = ++r->i;
    while (r->i < r->n && r->s[r->i] != '"') {
        if (r->s[r->i] == '\\' || (unsigned char)r->s[r->i] < 0x20)
            return false;
        r->i++;
    }
    if (r->i >= r->n)
        return false;
    *p = r->s + start;
    *len = r->i - start;
    r->i++;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int cli_keys_parse(const char *s, size_t n, cli_keys *out, char *why, size_t cap, size_t *where)
{
    memset(out, 0, sizeof *out);
    kr r = {s, n, 0};
    ws(&r);
#define FAIL(...)                            \
    do {                                     \
        snprintf(why, cap, __VA_ARGS__);     \
        *where = r.i;                        \
        cli_keys_free(out);                  \
        return -1;                           \
    } while (0)
    if (r.i >= n || s[r.i] != '{')
        FAIL("expected an object {\"<twin>\": \"<hex public key>\"}");
    r.i++;
    ws(&r);
    if (r.i < n && s[r.i] == '}') {
        r.i++;
    } else {
        for (;;) {
            const char *k, *v;
            size_t kl, vl;
            ws(&r);
            if (!str(&r, &k, &kl))
                FAIL("expected a twin id in quotes");
            char num[16];
            uint64_t twin;
            if (kl == 0 || kl >= sizeof num)
                FAIL("'%.*s' is not a twin id", (int)(kl < 20 ? kl : 20), k);
            memcpy(num, k, kl);
            num[kl] = '\0';
            if (!cli_parse_u64(num, UINT32_MAX, &twin))
                FAIL("'%s' is not a twin id", num);
            ws(&r);
            if (r.i >= n || s[r.i] != ':')
                FAIL("expected ':'");
            r.i++;
            ws(&r);
            size_t vstart = r.i;
            if (!str(&r, &v, &vl))
                FAIL("expected the public key of twin %s as a hex string", num);
            if (vl % 2 || vl / 2 > GT_KEY_MAX) {
                r.i = vstart;
                FAIL("the key of twin %s is not hex of at most %d bytes", num, GT_KEY_MAX);
            }
            if (out->n == out->cap) {
                size_t ncap = out->cap ? out->cap * 2 : 8;
                cli_key_entry *ne = realloc(out->items, ncap * sizeof *ne);
                if (!ne)
                    FAIL("out of memory");
                out->items = ne;
                out->cap = ncap;
            }
            cli_key_entry *en = &out->items[out->n];
            en->twin = (uint32_t)twin;
            en->len = vl / 2;
            for (size_t j = 0; j < vl; j += 2) {
                int hi = hexval(v[j]), lo = hexval(v[j + 1]);
                if (hi < 0 || lo < 0) {
                    r.i = vstart + 1 + j;
                    FAIL("the key of twin %s is not hex", num);
                }
                en->key[j / 2] = (uint8_t)(hi << 4 | lo);
            }
            out->n++;
            ws(&r);
            if (r.i < n && s[r.i] == ',') {
                r.i++;
                continue;
            }
            if (r.i < n && s[r.i] == '}') {
                r.i++;
                break;
            }
            FAIL("expected ',' or '}'");
        }
    }
    ws(&r);
    if (r.i != n)
        FAIL("unexpected text after the object");
#undef FAIL
    return 0;
}

void cli_keys_free(cli_keys *k)
{
    free(k->items);
    memset(k, 0, sizeof *k);
}

int cli_keys_getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    const cli_keys *k = ctx;
    /* the last entry wins, as a JSON object with a repeated key decodes in Go */
    for (size_t i = k->n; i-- > 0;) {
        if (k->items[i].twin == twin) {
            if (k->items[i].len > cap)
                return gt_error_set(err, GT_ELIMIT, "key too long");
            memcpy(key, k->items[i].key, k->items[i].len);
            *len = k->items[i].len;
            return GT_OK;
        }
    }
    return gt_error_set(err, GT_ENOTFOUND, "key not found");
}
