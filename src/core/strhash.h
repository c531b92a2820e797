/* Hashing of strings that come from the input, for the library's tables (workload names,
 * public IPs, map keys, twins of the FFI key table), and string equality.
 *
 * The tables probe linearly from the slot the hash picks, so keys whose hashes share their
 * low bits cost a probe each: with an unkeyed hash, anyone can build thousands of such keys
 * and make a table quadratic. The hash is therefore SipHash-1-3 under a 128-bit key drawn
 * at random once per process (libsodium's randombytes): without the key, colliding keys
 * cannot be built, whatever is known about the algorithm. */
#ifndef GT_CORE_STRHASH_H
#define GT_CORE_STRHASH_H

#include "gridtypes/types.h"

#include <string.h>

#define GT_STRHASH_KEY_BYTES 16

/* The keyed hash of p[0..n) (p may be NULL when n is 0). Thread-safe; the key is drawn on
 * the first call. */
uint64_t gt_strhash(const char *p, size_t n);

/* SipHash-c-d of p[0..n) under `key` (c compression and d finalization rounds): what
 * gt_strhash computes with the process's key, c = 1 and d = 3. For tests and benchmarks,
 * which build inputs against a known key. */
uint64_t gt_siphash(const uint8_t key[GT_STRHASH_KEY_BYTES], int c_rounds, int d_rounds, const char *p, size_t n);

/* Byte equality of two gt_str; an empty one may have a NULL pointer. */
static inline bool gt_str_equal(gt_str a, gt_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

#endif
