/* zmachine: a virtual machine or container. */
#include "zos/zos_common.h"

static const gt_field network_fields[] = {
    GT_F(gt_machine_network, public_ip, "public_ip", gt_schema_name),
    GT_F(gt_machine_network, planetary, "planetary", gt_schema_bool),
    GT_F_OMIT(gt_machine_network, mycelium, "mycelium", gt_schema_mycelium_ip_ptr),
    GT_F(gt_machine_network, interfaces, "interfaces", gt_schema_interfaces),
};
static GT_STRUCT_SCHEMA(network_schema, gt_machine_network, "zos.MachineNetwork", network_fields);

static const gt_field fields[] = {
    GT_F(gt_zmachine, flist, "flist", gt_schema_string),
    GT_F(gt_zmachine, network, "network", network_schema),
    GT_F(gt_zmachine, size, "size", gt_schema_unit),
    GT_F(gt_zmachine, compute_capacity, "compute_capacity", gt_schema_machine_capacity),
    GT_F(gt_zmachine, mounts, "mounts", gt_schema_mounts),
    GT_F(gt_zmachine, entrypoint, "entrypoint", gt_schema_string),
    GT_F(gt_zmachine, env, "env", gt_schema_map),
    GT_F(gt_zmachine, corex, "corex", gt_schema_bool),
    GT_F_OMIT(gt_zmachine, gpu, "gpu", gt_schema_gpus),
};
static GT_STRUCT_SCHEMA(schema, gt_zmachine, "zos.ZMachine", fields);

static const gt_field result_fields[] = {
    GT_F(gt_zmachine_result, id, "id", gt_schema_string),
    GT_F(gt_zmachine_result, ip, "ip", gt_schema_string),
    GT_F(gt_zmachine_result, ygg_ip, "ygg_ip", gt_schema_string),
    GT_F(gt_zmachine_result, planetary_ip, "planetary_ip", gt_schema_string),
    GT_F(gt_zmachine_result, mycelium_ip, "mycelium_ip", gt_schema_string),
    GT_F(gt_zmachine_result, console_url, "console_url", gt_schema_string),
};
static GT_STRUCT_SCHEMA(result_schema, gt_zmachine_result, "zos.ZMachineResult", result_fields);

/* ZMachineResult.UnmarshalJSON: results of older nodes name the planetary ip "ygg_ip". */
static void result_fixup(void *result)
{
    gt_zmachine_result *r = result;
    if (r->ygg_ip.len)
        r->planetary_ip = r->ygg_ip;
}

static int challenge(const void *data, gt_chal *c)
{
    const gt_zmachine *m = data;
    gt_chal_gstr(c, "flist", m->flist);
    gt_chal_enter(c, "network");
    gt_chal_gstr(c, "public_ip", m->network.public_ip);
    gt_chal_bool(c, "planetary", m->network.planetary);
    gt_zos_interfaces_challenge(c, m->network.interfaces.items, m->network.interfaces.len, m->network.mycelium);
    gt_chal_leave(c);
    gt_zos_machine_tail_challenge(c, m->size, &m->compute_capacity, m->mounts.items, m->mounts.len,
                                  m->entrypoint, &m->env, m->gpu.items, m->gpu.len);
    return GT_OK;
}

/* The public IP checks of ZMachine.Valid. Returns 1 when the reference returns nil
 * from the middle of Valid (skipping the remaining checks), 0 to go on, or an error. */
static int public_ip_valid(const gt_zmachine *m, gt_validate_ctx *ctx)
{
    const gt_deployment *d = ctx->deployment;
    gt_str pip = m->network.public_ip;
    const gt_workload *wl;
    if (gt_deployment_get(d, pip.ptr, pip.len, &wl, NULL) != GT_OK) {
        gt_error_set(ctx->err, GT_EINVALID, "public ip is not found");
        return gt_error_at(ctx->err, GT_NO_OFFSET, "network.public_ip");
    }
    /* The reference wraps a nil error here ("is not a public ip"), which is nil:
     * a public_ip naming another kind of workload ends validation successfully. */
    if (!gt_str_is(wl->type, GT_TYPE_PUBLIC_IPV4) && !gt_str_is(wl->type, GT_TYPE_PUBLIC_IP))
        return 1;
    /* Count the zmachines (with valid names) that use the same public ip; each one's
     * data is decoded as a plain json.Unmarshal would (data `null` is a zero VM). */
    int count = 0;
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *vm = &d->workloads.items[i];
        if (!gt_str_is(vm->type, GT_TYPE_ZMACHINE) || gt_name_check(vm->name.ptr, vm->name.len, NULL) != GT_OK)
            continue;
        const struct gt_workload_cache *c = gt_workload_load(d, i);
        if (!c)
            return gt_error_set(ctx->err, GT_ENOMEM, "out of memory");
        if (c->status == GT_EPANIC)
            continue;
        if (c->status != GT_OK) {
            if (ctx->err && c->inner)
                *ctx->err = *c->inner;
            else
                gt_error_set(ctx->err, c->status, "json: %s", c->error ? c->error->message : "error");
            return ctx->err ? ctx->err->code : GT_EDATA;
        }
        const gt_zmachine *other = c->data;
        if (other->network.public_ip.len == pip.len &&
            (pip.len == 0 || memcmp(other->network.public_ip.ptr, pip.ptr, pip.len) == 0))
            count++;
    }
    if (count > 1) {
        gt_error_set(ctx->err, GT_EINVALID, "public ip is assigned to multiple vms");
        return gt_error_at(ctx->err, GT_NO_OFFSET, "network.public_ip");
    }
    return 0;
}

static int validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_zmachine *m = data;
    int rc = gt_zos_machine_basic_valid(m->network.interfaces.items, m->network.interfaces.len,
                                        &m->compute_capacity, m->size, ctx->err);
    if (rc != GT_OK)
        return rc;
    if (m->network.public_ip.len) {
        rc = public_ip_valid(m, ctx);
        if (rc == 1)
            return GT_OK;
        if (rc != GT_OK)
            return rc;
    }
    return gt_zos_machine_network_valid(m->network.interfaces.items, m->network.interfaces.len,
                                        m->network.mycelium, ctx->err);
}

static int capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)err;
    const gt_zmachine *m = data;
    return gt_zos_machine_capacity(&m->compute_capacity, m->size, out);
}

const gt_workload_type gt_type_zmachine = {GT_TYPE_ZMACHINE, false, "*zos.ZMachine", &schema, challenge,
                                           validate, capacity, &result_schema, result_fixup};
