/* The deployment as encoding/json sees it (gridtypes.Deployment and its parts). */
#include "core/deployment_impl.h"

#include <stddef.h>

#define F(s, field, key, type) GT_FIELD(s, field, key, type, 0)
#define STRUCT(var, ctype, goname, fields)                                            \
    const gt_schema var = {GT_KIND_STRUCT, sizeof(ctype), goname, fields,             \
                           (uint32_t)(sizeof(fields) / sizeof(fields[0])), NULL}
#define SLICE(var, ctype, goname, elem) \
    static const gt_schema var = {GT_KIND_SLICE, sizeof(gt_slice), goname, NULL, 0, &elem}

static const gt_schema workload_type_schema = {GT_KIND_STRING, sizeof(gt_str), "gridtypes.WorkloadType", NULL, 0, NULL};
static const gt_schema result_state_schema = {GT_KIND_STRING, sizeof(gt_str), "gridtypes.ResultState", NULL, 0, NULL};
static const gt_schema style_schema = {GT_KIND_STRING, sizeof(gt_str), "gridtypes.SignatureStyle", NULL, 0, NULL};

static const gt_field result_fields[] = {
    F(gt_result, created, "created", gt_schema_timestamp),
    F(gt_result, state, "state", result_state_schema),
    F(gt_result, message, "message", gt_schema_string),
    F(gt_result, data, "data", gt_schema_raw),
};
static STRUCT(result_schema, gt_result, "gridtypes.Result", result_fields);

static const gt_field workload_fields[] = {
    F(gt_workload, version, "version", gt_schema_uint32),
    F(gt_workload, name, "name", gt_schema_name),
    F(gt_workload, type, "type", workload_type_schema),
    F(gt_workload, data, "data", gt_schema_raw),
    F(gt_workload, metadata, "metadata", gt_schema_string),
    F(gt_workload, description, "description", gt_schema_string),
    F(gt_workload, result, "result", result_schema),
};
STRUCT(gt_schema_workload, gt_workload, "gridtypes.Workload", workload_fields);

static const gt_field request_fields[] = {
    F(gt_signature_request, twin_id, "twin_id", gt_schema_uint32),
    F(gt_signature_request, required, "required", gt_schema_bool),
    F(gt_signature_request, weight, "weight", gt_schema_uint),
};
static STRUCT(request_schema, gt_signature_request, "gridtypes.SignatureRequest", request_fields);

static const gt_field signature_fields[] = {
    F(gt_signature, twin_id, "twin_id", gt_schema_uint32),
    F(gt_signature, signature, "signature", gt_schema_string),
    F(gt_signature, signature_type, "signature_type", gt_schema_string),
};
static STRUCT(signature_schema, gt_signature, "gridtypes.Signature", signature_fields);

SLICE(requests_schema, gt_signature_request, "[]gridtypes.SignatureRequest", request_schema);
SLICE(signatures_schema, gt_signature, "[]gridtypes.Signature", signature_schema);
SLICE(workloads_schema, gt_workload, "[]gridtypes.Workload", gt_schema_workload);

static const gt_field requirement_fields[] = {
    F(gt_signature_requirement, requests, "requests", requests_schema),
    F(gt_signature_requirement, weight_required, "weight_required", gt_schema_uint),
    F(gt_signature_requirement, signatures, "signatures", signatures_schema),
    F(gt_signature_requirement, signature_style, "signature_style", style_schema),
};
static STRUCT(requirement_schema, gt_signature_requirement, "gridtypes.SignatureRequirement", requirement_fields);

static const gt_field deployment_fields[] = {
    F(gt_deployment, version, "version", gt_schema_uint32),
    F(gt_deployment, twin_id, "twin_id", gt_schema_uint32),
    F(gt_deployment, contract_id, "contract_id", gt_schema_uint64),
    F(gt_deployment, metadata, "metadata", gt_schema_string),
    F(gt_deployment, description, "description", gt_schema_string),
    F(gt_deployment, expiration, "expiration", gt_schema_timestamp),
    F(gt_deployment, signature_requirement, "signature_requirement", requirement_schema),
    F(gt_deployment, workloads, "workloads", workloads_schema),
};
STRUCT(gt_schema_deployment, gt_deployment, "gridtypes.Deployment", deployment_fields);
