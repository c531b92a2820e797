/* Deployment.Upgrade through the FFI: operations and ignored changes as one JSON object. */
#include "ffi/ffi_internal.h"

#include <stdlib.h>
#include <string.h>

#include "gridtypes/deployment.h"
#include "json/writer.h"

/* The index of wl in d's workloads, or -1 when it is not one of them. */
static int64_t index_in(const gt_deployment *d, const gt_workload *wl)
{
    if (d->workloads.len && wl >= d->workloads.items && wl < d->workloads.items + d->workloads.len)
        return wl - d->workloads.items;
    return -1;
}

static void put_name(gt_buf *b, const gt_workload *wl)
{
    gt_fi_json_key(b, "name");
    gt_json_put_string(b, wl->name.ptr ? wl->name.ptr : "", wl->name.len);
}

static void put_bool(gt_buf *b, const char *key, bool v)
{
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, key);
    gt_buf_puts(b, v ? "true" : "false");
}

static void put_u32(gt_buf *b, const char *key, uint64_t v)
{
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, key);
    gt_buf_put_u64(b, v);
}

static void put_ops(gt_buf *b, const gt_deployment *cur, const gt_deployment *next, const gt_upgrade_op *ops,
                    size_t n)
{
    gt_fi_json_key(b, "ops");
    gt_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            gt_buf_putc(b, ',');
        gt_buf_putc(b, '{');
        gt_fi_json_key(b, "op");
        gt_buf_putc(b, '"');
        gt_buf_puts(b, gt_op_name(ops[i].op));
        gt_buf_putc(b, '"');
        gt_buf_putc(b, ',');
        put_name(b, ops[i].workload);
        gt_buf_putc(b, ',');
        gt_fi_json_key(b, "id");
        gt_json_put_string(b, ops[i].id, strlen(ops[i].id));
        /* removes point into cur, adds and updates into next */
        int64_t at = index_in(ops[i].op == GT_OP_REMOVE ? cur : next, ops[i].workload);
        put_u32(b, "index", (uint64_t)(at < 0 ? 0 : at));
        gt_buf_putc(b, '}');
    }
    gt_buf_putc(b, ']');
}

static void put_warnings(gt_buf *b, const gt_upgrade_warning *w, size_t n)
{
    gt_fi_json_key(b, "warnings");
    gt_buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            gt_buf_putc(b, ',');
        gt_buf_putc(b, '{');
        gt_fi_json_key(b, "index");
        gt_buf_put_u64(b, w[i].index);
        gt_buf_putc(b, ',');
        put_name(b, w[i].workload);
        put_u32(b, "old_version", w[i].old_version);
        put_u32(b, "new_version", w[i].new_version);
        put_u32(b, "deployment_version", w[i].deployment_version);
        put_bool(b, "data_changed", w[i].data_changed);
        put_bool(b, "metadata_changed", w[i].metadata_changed);
        put_bool(b, "description_changed", w[i].description_changed);
        gt_buf_putc(b, '}');
    }
    gt_buf_putc(b, ']');
}

int32_t gt_ffi_upgrade(const gt_deployment *cur, gt_deployment *next, char **json, size_t *len,
                       gt_ffi_error *err)
{
    if (!json || !len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_upgrade: NULL argument");
    *json = NULL;
    *len = 0;
    if (!cur || !next)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_upgrade: NULL deployment");
    gt_upgrade_op *ops = NULL;
    size_t nops = 0;
    gt_error e;
    int rc = gt_deployment_upgrade(cur, next, &ops, &nops, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    gt_upgrade_warning *warn = NULL;
    size_t nwarn = 0;
    rc = gt_deployment_upgrade_warnings(cur, next, &warn, &nwarn, &e);
    if (rc != GT_OK) {
        free(ops);
        return gt_fi_copy(err, &e);
    }
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_putc(&b, '{');
    put_ops(&b, cur, next, ops, nops);
    gt_buf_putc(&b, ',');
    put_warnings(&b, warn, nwarn);
    gt_buf_putc(&b, '}');
    free(ops);
    free(warn);
    return gt_fi_take(&b, json, len, err);
}
