#define _POSIX_C_SOURCE 200809L
/* Inputs built against the tables: names and keys chosen so that their hashes share the
 * bits a table uses, for the hash the library used before (unkeyed FNV-1a, whose low bits
 * depend only on the low bits of its state) and for SipHash under a known key (what an
 * attacker who knows the algorithm but not this process's key can compute). Each case
 * compares, in one run, the cost of such a set with the cost of random names or keys of
 * the same count and length: the ratio must stay small (with FNV-1a it was in the
 * hundreds). Also: the costs that used to grow with the square of the input (upgrade
 * warnings, zlogs references) grow linearly, measured the same way (4n against n).
 * Ratios of times taken in one run, the best of several, never a wall-clock limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "gridtypes/deployment.h"
#include "gridtypes/diagnose.h"

#include "hostile.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NAME_LEN HOSTILE_NAME_LEN
#define RUNS 7
#define MAX_RATIO 4.0

/* ---- sets of names (bench/hostile.c) ---- */

static const char *const kind_name[] = {"random", "FNV-1a colliding", "SipHash-1-3 (known key) colliding"};

/* ---- documents ---- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        assert_true(n >= 0);
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + (size_t)n + 1024;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
}

static gt_deployment *parse(const buf *b)
{
    gt_deployment *d = NULL;
    gt_error e;
    gt_parse_options opts = {b->len + 1, 0};
    if (gt_deployment_parse_ex(b->p, b->len, &opts, &d, &e) != GT_OK)
        fail_msg("parse: %s", e.message);
    return d;
}

/* n zmount workloads with the given names (version v; metadata m) in a deployment of
 * version dv. */
static buf disks(const char *nm, size_t n, uint32_t dv, uint32_t v, const char *m)
{
    buf b = {NULL, 0, 0};
    put(&b, "{\"version\":%u,\"twin_id\":1,\"contract_id\":1,\"workloads\":[", dv);
    for (size_t i = 0; i < n; i++)
        put(&b, "%s{\"version\":%u,\"name\":\"%s\",\"type\":\"zmount\",\"metadata\":\"%s\",\"data\":{\"size\":1}}",
            i ? "," : "", v, nm + i * (NAME_LEN + 1), m);
    put(&b, "]}");
    return b;
}

/* a zmachine-light whose env has the given keys */
static buf env(const char *keys, size_t n)
{
    buf b = {NULL, 0, 0};
    put(&b, "{\"version\":1,\"workloads\":[{\"version\":1,\"name\":\"vm\",\"type\":\"zmachine-light\",\"data\":"
            "{\"flist\":\"f\",\"env\":{");
    for (size_t i = 0; i < n; i++)
        put(&b, "%s\"%s\":\"v\"", i ? "," : "", keys + i * (NAME_LEN + 1));
    put(&b, "}}}]}");
    return b;
}

/* ---- timing ---- */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef double (*measure_fn)(const char *names, size_t n);

/* Measures f on each set in turn, RUNS rounds, and keeps the best time of each: a busy
 * moment of the machine then hits the sets alike rather than one of them. */
static void best_of(measure_fn f, char *const *sets, const size_t *n, int nsets, double *out)
{
    for (int k = 0; k < nsets; k++)
        out[k] = 1e30;
    for (int r = 0; r < RUNS; r++) {
        for (int k = 0; k < nsets; k++) {
            double t = f(sets[k], n[k]);
            if (t < out[k])
                out[k] = t;
        }
        for (int k = 1; k < nsets; k++)
            if (out[k] > 50 * out[0])
                return; /* no later round can make this pass: spare the time */
    }
}

static void expect_flat(const char *what, measure_fn f, size_t n)
{
    char *sets[3] = {hostile_names(n, HOSTILE_RANDOM), hostile_names(n, HOSTILE_FNV),
                     hostile_names(n, HOSTILE_SIPHASH)};
    size_t counts[3] = {n, n, n};
    double t[3];
    best_of(f, sets, counts, 3, t);
    for (int k = HOSTILE_FNV; k <= HOSTILE_SIPHASH; k++) {
        double ratio = t[k] / t[HOSTILE_RANDOM];
        printf("  %s, %zu %s names: %.2f ms, random %.2f ms, ratio %.2f\n", what, n, kind_name[k], t[k] * 1e3,
               t[HOSTILE_RANDOM] * 1e3, ratio);
        if (ratio > MAX_RATIO)
            fail_msg("%s: %s names cost %.1f times random ones (at most %.1f)", what, kind_name[k], ratio, MAX_RATIO);
    }
    for (int k = 0; k < 3; k++)
        free(sets[k]);
}

/* ---- the operations ---- */

static double time_valid(const char *nm, size_t n)
{
    buf b = disks(nm, n, 1, 1, "");
    gt_deployment *d = parse(&b);
    gt_error e;
    double t = now();
    int rc = gt_deployment_valid(d, &e);
    t = now() - t;
    if (rc != GT_OK)
        fail_msg("valid: %s", e.message);
    gt_deployment_free(d);
    free(b.p);
    return t;
}

static double time_upgrade(const char *nm, size_t n)
{
    buf a = disks(nm, n, 1, 1, ""), b = disks(nm, n, 2, 2, "");
    gt_deployment *cur = parse(&a), *next = parse(&b);
    gt_upgrade_op *ops;
    size_t nops;
    gt_error e;
    double t = now();
    int rc = gt_deployment_upgrade(cur, next, &ops, &nops, &e);
    t = now() - t;
    if (rc != GT_OK)
        fail_msg("upgrade: %s", e.message);
    assert_int_equal(nops, n);
    free(ops);
    gt_deployment_free(cur);
    gt_deployment_free(next);
    free(a.p);
    free(b.p);
    return t;
}

static double time_env(const char *keys, size_t n)
{
    buf b = env(keys, n);
    double total = 0;
    for (int k = 0; k < 4; k++) { /* a parse is short: four make one measurement */
        double t = now();
        gt_deployment *d = parse(&b);
        total += now() - t;
        gt_deployment_free(d);
    }
    free(b.p);
    return total;
}

static void test_names_in_validation(void **state)
{
    (void)state;
    expect_flat("Deployment.Valid", time_valid, 50000);
}

static void test_names_in_upgrade(void **state)
{
    (void)state;
    expect_flat("Deployment.Upgrade", time_upgrade, 50000);
}

static void test_map_keys(void **state)
{
    (void)state;
    expect_flat("parse of an env map", time_env, 50000);
}

/* ---- linear growth ---- */

/* Sanitizers change what memory costs (shadow bytes, quarantined frees), so a size ratio
 * measured under them says little about the library: those builds run the operations and
 * check their answers, and report the ratio's judgement skipped. The plain build judges it. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define RATIOS_SKEWED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define RATIOS_SKEWED 1
#endif
#endif
#ifndef RATIOS_SKEWED
#define RATIOS_SKEWED 0
#endif

/* n stays small enough that both sizes live in the caches (larger deployments cost more
 * per workload for the memory alone). */
static void expect_linear(const char *what, measure_fn f, size_t n)
{
    char *sets[2] = {hostile_names(n, HOSTILE_RANDOM), hostile_names(4 * n, HOSTILE_RANDOM)};
    size_t counts[2] = {n, 4 * n};
    double t[2];
    best_of(f, sets, counts, 2, t);
    double ratio = t[1] / t[0];
    printf("  %s: %zu items %.2f ms, %zu items %.2f ms, ratio %.2f (4 when linear)\n", what, n, t[0] * 1e3, 4 * n,
           t[1] * 1e3, ratio);
    free(sets[0]);
    free(sets[1]);
    if (RATIOS_SKEWED) {
        printf("  %s: the ratio is not judged in a sanitized build (skipped)\n", what);
        skip();
    }
    if (ratio > 2 * 4.0)
        fail_msg("%s: 4 times the input costs %.1f times as much", what, ratio);
}

/* Workloads kept at version 1 in an update to version 2, with changed metadata: each one
 * is warned about. */
static double time_warnings(const char *nm, size_t n)
{
    buf a = disks(nm, n, 1, 1, "old"), b = disks(nm, n, 2, 1, "new");
    gt_deployment *cur = parse(&a), *next = parse(&b);
    gt_upgrade_warning *w;
    size_t nw;
    gt_error e;
    double t = now();
    int rc = gt_deployment_upgrade_warnings(cur, next, &w, &nw, &e);
    t = now() - t;
    assert_int_equal(rc, GT_OK);
    assert_int_equal(nw, n);
    assert_int_equal(w[n - 1].old_index, n - 1);
    free(w);
    gt_deployment_free(cur);
    gt_deployment_free(next);
    free(a.p);
    free(b.p);
    return t;
}

/* One zmachine and n zlogs streaming its logs: each zlogs looks its zmachine up. */
static double time_zlogs(const char *nm, size_t n)
{
    buf b = {NULL, 0, 0};
    put(&b, "{\"version\":1,\"workloads\":[");
    for (size_t i = 0; i < n; i++)
        put(&b, "{\"version\":1,\"name\":\"%s\",\"type\":\"zlogs\",\"data\":{\"zmachine\":\"vm\",\"output\":\"ws://a\"}},",
            nm + i * (NAME_LEN + 1));
    put(&b, "{\"version\":1,\"name\":\"vm\",\"type\":\"zmachine\",\"data\":{\"flist\":\"f\",\"network\":{\"interfaces\":"
            "[{\"network\":\"n\",\"ip\":\"10.1.1.2\"}]},\"compute_capacity\":{\"cpu\":1,\"memory\":268435456}}}]}");
    gt_deployment *d = parse(&b);
    gt_error e;
    double t = now();
    int rc = gt_deployment_valid(d, &e);
    t = now() - t;
    /* the zmachine's network is not in the deployment: validation gets to it last */
    if (rc != GT_OK && strncmp(e.path, "workloads[", 10) == 0 && atol(e.path + 10) < (long)n)
        fail_msg("valid: %s at %s", e.message, e.path);
    gt_deployment_free(d);
    free(b.p);
    return t;
}

/* n zmachines, each with its own public IP workload written after all the VMs: lint looks
 * each reference up by name. */
static double time_lint(const char *nm, size_t n)
{
    buf b = {NULL, 0, 0};
    put(&b, "{\"version\":1,\"twin_id\":1,\"workloads\":[");
    for (size_t i = 0; i < n; i++)
        put(&b, "{\"version\":1,\"name\":\"v%.*s\",\"type\":\"zmachine\",\"data\":{\"flist\":\"f\",\"network\":"
                "{\"public_ip\":\"%s\",\"interfaces\":[]},\"compute_capacity\":{\"cpu\":1,\"memory\":268435456}}},",
            NAME_LEN - 1, nm + i * (NAME_LEN + 1), nm + i * (NAME_LEN + 1));
    for (size_t i = 0; i < n; i++)
        put(&b, "{\"version\":1,\"name\":\"%s\",\"type\":\"ip\",\"data\":{\"v4\":true}}%s",
            nm + i * (NAME_LEN + 1), i + 1 < n ? "," : "");
    put(&b, "]}");
    gt_deployment *d = parse(&b);
    gt_lint_result *r = NULL;
    gt_error e;
    double t = now();
    int rc = gt_lint(d, &r, &e);
    t = now() - t;
    assert_int_equal(rc, GT_OK);
    gt_lint_result_free(r);
    gt_deployment_free(d);
    free(b.p);
    return t;
}

static void test_linear_lint(void **state)
{
    (void)state;
    expect_linear("lint of VMs referring to public IPs", time_lint, 2500);
}

static void test_linear_warnings(void **state)
{
    (void)state;
    expect_linear("Deployment upgrade warnings", time_warnings, 2500);
}

static void test_linear_zlogs(void **state)
{
    (void)state;
    expect_linear("Deployment.Valid of zlogs", time_zlogs, 2500);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_in_validation),
        cmocka_unit_test(test_names_in_upgrade),
        cmocka_unit_test(test_map_keys),
        cmocka_unit_test(test_linear_warnings),
        cmocka_unit_test(test_linear_zlogs),
        cmocka_unit_test(test_linear_lint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
