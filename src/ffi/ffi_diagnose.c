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

/* ---- the divergence catalogue and the hash search ---- */

static const char *divergence_kind(gt_divergence_kind k)
{
    return k == GT_DIVERGENCE_CLIENT ? "client" : k == GT_DIVERGENCE_NODE_RULES ? "node-rules" : "slip";
}

static void put_divergence(gt_buf *b, const gt_divergence *dv)
{
    gt_buf_putc(b, '{');
    put_str(b, "name", dv->name, strlen(dv->name));
    gt_buf_putc(b, ',');
    put_str(b, "kind", divergence_kind(dv->kind), strlen(divergence_kind(dv->kind)));
    gt_buf_putc(b, ',');
    put_str(b, "rule", dv->rule, strlen(dv->rule));
    gt_buf_putc(b, ',');
    put_str(b, "versions", dv->versions, strlen(dv->versions));
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "per_field");
    gt_buf_puts(b, dv->per_field ? "true" : "false");
    gt_buf_putc(b, '}');
}

int32_t gt_ffi_divergences(char **json, size_t *len, gt_ffi_error *err)
{
    if (!json || !len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_divergences: NULL argument");
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_putc(&b, '[');
    for (size_t i = 0; i < gt_divergence_count(); i++) {
        if (i)
            gt_buf_putc(&b, ',');
        put_divergence(&b, gt_divergence_get(i));
    }
    gt_buf_putc(&b, ']');
    return gt_fi_take(&b, json, len, err);
}

static void put_match(gt_buf *b, const gt_divergence_match *m)
{
    gt_buf_putc(b, '{');
    gt_fi_json_key(b, "divergences");
    gt_buf_putc(b, '[');
    for (size_t k = 0; k < m->nentries; k++) {
        if (k)
            gt_buf_putc(b, ',');
        put_divergence(b, gt_divergence_get(m->entries[k]));
    }
    gt_buf_puts(b, "],");
    gt_fi_json_key(b, "field");
    if (m->field[0])
        gt_json_put_string(b, m->field, strlen(m->field));
    else
        gt_buf_puts(b, "null");
    gt_buf_putc(b, '}');
}

int32_t gt_ffi_expect(const gt_deployment *d, const char *hash, size_t hash_len, char **json, size_t *json_len,
                      gt_ffi_error *err)
{
    if (!json || !json_len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_expect: NULL argument");
    *json = NULL;
    *json_len = 0;
    gt_divergence_result *r;
    gt_error e;
    int rc = gt_divergence_search(d, hash, hash_len, &r, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_putc(&b, '{');
    gt_fi_json_key(&b, "equal");
    gt_buf_puts(&b, r->equal ? "true" : "false");
    gt_buf_putc(&b, ',');
    put_str(&b, "ours", r->ours, strlen(r->ours));
    gt_buf_putc(&b, ',');
    put_str(&b, "theirs", r->theirs, strlen(r->theirs));
    gt_buf_putc(&b, ',');
    put_num(&b, "applicable", r->applicable);
    gt_buf_putc(&b, ',');
    put_num(&b, "tried", r->tried);
    gt_buf_putc(&b, ',');
    gt_fi_json_key(&b, "matches");
    gt_buf_putc(&b, '[');
    for (size_t i = 0; i < r->nmatches; i++) {
        if (i)
            gt_buf_putc(&b, ',');
        put_match(&b, &r->matches[i]);
    }
    gt_buf_puts(&b, "]}");
    gt_divergence_result_free(r);
    return gt_fi_take(&b, json, json_len, err);
}

/* ---- the verify explanation, inside gt_ffi_verify's report ---- */

void gt_fi_put_explanation(gt_buf *b, const gt_verify_explanation *x)
{
    gt_fi_json_key(b, "explanation");
    gt_buf_putc(b, '{');
    put_str(b, "code", x->code, strlen(x->code));
    gt_buf_putc(b, ',');
    put_str(b, "text", x->text, strlen(x->text));
    gt_buf_putc(b, ',');
    put_str(b, "checked_hash", x->checked_hash, strlen(x->checked_hash));
    gt_buf_putc(b, ',');
    const char *ef = gt_message_form_name(x->expected_form), *f = gt_message_form_name(x->form);
    put_str(b, "expected_message", ef, strlen(ef));
    gt_buf_putc(b, ',');
    put_num(b, "tried", x->tried);
    if (x->finding >= GT_FINDING_OTHER_FORM) {
        gt_buf_putc(b, ',');
        put_str(b, "message", f, strlen(f));
        gt_buf_putc(b, ',');
        put_str(b, "key_type", gt_key_type_name(x->key_type), strlen(gt_key_type_name(x->key_type)));
        gt_buf_putc(b, ',');
        put_num(b, "key_twin", x->key_twin);
        gt_buf_putc(b, ',');
        put_str(b, "signed_hash", x->signed_hash, strlen(x->signed_hash));
        gt_buf_putc(b, ',');
        gt_fi_json_key(b, "divergences");
        gt_buf_putc(b, '[');
        for (size_t k = 0; k < x->divergence.nentries; k++) {
            const char *name = gt_divergence_get(x->divergence.entries[k])->name;
            if (k)
                gt_buf_putc(b, ',');
            gt_json_put_string(b, name, strlen(name));
        }
        gt_buf_puts(b, "],");
        gt_fi_json_key(b, "field");
        if (x->divergence.field[0])
            gt_json_put_string(b, x->divergence.field, strlen(x->divergence.field));
        else
            gt_buf_puts(b, "null");
    }
    gt_buf_putc(b, '}');
}
