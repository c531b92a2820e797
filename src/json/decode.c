/* The schema-driven reader: one pass from JSON bytes into C structs, with the
 * decoding rules of Go's encoding/json (DESIGN.md, "JSON: Go semantics"). */
#include "json/reader.h"
#include "core/strhash.h"
#include "core/gonet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gt_reader_init(gt_reader *r, const uint8_t *base, const uint8_t *data, size_t len,
                    gt_arena *arena, gt_error *err, const char *prefix)
{
    r->base = base;
    r->base_off = 0;
    r->p = data;
    r->end = data + len;
    r->arena = arena;
    r->err = err;
    r->status = GT_OK;
    r->stopped = false;
    r->depth = 0;
    memset(r->open_indent, 0, sizeof r->open_indent);
    r->prefix = prefix ? prefix : "";
    r->go_struct = NULL;
    r->raw_hook = NULL;
    r->scratch = NULL;
    r->scratch_top = r->scratch_cap = 0;
    r->npath = 0;
}

int gt_reader_init_copy(gt_reader *r, const uint8_t *base, const uint8_t *data, size_t len,
                        gt_arena *arena, gt_error *err, const char *prefix)
{
    uint8_t *copy = gt_arena_alloc_raw(arena, len + GT_JSON_PAD);
    if (!copy)
        return GT_ENOMEM;
    if (len)
        memcpy(copy, data, len);
    memset(copy + len, 0, GT_JSON_PAD);
    gt_reader_init(r, copy, copy, len, arena, err, prefix);
    r->base_off = data ? (size_t)(data - base) : 0; /* no data: an empty slice, offset 0 */
    return 0;
}

void gt_reader_set_scratch(gt_reader *r, void *buf, size_t size)
{
    r->scratch = buf;
    r->scratch_top = 0;
    r->scratch_cap = buf ? size : 0;
}

void gt_reader_path(const gt_reader *r, const char *leaf, char *out, size_t cap)
{
    size_t n = 0;
    int k = snprintf(out, cap, "%s", r->prefix);
    n = k > 0 ? (size_t)k : 0;
    for (int i = 0; i < r->npath && i < GT_JSON_PATH_MAX && n < cap; i++) {
        const gt_path_seg *s = &r->path[i];
        if (s->len == GT_PATH_HIDDEN)
            continue;
        if (s->name)
            k = snprintf(out + n, cap - n, "%s%.*s", n ? "." : "", (int)s->len, s->name);
        else
            k = snprintf(out + n, cap - n, "[%u]", s->index);
        n += k > 0 ? (size_t)k : 0;
    }
    if (leaf && n < cap)
        snprintf(out + n, cap - n, "%s%s", n ? "." : "", leaf);
}

static void pop(gt_reader *r)
{
    r->npath--;
}

/* The "Struct.field" of Go's UnmarshalTypeError text as Go 1.19 (the reference's build)
 * words it: the innermost struct's type name without its package, then the JSON names of
 * the struct fields from the root of this decode down, joined by dots; array indexes, map
 * keys and the path prefix (where this decode sits in the deployment) are not part of it.
 * Other Go releases build this part differently; see docs/DESIGN-NOTES.md, "Which Go". */
static void go_field_text(const gt_reader *r, char *out, size_t cap)
{
    const char *dot = strrchr(r->go_struct, '.');
    int k = snprintf(out, cap, "%s", dot ? dot + 1 : r->go_struct);
    size_t n = k > 0 ? (size_t)k : 0;
    for (int i = 0; i < r->npath && i < GT_JSON_PATH_MAX && n < cap; i++) {
        const gt_path_seg *seg = &r->path[i];
        if (!seg->name || seg->len == GT_PATH_HIDDEN || seg->index == GT_PATH_MAP_KEY)
            continue;
        k = snprintf(out + n, cap - n, ".%.*s", (int)seg->len, seg->name);
        n += k > 0 ? (size_t)k : 0;
    }
}

/* Go keeps the first type error and goes on decoding. */
GT_COLD static void type_error(gt_reader *r, const char *what, const uint8_t *at, const gt_schema *s)
{
    if (r->status != GT_OK)
        return;
    char where[GT_ERROR_PATH_MAX];
    gt_reader_path(r, NULL, where, sizeof where);
    if (r->go_struct) {
        char field[GT_ERROR_PATH_MAX];
        go_field_text(r, field, sizeof field);
        gt_error_set(r->err, GT_ETYPE, "json: cannot unmarshal %s into Go struct field %s of type %s", what,
                     field, s->go_name);
    } else
        gt_error_set(r->err, GT_ETYPE, "json: cannot unmarshal %s into Go value of type %s", what,
                     s->go_name);
    gt_error_at(r->err, gt_reader_offset(r, at), where);
    r->status = GT_ETYPE;
}

/* A value's own decoder failed: Go returns this error at once (it replaces a type
 * error seen earlier) and assigns nothing more. */
GT_COLD static void value_error(gt_reader *r, const uint8_t *at, const char *fmt, const char *text, size_t len)
{
    if (r->status != GT_OK && r->status != GT_ETYPE)
        return;
    char where[GT_ERROR_PATH_MAX];
    gt_reader_path(r, NULL, where, sizeof where);
    gt_error_set_quoting(r->err, GT_EVALUE, fmt, (int)(len > 200 ? 200 : len), text);
    gt_error_at(r->err, gt_reader_offset(r, at), where);
    r->status = GT_EVALUE;
    r->stopped = true;
}

int gt_json_oom(gt_reader *r)
{
    gt_error_set(r->err, GT_ENOMEM, "out of memory while decoding");
    r->status = GT_ENOMEM;
    return -1;
}

static int decode_struct(gt_reader *r, const gt_schema *s, uint8_t *dst);
static int decode_slice(gt_reader *r, const gt_schema *s, gt_slice *sl);
static int decode_value_general(gt_reader *r, const gt_schema *s, void *dst);
static int decode_text(gt_reader *r, const gt_schema *s, void *dst);
static int decode_map(gt_reader *r, const gt_schema *s, gt_map *m);

/* ---- fast paths for the usual token of a field's kind ----
 * They return 1 when they did the whole job, 0 to leave the value untouched (r->p
 * where it was) to the general path, which also owns every error. */

/* A string without escapes or non-ASCII bytes into a gt_str. */
static inline int fast_string(gt_reader *r, gt_str *dst)
{
    const uint8_t *a = r->p + 1;
    const uint8_t *b = gt_json_string_run(a, r->end);
    if (*b != '"') /* at the end, b is at the padding's NUL */
        return 0;
    dst->ptr = (const char *)a;
    dst->len = (size_t)(b - a);
    r->p = b + 1;
    return 1;
}

/* A plain non-negative integer (no fraction, no exponent) that fits the field (for a
 * Timestamp: what json.Unmarshal into its int64 takes). */
static inline int fast_uint(gt_reader *r, const gt_schema *s, void *dst)
{
    const uint8_t *p = r->p;
    uint64_t v = 0;
    if (*p == '0') {
        p++;
    } else {
        /* 19 digits cannot overflow; longer numbers take the general path. (The
         * padding's NUL ends every run of digits.) */
        for (int k = 0; k < 19 && *p >= '0' && *p <= '9'; k++)
            v = v * 10 + (uint64_t)(*p++ - '0');
    }
    if ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E')
        return 0;
    switch (s->kind) {
    case GT_KIND_U8:
        if (v > UINT8_MAX)
            return 0;
        *(uint8_t *)dst = (uint8_t)v;
        break;
    case GT_KIND_U16:
        if (v > UINT16_MAX)
            return 0;
        *(uint16_t *)dst = (uint16_t)v;
        break;
    case GT_KIND_U32:
        if (v > UINT32_MAX)
            return 0;
        *(uint32_t *)dst = (uint32_t)v;
        break;
    case GT_KIND_TIMESTAMP:
        if (v > INT64_MAX)
            return 0;
        *(int64_t *)dst = (int64_t)v;
        break;
    default:
        *(uint64_t *)dst = v;
        break;
    }
    r->p = p;
    return 1;
}

/* One value of type s into dst: the usual pairings of kind and token go straight to
 * their decoder, everything else (null, mismatches, errors, timestamps, ...) to
 * decode_value_general. */
static inline __attribute__((always_inline)) int decode_value(gt_reader *r, const gt_schema *s, void *dst)
{
    gt_json_ws(r);
    if (!r->stopped) {
        uint8_t c = *r->p; /* the padding's NUL takes no fast path */
        switch (s->kind) {
        case GT_KIND_STRING:
            if (c == '"' && fast_string(r, dst))
                return 0;
            break;
        case GT_KIND_STRUCT:
            if (c == '{')
                return decode_struct(r, s, dst);
            break;
        case GT_KIND_SLICE:
            if (c == '[')
                return decode_slice(r, s, dst);
            break;
        case GT_KIND_U8:
        case GT_KIND_U16:
        case GT_KIND_U32:
        case GT_KIND_U64:
        case GT_KIND_TIMESTAMP:
            if (c >= '0' && c <= '9' && fast_uint(r, s, dst))
                return 0;
            break;
        case GT_KIND_IPNET:
        case GT_KIND_IP:
        case GT_KIND_HEX:
            if (c == '"')
                return decode_text(r, s, dst);
            break;
        case GT_KIND_PTR:
            if (c == '{' && s->elem->kind == GT_KIND_STRUCT) {
                void **pp = dst;
                if (!*pp && !(*pp = gt_arena_alloc(r->arena, s->elem->size)))
                    return gt_json_oom(r);
                return decode_struct(r, s->elem, *pp);
            }
            break;
        case GT_KIND_MAP:
            if (c == '{')
                return decode_map(r, s, dst);
            break;
        case GT_KIND_BOOL:
            if (c == 't' && r->end - r->p >= 4 && memcmp(r->p, "true", 4) == 0) {
                *(bool *)dst = true;
                r->p += 4;
                return 0;
            }
            if (c == 'f' && r->end - r->p >= 5 && memcmp(r->p, "false", 5) == 0) {
                *(bool *)dst = false;
                r->p += 5;
                return 0;
            }
            break;
        default:
            break;
        }
    }
    return decode_value_general(r, s, dst);
}


/* ---- key matching ---- */

/* Go matches a key to a field exactly first, then with Unicode simple case folding;
 * for ASCII field names the only non-ASCII runes that fold onto them are U+017F (s)
 * and U+212A (k). */
static bool key_fold_equal(const char *name, const uint8_t *k, size_t klen)
{
    const uint8_t *e = k + klen;
    for (const char *n = name; *n; n++) {
        if (k >= e)
            return false;
        uint8_t c = (uint8_t)*n, kc = *k;
        if (kc < 0x80) {
            if (c != kc) {
                uint8_t up = c & 0xdf;
                if (up < 'A' || up > 'Z' || up != (kc & 0xdf))
                    return false;
            }
            k++;
            continue;
        }
        if ((c | 0x20) == 's' && e - k >= 2 && k[0] == 0xc5 && k[1] == 0xbf) {
            k += 2;
            continue;
        }
        if ((c | 0x20) == 'k' && e - k >= 3 && k[0] == 0xe2 && k[1] == 0x84 && k[2] == 0xaa) {
            k += 3;
            continue;
        }
        return false;
    }
    return k == e;
}

/* Whether field name `n` (NUL-terminated) is exactly the key k[0..klen). (A cache of
 * name lengths plus memcmp measured slower: keys are short.) */
static inline bool name_is(const char *n, const uint8_t *k, size_t klen)
{
    for (size_t i = 0; i < klen; i++)
        if ((uint8_t)n[i] != k[i] || n[i] == '\0')
            return false;
    return n[klen] == '\0';
}

/* The field for key k; *hint is where the search starts (keys mostly come in field order,
 * so it is usually right at once) and becomes the field after the match. *name_len gets
 * the length of the field's name. */
static const gt_field *find_field(const gt_schema *s, const uint8_t *k, size_t klen, uint32_t *hint,
                                  size_t *name_len)
{
    uint32_t n = s->nfields, h = *hint < n ? *hint : 0;
    for (uint32_t j = 0; j < n; j++) {
        uint32_t i = h + j < n ? h + j : h + j - n;
        if (name_is(s->fields[i].name, k, klen)) {
            *hint = i + 1;
            *name_len = klen;
            return &s->fields[i];
        }
    }
    for (uint32_t i = 0; i < n; i++)
        if (key_fold_equal(s->fields[i].name, k, klen)) {
            *name_len = strlen(s->fields[i].name);
            return &s->fields[i];
        }
    return NULL;
}

/* Whether the input at p is the key string "name" of field f, byte for byte: field
 * names need no escaping, so then the key is exactly the name and is neither scanned
 * nor unescaped. False when f's table leaves name_len out. */
static inline bool key_is_field(const uint8_t *p, const uint8_t *e, const gt_field *f)
{
    size_t n = f->name_len;
    /* A name that fits the padding is compared without a length check: where the input
     * ends first, its padding's NULs match no name byte and no quote. */
    if (n == 0 || (n > GT_JSON_PAD - 2 && (size_t)(e - p) < n + 2) || p[0] != '"' || p[n + 1] != '"')
        return false;
    const uint8_t *k = p + 1;
    const char *name = f->name;
    for (; n >= 8; n -= 8, k += 8, name += 8) {
        uint64_t a, b;
        memcpy(&a, k, 8);
        memcpy(&b, name, 8);
        if (a != b)
            return false;
    }
    /* The last 1..7 bytes, as two overlapping words where they fit. */
    if (n >= 4) {
        uint32_t a0, b0, a1, b1;
        memcpy(&a0, k, 4);
        memcpy(&b0, name, 4);
        memcpy(&a1, k + n - 4, 4);
        memcpy(&b1, name + n - 4, 4);
        return a0 == b0 && a1 == b1;
    }
    for (size_t i = 0; i < n; i++)
        if (k[i] != (uint8_t)name[i])
            return false;
    return true;
}

/* The index of the field whose name the key at p is exactly (see key_is_field), or
 * nfields when there is none that way (then the key needs scanning: escapes, case
 * folding, unknown keys, tables without name_len). */
static uint32_t key_field_index(const gt_schema *s, const uint8_t *p, const uint8_t *e)
{
    for (uint32_t i = 0; i < s->nfields; i++)
        if (key_is_field(p, e, &s->fields[i]))
            return i;
    return s->nfields;
}

/* ---- containers ---- */

static int enter(gt_reader *r)
{
    if (r->depth + 1 > GT_JSON_MAX_DEPTH)
        return gt_json_syntax_error(r, r->p, "exceeded max depth");
    r->depth++;
    r->p++;
    return 0;
}

/* Reads `"key":` (r->p at the opening quote). */
static int read_key(gt_reader *r, gt_str *key)
{
    if (r->p >= r->end)
        return gt_json_syntax_error(r, NULL, NULL);
    if (*r->p != '"')
        return gt_json_syntax_error(r, r->p, "looking for beginning of object key string");
    const uint8_t *a, *b;
    bool plain;
    if (gt_json_scan_string_quick(r, &a, &b, &plain) != 0)
        return -1;
    if (plain) {
        key->ptr = (const char *)a;
        key->len = (size_t)(b - a);
    } else if (gt_json_unquote(r->arena, a, b, key) != 0) {
        return gt_json_oom(r);
    }
    return gt_json_read_colon(r);
}

/* After a member or element: returns 1 to go on (',' consumed), 0 at the closing
 * bracket (consumed), -1 on a syntax error. */
static inline int next_member(gt_reader *r, bool object)
{
    if (*r->p == ',') { /* the usual layout: right after the value */
        r->p++;
        gt_json_ws_indent(r);
        return 1;
    }
    gt_json_ws_indent(r);
    if (r->p >= r->end)
        return gt_json_syntax_error(r, NULL, NULL);
    uint8_t c = *r->p;
    if (c == ',') {
        r->p++;
        gt_json_ws(r);
        return 1;
    }
    if (c == (object ? '}' : ']')) {
        r->p++;
        r->depth--;
        return 0;
    }
    return gt_json_syntax_error(r, r->p, object ? "after object key:value pair" : "after array element");
}

/* Pretty-printed JSON puts each member of an object (element of an array) on a line of
 * its own, indented alike. From the second one on, the position after ",\n" and the
 * indentation is taken to be the learned one: the vector compare still checks it (a
 * newline, exactly `len` spaces, then a byte that is not whitespace) and the guess is
 * used only then, but the next member's reads no longer wait for that check's result
 * (a load, a compare and a bit scan on the path from one member to the next). */
typedef struct indent_guess {
    bool known;
    uint32_t len; /* spaces after the newline */
} indent_guess;

/* The indentation in the whitespace skipped from nl (the byte after '{', '[' or ',') to
 * q: the number of bytes after a newline, when it is one and they are at most 15; else
 * -1. (Whitespace other than spaces there only makes later guesses fail their check.) */
static inline int indent_of(const uint8_t *nl, const uint8_t *q)
{
    return *nl == '\n' && q > nl && q - nl <= 16 ? (int)(q - nl - 1) : -1;
}

static inline void indent_learn(indent_guess *g, const uint8_t *nl, const uint8_t *q)
{
    int len = indent_of(nl, q);
    if (len >= 0) {
        g->known = true;
        g->len = (uint32_t)len;
    }
}

/* Where the next member starts when nl (before the end) holds a newline followed by
 * exactly `len` spaces and a byte that is not whitespace; NULL when it holds anything
 * else. */
static inline const uint8_t *after_indent(const uint8_t *nl, uint32_t len)
{
#if GT_JSON_SSE2
    if (*nl == '\n') {
        uint32_t want = (1u << len) - 1;
        const uint8_t *q = nl + 1 + len;
        if ((gt_json_spaces16(nl + 1) & want) == want && *q > ' ')
            return q;
    }
#else
    (void)nl;
    (void)len;
#endif
    return NULL;
}

/* At a ',' (r->p): moves past it and the learned indentation when the input has exactly
 * that there; false (r->p unchanged) otherwise. */
static inline bool indent_skip(gt_reader *r, const indent_guess *g)
{
    const uint8_t *q = g->known ? after_indent(r->p + 1, g->len) : NULL;
    if (!q)
        return false;
    r->p = q;
    return true;
}

/* Whitespace after a '{' or '[' (r->p just past it). Objects and arrays at one nesting
 * level are indented alike, so the first member is looked for after a newline and the
 * indentation last seen at this level; the vector compare checks that (exactly that
 * many spaces, then a byte that is not whitespace) as in indent_skip. Otherwise the
 * whitespace is skipped as usual and its indentation remembered for the level. */
static inline void skip_open_ws(gt_reader *r)
{
    const uint8_t *p = r->p;
    uint8_t *seen = &r->open_indent[(unsigned)r->depth & 15u];
    const uint8_t *q = after_indent(p, *seen);
    if (q) {
        r->p = q;
        return;
    }
    gt_json_ws_indent(r);
    int len = indent_of(p, r->p);
    if (len >= 0)
        *seen = (uint8_t)len;
}

/* A raw field: offered to the hook first (which may decode it on the spot), else kept
 * raw as usual. */
static int decode_raw_field(gt_reader *r, const gt_schema *s, uint8_t *dst, const gt_field *f)
{
    gt_json_ws(r);
    if (!r->stopped) {
        int h = r->raw_hook(r, s, dst, f);
        if (h != 0)
            return h > 0 ? 0 : -1;
    }
    return decode_value(r, f->type, dst + f->offset);
}

/* An object into a struct: members in any order, unknown keys skipped. */
static int decode_struct(gt_reader *r, const gt_schema *s, uint8_t *dst)
{
    if (enter(r) != 0)
        return -1;
    const char *saved_struct = r->go_struct;
    const uint8_t *open = r->p;
    skip_open_ws(r);
    if (*r->p == '}') {
        r->p++;
        r->depth--;
        return 0;
    }
    indent_guess g = {false, 0};
    indent_learn(&g, open, r->p);
    uint32_t hint = 0;
    /* Type errors inside name this struct; the enclosing one is back once it is read. */
    r->go_struct = s->go_name;
    /* The member being read is the path's last segment, written for each member and
     * hidden between them rather than pushed and popped: paths are read only to report
     * an error, members are read all the time. */
    gt_path_seg spare;
    gt_path_seg *slot = r->npath < GT_JSON_PATH_MAX ? &r->path[r->npath] : &spare;
    slot->name = "";
    slot->len = GT_PATH_HIDDEN;
    slot->index = 0; /* a struct field's segment, not a map key's */
    r->npath++;
    for (;;) {
        const gt_field *f;
        size_t name_len;
        if ((hint < s->nfields && key_is_field(r->p, r->end, &s->fields[hint])) ||
            (hint = key_field_index(s, r->p, r->end)) < s->nfields) {
            /* The usual case: the key is a field's name as it is, most often the next
             * field's (keys tend to come in the order of the fields). */
            f = &s->fields[hint++];
            name_len = f->name_len;
            r->p += name_len + 2;
            if (gt_json_read_colon(r) != 0)
                return -1;
        } else {
            hint = 0;
            gt_str key;
            if (read_key(r, &key) != 0)
                return -1;
            f = find_field(s, (const uint8_t *)key.ptr, key.len, &hint, &name_len);
        }
        if (f) {
            slot->name = f->name;
            slot->len = (uint32_t)name_len;
            int rc = f->type->kind == GT_KIND_RAW && r->raw_hook ? decode_raw_field(r, s, dst, f)
                                                                 : decode_value(r, f->type, dst + f->offset);
            slot->len = GT_PATH_HIDDEN;
            if (rc != 0)
                return -1;
        } else if (gt_json_skip_value(r) != 0) {
            return -1;
        }
        if (*r->p == ',' && indent_skip(r, &g))
            continue;
        const uint8_t *after = r->p + 1;
        int more = next_member(r, true);
        if (more <= 0) {
            r->npath--;
            r->go_struct = saved_struct;
            return more;
        }
        if (!g.known)
            indent_learn(&g, after, r->p);
    }
}

/* ---- building slices and maps ----
 * A slice or map that is empty when its array or object starts (the usual case) is
 * built on the reader's scratch stack and copied into the arena once complete, at its
 * final size: growing it in the arena would leave every outgrown copy behind. Elements
 * of nested slices stack above the element that holds them and are gone again before
 * the next element starts, so the stack discipline holds. Without scratch, or when it
 * runs out, elements live in the arena and grow there as Go grows them. A slice that
 * already has elements (a repeated key) is decoded into them in place, as Go does. */

typedef struct elems {
    uint8_t *items;   /* element 0 */
    uint32_t cap;     /* in the arena: elements allocated */
    bool on_scratch;  /* items is on the scratch stack, elements up to its top */
    size_t saved_top; /* the scratch top before this sequence (and its alignment) began */
    bool fresh;       /* begun with elems_begin: grows in an arena block of its own */
    bool in_block;    /* items is such a block */
} elems;

/* Starts building a new sequence of `esz`-byte elements on the scratch stack, if any. */
static void elems_begin(gt_reader *r, elems *el)
{
    el->items = NULL;
    el->cap = 0;
    el->on_scratch = r->scratch != NULL;
    el->saved_top = r->scratch_top;
    el->fresh = true;
    el->in_block = false;
    if (el->on_scratch) {
        r->scratch_top = (r->scratch_top + 15) & ~(size_t)15;
        el->items = r->scratch + r->scratch_top;
    }
}

/* Room for element i (0, 1, 2, ... in turn) of a sequence begun with elems_begin,
 * zeroed. `len` is how many elements hold values (copied when moving). NULL: no memory. */
static uint8_t *elems_next_slow(gt_reader *r, elems *el, uint32_t i, size_t esz, uint32_t len);

static inline uint8_t *elems_next(gt_reader *r, elems *el, uint32_t i, size_t esz, uint32_t len)
{
    if (el->on_scratch) {
        /* Element i sits right after element i-1: a nested sequence that ran in between
         * has given the stack back (elems_end restores the top it found). */
        size_t at = (size_t)(el->items - r->scratch) + (size_t)i * esz;
        if (r->scratch_cap >= at && r->scratch_cap - at >= esz) {
            uint8_t *p = r->scratch + at;
            r->scratch_top = at + esz;
            memset(p, 0, esz);
            return p;
        }
    }
    return elems_next_slow(r, el, i, esz, len);
}

/* elems_next when the element is not on the scratch stack, or no longer fits there. */
static uint8_t *elems_next_slow(gt_reader *r, elems *el, uint32_t i, size_t esz, uint32_t len)
{
    if (el->fresh) {
        /* A new sequence past the scratch stack grows in a block that realloc resizes:
         * each growth would otherwise leave the old copy in the arena, three times the
         * final size in all (a hostile list of a million "{}" workloads made that 2 GB). */
        if (i < el->cap && !el->on_scratch)
            return el->items + (size_t)i * esz; /* zeroed when the block grew */
        uint32_t ncap = el->in_block ? el->cap + el->cap / 2 : (i < 4 ? 4 : i * 2);
        if (ncap <= i)
            ncap = i + 1;
        uint32_t zero_from = el->in_block ? el->cap : len;
        uint8_t *n = gt_arena_block_resize(r->arena, el->in_block ? el->items : NULL, (size_t)ncap * esz);
        if (!n)
            return NULL;
        if (!el->in_block) {
            if (len)
                memcpy(n, el->items, (size_t)len * esz);
            if (el->on_scratch)
                r->scratch_top = el->saved_top;
            el->on_scratch = false;
            el->in_block = true;
        }
        memset(n + (size_t)zero_from * esz, 0, (size_t)(ncap - zero_from) * esz);
        el->items = n;
        el->cap = ncap;
        return el->items + (size_t)i * esz;
    }
    if (el->on_scratch) {
        /* Out of scratch: move to the arena and grow there from now on. */
        uint32_t ncap = i < 4 ? 4 : i * 2;
        uint8_t *n = gt_arena_alloc(r->arena, (size_t)ncap * esz);
        if (!n)
            return NULL;
        memcpy(n, el->items, (size_t)len * esz);
        r->scratch_top = el->saved_top;
        el->items = n;
        el->cap = ncap;
        el->on_scratch = false;
    }
    if (i >= el->cap) {
        uint32_t ncap = el->cap + el->cap / 2;
        if (ncap < 4)
            ncap = 4;
        uint8_t *n = gt_arena_alloc(r->arena, (size_t)ncap * esz);
        if (!n)
            return NULL;
        if (len)
            memcpy(n, el->items, (size_t)len * esz);
        el->items = n;
        el->cap = ncap;
    }
    return el->items + (size_t)i * esz;
}

/* Finishes a sequence of n elements: where they live from now on (NULL when n is 0),
 * and *cap its capacity. Returns false when out of memory. */
static bool elems_end(gt_reader *r, elems *el, uint32_t n, size_t esz, void **items, uint32_t *cap)
{
    if (!el->on_scratch) {
        if (el->in_block && n < el->cap) {
            /* give the block's spare room back (keeping it when realloc cannot) */
            uint8_t *shrunk = n ? gt_arena_block_resize(r->arena, el->items, (size_t)n * esz) : NULL;
            if (shrunk) {
                el->items = shrunk;
                el->cap = n;
            }
        }
        *items = el->items;
        *cap = el->cap;
        return true;
    }
    r->scratch_top = el->saved_top; /* back to where the enclosing sequence left it */
    *items = NULL;
    *cap = n;
    if (n == 0)
        return true;
    *items = gt_arena_dup(r->arena, el->items, (size_t)n * esz);
    return *items != NULL;
}

/* An index of a map's keys (item index + 1 per slot), kept while a large map is being
 * filled so that each key costs O(1) instead of a scan of the keys so far: a hostile env
 * of 100,000 keys would otherwise take minutes. Small maps just scan. The slots come from
 * the keyed hash (core/strhash.h): keys cannot be chosen to collide. */
typedef struct key_index {
    uint32_t *slots;
    uint32_t mask;
} key_index;

#define KEY_INDEX_FROM 16

static bool same_key(const gt_kv *kv, gt_str key)
{
    return gt_str_equal(kv->key, key);
}

/* Makes the index cover m's keys with room to grow; false when out of memory (reported:
 * an allocation failure is never papered over). */
static bool key_index_fit(gt_arena *a, key_index *ix, const gt_map *m)
{
    if (ix->slots && (size_t)m->len * 2 < (size_t)ix->mask + 1)
        return true;
    size_t size = 64;
    while (size < (size_t)m->len * 4)
        size *= 2;
    free(ix->slots);
    ix->slots = NULL;
    if (gt_arena_over(a, size * sizeof *ix->slots))
        return false; /* the index counts against the parse's memory budget */
    ix->slots = calloc(size, sizeof *ix->slots);
    if (!ix->slots)
        return false;
    ix->mask = (uint32_t)(size - 1);
    for (uint32_t i = 0; i < m->len; i++) {
        size_t j = (size_t)gt_strhash(m->items[i].key.ptr, m->items[i].key.len) & ix->mask;
        while (ix->slots[j])
            j = (j + 1) & ix->mask;
        ix->slots[j] = i + 1;
    }
    return true;
}

static int map_put(gt_reader *r, gt_map *m, elems *el, key_index *ix, gt_str key, gt_str value)
{
    uint32_t *slot = NULL;
    if (m->len >= KEY_INDEX_FROM) {
        if (!key_index_fit(r->arena, ix, m))
            return gt_json_oom(r);
        size_t j = (size_t)gt_strhash(key.ptr, key.len) & ix->mask;
        for (; ix->slots[j]; j = (j + 1) & ix->mask) {
            gt_kv *kv = &m->items[ix->slots[j] - 1];
            if (same_key(kv, key)) {
                kv->value = value; /* a repeated key replaces the value, as in Go */
                return 0;
            }
        }
        slot = &ix->slots[j];
    } else {
        for (uint32_t i = 0; i < m->len; i++) {
            if (same_key(&m->items[i], key)) {
                m->items[i].value = value;
                return 0;
            }
        }
    }
    if (el) {
        gt_kv *kv = (gt_kv *)(void *)elems_next(r, el, m->len, sizeof *kv, m->len);
        if (!kv)
            return gt_json_oom(r);
        m->items = (gt_kv *)(void *)el->items;
        *kv = (gt_kv){key, value};
    } else {
        if (m->len == m->cap) {
            uint32_t ncap = m->cap ? m->cap * 2 : 8;
            gt_kv *n = gt_arena_alloc_raw(r->arena, ncap * sizeof *n);
            if (!n)
                return gt_json_oom(r);
            if (m->len)
                memcpy(n, m->items, m->len * sizeof *n);
            m->items = n;
            m->cap = ncap;
        }
        m->items[m->len] = (gt_kv){key, value};
    }
    m->len++;
    if (slot)
        *slot = m->len;
    return 0;
}

static int decode_map(gt_reader *r, const gt_schema *s, gt_map *m)
{
    if (enter(r) != 0)
        return -1;
    gt_json_ws_indent(r);
    if (*r->p == '}') {
        r->p++;
        r->depth--;
        m->set = true; /* Go makes the map even for {} */
        return 0;
    }
    /* A new map is built on the scratch stack (see elems). */
    elems el;
    bool fresh = m->len == 0 && m->cap == 0;
    if (fresh) {
        elems_begin(r, &el);
        m->items = (gt_kv *)(void *)el.items;
    }
    m->set = true;
    key_index ix = {NULL, 0};
    int rc = -1;
    for (;;) {
        gt_str key;
        if (read_key(r, &key) != 0)
            goto out;
        /* Each value starts from the element's zero value: null stores "". */
        gt_str value = {"", 0};
        r->npath++;
        if (r->npath <= GT_JSON_PATH_MAX)
            r->path[r->npath - 1] = (gt_path_seg){key.ptr, (uint32_t)key.len, GT_PATH_MAP_KEY};
        int vrc = decode_value(r, s->elem ? s->elem : &gt_schema_string, &value);
        pop(r);
        if (vrc != 0)
            goto out;
        if (!r->stopped && map_put(r, m, fresh ? &el : NULL, &ix, key, value) != 0)
            goto out;
        int more = next_member(r, true);
        if (more < 0)
            goto out;
        if (more == 0)
            break;
    }
    rc = 0;
    if (fresh) {
        void *items;
        if (!elems_end(r, &el, m->len, sizeof(gt_kv), &items, &m->cap))
            rc = gt_json_oom(r);
        else
            m->items = items;
    }
out:
    free(ix.slots);
    return rc;
}

/* An array into a slice, element by element into what is already there, exactly
 * like Go: elements past the new length stay allocated and a later, longer array
 * decodes into them again. */
static int decode_slice(gt_reader *r, const gt_schema *s, gt_slice *sl)
{
    if (enter(r) != 0)
        return -1;
    const gt_schema *es = s->elem;
    size_t esz = es->size;
    uint32_t i = 0, made = 0;
    /* A new slice is built on the scratch stack (see elems); an existing one is decoded
     * into in place. */
    elems el = {sl->items, sl->cap, false, 0, false, false};
    bool fresh = sl->cap == 0;
    if (fresh)
        elems_begin(r, &el);
    const uint8_t *open = r->p;
    skip_open_ws(r);
    if (*r->p == ']') {
        r->p++;
        r->depth--;
    } else {
        indent_guess g = {false, 0};
        indent_learn(&g, open, r->p);
        /* The element's index is the path's last segment (as members in decode_struct). */
        gt_path_seg spare;
        gt_path_seg *slot = r->npath < GT_JSON_PATH_MAX ? &r->path[r->npath] : &spare;
        slot->name = NULL;
        slot->len = GT_PATH_HIDDEN;
        r->npath++;
        for (;;) {
            if (!r->stopped) {
                bool grow = i >= sl->len;
                uint8_t *item;
                if (fresh || i >= el.cap) {
                    item = elems_next(r, &el, i, esz, fresh ? i : sl->len);
                    if (!item)
                        return gt_json_oom(r);
                    made++;
                } else {
                    item = el.items + (size_t)i * esz;
                }
                if (!fresh) {
                    sl->items = el.items;
                    sl->cap = el.cap;
                    if (grow)
                        sl->len = i + 1;
                }
                slot->index = i;
                slot->len = 0;
                int rc = decode_value(r, es, item);
                slot->len = GT_PATH_HIDDEN;
                if (rc != 0)
                    return -1;
            } else if (gt_json_skip_value(r) != 0) {
                return -1;
            }
            i++;
            if (*r->p == ',' && indent_skip(r, &g))
                continue;
            const uint8_t *after = r->p + 1;
            int more = next_member(r, false);
            if (more < 0)
                return -1;
            if (more == 0)
                break;
            if (!g.known)
                indent_learn(&g, after, r->p);
        }
        r->npath--;
    }
    if (fresh) {
        /* After a value error (the decode then fails) only `made` elements exist. */
        uint32_t n = made;
        void *items;
        uint32_t cap;
        if (!elems_end(r, &el, n, esz, &items, &cap))
            return gt_json_oom(r);
        sl->items = items;
        sl->cap = cap;
        sl->len = n;
    }
    if (r->stopped)
        return 0;
    if (i < sl->len)
        sl->len = i;
    if (i == 0) {
        sl->items = NULL;
        sl->cap = 0;
    }
    sl->set = true;
    return 0;
}

/* ---- scalars ---- */

static int decode_raw(gt_reader *r, gt_str *dst)
{
    const uint8_t *start = r->p;
    if (gt_json_skip_value(r) != 0)
        return -1;
    if (!r->stopped) {
        dst->ptr = (const char *)start; /* the input copy lives in the arena */
        dst->len = (size_t)(r->p - start);
    }
    return 0;
}

static const char *kind_word(uint8_t c)
{
    switch (c) {
    case '{': return "object";
    case '[': return "array";
    case '"': return "string";
    case 't': case 'f': return "bool";
    case 'n': return "null";
    default: return "number";
    }
}

static int decode_number(gt_reader *r, const gt_schema *s, void *dst)
{
    const uint8_t *a, *b;
    if (gt_json_scan_number(r, &a, &b) != 0)
        return -1;
    if (r->stopped)
        return 0;
    uint64_t v;
    uint64_t max;
    switch (s->kind) {
    case GT_KIND_U8: max = UINT8_MAX; break;
    case GT_KIND_U16: max = UINT16_MAX; break;
    case GT_KIND_U32: max = UINT32_MAX; break;
    case GT_KIND_U64: max = UINT64_MAX; break;
    case GT_KIND_TIMESTAMP: {
        int64_t t;
        if (!gt_json_parse_timestamp(a, b, &t)) {
            value_error(r, a, "unknown timestamp format, expecting a timestamp or an ISO-8601 date%.*s", "", 0);
            return 0;
        }
        *(int64_t *)dst = t;
        return 0;
    }
    default:
        type_error(r, "number", a, s);
        return 0;
    }
    if (!gt_json_parse_u64(a, b, &v) || v > max) {
        char what[96];
        snprintf(what, sizeof what, "number %.*s", (int)((b - a) > 60 ? 60 : (b - a)), (const char *)a);
        type_error(r, what, a, s);
        return 0;
    }
    switch (s->kind) {
    case GT_KIND_U8: *(uint8_t *)dst = (uint8_t)v; break;
    case GT_KIND_U16: *(uint16_t *)dst = (uint16_t)v; break;
    case GT_KIND_U32: *(uint32_t *)dst = (uint32_t)v; break;
    default: *(uint64_t *)dst = v; break;
    }
    return 0;
}

static int decode_text(gt_reader *r, const gt_schema *s, void *dst)
{
    const uint8_t *start = r->p, *a, *b;
    bool plain;
    if (gt_json_scan_string_quick(r, &a, &b, &plain) != 0)
        return -1;
    if (r->stopped)
        return 0;
    if (s->kind == GT_KIND_TIMESTAMP) {
        int64_t t;
        if (!gt_json_parse_timestamp(start, r->p, &t))
            value_error(r, start, "unknown timestamp format, expecting a timestamp or an ISO-8601 date%.*s", "", 0);
        else
            *(int64_t *)dst = t;
        return 0;
    }
    if (s->kind != GT_KIND_STRING && s->kind != GT_KIND_IPNET && s->kind != GT_KIND_IP &&
        s->kind != GT_KIND_HEX) {
        type_error(r, "string", start, s);
        return 0;
    }
    gt_str str;
    if (plain) {
        str.ptr = (const char *)a;
        str.len = (size_t)(b - a);
    } else if (gt_json_unquote(r->arena, a, b, &str) != 0) {
        return gt_json_oom(r);
    }
    switch (s->kind) {
    case GT_KIND_STRING:
        *(gt_str *)dst = str;
        break;
    case GT_KIND_IPNET:
        if (gt_ipnet_parse_cidr(str.ptr, str.len, (gt_ipnet *)dst) != 0)
            value_error(r, start, "invalid CIDR address: %.*s", str.ptr, str.len);
        break;
    case GT_KIND_IP: {
        gt_ip *ip = dst;
        if (str.len == 0) {
            memset(ip, 0, sizeof *ip);
        } else if (!gt_ip_parse(str.ptr, str.len, ip)) {
            value_error(r, start, "invalid IP address: %.*s", str.ptr, str.len);
        }
        break;
    }
    default: { /* GT_KIND_HEX */
        gt_bytes *out = dst;
        uint8_t *buf = gt_arena_alloc_raw(r->arena, str.len / 2 + 1);
        if (!buf)
            return gt_json_oom(r);
        size_t n;
        gt_hex_err herr;
        if (gt_hex_decode(str.ptr, str.len, buf, &n, &herr) != 0) {
            char msg[96];
            gt_gobuf gb;
            gt_gobuf_init(&gb, msg, sizeof msg);
            gt_hex_error_format(&gb, &herr);
            value_error(r, start, "%.*s", msg, strlen(msg));
        } else {
            out->ptr = buf;
            out->len = n;
            out->set = true;
        }
        break;
    }
    }
    return 0;
}

static int decode_null(gt_reader *r, const gt_schema *s, void *dst)
{
    const uint8_t *at = r->p;
    if (gt_json_scan_literal(r, "null") != 0)
        return -1;
    if (r->stopped)
        return 0;
    switch (s->kind) {
    case GT_KIND_PTR:
        *(void **)dst = NULL;
        break;
    case GT_KIND_SLICE:
    case GT_KIND_MAP:
        memset(dst, 0, sizeof(gt_slice));
        break;
    case GT_KIND_HEX:
        memset(dst, 0, sizeof(gt_bytes));
        break;
    case GT_KIND_IP:
        memset(dst, 0, sizeof(gt_ip)); /* net.IP is a slice: null makes it nil */
        break;
    case GT_KIND_RAW:
        ((gt_str *)dst)->ptr = (const char *)at;
        ((gt_str *)dst)->len = 4;
        break;
    case GT_KIND_TIMESTAMP:
        *(int64_t *)dst = 0; /* its own decoder runs on null */
        break;
    default:
        break; /* Go leaves other values as they are */
    }
    return 0;
}

static int decode_value_general(gt_reader *r, const gt_schema *s, void *dst)
{
    gt_json_ws(r);
    if (r->p >= r->end)
        return gt_json_syntax_error(r, NULL, NULL);
    uint8_t c = *r->p;
    if (r->stopped)
        return gt_json_skip_value(r);
    if (s->kind == GT_KIND_RAW)
        return decode_raw(r, dst);
    if (c == 'n')
        return decode_null(r, s, dst);
    if (s->kind == GT_KIND_PTR) {
        void **pp = dst;
        if (!*pp) {
            *pp = gt_arena_alloc(r->arena, s->elem->size);
            if (!*pp)
                return gt_json_oom(r);
        }
        return decode_value(r, s->elem, *pp);
    }
    if (s->kind == GT_KIND_TIMESTAMP && (c == '{' || c == '[' || c == 't' || c == 'f')) {
        /* Both of its decoders refuse these. */
        const uint8_t *at = r->p;
        if (gt_json_skip_value(r) != 0)
            return -1;
        value_error(r, at, "unknown timestamp format, expecting a timestamp or an ISO-8601 date%.*s", "", 0);
        return 0;
    }
    switch (c) {
    case '{':
        if (s->kind == GT_KIND_STRUCT)
            return decode_struct(r, s, dst);
        if (s->kind == GT_KIND_MAP)
            return decode_map(r, s, dst);
        break;
    case '[':
        if (s->kind == GT_KIND_SLICE)
            return decode_slice(r, s, dst);
        break;
    case '"':
        return decode_text(r, s, dst);
    case 't':
    case 'f': {
        const uint8_t *at = r->p;
        bool v = c == 't';
        if (gt_json_scan_literal(r, v ? "true" : "false") != 0)
            return -1;
        if (s->kind == GT_KIND_BOOL)
            *(bool *)dst = v;
        else
            type_error(r, "bool", at, s);
        return 0;
    }
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return decode_number(r, s, dst);
        return gt_json_syntax_error(r, r->p, "looking for beginning of value");
    }
    /* An object or array where the schema wants something else. */
    const uint8_t *at = r->p;
    if (gt_json_skip_value(r) != 0)
        return -1;
    if (s->kind == GT_KIND_IPNET || s->kind == GT_KIND_IP || s->kind == GT_KIND_HEX ||
        s->kind == GT_KIND_STRING || s->kind == GT_KIND_BOOL || s->kind <= GT_KIND_U64 ||
        s->kind == GT_KIND_STRUCT || s->kind == GT_KIND_SLICE || s->kind == GT_KIND_MAP)
        type_error(r, kind_word(c), at, s);
    return 0;
}

int gt_json_decode_value(gt_reader *r, const gt_schema *s, void *dst)
{
    return decode_value(r, s, dst);
}

int gt_json_decode(gt_reader *r, const gt_schema *s, void *dst)
{
    if (decode_value(r, s, dst) != 0)
        return r->status;
    gt_json_ws(r);
    if (r->p < r->end) {
        gt_json_syntax_error(r, r->p, "after top-level value");
        return r->status;
    }
    return r->status;
}
