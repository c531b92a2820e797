/* The type registry, custom types, and result data. */
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

typedef struct counter {
    uint64_t count;
} counter;
static const gt_field counter_fields[] = {GT_FIELD(counter, count, "count", gt_schema_uint64, 0)};
static const gt_schema counter_schema = {GT_KIND_STRUCT, sizeof(counter), "my.Counter", counter_fields, 1, NULL};

static int counter_challenge(const void *data, gt_chal *c)
{
    gt_chal_u64(c, "count", ((const counter *)data)->count);
    return GT_OK;
}

static int counter_validate(const void *data, gt_validate_ctx *ctx)
{
    if (((const counter *)data)->count > 10)
        return gt_error_set(ctx->err, GT_EINVALID, "too many");
    return GT_OK;
}

static int counter_capacity(const void *data, gt_capacity *out, gt_error *err)
{
    (void)err;
    out->cru = ((const counter *)data)->count;
    return GT_OK;
}

static const gt_workload_type counter_type = {
    .name = "counter",
    .go_name = "*my.Counter",
    .schema = &counter_schema,
    .challenge = counter_challenge,
    .validate = counter_validate,
    .capacity = counter_capacity,
};

static void test_builtins(void **state)
{
    (void)state;
    const gt_workload_type *all[64];
    size_t n = gt_types(all, 64);
    assert_true(n >= 13);
    assert_true(gt_type_is_sharable("network", 7));
    assert_true(gt_type_is_sharable("network-light", 13));
    assert_false(gt_type_is_sharable("zmachine", 8));
    assert_non_null(gt_type_lookup("zlogs", 5));
    assert_null(gt_type_lookup("container", 9));
    /* registering a name twice is refused (the reference panics) */
    assert_int_equal(gt_register_type(&gt_type_zmount), GT_EARG);
}

static void test_custom_type(void **state)
{
    (void)state;
    assert_int_equal(gt_register_type(&counter_type), GT_OK);
    const char *json = "{\"workloads\":[{\"name\":\"c\",\"type\":\"counter\",\"data\":{\"count\":12}}]}";
    gt_deployment *d;
    gt_error err;
    assert_int_equal(gt_deployment_parse(json, strlen(json), &d, &err), GT_OK);
    char *text;
    size_t len;
    assert_int_equal(gt_deployment_challenge(d, &text, &len, &err), GT_OK);
    /* version, twin, expiration; the workload; weight_required */
    assert_string_equal(text, "0000ccounter120");
    free(text);
    assert_int_equal(gt_deployment_valid(d, &err), GT_EINVALID);
    assert_string_equal(err.message, "too many");
    assert_string_equal(err.path, "workloads[0].data");
    gt_capacity cap;
    assert_int_equal(gt_workload_capacity(d, 0, &cap, &err), GT_OK);
    assert_int_equal(cap.cru, 12);
    gt_deployment_free(d);
}

/* Fill the registry to its limit with names that share lengths, first and last bytes
 * (so the index has to probe past each other), then find every one of them, and none of
 * their near misses: a prefix, a longer name, one byte changed, an embedded NUL. */
static void test_many_types(void **state)
{
    (void)state;
    static char names[64][16];
    static gt_workload_type many[64];
    size_t added = 0;
    for (size_t i = 0; i < 64; i++) {
        snprintf(names[i], sizeof names[i], "t%c%02zux", (int)('a' + i % 3), i);
        many[i] = counter_type;
        many[i].name = names[i];
        int rc = gt_register_type(&many[i]);
        if (rc == GT_ELIMIT)
            break;
        assert_int_equal(rc, GT_OK);
        added++;
    }
    const gt_workload_type *all[64];
    assert_int_equal(gt_types(all, 64), 64); /* the limit was reached */
    assert_int_equal(gt_register_type(&gt_type_ip), GT_EARG);
    for (size_t i = 0; i < added; i++) {
        size_t n = strlen(names[i]);
        assert_ptr_equal(gt_type_lookup(names[i], n), &many[i]);
        assert_null(gt_type_lookup(names[i], n - 1));
        char other[20];
        memcpy(other, names[i], n + 1);
        other[n] = 'y';
        assert_null(gt_type_lookup(other, n + 1));
        other[n] = '\0';
        assert_null(gt_type_lookup(other, n + 1)); /* "name\0" is not "name" */
        other[1] = 'z';
        assert_null(gt_type_lookup(other, n));
    }
    /* the built-ins are still found */
    assert_ptr_equal(gt_type_lookup("zmount", 6), &gt_type_zmount);
    assert_ptr_equal(gt_type_lookup("gateway-fqdn-proxy", 18), &gt_type_gateway_fqdn);
    assert_null(gt_type_lookup("", 0));
}

static void test_results(void **state)
{
    (void)state;
    const char *json = "{\"workloads\":["
                       "{\"name\":\"vm\",\"type\":\"zmachine\",\"result\":{\"state\":\"ok\",\"data\":"
                       "{\"id\":\"x\",\"ygg_ip\":\"300::1\",\"planetary_ip\":\"\"}}},"
                       "{\"name\":\"ip\",\"type\":\"ip\",\"result\":{\"data\":{\"ip\":\"1.2.3.4/24\"}}},"
                       "{\"name\":\"d\",\"type\":\"zmount\"}]}";
    gt_deployment *d;
    gt_error err;
    assert_int_equal(gt_deployment_parse(json, strlen(json), &d, &err), GT_OK);
    const void *data;
    assert_int_equal(gt_workload_result_data(d, 0, &data, &err), GT_OK);
    const gt_zmachine_result *vm = data;
    assert_int_equal(vm->planetary_ip.len, 6); /* the old key still counts */
    assert_memory_equal(vm->planetary_ip.ptr, "300::1", 6);
    assert_int_equal(gt_workload_result_data(d, 1, &data, &err), GT_OK);
    assert_int_equal(((const gt_public_ip_result *)data)->ip.mask.len, 4);
    assert_int_equal(gt_workload_result_data(d, 2, &data, &err), GT_ENOTFOUND);
    gt_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtins),
        cmocka_unit_test(test_custom_type),
        cmocka_unit_test(test_results),
        cmocka_unit_test(test_many_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
