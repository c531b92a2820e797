/* Sorted object keys (keys.h). */
#include "json/keys.h"

#include <stdlib.h>

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

int gt_key_cmp(const char *a, uint32_t an, const char *b, uint32_t bn, bool folded)
{
    uint32_t n = an < bn ? an : bn;
    for (uint32_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (folded) {
            x = fold(x);
            y = fold(y);
        }
        if (x != y)
            return x < y ? -1 : 1;
    }
    return (an > bn) - (an < bn);
}

static int cmp_ref(const gt_key_ref *x, const gt_key_ref *y, bool folded)
{
    int c = gt_key_cmp(x->key, x->len, y->key, y->len, folded);
    if (c)
        return c;
    return (x->id > y->id) - (x->id < y->id);
}

static int cmp_exact(const void *a, const void *b)
{
    return cmp_ref(a, b, false);
}

static int cmp_folded(const void *a, const void *b)
{
    return cmp_ref(a, b, true);
}

void gt_keys_sort(gt_key_ref *keys, uint32_t n, bool folded)
{
    if (n > 1)
        qsort(keys, n, sizeof *keys, folded ? cmp_folded : cmp_exact);
}

uint32_t gt_keys_find_last(const gt_key_ref *sorted, uint32_t n, const char *key, uint32_t len, bool folded)
{
    gt_key_ref probe = {key, len, GT_KEY_NONE}; /* sorts after every entry with that key */
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (cmp_ref(&sorted[mid], &probe, folded) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0 || gt_key_cmp(sorted[lo - 1].key, sorted[lo - 1].len, key, len, folded) != 0)
        return GT_KEY_NONE;
    return sorted[lo - 1].id;
}
