/* Get, GetType, ByType, GetShareables, IsActive, SetError. */
#include "core/deployment_impl.h"
#include "gridtypes/ids.h"

#include <string.h>

static bool str_eq(gt_str s, const char *c, size_t n)
{
    return s.len == n && (n == 0 || memcmp(s.ptr, c, n) == 0); /* an empty gt_str may be NULL */
}

static size_t first_named(const gt_deployment *d, const char *name, size_t len)
{
    for (uint32_t i = 0; i < d->workloads.len; i++)
        if (str_eq(d->workloads.items[i].name, name, len))
            return i;
    return SIZE_MAX;
}

int gt_deployment_get_in(const gt_deployment *d, const gt_name_index *names, const char *name, size_t len,
                         const gt_workload **out, gt_error *err)
{
    gt_error_clear(err);
    if (out)
        *out = NULL;
    int rc = gt_name_valid(name, len, err);
    if (rc != GT_OK)
        return rc;
    size_t found = names ? gt_name_index_find(names, (gt_str){name, len}) : first_named(d, name, len);
    if (found == SIZE_MAX)
        return gt_error_set_quoting(err, GT_ENOTFOUND, "no workload with name '%.*s': workload not found", (int)len,
                                    name);
    if (out)
        *out = &d->workloads.items[found];
    return GT_OK;
}

int gt_deployment_get(const gt_deployment *d, const char *name, size_t len, const gt_workload **out,
                      gt_error *err)
{
    return gt_deployment_get_in(d, NULL, name, len, out, err);
}

int gt_deployment_get_type(const gt_deployment *d, const char *name, size_t len, const char *type,
                           const gt_workload **out, gt_error *err)
{
    const gt_workload *wl;
    int rc = gt_deployment_get(d, name, len, &wl, err);
    if (rc != GT_OK)
        return rc;
    if (!str_eq(wl->type, type, strlen(type))) {
        if (out)
            *out = NULL;
        return gt_error_set_quoting(err, GT_EINVALID, "workload '%.*s' of wrong type", (int)len, name);
    }
    if (out)
        *out = wl;
    return GT_OK;
}

size_t gt_deployment_by_type(const gt_deployment *d, const char *const *types, size_t ntypes, size_t *out,
                             size_t cap)
{
    size_t n = 0;
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        bool match = false;
        for (size_t t = 0; t < ntypes && !match; t++)
            match = str_eq(wl->type, types[t], strlen(types[t]));
        if (!match || gt_name_valid(wl->name.ptr, wl->name.len, NULL) != GT_OK)
            continue;
        if (n < cap)
            out[n] = i;
        n++;
    }
    return n;
}

size_t gt_deployment_shareables(const gt_deployment *d, size_t *out, size_t cap)
{
    size_t n = 0;
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        if (!gt_type_is_sharable(wl->type.ptr, wl->type.len) ||
            gt_name_valid(wl->name.ptr, wl->name.len, NULL) != GT_OK)
            continue;
        if (n < cap)
            out[n] = i;
        n++;
    }
    return n;
}

bool gt_deployment_is_active(const gt_deployment *d)
{
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        gt_str s = d->workloads.items[i].result.state;
        if (!str_eq(s, GT_STATE_DELETED, 7) && !str_eq(s, GT_STATE_ERROR, 5))
            return true;
    }
    return false;
}

int gt_deployment_set_error(gt_deployment *d, const char *message)
{
    gt_str msg = gt_deployment_strdup(d, message, strlen(message));
    if (!msg.ptr)
        return GT_ENOMEM;
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        d->workloads.items[i].result.state = (gt_str){GT_STATE_ERROR, 5};
        d->workloads.items[i].result.message = msg;
    }
    return GT_OK;
}

const char *gt_op_name(int op)
{
    switch (op) {
    case GT_OP_REMOVE: return "remove";
    case GT_OP_ADD: return "add";
    case GT_OP_UPDATE: return "update";
    default: return "unknown";
    }
}
