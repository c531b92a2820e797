/* Deployment.Valid and Workload.Valid, and the validation context's shared indexes. */
#include "core/deployment_impl.h"
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

/* ---- the context's memo ---- */

gt_valid_memo *gt_validate_memo_find(const gt_validate_ctx *ctx, void (*release)(gt_valid_memo *))
{
    if (!ctx->memo)
        return NULL;
    for (gt_valid_memo *m = ctx->memo->kept; m; m = m->next)
        if (m->release == release)
            return m;
    return NULL;
}

bool gt_validate_memo_keep(gt_validate_ctx *ctx, gt_valid_memo *m)
{
    if (!ctx->memo)
        return false;
    m->next = ctx->memo->kept;
    ctx->memo->kept = m;
    return true;
}

void gt_validate_memo_clear(struct gt_validate_memo *memo)
{
    while (memo->kept) {
        gt_valid_memo *m = memo->kept;
        memo->kept = m->next;
        m->release(m);
    }
    if (memo->first_ready)
        gt_name_index_free(&memo->first);
    memo->first_ready = false;
}

int gt_validate_ctx_init(gt_validate_ctx *ctx, const gt_deployment *d, gt_error *err)
{
    ctx->deployment = d;
    ctx->index = 0;
    ctx->err = err;
    ctx->memo = calloc(1, sizeof *ctx->memo);
    return ctx->memo ? GT_OK : GT_ENOMEM;
}

void gt_validate_ctx_release(gt_validate_ctx *ctx)
{
    if (!ctx || !ctx->memo)
        return;
    gt_validate_memo_clear(ctx->memo);
    free(ctx->memo);
    ctx->memo = NULL;
}

/* The memo's index of first workloads by name, built on first use; NULL without a memo
 * or when out of memory. */
static const gt_name_index *first_index(gt_validate_ctx *ctx)
{
    struct gt_validate_memo *m = ctx->memo;
    if (!m)
        return NULL;
    if (!m->first_ready) {
        const gt_deployment *d = ctx->deployment;
        if (gt_name_index_init(&m->first, d->workloads.items, d->workloads.len, false) != GT_OK)
            return NULL;
        m->first_ready = true;
    }
    return &m->first;
}

int gt_validate_get(gt_validate_ctx *ctx, const char *name, size_t len, const gt_workload **out, gt_error *err)
{
    return gt_deployment_get_in(ctx->deployment, first_index(ctx), name, len, out, err);
}

/* ---- Valid ---- */

/* Workload.Valid, given that the deployment-level checks passed. */
static int workload_valid(gt_validate_ctx *ctx, size_t i, gt_error *err)
{
    const gt_deployment *d = ctx->deployment;
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
    ctx->index = i;
    ctx->err = err;
    gt_error_clear(err);
    int rc = c->type->validate(c->data, ctx);
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

int gt_deployment_valid(const gt_deployment *d, gt_error *err)
{
    gt_error_clear(err);
    if (!d)
        return gt_error_set(err, GT_EARG, "gt_deployment_valid: NULL deployment");
    size_t n = d->workloads.len;
    /* Everything this call builds lives in its own memo: several threads may validate
     * one deployment at once. */
    struct gt_validate_memo memo;
    memset(&memo, 0, sizeof memo);
    gt_validate_ctx ctx = {d, 0, err, &memo};
    /* the duplicate check: a name whose first workload comes earlier */
    const gt_name_index *names = first_index(&ctx);
    if (!names)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
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
        if (gt_name_index_find_of(names, i) != i) {
            rc = gt_error_set_quoting(err, GT_EINVALID, "multiple workloads with the same name '%.*s'",
                              (int)wl->name.len, wl->name.ptr);
            at_workload(err, i, "name");
            break;
        }
        rc = workload_valid(&ctx, i, err);
    }
    gt_validate_memo_clear(&memo);
    return rc;
}
