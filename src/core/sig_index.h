/* A deployment's signatures by twin, for lookups of a twin's first signature (the one the
 * reference's verification takes). A few are scanned; more are sorted once (by twin, then
 * position) and searched by bisection, so that many requests meeting many signatures stay
 * O(n log n). */
#ifndef GT_CORE_SIG_INDEX_H
#define GT_CORE_SIG_INDEX_H

#include "gridtypes/deployment.h"

#define GT_SIG_INDEX_SCAN 8

typedef struct gt_sig_index {
    const gt_signature_requirement *sr;
    uint64_t *sorted; /* twin << 32 | position; NULL: scan */
} gt_sig_index;

/* Indexes sr's signatures (sr must outlive x). GT_OK, or GT_ENOMEM: then x still answers,
 * by scanning, and gt_sig_index_free is still safe. */
int gt_sig_index_init(gt_sig_index *x, const gt_signature_requirement *sr);

/* The first signature of `twin`, or NULL. */
const gt_signature *gt_sig_index_first(const gt_sig_index *x, uint32_t twin);

void gt_sig_index_free(gt_sig_index *x);

#endif
