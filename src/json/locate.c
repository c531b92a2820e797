/* The locator (gridtypes/locate.h): JSON paths and offsets to positions, in linear total
 * time whatever the document.
 *
 * Three indexes, each built on first need:
 *   - spans: for every object or array (numbered in the order their brackets open), where
 *     it ends and how many objects and arrays it holds. One pass pairs the brackets (a
 *     stack; strings skipped). Stepping over a nested value is then O(1): its end is known,
 *     and so is the number of the next container after it.
 *   - nodes: for an object or array a path visits, its members' value offsets and, for an
 *     object, its keys sorted twice (exactly, and ASCII case-folded) for binary searches.
 *     Listing the members reads only the container's own level (nested values are stepped
 *     over by their span), so every byte is listed at most once however many paths go by.
 *   - lines: the offset where each line starts (one memchr pass), for binary searches.
 *
 * Broken JSON is read as far as it makes sense: a closer pairs with the innermost open
 * bracket whatever its kind, an unclosed container ends at the end of the input, and a
 * member list stops at the first byte that does not fit. The listing of members advances
 * only over whitespace, ',' and ':', strings (skipped exactly as the bracket pass skips
 * them), scalars (which stop at any bracket or quote) and whole containers, so the
 * containers it meets are exactly the next ones the bracket pass numbered. */
#include "gridtypes/locate.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "json/keys.h"
#include "json/reader.h"

#define NONE UINT32_MAX /* = GT_KEY_NONE, what a key lookup finds when none matches */

typedef struct span {
    uint32_t end;   /* offset of the closing bracket, or the input's length when unclosed */
    uint32_t inner; /* objects and arrays inside it, at any depth */
} span;

typedef struct node {
    uint32_t n;
    uint32_t *value; /* offset of each member's value */
    uint32_t *ord;   /* its container number, NONE for a scalar */
    gt_key_ref *exact;  /* objects: keys (unescaped) sorted bytewise, then by position */
    gt_key_ref *folded; /* objects: keys sorted ASCII case-insensitively, then by position */
    char *keys;      /* unescaped copies of the keys that had escapes */
} node;

struct gt_locator {
    const char *s;
    uint32_t n;
    span *spans; /* NULL until the first path */
    uint32_t nspans;
    node **nodes; /* per container number, built on first visit */
    uint32_t *lines; /* line starts; NULL until the first position */
    uint32_t nlines;
};

static int oom(gt_error *err)
{
    return gt_error_set(err, GT_ENOMEM, "out of memory");
}

int gt_locator_new(const char *json, size_t len, gt_locator **out, gt_error *err)
{
    gt_error_clear(err);
    if (out)
        *out = NULL;
    if (!out || (!json && len))
        return gt_error_set(err, GT_EARG, "gt_locator_new: NULL argument");
    if (len > GT_LOCATE_MAX_INPUT)
        return gt_error_set(err, GT_ELIMIT, "a document of %zu bytes exceeds the locator's limit of %zu bytes",
                            len, GT_LOCATE_MAX_INPUT);
    gt_locator *l = calloc(1, sizeof *l);
    if (!l)
        return oom(err);
    l->s = json ? json : "";
    l->n = (uint32_t)len;
    *out = l;
    return GT_OK;
}

static void node_free(node *nd)
{
    if (!nd)
        return;
    free(nd->value);
    free(nd->ord);
    free(nd->exact);
    free(nd->folded);
    free(nd->keys);
    free(nd);
}

void gt_locator_free(gt_locator *l)
{
    if (!l)
        return;
    if (l->nodes)
        for (uint32_t i = 0; i < l->nspans; i++)
            node_free(l->nodes[i]);
    free(l->nodes);
    free(l->spans);
    free(l->lines);
    free(l);
}

/* ---- scanning ---- */

static uint32_t skip_ws(const gt_locator *l, uint32_t i)
{
    return (uint32_t)gt_json_text_ws((const uint8_t *)l->s, l->n, i);
}

/* The closing quote of the string whose opening quote is at i (the input's length when
 * the string is unterminated). */
static uint32_t string_end(const gt_locator *l, uint32_t i)
{
    return (uint32_t)gt_json_text_string_end((const uint8_t *)l->s, l->n, i);
}

/* Just past the string whose opening quote is at i. */
static uint32_t skip_string(const gt_locator *l, uint32_t i)
{
    uint32_t e = string_end(l, i);
    return e < l->n ? e + 1 : l->n;
}

/* The end of a scalar (number, literal, junk): it stops at any structural byte, quote or
 * whitespace, so it never steps over a bracket the pairing pass counted. */
static uint32_t skip_scalar(const gt_locator *l, uint32_t i)
{
    while (i < l->n) {
        char c = l->s[i];
        if (gt_json_is_ws((uint8_t)c) || c == ',' || c == ':' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"')
            break;
        i++;
    }
    return i;
}

/* Pairs every bracket: spans[k] for the k-th '{' or '[' outside strings. */
static int build_spans(gt_locator *l)
{
    uint32_t cap = 64, n = 0, depth = 0, scap = 64;
    span *spans = malloc(cap * sizeof *spans);
    uint32_t *stack = malloc(scap * sizeof *stack);
    if (!spans || !stack)
        goto fail;
    for (uint32_t i = 0; i < l->n; i++) {
        char c = l->s[i];
        if (c == '"') {
            i = skip_string(l, i) - 1;
        } else if (c == '{' || c == '[') {
            if (n == cap) {
                span *g = realloc(spans, (size_t)cap * 2 * sizeof *g);
                if (!g)
                    goto fail;
                spans = g;
                cap *= 2;
            }
            if (depth == scap) {
                uint32_t *g = realloc(stack, (size_t)scap * 2 * sizeof *g);
                if (!g)
                    goto fail;
                stack = g;
                scap *= 2;
            }
            spans[n] = (span){l->n, 0};
            stack[depth++] = n++;
        } else if ((c == '}' || c == ']') && depth > 0) {
            uint32_t k = stack[--depth];
            spans[k].end = i;
            spans[k].inner = n - k - 1;
        }
    }
    while (depth > 0) { /* unclosed: they end with the input */
        uint32_t k = stack[--depth];
        spans[k].inner = n - k - 1;
    }
    free(stack);
    l->spans = spans;
    l->nspans = n;
    l->nodes = calloc(n ? n : 1, sizeof *l->nodes);
    if (!l->nodes) {
        free(l->spans);
        l->spans = NULL;
        return GT_ENOMEM;
    }
    return GT_OK;
fail:
    free(spans);
    free(stack);
    return GT_ENOMEM;
}

/* Steps over the value at i; *next_ord is the number of the next container to meet, and
 * *ord receives the value's own (NONE for a scalar or string). */
static uint32_t skip_value(const gt_locator *l, uint32_t i, uint32_t *next_ord, uint32_t *ord)
{
    *ord = NONE;
    char c = l->s[i];
    if (c == '{' || c == '[') {
        uint32_t k = *next_ord;
        if (k >= l->nspans) /* cannot happen when both passes agree; stop safely */
            return l->n;
        *ord = k;
        *next_ord = k + 1 + l->spans[k].inner;
        return l->spans[k].end < l->n ? l->spans[k].end + 1 : l->n;
    }
    if (c == '"')
        return skip_string(l, i);
    return skip_scalar(l, i);
}

/* ---- keys ---- */

/* The \u escape's four hex digits at p (before e), or -1. */
static int hex4(const char *p, const char *e)
{
    return e - p < 4 ? -1 : gt_json_hex4((const uint8_t *)p);
}

/* Unescapes raw key bytes p[0..n) into o (which has room for n bytes: no escape grows)
 * and returns the length. Like Go: a lone surrogate becomes U+FFFD. An escape Go would
 * refuse is kept as it is (the locator only points). */
static size_t unescape(const char *p, size_t n, char *o)
{
    const char *e = p + n;
    uint8_t *w = (uint8_t *)o;
    while (p < e) {
        if (*p != '\\' || p + 1 == e) {
            *w++ = (uint8_t)*p++;
            continue;
        }
        uint8_t c = (uint8_t)p[1];
        if (gt_json_unescaped[c]) {
            *w++ = gt_json_unescaped[c];
            p += 2;
            continue;
        }
        int v = c == 'u' ? hex4(p + 2, e) : -1;
        if (v < 0) {
            *w++ = (uint8_t)*p++;
            continue;
        }
        p += 6;
        uint32_t cp = (uint32_t)v;
        if (cp >= 0xD800 && cp < 0xDC00) {
            int lo = e - p >= 6 && p[0] == '\\' && p[1] == 'u' ? hex4(p + 2, e) : -1;
            if (lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                p += 6;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xDC00 && cp < 0xE000) {
            cp = 0xFFFD;
        }
        w = gt_utf8_put(w, cp);
    }
    return (size_t)(w - (uint8_t *)o);
}

/* ---- nodes ---- */

typedef struct grow {
    uint32_t n, cap;
    uint32_t *value, *ord;
    gt_key_ref *keys; /* objects only */
} grow;

static bool grow_push(grow *g, bool object, uint32_t value, uint32_t ord, const char *key, uint32_t klen)
{
    if (g->n == g->cap) {
        uint32_t cap = g->cap ? g->cap * 2 : 8;
        uint32_t *v = realloc(g->value, (size_t)cap * sizeof *v);
        if (v)
            g->value = v;
        uint32_t *o = realloc(g->ord, (size_t)cap * sizeof *o);
        if (o)
            g->ord = o;
        if (!v || !o)
            return false;
        if (object) {
            gt_key_ref *k = realloc(g->keys, (size_t)cap * sizeof *k);
            if (!k)
                return false;
            g->keys = k;
        }
        g->cap = cap;
    }
    g->value[g->n] = value;
    g->ord[g->n] = ord;
    if (object)
        g->keys[g->n] = (gt_key_ref){key, klen, g->n};
    g->n++;
    return true;
}

/* Lists the members of container `ord` starting at `at`. */
static node *build_node(const gt_locator *l, uint32_t ord, uint32_t at)
{
    bool object = l->s[at] == '{';
    uint32_t end = l->spans[ord].end, next_ord = ord + 1;
    grow g = {0};
    size_t escaped = 0; /* raw bytes of the keys that have escapes */
    uint32_t i = skip_ws(l, at + 1);
    while (i < end) {
        const char *key = NULL;
        uint32_t klen = 0;
        if (object) {
            if (l->s[i] != '"')
                break;
            uint32_t kend = string_end(l, i);
            key = l->s + i + 1;
            klen = kend - i - 1;
            if (memchr(key, '\\', klen))
                escaped += klen;
            i = skip_ws(l, kend < l->n ? kend + 1 : kend);
            if (i >= end || l->s[i] != ':')
                break;
            i = skip_ws(l, i + 1);
            if (i >= end)
                break;
        } else if (l->s[i] == ']' || l->s[i] == '}') {
            break;
        }
        uint32_t vord;
        uint32_t v = i;
        i = skip_value(l, i, &next_ord, &vord);
        if (!grow_push(&g, object, v, vord, key, klen))
            goto fail;
        i = skip_ws(l, i);
        if (i >= end || l->s[i] != ',')
            break;
        i = skip_ws(l, i + 1);
    }
    node *nd = calloc(1, sizeof *nd);
    if (!nd)
        goto fail;
    nd->n = g.n;
    nd->value = g.value;
    nd->ord = g.ord;
    if (object && g.n) {
        if (escaped && !(nd->keys = malloc(escaped))) {
            node_free(nd);
            free(g.keys);
            return NULL;
        }
        size_t k = 0;
        for (uint32_t m = 0; m < g.n; m++) {
            gt_key_ref *mb = &g.keys[m];
            if (!memchr(mb->key, '\\', mb->len))
                continue;
            size_t len = unescape(mb->key, mb->len, nd->keys + k);
            mb->key = nd->keys + k;
            mb->len = (uint32_t)len;
            k += len;
        }
        nd->exact = g.keys;
        nd->folded = malloc((size_t)g.n * sizeof *nd->folded);
        if (!nd->folded) {
            node_free(nd);
            return NULL;
        }
        memcpy(nd->folded, nd->exact, (size_t)g.n * sizeof *nd->folded);
        gt_keys_sort(nd->exact, g.n, false);
        gt_keys_sort(nd->folded, g.n, true);
    } else {
        free(g.keys);
    }
    return nd;
fail:
    free(g.value);
    free(g.ord);
    free(g.keys);
    return NULL;
}

static node *get_node(gt_locator *l, uint32_t ord, uint32_t at)
{
    if (!l->nodes[ord])
        l->nodes[ord] = build_node(l, ord, at);
    return l->nodes[ord];
}

/* ---- paths ---- */

int gt_locator_path(gt_locator *l, const char *path, size_t *offset, size_t *matched, gt_error *err)
{
    gt_error_clear(err);
    if (matched)
        *matched = 0;
    if (!l || !path || !offset)
        return gt_error_set(err, GT_EARG, "gt_locator_path: NULL argument");
    *offset = GT_NO_OFFSET;
    uint32_t at = skip_ws(l, 0);
    if (at >= l->n)
        return gt_error_set(err, GT_ENOTFOUND, "the document holds no value");
    if (!l->spans && build_spans(l) != GT_OK)
        return oom(err);
    /* the document's value is container 0 when it is a container: nothing precedes it */
    uint32_t ord = l->s[at] == '{' || l->s[at] == '[' ? 0 : NONE;
    const char *p = path;
    while (*p) {
        const char *seg = p;
        uint32_t child = NONE;
        node *nd = NULL;
        if (*p == '[') {
            uint64_t idx = 0;
            bool digits = false;
            for (p++; *p >= '0' && *p <= '9'; p++) {
                digits = true;
                if (idx <= UINT32_MAX)
                    idx = idx * 10 + (uint64_t)(*p - '0');
            }
            if (!digits || *p != ']') {
                p = seg; /* not an index: no deeper part exists */
                break;
            }
            p++;
            if (ord != NONE && l->s[at] == '[') {
                if (!(nd = get_node(l, ord, at)))
                    return oom(err);
                if (idx < nd->n)
                    child = (uint32_t)idx;
            }
        } else {
            if (*p == '.')
                p++;
            const char *k = p;
            while (*p && *p != '.' && *p != '[')
                p++;
            if (ord != NONE && l->s[at] == '{') {
                if (!(nd = get_node(l, ord, at)))
                    return oom(err);
                size_t kn = (size_t)(p - k);
                if (kn < UINT32_MAX) {
                    child = gt_keys_find_last(nd->exact, nd->n, k, (uint32_t)kn, false);
                    if (child == NONE)
                        child = gt_keys_find_last(nd->folded, nd->n, k, (uint32_t)kn, true);
                }
            }
        }
        if (child == NONE) {
            p = seg;
            break;
        }
        at = nd->value[child];
        ord = nd->ord[child];
        if (matched)
            *matched = (size_t)(p - path);
    }
    *offset = at;
    if (*p)
        return gt_error_set(err, GT_ENOTFOUND, "no value at %.200s", path);
    return GT_OK;
}

/* ---- lines ---- */

static int build_lines(gt_locator *l)
{
    uint32_t count = 1;
    for (const char *p = l->s, *e = l->s + l->n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
        count++;
    l->lines = malloc((size_t)count * sizeof *l->lines);
    if (!l->lines)
        return GT_ENOMEM;
    uint32_t k = 0;
    l->lines[k++] = 0;
    for (const char *p = l->s, *e = l->s + l->n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
        l->lines[k++] = (uint32_t)(p - l->s) + 1;
    l->nlines = count;
    return GT_OK;
}

int gt_locator_position(gt_locator *l, size_t offset, gt_position *pos, gt_error *err)
{
    gt_error_clear(err);
    if (!l || !pos)
        return gt_error_set(err, GT_EARG, "gt_locator_position: NULL argument");
    if (offset > l->n)
        return gt_error_set(err, GT_EARG, "offset %zu is past the document's end (%u bytes)", offset,
                            (unsigned)l->n);
    if (!l->lines && build_lines(l) != GT_OK)
        return oom(err);
    /* the last line that starts at or before offset */
    uint32_t lo = 0, hi = l->nlines;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (l->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    pos->offset = offset;
    pos->line = (size_t)lo + 1;
    pos->line_start = l->lines[lo];
    pos->column = offset - l->lines[lo] + 1;
    return GT_OK;
}

int gt_locator_error(gt_locator *l, const gt_error *e, gt_position *pos)
{
    if (!l || !e || !pos)
        return GT_EARG;
    size_t off = e->offset;
    if (off == GT_NO_OFFSET || off > l->n) {
        if (!e->path[0])
            return GT_ENOTFOUND;
        gt_error pe;
        int rc = gt_locator_path(l, e->path, &off, NULL, &pe);
        if (rc == GT_ENOMEM)
            return rc;
        if (off == GT_NO_OFFSET)
            return GT_ENOTFOUND;
    }
    return gt_locator_position(l, off, pos, NULL);
}
