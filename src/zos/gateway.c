/* gateway-name-proxy and gateway-fqdn-proxy: both embed the reference's GatewayBase
 * (tls_passthrough, backends, network), whose fields come first in JSON. */
#include "zos/zos_common.h"

#include <stdlib.h>

static const gt_schema backend_schema = {GT_KIND_STRING, sizeof(gt_str), "zos.Backend", NULL, 0, NULL};
static GT_SLICE_SCHEMA(backends_schema, "[]zos.Backend", backend_schema);
static GT_PTR_SCHEMA(network_schema, "*gridtypes.Name", gt_schema_name);

static const gt_field name_fields[] = {
    GT_F(gt_gateway_name_proxy, tls_passthrough, "tls_passthrough", gt_schema_bool),
    GT_F(gt_gateway_name_proxy, backends, "backends", backends_schema),
    GT_F_OMIT(gt_gateway_name_proxy, network, "network", network_schema),
    GT_F(gt_gateway_name_proxy, name, "name", gt_schema_string),
};
static GT_STRUCT_SCHEMA(name_schema, gt_gateway_name_proxy, "zos.GatewayNameProxy", name_fields);

static const gt_field fqdn_fields[] = {
    GT_F(gt_gateway_fqdn_proxy, tls_passthrough, "tls_passthrough", gt_schema_bool),
    GT_F(gt_gateway_fqdn_proxy, backends, "backends", backends_schema),
    GT_F_OMIT(gt_gateway_fqdn_proxy, network, "network", network_schema),
    GT_F(gt_gateway_fqdn_proxy, fqdn, "fqdn", gt_schema_string),
};
static GT_STRUCT_SCHEMA(fqdn_schema, gt_gateway_fqdn_proxy, "zos.GatewayFQDNProxy", fqdn_fields);

static const gt_field result_fields[] = {GT_F(gt_gateway_proxy_result, fqdn, "fqdn", gt_schema_string)};
static GT_STRUCT_SCHEMA(result_schema, gt_gateway_proxy_result, "zos.GatewayProxyResult", result_fields);

/* The three GatewayBase fields, laid out identically at the start of both structs. */
typedef struct gateway_base {
    bool tls_passthrough;
    GT_SLICE(gt_str) backends;
    gt_str *network;
} gateway_base;

static void base_challenge(const gateway_base *g, gt_chal *c)
{
    gt_chal_bool(c, "tls_passthrough", g->tls_passthrough);
    for (uint32_t i = 0; i < g->backends.len; i++) {
        gt_chal_enter_index(c, "backends", i);
        gt_chal_gstr(c, NULL, g->backends.items[i]);
        gt_chal_leave(c);
    }
    if (g->network)
        gt_chal_gstr(c, "network", *g->network);
}

/* Backend.Valid: with TLS passthrough an ip:port, otherwise an http:// URL whose host is
 * an IP address that is not a loopback one. Writes the reason into b. Returns 1 when
 * valid, 0 when not, -1 when out of memory (reported as GT_ENOMEM, not as a verdict). */
static int backend_valid(gt_str be, bool tls, gt_gobuf *b)
{
    if (tls) {
        gt_ipport_err e;
        if (gt_as_ip_port(be.ptr, be.len, NULL, NULL, &e) != 0) {
            gt_gobuf_puts(b, "failed to parse backend ");
            gt_gobuf_put(b, be.ptr, be.len);
            gt_gobuf_puts(b, " with error: ");
            gt_as_ip_port_error(b, be.ptr, be.len, &e);
            return false;
        }
        return true;
    }
    char scratch[1024];
    char *buf = be.len + 2 <= sizeof scratch ? scratch : malloc(be.len + 2);
    if (!buf)
        return -1;
    gt_url u;
    gt_url_error ue;
    bool ok = true;
    if (gt_url_parse(be.ptr, be.len, buf, be.len + 2, &u, &ue) != 0) {
        gt_gobuf_puts(b, "failed to parse backend with error: ");
        gt_url_error_format(b, be.ptr, be.len, &ue);
        ok = false;
    } else if (u.scheme_len != 4 || memcmp(u.scheme, "http", 4) != 0) {
        gt_gobuf_puts(b, "scheme expected to be http");
        ok = false;
    } else {
        gt_ip ip;
        if (!gt_ip_parse(u.hostname, u.hostname_len, &ip) || gt_ip_is_loopback(&ip)) {
            gt_gobuf_puts(b, "invalid ip address in backend: ");
            gt_gobuf_put(b, u.hostname, u.hostname_len);
            ok = false;
        }
    }
    if (buf != scratch)
        free(buf);
    return ok;
}

static int base_valid(const gateway_base *g, gt_error *err)
{
    if (g->backends.len == 0) {
        gt_error_set(err, GT_EINVALID, "backends list can not be empty");
        return gt_error_at(err, GT_NO_OFFSET, "backends");
    }
    for (uint32_t i = 0; i < g->backends.len; i++) {
        gt_str be = g->backends.items[i];
        char why[GT_ERROR_MESSAGE_MAX];
        gt_gobuf b;
        gt_gobuf_init(&b, why, sizeof why);
        int ok = backend_valid(be, g->tls_passthrough, &b);
        if (ok < 0)
            return gt_error_set(err, GT_ENOMEM, "out of memory");
        if (!ok) {
            gt_error_set_quoting(err, GT_EINVALID, "failed to validate backend '%.*s': %s",
                         (int)(be.len > 200 ? 200 : be.len), be.ptr, why);
            char path[48];
            snprintf(path, sizeof path, "backends[%u]", i);
            return gt_error_at(err, GT_NO_OFFSET, path);
        }
    }
    return GT_OK;
}

static int name_challenge(const void *data, gt_chal *c)
{
    const gt_gateway_name_proxy *g = data;
    gt_chal_gstr(c, "name", g->name);
    base_challenge((const gateway_base *)data, c);
    return GT_OK;
}

static int fqdn_challenge(const void *data, gt_chal *c)
{
    const gt_gateway_fqdn_proxy *g = data;
    gt_chal_gstr(c, "fqdn", g->fqdn);
    base_challenge((const gateway_base *)data, c);
    return GT_OK;
}

static int name_validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_gateway_name_proxy *g = data;
    if (!gt_match_gw_name(g->name.ptr, g->name.len)) {
        gt_error_set_quoting(ctx->err, GT_EINVALID, "name %.*s is invalid", (int)g->name.len, g->name.ptr);
        return gt_error_at(ctx->err, GT_NO_OFFSET, "name");
    }
    return base_valid((const gateway_base *)data, ctx->err);
}

static int fqdn_validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_gateway_fqdn_proxy *g = data;
    if (!gt_match_fqdn(g->fqdn.ptr, g->fqdn.len)) {
        gt_error_set_quoting(ctx->err, GT_EINVALID, "fqdn %.*s is invalid", (int)g->fqdn.len, g->fqdn.ptr);
        return gt_error_at(ctx->err, GT_NO_OFFSET, "fqdn");
    }
    return base_valid((const gateway_base *)data, ctx->err);
}

static int no_capacity(const void *data, gt_capacity *out, gt_error *err)
{
    /* billed per byte served, by the node's reporting, not as capacity */
    (void)data;
    (void)out;
    (void)err;
    return GT_OK;
}

const gt_workload_type gt_type_gateway_name = {GT_TYPE_GATEWAY_NAME, false, "*zos.GatewayNameProxy",
                                               &name_schema, name_challenge, name_validate, no_capacity,
                                               &result_schema, NULL};
const gt_workload_type gt_type_gateway_fqdn = {GT_TYPE_GATEWAY_FQDN, false, "*zos.GatewayFQDNProxy",
                                               &fqdn_schema, fqdn_challenge, fqdn_validate, no_capacity, NULL, NULL};
