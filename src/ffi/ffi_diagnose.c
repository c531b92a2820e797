/* The diagnosis engines (gridtypes/diagnose.h) for bindings: their results as JSON. */
#include "ffi/ffi_internal.h"

#include <string.h>

#include "core/gonet.h"
#include "gridtypes/diagnose.h"
#include "json/writer.h"

static void put_str(gt_buf *b, const char *key, const char *s, size_t n)
{
    gt_fi_json_key(b, key);
    gt_json_put_string(b, s, n);
}

static void put_num(gt_buf *b, const char *key, uint64_t v)
{
    gt_fi_json_key(b, key);
    gt_buf_put_u64(b, v);
}

static void put_hex(gt_buf *b, const char *key, const uint8_t *p, size_t n)
{
    gt_fi_json_key(b, key);
    gt_buf_putc(b, '"');
    if (n && gt_buf_reserve(b, 2 * n + 1)) {
        gt_hex_encode(p, n, b->data + b->len); /* writes a NUL after the digits */
        b->len += 2 * n;
    }
    gt_buf_putc(b, '"');
}

static const char *kind_name(gt_theirs_kind k)
{
    return k == GT_THEIRS_HASH ? "hash" : k == GT_THEIRS_DEPLOYMENT ? "deployment" : "challenge";
}

static void put_difference(gt_buf *b, const gt_comparison *c, const gt_challenge_difference *df)
{
    const gt_challenge_map *m = &c->ours;
    const gt_challenge_fragment *f = df->fragment != SIZE_MAX ? &m->frags[df->fragment] : NULL;
    gt_buf_putc(b, '{');
    put_num(b, "ours_offset", df->ours_offset);
    gt_buf_putc(b, ',');
    put_num(b, "ours_length", df->ours_len);
    gt_buf_putc(b, ',');
    put_num(b, "theirs_offset", df->theirs_offset);
    gt_buf_putc(b, ',');
    put_num(b, "theirs_length", df->theirs_len);
    gt_buf_putc(b, ',');
    put_str(b, "ours_text", (const char *)m->bytes + df->ours_offset, df->ours_len);
    gt_buf_putc(b, ',');
    put_str(b, "theirs_text", (const char *)c->theirs + df->theirs_offset, df->theirs_len);
    gt_buf_putc(b, ',');
    put_hex(b, "ours_hex", m->bytes + df->ours_offset, df->ours_len);
    gt_buf_putc(b, ',');
    put_hex(b, "theirs_hex", c->theirs + df->theirs_offset, df->theirs_len);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "path");
    if (f)
        gt_json_put_string(b, f->path, strlen(f->path));
    else
        gt_buf_puts(b, "null");
    gt_buf_putc(b, ',');
    put_num(b, "fragment_offset", f ? f->start : 0);
    gt_buf_putc(b, ',');
    put_num(b, "fragment_length", f ? f->len : 0);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "causes");
    gt_buf_putc(b, '[');
    for (size_t i = 0; i < df->ncauses; i++) {
        if (i)
            gt_buf_putc(b, ',');
        gt_buf_putc(b, '{');
        put_str(b, "code", df->causes[i].code, strlen(df->causes[i].code));
        gt_buf_putc(b, ',');
        put_str(b, "text", df->causes[i].text, strlen(df->causes[i].text));
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
    gt_comparison *c;
    gt_error e;
    int rc = gt_challenge_compare(d, theirs, len, flags, &c, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_putc(&b, '{');
    gt_fi_json_key(&b, "equal");
    gt_buf_puts(&b, c->equal ? "true" : "false");
    gt_buf_putc(&b, ',');
    put_str(&b, "theirs_kind", kind_name(c->theirs_kind), strlen(kind_name(c->theirs_kind)));
    gt_buf_putc(&b, ',');
    put_str(&b, "ours_hash", c->ours_hash, strlen(c->ours_hash));
    gt_buf_putc(&b, ',');
    put_str(&b, "theirs_hash", c->theirs_hash, strlen(c->theirs_hash));
    gt_buf_putc(&b, ',');
    put_num(&b, "ours_length", c->ours.len);
    gt_buf_putc(&b, ',');
    put_num(&b, "theirs_length", c->theirs_len);
    gt_buf_putc(&b, ',');
    gt_fi_json_key(&b, "truncated");
    gt_buf_puts(&b, c->truncated ? "true" : "false");
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
