/* zmount and volume: a disk of `size` bytes (both identical in the reference). */
#include "zos/zos_common.h"

static const gt_field zmount_fields[] = {GT_F(gt_zmount, size, "size", gt_schema_unit)};
static GT_STRUCT_SCHEMA(zmount_schema, gt_zmount, "zos.ZMount", zmount_fields);
static const gt_field volume_fields[] = {GT_F(gt_volume, size, "size", gt_schema_unit)};
static GT_STRUCT_SCHEMA(volume_schema, gt_volume, "zos.Volume", volume_fields);

static const gt_field zmount_result_fields[] = {GT_F(gt_zmount_result, volume_id, "volume_id", gt_schema_string)};
static GT_STRUCT_SCHEMA(zmount_result_schema, gt_zmount_result, "zos.ZMountResult", zmount_result_fields);
static const gt_field volume_result_fields[] = {GT_F(gt_volume_result, id, "id", gt_schema_string)};
static GT_STRUCT_SCHEMA(volume_result_schema, gt_volume_result, "zos.VolumeResult", volume_result_fields);

/* Both types store one uint64 first, so the functions serve both. */
static int disk_challenge(const void *data, gt_chal *c)
{
    gt_chal_u64(c, "size", *(const uint64_t *)data);
    return GT_OK;
}

static int disk_validate(const void *data, gt_validate_ctx *ctx)
{
    if (*(const uint64_t *)data == 0) {
        gt_error_set(ctx->err, GT_EINVALID, "invalid size");
        return gt_error_at(ctx->err, GT_NO_OFFSET, "size");
    }
    return GT_OK;
}

static int disk_capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)err;
    out->sru = *(const uint64_t *)data;
    return GT_OK;
}

const gt_workload_type gt_type_zmount = {GT_TYPE_ZMOUNT, false, "*zos.ZMount", &zmount_schema,
                                         disk_challenge, disk_validate, disk_capacity, &zmount_result_schema, NULL};
const gt_workload_type gt_type_volume = {GT_TYPE_VOLUME, false, "*zos.Volume", &volume_schema,
                                         disk_challenge, disk_validate, disk_capacity, &volume_result_schema, NULL};
