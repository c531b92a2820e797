/* Names, workload ids, Unique and NetworkID. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes/ids.h"

#include <string.h>

static void test_names(void **state)
{
    (void)state;
    gt_error err;
    assert_int_equal(gt_name_valid("A_b_9", 5, &err), GT_OK);
    assert_int_equal(gt_name_valid("YGG", 3, &err), GT_OK);
    assert_int_equal(gt_name_valid("", 0, &err), GT_EINVALID);
    assert_string_equal(err.message, "name cannot be empty");
    assert_int_equal(gt_name_valid("ygg", 3, &err), GT_EINVALID);
    assert_string_equal(err.message, "invalid name 'ygg' is reserved");
    assert_int_equal(gt_name_valid("a-b", 3, &err), GT_EINVALID);
    assert_string_equal(err.message, "unsupported character in workload name");
    assert_int_equal(gt_name_valid("abc\n", 4, &err), GT_EINVALID); /* RE2's $ is end of text */
    char long_name[38];
    memset(long_name, 'x', 37);
    assert_int_equal(gt_name_valid(long_name, 36, &err), GT_OK);
    assert_int_equal(gt_name_valid(long_name, 37, &err), GT_EINVALID);
    assert_string_equal(err.message, "name cannot exceed 36 characters");
}

static void test_ids(void **state)
{
    (void)state;
    char id[GT_WORKLOAD_ID_MAX];
    gt_error err;
    assert_int_equal(gt_workload_id(4294967295u, 18446744073709551615ull, "a", 1, id, sizeof id, &err), GT_OK);
    assert_string_equal(id, "4294967295-18446744073709551615-a");
    assert_int_equal(gt_workload_id(1, 2, "a b", 3, id, sizeof id, &err), GT_EINVALID);
    char u[GT_UNIQUE_SIZE];
    /* values from the reference (ids.jsonl of the corpus) */
    gt_workload_id_unique("4294967295-617478-vm1", 21, "x", 1, u);
    assert_string_equal(u, "JibfU3xRyXXc5");
    gt_workload_id_unique("4294967295-617478-vm1", 21, "", 0, u);
    assert_string_equal(u, "4Qai2nobjtgLg");
    gt_network_id(4294967295u, "vm1", 3, u);
    assert_string_equal(u, "4bUxcHWVCLo6B");
    uint32_t twin;
    uint64_t contract;
    gt_str name;
    assert_int_equal(gt_workload_id_parts("12-34-net", 9, &twin, &contract, &name, &err), GT_OK);
    assert_int_equal(twin, 12);
    assert_int_equal(contract, 34);
    assert_int_equal(name.len, 3);
    assert_int_equal(gt_workload_id_parts("12-x", 4, &twin, &contract, &name, &err), GT_EINVALID);
    uint32_t dep;
    assert_int_equal(gt_deployment_id_parts("12-34", 5, &twin, &dep, &err), GT_OK);
    assert_int_equal(dep, 34);
    assert_int_equal(gt_deployment_id_parts("12-", 3, &twin, &dep, &err), GT_EINVALID);
    char path[32];
    assert_int_equal(gt_id_to_path("12-34-net", 9, path, sizeof path, &err), GT_OK);
    assert_string_equal(path, "12/34/net");
    assert_int_equal(gt_id_to_path("", 0, path, sizeof path, &err), GT_EPANIC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
