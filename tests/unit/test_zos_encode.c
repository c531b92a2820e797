/* The zos data structs encode like the reference's json.Marshal (MustMarshal): Go field
 * order, omitempty on optional pointers and lists, hex for bytes, nets as text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes/zos.h"

#include <stdlib.h>
#include <string.h>

static void expect(const gt_workload_type *t, const void *data, const char *want)
{
    char *out;
    size_t len;
    assert_int_equal(gt_workload_type_encode(t, data, &out, &len), GT_OK);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    free(out);
}

static void test_zero_values(void **state)
{
    (void)state;
    gt_network net = {0};
    expect(&gt_type_network, &net,
           "{\"ip_range\":\"\",\"subnet\":\"\",\"wireguard_private_key\":\"\",\"wireguard_listen_port\":0,\"peers\":null}");
    gt_network_light nl = {0};
    expect(&gt_type_network_light, &nl,
           "{\"subnet\":\"\",\"mycelium\":{\"hex_key\":\"\",\"peers\":null},\"ip_range\":\"\","
           "\"wireguard_private_key\":\"\",\"wireguard_listen_port\":0,\"peers\":null}");
    gt_zmachine vm = {0};
    expect(&gt_type_zmachine, &vm,
           "{\"flist\":\"\",\"network\":{\"public_ip\":\"\",\"planetary\":false,\"interfaces\":null},\"size\":0,"
           "\"compute_capacity\":{\"cpu\":0,\"memory\":0},\"mounts\":null,\"entrypoint\":\"\",\"env\":null,"
           "\"corex\":false}");
    gt_gateway_name_proxy gw = {0};
    expect(&gt_type_gateway_name, &gw, "{\"tls_passthrough\":false,\"backends\":null,\"name\":\"\"}");
    gt_qsfs q = {0};
    expect(&gt_type_qsfs, &q,
           "{\"cache\":0,\"config\":{\"minimal_shards\":0,\"expected_shards\":0,\"redundant_groups\":0,"
           "\"redundant_nodes\":0,\"max_zdb_data_dir_size\":0,\"encryption\":{\"algorithm\":\"\",\"key\":\"\"},"
           "\"meta\":{\"type\":\"\",\"config\":{\"prefix\":\"\",\"encryption\":{\"algorithm\":\"\",\"key\":\"\"},"
           "\"backends\":null}},\"groups\":null,\"compression\":{\"algorithm\":\"\"}}}");
    gt_zdb z = {0};
    expect(&gt_type_zdb, &z, "{\"size\":0,\"mode\":\"\",\"password\":\"\",\"public\":false}");
    gt_public_ipv4 v4 = {0};
    expect(&gt_type_ipv4, &v4, "{}");
    gt_zlogs zl = {0};
    expect(&gt_type_zlogs, &zl, "{\"zmachine\":\"\",\"output\":\"\"}");
}

static void test_filled_values(void **state)
{
    (void)state;
    gt_mycelium_ip myc = {GT_STR("net"), {(const uint8_t *)"\x01\x02\x03\x04\x05\xab", 6, true}};
    gt_machine_interface ifc = {GT_STR("net"), {16, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3}}};
    gt_kv env[2] = {{GT_STR("B"), GT_STR("<2>")}, {GT_STR("A"), GT_STR("1")}};
    gt_str gpu = GT_STR("0000:28:00.0/1002/731f");
    gt_zmachine vm = {0};
    vm.flist = GT_STR("https://hub/x.flist");
    vm.network.mycelium = &myc;
    vm.network.interfaces.items = &ifc;
    vm.network.interfaces.len = 1;
    vm.network.interfaces.set = true;
    vm.compute_capacity.cpu = 2;
    vm.compute_capacity.memory = 2 * GT_GB;
    vm.env.items = env;
    vm.env.len = 2;
    vm.env.set = true;
    vm.gpu.items = &gpu;
    vm.gpu.len = 1;
    vm.gpu.set = true;
    expect(&gt_type_zmachine, &vm,
           "{\"flist\":\"https://hub/x.flist\",\"network\":{\"public_ip\":\"\",\"planetary\":false,"
           "\"mycelium\":{\"Network\":\"net\",\"hex_seed\":\"0102030405ab\"},\"interfaces\":[{\"network\":\"net\","
           "\"ip\":\"10.1.2.3\"}]},\"size\":0,\"compute_capacity\":{\"cpu\":2,\"memory\":2147483648},\"mounts\":null,"
           "\"entrypoint\":\"\",\"env\":{\"A\":\"1\",\"B\":\"\\u003c2\\u003e\"},\"corex\":false,"
           "\"gpu\":[\"0000:28:00.0/1002/731f\"]}");
    gt_str netname = GT_STR("n1");
    gt_str backend = GT_STR("http://1.2.3.4:80");
    gt_gateway_fqdn_proxy gw = {true, {&backend, 1, 1, true}, &netname, GT_STR("a.example.com")};
    expect(&gt_type_gateway_fqdn, &gw,
           "{\"tls_passthrough\":true,\"backends\":[\"http://1.2.3.4:80\"],\"network\":\"n1\",\"fqdn\":\"a.example.com\"}");
    gt_network net = {0};
    net.ip_range.ip = (gt_ip){16, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 20, 0, 0}};
    net.ip_range.mask = (gt_ip){4, {255, 255, 0, 0}};
    expect(&gt_type_network, &net,
           "{\"ip_range\":\"10.20.0.0/16\",\"subnet\":\"\",\"wireguard_private_key\":\"\",\"wireguard_listen_port\":0,"
           "\"peers\":null}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_zero_values),
        cmocka_unit_test(test_filled_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
