/* The gateway-name, fqdn and workload-name regexes, as Go's RE2 would match them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/gonet.h"


static void check(bool (*f)(const char *, size_t), const char *s, size_t n, bool want)
{
    if (f(s, n) != want)
        fail_msg("match(%.*s) != %d", (int)n, s, want);
}

static void test_gw_name(void **state)
{
    (void)state;
    const char *yes[] = {"a", "Z", "0", "-", "_", "abc-DEF_123", "vL44Sq8WuM", "c7II", "--__--",
                         "tvUYy_0"};
    const char *no[] = {"", " ", "a b", "a.b", "a\n", "\na", "é", "a/b", "a$", "a+b", "[x]"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        check(gt_match_gw_name, yes[i], strlen(yes[i]), true);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        check(gt_match_gw_name, no[i], strlen(no[i]), false);
    check(gt_match_gw_name, "a\0b", 3, false);
    check(gt_match_gw_name, "\xff", 1, false);
}

static void test_fqdn(void **state)
{
    (void)state;
    const char *yes[] = {"a.bc", "euwja.dklojg.com", "xqjgj.ohfymi.grid.tf", "a.b.cd",
                         "-.--", "_._-", "a-b_c.d-e_f", "1.23", "a.b.c.d.e.ff", "x.y.zz"};
    const char *no[] = {"",        "a",        "ab",       "a.b",      ".ab",    "a..bc",
                        "a.bc.",   "a.b.c",    ".",        "..",       "a.",     "abc.",
                        "a .bc",   "a.b c",    "a.bc\n",   "\na.bc",   "a.b\xc3\xa9",
                        "a.bc/",   "*.ab",     "a.bc:80",  "a,bc",     "a.b.c.d.e.f"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        check(gt_match_fqdn, yes[i], strlen(yes[i]), true);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        check(gt_match_fqdn, no[i], strlen(no[i]), false);
    check(gt_match_fqdn, "a.b\0c", 5, false);
    check(gt_match_fqdn, "a.bc\0", 5, false);
}

static void test_workload_name(void **state)
{
    (void)state;
    const char *yes[] = {"a", "_", "vm1", "zmachine_2", "ABC_def_123", "ygg"};
    const char *no[] = {"", "vm-1", "a b", "a.b", "é", "a\n", "-", "a$"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        check(gt_match_workload_name, yes[i], strlen(yes[i]), true);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        check(gt_match_workload_name, no[i], strlen(no[i]), false);
    check(gt_match_workload_name, "a\0", 2, false);
}

/* Exhaustive cross-check of the fqdn scan against a direct transcription of the regex
 * as a backtracking matcher, over every string of length <= 6 on {a, -, .}. */
static bool re_tail(const char *s, size_t n, size_t i, int labels);

static bool is_c(char c)
{
    return c == 'a' || c == '-' || c == '_';
}

/* ([C]+\.)+ then [C]{2,}$ : try every split point */
static bool re_tail(const char *s, size_t n, size_t i, int labels)
{
    /* option 1: the final [C]{2,} from i */
    if (labels > 0) {
        size_t j = i;
        while (j < n && is_c(s[j]))
            j++;
        if (j == n && n - i >= 2)
            return true;
    }
    /* option 2: one more [C]+\. group */
    size_t j = i;
    while (j < n && is_c(s[j])) {
        j++;
        if (j < n && s[j] == '.' && re_tail(s, n, j + 1, labels + 1))
            return true;
    }
    return false;
}

static void test_fqdn_exhaustive(void **state)
{
    (void)state;
    const char alpha[] = {'a', '-', '.'};
    char s[8];
    for (size_t len = 0; len <= 6; len++) {
        size_t total = 1;
        for (size_t i = 0; i < len; i++)
            total *= 3;
        for (size_t k = 0; k < total; k++) {
            size_t x = k;
            for (size_t i = 0; i < len; i++) {
                s[i] = alpha[x % 3];
                x /= 3;
            }
            bool want = re_tail(s, len, 0, 0);
            check(gt_match_fqdn, s, len, want);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gw_name),
        cmocka_unit_test(test_fqdn),
        cmocka_unit_test(test_workload_name),
        cmocka_unit_test(test_fqdn_exhaustive),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
