/* The KEYS.json of `verify`: {"<twin>": "<public key>", ...}, the answers the chain would
 * give the node's key getter; keys as hex, 0x hex or SS58 addresses
 * (gt_public_key_from_text). A flat object of strings needs no general JSON reader, so this
 * is a small strict one that says where it stopped. */
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

/* Adds twin's key, written text[0..len) as hex, 0x hex or an SS58 address. Returns 0, or
 * -1 with a reason and, in *where, the offset in text of a bad character (GT_NO_OFFSET
 * when none applies). */
static int add_key(cli_keys *k, uint32_t twin, const char *text, size_t len, char *why, size_t cap, size_t *where)
{
    *where = GT_NO_OFFSET;
    if (k->n == k->cap) {
        size_t ncap = k->cap ? k->cap * 2 : 8;
        cli_key_entry *ne = realloc(k->items, ncap * sizeof *ne);
        if (!ne) {
            snprintf(why, cap, "out of memory");
            return -1;
        }
        k->items = ne;
        k->cap = ncap;
    }
    cli_key_entry *en = &k->items[k->n];
    gt_error e;
    if (gt_public_key_from_text(text, len, en->key, sizeof en->key, &en->len, &e) != GT_OK) {
        snprintf(why, cap, "the key of twin %u: %s", (unsigned)twin, e.message);
        *where = e.offset;
        return -1;
    }
    en->twin = twin;
    k->n++;
    return 0;
}

int cli_keys_add_arg(cli_keys *k, const char *arg, char *why, size_t cap)
{
    const char *eq = strchr(arg, '=');
    char num[16];
    uint64_t twin;
    size_t tl = eq ? (size_t)(eq - arg) : 0;
    if (!eq || tl == 0 || tl >= sizeof num) {
        snprintf(why, cap, "--key wants TWIN=KEY (a twin id, '=', then hex, 0x hex or an SS58 address), not '%s'", arg);
        return -1;
    }
    memcpy(num, arg, tl);
    num[tl] = '\0';
    if (!cli_parse_u64(num, UINT32_MAX, &twin)) {
        snprintf(why, cap, "--key %s: '%s' is not a twin id", arg, num);
        return -1;
    }
    size_t where;
    char inner[300];
    if (add_key(k, (uint32_t)twin, eq + 1, strlen(eq + 1), inner, sizeof inner, &where) != 0) {
        snprintf(why, cap, "--key %s: %s", arg, inner);
        return -1;
    }
    return 0;
}

int cli_keys_parse(const char *s, size_t n, cli_keys *out, char *why, size_t cap, size_t *where)
{
    memset(out, 0, sizeof *out);
    kr r = {s, n, 0};
    ws(&r);
    /* every message ends with what was found instead ("found a newline") */
#define FAIL(...)                                                          \
    do {                                                                   \
        char found_[48];                                                   \
        cli_name_byte(s + r.i, n - r.i, found_, sizeof found_);            \
        int k_ = snprintf(why, cap, __VA_ARGS__);                          \
        if (k_ >= 0 && (size_t)k_ < cap)                                   \
            snprintf(why + k_, cap - (size_t)k_, ", found %s", found_);    \
        *where = r.i;                                                      \
        cli_keys_free(out);                                                \
        return -1;                                                         \
    } while (0)
    if (r.i >= n || s[r.i] != '{')
        FAIL("expected an object {\"<twin>\": \"<public key>\"}");
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
                FAIL("expected the public key of twin %s in quotes (hex, 0x hex or an SS58 address)", num);
            size_t at;
            if (add_key(out, (uint32_t)twin, v, vl, why, cap, &at) != 0) {
                *where = at == GT_NO_OFFSET ? vstart : vstart + 1 + at;
                cli_keys_free(out);
                return -1;
            }
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
    for (; k; k = k->fallback) {
        for (size_t i = k->n; i-- > 0;) {
            if (k->items[i].twin == twin) {
                if (k->items[i].len > cap)
                    return gt_error_set(err, GT_ELIMIT, "key too long");
                memcpy(key, k->items[i].key, k->items[i].len);
                *len = k->items[i].len;
                return GT_OK;
            }
        }
    }
    return gt_error_set(err, GT_ENOTFOUND, "key not found");
}
