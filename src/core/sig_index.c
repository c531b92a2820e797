/* The signature index (sig_index.h). */
#include "core/sig_index.h"

#include <stdlib.h>

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

int gt_sig_index_init(gt_sig_index *x, const gt_signature_requirement *sr)
{
    x->sr = sr;
    x->sorted = NULL;
    uint32_t n = sr->signatures.len;
    if (n <= GT_SIG_INDEX_SCAN)
        return GT_OK;
    x->sorted = malloc((size_t)n * sizeof *x->sorted);
    if (!x->sorted)
        return GT_ENOMEM;
    for (uint32_t i = 0; i < n; i++)
        x->sorted[i] = (uint64_t)sr->signatures.items[i].twin_id << 32 | i;
    qsort(x->sorted, n, sizeof *x->sorted, cmp_u64);
    return GT_OK;
}

const gt_signature *gt_sig_index_first(const gt_sig_index *x, uint32_t twin)
{
    const gt_signature_requirement *sr = x->sr;
    uint32_t n = sr->signatures.len;
    if (!x->sorted) {
        for (uint32_t i = 0; i < n; i++)
            if (sr->signatures.items[i].twin_id == twin)
                return &sr->signatures.items[i];
        return NULL;
    }
    uint64_t key = (uint64_t)twin << 32;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->sorted[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && x->sorted[lo] >> 32 == twin)
        return &sr->signatures.items[(uint32_t)x->sorted[lo]];
    return NULL;
}

void gt_sig_index_free(gt_sig_index *x)
{
    free(x->sorted);
    x->sorted = NULL;
}
