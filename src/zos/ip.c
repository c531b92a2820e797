/* ipv4 (deprecated, no fields) and ip (v4 and/or v6 public addresses). */
#include "zos/zos_common.h"

static const gt_field no_fields[1] = {{NULL, 0, NULL, 0, 0}};
static const gt_schema ipv4_schema = {GT_KIND_STRUCT, sizeof(gt_public_ipv4), "zos.PublicIP4", no_fields, 0, NULL};

static const gt_field ip_fields[] = {
    GT_F(gt_public_ip, v4, "v4", gt_schema_bool),
    GT_F(gt_public_ip, v6, "v6", gt_schema_bool),
};
static GT_STRUCT_SCHEMA(ip_schema, gt_public_ip, "zos.PublicIP", ip_fields);

static const gt_field ip_result_fields[] = {
    GT_F(gt_public_ip_result, ip, "ip", gt_schema_ipnet),
    GT_F(gt_public_ip_result, ip6, "ip6", gt_schema_ipnet),
    GT_F(gt_public_ip_result, gateway, "gateway", gt_schema_ip),
};
static GT_STRUCT_SCHEMA(ip_result_schema, gt_public_ip_result, "zos.PublicIPResult", ip_result_fields);

static int ipv4_challenge(const void *data, gt_chal *c)
{
    (void)data;
    (void)c;
    return GT_OK;
}

static int ipv4_validate(const void *data, gt_validate_ctx *ctx)
{
    (void)data;
    (void)ctx;
    return GT_OK;
}

static int ipv4_capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)data;
    (void)err;
    out->ipv4u = 1;
    return GT_OK;
}

static int ip_challenge(const void *data, gt_chal *c)
{
    const gt_public_ip *p = data;
    gt_chal_bool(c, "v4", p->v4);
    gt_chal_bool(c, "v6", p->v6);
    return GT_OK;
}

static int ip_validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_public_ip *p = data;
    if (!p->v4 && !p->v6)
        return gt_error_set(ctx->err, GT_EINVALID, "public ip workload with no selections");
    return GT_OK;
}

static int ip_capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)err;
    out->ipv4u = ((const gt_public_ip *)data)->v4 ? 1 : 0;
    return GT_OK;
}

const gt_workload_type gt_type_ipv4 = {GT_TYPE_PUBLIC_IPV4, false, "*zos.PublicIP4", &ipv4_schema,
                                       ipv4_challenge, ipv4_validate, ipv4_capacity, &ip_result_schema, NULL};
const gt_workload_type gt_type_ip = {GT_TYPE_PUBLIC_IP, false, "*zos.PublicIP", &ip_schema, ip_challenge,
                                     ip_validate, ip_capacity, &ip_result_schema, NULL};
