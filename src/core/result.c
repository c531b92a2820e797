/* A workload's result data decoded into its type's result struct. */
#include "core/deployment_impl.h"
#include "json/reader.h"

#include <stdio.h>
#include <string.h>

gt_workload gt_workload_with_results(const gt_workload *wl, const gt_result *result)
{
    gt_workload copy = *wl;
    copy.result = *result;
    return copy;
}

static int decode_result(const gt_deployment *d, size_t index, const gt_workload_type *t, gt_str raw,
                         const void **out, gt_error *err)
{
    gt_arena *a = gt_deployment_arena(d);
    void *data = gt_arena_alloc(a, t->result_schema->size);
    if (!data)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    char prefix[64];
    snprintf(prefix, sizeof prefix, "workloads[%zu].result.data", index);
    gt_reader r;
    /* raw is a slice, not followed by the padding the reader needs: it reads a copy. */
    if (gt_reader_init_copy(&r, gt_deployment_base(d, raw.ptr), (const uint8_t *)raw.ptr, raw.len, a, err,
                            prefix) != 0)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    int rc = gt_json_decode(&r, t->result_schema, data);
    if (rc != GT_OK)
        return rc;
    if (t->result_fixup)
        t->result_fixup(data);
    *out = data;
    return GT_OK;
}

int gt_workload_result_data(const gt_deployment *d, size_t index, const void **out, gt_error *err)
{
    gt_error_clear(err);
    if (!d || !out || index >= d->workloads.len)
        return gt_error_set(err, GT_EARG, "gt_workload_result_data: bad argument");
    *out = NULL;
    const gt_workload *wl = &d->workloads.items[index];
    const gt_workload_type *t = gt_type_lookup(wl->type.ptr, wl->type.len);
    if (!t)
        return gt_error_set_quoting(err, GT_EDATA, "invalid reservation type '%.*s'", (int)wl->type.len, wl->type.ptr);
    gt_str raw = wl->result.data;
    if (!t->result_schema || raw.len == 0)
        return gt_error_set_quoting(err, GT_ENOTFOUND, "workload '%.*s' has no result data", (int)wl->name.len,
                            wl->name.ptr);
    /* The result is decoded into the arena: under the deployment's lock, so that several
     * threads may ask at once. Each call decodes anew (and takes arena memory anew). */
    gt_deployment_lock(d);
    int rc = decode_result(d, index, t, raw, out, err);
    gt_deployment_unlock(d);
    return rc;
}
