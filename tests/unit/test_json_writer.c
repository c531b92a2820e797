/* The writer's byte-level rules: Go's string escaping and RawMessage compaction. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "json/writer.h"

#include <string.h>

static void check_string(const char *in, size_t n, const char *want)
{
    gt_buf b;
    gt_buf_init(&b);
    gt_json_put_string(&b, in, n);
    gt_buf_putc(&b, '\0');
    assert_string_equal(b.data, want);
    gt_buf_free(&b);
}

static void check_compact(const char *in, const char *want)
{
    gt_buf b;
    gt_buf_init(&b);
    gt_json_put_compact(&b, in, strlen(in));
    gt_buf_putc(&b, '\0');
    assert_string_equal(b.data, want);
    gt_buf_free(&b);
}

static void test_strings(void **state)
{
    (void)state;
    check_string("plain", 5, "\"plain\"");
    check_string("q\"b\\", 4, "\"q\\\"b\\\\\"");
    check_string("\n\r\t", 3, "\"\\n\\r\\t\"");
    /* Go 1.19 (the reference's) writes \b and \f as \u00XX, like other controls */
    check_string("\b\f\x01\x1f", 4, "\"\\u0008\\u000c\\u0001\\u001f\"");
    check_string("\0", 1, "\"\\u0000\"");
    check_string("<&>", 3, "\"\\u003c\\u0026\\u003e\"");
    check_string("\x7f", 1, "\"\x7f\"");
    check_string("\xe2\x80\xa8\xe2\x80\xa9", 6, "\"\\u2028\\u2029\"");
    check_string("\xc3\xa9", 2, "\"\xc3\xa9\"");
    /* each byte of invalid UTF-8 becomes \ufffd */
    check_string("a\xff\xe2\x82z", 5, "\"a\\ufffd\\ufffd\\ufffdz\"");
    check_string("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"");
}

static void test_compact(void **state)
{
    (void)state;
    check_compact("{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : \"x y\" }", "{\"a\":[1,2],\"b\":\"x y\"}");
    check_compact("\"<a&b>\"", "\"\\u003ca\\u0026b\\u003e\"");
    check_compact("\"\xe2\x80\xa8\"", "\"\\u2028\"");
    check_compact("\"\\\" \\\\\"", "\"\\\" \\\\\"");
    check_compact("\"\xff\"", "\"\xff\""); /* raw data keeps its bytes */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_compact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
