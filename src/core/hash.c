/* Deployment.Challenge and ChallengeHash. */
#include "core/challenge.h"
#include "core/deployment_impl.h"
#include "core/gonet.h"

#include <stdlib.h>
#include <string.h>

/* Writes the challenge of `d` into c; stops at the first workload whose data cannot
 * be loaded, as the reference does (its bytes written so far stay written). */
static int write_challenge(const gt_deployment *d, gt_chal *c, gt_error *err)
{
    gt_chal_u64(c, "version", d->version);
    gt_chal_u64(c, "twin_id", d->twin_id);
    /* The contract id is left out on purpose by the reference: the contract is created
     * from this hash before its id is known. */
    gt_chal_gstr(c, "metadata", d->metadata);
    gt_chal_gstr(c, "description", d->description);
    gt_chal_i64(c, "expiration", d->expiration);
    for (uint32_t i = 0; i < d->workloads.len; i++) {
        const gt_workload *wl = &d->workloads.items[i];
        /* The data is loaded before anything of the workload is written. */
        const struct gt_workload_cache *wc = gt_workload_load(d, i);
        if (!wc)
            return gt_error_set(err, GT_ENOMEM, "out of memory");
        if (wc->status != GT_OK)
            return gt_workload_report(wc->error, err);
        gt_chal_enter_index(c, "workloads", i);
        gt_chal_u64(c, "version", wl->version);
        gt_chal_gstr(c, "name", wl->name);
        gt_chal_gstr(c, "type", wl->type);
        gt_chal_gstr(c, "metadata", wl->metadata);
        gt_chal_gstr(c, "description", wl->description);
        gt_chal_enter(c, "data");
        int rc = wc->type->challenge(wc->data, c);
        gt_chal_leave(c);
        gt_chal_leave(c);
        if (rc != GT_OK)
            return gt_error_set(err, rc, "challenge of workload %u failed", i);
    }
    const gt_signature_requirement *sr = &d->signature_requirement;
    gt_chal_enter(c, "signature_requirement");
    for (uint32_t i = 0; i < sr->requests.len; i++) {
        const gt_signature_request *rq = &sr->requests.items[i];
        gt_chal_enter_index(c, "requests", i);
        gt_chal_u64(c, "twin_id", rq->twin_id);
        gt_chal_bool(c, "required", rq->required);
        gt_chal_u64(c, "weight", rq->weight);
        gt_chal_leave(c);
    }
    gt_chal_u64(c, "weight_required", sr->weight_required);
    gt_chal_gstr(c, "signature_style", sr->signature_style);
    gt_chal_leave(c);
    return GT_OK;
}

int gt_deployment_challenge_map(const gt_deployment *d, gt_fragment_fn fn, void *ctx, gt_error *err)
{
    gt_error_clear(err);
    if (!d || !fn)
        return gt_error_set(err, GT_EARG, "gt_deployment_challenge_map: NULL argument");
    gt_chal c;
    gt_chal_init(&c);
    c.fn = fn;
    c.ctx = ctx;
    return write_challenge(d, &c, err);
}

int gt_deployment_challenge(const gt_deployment *d, char **out, size_t *len, gt_error *err)
{
    gt_error_clear(err);
    if (!d || !out)
        return gt_error_set(err, GT_EARG, "gt_deployment_challenge: NULL argument");
    gt_buf b;
    gt_buf_init(&b);
    gt_chal c;
    gt_chal_init(&c);
    c.text = &b;
    int rc = write_challenge(d, &c, err);
    if (rc == GT_OK && !gt_buf_reserve(&b, 1))
        rc = gt_error_set(err, GT_ENOMEM, "out of memory");
    if (rc != GT_OK) {
        gt_buf_free(&b);
        return rc;
    }
    b.data[b.len] = '\0';
    *out = b.data;
    if (len)
        *len = b.len;
    return GT_OK;
}

int gt_deployment_challenge_hash(const gt_deployment *d, uint8_t out[GT_HASH_SIZE], gt_error *err)
{
    gt_error_clear(err);
    if (!d || !out)
        return gt_error_set(err, GT_EARG, "gt_deployment_challenge_hash: NULL argument");
    struct md5_ctx md5;
    md5_init(&md5);
    gt_chal c;
    gt_chal_init_md5(&c, &md5);
    int rc = write_challenge(d, &c, err);
    if (rc != GT_OK)
        return rc;
    gt_chal_flush(&c);
    md5_digest(&md5, GT_HASH_SIZE, out);
    return GT_OK;
}

int gt_deployment_challenge_hash_hex(const gt_deployment *d, char out[GT_HASH_HEX_SIZE], gt_error *err)
{
    uint8_t h[GT_HASH_SIZE];
    int rc = gt_deployment_challenge_hash(d, h, err);
    if (rc != GT_OK)
        return rc;
    gt_hex_encode(h, GT_HASH_SIZE, out); /* writes the NUL too */
    return GT_OK;
}
