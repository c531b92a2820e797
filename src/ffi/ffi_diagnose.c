/* Diagnosis for bindings, with the JSON shapes ffi.h documents: another client's challenge
 * compared with ours, the divergence catalogue and the hash search, the explanation of a
 * bad signature (for gt_ffi_verify's report), and JSON paths turned into positions. */
#include "ffi/ffi_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/gonet.h"
#include "gridtypes/diagnose.h"
#include "gridtypes/locate.h"
#include "json/writer.h"

static void put_str(gt_buf *b, const char *key, const void *s, size_t n)
{
    gt_fi_json_key(b, key);
    gt_json_put_string(b, s, n);
}

static void put_cstr(gt_buf *b, const char *key, const char *s)
{
    put_str(b, key, s, strlen(s));
}

static void put_num(gt_buf *b, const char *key, uint64_t v)
{
    gt_fi_json_key(b, key);
    gt_buf_put_u64(b, v);
}

static void put_hex(gt_buf *b, const char *key, const uint8_t *p, size_t n)
{
    gt_fi_json_key(b, key);
    gt_fi_json_hex(b, p, n);
}

static void put_difference(gt_buf *b, const gt_comparison *c, const gt_challenge_difference *d)
{
    gt_buf_putc(b, '{');
    put_num(b, "ours_offset", d->ours_offset);
    gt_buf_putc(b, ',');
    put_num(b, "theirs_offset", d->theirs_offset);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "path");
    size_t flen = 0;
    if (d->fragment < c->ours.nfrags) {
        const gt_challenge_fragment *f = &c->ours.frags[d->fragment];
        gt_json_put_string(b, f->path, strlen(f->path));
        gt_buf_putc(b, ',');
        put_num(b, "fragment_offset", f->start);
        gt_buf_putc(b, ',');
        put_str(b, "fragment", c->ours.bytes + f->start, f->len);
        flen = f->len;
    } else {
        gt_buf_puts(b, "null,\"fragment_offset\":null,\"fragment\":null");
    }
    gt_buf_putc(b, ',');
    put_num(b, "fragment_length", flen);
    gt_buf_putc(b, ',');
    put_num(b, "ours_length", d->ours_len);
    gt_buf_putc(b, ',');
    put_num(b, "theirs_length", d->theirs_len);
    gt_buf_putc(b, ',');
    put_str(b, "ours_text", c->ours.bytes + d->ours_offset, d->ours_len);
    gt_buf_putc(b, ',');
    put_str(b, "theirs_text", c->theirs + d->theirs_offset, d->theirs_len);
    gt_buf_putc(b, ',');
    put_hex(b, "ours_hex", c->ours.bytes + d->ours_offset, d->ours_len);
    gt_buf_putc(b, ',');
    put_hex(b, "theirs_hex", c->theirs + d->theirs_offset, d->theirs_len);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "causes");
    gt_buf_putc(b, '[');
    for (size_t i = 0; i < d->ncauses; i++) {
        if (i)
            gt_buf_putc(b, ',');
        gt_buf_putc(b, '{');
        put_cstr(b, "code", d->causes[i].code);
        gt_buf_putc(b, ',');
        put_cstr(b, "text", d->causes[i].text);
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
    if (flags & ~(uint32_t)(GT_FFI_COMPARE_HEX | GT_FFI_COMPARE_ALL))
        return gt_fi_fail(err, GT_EARG, "gt_ffi_compare: unknown flags 0x%x", (unsigned)flags);
    gt_comparison *c = NULL;
    gt_error e;
    unsigned lib_flags = (flags & GT_FFI_COMPARE_HEX ? GT_COMPARE_HEX : 0) | (flags & GT_FFI_COMPARE_ALL ? GT_COMPARE_ALL : 0);
    int rc = gt_challenge_compare(d, theirs, len, lib_flags, &c, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_puts(&b, c->equal ? "{\"equal\":true," : "{\"equal\":false,");
    put_num(&b, "ours_length", c->ours.len);
    gt_buf_putc(&b, ',');
    put_num(&b, "theirs_length", c->theirs_len);
    gt_buf_putc(&b, ',');
    put_cstr(&b, "theirs_kind", gt_theirs_kind_name(c->theirs_kind));
    gt_buf_putc(&b, ',');
    put_cstr(&b, "ours_hash", c->ours_hash);
    gt_buf_putc(&b, ',');
    put_cstr(&b, "theirs_hash", c->theirs_hash);
    gt_buf_putc(&b, ',');
    gt_fi_json_key(&b, "truncated");
    gt_buf_puts(&b, c->truncated ? "true," : "false,");
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

/* ---- the divergence catalogue and the hash search ---- */

static void put_divergence(gt_buf *b, const gt_divergence *dv)
{
    gt_buf_putc(b, '{');
    put_cstr(b, "name", dv->name);
    gt_buf_putc(b, ',');
    put_cstr(b, "kind", gt_divergence_kind_name(dv->kind));
    gt_buf_putc(b, ',');
    put_cstr(b, "rule", dv->rule);
    gt_buf_putc(b, ',');
    put_cstr(b, "versions", dv->versions);
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
    put_cstr(&b, "ours", r->ours);
    gt_buf_putc(&b, ',');
    put_cstr(&b, "theirs", r->theirs);
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
    put_cstr(b, "code", x->code);
    gt_buf_putc(b, ',');
    put_cstr(b, "text", x->text);
    gt_buf_putc(b, ',');
    put_cstr(b, "checked_hash", x->checked_hash);
    gt_buf_putc(b, ',');
    put_cstr(b, "expected_message", gt_message_form_name(x->expected_form));
    gt_buf_putc(b, ',');
    put_num(b, "tried", x->tried);
    if (x->finding >= GT_FINDING_OTHER_FORM) {
        gt_buf_putc(b, ',');
        put_cstr(b, "message", gt_message_form_name(x->form));
        gt_buf_putc(b, ',');
        put_cstr(b, "key_type", gt_key_type_name(x->key_type));
        gt_buf_putc(b, ',');
        put_num(b, "key_twin", x->key_twin);
        gt_buf_putc(b, ',');
        put_cstr(b, "signed_hash", x->signed_hash);
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

/* ---- lint ---- */

int32_t gt_ffi_lint(const gt_deployment *d, char **json, size_t *json_len, gt_ffi_error *err)
{
    if (!json || !json_len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_lint: NULL argument");
    *json = NULL;
    *json_len = 0;
    gt_lint_result *r;
    gt_error e;
    int rc = gt_lint(d, &r, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    gt_buf b;
    gt_buf_init(&b);
    gt_buf_puts(&b, "{\"findings\":[");
    for (size_t i = 0; i < r->n; i++) {
        const gt_lint_finding *f = &r->findings[i];
        if (i)
            gt_buf_putc(&b, ',');
        gt_buf_putc(&b, '{');
        put_cstr(&b, "code", f->code);
        gt_buf_putc(&b, ',');
        put_cstr(&b, "path", f->path);
        gt_buf_putc(&b, ',');
        gt_fi_json_key(&b, "offset");
        if (f->offset == GT_NO_OFFSET)
            gt_buf_puts(&b, "null");
        else
            gt_buf_put_u64(&b, f->offset);
        gt_buf_putc(&b, ',');
        put_cstr(&b, "message", f->message);
        gt_buf_putc(&b, ',');
        put_cstr(&b, "fix", f->fix);
        gt_buf_putc(&b, '}');
    }
    gt_buf_puts(&b, "],");
    put_num(&b, "more", r->more);
    gt_buf_putc(&b, '}');
    gt_lint_result_free(r);
    return gt_fi_take(&b, json, json_len, err);
}

/* ---- the canonical encoding (gridtypes fmt --canonical) ---- */

int32_t gt_ffi_encode_canonical(const gt_deployment *d, uint8_t **out, size_t *len, gt_ffi_error *err)
{
    if (!out || !len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_encode_canonical: NULL argument");
    *out = NULL;
    *len = 0;
    char *json;
    gt_error e;
    int rc = gt_deployment_encode_canonical(d, &json, len, &e);
    if (rc != GT_OK)
        return gt_fi_copy(err, &e);
    *out = (uint8_t *)json;
    gt_fi_ok(err);
    return GT_OK;
}
