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
    struct md5_ctx *md5;  /* when set, fragments are hashed */
    gt_buf *text;         /* when set, fragments are appended */
    gt_fragment_fn fn;    /* when set, fragments are reported with their path */
    void *ctx;
    int depth;
    struct {
        const char *name;
        long index; /* -1: not an array element */
    } seg[GT_CHAL_DEPTH];
    size_t npending;
    uint8_t pending[1024]; /* small writes gathered before they reach MD5 */
};

void gt_chal_init(gt_chal *c);
/* Sends gathered bytes to MD5; call before md5_digest. */
void gt_chal_flush(gt_chal *c);

#endif
