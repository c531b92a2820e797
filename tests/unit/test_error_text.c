/* The error record's messages: gt_error_set formats as snprintf does; gt_error_set_quoting
 * too, except that "%.*s" copies exactly its length, NUL bytes included (the reference's
 * messages quote input that may hold them); message_len says how long the message is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void test_like_snprintf(void **state)
{
    (void)state;
    gt_error e;
    char want[GT_ERROR_MESSAGE_MAX];
#define SAME(...)                                                 \
    do {                                                          \
        int n = snprintf(want, sizeof want, __VA_ARGS__);         \
        assert_int_equal(gt_error_set_quoting(&e, GT_EINVALID, __VA_ARGS__), GT_EINVALID); \
        assert_string_equal(e.message, want);                     \
        assert_int_equal(e.message_len, (size_t)n);               \
        assert_int_equal(gt_error_set(&e, GT_EINVALID, __VA_ARGS__), GT_EINVALID); \
        assert_string_equal(e.message, want);                     \
        assert_int_equal(e.message_len, (size_t)n);               \
        assert_int_equal(e.offset, GT_NO_OFFSET);                 \
    } while (0)
    SAME("plain text");
    SAME("%% and %s", "word");
    SAME("%d %i %u %x %X %o %c", -5, 7, 4000000000u, 255u, 255u, 8u, 'q');
    SAME("%ld %lu %lld %llu", -9L, 9UL, -(1LL << 40), (unsigned long long)UINT64_MAX);
    SAME("%zu %zx %jd %ju", (size_t)SIZE_MAX, (size_t)48879, (intmax_t)-3, (uintmax_t)3);
    SAME("%02x%02x %5d|%-5d|%05u", 1u, 171u, 42, 42, 42u);
    SAME("%*d|%-*d|%.3d", 6, 1, 6, 2, 7);
    SAME("%s|%10s|%-10s|%.2s", "abc", "right", "left", "cut");
    SAME("%.*s|%*s", 3, "abcdef", 4, "x");
    SAME("%.2f %g %e", 1.005, 0.5, 12345.678);
    SAME("%p", (void *)&e);
    SAME("%hu %hhu %hd", (unsigned short)65535, (unsigned char)255, (short)-2);
#undef SAME
}

static void test_nul_in_quoted_input(void **state)
{
    (void)state;
    gt_error e;
    gt_error_set_quoting(&e, GT_EINVALID, "name '%.*s' is invalid: %s", 3, "a\0b", "unsupported character");
    static const char want[] = "name 'a\0b' is invalid: unsupported character";
    assert_int_equal(e.message_len, sizeof want - 1);
    assert_memory_equal(e.message, want, sizeof want);
    assert_int_equal(strlen(e.message), 7); /* a C string stops at the NUL: read message_len */
    /* gt_error_set keeps printf's meaning: a precision is at most, and a NUL ends the text */
    gt_error_set(&e, GT_EINVALID, "[%.*s]", 200, "short");
    assert_string_equal(e.message, "[short]");
    assert_int_equal(e.message_len, 7);
}

static void test_long_messages_are_cut(void **state)
{
    (void)state;
    gt_error e;
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    gt_error_set_quoting(&e, GT_EVALUE, "invalid IP address: %.*s", (int)sizeof big - 1, big);
    assert_int_equal(e.message_len, GT_ERROR_MESSAGE_MAX - 1);
    assert_int_equal(e.message[GT_ERROR_MESSAGE_MAX - 1], '\0');
    gt_error_set_quoting(&e, GT_EVALUE, "%d %s", 12345, big + 100); /* a conversion crossing the end */
    assert_int_equal(e.message_len, GT_ERROR_MESSAGE_MAX - 1);
    assert_memory_equal(e.message, "12345 xxx", 9);
    gt_error_clear(&e);
    assert_int_equal(e.message_len, 0);
    assert_string_equal(e.message, "");
}

/* Validation quotes a workload name with a NUL byte whole, as the reference does. */
static void test_validation_message_keeps_the_nul(void **state)
{
    (void)state;
    static const char json[] = "{\"version\":0,\"twin_id\":1,\"signature_requirement\":{\"requests\":[{\"twin_id\":1,"
                               "\"weight\":1}],\"weight_required\":1},\"workloads\":[{\"version\":0,\"name\":\"a\\u0000b\","
                               "\"type\":\"zmount\",\"data\":{\"size\":1073741824}}]}";
    gt_deployment *d;
    gt_error e;
    assert_int_equal(gt_deployment_parse(json, sizeof json - 1, &d, &e), GT_OK);
    assert_int_equal(gt_deployment_valid(d, &e), GT_EINVALID);
    static const char want[] = "name 'a\0b' is invalid: unsupported character in workload name";
    assert_int_equal(e.message_len, sizeof want - 1);
    assert_memory_equal(e.message, want, sizeof want);
    gt_deployment_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_like_snprintf),
        cmocka_unit_test(test_nul_in_quoted_input),
        cmocka_unit_test(test_long_messages_are_cut),
        cmocka_unit_test(test_validation_message_keeps_the_nul),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
