/* signatures/NNNN-name/ with deployment.json, keys.json, expect.json: Deployment.Verify. */
#include "runner.h"

#include "gridtypes/signing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const jd *keys;
} getter_ctx;

static int get_key(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    const getter_ctx *g = ctx;
    char tw[16];
    snprintf(tw, sizeof tw, "%u", twin);
    const jd *k = jd_get(g->keys, tw);
    if (!k || k->kind != JD_STR)
        return gt_error_set(err, GT_ENOTFOUND, "key not found");
    size_t n = k->len / 2;
    if (n > cap)
        return gt_error_set(err, GT_ELIMIT, "key too long");
    unhex(k->str, n, key);
    *len = n;
    return GT_OK;
}

static void run_case(tally *t, const char *dir, const char *name)
{
    char path[8200]; /* dir is at most 4096 bytes */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t dl, kl, el;
    char *dep = read_in(path, "deployment.json", &dl);
    char *keys = read_in(path, "keys.json", &kl);
    char *ex = read_in(path, "expect.json", &el);
    jd *k = keys ? jd_parse(keys, kl) : NULL;
    jd *e = ex ? jd_parse(ex, el) : NULL;
    char why[2048] = "";
    gt_deployment *d = NULL;
    if (!dep || !e) {
        snprintf(why, sizeof why, "cannot read case files");
        goto out;
    }
    gt_error err;
    int rc = gt_deployment_parse(dep, dl, &d, &err);
    if ((rc != GT_OK) != !is_null(jd_get(e, "decode_error"))) {
        snprintf(why, sizeof why, "decode: %s", rc == GT_OK ? "accepted" : err.message);
        goto out;
    }
    if (rc != GT_OK) {
        tally_text(t, "signature", name, e, "decode_error", &err);
        goto out;
    }
    getter_ctx g = {k};
    rc = gt_deployment_verify(d, get_key, &g, NULL, &err);
    const jd *ee = jd_get(e, "error");
    if (!is_null(ee) && rc != GT_OK)
        tally_text(t, "signature", name, e, "error", &err);
    outcome_differs(why, sizeof why, "verify", rc, err.message, ee, flag(e, "panicked"));
out:
    tally_verdict(t, "signature", name, why);
    gt_deployment_free(d);
    jd_free(k);
    jd_free(e);
    free(dep);
    free(keys);
    free(ex);
}

void run_signatures(const char *corpus, tally *t)
{
    each_case(corpus, "signatures", t, run_case, false);
}
