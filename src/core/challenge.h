/* The challenge writer: one code path feeds MD5, a text buffer and/or a fragment
 * callback, so the hash, the text and the annotated map can never disagree. */
#ifndef GT_CORE_CHALLENGE_H
#define GT_CORE_CHALLENGE_H

#include "core/buf.h"
#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"

#include <nettle/md5.h>

#define GT_CHAL_DEPTH 24

struct gt_chal {
    /* Room for the next fragment in `pending`: [pos, limit). Only a writer that just
     * hashes has room (see gt_chal_init_md5); the others have pos == limit, so every
     * fragment takes the slow path that feeds text and callbacks. */
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
    uint8_t pending[1024]; /* small writes gathered before they reach MD5 */
};

/* A writer with no outputs yet: set text or fn (and ctx) afterwards. */
void gt_chal_init(gt_chal *c);
/* A writer that only feeds `md5`, the fast case. */
void gt_chal_init_md5(gt_chal *c, struct md5_ctx *md5);
/* Sends gathered bytes to MD5; call before md5_digest. */
void gt_chal_flush(gt_chal *c);

#endif
