/* The same corpus through the flat FFI (gridtypes/ffi.h), as a binding sees the library:
 * deployments (decision, challenge, annotated fragments, hash, validity, workloads and
 * capacity), upgrades (ops read back from the JSON the FFI writes), signatures (keys from
 * keys.json's hex texts into a key table) and ids. */
#include "runner.h"

#include "gridtypes/deployment.h"
#include "gridtypes/ffi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends a failure reason (the first one wins). */
#define WHY(...)                                        \
    do {                                                \
        if (!why[0])                                    \
            snprintf(why, sizeof why, __VA_ARGS__);     \
    } while (0)

/* Compares a stage's outcome with an expected error field and panic flag. */
static void stage(char *why, size_t cap, const char *name, int rc, const gt_ffi_error *err, const jd *want,
                  bool panic)
{
    if (why[0] || outcome_differs(why, cap, name, rc, err->message, want, panic))
        return;
    if (rc != GT_OK && err->code != rc)
        snprintf(why, cap, "%s: status %d but error record says %d", name, rc, (int)err->code);
}

static void check_annotation(char *why, size_t cap, const gt_deployment *d, const char *challenge_hex)
{
    char *json;
    size_t len;
    gt_ffi_error err;
    if (gt_ffi_annotate(d, &json, &len, &err) != GT_OK) {
        snprintf(why, cap, "annotate failed where the challenge did not: %s", err.message);
        return;
    }
    jd *frags = jd_parse(json, len);
    size_t at = 0, want = strlen(challenge_hex);
    for (size_t i = 0; frags && frags->kind == JD_ARR && i < frags->n && !why[0]; i++) {
        const jd *hex = jd_get(&frags->items[i], "hex");
        uint64_t off;
        if (!hex || !jd_u64(jd_get(&frags->items[i], "offset"), &off) || off != at / 2 ||
            at + hex->len > want || memcmp(challenge_hex + at, hex->str, hex->len) != 0)
            snprintf(why, cap, "annotate: fragment %zu does not continue the challenge at byte %zu", i, at / 2);
        at += hex ? hex->len : 0;
    }
    if (!frags || frags->kind != JD_ARR)
        snprintf(why, cap, "annotate: not a JSON array");
    else if (!why[0] && at != want)
        snprintf(why, cap, "annotate: fragments hold %zu bytes, the challenge %zu", at / 2, want / 2);
    jd_free(frags);
    gt_ffi_free(json);
}

static void check_workloads(char *why, size_t cap, const gt_deployment *d, const jd *wls)
{
    if (!wls || wls->kind != JD_ARR || wls->n != gt_ffi_workload_count(d)) {
        snprintf(why, cap, "workload count differs");
        return;
    }
    static const char *const units[5] = {"cru", "sru", "hru", "mru", "ipv4u"};
    for (uint32_t i = 0; i < wls->n && !why[0]; i++) {
        const jd *w = &wls->items[i];
        const uint8_t *p;
        size_t n, wn;
        gt_ffi_error err;
        char *name = expected_bytes(w, "name", &wn, NULL);
        if (gt_ffi_workload_name(d, i, &p, &n, &err) != GT_OK || !name || n != wn || memcmp(p, name, n) != 0)
            snprintf(why, cap, "workloads[%u].name differs", i);
        free(name);
        const jd *type = jd_get(w, "type");
        if (!why[0] && type && type->kind == JD_STR &&
            (gt_ffi_workload_type(d, i, &p, &n, &err) != GT_OK || n != type->len || memcmp(p, type->str, n) != 0))
            snprintf(why, cap, "workloads[%u].type differs", i);
        uint64_t got[5];
        int rc = gt_ffi_capacity(d, i, got, &err);
        char stage_name[48];
        snprintf(stage_name, sizeof stage_name, "workloads[%u].capacity", i);
        stage(why, cap, stage_name, rc, &err, jd_get(w, "capacity_error"), flag(w, "capacity_panicked"));
        const jd *ec = jd_get(w, "capacity");
        for (int k = 0; rc == GT_OK && ec && ec->kind == JD_OBJ && k < 5 && !why[0]; k++) {
            uint64_t v;
            if (!jd_u64(jd_get(ec, units[k]), &v) || v != got[k])
                snprintf(why, cap, "workloads[%u].capacity.%s differs", i, units[k]);
        }
    }
}

static void deployment_case(tally *t, const char *dir, const char *input)
{
    char why[2048] = "";
    char base[1024], expect_name[1100];
    snprintf(base, sizeof base, "%.*s", (int)(strlen(input) - 5), input);
    snprintf(expect_name, sizeof expect_name, "%s.expect.json", base);
    size_t in_len, ex_len;
    char *in = read_in(dir, input, &in_len);
    char *ex = read_in(dir, expect_name, &ex_len);
    jd *e = ex ? jd_parse(ex, ex_len) : NULL;
    gt_deployment *d = NULL;
    gt_ffi_error err;
    if (!in || !e) {
        WHY("cannot read input or expect file");
        goto out;
    }
    int rc = gt_ffi_parse((const uint8_t *)in, in_len, 0, &d, &err);
    stage(why, sizeof why, "decode", rc, &err, jd_get(e, "decode_error"), false);
    if (rc != GT_OK)
        goto out;

    uint8_t *text;
    size_t tlen;
    rc = gt_ffi_challenge(d, &text, &tlen, &err);
    stage(why, sizeof why, "challenge", rc, &err, jd_get(e, "challenge_error"), flag(e, "challenge_panicked"));
    const jd *ch = jd_get(e, "challenge_hex");
    if (rc == GT_OK && ch && ch->kind == JD_STR) {
        char *hex = hex_of(text, tlen);
        if (strcmp(hex, ch->str) != 0)
            WHY("challenge differs");
        if (!why[0])
            check_annotation(why, sizeof why, d, ch->str);
        free(hex);
    }
    gt_ffi_free(text);

    char hash[33], once[33];
    rc = gt_ffi_hash_hex(d, hash, &err);
    stage(why, sizeof why, "hash", rc, &err, jd_get(e, "hash_error"), flag(e, "hash_panicked"));
    const jd *hh = jd_get(e, "hash_hex");
    if (rc == GT_OK && hh && hh->kind == JD_STR && strcmp(hash, hh->str) != 0)
        WHY("hash: expected %s, got %s", hh->str, hash);
    /* parse and hash in one call: the same answer */
    int once_rc = gt_ffi_hash_json((const uint8_t *)in, in_len, 0, once, &err);
    if (once_rc != rc || (rc == GT_OK && strcmp(once, hash) != 0))
        WHY("hash_json: %d %s, where parse + hash gave %d", once_rc, once_rc == GT_OK ? once : err.message, rc);

    rc = gt_ffi_valid(d, &err);
    stage(why, sizeof why, "valid", rc, &err, jd_get(e, "valid"), flag(e, "valid_panicked"));
    if (!why[0])
        check_workloads(why, sizeof why, d, jd_get(e, "workloads"));

    /* encoding through the FFI is the library's own (compared with the reference by the
     * native run): the bytes must be the same */
    uint8_t *enc = NULL;
    char *native = NULL;
    size_t elen = 0, nlen = 0;
    gt_error nerr;
    if (gt_ffi_encode(d, &enc, &elen, &err) != GT_OK || gt_deployment_encode(d, &native, &nlen, &nerr) != GT_OK)
        WHY("encode failed");
    else if (elen != nlen || memcmp(enc, native, elen) != 0)
        WHY("encode through the FFI differs from the library's");
    gt_ffi_free(enc);
    free(native);
out:
    tally_verdict(t, "ffi-deployment", base, why);
    gt_ffi_deployment_free(d);
    jd_free(e);
    free(in);
    free(ex);
}

static void upgrade_case(tally *t, const char *dir, const char *name)
{
    char why[2048] = "";
    char path[8200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t ol, nl, el;
    char *old = read_in(path, "old.json", &ol);
    char *nw = read_in(path, "new.json", &nl);
    char *ex = read_in(path, "expect.json", &el);
    jd *e = ex ? jd_parse(ex, el) : NULL;
    jd *got = NULL;
    gt_deployment *a = NULL, *b = NULL;
    char *json = NULL;
    gt_ffi_error err;
    if (!old || !nw || !e) {
        WHY("cannot read case files");
        goto out;
    }
    int ra = gt_ffi_parse((const uint8_t *)old, ol, 0, &a, &err);
    stage(why, sizeof why, "old decode", ra, &err, jd_get(e, "old_decode_error"), false);
    int rb = gt_ffi_parse((const uint8_t *)nw, nl, 0, &b, &err);
    stage(why, sizeof why, "new decode", rb, &err, jd_get(e, "new_decode_error"), false);
    if (ra != GT_OK || rb != GT_OK)
        goto out;
    size_t len;
    int rc = gt_ffi_upgrade(a, b, &json, &len, &err);
    stage(why, sizeof why, "upgrade", rc, &err, jd_get(e, "error"), flag(e, "panicked"));
    if (rc != GT_OK || why[0])
        goto out;
    got = jd_parse(json, len);
    const jd *ops = jd_get(got, "ops"), *want = jd_get(e, "ops");
    if (!ops || !want || ops->kind != JD_ARR || want->kind != JD_ARR || ops->n != want->n) {
        WHY("ops: count differs");
        goto out;
    }
    for (size_t i = 0; i < ops->n && !why[0]; i++) {
        static const char *const keys[3] = {"name", "op", "id"};
        for (int k = 0; k < 3; k++) {
            const jd *x = jd_get(&ops->items[i], keys[k]), *y = jd_get(&want->items[i], keys[k]);
            if (!x || !y || x->kind != JD_STR || y->kind != JD_STR || x->len != y->len ||
                memcmp(x->str, y->str, x->len) != 0)
                WHY("op %zu: %s differs", i, keys[k]);
        }
    }
    if (!why[0] && (jd_get(e, "new_after") || jd_get(e, "new_after_hex"))) {
        uint8_t *enc;
        size_t elen;
        if (gt_ffi_encode(b, &enc, &elen, &err) != GT_OK)
            WHY("encode new: %s", err.message);
        else
            go_text_compare(e, "new_after", (const char *)enc, elen, why, sizeof why);
        gt_ffi_free(enc);
    }
out:
    tally_verdict(t, "ffi-upgrade", name, why);
    jd_free(got);
    gt_ffi_free(json);
    gt_ffi_deployment_free(a);
    gt_ffi_deployment_free(b);
    jd_free(e);
    free(old);
    free(nw);
    free(ex);
}

static void signature_case(tally *t, const char *dir, const char *name)
{
    char why[2048] = "";
    char path[8200];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t dl, kl, el;
    char *dep = read_in(path, "deployment.json", &dl);
    char *keys = read_in(path, "keys.json", &kl);
    char *ex = read_in(path, "expect.json", &el);
    jd *k = keys ? jd_parse(keys, kl) : NULL;
    jd *e = ex ? jd_parse(ex, el) : NULL;
    jd *report = NULL;
    gt_deployment *d = NULL;
    gt_ffi_keys *table = gt_ffi_keys_new();
    char *json = NULL;
    gt_ffi_error err;
    if (!dep || !e || !k || k->kind != JD_OBJ) {
        WHY("cannot read case files");
        goto out;
    }
    for (size_t i = 0; i < k->n; i++) {
        uint32_t twin = (uint32_t)strtoul(k->keys[i], NULL, 10);
        if (gt_ffi_keys_add(table, twin, k->items[i].str, k->items[i].len, &err) != GT_OK)
            WHY("keys.json: %s", err.message);
    }
    int rc = gt_ffi_parse((const uint8_t *)dep, dl, 0, &d, &err);
    stage(why, sizeof why, "decode", rc, &err, jd_get(e, "decode_error"), false);
    if (rc != GT_OK || why[0])
        goto out;
    size_t len;
    rc = gt_ffi_verify(d, table, &json, &len, &err);
    stage(why, sizeof why, "verify", rc, &err, jd_get(e, "error"), flag(e, "panicked"));
    report = json ? jd_parse(json, len) : NULL;
    const jd *ok = jd_get(report, "ok"), *msg = jd_get(report, "message");
    if (!ok || ok->kind != JD_BOOL || ok->b != (rc == GT_OK) || !msg || msg->kind != JD_STR)
        WHY("verify report does not match the status");
    else if (rc != GT_OK && strcmp(msg->str, err.message) != 0)
        WHY("verify report's message differs from the error's");
out:
    tally_verdict(t, "ffi-signature", name, why);
    jd_free(report);
    gt_ffi_free(json);
    gt_ffi_keys_free(table);
    gt_ffi_deployment_free(d);
    jd_free(k);
    jd_free(e);
    free(dep);
    free(keys);
    free(ex);
}

static void ids_line(tally *t, const char *line, size_t len, int lineno)
{
    char why[2048] = "", name[32];
    snprintf(name, sizeof name, "line-%d", lineno);
    ids_case c;
    jd *v = ids_case_open(line, len, &c);
    if (!v) {
        tally_fail(t, "ffi-ids", name, "malformed line");
        return;
    }
    uint32_t twin = c.twin;
    uint64_t contract = c.contract;
    size_t nlen = c.name_len;
    char *nm = c.name;
    const jd *e = c.expect;
    char id[96], u[14];
    gt_ffi_error err;
    int rc = gt_ffi_workload_id(twin, contract, (const uint8_t *)nm, nlen, id, &err);
    const jd *wid = jd_get(e, "workload_id");
    if ((rc == GT_OK) != (wid && wid->kind == JD_STR) || (rc == GT_OK && strcmp(id, wid->str) != 0))
        WHY("workload_id: got %s", rc == GT_OK ? id : err.message);
    /* Unique is computed on the id text, checked or not */
    size_t cap = nlen + 64, n;
    char *raw = malloc(cap);
    n = (size_t)snprintf(raw, cap, "%u-%llu-", twin, (unsigned long long)contract);
    memcpy(raw + n, nm, nlen);
    n += nlen;
    const jd *ux = jd_get(e, "unique_x");
    gt_ffi_workload_unique((const uint8_t *)raw, n, (const uint8_t *)"x", 1, u, &err);
    if (ux && strcmp(u, ux->str) != 0)
        WHY("unique_x: expected %s, got %s", ux->str, u);
    const jd *uq = jd_get(e, "unique");
    for (size_t i = 0; uq && i < uq->n; i++) {
        const jd *in = jd_get(&uq->items[i], "input"), *o = jd_get(&uq->items[i], "output");
        gt_ffi_workload_unique((const uint8_t *)raw, n, (const uint8_t *)in->str, in->len, u, &err);
        if (strcmp(u, o->str) != 0)
            WHY("unique(%s): expected %s, got %s", in->str, o->str, u);
    }
    const jd *net = jd_get(e, "network_id");
    gt_ffi_network_id(twin, (const uint8_t *)nm, nlen, u, &err);
    if (net && strcmp(u, net->str) != 0)
        WHY("network_id: expected %s, got %s", net->str, u);
    tally_verdict(t, "ffi-ids", name, why);
    free(raw);
    free(nm);
    jd_free(v);
}

void run_ffi(const char *corpus, tally *t)
{
    each_case(corpus, "deployments", t, deployment_case, true);
    each_case(corpus, "upgrades", t, upgrade_case, false);
    each_case(corpus, "signatures", t, signature_case, false);
    each_line(corpus, "ids.jsonl", t, ids_line);
}
