/* upgrades/NNNN-name/ with old.json, new.json, expect.json: Deployment.Upgrade. */
#include "runner.h"

#include "gridtypes/deployment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void run_case(tally *t, const char *dir, const char *name)
{
    char path[8200]; /* dir is at most 4096 bytes */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t ol, nl, el;
    char *old = read_in(path, "old.json", &ol);
    char *nw = read_in(path, "new.json", &nl);
    char *ex = read_in(path, "expect.json", &el);
    jd *e = ex ? jd_parse(ex, el) : NULL;
    gt_deployment *a = NULL, *b = NULL;
    gt_upgrade_op *ops = NULL;
    size_t nops = 0;
    char why[2048] = "";
    if (!old || !nw || !e) {
        snprintf(why, sizeof why, "cannot read case files");
        goto out;
    }
    gt_error err;
    int ra = gt_deployment_parse(old, ol, &a, &err);
    if ((ra != GT_OK) != !is_null(jd_get(e, "old_decode_error"))) {
        snprintf(why, sizeof why, "old decode: %s", ra == GT_OK ? "accepted" : err.message);
        goto out;
    }
    if (ra != GT_OK)
        tally_text(t, "upgrade", name, e, "old_decode_error", &err);
    int rb = gt_deployment_parse(nw, nl, &b, &err);
    if ((rb != GT_OK) != !is_null(jd_get(e, "new_decode_error"))) {
        snprintf(why, sizeof why, "new decode: %s", rb == GT_OK ? "accepted" : err.message);
        goto out;
    }
    if (ra != GT_OK || rb != GT_OK) {
        if (rb != GT_OK)
            tally_text(t, "upgrade", name, e, "new_decode_error", &err);
        goto out;
    }
    int rc = gt_deployment_upgrade(a, b, &ops, &nops, &err);
    const jd *eerr = jd_get(e, "error");
    if (rc != GT_OK && !is_null(eerr))
        tally_text(t, "upgrade", name, e, "error", &err);
    if (outcome_differs(why, sizeof why, "upgrade", rc, err.message, eerr, flag(e, "panicked")))
        goto out;
    const jd *eops = jd_get(e, "ops");
    if (rc == GT_OK) {
        if (!eops || eops->kind != JD_ARR || eops->n != nops) {
            snprintf(why, sizeof why, "ops: expected %zu, got %zu", eops && eops->kind == JD_ARR ? eops->n : 0,
                     nops);
            goto out;
        }
        for (size_t i = 0; i < nops; i++) {
            const jd *o = &eops->items[i];
            const jd *n = jd_get(o, "name"), *op = jd_get(o, "op"), *id = jd_get(o, "id");
            const gt_str wn = ops[i].workload->name;
            if (!n || n->len != wn.len || memcmp(n->str, wn.ptr, wn.len) != 0 || !op ||
                strcmp(op->str, gt_op_name(ops[i].op)) != 0 || !id || strcmp(id->str, ops[i].id) != 0) {
                snprintf(why, sizeof why, "op %zu: expected %s %s %s, got %.*s %s %s", i, n ? n->str : "?",
                         op ? op->str : "?", id ? id->str : "?", (int)wn.len, wn.ptr, gt_op_name(ops[i].op),
                         ops[i].id);
                goto out;
            }
        }
    }
    /* new_after is a string Go wrote, so invalid bytes of raw data are U+FFFD in it */
    if (jd_get(e, "new_after") || jd_get(e, "new_after_hex")) {
        char *enc;
        size_t len;
        if (gt_deployment_encode(b, &enc, &len, &err) != GT_OK) {
            snprintf(why, sizeof why, "encode new: %s", err.message);
            goto out;
        }
        go_text_compare(e, "new_after", enc, len, why, sizeof why);
        free(enc);
    }
out:
    tally_verdict(t, "upgrade", name, why);
    free(ops);
    gt_deployment_free(a);
    gt_deployment_free(b);
    jd_free(e);
    free(old);
    free(nw);
    free(ex);
}

void run_upgrades(const char *corpus, tally *t)
{
    each_case(corpus, "upgrades", t, run_case, false);
}
