/* Verification with a key table, signing with a secret URI, and keys of secret URIs. */
#include "ffi/ffi_internal.h"

#include <string.h>

#include "ffi/ffi_keys.h"
#include "gridtypes/crypto.h"
#include "gridtypes/deployment.h"
#include "gridtypes/diagnose.h"
#include "gridtypes/signing.h"
#include "json/writer.h"

/* The gt_key_getter over a table: a twin it lacks fails as the reference's getter does. */
static int table_getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    const gt_ffi_key_entry *e = gt_fi_keys_find(ctx, twin);
    if (!e)
        return gt_error_set(err, GT_ENOTFOUND, "key not found");
    if (e->len > cap)
        return gt_error_set(err, GT_ELIMIT, "key too long");
    memcpy(key, e->key, e->len);
    *len = e->len;
    return GT_OK;
}

/* The stable names of gt_verify_reason in reports. */
static const char *reason_name(gt_verify_reason r)
{
    switch (r) {
    case GT_VERIFY_OK: return "ok";
    case GT_VERIFY_HASH: return "hash";
    case GT_VERIFY_MISSING_REQUIRED: return "missing_required";
    case GT_VERIFY_KEY_NOT_FOUND: return "key_not_found";
    case GT_VERIFY_BAD_HEX: return "bad_hex";
    case GT_VERIFY_BAD_SIGNATURE: return "bad_signature";
    case GT_VERIFY_KEY_PANIC: return "key_panic";
    case GT_VERIFY_NO_ORIGINATOR: return "no_originator";
    case GT_VERIFY_WEIGHT: return "weight";
    }
    return "unknown";
}

static void put_report(gt_buf *b, int rc, const gt_verify_report *r, const gt_error *e,
                       const gt_verify_explanation *why)
{
    gt_buf_putc(b, '{');
    gt_fi_json_key(b, "ok");
    gt_buf_puts(b, rc == GT_OK ? "true" : "false");
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "reason");
    gt_buf_putc(b, '"');
    gt_buf_puts(b, reason_name(r->reason));
    gt_buf_putc(b, '"');
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "twin");
    gt_buf_put_u64(b, r->twin);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "key_type");
    gt_buf_putc(b, '"');
    gt_buf_puts(b, gt_key_type_name(r->key_type));
    gt_buf_putc(b, '"');
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "weight_reached");
    gt_fi_json_u64_string(b, r->weight_reached);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "weight_required");
    gt_fi_json_u64_string(b, r->weight_required);
    gt_buf_putc(b, ',');
    gt_fi_json_key(b, "message");
    const char *msg = rc == GT_OK ? "" : e->message;
    gt_json_put_string(b, msg, strlen(msg));
    if (why) {
        gt_buf_putc(b, ',');
        gt_fi_put_explanation(b, why);
    }
    gt_buf_putc(b, '}');
}

int32_t gt_ffi_verify(const gt_deployment *d, const gt_ffi_keys *t, char **report_json, size_t *report_len,
                      gt_ffi_error *err)
{
    if (report_json) {
        *report_json = NULL;
        if (!report_len)
            return gt_fi_fail(err, GT_EARG, "gt_ffi_verify: report_json without report_len");
        *report_len = 0;
    }
    if (!d)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_verify: NULL deployment");
    gt_verify_report r;
    gt_error e;
    int rc = gt_deployment_verify(d, table_getter, (void *)(uintptr_t)t, &r, &e);
    if (rc == GT_EARG || rc == GT_ENOMEM || !report_json)
        return gt_fi_done(err, rc, &e);
    /* a bad signature gets the library's explanation of the signing mistake behind it */
    gt_verify_explanation why;
    gt_error xe;
    bool explained = rc != GT_OK && r.reason == GT_VERIFY_BAD_SIGNATURE &&
                     gt_verify_explain(d, table_getter, (void *)(uintptr_t)t, &r, &why, &xe) == GT_OK;
    gt_buf b;
    gt_buf_init(&b);
    put_report(&b, rc, &r, &e, explained ? &why : NULL);
    int32_t taken = gt_fi_take(&b, report_json, report_len, err);
    if (taken != GT_OK)
        return taken;
    return gt_fi_done(err, rc, &e);
}

int gt_fi_key_type(int32_t key_type)
{
    return key_type == GT_FFI_KEY_ED25519 ? GT_KEY_ED25519 : key_type == GT_FFI_KEY_SR25519 ? GT_KEY_SR25519 : -1;
}

int32_t gt_fi_keypair(const uint8_t *secret, size_t len, int32_t key_type, const char *fn, gt_keypair *kp,
                      gt_ffi_error *err)
{
    int type = gt_fi_key_type(key_type);
    if (type < 0)
        return gt_fi_fail(err, GT_EARG, "%s: unknown key type %d", fn, (int)key_type);
    gt_error e;
    if (gt_keypair_from_secret(secret ? (const char *)secret : "", len, (gt_key_type)type, kp, &e) != GT_OK)
        return gt_fi_copy(err, &e); /* the key pair is wiped on failure */
    return GT_OK;
}

int32_t gt_fi_set_style(gt_deployment *d, const char *style, gt_str *before, gt_ffi_error *err)
{
    gt_str *slot = &d->signature_requirement.signature_style;
    *before = *slot;
    if (!style)
        return GT_OK;
    gt_str s = gt_deployment_strdup(d, style, strlen(style));
    if (!s.ptr)
        return gt_fi_fail(err, GT_ENOMEM, "out of memory");
    *slot = s;
    return GT_OK;
}

int32_t gt_ffi_sign(gt_deployment *d, const uint8_t *secret, size_t len, int32_t key_type, uint32_t twin,
                    const char *style, gt_ffi_error *err)
{
    if (!d || (!secret && len))
        return gt_fi_fail(err, GT_EARG, "gt_ffi_sign: NULL argument");
    gt_keypair kp;
    int32_t rc = gt_fi_keypair(secret, len, key_type, "gt_ffi_sign", &kp, err);
    if (rc != GT_OK)
        return rc;
    gt_str before;
    if ((rc = gt_fi_set_style(d, style, &before, err)) != GT_OK) {
        gt_keypair_wipe(&kp);
        return rc;
    }
    gt_error e;
    rc = gt_deployment_sign(d, twin, &kp, &e);
    gt_keypair_wipe(&kp);
    if (rc != GT_OK)
        d->signature_requirement.signature_style = before; /* a failed signature leaves d as it was */
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_key(const uint8_t *secret, size_t len, int32_t key_type, uint8_t pub[32], char ss58[64],
                   gt_ffi_error *err)
{
    if ((!secret && len) || !pub)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_key: NULL argument");
    gt_keypair kp;
    int32_t rc = gt_fi_keypair(secret, len, key_type, "gt_ffi_key", &kp, err);
    if (rc != GT_OK)
        return rc;
    memcpy(pub, kp.public_key, GT_PUBLIC_KEY_BYTES);
    gt_keypair_wipe(&kp);
    if (ss58) {
        gt_error e;
        rc = gt_ss58_encode(pub, GT_PUBLIC_KEY_BYTES, GT_SS58_PREFIX_SUBSTRATE, ss58, 64, &e);
        if (rc != GT_OK)
            return gt_fi_copy(err, &e);
    }
    gt_fi_ok(err);
    return GT_OK;
}
