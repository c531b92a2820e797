/* The library's challenge comparison (gridtypes/diagnose.h): equal texts, the first
 * differing byte and the field that holds it, recognised causes, hex input and its
 * errors, and the challenge map it keeps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_files.h"

static gt_deployment *example(const char *rel)
{
    size_t len;
    char *json = gt_test_source_file(rel, &len);
    assert_non_null(json);
    gt_deployment *d;
    gt_error err;
    assert_int_equal(gt_deployment_parse(json, len, &d, &err), GT_OK);
    free(json);
    return d;
}

/* Our challenge with the first `what` replaced by `with`, malloc'd. */
static char *edited(const gt_deployment *d, const char *what, const char *with, size_t *len)
{
    char *text;
    size_t n;
    gt_error err;
    assert_int_equal(gt_deployment_challenge(d, &text, &n, &err), GT_OK);
    char *at = strstr(text, what);
    assert_non_null(at);
    size_t wl = strlen(what), nl = strlen(with);
    char *out = malloc(n - wl + nl + 1);
    size_t pre = (size_t)(at - text);
    memcpy(out, text, pre);
    memcpy(out + pre, with, nl);
    memcpy(out + pre + nl, at + wl, n - pre - wl);
    *len = n - wl + nl;
    out[*len] = '\0';
    free(text);
    return out;
}

static bool has_cause(const gt_challenge_difference *df, const char *code)
{
    for (size_t i = 0; i < df->ncauses; i++)
        if (strcmp(df->causes[i].code, code) == 0)
            return true;
    return false;
}

static void test_equal(void **state)
{
    (void)state;
    gt_deployment *d = example("examples/deployment.json");
    char *text;
    size_t n;
    gt_error err;
    assert_int_equal(gt_deployment_challenge(d, &text, &n, &err), GT_OK);
    gt_comparison *c;
    assert_int_equal(gt_challenge_compare(d, text, n, 0, &c, &err), GT_OK);
    assert_true(c->equal);
    assert_int_equal(c->ndiffs, 0);
    assert_int_equal(c->ours.len, n);
    assert_memory_equal(c->ours.bytes, text, n);
    /* the fragments tile the challenge */
    size_t at = 0;
    for (size_t i = 0; i < c->ours.nfrags; i++) {
        assert_int_equal(c->ours.frags[i].start, at);
        at += c->ours.frags[i].len;
    }
    assert_int_equal(at, n);
    gt_comparison_free(c);

    /* the same text in hex, upper case, with 0x, spaces and newlines */
    char *hex = malloc(3 * n + 64), *w = hex;
    w += sprintf(w, "0x");
    for (size_t i = 0; i < n; i++)
        w += sprintf(w, i % 16 == 15 ? "%02X\n" : "%02X ", (unsigned char)text[i]);
    assert_int_equal(gt_challenge_compare(d, hex, (size_t)(w - hex), GT_COMPARE_HEX, &c, &err), GT_OK);
    assert_true(c->equal);
    gt_comparison_free(c);
    free(hex);
    free(text);
    gt_deployment_free(d);
}

static void test_ip_unnormalised(void **state)
{
    (void)state;
    gt_deployment *d = example("examples/deployment.json");
    size_t n;
    char *theirs = edited(d, "10.20.2.5", "::ffff:10.20.2.5", &n);
    gt_comparison *c;
    gt_error err;
    assert_int_equal(gt_challenge_compare(d, theirs, n, 0, &c, &err), GT_OK);
    assert_false(c->equal);
    assert_int_equal(c->ndiffs, 1);
    const gt_challenge_difference *df = &c->diffs[0];
    /* the map's bytes are not NUL-terminated: search within their length */
    size_t at = c->ours.len;
    for (size_t i = 0; i + 9 <= c->ours.len && at == c->ours.len; i++)
        if (memcmp(c->ours.bytes + i, "10.20.2.5", 9) == 0)
            at = i;
    assert_int_equal(df->ours_offset, at);
    assert_true(df->fragment != SIZE_MAX);
    assert_string_equal(c->ours.frags[df->fragment].path, "workloads[3].data.network.interfaces[0].ip");
    assert_true(has_cause(df, "ip-unnormalised"));
    gt_comparison_free(c);
    free(theirs);
    gt_deployment_free(d);
}

static void test_hex_case_and_missing_style(void **state)
{
    (void)state;
    gt_deployment *d = example("tests/cli/data/polka.json");
    size_t n;
    char *text;
    gt_error err;
    assert_int_equal(gt_deployment_challenge(d, &text, &n, &err), GT_OK);
    assert_true(n > 12 && memcmp(text + n - 12, "polka-wallet", 12) == 0);
    gt_comparison *c;
    assert_int_equal(gt_challenge_compare(d, text, n - 12, 0, &c, &err), GT_OK);
    assert_false(c->equal);
    assert_int_equal(c->diffs[0].ours_offset, n - 12);
    assert_true(has_cause(&c->diffs[0], "signature-style-missing"));
    gt_comparison_free(c);
    free(text);
    gt_deployment_free(d);

    d = example("examples/deployment.json");
    char *theirs = edited(d, "5c1e9a04b7d3f28e6a0c4d19b2e7f35a", "5C1E9A04B7D3F28E6A0C4D19B2E7F35A", &n);
    assert_int_equal(gt_challenge_compare(d, theirs, n, 0, &c, &err), GT_OK);
    assert_true(has_cause(&c->diffs[0], "hex-case"));
    gt_comparison_free(c);
    free(theirs);
    gt_deployment_free(d);
}

static void test_bad_hex(void **state)
{
    (void)state;
    gt_deployment *d = example("examples/deployment.json");
    gt_comparison *c = (gt_comparison *)1;
    gt_error err;
    assert_int_equal(gt_challenge_compare(d, "0a 0bz", 6, GT_COMPARE_HEX, &c, &err), GT_EVALUE);
    assert_null(c);
    assert_int_equal(err.offset, 5);
    assert_string_equal(err.message, "not hex at byte 5");
    assert_int_equal(gt_challenge_compare(d, "0a0", 3, GT_COMPARE_HEX, &c, &err), GT_EVALUE);
    assert_int_equal(err.offset, 3);
    assert_string_equal(err.message, "odd number of hex digits");
    assert_int_equal(gt_challenge_compare(d, "", 0, 0x80, &c, &err), GT_EARG);
    assert_int_equal(gt_challenge_compare(NULL, "", 0, 0, &c, &err), GT_EARG);
    gt_deployment_free(d);
}

static void test_challenge_error(void **state)
{
    (void)state;
    static const char json[] = "{\"twin_id\":1,\"workloads\":[{\"name\":\"a\",\"type\":\"zmount\",\"data\":null}]}";
    gt_deployment *d;
    gt_error err;
    assert_int_equal(gt_deployment_parse(json, sizeof json - 1, &d, &err), GT_OK);
    gt_comparison *c;
    assert_int_equal(gt_challenge_compare(d, "x", 1, 0, &c, &err), GT_EPANIC);
    assert_null(c);
    gt_deployment_free(d);
}

/* Every difference with GT_COMPARE_ALL, each blamed on its own field, the spans exact. */
static void test_all_differences(void **state)
{
    (void)state;
    gt_deployment *d = example("examples/deployment.json");
    size_t n1, n2, n3;
    char *t1 = edited(d, "10.20.2.5", "::ffff:10.20.2.5", &n1);
    /* the float and the trailing bytes on top of the IP */
    char *at = strstr(t1, "4294967296");
    assert_non_null(at);
    size_t pre = (size_t)(at - t1) + 10;
    char *t2 = malloc(n1 + 8);
    memcpy(t2, t1, pre);
    memcpy(t2 + pre, ".0", 2);
    memcpy(t2 + pre + 2, t1 + pre, n1 - pre);
    n2 = n1 + 2;
    memcpy(t2 + n2, " JUNK", 5);
    n3 = n2 + 5;
    gt_comparison *c;
    gt_error err;
    assert_int_equal(gt_challenge_compare(d, t2, n3, GT_COMPARE_ALL, &c, &err), GT_OK);
    assert_int_equal(c->ndiffs, 3);
    const gt_challenge_map *m = &c->ours;
    assert_string_equal(m->frags[c->diffs[0].fragment].path, "workloads[3].data.network.interfaces[0].ip");
    assert_int_equal(c->diffs[0].ours_len, 0);
    assert_int_equal(c->diffs[0].theirs_len, 7);
    assert_true(has_cause(&c->diffs[0], "ip-unnormalised"));
    assert_string_equal(m->frags[c->diffs[1].fragment].path, "workloads[3].data.compute_capacity.memory");
    assert_int_equal(c->diffs[1].theirs_offset, c->diffs[1].ours_offset + 7);
    assert_true(has_cause(&c->diffs[1], "float-written"));
    assert_int_equal(c->diffs[2].fragment, SIZE_MAX);
    assert_int_equal(c->diffs[2].ours_offset, m->len);
    assert_int_equal(c->diffs[2].theirs_len, 5);
    assert_true(has_cause(&c->diffs[2], "trailing-bytes"));
    gt_comparison_free(c);

    /* without GT_COMPARE_ALL: the first only */
    assert_int_equal(gt_challenge_compare(d, t2, n3, 0, &c, &err), GT_OK);
    assert_int_equal(c->ndiffs, 1);
    gt_comparison_free(c);
    free(t1);
    free(t2);
    gt_deployment_free(d);
}

/* A placeholder where the node writes nothing, a bool written by Python, bytes added to
 * the end of a value: each blamed on the field that holds it, not the next one. */
static void test_blame_inserted_bytes(void **state)
{
    (void)state;
    gt_deployment *d = example("examples/workloads/network-light.json");
    size_t n;
    char *theirs = edited(d, "10.30.4.0/24", "10.30.4.0/24undefined", &n);
    gt_comparison *c;
    gt_error err;
    assert_int_equal(gt_challenge_compare(d, theirs, n, 0, &c, &err), GT_OK);
    assert_string_equal(c->ours.frags[c->diffs[0].fragment].path, "workloads[0].data.wireguard_private_key");
    assert_true(has_cause(&c->diffs[0], "undefined-written"));
    gt_comparison_free(c);
    free(theirs);
    gt_deployment_free(d);

    d = example("examples/deployment.json");
    theirs = edited(d, "122.33:80", "122.33:80/", &n);
    assert_int_equal(gt_challenge_compare(d, theirs, n, 0, &c, &err), GT_OK);
    assert_string_equal(c->ours.frags[c->diffs[0].fragment].path, "workloads[4].data.backends[0]");
    assert_true(has_cause(&c->diffs[0], "extra-bytes"));
    gt_comparison_free(c);
    free(theirs);
    theirs = edited(d, "truefalse0web", "trueFalse0web", &n);
    assert_int_equal(gt_challenge_compare(d, theirs, n, 0, &c, &err), GT_OK);
    assert_string_equal(c->ours.frags[c->diffs[0].fragment].path, "workloads[2].data.v6");
    assert_true(has_cause(&c->diffs[0], "python-bool"));
    gt_comparison_free(c);
    free(theirs);
    gt_deployment_free(d);
}

/* A hash or a deployment's JSON given as theirs is recognised. */
static void test_theirs_kinds(void **state)
{
    (void)state;
    gt_deployment *d = example("examples/deployment.json");
    char hex[GT_HASH_HEX_SIZE], upper[64];
    gt_error err;
    assert_int_equal(gt_deployment_challenge_hash_hex(d, hex, &err), GT_OK);
    snprintf(upper, sizeof upper, " 0x%s\n", hex);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 32);
    gt_comparison *c;
    assert_int_equal(gt_challenge_compare(d, upper, strlen(upper), 0, &c, &err), GT_OK);
    assert_int_equal(c->theirs_kind, GT_THEIRS_HASH);
    assert_true(c->equal);
    assert_string_equal(c->theirs_hash, hex);
    gt_comparison_free(c);
    assert_int_equal(gt_challenge_compare(d, "00000000000000000000000000000000", 32, 0, &c, &err), GT_OK);
    assert_int_equal(c->theirs_kind, GT_THEIRS_HASH);
    assert_false(c->equal);
    gt_comparison_free(c);
    /* 32 bytes that begin like a hash but are not one: a challenge, with no hash of theirs */
    assert_int_equal(gt_challenge_compare(d, "0123456789abcdefXXXXXXXXXXXXXXXX", 32, 0, &c, &err), GT_OK);
    assert_int_equal(c->theirs_kind, GT_THEIRS_CHALLENGE);
    assert_string_equal(c->theirs_hash, "");
    gt_comparison_free(c);

    size_t len;
    char *json = gt_test_source_file("examples/deployment.json", &len);
    assert_non_null(json);
    assert_int_equal(gt_challenge_compare(d, json, len, 0, &c, &err), GT_OK);
    assert_int_equal(c->theirs_kind, GT_THEIRS_DEPLOYMENT);
    assert_true(c->equal);
    gt_comparison_free(c);
    free(json);
    gt_deployment_free(d);
    /* the names the command and the FFI print */
    assert_string_equal(gt_theirs_kind_name(GT_THEIRS_CHALLENGE), "challenge");
    assert_string_equal(gt_theirs_kind_name(GT_THEIRS_HASH), "hash");
    assert_string_equal(gt_theirs_kind_name(GT_THEIRS_DEPLOYMENT), "deployment");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal),
        cmocka_unit_test(test_ip_unnormalised),
        cmocka_unit_test(test_hex_case_and_missing_style),
        cmocka_unit_test(test_bad_hex),
        cmocka_unit_test(test_challenge_error),
        cmocka_unit_test(test_all_differences),
        cmocka_unit_test(test_blame_inserted_bytes),
        cmocka_unit_test(test_theirs_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
