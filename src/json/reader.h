/* The Go-compatible JSON reader: internal interface shared by the src/json files.
 *
 * It reads JSON straight into C structs described by gt_schema tables, applying the
 * rules of Go's encoding/json (see DESIGN.md). Errors follow Go's precedence: a syntax
 * error anywhere wins (Go checks the whole input first), then an error raised by a
 * value's own decoder (timestamp, IP, hex: Go stops there), then the first type error
 * (Go remembers it and keeps decoding). */
#ifndef GT_JSON_READER_H
#define GT_JSON_READER_H

#include "core/arena.h"
#include "core/gonet.h"
#include "gridtypes/error.h"
#include "gridtypes/schema.h"
#include "json/scan.h"

#define GT_JSON_MAX_DEPTH 10000 /* the reference's encoding/json limit */
/* NUL bytes every buffer the reader reads is followed by (see gt_reader_init). */
#define GT_JSON_PAD 32
#define GT_JSON_PATH_MAX 48

typedef struct gt_path_seg {
    const char *name; /* field name or map key, or NULL for an index */
    uint32_t len;     /* of name; GT_PATH_HIDDEN: the segment is not shown (yet) */
    uint32_t index;   /* of an element; GT_PATH_MAP_KEY for a map key's segment */
} gt_path_seg;

#define GT_PATH_HIDDEN UINT32_MAX
#define GT_PATH_MAP_KEY UINT32_MAX

typedef struct gt_reader gt_reader;

/* A hook for raw (json.RawMessage) fields of structs: called with r->p at the value
 * (whitespace skipped), the struct being decoded and the field. It may read the value
 * itself and return 1 (r->p then past the value, the field set), or return 0 to leave it
 * to the reader (r->p unchanged). The deployment parser uses it to decode workload data
 * while its bytes are being read (see workload.c). */
typedef int (*gt_raw_hook)(gt_reader *r, const gt_schema *owner, void *obj, const gt_field *f);

struct gt_reader {
    const uint8_t *base;  /* start of the whole input, for byte offsets */
    size_t base_off;      /* where base lies in the document the offsets count in */
    const uint8_t *p;
    const uint8_t *end;
    gt_arena *arena;
    gt_error *err;
    int status;           /* GT_OK, or the error that will be returned */
    bool stopped;         /* a value decoder failed: Go stops assigning here */
    int depth;
    const char *prefix;   /* JSON path of the value being read ("" at top) */
    const char *go_struct;/* innermost Go struct, for type error texts */
    gt_raw_hook raw_hook; /* NULL: raw fields are only syntax-checked and kept */
    /* A stack (usually the caller's) on which new slices and maps are built before they
     * are copied into the arena at their final size; NULL: they grow in the arena. */
    uint8_t *scratch;
    size_t scratch_top, scratch_cap;
    /* The indentation (0-15 spaces) last seen after a '{' or '[' at each nesting level
     * (levels 16 apart share an entry): where the first member of the next object or
     * array at that level is looked for first. */
    uint8_t open_indent[16];
    int npath;
    gt_path_seg path[GT_JSON_PATH_MAX];
};

/* Reads one JSON value of type `s` into `dst` and checks that only whitespace
 * follows. `dst` must hold the value's current contents (zeroed for a fresh decode):
 * Go merges into what is there. Returns GT_OK or the error status (err filled). */
int gt_json_decode(gt_reader *r, const gt_schema *s, void *dst);

/* Scratch big enough for the slices of a typical deployment (its 100 first workloads). */
#define GT_JSON_SCRATCH 16384

/* Gives the reader a scratch stack (16-byte aligned, outliving the decode). */
void gt_reader_set_scratch(gt_reader *r, void *buf, size_t size);

/* Reads one JSON value of type `s` into `dst` and leaves r->p just after it (nothing
 * is checked after it). Returns 0, or -1 on a syntax error; type and value errors are
 * in r->status as for gt_json_decode. */
int gt_json_decode_value(gt_reader *r, const gt_schema *s, void *dst);

/* Initialises a reader over [data, data+len); `base` is the start of the enclosing
 * input (offsets in errors are relative to it) and `prefix` the JSON path of the
 * value, "" for a whole document.
 * data[len] .. data[len + GT_JSON_PAD - 1] must be readable and NUL (the parser's copy
 * of its input ends so). The reader's fast paths then test bytes, and load 16 at a time,
 * without comparing positions with the end: a NUL matches none of the bytes they look
 * for and stops every scan, and no load they make reaches past the padding. */
void gt_reader_init(gt_reader *r, const uint8_t *base, const uint8_t *data, size_t len,
                    gt_arena *arena, gt_error *err, const char *prefix);

/* gt_reader_init over a copy of data[0..len) padded as it requires, made in `arena`, for
 * bytes that are not followed by the padding (a slice of a document, a caller's
 * buffer). Offsets still count from `base`, the start of the buffer that holds data.
 * Returns 0, or GT_ENOMEM (the reader is then unusable). */
int gt_reader_init_copy(gt_reader *r, const uint8_t *base, const uint8_t *data, size_t len,
                        gt_arena *arena, gt_error *err, const char *prefix);

/* The byte offset of `at` (a position in the reader's buffer) in the document. */
static inline size_t gt_reader_offset(const gt_reader *r, const uint8_t *at)
{
    return (size_t)(at - r->base) + r->base_off;
}

/* --- pieces shared between the reader's files --- */

/* Skips one value (any JSON) starting at r->p after whitespace, checking its syntax
 * without recursion. Returns 0, or -1 after recording a syntax error. */
int gt_json_skip_value(gt_reader *r);

/* Skips whitespace. Every whitespace byte is <= ' ', so one compare settles the common
 * case of none, two more the single space after a colon; runs (indentation) go to the
 * vectorised loop, inlined here because every token of pretty-printed JSON meets one.
 * (At the end, the padding's NUL goes to the loop, which stops at once.) */
static inline void gt_json_ws(gt_reader *r)
{
    const uint8_t *p = r->p, *e = r->end;
    if (*p <= ' ') {
        if (*p == ' ' && p[1] > ' ')
            r->p = p + 1;
        else
            r->p = gt_json_ws_run(p, e);
    }
}

/* Skips whitespace where pretty-printed JSON puts a newline and indentation (after '{',
 * '[' and ','): a newline then up to 15 spaces are found with one comparison; any other
 * whitespace (or none) goes to gt_json_ws. */
static inline void gt_json_ws_indent(gt_reader *r)
{
#if GT_JSON_SSE2
    const uint8_t *p = r->p;
    if (*p == '\n') {
        unsigned other = ~gt_json_spaces16(p + 1) & 0xffffu;
        if (other) {
            const uint8_t *q = p + 1 + __builtin_ctz(other);
            if (*q > ' ') {
                r->p = q;
                return;
            }
        }
    }
#endif
    gt_json_ws(r);
}

/* Scans a string token at r->p (which is '"'); on success start and end delimit the
 * contents without quotes and *plain tells whether they need no unescaping and are
 * valid UTF-8 as they are. Returns 0 or -1 (syntax error recorded). */
int gt_json_scan_string(gt_reader *r, const uint8_t **start, const uint8_t **end, bool *plain);

/* gt_json_scan_string with its usual case inline: a string that ends at the first byte
 * the vectorised run stops at (no escape, nothing non-ASCII) costs no call. */
static inline int gt_json_scan_string_quick(gt_reader *r, const uint8_t **start, const uint8_t **end,
                                            bool *plain)
{
    const uint8_t *a = r->p + 1, *b = gt_json_string_run(a, r->end);
    if (*b == '"') {
        *start = a;
        *end = b;
        *plain = true;
        r->p = b + 1;
        return 0;
    }
    return gt_json_scan_string(r, start, end, plain);
}

/* What each one-character escape (the byte after a backslash) stands for; 0 for every
 * other byte, \u included. The scanners and the unquoter share it. */
extern const uint8_t gt_json_unescaped[256];

/* The value of the four hex digits at p[0..3] (of a \u escape), or -1 when one is not a
 * hex digit. */
static inline int gt_json_hex4(const uint8_t *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int d = gt_hex_digit(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Writes rune r (at most U+10FFFF) in UTF-8 at w; returns the end. */
static inline uint8_t *gt_utf8_put(uint8_t *w, uint32_t r)
{
    if (r < 0x80) {
        *w++ = (uint8_t)r;
    } else if (r < 0x800) {
        *w++ = (uint8_t)(0xc0 | (r >> 6));
        *w++ = (uint8_t)(0x80 | (r & 0x3f));
    } else if (r < 0x10000) {
        *w++ = (uint8_t)(0xe0 | (r >> 12));
        *w++ = (uint8_t)(0x80 | ((r >> 6) & 0x3f));
        *w++ = (uint8_t)(0x80 | (r & 0x3f));
    } else {
        *w++ = (uint8_t)(0xf0 | (r >> 18));
        *w++ = (uint8_t)(0x80 | ((r >> 12) & 0x3f));
        *w++ = (uint8_t)(0x80 | ((r >> 6) & 0x3f));
        *w++ = (uint8_t)(0x80 | (r & 0x3f));
    }
    return w;
}

/* Unescapes string contents with Go's rules (invalid UTF-8 and lone surrogates
 * become U+FFFD) into arena memory. Returns 0, or GT_ENOMEM. */
int gt_json_unquote(gt_arena *a, const uint8_t *s, const uint8_t *e, gt_str *out);

/* Scans a number token; start and end delimit it. Returns 0 or -1 (syntax error). */
int gt_json_scan_number(gt_reader *r, const uint8_t **start, const uint8_t **end);

/* Scans the literal true/false/null at r->p. Returns 0 or -1. */
int gt_json_scan_literal(gt_reader *r, const char *word);

/* Records a syntax error about byte `at` (NULL: unexpected end of input). */
#if defined(__GNUC__)
#define GT_COLD __attribute__((cold))
#else
#define GT_COLD
#endif

/* (Errors are rare: GT_COLD moves the code that reports them out of the hot paths.) */
GT_COLD int gt_json_syntax_error(gt_reader *r, const uint8_t *at, const char *context);

/* Records that memory ran out while decoding (GT_ENOMEM); returns -1. */
GT_COLD int gt_json_oom(gt_reader *r);

/* Reads the ':' after an object key (r->p just past the key's closing quote). Returns 0,
 * or -1 after recording a syntax error. */
static inline int gt_json_read_colon(gt_reader *r)
{
    const uint8_t *p = r->p;
    if (*p == ':') { /* the usual layout: no space before it, one after */
        /* (one space is skipped with it; any more whitespace is the value's to skip) */
        r->p = p[1] == ' ' ? p + 2 : p + 1;
        return 0;
    }
    gt_json_ws(r);
    if (r->p >= r->end)
        return gt_json_syntax_error(r, NULL, NULL);
    if (*r->p != ':')
        return gt_json_syntax_error(r, r->p, "after object key");
    r->p++;
    return 0;
}

/* Writes Go's quoteChar(c) form of a byte (as used in syntax errors) into out[16]. */
void gt_json_quote_char(uint8_t c, char out[16]);

/* Go's strconv.ParseUint(s, 10, 64) on a JSON number token: false when it has a sign,
 * a fraction, an exponent or overflows. */
bool gt_json_parse_u64(const uint8_t *s, const uint8_t *e, uint64_t *out);
/* Go's strconv.ParseInt(s, 10, 64). */
bool gt_json_parse_i64(const uint8_t *s, const uint8_t *e, int64_t *out);

/* The reference's Timestamp.UnmarshalJSON on the raw bytes of one JSON value. */
bool gt_json_parse_timestamp(const uint8_t *s, const uint8_t *e, int64_t *out);

/* Renders r's current JSON path (prefix + segments + optional leaf) into out. */
void gt_reader_path(const gt_reader *r, const char *leaf, char *out, size_t cap);

#endif
