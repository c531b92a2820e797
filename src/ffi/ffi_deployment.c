/* Deployments through the FFI: parse, hash, challenge, validation, encoding. */
#include "ffi/ffi_internal.h"

#include <stdint.h>

#include "gridtypes/deployment.h"

int32_t gt_ffi_parse(const uint8_t *json, size_t len, uint64_t max_input, gt_deployment **out,
                     gt_ffi_error *err)
{
    return gt_ffi_parse_ex(json, len, max_input, 0, out, err);
}

int32_t gt_ffi_parse_ex(const uint8_t *json, size_t len, uint64_t max_input, uint64_t max_memory,
                        gt_deployment **out, gt_ffi_error *err)
{
    if (!out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_parse: NULL out");
    *out = NULL;
    if (!json && len)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_parse: NULL input of %zu bytes", len);
    /* limits beyond size_t (wasm32) are beyond what the heap can hold too */
    gt_parse_options opts = {.max_input = max_input > SIZE_MAX ? SIZE_MAX : (size_t)max_input,
                             .max_memory = max_memory > SIZE_MAX ? SIZE_MAX : (size_t)max_memory};
    gt_error e;
    int rc = gt_deployment_parse_ex(json ? (const void *)json : "", len, &opts, out, &e);
    return gt_fi_done(err, rc, &e);
}

void gt_ffi_deployment_free(gt_deployment *d)
{
    gt_deployment_free(d);
}

int32_t gt_ffi_hash(const gt_deployment *d, uint8_t out[16], gt_ffi_error *err)
{
    if (!d || !out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_hash: NULL argument");
    gt_error e;
    int rc = gt_deployment_challenge_hash(d, out, &e);
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_hash_hex(const gt_deployment *d, char out[33], gt_ffi_error *err)
{
    if (!d || !out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_hash_hex: NULL argument");
    gt_error e;
    int rc = gt_deployment_challenge_hash_hex(d, out, &e);
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_hash_json(const uint8_t *json, size_t len, uint64_t max_input, char out[33], gt_ffi_error *err)
{
    if (!out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_hash_json: NULL out");
    gt_deployment *d;
    int32_t rc = gt_ffi_parse(json, len, max_input, &d, err);
    if (rc != GT_OK)
        return rc;
    rc = gt_ffi_hash_hex(d, out, err);
    gt_deployment_free(d);
    return rc;
}

/* A function of d that makes a malloc'd text (the challenge, the encoding). */
typedef int (*text_of)(const gt_deployment *d, char **out, size_t *len, gt_error *err);

/* Hands the text `make` makes over as *out, *len (NULL, 0 on failure); fn names the FFI
 * function in argument errors. */
static int32_t hand_over(const char *fn, text_of make, const gt_deployment *d, uint8_t **out, size_t *len,
                         gt_ffi_error *err)
{
    if (!out || !len)
        return gt_fi_fail(err, GT_EARG, "%s: NULL argument", fn);
    *out = NULL;
    *len = 0;
    if (!d)
        return gt_fi_fail(err, GT_EARG, "%s: NULL deployment", fn);
    gt_error e;
    char *text = NULL;
    int rc = make(d, &text, len, &e);
    if (rc == GT_OK)
        *out = (uint8_t *)text;
    else
        *len = 0;
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_challenge(const gt_deployment *d, uint8_t **out, size_t *len, gt_ffi_error *err)
{
    return hand_over("gt_ffi_challenge", gt_deployment_challenge, d, out, len, err);
}

int32_t gt_ffi_valid(const gt_deployment *d, gt_ffi_error *err)
{
    if (!d)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_valid: NULL deployment");
    gt_error e;
    int rc = gt_deployment_valid(d, &e);
    return gt_fi_done(err, rc, &e);
}

int32_t gt_ffi_encode(const gt_deployment *d, uint8_t **out, size_t *len, gt_ffi_error *err)
{
    return hand_over("gt_ffi_encode", gt_deployment_encode, d, out, len, err);
}

int32_t gt_ffi_deployment_fields(const gt_deployment *d, uint64_t out[5], gt_ffi_error *err)
{
    if (!d || !out)
        return gt_fi_fail(err, GT_EARG, "gt_ffi_deployment_fields: NULL argument");
    out[0] = d->version;
    out[1] = d->twin_id;
    out[2] = d->contract_id;
    out[3] = (uint64_t)d->expiration;
    out[4] = d->signature_requirement.weight_required;
    gt_fi_ok(err);
    return GT_OK;
}
