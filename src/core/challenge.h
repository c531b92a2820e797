/* The challenge writer: one code path feeds MD5, a text buffer and/or a fragment
 * callback, so the hash, the text and the annotated map can never disagree. */
#ifndef GT_CORE_CHALLENGE_H
#define GT_CORE_CHALLENGE_H

#include "core/buf.h"
#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"

#include <nettle/md5.h>
#include <string.h>

#define GT_CHAL_DEPTH 24

struct gt_chal {
    /* The block being filled in `pending` ends at limit; pos is where the next fragment
     * goes. Only a writer that just hashes has room (see gt_chal_init_md5); the others
     * have limit == pending, so every fragment takes the slow path that feeds text and
     * callbacks. */
    uint8_t *pos, *limit;
    struct md5_ctx *md5;  /* when set, fragments are hashed */
    gt_buf *text;         /* when set, fragments are appended */
    gt_fragment_fn fn;    /* when set, fragments are reported with their path */
    void *ctx;
    int depth;
    struct {
        const char *name;
        long index; /* -1: not an array element */
    } seg[GT_CHAL_DEPTH];
    /* The block being filled for MD5, then a block of slack: a fragment of up to a block
     * is copied before anyone looks whether it fits. */
    uint8_t pending[2 * MD5_BLOCK_SIZE];
};

/* A writer with no outputs yet: set text or fn (and ctx) afterwards. */
void gt_chal_init(gt_chal *c);
/* A writer that only feeds `md5`, the fast case (it takes no text or callback).
 * `md5` must be fresh from md5_init (nothing buffered): whole blocks are compressed
 * into it directly. */
void gt_chal_init_md5(gt_chal *c, struct md5_ctx *md5);
/* Sends gathered bytes to MD5; the writer's last step, just before md5_digest. */
void gt_chal_flush(gt_chal *c);

/* ---- the hot writers, inline for the library's own challenge code ----
 * Every fragment's fast path is a room check and a short copy; a call costs as much
 * again. The public functions (challenge.c) run the same code for custom types; the
 * macros at the end make the library's calls of those names use these instead. */

/* What the inline part of a fragment leaves: a block filled (the fragment, already
 * copied, may run past it), a fragment longer than a block, a writer with text or a
 * callback. */
void gt_chal_emit_slow(gt_chal *c, const char *field, const void *p, size_t n);
/* gt_chal_u64 for values of two digits or more. */
void gt_chal_u64_wide(gt_chal *c, const char *field, uint64_t v);

/* Copies n bytes; fragments are mostly short, where a libc call costs more than the
 * copy. Reads and writes only the n bytes. */
static inline void gt_chal_copy_short(uint8_t *d, const uint8_t *s, size_t n)
{
    if (n > 16) {
        memcpy(d, s, n);
    } else if (n >= 8) {
        uint64_t a, b;
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8);
        memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else if (n) {
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
    }
}

/* One fragment. Hashing gathers fragments in c->pending, the block MD5 gets next, rather
 * than making hundreds of tiny updates. The copy comes first, into the slack if need be,
 * so that the call out when a block is full has only the overflow left to move. (A
 * writer without room, pos == limit == pending, always goes the slow way, empty
 * fragments too.) */
static inline void gt_chal_emit(gt_chal *c, const char *field, const void *p, size_t n)
{
    if (n <= MD5_BLOCK_SIZE) {
        gt_chal_copy_short(c->pos, p, n);
        c->pos += n;
        if (c->pos < c->limit)
            return;
    }
    gt_chal_emit_slow(c, field, p, n);
}

static inline void gt_chal_str_inline(gt_chal *c, const char *field, const char *s, size_t n)
{
    gt_chal_emit(c, field, s, n);
}

static inline void gt_chal_gstr_inline(gt_chal *c, const char *field, gt_str s)
{
    gt_chal_emit(c, field, s.ptr, s.len);
}

static inline void gt_chal_u64_inline(gt_chal *c, const char *field, uint64_t v)
{
    if (v < 10) { /* versions, flags, small counts: most numbers of a challenge */
        char digit = (char)('0' + v);
        gt_chal_emit(c, field, &digit, 1);
    } else {
        gt_chal_u64_wide(c, field, v);
    }
}

static inline void gt_chal_bool_inline(gt_chal *c, const char *field, bool v)
{
    gt_chal_emit(c, field, v ? "true" : "false", v ? 4 : 5);
}

/* Paths are kept for a callback only: the other writers never look at them. */
static inline void gt_chal_enter_inline(gt_chal *c, const char *field, long index)
{
    if (!c->fn)
        return;
    if (c->depth < GT_CHAL_DEPTH) {
        c->seg[c->depth].name = field;
        c->seg[c->depth].index = index;
    }
    c->depth++;
}

static inline void gt_chal_leave_inline(gt_chal *c)
{
    if (c->fn)
        c->depth--;
}

#define gt_chal_str(c, field, s, n) gt_chal_str_inline(c, field, s, n)
#define gt_chal_gstr(c, field, s) gt_chal_gstr_inline(c, field, s)
#define gt_chal_u64(c, field, v) gt_chal_u64_inline(c, field, v)
#define gt_chal_bool(c, field, v) gt_chal_bool_inline(c, field, v)
#define gt_chal_enter(c, field) gt_chal_enter_inline(c, field, -1)
#define gt_chal_enter_index(c, field, i) gt_chal_enter_inline(c, field, (long)(i))
#define gt_chal_leave(c) gt_chal_leave_inline(c)

#endif
