/* network-light: the mycelium-first network of zos light nodes. */
#include "zos/zos_common.h"

static const gt_field fields[] = {
    GT_F(gt_network_light, subnet, "subnet", gt_schema_ipnet),
    /* omitempty on a struct has no effect in Go: always encoded */
    GT_F_OMIT(gt_network_light, mycelium, "mycelium", gt_schema_mycelium),
    GT_F(gt_network_light, ip_range, "ip_range", gt_schema_ipnet),
    GT_F(gt_network_light, wireguard_private_key, "wireguard_private_key", gt_schema_string),
    GT_F(gt_network_light, wireguard_listen_port, "wireguard_listen_port", gt_schema_uint16),
    GT_F(gt_network_light, peers, "peers", gt_schema_peers),
};
static GT_STRUCT_SCHEMA(schema, gt_network_light, "zos.NetworkLight", fields);

static int challenge(const void *data, gt_chal *c)
{
    const gt_network_light *n = data;
    gt_chal_ipnet(c, "ip_range", &n->ip_range);
    gt_chal_ipnet(c, "subnet", &n->subnet);
    gt_chal_gstr(c, "wireguard_private_key", n->wireguard_private_key);
    gt_chal_u64(c, "wireguard_listen_port", n->wireguard_listen_port);
    gt_zos_peers_challenge(c, n->peers.items, n->peers.len);
    gt_zos_mycelium_challenge(c, &n->mycelium);
    return GT_OK;
}

static int validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_network_light *n = data;
    if (n->subnet.ip.len == 0) {
        gt_error_set(ctx->err, GT_EINVALID, "network resource subnet cannot empty");
        return gt_error_at(ctx->err, GT_NO_OFFSET, "subnet");
    }
    return gt_zos_mycelium_valid(&n->mycelium, ctx->err);
}

static int capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)data;
    (void)out;
    (void)err;
    return GT_OK;
}

const gt_workload_type gt_type_network_light = {GT_TYPE_NETWORK_LIGHT, true, "*zos.NetworkLight", &schema,
                                                challenge, validate, capacity, NULL, NULL};
