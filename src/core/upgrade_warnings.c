/* What an update changes that the node will ignore: the reference keeps a workload
 * "untouched" whenever its version is not the deployment's new version, whatever else
 * changed in it. Users rarely mean that; this lists each such workload. */
#include "core/deployment_impl.h"
#include "core/strhash.h"
#include "json/writer.h"

#include <stdlib.h>
#include <string.h>


/* The canonical bytes of a workload's data: its decoded form re-encoded, or the raw JSON
 * compacted when it does not decode. Returns false when out of memory. */
static bool canonical_data(const gt_deployment *d, size_t i, gt_buf *out)
{
    const struct gt_workload_cache *c = gt_workload_load(d, i);
    if (c && c->status == GT_OK && gt_json_encode(out, c->type->schema, c->data) == 0)
        return !out->failed;
    out->len = 0;
    gt_str raw = d->workloads.items[i].data;
    gt_json_put_compact(out, raw.ptr, raw.len);
    return !out->failed;
}

static int data_changed(const gt_deployment *cur, size_t ci, const gt_deployment *next, size_t ni, bool *changed)
{
    if (gt_str_equal(cur->workloads.items[ci].data, next->workloads.items[ni].data)) {
        *changed = false;
        return GT_OK;
    }
    gt_buf a, b;
    gt_buf_init(&a);
    gt_buf_init(&b);
    bool ok = canonical_data(cur, ci, &a) && canonical_data(next, ni, &b);
    *changed = !(a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0));
    gt_buf_free(&a);
    gt_buf_free(&b);
    return ok ? GT_OK : GT_ENOMEM;
}

int gt_deployment_upgrade_warnings(const gt_deployment *cur, const gt_deployment *next,
                                   gt_upgrade_warning **out, size_t *n, gt_error *err)
{
    gt_error_clear(err);
    if (!cur || !next || !out || !n)
        return gt_error_set(err, GT_EARG, "gt_deployment_upgrade_warnings: NULL argument");
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    /* the reference's name map keeps the last workload of each name */
    gt_name_index names;
    if (gt_name_index_init(&names, cur->workloads.items, cur->workloads.len, true) != GT_OK)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    int rc = GT_OK;
    for (size_t k = 0; k < next->workloads.len; k++) {
        const gt_workload *wl = &next->workloads.items[k];
        if (wl->version == next->version)
            continue; /* an update: the node applies it */
        size_t ci = gt_name_index_find(&names, wl->name);
        if (ci == SIZE_MAX || !gt_str_equal(cur->workloads.items[ci].type, wl->type))
            continue; /* an add or a type change: the reference refuses or adds */
        const gt_workload *old = &cur->workloads.items[ci];
        gt_upgrade_warning w = {k, wl, old->version, wl->version, next->version, false,
                                !gt_str_equal(old->metadata, wl->metadata), !gt_str_equal(old->description, wl->description),
                                ci};
        if (data_changed(cur, ci, next, k, &w.data_changed) != GT_OK) {
            rc = GT_ENOMEM;
            break;
        }
        if (!w.data_changed && !w.metadata_changed && !w.description_changed)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            gt_upgrade_warning *grown = realloc(*out, cap * sizeof *grown);
            if (!grown) {
                rc = GT_ENOMEM;
                break;
            }
            *out = grown;
        }
        (*out)[(*n)++] = w;
    }
    gt_name_index_free(&names);
    if (rc != GT_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    return GT_OK;
}
