/* zdb: a 0-db namespace. */
#include "zos/zos_common.h"

static const gt_schema mode_schema = {GT_KIND_STRING, sizeof(gt_str), "zos.ZDBMode", NULL, 0, NULL};
static const gt_field zdb_fields[] = {
    GT_F(gt_zdb, size, "size", gt_schema_unit),
    GT_F(gt_zdb, mode, "mode", mode_schema),
    GT_F(gt_zdb, password, "password", gt_schema_string),
    GT_F(gt_zdb, public_, "public", gt_schema_bool),
};
static GT_STRUCT_SCHEMA(zdb_schema, gt_zdb, "zos.ZDB", zdb_fields);

/* ZDBResult has no JSON tags: its keys are the Go field names. */
static const gt_field zdb_result_fields[] = {
    GT_F(gt_zdb_result, namespace_, "Namespace", gt_schema_string),
    GT_F(gt_zdb_result, ips, "IPs", gt_schema_strings),
    GT_F(gt_zdb_result, port, "Port", gt_schema_uint),
};
static GT_STRUCT_SCHEMA(zdb_result_schema, gt_zdb_result, "zos.ZDBResult", zdb_result_fields);

static int zdb_challenge(const void *data, gt_chal *c)
{
    const gt_zdb *z = data;
    gt_chal_u64(c, "size", z->size);
    gt_chal_gstr(c, "mode", z->mode);
    gt_chal_gstr(c, "password", z->password);
    gt_chal_bool(c, "public", z->public_);
    return GT_OK;
}

static int zdb_validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_zdb *z = data;
    if (z->size == 0) {
        gt_error_set(ctx->err, GT_EINVALID, "invalid size");
        return gt_error_at(ctx->err, GT_NO_OFFSET, "size");
    }
    if (!gt_str_is(z->mode, "user") && !gt_str_is(z->mode, "seq")) {
        gt_error_set(ctx->err, GT_EINVALID, "invalid mode");
        return gt_error_at(ctx->err, GT_NO_OFFSET, "mode");
    }
    return GT_OK;
}

static int zdb_capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)err;
    out->hru = ((const gt_zdb *)data)->size;
    return GT_OK;
}

const gt_workload_type gt_type_zdb = {GT_TYPE_ZDB, false, "*zos.ZDB", &zdb_schema, zdb_challenge,
                                      zdb_validate, zdb_capacity, &zdb_result_schema, NULL};
