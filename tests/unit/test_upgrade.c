/* Deployment.Upgrade: operations, version rules, carried-over results. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes/deployment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gt_deployment *parse(const char *json)
{
    gt_deployment *d = NULL;
    gt_error err;
    if (gt_deployment_parse(json, strlen(json), &d, &err) != GT_OK)
        fail_msg("parse: %s", err.message);
    return d;
}

#define WL(v, name, size, extra) \
    "{\"version\":" #v ",\"name\":\"" name "\",\"type\":\"zmount\",\"data\":{\"size\":" #size "}" extra "}"

static void test_add_update_remove(void **state)
{
    (void)state;
    gt_deployment *old = parse("{\"version\":1,\"twin_id\":5,\"contract_id\":6,\"workloads\":["
                               WL(0, "keep", 1, ",\"result\":{\"state\":\"ok\",\"created\":10}") ","
                               WL(1, "upd", 1, "") "," WL(1, "zgone", 1, "") "," WL(0, "agone", 1, "") "]}");
    gt_deployment *nw = parse("{\"version\":2,\"twin_id\":5,\"contract_id\":6,\"workloads\":["
                              WL(0, "keep", 1, "") "," WL(2, "upd", 2, "") "," WL(2, "new", 1, "") "]}");
    gt_upgrade_op *ops;
    size_t n;
    gt_error err;
    assert_int_equal(gt_deployment_upgrade(old, nw, &ops, &n, &err), GT_OK);
    assert_int_equal(n, 4);
    assert_int_equal(ops[0].op, GT_OP_UPDATE);
    assert_string_equal(ops[0].id, "5-6-upd");
    assert_int_equal(ops[1].op, GT_OP_ADD);
    assert_string_equal(ops[1].id, "5-6-new");
    /* removes come last, sorted by name */
    assert_int_equal(ops[2].op, GT_OP_REMOVE);
    assert_string_equal(ops[2].id, "5-6-agone");
    assert_string_equal(ops[3].id, "5-6-zgone");
    assert_string_equal(gt_op_name(ops[3].op), "remove");
    /* the untouched workload got its result from the old deployment */
    assert_int_equal(nw->workloads.items[0].result.created, 10);
    free(ops);
    gt_deployment_free(old);
    gt_deployment_free(nw);
}

static void expect_refusal(const char *old_json, const char *new_json, const char *msg)
{
    gt_deployment *old = parse(old_json), *nw = parse(new_json);
    gt_upgrade_op *ops = NULL;
    size_t n = 0;
    gt_error err;
    assert_int_not_equal(gt_deployment_upgrade(old, nw, &ops, &n, &err), GT_OK);
    assert_null(ops);
    assert_string_equal(err.message, msg);
    gt_deployment_free(old);
    gt_deployment_free(nw);
}

static void test_refusals(void **state)
{
    (void)state;
    expect_refusal("{\"version\":1,\"twin_id\":1}", "{\"version\":3,\"twin_id\":1}",
                   "expecting deployment version 2, got 3");
    expect_refusal("{\"version\":1,\"twin_id\":1}", "{\"version\":2,\"twin_id\":2}",
                   "cannot change deployment or twin id");
    expect_refusal("{\"version\":1,\"workloads\":[" WL(0, "a", 1, "") "]}",
                   "{\"version\":2,\"workloads\":[{\"version\":2,\"name\":\"a\",\"type\":\"volume\",\"data\":{\"size\":1}}]}",
                   "cannot change workload type 'a'");
    expect_refusal("{\"version\":1}", "{\"version\":2,\"workloads\":[" WL(1, "b", 1, "") "]}",
                   "invalid version number for workload 'b' expected '2'");
    expect_refusal("{\"version\":1}", "{\"version\":2,\"workloads\":[" WL(2, "b", 0, "") "]}",
                   "new deployment is invalid: invalid size");
}

static void test_version_wraps(void **state)
{
    (void)state;
    gt_deployment *old = parse("{\"version\":4294967295}"), *nw = parse("{\"version\":0}");
    gt_upgrade_op *ops;
    size_t n;
    gt_error err;
    assert_int_equal(gt_deployment_upgrade(old, nw, &ops, &n, &err), GT_OK); /* uint32 arithmetic */
    assert_int_equal(n, 0);
    free(ops);
    gt_deployment_free(old);
    gt_deployment_free(nw);
}

static void test_ignored_changes_are_reported(void **state)
{
    (void)state;
    gt_deployment *old = parse("{\"version\":1,\"workloads\":[" WL(1, "a", 1, "") "," WL(1, "b", 1, "") ","
                               WL(1, "c", 1, "") "]}");
    /* a: data changed but version kept (ignored by the node); b: only whitespace and key
     * order differ; c: updated properly */
    gt_deployment *nw = parse("{\"version\":2,\"workloads\":[" WL(1, "a", 2, ",\"metadata\":\"m\"") ","
                              "{\"version\":1,\"name\":\"b\",\"type\":\"zmount\",\"data\":{ \"size\" : 1 }},"
                              WL(2, "c", 5, "") "]}");
    gt_upgrade_warning *w;
    size_t n;
    gt_error err;
    assert_int_equal(gt_deployment_upgrade_warnings(old, nw, &w, &n, &err), GT_OK);
    assert_int_equal(n, 1);
    assert_int_equal(w[0].index, 0);
    assert_true(w[0].data_changed);
    assert_true(w[0].metadata_changed);
    assert_false(w[0].description_changed);
    assert_int_equal(w[0].new_version, 1);
    assert_int_equal(w[0].deployment_version, 2);
    free(w);
    gt_deployment_free(old);
    gt_deployment_free(nw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_update_remove),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_version_wraps),
        cmocka_unit_test(test_ignored_changes_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
