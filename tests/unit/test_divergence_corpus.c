#define _POSIX_C_SOURCE 200809L
/* The catalogue of divergences on the whole bundled corpus: for every deployment the
 * reference finds valid, each catalogue entry that changes its challenge gives a different
 * hash, and the hash search names that entry from the hash alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "gridtypes.h"
#include "diag/jtree.h"
#include "json/writer.h"

#include <dirent.h>
#include <nettle/md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "test_files.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_every_valid_deployment(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/conformance/deployments", GT_SOURCE_DIR);
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l > 12 && strcmp(de->d_name + l - 12, ".expect.json") == 0) {
            names = realloc(names, (n + 1) * sizeof *names);
            names[n++] = strdup(de->d_name);
        }
    }
    closedir(dp);
    qsort(names, n, sizeof *names, by_name);

    size_t valid = 0, applied = 0, per_entry[64] = {0};
    for (size_t i = 0; i < n; i++) {
        char path[2048];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char *expect = gt_test_read_file(path, &len);
        assert_non_null(expect);
        bool ok = strstr(expect, "\n  \"valid\": null") && strstr(expect, "\n  \"hash_hex\": \"");
        free(expect);
        if (!ok) {
            free(names[i]);
            continue;
        }
        snprintf(path, sizeof path, "%s/%.*s.json", dir, (int)(strlen(names[i]) - 12), names[i]);
        char *json = gt_test_read_file(path, &len);
        gt_deployment *d;
        gt_error err;
        assert_int_equal(gt_deployment_parse(json, len, &d, &err), GT_OK);
        free(json);
        valid++;
        char *node;
        size_t nlen;
        char ours[33];
        assert_int_equal(gt_deployment_challenge(d, &node, &nlen, &err), GT_OK);
        assert_int_equal(gt_deployment_challenge_hash_hex(d, ours, &err), GT_OK);
        for (size_t e = 0; e < gt_divergence_count(); e++) {
            uint8_t *text;
            size_t tl;
            assert_int_equal(gt_divergence_apply(d, &e, 1, NULL, &text, &tl, &err), GT_OK);
            if (tl == nlen && memcmp(text, node, tl) == 0) {
                free(text);
                continue; /* does not apply here */
            }
            applied++;
            per_entry[e < 64 ? e : 63]++;
            uint8_t h[16];
            char theirs[33];
            struct md5_ctx m;
            md5_init(&m);
            md5_update(&m, tl, text);
            md5_digest(&m, 16, h);
            free(text);
            for (int k = 0; k < 16; k++)
                snprintf(theirs + 2 * k, 3, "%02x", h[k]);
            if (strcmp(theirs, ours) == 0)
                fail_msg("%s: %s gives the node's own hash", names[i], gt_divergence_get(e)->name);
            gt_divergence_result *r;
            assert_int_equal(gt_divergence_search(d, theirs, 32, &r, &err), GT_OK);
            bool named = false;
            for (size_t k = 0; k < r->nmatches; k++)
                named |= r->matches[k].nentries == 1 && r->matches[k].entries[0] == e && !r->matches[k].field[0];
            if (!named)
                fail_msg("%s: %s not named from its hash (%zu matches)", names[i], gt_divergence_get(e)->name,
                         r->nmatches);
            gt_divergence_result_free(r);
        }
        free(node);
        gt_deployment_free(d);
        free(names[i]);
    }
    free(names);
    printf("divergences: %zu valid deployments, %zu applicable entries checked\n", valid, applied);
    for (size_t e = 0; e < gt_divergence_count(); e++)
        printf("  %-36s applies to %zu\n", gt_divergence_get(e)->name, per_entry[e < 64 ? e : 63]);
    assert_true(valid > 100);
}

/* Lint is silent on every deployment of the corpus that the reference writes back as it
 * was written (its re-encoding equals the input, whitespace aside): those are in the node's
 * canonical form, so nothing in them can be hashed differently. */
static void test_lint_silent_on_canonical(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/conformance/deployments", GT_SOURCE_DIR);
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    struct dirent *de;
    size_t canonical = 0, linted = 0;
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l <= 12 || strcmp(de->d_name + l - 12, ".expect.json") != 0)
            continue;
        char path[2048];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        char *expect = gt_test_read_file(path, &len);
        jt_tree t;
        assert_true(jt_build(&t, (const uint8_t *)expect, len));
        uint32_t node;
        gt_str reenc = {NULL, 0};
        bool has = jt_path(&t, "reencoded", &node) == JT_FOUND && jt_string(&t, node, &reenc) &&
                   jt_path(&t, "reencoded_hex", &node) != JT_FOUND;
        snprintf(path, sizeof path, "%s/%.*s.json", dir, (int)(l - 12), de->d_name);
        size_t ilen;
        char *json = gt_test_read_file(path, &ilen);
        gt_buf compact;
        gt_buf_init(&compact);
        if (has)
            gt_json_put_compact(&compact, json, ilen);
        if (has && compact.len == reenc.len && memcmp(compact.data, reenc.ptr, reenc.len) == 0) {
            canonical++;
            gt_deployment *d;
            gt_error err;
            assert_int_equal(gt_deployment_parse(json, ilen, &d, &err), GT_OK);
            gt_lint_result *r;
            if (gt_lint(d, &r, &err) == GT_OK) {
                linted++;
                if (r->n)
                    fail_msg("%s: lint finds %s at %s: %s", de->d_name, r->findings[0].code, r->findings[0].path,
                             r->findings[0].message);
                gt_lint_result_free(r);
            }
            gt_deployment_free(d);
        }
        gt_buf_free(&compact);
        free(json);
        jt_free(&t);
        free(expect);
    }
    closedir(dp);
    printf("lint: %zu canonical deployments, %zu linted, all silent\n", canonical, linted);
    assert_true(canonical >= 3);
}

/* The canonical re-encoding (gridtypes fmt --canonical) of every corpus deployment that
 * has a hash keeps that hash, and lints without any canonical-form finding but integers
 * above 2^53 (which no encoding can change). */
static void test_canonical_encoding(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/conformance/deployments", GT_SOURCE_DIR);
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    struct dirent *de;
    size_t checked = 0;
    static const char *const form_codes[] = {"ip-not-canonical", "hex-not-lower-case", "key-case",
                                             "duplicate-key",    "null-field",         "absent-field"};
    while ((de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l <= 5 || strcmp(de->d_name + l - 5, ".json") != 0 || (l > 12 && strcmp(de->d_name + l - 12, ".expect.json") == 0))
            continue;
        char path[2048];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        char *json = gt_test_read_file(path, &len);
        gt_deployment *d;
        gt_error err;
        char before[33], after[33];
        if (gt_deployment_parse(json, len, &d, &err) != GT_OK || gt_deployment_challenge_hash_hex(d, before, &err) != GT_OK) {
            if (d)
                gt_deployment_free(d);
            free(json);
            continue;
        }
        char *canon;
        size_t clen;
        assert_int_equal(gt_deployment_encode_canonical(d, &canon, &clen, &err), GT_OK);
        gt_deployment *c;
        assert_int_equal(gt_deployment_parse(canon, clen, &c, &err), GT_OK);
        assert_int_equal(gt_deployment_challenge_hash_hex(c, after, &err), GT_OK);
        if (strcmp(before, after) != 0)
            fail_msg("%s: the canonical encoding hashes %s, not %s", de->d_name, after, before);
        gt_lint_result *r;
        assert_int_equal(gt_lint(c, &r, &err), GT_OK);
        for (size_t i = 0; i < r->n; i++)
            for (size_t k = 0; k < sizeof form_codes / sizeof form_codes[0]; k++)
                if (strcmp(r->findings[i].code, form_codes[k]) == 0)
                    fail_msg("%s: the canonical encoding still has %s at %s", de->d_name, r->findings[i].code,
                             r->findings[i].path);
        gt_lint_result_free(r);
        checked++;
        gt_deployment_free(c);
        free(canon);
        gt_deployment_free(d);
        free(json);
    }
    closedir(dp);
    printf("canonical encoding: %zu deployments, same hash, lint-clean\n", checked);
    assert_true(checked > 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_valid_deployment),
        cmocka_unit_test(test_lint_silent_on_canonical),
        cmocka_unit_test(test_canonical_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
