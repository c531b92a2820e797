/* gt_lint: each finding code on a deployment that has exactly that problem, with its path
 * and the input offset it points at; nothing on a deployment in the node's canonical form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char head[] = "{\"version\":0,\"twin_id\":7,\"contract_id\":0,\"metadata\":\"\",\"description\":\"\","
                           "\"expiration\":0,\"signature_requirement\":{\"requests\":[{\"twin_id\":7,\"required\":false,"
                           "\"weight\":1}],\"weight_required\":1,\"signatures\":[],\"signature_style\":\"\"},"
                           "\"workloads\":[";
static const char tail[] = "]}";

/* A workload as Go writes it: every field, in order. */
static void workload(char *out, size_t cap, const char *name, const char *type, const char *data)
{
    snprintf(out, cap,
             "{\"version\":0,\"name\":\"%s\",\"type\":\"%s\",\"data\":%s,\"metadata\":\"\",\"description\":\"\","
             "\"result\":{\"created\":0,\"state\":\"\",\"message\":\"\",\"data\":null}}",
             name, type, data);
}

static const char net[] = "{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.2.0/24\",\"wireguard_private_key\":\"k\","
                          "\"wireguard_listen_port\":1,\"peers\":[]}";

/* A VM on network "n" with interface ip `ip`, public_ip `pip`, mount `mount`. */
static void vm(char *out, size_t cap, const char *ip, const char *pip, const char *mount)
{
    char data[1024];
    snprintf(data, sizeof data,
             "{\"flist\":\"f\",\"network\":{\"public_ip\":\"%s\",\"planetary\":false,\"interfaces\":[{\"network\":\"n\","
             "\"ip\":\"%s\"}]},\"size\":0,\"compute_capacity\":{\"cpu\":1,\"memory\":1073741824},"
             "\"mounts\":[%s],\"entrypoint\":\"\",\"env\":{},\"corex\":false}",
             pip, ip, mount);
    workload(out, cap, "vm", "zmachine", data);
}

static gt_lint_result *lint_of(const char *json, gt_deployment **dp)
{
    gt_deployment *d;
    gt_error err;
    if (gt_deployment_parse(json, strlen(json), &d, &err) != GT_OK)
        fail_msg("parse: %s\n%s", err.message, json);
    gt_lint_result *r;
    assert_int_equal(gt_lint(d, &r, &err), GT_OK);
    *dp = d;
    return r;
}

/* The deployment of workloads w[0..n) (JSON texts, comma-joined), with `head` patched by
 * replacing `from` with `to` when given. */
static char *doc(const char *const *w, size_t n, const char *from, const char *to)
{
    char *s = malloc(16384);
    size_t k = 0;
    const char *h = head;
    char patched[1024];
    if (from) {
        const char *at = strstr(head, from);
        assert_non_null(at);
        snprintf(patched, sizeof patched, "%.*s%s%s", (int)(at - head), head, to, at + strlen(from));
        h = patched;
    }
    k += (size_t)snprintf(s + k, 16384 - k, "%s", h);
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, 16384 - k, "%s%s", i ? "," : "", w[i]);
    snprintf(s + k, 16384 - k, "%s", tail);
    return s;
}

/* Exactly one finding, of `code` at `path`, pointing at the first occurrence of `at` in
 * the document (NULL: no offset check). */
static void expect_one(const char *json, const char *code, const char *path, const char *at)
{
    gt_deployment *d;
    gt_lint_result *r = lint_of(json, &d);
    if (r->n != 1)
        fail_msg("%s: %zu findings (first: %s %s)", code, r->n, r->n ? r->findings[0].code : "",
                 r->n ? r->findings[0].path : "");
    assert_string_equal(r->findings[0].code, code);
    assert_string_equal(r->findings[0].path, path);
    assert_true(strlen(r->findings[0].message) > 10);
    assert_true(strlen(r->findings[0].fix) > 5);
    if (at) {
        const char *p = strstr(json, at);
        assert_non_null(p);
        assert_int_equal(r->findings[0].offset, (size_t)(p - json));
    }
    gt_lint_result_free(r);
    gt_deployment_free(d);
}

static void test_canonical_is_silent(void **state)
{
    (void)state;
    char n[1024], v[2048], disk[512], ip[512];
    workload(n, sizeof n, "n", "network", net);
    vm(v, sizeof v, "10.1.2.5", "pip", "{\"name\":\"disk\",\"mountpoint\":\"/d\"}");
    workload(disk, sizeof disk, "disk", "zmount", "{\"size\":1073741824}");
    workload(ip, sizeof ip, "pip", "ip", "{\"v4\":true,\"v6\":false}");
    const char *w[] = {n, disk, ip, v};
    char *json = doc(w, 4, NULL, NULL);
    gt_deployment *d;
    gt_lint_result *r = lint_of(json, &d);
    if (r->n)
        fail_msg("%s at %s: %s", r->findings[0].code, r->findings[0].path, r->findings[0].message);
    gt_lint_result_free(r);
    gt_deployment_free(d);
    free(json);
}

static void test_canonical_forms(void **state)
{
    (void)state;
    char n[1024], v[2048], z[512];
    workload(n, sizeof n, "n", "network", net);
    vm(v, sizeof v, "::ffff:10.1.2.5", "", "");
    const char *w1[] = {n, v};
    char *json = doc(w1, 2, NULL, NULL);
    expect_one(json, "ip-not-canonical", "workloads[1].data.network.interfaces[0].ip", "\"::ffff:");
    free(json);

    workload(n, sizeof n, "n", "network",
             "{\"ip_range\":\"10.1.0.0/16\",\"subnet\":\"10.1.2.0/24\",\"wireguard_private_key\":\"k\","
             "\"wireguard_listen_port\":1,\"peers\":[],\"mycelium\":{\"hex_key\":\"00AA\",\"peers\":[]}}");
    const char *w2[] = {n};
    json = doc(w2, 1, NULL, NULL);
    expect_one(json, "hex-not-lower-case", "workloads[0].data.mycelium.hex_key", "\"00AA\"");
    free(json);

    workload(z, sizeof z, "z", "zmount", "{\"size\":9007199254740993}");
    const char *w3[] = {z};
    json = doc(w3, 1, NULL, NULL);
    expect_one(json, "integer-above-2^53", "workloads[0].data.size", "9007199254740993");
    free(json);

    json = doc(w3, 0, "\"description\":\"\"", "\"description\":null");
    expect_one(json, "null-field", "description", "null");
    free(json);

    json = doc(w3, 0, "\"metadata\":\"\",", "");
    expect_one(json, "absent-field", "metadata", NULL);
    free(json);
}

static void test_keys(void **state)
{
    (void)state;
    char z[512];
    workload(z, sizeof z, "z", "zmount", "{\"Size\":5}");
    const char *w[] = {z};
    char *json = doc(w, 1, NULL, NULL);
    expect_one(json, "key-case", "workloads[0].data.size", "5}");
    free(json);
    workload(z, sizeof z, "z", "zmount", "{\"size\":5,\"size\":6}");
    json = doc(w, 1, NULL, NULL);
    expect_one(json, "duplicate-key", "workloads[0].data.size", "6}");
    free(json);
    json = doc(w, 0, "\"twin_id\":7,\"contract_id\"", "\"twin_id\":7,\"twin_id\":7,\"contract_id\"");
    expect_one(json, "duplicate-key", "twin_id", "7,\"contract_id\"");
    free(json);
}

static void test_signature_requirement(void **state)
{
    (void)state;
    char *json = doc(NULL, 0, "{\"twin_id\":7,\"required\"", "{\"twin_id\":8,\"required\"");
    expect_one(json, "owner-not-requested", "signature_requirement.requests", "[{\"twin_id\":8");
    free(json);
    json = doc(NULL, 0, "\"weight_required\":1", "\"weight_required\":3");
    expect_one(json, "weight-unreachable", "signature_requirement.weight_required", "3,\"signatures\"");
    free(json);
}

static void test_references(void **state)
{
    (void)state;
    char n[1024], v[2048], z[512];
    workload(n, sizeof n, "n", "network", net);
    vm(v, sizeof v, "10.1.9.5", "", "");
    const char *w1[] = {n, v};
    char *json = doc(w1, 2, NULL, NULL);
    expect_one(json, "ip-outside-subnet", "workloads[1].data.network.interfaces[0].ip", "\"10.1.9.5\"");
    free(json);

    vm(v, sizeof v, "10.1.2.5", "", "{\"name\":\"nodisk\",\"mountpoint\":\"/d\"}");
    const char *w2[] = {n, v};
    json = doc(w2, 2, NULL, NULL);
    expect_one(json, "reference-missing", "workloads[1].data.mounts[0].name", "\"nodisk\"");
    free(json);

    /* the disk named is a network; the public IP names a zmount */
    workload(z, sizeof z, "z", "zmount", "{\"size\":1073741824}");
    vm(v, sizeof v, "10.1.2.5", "z", "");
    const char *w3[] = {n, z, v};
    json = doc(w3, 3, NULL, NULL);
    expect_one(json, "reference-wrong-type", "workloads[2].data.network.public_ip", "\"z\",\"planetary\"");
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_is_silent),
        cmocka_unit_test(test_canonical_forms),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_signature_requirement),
        cmocka_unit_test(test_references),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
