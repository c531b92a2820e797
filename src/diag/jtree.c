/* The JSON tree of the diagnosis engines (see jtree.h). */
#include "diag/jtree.h"

#include <stdlib.h>
#include <string.h>

#include "json/reader.h"

static size_t skip_ws(const jt_tree *t, size_t i)
{
    return gt_json_text_ws(t->doc, t->len, i);
}

/* Past the string whose opening quote is at i. */
static size_t skip_string(const jt_tree *t, size_t i)
{
    size_t e = gt_json_text_string_end(t->doc, t->len, i);
    return e < t->len ? e + 1 : t->len;
}

/* Past the value at i, without recursion (brackets counted, strings skipped). */
static size_t skip_value(const jt_tree *t, size_t i)
{
    size_t depth = 0;
    while (i < t->len) {
        uint8_t c = t->doc[i];
        if (c == '"') {
            i = skip_string(t, i);
            if (!depth)
                return i;
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (!depth)
                return i;
            if (--depth == 0)
                return i + 1;
        } else if (!depth && (c == ',' || c == ':' || gt_json_is_ws(c))) {
            return i;
        }
        i++;
    }
    return i;
}

static uint32_t add(jt_tree *t, jt_kind kind, size_t start)
{
    if (t->n == t->cap) {
        uint32_t ncap = t->cap ? 2 * t->cap : 64;
        jt_node *nn = realloc(t->nodes, (size_t)ncap * sizeof *nn);
        if (!nn)
            return 0;
        t->nodes = nn;
        t->cap = ncap;
    }
    jt_node *x = &t->nodes[t->n];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->start = (uint32_t)start;
    return t->n++;
}

static bool unquote(jt_tree *t, size_t a, size_t b, gt_str *out)
{
    /* a at the opening quote, b past the closing one */
    if (b < a + 2) {
        *out = (gt_str){"", 0};
        return true;
    }
    return gt_json_unquote(&t->arena, t->doc + a + 1, t->doc + b - 1, out) == 0;
}

/* Parses the value at *pos into a new node; returns its index (0: out of memory). */
static uint32_t value(jt_tree *t, size_t *pos, int depth)
{
    size_t i = skip_ws(t, *pos);
    if (i >= t->len)
        return 0;
    uint8_t c = t->doc[i];
    uint32_t me;
    if ((c == '{' || c == '[') && depth >= JT_MAX_DEPTH) {
        if (!(me = add(t, JT_DEEP, i)))
            return 0;
        *pos = skip_value(t, i);
        t->nodes[me].end = (uint32_t)*pos;
        return me;
    }
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        if (!(me = add(t, obj ? JT_OBJECT : JT_ARRAY, i)))
            return 0;
        uint32_t last = 0;
        i = skip_ws(t, i + 1);
        while (i < t->len && t->doc[i] != (obj ? '}' : ']')) {
            gt_str key = {"", 0};
            if (obj) {
                size_t ke = skip_string(t, i);
                if (!unquote(t, i, ke, &key))
                    return 0;
                i = skip_ws(t, ke);
                if (i < t->len && t->doc[i] == ':')
                    i++;
            }
            uint32_t kid = value(t, &i, depth + 1);
            if (!kid)
                return 0;
            t->nodes[kid].key = key;
            if (last)
                t->nodes[last].next = kid;
            else
                t->nodes[me].first = kid;
            last = kid;
            i = skip_ws(t, i);
            if (i < t->len && t->doc[i] == ',')
                i = skip_ws(t, i + 1);
            else
                break;
        }
        i = skip_ws(t, i);
        *pos = i < t->len ? i + 1 : i;
        t->nodes[me].end = (uint32_t)*pos;
        return me;
    }
    jt_kind k = c == '"' ? JT_STRING : c == 't' ? JT_TRUE : c == 'f' ? JT_FALSE : c == 'n' ? JT_NULL : JT_NUMBER;
    if (!(me = add(t, k, i)))
        return 0;
    *pos = skip_value(t, i);
    t->nodes[me].end = (uint32_t)*pos;
    return me;
}

/* Lays every container's children out in one array, in order. */
static bool index_children(jt_tree *t)
{
    t->kid = malloc((t->n ? t->n : 1) * sizeof *t->kid);
    if (!t->kid)
        return false;
    uint32_t at = 0;
    for (uint32_t x = 1; x < t->n; x++) {
        jt_node *nd = &t->nodes[x];
        nd->exact = nd->folded = UINT32_MAX;
        if (nd->kind != JT_OBJECT && nd->kind != JT_ARRAY)
            continue;
        nd->kids = at;
        for (uint32_t k = nd->first; k; k = t->nodes[k].next)
            t->kid[at++] = k;
        nd->nkids = at - nd->kids;
    }
    return true;
}

bool jt_build(jt_tree *t, const uint8_t *doc, size_t len)
{
    memset(t, 0, sizeof *t);
    t->doc = doc;
    t->len = len > UINT32_MAX - 1 ? 0 : len;
    gt_arena_init(&t->arena, 1024);
    add(t, JT_NULL, 0); /* node 0 stands for "none" */
    if (t->n != 1)
        return false;
    size_t pos = 0;
    if ((skip_ws(t, 0) < t->len && !value(t, &pos, 0)) || !index_children(t)) {
        jt_free(t);
        memset(t, 0, sizeof *t);
        gt_arena_init(&t->arena, 64);
        return false;
    }
    return true;
}

void jt_free(jt_tree *t)
{
    free(t->kid);
    free(t->order);
    t->kid = NULL;
    t->order = NULL;
    t->norder = t->order_cap = 0;
    free(t->nodes);
    gt_arena_free(&t->arena);
    t->nodes = NULL;
    t->n = t->cap = 0;
}

/* The key of member node m, as the sorted lists hold it (id: the node). */
static gt_key_ref key_of(const jt_tree *t, uint32_t m)
{
    return (gt_key_ref){t->nodes[m].key.ptr, (uint32_t)t->nodes[m].key.len, m};
}

/* Sorts object obj's members (exactly, or folded) into t->order; returns the offset, or
 * UINT32_MAX when out of memory. */
static uint32_t sort_members(jt_tree *t, uint32_t obj, bool folded)
{
    const jt_node *o = &t->nodes[obj];
    uint32_t n = o->nkids;
    if (t->norder + n > t->order_cap) {
        size_t ncap = t->order_cap ? t->order_cap : 256;
        while (ncap < t->norder + n)
            ncap *= 2;
        gt_key_ref *no = realloc(t->order, ncap * sizeof *no);
        if (!no)
            return UINT32_MAX;
        t->order = no;
        t->order_cap = ncap;
    }
    gt_key_ref *keys = t->order + t->norder;
    for (uint32_t i = 0; i < n; i++)
        keys[i] = key_of(t, t->kid[o->kids + i]);
    gt_keys_sort(keys, n, folded);
    uint32_t at = (uint32_t)t->norder;
    t->norder += n;
    return at;
}

uint32_t jt_member(jt_tree *t, uint32_t obj, const char *key, size_t klen)
{
    if (!obj || obj >= t->n || t->nodes[obj].kind != JT_OBJECT || klen >= UINT32_MAX)
        return 0; /* (keys are shorter than the document, which 32 bits count) */
    jt_node *o = &t->nodes[obj];
    if (o->nkids > 8 && !t->oom) {
        if (o->exact == UINT32_MAX && (o->exact = sort_members(t, obj, false)) == UINT32_MAX)
            t->oom = true;
        if (o->folded == UINT32_MAX && !t->oom && (o->folded = sort_members(t, obj, true)) == UINT32_MAX)
            t->oom = true;
        if (!t->oom) {
            uint32_t m = gt_keys_find_last(t->order + o->exact, o->nkids, key, (uint32_t)klen, false);
            if (m == GT_KEY_NONE)
                m = gt_keys_find_last(t->order + o->folded, o->nkids, key, (uint32_t)klen, true);
            return m == GT_KEY_NONE ? 0 : m;
        }
    }
    /* a few members (or no memory for an index): one scan */
    uint32_t exact = 0, folded = 0;
    for (uint32_t k = o->first; k; k = t->nodes[k].next) {
        gt_str s = t->nodes[k].key;
        if (s.len != klen)
            continue;
        if (!klen || memcmp(s.ptr, key, klen) == 0)
            exact = k;
        else if (gt_key_cmp(s.ptr, (uint32_t)s.len, key, (uint32_t)klen, true) == 0)
            folded = k;
    }
    return exact ? exact : folded;
}

bool jt_repeated(jt_tree *t, uint32_t obj, uint32_t *next)
{
    const jt_node *o = &t->nodes[obj];
    uint32_t n = o->nkids;
    gt_key_ref *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        keys[i] = key_of(t, t->kid[o->kids + i]);
        keys[i].id = i; /* the position among the members */
        next[i] = UINT32_MAX;
    }
    gt_keys_sort(keys, n, false);
    for (uint32_t i = 0; i + 1 < n; i++)
        if (gt_key_cmp(keys[i].key, keys[i].len, keys[i + 1].key, keys[i + 1].len, false) == 0)
            next[keys[i].id] = keys[i + 1].id;
    free(keys);
    return true;
}

uint32_t jt_child(const jt_tree *t, uint32_t x, size_t i)
{
    if (!x || x >= t->n || (t->nodes[x].kind != JT_OBJECT && t->nodes[x].kind != JT_ARRAY))
        return 0;
    return i < t->nodes[x].nkids ? t->kid[t->nodes[x].kids + i] : 0;
}

uint32_t jt_element(const jt_tree *t, uint32_t arr, size_t index)
{
    if (!arr || arr >= t->n || t->nodes[arr].kind != JT_ARRAY)
        return 0;
    return jt_child(t, arr, index);
}

jt_where jt_path(jt_tree *t, const char *path, uint32_t *node)
{
    uint32_t at = t->n > 1 ? 1 : 0;
    *node = 0;
    if (!at)
        return JT_UNKNOWN;
    const char *p = path;
    while (*p) {
        uint32_t next;
        if (*p == '[') {
            size_t idx = 0;
            for (p++; *p >= '0' && *p <= '9'; p++)
                idx = idx * 10 + (size_t)(*p - '0');
            if (*p == ']')
                p++;
            next = jt_element(t, at, idx);
            if (!next)
                return JT_UNKNOWN;
        } else {
            if (*p == '.')
                p++;
            const char *k = p;
            while (*p && *p != '.' && *p != '[')
                p++;
            if (t->nodes[at].kind != JT_OBJECT)
                return JT_UNKNOWN;
            next = jt_member(t, at, k, (size_t)(p - k));
            if (!next) {
                if (*p)
                    return JT_UNKNOWN;
                *node = at;
                return JT_ABSENT;
            }
        }
        at = next;
    }
    *node = at;
    return JT_FOUND;
}

bool jt_string(jt_tree *t, uint32_t s, gt_str *out)
{
    if (!s || s >= t->n || t->nodes[s].kind != JT_STRING)
        return false;
    return unquote(t, t->nodes[s].start, t->nodes[s].end, out);
}
