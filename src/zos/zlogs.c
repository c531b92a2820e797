/* zlogs: streams a zmachine's logs to a redis or websocket URL. */
#include "zos/zos_common.h"

#include <stdlib.h>

static const gt_field fields[] = {
    GT_F(gt_zlogs, zmachine, "zmachine", gt_schema_name),
    GT_F(gt_zlogs, output, "output", gt_schema_string),
};
static GT_STRUCT_SCHEMA(schema, gt_zlogs, "zos.ZLogs", fields);

static int challenge(const void *data, gt_chal *c)
{
    const gt_zlogs *z = data;
    gt_chal_gstr(c, "zmachine", z->zmachine);
    gt_chal_gstr(c, "output", z->output);
    return GT_OK;
}

static int validate(const void *data, gt_validate_ctx *ctx)
{
    const gt_zlogs *z = data;
    const gt_workload *wl;
    /* through the context's name index: a deployment of many zlogs stays linear */
    gt_error ge;
    int grc = gt_validate_get(ctx, z->zmachine.ptr, z->zmachine.len, &wl, &ge);
    if (grc == GT_ENOMEM)
        return gt_error_set(ctx->err, GT_ENOMEM, "out of memory");
    if (grc != GT_OK || !gt_str_is(wl->type, GT_TYPE_ZMACHINE)) {
        gt_error_set_quoting(ctx->err, GT_EINVALID, "no zmachine with name '%.*s' found", (int)z->zmachine.len,
                     z->zmachine.ptr);
        return gt_error_at(ctx->err, GT_NO_OFFSET, "zmachine");
    }
    char scratch[1024];
    char *buf = z->output.len + 2 <= sizeof scratch ? scratch : malloc(z->output.len + 2);
    if (!buf)
        return gt_error_set(ctx->err, GT_ENOMEM, "out of memory");
    gt_url u;
    gt_url_error ue;
    int rc = GT_OK;
    if (gt_url_parse(z->output.ptr, z->output.len, buf, z->output.len + 2, &u, &ue) != 0) {
        char why[GT_ERROR_MESSAGE_MAX];
        gt_gobuf b;
        gt_gobuf_init(&b, why, sizeof why);
        gt_url_error_format(&b, z->output.ptr, z->output.len, &ue);
        rc = gt_error_set(ctx->err, GT_EINVALID, "invalid url supplied in output: %s", why);
    } else if (!(u.scheme_len == 5 && memcmp(u.scheme, "redis", 5) == 0) &&
               !(u.scheme_len == 2 && memcmp(u.scheme, "ws", 2) == 0) &&
               !(u.scheme_len == 3 && memcmp(u.scheme, "wss", 3) == 0)) {
        rc = gt_error_set_quoting(ctx->err, GT_EINVALID, "invalid output schema '%.*s' not supported", (int)u.scheme_len,
                          u.scheme);
    }
    if (buf != scratch)
        free(buf);
    if (rc != GT_OK)
        gt_error_at(ctx->err, GT_NO_OFFSET, "output");
    return rc;
}

static int capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)data;
    (void)out;
    (void)err;
    return GT_OK;
}

const gt_workload_type gt_type_zlogs = {GT_TYPE_ZLOGS, false, "*zos.ZLogs", &schema, challenge, validate,
                                        capacity, NULL, NULL};
