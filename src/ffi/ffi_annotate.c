/* The challenge fragment by fragment as JSON: what `gridtypes hash --annotate` shows,
 * for bindings. */
#include "ffi/ffi_internal.h"

#include <string.h>

#include "gridtypes/deployment.h"
#include "json/writer.h"

typedef struct {
    gt_buf out;
    uint64_t offset; /* of the next fragment in the challenge */
    bool first;
} annotation;

static void put_fragment(void *ctx, const char *path, const uint8_t *bytes, size_t len)
{
    annotation *a = ctx;
    gt_buf *b = &a->out;
    if (!a->first)
        gt_buf_putc(b, ',');
    a->first = false;
    gt_buf_putc(b, '{');
    gt_fi_json_key(b, "path");
    gt_json_put_string(b, path, strlen(path));
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "offset");
    gt_buf_put_u64(b, a->offset);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "text");
    gt_json_put_string(b, (const char *)bytes, len);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "hex");
    gt_fi_json_hex(b, bytes, len);
    gt_buf_putc(b, '}');
    a->offset += len;
}

int32_t gt_ffi_annotate(const gt_deployment *d, char **json, size_t *len, gt_ffi_error *err)
{
    if (!json || !len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_annotate: NULL argument");
    *json = NULL;
    *len = 0;
    if (!d)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_annotate: NULL deployment");
    annotation a = {.offset = 0, .first = true};
    gt_buf_init(&a.out);
    gt_buf_putc(&a.out, '[');
    gt_error e;
    int rc = gt_deployment_challenge_map(d, put_fragment, &a, &e);
    if (rc != GT_OK) {
        gt_buf_free(&a.out);
        return gt_fi_copy(err, &e);
    }
    gt_buf_putc(&a.out, ']');
    return gt_fi_take(&a.out, json, len, err);
}
