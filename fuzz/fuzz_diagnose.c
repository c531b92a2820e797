/* fuzz_diagnose: the diagnosis engines of gridtypes/diagnose.h on any deployment.
 *
 * Properties checked:
 *  - comparison: our challenge against itself is equal; against a copy with bytes changed,
 *    inserted and deleted (positions taken from the input), every difference lies within
 *    both texts and replaying the differences on our text rebuilds theirs exactly;
 *  - the divergence catalogue: every entry that changes the challenge gives a hash the
 *    search names it from (alone);
 *  - lint never fails on a deployment whose challenge can be computed, and its findings
 *    point inside the input;
 *  - the canonical encoding decodes to the same hash. */
#include "fuzz_common.h"

#include <nettle/md5.h>

#include "gridtypes.h"

static void check_compare(const gt_deployment *d, const uint8_t *ours, size_t n, const uint8_t *data, size_t size)
{
    gt_comparison *c;
    gt_error e;
    FUZZ_CHECK(gt_challenge_compare(d, ours, n, GT_COMPARE_ALL, &c, &e) == GT_OK, "compare with ourselves: %s",
               e.message);
    FUZZ_CHECK(c->equal && c->ndiffs == 0, "our challenge is not equal to itself");
    gt_comparison_free(c);
    if (!n || size < 6)
        return;
    /* theirs: a byte changed, a few inserted, a few deleted */
    size_t at1 = ((size_t)data[0] << 8 | data[1]) % n, at2 = ((size_t)data[2] << 8 | data[3]) % n;
    size_t del = data[4] % 4;
    uint8_t *t = malloc(n + 8);
    size_t tl = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == at2) {
            memcpy(t + tl, "+-+", 3);
            tl += 3;
        }
        if (i >= at1 && i < at1 + del)
            continue;
        t[tl++] = i == at2 ? (uint8_t)(ours[i] ^ data[5]) : ours[i];
    }
    FUZZ_CHECK(gt_challenge_compare(d, t, tl, GT_COMPARE_ALL, &c, &e) == GT_OK, "compare: %s", e.message);
    if (tl == n && memcmp(t, ours, n) == 0)
        FUZZ_CHECK(c->equal, "equal texts compared as different");
    else
        FUZZ_CHECK(!c->equal, "different texts compared as equal");
    /* replay: ours with every difference applied is theirs */
    if (c->theirs_kind == GT_THEIRS_CHALLENGE && !c->truncated) {
        uint8_t *r = malloc(tl + n + 1);
        size_t rl = 0, o = 0;
        for (size_t k = 0; k < c->ndiffs; k++) {
            const gt_challenge_difference *df = &c->diffs[k];
            FUZZ_CHECK(df->ours_offset >= o && df->ours_offset + df->ours_len <= n, "difference outside ours");
            FUZZ_CHECK(df->theirs_offset + df->theirs_len <= tl, "difference outside theirs");
            FUZZ_CHECK(df->fragment == SIZE_MAX || df->fragment < c->ours.nfrags, "fragment out of range");
            memcpy(r + rl, ours + o, df->ours_offset - o);
            rl += df->ours_offset - o;
            FUZZ_CHECK(rl == df->theirs_offset, "difference %zu starts at %zu in theirs, replay is at %zu", k,
                       df->theirs_offset, rl);
            memcpy(r + rl, t + df->theirs_offset, df->theirs_len);
            rl += df->theirs_len;
            o = df->ours_offset + df->ours_len;
        }
        memcpy(r + rl, ours + o, n - o);
        rl += n - o;
        FUZZ_CHECK(rl == tl && memcmp(r, t, tl) == 0, "replaying the differences does not give theirs");
        free(r);
    }
    gt_comparison_free(c);
    free(t);
}

static void check_catalogue(const gt_deployment *d, const uint8_t *ours, size_t n)
{
    for (size_t e = 0; e < gt_divergence_count(); e++) {
        uint8_t *text;
        size_t len;
        gt_error err;
        FUZZ_CHECK(gt_divergence_apply(d, &e, 1, NULL, &text, &len, &err) == GT_OK, "apply %zu: %s", e,
                   err.message);
        if (len == n && memcmp(text, ours, n) == 0) {
            free(text);
            continue;
        }
        uint8_t h[16];
        char hex[33];
        struct md5_ctx m;
        md5_init(&m);
        md5_update(&m, len, text);
        md5_digest(&m, 16, h);
        free(text);
        for (int i = 0; i < 16; i++)
            snprintf(hex + 2 * i, 3, "%02x", h[i]);
        gt_divergence_result *r;
        FUZZ_CHECK(gt_divergence_search(d, hex, 32, &r, &err) == GT_OK, "search: %s", err.message);
        bool named = r->equal;
        for (size_t k = 0; k < r->nmatches; k++)
            named |= r->matches[k].nentries == 1 && r->matches[k].entries[0] == e;
        FUZZ_CHECK(named, "%s applies but the search does not name it", gt_divergence_get(e)->name);
        gt_divergence_result_free(r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gt_deployment *d;
    if (gt_deployment_parse(data, size, &d, NULL) != GT_OK)
        return 0;
    char *ours;
    size_t n;
    gt_error e;
    if (gt_deployment_challenge(d, &ours, &n, &e) != GT_OK) {
        gt_deployment_free(d);
        return 0;
    }
    check_compare(d, (const uint8_t *)ours, n, data, size);
    check_catalogue(d, (const uint8_t *)ours, n);

    gt_lint_result *r;
    FUZZ_CHECK(gt_lint(d, &r, &e) == GT_OK, "lint: %s", e.message);
    for (size_t i = 0; i < r->n; i++)
        FUZZ_CHECK(r->findings[i].code && (r->findings[i].offset == GT_NO_OFFSET || r->findings[i].offset < size),
                   "lint finding %s points outside the input", r->findings[i].code);
    gt_lint_result_free(r);

    char *canon, before[33], after[33];
    size_t clen;
    FUZZ_CHECK(gt_deployment_encode_canonical(d, &canon, &clen, &e) == GT_OK, "canonical: %s", e.message);
    gt_deployment *c;
    FUZZ_CHECK(gt_deployment_parse(canon, clen, &c, &e) == GT_OK, "canonical does not parse: %s", e.message);
    FUZZ_CHECK(gt_deployment_challenge_hash_hex(d, before, &e) == GT_OK, "hash");
    FUZZ_CHECK(gt_deployment_challenge_hash_hex(c, after, &e) == GT_OK, "canonical hash: %s", e.message);
    FUZZ_CHECK(strcmp(before, after) == 0, "canonical encoding hashes %s, not %s", after, before);
    gt_deployment_free(c);
    free(canon);
    free(ours);
    gt_deployment_free(d);
    return 0;
}
