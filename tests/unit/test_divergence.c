/* The catalogue of divergences (gridtypes/diagnose.h, docs/DIVERGENCES.md): for every
 * entry, a deployment where it applies, the divergent text built here by hand from the
 * node's challenge fragments (not by the catalogue), and the checks that the catalogue
 * writes exactly that text and that the hash search names the entry from its hash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes.h"

#include <nettle/md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A deployment of one workload (type, data) with deployment fields `extra` (JSON members
 * ending in a comma, may be "") and signature_style `style`. */
static gt_deployment *one(const char *extra, const char *type, const char *data, const char *style)
{
    char json[4096];
    snprintf(json, sizeof json,
             "{\"version\":0,\"twin_id\":7,\"contract_id\":9,%s\"expiration\":0,"
             "\"signature_requirement\":{\"requests\":[{\"twin_id\":7,\"required\":false,\"weight\":1}],"
             "\"weight_required\":1,\"signatures\":[],\"signature_style\":\"%s\"},"
             "\"workloads\":[{\"version\":0,\"name\":\"w1\",\"type\":\"%s\",\"data\":%s,\"metadata\":\"\","
             "\"description\":\"\"}]}",
             extra, style, type, data);
    gt_deployment *d;
    gt_error err;
    if (gt_deployment_parse(json, strlen(json), &d, &err) != GT_OK)
        fail_msg("parse: %s", err.message);
    return d;
}

static gt_deployment *plain(const char *type, const char *data)
{
    return one("\"metadata\":\"\",\"description\":\"\",", type, data, "");
}

/* The text another implementation writes, built from the node's fragments: every fragment
 * whose path is one of the edits' (or starts with it, for a path ending in '[') is
 * replaced by that edit's text ("" leaves it out), then `suffix` is appended. */
typedef struct {
    const char *path, *with;
} edit;

typedef struct {
    char *buf;
    size_t len;
    const edit *edits;
    size_t nedits;
} builder;

static void collect(void *ctx, const char *path, const uint8_t *bytes, size_t len)
{
    builder *b = ctx;
    const char *src = (const char *)bytes;
    size_t n = len;
    for (size_t i = 0; i < b->nedits; i++) {
        const char *p = b->edits[i].path;
        size_t pl = strlen(p);
        bool hit = p[pl - 1] == '[' ? strncmp(path, p, pl) == 0 : strcmp(path, p) == 0;
        if (hit) {
            src = b->edits[i].with;
            n = strlen(src);
        }
    }
    b->buf = realloc(b->buf, b->len + n + 1);
    memcpy(b->buf + b->len, src, n);
    b->len += n;
}

static char *build(const gt_deployment *d, const edit *edits, size_t nedits, const char *suffix, size_t *len)
{
    builder b = {malloc(1), 0, edits, nedits};
    gt_error err;
    assert_int_equal(gt_deployment_challenge_map(d, collect, &b, &err), GT_OK);
    size_t s = strlen(suffix);
    b.buf = realloc(b.buf, b.len + s + 1);
    memcpy(b.buf + b.len, suffix, s);
    b.len += s;
    *len = b.len;
    return b.buf;
}

static void md5_hex(const void *p, size_t n, char out[33])
{
    uint8_t h[16];
    struct md5_ctx m;
    md5_init(&m);
    md5_update(&m, n, p);
    md5_digest(&m, 16, h);
    for (int i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

/* The text `want` is what entry `name` writes for d (on `field` only, when given), its
 * hash differs from the node's, and the search names the entry from that hash alone. */
static void check(const gt_deployment *d, const char *name, const char *field, const char *want, size_t wlen)
{
    size_t e = gt_divergence_find(name);
    assert_true(e != SIZE_MAX);
    uint8_t *text;
    size_t len;
    gt_error err;
    assert_int_equal(gt_divergence_apply(d, &e, 1, field, &text, &len, &err), GT_OK);
    if (len != wlen || memcmp(text, want, len) != 0)
        fail_msg("%s: the catalogue writes\n%.*s\nthe test built\n%.*s", name, (int)len, text, (int)wlen, want);
    free(text);
    char theirs[33], ours[33];
    md5_hex(want, wlen, theirs);
    assert_int_equal(gt_deployment_challenge_hash_hex(d, ours, &err), GT_OK);
    assert_string_not_equal(theirs, ours);
    gt_divergence_result *r;
    assert_int_equal(gt_divergence_search(d, theirs, 32, &r, &err), GT_OK);
    assert_false(r->equal);
    bool named = false;
    for (size_t i = 0; i < r->nmatches; i++)
        if (r->matches[i].nentries == 1 && r->matches[i].entries[0] == e &&
            (!field || strcmp(r->matches[i].field, field) == 0))
            named = true;
    if (!named)
        fail_msg("%s: the search did not name it (%zu matches, %zu tried)", name, r->nmatches, r->tried);
    gt_divergence_result_free(r);
}

/* check() with the text of fragment `path` replaced by `with` (and a suffix). */
static void check_edit(const gt_deployment *d, const char *name, const char *path, const char *with,
                       const char *suffix)
{
    size_t len;
    edit e = {path, with};
    char *want = build(d, &e, path ? 1 : 0, suffix, &len);
    check(d, name, NULL, want, len);
    free(want);
}

static const char nl_bare[] = "{\"subnet\":\"10.1.2.0/24\"}";
static const char nl_full[] = "{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.2.0/24\",\"wireguard_private_key\":\"k\","
                              "\"wireguard_listen_port\":3011,\"peers\":[{\"subnet\":\"10.1.3.0/24\","
                              "\"wireguard_public_key\":\"p\",\"allowed_ips\":[\"10.1.3.0/24\"],\"endpoint\":\"e:1\"}],"
                              "\"mycelium\":{\"hex_key\":\"00aa\",\"peers\":[]}}";

static void test_network_light_client(void **state)
{
    (void)state;
    gt_deployment *d = plain("network-light", nl_bare);
    check_edit(d, "nl-ip-range-undefined", "workloads[0].data.ip_range", "undefined", "");
    check_edit(d, "nl-ip-range-omitted", "workloads[0].data.ip_range", "", "");
    check_edit(d, "nl-port-undefined", "workloads[0].data.wireguard_listen_port", "undefined", "");
    check_edit(d, "nl-port-omitted", "workloads[0].data.wireguard_listen_port", "", "");
    check_edit(d, "nl-mycelium-undefined", "workloads[0].data.mycelium.hex_key", "undefined", "");
    gt_deployment_free(d);
}

static void test_null_and_absent(void **state)
{
    (void)state;
    gt_deployment *d = one("\"metadata\":\"m\",\"description\":null,", "zmount", "{\"size\":5}", "");
    check_edit(d, "null-as-null", "description", "null", "");
    gt_deployment_free(d);
    d = one("\"description\":\"x\",", "zmount", "{\"size\":5}", "");
    check_edit(d, "absent-as-undefined", "metadata", "undefined", "");
    gt_deployment_free(d);
}

static void test_values_as_written(void **state)
{
    (void)state;
    gt_deployment *d = plain("zmount", "{\"size\":9007199254740993}");
    check_edit(d, "number-rounded", "workloads[0].data.size", "9007199254740992", "");
    gt_deployment_free(d);
    d = plain("zmachine", "{\"flist\":\"f\",\"network\":{\"interfaces\":[{\"network\":\"n\",\"ip\":\"::FFFF:10.1.2.3\"}]},"
                          "\"compute_capacity\":{\"cpu\":1,\"memory\":1024}}");
    check_edit(d, "ip-as-written", "workloads[0].data.network.interfaces[0].ip", "::FFFF:10.1.2.3", "");
    gt_deployment_free(d);
    d = plain("network", "{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.2.0/24\",\"wireguard_private_key\":\"k\","
                         "\"wireguard_listen_port\":1,\"mycelium\":{\"hex_key\":\"00AAbb\"}}");
    check_edit(d, "hex-as-written", "workloads[0].data.mycelium.hex_key", "00AAbb", "");
    gt_deployment_free(d);
    d = one("\"metadata\":\"\",\"description\":\"\",", "zmount", "{\"size\":5}", "polka-wallet");
    check_edit(d, "signature-style-omitted", "signature_requirement.signature_style", "", "");
    gt_deployment_free(d);
}

static void test_data_keys_as_javascript(void **state)
{
    (void)state;
    /* Go folds "Size" into size and takes it last; JSON.parse keeps size = 7 */
    gt_deployment *d = plain("zmount", "{\"size\":7,\"Size\":5}");
    check_edit(d, "data-keys-as-javascript", "workloads[0].data.size", "7", "");
    gt_deployment_free(d);
    /* Go merges a repeated object; JSON.parse keeps the last one whole */
    d = plain("zmachine", "{\"flist\":\"f\",\"compute_capacity\":{\"cpu\":2,\"memory\":1024},"
                          "\"compute_capacity\":{\"memory\":2048}}");
    check_edit(d, "data-keys-as-javascript", "workloads[0].data.compute_capacity.cpu", "0", "");
    gt_deployment_free(d);
}

static void test_older_node_rules(void **state)
{
    (void)state;
    gt_deployment *d = plain("network-light", nl_full);
    const edit v3_14[] = {{"workloads[0].data.ip_range", ""},
                          {"workloads[0].data.wireguard_private_key", ""},
                          {"workloads[0].data.wireguard_listen_port", ""},
                          {"workloads[0].data.peers[", ""}};
    size_t len;
    char *want = build(d, v3_14, 4, "", &len);
    check(d, "rules-before-v3.14-network-light", NULL, want, len);
    free(want);
    gt_deployment_free(d);

    d = plain("network", "{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.2.0/24\",\"wireguard_private_key\":\"k\","
                         "\"wireguard_listen_port\":1,\"mycelium\":{\"hex_key\":\"00aa\",\"peers\":[\"p1\"]}}");
    const edit v3_10[] = {{"workloads[0].data.mycelium.hex_key", ""}, {"workloads[0].data.mycelium.peers[", ""}};
    want = build(d, v3_10, 2, "", &len);
    check(d, "rules-before-v3.10-mycelium", NULL, want, len);
    free(want);
    gt_deployment_free(d);

    d = plain("zmachine", "{\"flist\":\"f\",\"compute_capacity\":{\"cpu\":1,\"memory\":1024},\"gpu\":[\"0000:0e:00.0/1002/744c\"]}");
    check_edit(d, "rules-before-v3.8-gpu", "workloads[0].data.gpu[", "", "");
    gt_deployment_free(d);

    d = plain("gateway-name-proxy", "{\"name\":\"shop\",\"backends\":[\"http://1.2.3.4:80\"],\"network\":\"net\"}");
    check_edit(d, "rules-before-v3.7-gateway-network", "workloads[0].data.network", "", "");
    gt_deployment_free(d);

    d = plain("zmount", "{\"size\":5}");
    check_edit(d, "rules-before-v3.6-no-name", "workloads[0].name", "", "");
    gt_deployment_free(d);
}

static void test_slips(void **state)
{
    (void)state;
    gt_deployment *d = plain("ip", "{\"v4\":true,\"v6\":false}");
    check_edit(d, "trailing-crlf", NULL, NULL, "\r\n");
    check_edit(d, "trailing-newline", NULL, NULL, "\n");
    const edit bools[] = {{"workloads[0].data.v4", "True"},
                          {"workloads[0].data.v6", "False"},
                          {"signature_requirement.requests[0].required", "False"}};
    size_t len;
    char *want = build(d, bools, 3, "", &len);
    check(d, "python-bool", NULL, want, len);
    free(want);
    gt_deployment_free(d);

    /* one field written as a float: found with its field */
    d = plain("zmount", "{\"size\":4294967296}");
    want = build(d, &(edit){"workloads[0].data.size", "4294967296.0"}, 1, "", &len);
    check(d, "python-float", "workloads[0].data.size", want, len);
    free(want);

    /* the hex of the hash, hashed again */
    char hex[33];
    gt_error err;
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    check(d, "hash-of-hex-hash", NULL, hex, 32);
    gt_deployment_free(d);
}

/* Two divergences at once are found as a pair; the catalogue's data is complete. */
static void test_pairs_and_catalogue(void **state)
{
    (void)state;
    gt_deployment *d = plain("network-light", nl_bare);
    const edit both[] = {{"workloads[0].data.ip_range", "undefined"},
                         {"workloads[0].data.wireguard_listen_port", "undefined"}};
    size_t len;
    char *want = build(d, both, 2, "\r\n", &len);
    char h[33];
    md5_hex(want, len, h);
    gt_divergence_result *r;
    gt_error err;
    assert_int_equal(gt_divergence_search(d, h, 32, &r, &err), GT_OK);
    /* three at once, not all of one client: beyond the search's bound, so no match, and
     * no more candidates tried than the bound allows */
    assert_int_equal(r->nmatches, 0);
    size_t e = r->applicable, fields = 32;
    assert_true(r->tried <= e + fields + e * (e - 1) / 2 + 2);
    gt_divergence_result_free(r);
    free(want);
    want = build(d, both, 2, "", &len);
    md5_hex(want, len, h);
    assert_int_equal(gt_divergence_search(d, h, 32, &r, &err), GT_OK);
    bool pair = false;
    for (size_t i = 0; i < r->nmatches; i++)
        pair |= r->matches[i].nentries == 2 &&
                r->matches[i].entries[0] == gt_divergence_find("nl-ip-range-undefined") &&
                r->matches[i].entries[1] == gt_divergence_find("nl-port-undefined");
    assert_true(pair);
    gt_divergence_result_free(r);
    free(want);

    /* their hash is ours; a bad hash */
    assert_int_equal(gt_deployment_challenge_hash_hex(d, h, &err), GT_OK);
    assert_int_equal(gt_divergence_search(d, h, 32, &r, &err), GT_OK);
    assert_true(r->equal);
    assert_int_equal(r->nmatches, 0);
    gt_divergence_result_free(r);
    r = (gt_divergence_result *)1;
    assert_int_equal(gt_divergence_search(d, "12z4", 4, &r, &err), GT_EVALUE);
    assert_null(r);
    assert_int_equal(err.offset, 2);
    gt_deployment_free(d);

    for (size_t i = 0; i < gt_divergence_count(); i++) {
        const gt_divergence *dv = gt_divergence_get(i);
        assert_non_null(dv->name);
        assert_true(strlen(dv->rule) > 10);
        assert_true(strlen(dv->versions) > 5);
        assert_int_equal(gt_divergence_find(dv->name), i);
    }
    assert_null(gt_divergence_get(gt_divergence_count()));

    /* docs/DIVERGENCES.md documents every entry */
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/DIVERGENCES.md", GT_SOURCE_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char doc[65536];
    size_t dl = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[dl] = '\0';
    for (size_t i = 0; i < gt_divergence_count(); i++) {
        char row[128];
        snprintf(row, sizeof row, "| `%s` |", gt_divergence_get(i)->name);
        if (!strstr(doc, row))
            fail_msg("docs/DIVERGENCES.md has no row for %s", gt_divergence_get(i)->name);
    }
    assert_int_equal(gt_divergence_find("no-such-entry"), SIZE_MAX);
    assert_string_equal(gt_divergence_kind_name(GT_DIVERGENCE_CLIENT), "client");
    assert_string_equal(gt_divergence_kind_name(GT_DIVERGENCE_NODE_RULES), "node-rules");
    assert_string_equal(gt_divergence_kind_name(GT_DIVERGENCE_SLIP), "slip");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_network_light_client),
        cmocka_unit_test(test_null_and_absent),
        cmocka_unit_test(test_values_as_written),
        cmocka_unit_test(test_data_keys_as_javascript),
        cmocka_unit_test(test_older_node_rules),
        cmocka_unit_test(test_slips),
        cmocka_unit_test(test_pairs_and_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
