/* net/url.Parse parity with Go 1.19 (Scheme / Host / Hostname() / Port() and the error
 * texts): cases from url_test.go (urltests, parseErrorTests, TestRejectControlCharacters,
 * TestParseFailure) and the gateway / zlogs corpus, plus strconv.Quote. Expected values
 * are worked out from the Go 1.19 sources. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/gonet.h"

static char scratch[512];

static void url_ok_n(const char *in, size_t n, const char *scheme, const char *host,
                     const char *hostname, const char *port)
{
    gt_url u;
    gt_url_error e;
    if (gt_url_parse(in, n, scratch, sizeof scratch, &u, &e) != 0) {
        char buf[512];
        gt_gobuf b;
        gt_gobuf_init(&b, buf, sizeof buf);
        gt_url_error_format(&b, in, n, &e);
        fail_msg("Parse(%s) failed: %s", in, buf);
    }
    if (strcmp(u.scheme, scheme) != 0 || strcmp(u.host, host) != 0 ||
        u.hostname_len != strlen(hostname) || memcmp(u.hostname, hostname, u.hostname_len) != 0 ||
        u.port_len != strlen(port) || memcmp(u.port, port, u.port_len) != 0 ||
        u.hostname < u.host || u.hostname + u.hostname_len > u.host + u.host_len)
        fail_msg("Parse(%s): scheme=%s host=%s hostname=%.*s port=%.*s; want %s %s %s %s", in,
                 u.scheme, u.host, (int)u.hostname_len, u.hostname, (int)u.port_len, u.port,
                 scheme, host, hostname, port);
    assert_int_equal(u.scheme_len, strlen(scheme));
    assert_int_equal(u.host_len, strlen(host));
    assert_int_equal(u.hostname_len, strlen(hostname));
}

static void url_ok(const char *in, const char *scheme, const char *host, const char *hostname,
                   const char *port)
{
    url_ok_n(in, strlen(in), scheme, host, hostname, port);
}

static void url_err_n(const char *in, size_t n, const char *want)
{
    gt_url u;
    gt_url_error e;
    char buf[512];
    gt_gobuf b;
    if (gt_url_parse(in, n, scratch, sizeof scratch, &u, &e) != -1)
        fail_msg("Parse(%s) accepted, want %s", in, want);
    gt_gobuf_init(&b, buf, sizeof buf);
    gt_url_error_format(&b, in, n, &e);
    if (strcmp(buf, want) != 0)
        fail_msg("Parse(%s):\n got %s\nwant %s", in, buf, want);
}

static void url_err(const char *in, const char *want)
{
    url_err_n(in, strlen(in), want);
}

/* Inputs of Go's urltests table (all parse). */
static void test_go_urltests(void **state)
{
    (void)state;
    url_ok("http://www.google.com", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/file%20one%26two", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/#file%20one%26two", "http", "www.google.com", "www.google.com", "");
    url_ok("ftp://webmaster@www.google.com/", "ftp", "www.google.com", "www.google.com", "");
    url_ok("ftp://john%20doe@www.google.com/", "ftp", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/?", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/?foo=bar?", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/?q=go+language", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/?q=go%20language", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/a%20b?q=c+d", "http", "www.google.com", "www.google.com", "");
    url_ok("http:www.google.com/?q=go+language", "http", "", "", "");
    url_ok("http:%2f%2fwww.google.com/?q=go+language", "http", "", "", "");
    url_ok("mailto:/webmaster@golang.org", "mailto", "", "", "");
    url_ok("mailto:webmaster@golang.org", "mailto", "", "", "");
    url_ok("/foo?query=http://bad", "", "", "", "");
    url_ok("//foo", "", "foo", "foo", "");
    url_ok("//user@foo/path?a=b", "", "foo", "foo", "");
    url_ok("///threeslashes", "", "", "", "");
    url_ok("http://user:password@google.com", "http", "google.com", "google.com", "");
    url_ok("http://j@ne:password@google.com", "http", "google.com", "google.com", "");
    url_ok("http://jane:p@ssword@google.com", "http", "google.com", "google.com", "");
    url_ok("http://j@ne:password@google.com/p@th?q=@go", "http", "google.com", "google.com", "");
    url_ok("http://www.google.com/?q=go+language#foo", "http", "www.google.com", "www.google.com", "");
    url_ok("http://www.google.com/?q=go+language#foo&bar", "http", "www.google.com",
           "www.google.com", "");
    url_ok("http://www.google.com/?q=go+language#foo%26bar", "http", "www.google.com",
           "www.google.com", "");
    url_ok("file:///home/adg/rabbits", "file", "", "", "");
    url_ok("file:///C:/FooBar/Baz.txt", "file", "", "", "");
    url_ok("MaIlTo:webmaster@golang.org", "mailto", "", "", "");
    url_ok("a/b/c", "", "", "", "");
    url_ok("http://%3Fam:pa%3Fsword@google.com", "http", "google.com", "google.com", "");
    url_ok("http://192.168.0.1/", "http", "192.168.0.1", "192.168.0.1", "");
    url_ok("http://192.168.0.1:8080/", "http", "192.168.0.1:8080", "192.168.0.1", "8080");
    url_ok("http://[fe80::1]/", "http", "[fe80::1]", "fe80::1", "");
    url_ok("http://[fe80::1]:8080/", "http", "[fe80::1]:8080", "fe80::1", "8080");
    url_ok("http://[fe80::1%25en0]/", "http", "[fe80::1%en0]", "fe80::1%en0", "");
    url_ok("http://[fe80::1%25en0]:8080/", "http", "[fe80::1%en0]:8080", "fe80::1%en0", "8080");
    url_ok("http://[fe80::1%25%65%6e%301-._~]/", "http", "[fe80::1%en01-._~]", "fe80::1%en01-._~", "");
    url_ok("http://[fe80::1%25%65%6e%301-._~]:8080/", "http", "[fe80::1%en01-._~]:8080",
           "fe80::1%en01-._~", "8080");
    url_ok("http://rest.rsc.io/foo%2fbar/baz%2Fquux?alt=media", "http", "rest.rsc.io",
           "rest.rsc.io", "");
    url_ok("mysql://a,b,c/bar", "mysql", "a,b,c", "a,b,c", "");
    url_ok("scheme://!$&'()*+,;=hello!:1/path", "scheme", "!$&'()*+,;=hello!:1",
           "!$&'()*+,;=hello!", "1");
    url_ok("http://host/!$&'()*+,;=:@[hello]", "http", "host", "host", "");
    url_ok("http://example.com/oid/[order_id]", "http", "example.com", "example.com", "");
    url_ok("http://192.168.0.2:8080/foo", "http", "192.168.0.2:8080", "192.168.0.2", "8080");
    url_ok("http://192.168.0.2:/foo", "http", "192.168.0.2:", "192.168.0.2", "");
    url_ok("http://2b01:e34:ef40:7730:8e70:5aff:fefe:edac:8080/foo", "http",
           "2b01:e34:ef40:7730:8e70:5aff:fefe:edac:8080", "2b01:e34:ef40:7730:8e70:5aff:fefe:edac",
           "8080");
    url_ok("http://2b01:e34:ef40:7730:8e70:5aff:fefe:edac:/foo", "http",
           "2b01:e34:ef40:7730:8e70:5aff:fefe:edac:", "2b01:e34:ef40:7730:8e70:5aff:fefe:edac", "");
    url_ok("http://[2b01:e34:ef40:7730:8e70:5aff:fefe:edac]:8080/foo", "http",
           "[2b01:e34:ef40:7730:8e70:5aff:fefe:edac]:8080", "2b01:e34:ef40:7730:8e70:5aff:fefe:edac",
           "8080");
    url_ok("http://[2b01:e34:ef40:7730:8e70:5aff:fefe:edac]:/foo", "http",
           "[2b01:e34:ef40:7730:8e70:5aff:fefe:edac]:", "2b01:e34:ef40:7730:8e70:5aff:fefe:edac", "");
    url_ok("http://hello.\xe4\xb8\x96\xe7\x95\x8c.com/foo", "http", "hello.\xe4\xb8\x96\xe7\x95\x8c.com",
           "hello.\xe4\xb8\x96\xe7\x95\x8c.com", "");
    url_ok("http://hello.%e4%b8%96%e7%95%8c.com/foo", "http", "hello.\xe4\xb8\x96\xe7\x95\x8c.com",
           "hello.\xe4\xb8\x96\xe7\x95\x8c.com", "");
    url_ok("http://hello.%E4%B8%96%E7%95%8C.com/foo", "http", "hello.\xe4\xb8\x96\xe7\x95\x8c.com",
           "hello.\xe4\xb8\x96\xe7\x95\x8c.com", "");
    url_ok("http://example.com//foo", "http", "example.com", "example.com", "");
    url_ok("myscheme://authority<\"hi\">/foo", "myscheme", "authority<\"hi\">", "authority<\"hi\">", "");
    url_ok("tcp://[2020::2020:20:2020:2020%25Windows%20Loves%20Spaces]:2020", "tcp",
           "[2020::2020:20:2020:2020%Windows Loves Spaces]:2020",
           "2020::2020:20:2020:2020%Windows Loves Spaces", "2020");
    url_ok("magnet:?xt=urn:btih:c12fe1c06bba254a9dc9f519b335aa7c1367a88a&dn", "magnet", "", "", "");
    url_ok("mailto:?subject=hi", "mailto", "", "", "");
    url_ok(".//not.a.user@not.a.host/just/a/path", "", "", "", "");
    url_ok(".//not.a.user@%66%6f%6f/just/a/path/also", "", "", "", "");
    url_ok("http://a.b.c/%20/%20/%20/#%20/%20/%20/", "http", "a.b.c", "a.b.c", "");
}

/* Go's parseErrorTests (wantErr false / true) with the texts Go 1.19 prints. */
static void test_go_parse_errors(void **state)
{
    (void)state;
    url_ok("http://[::1]", "http", "[::1]", "::1", "");
    url_ok("http://[::1]:80", "http", "[::1]:80", "::1", "80");
    url_err("http://[::1]:namedport",
            "parse \"http://[::1]:namedport\": invalid port \":namedport\" after host");
    url_err("http://x:namedport", "parse \"http://x:namedport\": invalid port \":namedport\" after host");
    url_ok("http://[::1]/", "http", "[::1]", "::1", "");
    url_err("http://[::1]a", "parse \"http://[::1]a\": invalid port \"a\" after host");
    url_err("http://[::1]%23", "parse \"http://[::1]%23\": invalid port \"%23\" after host");
    url_ok("http://[::1%25en0]", "http", "[::1%en0]", "::1%en0", "");
    url_ok("http://[::1]:", "http", "[::1]:", "::1", "");
    url_ok("http://x:", "http", "x:", "x", "");
    url_ok("http://[::1%25%41]", "http", "[::1%A]", "::1%A", "");
    url_err("http://[%10::1]", "parse \"http://[%10::1]\": invalid URL escape \"%10\"");
    url_ok("http://[::1]/%48", "http", "[::1]", "::1", "");
    url_err("http://%41:8080/", "parse \"http://%41:8080/\": invalid URL escape \"%41\"");
    url_err("mysql://x@y(z:123)/foo",
            "parse \"mysql://x@y(z:123)/foo\": invalid port \":123)\" after host");
    url_err("mysql://x@y(1.2.3.4:123)/foo",
            "parse \"mysql://x@y(1.2.3.4:123)/foo\": invalid port \":123)\" after host");
    url_err(" http://foo.com",
            "parse \" http://foo.com\": first path segment in URL cannot contain colon");
    url_err("ht tp://foo.com",
            "parse \"ht tp://foo.com\": first path segment in URL cannot contain colon");
    url_ok("ahttp://foo.com", "ahttp", "foo.com", "foo.com", "");
    url_err("1http://foo.com",
            "parse \"1http://foo.com\": first path segment in URL cannot contain colon");
    url_err("http://[]%20%48%54%54%50/1.1%0D%0AHost:%20localhost%3A8080%0D%0A%0D%0APOST%20/%20"
            "HTTP/1.1%0D%0AHost:%20localhost%3A8080%0D%0AContent-Type:%20application/"
            "x-www-form-urlencoded%0D%0AContent-Length:%2032%0D%0A%0D%0Ausername=admin%26password=admin",
            "parse \"http://[]%20%48%54%54%50/1.1%0D%0AHost:%20localhost%3A8080%0D%0A%0D%0APOST%20/%20"
            "HTTP/1.1%0D%0AHost:%20localhost%3A8080%0D%0AContent-Type:%20application/"
            "x-www-form-urlencoded%0D%0AContent-Length:%2032%0D%0A%0D%0Ausername=admin%26password=admin\""
            ": invalid port \"%20%48%54%54%50\" after host");
    url_err("http://[fe80::1", "parse \"http://[fe80::1\": missing ']' in host");
    url_err("http://fe80::1]/", "parse \"http://fe80::1]/\": invalid port \":1]\" after host");
    url_err("http://a b.com/", "parse \"http://a b.com/\": invalid character \" \" in host name");
    url_err("cache_object://foo",
            "parse \"cache_object://foo\": first path segment in URL cannot contain colon");
    url_err("cache_object:foo",
            "parse \"cache_object:foo\": first path segment in URL cannot contain colon");
    url_err("cache_object:foo/bar",
            "parse \"cache_object:foo/bar\": first path segment in URL cannot contain colon");
    url_ok("cache_object/:foo/bar", "", "", "", "");
    /* TestParseFailure */
    url_err("http://[::1%en0]", "parse \"http://[::1%en0]\": invalid URL escape \"%en\"");
}

static void test_control_chars(void **state)
{
    (void)state;
    url_err("http://foo.com/?foo\nbar",
            "parse \"http://foo.com/?foo\\nbar\": net/url: invalid control character in URL");
    url_err("http\r://foo.com/",
            "parse \"http\\r://foo.com/\": net/url: invalid control character in URL");
    url_err("http://foo\x7f.com/",
            "parse \"http://foo\\x7f.com/\": net/url: invalid control character in URL");
    url_err_n("http://a\0b/", 11,
              "parse \"http://a\\x00b/\": net/url: invalid control character in URL");
    url_err("http://1.2.3.4/\x01",
            "parse \"http://1.2.3.4/\\x01\": net/url: invalid control character in URL");
    url_err("\t", "parse \"\\t\": net/url: invalid control character in URL");
    /* non-ASCII "controls" are not rejected */
    url_ok("http://foo.com/ctl\x80", "http", "foo.com", "foo.com", "");
    /* the fragment is never checked for control bytes */
    url_ok("http://x/#a\x01", "http", "x", "x", "");
    /* ... but the error names the text before '#' only */
    url_err("http://x/\x01#frag", "parse \"http://x/\\x01\": net/url: invalid control character in URL");
}

static void test_scheme_rules(void **state)
{
    (void)state;
    url_err(":", "parse \":\": missing protocol scheme");
    url_err("://x", "parse \"://x\": missing protocol scheme");
    url_err(":foo", "parse \":foo\": missing protocol scheme");
    url_ok("*", "", "", "", "");
    url_ok("", "", "", "", "");
    url_ok("a:", "a", "", "", "");
    url_ok("http:", "http", "", "", "");
    url_ok("http:%zz", "http", "", "", ""); /* opaque text is not validated */
    url_ok("http:1.2.3.4", "http", "", "", "");
    url_ok("a+b.c-D://h", "a+b.c-d", "h", "h", "");
    url_ok("HTTP://1.2.3.4", "http", "1.2.3.4", "1.2.3.4", "");
    url_err("1.2.3.4:80", "parse \"1.2.3.4:80\": first path segment in URL cannot contain colon");
    url_err("-a:b", "parse \"-a:b\": first path segment in URL cannot contain colon");
    url_ok("a_b/c:d", "", "", "", "");
    url_ok("/a:b", "", "", "", "");
    url_ok("?a:b", "", "", "", "");
    url_ok("#a:b", "", "", "", "");
    url_err("a_b:c", "parse \"a_b:c\": first path segment in URL cannot contain colon");
    url_ok("//x:80", "", "x:80", "x", "80");
    url_ok("///x:80", "", "", "", "");
    url_ok("http:///x", "http", "", "", "");
    url_ok("http://x?y", "http", "x", "x", "");
    url_ok("http://x:8080?q", "http", "x:8080", "x", "8080");
    url_ok("http://x#", "http", "x", "x", "");
    url_ok("http://x?#", "http", "x", "x", "");
    url_ok("http://", "http", "", "", "");
    url_ok("http://:80", "http", ":80", "", "80");
    url_ok("http://@x", "http", "x", "x", "");
}

static void test_escapes_and_hosts(void **state)
{
    (void)state;
    url_err("%", "parse \"%\": invalid URL escape \"%\"");
    url_err("%zz", "parse \"%zz\": invalid URL escape \"%zz\"");
    url_err("/a%2", "parse \"/a%2\": invalid URL escape \"%2\"");
    url_err("/%2x/", "parse \"/%2x/\": invalid URL escape \"%2x\"");
    url_err("/%2", "parse \"/%2\": invalid URL escape \"%2\"");
    url_err("/%", "parse \"/%\": invalid URL escape \"%\"");
    url_ok("/%41%42", "", "", "", "");
    /* a fragment error quotes the whole input */
    url_err("http://x/#%zz", "parse \"http://x/#%zz\": invalid URL escape \"%zz\"");
    url_err("http://x/%zz#ok", "parse \"http://x/%zz\": invalid URL escape \"%zz\"");
    url_ok("http://x/#", "http", "x", "x", "");
    url_ok("http://x/#a#b", "http", "x", "x", "");
    /* the query is never validated */
    url_ok("http://x/?%zz", "http", "x", "x", "");
    /* userinfo */
    url_err("http://a b@x/", "parse \"http://a b@x/\": net/url: invalid userinfo");
    url_err("http://a\xc3\xa9@x/", "parse \"http://a\xc3\xa9@x/\": net/url: invalid userinfo");
    url_err("http://a%2:b@x/", "parse \"http://a%2:b@x/\": invalid URL escape \"%2\"");
    url_err("http://a:%2@x/", "parse \"http://a:%2@x/\": invalid URL escape \"%2\"");
    url_err("http://a%2b%2@x/", "parse \"http://a%2b%2@x/\": invalid URL escape \"%2\"");
    url_err("http://a%zz@x", "parse \"http://a%zz@x\": invalid URL escape \"%zz\"");
    url_err("http://a b@x y/", "parse \"http://a b@x y/\": invalid character \" \" in host name");
    url_ok("http://a@b@c/", "http", "c", "c", "");
    url_ok("http://%41@x/", "http", "x", "x", "");
    /* hosts */
    url_err("http://[fe80::1%25en0%zz]/", "parse \"http://[fe80::1%25en0%zz]/\": invalid URL escape \"%zz\"");
    url_err("http://[fe80::1%25en0%z]/", "parse \"http://[fe80::1%25en0%z]/\": invalid URL escape \"%z\"");
    url_err("http://[fe80::1%25%C3]/", "parse \"http://[fe80::1%25%C3]/\": invalid URL escape \"%C3\"");
    url_err("http://[fe80::1%25en 0]/",
            "parse \"http://[fe80::1%25en 0]/\": invalid character \" \" in host name");
    url_ok("http://[fe80::1%25%20]/", "http", "[fe80::1% ]", "fe80::1% ", "");
    url_err("http://[fe80::1%25en0]:80x/", "parse \"http://[fe80::1%25en0]:80x/\": invalid port \":80x\" after host");
    url_err("http://[fe80::%41%25en0]/", "parse \"http://[fe80::%41%25en0]/\": invalid URL escape \"%41\"");
    url_err("http://x\\y/", "parse \"http://x\\\\y/\": invalid character \"\\\\\" in host name");
    url_err("http://x{y/", "parse \"http://x{y/\": invalid character \"{\" in host name");
    url_err("http://x}y/", "parse \"http://x}y/\": invalid character \"}\" in host name");
    url_err("http://x|y/", "parse \"http://x|y/\": invalid character \"|\" in host name");
    url_err("http://x^y/", "parse \"http://x^y/\": invalid character \"^\" in host name");
    url_err("http://x`y/", "parse \"http://x`y/\": invalid character \"`\" in host name");
    url_err("http:// /", "parse \"http:// /\": invalid character \" \" in host name");
    url_ok("http://\xc3\xa9/", "http", "\xc3\xa9", "\xc3\xa9", "");
    url_ok("http://\xff/", "http", "\xff", "\xff", "");
    url_ok("http://%C3%A9/", "http", "\xc3\xa9", "\xc3\xa9", "");
    url_ok("http://%25/", "http", "%", "%", "");
    url_ok("http://x%25y:1/", "http", "x%y:1", "x%y", "1");
    url_ok("http://[::1%2561%5d%3c%3e]", "http", "[::1%61]<>]", "::1%61]<>", "");
    url_ok("http://[::1]]/", "http", "[::1]]", "::1]", "");
    url_err("http://[/", "parse \"http://[/\": missing ']' in host");
    url_err("http://[", "parse \"http://[\": missing ']' in host");
    url_ok("http://]/", "http", "]", "]", "");
    url_ok("http://[]", "http", "[]", "", "");
    url_err("http://x:\xff", "parse \"http://x:\\xff\": invalid port \":\\xff\" after host");
    url_err("http://x:\xc3\xa9", "parse \"http://x:\xc3\xa9\": invalid port \":\xc3\xa9\" after host");
    url_ok("http://x:1:2", "http", "x:1:2", "x:1", "2"); /* only the last colon is checked */
    url_err("http://x:-1", "parse \"http://x:-1\": invalid port \":-1\" after host");
}

/* Gateway backends (deployments 0510-0529) and zlogs outputs (0040-0197). */
static void test_corpus(void **state)
{
    (void)state;
    url_ok("http://1.2.3.4:8080", "http", "1.2.3.4:8080", "1.2.3.4", "8080");
    url_ok("http://1.2.3.4", "http", "1.2.3.4", "1.2.3.4", "");
    url_ok("https://1.2.3.4", "https", "1.2.3.4", "1.2.3.4", "");
    url_ok("ftp://1.2.3.4", "ftp", "1.2.3.4", "1.2.3.4", "");
    url_err("1.2.3.4:80", "parse \"1.2.3.4:80\": first path segment in URL cannot contain colon");
    url_ok("http://127.0.0.1", "http", "127.0.0.1", "127.0.0.1", "");
    url_ok("http://127.1.2.3:80", "http", "127.1.2.3:80", "127.1.2.3", "80");
    url_ok("http://[::1]", "http", "[::1]", "::1", "");
    url_ok("http://localhost", "http", "localhost", "localhost", "");
    url_ok("http://example.com", "http", "example.com", "example.com", "");
    url_ok("http://[2001:db8::1]:8080", "http", "[2001:db8::1]:8080", "2001:db8::1", "8080");
    url_ok("http://[2001:DB8:3333:4444:CCCC:DDDD:EEEE:FFFF]", "http",
           "[2001:DB8:3333:4444:CCCC:DDDD:EEEE:FFFF]", "2001:DB8:3333:4444:CCCC:DDDD:EEEE:FFFF", "");
    url_ok("HTTP://1.2.3.4", "http", "1.2.3.4", "1.2.3.4", "");
    url_ok("http://1.2.3.4:99999", "http", "1.2.3.4:99999", "1.2.3.4", "99999");
    url_err("http://1.2.3.4:port", "parse \"http://1.2.3.4:port\": invalid port \":port\" after host");
    url_ok("http://user:pw@1.2.3.4:81/path?q=1#f", "http", "1.2.3.4:81", "1.2.3.4", "81");
    url_ok("http://0.0.0.0", "http", "0.0.0.0", "0.0.0.0", "");
    url_ok("", "", "", "", "");
    url_ok("http://1.1.1.1", "http", "1.1.1.1", "1.1.1.1", "");
    url_ok("http://2.2.2.2", "http", "2.2.2.2", "2.2.2.2", "");
    url_ok("redis://10.10.1.1:6379", "redis", "10.10.1.1:6379", "10.10.1.1", "6379");
    url_ok("ws://1.2.3.4:9000/logs", "ws", "1.2.3.4:9000", "1.2.3.4", "9000");
    url_ok("wss://log.example.org/p?x=1", "wss", "log.example.org", "log.example.org", "");
    url_ok("ws://logs.example.com:9090/stream", "ws", "logs.example.com:9090", "logs.example.com", "9090");
    url_ok("http://1.2.3.4/x", "http", "1.2.3.4", "1.2.3.4", "");
    url_ok("REDIS://1.2.3.4:6379", "redis", "1.2.3.4:6379", "1.2.3.4", "6379");
    url_err("redis://[::1", "parse \"redis://[::1\": missing ']' in host");
    url_ok("ws://x", "ws", "x", "x", "");

    /* the gateway check: scheme http, ParseIP(Hostname()) non-nil and not loopback */
    gt_url u;
    gt_ip ip;
    assert_int_equal(gt_url_parse("http://[::ffff:127.0.0.1]:80", 28, scratch, sizeof scratch, &u, NULL), 0);
    assert_true(gt_ip_parse(u.hostname, u.hostname_len, &ip));
    assert_true(gt_ip_is_loopback(&ip));
    assert_int_equal(gt_url_parse("http://[2001:db8::1]:8080", 25, scratch, sizeof scratch, &u, NULL), 0);
    assert_true(gt_ip_parse(u.hostname, u.hostname_len, &ip));
    assert_false(gt_ip_is_loopback(&ip));
}

static void test_scratch_contract(void **state)
{
    (void)state;
    gt_url u;
    gt_url_error e;
    char small[8];
    char buf[128];
    gt_gobuf b;
    assert_int_equal(gt_url_parse("http://x", 8, small, 9, &u, &e), -1);
    assert_int_equal(e.status, GT_URL_ERR_SCRATCH);
    assert_int_equal(gt_url_parse("http://x", 8, small, sizeof small + 2, &u, &e), 0);
    /* n + 2 is always enough, even when every byte ends up in scheme or host */
    assert_int_equal(gt_url_parse("ab://c", 6, small, 8, &u, &e), 0);
    assert_string_equal(u.scheme, "ab");
    assert_string_equal(u.host, "c");
    gt_gobuf_init(&b, buf, sizeof buf);
    e.status = GT_URL_ERR_SCRATCH;
    gt_url_error_format(&b, "x", 1, &e);
    assert_true(b.len > 0);
    /* NULL err / out are allowed */
    assert_int_equal(gt_url_parse("%", 1, small, sizeof small, NULL, NULL), -1);
}

static void quote_is_n(const char *in, size_t n, const char *want)
{
    char buf[256];
    gt_gobuf b;
    gt_gobuf_init(&b, buf, sizeof buf);
    gt_go_quote(&b, in, n);
    if (strcmp(buf, want) != 0)
        fail_msg("Quote: got %s want %s", buf, want);
    assert_int_equal(b.len, strlen(want));
}

static void quote_is(const char *in, const char *want)
{
    quote_is_n(in, strlen(in), want);
}

static void test_quote(void **state)
{
    (void)state;
    quote_is("", "\"\"");
    quote_is("abc", "\"abc\"");
    quote_is("\"", "\"\\\"\"");
    quote_is("\\", "\"\\\\\"");
    quote_is("'", "\"'\"");
    quote_is("\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\"");
    quote_is("\x01\x1f\x7f", "\"\\x01\\x1f\\x7f\"");
    quote_is_n("\0", 1, "\"\\x00\"");
    quote_is("\xff", "\"\\xff\"");
    quote_is("\xc3\xa9", "\"\xc3\xa9\"");                  /* é */
    quote_is("\xe2\x82\xac", "\"\xe2\x82\xac\"");          /* € */
    quote_is("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");  /* U+1F600 */
    quote_is("\xef\xbf\xbd", "\"\xef\xbf\xbd\"");          /* a real U+FFFD prints */
    quote_is("\xc2\x85", "\"\\u0085\"");
    quote_is("\xc2\xa0", "\"\\u00a0\"");
    quote_is("\xc2\xad", "\"\\u00ad\"");
    quote_is("\xe2\x80\xa8", "\"\\u2028\"");
    quote_is("\xe2\x80\x8b", "\"\\u200b\"");
    quote_is("\xef\xbb\xbf", "\"\\ufeff\"");
    quote_is("\xee\x80\x80", "\"\\ue000\"");
    quote_is("\xef\xbf\xbe", "\"\\ufffe\"");
    quote_is("\xf3\xb0\x80\x80", "\"\\U000f0000\"");
    quote_is("\xf3\xa0\x80\x81", "\"\\U000e0001\"");
    quote_is("\xc0\x80", "\"\\xc0\\x80\"");                /* overlong */
    quote_is("\xed\xa0\x80", "\"\\xed\\xa0\\x80\"");       /* surrogate */
    quote_is("\xe2\x82", "\"\\xe2\\x82\"");                /* truncated */
    quote_is("\xf4\x90\x80\x80", "\"\\xf4\\x90\\x80\\x80\""); /* > U+10FFFF */
    quote_is("a\xe2\x82z", "\"a\\xe2\\x82z\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_go_urltests),
        cmocka_unit_test(test_go_parse_errors),
        cmocka_unit_test(test_control_chars),
        cmocka_unit_test(test_scheme_rules),
        cmocka_unit_test(test_escapes_and_hosts),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_scratch_contract),
        cmocka_unit_test(test_quote),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
