/* Lookups a command makes many times over one deployment (a reference's workload, a
 * twin's signature): sorted copies searched by bisection, so each costs O(log n) whatever
 * the input holds, instead of a scan per lookup. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int cmp_name(const void *a, const void *b)
{
    const cli_name_entry *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = n ? memcmp(x->ptr, y->ptr, n) : 0;
    if (c)
        return c;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

void cli_names_init(cli_names *x, const gt_deployment *d)
{
    x->d = d;
    x->sorted = NULL;
    uint32_t n = d->workloads.len;
    if (n == 0 || !(x->sorted = malloc((size_t)n * sizeof *x->sorted)))
        return; /* lookups scan */
    for (uint32_t i = 0; i < n; i++)
        x->sorted[i] = (cli_name_entry){d->workloads.items[i].name.ptr, d->workloads.items[i].name.len, i};
    qsort(x->sorted, n, sizeof *x->sorted, cmp_name);
}

size_t cli_names_first(const cli_names *x, gt_str name)
{
    uint32_t n = x->d->workloads.len;
    if (!x->sorted) {
        for (uint32_t i = 0; i < n; i++) {
            gt_str o = x->d->workloads.items[i].name;
            if (o.len == name.len && (name.len == 0 || memcmp(o.ptr, name.ptr, name.len) == 0))
                return i;
        }
        return SIZE_MAX;
    }
    /* the first entry not before (name, index 0) */
    cli_name_entry probe = {name.ptr, name.len, 0};
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_name(&x->sorted[mid], &probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && x->sorted[lo].len == name.len &&
        (name.len == 0 || memcmp(x->sorted[lo].ptr, name.ptr, name.len) == 0))
        return x->sorted[lo].index;
    return SIZE_MAX;
}

void cli_names_free(cli_names *x)
{
    free(x->sorted);
    x->sorted = NULL;
}

static int cmp_twin(const void *a, const void *b)
{
    const cli_twin_entry *x = a, *y = b;
    if (x->twin != y->twin)
        return x->twin < y->twin ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

void cli_sigs_init(cli_sigs *x, const gt_deployment *d)
{
    x->d = d;
    x->sorted = NULL;
    uint32_t n = d->signature_requirement.signatures.len;
    if (n == 0 || !(x->sorted = malloc((size_t)n * sizeof *x->sorted)))
        return;
    for (uint32_t i = 0; i < n; i++)
        x->sorted[i] = (cli_twin_entry){d->signature_requirement.signatures.items[i].twin_id, i};
    qsort(x->sorted, n, sizeof *x->sorted, cmp_twin);
}

const gt_signature *cli_sigs_first(const cli_sigs *x, uint32_t twin)
{
    const gt_signature_requirement *sr = &x->d->signature_requirement;
    uint32_t n = sr->signatures.len;
    if (!x->sorted) {
        for (uint32_t i = 0; i < n; i++)
            if (sr->signatures.items[i].twin_id == twin)
                return &sr->signatures.items[i];
        return NULL;
    }
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->sorted[mid].twin < twin)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && x->sorted[lo].twin == twin ? &sr->signatures.items[x->sorted[lo].index] : NULL;
}

void cli_sigs_free(cli_sigs *x)
{
    free(x->sorted);
    x->sorted = NULL;
}
