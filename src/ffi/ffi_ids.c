/* Workload ids, Unique and network ids through the FFI. */
#include "ffi/ffi_internal.h"

#include "gridtypes/ids.h"

int32_t gt_ffi_workload_id(uint32_t twin, uint64_t contract, const uint8_t *name, size_t len, char out[96],
                           gt_ffi_error *err)
{
    if ((!name && len) || !out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_workload_id: NULL argument");
    out[0] = '\0';
    gt_error e;
    int rc = gt_workload_id(twin, contract, name ? (const char *)name : "", len, out, GT_WORKLOAD_ID_MAX, &e);
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_workload_unique(const uint8_t *id, size_t id_len, const uint8_t *input, size_t input_len,
                               char out[14], gt_ffi_error *err)
{
    if ((!id && id_len) || (!input && input_len) || !out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_workload_unique: NULL argument");
    gt_workload_id_unique(id ? (const char *)id : "", id_len, input ? (const char *)input : "", input_len, out);
    gt_fi_ok(err);
    return GT_OK;
}

int32_t gt_ffi_network_id(uint32_t twin, const uint8_t *name, size_t len, char out[14], gt_ffi_error *err)
{
    if ((!name && len) || !out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_network_id: NULL argument");
    gt_network_id(twin, name ? (const char *)name : "", len, out);
    gt_fi_ok(err);
    return GT_OK;
}
