/* The string hash the library's open-addressing tables share (workload names, public
 * IPs, map keys): FNV-1a, fast on the short keys deployments hold. Not for security:
 * tables are sized from the input and probe linearly, so a collision only costs time. */
#ifndef GT_CORE_STRHASH_H
#define GT_CORE_STRHASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t gt_strhash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)p[i]) * 1099511628211ull;
    return h;
}

#endif
