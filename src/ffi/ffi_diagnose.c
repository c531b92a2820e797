/* Diagnosis for bindings: another client's challenge compared with ours, and JSON paths
 * turned into positions in a document, with the JSON shapes ffi.h documents. */
#include "ffi/ffi_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gridtypes/diagnose.h"
#include "gridtypes/locate.h"
#include "json/writer.h"

static void put_bytes_field(gt_buf *b, const char *key, const uint8_t *p, size_t n)
{
    gt_fi_json_key(b, key);
    gt_json_put_string(b, (const char *)p, n);
}

static void put_difference(gt_buf *b, const gt_comparison *c, const gt_challenge_difference *d)
{
    gt_buf_putc(b, '{');
    gt_fi_json_key(b, "ours_offset");
    gt_buf_put_u64(b, d->ours_offset);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "theirs_offset");
    gt_buf_put_u64(b, d->theirs_offset);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "path");
    if (d->fragment < c->ours.nfrags) {
        const gt_challenge_fragment *f = &c->ours.frags[d->fragment];
        gt_json_put_string(b, f->path, strlen(f->path));
        gt_buf_putc(b, ',');
        gt_fi_json_key(b, "fragment_offset");
        gt_buf_put_u64(b, f->start);
        gt_buf_putc(b, ',');
        put_bytes_field(b, "fragment", c->ours.bytes + f->start, f->len);
    } else {
        gt_buf_puts(b, "null,\"fragment_offset\":null,\"fragment\":null");
    }
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "causes");
    gt_buf_putc(b, '[');
    for (size_t i = 0; i < d->ncauses; i++) {
        if (i)
            gt_buf_putc(b, ',');
        gt_buf_putc(b, '{');
        gt_fi_json_key(b, "code");
        gt_json_put_string(b, d->causes[i].code, strlen(d->causes[i].code));
        gt_buf_putc(b, ',');
        gt_fi_json_key(b, "text");
        gt_json_put_string(b, d->causes[i].text, strlen(d->causes[i].text));
        gt_buf_putc(b, '}');
    }
    gt_buf_puts(b, "]}");
}

int32_t gt_ffi_compare(const gt_deployment *d, const uint8_t *theirs, size_t len, uint32_t flags, char **json,
                       size_t *json_len, gt_ffi_error *err)
{
    if (!json || !json_len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_compare: NULL argument");
    *json = NULL;
    *json_len = 0;
    if (flags & ~(uint32_t)GT_FFI_COMPARE_HEX)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_compare: unknown flags 0x%x", (unsigned)flags);
    gt_comparison *c = NULL;
    gt_error e;
    int rc = gt_challenge_compare(d, theirs, len, flags & GT_FFI_COMPARE_HEX ? GT_COMPARE_HEX : 0, &c, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_puts(&b, c->equal ? "{\"equal\":true," : "{\"equal\":false,");
    gt_fi_json_key(&b, "ours_length");
    gt_buf_put_u64(&b, c->ours.len);
    gt_buf_putc(&b, ',');
    gt_fi_json_key(&b, "theirs_length");
    gt_buf_put_u64(&b, c->theirs_len);
    gt_buf_putc(&b, ',');
    gt_fi_json_key(&b, "differences");
    gt_buf_putc(&b, '[');
    for (size_t i = 0; i < c->ndiffs; i++) {
        if (i)
            gt_buf_putc(&b, ',');
        put_difference(&b, c, &c->diffs[i]);
    }
    gt_buf_puts(&b, "]}");
    gt_comparison_free(c);
    return gt_fi_take(&b, json, json_len, err);
}

/* A locator over its own copy of the document: bindings hand in bytes that live only for
 * the call. */
struct gt_ffi_locator {
    gt_locator *loc;
    char *doc;
};

int32_t gt_ffi_locator_new(const uint8_t *json, size_t len, gt_ffi_locator **out, gt_ffi_error *err)
{
    if (out)
        *out = NULL;
    if (!out || (!json && len))
        return gt_fi_fail(err, GT_EARG, "gt_ffi_locator_new: NULL argument");
    gt_ffi_locator *l = calloc(1, sizeof *l);
    if (!l || !(l->doc = malloc(len ? len : 1))) {
        free(l);
        return gt_fi_fail(err, GT_ENOMEM, "out of memory");
    }
    if (len)
        memcpy(l->doc, json, len);
    gt_error e;
    int rc = gt_locator_new(l->doc, len, &l->loc, &e);
    if (rc != GT_OK) {
        free(l->doc);
        free(l);
        return gt_fi_copy(err, &e);
    }
    *out = l;
    gt_fi_ok(err);
    return GT_OK;
}

void gt_ffi_locator_free(gt_ffi_locator *l)
{
    if (!l)
        return;
    gt_locator_free(l->loc);
    free(l->doc);
    free(l);
}

static int32_t put_position(gt_ffi_locator *l, size_t offset, uint64_t out[4], gt_ffi_error *err)
{
    gt_position pos;
    gt_error e;
    int rc = gt_locator_position(l->loc, offset, &pos, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    out[0] = pos.offset;
    out[1] = pos.line;
    out[2] = pos.column;
    return GT_OK;
}

int32_t gt_ffi_locator_path(gt_ffi_locator *l, const char *path, size_t len, uint64_t out[4], gt_ffi_error *err)
{
    if (!l || !out || (!path && len))
        return gt_fi_fail(err, GT_EARG, "gt_ffi_locator_path: NULL argument");
    memset(out, 0, 4 * sizeof *out);
    char *p = malloc(len + 1); /* the locator reads a NUL-terminated path */
    if (!p)
        return gt_fi_fail(err, GT_ENOMEM, "out of memory");
    if (len)
        memcpy(p, path, len);
    p[len] = '\0';
    size_t offset = GT_NO_OFFSET, matched = 0;
    gt_error e;
    int rc = gt_locator_path(l->loc, p, &offset, &matched, &e);
    free(p);
    if (rc != GT_OK && rc != GT_ENOTFOUND)
        return gt_fi_copy(err, &e);
    if (offset == GT_NO_OFFSET)
        return gt_fi_fail(err, GT_ENOTFOUND, "the document holds no value");
    out[3] = matched;
    int32_t prc = put_position(l, offset, out, err);
    if (prc != GT_OK)
        return prc;
    if (rc == GT_ENOTFOUND)
        return gt_fi_fail(err, GT_ENOTFOUND, "only the first %zu bytes of the path exist in the document",
                          matched);
    gt_fi_ok(err);
    return GT_OK;
}

int32_t gt_ffi_locator_position(gt_ffi_locator *l, uint64_t offset, uint64_t out[4], gt_ffi_error *err)
{
    if (!l || !out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_locator_position: NULL argument");
    memset(out, 0, 4 * sizeof *out);
    if (offset > SIZE_MAX)
        return gt_fi_fail(err, GT_EARG, "offset %llu is out of range", (unsigned long long)offset);
    int32_t rc = put_position(l, (size_t)offset, out, err);
    if (rc == GT_OK)
        gt_fi_ok(err);
    return rc;
}
