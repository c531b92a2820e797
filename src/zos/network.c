/* network: a wireguard private network; also the peer and mycelium parts that
 * network-light shares. */
#include "zos/zos_common.h"

static GT_SLICE_SCHEMA(ipnets_schema, "[]gridtypes.IPNet", gt_schema_ipnet);
static const gt_field peer_fields[] = {
    GT_F(gt_peer, subnet, "subnet", gt_schema_ipnet),
    GT_F(gt_peer, wireguard_public_key, "wireguard_public_key", gt_schema_string),
    GT_F(gt_peer, allowed_ips, "allowed_ips", ipnets_schema),
    GT_F(gt_peer, endpoint, "endpoint", gt_schema_string),
};
static GT_STRUCT_SCHEMA(peer_schema, gt_peer, "zos.Peer", peer_fields);
GT_SLICE_SCHEMA(gt_schema_peers, "[]zos.Peer", peer_schema);

static const gt_schema mycelium_peer_schema = {GT_KIND_STRING, sizeof(gt_str), "zos.MyceliumPeer", NULL, 0, NULL};
static GT_SLICE_SCHEMA(mycelium_peers_schema, "[]zos.MyceliumPeer", mycelium_peer_schema);
static const gt_field mycelium_fields[] = {
    GT_F(gt_mycelium, hex_key, "hex_key", gt_schema_hex),
    GT_F(gt_mycelium, peers, "peers", mycelium_peers_schema),
};
GT_STRUCT_SCHEMA(gt_schema_mycelium, gt_mycelium, "zos.Mycelium", mycelium_fields);
static GT_PTR_SCHEMA(mycelium_ptr_schema, "*zos.Mycelium", gt_schema_mycelium);

static const gt_field network_fields[] = {
    GT_F(gt_network, ip_range, "ip_range", gt_schema_ipnet),
    GT_F(gt_network, subnet, "subnet", gt_schema_ipnet),
    GT_F(gt_network, wireguard_private_key, "wireguard_private_key", gt_schema_string),
    GT_F(gt_network, wireguard_listen_port, "wireguard_listen_port", gt_schema_uint16),
    GT_F(gt_network, peers, "peers", gt_schema_peers),
    GT_F_OMIT(gt_network, mycelium, "mycelium", mycelium_ptr_schema),
};
static GT_STRUCT_SCHEMA(network_schema, gt_network, "zos.Network", network_fields);

void gt_zos_peers_challenge(gt_chal *c, const gt_peer *peers, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        const gt_peer *p = &peers[i];
        gt_chal_enter_index(c, "peers", i);
        gt_chal_gstr(c, "wireguard_public_key", p->wireguard_public_key);
        gt_chal_gstr(c, "endpoint", p->endpoint);
        gt_chal_ipnet(c, "subnet", &p->subnet);
        for (uint32_t k = 0; k < p->allowed_ips.len; k++) {
            gt_chal_enter_index(c, "allowed_ips", k);
            gt_chal_ipnet(c, NULL, &p->allowed_ips.items[k]);
            gt_chal_leave(c);
        }
        gt_chal_leave(c);
    }
}

void gt_zos_mycelium_challenge(gt_chal *c, const gt_mycelium *m)
{
    gt_chal_enter(c, "mycelium");
    gt_chal_hex(c, "hex_key", &m->hex_key);
    for (uint32_t i = 0; i < m->peers.len; i++) {
        gt_chal_enter_index(c, "peers", i);
        gt_chal_gstr(c, NULL, m->peers.items[i]);
        gt_chal_leave(c);
    }
    gt_chal_leave(c);
}

int gt_zos_mycelium_valid(const gt_mycelium *m, gt_error *err)
{
    if (m->hex_key.len != 32) {
        gt_error_set(err, GT_EINVALID, "invalid mycelium key length, expected 32");
        return gt_error_at(err, GT_NO_OFFSET, "mycelium.hex_key");
    }
    /* The reference does not support user-defined mycelium peers yet. */
    if (m->peers.len != 0) {
        gt_error_set(err, GT_EINVALID, "user defined peers list is not supported right now");
        return gt_error_at(err, GT_NO_OFFSET, "mycelium.peers");
    }
    return GT_OK;
}

static int network_challenge(const void *data, gt_chal *c)
{
    const gt_network *n = data;
    gt_chal_ipnet(c, "ip_range", &n->ip_range);
    gt_chal_ipnet(c, "subnet", &n->subnet);
    gt_chal_gstr(c, "wireguard_private_key", n->wireguard_private_key);
    gt_chal_u64(c, "wireguard_listen_port", n->wireguard_listen_port);
    gt_zos_peers_challenge(c, n->peers.items, n->peers.len);
    if (n->mycelium)
        gt_zos_mycelium_challenge(c, n->mycelium);
    return GT_OK;
}

static int peer_valid(const gt_peer *p, size_t i, gt_error *err)
{
    const char *msg = NULL, *field = NULL;
    if (gt_ipnet_is_nil(&p->subnet)) {
        msg = "peer wireguard subnet cannot empty";
        field = "subnet";
    } else if (p->allowed_ips.len == 0) {
        msg = "peer wireguard allowedIPs cannot empty";
        field = "allowed_ips";
    } else if (p->wireguard_public_key.len == 0) {
        msg = "peer wireguard public key cannot empty";
        field = "wireguard_public_key";
    }
    if (!msg)
        return GT_OK;
    gt_error_set(err, GT_EINVALID, "%s", msg);
    char path[64];
    snprintf(path, sizeof path, "peers[%zu].%s", i, field);
    return gt_error_at(err, GT_NO_OFFSET, path);
}

static int network_validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_network *n = data;
    gt_error *err = ctx->err;
    if (gt_ipnet_is_nil(&n->ip_range)) {
        gt_error_set(err, GT_EINVALID, "network IP range cannot be empty");
        return gt_error_at(err, GT_NO_OFFSET, "ip_range");
    }
    if (n->subnet.ip.len == 0) {
        gt_error_set(err, GT_EINVALID, "network resource subnet cannot empty");
        return gt_error_at(err, GT_NO_OFFSET, "subnet");
    }
    if (n->wireguard_private_key.len == 0) {
        gt_error_set(err, GT_EINVALID, "network resource wireguard private key cannot empty");
        return gt_error_at(err, GT_NO_OFFSET, "wireguard_private_key");
    }
    for (uint32_t i = 0; i < n->peers.len; i++) {
        int rc = peer_valid(&n->peers.items[i], i, err);
        if (rc != GT_OK)
            return rc;
    }
    if (n->mycelium)
        return gt_zos_mycelium_valid(n->mycelium, err);
    return GT_OK;
}

static int no_capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)data;
    (void)out;
    (void)err;
    return GT_OK;
}

const gt_workload_type gt_type_network = {GT_TYPE_NETWORK, true, "*zos.Network", &network_schema,
                                          network_challenge, network_validate, no_capacity, NULL, NULL};
