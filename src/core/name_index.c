/* The workload name index (name_index.h). */
#include "core/name_index.h"
#include "core/strhash.h"

#include <stdlib.h>

/* The slot holding `name`, or the empty one where it goes. */
static uint32_t *slot_of(const gt_name_index *x, gt_str name)
{
    for (size_t i = (size_t)gt_strhash(name.ptr, name.len) & x->mask;; i = (i + 1) & x->mask) {
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
    x->mask = 0;
    if (n <= GT_NAME_INDEX_SCAN)
        return GT_OK;
    size_t size = 16;
    while (size < (size_t)n * 2)
        size *= 2;
    x->slots = calloc(size, sizeof *x->slots);
    if (!x->slots)
        return GT_ENOMEM;
    x->mask = size - 1;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t *s = slot_of(x, items[i].name);
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
    uint32_t s = *slot_of(x, name);
    return s ? (size_t)s - 1 : SIZE_MAX;
}

void gt_name_index_free(gt_name_index *x)
{
    free(x->slots);
    x->slots = NULL;
}
