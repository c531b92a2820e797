/* The workload name index (name_index.h). */
#include "core/name_index.h"
#include "core/strhash.h"

#include <stdlib.h>

/* The slot holding `name` (whose hash is h), or the empty one where it goes. */
static uint32_t *slot_of(const gt_name_index *x, gt_str name, uint64_t h)
{
    for (size_t i = (size_t)h & x->mask;; i = (i + 1) & x->mask) {
        uint32_t s = x->slots[i];
        if (!s || gt_str_equal(x->items[s - 1].name, name))
            return &x->slots[i];
    }
}

int gt_name_index_init(gt_name_index *x, const gt_workload *items, uint32_t n, bool last)
{
    x->items = items;
    x->n = n;
    x->last = last;
    x->slots = NULL;
    x->hashes = NULL;
    x->mask = 0;
    if (n <= GT_NAME_INDEX_SCAN)
        return GT_OK;
    size_t size = 16;
    while (size < (size_t)n * 2)
        size *= 2;
    x->slots = calloc(size + n, sizeof *x->slots); /* the slots, then the hashes */
    if (!x->slots)
        return GT_ENOMEM;
    x->hashes = x->slots + size;
    x->mask = size - 1;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t h = gt_strhash(items[i].name.ptr, items[i].name.len);
        x->hashes[i] = (uint32_t)h; /* tables have at most 2^32 slots */
        uint32_t *s = slot_of(x, items[i].name, h);
        if (!*s || last)
            *s = i + 1;
    }
    return GT_OK;
}

size_t gt_name_index_find(const gt_name_index *x, gt_str name)
{
    if (!x->slots) {
        size_t found = SIZE_MAX;
        for (uint32_t i = 0; i < x->n; i++) {
            if (gt_str_equal(x->items[i].name, name)) {
                found = i;
                if (!x->last)
                    break;
            }
        }
        return found;
    }
    uint32_t s = *slot_of(x, name, gt_strhash(name.ptr, name.len));
    return s ? (size_t)s - 1 : SIZE_MAX;
}

size_t gt_name_index_find_of(const gt_name_index *x, size_t i)
{
    if (!x->slots)
        return gt_name_index_find(x, x->items[i].name);
    uint32_t s = *slot_of(x, x->items[i].name, x->hashes[i]);
    return s ? (size_t)s - 1 : SIZE_MAX;
}

void gt_name_index_free(gt_name_index *x)
{
    free(x->slots);
    x->slots = NULL;
    x->hashes = NULL;
}
