/* Schemas of the scalar types shared by the deployment and the workload types. */
#include "gridtypes/schema.h"

#define SCALAR(var, kind, ctype, goname) \
    const gt_schema var = {kind, sizeof(ctype), goname, NULL, 0, NULL}

SCALAR(gt_schema_bool, GT_KIND_BOOL, bool, "bool");
SCALAR(gt_schema_uint8, GT_KIND_U8, uint8_t, "uint8");
SCALAR(gt_schema_uint16, GT_KIND_U16, uint16_t, "uint16");
SCALAR(gt_schema_uint32, GT_KIND_U32, uint32_t, "uint32");
SCALAR(gt_schema_uint64, GT_KIND_U64, uint64_t, "uint64");
SCALAR(gt_schema_uint, GT_KIND_U64, uint64_t, "uint");
SCALAR(gt_schema_unit, GT_KIND_U64, uint64_t, "gridtypes.Unit");
SCALAR(gt_schema_string, GT_KIND_STRING, gt_str, "string");
SCALAR(gt_schema_name, GT_KIND_STRING, gt_str, "gridtypes.Name");
SCALAR(gt_schema_timestamp, GT_KIND_TIMESTAMP, int64_t, "gridtypes.Timestamp");
SCALAR(gt_schema_raw, GT_KIND_RAW, gt_str, "json.RawMessage");
SCALAR(gt_schema_ipnet, GT_KIND_IPNET, gt_ipnet, "gridtypes.IPNet");
SCALAR(gt_schema_ip, GT_KIND_IP, gt_ip, "net.IP");
SCALAR(gt_schema_hex, GT_KIND_HEX, gt_bytes, "zos.Bytes");
const gt_schema gt_schema_map = {GT_KIND_MAP, sizeof(gt_map), "map[string]string", NULL, 0,
                                 &gt_schema_string};
