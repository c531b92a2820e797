/* Workloads through the FFI: their names, types, data and capacity. */
#include "ffi/ffi_internal.h"

#include <string.h>

#include "gridtypes/deployment.h"

uint32_t gt_ffi_workload_count(const gt_deployment *d)
{
    return d ? d->workloads.len : 0;
}

/* Workload `index` into *wl, or GT_ENOTFOUND (GT_EARG for NULL d) with err set. */
static int32_t workload_at(const gt_deployment *d, uint32_t index, const gt_workload **wl, gt_ffi_error *err)
{
    if (!d)
        return gt_fi_fail(err, GT_EARG, "NULL deployment");
    if (index >= d->workloads.len)
        return gt_fi_fail(err, GT_ENOTFOUND, "no workload %u: the deployment has %u", index, d->workloads.len);
    *wl = &d->workloads.items[index];
    return GT_OK;
}

/* Hands out a borrowed string (never a NULL pointer, so bindings need no special case). */
static int32_t lend(gt_str s, const uint8_t **ptr, size_t *len, gt_ffi_error *err)
{
    *ptr = s.len ? (const uint8_t *)s.ptr : (const uint8_t *)"";
    *len = s.len;
    gt_fi_ok(err);
    return GT_OK;
}

/* Which field of a workload a borrowing getter lends. */
enum field { NAME, TYPE, DATA };

static int32_t lend_field(const gt_deployment *d, uint32_t index, enum field f, const uint8_t **ptr,
                          size_t *len, gt_ffi_error *err)
{
    if (!ptr || !len)
        return gt_fi_fail(err, GT_EARG, "NULL output");
    *ptr = (const uint8_t *)"";
    *len = 0;
    const gt_workload *wl = NULL;
    int32_t rc = workload_at(d, index, &wl, err);
    if (rc != GT_OK)
        return rc;
    return lend(f == NAME ? wl->name : f == TYPE ? wl->type : wl->data, ptr, len, err);
}

int32_t gt_ffi_workload_name(const gt_deployment *d, uint32_t index, const uint8_t **ptr, size_t *len,
                             gt_ffi_error *err)
{
    return lend_field(d, index, NAME, ptr, len, err);
}

int32_t gt_ffi_workload_type(const gt_deployment *d, uint32_t index, const uint8_t **ptr, size_t *len,
                             gt_ffi_error *err)
{
    return lend_field(d, index, TYPE, ptr, len, err);
}

int32_t gt_ffi_workload_data(const gt_deployment *d, uint32_t index, const uint8_t **ptr, size_t *len,
                             gt_ffi_error *err)
{
    return lend_field(d, index, DATA, ptr, len, err);
}

uint32_t gt_ffi_workload_version(const gt_deployment *d, uint32_t index)
{
    return d && index < d->workloads.len ? d->workloads.items[index].version : 0;
}

static void put_units(uint64_t out[5], const gt_capacity *c)
{
    out[0] = c->cru;
    out[1] = c->sru;
    out[2] = c->hru;
    out[3] = c->mru;
    out[4] = c->ipv4u;
}

int32_t gt_ffi_capacity(const gt_deployment *d, uint32_t index, uint64_t out[5], gt_ffi_error *err)
{
    if (!out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_capacity: NULL out");
    memset(out, 0, 5 * sizeof *out);
    const gt_workload *wl = NULL;
    int32_t rc = workload_at(d, index, &wl, err);
    if (rc != GT_OK)
        return rc;
    gt_capacity c;
    gt_error e;
    rc = gt_workload_capacity(d, index, &c, &e);
    if (rc == GT_OK)
        put_units(out, &c);
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_capacity_total(const gt_deployment *d, uint64_t out[5], gt_ffi_error *err)
{
    if (!out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_capacity_total: NULL out");
    memset(out, 0, 5 * sizeof *out);
    if (!d)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_capacity_total: NULL deployment");
    gt_capacity total = {0, 0, 0, 0, 0};
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        gt_capacity c;
        gt_error e;
        int rc = gt_workload_capacity(d, i, &c, &e);
        if (rc != GT_OK)
            return gt_fi_copy(err, &e);
        gt_capacity_add(&total, &c); /* wraps, like the reference's uint64 */
    }
    put_units(out, &total);
    gt_fi_ok(err);
    return GT_OK;
}
