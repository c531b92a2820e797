/* Deployment.Valid and Workload.Valid. */
#include "core/deployment_impl.h"
#include "core/strhash.h"
#include "gridtypes/ids.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int at_workload(gt_error *err, size_t i, const char *field)
{
    if (!err)
        return GT_OK;
    char path[64];
    if (field)
        snprintf(path, sizeof path, "workloads[%zu].%s", i, field);
    else
        snprintf(path, sizeof path, "workloads[%zu]", i);
    return gt_error_at(err, GT_NO_OFFSET, path);
}

/* Workload.Valid, given that the deployment-level checks passed. */
static int workload_valid(const gt_deployment *d, size_t i, gt_error *err)
{
    const gt_workload *wl = &d->workloads.items[i];
    gt_error e;
    if (gt_name_valid(wl->name.ptr, wl->name.len, &e) != GT_OK) {
        gt_error_set_quoting(err, GT_EINVALID, "invalid workload name: %.*s", (int)e.message_len, e.message);
        return at_workload(err, i, "name");
    }
    const struct gt_workload_cache *c = gt_workload_load(d, i);
    if (!c)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    if (c->status != GT_OK)
        return gt_workload_report(c->error, err);
    gt_validate_ctx ctx = {d, i, err};
    gt_error_clear(err);
    int rc = c->type->validate(c->data, &ctx);
    if (rc != GT_OK && err && (!err->path[0] || strncmp(err->path, "workloads[", 10) != 0)) {
        char path[GT_ERROR_PATH_MAX];
        if (err->path[0])
            snprintf(path, sizeof path, "workloads[%zu].data.%.200s", i, err->path);
        else
            snprintf(path, sizeof path, "workloads[%zu].data", i);
        gt_error_at(err, err->offset, path);
    }
    return rc;
}

/* Names seen so far, in an open-addressing table sized for the deployment, so that the
 * duplicate check stays linear. */
typedef struct {
    const gt_str **slots;
    size_t mask;
} name_set;


/* Returns true when the name was already present. */
static bool name_set_add(name_set *s, const gt_str *name)
{
    size_t i = (size_t)gt_strhash(name->ptr, name->len) & s->mask;
    while (s->slots[i]) {
        const gt_str *o = s->slots[i];
        if (gt_str_equal(*o, *name))
            return true;
        i = (i + 1) & s->mask;
    }
    s->slots[i] = name;
    return false;
}

int gt_deployment_valid(const gt_deployment *d, gt_error *err)
{
    gt_error_clear(err);
    if (!d)
        return gt_error_set(err, GT_EARG, "gt_deployment_valid: NULL deployment");
    size_t n = d->workloads.len;
    size_t size = 16;
    while (size < n * 2)
        size *= 2;
    const gt_str *stack_slots[64];
    const gt_str **slots = size <= 64 ? stack_slots : calloc(size, sizeof *slots);
    if (!slots)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    if (size <= 64)
        memset(stack_slots, 0, sizeof stack_slots);
    name_set set = {slots, size - 1};
    gt_deployment_impl *di = (gt_deployment_impl *)(uintptr_t)d;
    di->valid_memo = NULL;
    di->validating = true;
    int rc = GT_OK;
    for (size_t i = 0; i < n && rc == GT_OK; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        if (wl->version > d->version) {
            rc = gt_error_set_quoting(err, GT_EINVALID,
                              "workload '%.*s' version '%u' cannot be higher than deployment version '%u'",
                              (int)wl->name.len, wl->name.ptr, wl->version, d->version);
            at_workload(err, i, "version");
            break;
        }
        gt_error e;
        if (gt_name_valid(wl->name.ptr, wl->name.len, &e) != GT_OK) {
            rc = gt_error_set_quoting(err, GT_EINVALID, "name '%.*s' is invalid: %.*s", (int)wl->name.len,
                              wl->name.ptr, (int)e.message_len, e.message);
            at_workload(err, i, "name");
            break;
        }
        if (name_set_add(&set, &wl->name)) {
            rc = gt_error_set_quoting(err, GT_EINVALID, "multiple workloads with the same name '%.*s'",
                              (int)wl->name.len, wl->name.ptr);
            at_workload(err, i, "name");
            break;
        }
        rc = workload_valid(d, i, err);
    }
    if (slots != stack_slots)
        free(slots);
    if (di->valid_memo)
        di->valid_memo->release(di->valid_memo);
    di->valid_memo = NULL;
    di->validating = false;
    return rc;
}
