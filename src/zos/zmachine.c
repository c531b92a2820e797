/* zmachine: a virtual machine or container. */
#include "zos/zos_common.h"
#include "core/strhash.h"

#include <stdlib.h>

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
    return gt_zos_machine_tail_challenge(c, m->size, &m->compute_capacity, m->mounts.items, m->mounts.len,
                                         m->entrypoint, &m->env, m->gpu.items, m->gpu.len);
}

/* What the public IP checks of ZMachine.Valid need to know about the whole deployment:
 * how many zmachines name each public IP, and the first zmachine whose data does not load.
 * The reference rescans every workload for every VM (quadratic); this index is built in
 * one pass and, within one validation context, shared by all the VMs; the workload a public
 * IP names comes from the context's name index (gt_validate_get). The public IPs come from
 * the input, so the table is keyed by the keyed hash (core/strhash.h). */
typedef struct pip_slot {
    gt_str name;  /* a public_ip some zmachine names (ptr NULL: an empty slot) */
    uint32_t vms; /* zmachines (with valid names and loadable data) whose public_ip it is */
} pip_slot;

typedef struct pip_index {
    gt_valid_memo memo;
    long bad;       /* the first zmachine (valid name) whose data does not load, or -1 */
    size_t mask;
    pip_slot *slots;
} pip_index;

static pip_slot *pip_find(pip_index *x, gt_str name)
{
    uint64_t h = gt_strhash(name.ptr, name.len);
    for (size_t i = (size_t)h & x->mask;; i = (i + 1) & x->mask) {
        pip_slot *s = &x->slots[i];
        if (!s->name.ptr || gt_str_equal(s->name, name))
            return s;
    }
}

static void pip_release(gt_valid_memo *m)
{
    pip_index *x = (pip_index *)m;
    free(x->slots);
    free(x);
}

static pip_index *pip_build(const gt_deployment *d)
{
    pip_index *x = calloc(1, sizeof *x);
    size_t size = 16;
    while (size < (size_t)d->workloads.len * 2) /* half full at most */
        size *= 2;
    if (x)
        x->slots = calloc(size, sizeof *x->slots);
    if (!x || !x->slots) {
        free(x);
        return NULL;
    }
    x->memo.release = pip_release;
    x->mask = size - 1;
    x->bad = -1;
    static const char empty[1] = "";
    for (uint32_t i = 0; i < d->workloads.len && x->bad < 0; i++) {
        const gt_workload *vm = &d->workloads.items[i];
        if (!gt_str_is(vm->type, GT_TYPE_ZMACHINE) || gt_name_check(vm->name.ptr, vm->name.len, NULL) != GT_OK)
            continue;
        const struct gt_workload_cache *c = gt_workload_load(d, i);
        if (!c) {
            pip_release(&x->memo);
            return NULL;
        }
        if (c->status == GT_EPANIC)
            continue;
        if (c->status != GT_OK) {
            x->bad = (long)i;
            break;
        }
        gt_str pip = ((const gt_zmachine *)c->data)->network.public_ip;
        pip_slot *s = pip_find(x, pip);
        if (!s->name.ptr) {
            s->name.ptr = pip.ptr ? pip.ptr : empty;
            s->name.len = pip.len;
        }
        s->vms++;
    }
    return x;
}

/* The public IP checks of ZMachine.Valid. Returns 1 when the reference returns nil
 * from the middle of Valid (skipping the remaining checks), 0 to go on, or an error. */
static int public_ip_valid(const gt_zmachine *m, gt_validate_ctx *ctx)
{
    const gt_deployment *d = ctx->deployment;
    /* With a memo (inside gt_deployment_valid, or a context from gt_validate_ctx_init)
     * the index is built once for all VMs; otherwise this call builds its own. */
    pip_index *x = (pip_index *)gt_validate_memo_find(ctx, pip_release);
    bool own = false;
    if (!x) {
        x = pip_build(d);
        if (!x)
            return gt_error_set(ctx->err, GT_ENOMEM, "out of memory");
        own = !gt_validate_memo_keep(ctx, &x->memo);
    }
    int rc = 0;
    gt_str pip = m->network.public_ip;
    const gt_workload *wl = NULL;
    int grc = gt_name_check(pip.ptr, pip.len, NULL) == GT_OK ? gt_validate_get(ctx, pip.ptr, pip.len, &wl, NULL)
                                                            : GT_ENOTFOUND;
    if (grc == GT_ENOMEM) {
        rc = gt_error_set(ctx->err, GT_ENOMEM, "out of memory");
        goto out;
    }
    if (grc != GT_OK) {
        gt_error_set(ctx->err, GT_EINVALID, "public ip is not found");
        rc = gt_error_at(ctx->err, GT_NO_OFFSET, "network.public_ip");
        goto out;
    }
    /* The reference wraps a nil error here ("is not a public ip"), which is nil:
     * a public_ip naming another kind of workload ends validation successfully. */
    if (!gt_str_is(wl->type, GT_TYPE_PUBLIC_IPV4) && !gt_str_is(wl->type, GT_TYPE_PUBLIC_IP)) {
        rc = 1;
        goto out;
    }
    /* The reference counts the zmachines (with valid names) using the same public ip,
     * decoding each one's data as a plain json.Unmarshal would (data `null` is a zero VM),
     * and fails at the first that does not decode. */
    if (x->bad >= 0) {
        const struct gt_workload_cache *c = gt_workload_load(d, (size_t)x->bad);
        if (ctx->err && c && c->inner)
            *ctx->err = *c->inner;
        else
            gt_error_set_quoting(ctx->err, c ? c->status : GT_ENOMEM, "json: %.*s", c && c->error ? (int)c->error->message_len : 5,
                         c && c->error ? c->error->message : "error");
        rc = ctx->err ? ctx->err->code : GT_EDATA;
        goto out;
    }
    if (pip_find(x, pip)->vms > 1) {
        gt_error_set(ctx->err, GT_EINVALID, "public ip is assigned to multiple vms");
        rc = gt_error_at(ctx->err, GT_NO_OFFSET, "network.public_ip");
    }
out:
    if (own)
        pip_release(&x->memo);
    return rc;
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
