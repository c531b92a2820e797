/* net.SplitHostPort (Go 1.19 splitJoinTests / splitFailureTests), strconv.ParseUint base
 * 10, and zos asIpPort against the gateway corpus (deployments 0530-0546). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/gonet.h"

static void split_ok(const char *in, const char *host, const char *port)
{
    size_t ho = 99, hl = 99, po = 99, pl = 99;
    gt_hostport_status st = gt_split_host_port(in, strlen(in), &ho, &hl, &po, &pl);
    if (st != GT_HOSTPORT_OK)
        fail_msg("SplitHostPort(%s) failed: %s", in, gt_hostport_reason(st));
    assert_int_equal(hl, strlen(host));
    assert_memory_equal(in + ho, host, hl);
    assert_int_equal(pl, strlen(port));
    assert_memory_equal(in + po, port, pl);
}

static void split_fail(const char *in, const char *err)
{
    char buf[256];
    gt_gobuf b;
    gt_hostport_status st = gt_split_host_port(in, strlen(in), NULL, NULL, NULL, NULL);
    assert_int_not_equal(st, GT_HOSTPORT_OK);
    gt_gobuf_init(&b, buf, sizeof buf);
    gt_hostport_error(&b, in, strlen(in), st);
    if (strcmp(buf, err) != 0)
        fail_msg("SplitHostPort(%s): %s, want %s", in, buf, err);
}

static void test_split_join_table(void **state)
{
    (void)state;
    split_ok("www.google.com:80", "www.google.com", "80");
    split_ok("127.0.0.1:1234", "127.0.0.1", "1234");
    split_ok("[::1]:80", "::1", "80");
    split_ok("[fe80::1%lo0]:80", "fe80::1%lo0", "80");
    split_ok("[localhost%lo0]:80", "localhost%lo0", "80");
    split_ok(":0", "", "0");
    split_ok("google.com:https%foo", "google.com", "https%foo");
    split_ok("127.0.0.1:", "127.0.0.1", "");
    split_ok("www.google.com:", "www.google.com", "");
    /* Go 1.19 no longer demands brackets around a zone */
    split_ok("localhost%lo0:80", "localhost%lo0", "80");
    split_ok("[]:80", "", "80");
    split_ok(":", "", "");
    split_ok("[::1]:", "::1", "");
    split_ok("a b:c d", "a b", "c d");
}

static void test_split_failure_table(void **state)
{
    (void)state;
    split_fail("www.google.com", "address www.google.com: missing port in address");
    split_fail("127.0.0.1", "address 127.0.0.1: missing port in address");
    split_fail("[::1]", "address [::1]: missing port in address");
    split_fail("[fe80::1%lo0]", "address [fe80::1%lo0]: missing port in address");
    split_fail("[localhost%lo0]", "address [localhost%lo0]: missing port in address");
    split_fail("localhost%lo0", "address localhost%lo0: missing port in address");
    split_fail("::1", "address ::1: too many colons in address");
    split_fail("fe80::1%lo0", "address fe80::1%lo0: too many colons in address");
    split_fail("fe80::1%lo0:80", "address fe80::1%lo0:80: too many colons in address");
    split_fail("[foo:bar]", "address [foo:bar]: missing port in address");
    split_fail("[foo:bar]baz", "address [foo:bar]baz: missing port in address");
    split_fail("[foo]bar:baz", "address [foo]bar:baz: missing port in address");
    split_fail("[foo]:[bar]:baz", "address [foo]:[bar]:baz: too many colons in address");
    split_fail("[foo]:[bar]baz", "address [foo]:[bar]baz: unexpected '[' in address");
    split_fail("foo[bar]:baz", "address foo[bar]:baz: unexpected '[' in address");
    split_fail("foo]bar:baz", "address foo]bar:baz: unexpected ']' in address");
    /* more */
    split_fail("", "missing port in address"); /* empty Addr: no prefix */
    split_fail("[::1:80", "address [::1:80: missing ']' in address");
    split_fail("[::1]80", "address [::1]80: missing port in address");
    split_fail("[::1]:80]", "address [::1]:80]: unexpected ']' in address");
    split_fail("[[::1]:80", "address [[::1]:80: unexpected '[' in address");
    split_fail("http://1.2.3.4:443", "address http://1.2.3.4:443: too many colons in address");
    split_fail("2001:db8::1:8080", "address 2001:db8::1:8080: too many colons in address");
    split_fail("x", "address x: missing port in address");
}

static void test_parse_uint10(void **state)
{
    (void)state;
    uint64_t v = 7;
    assert_true(gt_parse_uint10("0", 1, &v));
    assert_int_equal(v, 0);
    assert_true(gt_parse_uint10("00080", 5, &v));
    assert_int_equal(v, 80);
    assert_true(gt_parse_uint10("18446744073709551615", 20, &v));
    assert_true(v == UINT64_MAX);
    assert_false(gt_parse_uint10("18446744073709551616", 20, &v));
    assert_false(gt_parse_uint10("99999999999999999999", 20, &v));
    assert_false(gt_parse_uint10("", 0, &v));
    assert_false(gt_parse_uint10("+1", 2, &v));
    assert_false(gt_parse_uint10("-1", 2, &v));
    assert_false(gt_parse_uint10("1_000", 5, &v)); /* underscores need base 0 */
    assert_false(gt_parse_uint10("0x10", 4, &v));
    assert_false(gt_parse_uint10(" 1", 2, &v));
    assert_false(gt_parse_uint10("1 ", 2, &v));
    assert_false(gt_parse_uint10("1\0", 2, &v));
    assert_true(gt_parse_uint10("65536", 5, NULL));
}

static void ipport(const char *in, const char *err, const char *ip, unsigned port)
{
    gt_ip addr;
    uint16_t p = 0;
    gt_ipport_err e;
    char buf[256];
    gt_gobuf b;
    int rc = gt_as_ip_port(in, strlen(in), &addr, &p, &e);
    if (!err) {
        if (rc != 0) {
            gt_gobuf_init(&b, buf, sizeof buf);
            gt_as_ip_port_error(&b, in, strlen(in), &e);
            fail_msg("asIpPort(%s): %s", in, buf);
        }
        char ipbuf[64];
        gt_ip_format(&addr, ipbuf);
        assert_string_equal(ipbuf, ip);
        assert_int_equal(p, port);
        return;
    }
    assert_int_equal(rc, -1);
    gt_gobuf_init(&b, buf, sizeof buf);
    gt_as_ip_port_error(&b, in, strlen(in), &e);
    if (strcmp(buf, err) != 0)
        fail_msg("asIpPort(%s): %s, want %s", in, buf, err);
}

static void test_as_ip_port_corpus(void **state)
{
    (void)state;
    ipport("1.2.3.4:443", NULL, "1.2.3.4", 443);
    ipport("[2001:db8::1]:8443", NULL, "2001:db8::1", 8443);
    ipport("[::1]:8080", NULL, "::1", 8080); /* loopback is not checked here */
    ipport("127.0.0.1:443", NULL, "127.0.0.1", 443);
    ipport("1.2.3.4", "failed to parse backend 1.2.3.4 with error: address 1.2.3.4: "
                      "missing port in address", NULL, 0);
    ipport("1.2.3.4:65535", NULL, "1.2.3.4", 65535);
    ipport("1.2.3.4:65536", "port '65536' must be <= 65535", NULL, 0);
    ipport("1.2.3.4:0", NULL, "1.2.3.4", 0);
    ipport("1.2.3.4:-1", "invalid port in backend: -1", NULL, 0);
    ipport("1.2.3.4:", "invalid port in backend: ", NULL, 0);
    ipport("1.2.3.4:https", "invalid port in backend: https", NULL, 0);
    ipport("http://1.2.3.4:443",
           "failed to parse backend http://1.2.3.4:443 with error: address "
           "http://1.2.3.4:443: too many colons in address",
           NULL, 0);
    ipport("example.com:443", "invalid ip", NULL, 0);
    ipport("2001:db8::1:8080",
           "failed to parse backend 2001:db8::1:8080 with error: address 2001:db8::1:8080: "
           "too many colons in address",
           NULL, 0);
    ipport("1.2.3.4:00080", NULL, "1.2.3.4", 80);
    ipport("1.2.3.4:+80", "invalid port in backend: +80", NULL, 0);
    ipport("x", "failed to parse backend x with error: address x: missing port in address",
           NULL, 0);
    ipport("y:z", "invalid ip", NULL, 0);
    /* more */
    ipport("", "failed to parse backend  with error: missing port in address", NULL, 0);
    ipport(":80", "invalid ip", NULL, 0);
    ipport("[1.2.3.4]:80", NULL, "1.2.3.4", 80);
    ipport("[::ffff:1.2.3.4]:80", NULL, "1.2.3.4", 80);
    ipport("[fe80::1%eth0]:80", "invalid ip", NULL, 0);
    ipport("1.2.3.4:18446744073709551615", "port '18446744073709551615' must be <= 65535",
           NULL, 0);
    ipport("1.2.3.4:18446744073709551616", "invalid port in backend: 18446744073709551616",
           NULL, 0);
    ipport("01.2.3.4:80", "invalid ip", NULL, 0);
    ipport("1.2.3.4:8_0", "invalid port in backend: 8_0", NULL, 0);
    ipport("0.0.0.0:1", NULL, "0.0.0.0", 1);

    /* NULL outputs are allowed */
    assert_int_equal(gt_as_ip_port("1.2.3.4:1", 9, NULL, NULL, NULL), 0);
    assert_int_equal(gt_as_ip_port("1.2.3.4", 7, NULL, NULL, NULL), -1);
}

static void test_gobuf_truncation(void **state)
{
    (void)state;
    char buf[8];
    gt_gobuf b;
    gt_gobuf_init(&b, buf, sizeof buf);
    gt_hostport_error(&b, "www.google.com", 14, GT_HOSTPORT_MISSING_PORT);
    assert_string_equal(buf, "address");
    assert_int_equal(b.len, strlen("address www.google.com: missing port in address"));
    gt_gobuf_init(&b, NULL, 0);
    gt_gobuf_puts(&b, "abc");
    assert_int_equal(b.len, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_join_table),
        cmocka_unit_test(test_split_failure_table),
        cmocka_unit_test(test_parse_uint10),
        cmocka_unit_test(test_as_ip_port_corpus),
        cmocka_unit_test(test_gobuf_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
