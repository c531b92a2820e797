/* zmachine-light: the virtual machine of zos light nodes (no public IP, no planetary). */
#include "zos/zos_common.h"

static const gt_field network_fields[] = {
    GT_F_OMIT(gt_machine_network_light, mycelium, "mycelium", gt_schema_mycelium_ip_ptr),
    GT_F(gt_machine_network_light, interfaces, "interfaces", gt_schema_interfaces),
};
static GT_STRUCT_SCHEMA(network_schema, gt_machine_network_light, "zos.MachineNetworkLight", network_fields);

static const gt_field fields[] = {
    GT_F(gt_zmachine_light, flist, "flist", gt_schema_string),
    GT_F(gt_zmachine_light, network, "network", network_schema),
    GT_F(gt_zmachine_light, size, "size", gt_schema_unit),
    GT_F(gt_zmachine_light, compute_capacity, "compute_capacity", gt_schema_machine_capacity),
    GT_F(gt_zmachine_light, mounts, "mounts", gt_schema_mounts),
    GT_F(gt_zmachine_light, entrypoint, "entrypoint", gt_schema_string),
    GT_F(gt_zmachine_light, env, "env", gt_schema_map),
    GT_F(gt_zmachine_light, corex, "corex", gt_schema_bool),
    GT_F_OMIT(gt_zmachine_light, gpu, "gpu", gt_schema_gpus),
};
static GT_STRUCT_SCHEMA(schema, gt_zmachine_light, "zos.ZMachineLight", fields);

static const gt_field result_fields[] = {
    GT_F(gt_zmachine_light_result, id, "id", gt_schema_string),
    GT_F(gt_zmachine_light_result, ip, "ip", gt_schema_string),
    GT_F(gt_zmachine_light_result, mycelium_ip, "mycelium_ip", gt_schema_string),
    GT_F(gt_zmachine_light_result, console_url, "console_url", gt_schema_string),
};
static GT_STRUCT_SCHEMA(result_schema, gt_zmachine_light_result, "zos.ZMachineLightResult", result_fields);

static int challenge(const void *data, gt_chal *c)
{
    const gt_zmachine_light *m = data;
    gt_chal_gstr(c, "flist", m->flist);
    gt_chal_enter(c, "network");
    gt_zos_interfaces_challenge(c, m->network.interfaces.items, m->network.interfaces.len, m->network.mycelium);
    gt_chal_leave(c);
    return gt_zos_machine_tail_challenge(c, m->size, &m->compute_capacity, m->mounts.items, m->mounts.len,
                                         m->entrypoint, &m->env, m->gpu.items, m->gpu.len);
}

static int validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_zmachine_light *m = data;
    int rc = gt_zos_machine_basic_valid(m->network.interfaces.items, m->network.interfaces.len,
                                        &m->compute_capacity, m->size, ctx->err);
    if (rc != GT_OK)
        return rc;
    return gt_zos_machine_network_valid(m->network.interfaces.items, m->network.interfaces.len,
                                        m->network.mycelium, ctx->err);
}

static int capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)err;
    const gt_zmachine_light *m = data;
    return gt_zos_machine_capacity(&m->compute_capacity, m->size, out);
}

const gt_workload_type gt_type_zmachine_light = {GT_TYPE_ZMACHINE_LIGHT, false, "*zos.ZMachineLight", &schema,
                                                 challenge, validate, capacity, &result_schema, NULL};
