/* Workload names to workload indexes, for the checks that look workloads up by name
 * (duplicate names, Get, the upgrade's name map). Small deployments are scanned: at most
 * GT_NAME_INDEX_SCAN names, so a lookup stays bounded and costs no hashing. Larger ones get
 * an open-addressing table under the keyed hash (strhash.h), at most half full. */
#ifndef GT_CORE_NAME_INDEX_H
#define GT_CORE_NAME_INDEX_H

#include "gridtypes/deployment.h"

#define GT_NAME_INDEX_SCAN 8

typedef struct gt_name_index {
    const gt_workload *items;
    uint32_t n;
    bool last;       /* of repeated names, lookups find the last (else the first) */
    uint32_t *slots; /* workload index + 1, 0 empty; NULL when the names are scanned */
    uint32_t *hashes; /* each workload's name hashed (low bits), after the slots */
    size_t mask;
} gt_name_index;

/* Indexes the names of items[0..n). GT_OK, or GT_ENOMEM: then x still answers, by
 * scanning, and gt_name_index_free is still safe. */
int gt_name_index_init(gt_name_index *x, const gt_workload *items, uint32_t n, bool last);

/* The index of the first (or last) workload called `name`, or SIZE_MAX. */
size_t gt_name_index_find(const gt_name_index *x, gt_str name);

/* The same for the name of workload i (i < n): no hashing again. */
size_t gt_name_index_find_of(const gt_name_index *x, size_t i);

void gt_name_index_free(gt_name_index *x);

#endif
