/* deployments/NNNN-*.json against NNNN-*.expect.json. */
#include "runner.h"

#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tally *t;
    const char *name;
    bool failed;
} ctx;

#define FAIL(c, ...)                                        \
    do {                                                    \
        if (!(c)->failed)                                   \
            tally_fail((c)->t, "deployment", (c)->name, __VA_ARGS__); \
        (c)->failed = true;                                 \
    } while (0)

static void check_stage(ctx *c, const char *stage, int rc, const gt_error *err, const jd *e, const char *key,
                        bool expect_panic)
{
    const jd *expect_err = jd_get(e, key);
    bool want_err = !is_null(expect_err);
    if (want_err && rc != GT_OK)
        tally_text(c->t, "deployment", c->name, e, key, err);
    if (want_err != (rc != GT_OK))
        FAIL(c, "%s: expected %s, got %s", stage, want_err ? expect_err->str : "success",
             rc == GT_OK ? "success" : err->message);
    else if (want_err && expect_panic != (rc == GT_EPANIC))
        FAIL(c, "%s: panic expected=%d got=%d (%s)", stage, expect_panic, rc == GT_EPANIC, err->message);
}

static void check_workloads(ctx *c, const gt_deployment *d, const jd *wls)
{
    if (!wls || wls->kind != JD_ARR) {
        FAIL(c, "expect has no workloads array");
        return;
    }
    if (wls->n != d->workloads.len) {
        FAIL(c, "workload count: expected %zu, got %u", wls->n, d->workloads.len);
        return;
    }
    for (size_t i = 0; i < wls->n; i++) {
        const jd *w = &wls->items[i];
        const gt_workload *wl = &d->workloads.items[i];
        size_t nlen;
        char *name = expected_bytes(w, "name", &nlen, NULL);
        if (name) {
            if (nlen != wl->name.len || (nlen && memcmp(name, wl->name.ptr, nlen) != 0))
                FAIL(c, "workloads[%zu].name differs", i);
            free(name);
        }
        const jd *type = jd_get(w, "type");
        if (type && type->kind == JD_STR &&
            (type->len != wl->type.len || (type->len && memcmp(type->str, wl->type.ptr, type->len) != 0)))
            FAIL(c, "workloads[%zu].type differs", i);
        gt_capacity cap;
        gt_error err;
        int rc = gt_workload_capacity(d, i, &cap, &err);
        check_stage(c, "capacity", rc, &err, w, "capacity_error", flag(w, "capacity_panicked"));
        const jd *ec = jd_get(w, "capacity");
        if (rc == GT_OK && ec && ec->kind == JD_OBJ) {
            uint64_t v[5];
            const char *keys[5] = {"cru", "sru", "hru", "mru", "ipv4u"};
            uint64_t got[5] = {cap.cru, cap.sru, cap.hru, cap.mru, cap.ipv4u};
            for (int k = 0; k < 5; k++)
                if (!jd_u64(jd_get(ec, keys[k]), &v[k]) || v[k] != got[k])
                    FAIL(c, "workloads[%zu].capacity.%s: expected %llu, got %llu", i, keys[k],
                         (unsigned long long)v[k], (unsigned long long)got[k]);
        }
    }
}

static void run_case(tally *t, const char *dir, const char *input_name)
{
    char base[1024];
    size_t n = strlen(input_name) - 5; /* strip .json */
    snprintf(base, sizeof base, "%.*s", (int)n, input_name);
    char expect_name[1100];
    snprintf(expect_name, sizeof expect_name, "%s.expect.json", base);
    ctx c = {t, base, false};
    size_t in_len, ex_len;
    char *in = read_in(dir, input_name, &in_len);
    char *ex = read_in(dir, expect_name, &ex_len);
    jd *e = ex ? jd_parse(ex, ex_len) : NULL;
    if (!in || !e) {
        FAIL(&c, "cannot read input or expect file");
        goto out;
    }
    gt_deployment *d = NULL;
    gt_error err;
    int rc = gt_deployment_parse(in, in_len, &d, &err);
    const jd *dec = jd_get(e, "decode_error");
    check_stage(&c, "decode", rc, &err, e, "decode_error", false);
    if (rc != GT_OK || !is_null(dec))
        goto done;

    char *text = NULL;
    size_t tlen = 0;
    rc = gt_deployment_challenge(d, &text, &tlen, &err);
    check_stage(&c, "challenge", rc, &err, e, "challenge_error", flag(e, "challenge_panicked"));
    const jd *ch = jd_get(e, "challenge_hex");
    if (rc == GT_OK && ch && ch->kind == JD_STR) {
        char *hex = hex_of(text, tlen);
        if (strcmp(hex, ch->str) != 0) {
            size_t k = 0;
            while (hex[k] && hex[k] == ch->str[k])
                k++;
            FAIL(&c, "challenge differs at byte %zu (ours %.40s..., theirs %.40s...)", k / 2, hex + (k & ~1u),
                 ch->str + (k & ~1u));
        }
        free(hex);
    } else if (rc == GT_OK && is_null(ch)) {
        FAIL(&c, "challenge: expected an error");
    }
    free(text);

    char hash[GT_HASH_HEX_SIZE];
    rc = gt_deployment_challenge_hash_hex(d, hash, &err);
    const jd *hh = jd_get(e, "hash_hex");
    check_stage(&c, "hash", rc, &err, e, "hash_error", flag(e, "hash_panicked"));
    if (rc == GT_OK && hh && hh->kind == JD_STR && strcmp(hash, hh->str) != 0)
        FAIL(&c, "hash: expected %s, got %s", hh->str, hash);

    rc = gt_deployment_valid(d, &err);
    check_stage(&c, "valid", rc, &err, e, "valid", flag(e, "valid_panicked"));

    check_workloads(&c, d, jd_get(e, "workloads"));

    if (jd_get(e, "reencoded") || jd_get(e, "reencoded_hex")) {
        char *enc;
        size_t elen;
        char why[256];
        if (gt_deployment_encode(d, &enc, &elen, &err) != GT_OK)
            FAIL(&c, "encode failed: %s", err.message);
        else if (go_text_compare(e, "reencoded", enc, elen, why, sizeof why) == GO_TEXT_DIFFERS)
            FAIL(&c, "%s", why);
        free(enc);
    }
done:
    gt_deployment_free(d);
    if (!c.failed)
        tally_pass(t);
out:
    jd_free(e);
    free(in);
    free(ex);
}

void run_deployments(const char *corpus, tally *t)
{
    each_case(corpus, "deployments", t, run_case, true);
}
