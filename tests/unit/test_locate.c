/* The locator (gridtypes/locate.h): JSON paths to offsets, offsets to line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gridtypes/locate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gt_locator *locator(const char *json)
{
    gt_locator *l = NULL;
    gt_error err;
    assert_int_equal(gt_locator_new(json, strlen(json), &l, &err), GT_OK);
    assert_non_null(l);
    return l;
}

/* The offset of the first occurrence of `needle` in `json` after `after` (a unique marker
 * before it), to write expectations without counting bytes by hand. */
static size_t at(const char *json, const char *after, const char *needle)
{
    const char *p = after ? strstr(json, after) : json;
    assert_non_null(p);
    const char *q = strstr(p, needle);
    assert_non_null(q);
    return (size_t)(q - json);
}

static void expect_path(gt_locator *l, const char *path, int rc, size_t offset, size_t matched)
{
    size_t off = 12345, m = 12345;
    gt_error err;
    assert_int_equal(gt_locator_path(l, path, &off, &m, &err), rc);
    assert_int_equal(off, offset);
    assert_int_equal(m, matched);
    if (rc != GT_OK)
        assert_int_equal(err.code, rc);
}

static const char doc[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"workloads\": [\n"
    "    {\"name\": \"a\", \"data\": {\"size\": 10, \"env\": {\"K\": \"v\"}}},\n"
    "    {\"name\": \"b\", \"data\": [1, [2, 3], {\"x\": \"]}\\\"\"}, 4]},\n"
    "    {\"name\": \"c\", \"data\": {\"size\": 30}}\n"
    "  ],\n"
    "  \"metadata\": \"m\"\n"
    "}\n";

static void test_paths(void **state)
{
    (void)state;
    gt_locator *l = locator(doc);
    expect_path(l, "", GT_OK, 0, 0);
    expect_path(l, "version", GT_OK, at(doc, NULL, "1,"), 7);
    expect_path(l, "workloads", GT_OK, at(doc, "\"workloads\"", "["), 9);
    expect_path(l, "workloads[0]", GT_OK, at(doc, "\"workloads\"", "{"), 12);
    expect_path(l, "workloads[2].data.size", GT_OK, at(doc, "\"c\"", "30"), 22);
    expect_path(l, "workloads[0].data.env.K", GT_OK, at(doc, "\"K\"", "\"v\""), 23);
    /* nested arrays, and a string holding brackets and an escaped quote */
    expect_path(l, "workloads[1].data[1][1]", GT_OK, at(doc, "[2, ", "3"), 23);
    expect_path(l, "workloads[1].data[3]", GT_OK, at(doc, "}, 4", "4"), 20);
    expect_path(l, "workloads[1].data[2].x", GT_OK, at(doc, "\"x\":", "\"]"), 22);
    expect_path(l, "metadata", GT_OK, at(doc, "\"metadata\"", "\"m\""), 8);
    /* the part of the path that exists */
    expect_path(l, "workloads[7].name", GT_ENOTFOUND, at(doc, "\"workloads\"", "["), 9);
    expect_path(l, "workloads[2].data.cpu", GT_ENOTFOUND, at(doc, "\"c\", \"data\"", "{\"size\": 30"), 17);
    expect_path(l, "nothing", GT_ENOTFOUND, 0, 0);
    expect_path(l, "version.x", GT_ENOTFOUND, at(doc, NULL, "1,"), 7);  /* into a number */
    expect_path(l, "workloads.name", GT_ENOTFOUND, at(doc, "\"workloads\"", "["), 9); /* name on an array */
    expect_path(l, "[0]", GT_ENOTFOUND, 0, 0);                                       /* index on an object */
    expect_path(l, "workloads[x]", GT_ENOTFOUND, at(doc, "\"workloads\"", "["), 9);  /* not an index */
    expect_path(l, "workloads[", GT_ENOTFOUND, at(doc, "\"workloads\"", "["), 9);
    expect_path(l, "workloads[99999999999999999999]", GT_ENOTFOUND, at(doc, "\"workloads\"", "["), 9);
    /* the same paths again (indexes already built), in another order */
    expect_path(l, "workloads[0].data.env.K", GT_OK, at(doc, "\"K\"", "\"v\""), 23);
    expect_path(l, "workloads[2].data.size", GT_OK, at(doc, "\"c\"", "30"), 22);
    gt_locator_free(l);
}

static void test_keys_like_go(void **state)
{
    (void)state;
    /* the last of repeated keys; an exact key before a case-folded one; escapes */
    const char *json = "{\"a\": 1, \"A\": 2, \"a\": 3, \"B\": 4, \"b\\u0063\": 5, \"\\u00e9t\\u00e9\": 6,"
                       " \"\\ud83d\\ude00\": 7, \"q\\\"\": 8}";
    gt_locator *l = locator(json);
    expect_path(l, "a", GT_OK, at(json, NULL, ": 3") + 2, 1);
    expect_path(l, "b", GT_OK, at(json, NULL, ": 4") + 2, 1);
    expect_path(l, "bc", GT_OK, at(json, NULL, ": 5") + 2, 2);
    expect_path(l, "BC", GT_OK, at(json, NULL, ": 5") + 2, 2);
    expect_path(l, "\xc3\xa9t\xc3\xa9", GT_OK, at(json, NULL, ": 6") + 2, 5);
    expect_path(l, "\xf0\x9f\x98\x80", GT_OK, at(json, NULL, ": 7") + 2, 4);
    expect_path(l, "q\"", GT_OK, at(json, NULL, " 8}") + 1, 2);
    gt_locator_free(l);
}

static void test_broken_json(void **state)
{
    (void)state;
    /* truncated inside a workload: the deepest part that exists */
    const char *json = "{\"workloads\": [{\"name\": \"a\"}, {\"name\": \"b\", \"data\": {\"size\": 1";
    gt_locator *l = locator(json);
    expect_path(l, "workloads[1].data.size", GT_OK, strlen(json) - 1, 22);
    expect_path(l, "workloads[1].data.cpu", GT_ENOTFOUND, at(json, "\"data\"", "{"), 17);
    expect_path(l, "workloads[2]", GT_ENOTFOUND, at(json, NULL, "["), 9);
    gt_locator_free(l);
    /* closers pair with the innermost open bracket whatever their kind (the '}' closes
     * "[2", the first ']' the object); junk stops a member list */
    json = "[1, {\"a\": [2}, 3] x 4, 5]";
    l = locator(json);
    expect_path(l, "[1].a[0]", GT_OK, at(json, NULL, "2"), 8);
    expect_path(l, "[1].a[1]", GT_ENOTFOUND, at(json, NULL, "[2"), 5);
    expect_path(l, "[2]", GT_ENOTFOUND, 0, 0);
    gt_locator_free(l);
    /* an unterminated string, an unterminated key, a scalar document, only whitespace */
    const char *odd[] = {"{\"a\": \"xx", "{\"a", "17", " \n ", "", "}}]]", "{\"a\":}"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        l = locator(odd[i]);
        size_t off, m;
        int rc = gt_locator_path(l, "a.b", &off, &m, NULL);
        assert_true(rc == GT_ENOTFOUND);
        assert_true(off == GT_NO_OFFSET || off <= strlen(odd[i]));
        gt_position pos;
        assert_int_equal(gt_locator_position(l, strlen(odd[i]), &pos, NULL), GT_OK);
        gt_locator_free(l);
    }
    l = locator(" \n ");
    expect_path(l, "", GT_ENOTFOUND, GT_NO_OFFSET, 0);
    gt_locator_free(l);
}

static void test_positions(void **state)
{
    (void)state;
    gt_locator *l = locator(doc);
    gt_position pos;
    gt_error err;
    assert_int_equal(gt_locator_position(l, 0, &pos, &err), GT_OK);
    assert_int_equal(pos.line, 1);
    assert_int_equal(pos.column, 1);
    size_t off = at(doc, "\"c\"", "30");
    assert_int_equal(gt_locator_position(l, off, &pos, &err), GT_OK);
    assert_int_equal(pos.line, 6);
    assert_int_equal(pos.line_start, at(doc, "\"b\"", "\n") + 1);
    assert_int_equal(pos.column, off - pos.line_start + 1);
    assert_int_equal(pos.offset, off);
    /* the newline itself belongs to its line; the end is the last (empty) line */
    size_t nl = at(doc, NULL, "\n");
    assert_int_equal(gt_locator_position(l, nl, &pos, &err), GT_OK);
    assert_int_equal(pos.line, 1);
    assert_int_equal(pos.column, 2);
    assert_int_equal(gt_locator_position(l, strlen(doc), &pos, &err), GT_OK);
    assert_int_equal(pos.line, 10);
    assert_int_equal(pos.column, 1);
    assert_int_equal(gt_locator_position(l, strlen(doc) + 1, &pos, &err), GT_EARG);
    /* errors: an offset wins, else the path */
    gt_error e;
    gt_error_clear(&e);
    e.offset = off;
    strcpy(e.path, "version");
    assert_int_equal(gt_locator_error(l, &e, &pos), GT_OK);
    assert_int_equal(pos.offset, off);
    e.offset = GT_NO_OFFSET;
    assert_int_equal(gt_locator_error(l, &e, &pos), GT_OK);
    assert_int_equal(pos.offset, at(doc, NULL, "1,"));
    assert_int_equal(pos.line, 2);
    e.path[0] = '\0';
    assert_int_equal(gt_locator_error(l, &e, &pos), GT_ENOTFOUND);
    gt_locator_free(l);
}

static void test_arguments(void **state)
{
    (void)state;
    gt_locator *l = (gt_locator *)1;
    gt_error err;
    assert_int_equal(gt_locator_new(NULL, 1, &l, &err), GT_EARG);
    assert_null(l);
    assert_int_equal(gt_locator_new("x", 1, NULL, &err), GT_EARG);
    assert_int_equal(gt_locator_new("x", GT_LOCATE_MAX_INPUT + 1, &l, &err), GT_ELIMIT);
    assert_null(l);
    assert_int_equal(gt_locator_new(NULL, 0, &l, &err), GT_OK);
    size_t off;
    assert_int_equal(gt_locator_path(l, NULL, &off, NULL, &err), GT_EARG);
    assert_int_equal(gt_locator_path(l, "", &off, NULL, &err), GT_ENOTFOUND);
    gt_locator_free(l);
    gt_locator_free(NULL);
}

/* Shapes that made path walking costly before: 10,000 levels of nesting resolved down to
 * the bottom, and an object of 100,000 keys asked for each of them. The answers are
 * checked; the cost is in bench/ ("locate"). */
static void test_deep_and_wide(void **state)
{
    (void)state;
    size_t depth = 10000;
    char *deep = malloc(2 * depth + 2);
    char *path = malloc(3 * depth + 1);
    assert_non_null(deep);
    assert_non_null(path);
    for (size_t i = 0; i < depth; i++) {
        deep[i] = '[';
        deep[depth + 1 + i] = ']';
        memcpy(path + 3 * i, "[0]", 3);
    }
    deep[depth] = '7';
    deep[2 * depth + 1] = '\0';
    path[3 * depth] = '\0';
    gt_locator *l = locator(deep);
    for (size_t k = depth; k > 0; k -= 1000) {
        char saved = path[3 * k];
        path[3 * k] = '\0'; /* k levels down */
        size_t off, m;
        assert_int_equal(gt_locator_path(l, path, &off, &m, NULL), GT_OK);
        assert_int_equal(off, k);
        assert_int_equal(m, 3 * k);
        path[3 * k] = saved;
    }
    gt_locator_free(l);
    free(deep);
    free(path);

    size_t n = 100000;
    char *wide = malloc(n * 24 + 16);
    size_t *value_at = malloc(n * sizeof *value_at); /* by key number */
    assert_non_null(wide);
    assert_non_null(value_at);
    size_t len = 0;
    wide[len++] = '{';
    for (size_t i = 0; i < n; i++) {
        size_t k = (i * 7919) % n;
        len += (size_t)sprintf(wide + len, "%s\"k%zu\": ", i ? ", " : "", k);
        value_at[k] = len;
        len += (size_t)sprintf(wide + len, "%zu", i);
    }
    wide[len++] = '}';
    wide[len] = '\0';
    l = locator(wide);
    for (size_t k = 0; k < n; k++) {
        char key[32];
        snprintf(key, sizeof key, "%c%zu", k % 2 ? 'k' : 'K', k); /* half of them folded */
        size_t off;
        assert_int_equal(gt_locator_path(l, key, &off, NULL, NULL), GT_OK);
        assert_int_equal(off, value_at[k]);
    }
    free(value_at);
    gt_locator_free(l);
    free(wide);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_keys_like_go),
        cmocka_unit_test(test_broken_json),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_deep_and_wide),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
