/* Deployment operations: challenge text, hash, map, validation with paths, capacity,
 * encoding, queries, set_error, results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes/deployment.h"
#include "gridtypes/workload_type.h"
#include "gridtypes/zos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *small =
    "{\"version\":0,\"twin_id\":7,\"contract_id\":99,\"metadata\":\"meta\",\"description\":\"desc\","
    "\"expiration\":0,\"signature_requirement\":{\"requests\":[{\"twin_id\":7,\"required\":true,\"weight\":1}],"
    "\"weight_required\":1,\"signatures\":[],\"signature_style\":\"\"},"
    "\"workloads\":[{\"version\":0,\"name\":\"disk\",\"type\":\"zmount\",\"data\":{\"size\":1073741824},"
    "\"metadata\":\"\",\"description\":\"\"}]}";

static gt_deployment *parse(const char *json)
{
    gt_deployment *d = NULL;
    gt_error err;
    int rc = gt_deployment_parse(json, strlen(json), &d, &err);
    if (rc != GT_OK)
        fail_msg("parse failed: %s", err.message);
    return d;
}

static void test_challenge_text_and_hash(void **state)
{
    (void)state;
    gt_deployment *d = parse(small);
    char *text;
    size_t len;
    gt_error err;
    assert_int_equal(gt_deployment_challenge(d, &text, &len, &err), GT_OK);
    /* version, twin, metadata, description, expiration; the workload; the requirement
     * (contract id left out on purpose by the reference) */
    assert_string_equal(text, "07metadesc00diskzmount10737418247true11");
    free(text);
    char hex[GT_HASH_HEX_SIZE];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    assert_string_equal(hex, "808550f868579d9ffd33d9e318f9d10a");
    gt_deployment_free(d);
}

typedef struct joined {
    char text[512];
    size_t len;
    char paths[32][96];
    int n;
} joined;

static void collect(void *ctx, const char *path, const uint8_t *bytes, size_t len)
{
    joined *j = ctx;
    memcpy(j->text + j->len, bytes, len);
    j->len += len;
    if (j->n < 32)
        snprintf(j->paths[j->n++], sizeof j->paths[0], "%s", path);
}

static void test_challenge_map_joins_to_text(void **state)
{
    (void)state;
    gt_deployment *d = parse(small);
    joined j = {{0}, 0, {{0}}, 0};
    gt_error err;
    assert_int_equal(gt_deployment_challenge_map(d, collect, &j, &err), GT_OK);
    j.text[j.len] = '\0';
    assert_string_equal(j.text, "07metadesc00diskzmount10737418247true11");
    bool seen_size = false, seen_weight = false;
    for (int i = 0; i < j.n; i++) {
        seen_size |= strcmp(j.paths[i], "workloads[0].data.size") == 0;
        seen_weight |= strcmp(j.paths[i], "signature_requirement.requests[0].weight") == 0;
    }
    assert_true(seen_size);
    assert_true(seen_weight);
    gt_deployment_free(d);
}

static void test_data_errors_surface_late(void **state)
{
    (void)state;
    gt_error err;
    /* bad data decodes at parse time, fails at challenge, validation and capacity */
    gt_deployment *d = parse("{\"twin_id\":1,\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":-1}}]}");
    char hex[GT_HASH_HEX_SIZE];
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_EDATA);
    assert_non_null(strstr(err.message, "failed to load data into object of type '*zos.ZMount'"));
    assert_string_equal(err.path, "workloads[0].data.size");
    assert_int_equal(err.offset, 69); /* of the whole document: the "-1" */
    assert_int_equal(gt_deployment_valid(d, &err), GT_EDATA);
    gt_capacity cap;
    assert_int_equal(gt_workload_capacity(d, 0, &cap, &err), GT_EDATA);
    gt_deployment_free(d);
    /* data null: the reference panics */
    d = parse("{\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":null}]}");
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_EPANIC);
    gt_deployment_free(d);
    /* unknown type */
    d = parse("{\"workloads\":[{\"name\":\"a\",\"type\":\"container\",\"data\":{}}]}");
    assert_int_equal(gt_deployment_valid(d, &err), GT_EDATA);
    assert_string_equal(err.message, "invalid reservation type 'container'");
    gt_deployment_free(d);
}

static void test_validation_paths(void **state)
{
    (void)state;
    gt_error err;
    gt_deployment *d = parse(
        "{\"version\":1,\"workloads\":[{\"version\":1,\"name\":\"vm\",\"type\":\"zmachine\",\"data\":"
        "{\"network\":{\"interfaces\":[{\"network\":\"n\",\"ip\":\"10.0.0.2\"}]},"
        "\"compute_capacity\":{\"cpu\":0,\"memory\":1073741824}}}]}");
    assert_int_equal(gt_deployment_valid(d, &err), GT_EINVALID);
    assert_string_equal(err.message, "cpu capacity can't be 0");
    assert_string_equal(err.path, "workloads[0].data.compute_capacity.cpu");
    gt_deployment_free(d);

    d = parse("{\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}},"
              "{\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}}]}");
    assert_int_equal(gt_deployment_valid(d, &err), GT_EINVALID);
    assert_string_equal(err.message, "multiple workloads with the same name 'a'");
    assert_string_equal(err.path, "workloads[1].name");
    gt_deployment_free(d);

    d = parse("{\"workloads\":[{\"version\":1,\"name\":\"a\",\"type\":\"zmount\",\"data\":{\"size\":1}}]}");
    assert_int_equal(gt_deployment_valid(d, &err), GT_EINVALID);
    assert_string_equal(err.message, "workload 'a' version '1' cannot be higher than deployment version '0'");
    gt_deployment_free(d);
}

static void test_public_ip_quirk(void **state)
{
    (void)state;
    gt_error err;
    /* a public_ip naming a non-IP workload ends the VM's validation successfully in
     * the reference (it wraps a nil error), even with a reserved network name */
    gt_deployment *d = parse(
        "{\"workloads\":[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":1}},"
        "{\"name\":\"vm\",\"type\":\"zmachine\",\"data\":{\"network\":{\"public_ip\":\"d\",\"interfaces\":"
        "[{\"network\":\"ygg\",\"ip\":\"10.0.0.2\"}]},\"compute_capacity\":{\"cpu\":1,\"memory\":1073741824}}}]}");
    assert_int_equal(gt_deployment_valid(d, &err), GT_OK);
    gt_deployment_free(d);
}

static void test_capacity(void **state)
{
    (void)state;
    gt_error err;
    gt_deployment *d = parse(
        "{\"workloads\":[{\"name\":\"vm\",\"type\":\"zmachine\",\"data\":{\"size\":0,"
        "\"compute_capacity\":{\"cpu\":2,\"memory\":4294967296}}},"
        "{\"name\":\"q\",\"type\":\"qsfs\",\"data\":{\"cache\":5}},"
        "{\"name\":\"z\",\"type\":\"zdb\",\"data\":{\"size\":9}},"
        "{\"name\":\"ip\",\"type\":\"ip\",\"data\":{\"v4\":true}}]}");
    gt_capacity c;
    assert_int_equal(gt_workload_capacity(d, 0, &c, &err), GT_OK);
    assert_int_equal(c.cru, 2);
    assert_int_equal(c.mru, 4294967296ull);
    assert_int_equal(c.sru, 2 * GT_GB); /* cpu*mem >= 8 GiB: 2 GiB minimum root */
    assert_int_equal(gt_workload_capacity(d, 1, &c, &err), GT_OK);
    assert_int_equal(c.cru, 1);
    assert_int_equal(c.mru, GT_GB);
    assert_int_equal(c.sru, 5);
    assert_int_equal(gt_workload_capacity(d, 2, &c, &err), GT_OK);
    assert_int_equal(c.hru, 9);
    assert_int_equal(gt_workload_capacity(d, 3, &c, &err), GT_OK);
    assert_int_equal(c.ipv4u, 1);
    gt_deployment_free(d);
}

static void test_encode_like_go(void **state)
{
    (void)state;
    gt_deployment *d = parse("{\"twin_id\":1,\"metadata\":\"<a&b>\\u2028\",\"workloads\":[{\"name\":\"a\","
                             "\"data\": { \"x\" : \"<\" } }]}");
    char *out;
    size_t len;
    gt_error err;
    assert_int_equal(gt_deployment_encode(d, &out, &len, &err), GT_OK);
    assert_string_equal(out, "{\"version\":0,\"twin_id\":1,\"contract_id\":0,\"metadata\":\"\\u003ca\\u0026b\\u003e\\u2028\","
                             "\"description\":\"\",\"expiration\":0,\"signature_requirement\":{\"requests\":null,"
                             "\"weight_required\":0,\"signatures\":null,\"signature_style\":\"\"},\"workloads\":[{"
                             "\"version\":0,\"name\":\"a\",\"type\":\"\",\"data\":{\"x\":\"\\u003c\"},\"metadata\":\"\","
                             "\"description\":\"\",\"result\":{\"created\":0,\"state\":\"\",\"message\":\"\",\"data\":null}}]}");
    free(out);
    gt_deployment_free(d);
}

static void test_queries(void **state)
{
    (void)state;
    gt_error err;
    gt_deployment *d = parse("{\"twin_id\":3,\"contract_id\":4,\"workloads\":["
                             "{\"name\":\"net\",\"type\":\"network\",\"result\":{\"state\":\"deleted\"}},"
                             "{\"name\":\"bad name\",\"type\":\"network\",\"result\":{\"state\":\"error\"}},"
                             "{\"name\":\"vm\",\"type\":\"zmachine\",\"result\":{\"state\":\"ok\",\"created\":5}}]}");
    const gt_workload *wl;
    assert_int_equal(gt_deployment_get(d, "vm", 2, &wl, &err), GT_OK);
    assert_int_equal(wl->type.len, 8);
    assert_int_equal(gt_deployment_get(d, "nope", 4, &wl, &err), GT_ENOTFOUND);
    assert_int_equal(gt_deployment_get(d, "bad name", 8, &wl, &err), GT_EINVALID);
    assert_int_equal(gt_deployment_get_type(d, "vm", 2, "network", &wl, &err), GT_EINVALID);
    size_t idx[4];
    const char *types[] = {"network"};
    assert_int_equal(gt_deployment_by_type(d, types, 1, idx, 4), 1); /* invalid names skipped */
    assert_int_equal(idx[0], 0);
    assert_int_equal(gt_deployment_shareables(d, idx, 4), 1);
    assert_true(gt_deployment_is_active(d));
    assert_true(gt_workload_is_result(&d->workloads.items[2], GT_STATE_OK));
    assert_false(gt_workload_is_result(&d->workloads.items[0], GT_STATE_OK));
    gt_result r = {7, {"ok", 2}, {"", 0}, {"null", 4}};
    gt_workload copy = gt_workload_with_results(&d->workloads.items[0], &r);
    assert_int_equal(copy.result.created, 7);
    assert_int_equal(d->workloads.items[0].result.created, 0);
    assert_int_equal(gt_deployment_set_error(d, "boom"), GT_OK);
    assert_false(gt_deployment_is_active(d));
    char *bytes;
    size_t n;
    assert_int_equal(gt_result_bytes(&d->workloads.items[2].result, &bytes, &n), GT_OK);
    assert_string_equal(bytes, "errorboom");
    free(bytes);
    gt_deployment_free(d);
}

static void test_build_from_scratch(void **state)
{
    (void)state;
    gt_deployment *d = gt_deployment_new();
    assert_non_null(d);
    d->twin_id = 7;
    d->metadata = gt_deployment_strdup(d, "meta", 4);
    d->description = gt_deployment_strdup(d, "desc", 4);
    d->signature_requirement.weight_required = 1;
    assert_int_equal(gt_deployment_add_request(d, 7, true, 1), GT_OK);
    gt_zmount disk = {1073741824};
    char *data;
    size_t len;
    assert_int_equal(gt_workload_type_encode(&gt_type_zmount, &disk, &data, &len), GT_OK);
    assert_string_equal(data, "{\"size\":1073741824}");
    assert_non_null(gt_deployment_add_workload(d, "disk", "zmount", data, len));
    free(data);
    char hex[GT_HASH_HEX_SIZE];
    gt_error err;
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    assert_string_equal(hex, "808550f868579d9ffd33d9e318f9d10a"); /* same as the parsed one */
    assert_int_equal(gt_deployment_valid(d, &err), GT_OK);
    gt_deployment_free(d);
}

static void test_parse_limits_and_args(void **state)
{
    (void)state;
    gt_deployment *d;
    gt_error err;
    gt_parse_options opts = {8, 0};
    assert_int_equal(gt_deployment_parse_ex("{\"twin_id\":1}", 13, &opts, &d, &err), GT_ELIMIT);
    assert_null(d);
    assert_int_equal(gt_deployment_parse(NULL, 3, &d, &err), GT_EARG);
    assert_int_equal(gt_deployment_parse("null", 4, &d, &err), GT_OK); /* zero values, like Go */
    assert_int_equal(d->workloads.len, 0);
    gt_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_challenge_text_and_hash),
        cmocka_unit_test(test_challenge_map_joins_to_text),
        cmocka_unit_test(test_data_errors_surface_late),
        cmocka_unit_test(test_validation_paths),
        cmocka_unit_test(test_public_ip_quirk),
        cmocka_unit_test(test_capacity),
        cmocka_unit_test(test_encode_like_go),
        cmocka_unit_test(test_queries),
        cmocka_unit_test(test_build_from_scratch),
        cmocka_unit_test(test_parse_limits_and_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
