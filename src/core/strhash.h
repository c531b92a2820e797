/* String hashing and equality for the library's open-addressing tables (workload names,
 * public IPs, map keys). The hash is FNV-1a, fast on the short keys deployments hold. Not
 * for security: tables are sized from the input and probe linearly, so a collision only
 * costs time. */
#ifndef GT_CORE_STRHASH_H
#define GT_CORE_STRHASH_H

#include "gridtypes/types.h"

#include <string.h>

static inline uint64_t gt_strhash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)p[i]) * 1099511628211ull;
    return h;
}

/* Byte equality of two gt_str; an empty one may have a NULL pointer. */
static inline bool gt_str_equal(gt_str a, gt_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

#endif
